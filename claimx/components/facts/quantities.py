"""Quantities in claims: "over 200", "some nine", "between 10 and 15", "scores", "1,600-mile".

``QuantityFinder`` reads tokens, POS, dependencies, lemmas and entities and writes
``doc.spans["claimx_quantities"]``; each span carries its value, bounds, unit, subject and event
in ``span._.claimx_*``. Every word list and label set lives in models/quantities.json; the single
labels still tested inline (a number's ``nummod``/``compound`` head, a ``poss`` owner, a ``det``
quantifier) are how the code reads a counted phrase, not rules to tune.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.components.facts.counted import CountedThings, Found
from claimx.components.facts.numbers import (
    HYPHENS,
    Lower,
    build_quantity_rules,
    digit_range,
    number_run,
    scaled,
)
from claimx.components.facts.quantity_events import EventReader, build_event_rules
from claimx.components.keys import QUANTITIES_KEY, QUANTITY_EXTENSIONS
from claimx.components.serialize import RuleFile, Rules, RuleSerializer
from claimx.rules.quantities import QuantityGrammar

QUANTITIES_FILE = RuleFile("quantities.json", "quantities")


def register_extensions() -> None:
    for name, default in QUANTITY_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


class QuantityFinder(RuleSerializer):
    """Mark quantity expressions.

    Reads tokens, POS, dependencies, lemmas and entities; writes ``doc.spans["claimx_quantities"]``
    (label: count, range, lower, upper or vague) with value, bounds, unit, subject and event in
    the ``span._.claimx_*`` extensions. Rules: models/quantities.json, or
    ``{"quantities": {...}}`` in config.
    """

    RULE_FILES = (QUANTITIES_FILE,)

    def __init__(
        self, nlp: Language, name: str = QUANTITIES_KEY, rules: Mapping | None = None
    ) -> None:
        register_extensions()
        self.name = name
        self.set_rules(rules)

    def use_rules(self, data: Rules) -> None:
        self.data = data[QUANTITIES_FILE.key]
        self.rules = build_quantity_rules(self.data)
        self.events = EventReader(build_event_rules(self.data))
        self.counted_things = CountedThings(self.rules, self.events)
        self.anchors = frozenset(
            {*self.rules.numbers.scales, *self.rules.vague, *self.rules.zero_words}
        )

    def rule_data(self) -> Rules:
        return {QUANTITIES_FILE.key: self.data}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Found]:
        texts = Lower(doc)
        found: list[Found] = []
        for i in self.anchor_tokens(doc):
            floor = found[-1].end if found else 0
            if i < floor:
                continue
            item = self.read(doc, texts, i, floor)
            if item is not None and not self.skipped(doc, item):
                self.counted_things.describe(doc, item)
                if item.unit not in self.rules.not_counts and self.kept(item):
                    found.append(item)
        self.events.inherit(doc, found)
        return found

    def kept(self, item: Found) -> bool:
        # "no casualties", "no soldiers were killed" count zero; "no plans" counts nothing.
        return item.label != "zero" or item.event is not None

    def anchor_tokens(self, doc: Doc) -> list[int]:
        """Tokens a quantity can start from: numbers, scale and vague words, "10–15"."""
        # A plain loop: measured 0.3 ms per article against 1.4 ms for the equivalent Matcher.
        anchors = self.anchors
        return [t.i for t in doc if t.like_num or t.lower_ in anchors or t.text[:1].isdigit()]

    def read(self, doc: Doc, texts: Lower, i: int, floor: int) -> Found | None:
        item = None
        if texts[i] in self.rules.zero_words:
            return self.read_zero(doc, i)
        if texts[i] in self.rules.vague and not owned(doc[i]):
            item = self.read_vague(doc, texts, i)
        if item is None:
            item = self.read_number(doc, texts, i, floor)
        if item is not None:
            self.read_affixes(doc, texts, item, floor)
        return item

    def read_zero(self, doc: Doc, i: int) -> Found | None:
        """ "no casualties": a determiner of a plural noun reads as zero (kept only with an event)."""
        token = doc[i]
        head = token.head
        if token.dep_ != "det" or head.i <= i or head.tag_ not in self.rules.grammar.plural_tags:
            return None
        return Found(i, i + 1, i, i + 1, value=0.0, label="zero")

    def read_vague(self, doc: Doc, texts: Lower, i: int) -> Found | None:
        """ "several", "a handful", "dozens", "hundreds of thousands", "a few hundred"."""
        scales = self.rules.numbers.scales
        for vague in self.rules.vague[texts[i]]:
            start = i - len(vague.words) + 1
            if start < 0 or tuple(texts[start : i + 1]) != vague.words:
                continue
            end, factor, plural = i + 1, 1.0, None
            nxt = texts[end] if end < len(texts) else ""
            if nxt in scales:
                end, factor = end + 1, scales[nxt]
                plural = self.plural_low(factor)  # "several dozen" reads as "dozens"
            elif nxt == "of" and end + 1 < len(texts) and texts[end + 1] in scales:
                end, factor = end + 2, scales[texts[end + 1]]  # "a couple of hundred"
            elif nxt == "of" and end + 1 < len(texts):
                follow = [v for v in self.rules.vague.get(texts[end + 1], ()) if v.scale]
                if follow:
                    end, factor = end + 2, follow[0].scale or 1.0
            if vague.needs_of and end == i + 1 and nxt != "of" and not self.after_event(doc, start):
                continue
            return Found(
                start,
                end,
                start,
                end,
                scaled(vague.value, factor),
                plural
                if plural is not None and vague.low is not None
                else scaled(vague.low, factor),
                scaled(vague.high, factor),
                approximate=True,
                label="vague",
            )
        return None

    def plural_low(self, scale: float) -> float | None:
        """The least a vague word before a scale means: that of the scale's plural ("hundreds")."""
        for entries in self.rules.vague.values():
            for entry in entries:
                if entry.scale == scale and entry.low is not None:
                    return entry.low
        return None

    def after_event(self, doc: Doc, start: int) -> bool:
        """ "injured scores": an event word before a vague word makes it a count without "of"."""
        return start > 0 and self.events.lead_event(doc, start) is not None

    def read_number(self, doc: Doc, texts: Lower, i: int, floor: int) -> Found | None:
        """Digits or number words, and a range they open ("10 to 15", "between 10 and 15")."""
        words = self.rules.numbers
        token = doc[i]
        if token.is_alpha and token.pos_ != "NUM" and texts[i] not in words.scales:
            return None  # "no one", "the one who"
        pair = digit_range(texts[i])
        if pair:
            return Found(i, i + 1, i, i + 1, low=pair[0], high=pair[1], label="range")
        start, run = i, None
        if i - 1 >= floor and texts[i - 1] in words.articles:
            start, run = i - 1, number_run(words, texts, i - 1)  # "a dozen"
        if run is None:
            start, run = i, number_run(words, texts, i)
        if run is None:
            return None
        end, value = run
        item = Found(start, end, start, end, value=value)
        self.read_range(texts, item, floor)
        return item

    def read_range(self, texts: Lower, item: Found, floor: int) -> None:
        rules, words = self.rules, self.rules.numbers
        start, end = item.start, item.end
        opener = texts[start - 1] if start - 1 >= floor else ""
        joint = texts[end] if end < len(texts) else ""
        if rules.openers.get(opener) == joint:
            start -= 1
        elif joint not in rules.connectors or opener in rules.blockers:
            return
        second = number_run(words, texts, end + 1) if end + 1 < len(texts) else None
        if second is None or item.value is None:
            return
        low, high = item.value, second[1]
        scale = words.scales.get(texts[second[0] - 1])
        if scale and texts[item.end - 1] not in words.scales and low * scale <= high:
            low *= scale  # "between 1 and 2 million"
        if low >= high:
            return
        item.start, item.end, item.core_end = start, second[0], second[0]
        item.value, item.low, item.high, item.label = None, low, high, "range"
        item.approximate = rules.connectors.get(joint, False)

    def read_affixes(self, doc: Doc, texts: Lower, item: Found, floor: int) -> None:
        """Currency and percent signs, "1,600-mile", then approximators on either side."""
        rules = self.rules
        if item.start - 1 >= floor and texts[item.start - 1] in rules.symbols:
            item.start -= 1
            item.unit = rules.symbols[texts[item.start]]
        end = item.end
        if end < len(doc) and texts[end] in rules.symbols and not doc[end].is_alpha:
            item.end, item.unit = end + 1, rules.symbols[texts[end]]
        elif (
            end + 1 < len(doc)
            and texts[end] in HYPHENS
            and doc[end + 1].pos_ in self.rules.grammar.noun_pos
        ):
            item.end, item.measure = end + 2, end + 1
        for _ in range(2):  # "at least some 20" stacks two
            if not self.apply_approximator(texts, item, floor, before=True):
                break
        self.apply_approximator(texts, item, floor, before=False)

    def apply_approximator(self, texts: Lower, item: Found, floor: int, before: bool) -> bool:
        table = self.rules.before if before else self.rules.after
        for size in (3, 2, 1):
            lo, hi = (item.start - size, item.start) if before else (item.end, item.end + size)
            if lo < floor or hi > len(texts):
                continue
            entry = table.get(tuple(texts[lo:hi]))
            if entry is None:
                continue
            item.start, item.end = min(item.start, lo), max(item.end, hi)
            item.approximate = item.approximate or entry.approximate
            if entry.bound and item.value is not None:
                setattr(item, entry.bound, item.value)
                item.label = "lower" if entry.bound == "low" else "upper"
                # "almost 60" is both about 60 and at most 60: it keeps its value.
                item.value = item.value if entry.keep_value else None
            return True
        return False

    def skipped(self, doc: Doc, item: Found) -> bool:
        """Dates, times, ages, years, numbered names ("Flight 370") phone numbers, ISO dates and clock times."""
        core = doc[item.core_start : item.core_end]
        root = core.root
        # Masks are searched near the number: doc.text costs more than the whole finder.
        window = doc[max(0, item.core_start - 6) : item.core_end + 6]
        low, high = core.start_char - window.start_char, core.end_char - window.start_char
        if any(m.start() < high and low < m.end() for m in self.rules.masks.finditer(window.text)):
            return True
        named = root.ent_type_ in self.rules.skip_labels and not self.bare_entity(doc, item, root.i)
        if named and not (
            root.ent_type_ in self.rules.name_labels
            and counts_after_entity(root, self.rules.grammar)
        ):
            return True
        if self.year_like(core, root):
            return True
        before = doc[max(0, item.core_start - 2) : item.core_start]
        # "No. 2" may be tokenized "No" "." or "No."
        if {before.text.lower(), before[-1:].text.lower()} & self.rules.identifier_before:
            return True
        head = root.head
        # "Flight 370" names a thing; a number word after a noun ("in Syria nine near Kobani",
        # text without commas) does not.
        numbered = root.dep_ in ("nummod", "compound") and head.i < item.start
        return numbered and head.pos_ in self.rules.grammar.noun_pos and not core.text.isalpha()

    def bare_entity(self, doc: Doc, item: Found, i: int) -> bool:
        """Whether the entity around token i is only this quantity (NER tags "stood at 46" DATE)."""
        start, end = i, i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return start >= item.start and end <= item.end

    def year_like(self, core: Span, root: Token) -> bool:
        """A bare four-digit integer in the year range, unless it counts a following noun."""
        text = core.text
        if len(core) != 1 or len(text) != 4 or not text.isdigit():
            return False
        low, high = self.rules.years
        head = root.head
        counts = (
            root.dep_ == "nummod"
            and head.i > root.i
            and head.tag_ in self.rules.grammar.plural_tags
        )
        return low <= int(text) <= high and not counts

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        spans = []
        for item in found:
            span = Span(doc, item.start, item.end, label=item.label)
            values = (item.value, item.low, item.high, item.approximate, item.unit)
            subject = item.extra.get("subject")
            for name, value in zip(
                QUANTITY_EXTENSIONS, (*values, subject, item.event), strict=True
            ):
                span._.set(name, value)
            spans.append(span)
        doc.spans[QUANTITIES_KEY] = spans


def owned(token: Token) -> bool:
    """ "team scores", "their hundreds": a possessed or compounded plural is a noun, not a count."""
    return any(child.dep_ in ("compound", "poss") for child in token.children)


def counts_after_entity(root: Token, grammar: QuantityGrammar) -> bool:
    """ "Daraa 16 civilians": NER may fold a count into the name before it; the number still
    counts a plural noun outside the entity ("the past 16 days" keeps "days" inside its DATE)."""
    head = root.head
    outside = head.ent_iob_ != "I" or head.ent_type_ != root.ent_type_
    return (
        root.dep_ == "nummod" and head.i > root.i and head.tag_ in grammar.plural_tags and outside
    )
