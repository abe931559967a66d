"""Các cách đo (measure): hàm nhỏ có tên, tính một đại lượng cho mọi đối tượng cùng lúc.

A catalogue names a measure (``measure: share_persons``) with parameters; the
engine looks it up in ``MEASURES``. Each function takes the prepared
``Context`` and the subjects frame and returns one float per subject (NaN when
there is nothing to measure, e.g. a household without school-age children).
Shares are in percent (0–100); yes/no values are 1.0 / 0.0.

Filters (``among``, ``where``) are small dictionaries, the same for every measure:

- ``age_min`` / ``age_max``: age in the assessment year (year − birth year), bounds included;
- ``<column>: [value, …]``: the column's value is one of the list (e.g. ``enrolment: [Đang đi học]``);
- ``<column>: true``: a yes/no column is "Có";
- ``<column>_min: n``: a number column is at least ``n``.

Ví dụ::

    >>> sorted(MEASURES)[:3]
    ['clan_flag', 'count_classes', 'has_branch']
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..catalogues.vocabulary import HOUSEHOLD_FILTER_COLUMNS, MEASURE_DECLS, PERSON_FILTER_COLUMNS, MeasureDecl
from .context import CONTAINER_KEY, Context

__all__ = ["MEASURES", "MeasureSpec", "measure", "filter_mask", "PERSON_FILTER_COLUMNS", "HOUSEHOLD_FILTER_COLUMNS"]


@dataclass(frozen=True)
class MeasureSpec(MeasureDecl):
    """Một cách đo: khai báo của nó trong ``catalogues.vocabulary`` và hàm tính cho mọi đối tượng cùng lúc."""

    func: Callable[..., pd.Series] | None = None


MEASURES: dict[str, MeasureSpec] = {}


def measure(name: str):
    """Gắn hàm tính vào cách đo ``name`` đã khai báo trong ``catalogues.vocabulary`` (dùng làm decorator)."""
    decl = MEASURE_DECLS[name]

    def wrap(func):
        MEASURES[name] = MeasureSpec(**{f.name: getattr(decl, f.name) for f in fields(MeasureDecl)}, func=func)
        return func

    return wrap


def filter_mask(frame: pd.DataFrame, spec: dict[str, Any] | None) -> np.ndarray:
    """Mặt nạ Có/Không của các dòng thỏa điều kiện ``spec`` (xem đầu mô-đun)."""
    m = np.ones(len(frame), dtype=bool)
    for k, v in (spec or {}).items():
        if k.endswith("_min") or k.endswith("_max"):
            col = frame[k[:-4]].astype("Float64")
            cond = col >= float(v) if k.endswith("_min") else col <= float(v)
        elif isinstance(v, bool):
            cond = frame[k].astype("boolean") == v
        else:
            values = [v] if isinstance(v, str) else list(v)
            cond = frame[k].isin(values)
        m &= pd.Series(cond).fillna(False).to_numpy(dtype=bool)
    return m


def _subject_codes(keys: pd.Series, subject_ids: pd.Series, cache: tuple | None) -> np.ndarray:
    """Vị trí đối tượng (trong ``subject_ids``) của từng dòng ``keys`` (-1 nếu không thuộc đối tượng nào).

    ``cache`` = (ctx, frame name, key column, subjects frame): the positions are computed once per
    assessment and reused by every indicator that groups the same rows by the same subjects.
    """
    if cache is not None:
        ctx, frame, col, subjects = cache
        store = ctx.__dict__.setdefault("_codes", {})
        ck = (frame, col, id(subjects), len(subjects))
        if ck in store and store[ck][0] is subjects:
            return store[ck][1]
    codes = pd.Index(subject_ids.to_numpy(dtype=object)).get_indexer(keys.to_numpy(dtype=object))
    if cache is not None:
        store[ck] = (subjects, codes)
    return codes


def _share(keys: pd.Series, among: np.ndarray, hit: np.ndarray, subject_ids: pd.Series,
           cache: tuple | None = None) -> pd.Series:
    """100 × (số dòng ``hit``) / (số dòng ``among``) theo từng mã trong ``keys``; NaN khi mẫu số bằng 0."""
    codes = _subject_codes(keys, subject_ids, cache)
    ok = codes >= 0
    n = len(subject_ids)
    den = np.bincount(codes[ok], weights=among[ok].astype(float), minlength=n)
    num = np.bincount(codes[ok], weights=(among & hit)[ok].astype(float), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, 100.0 * num / np.where(den > 0, den, 1), np.nan)
    return pd.Series(out, index=subject_ids.to_numpy())


def _flag(values: pd.Series) -> np.ndarray:
    b = values.astype("boolean")
    return np.where(b.isna(), np.nan, b.fillna(False).astype(float))




@measure("share_persons")
def share_persons(ctx: Context, subjects: pd.DataFrame, kind: str, among: dict, where: dict) -> pd.Series:
    """Tỉ lệ % người đang cư trú thuộc đối tượng (hộ, thôn, đơn vị…) thỏa ``where`` trong số thỏa ``among``."""
    r = ctx.residents
    return _share(r[CONTAINER_KEY[kind]], filter_mask(r, among), filter_mask(r, where), subjects["subject_id"],
                  (ctx, "residents", CONTAINER_KEY[kind], subjects))


@measure("share_households")
def share_households(ctx: Context, subjects: pd.DataFrame, kind: str, among: dict, where: dict) -> pd.Series:
    """Tỉ lệ % hộ của đối tượng (dòng họ, thôn, xã) thỏa ``where`` trong năm đánh giá."""
    h = ctx.households
    return _share(h[CONTAINER_KEY[kind]], filter_mask(h, among), filter_mask(h, where), subjects["subject_id"],
                  (ctx, "households", CONTAINER_KEY[kind], subjects))




@measure("household_flag")
def household_flag(ctx: Context, subjects: pd.DataFrame, kind: str, column: str) -> pd.Series:
    """1 nếu hộ có đặc điểm ``column`` trong năm đánh giá, 0 nếu không, trống nếu chưa có số liệu năm đó."""
    h = ctx.households.set_index("household_id")[column]
    return pd.Series(_flag(h.reindex(subjects["subject_id"].to_numpy())), index=subjects["subject_id"].to_numpy())


@measure("clan_flag")
def clan_flag(ctx: Context, subjects: pd.DataFrame, kind: str, column: str) -> pd.Series:
    """1 nếu dòng họ có đặc điểm ``column`` (quy ước hoặc quỹ khuyến học), 0 nếu không."""
    c = ctx.data.clans
    s = pd.Series(c[column].to_numpy(), index=c["clan_id"].astype("string").to_numpy())
    s = s[~s.index.duplicated()]
    return pd.Series(_flag(s.reindex(subjects["subject_id"].to_numpy())), index=subjects["subject_id"].to_numpy())


def _active_member_persons(ctx: Context) -> np.ndarray:
    m = ctx.data.members
    active = (m["joined"] <= ctx.end).fillna(False) & (m["left"].isna() | (m["left"] >= ctx.start).fillna(False))
    return m.loc[active.to_numpy(dtype=bool), "person_id"].astype("string").unique()


@measure("takes_part_khuyenhoc")
def takes_part_khuyenhoc(ctx: Context, subjects: pd.DataFrame, kind: str) -> pd.Series:
    """1 nếu hộ góp quỹ khuyến học (> 0 đồng) trong năm hoặc có người đang là hội viên Hội Khuyến học."""
    h = ctx.households
    gave = (h["fund_contribution"].astype("Float64") > 0).fillna(False).to_numpy(dtype=bool)
    r = ctx.residents
    member_hh = r.loc[r["person_id"].isin(_active_member_persons(ctx)).to_numpy(dtype=bool), "household_id"].unique()
    yes = gave | h["household_id"].isin(member_hh).to_numpy(dtype=bool)
    s = pd.Series(yes.astype(float), index=h["household_id"].to_numpy())
    s = s[~s.index.duplicated()]
    return s.reindex(subjects["subject_id"].to_numpy())


@measure("share_recognised")
def share_recognised(ctx: Context, subjects: pd.DataFrame, kind: str, model: str, among: dict) -> pd.Series:
    """Tỉ lệ % người/hộ/thôn/đơn vị thuộc đối tượng đang giữ danh hiệu ``model`` trong năm đánh giá."""
    from ..catalogues.model import MODEL_KIND

    holders = ctx.holders(model)
    member = MODEL_KIND[model]
    if member == "person":
        frame, key = ctx.residents, CONTAINER_KEY[kind]
        ids = frame["person_id"]
    elif member == "household":
        frame, key = ctx.households, CONTAINER_KEY[kind]
        ids = frame["household_id"]
    elif member == "village":
        frame = ctx.admin("thôn").rename(columns={"parent_id": "commune_id"})
        frame["province_id"] = ctx._up(frame["commune_id"])
        key, ids = CONTAINER_KEY[kind], frame["unit_id"]
    elif member == "unit":
        frame, key, ids = ctx.units, CONTAINER_KEY[kind] if kind != "unit" else "unit_id", ctx.units["unit_id"]
    else:  # a commune holds nothing inside it of kind commune
        frame = ctx.admin("xã").rename(columns={"parent_id": "province_id"})
        key, ids = CONTAINER_KEY[kind], frame["unit_id"]
    if key not in frame.columns:
        return pd.Series(np.nan, index=subjects["subject_id"].to_numpy())
    hit = ids.isin(holders).to_numpy(dtype=bool)
    return _share(frame[key], filter_mask(frame, among), hit, subjects["subject_id"])


@measure("has_branch")
def has_branch(ctx: Context, subjects: pd.DataFrame, kind: str) -> pd.Series:
    """1 nếu thôn (hoặc đơn vị) có chi hội khuyến học thành lập trước hoặc trong năm đánh giá."""
    b = ctx.data.branches
    col = "village_id" if kind == "village" else "unit_id"
    founded = (b["founded"] <= ctx.end).fillna(False).to_numpy(dtype=bool)
    ids = set(b.loc[founded, col].dropna().astype(str))
    return pd.Series(subjects["subject_id"].isin(ids).to_numpy(dtype=float), index=subjects["subject_id"].to_numpy())


@measure("count_classes")
def count_classes(ctx: Context, subjects: pd.DataFrame, kind: str, kinds_of_class: list) -> pd.Series:
    """Số lớp khai giảng trong năm; thôn: lớp mở ở thôn; xã: lớp của các Trung tâm học tập cộng đồng trong xã."""
    c = ctx.data.classes
    sel = (c["start"].dt.year == ctx.year).fillna(False).to_numpy(dtype=bool)
    if kinds_of_class:
        sel &= c["kind"].isin(list(kinds_of_class)).to_numpy(dtype=bool)
    c = c[sel]
    if kind == "village":
        keys = c["village_id"].astype("string")
    else:
        centre_commune = ctx.units.set_index("unit_id")["commune_id"]
        centre_commune = centre_commune[~centre_commune.index.duplicated()]
        keys = c["centre_id"].astype("string").map(centre_commune)
    counts = keys.value_counts()
    return counts.reindex(subjects["subject_id"].to_numpy()).fillna(0).astype(float)


if set(MEASURES) != set(MEASURE_DECLS):  # every declared measure is implemented, and only those
    raise RuntimeError(f"cách đo khai báo mà chưa có hàm tính: {sorted(set(MEASURE_DECLS) - set(MEASURES))}; "
                       f"hàm tính chưa khai báo: {sorted(set(MEASURES) - set(MEASURE_DECLS))}")
