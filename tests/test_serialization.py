"""The annotated Doc survives DocBin and multiprocessing; records come from the Doc alone."""

from __future__ import annotations

from spacy.tokens import DocBin

from claimx.claims.from_doc import claims_from_doc

TEXT = "“We will rebuild,” said Amina Yusuf, the mayor. The ministry said the bridge was destroyed."


def test_docbin_round_trip(nlp) -> None:
    doc = nlp(TEXT)
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (restored,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert claims_from_doc(restored) == claims_from_doc(doc)
    assert len(claims_from_doc(doc)) == 2


def test_two_processes_give_the_same_claims(nlp) -> None:
    texts = [TEXT, "Officials said the talks failed.", TEXT]
    single = [claims_from_doc(d) for d in nlp.pipe(texts)]
    double = [claims_from_doc(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert single == double
