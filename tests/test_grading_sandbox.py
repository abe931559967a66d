"""Hostile trainees, through nbgrader's real exchange, graded in the sandbox by course/cham_bai.py.

One scratch course (bai_00), a class list, honest and hostile trainees who fetch and submit
through the exchange; the trainer collects and grades in parallel. Asserted: honest marks are
exactly the known ones and never change, the sources and other trainees' files are untouched,
trainee code saw neither the gradebook nor the sources nor other submissions, hostile notebooks
get their status instead of a score, feedback (exchange and file) holds no hidden-test source.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import sqlite3
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course import cham_bai  # noqa: E402
from course.grading import sandbox, store  # noqa: E402
from course.grading.preprocessors import _probe_findings  # noqa: E402
from course.grading.settings import EXCHANGE_ENV, exchange_root  # noqa: E402
from course.khoahoc import gradebook, prepare_environment  # noqa: E402
from course.release import make_scratch_course  # noqa: E402

pytestmark = pytest.mark.skipif(bool(sandbox.check()), reason=f"cần hộp cát: {sandbox.check()}")

A = "bai_00"
GOOD = {"cau_1": 'ten_xa = "Mai Lâm"', "cau_2": "so_hoi_vien = 1250 + 748", "cau_3": "ty_le = so_hoi_vien / 4000 * 100",
        "cau_4": "Tôi muốn tự tổng hợp số liệu."}
PARTIAL = {**GOOD, "cau_3": "ty_le = so_hoi_vien / 4000"}  # forgets * 100: 2 of 4 marks


def _spy(course: Path, gb_path: Path) -> str:
    """Code a hostile trainee runs: look for the gradebook, the sources, other submissions; try to write."""
    targets = [gb_path, course / "source" / A / f"{A}.ipynb", course / "submitted", course / "nbgrader_config.py",
               ROOT / "course" / "source", Path(exchange_root()), Path("/root")]
    lines = ["import os, sqlite3, pathlib", "_thay = {}"]
    for t in targets:
        lines.append(f"_thay[{str(t)!r}] = sorted(os.listdir({str(t)!r})) if os.path.isdir({str(t)!r}) "
                     f"else os.path.exists({str(t)!r})")
    lines += [f"try:\n    _c = sqlite3.connect({str(gb_path)!r})\n    _c.execute('UPDATE grade SET manual_score = 99')"
              f"\n    _c.commit()\n    _thay['ghi'] = True\nexcept Exception as _e:\n    _thay['ghi'] = repr(_e)",
              f"try:\n    pathlib.Path({str(course / 'source' / A / 'hack.txt')!r}).write_text('x')\n"
              "    _thay['ghi_nguon'] = True\nexcept Exception as _e:\n    _thay['ghi_nguon'] = False",
              "print('DO_THAM', _thay)", GOOD["cau_1"]]
    return "\n".join(lines)


HOSTILE = {
    # trainee code tries to read/write outside its own copy (the sandbox stops it; answers otherwise right)
    "hv_do_tham": ("spy", None),
    # rewires IPython so that the test cells do nothing
    "hv_ipython": ({**{k: "raise NotImplementedError()" for k in ("cau_2", "cau_3")},
                    "cau_1": "ten_xa = 'X'\nip = get_ipython()\nip.input_transformers_post.append("
                             "lambda lines: ['pass\\n'] if any('assert' in l for l in lines) else lines)"},
                   "tampered"),
    # rebinds the tests' helper so any value passes
    "hv_gan_de": ({"cau_1": "ten_xa = 'X'", "cau_2": "so_hoi_vien = 'nhiều'\nla_so = lambda x: True",
                   "cau_3": "ty_le = 50"}, "tampered"),
    # kills its own kernel
    "hv_giet_kernel": ({"cau_1": "import os\nos._exit(0)"}, "tampered"),
    # burns CPU past the sandbox's limit: the kernel is killed
    "hv_ton_cpu": ({**GOOD, "cau_2": "while True:\n    pass"}, "kernel_died"),
    # hangs (sleep): the cell times out
    "hv_treo": ({**GOOD, "cau_2": "import time\ntime.sleep(10_000)"}, "timed_out"),
    # deletes a test cell and answers wrongly: the test is restored and run (not a manual question)
    "hv_xoa_o": ({**PARTIAL}, "delete"),
    "hv_tep_hong": ("broken", "unreadable"),
    "hv_doi_ten": ("rename", "wrong_name"),
    "hv_la": (GOOD, "unknown_trainee"),
}
HONEST = {"hv_dung": (GOOD, 4.0), "hv_mot_phan": (PARTIAL, 2.0)}


def _fill(path: Path, answers: dict[str, str]) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        key = cell.metadata.get("nbgrader", {}).get("grade_id", "").removeprefix(f"{A}_")
        if key in answers:
            cell.source = answers[key]
    nbformat.write(nb, path)


def _exchange(kind, home: Path, student: str):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeFetchFeedback, ExchangeSubmit

    c = Config()
    c.CourseDirectory.course_id = "khuyenhoc"
    c.CourseDirectory.root = str(home)
    c.CourseDirectory.assignment_id = A
    c.CourseDirectory.student_id = student
    c.Exchange.root = exchange_root()
    c.Exchange.assignment_dir = str(home)
    c.Exchange.cache = str(home / ".nbgrader_cache")  # each trainee is a separate account in a real class
    cls = {"fetch": ExchangeFetchAssignment, "submit": ExchangeSubmit, "feedback": ExchangeFetchFeedback}[kind]
    cls(coursedir=CourseDirectory(config=c), authenticator=Authenticator(config=c), config=c).start()


def _tree_sums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _marks(course: Path, students) -> dict:
    with gradebook(course) as gb:
        return {s: (gb.find_submission(A, s).score, [(g.name, g.auto_score, g.manual_score)
                                                    for g in gb.find_submission_notebook(A, A, s).grades])
                for s in students}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def _html_text(path: Path) -> str:
    p = _Text()
    p.feed(path.read_text(encoding="utf-8"))
    return html.unescape("".join(p.parts))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hop_cat")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(EXCHANGE_ENV, str(tmp / "trao_doi"))
        prepare_environment()
        course = make_scratch_course(ROOT / "course", tmp / "course", [A])
        with open(course / "nbgrader_config.py", "a", encoding="utf-8") as fh:  # short limits for the test
            fh.write("\nc.ExecutePreprocessor.timeout = 40\nc.SandboxKernelManager.cpu_seconds = 4\n")
        run = lambda *a: cham_bai.main(["--khoa-hoc", str(course), *a])  # noqa: E731
        roster = tmp / "ds.csv"
        ids = list(HONEST) + [s for s in HOSTILE if s != "hv_la"]
        roster.write_text("Mã học viên,Họ,Tên\n" + "".join(f"{s},Nguyễn,{s}\n" for s in ids), encoding="utf-8")
        assert run("nhap-hoc-vien", str(roster)) == 0
        assert run("phat-hanh", A) == 0
        gb_path = course / "gradebook.db"

        def submit(sid, answers):
            home = tmp / "home" / sid
            home.mkdir(parents=True)
            _exchange("fetch", home, sid)
            nb = home / A / f"{A}.ipynb"
            if answers == "spy":
                _fill(nb, {**GOOD, "cau_1": _spy(course, gb_path)})
            elif answers == "broken":
                nb.write_text('{"cells": [ hỏng', encoding="utf-8")
            elif answers == "rename":
                _fill(nb, GOOD)
                nb.rename(nb.with_name("bai_00 (1).ipynb"))
            else:
                _fill(nb, answers)
            if sid == "hv_xoa_o":
                data = nbformat.read(nb, as_version=4)
                data.cells = [c for c in data.cells if c.metadata.get("nbgrader", {}).get("grade_id")
                              != f"{A}_kiem_tra_cau_3"]
                nbformat.write(data, nb)
            _exchange("submit", home, sid)

        # 1. honest trainees first, graded; their marks are the reference
        for sid, (answers, _) in HONEST.items():
            submit(sid, answers)
        assert run("thu-bai", A) == 0
        assert run("cham-tu-dong", A, "--khong-thanh-tien-do") == 0
        before = _marks(course, HONEST)
        sources = _tree_sums(course / "source")
        honest_files = {s: _tree_sums(course / "autograded" / s) for s in HONEST}
        # 2. hostile trainees
        for sid, (answers, _) in HOSTILE.items():
            submit(sid, GOOD if sid == "hv_la" else answers)
        assert run("thu-bai", A) == 0
        code = run("cham-tu-dong", A, "--khong-thanh-tien-do")
        yield {"course": course, "tmp": tmp, "run": run, "before": before, "sources": sources,
               "honest_files": honest_files, "code": code}


def test_honest_submissions_score_as_known_and_never_change(graded):
    assert {s: m[0] for s, m in graded["before"].items()} == {s: v[1] for s, v in HONEST.items()}
    assert _marks(graded["course"], HONEST) == graded["before"]  # hostile grading changed no other mark
    for s in HONEST:
        assert _tree_sums(graded["course"] / "autograded" / s) == graded["honest_files"][s]


def test_sources_and_gradebook_untouched_by_trainee_code(graded):
    course = graded["course"]
    assert _tree_sums(course / "source") == graded["sources"]
    con = sqlite3.connect(course / "gradebook.db")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM grade WHERE manual_score = 99").fetchone() == (0,)
    nb = nbformat.read(course / "autograded" / "hv_do_tham" / A / f"{A}.ipynb", as_version=4)
    spied = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    import ast

    seen = ast.literal_eval(re.search(r"DO_THAM (\{.*\})", spied).group(1))
    allowed = {"/root": [".pyenv"]}  # only a Python installation bound back read-only, if it lives there
    for target, value in seen.items():
        assert value in (False, [], allowed.get(target)) or (target == "ghi" and "OperationalError" in value), \
            f"mã của học viên thấy/ghi được {target}: {value}"
    with gradebook(course) as gb:
        assert gb.find_submission(A, "hv_do_tham").score == 4  # the sandbox stopped it; its answers are right


def test_hostile_notebooks_get_their_status_not_a_score(graded):
    assert graded["code"] == 1  # the trainer is told that some submissions need a look
    course = graded["course"]
    for sid, (_, status) in HOSTILE.items():
        if status in (None, "delete"):
            continue
        rec = store.read(course, A, sid)
        assert rec and rec["status"] == status, (sid, rec)
    with gradebook(course) as gb:
        for sid in ("hv_ipython", "hv_gan_de", "hv_giet_kernel"):
            sub = gb.find_submission(A, sid)
            assert sub.score == 0 and sub.needs_manual_grade  # withheld, waiting for the trainer
        rec = store.read(course, A, "hv_gan_de")
        assert any("la_so" in f["message"] for f in rec["findings"])


def test_deleted_test_cell_is_restored_and_run(graded):
    course = graded["course"]
    with gradebook(course) as gb:
        sub = gb.find_submission(A, "hv_xoa_o")
        assert sub.score == 2.0  # same as the honest partial answer: the deleted test ran and failed
        grade = gb.find_grade(f"{A}_kiem_tra_cau_3", A, A, "hv_xoa_o")
        assert grade.auto_score == 0 and not grade.needs_manual_grade
    nb = nbformat.read(course / "autograded" / "hv_xoa_o" / A / f"{A}.ipynb", as_version=4)
    assert {"cell": f"{A}_kiem_tra_cau_3", "change": "deleted"} in nb.metadata["khuyenhoc"]["restored"]


def test_excel_shows_statuses_never_a_plain_zero(graded, tmp_path):
    out = tmp_path / "diem.xlsx"
    assert graded["run"]("xuat-diem", "--ra", str(out)) == 0
    summary = pd.read_excel(out, sheet_name="Tổng hợp").set_index("Mã học viên")
    assert summary.loc["hv_dung", A] == 4
    assert summary.loc["hv_ipython", A] == "Bị can thiệp"
    assert summary.loc["hv_tep_hong", A] == "Tệp hỏng"
    assert summary.loc["hv_doi_ten", A] == "Sai tên tệp"
    assert summary.loc["hv_treo", A] == "Quá giờ"
    detail = pd.read_excel(out, sheet_name="Chi tiết")
    assert "Không có trong danh sách" in set(detail["Tình trạng"])
    assert detail["Việc cần làm"].notna().all()


def test_feedback_by_exchange_and_file_has_no_hidden_test(graded, tmp_path):
    course, run = graded["course"], graded["run"]
    assert run("phan-hoi", A, "--ra", str(tmp_path / "tep")) == 0
    src = nbformat.read(course / "source" / A / f"{A}.ipynb", as_version=4)
    hidden = []
    for cell in src.cells:
        for block in re.findall(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", cell.source, flags=re.S):
            hidden += [ln.strip() for ln in block.splitlines() if len(ln.strip()) > 12]
    assert hidden
    home = graded["tmp"] / "home" / "hv_mot_phan"
    _exchange("feedback", home, "hv_mot_phan")
    fetched = sorted((home / A / "feedback").rglob("*.html"))
    as_file = tmp_path / "tep" / f"hv_mot_phan_{A}_{A}.html"
    assert fetched and as_file.exists()
    for path in (fetched[0], as_file):
        text = _html_text(path)
        leaked = [ln for ln in hidden if ln in text]
        assert not leaked, f"lộ kiểm tra ẩn trong {path.name}: {leaked[:2]}"
        assert "❌ Chưa đạt: Câu 3: ty_le đang là 0.4995. Có phải anh/chị quên nhân 100?" in text
        assert text.count("✅ Đạt") == 2  # cau_1 and cau_2 passed
        assert "AssertionError" not in text and "Cell In[" not in text  # no traceback of a hidden test


def test_exchange_is_outside_the_course_with_nbgrader_permissions(graded):
    root = Path(exchange_root())
    assert graded["course"] not in root.parents
    inbound = root / "khuyenhoc" / "inbound"
    outbound = root / "khuyenhoc" / "outbound"
    assert oct(inbound.stat().st_mode & 0o777) == oct(0o733)  # trainees may write, not list or read
    assert oct(outbound.stat().st_mode & 0o777) == oct(0o755)  # trainees may read, not write


def test_probe_reports_changed_machinery():
    base = {"cleanup": [], "post": [], "ast": [], "events": [], "trace": True, "run_cell": True,
            "custom_exc": "()", "toolkit": []}
    assert _probe_findings(base, dict(base)) == []
    hacked = {**base, "post": ["__main__.<lambda>"], "trace": False, "toolkit": ["khuyenhoc.reports.load_settings"],
              "custom_exc": "(<class 'Exception'>,)"}
    found = " ".join(_probe_findings(base, hacked))
    assert "bộ biến đổi mã đầu vào" in found and "settrace" in found and "load_settings" in found
    assert "set_custom_exc" in found
    # hooks the course's own set-up cells installed (in the baseline, or from the toolkit) are not findings
    course_hooks = {**base, "events": ["post_run_cell:khuyenhoc.friendly_errors.remember"]}
    assert _probe_findings(base, course_hooks) == []
    assert _probe_findings(base, None)  # a probe that cannot run is itself a finding


def test_manual_marks_from_a_sheet_with_decimal_commas(graded, tmp_path, capsys):
    run, course = graded["run"], graded["course"]
    bad = tmp_path / "sai.csv"
    bad.write_text("Mã học viên;cau_4\nhv_dung;0,5\nhv_mot_phan;nhiều\n", encoding="utf-8")  # Excel's CSV with ;
    assert run("nhap-diem-tay", A, str(bad)) == 1
    err = capsys.readouterr().err
    assert "dòng 3, cột 'cau_4'" in err and "chưa nhập điểm nào" in err
    with gradebook(course) as gb:
        assert gb.find_grade(f"{A}_cau_4", A, A, "hv_dung").manual_score is None  # all or nothing
    good = tmp_path / "diem_tay.xlsx"
    pd.DataFrame({"Mã học viên": ["hv_dung", "hv_mot_phan"], "cau_4": ["0,5", 1]}).to_excel(good, index=False)
    assert run("nhap-diem-tay", A, str(good)) == 0
    with gradebook(course) as gb:
        assert gb.find_grade(f"{A}_cau_4", A, A, "hv_dung").manual_score == 0.5
        assert gb.find_submission(A, "hv_mot_phan").score == 3.0


def test_a_hanging_submission_does_not_hold_up_the_others(graded):
    """One worker: the hanging notebook waits for its cell limit while the honest ones behind it are graded."""
    from course.grading import parallel

    order = []
    honest = list(HONEST)[:2]
    marks = _marks(graded["course"], honest)
    outcomes = parallel.grade(graded["course"], A, ["hv_treo", *honest], workers=1, redo=True, progress=False,
                              report=order.append, slow_after=3)
    finished = [text.split()[0].rstrip(":") for text in order]  # report lines come in the order grading ends
    assert finished.index("hv_treo") == 2, order
    assert {o.student: o.status for o in outcomes}["hv_treo"] == "timed_out"
    assert _marks(graded["course"], honest) == marks  # graded again, out of order: the same marks
