"""Đọc nguyên trạng các trang của sổ Excel (.xlsx) hoặc các tệp CSV trong một thư mục.

Nothing is interpreted here: each sheet becomes a ``RawSheet`` holding a grid of
raw cell values indexed by the worksheet's own row numbers (CSV: record numbers,
first line = 1), plus the merged cell ranges. Files are opened read-only and
never written. Workbooks are read with python-calamine (``xlsx_reader``, about
twenty times faster than openpyxl on a commune's workbook) and, if it cannot
read one, by openpyxl in read-only mode.

CSV files are checked up front (UTF-8, no NUL byte) by streaming through them,
but their cells are read only when the table is needed (``RawSheet.grid``) and
can be dropped as soon as the table is typed (``RawSheet.release``): a province
of tens of millions of rows never sits in memory as raw text all at once. The
cells are read by pandas' C parser; a file it cannot read the same way as
Python's ``csv`` module (a row wider than the first rows) is read by ``csv``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Callable

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from ..problems import Problem
from .guard import GuardRefusal, inspect_xlsx
from .xlsx_reader import XlsxReadError, read_xlsx

__all__ = ["RawSheet", "load_source"]

_CHUNK = 1 << 24  # bytes read at a time when checking a CSV file's encoding
_HEAD_BYTES = 1 << 16  # bytes read to see a CSV file's first rows
HEAD_ROWS = 50  # rows looked at before reading a whole file


class RawSheet:
    """Một trang (hoặc một tệp CSV) chưa được diễn giải.

    ``grid``: object cells, index = row number, columns = 1-based column numbers.
    It is read on first use when the sheet was made with a ``loader``.

    >>> s = RawSheet("a.csv", "a.csv", pd.DataFrame([["x"]], index=[1], columns=[1], dtype=object), is_csv=True)
    >>> s.grid.at[1, 1], s.is_csv
    ('x', True)
    """

    def __init__(self, file: str, name: str, grid: pd.DataFrame | None = None, is_csv: bool = False,
                 merged: list[tuple[int, int, int, int]] | None = None, hidden: bool = False, *,
                 loader: Callable[[], pd.DataFrame] | None = None,
                 head_loader: Callable[[int], pd.DataFrame | None] | None = None):
        self.file = file
        self.name = name  # sheet title, or CSV file name
        self.is_csv = is_csv
        self.merged = list(merged or [])  # min_col, min_row, max_col, max_row
        self.hidden = hidden
        self._grid = grid
        self._loader = loader
        self._head_loader = head_loader
        if grid is None and loader is None:
            self._grid = _grid([])

    @property
    def grid(self) -> pd.DataFrame:
        if self._grid is None:
            self._grid = self._loader()
        return self._grid

    @grid.setter
    def grid(self, value: pd.DataFrame) -> None:
        self._grid = value

    def head(self, n: int = HEAD_ROWS) -> tuple[pd.DataFrame, bool]:
        """The first rows (at most ``n``; fewer when they are long) and whether they are the whole sheet."""
        if self._grid is None and self._head_loader is not None:
            got = self._head_loader(n)
            if got is not None:
                return got
        g = self.grid
        return g.head(n), len(g) <= n

    def release(self) -> None:
        """Drop the cells (once the table is typed); they are read again if needed."""
        if self._loader is not None:
            self._grid = None

    def __repr__(self) -> str:
        return f"RawSheet(file={self.file!r}, name={self.name!r}, is_csv={self.is_csv})"


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
        seen = inspect_xlsx(path)
    except GuardRefusal as refusal:
        return [], [refusal.problem]
    except OSError as exc:
        return [], [Problem(file=str(path), sheet=None, code="bad_file", message=f"Không đọc được tệp ({exc}).",
                            fix="Kiểm tra quyền đọc tệp và đường dẫn.")]
    try:
        fast = read_xlsx(path)
    except XlsxReadError:
        try:
            sheets, probs = _load_xlsx_openpyxl(path)
        except Exception as exc:  # a damaged part found while reading rows: never a traceback
            return [], [Problem(file=str(path), sheet=None, code="bad_file",
                                message=f"Tệp Excel bị hỏng ({type(exc).__name__}).",
                                fix="Mở tệp bằng Excel, lưu lại dạng 'Sổ làm việc Excel (.xlsx)' rồi thử lại.")]
        return sheets, seen.problems + probs
    return [RawSheet(file=str(path), name=name, grid=grid, merged=merged, hidden=hidden)
            for name, hidden, grid, merged in fast], seen.problems


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


# --------------------------------------------------------------------------- CSV


def _sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    best, score = ",", -1
    for d in (",", ";", "\t"):
        counts = [ln.count(d) for ln in lines]
        s = min(counts) if counts else 0
        if s > score:
            best, score = d, s
    return best


def _bad_csv(path: Path, exc: Exception) -> Problem:
    return Problem(file=str(path), sheet=path.name, code="bad_file",
                   message=f"Tệp CSV bị hỏng ({exc}).",
                   fix="Mở tệp bằng Excel và lưu lại dạng 'CSV UTF-8'.")


def _scan_csv(path: Path) -> tuple[str, bool, Problem | None]:
    """Stream through the file once: (first characters, has a NUL byte, encoding problem).

    Chunks end at a line break, which never falls inside a UTF-8 character, so
    each decodes on its own and a bad byte is located by its line.
    """
    first, nul, lines_before = "", False, 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            if not chunk.endswith(b"\n"):
                chunk += f.readline()
            try:
                text = chunk.decode("utf-8-sig" if lines_before == 0 and not first else "utf-8")
            except UnicodeDecodeError as exc:
                line = lines_before + chunk[: exc.start].count(b"\n") + 1
                return first, nul, Problem(
                    file=str(path), sheet=path.name, row=line, code="bad_file",
                    message="Tệp không lưu theo bảng mã UTF-8, UTF-16 hay Windows-1258 nên chữ có dấu không đọc "
                            "được.",
                    fix="Trong Excel chọn Lưu thành → 'CSV UTF-8 (phân cách bằng dấu phẩy)'.")
            if not first:
                first = text[:20000]
            nul = nul or b"\x00" in chunk
            lines_before += chunk.count(b"\n")
    return first, nul, None


def _csv_rows(text: str, delim: str) -> list[tuple]:
    return [tuple(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)]


def _grid_from_rows(rows: list[tuple]) -> pd.DataFrame:
    grid = _grid(rows)
    return grid.mask(grid == "", None) if len(grid) else grid


def _read_csv_module(path: Path, delim: str) -> pd.DataFrame:
    text = path.read_bytes().decode("utf-8-sig")
    return _grid_from_rows(_csv_rows(text, delim))


def _read_head(path: Path, delim: str, n: int) -> tuple[pd.DataFrame, bool]:
    """The first complete records (at most ``n``) and whether they are the whole file."""
    with open(path, "rb") as f:
        raw = f.read(_HEAD_BYTES)
        whole = len(raw) < _HEAD_BYTES or not f.read(1)
    if not whole:
        raw = raw[: raw.rfind(b"\n") + 1]  # whole lines only (a UTF-8 character never spans one)
    rows = _csv_rows(raw.decode("utf-8-sig"), delim)
    if not whole and rows:
        rows = rows[:-1]  # the last record may be cut inside a quoted field
    complete = whole and len(rows) <= n
    return _grid_from_rows(rows[:n]), complete


def _read_csv_fast(path: Path, delim: str) -> pd.DataFrame:
    """All the records of a CSV file, read by pandas' C parser, like ``csv.reader`` would read them."""
    head, whole = _read_head(path, delim, HEAD_ROWS)
    if whole:
        return head
    width = head.shape[1]
    if width == 0:  # no complete row in the first bytes, or only blank rows: too odd for the fast path
        return _read_csv_module(path, delim)
    try:
        df = pd.read_csv(path, sep=delim, header=None, names=list(range(1, width + 1)), index_col=False,
                         dtype=object, keep_default_na=False, na_values=[""], skip_blank_lines=False,
                         encoding="utf-8-sig", engine="c", quotechar='"', doublequote=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return _read_csv_module(path, delim)  # a row wider than the first ones…: Python's csv reads it
    df.index = pd.RangeIndex(1, 1 + len(df))
    for c in df.columns:  # NaN → None, as the other readers give
        col = df[c]
        if col.hasnans:
            arr = col.to_numpy(dtype=object, copy=True)
            arr[pd.isna(arr)] = None
            df[c] = pd.Series(arr, index=df.index, dtype=object)
    return df


#: Largest CSV file that is read whole when it is not in UTF-8 (UTF-16, Windows-1258…).
MAX_RECODED_BYTES = 256 << 20


def _legacy_words(text: str) -> int:
    from ..legacy_encodings import ENCODINGS, is_vietnamese_syllable, to_unicode

    best = 0
    for enc in ENCODINGS[:2]:
        conv = to_unicode(text, enc)
        best = max(best, sum(is_vietnamese_syllable(w.strip(".,;:()\"'")) for w in conv.split()))
    return best


def _decode_other(path: Path, utf8_problem: Problem | None) -> tuple[str | None, str, Problem | None]:
    """A CSV file that is not UTF-8: (text, name of its encoding, problem)."""
    import unicodedata

    from ..legacy_encodings import is_vietnamese_syllable

    size = path.stat().st_size
    if size > MAX_RECODED_BYTES:
        return None, "", utf8_problem
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", raw.decode("utf-16")), "UTF-16", None
        except UnicodeDecodeError:
            return None, "", Problem(file=str(path), sheet=path.name, code="bad_file",
                                     message="Tệp ghi là UTF-16 nhưng có đoạn bị hỏng, không đọc được.",
                                     fix="Mở tệp bằng Excel và lưu lại dạng 'CSV UTF-8 (phân cách bằng dấu phẩy)'.")
    head = raw[:1 << 20].decode("utf-8", errors="replace")
    n_bad = head.count("\ufffd")
    n_ok = sum(1 for ch in head if ord(ch) > 0x7F) - n_bad
    if n_ok > n_bad:  # mostly valid UTF-8 with a few bad bytes: a damaged UTF-8 file, located by its line
        return None, "", utf8_problem
    try:
        text_1258 = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        text_1258 = None
    latin = raw.decode("latin-1")
    sample = latin[:65536]
    words_1258 = (sum(is_vietnamese_syllable(w.strip(".,;:()\"'")) for w in text_1258[:65536].split())
                  if text_1258 is not None else -1)
    if _legacy_words(sample) > max(words_1258, 0):
        return latin, "Windows-1252 (chữ gõ bằng phông TCVN3/VNI)", None
    if text_1258 is not None:
        return text_1258, "Windows-1258", None
    return None, "", utf8_problem


def _load_csv(path: Path) -> tuple[RawSheet | None, list[Problem]]:
    try:
        first, nul, problem = _scan_csv(path)
        if problem is None and first[:1] in ("\ufffe", "\ufeff") or (problem is not None) or "\x00" in first[:4]:
            text, enc, problem2 = _decode_other(path, problem)
            if text is not None:
                note = Problem(file=str(path), sheet=path.name, code="csv_encoding",
                               message=f"Tệp không lưu theo UTF-8 mà theo bảng mã {enc}; đã đọc và chuyển sang Unicode.",
                               fix="Nên lưu lại trong Excel dạng 'CSV UTF-8 (phân cách bằng dấu phẩy)'.")
                if "\x00" in text:
                    return None, [_bad_csv(path, ValueError("có ký tự NUL"))]
                delim = _sniff_delimiter(text[:20000])
                return RawSheet(file=str(path), name=path.name, grid=_grid_from_rows(_csv_rows(text, delim)),
                                is_csv=True), [note]
            if problem2 is not None:
                return None, [problem2]
    except (OSError, csv.Error) as exc:
        return None, [_bad_csv(path, exc)]
    if problem is not None:
        return None, [problem]
    delim = _sniff_delimiter(first)
    if nul:  # Python's csv refuses NUL bytes: report it now rather than when the table is read
        try:
            grid = _read_csv_module(path, delim)
        except csv.Error as exc:
            return None, [_bad_csv(path, exc)]
        return RawSheet(file=str(path), name=path.name, grid=grid, is_csv=True), []
    return RawSheet(file=str(path), name=path.name, is_csv=True,
                    loader=lambda: _read_csv_fast(path, delim),
                    head_loader=lambda n: _read_head(path, delim, n)), []


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
