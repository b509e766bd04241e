"""Attribution rules: sentence → (speaker name, cue lemma, content, kind)."""

from __future__ import annotations

import pytest

from claimx.api import extract

CASES = [
    # plain indirect speech
    (
        "Officials said the bridge was destroyed.",
        "Officials",
        "say",
        "the bridge was destroyed",
        "indirect",
    ),
    ("The ministry said that five people died.", "ministry", "say", "five people died", "indirect"),
    # infinitive and of-clause content
    (
        "Kabul claimed to have captured 20 posts.",
        "Kabul",
        "claim",
        "to have captured 20 posts",
        "indirect",
    ),
    (
        "The army accused the rebels of shelling a school.",
        "army",
        "accuse",
        "shelling a school",
        "indirect",
    ),
    # direct quote, speaker after the quote, normal and inverted order
    ("“We will win,” the general said.", "general", "say", "We will win", "direct"),
    (
        "“We achieved our objective,” said Amir Khan Muttaqi, Afghanistan’s foreign minister.",
        "Amir Khan Muttaqi",
        "say",
        "We achieved our objective",
        "direct",
    ),
    # colon introducing a quote
    (
        "The spokesman Ali Reza said Friday: “We are ready.”",
        "Ali Reza",
        "say",
        "We are ready.",
        "direct",
    ),
    # mixed: partly quoted
    (
        "Dar said the strikes marked “a serious provocation.”",
        "Dar",
        "say",
        "the strikes marked “a serious provocation",
        "mixed",
    ),
    # trailing cue: the content comes first
    (
        "Two soldiers were killed, the ministry confirmed.",
        "ministry",
        "confirm",
        "Two soldiers were killed",
        "indirect",
    ),
    # according to, before and after the content
    (
        "According to witnesses, the market burned for hours.",
        "witnesses",
        "according to",
        "the market burned for hours",
        "indirect",
    ),
    (
        "The market burned for hours, according to witnesses.",
        "witnesses",
        "according to",
        "The market burned for hours",
        "indirect",
    ),
    # tweets and posts
    (
        "Khaasteh tweeted that the border was closed.",
        "Khaasteh",
        "tweet",
        "the border was closed",
        "indirect",
    ),
    # participial cue takes the main clause's speaker
    (
        "Mujahid said troops attacked posts, claiming to have killed 58 soldiers.",
        "Mujahid",
        "claim",
        "to have killed 58 soldiers",
        "indirect",
    ),
    # relative clause with a relative pronoun subject
    (
        "The rebels, who denied that they attacked the town, withdrew.",
        "rebels",
        "deny",
        "they attacked the town",
        "indirect",
    ),
    # passive with an agent
    (
        "It was reported by local media that the dam collapsed.",
        "local media",
        "report",
        "the dam collapsed",
        "indirect",
    ),
    # headline colon
    ("Trump: I will build the wall", "Trump", ":", "I will build the wall", "indirect"),
    # belief verbs
    (
        "Analysts believe the ceasefire will hold.",
        "Analysts",
        "believe",
        "the ceasefire will hold",
        "indirect",
    ),
]


@pytest.mark.parametrize(("text", "speaker", "cue", "content", "kind"), CASES)
def test_attribution(nlp, text: str, speaker: str, cue: str, content: str, kind: str) -> None:
    claims = extract(text, nlp=nlp).claims
    matching = [c for c in claims if c.text == content]
    assert matching, f"no claim with content {content!r} in {[c.text for c in claims]}"
    claim = matching[0]
    assert claim.speaker is not None and speaker.lower() in claim.speaker.name.lower()
    assert claim.cue is not None and claim.cue.lemma == cue
    assert claim.kind == kind
    assert text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was destroyed on Sunday.",  # no cue
        "He said nothing.",  # a cue without content
        "“Is it over?” No answer came.",  # a quote with no source
        "The report is long and the statement is short.",  # nouns are not cues
    ],
)
def test_no_claim(nlp, text: str) -> None:
    assert extract(text, nlp=nlp).claims == ()


def test_pronoun_and_surname_resolve_to_full_name(nlp) -> None:
    text = (
        "Afghan government spokesman Zabihullah Mujahid spoke on Sunday. "
        "Mujahid said the border was calm. He said talks would resume."
    )
    claims = extract(text, nlp=nlp).claims
    assert [c.speaker.name for c in claims] == ["Zabihullah Mujahid", "Zabihullah Mujahid"]


def test_roles(nlp) -> None:
    text = (
        "Ishaq Dar, who is Pakistan’s foreign minister, said the talks failed. "
        "Afghan government spokesman Zabihullah Mujahid said the border was calm."
    )
    roles = [c.speaker.role for c in extract(text, nlp=nlp).claims]
    assert roles == ["Pakistan’s foreign minister", "Afghan government spokesman"]


def test_quote_continuation_keeps_the_speaker(nlp) -> None:
    text = "“We won,” said Amina Yusuf, the mayor.\n“Now we rebuild the town.”\nNarration follows."
    claims = extract(text, nlp=nlp).claims
    assert [(c.text, c.speaker.name, c.kind) for c in claims] == [
        ("We won", "Amina Yusuf", "direct"),
        ("Now we rebuild the town.", "Amina Yusuf", "direct"),
    ]


def test_cue_inside_a_quote_is_part_of_the_quote(nlp) -> None:
    text = "“Sources told us the posts fell,” Khaasteh tweeted."
    (claim,) = extract(text, nlp=nlp).claims
    assert claim.speaker.name == "Khaasteh" and claim.cue.lemma == "tweet"


def test_relay_source_becomes_via(nlp) -> None:
    text = "Khaasteh tweeted that the posts fell, Gandhara reported."
    (claim,) = extract(text, nlp=nlp).claims
    assert (claim.speaker.name, claim.via) == ("Khaasteh", "Gandhara")


@pytest.mark.parametrize(
    ("text", "speaker_type"),
    [
        ("Fars News reported that the border was calm.", "MEDIA"),
        ("Both countries claimed to have won.", "GROUP"),
        ("Other reports claimed that was false.", "UNNAMED"),
        ("Pakistan’s military said the posts fell.", "ORG"),
        ("Amina Yusuf said the posts fell.", "PERSON"),
    ],
)
def test_speaker_types(nlp, text: str, speaker_type: str) -> None:
    (claim,) = extract(text, nlp=nlp).claims
    assert claim.speaker.type == speaker_type
