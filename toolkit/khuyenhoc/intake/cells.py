"""Đọc và kiểm tra từng ô của một bảng: chuẩn hóa chữ, kiểu, ô bắt buộc, danh mục, khoảng giá trị.

One call per table (``parse_table``); every check works on whole columns, and a
``Problem`` is built only for the cells that have one. A column of text (every
CSV column) is reduced to its distinct values first (``pd.factorize``): each
value is cleaned and parsed once and the results are spread back to the cells,
so a province's millions of rows cost little more than their distinct values.
Warnings and notes of one kind are listed for the first ``NOTE_LIMIT`` cells of
a column and the rest counted in one record (errors are always all listed).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from .. import parsing
from ..problems import CODES, LOI, Problem
from ..vnformat import so, tien
from ..schema import TYPE_LABELS, Column, ColumnType, Table
from ..legacy_encodings import LABELS, convert_column, to_unicode
from ..textnorm import clean_series, lacks_diacritics_series
from .headers import SheetLayout

__all__ = ["TableResult", "parse_table", "show_value"]

CCCD_PATTERN = r"\d{9}|\d{12}"
#: A cell value longer than this is cut when shown in a message.
SHOWN_CHARS = 80


@dataclass
class TableResult:
    """Một bảng đã đọc: giá trị đã chuẩn hóa (chỉ số = số dòng trong tệp) và các vấn đề."""

    table: Table
    layout: SheetLayout
    values: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def sheet(self) -> str:
        return self.layout.sheet.name

    def column_label(self, name: str) -> tuple[str, str | None]:
        """Header as in the file (or the schema header) and column letter."""
        return self.layout.header_text.get(name, self.table.column(name).header), self.layout.letter(name)


def show_value(v: object) -> str:
    """Giá trị một ô viết ra để đưa vào thông báo.

    >>> show_value(_dt.datetime(1980, 3, 5)), show_value(12.0), show_value("a")
    ('05/03/1980', '12', 'a')
    """
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, str) and len(v) > SHOWN_CHARS:
        return v[:SHOWN_CHARS] + f"… ({so(len(v))} ký tự)"
    if isinstance(v, (_dt.datetime, _dt.date, pd.Timestamp)):
        return pd.Timestamp(v).strftime("%d/%m/%Y")
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    if isinstance(v, (bool, np.bool_)):
        return "Có" if v else "Không"
    return str(v)


def _looks_like_cccd(ids: pd.Series) -> np.ndarray:
    """Ids made of 9 or 12 digits (the regular expression runs only on ids of that length)."""
    arr = ids.to_numpy(dtype=object, na_value="")
    lengths = np.fromiter(map(len, arr), dtype=np.int64, count=len(arr))
    out = np.zeros(len(arr), dtype=bool)
    cand = np.flatnonzero((lengths == 9) | (lengths == 12))
    if len(cand):
        out[cand] = pd.Series(arr[cand], dtype=object).str.fullmatch(CCCD_PATTERN).to_numpy(dtype=bool)
    return out


def _mask_cccd(text: str) -> str:
    return text[:3] + "*" * (len(text) - 6) + text[-3:] if len(text) > 6 else text


def _num(x: float) -> str:
    return so(x) if float(x).is_integer() else f"{x:g}".replace(".", ",")


#: Warnings and auto-corrected notes listed one by one for a column of a sheet; the
#: others of the same kind are counted in one record (``Problem.repeat``).
NOTE_LIMIT = 1000


class _Emitter:
    def __init__(self, layout: SheetLayout):
        self.layout = layout
        self.problems: list[Problem] = []
        self._raw: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def set_raw(self, name: str, codes: np.ndarray, uniques: np.ndarray) -> None:
        """Raw cell of row i of column ``name`` = ``uniques[codes[i]]`` (None where the code is -1)."""
        self._raw[name] = (codes, uniques)

    def __call__(self, name: str, mask: pd.Series, code: str, message: Callable[[object, int], str],
                 fix: Callable[[object, int], str] | str = "", value: Callable[[object], str] | None = None):
        flags = mask.to_numpy(dtype=bool)
        if not flags.any():
            return
        lay = self.layout
        header = lay.header_text.get(name, lay.table.column(name).header)
        letter = lay.letter(name)
        codes, uniques = self._raw.get(name, (None, None))
        positions = np.flatnonzero(flags)
        rows = mask.index
        limit = None if CODES[code][0] == LOI else NOTE_LIMIT
        for n, i in enumerate(positions):
            r = rows[i]
            if limit is not None and n == limit:
                self.problems.append(Problem(
                    file=lay.sheet.file, sheet=lay.sheet.name, row=int(r), column=header, column_letter=letter,
                    code=code, repeat=len(positions) - limit,
                    message=f"Còn {so(len(positions) - limit)} ô khác cùng loại ở cột này, từ dòng {int(r)} "
                            f"trở đi ({CODES[code][1]}); không liệt kê từng ô.",
                    fix="Dùng bộ lọc của Excel ở cột này để xem các ô đó."))
                break
            v = None if codes is None or codes[i] < 0 else uniques[codes[i]]
            self.problems.append(Problem(
                file=lay.sheet.file, sheet=lay.sheet.name, row=int(r), column=header, column_letter=letter,
                value=(value(v) if value else show_value(v)), code=code, message=message(v, r),
                fix=fix(v, r) if callable(fix) else fix))


def _range_text(c: Column) -> str:
    if c.min is not None and c.max is not None:
        return f"từ {_num(c.min)} đến {_num(c.max)}"
    if c.min is not None:
        return f"từ {_num(c.min)} trở lên"
    return f"không quá {_num(c.max)}"


def _missing_fix(c: Column) -> str:
    example = f", ví dụ {c.example}" if c.example else ""
    if c.type is ColumnType.CODE:
        return f"Chọn một giá trị trong danh sách{', ví dụ ' + repr(c.example) if c.example else ''}."
    if c.type is ColumnType.BOOL:
        return "Ghi 'Có' hoặc 'Không'."
    if c.type is ColumnType.DATE:
        return f"Ghi ngày theo dạng ngày/tháng/năm{example}."
    return f"Ghi {TYPE_LABELS[c.type]} vào ô này{example}."


def _factorize(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of a column: cell i holds ``uniques[codes[i]]`` (code -1: empty cell).

    A column of text only (every CSV column, most workbook columns) is reduced to
    its distinct values, so each check runs once per value, not once per cell.
    Any other column keeps one entry per cell: 1, 1.0 and True are equal for a
    hash table but not for intake.
    """
    arr = col.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(arr, skipna=True) in ("string", "empty"):
        codes, uniques = pd.factorize(arr, use_na_sentinel=True)
        return codes, np.asarray(uniques, dtype=object)
    return np.arange(len(arr)), arr


def _expand_mask(mask_u: pd.Series | np.ndarray, codes: np.ndarray, index: pd.Index, fill: bool) -> pd.Series:
    """A mask over distinct values → a mask over cells (``fill`` where the cell is empty)."""
    m = np.asarray(mask_u, dtype=bool)
    return pd.Series(np.append(m, fill)[codes], index=index)


def _expand_values(values_u: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Values parsed once per distinct value → one value per cell (missing where the cell is empty)."""
    return pd.Series(values_u.array.take(codes, allow_fill=True), index=index)


def _expand(pu: parsing.Parsed, codes: np.ndarray, rows: pd.Index) -> parsing.Parsed:
    return parsing.Parsed(_expand_values(pu.values, codes, rows), _expand_mask(pu.error, codes, rows, False),
                          _expand_mask(pu.corrected, codes, rows, False))


def parse_table(layout: SheetLayout) -> TableResult:
    """Đọc mọi ô của một trang đã biết bố cục; trả về giá trị và các vấn đề của từng ô."""
    table, sheet = layout.table, layout.sheet
    if layout.header_row is None:
        return TableResult(table, layout, pd.DataFrame(columns=table.column_names))
    grid = sheet.grid
    start = int(np.searchsorted(grid.index.to_numpy(), layout.header_row, side="right"))
    data_index = grid.index[start:]
    factorized, cleaned, nfd, spaces, blank = {}, {}, {}, {}, {}
    for name, pos in layout.positions.items():
        codes, uniques = _factorize(grid[pos].iloc[start:])
        factorized[name] = (codes, uniques)
        cleaned[name], nfd[name], spaces[name] = clean_series(pd.Series(uniques, dtype=object))
        blank[name] = (cleaned[name].isna() | (cleaned[name] == "")).to_numpy(dtype=bool)
    del grid
    sheet.release()  # a CSV file's raw cells are no longer needed (they are read again if asked for)
    keep = np.zeros(len(data_index), dtype=bool)
    for name, (codes, _) in factorized.items():
        keep |= ~np.append(blank[name], True)[codes]
    rows = data_index[keep]
    emit = _Emitter(layout)
    values: dict[str, pd.Series] = {}
    for c in table.columns:
        if c.name not in factorized:
            continue
        codes, uniques = factorized.pop(c.name)
        codes = codes[keep]
        emit.set_raw(c.name, codes, uniques)
        emit(c.name, _expand_mask(nfd[c.name], codes, rows, False), "nfd",
             lambda v, r: f"Chữ '{show_value(v)}' được gõ ở dạng Unicode tổ hợp (NFD); đã chuyển về dạng chuẩn (NFC).",
             "Không cần sửa; nếu gặp nhiều, đặt bộ gõ dùng bảng mã 'Unicode dựng sẵn'.")
        emit(c.name, _expand_mask(spaces[c.name], codes, rows, False), "spaces",
             lambda v, r: f"'{show_value(v)}' có khoảng trắng thừa; đã bỏ.")
        values[c.name] = _parse_column(c, cleaned.pop(c.name), blank.pop(c.name), codes, rows, emit,
                                       is_csv=sheet.is_csv)
    frame = pd.DataFrame(values, index=rows)
    return TableResult(table, layout, frame, emit.problems)


def _parse_column(c: Column, s: pd.Series, blank_u: np.ndarray, codes: np.ndarray, rows: pd.Index, emit: _Emitter,
                  *, is_csv: bool) -> pd.Series:
    """Parse the distinct values ``s`` of column ``c`` once; report on the cells ``rows`` (``codes``)."""
    name = c.name
    t = c.type
    blank = _expand_mask(blank_u, codes, rows, True)
    s = s.reset_index(drop=True)
    limit = c.length_limit
    if limit is not None and t in (ColumnType.ID, ColumnType.TEXT, ColumnType.CODE):
        lengths = s.map(lambda v: len(v) if isinstance(v, str) else 0)
        emit(name, _expand_mask((lengths > limit).to_numpy(dtype=bool), codes, rows, False), "too_long",
             lambda v, r: f"Ô dài {so(len(str(v)))} ký tự, quá giới hạn {so(limit)} ký tự của cột "
                          f"'{c.header}'.",
             "Kiểm tra ô này (dán nhầm cả đoạn văn?) và chỉ ghi đúng giá trị của cột.")
    if t in (ColumnType.ID, ColumnType.TEXT, ColumnType.CODE):
        enc, converted = convert_column(s)
        if enc is not None:
            fixed = converted.to_numpy(dtype=object)
            emit(name, _expand_mask(pd.notna(fixed), codes, rows, False), "legacy_encoding",
                 lambda v, r: f"'{show_value(v)}' có vẻ được gõ bằng bảng mã {LABELS[enc]}; đọc đúng là "
                              f"'{show_value(to_unicode(str(v), enc))}'.",
                 "Chuyển cả sổ sang Unicode bằng lệnh 'khuyenhoc convert <tệp> <tệp mới>' (tệp gốc giữ nguyên) "
                 "rồi kiểm tra lại tệp mới.")
    if t in (ColumnType.ID, ColumnType.TEXT):
        pu = parsing.parse_text(s)
        p = _expand(pu, codes, rows)
    elif t is ColumnType.CODE:
        pu = parsing.parse_codes(s, c.codes or ())
        p = _expand(pu, codes, rows)
        allowed = ", ".join(f"'{x}'" for x in c.codes or ())
        emit(name, p.error, "bad_code",
             lambda v, r: f"'{show_value(v)}' không có trong danh sách của cột '{c.header}'.",
             f"Chọn một trong các giá trị: {allowed}.")
        emit(name, p.corrected, "code_folded",
             lambda v, r: f"'{show_value(v)}' được hiểu là '{p.values.at[r]}'.",
             lambda v, r: f"Nên chọn đúng giá trị '{p.values.at[r]}' trong danh sách.")
    elif t is ColumnType.BOOL:
        pu = parsing.parse_bool(s)
        p = _expand(pu, codes, rows)
        emit(name, p.error, "bad_code",
             lambda v, r: f"'{show_value(v)}' không phải 'Có' hoặc 'Không'.",
             "Ghi 'Có' hoặc 'Không' (để trống nếu chưa biết).")
        emit(name, p.corrected, "code_folded",
             lambda v, r: f"'{show_value(v)}' được hiểu là '{'Có' if p.values.at[r] else 'Không'}'.",
             "Nên chọn 'Có' hoặc 'Không' trong danh sách.")
    elif t is ColumnType.DATE:
        pu = parsing.parse_dates(s)
        p = _expand(pu, codes, rows)
        emit(name, p.error, "bad_date",
             lambda v, r: f"'{show_value(v)}' không phải ngày hợp lệ.", lambda v, r: parsing.date_hint(v))
        if not is_csv:
            emit(name, p.corrected, "date_text",
                 lambda v, r: f"Ngày '{show_value(v)}' được ghi dạng chữ; đã hiểu là "
                              f"{parsing.format_date(p.values.at[r])}.",
                 "Nên định dạng ô là ngày (Định dạng ô → Ngày).")
    elif t is ColumnType.MONEY:
        pu = parsing.parse_money(s)
        p = _expand(pu, codes, rows)
        emit(name, p.error, "bad_money",
             lambda v, r: parsing.money_hint(v)[0], lambda v, r: parsing.money_hint(v)[1])
        if not is_csv:
            emit(name, p.corrected, "money_text",
                 lambda v, r: f"Số tiền '{show_value(v)}' được ghi dạng chữ; đã hiểu là "
                              f"{tien(p.values.at[r])}.",
                 "Nên ghi số tiền là số (định dạng ô Số có phân nhóm nghìn).")
    elif t is ColumnType.YEAR:
        pu = parsing.parse_year(s)
        p = _expand(pu, codes, rows)
        emit(name, p.error, "bad_number",
             lambda v, r: f"'{show_value(v)}' không phải năm hợp lệ.", f"Ghi năm đủ 4 chữ số, ví dụ {c.example or 2025}.")
    else:
        integer = t is ColumnType.INT
        pu = parsing.parse_int(s) if integer else parsing.parse_float(s)
        p = _expand(pu, codes, rows)
        kind = "số nguyên" if integer else "số"
        emit(name, p.error, "bad_number",
             lambda v, r: f"'{show_value(v)}' không phải {kind} hợp lệ.",
             f"Ghi một {kind}, ví dụ {c.example or 1}" + ("." if integer else "; số lẻ dùng dấu phẩy, ví dụ 7,5."))
    values = p.values
    if c.required:
        emit(name, blank, "missing",
             lambda v, r: f"Ô bắt buộc của cột '{c.header}' đang để trống.", _missing_fix(c))
    if t in (ColumnType.INT, ColumnType.FLOAT, ColumnType.MONEY, ColumnType.YEAR) and (
            c.min is not None or c.max is not None):
        v = values.astype("Float64")
        bad = pd.Series(False, index=values.index)
        if c.min is not None:
            bad |= (v < c.min).fillna(False).astype(bool)
        if c.max is not None:
            bad |= (v > c.max).fillna(False).astype(bool)
        emit(name, bad, "out_of_range",
             lambda v, r: f"Giá trị {show_value(v)} nằm ngoài khoảng cho phép của cột '{c.header}' "
                          f"({_range_text(c)}).",
             "Kiểm tra và sửa lại con số.")
    if t is ColumnType.ID:
        cccd = _expand_mask(_looks_like_cccd(pu.values), codes, rows, False)
        emit(name, cccd, "id_looks_like_cccd",
             lambda v, r: f"Mã '{_mask_cccd(show_value(v))}' có {len(show_value(v))} chữ số, giống số CMND/CCCD.",
             f"Không dùng số CMND/CCCD làm mã (đó là dữ liệu cá nhân); dùng mã nội bộ của Hội"
             + (f", ví dụ {c.example}." if c.example else "."),
             value=lambda v: _mask_cccd(show_value(v)))
    if t is ColumnType.TEXT and c.personal:
        nodia = _expand_mask(lacks_diacritics_series(pu.values), codes, rows, False)
        emit(name, nodia, "no_diacritics",
             lambda v, r: f"Họ tên '{show_value(v)}' có vẻ được gõ không dấu.",
             "Gõ lại họ tên có dấu đầy đủ (ví dụ 'Nguyễn Văn Bình') để không nhầm người.")
    return values
