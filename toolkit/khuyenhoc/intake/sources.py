"""Đọc nguyên trạng các trang của sổ Excel (.xlsx) hoặc các tệp CSV trong một thư mục.

Nothing is interpreted here: each sheet becomes a ``RawSheet`` holding a grid of
raw cell values indexed by the worksheet's own row numbers (CSV: line numbers,
first line = 1), plus the merged cell ranges. Files are opened read-only and
never written. Workbooks are read with python-calamine (``xlsx_reader``, about
twenty times faster than openpyxl on a commune's workbook) and, if it cannot
read one, by openpyxl in read-only mode.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from ..problems import Problem
from .xlsx_reader import XlsxReadError, read_xlsx

__all__ = ["RawSheet", "load_source"]


@dataclass
class RawSheet:
    """Một trang (hoặc một tệp CSV) chưa được diễn giải."""

    file: str
    name: str  # sheet title, or CSV file name
    grid: pd.DataFrame  # object cells; index = row number; columns = 1-based column numbers
    is_csv: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_col, min_row, max_col, max_row
    hidden: bool = False


def _grid(rows: list[tuple], first_row: int = 1) -> pd.DataFrame:
    width = max((len(r) for r in rows), default=0)
    padded = [tuple(r) + (None,) * (width - len(r)) for r in rows]
    df = pd.DataFrame(padded, dtype=object, columns=range(1, width + 1))
    df.index = pd.RangeIndex(first_row, first_row + len(df))
    return df


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    with archive.open(path) as f:
        data = f.read()
    tail = data[data.rfind(b"</sheetData>"):] if b"</sheetData>" in data else data
    return [tuple(range_boundaries(m.decode())) for m in _MERGE_RE.findall(tail)]


def _load_xlsx(path: Path) -> tuple[list[RawSheet], list[Problem]]:
    try:
        fast = read_xlsx(path)
    except XlsxReadError:
        return _load_xlsx_openpyxl(path)
    return [RawSheet(file=str(path), name=name, grid=grid, merged=merged, hidden=hidden)
            for name, hidden, grid, merged in fast], []


def _load_xlsx_openpyxl(path: Path) -> tuple[list[RawSheet], list[Problem]]:
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook, damaged, encrypted…
        return [], [Problem(file=str(path), sheet=None, code="bad_file",
                            message=f"Không mở được tệp Excel ({type(exc).__name__}).",
                            fix="Mở tệp bằng Excel, lưu lại dưới dạng 'Sổ làm việc Excel (.xlsx)' rồi thử lại.")]
    sheets = []
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # do not trust the stored size: read every row
            rows = list(ws.iter_rows(values_only=True))
            merged = []
            wpath = getattr(ws, "_worksheet_path", None)
            if wpath:
                merged = _merged_ranges(wb._archive, wpath)
            sheets.append(RawSheet(file=str(path), name=ws.title, grid=_grid(rows), merged=merged,
                                   hidden=ws.sheet_state != "visible"))
    finally:
        wb.close()
    return sheets, []


def _sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    best, score = ",", -1
    for d in (",", ";", "\t"):
        counts = [ln.count(d) for ln in lines]
        s = min(counts) if counts else 0
        if s > score:
            best, score = d, s
    return best


def _load_csv(path: Path) -> tuple[RawSheet | None, list[Problem]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file=str(path), sheet=path.name, row=line, code="bad_file",
                              message="Tệp không được lưu theo bảng mã UTF-8 nên chữ có dấu bị hỏng.",
                              fix="Trong Excel chọn Lưu thành → 'CSV UTF-8 (phân cách bằng dấu phẩy)'.")]
    delim = _sniff_delimiter(text[:20000])
    try:
        rows = [tuple(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)]
    except csv.Error as exc:
        return None, [Problem(file=str(path), sheet=path.name, code="bad_file",
                              message=f"Tệp CSV bị hỏng ({exc}).",
                              fix="Mở tệp bằng Excel và lưu lại dạng 'CSV UTF-8'.")]
    grid = _grid(rows)
    grid = grid.mask(grid == "", None) if len(grid) else grid
    return RawSheet(file=str(path), name=path.name, grid=grid, is_csv=True), []


def load_source(path: str | Path) -> tuple[list[RawSheet], list[Problem]]:
    """Các trang của một tệp .xlsx hoặc các tệp .csv của một thư mục, chưa diễn giải.

    >>> load_source("khong_co.xlsx")[1][0].code
    'bad_file'
    """
    p = Path(path)
    if p.is_dir():
        sheets, problems = [], []
        for f in sorted(p.iterdir()):
            if f.is_file() and f.suffix.lower() == ".csv":
                sheet, probs = _load_csv(f)
                problems += probs
                if sheet is not None:
                    sheets.append(sheet)
        if not sheets and not problems:
            problems.append(Problem(file=str(p), sheet=None, code="bad_file",
                                    message="Thư mục không có tệp .csv nào.",
                                    fix="Chọn tệp Excel (.xlsx) hoặc thư mục chứa các tệp CSV của xã."))
        return sheets, problems
    if not p.exists():
        return [], [Problem(file=str(p), sheet=None, code="bad_file", message="Không tìm thấy tệp hoặc thư mục này.",
                            fix="Kiểm tra lại đường dẫn và tên tệp.")]
    if p.suffix.lower() == ".csv":
        sheet, probs = _load_csv(p)
        return ([sheet] if sheet else []), probs
    if p.suffix.lower() in (".xls", ".ods"):
        return [], [Problem(file=str(p), sheet=None, code="bad_file",
                            message=f"Tệp dạng {p.suffix} chưa đọc được.",
                            fix="Mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.")]
    return _load_xlsx(p)
