"""Every lesson notebook and every assignment solution runs headless, top to bottom; the course check passes."""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course import check  # noqa: E402
from course.catalog import all_notebooks, assignment_notebooks, assignments, review_path  # noqa: E402
from course.lint import lint_notebook, lint_pair  # noqa: E402

NOTEBOOKS = all_notebooks()


def _widget_texts(nb) -> list[str]:
    """Text shown by the toolkit's forms after a run: Output areas and HTML widgets of the saved widget state."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    texts = []
    for m in state.values():
        if m.get("model_name") == "OutputModel":
            for o in m["state"].get("outputs", []):
                texts.append(o.get("text", "") + o.get("data", {}).get("text/html", ""))
        elif m.get("model_name") == "HTMLModel":
            texts.append(m["state"].get("value", ""))
    return texts


#: Lessons whose toolkit forms must show something after a headless run (faces only call the toolkit).
WIDGET_TEXT = {
    # lesson 2: khuyenhoc.widgets.CriteriaChecklist, pre-filled with household X01-H0004
    "02_bo_tieu_chi": ["Gia đình học tập năm 2025 — X01-H0004", "GDHT-1.3", "≥ 50%"],
    # lesson 3: khuyenhoc.widgets.EvidenceForm, with a date deliberately wrong; the check line says so
    "03_minh_chung": ["Nhập minh chứng", "&#x27;31/02/2026&#x27; không phải ngày hợp lệ"],
}


_HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_ENGLISH = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


def english_in_tables(nb) -> list[str]:
    """Table headers shown in a run notebook that are English identifiers (unit_name, met, value…), and raw <NA>."""
    found = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            page = o.get("data", {}).get("text/html", "")
            for h in _HEADER.findall(page):
                text = html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
                if _ENGLISH.fullmatch(text):
                    found.append(f"ô {i}: cột {text!r}")
            if "&lt;NA&gt;" in page or ">NaN<" in page:
                found.append(f"ô {i}: ô trống hiện thành <NA>/NaN")
    return found


def test_english_header_scan_finds_what_it_should():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": "<table><tr><th>unit_name</th><th>Giá trị</th><th>2025</th></tr><td>&lt;NA&gt;</td></table>"})]
    assert english_in_tables(nb) == ["ô 0: cột 'unit_name'", "ô 0: ô trống hiện thành <NA>/NaN"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_headless_without_errors(path, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONUTF8", "1")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    shutil.copytree(path.parent, tmp_path / "nb", dirs_exist_ok=True)
    nb = nbformat.read(tmp_path / "nb" / path.name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path / "nb")}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors
    assert not english_in_tables(nb), english_in_tables(nb)  # tables trainees read: Vietnamese headers (display.show)
    assert not any("Traceback" in o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    texts = "\n".join(_widget_texts(nb))
    for expected in WIDGET_TEXT.get(path.stem, []):
        assert expected in texts, (expected, texts[:2000])
    if path.stem in WIDGET_TEXT:  # the form is displayed, not only built
        assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                   for c in nb.cells for o in c.get("outputs", []))
    if path.stem == "03_minh_chung":  # the evidence form writes only when the trainee clicks "Lưu minh chứng"
        assert not (tmp_path / "nb" / "ket_qua_bai_3" / "minh_chung_nhap_tay.xlsx").exists()
        assert not (tmp_path / "nb" / "ket_qua_bai_3" / "minh_chung").exists()


def test_widget_demo_shows_callback_output_in_output_area():
    nb = nbformat.read(ROOT / "notebooks" / "00_lam_quen_jupyterlab.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    outputs = [m for m in state.values() if m.get("model_name") == "OutputModel"]
    texts = [o.get("text", "") for m in outputs for o in m["state"].get("outputs", [])]
    assert any("cần 875 gia đình học tập" in t for t in texts), texts


def test_village_picker_of_lesson_6_prints_into_its_output_area(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = nbformat.read(ROOT / "notebooks" / "06_chi_tieu.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    texts = [o.get("text", "") for m in state.values() if m.get("model_name") == "OutputModel"
             for o in m["state"].get("outputs", [])]
    assert any(", năm 2025:" in t and "Tỷ lệ hộ đạt Gia đình học tập" in t for t in texts), texts


def test_course_check_passes_on_the_notebooks_as_they_are():
    assert check.problems() == []
    assert check.main([]) == 0


def test_sources_carry_no_outputs_and_unique_grade_ids():
    for name in assignments():
        for path in assignment_notebooks(name):
            nb = nbformat.read(path, as_version=4)
            ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
            assert len(ids) == len(set(ids))
            assert all(not c.get("outputs") and c.get("execution_count") is None
                       for c in nb.cells if c.cell_type == "code")


def _meta(gid, **flags):
    m = {"grade": False, "grade_id": gid, "locked": False, "schema_version": 3, "solution": False, "task": False}
    m.update(flags)
    return {"nbgrader": m}


def test_lint_reports_duplicate_ids_outputs_input_and_missing_skeleton():
    new = nbformat.v4
    nb = new.new_notebook(cells=[
        new.new_markdown_cell("# Bài tập x\n\nĐề", metadata=_meta("x_de", locked=True)),
        new.new_code_cell("### BEGIN SOLUTION\nx = input()\n### END SOLUTION", metadata=_meta("x_cau", solution=True)),
        new.new_code_cell("assert x", metadata=_meta("x_cau", grade=True, locked=True, points=1))])
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="1")]
    problems = lint_notebook(nb, "x.ipynb", graded=True)
    assert any("trùng" in p for p in problems)
    assert any("input()" in p for p in problems)
    assert any("kết quả" in p for p in problems)
    assert any("Mục tiêu" in p for p in problems)
    lesson_problems = lint_notebook(nb, "x.ipynb", graded=False)
    assert any("bài giảng" in p for p in lesson_problems)
    assert any("Thử làm" in p for p in lesson_problems)


def test_a_trainer_edit_in_the_notebook_is_caught_until_synced_then_passes(tmp_path):
    """The trainer edits a lesson cell as JupyterLab saves it (the .ipynb); the check asks for a sync, then passes."""
    import jupytext

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "course", repo / "course", ignore=shutil.ignore_patterns("gradebook.db", "exchange"))
    shutil.copytree(ROOT / "notebooks", repo / "notebooks")
    shutil.copy2(ROOT / "jupytext.toml", repo / "jupytext.toml")
    lesson = repo / "notebooks" / "01_van_ban_chi_dao.ipynb"
    nb = nbformat.read(lesson, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and "Ghi nhớ" in c.source)
    cell.source += "\n- Nhớ mang sổ ghi chép khi đi thôn."
    nbformat.write(nb, lesson)
    review = review_path(lesson, repo)
    assert lint_pair(lesson, review, "01") != []          # the review copy is now stale
    import subprocess
    subprocess.run([sys.executable, "-m", "jupytext", "--sync", "--quiet", str(lesson)], cwd=repo, check=True)
    assert lint_pair(lesson, review, "01") == []
    assert "Nhớ mang sổ ghi chép khi đi thôn." in review.read_text(encoding="utf-8")
    assert "Nhớ mang sổ ghi chép" in "".join(c.source for c in jupytext.read(review).cells)
    assert check.problems(repo) == []
