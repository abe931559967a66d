"""Tổng hợp theo cây hành chính: số đối tượng, số được công nhận trong năm và số giữ danh hiệu còn hiệu lực,
theo thôn, xã, tỉnh.

Aggregate-safe: only counts and rates per administrative unit, never a name or a
person's id, so the tables can leave the commune. The hierarchy is data
(``admin_units``: tỉnh → xã → thôn). The counts are the indicator measures
(``indicators.MODEL_COUNTS``: the same registry the indicators and the report use)
carried up the tree by ``indicators.arithmetic.aggregate``; the two "recognised"
counts are kept apart and named: ``recognised_in_year`` (decisions of the year) and
``titled`` (holding a valid title at 31/12). ``rate`` is ``titled`` / ``subjects``.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> list(rollup(CommuneData(), 2025, by="commune").columns)
    ['unit_id', 'unit_name', 'model', 'subjects', 'recognised_in_year', 'titled', 'rate']
"""

from __future__ import annotations

import pandas as pd

from .data import CommuneData
from .engine.context import COUNT_LABELS
from .indicators.arithmetic import aggregate, value_of
from .indicators.hierarchy import ancestors
from .indicators.measures import MEASURES, MODEL_COUNTS, Context

__all__ = ["rollup", "rollup_assessment", "COLUMNS", "HEADERS", "LEVEL_OF"]

#: ``by`` → level of the administrative tree.
LEVEL_OF = {"village": "thôn", "commune": "xã", "province": "tỉnh"}
BY_COLUMN = {"village": "village_id", "commune": "commune_id", "province": "province_id"}
COLUMNS = ["unit_id", "unit_name", "model", "subjects", "recognised_in_year", "titled", "rate"]
HEADERS = {"unit_id": "Mã đơn vị", "unit_name": "Tên đơn vị", "model": "Mô hình", "subjects": "Số đối tượng",
           "recognised_in_year": "Số " + COUNT_LABELS["recognised_in_year"][0].lower() + COUNT_LABELS["recognised_in_year"][1:],
           "titled": "Số " + COUNT_LABELS["titled"][0].lower() + COUNT_LABELS["titled"][1:],
           "rate": "Tỉ lệ giữ danh hiệu còn hiệu lực (%)",
           "assessed": "Số được đánh giá", "registered": "Số đã đăng ký", "passed": "Số đạt theo bộ tiêu chí"}


def rollup(data: CommuneData, year: int, by: str = "commune", models=None) -> pd.DataFrame:
    """Theo ``by`` (village, commune, province): số đối tượng, số được công nhận trong năm ``year``, số giữ
    danh hiệu còn hiệu lực, tỉ lệ giữ danh hiệu (%).

    Mẫu số như các chỉ tiêu: Công dân học tập — người từ đủ 18 tuổi trong sổ; Gia đình học tập — hộ; Dòng họ
    học tập — dòng họ; Cộng đồng học tập cấp thôn — thôn; Đơn vị học tập — đơn vị; Cộng đồng học tập cấp xã — xã.
    Mô hình không có đối tượng ở cấp ``by`` (ví dụ dòng họ theo thôn) thì không có dòng.
    """
    if by not in LEVEL_OF:
        raise ValueError(f"Cấp tổng hợp '{by}' không có; chọn: village (thôn), commune (xã), province (tỉnh).")
    level = LEVEL_OF[by]
    ctx = Context(data, [int(year)])
    anc = ancestors(data.admin_units)
    parts = []
    for model in models or MODEL_COUNTS:
        frames = {}
        for col, m in zip(("subjects", "recognised_in_year", "titled"), MODEL_COUNTS[model]):
            f = aggregate(MEASURES[m].func(ctx), anc, level, MEASURES[m].aggregation)
            frames[col] = f.set_index("unit_id")["value"]
        g = pd.DataFrame(frames)
        g = g[g["subjects"].notna()].fillna(0)
        g.index.name = "unit_id"
        parts.append(g.reset_index().assign(model=model))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    names = data.admin_units.drop_duplicates("unit_id").set_index("unit_id")["name"]
    out["unit_id"] = out["unit_id"].astype("string")
    out["unit_name"] = out["unit_id"].map(names).astype("string")
    for c in ("subjects", "recognised_in_year", "titled"):
        out[c] = out[c].astype(float).round().astype("Int64")
    out["rate"] = value_of(out["titled"], out["subjects"], 100.0).round(1).astype("Float64")
    out = out.sort_values(["unit_id"], kind="stable")
    order = {m: i for i, m in enumerate(MODEL_COUNTS)}
    out = out.sort_values("model", key=lambda s: s.map(order), kind="stable")
    return out[COLUMNS].reset_index(drop=True)


def rollup_assessment(result, by: str = "commune") -> pd.DataFrame:
    """Tổng hợp một kết quả đánh giá: số được đánh giá, đã đăng ký, đạt, theo thôn hoặc xã (không có tên người).

    >>> from khuyenhoc.data import CommuneData
    >>> from khuyenhoc.engine import assess
    >>> rollup_assessment(assess(CommuneData(), "congdan-qd324", 2025, check_year=False)).shape[0]
    0
    """
    if by not in ("village", "commune"):
        raise ValueError(f"Cấp tổng hợp '{by}' không có; chọn: village (thôn), commune (xã).")
    s = result.summary
    key = s[BY_COLUMN[by]].astype("string")
    df = pd.DataFrame({"unit_id": key.to_numpy(), "registered": s["registered"].fillna(False).to_numpy(dtype=int),
                       "passed": s["recognised"].fillna(False).to_numpy(dtype=int)})
    g = df.dropna(subset=["unit_id"]).groupby("unit_id", sort=True)
    out = pd.DataFrame({"assessed": g.size(), "registered": g["registered"].sum(), "passed": g["passed"].sum()}).reset_index()
    out["model"] = result.catalogue.model
    for c in ("assessed", "registered", "passed"):
        out[c] = out[c].astype("Int64")
    return out[["unit_id", "model", "assessed", "registered", "passed"]]
