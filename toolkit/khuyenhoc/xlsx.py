"""Ghi sổ Excel lớn bằng XlsxWriter (chế độ tiết kiệm bộ nhớ), trọn vẹn hoặc không gì cả.

The restricted lists and the evidence checklists hold hundreds of thousands of
cells; writing them through openpyxl cell by cell is the slowest part of the
main job. :func:`xlsx_book` opens an XlsxWriter workbook in constant-memory
mode on a temporary file next to the target (``atomic_path``): rows are
streamed to disk in order, and the file appears only when it is complete.
Strings are always written as text: a value that starts with "=" never becomes
a formula, "http…" never becomes a link, "0123" keeps its leading zero.

Ví dụ::

    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ds.xlsx"
    >>> with xlsx_book(p, title="Danh sách") as book:
    ...     ws = book.sheet("Trang 1")
    ...     n = book.write_rows(ws, 0, [["Họ và tên", "Số tiền"], ["Nguyễn Văn An", 1500000], ["=1+1", None]])
    >>> [[c.value for c in r] for r in load_workbook(p).active.iter_rows()]
    [['Họ và tên', 'Số tiền'], ['Nguyễn Văn An', 1500000], ['=1+1', None]]
"""

from __future__ import annotations

import math
import os
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import xlsxwriter

from .atomic import atomic_path

__all__ = ["xlsx_book", "Book", "OPTIONS", "DATE_FORMAT", "IN_MEMORY_CELLS", "frame_rows"]

#: Options of every workbook: stream rows (constant memory), never guess types from strings.
OPTIONS = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
           "strings_to_urls": False, "nan_inf_to_errors": False}
DATE_FORMAT = "dd/mm/yyyy"
#: Up to this many cells a book may be built in memory (``constant_memory=False``, faster); larger ones are streamed.
IN_MEMORY_CELLS = 1_000_000


def frame_rows(df) -> list[list]:
    """Các dòng của bảng pandas ``df`` dưới dạng giá trị Python: Có/Không, ngày dd/mm/yyyy, ô trống là None.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": pd.array([True, None], dtype="boolean"), "d": pd.to_datetime(["2025-03-04", None]),
    ...                    "n": [1, None]})
    >>> frame_rows(df)
    [['Có', '04/03/2025', 1.0], [None, None, None]]
    """
    import pandas as pd

    if len(df) == 0:
        return []
    out = {}
    for c in df.columns:
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)
        if pd.api.types.is_bool_dtype(s.dtype):
            s = s.astype(object).map({True: "Có", False: "Không"})
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            s = s.dt.strftime("%d/%m/%Y")
        s = s.astype(object)
        out[c] = s.where(s.notna() & (s != ""), None)
    return pd.DataFrame(out).to_numpy().tolist()


class Book:
    """Một sổ XlsxWriter đang ghi: tạo trang, định dạng dùng chung và ghi các dòng theo thứ tự.

    >>> import tempfile, pathlib
    >>> with xlsx_book(pathlib.Path(tempfile.mkdtemp()) / "a.xlsx") as book:
    ...     book.fmt(bold=True) is book.fmt(bold=True)
    True
    """

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
        self._formats: dict[tuple, Any] = {}

    def sheet(self, name: str):
        """Thêm một trang tên ``name`` (tối đa 31 ký tự; người gọi lo tên không trùng)."""
        return self.workbook.add_worksheet(name[:31])

    def fmt(self, **props):
        """Định dạng ô (thuộc tính XlsxWriter), mỗi bộ thuộc tính chỉ tạo một lần.

        >>> import tempfile, pathlib
        >>> with xlsx_book(pathlib.Path(tempfile.mkdtemp()) / "a.xlsx") as book:
        ...     book.fmt(num_format="#,##0").num_format
        '#,##0'
        """
        key = tuple(sorted(props.items()))
        f = self._formats.get(key)
        if f is None:
            f = self._formats[key] = self.workbook.add_format(props)
        return f

    def write_rows(self, ws, first_row: int, rows: Iterable[Sequence[Any]], fmt=None,
                   col_formats: Sequence[Any] | None = None) -> int:
        """Ghi ``rows`` bắt đầu từ dòng ``first_row`` (đếm từ 0); trả về dòng kế tiếp.

        ``None``, NaN and "" are empty cells (still carrying ``fmt``, e.g. borders);
        strings are text, ``bool`` is "Có"/"Không", numbers are numbers, dates are
        Excel dates shown dd/mm/yyyy. ``col_formats[j]``, when given and not
        None, replaces ``fmt`` for column ``j`` (number formats).
        """
        write_string, write_blank = ws.write_string, ws.write_blank
        r = first_row
        for row in rows:
            for j, v in enumerate(row):
                f = fmt if col_formats is None or col_formats[j] is None else col_formats[j]
                if type(v) is str:
                    if v:
                        write_string(r, j, v, f)
                    elif f is not None:
                        write_blank(r, j, None, f)
                elif v is None:
                    if f is not None:
                        write_blank(r, j, None, f)
                else:
                    self._write_value(ws, r, j, v, f, col_formats is not None and col_formats[j] is not None)
            r += 1
        return r

    def _write_value(self, ws, r: int, j: int, v: Any, f, own_format: bool) -> None:
        """Anything but a string or None: numbers, booleans, dates, numpy/pandas scalars, else its text."""
        if isinstance(v, bool):
            ws.write_string(r, j, "Có" if v else "Không", f)
            return
        if isinstance(v, (int, float)):
            if isinstance(v, float) and not math.isfinite(v):
                if f is not None:
                    ws.write_blank(r, j, None, f)
            else:
                ws.write_number(r, j, v, f)
            return
        if isinstance(v, (date, datetime)):
            if v != v:  # pd.NaT
                if f is not None:
                    ws.write_blank(r, j, None, f)
                return
            ws.write_datetime(r, j, v, f if own_format else self.fmt(num_format=DATE_FORMAT))
            return
        item = getattr(v, "item", None)
        if callable(item) and not isinstance(v, bytes):
            try:
                plain = item()
            except (ValueError, TypeError):
                plain = v
            if plain is not v and type(plain) is not type(v):
                if type(plain) is str:
                    ws.write_string(r, j, plain, f)
                else:
                    self._write_value(ws, r, j, plain, f, own_format)
                return
        try:
            missing = bool(v != v)  # NaN, pd.NA
        except (TypeError, ValueError):
            missing = True
        if missing:
            if f is not None:
                ws.write_blank(r, j, None, f)
            return
        ws.write_string(r, j, str(v), f)


@contextmanager
def xlsx_book(path: str | os.PathLike, *, title: str | None = None, keywords: str | None = None,
              constant_memory: bool = True) -> Iterator[Book]:
    """Mở một sổ .xlsx để ghi; tệp ``path`` chỉ xuất hiện (hoặc được thay) khi đã ghi xong.

    ``constant_memory=False`` keeps the cells in memory and writes each distinct
    string once (shared strings): about a third faster for books of a few hundred
    thousand cells, but memory grows with the book (callers choose by size).

    On any error inside the block the half-written temporary file is removed and
    ``path`` is left as it was.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     with xlsx_book(d / "dở.xlsx") as book:
    ...         _ = book.sheet("A")
    ...         raise RuntimeError("lỗi giữa chừng")
    ... except RuntimeError:
    ...     pass
    >>> sorted(p.name for p in d.iterdir())
    []
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {**OPTIONS, "constant_memory": constant_memory})
        props = {"author": "khuyenhoc"}
        if title:
            props["title"] = title
        if keywords:
            props["keywords"] = keywords
        wb.set_properties(props)
        book = Book(wb)
        try:
            yield book
        except BaseException:
            for ws in wb.worksheets():  # constant-memory mode keeps one temporary file per sheet
                fh = getattr(ws, "row_data_fh", None)
                if fh is not None and not fh.closed:
                    fh.close()
                name = getattr(ws, "row_data_filename", None)
                if name:
                    Path(name).unlink(missing_ok=True)
            raise
        if not wb.worksheets():
            wb.add_worksheet()
        wb.close()
