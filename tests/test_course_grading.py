"""The graded assignments driven through nbgrader's own API, in a temp copy of the course.

One course copy is generated per module; every assignment's solution must pass the
Validator, its blank release must autograde to zero, and realistic wrong answers must
get the expected partial marks with the expected Vietnamese message.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from pathlib import Path

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.build import ASSIGNMENTS  # noqa: E402
from course.build.release import generate, make_scratch_course  # noqa: E402
from course.khoahoc import gradebook, make_api, validator  # noqa: E402
from course import cham_bai  # noqa: E402

NAMES = [m.ASSIGNMENT for m in ASSIGNMENTS]
NFD_CDHT = unicodedata.normalize("NFD", "công dân học tập")

# Each case: answers by grade_id suffix, the expected autograded score, messages expected in outputs.
CASES = {
    ("bai_00", "dung"): ({}, 4.0, ["Câu 3 đúng dạng"]),
    ("bai_00", "quen_nhan_100"): (
        {"cau_1": 'ten_xa = "Yên Bình"', "cau_2": "so_hoi_vien = 1250 + 748",
         "cau_3": "ty_le = so_hoi_vien / 4000", "cau_4": "Tôi muốn lập báo cáo quỹ khuyến học nhanh hơn."},
        2.0, ["Có phải anh/chị quên nhân 100?"]),
    ("bai_00", "ten_trong_cong_sai"): (
        {"cau_1": 'ten_xa = "  "', "cau_2": "so_hoi_vien = 1250 + 784",
         "cau_3": "ty_le = so_hoi_vien / 4000 * 100", "cau_4": "Học cách dùng Excel."},
        2.0, ["tên xã đang để trống", "tổng số hội viên chưa đúng (đang là 2034)"]),
    ("bai_01", "dung"): ({}, 12.0, ["Câu 3 chạy đúng"]),
    ("bai_01", "thap_phan_lam_tron_thuong"): (
        {"cau_1": 'cau_1a = "c"\ncau_1b = " B "\ncau_1c = "d"',
         "cau_2": "gia_dinh = 0.7\ndong_ho = 0.65\ncong_dong = 0.65\ndon_vi = 0.8",
         "cau_3": "def so_can_dat(tong_so, ty_le):\n    return round(tong_so * ty_le / 100)",
         "cau_4": "nam_qd_677 = 2022", "cau_5": f'danh_hieu_677 = "{NFD_CDHT}"', "cau_6": 'cau_6 = "B"',
         "cau_7": "Cần 70% của 2.480 hộ, khoảng 1.736 gia đình theo QĐ 387."},
        7.0, ["Hãy ghi số phần trăm, ví dụ 50", "phải làm tròn LÊN"]),
    ("bai_01", "nham_van_ban_nam_bao"): (
        {"cau_1": 'cau_1a = "A"\ncau_1b = "A"\ncau_1c = "D"',
         "cau_2": "gia_dinh = 70\ndong_ho = 65\ncong_dong = 65\ndon_vi = 80",
         "cau_3": "import math\ndef so_can_dat(tong_so, ty_le):\n    return math.ceil(tong_so * ty_le / 100)",
         "cau_4": "nam_qd_677 = 2021", "cau_5": 'danh_hieu_677 = "Gia đình học tập"', "cau_6": 'cau_6 = "b"',
         "cau_7": "Cần 1.736 gia đình. Chờ hướng dẫn vì không còn cấp huyện."},
        8.0, ["2021 là năm bài báo ghi nhầm", "Câu 1b chưa đúng", "Câu 5 chưa đúng"]),
}


def _fill(nb, assignment: str, answers: dict[str, str]):
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        key = gid.removeprefix(f"{assignment}_")
        if key in answers:
            cell.source = answers[key]
    return nb


def _outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.append(out.get("evalue", ""))
            parts.append("\n".join(out.get("traceback", [])))
    return unicodedata.normalize("NFC", "\n".join(parts))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A generated copy of the course with every case submitted and autograded."""
    root = make_scratch_course(ROOT / "course", tmp_path_factory.mktemp("khoahoc") / "course", NAMES)
    releases = generate(root, NAMES)
    with gradebook(root) as gb:
        gb.update_or_create_student("hv_blank", last_name="Nguyễn Thị", first_name="Ánh")
    api = make_api(root)
    students = {}
    for (assignment, case), (answers, _, _) in CASES.items():
        sid = f"hv_{case}"
        students[(assignment, case)] = sid
        for src in sorted((root / "source" / assignment).glob("*.ipynb")):
            # "dung" submits the release filled with the solution's answer cells
            base = src if case == "dung" else releases[assignment] / src.name
            nb = _fill(nbformat.read(base, as_version=4), assignment, answers)
            dest = root / "submitted" / sid / assignment
            dest.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, dest / src.name)
        r = api.autograde(assignment, sid, force=True, create=True)
        assert r["success"], r["error"] + r["log"]
    for assignment in NAMES:
        for src in sorted((releases[assignment]).glob("*.ipynb")):
            dest = root / "submitted" / "hv_blank" / assignment
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / src.name)
        r = api.autograde(assignment, "hv_blank", force=True, create=True)
        assert r["success"], r["error"] + r["log"]
    return {"root": root, "releases": releases, "students": students, "api": api}


@pytest.mark.parametrize("assignment", NAMES)
def test_source_solution_passes_validator(course, assignment):
    for nb in sorted((ROOT / "course" / "source" / assignment).glob("*.ipynb")):
        result = validator(course["root"]).validate(str(nb))
        assert not result.get("failed"), result
        assert not result.get("changed") and not result.get("type_changed"), result


@pytest.mark.parametrize("assignment", NAMES)
def test_blank_release_fails_every_test(course, assignment):
    for nb in sorted(course["releases"][assignment].glob("*.ipynb")):
        result = validator(course["root"]).validate(str(nb))
        graded = [c for c in nbformat.read(nb, as_version=4).cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert len(result.get("failed", [])) == len(graded)


@pytest.mark.parametrize("assignment", NAMES)
def test_blank_release_autogrades_to_zero(course, assignment):
    with gradebook(course["root"]) as gb:
        sub = gb.find_submission(assignment, "hv_blank")
        assert sub.score == 0
        assert sub.max_score == next(m.POINTS for m in ASSIGNMENTS if m.ASSIGNMENT == assignment)


@pytest.mark.parametrize("key", list(CASES), ids=[f"{a}-{c}" for a, c in CASES])
def test_submission_gets_expected_marks_and_message(course, key):
    assignment, _ = key
    _, expected, messages = CASES[key]
    sid = course["students"][key]
    with gradebook(course["root"]) as gb:
        sub = gb.find_submission(assignment, sid)
        assert sub.score == pytest.approx(expected)
        assert sub.needs_manual_grade  # the written answer waits for the trainer
    text = "".join(_outputs_text(nbformat.read(p, as_version=4))
                   for p in (course["root"] / "autograded" / sid / assignment).glob("*.ipynb"))
    for message in messages:
        assert message in text, f"không thấy thông báo: {message}"


def test_feedback_is_generated_with_vietnamese_messages(course):
    sid = course["students"][("bai_00", "quen_nhan_100")]
    r = course["api"].generate_feedback("bai_00", sid, force=True)
    assert r["success"], r["error"]
    html = (course["root"] / "feedback" / sid / "bai_00" / "bai_00.html").read_text(encoding="utf-8")
    assert "quên nhân 100" in unicodedata.normalize("NFC", html)
    assert "VIẾT CÂU TRẢ LỜI" not in html or "Câu 4" in html


def test_grades_export_to_xlsx_keeps_vietnamese_names(course, tmp_path):
    out = tmp_path / "diem.xlsx"
    assert cham_bai.main(["--khoa-hoc", str(course["root"]), "xuat-diem", "--ra", str(out)]) == 0
    summary = pd.read_excel(out, sheet_name="Tổng hợp")
    row = summary.set_index("Mã học viên").loc["hv_blank"]
    assert (row["Họ"], row["Tên"]) == ("Nguyễn Thị", "Ánh")
    assert row["Tổng điểm"] == 0
    good = summary.set_index("Mã học viên").loc["hv_dung"]
    assert good["bai_00"] == 4 and good["bai_01"] == 12
    assert "bai_00" in good["Còn chấm tay"]
    detail = pd.read_excel(out, sheet_name="Chi tiết")
    assert set(detail["Tình trạng"]) >= {"cần chấm tay", "chưa nộp"}


@pytest.mark.parametrize("assignment", NAMES)
def test_exercises_equal_a_fresh_release(course, assignment):
    fresh = sorted(p.name for p in course["releases"][assignment].rglob("*") if p.is_file())
    shipped = sorted(p.name for p in (ROOT / "exercises" / assignment).rglob("*") if p.is_file())
    assert shipped == fresh, "exercises/ cũ: hãy chạy python -m course.build"
    for name in fresh:
        if not name.endswith(".ipynb"):
            continue
        a = nbformat.read(course["releases"][assignment] / name, as_version=4)
        b = nbformat.read(ROOT / "exercises" / assignment / name, as_version=4)
        assert [c.source for c in a.cells] == [c.source for c in b.cells]
        assert [c.metadata for c in a.cells] == [c.metadata for c in b.cells]


@pytest.mark.parametrize("assignment", NAMES)
def test_exercises_hold_no_solution_hidden_test_or_output(assignment):
    notebooks = list((ROOT / "exercises" / assignment).glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
        assert "HIDDEN TESTS" not in text
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        assert "VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY" in text
