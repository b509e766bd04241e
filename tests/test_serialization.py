"""The annotated Doc survives DocBin and multiprocessing; records come from the Doc alone."""

from __future__ import annotations

from spacy.tokens import DocBin

from claimx.claims.from_doc import claims_from_doc

TEXT = (
    "“We will rebuild,” said Amina Yusuf, the mayor. The ministry said at least 12 civilians were "
    "killed in Aleppo on 3 June 2019."
)


def test_docbin_round_trip(nlp) -> None:
    """Quantities, dates and places live in span groups and extensions: all must survive."""
    doc = nlp(TEXT)
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (restored,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert claims_from_doc(restored) == claims_from_doc(doc)
    quote, report = claims_from_doc(restored)
    assert quote.speaker.name == "Amina Yusuf" and report.speaker.name == "ministry"
    (count,) = report.quantities
    assert (count.text, count.low, count.unit, count.event) == (
        "at least 12",
        12.0,
        "civilian",
        "kill",
    )
    assert [(d.text, d.date, d.granularity) for d in report.dates] == [
        ("3 June 2019", "2019-06-03", "day")
    ]
    assert [(p.name, p.country, p.kind) for p in report.locations] == [("Aleppo", "Syria", "city")]


def test_two_processes_give_the_same_claims(nlp) -> None:
    texts = [TEXT, "Officials said the talks failed.", TEXT]
    single = [claims_from_doc(d) for d in nlp.pipe(texts)]
    double = [claims_from_doc(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert single == double
