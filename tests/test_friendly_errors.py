"""The Vietnamese error handler: right explanation for each common cadre mistake, shown first in a real kernel,
the cell still failing; and nbgrader (autograde, Validator) records exactly what it records without it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from khuyenhoc.friendly_errors import explain, explain_source

# (code a trainee runs, words the explanation's title or fix must contain)
MISTAKES = [
    ("cau_1b = B", 'cau_1b = "B"'),                                   # choice without quotes
    ("danh_hieu_677 = Công dân học tập", '"Công dân học tập"'),       # text without quotes
    ("ty_le = 0,7\nso = 1234 * ty_le / 100", "0.7"),                        # decimal comma, then used as a number
    ("raise NotImplementedError()", "raise NotImplementedError()"),   # unfinished answer cell
    ("Ty_le = 70\nprint(ty_le)", "Ty_le"),                            # wrong case
    ("so_can_dat(1234, 70)", "chưa chạy"),                            # helper of a cell not run yet
    ("print((1 + 2)", "Thiếu dấu đóng ngoặc )"),                      # missing bracket
    ('ten_xa = "Yên Bình', "Thiếu dấu ngoặc kép"),                    # missing quote
    ("ten_xa = “Yên Bình”", "ngoặc kép thẳng"),                       # curly quotes pasted from Word
    ("ty_le = 70%", "không có dấu %"),                                # percent sign in code
    ("tong = 1.234.567", "1234567"),                                  # thousands dots in code
    ('gia_dinh = "70"\nassert gia_dinh > 1', 'không phải "70"'),       # number in quotes
    ("assert False, 'Câu 2: gia_dinh phải là một con số.'", "Ô kiểm tra báo: Câu 2"),  # failed check + hint
    ("  x = 1", "thụt"),                                              # stray indentation
    ("import khuyenhoc.sample as s\ns.Load()", "load"),               # wrong case in a toolkit name
]


@pytest.mark.parametrize("code,words", MISTAKES, ids=[m[0][:25] for m in MISTAKES])
def test_each_common_mistake_gets_its_vietnamese_explanation(code, words):
    e = explain_source(code)
    assert e is not None
    assert words in e.title + " " + e.fix, e


def test_a_name_defined_in_a_cell_not_yet_run_is_named_with_its_cell():
    try:
        exec("print(bang_xa)", {})  # noqa: S102
    except NameError as err:
        e = explain(NameError, err, "print(bang_xa)", {}, ["import math", "bang_xa = 3"])
    assert "ô mã thứ 2" in e.title and "Run All Above Selected Cell" in e.fix


def _nb(cells):
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return nb


def test_in_a_kernel_the_explanation_comes_first_and_the_cell_still_fails(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = _nb([new_code_cell("%load_ext khuyenhoc.friendly_errors"), new_code_cell("cau_1b = B"),
              new_code_cell("x = 'abc"), new_code_cell("print('không chạy tới đây')")])
    with pytest.raises(CellExecutionError):  # "Run all" stops at the first failing cell, as without the handler
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    outs = nb.cells[1].outputs
    assert [o.output_type for o in outs] == ["display_data", "error"]
    html = outs[0].data["text/html"]
    assert 'cau_1b = &quot;B&quot;' in html and "<details" in html and "Traceback" not in html.split("<details")[0]
    assert outs[1].ename == "NameError" and outs[1].evalue == "name 'B' is not defined"
    assert not nb.cells[3].outputs

    nb2 = _nb(nb.cells[:1] + nb.cells[2:3])
    NotebookClient(nb2, timeout=60, kernel_name="python3", allow_errors=True).execute()
    kinds = [o.output_type for o in nb2.cells[1].outputs]
    assert kinds == ["display_data", "error"], kinds  # syntax errors are explained too
    assert "Thiếu dấu ngoặc kép đóng" in nb2.cells[1].outputs[0].data["text/plain"]


def _course(root: Path, with_handler: bool) -> Path:
    """A one-assignment nbgrader course whose test cell fails on a wrong answer."""
    def meta(gid, **kw):
        m = {"grade": False, "grade_id": gid, "locked": False, "schema_version": 3, "solution": False, "task": False}
        m.update(kw)
        return {"nbgrader": m}
    first = "%load_ext khuyenhoc.friendly_errors" if with_handler else "pass"
    cells = [
        new_markdown_cell("# Bài thử\n\nGhi chữ cái đáp án.", metadata=meta("de", locked=True)),
        new_code_cell(first, metadata=meta("chuan_bi", locked=True)),
        new_code_cell("### BEGIN SOLUTION\ncau_1 = \"B\"\n### END SOLUTION", metadata=meta("cau_1", solution=True)),
        new_code_cell("assert cau_1 == 'B', 'Câu 1 chưa đúng: xem lại bảng văn bản.'",
                      metadata=meta("kiem_tra_1", grade=True, locked=True, points=2)),
        new_code_cell("### BEGIN SOLUTION\ncau_2 = 70\n### END SOLUTION", metadata=meta("cau_2", solution=True)),
        new_code_cell("assert cau_2 == 70, 'Câu 2 chưa đúng.'",
                      metadata=meta("kiem_tra_2", grade=True, locked=True, points=1)),
    ]
    (root / "source" / "thu").mkdir(parents=True)
    nbformat.write(_nb(cells), root / "source" / "thu" / "thu.ipynb")
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        "c.CourseDirectory.course_id = 'thu'\n", encoding="utf-8")
    return root


def _autograde(root: Path):
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    cfg = Config()
    cfg.CourseDirectory.root = str(root)
    cfg.CourseDirectory.course_id = "thu"
    cwd = os.getcwd()
    os.chdir(root)
    try:
        api = NbGraderAPI(config=cfg)
        assert api.generate_assignment("thu", force=True, create=True)["success"]
        sub = root / "submitted" / "hv01" / "thu"
        sub.mkdir(parents=True)
        nb = nbformat.read(root / "release" / "thu" / "thu.ipynb", as_version=4)
        for c in nb.cells:  # a wrong, unquoted answer to question 1 (NameError) and a right answer to question 2
            gid = c.metadata.get("nbgrader", {}).get("grade_id")
            if gid == "cau_1":
                c.source = "cau_1 = B"
            elif gid == "cau_2":
                c.source = "cau_2 = 70"
        nbformat.write(nb, sub / "thu.ipynb")
        result = api.autograde("thu", "hv01", force=True, create=True)
        assert result["success"], result["log"]
        with api.gradebook as gb:
            grades = {g.name: g.score for g in gb.find_submission_notebook("thu", "thu", "hv01").grades}
        graded = nbformat.read(root / "autograded" / "hv01" / "thu" / "thu.ipynb", as_version=4)
    finally:
        os.chdir(cwd)
    errors = {c.metadata["nbgrader"]["grade_id"]: [(o.ename, o.evalue, len(o.traceback)) for o in c.get("outputs", [])
                                                 if o.output_type == "error"] for c in graded.cells}
    shown = [o for c in graded.cells for o in c.get("outputs", []) if o.output_type == "display_data"]
    return grades, errors, shown


@pytest.mark.slow
def test_nbgrader_autograde_records_the_same_with_and_without_the_handler(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    with_h = _autograde(_course(tmp_path / "co", with_handler=True))
    without = _autograde(_course(tmp_path / "khong", with_handler=False))
    assert with_h[0] == without[0] == {"kiem_tra_1": 0.0, "kiem_tra_2": 1.0}
    assert with_h[1] == without[1]
    assert with_h[1]["cau_1"][0][:2] == ("NameError", "name 'B' is not defined")
    assert with_h[2] == without[2] == []  # no explanation written into what the trainer grades
    shutil.rmtree(tmp_path / "co", ignore_errors=True)
