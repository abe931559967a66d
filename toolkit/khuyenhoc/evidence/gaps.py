"""Báo cáo thiếu minh chứng: ai còn thiếu minh chứng nào, cho chỉ số nào của tiêu chí nào.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> list(gap_report(CommuneData(), "congdan-qd324", 2025).columns)[:4]
    ['commune_id', 'village_id', 'village', 'subject_id']
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..catalogues import resolve
from ..data import CommuneData
from ..engine.context import Context
from ..arrays import isin
from ..engine.subjects import registrations_of, subjects_frame
from .check import STATUS_NOT_REQUIRED, STATUS_OK, check_evidence, status_by_indicator

GAP_COLUMNS = ["commune_id", "village_id", "village", "subject_id", "name", "criterion_id", "criterion",
               "indicator_id", "indicator", "accepted_types", "status", "problem"]

GAP_HEADERS = {
    "commune_id": "Mã xã", "village_id": "Mã thôn", "village": "Thôn", "subject_id": "Mã đối tượng",
    "name": "Tên", "criterion_id": "Mã tiêu chí", "criterion": "Tiêu chí", "indicator_id": "Mã chỉ số",
    "indicator": "Chỉ số", "accepted_types": "Minh chứng cần có", "status": "Tình trạng", "problem": "Vấn đề",
}


def gap_report(data: CommuneData, model, year: int, evidence_dir: str | Path | None = None,
               scope: str = "registered", checked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Các (đối tượng, chỉ số) còn thiếu minh chứng hợp lệ, sắp theo xã, thôn, đối tượng.

    ``scope="registered"``: chỉ đối tượng đã đăng ký năm ``year`` (mặc định); ``"all"``: mọi đối tượng.
    ``checked``: bảng kiểm tra minh chứng đã có (``check_evidence`` của cùng mô hình, năm và thư mục minh chứng,
    ví dụ ``Assessment.evidence_checks``), để không kiểm tra lại.
    Bảng có tên người/hộ: chỉ dùng trong xã.
    """
    cat = resolve(model)
    ctx = Context(data, year)
    subjects = subjects_frame(ctx, cat.subjects.kind, cat.subjects.admin_levels)
    if scope == "registered":
        regs = registrations_of(ctx, cat.model)
        subjects = subjects[subjects["subject_id"].isin(regs["subject_id"]).to_numpy(dtype=bool)]
    subjects = subjects.drop_duplicates("subject_id").reset_index(drop=True)
    ids = subjects["subject_id"].to_numpy()
    if checked is None:
        checked = check_evidence(data, cat, year, evidence_dir)
    status = status_by_indicator(checked, cat, ids)
    villages = ctx.admin("thôn").set_index("unit_id")["name"]
    parts = []
    for crit, ind in cat.indicators():
        st, prob = status[ind.id]
        gap = ~isin(st, (STATUS_OK, STATUS_NOT_REQUIRED))
        if not gap.any():
            continue
        s = subjects[gap]
        parts.append(pd.DataFrame({
            "commune_id": s["commune_id"].to_numpy(), "village_id": s["village_id"].to_numpy(),
            "subject_id": s["subject_id"].to_numpy(), "name": s["name"].to_numpy(),
            "criterion_id": crit.id, "criterion": crit.name, "indicator_id": ind.id,
            "indicator": ind.short or ind.text, "accepted_types": "; ".join(ind.evidence),
            "status": st[gap], "problem": prob[gap],
        }))
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in GAP_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    out["village"] = out["village_id"].map(villages)
    out = out[GAP_COLUMNS].astype("string")
    order = {i.id: k for k, (_, i) in enumerate(cat.indicators())}
    out["_o"] = out["indicator_id"].map(order)
    return out.sort_values(["commune_id", "village_id", "subject_id", "_o"], na_position="last"
                           ).drop(columns="_o").reset_index(drop=True)
