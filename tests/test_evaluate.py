"""The evaluation (ratsradar/evaluate.py): metric code, and a regression guard on the labelled documents.

The guard runs the evaluation on the labelled corpus documents (../shared/corpus, skipped when absent) inside
tests/test_corpus_robustness.py, right after that test has read every corpus file (so nothing is OCR'd twice),
and here on the project's own synthetic documents (as text and as generated PDFs). It asserts that no figure
drops below what was reached when the labels were written (REACHED_*; raise them when extraction gets better).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ratsradar import cli
from ratsradar.evaluate import (
    SplitReport,
    cer,
    evaluate,
    format_report,
    load_labels,
    match_decisions,
    ocr_cer,
    same,
    score_document,
    title_similarity,
)

from tests.corpus_cache import CORPUS, SETTINGS, extract_cached

ROOT = Path(__file__).resolve().parents[1]
CORPUS_LABELS = ROOT / "data" / "labels" / "corpus_labels.json"
SYNTHETIC_LABELS = ROOT / "data" / "labels" / "synthetic_labels.json"
HOLDOUT2_LABELS = ROOT / "data" / "labels" / "corpus_holdout2.json"
HOLDOUT3_LABELS = ROOT / "data" / "labels" / "corpus_holdout3.json"
HOLDOUT4_LABELS = ROOT / "data" / "labels" / "corpus_holdout4.json"

# Figures reached on the labelled real documents (rates 0..1). Both splits have since been used for tuning; a
# fresh held-out set is labelled separately.
REACHED_CORPUS = {
    "tune": {
        "document.municipality": 1.0, "document.ags": 1.0, "document.document_type": 1.0, "document.reference": 1.0,
        "document.date": 0.968, "document.title": 1.0, "document.body": 1.0, "document.text_source": 1.0,
        "decision.title": 1.0, "decision.reference": 1.0, "decision.date": 1.0, "decision.body": 1.0,
        "decision.outcome": 1.0, "decision.votes": 1.0, "decision.relevant": 1.0, "item_count": 1.0,
    },
    "holdout": {
        "document.municipality": 0.937, "document.ags": 0.909, "document.document_type": 1.0, "document.reference": 1.0,
        "document.date": 0.875, "document.title": 0.888, "document.body": 0.923, "document.text_source": 1.0,
        "decision.title": 0.971, "decision.reference": 1.0, "decision.date": 0.972, "decision.body": 1.0,
        "decision.outcome": 0.974, "decision.votes": 1.0, "decision.relevant": 1.0, "item_count": 1.0,
    },
}
# Figures on the second held-out set (27 corpus documents labelled after the first tuning rounds), with the test's
# OCR settings (one OCR page per document, so the agenda on the scanned pages 2-4 of the Chelles invitation stays
# unread here). This set has been used for tuning since the round that added French ordre du jour / procès-verbal /
# délibération rules, Roman-numeral agendas and agenda lines printed as images: it no longer measures how the rules
# generalise; a third held-out set is labelled separately for that.
REACHED_HOLDOUT2 = {
    "document.municipality": 0.923, "document.ags": 1.0, "document.document_type": 0.961,
    "document.reference": 1.0, "document.date": 0.916, "document.title": 0.764, "document.body": 1.0,
    "document.text_source": 1.0, "decision.title": 0.688, "decision.reference": 1.0, "decision.date": 0.712,
    "decision.body": 1.0, "decision.outcome": 0.714, "decision.votes": 0.717, "decision.relevant": 0.727,
    "item_count": 0.961,
}
# Figures on the third held-out set (22 corpus documents in neither earlier file, labelled after the second tuning
# round without looking at the extractor's output), with the test's OCR settings. It has been tuned on since, like the
# other two sets (the French délibération bundles, districts, dates, titles), so it no longer measures how the rules
# generalise (the fourth set measured that before it was tuned on too). With one OCR page per document only the
# first of the nine extracts of the 21-page Marmagne scan is read here (all nine are read when every page is OCR'd).
REACHED_HOLDOUT3 = {
    "document.municipality": 1.0, "document.ags": 1.0, "document.document_type": 1.0,
    "document.reference": 1.0, "document.date": 0.95, "document.title": 1.0, "document.body": 1.0,
    "document.text_source": 0.954, "decision.title": 0.764, "decision.reference": 0.428, "decision.date": 0.771,
    "decision.body": 0.272, "decision.outcome": 0.809, "decision.votes": 0.809, "decision.relevant": 0.809,
    "item_count": 0.954,
}
# Figures on the fourth held-out set: every corpus file none of the three earlier files lists (33 council-related
# documents, mostly Erlangen session slides, attachments and statements, plus seven unrelated PDFs chosen by rule),
# labelled by reading the PDFs before any look at the extractor's output; with the test's OCR settings. It was first
# measured held out, never tuned on: municipality 0.871, ags 0.875, type 0.85, reference 0.974, date 0.911, title 0.5,
# body 0.904, text source 0.894; decisions title 0.687, reference 0.666, date 0.875, outcome/votes/relevant 0.955,
# items 0.95. It has been tuned on since (session slide decks, statement subjects, districts named as 'Stadtteil',
# French land-use plans, dates, references), so like the other three sets it no longer measures how the rules
# generalise.
REACHED_HOLDOUT4 = {
    "document.municipality": 0.923, "document.ags": 0.906, "document.document_type": 1.0,
    "document.reference": 1.0, "document.date": 1.0, "document.title": 0.888, "document.body": 1.0,
    "document.text_source": 0.894, "decision.title": 1.0, "decision.reference": 1.0, "decision.date": 1.0,
    "decision.body": 1.0, "decision.outcome": 1.0, "decision.votes": 1.0, "decision.relevant": 1.0,
    "item_count": 1.0,
}
# Character error rate per Cologne scan (upper bounds; OCR with the Tesseract of the test machine, deu+eng, 300 dpi).
REACHED_CER = {"129244": 0.143, "344624": 0.132, "345458": 0.123, "359812": 0.045}
# Figures on the synthetic documents the project wrote itself (German and English, with reversals).
REACHED_SYNTHETIC = {
    "tune": {"measures.precision": 1.0, "measures.recall": 1.0, "measures.f1": 1.0, "measures.direction": 1.0,
             "decision.outcome": 1.0, "decision.votes": 1.0, "decision.relevant": 1.0, "document.municipality": 1.0},
    "holdout": {"measures.precision": 1.0, "measures.recall": 1.0, "measures.f1": 1.0, "measures.direction": 1.0,
                "decision.outcome": 1.0, "decision.votes": 1.0, "decision.relevant": 1.0, "document.municipality": 1.0},
}
TOLERANCE = 1e-9


# --- metric code ------------------------------------------------------------------------------------------------
def test_cer_counts_edits_per_reference_character_ignoring_whitespace() -> None:
    assert cer("Stadt Köln", "Stadt Köln") == 0.0
    assert cer("Stadt\nKöln", "StadtKöln") == 0.0
    assert cer("Stadt Kaln", "Stadt Köln") == pytest.approx(1 / 9)
    assert cer("", "abcd") == 1.0
    assert cer("abc", "") == 1.0
    assert cer("", "") == 0.0


def test_title_similarity_and_field_comparison() -> None:
    assert title_similarity("Antrag: Priorisierte Sportentwicklung", "Priorisierte Sportentwicklung") >= 80
    assert title_similarity("Sonstiges", "Stadtteilhaus") < 80
    assert title_similarity(None, None) == 100.0
    assert same("title", "PLANNING COMMISSION REGULAR MEETING MINUTES", "Planning Commission Regular Meeting Minutes")
    assert same("body", "Bezirksvertretung Porz", "Bezirksvertretung Köln-Porz", "Köln")
    assert same("body", "Rat der Stadt Dortmund", "Rat", "Dortmund")
    assert not same("body", "Hauptausschuss", "Rat", "Dortmund")
    assert same("reference", "20-26 / V 02284", "20-26 / v 02284")
    assert same("votes", {"yes": 1, "no": 0, "abstain": 0}, {"yes": 1, "no": 0, "abstain": 0})
    assert not same("date", "2021-01-19", None)


def test_match_decisions_by_title_then_position() -> None:
    labelled = [{"title": "Klimabudget"}, {"title": "Sonstiges"}, {"title": "Fehlt ganz"}]
    extracted = [{"title": "Sonstiges"}, {"title": "Klimabudget Stadtteilbeirat"}]
    assert match_decisions(labelled, extracted) == [1, 0, None]
    assert match_decisions([{"outcome": "unknown"}], [{"title": "x"}]) == [0]
    # one labelled and one extracted decision: the same one even if its title was read badly
    assert match_decisions([{"title": "Bauvorhaben Räuberwäldchen"}], [{"title": "SPD-Fraktion"}]) == [0]


def test_score_document_counts_fields_measures_and_irrelevant_documents() -> None:
    rep = SplitReport()
    label = {"file": "a.pdf", "text_source": "text_layer",
             "document": {"municipality": "Köln", "date": "2020-01-02", "reference": None},
             "decisions": [{"title": "Open-Source-Strategie", "outcome": "adopted", "relevant": True,
                            "measures": [{"category": "strategy", "direction": "advances"},
                                         {"category": "funding", "direction": "advances"}]},
                           {"title": "Spielplatz", "outcome": "adopted", "relevant": False}]}
    got = {"text_source": "ocr", "error": None,
           "document": {"municipality": "Köln", "date": "2020-01-03", "reference": None},
           "decisions": [{"title": "Open-Source-Strategie", "outcome": "adopted", "relevant": True,
                          "measures": [{"category": "strategy", "direction": "reverses"},
                                       {"category": "review", "direction": "advances"}]},
                         {"title": "Spielplatz", "outcome": "rejected", "relevant": False, "measures": []}]}
    score_document(label, got, rep)
    assert rep.doc_fields["municipality"].rate == 1.0
    assert rep.doc_fields["date"].rate == 0.0
    assert rep.doc_fields["text_source"].rate == 0.0
    assert rep.decision_fields["outcome"].right == 1 and rep.decision_fields["outcome"].total == 2
    assert (rep.measure_tp, rep.measure_fp, rep.measure_fn) == (1, 1, 1)
    assert rep.precision == 0.5 and rep.recall == 0.5 and rep.f1 == 0.5
    assert rep.direction.rate == 0.0
    assert rep.irrelevant_docs == 0 and rep.item_count.rate == 1.0
    irrelevant = {"file": "b.pdf", "document": {}, "decisions": [{"relevant": False}]}
    score_document(irrelevant, {"document": {}, "decisions": [{"relevant": True, "measures": []}]}, rep)
    assert rep.irrelevant_docs == 1 and rep.irrelevant_marked_relevant == 1


def test_later_holdouts_are_new_documents_only() -> None:
    second, third = load_labels(HOLDOUT2_LABELS), load_labels(HOLDOUT3_LABELS)
    assert len(second) >= 25 and len(third) >= 20
    assert all(d["split"] == "holdout" for d in second + third)
    first = {d["file"] for d in load_labels(CORPUS_LABELS)}
    assert not first & {d["file"] for d in second}
    assert not (first | {d["file"] for d in second}) & {d["file"] for d in third}


def test_labels_files_are_well_formed_and_split_every_third() -> None:
    for path in (CORPUS_LABELS, SYNTHETIC_LABELS):
        docs = load_labels(path)
        assert [d["split"] for d in docs] == ["holdout" if i % 3 == 2 else "tune" for i in range(len(docs))]
        assert "every third" in json.loads(path.read_text(encoding="utf-8"))["about"]
    assert len(load_labels(CORPUS_LABELS)) >= 40
    with pytest.raises(ValueError):
        load_labels_from([{"split": "tune"}])


def load_labels_from(docs: list[dict]) -> None:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump({"about": "", "documents": docs}, fh)
    try:
        load_labels(fh.name)
    finally:
        Path(fh.name).unlink()


# --- regression guards ------------------------------------------------------------------------------------------
def _assert_reached(report_figures: dict[str, float | None], reached: dict[str, float], what: str) -> None:
    low = {k: (report_figures.get(k), v) for k, v in reached.items()
           if report_figures.get(k) is None or report_figures[k] + TOLERANCE < v}  # type: ignore[operator]
    assert not low, f"{what}: figures dropped below what was reached: {low}"


def test_synthetic_evaluation_keeps_its_figures() -> None:
    report = evaluate(SYNTHETIC_LABELS)
    for split, reached in REACHED_SYNTHETIC.items():
        figures = report.splits[split].figures()
        _assert_reached(figures, reached, f"synthetic/{split}")
        assert figures["irrelevant_marked_relevant"] == 0


def test_synthetic_documents_read_the_same_from_generated_pdfs(tmp_path: Path) -> None:
    """The synthetic labels go through the whole pipeline too: each document rendered to a PDF by tests/pdfgen."""
    from tests import pdfgen

    docs = []
    for label in load_labels(SYNTHETIC_LABELS):
        name = f"{label['name']}.pdf"
        (tmp_path / name).write_bytes(pdfgen.pdf_bytes(label["pages"]))
        docs.append({k: v for k, v in label.items() if k not in ("pages", "name")} | {"file": name})
    report = evaluate(docs, tmp_path)
    for split, reached in REACHED_SYNTHETIC.items():
        _assert_reached(report.splits[split].figures(), reached, f"synthetic PDFs/{split}")


def check_corpus_figures(report, rows) -> None:  # type: ignore[no-untyped-def]
    """The regression guard on the labelled corpus documents; called by the corpus test that has just read every
    corpus file (tests/test_corpus_robustness.py), so no file is extracted twice."""
    assert not report.skipped, f"labelled files missing from the corpus: {report.skipped}"
    for split, reached in REACHED_CORPUS.items():
        _assert_reached(report.splits[split].figures(), reached, f"corpus/{split}")
    # no irrelevant real document is marked relevant, in either split
    assert all(r.irrelevant_marked_relevant == 0 for r in report.splits.values())
    fresh = evaluate(HOLDOUT2_LABELS, CORPUS, extract=extract_cached)
    assert not fresh.skipped, f"labelled files missing from the corpus: {fresh.skipped}"
    _assert_reached(fresh.splits["holdout"].figures(), REACHED_HOLDOUT2, "corpus holdout 2")
    assert fresh.splits["holdout"].irrelevant_marked_relevant == 0
    third = evaluate(HOLDOUT3_LABELS, CORPUS, extract=extract_cached)
    assert not third.skipped, f"labelled files missing from the corpus: {third.skipped}"
    _assert_reached(third.splits["holdout"].figures(), REACHED_HOLDOUT3, "corpus holdout 3")
    assert third.splits["holdout"].irrelevant_marked_relevant == 0
    fourth = evaluate(HOLDOUT4_LABELS, CORPUS, extract=extract_cached)
    assert not fourth.skipped, f"labelled files missing from the corpus: {fourth.skipped}"
    _assert_reached(fourth.splits["holdout"].figures(), REACHED_HOLDOUT4, "corpus holdout 4")
    assert fourth.splits["holdout"].irrelevant_marked_relevant == 0
    measured = {r.name: r.cer for r in rows if r.cer is not None}
    assert measured, "no Cologne scan with a transcription was measured"
    for name, bound in REACHED_CER.items():
        assert measured.get(name) is not None and measured[name] <= bound + 0.005, (name, measured.get(name), bound)
    assert "CER" in format_report(report_stub(), rows)


def corpus_evaluation():  # type: ignore[no-untyped-def]
    report = evaluate(CORPUS_LABELS, CORPUS, extract=extract_cached)
    return report, ocr_cer(CORPUS, results=report.results, settings=SETTINGS)


def report_stub():  # type: ignore[no-untyped-def]
    from ratsradar.evaluate import Report

    return Report(splits={}, skipped=[], results={})


def test_cli_evaluate_prints_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["evaluate", str(SYNTHETIC_LABELS), "--no-cer", "--quiet", "--split", "holdout"]) == 0
    out = capsys.readouterr().out
    assert "split holdout" in out and "precision" in out and "outcome" in out
    assert "split tune" not in out


def test_cli_evaluate_missing_labels_file_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["evaluate", str(tmp_path / "nope.json")]) == 2
    assert "labels file not found" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"documents": [{"file": "x.pdf", "split": "later"}]}), encoding="utf-8")
    assert cli.main(["evaluate", str(bad), "--no-cer"]) == 2
    assert "bad labels file" in capsys.readouterr().err


def test_held_out_label_sets_share_no_document() -> None:
    """Each held-out set measures documents no earlier set holds (a file labelled twice would be tuned on)."""
    seen: dict[str, str] = {}
    for path in (CORPUS_LABELS, HOLDOUT2_LABELS, HOLDOUT3_LABELS, HOLDOUT4_LABELS):
        for doc in load_labels(path):
            assert doc["file"] not in seen, (doc["file"], seen.get(doc["file"]), path.name)
            seen[doc["file"]] = path.name
    assert len(seen) == 33 + 16 + 27 + 22 + 40


def test_cli_evaluate_ocr_pages_option(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import ratsradar.evaluate as ev

    seen: list[int | None] = []
    real = ev.evaluate

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs["settings"].max_ocr_pages)
        return real(*args, **kwargs)

    monkeypatch.setattr(ev, "evaluate", spy)
    for option, pages in ([], 3), (["--ocr-pages", "all"], None), (["--ocr-pages", "1"], 1):
        assert cli.main(["evaluate", str(SYNTHETIC_LABELS), "--no-cer", "--quiet", *option]) == 0
        assert seen[-1] == pages
    with pytest.raises(SystemExit) as exc:
        cli.main(["evaluate", str(SYNTHETIC_LABELS), "--ocr-pages", "some"])
    assert exc.value.code == 2 and "'all'" in capsys.readouterr().err
