"""Tính giá trị và kết luận Đạt/Chưa đạt của từng chỉ số cho mọi đối tượng cùng lúc.

One ``IndicatorResult`` per (indicator, level): numpy arrays aligned with the
subjects frame. ``met`` is 1.0 (đạt), 0.0 (chưa đạt) or NaN (chưa kết luận:
the threshold is not set).

Ví dụ::

    >>> _compare(np.array([4.0, 5.0, np.nan]), ">=", 5.0).tolist()
    [False, True, False]
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..catalogues.model import Catalogue, Criterion, Indicator
from .context import Context
from .explain import by_value_codes, fmt_requirement, fmt_value
from .measures import MEASURES

OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}
SOURCE_DECLARED = "tự khai"
SOURCE_MEASURED = "đo từ dữ liệu"


@dataclass
class IndicatorResult:
    """Kết quả một chỉ số (ở một mức độ) cho mọi đối tượng."""

    criterion: Criterion
    indicator: Indicator
    level: int | None
    value: np.ndarray
    applies: np.ndarray
    threshold: float | None
    met: np.ndarray
    points: np.ndarray
    explanation: tuple[np.ndarray, np.ndarray]  # (codes, texts): row i reads texts[codes[i]]
    evidence: np.ndarray | None = None
    evidence_problem: np.ndarray | None = None
    threshold_source: str = "bộ tiêu chí"

    @property
    def source(self) -> str:
        return SOURCE_DECLARED if self.indicator.measure == "declared" else SOURCE_MEASURED


def _compare(value: np.ndarray, op: str, threshold: float) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        out = OPS[op](value, threshold)
    return np.where(np.isnan(value), False, out)


def indicator_values(ctx: Context, catalogue: Catalogue, ind: Indicator, subjects: pd.DataFrame,
                     declared_by_indicator: dict[str, pd.Series]) -> np.ndarray:
    """Giá trị của chỉ số ``ind`` cho từng đối tượng (NaN: không có)."""
    ids = subjects["subject_id"].to_numpy()
    if ind.measure == "declared":
        s = declared_by_indicator.get(ind.id)
        if s is None:
            return np.full(len(ids), np.nan)
        return s.reindex(ids).to_numpy(dtype=float, na_value=np.nan)
    spec = MEASURES[ind.measure]
    out = spec.func(ctx, subjects, kind=catalogue.subjects.kind, **spec.params_for(ind.params))
    return pd.Series(out).to_numpy(dtype=float, na_value=np.nan)


def _explainer(ind: Indicator, threshold: float | None, rating: bool, origin: str | None = None):
    label = f"{ind.id}" + (f" ({ind.short})" if ind.short else "")
    whence = f"; ngưỡng theo {origin}" if origin else ""
    declared = ind.measure == "declared"
    empty_pass = (not declared) and ind.if_empty == "pass"
    req = fmt_requirement(ind.op, threshold, ind.unit)

    def make(v: float) -> str:
        if np.isnan(v):
            if declared:
                return f"{label}: chưa có giá trị tự khai — chưa đạt."
            if empty_pass:
                return f"{label}: không có đối tượng để tính — không áp dụng, coi là đạt."
            return f"{label}: không có số liệu để tính — chưa đạt."
        shown = fmt_value(v, ind.unit)
        if threshold is None:
            if rating:
                return f"{label}: tự đánh giá {shown}."
            return (f"{label}: {shown} — chưa kết luận vì chưa đặt ngưỡng; "
                    f"cán bộ cần đặt ngưỡng cho chỉ số {ind.id} trong bộ tiêu chí.")
        ok = bool(_compare(np.array([v]), ind.op, threshold)[0])
        return f"{label}: {shown} — {'đạt' if ok else 'chưa đạt'} (yêu cầu {req}{whence})."

    return make


def evaluate(ctx: Context, catalogue: Catalogue, subjects: pd.DataFrame,
             declared: pd.DataFrame, levels: list[int | None],
             origins: dict | None = None) -> list[IndicatorResult]:
    """Tính mọi chỉ số của ``catalogue`` (ở các mức ``levels``) cho ``subjects``.

    ``origins``: {(mã chỉ số, mức độ): nguồn ngưỡng} của các ngưỡng người dùng đặt (không có: của bộ tiêu chí).
    """
    origins = origins or {}
    by_ind = {k: pd.Series(g["value"].to_numpy(dtype=float, na_value=np.nan), index=g["subject_id"].to_numpy())
              for k, g in declared.groupby("indicator_id", observed=True, sort=False)}
    rating = catalogue.rule.kind == "rating"
    n = len(subjects)
    results: list[IndicatorResult] = []
    for crit, ind in catalogue.indicators():
        value = indicator_values(ctx, catalogue, ind, subjects, by_ind)
        if ind.applies_to is not None:
            if ind.applies_to.column not in subjects.columns:
                from . import AssessmentError

                raise AssessmentError(f"Chỉ số {ind.id}: 'applies_to' dùng cột '{ind.applies_to.column}' "
                                      f"không có trong bảng đối tượng (dùng: kind).")
            applies = subjects[ind.applies_to.column].isin(list(ind.applies_to.values)).to_numpy(dtype=bool)
        else:
            applies = np.ones(n, dtype=bool)
        empty_outcome = 0.0 if (ind.measure == "declared" or ind.if_empty == "fail") else 1.0
        for lv in levels:
            if lv is not None and not ind.applies_at(lv):
                continue
            thr = ind.threshold_at(lv)
            if thr is None:
                met = np.full(n, np.nan)
            else:
                met = np.where(np.isnan(value), empty_outcome, _compare(value, ind.op, thr).astype(float))
            met = np.where(applies, met, 1.0)
            maxp = float(ind.points) if ind.points is not None else 0.0
            if rating:
                pts = np.nan_to_num(value, nan=0.0)
            elif ind.scoring == "value":
                pts = np.clip(np.nan_to_num(value, nan=0.0), 0.0, maxp)
            else:
                pts = np.where(met == 1.0, maxp, 0.0)
            pts = np.where(applies, pts, maxp if not rating else 0.0)
            origin = origins.get((ind.id, lv))
            codes, texts = by_value_codes(value, _explainer(ind, thr, rating, origin))
            if not applies.all():
                texts = np.append(texts, f"{ind.id}: không áp dụng cho loại đối tượng này.")
                codes = np.where(applies, codes, len(texts) - 1)
            expl = (codes, texts)
            results.append(IndicatorResult(crit, ind, lv, value, applies, thr, met, pts, expl,
                                           threshold_source=origin or "bộ tiêu chí"))
    return results


def kleene_all(mets: list[np.ndarray], n: int) -> np.ndarray:
    """'Và' ba giá trị: 0 nếu có chỉ số chưa đạt, NaN nếu còn chỉ số chưa kết luận, 1 nếu tất cả đạt."""
    if not mets:
        return np.ones(n)
    m = np.vstack(mets)
    any_false = (m == 0.0).any(axis=0)
    any_na = np.isnan(m).any(axis=0)
    return np.where(any_false, 0.0, np.where(any_na, np.nan, 1.0))
