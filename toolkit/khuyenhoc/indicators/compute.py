"""Tính các chỉ tiêu cho mọi năm và mọi đơn vị của một cấp, so với chỉ tiêu mục tiêu.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> compute(CommuneData(), year=2025).columns.tolist()[:6]
    ['indicator', 'name', 'group', 'group_name', 'unit', 'level']
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from ..data import CommuneData
from .catalogue import Definitions, TargetsError, load_definitions, load_targets
from .hierarchy import LEVELS, ancestors
from .arithmetic import aggregate, apply_targets, choose_targets, compare, value_of
from .measures import MEASURES, Context

__all__ = ["compute", "lagging_villages", "trends", "data_years", "latest_complete_year", "COLUMNS", "COLUMN_LABELS"]

COLUMNS = [
    "indicator", "name", "group", "group_name", "unit", "level", "unit_id", "unit_name", "year",
    "numerator", "denominator", "factor", "value", "direction", "target", "target_year", "target_plan",
    "target_source", "target_status", "target_note", "gap", "met",
]

#: Vietnamese headers for the tidy table (annex, CLI, notebooks).
COLUMN_LABELS = {
    "indicator": "Mã chỉ tiêu", "name": "Chỉ tiêu", "group": "Mã nhóm", "group_name": "Nhóm",
    "unit": "Đơn vị tính", "level": "Cấp", "unit_id": "Mã đơn vị", "unit_name": "Đơn vị", "year": "Năm",
    "numerator": "Tử số", "denominator": "Mẫu số", "factor": "Hệ số", "value": "Giá trị",
    "direction": "Chiều so sánh", "target": "Mức phấn đấu", "target_year": "Năm mốc chỉ tiêu",
    "target_plan": "Kế hoạch", "target_source": "Nguồn chỉ tiêu", "target_status": "Tình trạng nguồn",
    "target_note": "Ghi chú chỉ tiêu", "gap": "Chênh lệch so với chỉ tiêu", "met": "Đạt chỉ tiêu",
}


def data_years(data: CommuneData) -> list[int]:
    """Các năm có số liệu (sổ nhân khẩu theo năm, quỹ, công nhận, lớp học).

    >>> data_years(CommuneData())
    []
    """
    years: set[int] = set(data.years())
    for tname, col in (("fund_receipts", "date"), ("fund_spending", "date"), ("classes", "start"),
                       ("awards", "date")):
        years |= {int(y) for y in data[tname][col].dt.year.dropna().unique()}
    for tname in ("recognitions", "household_years"):
        years |= {int(y) for y in data[tname]["year"].dropna().unique()}
    return sorted(years)


def _choose_targets(targets: pd.DataFrame, indicators: Iterable[str], years: Iterable[int]) -> pd.DataFrame:
    """Kept for callers of the former private helper: see :func:`arithmetic.choose_targets`."""
    return choose_targets(targets, indicators, years)


def compute(data: CommuneData, year: int | Iterable[int] | None = None, level: str | Iterable[str] = "xã", *,
            indicators: Iterable[str] | None = None, targets: pd.DataFrame | str | None = None,
            definitions: Definitions | None = None) -> pd.DataFrame:
    """Tính các chỉ tiêu ở một cấp (``"thôn"``, ``"xã"`` hoặc ``"tỉnh"``) cho một năm hoặc mọi năm.

    Trả về bảng gọn (mỗi dòng = chỉ tiêu × đơn vị × năm) với tử số, mẫu số, giá
    trị, chỉ tiêu mục tiêu, chênh lệch (``gap``, dương là vượt) và ``met`` (đạt hay không).
    ``targets``: bảng từ ``load_targets`` hoặc đường dẫn tệp YAML/CSV; mặc định các
    chỉ tiêu quốc gia và ví dụ kế hoạch địa phương. ``level`` có thể là một danh sách cấp,
    ví dụ ``["xã", "tỉnh"]``: các đại lượng chỉ tính một lần rồi cộng lên từng cấp.

    >>> from khuyenhoc.data import CommuneData
    >>> compute(CommuneData(), year=2025, level="thôn").empty
    True
    """
    levels = [level] if isinstance(level, str) else list(level)
    for lv in levels:
        if lv not in LEVELS:
            raise ValueError(f"Cấp '{lv}' không hợp lệ; chọn một trong: {', '.join(LEVELS)}.")
    definitions = definitions or load_definitions()
    if targets is None or isinstance(targets, (str,)) or hasattr(targets, "__fspath__"):
        targets = load_targets(targets, definitions)
    if year is None:
        years = data_years(data)
    elif isinstance(year, (int, np.integer)):
        years = [int(year)]
    else:
        years = sorted(int(y) for y in year)
    wanted = None
    if indicators is not None:
        wanted = list(indicators)
        unknown = set(wanted) - {d.id for d in definitions.indicators}
        if unknown:
            raise TargetsError(f"Không có chỉ tiêu mã: {', '.join(sorted(unknown))}.")
    ctx = Context(data, years) if years else None
    raw: dict[str, pd.DataFrame] = {}  # measures per (year, unit): the same for every level
    anc = ancestors(data.admin_units)
    parts = []
    for lv in levels:
        defs = [d for d in definitions.indicators if lv in d.levels and (wanted is None or d.id in wanted)]
        t = _compute_level(data, years, lv, defs, ctx, raw, anc, targets, definitions)
        if t is not None:
            parts.append(t)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def _compute_level(data: CommuneData, years: list[int], level: str, defs: list, ctx: Context | None,
                   raw: dict[str, pd.DataFrame], anc: pd.DataFrame, targets: pd.DataFrame,
                   definitions: Definitions) -> pd.DataFrame | None:
    au = data.admin_units
    units = au[au["level"] == level][["unit_id", "name"]].drop_duplicates("unit_id")
    if not defs or units.empty or not years:
        return None
    needed = {m for d in defs for m in (d.numerator, d.denominator) if m}
    for m in sorted(needed - set(raw)):
        raw[m] = MEASURES[m].func(ctx)
    values: dict[str, pd.DataFrame] = {m: aggregate(raw[m], anc, level, MEASURES[m].aggregation)
                                       for m in sorted(needed)}

    grid = units.merge(pd.DataFrame({"year": pd.array(years, dtype="Int64")}), how="cross")
    grid = grid.rename(columns={"name": "unit_name"})
    # every (unit, year, indicator) at once: two merges with the long table of measures instead of two per indicator
    spec = pd.DataFrame({
        "indicator": [d.id for d in defs], "name": [d.name for d in defs], "group": [d.group for d in defs],
        "group_name": [definitions.group_name(d.group) for d in defs], "unit": [d.unit for d in defs],
        "level": level, "factor": [float(d.factor) if d.denominator else 1.0 for d in defs],
        "direction": [d.direction for d in defs], "_order": np.arange(len(defs)),
        "_num": [d.numerator for d in defs], "_den": [d.denominator or None for d in defs],
    })
    long = pd.concat([v.assign(_m=m) for m, v in values.items()], ignore_index=True)
    long = long.astype({"_m": "string", "unit_id": "string"})
    f = grid.astype({"unit_id": "string"}).merge(spec, how="cross")
    f["_num"] = f["_num"].astype("string")
    f["_den"] = f["_den"].astype("string")
    f = f.merge(long.rename(columns={"_m": "_num", "value": "numerator"}), on=["_num", "unit_id", "year"], how="left")
    f = f.merge(long.rename(columns={"_m": "_den", "value": "denominator"}), on=["_den", "unit_id", "year"],
                how="left")
    has_den = f["_den"].notna()
    # a unit with no row for a measure has none of it (0), except where the indicator has no denominator at all
    f["numerator"] = f["numerator"].astype("Float64").fillna(0)
    f["denominator"] = f["denominator"].astype("Float64").fillna(0).where(has_den, pd.NA).astype("Float64")
    f["value"] = value_of(f["numerator"], f["denominator"], f["factor"])
    out = apply_targets(f.drop(columns=["_num", "_den"]), targets)
    out = out.sort_values(["_order", "unit_id", "year"], kind="stable").reset_index(drop=True)
    return out[COLUMNS]


def trends(data: CommuneData, level: str = "xã", *, indicators: Iterable[str] | None = None,
           unit_id: str | None = None, **kw) -> pd.DataFrame:
    """Giá trị các chỉ tiêu qua các năm (bảng rộng: mỗi năm một cột).

    >>> from khuyenhoc.data import CommuneData
    >>> trends(CommuneData()).empty
    True
    """
    t = compute(data, None, level, indicators=indicators, **kw)
    if unit_id is not None:
        t = t[t["unit_id"] == unit_id]
    if t.empty:
        return pd.DataFrame()
    order = {k: i for i, k in enumerate(dict.fromkeys(t["indicator"]))}
    w = t.pivot(index=["indicator", "name", "unit", "unit_id", "unit_name"], columns="year", values="value")
    w = w.reset_index()
    w = w.sort_values(["indicator"], key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    w.columns.name = None
    return w


def lagging_villages(data: CommuneData, year: int, *, indicators: Iterable[str] | None = None,
                     commune_id: str | None = None, villages: pd.DataFrame | None = None,
                     communes: pd.DataFrame | None = None, **kw) -> pd.DataFrame:
    """Các thôn chưa đạt: dưới chỉ tiêu mục tiêu, hoặc (chỉ tiêu chưa có mục tiêu) thấp hơn mức chung của xã.

    Trả về bảng: chỉ tiêu, thôn, giá trị, mức so sánh (``reference``), loại so sánh
    (``basis``) và chênh lệch (``gap``, âm là còn thiếu), xếp từ thôn thiếu nhiều nhất.
    ``villages`` / ``communes``: bảng ``compute`` cấp thôn / cấp xã đã tính (để không tính lại).

    >>> from khuyenhoc.data import CommuneData
    >>> lagging_villages(CommuneData(), 2025).empty
    True
    """
    cols = ["indicator", "name", "unit", "commune_id", "unit_id", "unit_name", "year", "value",
            "reference", "basis", "gap"]
    v = compute(data, year, "thôn", indicators=indicators, **kw) if villages is None else \
        villages[villages["year"] == year].copy()
    if indicators is not None and villages is not None:
        v = v[v["indicator"].isin(list(indicators))]
    if v.empty:
        return pd.DataFrame(columns=cols)
    anc = ancestors(data.admin_units)
    v["commune_id"] = v["unit_id"].map(anc["xã"]).astype("string")
    if commune_id is not None:
        v = v[v["commune_id"] == commune_id]
    ratio = v["unit"].eq("%") | v["unit"].str.contains("/", regex=False)
    v = v[ratio].copy()
    x = compute(data, year, "xã", indicators=list(v["indicator"].unique()), **kw) if communes is None else \
        communes[(communes["year"] == year) & communes["indicator"].isin(list(v["indicator"].unique()))]
    x = x[["indicator", "unit_id", "year", "value"]].rename(columns={"unit_id": "commune_id", "value": "commune_value"})
    v = v.merge(x, on=["indicator", "commune_id", "year"], how="left")
    has_target = v["target"].notna()
    v["reference"] = v["target"].where(has_target, v["commune_value"]).astype("Float64")
    v["basis"] = np.where(has_target, "chỉ tiêu", "mức chung của xã")
    v["gap"], met = compare(v["value"], v["reference"], v["direction"])
    lag = v[(met == False).fillna(False).to_numpy(dtype=bool)]  # noqa: E712 (missing values are not "lagging")
    return lag.sort_values(["indicator", "gap"], kind="stable")[cols].reset_index(drop=True)


def latest_complete_year(data: CommuneData) -> int | None:
    """Năm gần nhất đã có số liệu cả năm (có khoản ghi từ tháng 12 trở đi), để làm báo cáo năm.

    A year whose latest dated record is before 1 December is still running.

    >>> latest_complete_year(CommuneData()) is None
    True
    """
    years = data_years(data)
    if not years:
        return None
    last = pd.NaT
    for tname, col in (("fund_receipts", "date"), ("fund_spending", "date"), ("classes", "start"),
                       ("awards", "date"), ("trainings", "date"), ("recognitions", "decision_date")):
        m = data[tname][col].max()
        if pd.notna(m) and (pd.isna(last) or m > last):
            last = m
    if pd.isna(last):
        return years[-1]
    complete = [y for y in years if pd.Timestamp(f"{y}-12-01") <= last]
    return complete[-1] if complete else years[-1]
