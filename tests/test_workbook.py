"""Writing CommuneData to .xlsx and to a CSV folder; atomic writes."""

import datetime as dt
import os

import pandas as pd
import pytest
from openpyxl import load_workbook

from khuyenhoc import workbook
from khuyenhoc.atomic import atomic_dir, atomic_path
from khuyenhoc.data import CommuneData
from khuyenhoc.schema import SCHEMA
from khuyenhoc.workbook import WorkbookError, table_as_text, write_csv_dir, write_workbook


@pytest.fixture
def small():
    return CommuneData({
        "admin_units": pd.DataFrame({
            "unit_id": ["T01", "T01-X01", "T01-X01-TH01"], "name": ["Tỉnh A", "Xã B", "Thôn Đông"],
            "level": ["tỉnh", "xã", "thôn"], "kind": ["tỉnh", "xã", "thôn"],
            "parent_id": [None, "T01", "T01-X01"], "population": [None, 5000, None],
        }),
        "households": pd.DataFrame({
            "household_id": ["X01-H0001", "X01-H0002"], "village_id": ["T01-X01-TH01"] * 2,
            "head_name": ["Nguyễn Văn Ánh", "Lê Thị Hồng"], "clan_id": [None, None], "poor": [True, False],
        }),
        "fund_receipts": pd.DataFrame({
            "receipt_id": ["X01-PT0001"], "date": [pd.Timestamp("2025-08-20")], "commune_id": ["T01-X01"],
            "branch_id": [None], "source": ["Nhà hảo tâm"], "amount": [1_250_000],
        }),
        "self_scores": pd.DataFrame({
            "registration_id": ["X01-DK0001", "X01-DK0001"], "indicator_id": ["CDHT-1.1", "CDHT-1.2"],
            "value": [9.0, 7.5],
        }),
    })


# --------------------------------------------------------------------------- atomic


def test_atomic_path_replaces_whole_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("cũ", encoding="utf-8")
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("mới", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "cũ"
    assert target.read_text(encoding="utf-8") == "mới"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_path_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("cũ", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("dở dang", encoding="utf-8")
            raise RuntimeError("hỏng")
    assert target.read_text(encoding="utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_path_file_is_readable_by_others(tmp_path):
    with atomic_path(tmp_path / "b.txt") as tmp:
        tmp.write_text("x")
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o666 & ~mask


def test_atomic_dir_replaces_folder_and_cleans_up(tmp_path):
    target = tmp_path / "csv"
    target.mkdir()
    (target / "old.csv").write_text("old")
    with atomic_dir(target) as tmp:
        (tmp / "new.csv").write_text("new")
        assert (target / "old.csv").exists()
    assert sorted(p.name for p in target.iterdir()) == ["new.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]
    with pytest.raises(ValueError):
        with atomic_dir(target) as tmp:
            (tmp / "half.csv").write_text("x")
            raise ValueError
    assert sorted(p.name for p in target.iterdir()) == ["new.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


# --------------------------------------------------------------------------- xlsx


def test_workbook_layout_and_formats(tmp_path, small):
    p = write_workbook(small, tmp_path / "xa.xlsx", note="DỮ LIỆU GIẢ ĐỊNH", as_of=dt.date(2026, 5, 31))
    wb = load_workbook(p)
    assert wb.sheetnames == ["Giới thiệu", *[t.sheet for t in SCHEMA]]
    intro = [c for row in wb["Giới thiệu"].iter_rows(values_only=True) for c in row if c is not None]
    assert "DỮ LIỆU GIẢ ĐỊNH" in intro and SCHEMA.version in intro
    ws = wb["Thu quỹ khuyến học"]
    assert [c.value for c in ws[1]] == [c.header for c in SCHEMA["fund_receipts"].columns]
    assert ws["A1"].font.b and ws.freeze_panes == "A2"
    assert ws["B2"].value == dt.datetime(2025, 8, 20) and ws["B2"].number_format == "dd/mm/yyyy"
    assert ws["F2"].value == 1_250_000 and ws["F2"].number_format == "#,##0"
    assert ws["D2"].value is None
    assert ws.column_dimensions["E"].width >= len("Nguồn thu")
    hh = wb["Hộ gia đình"]
    assert [hh["E2"].value, hh["E3"].value] == ["Có", "Không"]
    ss = wb["Điểm tự đánh giá"]
    assert [ss["C2"].value, ss["C3"].value] == [9, 7.5]
    assert wb["Nhân khẩu"].max_row == 1  # empty table: header only


def test_workbook_with_timestamp_is_byte_identical(tmp_path, small):
    stamp = dt.datetime(2026, 5, 31)
    a = write_workbook(small, tmp_path / "a.xlsx", timestamp=stamp).read_bytes()
    b = write_workbook(small, tmp_path / "b.xlsx", timestamp=stamp).read_bytes()
    assert a == b
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb.properties.created == stamp and wb.properties.modified == stamp


def test_workbook_refuses_too_many_rows(tmp_path, small, monkeypatch):
    monkeypatch.setattr(workbook, "EXCEL_MAX_ROWS", 3)
    target = tmp_path / "xa.xlsx"
    with pytest.raises(WorkbookError, match="xa.xlsx.*'Đơn vị hành chính' có 3 dòng.*giới hạn 2 dòng"):
        write_workbook(small, target)
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_workbook_failure_keeps_old_file(tmp_path, small, monkeypatch):
    target = tmp_path / "xa.xlsx"
    target.write_bytes(b"old")

    def boom(*a, **k):
        raise OSError("đĩa đầy")

    monkeypatch.setattr(workbook, "_write_table_sheet", boom)
    with pytest.raises(OSError):
        write_workbook(small, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["xa.xlsx"]


# --------------------------------------------------------------------------- csv


def test_csv_folder_format(tmp_path, small):
    folder = write_csv_dir(small, tmp_path / "csv")
    assert sorted(p.name for p in folder.iterdir()) == sorted(t.csv_name for t in SCHEMA)
    raw = (folder / "fund_receipts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines == ["Mã phiếu thu,Ngày thu,Mã xã,Mã chi hội,Nguồn thu,Số tiền (đồng)",
                     "X01-PT0001,20/08/2025,T01-X01,,Nhà hảo tâm,1250000"]
    hh = (folder / "households.csv").read_text(encoding="utf-8-sig").splitlines()
    assert hh[1].endswith(",,Có") and hh[2].endswith(",,Không")
    ss = (folder / "self_scores.csv").read_text(encoding="utf-8-sig").splitlines()
    assert ss[1:] == ["X01-DK0001,CDHT-1.1,9", "X01-DK0001,CDHT-1.2,7.5"]
    au = (folder / "admin_units.csv").read_text(encoding="utf-8-sig").splitlines()
    assert au[1] == "T01,Tỉnh A,tỉnh,tỉnh,,"


def test_csv_bytes_are_deterministic(tmp_path, small):
    a = write_csv_dir(small, tmp_path / "a")
    b = write_csv_dir(small, tmp_path / "b")
    for t in SCHEMA:
        assert (a / t.csv_name).read_bytes() == (b / t.csv_name).read_bytes()


def test_table_as_text_handles_missing_values(small):
    df = table_as_text(SCHEMA["admin_units"], small.admin_units)
    assert df.iloc[0].tolist() == ["T01", "Tỉnh A", "tỉnh", "tỉnh", "", ""]
    assert df.iloc[1, 5] == "5000"


# --------------------------------------------------------------------------- XlsxWriter books (khuyenhoc.xlsx)


@pytest.mark.parametrize("constant_memory", [True, False])
def test_xlsx_strings_stay_text(tmp_path, constant_memory):
    from khuyenhoc.xlsx import xlsx_book

    hostile = ["=HYPERLINK(\"http://x\",\"bấm\")", "0123", "http://example.org", "+84 912", "1e5", "  hai  "]
    p = tmp_path / "a.xlsx"
    with xlsx_book(p, constant_memory=constant_memory) as book:
        book.write_rows(book.sheet("A"), 0, [hostile, [1, 2.5, None, float("nan"), True, dt.date(2025, 3, 4)]])
    ws = load_workbook(p)["A"]
    assert [c.value for c in ws[1]] == hostile and all(c.data_type == "s" for c in ws[1])
    assert [c.value for c in ws[2]][:5] == [1, 2.5, None, None, "Có"]
    assert ws["F2"].value == dt.datetime(2025, 3, 4) and ws["F2"].number_format == "dd/mm/yyyy"


@pytest.mark.parametrize("constant_memory", [True, False])
def test_xlsx_book_failure_keeps_old_file(tmp_path, constant_memory):
    from khuyenhoc.xlsx import xlsx_book

    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with xlsx_book(target, constant_memory=constant_memory) as book:
            book.write_rows(book.sheet("A"), 0, [["x"]] * 10)
            raise RuntimeError("hết chỗ")
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def _cells(ws):
    """Every cell of an openpyxl sheet with what a reader sees of it (value, type, font, fill, border, format)."""
    return [[(c.value, c.data_type, c.font.b, c.font.color and c.font.color.rgb, c.fill.fgColor.rgb, c.border.left.style,
              c.alignment.wrap_text, c.number_format) for c in row] for row in ws.iter_rows()]


@pytest.mark.parametrize("constant_memory", [True, False])
def test_xlsx_block_rows_match_cell_by_cell(tmp_path, constant_memory):
    """Rows rendered as one block (Book.write_rows on a Book sheet) are the cells XlsxWriter writes one by one."""
    import numpy as np

    from khuyenhoc.xlsx import xlsx_book

    rows = [["Nguyễn Văn An", np.int64(3), 2.5, True, None, dt.date(2025, 3, 4), pd.NA, "a & <b>", 1500000],
            [None, "", float("nan"), np.bool_(False), pd.Timestamp("2024-12-31"), pd.NaT, np.float32(0.5), " x ", -1],
            [None] * 9,
            ["Đ" * 40000, "=1+1", "0123", "\x07chuông", 10 ** 17, np.nan, "", None, 7]]
    p = tmp_path / "a.xlsx"
    with xlsx_book(p, constant_memory=constant_memory) as book:
        head = book.fmt(bold=True, bg_color="#DDEBF7")
        body = book.fmt(border=1)
        money = book.fmt(num_format="#,##0")
        for name, ws in (("khối", book.sheet("khối")), ("từng ô", book.workbook.add_worksheet("từng ô"))):
            ws.set_column(0, 0, 20)
            ws.write_string(0, 0, "Hạn chế lưu hành", head)
            assert book.write_rows(ws, 2, [["Tên", "Số"]], head) == 3
            assert book.write_rows(ws, 3, rows, body, [None] * 8 + [money]) == 7
            assert book.write_rows(ws, 7, iter(rows[:2])) == 9
            ws.write_string(10, 1, "dòng cuối")
    wb = load_workbook(p)
    block, cells = _cells(wb["khối"]), _cells(wb["từng ô"])
    assert block == cells and wb["khối"].dimensions == wb["từng ô"].dimensions
    assert block[3][0][0] == "Nguyễn Văn An" and block[3][8][7] == "#,##0" and block[4][0][5] == "thin"
    assert len(block[6][0][0]) == 32767 and block[10][1][0] == "dòng cuối"


def test_restricted_tables_hold_every_row(tmp_path, make_commune):
    from khuyenhoc.restricted import MARK, write_restricted_tables

    persons = make_commune("tiny").persons
    p = write_restricted_tables(tmp_path / "r.xlsx", [("Nhân khẩu", persons, list(persons.columns), ["ghi chú"])])
    wb = load_workbook(p)
    rows = list(wb["Nhân khẩu"].iter_rows(values_only=True))
    assert rows[0][0] == MARK and rows[1][0] == "ghi chú" and list(rows[2]) == list(persons.columns)
    assert [r[0] for r in rows[3:]] == persons["person_id"].tolist()
    born = persons["birth_date"].dt.strftime("%d/%m/%Y").tolist()
    assert [r[list(persons.columns).index("birth_date")] for r in rows[3:]] == born
    assert wb.properties.title == MARK
