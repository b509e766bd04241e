"""Contradicting claims: different sources giving different numbers for the same thing.

Counts are indexed by event group (killed, wounded, captured ...), then gathered into topics: a
count joins the first topic of its event group whose side (the country, group or kind of people
the counted people belong to), unit group, places, dates and order of magnitude it fits. A topic
is a conflict when two voices give different numbers: two speakers, or one speaker and the same
speaker's revised toll ("had earlier reported eight"). "Its own soldiers" belongs to the
speaker's side; "no casualties" is a zero that contradicts any count of dead or wounded. Vague
words ("dozens") and parts of another count ("including two children", "15 others") are left out.
A pure function of the Doc and its claims; the rules are models/conflicts.json.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from claimx.claims.conflict_dates import Span as Days
from claimx.claims.conflict_dates import overlap, periods, recent
from claimx.components.keys import ACTORS_KEY, PUBLISHED_EXT, QUANTITIES_KEY
from claimx.records import Claim, Conflict, Quantity
from claimx.rules.conflicts import ConflictRules, conflict_rules, country_adjectives, origin_words

# The generic group of a count with no noun ("58 were wounded", "a toll of eight").
ANY = "*"


@dataclass(frozen=True)
class Count:
    """One comparable figure: its claim and voice, and what it counts where and when."""

    claim: Claim
    value: float
    speaker: frozenset[str]
    revised: bool
    rival: bool
    subject: str
    side: str | None
    group: str
    places: frozenset[str] = frozenset()
    dates: frozenset[Days] = frozenset()


@dataclass
class Topic:
    """Counts that may be about the same thing, with what is known of that thing so far."""

    counts: list[Count] = field(default_factory=list)
    sides: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    dates: set[Days] = field(default_factory=set)
    values: set[float] = field(default_factory=set)


def side_name(actor: Span, rules: ConflictRules) -> str:
    """The country or group an actor stands for ("Government of Pakistan" → Pakistan)."""
    name = actor.kb_id_ or actor.text
    if name.startswith(rules.government_prefix) and name.endswith(rules.government_suffix):
        name = name[len(rules.government_prefix) : len(name) - len(rules.government_suffix)]
    return name


class Sides:
    """Side-naming actors of a document, sorted by position, looked up by character range."""

    def __init__(self, doc: Doc, rules: ConflictRules) -> None:
        actors = [a for a in doc.spans.get(ACTORS_KEY, ()) if a.label_ in rules.side_labels]
        self.actors = sorted(actors, key=lambda a: a.start_char)
        self.starts = [a.start_char for a in self.actors]
        self.rules = rules

    def between(self, start: int, end: int) -> Span | None:
        i = bisect_left(self.starts, start)
        if i < len(self.actors) and self.actors[i].end_char <= end:
            return self.actors[i]
        return None


def quantity_side(
    sides: Sides, text: str, claim: Claim, quantity: Quantity
) -> tuple[str | None, bool]:
    """The side of the counted things, and whether an actor names the counted noun itself
    ("four Americans")."""
    rules = sides.rules
    subject = (quantity.subject or "").lower()
    if any(marker in subject for marker in rules.own_markers):
        speaker = claim.speaker
        actor = sides.between(speaker.start, speaker.end) if speaker else None
        return (side_name(actor, rules) if actor is not None else None), False
    if not quantity.subject:
        return None, False
    end = text.find(quantity.subject, quantity.end)
    if end < 0 or end - quantity.end > 20:
        return None, False
    actor = sides.between(quantity.start, end + len(quantity.subject))
    if actor is None:
        return None, False
    return side_name(actor, rules), actor.end_char >= end + len(quantity.subject)


def representative(quantity: Quantity) -> float | None:
    for number in (quantity.value, quantity.low, quantity.high):
        if number is not None:
            return number
    return None


def words(text: str) -> list[str]:
    return [w.strip(".,;:\"'“”’").lower() for w in text.split()]


class Reader:
    """Turns the quantities of a document's claims into comparable counts."""

    def __init__(self, doc: Doc, rules: ConflictRules) -> None:
        self.doc, self.rules = doc, rules
        self.text = doc.text  # built from every token on each access: once per document
        self.sides = Sides(doc, rules)
        published = doc._.get(PUBLISHED_EXT) if Doc.has_extension(PUBLISHED_EXT) else None
        self.recent = recent(published, rules.recent_days)
        # Vague counts ("dozens") are labelled on the quantity spans, not in the records.
        self.vague = {
            (s.start_char, s.end_char)
            for s in doc.spans.get(QUANTITIES_KEY, ())
            if s.label_ == "vague"
        }

    def counts(self, claim: Claim) -> list[tuple[str, Count]]:
        """(event group, count) for each comparable quantity of a claim."""
        if claim.speaker is None:
            return []
        found = []
        speaker = self.speaker_words(claim)
        revised, rival = self.markers(claim)
        places, dates = frozenset(place_keys(claim)), self.when(claim)
        for quantity in claim.quantities:
            number = representative(quantity)
            if number is None or quantity.event is None or self.left_out(quantity):
                continue
            side, named = quantity_side(self.sides, self.text, claim, quantity)
            zero = number == 0 and quantity.event in self.rules.zero_events
            group = ANY if zero else self.group(quantity, named)  # "no casualties" of anyone
            if group is None:
                continue
            # A speaker's earlier figure is a toll ("a toll of eight"), not another incident.
            again = revised and (rival or not quantity.subject)
            subject = quantity.subject or ""
            count = Count(claim, number, speaker, again, rival, subject, side, group, places, dates)
            found += [(event, count) for event in self.event_groups(quantity.event, number)]
        return found

    def when(self, claim: Claim) -> frozenset[Days]:
        """The days the content dates cover, else the days around publication. A count cannot
        be of days after publication: such a date is a dateline that disagrees with the given
        publication date (scraped corpora), so it says nothing about the incident."""
        latest = max((days[1] for days in self.recent), default=None)
        known = periods(content_dates(claim))
        if latest is not None:
            known = frozenset(days for days in known if days[0] <= latest)
        return known or self.recent

    def group(self, quantity: Quantity, named: bool) -> str | None:
        """The unit group; a count with no noun is of anyone, a demonym ("Americans") of people."""
        if quantity.unit is None:
            return ANY
        group = self.rules.unit_groups.get(quantity.unit) or self.rules.unit_groups.get(
            quantity.unit.lower()
        )
        if group is None and named:
            return self.rules.unit_groups.get("people")
        return group

    def event_groups(self, event: str, number: float) -> tuple[str, ...]:
        """ "no casualties" denies deaths and wounds alike; other counts keep their own event."""
        if number == 0 and event in self.rules.zero_events:
            return self.rules.zero_events[event]
        return (self.rules.event_groups.get(event, event),)

    def left_out(self, quantity: Quantity) -> bool:
        """Vague words and parts of another count: "dozens", "15 others", "including two"."""
        if (quantity.start, quantity.end) in self.vague:
            return True
        after = words(self.text[quantity.end : quantity.end + 12])[:1]
        subject = words(quantity.subject or "")[:1]
        if set(after + subject) & self.rules.part_words:
            return True
        before = words(self.text[max(0, quantity.start - 12) : quantity.start])[-1:]
        if set(before) & self.rules.part_markers:
            return True
        # "five children were among those killed": a part named before the whole.
        end = quantity.end + len(quantity.subject or "") + 1
        return bool(set(words(self.text[end : end + 16])[:2]) & self.rules.part_markers)

    def speaker_words(self, claim: Claim) -> frozenset[str]:
        """The distinctive words of a speaker's name: "British-based Observatory" and "Syrian
        Observatory for Human Rights" share "observatory" once places of origin are dropped."""
        all_words = words(name_of(claim))
        stop, origins = self.rules.speaker_stopwords, origin_words()
        kept = frozenset(
            w
            for w in all_words
            if w not in stop and w not in origins and not w.endswith(self.rules.origin_suffixes)
        )
        return kept or frozenset(all_words)

    def markers(self, claim: Claim) -> tuple[bool, bool]:
        """Whether the claim's sentence, outside the content, marks a figure the speaker revised
        ("Barazi had earlier reported"), and whether the sentence speaks of rival figures
        ("gave a death toll of 12", "the same death toll but")."""
        rules, sentence = self.rules, claim.sentence
        outside = (
            self.text[sentence.start : claim.start] + " " + self.text[claim.end : sentence.end]
        )
        revised = bool(set(words(outside)) & rules.revision_markers)
        rival = bool(set(words(self.text[sentence.start : sentence.end])) & rules.rival_markers)
        return revised, rival


def place_keys(claim: Claim) -> set[str]:
    """Towns, regions and sites named in the claim. Countries are left out: they name actors as
    often as places ("missiles fired by Iran", "U.S. service members")."""
    return {loc.name for loc in claim.locations if loc.kind != "country"}


def content_dates(claim: Claim) -> set[str]:
    """Dates inside the content: when the counted thing happened, not when it was said."""
    return {d.date for d in claim.dates if d.date and claim.start <= d.start and d.end <= claim.end}


def places_fit(ours: set | frozenset, theirs: set | frozenset) -> bool:
    """Unknown places fit; named ones must share a name ("Aleppo" is not "Idlib")."""
    return not ours or not theirs or bool(set(ours) & set(theirs))


def fits(topic: Topic, count: Count, rules: ConflictRules) -> bool:
    # Sides must agree outright: "19 people" is no rival of "four Americans".
    if topic.counts and (count.side is None) != (not topic.sides):
        return False
    if count.side and topic.sides and count.side not in topic.sides:
        return False
    if count.group != ANY and not all(
        g == ANY or g == count.group or g in rules.comparable.get(count.group, ())
        for g in topic.groups
    ):
        return False
    if not places_fit(count.places, topic.places) or not overlap(count.dates, topic.dates):
        return False
    # A national total and one town's toll are not rival figures: keep magnitudes close.
    values = [v for v in topic.values if v > 0]
    if count.value > 0 and values:
        low, high = min(*values, count.value), max(*values, count.value)
        return high <= low * rules.max_ratio
    return True


def add(topic: Topic, count: Count) -> None:
    topic.counts.append(count)
    topic.values.add(count.value)
    topic.groups.add(count.group)
    topic.places |= count.places
    topic.dates |= count.dates
    if count.side:
        topic.sides.add(count.side)


def voices(counts: list[Count]) -> list[Count]:
    """The first count of each voice: a speaker, or the same speaker's revised toll."""
    chosen: list[Count] = []
    for count in counts:
        same = any(
            not count.revised and not other.revised and same_speaker(count.speaker, other.speaker)
            for other in chosen
        )
        if not same:
            chosen.append(count)
    return chosen


def rivals(chosen: list[Count]) -> bool:
    """Evidence that differing figures are rival accounts of one thing, not counts of several
    incidents: a denial of any ("no casualties") against a count, a sentence that speaks of
    tolls or figures, a side that every figure names, a town two figures name, or two of the
    figures in one sentence."""
    values = {c.value for c in chosen}
    if (0 in values and len(values) > 1) or any(c.rival or c.revised for c in chosen):
        return True
    if all(c.side for c in chosen):
        return True  # "58 Pakistani soldiers" and "23 of its own soldiers": one named side
    if shared_place(chosen):
        return True  # "killed in Douma" twice: one town, one event, recent, two figures
    # Two sources set side by side in one sentence ("X said 56 died, while Y said 160").
    first: dict[int, float] = {}
    for count in chosen:
        value = first.setdefault(count.claim.sentence.start, count.value)
        if value != count.value:
            return True
    return False


def shared_place(chosen: list[Count]) -> bool:
    """Whether two voices with different figures name the same town, region or site."""
    seen: dict[str, float] = {}
    for count in chosen:
        for place in count.places:
            if seen.setdefault(place, count.value) != count.value:
                return True
    return False


def same_speaker(a: frozenset[str], b: frozenset[str]) -> bool:
    """ "army" and "Indian army", "Observatory" and "Syrian Observatory for Human Rights"."""
    return bool(a and b) and (a <= b or b <= a)


def topics_of(doc: Doc, claims: tuple[Claim, ...], rules: ConflictRules) -> list[tuple[str, Topic]]:
    reader = Reader(doc, rules)
    by_event: dict[str, list[Topic]] = defaultdict(list)
    for claim in claims:
        for event, count in reader.counts(claim):
            topics = by_event[event]
            topic = next((t for t in topics if fits(t, count, rules)), None)
            if topic is None:
                topic = Topic()
                topics.append(topic)
            add(topic, count)
    return [(event, topic) for event, topics in by_event.items() for topic in topics]


def describe(
    side: str | None,
    event: str,
    counts: list[Count],
    rules: ConflictRules,
    demonyms: dict[str, str],
) -> str:
    """A short human phrase: "Pakistani soldiers killed", "people wounded"."""
    # "no casualties" names no one: the noun comes from the counts of people.
    nouns = [c.subject.split()[-1] for c in counts if c.subject and c.value]
    noun = max(set(nouns), key=nouns.count) if nouns else "people"
    words_ = [demonyms.get(side, side)] if side else []
    return " ".join([*words_, noun, rules.event_past.get(event, event)])


def find_conflicts(doc: Doc, claims: tuple[Claim, ...]) -> tuple[Conflict, ...]:
    """Groups of claims by different voices giving different numbers for the same thing."""
    rules = conflict_rules()
    demonyms = country_adjectives()
    conflicts: list[Conflict] = []
    for event, topic in topics_of(doc, claims, rules):
        chosen = voices(topic.counts)
        if len(chosen) < 2 or len({c.value for c in chosen}) < 2 or not rivals(chosen):
            continue
        side = next(iter(sorted(topic.sides)), None) if len(topic.sides) == 1 else None
        conflicts.append(
            Conflict(
                id=f"k{len(conflicts) + 1}",
                about=describe(side, event, chosen, rules, demonyms),
                claims=tuple(c.claim.id for c in chosen),
                values=tuple(c.value for c in chosen),
                speakers=tuple(name_of(c.claim) for c in chosen),
            )
        )
    return tuple(conflicts)


def name_of(claim: Claim) -> str:
    speaker = claim.speaker
    return (speaker.name or speaker.text) if speaker else ""
