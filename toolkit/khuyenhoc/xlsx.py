"""Ghi sổ Excel lớn bằng XlsxWriter (chế độ tiết kiệm bộ nhớ), trọn vẹn hoặc không gì cả.

The restricted lists and the evidence checklists hold hundreds of thousands of
cells; writing them cell by cell is the slowest part of the main job.
:func:`xlsx_book` opens an XlsxWriter workbook on a temporary file next to the
target (``atomic_path``); the file appears only when it is complete.
:meth:`Book.write_rows` renders a whole block of rows at once: the cells' XML
is built in one pass and streamed to a temporary file (or, in constant-memory
mode, to XlsxWriter's own row stream), strings go to XlsxWriter's shared-string
table and formats are XlsxWriter formats, so the book is the one XlsxWriter
writes cell by cell, about ten times faster and with the memory of one block.
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
import shutil
import tempfile
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

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


#: Longest text of one cell, in UTF-16 units (Excel's limit; XlsxWriter cuts longer strings the same way).
_STR_MAX = 32767


def _plain(v: Any) -> Any:
    """A cell's value as Excel sees it: ``str`` (text), ``int``/``float`` (a finite number), ``date``/``datetime``,
    or ``None`` (an empty cell). ``bool`` is "Có"/"Không"; numpy and pandas scalars become Python values;
    NaN, ``pd.NA``, ``NaT`` and "" are empty; anything else is its text.

    >>> import numpy as np, pandas as pd
    >>> [_plain(v) for v in ("a", "", True, np.int64(3), float("nan"), pd.NA, pd.NaT, np.float32(1.5))]
    ['a', None, 'Có', 3, None, None, None, 1.5]
    """
    if type(v) is str:
        return v or None
    if v is None:
        return None
    if isinstance(v, bool):
        return "Có" if v else "Không"
    if isinstance(v, (int, float)):
        return None if isinstance(v, float) and not math.isfinite(v) else v
    if isinstance(v, (date, datetime)):
        return None if v != v else v  # pd.NaT
    item = getattr(v, "item", None)
    if callable(item) and not isinstance(v, bytes):
        try:
            plain = item()
        except (ValueError, TypeError):
            plain = v
        if plain is not v and type(plain) is not type(v):
            return _plain(plain)
    try:
        if bool(v != v):  # NaN-like
            return None
    except (TypeError, ValueError):  # pd.NA
        return None
    return str(v) or None


class _Sheet(Worksheet):
    """An XlsxWriter worksheet that also takes blocks of rows already rendered as XML (``Book.write_rows``).

    In memory mode each block waits in a temporary file and is put in place, in row order among the cells
    written one by one, when the workbook is closed; in constant-memory mode it goes straight into XlsxWriter's
    row stream.
    """

    def __init__(self) -> None:
        super().__init__()
        self._blocks: list[tuple[int, int, Any]] = []  # (first row, last row, temporary file), in row order

    def _takes_block(self, first_row: int) -> bool:
        """A block can start at ``first_row``: below every row written so far, on plain rows."""
        return ((self.dim_rowmax is None or first_row > self.dim_rowmax)
                and self.default_row_height == self.original_row_height and self.excel_version != 2010
                and not self.row_info and not self.comments)

    def _block_stream(self, first_row: int):
        if self.constant_memory:
            self._opt_reopen()
            self._write_single_row(first_row)  # the row still pending in XlsxWriter's table
            return self.row_data_fh
        return tempfile.TemporaryFile(mode="w+", encoding="utf-8", dir=self.tmpdir)

    def _end_block(self, fh, first: int, last: int, lo_col: int, hi_col: int) -> None:
        """Record a block of rows ``first``…``last`` (cells in columns ``lo_col``…``hi_col``) written to ``fh``."""
        self._check_dimensions(first, lo_col)
        self._check_dimensions(last, hi_col)
        if self.constant_memory:
            self.previous_row = last + 1
        else:
            self._blocks.append((first, last, fh))

    def _drop_blocks(self) -> None:
        for _first, _last, fh in self._blocks:
            fh.close()
        self._blocks.clear()

    def _write_rows(self) -> None:
        # Memory mode: the rows written cell by cell around the blocks, then each block, in row order.
        if not self._blocks:
            return super()._write_rows()
        lo, hi = self.dim_rowmin, self.dim_rowmax
        start = lo
        try:
            for first, last, fh in self._blocks:
                if start < first:
                    self.dim_rowmin, self.dim_rowmax = start, first - 1
                    super()._write_rows()
                fh.seek(0)
                shutil.copyfileobj(fh, self.fh, 1 << 20)
                start = last + 1
            if start <= hi:
                self.dim_rowmin, self.dim_rowmax = start, hi
                super()._write_rows()
        finally:
            self.dim_rowmin, self.dim_rowmax = lo, hi
            self._drop_blocks()


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
        return self.workbook.add_worksheet(name[:31], worksheet_class=_Sheet)

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
        Excel dates shown dd/mm/yyyy (:func:`_plain`). ``col_formats[j]``, when given
        and not None, replaces ``fmt`` for column ``j`` (number formats).

        On a sheet of :meth:`sheet`, rows below everything written so far are
        rendered as one block (fast); elsewhere they are written cell by cell.
        Column formats (``set_column``) apply to unformatted cells only if set before.

        >>> import tempfile, pathlib
        >>> from openpyxl import load_workbook
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.xlsx"
        >>> with xlsx_book(p) as book:
        ...     ws = book.sheet("A")
        ...     ws.write_string(0, 0, "Tiêu đề")
        ...     book.write_rows(ws, 1, [["Lê Thị Bình", 2, True], ["", None, 3.5]], book.fmt(border=1))
        0
        3
        >>> [[c.value for c in r] for r in load_workbook(p)["A"].iter_rows()]
        [['Tiêu đề', None, None], ['Lê Thị Bình', 2, 'Có'], [None, None, 3.5]]
        """
        if isinstance(ws, _Sheet) and ws._takes_block(first_row):
            return self._write_block(ws, first_row, rows, fmt, col_formats)
        return self._write_cells(ws, first_row, rows, fmt, col_formats)

    def _format_of(self, j: int, fmt, col_formats) -> tuple[Any, bool]:
        """(format of column ``j``'s cells, whether it is the column's own format)."""
        if col_formats is not None and j < len(col_formats) and col_formats[j] is not None:
            return col_formats[j], True
        return fmt, False

    def _write_cells(self, ws, first_row: int, rows, fmt, col_formats) -> int:
        """Cell by cell, through XlsxWriter's own ``write_*`` (any worksheet, any row)."""
        r = first_row
        for row in rows:
            for j, v in enumerate(row):
                f, own = self._format_of(j, fmt, col_formats)
                v = _plain(v)
                if v is None:
                    if f is not None:
                        ws.write_blank(r, j, None, f)
                elif type(v) is str:
                    ws.write_string(r, j, v, f)
                elif isinstance(v, (date, datetime)):
                    ws.write_datetime(r, j, v, f if own else self.fmt(num_format=DATE_FORMAT))
                else:
                    ws.write_number(r, j, v, f)
            r += 1
        return r

    def _write_block(self, ws: _Sheet, first_row: int, rows, fmt, col_formats) -> int:
        """All ``rows`` rendered at once into ``<row>``/``<c>`` XML, the same cells XlsxWriter would write."""
        sst = ws.str_table._get_shared_string_index
        refs: list[str] = []  # column letters
        styles: list[tuple[str, str | None]] = []  # (' s="n"' of the column's cells, of a date cell or None)
        col_info = ws.col_info
        date_style = None

        def column(j: int) -> None:
            while len(refs) <= j:
                k = len(refs)
                refs.append(xl_col_to_name(k))
                f, own = self._format_of(k, fmt, col_formats)
                if f is None and k in col_info and col_info[k].column_format is not None:
                    f = col_info[k].column_format
                s = f' s="{f._get_xf_index()}"' if f is not None else ""
                styles.append((s, s if own else None))  # None: the date format, made when first needed

        fh = ws._block_stream(first_row)
        chunk: list[str] = []
        put = chunk.append
        r = first_row
        first = last = -1
        lo_col, hi_col = ws.xls_colmax, -1
        row_max, col_max = ws.xls_rowmax, ws.xls_colmax
        try:
            for row in rows:
                if r >= row_max:
                    break
                n = len(row)
                if n > len(refs):
                    column(min(n, col_max) - 1)
                rn = str(r + 1)
                cells = []
                add = cells.append
                for j, v in enumerate(row):
                    if j >= col_max:
                        break
                    if type(v) is not str or not v:
                        v = _plain(v)
                    if v is None:
                        s = styles[j][0]
                        if s:
                            add(f'<c r="{refs[j]}{rn}"{s}/>')
                        else:
                            continue
                    elif type(v) is str:
                        if len(v) > _STR_MAX // 2:
                            b = v.encode("utf-16-le")
                            if len(b) > 2 * _STR_MAX:
                                v = b[:2 * _STR_MAX].decode("utf-16-le", "ignore")
                        add(f'<c r="{refs[j]}{rn}"{styles[j][0]} t="s"><v>{sst(v)}</v></c>')
                    elif isinstance(v, (date, datetime)):
                        d = styles[j][1]
                        if d is None:
                            if date_style is None:
                                date_style = f' s="{self.fmt(num_format=DATE_FORMAT)._get_xf_index()}"'
                            d = date_style
                        add(f'<c r="{refs[j]}{rn}"{d}><v>{ws._convert_date_time(v):.16G}</v></c>')
                    else:
                        add(f'<c r="{refs[j]}{rn}"{styles[j][0]}><v>{v:.16G}</v></c>')
                    if j < lo_col:
                        lo_col = j
                    if j > hi_col:
                        hi_col = j
                if cells:
                    put(f'<row r="{rn}">{"".join(cells)}</row>')
                    if first < 0:
                        first = r
                    last = r
                    if len(chunk) >= 2000:
                        fh.write("".join(chunk))
                        chunk.clear()
                r += 1
            fh.write("".join(chunk))
        except BaseException:
            if not ws.constant_memory:
                fh.close()
            raise
        if first < 0:  # nothing but empty cells
            if not ws.constant_memory:
                fh.close()
        else:
            ws._end_block(fh, first, last, lo_col, hi_col)
        return r


@contextmanager
def xlsx_book(path: str | os.PathLike, *, title: str | None = None, keywords: str | None = None,
              constant_memory: bool = True) -> Iterator[Book]:
    """Mở một sổ .xlsx để ghi; tệp ``path`` chỉ xuất hiện (hoặc được thay) khi đã ghi xong.

    Rows written with :meth:`Book.write_rows` below the rest of their sheet are
    streamed in blocks either way. ``constant_memory`` is about cells written one
    by one (``ws.write_string``…): ``False`` keeps them in memory and writes each
    distinct string once, ``True`` streams them row by row (callers choose by size).

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
                if isinstance(ws, _Sheet):
                    ws._drop_blocks()
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
