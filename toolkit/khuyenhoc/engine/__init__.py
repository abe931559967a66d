"""Bộ máy đánh giá: áp một bộ tiêu chí cho cả xã (hoặc nhiều xã) trong một năm.

``assess(data, model, year)`` returns an ``Assessment`` with a tidy details
table (subject × indicator [× level]) and a summary (one row per subject). The
work is vectorised: one pass per indicator over all subjects at once.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> r = assess(CommuneData(), "Gia đình học tập", 2025, check_year=False)
    >>> r.catalogue.id, len(r.details)
    ('giadinh-qd387', 0)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalogues import resolve
from ..catalogues.model import Catalogue
from ..data import CommuneData
from ..schema import SCHEMA
from .context import Context
from .indicators import IndicatorResult, evaluate
from .measures import MEASURES
from .result import Assessment
from .rules import summarise
from .subjects import declared_values, registrations_of, subjects_frame

__all__ = ["assess", "assess_all", "Assessment", "AssessmentError", "MEASURES", "Context"]


class AssessmentError(ValueError):
    """Không đánh giá được (dữ liệu thiếu cột, năm không có số liệu…); thông báo bằng tiếng Việt."""


_BASE_NEEDS = {
    "person": (("persons", "person_id"), ("persons", "household_id"), ("persons", "residence"),
               ("persons", "birth_date"), ("households", "village_id"), ("admin_units", "parent_id")),
    "household": (("households", "household_id"), ("households", "village_id"), ("admin_units", "parent_id")),
    "clan": (("clans", "clan_id"), ("clans", "commune_id")),
    "village": (("admin_units", "unit_id"), ("admin_units", "level"), ("admin_units", "parent_id")),
    "commune": (("admin_units", "unit_id"), ("admin_units", "level")),
    "province": (("admin_units", "unit_id"), ("admin_units", "level")),
    "admin": (("admin_units", "unit_id"), ("admin_units", "level")),
    "unit": (("units", "unit_id"), ("units", "kind"), ("units", "commune_id")),
}


_FILTER_TABLE = {
    "age": ("persons", "birth_date"), "sex": ("persons", "sex"), "residence": ("persons", "residence"),
    **{c: ("person_years", c) for c in ("literacy", "schooling", "occupation", "digital_skills", "enrolment",
                                        "school_result", "learning_activities")},
    **{c: ("household_years", c) for c in ("cultural_family", "bookshelf", "internet", "family_fund",
                                           "fund_contribution")},
    "poor": ("households", "poor"),
}


def _check_columns(data: CommuneData, catalogue: Catalogue) -> None:
    needs: list[tuple[str, str, str]] = [(t, c, "đối tượng được xét") for t, c in _BASE_NEEDS[catalogue.subjects.kind]]
    declared = any(i.measure == "declared" for _, i in catalogue.indicators())
    if declared:
        needs += [(t, c, "giá trị tự khai") for t, c in (
            ("registrations", "registration_id"), ("registrations", "model"), ("registrations", "subject_id"),
            ("registrations", "year"), ("self_scores", "registration_id"), ("self_scores", "indicator_id"),
            ("self_scores", "value"))]
    for _, ind in catalogue.indicators():
        if ind.measure != "declared":
            spec = MEASURES[ind.measure]
            needs += [(t, c, f"chỉ số {ind.id}") for t, c in spec.needs]
            for pname in spec.filters:
                for key in (ind.params.get(pname) or {}):
                    col = key[:-4] if key.endswith(("_min", "_max")) else key
                    needs.append((*_FILTER_TABLE.get(col, ("persons", col)), f"chỉ số {ind.id}"))
            if "column" in spec.defaults:
                table = "clans" if ind.measure == "clan_flag" else "household_years"
                needs.append((table, ind.params.get("column", spec.defaults["column"]), f"chỉ số {ind.id}"))
    problems = []
    for t, c, why in needs:
        frame = data.tables.get(t)
        if frame is None or c not in frame.columns:
            tab = SCHEMA[t]
            problems.append(f"Bảng '{tab.sheet}' ({t}) thiếu cột '{tab.column(c).header}' ({c}), cần cho {why}.")
    if problems:
        raise AssessmentError("\n".join(dict.fromkeys(problems)))


def _check_year(data: CommuneData, year: int) -> None:
    years = set()
    for t in ("person_years", "household_years", "registrations", "recognitions"):
        df = data.tables.get(t)
        if df is not None and "year" in df.columns:
            years |= {int(y) for y in pd.Series(df["year"]).dropna().unique()}
    if int(year) not in years:
        have = ", ".join(str(y) for y in sorted(years)) or "không có năm nào"
        raise AssessmentError(f"Không có số liệu năm {year} trong dữ liệu (các năm có số liệu: {have}). "
                              "Chọn năm khác hoặc nhập số liệu năm đó.")


def _categorical_from_codes(parts: list[tuple[np.ndarray, np.ndarray]]) -> pd.Categorical:
    """One categorical from per-result (codes, texts) pairs, without hashing every row's string."""
    offsets = np.cumsum([0] + [len(t) for _, t in parts[:-1]])
    all_texts = np.concatenate([t for _, t in parts]) if parts else np.array([], dtype=object)
    remap, cats = pd.factorize(pd.Series(all_texts, dtype=object))
    codes = np.concatenate([remap[c + o] for (c, _), o in zip(parts, offsets)]) if parts else np.array([], int)
    return pd.Categorical.from_codes(codes, categories=pd.Index(cats, dtype=object))


def _tiled(col: pd.Series, idx: np.ndarray) -> pd.Categorical:
    """Column ``col`` repeated along ``idx`` as a categorical (no string is copied per row)."""
    codes, cats = pd.factorize(col.astype(object))
    return pd.Categorical.from_codes(codes[idx], categories=pd.Index(cats, dtype=object))


def _sparse_codes(texts: np.ndarray, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, texts) for a column that is empty except where ``where`` holds."""
    codes = np.zeros(len(texts), dtype=np.int64)
    if where.any():
        c, u = pd.factorize(pd.Series(texts[where], dtype=object))
        codes[where] = c + 1
        return codes, np.concatenate([np.array([""], dtype=object), np.asarray(u, dtype=object)])
    return codes, np.array([""], dtype=object)


def _details(subjects: pd.DataFrame, results: list[IndicatorResult], rule: str) -> pd.DataFrame:
    n = len(subjects)
    if not results:
        return pd.DataFrame()
    k = len(results)
    idx = np.tile(np.arange(n), k)

    def per_result(attr_fn, dtype=None):
        return np.concatenate([np.asarray(attr_fn(r), dtype=dtype) for r in results]) if n else np.array([], dtype=dtype)

    def const(fn):
        return np.repeat(np.array([fn(r) for r in results], dtype=object), n)

    def const_cat(fn):
        vals = pd.Series([fn(r) for r in results], dtype=object)
        codes, cats = pd.factorize(vals)
        return pd.Categorical.from_codes(np.repeat(codes, n), categories=pd.Index(cats, dtype=object))

    met = per_result(lambda r: r.met, float)
    out = pd.DataFrame({c: _tiled(subjects[c], idx) for c in ("subject_id", "village_id", "commune_id")})
    if rule == "levels":
        out["level"] = pd.array(const(lambda r: r.level), dtype="Int64")
    out["criterion_id"] = const_cat(lambda r: r.criterion.id)
    out["indicator_id"] = const_cat(lambda r: r.indicator.id)
    out["indicator"] = const_cat(lambda r: r.indicator.short or r.indicator.text)
    out["source"] = const_cat(lambda r: r.source)
    out["value"] = pd.array(per_result(lambda r: r.value, float), dtype="Float64")
    out["unit"] = const_cat(lambda r: r.indicator.unit)
    out["op"] = const_cat(lambda r: r.indicator.op)
    out["threshold"] = pd.array(const(lambda r: r.threshold).astype(float), dtype="Float64")
    out["threshold_source"] = const_cat(lambda r: r.threshold_source if r.threshold is not None else "")
    out["points"] = pd.array(per_result(lambda r: r.points, float), dtype="Float64")
    out["max_points"] = pd.array(const(lambda r: r.indicator.points).astype(float), dtype="Float64")
    out["applies"] = pd.array(per_result(lambda r: r.applies, bool), dtype="boolean")
    out["met"] = pd.array(np.where(np.isnan(met), None, met == 1.0), dtype="boolean")
    out["required"] = pd.array(const(lambda r: r.indicator.required).astype(bool), dtype="boolean")
    from .evidence_status import STATUSES

    out["evidence_status"] = pd.Categorical.from_codes(per_result(lambda r: r.evidence, np.int8),
                                                       categories=list(STATUSES))
    out["evidence_problem"] = _categorical_from_codes([_sparse_codes(r.evidence_problem, r.evidence == 2)
                                                       for r in results])
    out["explanation"] = _categorical_from_codes([r.explanation for r in results])
    if rule not in ("points", "rating"):
        out = out.drop(columns=["points", "max_points"])
    return out


def assess(data: CommuneData, model, year: int, level: int | None = None, *,
           thresholds: dict | None = None, declared: pd.DataFrame | None = None,
           scope: str | None = None, evidence_dir=None, as_of: dt.date | None = None,
           check_year: bool = True, context: Context | None = None) -> Assessment:
    """Đánh giá mọi đối tượng của mô hình ``model`` trong năm ``year`` theo bộ tiêu chí.

    - ``model``: mã bộ tiêu chí (``"donvi-tt24-2023"``), tên mô hình (``"Gia đình học tập"``: bộ mặc định),
      đường dẫn tệp YAML, hoặc một bộ tiêu chí đã nạp;
    - ``level``: với bộ tiêu chí có mức độ, xét mức độ này (mặc định: mức đã đăng ký, hoặc mức độ 1);
    - ``thresholds``: đặt ngưỡng còn trống, ví dụ ``{"GDHT-2.2": 50}``; hoặc đường dẫn tệp ngưỡng địa phương
      (.yaml, xem ``khuyenhoc.catalogues.local``), một ``ThresholdLayer``, hoặc danh sách các thứ đó (thứ sau
      thay thứ trước); nguồn của từng ngưỡng ghi ở cột ``threshold_source`` và trong lời giải thích;
    - ``declared``: bảng (subject_id, indicator_id, value) thêm hoặc thay giá trị tự khai;
    - ``scope``: ``"all"`` (mọi đối tượng) hoặc ``"registered"`` (chỉ đối tượng đã đăng ký);
    - ``evidence_dir``: thư mục minh chứng, để kiểm tra tệp và mã SHA-256;
    - ``as_of``: mốc tính thời gian chờ giữa hai mức độ (mặc định 31/12 của năm);
    - ``context``: khung dữ liệu đã chuẩn bị (dùng lại khi đánh giá nhiều mô hình, xem ``assess_all``).

    >>> from khuyenhoc.data import CommuneData
    >>> assess(CommuneData(), "congdan-qd324", 2025, check_year=False).summary.shape[0]
    0
    """
    from .evidence_status import check_evidence, status_by_indicator

    from ..catalogues.local import resolve_thresholds

    catalogue = resolve(model)
    try:
        catalogue, origins, threshold_notes = resolve_thresholds(catalogue, thresholds)
    except KeyError as e:
        raise AssessmentError(str(e.args[0])) from None
    if level is not None and catalogue.rule.kind != "levels":
        raise AssessmentError(f"Bộ tiêu chí '{catalogue.id}' không chia mức độ; bỏ tham số level.")
    if level is not None and level not in catalogue.level_numbers:
        raise AssessmentError(f"Bộ tiêu chí '{catalogue.id}' chỉ có các mức độ {catalogue.level_numbers}.")
    _check_columns(data, catalogue)
    if check_year and declared is None:
        _check_year(data, year)
    ctx = context if context is not None and context.year == int(year) and context.data is data else Context(data, year, as_of)
    subjects = subjects_frame(ctx, catalogue.subjects.kind, catalogue.subjects.admin_levels)
    regs = registrations_of(ctx, catalogue.model)
    decl = declared_values(ctx, catalogue.model, regs, declared)
    messages: list[str] = []
    scope = scope or catalogue.subjects.scope
    if scope == "registered":
        chosen = pd.concat([regs["subject_id"], decl["subject_id"]]).dropna().unique()
        unknown = set(pd.Index(chosen)[~pd.Index(chosen).isin(subjects["subject_id"])])
        if unknown:
            messages.append(f"{len(unknown)} đăng ký có mã đối tượng không có trong dữ liệu (hoặc không còn cư trú), "
                            f"không được đánh giá: {', '.join(sorted(unknown)[:5])}{'…' if len(unknown) > 5 else ''}.")
        subjects = subjects[subjects["subject_id"].isin(chosen).to_numpy(dtype=bool)].reset_index(drop=True)
    subjects = subjects.drop_duplicates("subject_id").reset_index(drop=True)
    levels: list[int | None] = list(catalogue.level_numbers) if catalogue.rule.kind == "levels" else [None]
    results = evaluate(ctx, catalogue, subjects, decl, levels, origins)
    checked = check_evidence(data, catalogue, year, evidence_dir)
    ev = status_by_indicator(checked, catalogue, subjects["subject_id"].to_numpy(), codes=True)
    for r in results:
        r.evidence, r.evidence_problem = ev[r.indicator.id]
    for ind_id, lv in catalogue.unset_thresholds():
        where = f" (mức độ {lv})" if lv is not None else ""
        messages.append(f"Chỉ số {ind_id}{where} chưa có ngưỡng (threshold: null): kết luận để 'Chưa kết luận'. "
                        f"Ghi ngưỡng địa phương đã quyết định vào tệp ngưỡng địa phương (--nguong-file) "
                        f"hoặc dùng thresholds={{'{ind_id}': …}}.")
    messages.extend(threshold_notes)
    if catalogue.provenance == "reconstructed":
        messages.append(f"Bộ tiêu chí '{catalogue.id}' là bản dựng lại từ tài liệu công khai, chưa đối chiếu "
                        "toàn văn: kiểm tra trước khi dùng cho quyết định chính thức.")
    summary = summarise(ctx, catalogue, subjects, regs, results, level)
    details = _details(subjects, results, catalogue.rule.kind)
    return Assessment(catalogue, int(year), level, details, summary, messages, evidence_checks=checked,
                      evidence_dir=Path(evidence_dir) if evidence_dir is not None else None)


def assess_all(data: CommuneData, year: int, models=None, **kwargs) -> dict[str, Assessment]:
    """Đánh giá nhiều bộ tiêu chí (mặc định: bộ mặc định của mọi mô hình) trong cùng năm, dùng chung dữ liệu đã chuẩn bị.

    >>> from khuyenhoc.data import CommuneData
    >>> sorted(assess_all(CommuneData(), 2025, check_year=False))[:2]
    ['congdan-qd324', 'congdongthon-qd387']
    """
    from ..catalogues.model import ALL_MODELS, UNESCO_MODEL

    from ..catalogues.local import ThresholdLayer, _layers

    ctx = Context(data, year, kwargs.get("as_of"))
    chosen = models or [m for m in ALL_MODELS if m != UNESCO_MODEL]
    cats = [resolve(m) for m in chosen]
    try:
        layers = _layers(kwargs.pop("thresholds", None))
    except KeyError as e:
        raise AssessmentError(str(e.args[0])) from None
    layers = [_split_inline(layer, cats) if "*" in layer.values else layer for layer in layers]
    out = {}
    for cat in cats:
        out[cat.id] = assess(data, cat, year, context=ctx, thresholds=layers, **kwargs)
    return out


def _split_inline(layer, cats):
    """Ngưỡng cho trực tiếp {mã chỉ số: ngưỡng} khi đánh giá nhiều bộ tiêu chí: chia về bộ có chỉ số đó."""
    from dataclasses import replace

    per: dict[str, dict] = {}
    for ind_id, v in layer.values["*"].items():
        owners = [c.id for c in cats if ind_id.partition(":")[0] in {i.id for _, i in c.indicators()}]
        if not owners:
            raise AssessmentError(f"Không có chỉ số {ind_id} trong các bộ tiêu chí được đánh giá "
                                  f"({', '.join(c.id for c in cats)}).")
        for cid in owners:
            per.setdefault(cid, {})[ind_id] = v
    rest = {k: v for k, v in layer.values.items() if k != "*"}
    for cid, vals in per.items():
        rest[cid] = {**vals, **rest.get(cid, {})}
    return replace(layer, values=rest)
