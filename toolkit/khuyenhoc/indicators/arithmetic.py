"""Phép tính chỉ tiêu dùng chung: giá trị, chênh lệch, đạt/chưa đạt theo chiều so sánh, cộng dồn lên cấp trên.

The one indicator arithmetic of the toolkit (DHIS2's model): an indicator is
``numerator / denominator × factor`` (or the numerator alone when it has no
denominator); numerators and denominators are *measures* whose aggregation up
the hierarchy is declared with the measure (``Measure.aggregation``, today
``"sum"`` for all of them); an indicator is never averaged up the tree — its
numerator and denominator are aggregated, then divided again. A target has a
direction (``">="``: at least, ``"<="``: at most); the gap is positive when the
target is passed, and ``met`` is missing (``<NA>``) when there is no target or no
value. ``compute`` (xã, thôn), the lagging-village list, the province roll-up and
the charts all call these functions, so they agree.

Ví dụ::

    >>> import pandas as pd
    >>> t = pd.DataFrame({"indicator": ["a", "a"], "year": [2025, 2025], "numerator": [3.0, 1.0],
    ...                   "denominator": [10.0, 10.0], "factor": [100.0, 100.0]})
    >>> roll_up(t)["value"].tolist()   # (3 + 1) / (10 + 10) × 100, not the mean of 30 % and 10 %
    [20.0]
    >>> gap, met = compare(pd.Series([20.0]), pd.Series([25.0]), pd.Series(["<="]))
    >>> float(gap[0]), bool(met[0])
    (5.0, True)
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = ["TOLERANCE", "AGGREGATIONS", "value_of", "compare", "attainment", "aggregate", "roll_up",
           "choose_targets", "apply_targets"]

#: Two values closer than this count as equal when deciding "met" (floating point noise).
TOLERANCE = 1e-9

#: How a measure is carried up the hierarchy (thôn → xã → tỉnh), by name as written in the data.
AGGREGATIONS = {"sum": "sum", "max": "max", "min": "min"}

TARGET_COLUMNS = ["indicator", "year", "target", "target_direction", "target_year", "target_plan",
                  "target_source", "target_status", "target_note"]


def _floats(x) -> pd.Series:
    s = x if isinstance(x, pd.Series) else pd.Series(x)
    return s.astype("Float64")


def value_of(numerator, denominator, factor=1.0) -> pd.Series:
    """Giá trị chỉ tiêu: tử số / mẫu số × hệ số; không có mẫu số (``<NA>``) thì là tử số; mẫu số 0 thì trống.

    >>> value_of(pd.Series([1.0, 5.0, 2.0]), pd.Series([4.0, None, 0.0]), 100).tolist()
    [25.0, 5.0, <NA>]
    """
    num = _floats(numerator).reset_index(drop=True)
    den = _floats(denominator).reset_index(drop=True)
    fac = _floats(factor if np.ndim(factor) else [factor] * len(num)).reset_index(drop=True)
    ratio = num / den.where(den != 0) * fac
    out = ratio.where(den.notna(), num)
    if isinstance(numerator, pd.Series):
        out.index = numerator.index
    return out.astype("Float64")


def compare(value, target, direction) -> tuple[pd.Series, pd.Series]:
    """Chênh lệch so với mức phấn đấu (dương là vượt, theo chiều ``direction``) và đạt hay không.

    ``direction`` ``">="``: càng cao càng tốt; ``"<="``: càng thấp càng tốt. Thiếu giá trị
    hoặc thiếu mức phấn đấu thì chênh lệch và ``met`` đều trống (``<NA>``), không coi là 0.

    >>> gap, met = compare(pd.Series([50.0, None, 80.0]), pd.Series([70.0, 70.0, None]), ">=")
    >>> gap.tolist(), met.tolist()
    ([-20.0, <NA>, <NA>], [False, <NA>, <NA>])
    """
    v = _floats(value)
    t = _floats(target)
    t.index = v.index
    d = direction if isinstance(direction, pd.Series) else pd.Series([direction] * len(v))
    sign = np.where(d.astype("string").to_numpy() == "<=", -1.0, 1.0)
    gap = ((v - t) * sign).astype("Float64")
    met = (gap >= -TOLERANCE).astype("boolean")
    met[gap.isna()] = pd.NA
    return gap, met


def attainment(value, target, direction) -> pd.Series:
    """Mức đạt so với mức phấn đấu, tính bằng % (100 là vừa đạt), theo chiều so sánh; trống khi thiếu số.

    For ``"<="`` (lower is better) it is target / value: half the allowed value is 200 %.

    >>> attainment(pd.Series([35.0, 10.0, None]), pd.Series([70.0, 20.0, 5.0]), pd.Series([">=", "<=", ">="])).tolist()
    [50.0, 200.0, <NA>]
    """
    v = _floats(value).reset_index(drop=True)
    t = _floats(target).reset_index(drop=True)
    d = direction if isinstance(direction, pd.Series) else pd.Series([direction] * len(v))
    le = d.astype("string").reset_index(drop=True) == "<="
    up = v / t.where(t != 0) * 100
    down = t / v.where(v != 0) * 100
    out = up.where(~le.fillna(False), down).astype("Float64")
    if isinstance(value, pd.Series):
        out.index = value.index
    return out


def _empty_measure() -> pd.DataFrame:
    return pd.DataFrame({"year": pd.Series(dtype="Int64"), "unit_id": pd.Series(dtype="string"),
                         "value": pd.Series(dtype="Float64")})


def aggregate(frame: pd.DataFrame, ancestors: pd.DataFrame, level: str, how: str = "sum") -> pd.DataFrame:
    """Cộng dồn một đại lượng (bảng ``year, unit_id, value``) lên các đơn vị cấp ``level`` theo cây hành chính.

    ``ancestors``: kết quả của ``khuyenhoc.indicators.ancestors`` (mỗi đơn vị → đơn vị cấp tỉnh, xã, thôn chứa nó).
    ``how``: cách cộng khai báo cùng đại lượng (``"sum"``, ``"max"``, ``"min"``).

    >>> anc = pd.DataFrame({"xã": ["X", "X", "X"]}, index=pd.Index(["A", "B", "X"], name="unit_id"))
    >>> m = pd.DataFrame({"year": [2025, 2025], "unit_id": ["A", "B"], "value": [3.0, 4.0]})
    >>> aggregate(m, anc, "xã").to_dict("records")
    [{'year': 2025, 'unit_id': 'X', 'value': 7.0}]
    """
    if how not in AGGREGATIONS:
        raise ValueError(f"Cách cộng dồn '{how}' không có; chọn: {', '.join(AGGREGATIONS)}.")
    if frame.empty:
        return _empty_measure()
    up = frame["unit_id"].map(ancestors[level]) if level in ancestors else pd.Series(pd.NA, index=frame.index)
    df = frame.assign(unit_id=up.astype("string")).dropna(subset=["unit_id"])
    return df.groupby(["year", "unit_id"], as_index=False, observed=True)["value"].agg(AGGREGATIONS[how])


def roll_up(table: pd.DataFrame, by: Sequence[str] = ("indicator", "year"), how: dict[str, str] | None = None,
            ) -> pd.DataFrame:
    """Cộng dồn bảng chỉ tiêu của nhiều đơn vị (ví dụ các xã) lên một cấp: cộng tử số, cộng mẫu số, rồi chia lại.

    ``table`` có các cột ``by`` cùng ``numerator``, ``denominator`` (trống với chỉ tiêu không có mẫu số)
    và ``factor``; ``how``: {mã chỉ tiêu: cách cộng} khi khác ``"sum"``. Trả về một dòng cho mỗi nhóm
    ``by`` với tử số, mẫu số, hệ số và giá trị tính lại (chưa có mức phấn đấu: xem :func:`apply_targets`).

    >>> t = pd.DataFrame({"indicator": ["so", "so"], "year": [2025, 2025], "numerator": [7.0, 5.0],
    ...                   "denominator": [None, None], "factor": [1.0, 1.0]})
    >>> r = roll_up(t)
    >>> float(r["numerator"][0]), bool(r["denominator"].isna()[0]), float(r["value"][0])
    (12.0, True, 12.0)
    """
    by = list(by)
    cols = [*by, "numerator", "denominator", "factor", "value"]
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    how = how or {}
    t = table.assign(numerator=table["numerator"].astype("Float64"),
                     denominator=table["denominator"].astype("Float64"))
    parts = []
    for kind in sorted({how.get(i, "sum") for i in t["indicator"].unique()} if "indicator" in t else {"sum"}):
        if kind not in AGGREGATIONS:
            raise ValueError(f"Cách cộng dồn '{kind}' không có; chọn: {', '.join(AGGREGATIONS)}.")
        sel = t if "indicator" not in t else t[t["indicator"].map(lambda i: how.get(i, "sum")) == kind]
        g = sel.groupby(by, sort=False, observed=True, dropna=False)
        agg = {"sum": lambda s: s.sum(min_count=1), "max": "max", "min": "min"}[kind]
        parts.append(pd.DataFrame({"numerator": g["numerator"].agg(agg), "denominator": g["denominator"].agg(agg),
                                   "factor": g["factor"].first()}).reset_index())
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    out["numerator"] = out["numerator"].astype("Float64")
    out["denominator"] = out["denominator"].astype("Float64")
    out["factor"] = out["factor"].astype(float)
    out["value"] = value_of(out["numerator"], out["denominator"], out["factor"])
    return out[cols]


def choose_targets(targets: pd.DataFrame, indicators: Iterable[str], years: Iterable[int]) -> pd.DataFrame:
    """Một mức phấn đấu cho mỗi (chỉ tiêu, năm): kế hoạch ưu tiên nhất, rồi mốc gần nhất.

    Milestone rule: the first target year ≥ the year; when the plan has none left
    (e.g. no 2030 figure was found), its latest earlier milestone, with a note.
    Targets without a year apply to every year. ``targets``: ``load_targets()``.

    >>> from khuyenhoc.indicators import load_targets
    >>> choose_targets(load_targets(), ["gdht"], [2025])[["indicator", "year", "target"]].to_dict("records")
    [{'indicator': 'gdht', 'year': 2025, 'target': 70.0}]
    """
    rows = []
    years = [int(y) for y in years]
    wanted = set(indicators)
    groups: dict[tuple, list[dict]] = {}  # (indicator, plan) in order of first appearance, as groupby(sort=False)
    for r in targets.to_dict("records"):
        if r["indicator"] in wanted and not pd.isna(r["plan"]):
            groups.setdefault((r["indicator"], r["plan"]), []).append(r)
    for (ind, _plan), grp in groups.items():  # plain loops: a few dozen targets, no frame operations needed
        no_year = [r for r in grp if pd.isna(r["year"])]
        dated = sorted((r for r in grp if not pd.isna(r["year"])), key=lambda r: int(r["year"]))
        for y in years:
            later = [r for r in dated if int(r["year"]) >= y]
            earlier = [r for r in dated if int(r["year"]) < y]
            note = ""
            if later:
                t = later[0]
            elif no_year:
                t = no_year[0]
            elif earlier:
                t = earlier[-1]
                note = f"chỉ tiêu năm {int(t['year'])}; chưa có chỉ tiêu cho mốc sau"
            else:
                continue
            rows.append({
                "indicator": ind, "year": y, "target": float(t["value"]), "target_direction": t["direction"],
                "target_year": pd.NA if pd.isna(t["year"]) else np.int64(t["year"]),
                "target_plan": t["plan_name"], "priority": t["priority"],
                "target_source": t["source"], "target_status": t["status"],
                "target_note": "; ".join(x for x in (t["note"], note) if x),
            })
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in TARGET_COLUMNS})
    ch = pd.DataFrame(rows, columns=[*TARGET_COLUMNS[:6], "priority", *TARGET_COLUMNS[6:]])
    ch["target_year"] = pd.Series([r["target_year"] for r in rows], dtype=object, index=ch.index)
    ch = ch.sort_values("priority", kind="stable")
    return ch.drop_duplicates(["indicator", "year"]).drop(columns="priority").reset_index(drop=True)


def apply_targets(table: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Thêm mức phấn đấu (``target`` và nguồn), chiều so sánh, chênh lệch (``gap``) và ``met`` vào bảng chỉ tiêu.

    ``table`` có ``indicator``, ``year``, ``value`` và ``direction`` (chiều mặc định của chỉ tiêu; chiều ghi
    trong bảng mức phấn đấu, nếu có, được ưu tiên).

    >>> from khuyenhoc.indicators import load_targets
    >>> t = pd.DataFrame({"indicator": ["gdht"], "year": [2025], "value": [54.0], "direction": [">="]})
    >>> r = apply_targets(t, load_targets())
    >>> float(r["target"][0]), float(r["gap"][0]), bool(r["met"][0])
    (70.0, -16.0, False)
    """
    years = sorted({int(y) for y in table["year"].dropna()}) if len(table) else []
    chosen = choose_targets(targets, list(dict.fromkeys(table["indicator"])) if len(table) else [], years)
    chosen = chosen.astype({"year": "Int64"})
    out = table.drop(columns=[c for c in TARGET_COLUMNS[2:] if c in table.columns] + ["gap", "met"],
                     errors="ignore").astype({"year": "Int64"})
    out = out.merge(chosen, on=["indicator", "year"], how="left")
    out["direction"] = out["target_direction"].fillna(out["direction"]).astype("object")
    out["value"] = out["value"].astype("Float64")
    out["target"] = out["target"].astype("Float64")
    out["gap"], out["met"] = compare(out["value"], out["target"], out["direction"])
    out["target_year"] = out["target_year"].astype("Int64")
    for c in ("target_plan", "target_source", "target_status", "target_note"):
        out[c] = out[c].astype("string")
    return out
