"""Đọc giá trị trong ô Excel/CSV theo cách viết của người Việt: ngày, số tiền, số, Có/Không, danh mục.

Every parser takes a whole column (a pandas Series of raw cell values: Python
``str``/``int``/``float``/``bool``/``datetime`` from openpyxl, or strings from a
CSV) and returns a ``Parsed`` triple:

- ``values``: the column in its canonical dtype (``datetime64[ns]``, ``Int64``,
  ``Float64``, ``boolean`` or ``string``); blank, unreadable cells are missing;
- ``error``: cells that are filled in but cannot be read;
- ``corrected``: cells that were read only after a correction (a date or an
  amount typed as text, a list value typed without diacritics…).

Blank cells (``None``, NaN, empty or space-only text) are never an error here and
never get a default value: whether a cell may be blank is the caller's business.

Rules (day first, always; dot groups thousands, comma is the decimal mark):

- **Dates**: real Excel dates; Excel serial numbers (numeric cell, or a 5-digit
  text such as ``44927`` from a CSV); ``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``,
  ``dd.mm.yyyy``; ISO ``yyyy-mm-dd``. A time after the date is ignored. Two-digit
  years and impossible dates (``31/02/1980``) are errors. Years outside 1900–2100
  are errors (typing slips).
- **Money** (whole đồng): numeric cells; text ``1250000``, ``1.250.000``,
  ``1,250,000``, ``1 250 000``, optionally followed by ``đ``, ``đồng``, ``VNĐ`` or
  ``VND`` and optionally ended by zero decimals (``1.250.000,00``). A single group
  (``1.250`` or ``1,250``) means 1 250 đồng. Shorthand such as ``1,5 triệu``,
  ``1tr5``, ``500k``, ``2 nghìn`` is **rejected**: the same shorthand is written in
  different ways (``1tr5`` = 1 500 000, but ``1tr05``?) and a wrong amount in a fund
  book is worse than a question; the message proposes the probable amount
  (``money_hint``) so the officer only has to confirm it. Anything with
  a fractional part, letters or mixed separators is rejected.
- **Numbers**: comma is the decimal mark (``8,5``); a dot followed by other than
  three digits is accepted as a decimal point (``8.5``); ``1.234.567`` and
  ``1 234`` are grouped thousands; a single dot group (``1.500``) is ambiguous for
  decimals (error) and means 1 500 for whole numbers.
- **Có/Không**: ``Có``/``Không`` in any case or without diacritics, ``x``,
  ``1``/``0``, ``đúng``/``sai``; blank stays blank (never "Có" by default).
- **Codes**: exact (NFC) value of the list; else the value whose folded form
  (no diacritics, lowercase) is equal → corrected; else an error.

Ví dụ::

    >>> import pandas as pd
    >>> p = parse_dates(pd.Series(["05/03/1980", "31/02/1980", None]))
    >>> [str(v.date()) if pd.notna(v) else None for v in p.values], list(p.error)
    (['1980-03-05', None, None], [False, True, False])
    >>> parse_money(pd.Series(["1.250.000 đ", 500000, "1tr5"])).values.tolist()
    [1250000, 500000, <NA>]
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import NamedTuple, Sequence

import numpy as np
import pandas as pd

from .textnorm import _clean_text, bulk, fold, fold_series
from .vnformat import tien

__all__ = [
    "Parsed", "parse_dates", "parse_money", "parse_int", "parse_float", "parse_year",
    "parse_bool", "parse_codes", "parse_text", "blank_mask", "date_hint", "money_hint",
    "format_date",
]

DATE_MIN = pd.Timestamp("1900-01-01")
DATE_MAX = pd.Timestamp("2100-12-31")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_SERIAL_MAX = (DATE_MAX - _EXCEL_EPOCH).days
MONEY_MAX_DIGITS = 15


class Parsed(NamedTuple):
    """Kết quả đọc một cột: giá trị, ô lỗi, ô đã tự sửa."""

    values: pd.Series
    error: pd.Series
    corrected: pd.Series


# --------------------------------------------------------------------------- cell kinds

_NUM_TYPES = (int, float, np.integer, np.floating)
_DT_TYPES = (_dt.datetime, _dt.date, pd.Timestamp, np.datetime64)


class _Kinds(NamedTuple):
    text: pd.Series  # a non-blank string (stripped in ``stripped``)
    number: pd.Series  # int/float, not bool, not NaN
    boolean: pd.Series
    datetime: pd.Series
    other: pd.Series  # anything else that is not blank (time, list…)
    blank: pd.Series
    stripped: pd.Series  # str values (object), NaN elsewhere


def _type_mask(types: list, wanted: set, n: int) -> np.ndarray:
    if not wanted:
        return np.zeros(n, dtype=bool)
    if len(wanted) == 1 and len(set(types)) == 1:
        return np.full(n, types[0] in wanted, dtype=bool)
    return np.fromiter((t in wanted for t in types), dtype=bool, count=n)


def _kinds(s: pd.Series) -> _Kinds:
    # numpy masks, one pandas Series each at the end (intake calls this for every column of every sheet)
    s = s.astype(object) if s.dtype != object else s
    idx = s.index
    vals = s.to_numpy(dtype=object)
    n = len(vals)
    types = [type(v) for v in vals]
    present = set(types)
    is_str = _type_mask(types, present & {str, np.str_}, n)
    is_bool = _type_mask(types, present & {bool, np.bool_}, n)
    num_types = {t for t in present if issubclass(t, _NUM_TYPES) and not issubclass(t, (bool, np.bool_))}
    dt_types = {t for t in present if issubclass(t, _DT_TYPES)}
    na = pd.isna(vals)  # None, NaN, NA, NaT
    is_num = _type_mask(types, num_types, n) & ~na
    is_dt = _type_mask(types, dt_types, n) & ~na
    stripped = np.full(n, np.nan, dtype=object)
    if is_str.any():
        st = bulk(vals[is_str], _clean_text)
        stripped[is_str] = st
        empty = np.zeros(n, dtype=bool)
        empty[is_str] = st == ""
        is_str &= ~empty
        na = na | empty
    other = ~(is_str | is_num | is_bool | is_dt | na)
    masks = [pd.Series(m, index=idx) for m in (is_str, is_num, is_bool, is_dt, other, na & ~is_bool)]
    return _Kinds(*masks, pd.Series(stripped, index=idx, dtype=object))


def blank_mask(s: pd.Series) -> pd.Series:
    """Các ô trống (None, NaN, chuỗi rỗng hoặc chỉ có khoảng trắng).

    >>> list(blank_mask(pd.Series(["", "  ", None, 0, "a"])))
    [True, True, True, False, False]
    """
    return _kinds(s).blank


def _false(idx: pd.Index) -> pd.Series:
    return pd.Series(False, index=idx)


# --------------------------------------------------------------------------- dates

_DMY = r"^(?P<d>\d{1,2})\s?[/.\-]\s?(?P<m>\d{1,2})\s?[/.\-]\s?(?P<y>\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_ISO = r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_SERIAL_TEXT = r"^\d{5}(?:[.,]0+)?$"


def _serial_to_date(n: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Excel serial numbers (1900 system) → (dates, error mask)."""
    n = pd.to_numeric(n, errors="coerce").astype(float)
    bad = n.isna() | (n < 1) | (n > _SERIAL_MAX) | (np.floor(n) == 60)
    days = np.floor(n.where(~bad, 0))
    # Excel counts a 29/02/1900 that never existed: serials below 60 are one day later.
    days = days.where(days >= 61, days + 1)
    out = _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
    return out.where(~bad), bad


def _to_timestamp(v: object) -> pd.Timestamp | None:
    try:
        t = pd.Timestamp(v)
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return None
    if pd.isna(t):
        return None
    if t.tzinfo is not None:
        t = t.tz_localize(None)
    return t if DATE_MIN <= t <= DATE_MAX + pd.Timedelta(days=1) else None  # outside: an error anyway


def parse_dates(s: pd.Series) -> Parsed:
    """Đọc một cột ngày (ngày trước, tháng sau). Xem quy tắc ở đầu mô-đun.

    >>> p = parse_dates(pd.Series(["5/3/1980", "1980-03-05", 29285, "05.03.80"]))
    >>> [v.strftime("%d/%m/%Y") if pd.notna(v) else None for v in p.values]
    ['05/03/1980', '05/03/1980', '05/03/1980', None]
    >>> list(p.error), list(p.corrected)
    ([False, False, False, True], [True, True, False, False])
    """
    k = _kinds(s)
    idx = s.index
    out = pd.Series(pd.NaT, index=idx, dtype="datetime64[ns]")
    error = k.other | k.boolean
    corrected = _false(idx)
    if k.datetime.any():
        cells = s[k.datetime]
        try:  # one vectorised conversion; odd values (time zones, far years) go one by one
            d = pd.Series(pd.to_datetime(cells.to_numpy(dtype=object)), index=cells.index)
            if getattr(d.dt, "tz", None) is not None:
                raise TypeError("time zone")
        except (TypeError, ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
            d = pd.Series(pd.to_datetime([_to_timestamp(v) for v in cells]), index=cells.index)
        bad = d.isna() | (d < DATE_MIN) | (d > DATE_MAX + pd.Timedelta(days=1))
        out.loc[bad.index[~bad.to_numpy()]] = d[~bad].dt.normalize().astype("datetime64[ns]")
        error.loc[k.datetime] = bad.to_numpy()
    if k.number.any():
        d, bad = _serial_to_date(s[k.number])
        out.loc[k.number] = d.astype("datetime64[ns]")
        error.loc[k.number] = bad.to_numpy()
    if k.text.any():
        t = k.stripped[k.text].astype(str)
        parts = t.str.extract(_DMY)
        iso = t.str.extract(_ISO)
        parts = parts.fillna(iso)
        ok_fmt = parts["y"].notna()
        frame = parts[ok_fmt].astype(int).rename(columns={"y": "year", "m": "month", "d": "day"})
        d = pd.to_datetime(frame[["year", "month", "day"]], errors="coerce") if len(frame) else pd.Series(
            dtype="datetime64[ns]")
        parsed = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns]")
        parsed.loc[ok_fmt] = d.astype("datetime64[ns]")
        serial = t.str.fullmatch(_SERIAL_TEXT) & ~ok_fmt
        if serial.any():
            sd, _ = _serial_to_date(t[serial].str.replace(",", ".").astype(float))
            parsed.loc[serial] = sd.astype("datetime64[ns]")
        out.loc[k.text] = parsed
        error.loc[k.text] = parsed.isna().to_numpy()
        corrected.loc[k.text] = parsed.notna().to_numpy()
    outside = out.notna() & ((out < DATE_MIN) | (out > DATE_MAX))
    error |= outside
    out.loc[error] = pd.NaT
    corrected &= ~error
    return Parsed(out, error, corrected)


def date_hint(value: object) -> str:
    """Gợi ý cách sửa một ô ngày không đọc được (dùng trong thông báo).

    >>> date_hint("31/02/1981")
    'Sửa lại theo dạng ngày/tháng/năm, ví dụ 28/02/1981.'
    >>> date_hint("5/3/80")
    'Ghi năm đủ 4 chữ số, theo dạng ngày/tháng/năm, ví dụ 05/03/1980.'
    """
    text = str(value).strip()
    m = re.fullmatch(r"(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{4})", text)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1900 <= y <= 2100 and d > calendar.monthrange(y, mo)[1]:
            last = calendar.monthrange(y, mo)[1]
            return f"Sửa lại theo dạng ngày/tháng/năm, ví dụ {last:02d}/{mo:02d}/{y}."
        if mo > 12 and d <= 12:
            return (f"Tháng không quá 12; ngày ghi trước, tháng sau — có phải {mo:02d}/{d:02d}/{y}? "
                    "Sửa lại theo dạng ngày/tháng/năm.")
    m = re.fullmatch(r"(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{2})", text)
    if m:
        d, mo, yy = (int(g) for g in m.groups())
        return f"Ghi năm đủ 4 chữ số, theo dạng ngày/tháng/năm, ví dụ {d:02d}/{mo:02d}/19{yy:02d}."
    return "Sửa lại theo dạng ngày/tháng/năm, ví dụ 05/03/1980."


def format_date(value: object) -> str:
    """Ngày viết kiểu Việt Nam dd/mm/yyyy (ô trống → chuỗi rỗng).

    >>> format_date(pd.Timestamp("1980-03-05"))
    '05/03/1980'
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return pd.Timestamp(value).strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- money

_CURRENCY = r"\s*(?:vnd|vnđ|đồng|dong|đ|d)\.?$"
_MONEY_PATTERNS = (
    r"^-?\d+$",
    r"^-?\d{1,3}(?:\.\d{3})+(?:,0{1,2})?$",
    r"^-?\d{1,3}(?:,\d{3})+(?:\.0{1,2})?$",
    r"^-?\d{1,3}(?: \d{3})+(?:,0{1,2})?$",
    r"^-?\d+,0{1,2}$",
)


def parse_money(s: pd.Series) -> Parsed:
    """Đọc một cột số tiền (đồng, số nguyên). Xem quy tắc ở đầu mô-đun.

    >>> p = parse_money(pd.Series(["1.250.000", "1,250,000", "1 250 000đ", 1250000.0, "1,5 triệu", "12,5"]))
    >>> p.values.tolist()
    [1250000, 1250000, 1250000, 1250000, <NA>, <NA>]
    >>> list(p.error)
    [False, False, False, False, True, True]
    """
    k = _kinds(s)
    idx = s.index
    out = pd.Series(pd.NA, index=idx, dtype="Int64")
    error = k.other | k.boolean | k.datetime
    corrected = _false(idx)
    if k.number.any():
        n = pd.to_numeric(s[k.number], errors="coerce").astype(float)
        bad = ~np.isfinite(n) | (n != np.floor(n)) | (n.abs() >= 10.0 ** MONEY_MAX_DIGITS)
        out.loc[k.number] = pd.array(n.where(~bad).round(), dtype="Int64")
        error.loc[k.number] = bad.to_numpy()
    if k.text.any():
        t = k.stripped[k.text].astype(str).str.lower().str.replace(_CURRENCY, "", regex=True)
        t = t.str.replace(r"^\+", "", regex=True).str.strip()
        ok = pd.Series(False, index=t.index)
        for pat in _MONEY_PATTERNS:
            ok |= t.str.fullmatch(pat)
        digits = t.str.replace(r"[.,]0{1,2}$", "", regex=True).str.replace(r"[ .,]", "", regex=True)
        ok &= digits.str.lstrip("-").str.len() <= MONEY_MAX_DIGITS
        vals = pd.to_numeric(digits.where(ok), errors="coerce")
        out.loc[k.text] = pd.array(vals, dtype="Int64")
        error.loc[k.text] = (~ok).to_numpy()
        corrected.loc[k.text] = ok.to_numpy()
    return Parsed(out, error, corrected)


_SHORTHAND = re.compile(
    r"^(?P<a>\d+(?:[.,]\d+)?)\s*(?P<u>tỷ|ty|tỉ|ti|triệu|trieu|tr|nghìn|nghin|ngàn|ngan|k)\s*(?P<b>\d*)$")
_UNITS = {"tỷ": 10**9, "ty": 10**9, "tỉ": 10**9, "ti": 10**9, "triệu": 10**6, "trieu": 10**6, "tr": 10**6,
          "nghìn": 10**3, "nghin": 10**3, "ngàn": 10**3, "ngan": 10**3, "k": 10**3}



def money_hint(value: object) -> tuple[str, str]:
    """Thông báo và cách sửa cho một ô số tiền không đọc được: (vấn đề, cách sửa).

    >>> money_hint("1tr5")[1]
    "Ghi đủ số tiền bằng chữ số, ví dụ 1.500.000 (nếu '1tr5' nghĩa là 1.500.000 đ)."
    >>> money_hint("12,5")[0]
    "'12,5' không phải số tiền rõ ràng (số đồng phải là số nguyên)."
    """
    text = str(value).strip()
    low = re.sub(r"\s+", " ", text.lower()).strip()
    m = _SHORTHAND.fullmatch(low)
    if m:
        a = float(m["a"].replace(",", "."))
        unit = _UNITS[m["u"]]
        amount = a * unit
        b = m["b"]
        if b and "." not in m["a"] and "," not in m["a"]:
            amount += int(b) * unit // (10 ** len(b))
        guess = tien(round(amount)).removesuffix(" đ")
        return (f"'{text}' là cách viết tắt số tiền, chương trình không tự đoán.",
                f"Ghi đủ số tiền bằng chữ số, ví dụ {guess} (nếu '{text}' nghĩa là {guess} đ).")
    return (f"'{text}' không phải số tiền rõ ràng (số đồng phải là số nguyên).",
            "Ghi số tiền bằng chữ số, phân nhóm nghìn bằng dấu chấm, ví dụ 1.250.000.")


# --------------------------------------------------------------------------- numbers

_NUM_PLAIN = r"^[+-]?\d+$"
_NUM_DEC_COMMA = r"^[+-]?\d+,\d+$"
_NUM_GROUP_DOT = r"^[+-]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$"
_NUM_GROUP_DOT1 = r"^[+-]?\d{1,3}\.\d{3}$"
_NUM_GROUP_DOT1_DEC = r"^[+-]?\d{1,3}\.\d{3},\d+$"
_NUM_GROUP_SPACE = r"^[+-]?\d{1,3}(?: \d{3})+(?:,\d+)?$"
_NUM_DEC_POINT = r"^[+-]?\d+\.(?:\d{1,2}|\d{4,})$"
_NUM_GROUP_COMMA = r"^[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$"


def _parse_numbers(s: pd.Series, integer: bool) -> Parsed:
    k = _kinds(s)
    idx = s.index
    vals = pd.Series(np.nan, index=idx, dtype=float)
    error = k.other | k.boolean | k.datetime
    corrected = _false(idx)
    if k.number.any():
        n = pd.to_numeric(s[k.number], errors="coerce").astype(float)
        vals.loc[k.number] = n
        error.loc[k.number] = (~np.isfinite(n)).to_numpy()
    if k.text.any():
        t = k.stripped[k.text].astype(str)
        norm = pd.Series(pd.NA, index=t.index, dtype="string")

        def take(pattern: str, convert):
            m = t.str.fullmatch(pattern) & norm.isna()
            if m.any():
                norm.loc[m] = convert(t[m])

        take(_NUM_PLAIN, lambda x: x)
        take(_NUM_DEC_COMMA, lambda x: x.str.replace(",", "."))
        take(_NUM_GROUP_DOT, lambda x: x.str.replace(".", "").str.replace(",", "."))
        take(_NUM_GROUP_DOT1_DEC, lambda x: x.str.replace(".", "").str.replace(",", "."))
        take(_NUM_GROUP_SPACE, lambda x: x.str.replace(" ", "").str.replace(",", "."))
        take(_NUM_DEC_POINT, lambda x: x)
        take(_NUM_GROUP_COMMA, lambda x: x.str.replace(",", ""))
        if integer:
            take(_NUM_GROUP_DOT1, lambda x: x.str.replace(".", ""))
        num = pd.to_numeric(norm, errors="coerce").astype(float)
        vals.loc[k.text] = num.to_numpy()
        error.loc[k.text] = num.isna().to_numpy()
        corrected.loc[k.text] = num.notna().to_numpy()
    if integer:
        frac = vals.notna() & ((vals != np.floor(vals)) | (vals.abs() >= 2.0 ** 53))
        error |= frac
        vals.loc[frac] = np.nan
        out = pd.Series(pd.array(vals.round(), dtype="Int64"), index=idx)
    else:
        out = pd.Series(pd.array(vals, dtype="Float64"), index=idx)
    out.loc[error] = pd.NA
    corrected &= ~error
    return Parsed(out, error, corrected)


def parse_int(s: pd.Series) -> Parsed:
    """Đọc một cột số nguyên (``1.500`` = 1500; ``4,0`` = 4; ``4,5`` là lỗi).

    >>> parse_int(pd.Series(["12", 7, "1.500", "4,5", "bốn"])).values.tolist()
    [12, 7, 1500, <NA>, <NA>]
    """
    return _parse_numbers(s, integer=True)


def parse_float(s: pd.Series) -> Parsed:
    """Đọc một cột số có thể lẻ, dấu phẩy thập phân (``8,5``); ``1.500`` là lỗi vì không rõ nghĩa.

    >>> parse_float(pd.Series(["8,5", "8.5", 7, "1.234.567", "1.500"])).values.tolist()
    [8.5, 8.5, 7.0, 1234567.0, <NA>]
    """
    return _parse_numbers(s, integer=False)


def parse_year(s: pd.Series) -> Parsed:
    """Đọc một cột năm (4 chữ số).

    >>> p = parse_year(pd.Series(["2025", 2024, "25"]))
    >>> p.values.tolist(), list(p.error)
    ([2025, 2024, <NA>], [False, False, True])
    """
    p = parse_int(s)
    v = p.values
    bad = v.notna() & ((v < 1000) | (v > 9999))
    bad = bad.fillna(False).astype(bool)
    values = v.mask(bad)
    return Parsed(values, p.error | bad, p.corrected & ~bad)


# --------------------------------------------------------------------------- booleans

_TRUE = {"co", "x", "1", "dung", "true", "yes", "c"}
_FALSE = {"khong", "0", "sai", "false", "no", "k", "ko"}


def parse_bool(s: pd.Series, true: str = "Có", false: str = "Không") -> Parsed:
    """Đọc một cột Có/Không. Ô trống là "chưa ghi", không bao giờ tự thành "Có".

    >>> p = parse_bool(pd.Series(["Có", "không", "x", None, "có lẽ", 1]))
    >>> p.values.tolist(), list(p.error), list(p.corrected)
    ([True, False, True, <NA>, <NA>, True], [False, False, False, False, True, False], [False, True, True, False, False, False])
    """
    k = _kinds(s)
    idx = s.index
    out = pd.Series(pd.NA, index=idx, dtype="boolean")
    error = k.other | k.datetime
    corrected = _false(idx)
    if k.boolean.any():
        out.loc[k.boolean] = s[k.boolean].astype(bool)
    if k.number.any():
        n = pd.to_numeric(s[k.number], errors="coerce")
        out.loc[k.number] = pd.array(n.map({1: True, 0: False}), dtype="boolean")
        error.loc[k.number] = (~n.isin([0, 1])).to_numpy()
    if k.text.any():
        t = k.stripped[k.text].astype(str)
        f = fold_series(t)
        is_t, is_f = f.isin(_TRUE), f.isin(_FALSE)
        v = pd.Series(pd.NA, index=t.index, dtype="boolean")
        v.loc[is_t] = True
        v.loc[is_f] = False
        out.loc[k.text] = v
        error.loc[k.text] = (~(is_t | is_f)).to_numpy()
        corrected.loc[k.text] = ((is_t | is_f) & ~t.isin([true, false])).to_numpy()
    return Parsed(out, error, corrected)


# --------------------------------------------------------------------------- codes and text


def _as_text(s: pd.Series) -> tuple[pd.Series, _Kinds]:
    """Any cell as text: integral numbers without '.0', dates as dd/mm/yyyy."""
    k = _kinds(s)
    out = pd.Series(pd.NA, index=s.index, dtype="string")
    out.loc[k.text] = k.stripped[k.text].astype(str)
    if k.number.any():
        raw = s[k.number]
        txt = raw.astype(str)
        is_float = raw.map(type).isin([float, np.float64, np.float32, np.float16])
        if is_float.any():
            n = raw[is_float].astype(float)
            integral = np.isfinite(n) & (n == np.floor(n)) & (n.abs() < 2.0 ** 53)
            txt.loc[is_float & integral.reindex(raw.index, fill_value=False)] = n[integral].astype(np.int64).astype(str)
        out.loc[k.number] = txt
    if k.datetime.any():
        out.loc[k.datetime] = pd.to_datetime(s[k.datetime].astype(object).tolist()).strftime("%d/%m/%Y")
    if k.boolean.any():
        out.loc[k.boolean] = s[k.boolean].map({True: "Có", False: "Không"})
    if k.other.any():
        out.loc[k.other] = s[k.other].astype(str)
    return out, k


def parse_text(s: pd.Series) -> Parsed:
    """Đọc một cột chữ hoặc mã: số nguyên thành chữ số (``123`` → ``'123'``), ngày thành dd/mm/yyyy.

    >>> list(parse_text(pd.Series([" X01-H0001 ", 123, 4.0, None])).values)
    ['X01-H0001', '123', '4', <NA>]
    """
    out, k = _as_text(s)
    return Parsed(out, _false(s.index), _false(s.index))


def code_lookup(codes: Sequence[str]) -> dict[str, str]:
    """Bảng tra dạng rút gọn → giá trị chuẩn (bỏ các dạng rút gọn trùng nhau)."""
    folded: dict[str, list[str]] = {}
    for c in codes:
        folded.setdefault(fold(c), []).append(c)
    return {f: cs[0] for f, cs in folded.items() if len(cs) == 1}


def parse_codes(s: pd.Series, codes: Sequence[str]) -> Parsed:
    """Đọc một cột chọn trong danh sách ``codes``: đúng hệt, hoặc viết khác dấu/hoa thường (→ đã sửa).

    >>> p = parse_codes(pd.Series(["Nữ", "nu", "NAM", "Nũ", "Khác"]), ("Nam", "Nữ"))
    >>> list(p.values), list(p.error), list(p.corrected)
    (['Nữ', 'Nữ', 'Nam', 'Nữ', <NA>], [False, False, False, False, True], [False, True, True, True, False])
    """
    text, _ = _as_text(s)
    filled = text.notna()
    exact = text.isin(list(codes)) & filled
    lookup = code_lookup(codes)
    mapped = pd.Series(pd.NA, index=text.index, dtype="string")
    todo = filled & ~exact
    if todo.any():
        mapped.loc[todo] = fold_series(text[todo]).map(lookup).astype("string")
    folded_ok = filled & ~exact & mapped.notna()
    out = text.where(exact, mapped).astype("string")
    error = (filled & ~exact & ~folded_ok).astype(bool)
    out.loc[error] = pd.NA
    return Parsed(out, error, folded_ok.astype(bool))
