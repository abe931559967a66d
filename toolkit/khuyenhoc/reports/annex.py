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

__all__ = ["write_annex", "write_frame", "write_machine_sheets", "write_aggregate_annex", "machine_rows", "with_province_root", "SHEETS",
           "ASSESSMENT_SHEET", "ANNEX_FORMAT", "ANNEX_VERSION", "INFO_SHEET", "DATA_SHEET", "DATA_HEADERS"]

SHEETS = ["Chỉ tiêu cấp xã", "Chỉ tiêu theo thôn", "Thôn còn thấp", "Chi quỹ khuyến học",
          "Học bổng, khen thưởng", "Chỉ tiêu phấn đấu", "Định nghĩa chỉ tiêu"]
#: Sheet added when the report context holds assessment results (aggregates per model only).
ASSESSMENT_SHEET = "Đánh giá mô hình"

#: The machine-readable part of the annex (docs/phu-luc-tong-hop.md): what a province reads from each commune.
ANNEX_FORMAT = "khuyenhoc/phu-luc-tong-hop"
ANNEX_VERSION = "1.0"
INFO_SHEET = "Thông tin phụ lục"
DATA_SHEET = "Số liệu tổng hợp"
#: Columns of ``DATA_SHEET``, in order (Vietnamese headers → identifiers).
DATA_HEADERS = {"Mã chỉ tiêu": "indicator", "Cấp": "level", "Mã đơn vị": "unit_id", "Năm": "year",
                "Tử số": "numerator", "Mẫu số": "denominator", "Hệ số": "factor"}
_PROVINCE_ROOT = "__tinh__"

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


def with_province_root(data):
    """Dữ liệu có đơn vị cấp tỉnh (thêm một gốc tạm nếu sổ của xã không có), để tính phần của xã trong số của tỉnh.

    >>> from khuyenhoc.data import CommuneData
    >>> with_province_root(CommuneData()).admin_units["level"].tolist()
    ['tỉnh']
    """
    au = data.admin_units
    if (au["level"] == "tỉnh").any():
        return data
    au = au.copy()
    au.loc[au["level"] == "xã", "parent_id"] = _PROVINCE_ROOT
    root = pd.DataFrame({"unit_id": [_PROVINCE_ROOT], "name": ["Tỉnh"], "level": ["tỉnh"], "kind": ["tỉnh"]})
    return data.replace(admin_units=pd.concat([au, root], ignore_index=True) if len(au) else root)


def machine_rows(data, year: int, commune_id: str, definitions=None, targets=None) -> pd.DataFrame:
    """Tử số, mẫu số của mọi chỉ tiêu năm ``year``: của xã (cấp 'xã') và phần của xã trong số của tỉnh (cấp 'tỉnh').

    Only aggregates: indicator code, level, unit code (the commune's), year, numerator,
    denominator, factor — never a person.
    """
    from ..indicators import compute

    both = compute(with_province_root(data), year, ["xã", "tỉnh"], targets=targets, definitions=definitions)
    x = both[(both["level"] == "xã") & (both["unit_id"] == commune_id)]
    t = both[both["level"] == "tỉnh"].assign(unit_id=commune_id)
    out = pd.concat([x, t], ignore_index=True)[["indicator", "level", "unit_id", "year", "numerator", "denominator",
                                                 "factor"]]
    return out.reset_index(drop=True)


def write_machine_sheets(wb: Workbook, ctx) -> None:
    """Thêm hai trang máy đọc được (định dạng ``ANNEX_FORMAT`` phiên bản ``ANNEX_VERSION``) vào phụ lục."""
    import datetime as dt

    from .. import __version__

    info = wb.create_sheet(INFO_SHEET)
    rows = [("Khóa", "Giá trị"), ("Định dạng", ANNEX_FORMAT), ("Phiên bản định dạng", ANNEX_VERSION),
            ("Mã xã", ctx.commune_id), ("Tên xã", ctx.commune_name), ("Năm", int(ctx.year)),
            ("Ngày lập", dt.date.today().strftime("%d/%m/%Y")), ("Phiên bản khuyenhoc", __version__),
            ("Dữ liệu cá nhân", "Không có: chỉ có tử số, mẫu số của các chỉ tiêu")]
    for r in rows:
        info.append(list(r))
    info["A1"].font = info["B1"].font = Font(bold=True)
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 24, 60
    m = getattr(ctx, "rows", None)
    if m is None:
        m = machine_rows(ctx.data, ctx.year, ctx.commune_id, ctx.definitions, ctx.targets)
    m = m.assign(unit_id=ctx.commune_id)
    ws = wb.create_sheet(DATA_SHEET)
    ws.append(list(DATA_HEADERS))
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = HEAD_FILL
    for r in m.astype(object).where(m.notna(), None).itertuples(index=False):
        ws.append([None if v is None else (v.item() if hasattr(v, "item") else v) for v in r])
    ws.freeze_panes = "A2"


def write_aggregate_annex(data, year: int, path: str | os.PathLike, *, commune_id: str | None = None,
                          commune_name: str | None = None, rows: pd.DataFrame | None = None) -> Path:
    """Ghi riêng phần máy đọc được của phụ lục (hai trang ``INFO_SHEET``, ``DATA_SHEET``) cho một xã.

    ``rows``: the numbers already computed (``machine_rows``), e.g. to write many copies.

    >>> import tempfile, os
    >>> from khuyenhoc.data import CommuneData
    >>> p = write_aggregate_annex(CommuneData(), 2025, os.path.join(tempfile.mkdtemp(), "a.xlsx"), commune_id="X")
    >>> from openpyxl import load_workbook
    >>> load_workbook(p).sheetnames
    ['Thông tin phụ lục', 'Số liệu tổng hợp']
    """
    from types import SimpleNamespace

    from ..indicators import load_definitions

    if commune_id is None:
        communes = data.communes()
        commune_id = str(communes["unit_id"].iloc[0])
        commune_name = commune_name or str(communes["name"].iloc[0])
    ctx = SimpleNamespace(data=data, year=year, commune_id=commune_id, commune_name=commune_name or commune_id,
                          definitions=load_definitions(), targets=None, rows=rows)
    wb = Workbook()
    wb.remove(wb.active)
    write_machine_sheets(wb, ctx)
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def write_annex(ctx: ReportContext, path: str | os.PathLike) -> Path:
    """Ghi phụ lục .xlsx của báo cáo năm (các bảng chỉ tiêu); trả về đường dẫn.

    >>> import tempfile, os
    >>> from openpyxl import load_workbook
    >>> from khuyenhoc import sample
    >>> from khuyenhoc.reports import prepare
    >>> p = write_annex(prepare(sample.load("mau"), 2025), os.path.join(tempfile.mkdtemp(), "phu-luc.xlsx"))
    >>> load_workbook(p).sheetnames[:2] == SHEETS[:2]
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
    if ctx.results.assessments is not None:
        from .assessment import OVERVIEW_HEADERS

        write_frame(wb, ASSESSMENT_SHEET, ctx.results.overview, OVERVIEW_HEADERS, integers=["assessed", "met", "undecided",
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
    write_machine_sheets(wb, ctx)
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
