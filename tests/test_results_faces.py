"""One set of results, many faces: the main job, `khuyenhoc report`, the officer app's report and the charts show
the same figures for the same inputs (the bundled sample commune, 2025, its thresholds and evidence), and the two
"recognised" counts are labelled in the report."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import matplotlib
import pytest
from docx import Document

from khuyenhoc import charts, sample
from khuyenhoc import main_job as job_face
from khuyenhoc.cli import main as cli_main
from khuyenhoc.indicators.vnformat import gia_tri, so
from khuyenhoc.reports import job as job_mod
from khuyenhoc.reports.job import _sample_evidence_dir, sample_thresholds_file
from khuyenhoc.results import COUNT_LABELS, RECOGNITION_HEADERS
from khuyenhoc.widgets.report import build_report

matplotlib.use("Agg")
YEAR = 2025


def _quiet(fn, *args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = fn(*args)
    return code, out.getvalue(), err.getvalue()


def docx_text(path) -> list[str]:
    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return parts


def _table(path, first_headers):
    d = Document(str(path))
    for t in d.tables:
        heads = [c.text for c in t.rows[0].cells]
        if heads[:len(first_headers)] == first_headers:
            return heads, [[c.text for c in r.cells] for r in t.rows[1:]]
    raise AssertionError(f"không có bảng {first_headers}")


def _not_written(*args, **kwargs) -> Path:
    """Stand-in for a restricted-list writer: the path it would have written (its first path argument)."""
    return next(a for a in args if isinstance(a, Path))


@pytest.fixture(scope="module")
def faces(tmp_path_factory):
    root = tmp_path_factory.mktemp("faces")
    data = sample.load("mau")
    evidence, thresholds = _sample_evidence_dir(), sample_thresholds_file()
    seen = []
    original = job_mod.run_job
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(job_mod, "run_job", lambda *a, **k: seen.append(original(*a, **k)) or seen[-1])
        # the restricted lists (names, checklists) hold no figure of the report and are tested in test_main_job;
        # leaving them out keeps this test within its time budget
        for name in ("write_named_lists", "write_assessment_tables", "write_gap_report"):
            mp.setattr(job_mod, name, _not_written)
        mp.setattr(job_mod, "write_checklists", lambda *a, **k: [])
        mp.setattr(job_mod, "gap_frames", lambda *a, **k: {})
        code, job_out, job_err = _quiet(job_face.main, [str(root / "job"), "--nam", str(YEAR)])
        assert code == 0, job_err
        code, _, cli_err = _quiet(cli_main, ["report", "--out", str(root / "cli"), "--nam", str(YEAR)])
        assert code == 0, cli_err
    app = build_report(data, YEAR, root / "app", {}, evidence_dir=evidence, thresholds=thresholds)
    results = seen[0].results  # what the main job computed (khuyenhoc.results.Results)
    assert results.year == YEAR and results.assessments is not None
    assert seen[1].results.key_figures() == results.key_figures()  # the CLI computed the same
    docx = f"bao-cao-nam-{YEAR}.docx"
    return {"results": results, "job_stdout": job_out, "job": root / "job" / docx, "cli": root / "cli" / docx,
            "app": app["docx"]}


def test_main_job_cli_and_app_write_the_same_report(faces):
    job = docx_text(faces["job"])
    assert job == docx_text(faces["cli"])
    assert job == docx_text(faces["app"])


def test_the_report_shows_the_figures_of_the_results(faces):
    r = faces["results"]
    text = "\n".join(docx_text(faces["job"]))
    for row in r.commune.to_dict("records"):
        if row["value"] is not None and row["value"] == row["value"]:
            assert gia_tri(row["value"], row["unit"]) in text, row["indicator"]
    _, rows = _table(faces["job"], ["TT", "Mô hình", "Căn cứ"])
    got = {x[1]: (x[4], x[5]) for x in rows}
    want = {o["model"]: (so(o["assessed"]), so(o["met"])) for o in r.overview.to_dict("records")}
    assert got == want


def test_the_two_recognised_counts_are_labelled_in_the_report(faces):
    r = faces["results"]
    heads, rows = _table(faces["job"], ["TT", "Mô hình", RECOGNITION_HEADERS["subjects"]])
    assert RECOGNITION_HEADERS["recognised_in_year"] in heads and RECOGNITION_HEADERS["titled"] in heads
    assert "trong năm" in RECOGNITION_HEADERS["recognised_in_year"]
    assert "còn hiệu lực" in RECOGNITION_HEADERS["titled"]
    i_rec, i_tit = heads.index(RECOGNITION_HEADERS["recognised_in_year"]), heads.index(RECOGNITION_HEADERS["titled"])
    rec = r.recognitions.set_index("model")
    for row in rows:
        assert row[i_rec].startswith(so(rec.loc[row[1], "recognised_in_year"]) + " ("), row
        assert row[i_tit].startswith(so(rec.loc[row[1], "titled"]) + " ("), row
    # Đơn vị học tập: a 3-year title, so more units hold it than were recognised this year — the counts differ
    assert rec.loc["Đơn vị học tập", "titled"] > rec.loc["Đơn vị học tập", "recognised_in_year"]
    text = "\n".join(docx_text(faces["job"]))
    assert f"tính theo số {COUNT_LABELS['recognised_in_year'].lower()}" in text


def test_main_job_summary_prints_the_same_figures(faces):
    r, out = faces["results"], faces["job_stdout"]
    for o in r.overview.to_dict("records"):
        assert f"{o['model']}: {so(o['met'])}/{so(o['assessed'])} đạt theo bộ tiêu chí" in out
    for x in r.recognitions.to_dict("records"):
        assert f"{x['model']}: {so(x['recognised_in_year'])} / {so(x['titled'])} trên {so(x['subjects'])}." in out
    gdht = r.indicator("gdht")
    assert f"{gdht['name']}: {gia_tri(gdht['value'], gdht['unit'])}" in out


def test_charts_draw_the_figures_of_the_results(faces):
    r = faces["results"]
    fig = charts.progress_chart(r.commune)
    labels = [t.get_text() for t in fig.axes[0].texts]
    shown = r.commune[r.commune["target"].notna() & r.commune["value"].notna()]
    for row in shown.to_dict("records"):
        assert any(lab.startswith(charts._short(row["value"], row["unit"]) + " / chỉ tiêu") for lab in labels), \
            row["indicator"]
    v = r.villages[r.villages["indicator"] == "gdht"]
    fig = charts.village_chart(r.villages, "gdht", YEAR)
    widths = sorted(round(b.get_width(), 6) for b in fig.axes[0].patches)
    assert widths == sorted(round(float(x), 6) for x in v["value"].dropna())
    # the bars in red are the villages the results call "not met"
    red = sum(1 for b in fig.axes[0].patches if matplotlib.colors.to_hex(b.get_facecolor()) ==
              matplotlib.colors.to_hex(charts.style.COLORS["not_met"]))
    assert red == int((v["met"] == False).sum())  # noqa: E712
    matplotlib.pyplot.close("all")
    assert re.search(r"\d", "".join(labels))
