"""Nhận ra trang nào là bảng nào, dòng tiêu đề ở đâu và cột nào là cột nào.

Sheets are matched to tables by sheet name, CSV name (``persons.csv``) or a
known alias, compared folded (no diacritics, any case). The header row is the
row, among the first ``HEADER_SEARCH_ROWS``, whose cells match the most column
headers of the table (title rows above it are allowed). Headers match by exact
text, by a known alias or folded; a match that is not exact is noted
(``header_variant``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from ..problems import Problem
from ..schema import SCHEMA, Table
from ..textnorm import clean, fold
from .sources import RawSheet

__all__ = ["IGNORED_SHEETS", "HEADER_SEARCH_ROWS", "match_sheet", "SheetLayout", "read_layout"]

#: Sheets of the intake template that hold no data.
IGNORED_SHEETS = ("Giới thiệu", "Hướng dẫn", "Danh mục")
HEADER_SEARCH_ROWS = 10


def _fold_name(name: str) -> str:
    name = re.sub(r"\.csv$", "", name.strip(), flags=re.I)
    return fold(name.replace("_", " "))


def match_sheet(name: str) -> tuple[Table | None, bool]:
    """Bảng ứng với tên trang ``name``, và tên đó có viết đúng hệt không.

    Returns ``(None, False)`` for the sheets to ignore and unknown sheets.

    >>> match_sheet("Nhan khau")[0].name, match_sheet("Nhân khẩu")[1]
    ('persons', True)
    >>> match_sheet("persons.csv")[0].sheet
    'Nhân khẩu'
    """
    n = clean(name)
    stem = re.sub(r"\.csv$", "", n, flags=re.I)
    for t in SCHEMA:
        if stem in (t.sheet, t.name):
            return t, True
    f = _fold_name(n)
    for t in SCHEMA:
        if f in {_fold_name(x) for x in (t.sheet, t.name, *t.aliases)}:
            return t, False
    return None, False


def is_ignored(name: str) -> bool:
    """Trang hướng dẫn, danh mục… không chứa dữ liệu.

    >>> is_ignored("Huong dan"), is_ignored("Nhân khẩu")
    (True, False)
    """
    return _fold_name(name) in {_fold_name(x) for x in IGNORED_SHEETS}


def _strip_marks(h: str) -> str:
    # "Họ và tên (*)", "Họ và tên *", "Họ và tên:" → "Họ và tên"
    return re.sub(r"\s*(?:\(\*\)|\*|:)\s*$", "", h).strip()


@lru_cache(maxsize=None)
def _header_lookup(table: Table) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    exact = {c.header: c.name for c in table.columns}
    alias = {a: c.name for c in table.columns for a in c.aliases}
    folded: dict[str, str] = {}
    for c in table.columns:
        for h in (c.header, *c.aliases, c.name):
            folded.setdefault(fold(_strip_marks(h)), c.name)
    return exact, alias, folded


def match_header(table: Table, text: str) -> tuple[str | None, bool]:
    """Cột (tên tiếng Anh) ứng với tiêu đề ``text`` của bảng ``table``, và có khớp đúng hệt không.

    >>> from khuyenhoc.schema import table
    >>> match_header(table("persons"), "Ngày tháng năm sinh")
    ('birth_date', False)
    >>> match_header(table("persons"), "Ngày sinh")
    ('birth_date', True)
    """
    exact, alias, folded = _header_lookup(table)
    t = clean(text)
    if t in exact:
        return exact[t], True
    if t in alias:
        return alias[t], False
    return folded.get(fold(_strip_marks(t))), False


@dataclass
class SheetLayout:
    """Bố cục một trang: dòng tiêu đề, cột nào ở vị trí nào, các vấn đề về tiêu đề."""

    table: Table
    sheet: RawSheet
    header_row: int | None
    positions: dict[str, int] = field(default_factory=dict)  # column name → 1-based position
    header_text: dict[str, str] = field(default_factory=dict)  # column name → header as in file
    problems: list[Problem] = field(default_factory=list)

    def letter(self, name: str) -> str | None:
        if self.sheet.is_csv or name not in self.positions:
            return None
        return get_column_letter(self.positions[name])


def _cell_text(v: object) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    return clean(str(v))


def _find_header_row(table: Table, grid: pd.DataFrame) -> tuple[int | None, int]:
    best_row, best = None, 0
    for r in grid.index[:HEADER_SEARCH_ROWS]:
        names = {match_header(table, _cell_text(v))[0] for v in grid.loc[r] if _cell_text(v)}
        names.discard(None)
        if len(names) > best:
            best_row, best = r, len(names)
    return best_row, best


def read_layout(table: Table, sheet: RawSheet) -> SheetLayout:
    """Tìm dòng tiêu đề và ánh xạ cột của trang ``sheet`` vào bảng ``table``."""
    grid = sheet.grid
    layout = SheetLayout(table=table, sheet=sheet, header_row=None)
    file, sname = sheet.file, sheet.name
    header_row, n = _find_header_row(table, grid)
    if header_row is None:
        layout.problems.append(Problem(
            file=file, sheet=sname, code="missing_column",
            message=f"Không tìm thấy dòng tiêu đề của bảng '{table.sheet}' trong {HEADER_SEARCH_ROWS} dòng đầu.",
            fix="Dòng tiêu đề phải có tên các cột như trong mẫu, ví dụ: "
                + ", ".join(f"'{c.header}'" for c in table.columns[:4]) + "…"))
        return layout
    layout.header_row = header_row
    headers = {pos: _cell_text(v) for pos, v in grid.loc[header_row].items()}

    # Merged cells that cross the header row.
    merged_cols: set[int] = set()
    for min_col, min_row, max_col, max_row in sheet.merged:
        if not (min_row <= header_row <= max_row):
            continue
        top_left = _cell_text(grid.at[min_row, min_col]) if min_row in grid.index and min_col in grid.columns else ""
        if min_row < header_row and not headers.get(min_col):
            headers[min_col] = top_left  # a header merged down from above still names its column
        merged_cols.update(range(min_col, max_col + 1))
        rng = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
        layout.problems.append(Problem(
            file=file, sheet=sname, row=header_row, column=top_left or None,
            column_letter=get_column_letter(min_col), value=rng, code="merged_header",
            message=f"Các ô tiêu đề {rng} đang được gộp lại thành một ô"
                    + (f" ('{top_left}')" if top_left else "") + ", nên các cột bên trong không có tên.",
            fix="Bỏ gộp ô (Trang đầu → Hợp nhất và Căn giữa → Bỏ hợp nhất ô) rồi ghi tên riêng cho từng cột "
                "theo đúng mẫu."))

    for pos, text in headers.items():
        if not text:
            continue
        name, exact = match_header(table, text)
        letter = None if sheet.is_csv else get_column_letter(pos)
        if name is None:
            layout.problems.append(Problem(
                file=file, sheet=sname, row=header_row, column=text, column_letter=letter, code="unknown_column",
                message=f"Cột '{text}' không có trong mô hình dữ liệu của trang này nên được bỏ qua.",
                fix="Nếu cột này cần dùng, đổi tên cột theo đúng mẫu (xem trang 'Hướng dẫn' của tệp mẫu)."))
            continue
        if name in layout.positions:
            first = layout.header_text[name]
            layout.problems.append(Problem(
                file=file, sheet=sname, row=header_row, column=text, column_letter=letter, code="unknown_column",
                message=f"Cột '{text}' trùng nghĩa với cột '{first}' đã có ở trước nên được bỏ qua.",
                fix="Xóa một trong hai cột, hoặc gộp dữ liệu vào một cột."))
            continue
        layout.positions[name] = pos
        layout.header_text[name] = text
        if not exact:
            col = table.column(name)
            layout.problems.append(Problem(
                file=file, sheet=sname, row=header_row, column=text, column_letter=letter, code="header_variant",
                message=f"Cột '{text}' được hiểu là cột '{col.header}'.",
                fix=f"Nên đổi tên cột thành '{col.header}' cho đúng mẫu."))

    # Data under an empty header (not explained by a merge) would be lost silently.
    start = int(np.searchsorted(grid.index.to_numpy(), header_row, side="right"))
    for pos, text in headers.items():
        if text or pos in merged_cols:
            continue
        col_values = grid[pos].iloc[start:]
        filled = col_values.notna() & (col_values.astype(str).str.strip() != "")
        if filled.any():
            layout.problems.append(Problem(
                file=file, sheet=sname, row=header_row, column=None,
                column_letter=None if sheet.is_csv else get_column_letter(pos), code="unknown_column",
                message=f"Một cột có dữ liệu nhưng không có tên ở dòng tiêu đề ({int(filled.sum())} ô) nên được bỏ qua.",
                fix="Ghi tên cột theo đúng mẫu, hoặc xóa cột nếu không cần."))

    for c in table.columns:
        if c.name in layout.positions or not c.required:
            continue
        layout.problems.append(Problem(
            file=file, sheet=sname, row=header_row, column=c.header, code="missing_column",
            message=f"Thiếu cột bắt buộc '{c.header}' ({c.description.rstrip('.')}).",
            fix=f"Thêm cột '{c.header}' vào dòng tiêu đề (dòng {header_row}) và ghi đủ dữ liệu."))
    return layout
