"""Khung dữ liệu dùng chung khi đánh giá một năm: nhân khẩu kèm tuổi, hộ kèm điều kiện năm đó, người giữ danh hiệu.

Built once per assessment and cached, so that every measure reads the same
prepared frames (one merge per table, never one per subject).

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> ctx = Context(CommuneData(), 2025)
    >>> len(ctx.residents)
    0
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

import numpy as np
import pandas as pd

from ..catalogues.vocabulary import HOUSEHOLD_YEAR_COLUMNS, PERSON_YEAR_COLUMNS  # columns copied for the year
from ..data import CommuneData


#: Column of the residents / households frames holding the id of the enclosing subject of each kind.
CONTAINER_KEY = {
    "person": "person_id",
    "household": "household_id",
    "clan": "clan_id",
    "village": "village_id",
    "commune": "commune_id",
    "province": "province_id",
    "unit": "workplace_id",
}

_EMPTY_IDS = pd.Series(dtype="string")


def _year_rows(df: pd.DataFrame, key: str, year: int, cols: tuple[str, ...]) -> pd.DataFrame:
    present = [c for c in cols if c in df.columns]
    rows = df.loc[(df["year"] == year).fillna(False).to_numpy(dtype=bool), [key, *present]]
    for c in cols:
        if c not in present:  # a missing column is reported by the engine only when a measure needs it
            rows[c] = pd.Series(pd.NA, index=rows.index, dtype="object")
    return rows.drop_duplicates(key, keep="last").set_index(key)


class Context:
    """Dữ liệu đã chuẩn bị cho năm ``year`` (mốc tính thời gian chờ: ``as_of``, mặc định 31/12 của năm)."""

    def __init__(self, data: CommuneData, year: int, as_of: dt.date | None = None):
        self.data = data
        self.year = int(year)
        self.start = pd.Timestamp(self.year, 1, 1)
        self.end = pd.Timestamp(self.year, 12, 31)
        self.as_of = pd.Timestamp(as_of) if as_of is not None else self.end
        self._holders: dict[str, set] = {}

    # ------------------------------------------------------------------ hierarchy

    @cached_property
    def parent(self) -> pd.Series:
        au = self.data.admin_units.drop_duplicates("unit_id")
        return pd.Series(au["parent_id"].to_numpy(), index=au["unit_id"].to_numpy())

    def _up(self, ids: pd.Series) -> pd.Series:
        return ids.map(self.parent).astype("string")

    # ------------------------------------------------------------------ people and households

    @cached_property
    def households(self) -> pd.DataFrame:
        h = self.data.households
        out = pd.DataFrame({
            "household_id": h["household_id"].to_numpy(),
            "clan_id": h["clan_id"].to_numpy(),
            "village_id": h["village_id"].to_numpy(),
            "poor": h["poor"].to_numpy(),
            "name": h["head_name"].to_numpy(),
        })
        for c in ("household_id", "clan_id", "village_id", "name"):
            out[c] = out[c].astype("string")
        out["commune_id"] = self._up(out["village_id"])
        out["province_id"] = self._up(out["commune_id"])
        hy = _year_rows(self.data.household_years, "household_id", self.year, HOUSEHOLD_YEAR_COLUMNS)
        joined = hy.reindex(out["household_id"].to_numpy())
        for c in HOUSEHOLD_YEAR_COLUMNS:
            out[c] = joined[c].to_numpy()
            out[c] = out[c].astype(hy[c].dtype)
        return out

    @cached_property
    def residents(self) -> pd.DataFrame:
        p = self.data.persons
        p = p[p["residence"].isin(["Thường trú", "Tạm trú"])]
        out = pd.DataFrame({
            "person_id": p["person_id"].astype("string").to_numpy(),
            "household_id": p["household_id"].astype("string").to_numpy(),
            "workplace_id": p["workplace_id"].astype("string").to_numpy(),
            "sex": p["sex"].astype("string").to_numpy(),
            "residence": p["residence"].astype("string").to_numpy(),
            "name": p["full_name"].astype("string").to_numpy(),
        })
        for c in ("person_id", "household_id", "workplace_id", "sex", "residence", "name"):
            out[c] = out[c].astype("string")
        birth_year = pd.to_datetime(p["birth_date"]).dt.year.to_numpy()
        out["age"] = pd.array(self.year - birth_year, dtype="Float64")
        h = self.households.set_index("household_id")
        for c in ("clan_id", "village_id", "commune_id", "province_id"):
            out[c] = h[c].reindex(out["household_id"].to_numpy()).to_numpy()
            out[c] = out[c].astype("string")
        py = _year_rows(self.data.person_years, "person_id", self.year, PERSON_YEAR_COLUMNS)
        joined = py.reindex(out["person_id"].to_numpy())
        for c in PERSON_YEAR_COLUMNS:
            out[c] = pd.array(joined[c].to_numpy(), dtype=py[c].dtype)
        return out

    @cached_property
    def units(self) -> pd.DataFrame:
        u = self.data.units
        out = pd.DataFrame({c: u[c].astype("string").to_numpy() for c in ("unit_id", "name", "kind", "village_id", "commune_id")})
        for c in out.columns:
            out[c] = out[c].astype("string")
        out["staff"] = pd.array(u["staff"].to_numpy(), dtype="Int64")
        out["province_id"] = self._up(out["commune_id"])
        return out

    def admin(self, level: str | tuple[str, ...]) -> pd.DataFrame:
        """Đơn vị hành chính cấp ``level`` (tỉnh, xã, thôn) kèm mã cấp trên."""
        au = self.data.admin_units
        levels = (level,) if isinstance(level, str) else tuple(level)
        a = au[au["level"].isin(levels)]
        out = pd.DataFrame({
            "unit_id": a["unit_id"].astype("string").to_numpy(),
            "name": a["name"].astype("string").to_numpy(),
            "level": a["level"].astype("string").to_numpy(),
            "kind": a["kind"].astype("string").to_numpy(),
            "parent_id": a["parent_id"].astype("string").to_numpy(),
        })
        for c in out.columns:
            out[c] = out[c].astype("string")
        return out

    # ------------------------------------------------------------------ titles held

    def validity_years(self, model: str) -> int | None:
        return validity_years(model)

    def holders(self, model: str) -> set:
        """Mã các đối tượng giữ danh hiệu ``model`` còn hiệu lực trong năm đánh giá.

        A recognition of year ``r`` is valid in year ``y`` when ``r <= y`` and either
        its ``expires`` date is on or after 1/1 of ``y``, or (no ``expires``) ``y`` is
        within the catalogue's validity years (one year when the catalogue sets none).
        """
        if model not in self._holders:
            held = title_holders(self.data.recognitions, model, [self.year], self.validity_years(model))
            self._holders[model] = set(held["subject_id"])
        return self._holders[model]


def valid_recognitions(recognitions: pd.DataFrame, model: str, year: int, validity_years: int | None) -> pd.DataFrame:
    """Các quyết định công nhận danh hiệu ``model`` còn hiệu lực trong năm ``year``.

    >>> from khuyenhoc.data import CommuneData
    >>> len(valid_recognitions(CommuneData().recognitions, "Gia đình học tập", 2025, None))
    0
    """
    r = recognitions[recognitions["model"] == model]
    ry = r["year"].astype("Float64")
    span = validity_years or 1
    by_expiry = r["expires"] >= pd.Timestamp(int(year), 1, 1)
    by_span = (ry + span - 1) >= year
    valid = (ry <= year) & np.where(r["expires"].notna(), by_expiry.fillna(False), by_span.fillna(False))
    return r[valid.fillna(False).to_numpy(dtype=bool)]


#: What each of the two "recognised" counts is, in the words shown to officers (reports, tables, charts).
COUNT_LABELS = {
    "recognised_in_year": "Được công nhận trong năm (quyết định ký trong năm)",
    "titled": "Giữ danh hiệu còn hiệu lực (đến 31/12)",
}


def validity_years(model: str) -> int | None:
    """Số năm hiệu lực của danh hiệu ``model`` theo bộ tiêu chí mặc định (không ghi: ``None``, tức một năm).

    >>> validity_years("Đơn vị học tập")
    3
    """
    from ..catalogues import default_catalogue

    try:
        return default_catalogue(model).validity_years
    except KeyError:
        return None


def recognised_in_year(recognitions: pd.DataFrame, model: str, years) -> pd.DataFrame:
    """Các đối tượng (``subject_id``, ``year``) được công nhận danh hiệu ``model`` bằng quyết định của năm đó.

    >>> from khuyenhoc.data import CommuneData
    >>> recognised_in_year(CommuneData().recognitions, "Gia đình học tập", [2025]).columns.tolist()
    ['subject_id', 'year']
    """
    r = recognitions[(recognitions["model"] == model).fillna(False).to_numpy(dtype=bool)]
    r = r[r["year"].isin([int(y) for y in years]).fillna(False).to_numpy(dtype=bool)]
    return r[["subject_id", "year"]].drop_duplicates().reset_index(drop=True)


def title_holders(recognitions: pd.DataFrame, model: str, years, validity: int | None = None) -> pd.DataFrame:
    """Các đối tượng (``subject_id``, ``year``) giữ danh hiệu ``model`` còn hiệu lực trong năm (xem
    :func:`valid_recognitions`); mỗi đối tượng một lần mỗi năm dù có nhiều quyết định.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"model": ["Đơn vị học tập"] * 2, "subject_id": ["U1", "U1"], "year": [2023, 2025],
    ...                   "expires": pd.to_datetime([None, None])})
    >>> title_holders(r, "Đơn vị học tập", [2024, 2025], validity=3).to_dict("records")
    [{'subject_id': 'U1', 'year': 2024}, {'subject_id': 'U1', 'year': 2025}]
    """
    parts = [valid_recognitions(recognitions, model, int(y), validity)[["subject_id"]].assign(year=int(y))
             for y in years]
    if not parts:
        return pd.DataFrame({"subject_id": pd.Series(dtype="string"), "year": pd.Series(dtype="Int64")})
    out = pd.concat(parts, ignore_index=True).drop_duplicates().reset_index(drop=True)
    out["year"] = out["year"].astype("Int64")
    return out
