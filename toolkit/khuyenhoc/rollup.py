"""Tổng hợp theo cây hành chính: số và tỉ lệ đối tượng giữ danh hiệu theo thôn, xã, tỉnh.

Aggregate-safe: only counts and rates per administrative unit, never a name or a
person's id, so the tables can leave the commune. The hierarchy is data
(``admin_units``: tỉnh → xã → thôn).

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> list(rollup(CommuneData(), 2025, by="commune").columns)
    ['unit_id', 'unit_name', 'model', 'subjects', 'recognised', 'rate']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .catalogues.model import MODEL_KIND
from .data import CommuneData
from .engine.context import Context
from .engine.subjects import subjects_frame
from .schema import MODELS

BY_COLUMN = {"village": "village_id", "commune": "commune_id", "province": "province_id"}
COLUMNS = ["unit_id", "unit_name", "model", "subjects", "recognised", "rate"]
HEADERS = {"unit_id": "Mã đơn vị", "unit_name": "Tên đơn vị", "model": "Mô hình", "subjects": "Số đối tượng",
           "recognised": "Số được công nhận (còn hiệu lực)", "rate": "Tỉ lệ (%)",
           "assessed": "Số được đánh giá", "registered": "Số đã đăng ký", "passed": "Số đạt"}

#: Adults counted as the denominator of the Công dân học tập rate (people aged 15 and over).
CDHT_MIN_AGE = 15


def _group(keys: pd.Series, flags: np.ndarray) -> pd.DataFrame:
    df = pd.DataFrame({"unit_id": keys.astype("string").to_numpy(), "hit": flags.astype(np.int64)})
    g = df.dropna(subset=["unit_id"]).groupby("unit_id", sort=True)["hit"]
    return pd.DataFrame({"subjects": g.size(), "recognised": g.sum()}).reset_index()


def _finish(out: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    names = ctx.data.admin_units.drop_duplicates("unit_id").set_index("unit_id")["name"]
    out["unit_name"] = out["unit_id"].map(names).astype("string")
    out["subjects"] = out["subjects"].astype("Int64")
    out["recognised"] = out["recognised"].astype("Int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["rate"] = pd.array(np.round(100.0 * out["recognised"].to_numpy(dtype=float)
                                        / out["subjects"].to_numpy(dtype=float), 1), dtype="Float64")
    return out


def rollup(data: CommuneData, year: int, by: str = "commune", models=None) -> pd.DataFrame:
    """Số đối tượng và số giữ danh hiệu còn hiệu lực năm ``year``, theo ``by`` (village, commune, province).

    Mẫu số: Công dân học tập — người đang cư trú từ 15 tuổi; Gia đình học tập — hộ; Dòng họ học tập — dòng họ;
    Cộng đồng học tập cấp thôn — thôn; Đơn vị học tập — đơn vị; Cộng đồng học tập cấp xã — xã.
    Mô hình không có đối tượng ở cấp ``by`` (ví dụ dòng họ theo thôn) thì không có dòng.
    """
    if by not in BY_COLUMN:
        raise ValueError(f"Cấp tổng hợp '{by}' không có; chọn: village (thôn), commune (xã), province (tỉnh).")
    ctx = Context(data, year)
    col = BY_COLUMN[by]
    parts = []
    for model in models or MODELS:
        subj = subjects_frame(ctx, MODEL_KIND[model])
        if MODEL_KIND[model] == "person":
            subj = subj[(ctx.residents["age"] >= CDHT_MIN_AGE).fillna(False).to_numpy(dtype=bool)]
        hit = subj["subject_id"].isin(ctx.holders(model)).to_numpy(dtype=bool)
        g = _group(subj[col], hit)
        g["model"] = model
        parts.append(g)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["unit_id", "subjects", "recognised", "model"])
    return _finish(out, ctx)[COLUMNS].reset_index(drop=True)


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
