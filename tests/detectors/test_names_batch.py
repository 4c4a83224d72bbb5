"""NM105: the batch pass (collect per document, judge over the batch) and its form-feed rule."""

from __future__ import annotations

import pickle

from auditor.detectors.names.batch import batch_in_text, collect, judge
from auditor.document import Document
from auditor.loader import load_rules

RULE = next(r for r in load_rules() if r.id == "NM105")


def run(texts: dict[str, str], **options: float) -> dict[str, list[tuple[str, str]]]:
    """{path: [(reported text, suggestion)]} for a batch of documents."""
    mentions = {path: collect(Document(text, path=path)) for path, text in texts.items()}
    found = judge(mentions, **options)  # type: ignore[arg-type]
    return {path: [(texts[path][h.start : h.end], h.suggestion) for h in hits] for path, hits in found.items()}


def test_collect_is_small_and_picklable() -> None:
    mentions = collect(Document("Analyst Tomasz Wierzbicki said so. Mr Wierzbicki left. Russia and NATO met."))
    assert pickle.loads(pickle.dumps(mentions)) == mentions
    words = {m[0]: m for m in mentions}
    assert words["wierzbicki"][2] == ("tomasz",)
    assert len(words["wierzbicki"][3]) == 2


def test_rare_spelling_gets_the_batch_spelling() -> None:
    texts = {f"a{i}.txt": f"Analyst Tomasz Wierzbicki said story {i} was true." for i in range(4)}
    texts["odd.txt"] = "Analyst Tomasz Wierzbiki disagreed. Mr Wierzbiki wrote a report."
    assert run(texts) == {"odd.txt": [("Wierzbiki", "Wierzbicki"), ("Wierzbiki", "Wierzbicki")]}


def test_known_name_garbled_alone_in_one_file() -> None:
    texts = {f"a{i}.txt": "Press secretary Jen Psaki said so. Psaki left." for i in range(3)}
    texts["b.txt"] = "The statement was read by Pskai on Monday."
    assert run(texts) == {"b.txt": [("Pskai", "Psaki")]}


def test_too_few_documents_or_no_clear_majority_report_nothing() -> None:
    texts = {
        "a.txt": "Tomasz Wierzbicki spoke.",
        "b.txt": "Tomasz Wierzbicki spoke.",
        "c.txt": "Tomasz Wierzbiki spoke.",
    }
    assert run(texts) == {}
    texts = {f"a{i}.txt": "Tomasz Wierzbicki spoke." for i in range(3)}
    texts.update({f"b{i}.txt": "Tomasz Wierzbiki spoke." for i in range(2)})
    assert run(texts) == {}


def test_variants_other_people_and_word_forms_are_left_alone() -> None:
    texts = {f"a{i}.txt": "Volodymyr Zelensky and Alan Johnson met Bryan Adams." for i in range(5)}
    texts["b.txt"] = "Zelenskyy spoke. Boris Johnston, a builder, won. The Bryans sang."
    assert run(texts) == {}


def test_threshold_options() -> None:
    texts = {
        "a.txt": "Tomasz Wierzbicki spoke.",
        "b.txt": "Tomasz Wierzbicki spoke.",
        "c.txt": "Tomasz Wierzbiki spoke.",
    }
    assert run(texts, min_docs=2, share=0.6) == {"c.txt": [("Wierzbiki", "Wierzbicki")]}


def test_form_feed_rule_maps_offsets_back_to_the_text() -> None:
    text = "\f".join(["Tomasz Wierzbicki spoke."] * 3 + ["Then Tomasz Wierzbiki spoke."])
    hits = list(batch_in_text(Document(text), RULE.settings))
    assert [text[h.start : h.end] for h in hits] == ["Wierzbiki"]
    assert hits[0].suggestion == "Wierzbicki"
    assert list(batch_in_text(Document("Tomasz Wierzbiki spoke."), RULE.settings)) == []


def test_findings_from_a_finished_run() -> None:
    """The engine collects small data per document and judges the run; texts are not needed."""
    from dataclasses import replace

    from auditor.engine import Auditor

    auditor = Auditor(rules=[RULE])
    texts = {f"a{i}.txt": "Analyst Tomasz Wierzbicki said so." for i in range(3)}
    texts["b.txt"] = "Analyst Tomasz Wierzbiki said so."
    results = [replace(auditor.audit_text(t, path=p), text="") for p, t in texts.items()]
    assert all("NM105" in r.collected for r in results)
    finished = auditor.finish(results)
    assert [r.path for r in finished if r.findings] == ["b.txt"]
    assert all(not r.collected for r in finished)
    (f,) = finished[-1].findings
    assert (f.rule, f.text, f.suggestion, f.severity.name) == ("NM105", "Wierzbiki", "Wierzbicki", "WARNING")
    assert (f.line, f.column) == (1, 16)


def test_common_words_acronyms_and_other_names_are_not_the_batch_spelling() -> None:
    texts = {
        f"a{i}.txt": "Changes were made. The Globe reported it. Andy Potter spoke. Silvia Elia won." for i in range(8)
    }
    texts["b.txt"] = "Changyu wine sales grew, Globio said. The firm Podder and the quango Elwa agreed. RNID said so."
    assert run(texts) == {}


def test_lone_garble_needs_a_name_the_batch_uses_often() -> None:
    texts = {f"a{i}.txt": "Andy Roddick won again. Roddick served well." for i in range(5)}
    texts["b.txt"] = "The umpire warned Rodick about the time."
    assert run(texts) == {}  # five documents: not yet enough for a lone spelling
    texts.update({f"c{i}.txt": "Andy Roddick won again." for i in range(2)})
    assert run(texts) == {"b.txt": [("Rodick", "Roddick")]}


def test_a_spelling_an_article_writes_throughout_is_its_own() -> None:
    # Invented: a correspondent named in four political reports, and a company that one business
    # report names seven times with a spelling one letter away.
    texts = {f"p{i}.txt": f"BBC correspondent Tomas Hardy said vote {i} was close. Mr Hardy agreed." for i in range(4)}
    company = "Tomas Hardie, the building group, paid out. Hardie said so."
    texts["biz.txt"] = " ".join([company] * 4)  # eight mentions against the batch's eight
    assert run(texts) == {}
    texts["biz.txt"] = company  # two mentions: the batch's spelling is written far more often
    assert run(texts) == {"biz.txt": [("Hardie", "Hardy"), ("Hardie", "Hardy")]}


def test_a_russian_yo_is_a_transliteration_not_a_garble() -> None:
    texts = {f"a{i}.txt": f"Governor Mikhail Degtyarev met protesters on day {i}." for i in range(4)}
    texts["b.txt"] = "Acting governor Mikhail Degtyaryov spoke. Degtyaryov left."
    assert run(texts) == {}
