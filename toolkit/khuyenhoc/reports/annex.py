"""Phụ lục Excel của báo cáo năm: các bảng chỉ tiêu, tiêu đề tiếng Việt, định dạng số (chỉ số liệu tổng hợp).

Ví dụ::

    >>> SHEETS[0]
    'Chỉ tiêu cấp xã'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..atomic import atomic_path
from .annual import ReportContext

__all__ = ["write_annex", "write_frame", "SHEETS", "ASSESSMENT_SHEET"]

SHEETS = ["Chỉ tiêu cấp xã", "Chỉ tiêu theo thôn", "Thôn còn thấp", "Chi quỹ khuyến học",
          "Học bổng, khen thưởng", "Chỉ tiêu phấn đấu", "Định nghĩa chỉ tiêu"]
#: Sheet added when the report context holds assessment results (aggregates per model only).
ASSESSMENT_SHEET = "Đánh giá mô hình"

INT_FMT, DEC_FMT = "#,##0", "#,##0.0"
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def _met_text(s: pd.Series) -> pd.Series:
    return s.map(lambda v: "" if v is None or v is pd.NA or pd.isna(v) else ("Đạt" if bool(v) else "Chưa đạt"))


def write_frame(wb: Workbook, title: str, df: pd.DataFrame, headers: Sequence[str], *,
                decimals: Sequence[str] = (), integers: Sequence[str] = (), row_decimal: pd.Series | None = None,
                note: str | None = None) -> None:
    """Ghi một bảng vào trang ``title``: tiêu đề in đậm, cố định dòng tiêu đề, định dạng số kiểu Excel."""
    ws = wb.create_sheet(title[:31])
    start = 1
    if note:
        ws.cell(row=1, column=1, value=note).font = Font(italic=True)
        start = 3
    for j, h in enumerate(headers, start=1):
        c = ws.cell(row=start, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    cols = list(df.columns)
    values = df.astype(object).where(df.notna(), None).to_numpy().tolist()
    dec_idx = {cols.index(c) for c in decimals if c in cols}
    int_idx = {cols.index(c) for c in integers if c in cols}
    row_dec = list(row_decimal) if row_decimal is not None else None
    for i, row in enumerate(values, start=start + 1):
        for j, v in enumerate(row):
            if hasattr(v, "item"):
                v = v.item()
            c = ws.cell(row=i, column=j + 1, value=v)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if j in dec_idx and (row_dec is None or row_dec[i - start - 1]):
                    c.number_format = DEC_FMT
                elif j in dec_idx or j in int_idx:
                    c.number_format = INT_FMT
    for j, h in enumerate(headers, start=1):
        width = max([len(str(h))] + [len(str(r[j - 1])) for r in values[:200] if r[j - 1] is not None])
        ws.column_dimensions[get_column_letter(j)].width = min(max(8, width + 2), 60)
    ws.freeze_panes = ws.cell(row=start + 1, column=1)


def _indicator_sheet(wb: Workbook, title: str, t: pd.DataFrame, note: str) -> None:
    cols = ["group_name", "indicator", "name", "unit", "unit_name", "year", "numerator", "denominator", "value",
            "target", "gap", "met", "target_plan", "target_source", "target_note"]
    heads = ["Nhóm", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Đơn vị", "Năm", "Tử số", "Mẫu số", "Giá trị",
             "Chỉ tiêu phấn đấu", "Chênh lệch", "Đánh giá", "Kế hoạch", "Nguồn chỉ tiêu", "Ghi chú"]
    df = t[cols].copy()
    df["met"] = _met_text(df["met"])
    df["year"] = df["year"].astype("Int64")
    for c in ("numerator", "denominator", "value", "target", "gap"):
        df[c] = df[c].astype("Float64").round(4)
    is_rate = (t["unit"] == "%").to_numpy()
    write_frame(wb, title, df, heads, decimals=["value", "target", "gap"], integers=["numerator", "denominator", "year"],
                row_decimal=pd.Series(is_rate), note=note)


def write_annex(ctx: ReportContext, path: str | os.PathLike) -> Path:
    """Ghi phụ lục .xlsx của báo cáo năm (các bảng chỉ tiêu); trả về đường dẫn.

    >>> callable(write_annex)
    True
    """
    wb = Workbook()
    wb.remove(wb.active)
    note = f"{ctx.commune_name} — số liệu tổng hợp năm {ctx.year}; không có thông tin cá nhân."
    _indicator_sheet(wb, SHEETS[0], ctx.history, note)
    _indicator_sheet(wb, SHEETS[1], ctx.villages, note)
    lag = ctx.lagging[["name", "unit", "unit_name", "value", "reference", "basis", "gap"]].copy()
    for c in ("value", "reference", "gap"):
        lag[c] = lag[c].astype("Float64").round(4)
    write_frame(wb, SHEETS[2], lag, ["Chỉ tiêu", "Đơn vị tính", "Thôn", "Giá trị", "Mức so sánh", "So với", "Chênh lệch"],
                decimals=["value", "reference", "gap"], note=note)
    write_frame(wb, SHEETS[3], ctx.fund_use, ["Nội dung chi", "Số khoản", "Số tiền (đồng)", "Tỷ lệ (%)"],
                integers=["payments", "amount"], decimals=["share"], note=note)
    write_frame(wb, SHEETS[4], ctx.awards_by_kind, ["Loại", "Số suất", "Giá trị (đồng)"],
                integers=["count", "amount"], note=note)
    if "assessments" in ctx.extra:
        from .assessment import OVERVIEW_HEADERS, overview

        ov = overview(ctx.extra["assessments"].results)
        write_frame(wb, ASSESSMENT_SHEET, ov, OVERVIEW_HEADERS, integers=["assessed", "met", "undecided",
                    "unset_thresholds"], decimals=["rate"],
                    note=f"{ctx.commune_name} — kết quả đánh giá theo bộ tiêu chí năm {ctx.year} (số liệu tổng hợp, "
                         "chưa phải quyết định công nhận); không có thông tin cá nhân.")
    tg = ctx.targets[["indicator", "plan_name", "year", "direction", "value", "source", "status", "note"]].copy()
    names = {d.id: d.name for d in ctx.definitions.indicators}
    tg.insert(1, "name", tg["indicator"].map(names))
    tg["status"] = tg["status"].map({"READ": "Đã đối chiếu văn bản", "example": "Ví dụ minh họa"}).fillna(tg["status"])
    write_frame(wb, SHEETS[5], tg, ["Mã chỉ tiêu", "Chỉ tiêu", "Kế hoạch", "Năm mốc", "So sánh", "Mức", "Nguồn",
                                    "Tình trạng nguồn", "Ghi chú"], decimals=["value"])
    from ..indicators import MEASURES

    d = ctx.definitions.frame()
    d["numerator"] = d["numerator"].map(lambda m: MEASURES[m].label)
    d["denominator"] = d["denominator"].map(lambda m: MEASURES[m].label if isinstance(m, str) else "")
    d["levels"] = d["levels"].map(", ".join)
    d = d[["id", "name", "group_name", "numerator", "denominator", "factor", "unit", "levels", "description"]]
    write_frame(wb, SHEETS[6], d, ["Mã", "Chỉ tiêu", "Nhóm", "Tử số", "Mẫu số", "Hệ số", "Đơn vị tính", "Cấp tính",
                                   "Ghi chú"], integers=["factor"])
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
