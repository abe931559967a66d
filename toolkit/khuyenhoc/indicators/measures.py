"""Các đại lượng (tử số, mẫu số) tính cho mọi năm và mọi đơn vị cùng lúc.

A *measure* is a small vectorised function of a :class:`Context` that returns a
tidy frame ``year, unit_id, value``: one row per year and per the finest
administrative unit the quantity can be attributed to (a thôn when the data say
where, otherwise the xã). Indicators name measures from a registry, the way the
DHIS2 indicators name data elements; the engine sums them up the tree.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> ctx = Context(CommuneData(), years=[2025])
    >>> MEASURES["members"].func(ctx).columns.tolist()
    ['year', 'unit_id', 'value']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from ..data import CommuneData
from ..engine.context import recognised_in_year, title_holders, validity_years

__all__ = ["Measure", "MEASURES", "measure", "Context", "MODEL_COUNTS", "COUNTS"]

OUT_COLUMNS = ["year", "unit_id", "value"]


@dataclass(frozen=True)
class Measure:
    """Một đại lượng có tên: mã, tên tiếng Việt, đơn vị đo và hàm tính."""

    name: str
    label: str
    unit: str
    func: Callable[["Context"], pd.DataFrame]
    #: How the measure is carried up the hierarchy (``indicators.arithmetic.AGGREGATIONS``): declared, not assumed.
    aggregation: str = "sum"


#: Registry of measures by name (indicator definitions refer to these names).
MEASURES: dict[str, Measure] = {}


def measure(name: str, label: str, unit: str = "người", aggregation: str = "sum"):
    """Đăng ký một đại lượng mới (dùng làm decorator).

    >>> @measure("demo_zero", "Luôn bằng 0", "lần")
    ... def _zero(ctx):
    ...     return ctx.empty()
    >>> "demo_zero" in MEASURES
    True
    >>> del MEASURES["demo_zero"]
    """

    def deco(func):
        MEASURES[name] = Measure(name, label, unit, func, aggregation)
        return func

    return deco


class Context:
    """Dữ liệu của xã cùng các bảng trung gian dùng chung cho mọi đại lượng (tính một lần)."""

    def __init__(self, data: CommuneData, years: Iterable[int]):
        self.data = data
        self.years = sorted({int(y) for y in years})

    # ------------------------------------------------------------------ helpers
    def empty(self) -> pd.DataFrame:
        return pd.DataFrame({"year": pd.Series(dtype="Int64"), "unit_id": pd.Series(dtype="string"),
                             "value": pd.Series(dtype="Float64")})

    def year_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"year": pd.array(self.years, dtype="Int64")})

    def count(self, df: pd.DataFrame, unit_col: str = "unit_id") -> pd.DataFrame:
        """Count rows per (year, unit)."""
        if df.empty:
            return self.empty()
        g = df.groupby(["year", unit_col], dropna=True, observed=True).size()
        return self._finish(g)

    def total(self, df: pd.DataFrame, col: str, unit_col: str = "unit_id") -> pd.DataFrame:
        """Sum ``col`` per (year, unit)."""
        if df.empty:
            return self.empty()
        g = df.groupby(["year", unit_col], dropna=True, observed=True)[col].sum()
        return self._finish(g)

    def _finish(self, g: pd.Series) -> pd.DataFrame:
        out = g.rename("value").reset_index()
        out.columns = OUT_COLUMNS
        out["year"] = out["year"].astype("Int64")
        out["unit_id"] = out["unit_id"].astype("string")
        out["value"] = out["value"].astype("Float64")
        return out[out["year"].isin(self.years)].reset_index(drop=True)

    def per_year(self, df: pd.DataFrame) -> pd.DataFrame:
        """Cross join of ``df`` with the years (for time-less tables)."""
        return df.merge(self.year_frame(), how="cross")

    def year_ends(self) -> pd.Series:
        return pd.Series(pd.to_datetime([f"{y}-12-31" for y in self.years]), index=self.years)

    @staticmethod
    def year_of(dates: pd.Series) -> pd.Series:
        return dates.dt.year.astype("Int64")

    # ------------------------------------------------------------------ shared frames
    @cached_property
    def commune_of(self) -> pd.Series:
        """unit_id → commune id (itself for a commune)."""
        au = self.data.admin_units.drop_duplicates("unit_id")
        parent = au.set_index("unit_id")["parent_id"]
        level = au.set_index("unit_id")["level"]
        own = pd.Series(au["unit_id"].to_numpy(), index=au["unit_id"].to_numpy(), dtype="string")
        return own.where(level.reindex(own.index).eq("xã").fillna(False).to_numpy(),
                         parent.reindex(own.index).astype("string"))

    @cached_property
    def household_village(self) -> pd.Series:
        hh = self.data.households.drop_duplicates("household_id")
        return pd.Series(hh["village_id"].to_numpy(), index=hh["household_id"].to_numpy(), dtype="string")

    @cached_property
    def persons(self) -> pd.DataFrame:
        """Persons with their village and birth year."""
        p = self.data.persons[["person_id", "household_id", "birth_date", "residence", "workplace_id"]].copy()
        p["village_id"] = p["household_id"].map(self.household_village).astype("string")
        p["birth_year"] = p["birth_date"].dt.year.astype("Int64")
        return p

    @cached_property
    def person_village(self) -> pd.Series:
        p = self.persons
        return pd.Series(p["village_id"].to_numpy(), index=p["person_id"].to_numpy(), dtype="string")

    @cached_property
    def register(self) -> pd.DataFrame:
        """The population register per year: one row per person and year.

        ``person_years`` is the annual register; for a year it does not cover,
        the persons now resident (thường trú, tạm trú) stand in.
        """
        py = self.data.person_years
        py = py[py["year"].isin(self.years)]
        cols = ["person_id", "year", "literacy", "enrolment"]
        covered = set(int(y) for y in py["year"].dropna().unique())
        missing = [y for y in self.years if y not in covered]
        frames = [py[cols]]
        if missing:
            res = self.persons[self.persons["residence"].isin(["Thường trú", "Tạm trú"])][["person_id"]]
            extra = res.merge(pd.DataFrame({"year": pd.array(missing, dtype="Int64")}), how="cross")
            extra["literacy"] = pd.Series(pd.NA, index=extra.index, dtype="string")
            extra["enrolment"] = pd.Series(pd.NA, index=extra.index, dtype="string")
            frames.append(extra)
        reg = pd.concat([f for f in frames if len(f)], ignore_index=True) if any(len(f) for f in frames) \
            else py[cols]
        p = self.persons.set_index("person_id")
        reg = reg.assign(
            unit_id=reg["person_id"].map(p["village_id"]).astype("string"),
            age=(reg["year"] - reg["person_id"].map(p["birth_year"])).astype("Int64"),
            workplace_id=reg["person_id"].map(p["workplace_id"]).astype("string"),
        )
        return reg

    @cached_property
    def active_members(self) -> pd.DataFrame:
        """Members still in the association on 31/12 of each year, with their village."""
        m = self.data.members[["member_id", "person_id", "branch_id", "role", "joined", "left"]]
        if m.empty:
            return m.assign(year=pd.Series(dtype="Int64"), unit_id=pd.Series(dtype="string"))
        m = self.per_year(m)
        end = pd.to_datetime(m["year"].astype(int).astype(str) + "-12-31")
        alive = (m["joined"] <= end) & (m["left"].isna() | (m["left"] > end))
        m = m[alive.fillna(False)].copy()
        br = self.data.branches.drop_duplicates("branch_id").set_index("branch_id")
        branch_village = m["branch_id"].map(br["village_id"])
        m["unit_id"] = m["person_id"].map(self.person_village).fillna(branch_village).astype("string")
        return m

    def branch_unit(self, branch_id: pd.Series, commune_id: pd.Series) -> pd.Series:
        """Where a fund movement belongs: the branch's thôn if any, else the commune."""
        br = self.data.branches.drop_duplicates("branch_id").set_index("branch_id")
        return branch_id.map(br["village_id"]).fillna(commune_id).astype("string")

    def recognised_ids(self, model: str) -> pd.DataFrame:
        """(subject_id, year): recognised as ``model`` by a decision of that year (the flow of the year)."""
        return recognised_in_year(self.data.recognitions, model, self.years)

    def titled_ids(self, model: str) -> pd.DataFrame:
        """(subject_id, year): holding a valid ``model`` title in that year (the stock at 31/12), the same rule
        as the criteria engine (``engine.context.title_holders``)."""
        return title_holders(self.data.recognitions, model, self.years, validity_years(model))

    @cached_property
    def classes(self) -> pd.DataFrame:
        c = self.data.classes.copy()
        units = self.data.units.drop_duplicates("unit_id").set_index("unit_id")
        centre_place = c["centre_id"].map(units["village_id"]).fillna(c["centre_id"].map(units["commune_id"]))
        c["unit_id"] = c["village_id"].fillna(centre_place).astype("string")
        c["year"] = self.year_of(c["start"])
        return c

    @cached_property
    def enrolments(self) -> pd.DataFrame:
        c = self.classes.set_index("class_id")
        e = self.data.enrolments.copy()
        for col in ("kind", "unit_id", "year", "sessions"):
            e[col] = e["class_id"].map(c[col])
        return e

    @cached_property
    def units(self) -> pd.DataFrame:
        u = self.data.units.copy()
        u["unit_id_place"] = u["village_id"].fillna(u["commune_id"]).astype("string")
        return u


# =========================================================================== population
@measure("population", "Dân số", "người")
def population(ctx: Context) -> pd.DataFrame:
    """Register count per thôn and year; a thôn's statistical population, when given, replaces it."""
    out = ctx.count(ctx.register)
    au = ctx.data.admin_units
    stat = au[au["level"].eq("thôn").fillna(False) & au["population"].notna()]
    if len(stat) and len(out):
        s = stat.set_index("unit_id")["population"].astype("Float64")
        known = out["unit_id"].isin(s.index)
        out.loc[known, "value"] = out.loc[known, "unit_id"].map(s).astype("Float64")
    return out


@measure("adults", "Người từ đủ 18 tuổi", "người")
def adults(ctx: Context) -> pd.DataFrame:
    r = ctx.register
    return ctx.count(r[(r["age"] >= 18).fillna(False)])


@measure("age_15_60", "Người từ 15 đến 60 tuổi (có ghi mức biết chữ)", "người")
def age_15_60(ctx: Context) -> pd.DataFrame:
    r = ctx.register
    return ctx.count(r[r["age"].between(15, 60).fillna(False) & r["literacy"].notna()])


@measure("literate_15_60", "Người 15–60 tuổi biết chữ mức độ 2", "người")
def literate_15_60(ctx: Context) -> pd.DataFrame:
    r = ctx.register
    ok = r["age"].between(15, 60).fillna(False) & r["literacy"].eq("Biết chữ mức độ 2").fillna(False)
    return ctx.count(r[ok])


@measure("school_age", "Trẻ trong diện đi học (đang học hoặc bỏ học)", "người")
def school_age(ctx: Context) -> pd.DataFrame:
    r = ctx.register
    return ctx.count(r[r["enrolment"].isin(["Đang đi học", "Bỏ học"]).fillna(False)])


@measure("school_enrolled", "Trẻ trong diện đang đi học", "người")
def school_enrolled(ctx: Context) -> pd.DataFrame:
    r = ctx.register
    return ctx.count(r[r["enrolment"].eq("Đang đi học").fillna(False)])


# =========================================================================== organisation
@measure("members", "Hội viên đang sinh hoạt (31/12)", "người")
def members(ctx: Context) -> pd.DataFrame:
    return ctx.count(ctx.active_members)


@measure("new_members", "Hội viên kết nạp trong năm", "người")
def new_members(ctx: Context) -> pd.DataFrame:
    m = ctx.active_members
    return ctx.count(m[m["joined"].dt.year.astype("Int64") == m["year"]])


@measure("cadres", "Cán bộ Hội (31/12)", "người")
def cadres(ctx: Context) -> pd.DataFrame:
    m = ctx.active_members
    return ctx.count(m[m["role"].ne("Hội viên").fillna(False)])


@measure("cadres_trained", "Cán bộ Hội được tập huấn trong năm", "người")
def cadres_trained(ctx: Context) -> pd.DataFrame:
    m = ctx.active_members
    m = m[m["role"].ne("Hội viên").fillna(False)]
    t = ctx.data.trainings[["member_id", "date"]].assign(year=lambda d: ctx.year_of(d["date"]))
    trained = t[["member_id", "year"]].drop_duplicates()
    return ctx.count(m.merge(trained, on=["member_id", "year"], how="inner"))


_ECONOMIC = ("Doanh nghiệp", "Hợp tác xã")


def _with_branch(ctx: Context, units: pd.DataFrame) -> pd.DataFrame:
    u = ctx.per_year(units[["unit_id", "unit_id_place"]])
    b = ctx.data.branches[["unit_id", "founded"]].dropna(subset=["unit_id"])
    b = ctx.per_year(b)
    b = b[(b["founded"].dt.year.astype("Int64") <= b["year"]).fillna(False)][["unit_id", "year"]].drop_duplicates()
    return u.merge(b, on=["unit_id", "year"], how="inner")


@measure("offices", "Cơ quan, đơn vị (không kể doanh nghiệp, hợp tác xã)", "đơn vị")
def offices(ctx: Context) -> pd.DataFrame:
    u = ctx.units[~ctx.units["kind"].isin(_ECONOMIC)]
    return ctx.count(ctx.per_year(u[["unit_id_place"]]), unit_col="unit_id_place")


@measure("offices_with_branch", "Cơ quan, đơn vị có chi hội khuyến học", "đơn vị")
def offices_with_branch(ctx: Context) -> pd.DataFrame:
    u = ctx.units[~ctx.units["kind"].isin(_ECONOMIC)]
    return ctx.count(_with_branch(ctx, u), unit_col="unit_id_place")


@measure("enterprises", "Doanh nghiệp, hợp tác xã", "đơn vị")
def enterprises(ctx: Context) -> pd.DataFrame:
    u = ctx.units[ctx.units["kind"].isin(_ECONOMIC)]
    return ctx.count(ctx.per_year(u[["unit_id_place"]]), unit_col="unit_id_place")


@measure("enterprises_with_branch", "Doanh nghiệp, hợp tác xã có chi hội khuyến học", "đơn vị")
def enterprises_with_branch(ctx: Context) -> pd.DataFrame:
    u = ctx.units[ctx.units["kind"].isin(_ECONOMIC)]
    return ctx.count(_with_branch(ctx, u), unit_col="unit_id_place")


# =========================================================================== fund
def _fund(ctx: Context, table: str, purposes: tuple[str, ...] | None = None) -> pd.DataFrame:
    f = ctx.data[table]
    if purposes is not None:
        f = f[f["purpose"].isin(purposes)]
    f = f.assign(year=ctx.year_of(f["date"]), unit_id=ctx.branch_unit(f["branch_id"], f["commune_id"]))
    return ctx.total(f, "amount")


@measure("fund_receipts", "Thu quỹ khuyến học", "đồng")
def fund_receipts(ctx: Context) -> pd.DataFrame:
    return _fund(ctx, "fund_receipts")


@measure("fund_spending", "Chi quỹ khuyến học", "đồng")
def fund_spending(ctx: Context) -> pd.DataFrame:
    return _fund(ctx, "fund_spending")


@measure("fund_spending_awards", "Chi học bổng, khen thưởng", "đồng")
def fund_spending_awards(ctx: Context) -> pd.DataFrame:
    return _fund(ctx, "fund_spending", ("Học bổng", "Khen thưởng"))


def _awards(ctx: Context) -> pd.DataFrame:
    a = ctx.data.awards
    return a.assign(year=ctx.year_of(a["date"]), unit_id=a["person_id"].map(ctx.person_village).astype("string"))


@measure("awards_count", "Suất học bổng, khen thưởng", "suất")
def awards_count(ctx: Context) -> pd.DataFrame:
    return ctx.count(_awards(ctx))


@measure("awards_amount", "Giá trị học bổng, khen thưởng", "đồng")
def awards_amount(ctx: Context) -> pd.DataFrame:
    return ctx.total(_awards(ctx), "amount")


# =========================================================================== learning models
@measure("households", "Hộ gia đình", "hộ")
def households(ctx: Context) -> pd.DataFrame:
    """Households of the year's register (``household_years``); all households for a year it does not cover."""
    hy = ctx.data.household_years[["household_id", "year"]]
    hy = hy[hy["year"].isin(ctx.years)]
    missing = [y for y in ctx.years if y not in set(int(v) for v in hy["year"].dropna().unique())]
    if missing:
        extra = ctx.data.households[["household_id"]].merge(
            pd.DataFrame({"year": pd.array(missing, dtype="Int64")}), how="cross")
        hy = pd.concat([hy, extra], ignore_index=True) if len(hy) else extra
    hy = hy.assign(unit_id=hy["household_id"].map(ctx.household_village).astype("string"))
    return ctx.count(hy)


@measure("clans", "Dòng họ", "dòng họ")
def clans(ctx: Context) -> pd.DataFrame:
    c = ctx.per_year(ctx.data.clans[["clan_id", "commune_id"]])
    return ctx.count(c, unit_col="commune_id")


@measure("villages", "Thôn, bản, tổ dân phố", "thôn")
def villages(ctx: Context) -> pd.DataFrame:
    v = ctx.data.villages()[["unit_id", "parent_id"]]
    return ctx.count(ctx.per_year(v), unit_col="parent_id")


@measure("units", "Cơ quan, đơn vị, doanh nghiệp trong xã", "đơn vị")
def units_measure(ctx: Context) -> pd.DataFrame:
    return ctx.count(ctx.per_year(ctx.units[["unit_id_place"]]), unit_col="unit_id_place")


@measure("communes", "Xã, phường", "xã")
def communes(ctx: Context) -> pd.DataFrame:
    c = ctx.data.communes()[["unit_id"]]
    return ctx.count(ctx.per_year(c))


def _household_place(ctx: Context, ids: pd.Series) -> pd.Series:
    return ids.map(ctx.household_village)


def _clan_place(ctx: Context, ids: pd.Series) -> pd.Series:
    return ids.map(ctx.data.clans.drop_duplicates("clan_id").set_index("clan_id")["commune_id"])


def _village_place(ctx: Context, ids: pd.Series) -> pd.Series:
    return ids.map(ctx.data.villages().set_index("unit_id")["parent_id"])


def _unit_place(ctx: Context, ids: pd.Series) -> pd.Series:
    return ids.map(ctx.units.drop_duplicates("unit_id").set_index("unit_id")["unit_id_place"])


def _commune_place(ctx: Context, ids: pd.Series) -> pd.Series:
    return ids.where(ids.isin(set(ctx.data.communes()["unit_id"].dropna())))


#: The two counts of every learning model, named for what they are (see ``engine.context.COUNT_LABELS``):
#: ``<x>_recognised`` — recognised by a decision of the year; ``<x>_titled`` — holding a valid title at 31/12.
COUNTS = {"recognised": "recognised_ids", "titled": "titled_ids"}
_COUNT_WORDS = {"recognised": "được công nhận trong năm", "titled": "giữ danh hiệu còn hiệu lực (31/12)"}


def _register_counts(prefix: str, model: str, noun: str, unit: str, place) -> None:
    for kind, getter in COUNTS.items():
        def func(ctx: Context, _getter=getter) -> pd.DataFrame:
            r = getattr(ctx, _getter)(model)
            return ctx.count(r.assign(unit_id=place(ctx, r["subject_id"].astype("string")).astype("string")))

        func.__name__ = f"{prefix}_{kind}"
        func.__doc__ = f"{noun} {_COUNT_WORDS[kind]} danh hiệu {model}."
        MEASURES[f"{prefix}_{kind}"] = Measure(f"{prefix}_{kind}", f"{noun} {_COUNT_WORDS[kind]} danh hiệu {model}",
                                               unit, func)


_register_counts("households", "Gia đình học tập", "Hộ", "hộ", _household_place)
_register_counts("clans", "Dòng họ học tập", "Dòng họ", "dòng họ", _clan_place)
_register_counts("villages", "Cộng đồng học tập cấp thôn", "Thôn", "thôn", _village_place)
_register_counts("units", "Đơn vị học tập", "Đơn vị", "đơn vị", _unit_place)
_register_counts("communes", "Cộng đồng học tập cấp xã", "Xã", "xã", _commune_place)


def _adult_cdht(ctx: Context, kind: str = "recognised") -> pd.DataFrame:
    r = ctx.register
    r = r[(r["age"] >= 18).fillna(False)]
    rec = getattr(ctx, COUNTS[kind])("Công dân học tập").rename(columns={"subject_id": "person_id"})
    return r.merge(rec.astype({"person_id": "string"}), on=["person_id", "year"], how="inner")


@measure("adults_cdht", "Người từ đủ 18 tuổi được công nhận trong năm danh hiệu Công dân học tập", "người")
def adults_cdht(ctx: Context) -> pd.DataFrame:
    return ctx.count(_adult_cdht(ctx))


@measure("adults_cdht_titled", "Người từ đủ 18 tuổi giữ danh hiệu còn hiệu lực (31/12) danh hiệu Công dân học tập",
         "người")
def adults_cdht_titled(ctx: Context) -> pd.DataFrame:
    return ctx.count(_adult_cdht(ctx, "titled"))


@measure("workers", "Người đang làm việc tại cơ quan, đơn vị trong xã", "người")
def workers(ctx: Context) -> pd.DataFrame:
    r = ctx.register
    return ctx.count(r[(r["age"] >= 18).fillna(False) & r["workplace_id"].notna()])


@measure("workers_cdht", "Người làm việc tại cơ quan, đơn vị được công nhận trong năm danh hiệu Công dân học tập",
         "người")
def workers_cdht(ctx: Context) -> pd.DataFrame:
    r = _adult_cdht(ctx)
    return ctx.count(r[r["workplace_id"].notna()])


#: Per learning model: (denominator measure, recognised-in-the-year measure, holding-a-valid-title measure).
MODEL_COUNTS: dict[str, tuple[str, str, str]] = {
    "Công dân học tập": ("adults", "adults_cdht", "adults_cdht_titled"),
    "Gia đình học tập": ("households", "households_recognised", "households_titled"),
    "Dòng họ học tập": ("clans", "clans_recognised", "clans_titled"),
    "Cộng đồng học tập cấp thôn": ("villages", "villages_recognised", "villages_titled"),
    "Đơn vị học tập": ("units", "units_recognised", "units_titled"),
    "Cộng đồng học tập cấp xã": ("communes", "communes_recognised", "communes_titled"),
}


# =========================================================================== classes
_LITERACY = ("Xóa mù chữ", "Sau xóa mù chữ")


def _classes_of(ctx: Context, kinds: tuple[str, ...]) -> pd.DataFrame:
    c = ctx.classes
    return c[c["kind"].isin(kinds)]


def _enrol_of(ctx: Context, kinds: tuple[str, ...]) -> pd.DataFrame:
    e = ctx.enrolments
    return e[e["kind"].isin(kinds)]


@measure("tthtcd_classes", "Lớp chuyên đề của TTHTCĐ", "lớp")
def tthtcd_classes(ctx: Context) -> pd.DataFrame:
    return ctx.count(_classes_of(ctx, ("Chuyên đề TTHTCĐ",)))


@measure("tthtcd_learners", "Lượt học viên lớp chuyên đề", "lượt người")
def tthtcd_learners(ctx: Context) -> pd.DataFrame:
    return ctx.count(_enrol_of(ctx, ("Chuyên đề TTHTCĐ",)))


@measure("tthtcd_attended", "Buổi học viên đã dự", "buổi")
def tthtcd_attended(ctx: Context) -> pd.DataFrame:
    return ctx.total(_enrol_of(ctx, ("Chuyên đề TTHTCĐ",)), "attended")


@measure("tthtcd_planned", "Buổi học theo kế hoạch (mỗi học viên)", "buổi")
def tthtcd_planned(ctx: Context) -> pd.DataFrame:
    return ctx.total(_enrol_of(ctx, ("Chuyên đề TTHTCĐ",)), "sessions")


@measure("literacy_classes", "Lớp xóa mù chữ, sau xóa mù chữ", "lớp")
def literacy_classes(ctx: Context) -> pd.DataFrame:
    return ctx.count(_classes_of(ctx, _LITERACY))


@measure("literacy_learners", "Học viên lớp xóa mù chữ, sau xóa mù chữ", "người")
def literacy_learners(ctx: Context) -> pd.DataFrame:
    return ctx.count(_enrol_of(ctx, _LITERACY))


@measure("literacy_completed", "Học viên hoàn thành lớp xóa mù chữ, sau xóa mù chữ", "người")
def literacy_completed(ctx: Context) -> pd.DataFrame:
    e = _enrol_of(ctx, _LITERACY)
    return ctx.count(e[e["completed"].fillna(False)])


def fund_use(data: CommuneData, year: int) -> pd.DataFrame:
    """Chi quỹ khuyến học trong năm theo nội dung chi (cấp xã): số khoản, số tiền, tỷ lệ.

    >>> fund_use(CommuneData(), 2025).columns.tolist()
    ['purpose', 'payments', 'amount', 'share']
    """
    f = data.fund_spending
    f = f[f["date"].dt.year == year]
    g = f.groupby("purpose", observed=True)["amount"].agg(["size", "sum"]).reset_index()
    g.columns = ["purpose", "payments", "amount"]
    total = g["amount"].sum()
    g["share"] = (g["amount"] / total * 100).astype("Float64") if total else pd.Series(np.nan, index=g.index)
    return g.sort_values("amount", ascending=False).reset_index(drop=True)
