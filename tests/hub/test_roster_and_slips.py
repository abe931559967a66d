"""The class list as trainers make it (and break it), and the password slips. No root needed."""

from __future__ import annotations

import stat
import unicodedata

import pytest

from hallrun import read_slips, write_class_list
from hub.roster import RosterError, read_roster
from hub.slips import write_slips

pytestmark = pytest.mark.hub


def test_reads_an_excel_class_list(tmp_path):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị")
    path = write_class_list(tmp_path / "lop.xlsx", [("HV001", nfd, "Hoa", "", ""), ("gv01", "Lê Văn", "Nam", "", "Giảng viên"),
                                                    (None, None, None, None, None)])
    members = read_roster(path)
    assert [m.login for m in members] == ["hv001", "gv01"]
    assert members[0].full_name == "Nguyễn Thị Hoa" and unicodedata.is_normalized("NFC", members[0].last_name)
    assert not members[0].trainer and members[1].trainer


@pytest.mark.parametrize("rows, where", [
    ([("hv 01", "A", "B", "", "")], "dòng 2, cột 'Mã học viên'"),
    ([("hv01", "A", "B", "", ""), ("HV01", "C", "D", "", "")], "dòng 3, cột 'Mã học viên': 'hv01' trùng với dòng 2"),
    ([("hv01", "A", "", "", "")], "dòng 2, cột 'Tên'"),
    ([("hv01", "A", "B", "", "trưởng nhóm")], "dòng 2, cột 'Vai trò'"),
    ([("root", "A", "B", "", "")], "dành riêng"),
    ([("Nguyễn", "A", "B", "", "")], "dòng 2, cột 'Mã học viên'"),
])
def test_bad_rows_are_named_by_file_row_and_column(tmp_path, rows, where):
    path = write_class_list(tmp_path / "lop.xlsx", rows)
    with pytest.raises(RosterError) as err:
        read_roster(path)
    assert "lop.xlsx" in str(err.value) and where in str(err.value)


def test_missing_columns_and_broken_files(tmp_path):
    bad = tmp_path / "lop.csv"
    bad.write_text("Mã,Họ tên\nhv01,A B\n", encoding="utf-8")
    with pytest.raises(RosterError, match="thiếu cột: Mã học viên, Họ, Tên"):
        read_roster(bad)
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(RosterError, match="Không đọc được tệp hong.xlsx"):
        read_roster(broken)
    with pytest.raises(RosterError, match="Không tìm thấy"):
        read_roster(tmp_path / "khong_co.xlsx")
    before = bad.read_bytes()
    assert bad.read_bytes() == before  # input never modified


def test_slips_hold_every_password_and_only_the_owner_reads_them(tmp_path):
    slips = [{"login": f"hv{i:03d}", "full_name": f"Học viên số {i}", "password": f"abcd-{i:04d}"} for i in range(11)]
    out = write_slips(tmp_path / "phieu.docx", slips, "http://10.0.0.2:8000/", "Lớp bồi dưỡng")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert read_slips(out) == {s["login"]: s["password"] for s in slips}
    assert not [p for p in tmp_path.iterdir() if p.name != "phieu.docx"]  # no temporary file left
