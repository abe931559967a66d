"""Đọc và kiểm tra sổ sách của xã (tệp Excel .xlsx hoặc thư mục các tệp CSV).

``read(path)`` trả về ``CommuneData`` nếu dữ liệu không có lỗi, nếu có thì báo
``IntakeError`` kèm danh sách đầy đủ các vấn đề. ``check(path)`` trả về cả dữ liệu
(hoặc ``None`` khi có lỗi) và danh sách vấn đề, không báo lỗi.

What is accepted:

- an ``.xlsx`` workbook, one sheet per table, the sheet named like the table's
  Vietnamese name (``Nhân khẩu``), its CSV name (``persons``) or a known alias,
  in any case and with or without diacritics; or a folder of ``<table>.csv`` files
  (or files named like the sheets), UTF-8 with or without BOM, separated by
  commas, semicolons or tabs; a single ``.csv`` file is read as one table;
- the sheets "Giới thiệu", "Hướng dẫn" and "Danh mục" of the template are skipped;
  any other unknown sheet is reported (``unknown_sheet``, warning) and skipped;
- the header row may be any of the first 10 rows (title rows above it are fine);
- tables ``REQUIRED_TABLES`` must be present (``missing_sheet``, error); any
  other absent table is read as empty.

Severities: "lỗi" (the data cannot be used until fixed), "cảnh báo" (probably
wrong, to check) and "đã sửa" (understood after a correction, e.g. a date typed
as text). Only "lỗi" stops ``read``. The input is never modified.

Ví dụ::

    >>> from khuyenhoc.intake import check
    >>> data, problems = check("khong_co_tep.xlsx")
    >>> data is None, problems[0].code
    (True, 'bad_file')
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..data import CommuneData, coerce
from ..problems import IntakeError, Problem, has_errors, sort_problems
from ..schema import SCHEMA
from .cells import TableResult, parse_table
from .headers import IGNORED_SHEETS, is_ignored, match_sheet, read_layout
from .plausibility import as_of_date, check_evidence_paths, check_plausibility
from .relations import check_keys, check_possible_duplicates, check_references
from .sources import RawSheet, load_source

__all__ = ["read", "check", "REQUIRED_TABLES", "IGNORED_SHEETS"]

#: Tables without which the commune's data makes no sense.
REQUIRED_TABLES = ("admin_units", "households", "persons")


def _filled(g: pd.DataFrame) -> bool:
    """Whether a grid has a cell that is not empty (text holding only spaces counts as empty)."""
    for c in g.columns:
        col = g[c]
        arr = col.to_numpy(dtype=object)
        filled = pd.notna(arr)
        if not filled.any():
            continue
        text = col.map(type).isin([str]).to_numpy(dtype=bool) if col.dtype == object else np.zeros(len(col), bool)
        if (filled & ~text).any():
            return True
        if text.any() and (col[text].str.strip() != "").any():
            return True
    return False


def _has_cells(sheet: RawSheet) -> bool:
    head, whole = sheet.head()
    if _filled(head):
        return True
    return False if whole else _filled(sheet.grid)


def _sheet_problems(sheets: list[RawSheet]) -> tuple[dict[str, RawSheet], list[Problem]]:
    chosen: dict[str, RawSheet] = {}
    probs: list[Problem] = []
    for sh in sheets:
        if is_ignored(sh.name):
            continue
        table, exact = match_sheet(sh.name)
        if table is None:
            if not _has_cells(sh):
                continue  # an empty "Sheet1" is harmless
            names = ", ".join(f"'{t.sheet}'" for t in SCHEMA)
            probs.append(Problem(
                file=sh.file, sheet=sh.name, code="unknown_sheet",
                message=f"{'Tệp' if sh.is_csv else 'Trang'} '{sh.name}' không ứng với bảng nào của mô hình dữ liệu "
                        "nên được bỏ qua.",
                fix=f"Nếu đây là dữ liệu cần đọc, đổi tên cho đúng một trong các trang: {names}."))
            continue
        if not _has_cells(sh):
            continue  # an emptied sheet is an absent table (a required one is reported below)
        if table.name in chosen:
            probs.append(Problem(
                file=sh.file, sheet=sh.name, code="unknown_sheet",
                message=f"Trang này cũng là bảng '{table.sheet}', đã đọc ở trang '{chosen[table.name].name}', "
                        "nên được bỏ qua.",
                fix="Gộp dữ liệu vào một trang rồi xóa trang thừa."))
            continue
        chosen[table.name] = sh
        if not exact:
            probs.append(Problem(
                file=sh.file, sheet=sh.name, code="header_variant",
                message=f"Trang '{sh.name}' được hiểu là bảng '{table.sheet}'.",
                fix=f"Nên đổi tên trang thành '{table.sheet}' cho đúng mẫu."))
    return chosen, probs


def _read_all(path: str | Path, as_of=None) -> tuple[dict[str, TableResult], list[Problem], list[RawSheet]]:
    sheets, problems = load_source(path)
    # the template's own sheets (Giới thiệu, Hướng dẫn, Danh mục) may be hidden: that is by design
    problems = [p for p in problems if not (p.code == "hidden_sheet" and p.sheet and is_ignored(p.sheet))]
    if not sheets:
        return {}, problems, sheets
    chosen, probs = _sheet_problems(sheets)
    problems += probs
    is_csv = sheets[0].is_csv
    for tname in REQUIRED_TABLES:
        if tname not in chosen:
            t = SCHEMA[tname]
            where = f"tệp '{t.csv_name}'" if is_csv else f"trang '{t.sheet}'"
            problems.append(Problem(
                file=str(path), sheet=None, code="missing_sheet",
                message=f"Không có {where} (bảng bắt buộc: {t.description.rstrip('.')}).",
                fix=f"Thêm {where} theo mẫu (lệnh: khuyenhoc template mau.xlsx)."))
    results: dict[str, TableResult] = {}
    for t in SCHEMA:
        if t.name not in chosen:
            continue
        sheet = chosen[t.name]
        layout = read_layout(t, sheet)
        res = parse_table(layout)
        sheet.release()  # the raw cells are no longer needed once the table is typed
        res.problems = layout.problems + res.problems + check_keys(res) + check_possible_duplicates(res)
        results[t.name] = res
        problems += res.problems
    problems += check_references(results)
    if as_of is None:
        as_of, known = as_of_date(sheets)
    else:
        as_of, known = pd.Timestamp(as_of), True
    problems += check_plausibility(results, as_of, as_of_known=known)
    problems += check_evidence_paths(results)
    return results, problems, sheets


def check(path: str | Path, *, as_of=None) -> tuple[CommuneData | None, list[Problem]]:
    """Đọc và kiểm tra tệp/thư mục ``path``; trả về (dữ liệu hoặc None nếu có lỗi, danh sách vấn đề).

    Problems are sorted by sheet (workbook order), row and column. ``as_of``: the
    date the figures run to (default: the one written on the workbook's first
    sheet, "Số liệu tính đến ngày"; without it, today); dates after it are errors.

    >>> from khuyenhoc.intake import check
    >>> data, problems = check("khong_co_tep.xlsx")
    >>> data is None
    True
    """
    results, problems, sheets = _read_all(path, as_of)
    problems = sort_problems(problems, [s.name for s in sheets])
    if has_errors(problems):
        return None, problems
    tables = {}
    for name in list(results):  # one table at a time, so that two copies of the data never coexist
        tables[name] = coerce(SCHEMA[name], results.pop(name).values)
    return CommuneData(tables, coerce_types=False), problems


def read(path: str | Path, *, as_of=None) -> CommuneData:
    """Đọc dữ liệu của xã từ tệp .xlsx hoặc thư mục CSV; báo ``IntakeError`` nếu có lỗi.

    >>> from khuyenhoc.intake import read
    >>> from khuyenhoc.problems import IntakeError
    >>> try:
    ...     read("khong_co_tep.xlsx")
    ... except IntakeError as e:
    ...     print(e.problems[0].message)
    Không tìm thấy tệp hoặc thư mục này.
    """
    data, problems = check(path, as_of=as_of)
    if data is None:
        raise IntakeError(problems)
    return data
