"""Đọc các ô của tệp .xlsx (chỉ đọc, không bao giờ ghi) bằng python-calamine.

python-calamine (Rust's calamine) reads a commune workbook (~600 000 cells)
in well under a second, where openpyxl needs about ten. Values are converted to
what openpyxl would give for the same cells (whole numbers as ``int``, dates as
``datetime.datetime``, empty cells as ``None``), so the rest of intake does not
care which reader ran. Any workbook calamine cannot read raises
``XlsxReadError``; the caller then falls back to openpyxl.

Ví dụ::

    >>> from pathlib import Path
    >>> import khuyenhoc
    >>> sheets = read_xlsx(Path(khuyenhoc.__file__).parent / "sample" / "files" / "mau" / "xa_mau.xlsx")
    >>> sheets[1][0]
    'Đơn vị hành chính'
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

__all__ = ["XlsxReadError", "read_xlsx"]


class XlsxReadError(Exception):
    """calamine cannot read this workbook (the caller uses openpyxl instead)."""


def _cell(v: object) -> object:
    if v == "" or v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v


def _column(values: np.ndarray) -> np.ndarray:
    if pd.api.types.infer_dtype(values, skipna=True) == "string":  # text only: just empty → None
        out = values.copy()
        out[out == ""] = None
        return out
    out = np.empty(len(values), dtype=object)
    out[:] = [_cell(v) for v in values]
    return out


def _grid(rows: list[list[object]]) -> pd.DataFrame:
    width = max((len(r) for r in rows), default=0)
    cells = np.empty((len(rows), width), dtype=object)
    for i, r in enumerate(rows):
        cells[i, : len(r)] = r
    df = pd.DataFrame({j + 1: _column(cells[:, j]) for j in range(width)}, index=pd.RangeIndex(1, 1 + len(rows)),
                      columns=range(1, width + 1), dtype=object)
    return df


def read_xlsx(path) -> list[tuple[str, bool, pd.DataFrame, list[tuple[int, int, int, int]]]]:
    """Các trang của tệp .xlsx: (tên, có bị ẩn không, lưới ô, các vùng gộp ô).

    The grid is indexed by the worksheet's own row numbers (first row = 1) and
    1-based column numbers; merged ranges are (min_col, min_row, max_col, max_row).
    """
    try:
        wb = CalamineWorkbook.from_path(str(path))
        out = []
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            grid = _grid(sheet.to_python(skip_empty_area=False))
            merged = [(c0 + 1, r0 + 1, c1 + 1, r1 + 1)
                      for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            out.append((meta.name, meta.visible != SheetVisibleEnum.Visible, grid, merged))
        return out
    except (CalamineError, OSError, ValueError, TypeError) as exc:
        raise XlsxReadError(str(exc)) from exc
