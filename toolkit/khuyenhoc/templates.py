"""Sổ Excel mẫu (để trống) cho xã nhập dữ liệu, sinh ra từ mô hình dữ liệu.

The template has a "Hướng dẫn" sheet (how to fill it in, one row per sheet and
per column), a hidden "Danh mục" sheet with the code lists, and one sheet per
table with the Vietnamese headers in row 1: each header carries a comment with
its description, list and Có/Không columns get a drop-down, date and money
columns are pre-formatted, code columns are text so that "001" stays "001".
Intake skips "Hướng dẫn" and "Danh mục", so a filled template reads directly.

Ví dụ::

    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> p = write_template(pathlib.Path(tempfile.mkdtemp()) / "mau.xlsx")
    >>> wb = load_workbook(p)
    >>> wb.sheetnames[:3], wb["Danh mục"].sheet_state
    (['Hướng dẫn', 'Danh mục', 'Đơn vị hành chính'], 'hidden')
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .atomic import atomic_path
from .schema import BOOL_FALSE, BOOL_TRUE, SCHEMA, TYPE_LABELS, Column, ColumnType, Schema

__all__ = ["write_template", "GUIDE_SHEET", "LISTS_SHEET", "GUIDE_RULES"]

GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"
LAST_ROW = 1_048_576

#: General rules printed at the top of the guide sheet.
GUIDE_RULES = (
    "Mỗi trang (sau trang Hướng dẫn) là một bảng; dòng 1 là tên cột. Không đổi tên cột, không gộp ô tiêu đề, "
    "không chèn dòng trống giữa các dòng dữ liệu.",
    "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1980.",
    "Số tiền ghi bằng đồng, chỉ dùng chữ số, ví dụ 1.250.000; không viết tắt như '1tr25' hay '1,25 triệu'.",
    "Cột 'chọn trong danh sách' và cột Có/Không: bấm vào ô rồi chọn trong danh sách thả xuống.",
    "Mã (mã hộ, mã nhân khẩu…) là mã nội bộ do Hội đặt, ví dụ X01-NK00001. Không dùng số CCCD/CMND làm mã.",
    "Họ tên gõ đủ dấu (bộ gõ Unicode dựng sẵn).",
    "Cột bắt buộc không được để trống; cột không bắt buộc để trống nếu chưa có thông tin.",
    "Cột có dữ liệu cá nhân (họ tên, ngày sinh, quan hệ gia đình) chỉ dùng trong xã, không gửi ra ngoài "
    "(Luật 91/2025/QH15).",
    "Điền xong, kiểm tra tệp bằng lệnh: khuyenhoc validate <tên tệp>.xlsx",
)

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")


def _code_lists(schema: Schema) -> dict[tuple[str, ...], tuple[str, str]]:
    """Each distinct code list → (title, column letter in the lists sheet)."""
    lists: dict[tuple[str, ...], tuple[str, str]] = {(BOOL_TRUE, BOOL_FALSE): ("Có/Không", "A")}
    for t in schema:
        for c in t.columns:
            if c.type is ColumnType.CODE and c.codes not in lists:
                lists[c.codes] = (c.header, get_column_letter(len(lists) + 1))
    return lists


def _column_note(c: Column) -> str:
    parts = [c.description, f"Kiểu: {TYPE_LABELS[c.type]}.", "Bắt buộc." if c.required else "Không bắt buộc."]
    if c.example:
        parts.append(f"Ví dụ: {c.example}")
    if c.personal:
        parts.append("Dữ liệu cá nhân: chỉ dùng trong xã.")
    return "\n".join(parts)


def _write_guide(ws, schema: Schema) -> None:
    ws.append(["Sổ mẫu nhập dữ liệu khuyến học của xã"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"Mô hình dữ liệu phiên bản {schema.version}"])
    ws.append([])
    ws.append(["Cách điền"])
    ws.cell(ws.max_row, 1).font = _BOLD
    for i, rule in enumerate(GUIDE_RULES, 1):
        ws.append([f"{i}. {rule}"])
    ws.append([])
    head = ["Trang", "Cột", "Kiểu", "Bắt buộc", "Dữ liệu cá nhân", "Mô tả", "Ví dụ", "Giá trị được chọn"]
    ws.append(head)
    for cell in ws[ws.max_row]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for t in schema:
        key = ", ".join(t.column(k).header for k in t.key)
        ws.append([t.sheet, "", "", "", "", f"{t.description} Mỗi dòng có {key} khác nhau.", "", ""])
        ws.cell(ws.max_row, 1).font = _BOLD
        for c in t.columns:
            allowed = ""
            if c.type is ColumnType.CODE:
                allowed = "; ".join(c.codes or ())
            elif c.type is ColumnType.BOOL:
                allowed = f"{BOOL_TRUE}; {BOOL_FALSE}"
            desc = c.description
            if c.references:
                rt, _, rc = c.references.partition(".")
                desc += f" (phải có trong cột '{SCHEMA[rt].column(rc).header}' của trang '{SCHEMA[rt].sheet}')"
            ws.append([t.sheet, c.header, TYPE_LABELS[c.type], "Có" if c.required else "Không",
                       "Có" if c.personal else "", desc, c.example, allowed])
    widths = {"A": 28, "B": 30, "C": 20, "D": 10, "E": 12, "F": 70, "G": 24, "H": 50}
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    for row in ws.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_lists(ws, lists: dict[tuple[str, ...], tuple[str, str]]) -> None:
    for codes, (title, letter) in lists.items():
        ws[f"{letter}1"] = title
        ws[f"{letter}1"].font = _BOLD
        for i, v in enumerate(codes, 2):
            ws[f"{letter}{i}"] = v
        ws.column_dimensions[letter].width = max(len(title), *(len(v) for v in codes)) + 2
    ws.sheet_state = "hidden"


def _write_table(wb: Workbook, t, lists) -> None:
    ws = wb.create_sheet(t.sheet)
    ws.freeze_panes = "A2"
    for i, c in enumerate(t.columns, 1):
        letter = get_column_letter(i)
        cell = ws.cell(1, i, c.header)
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if c.required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        comment = Comment(_column_note(c), "khuyenhoc")
        comment.width, comment.height = 300, 160
        cell.comment = comment
        dim = ws.column_dimensions[letter]
        dim.width = max(len(c.header) + 4, 14)
        if c.type is ColumnType.DATE:
            dim.number_format = DATE_FORMAT
        elif c.type is ColumnType.MONEY:
            dim.number_format = MONEY_FORMAT
        elif c.type in (ColumnType.ID, ColumnType.TEXT, ColumnType.CODE):
            dim.number_format = "@"
        codes = (BOOL_TRUE, BOOL_FALSE) if c.type is ColumnType.BOOL else c.codes
        if c.type in (ColumnType.CODE, ColumnType.BOOL) and codes:
            title, lcol = lists[tuple(codes)]
            ref = f"{quote_sheetname(LISTS_SHEET)}!${lcol}$2:${lcol}${len(codes) + 1}"
            dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=True,
                                errorTitle="Giá trị không có trong danh sách",
                                error=f"Chọn một giá trị trong danh sách của cột '{c.header}'.",
                                promptTitle=c.header[:32], prompt=f"Chọn trong danh sách ({title})."[:255],
                                showInputMessage=True)
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 32


def write_template(path: str | os.PathLike, schema: Schema = SCHEMA) -> Path:
    """Ghi sổ Excel mẫu để trống vào ``path`` (ghi trọn vẹn hoặc không ghi gì); trả về đường dẫn.

    >>> import tempfile, pathlib
    >>> p = write_template(pathlib.Path(tempfile.mkdtemp()) / "mau.xlsx")
    >>> p.suffix
    '.xlsx'
    """
    target = Path(path)
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    _write_guide(guide, schema)
    lists = _code_lists(schema)
    _write_lists(wb.create_sheet(LISTS_SHEET), lists)
    for t in schema:
        _write_table(wb, t, lists)
    wb.active = 0
    wb.properties.creator = "khuyenhoc"
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target
