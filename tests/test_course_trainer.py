"""Three trainees and one trainer follow course/trainer-guide.md with course/cham_bai.py.

Trainees fetch and submit through nbgrader's exchange (as the Assignments tab does);
one trainee sends the notebook by Zalo instead, one breaks the file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course import cham_bai  # noqa: E402
from course.grading import sandbox  # noqa: E402
from course.grading.settings import EXCHANGE_ENV, exchange_root  # noqa: E402
from course.release import make_scratch_course  # noqa: E402
from course.khoahoc import gradebook, prepare_environment  # noqa: E402

ANSWERS = {
    "hv001": {"cau_1": 'cau_1a = "C"\ncau_1b = "B"\ncau_1c = "D"',
              "cau_2": "gia_dinh = 70\ndong_ho = 65\ncong_dong = 65\ndon_vi = 80",
              "cau_3": "def so_can_dat(tong_so, ty_le):\n    return math.ceil(tong_so * ty_le / 100)",
              "cau_4": "nam_qd_677 = 2022", "cau_5": 'danh_hieu_677 = "Công dân học tập"', "cau_6": 'cau_6 = "B"',
              "cau_7": "Theo QĐ 387 cần 1.736 gia đình; bộ tiêu chí mới chưa có, chờ hướng dẫn của tỉnh."},
    "hv002": {"cau_1": 'cau_1a = "C"\ncau_1b = "A"\ncau_1c = "D"',
              "cau_2": "gia_dinh = 70\ndong_ho = 65\ncong_dong = 65\ndon_vi = 80",
              "cau_4": "nam_qd_677 = 2021", "cau_7": "Cần 70% số hộ."},
    "hv003": {"cau_1": 'cau_1a = "C"\ncau_1b = "B"\ncau_1c = "D"', "cau_4": "nam_qd_677 = 2022"},
}
EXPECTED_AUTO = {"hv001": 12.0, "hv002": 5.0, "hv003": 4.0}


def _fill(path: Path, answers: dict[str, str]) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        key = cell.metadata.get("nbgrader", {}).get("grade_id", "").removeprefix("bai_01_")
        if key in answers:
            cell.source = answers[key]
    nbformat.write(nb, path)


def _exchange(kind, course: Path, home: Path, student: str):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit

    c = Config()
    c.CourseDirectory.course_id = "khuyenhoc"
    c.CourseDirectory.root = str(home)
    c.CourseDirectory.assignment_id = "bai_01"
    c.CourseDirectory.student_id = student
    c.Exchange.root = exchange_root()  # outside the course folder (KHUYENHOC_TRAO_DOI)
    c.Exchange.assignment_dir = str(home)
    cls = {"fetch": ExchangeFetchAssignment, "submit": ExchangeSubmit}[kind]
    cls(coursedir=CourseDirectory(config=c), authenticator=Authenticator(config=c), config=c).start()


@pytest.fixture(autouse=True)
def _exchange_outside_course(tmp_path, monkeypatch):
    monkeypatch.setenv(EXCHANGE_ENV, str(tmp_path / "trao_doi"))


def test_three_trainees_follow_the_guide(tmp_path, capsys):
    if sandbox.check():
        pytest.skip(f"cần hộp cát để chấm: {sandbox.check()}")
    prepare_environment()
    course = make_scratch_course(ROOT / "course", tmp_path / "course", ["bai_01"])
    run = lambda *a: cham_bai.main(["--khoa-hoc", str(course), *a])  # noqa: E731

    # 1. class list with Vietnamese names
    roster = tmp_path / "danh_sach.xlsx"
    pd.DataFrame({"Mã học viên": ["hv001", "hv002", "hv003"], "Họ": ["Nguyễn Thị", "Lò Văn", "Hà Thị"],
                  "Tên": ["Ánh", "Hùng", "Thủy"], "Email": ["", "", ""]}).to_excel(roster, index=False)
    assert run("nhap-hoc-vien", str(roster)) == 0

    # 2. release, 3. trainees fetch, answer, submit (hv003 sends the file by Zalo instead)
    assert run("phat-hanh", "bai_01") == 0
    zalo = tmp_path / "zalo"
    zalo.mkdir()
    for sid, answers in ANSWERS.items():
        home = tmp_path / "home" / sid
        home.mkdir(parents=True)
        _exchange("fetch", course, home, sid)
        _fill(home / "bai_01" / "bai_01.ipynb", answers)
        if sid == "hv003":
            shutil.copy2(home / "bai_01" / "bai_01.ipynb", zalo / "hv003.ipynb")
        else:
            _exchange("submit", course, home, sid)
    (zalo / "hv004.ipynb").write_text("{ hỏng", encoding="utf-8")  # a broken file is skipped, not fatal

    # 4. collect
    assert run("thu-bai", "bai_01") == 0
    assert run("thu-bai", "bai_01", "--tu-thu-muc", str(zalo)) == 0
    out = capsys.readouterr().out
    assert "hv004.ipynb: tệp hỏng" in out and "Đã nhận 1 bài" in out

    # 5. autograde
    assert run("cham-tu-dong", "bai_01") == 0
    out = capsys.readouterr().out
    assert "hv001: 12/15 điểm (còn câu chấm tay)" in out
    assert "Đã chấm tự động 3/3" in out
    assert not (course / "exchange").exists() and (tmp_path / "trao_doi" / "khuyenhoc" / "inbound").is_dir()

    # 6. manual grading of the written answer (rubric in the trainer guide)
    assert run("cho-diem", "bai_01", "hv001", "cau_7", "3", "--nhan-xet", "Đủ ba ý.") == 0
    assert run("cho-diem", "bai_01", "hv002", "cau_7", "1", "--nhan-xet", "Thiếu số cụ thể.") == 0
    assert run("cho-diem", "bai_01", "hv002", "cau_7", "5") == 1  # above the maximum: refused
    assert "tối đa 3 điểm" in capsys.readouterr().err

    # 7. feedback
    assert run("phan-hoi", "bai_01") == 0
    html = (course / "feedback" / "hv002" / "bai_01" / "bai_01.html").read_text(encoding="utf-8")
    assert "2021 là năm bài báo ghi nhầm" in html and "Thiếu số cụ thể." in html

    # 8. grades to Excel
    assert run("xuat-diem", "--ra", str(tmp_path / "diem.xlsx")) == 0
    grades = pd.read_excel(tmp_path / "diem.xlsx", sheet_name="Tổng hợp").set_index("Mã học viên")
    assert grades.loc["hv001", "bai_01"] == 15
    assert grades.loc["hv002", "bai_01"] == EXPECTED_AUTO["hv002"] + 1
    assert grades.loc["hv003", "bai_01"] == EXPECTED_AUTO["hv003"]
    assert grades.loc["hv003", "Còn chấm tay"] == "bai_01" or pd.isna(grades.loc["hv003", "Còn chấm tay"])
    assert list(grades["Họ"]) == ["Nguyễn Thị", "Lò Văn", "Hà Thị"]
    with gradebook(course) as gb:
        assert gb.find_submission("bai_01", "hv002").score == EXPECTED_AUTO["hv002"] + 1


def test_errors_are_vietnamese_sentences_not_tracebacks(tmp_path, capsys):
    course = make_scratch_course(ROOT / "course", tmp_path / "course", ["bai_01"])
    assert cham_bai.main(["--khoa-hoc", str(course), "phat-hanh", "bai_99"]) == 1
    err = capsys.readouterr().err
    assert "Không có bài 'bai_99'" in err and "bai_01" in err and "Traceback" not in err
    assert cham_bai.main(["--khoa-hoc", str(course), "cham-tu-dong", "bai_01"]) == 1
    assert "Chưa có bài nộp nào" in capsys.readouterr().err
    assert cham_bai.main(["--khoa-hoc", str(tmp_path), "tinh-trang"]) == 1
    bad = tmp_path / "ds.csv"
    bad.write_text("Mã học viên,Họ,Tên\nhv 01,Lê,An\n", encoding="utf-8")
    assert cham_bai.main(["--khoa-hoc", str(course), "nhap-hoc-vien", str(bad)]) == 1
    assert "dòng 2, cột 'Mã học viên'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cham_bai.main(["lenh-khong-co"])
    assert exc.value.code == 2
