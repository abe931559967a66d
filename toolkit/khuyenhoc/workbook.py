"""Ghi dữ liệu của xã ra sổ Excel (.xlsx) hoặc thư mục CSV.

The workbook is the one an officer keeps: a first sheet "Giới thiệu", then one
sheet per table of ``SCHEMA`` (sheet name = ``table.sheet``, header row =
Vietnamese column headers). Dates are real Excel dates shown dd/mm/yyyy, money
is whole đồng shown "#,##0", booleans are "Có"/"Không", missing values are empty
cells. The CSV folder holds one ``<table>.csv`` per table, UTF-8 with BOM so
that Excel shows the diacritics. Both are written whole or not at all.

Ví dụ::

    >>> import tempfile, pathlib
    >>> from khuyenhoc.data import CommuneData
    >>> from khuyenhoc.workbook import write_csv_dir
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> folder = write_csv_dir(CommuneData(), d / "csv")
    >>> (folder / "persons.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")[:3]
    ['Mã nhân khẩu', 'Mã hộ', 'Họ và tên']
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .atomic import atomic_dir, atomic_path
from .data import CommuneData
from .schema import BOOL_FALSE, BOOL_TRUE, SCHEMA, ColumnType, Table
from .vnformat import so

#: Excel's hard limit of rows in a sheet (the header takes one).
EXCEL_MAX_ROWS = 1_048_576
INTRO_SHEET = "Giới thiệu"
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"


class WorkbookError(ValueError):
    """Không ghi được sổ Excel hoặc thư mục CSV (thông báo bằng tiếng Việt)."""


# --------------------------------------------------------------------------- helpers


def _check_rows(data: CommuneData, path: Path) -> None:
    for t in SCHEMA:
        n = len(data[t.name])
        if n + 1 > EXCEL_MAX_ROWS:
            raise WorkbookError(
                f"Không ghi được '{path.name}': trang '{t.sheet}' có {so(n)} dòng, vượt giới hạn "
                f"{so(EXCEL_MAX_ROWS - 1)} dòng dữ liệu của Excel. Hãy ghi ra thư mục CSV (write_csv_dir) hoặc tách "
                "theo xã."
            )


def _column_values(col_type: ColumnType, s: pd.Series) -> list:
    """Python values for openpyxl: None for NA, date objects, ints, 'Có'/'Không'."""
    if col_type is ColumnType.DATE:
        arr = s.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        out = arr.astype(object)
        out[np.isnat(arr)] = None
        return out.tolist()
    if col_type in (ColumnType.INT, ColumnType.YEAR, ColumnType.MONEY):
        return s.astype(object).where(s.notna(), None).tolist()
    if col_type is ColumnType.FLOAT:
        vals = s.astype(object).where(s.notna(), None).tolist()
        return [v if v is None or not float(v).is_integer() else int(v) for v in vals]
    if col_type is ColumnType.BOOL:
        out = np.full(len(s), None, dtype=object)
        b = s.astype("boolean")
        out[(b == True).fillna(False).to_numpy(bool)] = BOOL_TRUE  # noqa: E712
        out[(b == False).fillna(False).to_numpy(bool)] = BOOL_FALSE  # noqa: E712
        return out.tolist()
    return s.astype(object).where(s.notna(), None).tolist()


def _width(header: str, col_type: ColumnType, s: pd.Series) -> float:
    if col_type is ColumnType.DATE:
        longest = 10
    elif len(s) == 0:
        longest = 0
    else:
        m = s.astype("string").str.len().max(skipna=True)
        longest = 0 if pd.isna(m) else int(m)
        if col_type is ColumnType.MONEY:
            longest = longest + longest // 3
    return float(min(max(len(header), longest, 6) + 2, 60))


def _write_table_sheet(wb: Workbook, table: Table, df: pd.DataFrame) -> None:
    ws = wb.create_sheet(table.sheet)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    for i, c in enumerate(table.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = _width(c.header, c.type, df[c.name])
    header = []
    for c in table.columns:
        cell = WriteOnlyCell(ws, value=c.header)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)

    columns = []
    for c in table.columns:
        values = _column_values(c.type, df[c.name])
        if c.type in (ColumnType.DATE, ColumnType.MONEY):
            # One reusable styled cell per column: openpyxl writes each row
            # before the next is built, so mutating it is safe and fast.
            styled = WriteOnlyCell(ws)
            styled.number_format = DATE_FORMAT if c.type is ColumnType.DATE else MONEY_FORMAT
            values = [None if v is None else _Styled(styled, v) for v in values]
        columns.append(values)
    for row in zip(*columns):
        ws.append([v.bind() if isinstance(v, _Styled) else v for v in row])


class _Styled:
    """A value to be written through a shared, pre-styled write-only cell."""

    __slots__ = ("cell", "value")

    def __init__(self, cell: WriteOnlyCell, value) -> None:
        self.cell = cell
        self.value = value

    def bind(self) -> WriteOnlyCell:
        self.cell.value = self.value
        return self.cell


def _write_intro(wb: Workbook, data: CommuneData, title: str | None, note: str | None, as_of: date | None) -> None:
    ws = wb.create_sheet(INTRO_SHEET)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 12
    bold = Font(bold=True, size=13)

    def cell(value, font=None, fmt=None):
        c = WriteOnlyCell(ws, value=value)
        if font is not None:
            c.font = font
        if fmt is not None:
            c.number_format = fmt
        c.alignment = Alignment(wrap_text=True, vertical="top")
        return c

    ws.append([cell(title or "Sổ dữ liệu khuyến học của xã", Font(bold=True, size=14))])
    ws.append([cell("Sổ này là gì"), cell(
        "Các bảng dữ liệu của Hội Khuyến học: đơn vị hành chính, hộ, nhân khẩu, hội viên, quỹ khuyến học, "
        "lớp học, đăng ký và công nhận danh hiệu học tập, minh chứng, phiếu đồng ý xử lý dữ liệu. "
        "Mỗi trang sau trang này là một bảng; dòng đầu là tên cột."
    )])
    ws.append([cell("Phiên bản mô hình dữ liệu"), cell(SCHEMA.version)])
    if as_of is not None:
        ws.append([cell("Số liệu tính đến ngày"), cell(as_of, fmt=DATE_FORMAT)])
    ws.append([cell("Cách ghi"), cell(
        "Ngày ghi dd/mm/yyyy; số tiền ghi bằng đồng; ô Có/Không ghi đúng chữ 'Có' hoặc 'Không'; "
        "ô trống là chưa có thông tin. Mã là mã nội bộ do Hội đặt, không dùng số CCCD/CMND."
    )])
    ws.append([cell("Dữ liệu cá nhân"), cell(
        "Họ tên, ngày sinh, quan hệ gia đình là dữ liệu cá nhân (Luật 91/2025/QH15): chỉ dùng trong xã, "
        "không gửi ra ngoài; báo cáo gửi cấp trên chỉ có số tổng hợp."
    )])
    if note:
        ws.append([cell("LƯU Ý", Font(bold=True, color="C00000")), cell(note, Font(bold=True, color="C00000"))])
    ws.append([])
    ws.append([cell("Trang", bold), cell("Nội dung", bold), cell("Số dòng", bold)])
    for t in SCHEMA:
        ws.append([cell(t.sheet), cell(t.description), cell(len(data[t.name]), fmt=MONEY_FORMAT)])


# --------------------------------------------------------------------------- public API


def write_workbook(
    data: CommuneData,
    path: str | os.PathLike,
    *,
    note: str | None = None,
    title: str | None = None,
    as_of: date | None = None,
    timestamp: datetime | None = None,
) -> Path:
    """Ghi ``data`` ra sổ Excel ``path`` (trang "Giới thiệu" rồi mỗi bảng một trang).

    ``note`` is printed in red on the first sheet (e.g. "DỮ LIỆU GIẢ ĐỊNH…");
    ``as_of`` is the date the figures run to. With ``timestamp`` the file's
    creation/modification time is that value and the bytes are the same for the
    same data (used for the shipped sample). Raises ``WorkbookError`` if a
    table has more rows than Excel allows. Returns the path written.

    >>> import tempfile, pathlib
    >>> from openpyxl import load_workbook
    >>> from khuyenhoc.data import CommuneData
    >>> p = write_workbook(CommuneData(), pathlib.Path(tempfile.mkdtemp()) / "xa.xlsx", note="DỮ LIỆU GIẢ ĐỊNH")
    >>> load_workbook(p, read_only=True).sheetnames[:3]
    ['Giới thiệu', 'Đơn vị hành chính', 'Hộ gia đình']
    """
    target = Path(path)
    _check_rows(data, target)
    wb = Workbook(write_only=True)
    wb.properties.creator = "khuyenhoc"
    if timestamp is not None:
        wb.properties.created = timestamp.replace(microsecond=0, tzinfo=None)
    try:
        _write_intro(wb, data, title, note, as_of)
        for t in SCHEMA:
            _write_table_sheet(wb, t, data[t.name])
        with atomic_path(target) as tmp:
            if timestamp is None:
                wb.save(tmp)
            else:
                buf = io.BytesIO()
                wb.save(buf)
                _reproducible_zip(buf.getvalue(), tmp, wb.properties.created)
    except BaseException:
        _discard(wb)
        raise
    return target


def _reproducible_zip(content: bytes, path: Path, stamp: datetime) -> None:
    """Rewrite the xlsx package with fixed entry times and modification date."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(io.BytesIO(content)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + iso.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            zout.writestr(entry, data)


def _discard(wb: Workbook) -> None:
    """Close the half-written streams of a write-only workbook and remove its temporary files."""
    for ws in wb.worksheets:
        for closer in (getattr(ws, "_rows", None), getattr(getattr(ws, "_writer", None), "xf", None)):
            try:
                if closer is not None:
                    closer.close()
            except Exception:  # noqa: BLE001 - the stream is broken anyway
                pass
        writer = getattr(ws, "_writer", None)
        if writer is not None and isinstance(writer.out, str):
            try:
                writer.cleanup()
            except (OSError, ValueError):
                pass


def table_as_text(table: Table, df: pd.DataFrame) -> pd.DataFrame:
    """Bảng ``df`` dưới dạng chữ như trong tệp CSV (ngày dd/mm/yyyy, tiền là chữ số, Có/Không).

    >>> from khuyenhoc.schema import table
    >>> df = pd.DataFrame({"unit_id": ["X01-DV01"], "staff": [25]})
    >>> table_as_text(table("units"), df).iloc[0].tolist()
    ['X01-DV01', '', '', '', '', '25']
    """
    out = {}
    for c in table.columns:
        s = df[c.name] if c.name in df.columns else pd.Series([pd.NA] * len(df), index=df.index)
        if c.type is ColumnType.DATE:
            t = pd.to_datetime(s).dt.strftime("%d/%m/%Y")
        elif c.type in (ColumnType.INT, ColumnType.YEAR, ColumnType.MONEY):
            t = pd.array(s, dtype="Int64").astype("string")
        elif c.type is ColumnType.FLOAT:
            f = pd.Series(pd.array(s, dtype="Float64"), index=s.index)
            whole = (f.round() == f).fillna(False)
            t = f.astype("string").where(~whole, f.round().astype("Int64").astype("string"))
        elif c.type is ColumnType.BOOL:
            b = pd.Series(pd.array(s, dtype="boolean"), index=s.index)
            t = b.map({True: BOOL_TRUE, False: BOOL_FALSE})
        else:
            t = s.astype("string")
        out[c.header] = pd.Series(t, index=df.index).astype(object).where(pd.Series(t, index=df.index).notna(), "")
    return pd.DataFrame(out, index=df.index)


def write_csv(table: Table, df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Ghi một bảng ra tệp CSV UTF-8 có BOM, tiêu đề tiếng Việt.

    >>> import tempfile, pathlib
    >>> from khuyenhoc.schema import table
    >>> p = write_csv(table("clans"), pd.DataFrame({"clan_id": ["X01-DH01"], "charter": [True]}),
    ...               pathlib.Path(tempfile.mkdtemp()) / "clans.csv")
    >>> p.read_text(encoding="utf-8-sig").splitlines()[1]
    'X01-DH01,,,Có,'
    """
    target = Path(path)
    text = table_as_text(table, df)
    with atomic_path(target) as tmp:
        _to_csv(text, tmp)
    return target


def _to_csv(text: pd.DataFrame, path: Path) -> None:
    # BOM first, then plain UTF-8 (same bytes as "utf-8-sig", but faster to encode)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff")
        text.to_csv(f, index=False, lineterminator="\n")


def write_csv_dir(data: CommuneData, folder: str | os.PathLike) -> Path:
    """Ghi ``data`` ra thư mục ``folder``: mỗi bảng một tệp ``<tên bảng>.csv``.

    The folder is replaced as a whole: either all files are written or the old
    folder stays as it was. The bytes are the same for the same data.

    >>> import tempfile, pathlib
    >>> from khuyenhoc.data import CommuneData
    >>> f = write_csv_dir(CommuneData(), pathlib.Path(tempfile.mkdtemp()) / "csv")
    >>> len(list(f.glob("*.csv")))
    20
    """
    target = Path(folder)
    with atomic_dir(target) as tmp:
        for t in SCHEMA:
            _to_csv(table_as_text(t, data[t.name]), tmp / t.csv_name)
    return target
