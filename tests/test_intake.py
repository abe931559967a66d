"""Intake on a tiny hand-made commune: every check, on xlsx and CSV, with exact locations."""

import hashlib
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from _intake_data import tiny_commune
from khuyenhoc.intake import REQUIRED_TABLES, check, read
from khuyenhoc.problems import IntakeError
from khuyenhoc.schema import SCHEMA
from khuyenhoc.workbook import write_csv_dir, write_workbook


@pytest.fixture(scope="module")
def tiny():
    return tiny_commune()


@pytest.fixture(scope="module")
def clean_xlsx(tmp_path_factory, tiny):
    return write_workbook(tiny, tmp_path_factory.mktemp("x") / "xa.xlsx")


def edited(src: Path, dst: Path, edit) -> Path:
    wb = load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def found(problems, code, sheet=None, row=None, column=None):
    return [p for p in problems if p.code == code and (sheet is None or p.sheet == sheet)
            and (row is None or p.row == row) and (column is None or p.column == column)]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- clean round trips


def test_clean_workbook_reads_back_identical(clean_xlsx, tiny):
    before = sha(clean_xlsx)
    data, problems = check(clean_xlsx)
    assert problems == []
    for name, df in tiny:
        pd.testing.assert_frame_equal(data[name], df)
    assert sha(clean_xlsx) == before


def test_clean_csv_folder_with_and_without_bom(tmp_path, tiny):
    folder = write_csv_dir(tiny, tmp_path / "csv")
    data = read(folder)
    for name, df in tiny:
        pd.testing.assert_frame_equal(data[name], df)
    # no BOM, semicolons (Excel's Vietnamese locale), files named like the sheets
    plain = tmp_path / "plain"
    plain.mkdir()
    for t in SCHEMA:
        text = (folder / t.csv_name).read_text(encoding="utf-8-sig")
        df = pd.read_csv(folder / t.csv_name, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        df.to_csv(plain / f"{t.sheet}.csv", sep=";", index=False, encoding="utf-8")
        assert text
    data2, problems = check(plain)
    assert problems == []
    for name, df in tiny:
        pd.testing.assert_frame_equal(data2[name], df)


def test_csv_line_numbers_and_no_column_letters(tmp_path, tiny):
    folder = write_csv_dir(tiny, tmp_path / "csv")
    f = folder / "persons.csv"
    lines = f.read_text(encoding="utf-8-sig").splitlines()
    lines[3] = lines[3].replace("Nữ", "Nx", 1)
    f.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    _, problems = check(folder)
    [p] = found(problems, "bad_code")
    assert (p.sheet, p.row, p.column, p.column_letter) == ("persons.csv", 4, "Giới tính", None)
    assert "'Nam', 'Nữ'" in p.fix


def test_bad_encoding_is_reported(tmp_path, tiny):
    folder = write_csv_dir(tiny, tmp_path / "csv")
    legacy = unicodedata.normalize("NFD", "Mã nhân khẩu,Họ và tên\nX,Nguyễn\n").encode("cp1258", errors="replace")
    (folder / "persons.csv").write_bytes(legacy)
    _, problems = check(folder)
    assert found(problems, "csv_encoding", sheet="persons.csv")  # Windows-1258 is read (with a note)
    (folder / "persons.csv").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 40 + b"\x00\xff" * 100)
    data, problems = check(folder)
    assert data is None and found(problems, "bad_file", sheet="persons.csv")


# --------------------------------------------------------------------------- sheets and headers


def test_sheet_names_aliases_ignored_unknown_and_missing(tmp_path, clean_xlsx):
    def edit(wb):
        wb["Nhân khẩu"].title = "Nhan khau"
        wb.create_sheet("Hướng dẫn")["A1"] = "Cách điền…"
        wb.create_sheet("Ghi chép riêng")["A1"] = "ghi chú"
        wb.create_sheet("Sheet1")
        del wb["Hộ gia đình"]
        del wb["Lớp học"]
    data, problems = check(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    assert found(problems, "header_variant", sheet="Nhan khau", row=None)
    assert found(problems, "unknown_sheet", sheet="Ghi chép riêng")
    assert not found(problems, "unknown_sheet", sheet="Sheet1")
    assert not [p for p in problems if p.sheet == "Hướng dẫn"]
    [m] = found(problems, "missing_sheet")
    assert "Hộ gia đình" in m.message
    assert not [p for p in problems if "Lớp học" in p.message and p.code == "missing_sheet"]
    # households gone → every person's household reference is broken; classes gone → enrolments too
    assert len(found(problems, "bad_reference", sheet="Nhan khau", column="Mã hộ")) == 5
    assert data is None
    assert set(REQUIRED_TABLES) == {"admin_units", "households", "persons"}


def test_missing_optional_table_reads_as_empty(tmp_path, clean_xlsx):
    def edit(wb):
        for s in ("Lớp học", "Học viên", "Minh chứng"):
            del wb[s]
    data = read(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    assert len(data.classes) == 0 and list(data.classes.columns) == SCHEMA["classes"].column_names
    assert len(data.persons) == 5


def test_title_rows_aliases_folded_unknown_and_missing_columns(tmp_path, clean_xlsx):
    def edit(wb):
        ws = wb["Nhân khẩu"]
        ws.insert_rows(1, 2)
        ws["A1"] = "DANH SÁCH NHÂN KHẨU XÃ ĐỒNG MAI"
        ws.merge_cells("A1:H1")
        ws["A2"] = "Năm 2025"
        ws["E3"] = "Ngày tháng năm sinh"  # known alias
        ws["C3"] = "ho va ten"  # folded
        ws["I3"] = "Ghi chú"  # unknown
        ws["I5"] = "chuyển đến 2020"
        ws["F3"] = None  # required column 'Quan hệ với chủ hộ' gone (its data stays under an empty header)
    data, problems = check(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    s = "Nhân khẩu"
    assert found(problems, "header_variant", s, 3, "Ngày tháng năm sinh")[0].column_letter == "E"
    assert found(problems, "header_variant", s, 3, "ho va ten")
    assert found(problems, "unknown_column", s, 3, "Ghi chú")
    [mc] = found(problems, "missing_column", s, 3, "Quan hệ với chủ hộ")
    assert mc.severity == "lỗi"
    assert [p for p in found(problems, "unknown_column", s, 3) if p.column_letter == "F"]
    assert not [p for p in problems if p.code in ("missing", "bad_date") and p.sheet == s]
    assert data is None


def test_merged_header_is_named_with_its_range(tmp_path, clean_xlsx):
    def edit(wb):
        wb["Hộ gia đình"].merge_cells("D1:E1")
    _, problems = check(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    [m] = found(problems, "merged_header", "Hộ gia đình", 1, "Mã dòng họ")
    assert "D1:E1" in m.message and "Bỏ hợp nhất ô" in m.fix
    assert found(problems, "missing_column", "Hộ gia đình", 1, "Hộ nghèo")


# --------------------------------------------------------------------------- cells


def test_every_cell_check_with_location(tmp_path, clean_xlsx):
    nfd = unicodedata.normalize("NFD", "Phạm Thị Hoa")

    def edit(wb):
        ws = wb["Nhân khẩu"]  # row 2 = NK00001 … row 6 = NK00005
        ws["C2"] = "  Nguyễn  Văn An "
        ws["C3"] = nfd
        ws["C4"] = "Tran Thi Binh"
        ws["D5"] = "nam"
        ws["D6"] = "Nữ giới"
        ws["E2"] = "05/03/1970"
        ws["E3"] = "31/02/1980"
        ws["G4"] = None
        ws["B6"] = "X01-H0009"
        ws["H2"] = "X01-DV09"
        py = wb["Nhân khẩu theo năm"]
        py["I2"] = 400
        py["I3"] = "sáu"
        py["B4"] = "25"
        fr = wb["Thu quỹ khuyến học"]
        fr["F2"] = "1.250.000"
        fr["F3"] = "5tr"
        hy = wb["Hộ theo năm"]
        hy["C2"] = "co"
        hy["D2"] = "chắc có"
        hy["G3"] = -5
        tr = wb["Tập huấn cán bộ"]
        tr["F2"] = "7,5"
        reg = wb["Đăng ký danh hiệu"]
        reg["C3"] = "X01-H0999"  # Gia đình học tập → must be a household
    path = edited(clean_xlsx, tmp_path / "a.xlsx", edit)
    before = sha(path)
    data, problems = check(path)
    assert sha(path) == before
    assert data is None
    n, py, fr, hy = "Nhân khẩu", "Nhân khẩu theo năm", "Thu quỹ khuyến học", "Hộ theo năm"
    expected = {
        (n, 2, "Họ và tên", "spaces"), (n, 3, "Họ và tên", "nfd"), (n, 4, "Họ và tên", "no_diacritics"),
        (n, 5, "Giới tính", "code_folded"), (n, 6, "Giới tính", "bad_code"), (n, 2, "Ngày sinh", "date_text"),
        (n, 3, "Ngày sinh", "bad_date"), (n, 4, "Tình trạng cư trú", "missing"), (n, 6, "Mã hộ", "bad_reference"),
        (n, 2, "Mã nơi làm việc", "bad_reference"),
        (py, 2, "Số hoạt động học tập", "out_of_range"), (py, 3, "Số hoạt động học tập", "bad_number"),
        (py, 4, "Năm", "bad_number"),
        (fr, 2, "Số tiền (đồng)", "money_text"), (fr, 3, "Số tiền (đồng)", "bad_money"),
        (hy, 2, "Gia đình văn hóa", "code_folded"), (hy, 2, "Có tủ sách, góc học tập", "bad_code"),
        (hy, 3, "Đóng góp quỹ khuyến học (đồng)", "out_of_range"),
        ("Đăng ký danh hiệu", 3, "Mã đối tượng", "bad_reference"),
    }
    got = {(p.sheet, p.row, p.column, p.code) for p in problems}
    assert expected <= got
    assert got - expected == set(), got - expected  # nothing else (7,5 hours is fine)
    by = {(p.sheet, p.row, p.column, p.code): p for p in problems}
    assert by[(n, 3, "Ngày sinh", "bad_date")].line() == (
        "Trang 'Nhân khẩu', dòng 3, cột 'Ngày sinh' (E): '31/02/1980' không phải ngày hợp lệ. "
        "Sửa lại theo dạng ngày/tháng/năm, ví dụ 29/02/1980.")
    assert by[(n, 5, "Giới tính", "code_folded")].message == "'nam' được hiểu là 'Nam'."
    assert "1.500.000" not in by[(fr, 3, "Số tiền (đồng)", "bad_money")].fix
    assert "5.000.000" in by[(fr, 3, "Số tiền (đồng)", "bad_money")].fix
    assert "(từ 0 đến 366)" in by[(py, 2, "Số hoạt động học tập", "out_of_range")].message
    with pytest.raises(IntakeError) as e:
        read(path)
    assert len(e.value.problems) == len(problems)


def test_notes_and_warnings_alone_still_give_data(tmp_path, clean_xlsx):
    def edit(wb):
        ws = wb["Nhân khẩu"]
        ws["D3"] = "nu"
        ws["E2"] = "05/03/1970"
        ws["C6"] = "Lo Thi Mai"  # "lo" + "thi": flagged
    data, problems = check(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    assert {p.severity for p in problems} == {"đã sửa", "cảnh báo"}
    assert data is not None
    assert data.persons.loc[1, "sex"] == "Nữ"
    assert data.persons.loc[0, "birth_date"] == pd.Timestamp("1970-03-05")


def test_keys_unique_duplicates_and_cccd(tmp_path, clean_xlsx):
    def edit(wb):
        ws = wb["Nhân khẩu"]
        ws.append([c.value for c in ws[3]])  # row 7: same id as row 3
        row = [c.value for c in ws[4]]
        row[0] = "X01-NK00099"
        row[2] = "TRẦN THỊ  BÌNH"
        ws.append(row)  # row 8: re-entered person, new id
        row = [c.value for c in ws[5]]
        row[0], row[2] = "012345678", "Lò Văn Dũng"
        ws.append(row)  # row 9: CCCD-like id
        m = wb["Hội viên"]
        row = [c.value for c in m[2]]
        row[0] = "X01-HV0003"
        m.append(row)  # same person and joining date as row 2
        py = wb["Nhân khẩu theo năm"]
        py.append([c.value for c in py[4]])  # (person, year) twice
    _, problems = check(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    [d] = found(problems, "duplicate_key", "Nhân khẩu", 7)
    assert d.column == "Mã nhân khẩu" and "trùng với dòng 3" in d.message
    [pd_] = found(problems, "possible_duplicate", "Nhân khẩu", 8, "Họ và tên")
    assert "dòng 4" in pd_.message and pd_.severity == "cảnh báo"
    [c] = found(problems, "id_looks_like_cccd", "Nhân khẩu", 9, "Mã nhân khẩu")
    assert "012345678" not in c.message and c.value == "012***678"
    [u] = found(problems, "duplicate_key", "Hội viên", 4)
    assert "'Mã nhân khẩu' + 'Ngày vào Hội'" in u.message and "dòng 2" in u.message
    [k] = found(problems, "duplicate_key", "Nhân khẩu theo năm", 5)
    assert "dòng 4" in k.message
    assert len(found(problems, "spaces", "Nhân khẩu", 8)) == 1


def test_numbers_stored_as_numbers_in_id_columns(tmp_path, clean_xlsx):
    def edit(wb):
        ws = wb["Tập huấn cán bộ"]
        ws["A2"] = 1001  # numeric id: read as text '1001'
    data = read(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    assert data.trainings.loc[0, "training_id"] == "1001"


def test_input_is_never_modified_even_on_failure(tmp_path, clean_xlsx):
    bad = shutil.copy(clean_xlsx, tmp_path / "copy.xlsx")
    before = sha(Path(bad))
    with pytest.raises(IntakeError):
        read(tmp_path / "missing_dir")
    check(bad)
    assert sha(Path(bad)) == before
    assert (Path(bad).stat().st_mode & 0o222)  # still writable: we never chmod either


def test_not_a_workbook(tmp_path):
    f = tmp_path / "x.xlsx"
    f.write_text("không phải Excel")
    data, problems = check(f)
    assert data is None and problems[0].code == "bad_file" and "Excel" in problems[0].message


def test_an_emptied_sheet_is_an_absent_table(tmp_path, clean_xlsx):
    def edit(wb):
        ws = wb["Lớp học"]
        ws.delete_rows(1, ws.max_row)
        ws["B3"] = "   "
        wb.remove(wb["Học viên"])
        e = wb["Đơn vị hành chính"]
        e.delete_rows(1, e.max_row)
    data, problems = check(edited(clean_xlsx, tmp_path / "a.xlsx", edit))
    assert not [p for p in problems if p.sheet == "Lớp học"]
    [m] = found(problems, "missing_sheet")
    assert "Đơn vị hành chính" in m.message
