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

import yaml  # noqa: E402

from course.catalog import assignment_notebooks, assignments  # noqa: E402
from course.release import generate, make_scratch_course  # noqa: E402
from course.khoahoc import gradebook, make_api, validator  # noqa: E402
from course import cham_bai  # noqa: E402
from course.grading import sandbox  # noqa: E402
from course.grading.settings import EXCHANGE_ENV  # noqa: E402

NAMES = assignments()
CASES_DIR = ROOT / "tests" / "data" / "grading_cases"
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
    # --- bai_05 (lesson 5, data from Excel) ---
    ("bai_05", "dung"): ({}, 12.0, ["Câu 4: đã có cột ngày"]),
    ("bai_05", "dem_tong_so_va_bo_dau"): (
        {"cau_1": "du_lieu_loi, van_de = check(TEP_LOI)\nso_loi = len(van_de)",
         "cau_2": "bang = pd.DataFrame([v.to_dict() for v in van_de])\n"
                  "so_tien_viet_tat = int((bang['code'] == 'bad_money').sum())\n"
                  "so_ngay_go_chu = int((bang['code'] == 'date_text').sum())",
         "cau_3": "v = [v for v in van_de if v.code == 'possible_duplicate'][0]\n"
                  "dong_nhap_lai = v.row\nma_giu_lai = v.message.split(\"'\")[-2]",
         "cau_4": "kq = parse_dates(so_hoi_vien['Ngày vào Hội'])\n"
                  "so_hoi_vien['Ngày vào Hội (đã đọc)'] = kq.values\nso_o_ngay_loi = int(kq.error.sum())",
         "cau_5": "from khuyenhoc.textnorm import fold\ndef cung_ho_ten(a, b):\n    return fold(a) == fold(b)",
         "cau_6": "Mỗi thôn một người nhập, dùng chung sổ mẫu."},
        9.0, ["là tổng số vấn đề (mọi mức)", "Đừng bỏ dấu (fold)"]),
    ("bai_05", "nham_dong_va_to_datetime"): (
        {"cau_1": "from khuyenhoc.problems import count\ndu_lieu_loi, van_de = check(TEP_LOI)\n"
                  "so_loi = count(van_de)['lỗi']",
         "cau_2": "so_tien_viet_tat = 3\nso_ngay_go_chu = 2",
         "cau_3": "dong_nhap_lai = 22\nma_giu_lai = 'X01-NK00021'",
         "cau_4": "so_hoi_vien['Ngày vào Hội (đã đọc)'] = pd.to_datetime(so_hoi_vien['Ngày vào Hội'].astype(str), "
                  "errors='coerce', format='mixed')\n"
                  "so_o_ngay_loi = int(so_hoi_vien['Ngày vào Hội (đã đọc)'].isna().sum())",
         "cau_5": "def cung_ho_ten(a, b):\n    return clean(a) == clean(b)",
         "cau_6": "Giao chi hội trưởng nhập."},
        5.0, ["'money_text' là loại khác", "là lần nhập đầu", "dùng parse_dates"]),
    # --- bai_06 (lesson 6, indicators) ---
    ("bai_06", "dung"): ({}, 12.0, ["Câu 1: đã có bảng chỉ tiêu"]),
    ("bai_06", "thap_phan_va_nam_2026"): (
        {"cau_1": "bang_xa = compute(du_lieu, 2025, 'xã')",
         "cau_2": "g = bang_xa.set_index('indicator')['value']\n"
                  "ty_le_hoi_vien = g['hoi_vien_dan_so'] / 100\n"
                  "b26 = compute(du_lieu, 2026, 'xã').set_index('indicator')['value']\n"
                  "quy_binh_quan = b26['quy_binh_quan']\n"
                  "ty_le_can_bo_tap_huan = g['can_bo_tap_huan']\nso_lop_tthtcd = g['tthtcd_lop']\n"
                  "ty_le_chuyen_can = round(g['tthtcd_chuyen_can'], 1)\nty_le_biet_chu = g['biet_chu_15_60']",
         "cau_3": "chua_dat = bang_xa.loc[bang_xa['met'] == False, 'indicator'].tolist()",
         "cau_4": "l = lagging_villages(du_lieu, 2025)\n"
                  "thon_thap_nhat_gdht = l[l['indicator'] == 'gdht']['unit_name'].iloc[0]\n"
                  "thon_tre_di_hoc = l[l['indicator'] == 'tre_di_hoc']['unit_name'].tolist()",
         "cau_5": "Thôn Trung Sơn thấp nhất về gia đình học tập."},
        10.0, ["quên nhân 100", "đây là giá trị năm 2026"]),
    ("bai_06", "moi_nam_va_chon_bang_mat"): (
        {"cau_1": "bang_xa = compute(du_lieu, None, 'xã')",
         "cau_2": "g = bang_xa[bang_xa['year'] == 2025].set_index('indicator')['value']\n"
                  "ty_le_hoi_vien = g['hoi_vien_dan_so']\nquy_binh_quan = g['quy_binh_quan']\n"
                  "ty_le_can_bo_tap_huan = g['can_bo_tap_huan']\nso_lop_tthtcd = g['tthtcd_lop']\n"
                  "ty_le_chuyen_can = g['tthtcd_chuyen_can']\nty_le_biet_chu = g['biet_chu_15_60']",
         "cau_3": "chua_dat = ['gdht', 'dhht', 'dvht']",
         "cau_4": "thon_thap_nhat_gdht = 'Thôn Lam Thọ'\n"
                  "l = lagging_villages(du_lieu, 2025)\n"
                  "thon_tre_di_hoc = l[l['indicator'] == 'tre_di_hoc']['unit_name'].tolist()",
         "cau_5": "Cần tập huấn thêm."},
        8.0, ["bảng phải chỉ có năm 2025", "còn thiếu 1 chỉ tiêu chưa đạt", "chưa phải thôn thấp nhất"]),
    # --- bai_07 (lesson 7, reports) ---
    ("bai_07", "dung"): ({}, 12.0, ["Câu 3: đã có tệp bao-cao-nam-2025.docx"]),
    ("bai_07", "lo_ten_va_gui_danh_sach"): (
        {"cau_1": "tep_bieu_do = THU_MUC / 'gdht-theo-thon-2025.png'\n"
                  "hinh = charts.village_chart(bang_thon, 'gdht', 2025, path=tep_bieu_do)",
         "cau_2": "ten = du_lieu.persons['full_name'].iloc[7]  # chép một họ tên từ sổ nhân khẩu\n"
                  "cai_dat = {'so': 24, 'ngay': '10/01/2026', 'nguoi_ky': 'Lê Thị Thu Hà',\n"
                  "           'de_xuat': [f'Đề nghị khen thưởng bà {ten} vì có nhiều đóng góp cho quỹ.']}",
         "cau_3": "tep_bao_cao = reports.annual_report(du_lieu, 2025, THU_MUC / 'bao-cao-nam-2025.docx', "
                  "settings=cai_dat, chart_dir=THU_MUC / 'bieu-do')",
         "cau_4": "gui_duoc = ['A', 'B', 'C', 'D']",
         "cau_5": "Chưa đạt gia đình học tập."},
        8.0, ["báo cáo có họ tên người dân", "tệp D có họ tên người"]),
    ("bai_07", "sai_bieu_do_va_so"): (
        {"cau_1": "tep_bieu_do = THU_MUC / 'gdht-theo-thon-2025.png'\n"
                  "hinh = charts.progress_chart(bang_xa, path=tep_bieu_do)",
         "cau_2": "cai_dat = {'so': '24/BC-HKH', 'ngay': '10/01/2026', 'nguoi_ky': 'Lê Thị Thu Hà',\n"
                  "           'de_xuat': ['Đề nghị hỗ trợ kinh phí tập huấn.']}",
         "cau_3": "tep_bao_cao = reports.annual_report(du_lieu, 2025, THU_MUC / 'bao-cao-nam-2025.docx', "
                  "settings=cai_dat, chart_dir=THU_MUC / 'bieu-do')",
         "cau_4": "gui_duoc = ['A', 'C']",
         "cau_5": "Hạn chế: chưa đạt nhiều chỉ tiêu."},
        7.0, ["đây chưa phải biểu đồ so sánh các thôn", "Chỉ ghi số", "còn thiếu tệp được gửi"]),
}


# More cases are kept as data, one file per assignment: {case: {answers, marks, messages}}.
for _file in sorted(CASES_DIR.glob("*.yaml")):
    for _case, _spec in yaml.safe_load(_file.read_text(encoding="utf-8")).items():
        CASES[(_file.stem, _case)] = (_spec["answers"], float(_spec["marks"]), _spec["messages"])


def _source_points(assignment: str) -> float:
    """Total points of an assignment, read from its source notebooks' grade cells."""
    return sum(float(c.metadata["nbgrader"].get("points", 0)) for path in assignment_notebooks(assignment)
               for c in nbformat.read(path, as_version=4).cells
               if c.metadata.get("nbgrader", {}).get("grade"))


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


@pytest.fixture(scope="module", autouse=True)
def _exchange_outside_course(tmp_path_factory):
    """The exchange lives outside the course (KHUYENHOC_TRAO_DOI); trainee code runs in the sandbox."""
    reason = sandbox.check()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(EXCHANGE_ENV, str(tmp_path_factory.mktemp("trao_doi")))
        if reason:  # developer machine without root/bubblewrap: say so, grade without the sandbox
            mp.setenv(sandbox.UNSAFE_ENV, "1")
        yield


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
    # validate the scratch copy: solutions write files next to themselves when they run
    for nb in sorted((course["root"] / "source" / assignment).glob("*.ipynb")):
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
        assert sub.max_score == _source_points(assignment)


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
    assert set(detail["Tình trạng"]) >= {"Chờ chấm tay", "Chưa nộp"}


@pytest.mark.parametrize("assignment", NAMES)
def test_exercises_equal_a_fresh_release(course, assignment):
    fresh = sorted(p.name for p in course["releases"][assignment].rglob("*") if p.is_file())
    shipped = sorted(p.name for p in (ROOT / "exercises" / assignment).rglob("*") if p.is_file())
    assert shipped == fresh, "exercises/ cũ: hãy chạy python -m course.check --phat-hanh"
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
    # files a notebook writes when it runs (reports, charts, lists with names) must never be shipped
    others = [str(p) for p in (ROOT / "exercises" / assignment).rglob("*") if p.is_file() and p.suffix != ".ipynb"]
    assert not others, f"exercises/ chứa tệp do sổ tay tự ghi ra, không được phát cho học viên: {others[:3]}"
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
        assert "HIDDEN TESTS" not in text
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        assert "VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY" in text
