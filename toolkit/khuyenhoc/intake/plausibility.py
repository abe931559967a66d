"""Kiểm tra dữ liệu có hợp lý không: ngày không ở tương lai, tuổi trong khoảng của con người, sự việc sau ngày
sinh, mã chỉ số có trong bộ tiêu chí, số tiền không lớn bất thường.

The rules are data (``khuyenhoc.schema.RULES``); this module only runs them, one
vectorised pass per rule over the typed tables (``TableResult.values``), and
builds a located ``Problem`` (sheet, row, column, value, why, how to fix) for
each row that breaks one. The "data as of" date is the one written on the
workbook's first sheet ("Số liệu tính đến ngày"); without it, today.

Ví dụ::

    >>> from khuyenhoc.schema import RULES
    >>> sorted({r.kind for r in RULES})[:3]
    ['after_birth', 'age', 'before_departure']
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..problems import Problem
from ..schema import RULES, SCHEMA, Rule
from .cells import TableResult, show_value

__all__ = ["check_plausibility", "check_evidence_paths", "evidence_path_escapes", "as_of_date", "AS_OF_LABEL",
           "catalogue_indicators"]

#: Label of the "data as of" row on the workbook's first sheet (written by ``khuyenhoc.workbook``).
AS_OF_LABEL = "Số liệu tính đến ngày"

_CODE = {"not_future": "future_date", "age": "implausible_age", "order": "date_order",
         "after_birth": "before_birth", "before_departure": "after_departure", "in_catalogue": "unknown_indicator",
         "bound": "implausible_amount"}


def as_of_date(sheets) -> tuple[pd.Timestamp, bool]:
    """(ngày số liệu của sổ, có ghi trong sổ không): ô cạnh 'Số liệu tính đến ngày' ở trang đầu, nếu có.

    >>> as_of_date([])[1]
    False
    """
    from ..textnorm import fold

    label = fold(AS_OF_LABEL)
    for sh in sheets:
        if sh.is_csv or fold(sh.name) != fold("Giới thiệu"):
            continue
        head, _ = sh.head(30)
        for _, row in head.iterrows():
            vals = [v for v in row.tolist() if v is not None and not (isinstance(v, float) and np.isnan(v))]
            if len(vals) >= 2 and isinstance(vals[0], str) and fold(vals[0]) == label:
                v = vals[1]
                if isinstance(v, (dt.date, pd.Timestamp)):
                    return pd.Timestamp(v).normalize(), True
                from ..parsing import parse_dates

                parsed = parse_dates(pd.Series([str(v)], dtype=object))
                if not parsed.error.iloc[0] and pd.notna(parsed.values.iloc[0]):
                    return pd.Timestamp(parsed.values.iloc[0]).normalize(), True
    return pd.Timestamp(dt.date.today()), False


@lru_cache(maxsize=1)
def catalogue_indicators() -> dict[str, frozenset[str]]:
    """Mô hình → mọi mã chỉ số của các bộ tiêu chí đang có (có sẵn và do người dùng thêm).

    >>> "CDHT-1.1" in catalogue_indicators()["Công dân học tập"]
    True
    """
    from ..catalogues import get_catalogue, list_catalogues

    out: dict[str, set[str]] = {}
    for cid, model in list_catalogues()[["id", "model"]].itertuples(index=False):
        out.setdefault(model, set()).update(i.id for _, i in get_catalogue(cid).indicators())
    return {k: frozenset(v) for k, v in out.items()}


def _problem(res: TableResult, name: str, row: int, code: str, value: object, message: str, fix: str,
             severity: str) -> Problem:
    header, letter = res.column_label(name)
    return Problem(file=res.layout.sheet.file, sheet=res.sheet, row=int(row), column=header, column_letter=letter,
                   value=show_value(value), code=code, message=message, fix=fix, severity=severity)


def _rows(res: TableResult, rule: Rule) -> pd.DataFrame | None:
    v = res.values
    if rule.column not in v.columns or v.empty:
        return None
    for col, allowed in rule.when:
        if col not in v.columns:
            return None
        v = v[v[col].isin(list(allowed)).fillna(False).to_numpy(dtype=bool)]
    return v


def _as_time(s: pd.Series) -> pd.Series:
    """A date column as it is; a year column as 1 January of that year (for comparisons with a date)."""
    if pd.api.types.is_datetime64_any_dtype(s):
        return s
    years = pd.to_numeric(s, errors="coerce").astype("Float64")
    ok = years.between(1, 9999).fillna(False)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    if ok.any():
        out[ok] = pd.to_datetime(years[ok].astype(int).astype(str) + "-01-01", errors="coerce")
    return out


def _is_year(res: TableResult, column: str) -> bool:
    return res.table.column(column).type.value == "year"


def _follow(results: dict[str, TableResult], res: TableResult, rule: Rule, rows: pd.DataFrame) -> tuple[pd.Series, str]:
    """Key of the row reached by following ``rule.via`` from each row; and that row's table."""
    first = rule.via[0]
    table = rule.via_table or res.table.column(first).references.partition(".")[0]
    unknown = pd.Series(pd.NA, index=rows.index, dtype="string")
    if first not in rows.columns:  # a broken header: that column's problem is already reported
        return unknown, table
    keys = rows[first]
    for hop in rule.via[1:]:
        lookup = _lookup(results, table, hop)
        if lookup is None:
            return unknown, table
        keys = keys.map(lookup)
        table = SCHEMA[table].column(hop).references.partition(".")[0]
    return keys, table


def _lookup(results: dict[str, TableResult], table: str, column: str) -> pd.Series | None:
    """``column`` of ``table`` by the table's key; None when the table or either column was not read."""
    target = results.get(table)
    key = list(SCHEMA[table].key)
    if target is None or not {*key, column} <= set(target.values.columns):
        return None
    return target.values.drop_duplicates(key).set_index(key[0])[column]


def _births(results: dict[str, TableResult]) -> pd.Series | None:
    p = results.get("persons")
    if p is None or not {"person_id", "birth_date"} <= set(p.values.columns):
        return None
    return p.values.drop_duplicates("person_id").set_index("person_id")["birth_date"]


def _last_years(results: dict[str, TableResult]) -> pd.Series | None:
    """Person → last year in the yearly register, for people who died or moved away."""
    p, py = results.get("persons"), results.get("person_years")
    if p is None or py is None or not {"person_id", "residence"} <= set(p.values.columns):
        return None
    gone = p.values.loc[p.values["residence"].isin(["Đã mất", "Đã chuyển đi"]).fillna(False), "person_id"]
    pyv = py.values
    if gone.empty or not {"person_id", "year"} <= set(pyv.columns):
        return None
    sub = pyv[pyv["person_id"].isin(gone).fillna(False)]
    return sub.groupby("person_id")["year"].max()


def _date_text(v: object, year: bool) -> str:
    if v is None or v is pd.NaT or (not isinstance(v, str) and pd.isna(v)):
        return ""
    return str(int(pd.Timestamp(v).year)) if year else pd.Timestamp(v).strftime("%d/%m/%Y")


def _run(rule: Rule, results: dict[str, TableResult], as_of: pd.Timestamp, as_of_known: bool) -> list[Problem]:
    res = results.get(rule.table)
    if res is None:
        return []
    rows = _rows(res, rule)
    if rows is None or rows.empty:
        return []
    col = rows[rule.column]
    code = _CODE[rule.kind]
    header = res.table.column(rule.column).header
    out: list[Problem] = []
    when = "ngày số liệu của sổ" if as_of_known else "hôm nay"

    def emit(mask: pd.Series, message) -> None:
        m = mask.fillna(False).to_numpy(dtype=bool)
        for r in rows.index[m]:
            out.append(_problem(res, rule.column, r, code, rows.at[r, rule.column], message(r), rule.fix,
                                rule.severity))

    if rule.kind == "not_future":
        year = _is_year(res, rule.column)
        limit = as_of.year if year else as_of
        bad = (pd.to_numeric(col, errors="coerce") > limit) if year else (pd.to_datetime(col, errors="coerce") > limit)
        emit(bad, lambda r: f"{rule.why}: {show_value(rows.at[r, rule.column])} là sau {when} "
                            f"({_date_text(as_of, year)}).")
    elif rule.kind == "age":
        col = pd.to_datetime(col, errors="coerce")
        age = (as_of.year - col.dt.year) - ((col.dt.month * 100 + col.dt.day) > (as_of.month * 100 + as_of.day))
        bad = (age < rule.min) | (age > rule.max)
        emit(bad, lambda r: f"{rule.why}: sinh ngày {show_value(rows.at[r, rule.column])} thì đến "
                            f"{_date_text(as_of, False)} là {int(age.at[r])} tuổi.")
    elif rule.kind == "order":
        if rule.other not in rows.columns:
            return []
        later, earlier = _as_time(col), _as_time(rows[rule.other])
        bad = later < earlier
        other = res.column_label(rule.other)[0]
        emit(bad, lambda r: f"{rule.why}: '{header}' là {show_value(rows.at[r, rule.column])}, còn '{other}' là "
                            f"{show_value(rows.at[r, rule.other])}.")
    elif rule.kind == "after_birth":
        births = _births(results)
        if births is None:
            return []
        keys, _ = _follow(results, res, rule, rows)
        born = pd.to_datetime(keys.map(births), errors="coerce")
        year = _is_year(res, rule.column)
        if year:
            bad = pd.to_numeric(col, errors="coerce").astype("Float64") < born.dt.year.astype("Float64")
        else:
            bad = pd.to_datetime(col, errors="coerce") < born
        emit(bad, lambda r: f"{rule.why}: {show_value(rows.at[r, rule.column])}, mà người này "
                            f"('{keys.at[r]}') sinh ngày {_date_text(born.at[r], False)}.")
    elif rule.kind == "before_departure":
        last = _last_years(results)
        if last is None:
            return []
        keys, _ = _follow(results, res, rule, rows)
        final = keys.map(last).astype("Float64")
        year = _is_year(res, rule.column)
        y = (pd.to_numeric(col, errors="coerce").astype("Float64") if year
             else pd.to_datetime(col, errors="coerce").dt.year.astype("Float64"))
        bad = y > final
        emit(bad, lambda r: f"{rule.why} ({'năm' if year else 'ngày'} {show_value(rows.at[r, rule.column])}; "
                            f"người '{keys.at[r]}' có tên trong sổ theo năm đến năm {int(final.at[r])}).")
    elif rule.kind == "in_catalogue":
        known = catalogue_indicators()
        if rule.via:
            keys, table = _follow(results, res, rule, rows)
            lookup = _lookup(results, table, "model")
            if lookup is None:
                return []
            models = keys.map(lookup)
        else:
            models = rows["model"] if "model" in rows.columns else pd.Series(pd.NA, index=rows.index)
        pairs = pd.DataFrame({"m": models.astype("string"), "c": col.astype("string")}).dropna()
        if pairs.empty:
            return []
        distinct = pairs.drop_duplicates()
        ok = {(m, c): c in known.get(m, frozenset()) for m, c in distinct.itertuples(index=False)}
        flags = pd.Series([not ok[(m, c)] for m, c in pairs.itertuples(index=False)], index=pairs.index, dtype=bool)
        bad = flags.reindex(rows.index, fill_value=False)
        emit(bad, lambda r: f"{rule.why} ('{models.at[r]}').")
    elif rule.kind == "bound":
        bad = pd.to_numeric(col, errors="coerce").astype("Float64") > rule.max
        from ..vnformat import tien

        emit(bad, lambda r: f"{rule.why}: {tien(rows.at[r, rule.column])} (quá "
                            f"{tien(rule.max)}).")
    return out


def check_plausibility(results: dict[str, TableResult], as_of: pd.Timestamp | None = None, *,
                       as_of_known: bool = True) -> list[Problem]:
    """Chạy mọi quy tắc hợp lý (``schema.RULES``) trên các bảng đã đọc; trả về các vấn đề tìm thấy.

    >>> check_plausibility({})
    []
    """
    as_of = pd.Timestamp(as_of if as_of is not None else dt.date.today()).normalize()
    out: list[Problem] = []
    for rule in RULES:
        out += _run(rule, results, as_of, as_of_known)
    return out


_DRIVE = re.compile(r"^[A-Za-z]:|^[\\/]|^~")


def evidence_path_escapes(ref: str) -> bool:
    """Đường dẫn tệp minh chứng có ra ngoài thư mục minh chứng không (tuyệt đối, ổ đĩa, ``..``).

    Links (symbolic links) inside the folder are refused when the file is opened
    (``khuyenhoc.evidence``: a path that resolves outside the folder is "không có tệp").

    >>> [evidence_path_escapes(p) for p in ("a/b.pdf", "../b.pdf", "/etc/passwd", "C:/x.pdf", "a/../../b")]
    [False, True, True, True, True]
    """
    if _DRIVE.match(ref):
        return True
    parts = re.split(r"[\\/]+", ref)
    depth = 0
    for part in parts:
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return "\x00" in ref


def check_evidence_paths(results: dict[str, TableResult]) -> list[Problem]:
    """Cột 'Tệp minh chứng': đường dẫn phải nằm trong thư mục minh chứng (không tuyệt đối, không ``..``).

    >>> check_evidence_paths({})
    []
    """
    res = results.get("evidence")
    if res is None or "file" not in res.values.columns:
        return []
    files = res.values["file"].dropna()
    distinct = pd.Series(files.unique(), dtype=object)
    bad_values = {v for v in distinct if evidence_path_escapes(str(v))}
    out = []
    for r in files.index[files.isin(bad_values).to_numpy(dtype=bool)]:
        out.append(_problem(res, "file", r, "bad_evidence_path", files.at[r],
                            f"Đường dẫn '{show_value(files.at[r])}' trỏ ra ngoài thư mục minh chứng; tệp này không "
                            "được mở.", "Chép tệp vào thư mục minh chứng của xã và ghi đường dẫn tính từ thư mục đó, "
                            "ví dụ minh_chung/X01-H0001/giay_khen.pdf.", "lỗi"))
    return out
