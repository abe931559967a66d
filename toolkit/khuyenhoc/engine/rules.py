"""Các cách xét công nhận: mọi chỉ số đạt (all), tính điểm và xếp loại (points), mức độ (levels), tự đánh giá (rating).

Each rule turns the per-indicator results into one summary row per subject:
points, class or level reached, recognised or not, why, and what is missing.
Everything is computed on whole numpy columns.

Ví dụ::

    >>> _fmt_points(np.array([80.0, 72.5]))
    array(['80', '72,5'], dtype=object)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalogues.model import Catalogue
from .context import Context
from .explain import fmt_number, fmt_value, isin, join_pieces
from .indicators import IndicatorResult, kleene_all


def _fmt_points(x: np.ndarray) -> np.ndarray:
    codes, uniques = pd.factorize(pd.Series(x))
    texts = np.array([fmt_number(float(u)) for u in uniques] + ["–"], dtype=object)
    return texts[np.where(codes < 0, len(uniques), codes)]


def _row_groups(cols: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Group identical rows of small-int columns: (inverse, index of one representative row per group)."""
    if not cols:
        return np.zeros(n, dtype=np.int64), np.zeros(min(n, 1), dtype=np.int64)
    key = np.zeros(n, dtype=np.int64)
    radix = 1
    for c in cols:
        m = int(c.max()) + 1 if len(c) else 1
        if radix * m >= 2 ** 62:  # too many combinations for one integer: use the slower exact grouping
            _, first, inverse = np.unique(np.vstack(cols).T, axis=0, return_index=True, return_inverse=True)
            return inverse.ravel(), first
        key = key * m + c
        radix *= m
    inverse, uniques = pd.factorize(key)
    first = np.zeros(len(uniques), dtype=np.int64)
    first[inverse[::-1]] = np.arange(n)[::-1]
    return inverse, first


def _list(results: list[IndicatorResult], n: int, select, with_value: bool = True) -> np.ndarray:
    """Chuỗi 'mã (giá trị), …' của các chỉ số mà ``select(result)`` đúng, theo từng đối tượng.

    Strings are built once per distinct combination of (selected indicator, value) and then spread.
    """
    cols, labels = [], []
    for r in results:
        mask = select(r)
        if not mask.any():
            continue
        if with_value:
            codes, uniques = pd.factorize(pd.Series(r.value))
            texts = [f"{r.indicator.id} ({fmt_value(float(u), r.indicator.unit)})" for u in uniques] + \
                    [f"{r.indicator.id} (chưa có)"]
            code = np.where(codes < 0, len(uniques), codes) + 1
        else:
            texts, code = [r.indicator.id], np.ones(n, dtype=np.int64)
        cols.append(np.where(mask, code, 0).astype(np.int64))
        labels.append([""] + texts)
    if not cols:
        return np.full(n, "", dtype=object)
    inverse, first = _row_groups(cols, n)
    reps = [", ".join(lab[c[i]] for c, lab in zip(cols, labels) if c[i]) for i in first]
    return np.array(reps, dtype=object)[inverse]


def _failed(r: IndicatorResult) -> np.ndarray:
    return r.met == 0.0


def _unset(r: IndicatorResult) -> np.ndarray:
    return np.isnan(r.met)


def _prefix(text: np.ndarray, prefix: str) -> np.ndarray:
    return np.where(text != "", prefix + text, "")


def _bool(x: np.ndarray) -> pd.arrays.BooleanArray:
    return pd.array(np.where(np.isnan(x), None, x == 1.0), dtype="boolean")


def evidence_columns(results: list[IndicatorResult], n: int) -> tuple[pd.arrays.BooleanArray, np.ndarray]:
    """Đủ minh chứng hay chưa, và danh sách chỉ số thiếu minh chứng, theo từng đối tượng."""
    seen: set[str] = set()
    firsts = []
    for r in results:
        if r.indicator.id not in seen and r.evidence is not None:
            seen.add(r.indicator.id)
            firsts.append(r)
    ok = np.ones(n, dtype=bool)
    for r in firsts:
        if r.indicator.required:
            ok &= (r.evidence == 0) | (r.evidence == 3) | ~r.applies
    missing = _list(firsts, n, lambda r: ~((r.evidence == 0) | (r.evidence == 3) | ~r.applies), with_value=False)
    return pd.array(ok, dtype="boolean"), missing


def summarise(ctx: Context, catalogue: Catalogue, subjects: pd.DataFrame, registrations: pd.DataFrame,
              results: list[IndicatorResult], level: int | None) -> pd.DataFrame:
    """Bảng tóm tắt theo đối tượng cho cách xét của ``catalogue``."""
    n = len(subjects)
    reg = registrations.set_index("subject_id")
    ids = subjects["subject_id"].to_numpy()
    out = pd.DataFrame({c: subjects[c].to_numpy() for c in ("subject_id", "village_id", "commune_id")})
    for c in out.columns:
        out[c] = out[c].astype("string")
    out["registered"] = pd.array(isin(ids, reg.index.to_numpy()), dtype="boolean")
    out["registration_id"] = pd.array(reg["registration_id"].reindex(ids).to_numpy(), dtype="string")
    kind = catalogue.rule.kind
    if kind == "levels":
        cols = _levels(ctx, catalogue, ids, reg, results, level, n)
    elif kind == "points":
        cols = _points(catalogue, results, n)
    elif kind == "rating":
        cols = _rating(catalogue, results, n)
    else:
        cols = _all(results, n)
    for k, v in cols.items():
        out[k] = v
    ev_ok, ev_missing = evidence_columns(results, n)
    out["evidence_complete"] = ev_ok
    missing = join_pieces(cols.pop("_missing_criteria"), _prefix(ev_missing, "thiếu minh chứng: "), "; ")
    out = out.drop(columns=["_missing_criteria"], errors="ignore")
    out["missing"] = pd.array(missing, dtype="string")
    for c in ("result", "reason"):
        out[c] = out[c].astype("string")
    return out


def _all(results: list[IndicatorResult], n: int) -> dict:
    req = [r for r in results if r.indicator.required]
    allm = kleene_all([r.met for r in req], n)
    fails = _list(req, n, _failed)
    unset = _list(req, n, _unset, with_value=False)
    result = np.where(allm == 1.0, "Đạt", np.where(allm == 0.0, "Chưa đạt", "Chưa kết luận"))
    reason = np.where(allm == 1.0, f"Đạt cả {len(req)} chỉ số bắt buộc.",
                      np.where(allm == 0.0, "Chưa đạt: " + fails + ".",
                               "Chưa kết luận: chưa đặt ngưỡng cho " + unset + "."))
    missing = join_pieces(_prefix(fails, "chưa đạt: "), _prefix(unset, "chưa đặt ngưỡng: "), "; ")
    return {"recognised": _bool(allm), "result": result, "reason": reason, "_missing_criteria": missing}


def _points(catalogue: Catalogue, results: list[IndicatorResult], n: int) -> dict:
    rule = catalogue.rule
    req = [r for r in results if r.indicator.required]
    total = np.sum([r.points for r in results], axis=0) if results else np.zeros(n)
    min_ok = kleene_all([r.met for r in req], n)
    bands = sorted(rule.classes, key=lambda b: -b.min)
    band = np.select([total >= b.min for b in bands], [b.name for b in bands], default=rule.fail_class).astype(object)
    below_pass = np.zeros(n, dtype=bool) if rule.pass_points is None else total < rule.pass_points
    band = np.where(below_pass, rule.fail_class, band)
    cls = np.where(min_ok == 0.0, rule.fail_class, band)
    cls = np.where(np.isnan(min_ok), None, cls)
    recog_names = list(rule.recognised_classes) if rule.recognised_classes is not None else [b.name for b in bands]
    recognised = pd.array(np.where(np.isnan(min_ok), None, isin(cls.astype(str), recog_names)), dtype="boolean")
    fails = _list(req, n, _failed)
    unset = _list(req, n, _unset, with_value=False)
    pts = _fmt_points(total)
    reason = "Tổng " + pts + " điểm"
    reason = reason + np.where(np.isnan(min_ok), "", "; xếp loại " + cls.astype(str))
    if rule.pass_points is not None:
        reason = reason + np.where(below_pass, f"; dưới mức {fmt_number(rule.pass_points)} điểm", "")
    reason = reason + _prefix(fails, "; chỉ số dưới mức tối thiểu: ")
    reason = reason + _prefix(unset, "; chưa kết luận vì chưa đặt ngưỡng: ") + "."
    result = np.where(np.isnan(min_ok), "Chưa kết luận", cls)
    missing = join_pieces(_prefix(fails, "dưới mức tối thiểu: "), _prefix(unset, "chưa đặt ngưỡng: "), "; ")
    if rule.pass_points is not None:
        missing = join_pieces(missing, np.where(below_pass, "thiếu " + _fmt_points(rule.pass_points - total)
                                                + " điểm", ""), "; ")
    return {"points": pd.array(total, dtype="Float64"), "class": pd.array(cls, dtype="string"),
            "recognised": recognised, "result": result, "reason": reason, "_missing_criteria": missing}


def _rating(catalogue: Catalogue, results: list[IndicatorResult], n: int) -> dict:
    vals = np.vstack([r.value for r in results]) if results else np.zeros((0, n))
    rated = (~np.isnan(vals)).sum(axis=0)
    total = np.nansum(vals, axis=0) if results else np.zeros(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(rated > 0, total / np.where(rated > 0, rated, 1), np.nan)
    top = catalogue.rule.scale[1] if catalogue.rule.scale else None
    unrated = _list(results, n, lambda r: np.isnan(r.value), with_value=False)
    below = _list(results, n, _failed)
    reason = ("Điểm trung bình " + _fmt_points(mean) + (f"/{fmt_number(top)}" if top else "")
              + " trên " + rated.astype(str).astype(object) + f"/{len(results)} lĩnh vực"
              + _prefix(below, "; dưới mục tiêu: ") + "; khung tự đánh giá, không xét công nhận.")
    missing = join_pieces(_prefix(unrated, "chưa tự đánh giá: "), _prefix(below, "dưới mục tiêu: "), "; ")
    return {"points": pd.array(total, dtype="Float64"), "mean_rating": pd.array(mean, dtype="Float64"),
            "recognised": pd.array([None] * n, dtype="boolean"), "result": np.full(n, "Tự đánh giá", dtype=object),
            "reason": reason, "_missing_criteria": missing}


def _prior_ids(ctx: Context, catalogue: Catalogue, min_level: int, months: int) -> np.ndarray:
    r = ctx.data.recognitions
    cutoff = ctx.as_of - pd.DateOffset(months=months)
    sel = ((r["model"] == catalogue.model) & (r["level"].astype("Float64") >= min_level)
           & (r["decision_date"] <= cutoff)).fillna(False).to_numpy(dtype=bool)
    return r.loc[sel, "subject_id"].astype(str).unique()


def _levels(ctx: Context, catalogue: Catalogue, ids: np.ndarray, reg: pd.DataFrame,
            results: list[IndicatorResult], level: int | None, n: int) -> dict:
    specs = catalogue.rule.levels
    reached_prev = np.ones(n)
    reached, fail_txt, unset_txt, wait_bad = [], [], [], []
    for spec in specs:
        req = [r for r in results if r.level == spec.level and r.indicator.required]
        met = kleene_all([r.met for r in req], n)
        if spec.wait_months > 0 and spec.level > 1:
            wait_ok = isin(ids, _prior_ids(ctx, catalogue, spec.level - 1, spec.wait_months)).astype(float)
        else:
            wait_ok = np.ones(n)
        now = kleene_all([met, reached_prev, wait_ok], n)
        reached.append(now)
        fail_txt.append(_list(req, n, _failed))
        unset_txt.append(_list(req, n, _unset, with_value=False))
        wait_bad.append(wait_ok == 0.0)
        reached_prev = now
    R = np.vstack(reached)  # levels x subjects
    top = np.zeros(n, dtype=int)
    for i in range(len(specs)):
        top = np.where(R[i] == 1.0, i + 1, top)
    if level is not None:
        requested = np.full(n, int(level))
    else:
        requested = reg["requested_level"].reindex(ids).to_numpy(dtype=float, na_value=np.nan)
        requested = np.where(np.isnan(requested), 1, requested).astype(int)
    requested = np.clip(requested, 1, len(specs))
    rec = R[requested - 1, np.arange(n)]
    names = np.array(["Chưa đạt"] + [s.name for s in specs], dtype=object)
    result = np.where(np.isnan(rec) & (top < requested), "Chưa kết luận", names[top])
    reason = np.where(top > 0, "Đạt " + names[top], "")
    # explain the first level not reached (the one above the level reached)
    nxt = top + 1
    for i, spec in enumerate(specs):
        here = nxt == spec.level
        why = np.full(n, "", dtype=object)
        why = join_pieces(why, _prefix(fail_txt[i], "chưa đạt: "), "; ")
        if spec.wait_months:
            why = join_pieces(why, np.where(wait_bad[i], f"chưa đủ {spec.wait_months} tháng kể từ quyết định "
                                            f"công nhận {specs[i - 1].name.lower()}", ""), "; ")
        why = join_pieces(why, _prefix(unset_txt[i], "chưa kết luận vì chưa đặt ngưỡng: "), "; ")
        piece = np.where(why != "", f"{spec.name}: " + why, "")
        reason = np.where(here, join_pieces(reason, piece, "; "), reason)
    reason = reason + "."
    idx = np.arange(n)
    miss_fail = np.array(fail_txt, dtype=object).reshape(len(specs), n)[requested - 1, idx]
    miss_unset = np.array(unset_txt, dtype=object).reshape(len(specs), n)[requested - 1, idx]
    miss_wait = np.vstack(wait_bad)[requested - 1, idx]
    missing = join_pieces(_prefix(miss_fail.astype(object), "chưa đạt: "),
                          _prefix(miss_unset.astype(object), "chưa đặt ngưỡng: "), "; ")
    missing = join_pieces(missing, np.where(miss_wait, "chưa đủ thời gian chờ", ""), "; ")
    missing = np.where(rec == 1.0, "", missing)
    return {"requested_level": pd.array(requested, dtype="Int64"), "level": pd.array(top, dtype="Int64"),
            "recognised": _bool(rec), "result": result, "reason": reason, "_missing_criteria": missing}
