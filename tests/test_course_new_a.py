"""Real nbgrader round trips of bai_09 (dossier), bai_10 (plan and calendar) and the capstone's part 2.

Same machinery as tests/test_course_grading.py (which already checks, for every assignment on disk, that the
solution scores full marks and the blank release 0), on a scratch course holding only these assignments:
realistic wrong answers get partial marks with the expected Vietnamese message, the written answer waits for the
trainer (rubric in course/trainer-guide.md), and the feedback is in Vietnamese. Questions a case leaves out keep
the release's empty cell and score 0.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.grading import sandbox  # noqa: E402
from course.grading.settings import EXCHANGE_ENV  # noqa: E402
from course.khoahoc import gradebook, make_api  # noqa: E402
from course.release import generate, make_scratch_course  # noqa: E402

NAMES = ["bai_09", "bai_10", "cuoi_khoa"]
MINE = {"bai_09": ["bai_09.ipynb"], "bai_10": ["bai_10.ipynb"], "cuoi_khoa": ["cuoi_khoa_phan_2.ipynb"]}
AUTO = {"bai_09": 10.0, "bai_10": 10.0, "cuoi_khoa": 8.0}  # auto-graded points of my notebooks

# (assignment, case): ({grade_id suffix: code}, autograded score of my notebook, messages expected)
CASES = {
    ("bai_09", "sai_thanh_phan_va_so"): (
        {"cau_1": 'thanh_phan = ["A", "B", "C", "D", "F"]',
         "cau_3": 'ho_so_gd = build_dossier(du_lieu, "giadinh-qd387", 2025, THU_MUC / "ho-so-gia-dinh", '
                  'thresholds=NGUONG, evidence_dir=MINH_CHUNG)\n'
                  'so_dang_ky = len(du_lieu.households)\nso_de_nghi = ho_so_gd.facts.passed\n'
                  'so_thieu_minh_chung = ho_so_gd.facts.passed_with_evidence',
         "cau_4": "gui_di = [p.name for p in ho_so_gd.written]\n"
                  "phat_hien = personal_data_in(ho_so_gd.outgoing[0], du_lieu)",
         "cau_5": "Hội nghị thống nhất đề nghị công nhận các hộ đạt; chi hội bổ sung minh chứng trong tháng 12."},
        3.0, ["ảnh thẻ căn cước là dữ liệu cá nhân nhạy cảm", "Đó là số hộ ĐÃ ĐĂNG KÝ",
              "tệp hạn chế lưu hành"]),
    ("bai_10", "lam_tron_va_ma"): (
        {"cau_1": "chi_tieu_dhht = 50.85",
         "cau_2": "bang_chi_tieu = plan_targets(du_lieu, 2025)\n_b = bang_chi_tieu.set_index('indicator')\n"
                  "can_them_gdht = 106\nchua_dat = ['Tỷ lệ hộ đạt Gia đình học tập']\n"
                  "phu_trach_gdht = _b.loc['gdht', 'owner']",
         "cau_3": 'ke_hoach = yearly_plan(du_lieu, 2025, THU_MUC / "ke-hoach", '
                  'settings={"so": 5, "nguoi_ky": "Lê Thị Thu Hà"})',
         "cau_5": "Đề nghị Đảng ủy đưa chỉ tiêu Gia đình học tập 62,1% vào nghị quyết năm 2026."},
        3.0, ["phải làm tròn LÊN", "chua_dat phải ghi MÃ chỉ tiêu", '"dong_khoang_cach_nam": 3']),
    ("cuoi_khoa", "xa_mau_thay_lung_may"): (
        {"cau_1": 'ho_so = build_dossier(sample.load("mau"), "giadinh-qd387", 2025, THU_MUC / "ho-so", '
                  'thresholds=sample.path("mau")["thresholds"], '
                  'settings={"so_to_trinh": 11, "ngay": "15/12/2025", "nguoi_ky": "Hoàng Văn Sáng"})\n'
                  'so_de_nghi = ho_so.facts.passed',
         "cau_3": "Kính gửi Đảng ủy xã: Hội đề nghị đưa ba chỉ tiêu của kế hoạch vào nghị quyết năm 2026."},
        1.0, ["lập hồ sơ từ du_lieu của bài (xã Lũng Mây)"]),
}


def _prefix(assignment: str, notebook: str) -> str:
    return "cuoi_khoa_p2_" if notebook == "cuoi_khoa_phan_2.ipynb" else f"{assignment}_"


def _fill(nb, prefix: str, answers: dict[str, str]):
    for cell in nb.cells:
        key = cell.metadata.get("nbgrader", {}).get("grade_id", "").removeprefix(prefix)
        if key in answers:
            cell.source = answers[key]
    return nb


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts += [out.get("text", ""), out.get("evalue", ""), "\n".join(out.get("traceback", []))]
    return unicodedata.normalize("NFC", "\n".join(parts))


def _my_score(gb, assignment: str, sid: str) -> tuple[float, float]:
    sub = gb.find_submission(assignment, sid)
    nbs = [n for n in sub.notebooks if f"{n.name}.ipynb" in MINE[assignment]]
    return sum(n.score for n in nbs), sum(n.max_score for n in nbs)


@pytest.fixture(scope="module", autouse=True)
def _exchange_outside_course(tmp_path_factory):
    reason = sandbox.check()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(EXCHANGE_ENV, str(tmp_path_factory.mktemp("trao_doi")))
        if reason:
            mp.setenv(sandbox.UNSAFE_ENV, "1")
        yield


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = make_scratch_course(ROOT / "course", tmp_path_factory.mktemp("khoahoc") / "course", NAMES)
    releases = generate(root, NAMES)
    api = make_api(root)
    for (assignment, case), (answers, _, _) in CASES.items():
        sid = f"hv_{case}"
        for src in sorted((root / "source" / assignment).glob("*.ipynb")):
            dest = root / "submitted" / sid / assignment
            dest.mkdir(parents=True, exist_ok=True)
            if src.name not in MINE[assignment]:  # the capstone's part 1 belongs to another suite: hand in blank
                shutil.copy2(releases[assignment] / src.name, dest / src.name)
                continue
            nbformat.write(_fill(nbformat.read(releases[assignment] / src.name, as_version=4),
                                 _prefix(assignment, src.name), answers), dest / src.name)
        r = api.autograde(assignment, sid, force=True, create=True)
        assert r["success"], r["error"] + r["log"]
    return {"root": root, "api": api}


@pytest.mark.parametrize("key", list(CASES), ids=[f"{a}-{c}" for a, c in CASES])
def test_wrong_answers_partial_marks_and_messages(course, key):
    assignment, case = key
    _, expected, messages = CASES[key]
    with gradebook(course["root"]) as gb:
        score, top = _my_score(gb, assignment, f"hv_{case}")
        assert score == pytest.approx(expected)
        assert top > AUTO[assignment]  # the written answer is worth more points, graded by the trainer
        assert gb.find_submission(assignment, f"hv_{case}").needs_manual_grade
    nb = course["root"] / "autograded" / f"hv_{case}" / assignment / MINE[assignment][0]
    text = _outputs(nbformat.read(nb, as_version=4))
    for m in messages:
        assert m in text, f"không thấy thông báo: {m}"


def test_feedback_in_vietnamese(course):
    r = course["api"].generate_feedback("bai_10", "hv_lam_tron_va_ma", force=True)
    assert r["success"], r["error"]
    html = (course["root"] / "feedback" / "hv_lam_tron_va_ma" / "bai_10" / "bai_10.html").read_text(encoding="utf-8")
    html = unicodedata.normalize("NFC", html)
    assert "phải làm tròn LÊN" in html and "Bài tập 10. Kế hoạch năm" in html
    assert "BEGIN HIDDEN TESTS" not in html


# ------------------------------------------------------------------ static checks (no nbgrader run)
RUBRIC_HEADINGS = {("bai_09", "cau_5"): "### bai_09, câu 5 (3 điểm)", ("bai_10", "cau_5"): "### bai_10, câu 5 (3 điểm)",
                   ("cuoi_khoa", "cau_3"): "### cuoi_khoa (phần 2), câu 3 (4 điểm)"}


@pytest.mark.parametrize("assignment", NAMES)
def test_points_stated_match_the_grade_cells_and_rubrics_exist(assignment):
    import re

    guide = (ROOT / "course" / "trainer-guide.md").read_text(encoding="utf-8")
    nb = nbformat.read(ROOT / "course" / "source" / assignment / MINE[assignment][0], as_version=4)
    prefix = _prefix(assignment, MINE[assignment][0])
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    auto = sum(float(c.metadata["nbgrader"]["points"]) for c in graded if c.cell_type == "code")
    manual = [c for c in graded if c.cell_type == "markdown"]
    head = re.sub(r"\s*\n>\s*", " ", nb.cells[0].source)
    m = re.search(r"có (\d+) điểm: (\d+) điểm máy chấm, (\d+) điểm giảng viên chấm", head)
    assert m and (float(m[2]), float(m[3])) == (auto, sum(float(c.metadata["nbgrader"]["points"]) for c in manual))
    assert auto == AUTO[assignment]
    for c in nb.cells:  # "## Câu N (P điểm…)" equals the points of that question's grade cells
        q = re.match(r"## Câu (\d+) \((\d+) điểm", c.source) if c.cell_type == "markdown" else None
        if q:
            own = [x for x in graded if re.search(rf"{prefix}(kiem_tra_)?cau_{q[1]}(_|$)", x.metadata["nbgrader"]["grade_id"])]
            assert sum(float(x.metadata["nbgrader"]["points"]) for x in own) == float(q[2]), (assignment, q[0])
    for c in manual:
        key = (assignment, c.metadata["nbgrader"]["grade_id"].removeprefix(prefix))
        assert RUBRIC_HEADINGS[key] in guide, f"trainer-guide.md: thiếu thang điểm {RUBRIC_HEADINGS[key]}"
