"""Tạo "bản lỗi" của sổ mẫu: cài sẵn các lỗi hay gặp để tập kiểm tra dữ liệu.

Builds ``sample/files/messy/xa_mau_loi.xlsx`` from the clean sample workbook
(``sample/files/mau/xa_mau.xlsx``; if it is not there yet, the sample is
generated) by planting, with openpyxl, the faults officers really make: NFD
text, names typed without diacritics, stray spaces, dates and amounts typed as
text, an impossible date, an unreadable amount, a person entered twice (same id)
and re-entered (new id), empty required cells, merged header cells under a
merged title row, a renamed column, a list value without diacritics, a broken
reference and an id that looks like a CCCD number. ``faults.json`` lists every
planted fault (sheet, row, column, code) so tests can check that intake reports
each one.

Chạy::

    python -m khuyenhoc.intake.make_messy [--nguon xa_mau.xlsx] [--dich THƯ_MỤC]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from ..atomic import atomic_path
from ..problems import CODES
from ..schema import SCHEMA
from ..textnorm import fold, lacks_diacritics
from ..vnformat import so

__all__ = ["build_messy", "DEFAULT_SOURCE", "DEFAULT_TARGET", "MESSY_NAME", "MANIFEST_NAME"]

_PKG = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = _PKG / "sample" / "files" / "mau" / "xa_mau.xlsx"
DEFAULT_TARGET = _PKG / "sample" / "files" / "messy"
MESSY_NAME = "xa_mau_loi.xlsx"
MANIFEST_NAME = "faults.json"


def _strip_marks(text: str) -> str:
    t = unicodedata.normalize("NFD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", t.replace("đ", "d").replace("Đ", "D"))


class _Planter:
    def __init__(self, wb):
        self.wb = wb
        self.faults: list[dict] = []

    def sheet(self, table: str):
        return self.wb[SCHEMA[table].sheet]

    @staticmethod
    def header_row(ws) -> int:
        for r in range(1, 11):
            if any(isinstance(c.value, str) and c.value.startswith("Mã") for c in ws[r]):
                return r
        raise ValueError(f"no header row in {ws.title}")

    def col(self, ws, header: str) -> int:
        hr = self.header_row(ws)
        for c in ws[hr]:
            if c.value == header:
                return c.column
        raise KeyError(f"{ws.title}: no column {header!r}")

    def add(self, ws, row: int, column: str | None, code: str, description: str) -> None:
        self.faults.append({"sheet": ws.title, "row": row, "column": column, "code": code,
                            "severity": CODES[code][0], "description": description})

    def rows(self, ws) -> range:
        return range(self.header_row(ws) + 1, ws.max_row + 1)


def _pick(rows, used: set[int], ok) -> int:
    for r in rows:
        if r not in used and ok(r):
            used.add(r)
            return r
    raise ValueError("no suitable row to plant a fault")


def _next_id(ids: list[str]) -> str:
    nums = [(m.group(1), m.group(2)) for i in ids if (m := re.fullmatch(r"(.*?)(\d+)", i))]
    prefix, digits = max(nums, key=lambda x: int(x[1]))
    return f"{prefix}{int(digits) + 1:0{len(digits)}d}"


def _plant_persons(p: _Planter) -> None:
    ws = p.sheet("persons")
    c_id, c_hh, c_name = (p.col(ws, h) for h in ("Mã nhân khẩu", "Mã hộ", "Họ và tên"))
    c_sex, c_birth, c_res = (p.col(ws, h) for h in ("Giới tính", "Ngày sinh", "Tình trạng cư trú"))
    hr = p.header_row(ws)
    # A known variant of the header (header_variant note).
    ws.cell(hr, c_birth).value = "Ngày tháng năm sinh"
    p.add(ws, hr, "Ngày tháng năm sinh", "header_variant", "Cột 'Ngày sinh' đổi tên thành 'Ngày tháng năm sinh'.")
    birth_h = "Ngày tháng năm sinh"

    rows = [r for r in p.rows(ws) if r >= hr + 10]
    used: set[int] = set()
    val = lambda r, c: ws.cell(r, c).value  # noqa: E731

    r = _pick(rows, used, lambda r: not unicodedata.is_normalized("NFD", val(r, c_name)))
    ws.cell(r, c_name).value = unicodedata.normalize("NFD", val(r, c_name))
    p.add(ws, r, "Họ và tên", "nfd", "Họ tên gõ ở dạng Unicode tổ hợp (NFD).")

    r = _pick(rows, used, lambda r: val(r, c_res) == "Thường trú")
    ws.cell(r, c_res).value = unicodedata.normalize("NFD", "Thường trú")
    p.add(ws, r, "Tình trạng cư trú", "nfd", "'Thường trú' gõ ở dạng NFD.")

    for _ in range(2):
        r = _pick(rows, used, lambda r: lacks_diacritics(_strip_marks(val(r, c_name))))
        ws.cell(r, c_name).value = _strip_marks(val(r, c_name))
        p.add(ws, r, "Họ và tên", "no_diacritics", "Họ tên gõ không dấu.")

    r = _pick(rows, used, lambda r: " " in val(r, c_name))
    ws.cell(r, c_name).value = "  " + val(r, c_name).replace(" ", "  ", 1) + " "
    p.add(ws, r, "Họ và tên", "spaces", "Khoảng trắng thừa ở đầu, giữa và cuối họ tên.")

    r = _pick(rows, used, lambda r: val(r, c_birth) is not None)
    ws.cell(r, c_birth).value = val(r, c_birth).strftime("%d/%m/%Y")
    ws.cell(r, c_birth).number_format = "@"
    p.add(ws, r, birth_h, "date_text", "Ngày sinh gõ dạng chữ dd/mm/yyyy.")

    r = _pick(rows, used, lambda r: val(r, c_birth) is not None)
    ws.cell(r, c_birth).value = "31/02/1980"
    ws.cell(r, c_birth).number_format = "@"
    p.add(ws, r, birth_h, "bad_date", "Ngày sinh không có thật: 31/02/1980.")

    r = _pick(rows, used, lambda r: val(r, c_sex) == "Nữ")
    ws.cell(r, c_sex).value = "Nu"
    p.add(ws, r, "Giới tính", "code_folded", "'Nữ' gõ không dấu thành 'Nu'.")

    r = _pick(rows, used, lambda r: val(r, c_sex) is not None)
    ws.cell(r, c_sex).value = None
    p.add(ws, r, "Giới tính", "missing", "Ô giới tính (bắt buộc) bị xóa.")

    r = _pick(rows, used, lambda r: True)
    ws.cell(r, c_hh).value = "X01-H9999"
    p.add(ws, r, "Mã hộ", "bad_reference", "Mã hộ không có trong trang 'Hộ gia đình'.")

    ids = [val(r, c_id) for r in p.rows(ws)]
    width = ws.max_column
    # A person entered twice with the same id.
    r_dup = _pick(rows, used, lambda r: True)
    new = ws.max_row + 1
    for c in range(1, width + 1):
        ws.cell(new, c).value = val(r_dup, c)
        ws.cell(new, c).number_format = ws.cell(r_dup, c).number_format
    p.add(ws, new, "Mã nhân khẩu", "duplicate_key", f"Dòng {r_dup} được nhập lại lần nữa, cùng mã.")
    # A person re-entered under a new id (same name, birth date and household).
    r_re = _pick(rows, used, lambda r: val(r, c_birth) is not None)
    new = ws.max_row + 1
    for c in range(1, width + 1):
        ws.cell(new, c).value = val(r_re, c)
        ws.cell(new, c).number_format = ws.cell(r_re, c).number_format
    ws.cell(new, c_id).value = _next_id(ids)
    p.add(ws, new, "Họ và tên", "possible_duplicate", f"Người ở dòng {r_re} được nhập lại với mã mới.")
    # A newcomer recorded under a CCCD number.
    template = _pick(rows, used, lambda r: val(r, c_birth) is not None)
    new = ws.max_row + 1
    for c in range(1, width + 1):
        ws.cell(new, c).value = val(template, c)
        ws.cell(new, c).number_format = ws.cell(template, c).number_format
    taken = {(fold(str(val(r, c_name))), val(r, c_hh)) for r in p.rows(ws)}
    name = next(n for n in ("Hoàng Thị Phương Thảo", "Đinh Quang Vũ", "Lương Thị Ngọc Diệp")
                if (fold(n), val(template, c_hh)) not in taken)
    ws.cell(new, c_name).value = name
    ws.cell(new, c_id).value = "001203004567"
    ws.cell(new, c_id).number_format = "@"
    p.add(ws, new, "Mã nhân khẩu", "id_looks_like_cccd", "Mã nhân khẩu là số CCCD 12 chữ số.")


def _plant_households(p: _Planter) -> None:
    ws = p.sheet("households")
    width = ws.max_column
    c_name = p.col(ws, "Họ tên chủ hộ")
    c_clan, c_poor = p.col(ws, "Mã dòng họ"), p.col(ws, "Hộ nghèo")
    # A merged title row above the header (allowed), then merged header cells (not allowed).
    ws.insert_rows(1)
    ws.cell(1, 1).value = "DANH SÁCH HỘ GIA ĐÌNH"
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    hr = 2
    ws.merge_cells(start_row=hr, start_column=c_clan, end_row=hr, end_column=c_poor)
    p.add(ws, hr, "Mã dòng họ", "merged_header", "Hai ô tiêu đề 'Mã dòng họ' và 'Hộ nghèo' bị gộp.")
    p.add(ws, hr, "Hộ nghèo", "missing_column", "Cột 'Hộ nghèo' mất tên vì ô tiêu đề bị gộp.")
    used: set[int] = set()
    rows = [r for r in range(hr + 10, ws.max_row + 1)]
    r = _pick(rows, used, lambda r: ws.cell(r, c_name).value is not None)
    ws.cell(r, c_name).value = None
    p.add(ws, r, "Họ tên chủ hộ", "missing", "Ô họ tên chủ hộ (bắt buộc) bị xóa.")


def _plant_money(p: _Planter) -> None:
    ws = p.sheet("fund_receipts")
    c_amount = p.col(ws, "Số tiền (đồng)")
    rows = list(p.rows(ws))
    used: set[int] = set()
    r = _pick(rows, used, lambda r: isinstance(ws.cell(r, c_amount).value, int))
    ws.cell(r, c_amount).value = so(ws.cell(r, c_amount).value)
    ws.cell(r, c_amount).number_format = "@"
    p.add(ws, r, "Số tiền (đồng)", "money_text", "Số tiền gõ dạng chữ có dấu chấm phân nhóm.")
    r = _pick(rows, used, lambda r: True)
    ws.cell(r, c_amount).value = "1tr5"
    ws.cell(r, c_amount).number_format = "@"
    p.add(ws, r, "Số tiền (đồng)", "bad_money", "Số tiền viết tắt '1tr5'.")
    r = _pick(rows, used, lambda r: True)
    ws.cell(r, c_amount).value = "1,5 triệu"
    ws.cell(r, c_amount).number_format = "@"
    p.add(ws, r, "Số tiền (đồng)", "bad_money", "Số tiền viết tắt '1,5 triệu'.")


def _plant_members(p: _Planter) -> None:
    ws = p.sheet("members")
    c_joined = p.col(ws, "Ngày vào Hội")
    rows = list(p.rows(ws))
    r = _pick(rows, set(), lambda r: ws.cell(r, c_joined).value is not None)
    d = ws.cell(r, c_joined).value
    ws.cell(r, c_joined).value = f"{d.day}/{d.month}/{d.year}"
    ws.cell(r, c_joined).number_format = "@"
    p.add(ws, r, "Ngày vào Hội", "date_text", "Ngày vào Hội gõ dạng chữ d/m/yyyy.")


def build_messy(source: str | Path | None = None, target_dir: str | Path = DEFAULT_TARGET) -> tuple[Path, Path]:
    """Tạo bản lỗi ``xa_mau_loi.xlsx`` và danh sách lỗi đã cài ``faults.json`` trong ``target_dir``.

    ``source`` is the clean workbook (default: the shipped sample). It is only
    read. Returns the two paths written. Intake never imports ``khuyenhoc.sample``
    (the sample is validated through intake), so a missing sample is not made here.
    """
    target_dir = Path(target_dir)
    src = Path(source) if source else DEFAULT_SOURCE
    if not src.is_file():
        raise FileNotFoundError(f"Không có sổ mẫu '{src}'; chạy 'python -m khuyenhoc.sample' để tạo sổ mẫu trước.")
    wb = load_workbook(src)
    p = _Planter(wb)
    _plant_persons(p)
    _plant_households(p)
    _plant_money(p)
    _plant_members(p)
    target_dir.mkdir(parents=True, exist_ok=True)
    xlsx = target_dir / MESSY_NAME
    with atomic_path(xlsx) as tmp:
        wb.save(tmp)
    manifest = {
        "source": src.name,
        "workbook": MESSY_NAME,
        "note": "Các lỗi được cài sẵn vào bản sao của sổ mẫu (dữ liệu giả định) để tập kiểm tra dữ liệu.",
        "faults": p.faults,
    }
    man = target_dir / MANIFEST_NAME
    with atomic_path(man) as tmp:
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return xlsx, man


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m khuyenhoc.intake.make_messy",
                                 description="Tạo bản lỗi của sổ mẫu và danh sách lỗi đã cài.")
    ap.add_argument("--nguon", help="sổ mẫu sạch (.xlsx); mặc định là sổ mẫu đi kèm")
    ap.add_argument("--dich", default=str(DEFAULT_TARGET), help="thư mục ghi bản lỗi")
    args = ap.parse_args(argv)
    xlsx, man = build_messy(args.nguon, args.dich)
    n = len(json.loads(man.read_text(encoding="utf-8"))["faults"])
    print(f"Đã ghi {xlsx} và {man} ({n} lỗi đã cài).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
