"""Kiểm tra giữa các dòng và giữa các bảng: mã trùng, mã tham chiếu, người có thể bị nhập hai lần.

All checks are vectorised (``duplicated``, ``groupby``, ``isin``); a ``Problem``
is built only for the rows that have one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..problems import Problem
from ..schema import MODEL_SUBJECTS, SCHEMA, Table
from ..textnorm import fold_series
from .cells import TableResult, show_value

__all__ = ["check_keys", "check_references", "check_possible_duplicates"]


def _problem(res: TableResult, name: str, row: int, code: str, value: str, message: str, fix: str) -> Problem:
    header, letter = res.column_label(name)
    return Problem(file=res.layout.sheet.file, sheet=res.sheet, row=int(row), column=header, column_letter=letter,
                   value=value, code=code, message=message, fix=fix)


def _duplicates(res: TableResult, cols: tuple[str, ...], what: str) -> list[Problem]:
    v = res.values
    if not set(cols) <= set(v.columns) or v.empty:
        return []
    keys = v[list(cols)]
    complete = keys.notna().all(axis=1)
    keys = keys[complete]
    dup = keys.duplicated(keep="first")
    if not dup.any():
        return []
    rows = pd.Series(keys.index, index=keys.index)
    first = rows.groupby([keys[c] for c in cols], dropna=False, sort=False).transform("min")
    headers = [res.column_label(c)[0] for c in cols]
    label = " + ".join(f"'{h}'" for h in headers)
    out = []
    for r in dup.index[dup.to_numpy()]:
        shown = ", ".join(show_value(keys.at[r, c]) for c in cols)
        out.append(_problem(
            res, cols[0], r, "duplicate_key", shown,
            f"{label} = '{shown}' trùng với dòng {int(first.at[r])}.",
            f"Mỗi {what} chỉ được có một dòng: xóa dòng trùng hoặc sửa lại cho đúng."))
    return out


def check_keys(res: TableResult) -> list[Problem]:
    """Khóa chính và các ràng buộc không trùng của một bảng."""
    t = res.table
    probs = _duplicates(res, t.key, "mã" if len(t.key) == 1 else "bộ giá trị này")
    for u in t.unique:
        probs += _duplicates(res, u, "bộ giá trị này")
    return probs


def check_possible_duplicates(res: TableResult) -> list[Problem]:
    """Nhân khẩu có thể bị nhập hai lần: cùng họ tên (bỏ dấu), ngày sinh và hộ, nhưng khác mã."""
    if res.table.name != "persons":
        return []
    need = ["person_id", "full_name", "birth_date", "household_id"]
    v = res.values
    if not set(need) <= set(v.columns) or v.empty:
        return []
    v = v[need].dropna()
    v = v.assign(_name=fold_series(v["full_name"]))
    v = v.drop_duplicates(["person_id"])
    grp = ["_name", "birth_date", "household_id"]
    dup = v.duplicated(grp, keep="first")
    if not dup.any():
        return []
    rows = pd.Series(v.index, index=v.index)
    first = rows.groupby([v[c] for c in grp], sort=False).transform("min")
    out = []
    for r in dup.index[dup.to_numpy()]:
        f = int(first.at[r])
        out.append(_problem(
            res, "full_name", r, "possible_duplicate", show_value(v.at[r, "full_name"]),
            f"Có thể là cùng một người với dòng {f}: trùng họ tên, ngày sinh và hộ nhưng khác mã nhân khẩu "
            f"('{v.at[r, 'person_id']}' và '{v.at[f, 'person_id']}').",
            "Kiểm tra lại: nếu là một người thì xóa dòng nhập lại và dùng một mã; nếu là hai người thì bỏ qua "
            "cảnh báo này."))
    return out


def _ids(results: dict[str, TableResult], table: str, column: str) -> pd.Index:
    res = results.get(table)
    if res is None or column not in res.values:
        return pd.Index([], dtype=object)
    return pd.Index(res.values[column].dropna().to_numpy(dtype=object)).unique()


def _unknown(vals: pd.Series, ids: pd.Index) -> pd.Series:
    """Filled cells of ``vals`` whose value is not in ``ids`` (each distinct value looked up once)."""
    codes, uniques = pd.factorize(vals.to_numpy(dtype=object), use_na_sentinel=True)
    bad_u = ~pd.Index(uniques, dtype=object).isin(ids)
    return pd.Series(np.append(bad_u, False)[codes], index=vals.index)


def check_references(results: dict[str, TableResult]) -> list[Problem]:
    """Mã tham chiếu sang bảng khác (ví dụ 'Mã hộ' của nhân khẩu) phải có trong bảng đó."""
    probs: list[Problem] = []
    for name, res in results.items():
        t: Table = res.table
        for c in t.columns:
            if not c.references or c.name not in res.values:
                continue
            tname, _, tcol = c.references.partition(".")
            target = SCHEMA[tname]
            vals = res.values[c.name]
            bad = _unknown(vals, _ids(results, tname, tcol))
            where = f"trang '{target.sheet}'" + ("" if tname in results else " (tệp không có trang này)")
            for r in bad.index[bad.to_numpy()]:
                probs.append(_problem(
                    res, c.name, r, "bad_reference", str(vals.at[r]),
                    f"'{vals.at[r]}' không có trong cột '{target.column(tcol).header}' của {where}.",
                    f"Sửa lại mã cho đúng, hoặc thêm dòng có mã này vào trang '{target.sheet}'."))
        if {"model", "subject_id"} <= set(res.values.columns):
            v = res.values
            for model, (tname, tcol) in MODEL_SUBJECTS.items():
                target = SCHEMA[tname]
                bad = (v["model"] == model).fillna(False).astype(bool)
                bad &= _unknown(v["subject_id"], _ids(results, tname, tcol))
                for r in bad.index[bad.to_numpy()]:
                    probs.append(_problem(
                        res, "subject_id", r, "bad_reference", str(v.at[r, "subject_id"]),
                        f"'{v.at[r, 'subject_id']}' không có trong cột '{target.column(tcol).header}' của trang "
                        f"'{target.sheet}' (mô hình '{model}' cần mã ở trang đó).",
                        f"Sửa lại mã đối tượng cho đúng với mô hình '{model}'."))
    return probs
