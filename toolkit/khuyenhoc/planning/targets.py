"""Chỉ tiêu của kế hoạch năm sau, suy ra từ khoảng cách giữa kết quả năm nay và chỉ tiêu của văn bản.

Rule (stated in every row's ``basis``):

- met this year: keep the better of this year's value and the document's target (giữ vững);
- not met and the document's milestone is later than next year: close the gap in equal yearly steps up to the
  milestone (chia đều đến mốc);
- not met and the milestone has passed, or there is none: close the gap in ``close_in_years`` years
  (mặc định 2; sửa ``dong_khoang_cach_nam`` trong mẫu kế hoạch).

Percent targets are rounded up to one decimal, money to the next 1.000 đồng, counts to the next whole number, and
for rates the plan says how many more households, clans, people… are needed (``needed``).

Ví dụ::

    >>> step_target(54.0, 70.0, year=2025, milestone=2025, close_in_years=2, unit="%")
    (62.0, 'mốc 2025 đã qua: thu hẹp khoảng cách trong 2 năm')
    >>> step_target(28.4, 60.0, year=2025, milestone=2030, close_in_years=2, unit="%")
    (34.8, 'chia đều khoảng cách đến mốc 2030 (5 năm)')
    >>> step_target(80.0, 65.0, year=2025, milestone=2025, close_in_years=2, unit="%")
    (80.0, 'đã đạt: giữ vững mức năm nay')
"""

from __future__ import annotations

import math

import pandas as pd

from ..data import CommuneData

__all__ = ["plan_targets", "step_target", "PLAN_COLUMNS", "PLAN_HEADERS"]

PLAN_COLUMNS = ["indicator", "name", "group_name", "unit", "value", "numerator", "denominator", "doc_target",
                "doc_target_year", "doc_source", "doc_status", "plan_target", "basis", "needed", "owner", "deadline"]

#: Vietnamese headers for tables shown to people (Excel, notebooks).
PLAN_HEADERS = {
    "indicator": "Mã chỉ tiêu", "name": "Chỉ tiêu", "group_name": "Lĩnh vực", "unit": "Đơn vị tính",
    "value": "Thực hiện", "numerator": "Tử số", "denominator": "Mẫu số", "doc_target": "Chỉ tiêu của văn bản",
    "doc_target_year": "Mốc năm", "doc_source": "Căn cứ", "doc_status": "Nhãn nguồn", "plan_target": "Chỉ tiêu kế hoạch",
    "basis": "Cách tính", "needed": "Cần thêm", "owner": "Phụ trách", "deadline": "Thời hạn",
}


def _round_up(x: float, unit: str) -> float:
    if unit == "%":
        return min(100.0, math.ceil(round(x * 10, 6)) / 10)
    if unit.startswith("đồng"):
        return float(math.ceil(round(x / 1000, 6)) * 1000)
    return float(math.ceil(round(x, 6)))


def step_target(value: float, target: float, *, year: int, milestone: int | None, close_in_years: int,
                unit: str, direction: str = ">=") -> tuple[float, str]:
    """(chỉ tiêu năm ``year`` + 1, cách tính) cho một chỉ tiêu có giá trị ``value`` và chỉ tiêu văn bản ``target``."""
    up = direction != "<="
    met = value >= target if up else value <= target
    if met:
        best = max(value, target) if up else min(value, target)
        if up and unit == "%":
            best = math.floor(best * 10) / 10
        elif up and unit.startswith("đồng"):
            best = math.floor(best / 1000) * 1000
        elif up:
            best = math.floor(best)
        return float(best), "đã đạt: giữ vững mức năm nay"
    gap = target - value
    if milestone is not None and int(milestone) > year + 1:
        n = int(milestone) - year
        basis = f"chia đều khoảng cách đến mốc {int(milestone)} ({n} năm)"
    else:
        n = close_in_years
        basis = (f"mốc {int(milestone)} đã qua: thu hẹp khoảng cách trong {n} năm" if milestone is not None
                 else f"không có mốc năm: thu hẹp khoảng cách trong {n} năm")
        if n == 1:
            basis = "đạt chỉ tiêu của văn bản ngay năm sau"
    raw = value + gap / n
    t = _round_up(raw, unit) if up else raw
    t = min(t, target) if up else max(t, target)
    return float(t), basis


def plan_targets(data: CommuneData, year: int, *, settings=None, targets=None,
                 commune_id: str | None = None) -> pd.DataFrame:
    """Bảng chỉ tiêu kế hoạch năm ``year + 1`` của xã: mỗi chỉ tiêu có chỉ tiêu văn bản một dòng.

    >>> from khuyenhoc import sample
    >>> t = plan_targets(sample.load("mau"), 2025).set_index("indicator")
    >>> t.loc["gdht", ["value", "doc_target", "plan_target", "needed"]].round(1).tolist()
    [54.0, 70.0, 62.1, 106.0]
    >>> t.loc["gdht", "owner"]
    'Phó Chủ tịch Hội phụ trách mô hình học tập'
    """
    from ..results import Results, compute_results

    from .settings import load_plan_settings

    s = settings if settings is not None and not isinstance(settings, (dict, str)) else load_plan_settings(settings)
    res = data if isinstance(data, Results) else compute_results(data, year, commune_id=commune_id, targets=targets,
                                                                 assess=False)
    cur = res.commune.set_index("indicator")
    nxt = res.next_targets
    rows = []
    for r in nxt.to_dict("records"):
        ind = r["indicator"]
        c = cur.loc[ind]
        if pd.isna(c["value"]) or pd.isna(r["target"]):
            continue
        ms = r.get("target_year")
        ms = None if ms is None or pd.isna(ms) else int(ms)
        direction = r.get("target_direction") or ">="
        t, basis = step_target(float(c["value"]), float(r["target"]), year=int(year), milestone=ms,
                               close_in_years=s.dong_khoang_cach_nam, unit=str(c["unit"]), direction=direction)
        needed = None
        if c["unit"] == "%" and pd.notna(c["denominator"]) and pd.notna(c["numerator"]):
            needed = max(0.0, float(math.ceil(round(t * float(c["denominator"]) / 100, 6)) - float(c["numerator"])))
        task = s.owner_of(ind)
        rows.append({
            "indicator": ind, "name": c["name"], "group_name": c["group_name"], "unit": c["unit"],
            "value": float(c["value"]), "numerator": c["numerator"], "denominator": c["denominator"],
            "doc_target": float(r["target"]), "doc_target_year": ms, "doc_source": r["target_source"],
            "doc_status": r["target_status"], "plan_target": t, "basis": basis, "needed": needed,
            "owner": task.phu_trach if task else "Ban Thường trực Hội",
            "deadline": task.due(int(year) + 1) if task else None,
        })
    out = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    out["doc_target_year"] = out["doc_target_year"].astype("Int64")
    out["needed"] = pd.to_numeric(out["needed"]).astype("Float64")
    return out
