"""Đăng ký, tự đánh giá và công nhận sáu mô hình học tập (giả định).

Years before the last are complete: every registration ended recognised, not
recognised or withdrawn, and the decisions are in ``recognitions``. The last
year is in progress: registrations are "Đã đăng ký" or "Đã tự đánh giá", none
recognised yet (except the commune's own title for the previous year, decided
in March).

Decisions follow the criteria catalogues: Công dân học tập by the self-scores,
Gia đình học tập, Dòng họ học tập, Cộng đồng học tập cấp thôn, Đơn vị học tập
(levels 1–2) and Cộng đồng học tập cấp xã (levels 1–2, level 2 at least 12
months after the level-1 decision) by the indicators measured from the books
and the declared values of the self-assessment form (``declared``), with the
sample's own thresholds where a catalogue has none (``SAMPLE_THRESHOLDS``), so
that the criteria engine reaches the recorded decisions. Staff of a unit registered for Đơn vị học tập register as
Công dân học tập far more often (the unit needs 90% of them to hold the title).
The smaller sample commune asks for level 2 of Cộng đồng học tập cấp xã too early.

The recognising authorities are the sample's assumptions (``AUTHORITIES``):
before 1/7/2025 some decisions are signed by the (former) district, after it
by the commune or the province.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..schema import MODELS
from .geography import Geography
from .organisation import Organisation
from .people import People
from .declared import (CDXA_DECLARED, DVHT_DECLARED, GDHT_DECLARED, LITERATE, RESIDENT, SCHOOL_KINDS,
                       household_conditions, household_declared, declared_rows, meets, share_grid, unit_declared,
                       unit_met)
from .spec import (REFORM_DATE, SPECS, CommuneSpec, days, make_ids, number_within, random_days, rng_for, to_datetime,
                   year_start)

CDHT_INDICATORS = ("CDHT-1.1", "CDHT-1.2", "CDHT-1.3", "CDHT-1.4", "CDHT-2.1", "CDHT-2.2", "CDHT-2.3",
                   "CDHT-2.4", "CDHT-3.1", "CDHT-3.2")

#: (authority before 1/7/2025, authority after, decision symbol) — assumptions of this sample.
AUTHORITIES = {
    "Công dân học tập": ("Hội Khuyến học xã {xa}", "Hội Khuyến học xã {xa}", "QĐ-HKH"),
    "Gia đình học tập": ("UBND xã {xa}", "UBND xã {xa}", "QĐ-UBND"),
    "Dòng họ học tập": ("UBND xã {xa}", "UBND xã {xa}", "QĐ-UBND"),
    "Cộng đồng học tập cấp thôn": ("UBND xã {xa}", "UBND xã {xa}", "QĐ-UBND"),
    "Đơn vị học tập": ("UBND huyện {huyen}", "UBND xã {xa}", "QĐ-UBND"),
    "Cộng đồng học tập cấp xã": ("UBND huyện {huyen}", "UBND tỉnh {tinh}", "QĐ-UBND"),
}

#: Score patterns of Công dân học tập self-assessments (shares), kept for teaching.
SCORE_PATTERNS = {"pass": 0.86, "narrow": 0.05, "one_at_4": 0.04, "fail": 0.05}
#: Score patterns of staff of a unit working for the Đơn vị học tập title that year.
KEEN_PATTERNS = {"pass": 0.985, "narrow": 0.005, "one_at_4": 0.005, "fail": 0.005}


@dataclass
class Models:
    registrations: pd.DataFrame
    self_scores: pd.DataFrame
    recognitions: pd.DataFrame


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def cdht_scores(rng: np.random.Generator, n: int, keen: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Scores (n × 10, 0–10) and the pattern of each row (see ``SCORE_PATTERNS``).

    ``keen`` rows (staff of a unit working for the Đơn vị học tập title) follow ``KEEN_PATTERNS``.
    """
    names = np.array(list(SCORE_PATTERNS))
    p = np.array(list(SCORE_PATTERNS.values()))
    cum = np.broadcast_to(np.cumsum(p / p.sum()), (n, len(names)))
    if keen is not None:
        pk = np.array([KEEN_PATTERNS[k] for k in names])
        cum = np.where(np.asarray(keen, bool)[:, None], np.cumsum(pk / pk.sum())[None, :], cum)
    pattern = names[np.minimum((rng.random((n, 1)) >= cum).sum(axis=1), len(names) - 1)]
    s = np.clip(np.round(rng.normal(8.6, 0.6, (n, 1)) + rng.normal(0, 0.8, (n, 10))), 5, 10).astype(np.int64)
    rows = np.arange(n)

    def raise_to(mask, target, frozen=None):
        # add one point at a time to the lowest indicator that can still grow
        idx = np.flatnonzero(mask)
        t = np.broadcast_to(target, (n,))[idx] if np.ndim(target) else np.full(len(idx), target)
        sub = s[idx]
        fz = None if frozen is None else frozen[idx]
        for _ in range(100):
            need = sub.sum(1) < t
            if not need.any():
                break
            k = np.flatnonzero(need)
            room = np.where(sub[k] < 10, sub[k], 99)
            if fz is not None:
                room[np.arange(len(k)), fz[k]] = 99
            sub[k, room.argmin(1)] += 1
        s[idx] = sub

    def lower_to(mask, target):
        # take one point at a time from the highest indicator, never below 5
        idx = np.flatnonzero(mask)
        t = np.broadcast_to(target, (n,))[idx] if np.ndim(target) else np.full(len(idx), target)
        sub = s[idx]
        for _ in range(100):
            need = sub.sum(1) > t
            if not need.any():
                break
            k = np.flatnonzero(need)
            room = np.where(sub[k] > 5, sub[k], -1)
            sub[k, room.argmax(1)] -= 1
        s[idx] = sub

    raise_to(np.ones(n, bool), 80)
    narrow = pattern == "narrow"
    targets = np.where(rng.random(n) < 0.5, 78, 79)
    raise_to(narrow, targets)
    lower_to(narrow, targets)
    one4 = pattern == "one_at_4"
    j4 = rng.integers(0, 10, n)
    s[rows[one4], j4[one4]] = 4
    raise_to(one4, 80, frozen=j4)
    fail = pattern == "fail"
    ft = rng.integers(62, 78, n)
    raise_to(fail, ft)
    lower_to(fail, ft)
    return s, pattern


def _authority(model: str, decision_day: np.ndarray, commune: np.ndarray, names: np.ndarray, huyen: str,
               tinh: str) -> np.ndarray:
    before, after, _ = AUTHORITIES[model]
    pre = decision_day < days(REFORM_DATE)
    b = np.array([before.format(xa=x, huyen=huyen, tinh=tinh) for x in names], dtype=object)[commune]
    a = np.array([after.format(xa=x, huyen=huyen, tinh=tinh) for x in names], dtype=object)[commune]
    return np.where(pre, b, a)


def build_models(geo: Geography, people: People, org: Organisation, person_years: pd.DataFrame,
                 household_years: pd.DataFrame, seed: int, years: list[int], as_of_day: int,
                 spec: CommuneSpec | None = None, classes: pd.DataFrame | None = None) -> Models:
    """Đăng ký, điểm tự đánh giá (kể cả giá trị tự khai) và quyết định công nhận của sáu mô hình."""
    rng = rng_for(seed, "models")
    last = years[-1]
    first = years[0]
    ny = len(years)
    byear = people.p_birth.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    py = person_years
    pp = py["_person"].to_numpy()
    pyear = py["year"].to_numpy()
    page = pyear - byear[pp]
    yend = year_start(pyear + 1) - 1
    m = org.members
    join = np.full(len(people.p_id), 99999)
    left = np.full(len(people.p_id), 99999)
    join[m["_person"].to_numpy()] = m["_joined_day"].to_numpy()
    ld = m["_left_day"].to_numpy()
    left[m["_person"].to_numpy()] = np.where(ld >= 0, ld, 99999)
    member = (join[pp] <= yend) & (left[pp] > yend)
    member_in_year = (join[pp] <= yend) & (left[pp] >= year_start(pyear))

    # --------------------------------------------------------------- household conditions per year
    hy = household_years
    hh_meets = household_conditions(py, hy, people.p_hh, people.p_residence, page, member_in_year)

    # --------------------------------------------------------------- Đơn vị học tập: who registers (decided first,
    # because the staff of a unit working for the title register as Công dân học tập far more often)
    u = org.units
    nu = len(u)
    ul = np.repeat(np.arange(nu), ny)
    uy = np.tile(years, nu)
    u_kind = u["kind"].to_numpy(dtype=object)[ul]
    u_office = u["_office"].to_numpy()[ul]
    strong = rng.normal(0, 1, nu)[ul]
    resident = np.isin(people.p_residence, RESIDENT)
    here_work = np.where(resident, org.p_workplace, -1)
    staff_n = np.bincount(here_work[here_work >= 0], minlength=nu)
    # units with none of their staff living in the commune cannot show the Công dân học tập share: they do not apply
    u_sel = (rng.random(len(ul)) < np.where(u_office, 0.85, 0.5 + 0.05 * (uy - first))) & (staff_n[ul] > 0)
    u_good = strong + rng.normal(0, 0.5, len(ul)) > -1.4
    campaign = np.zeros((nu, ny), dtype=bool)
    campaign[ul[u_sel], uy[u_sel] - first] = True

    frames = []
    # Công dân học tập: adults
    adult = page >= 19  # 18 or older on every day of the year
    t = pyear - first
    office = np.where(org.p_workplace >= 0, org.units["_office"].to_numpy()[np.maximum(org.p_workplace, 0)], False)
    w = org.p_workplace[pp]
    keen = (w >= 0) & campaign[np.maximum(w, 0), pyear - first]
    p_reg = (0.035 + 0.03 * t) * np.where(member, 1.8, 1.0) * np.where(office[pp], 3.0, 1.0)
    p_reg = np.where(pyear == last, p_reg * 0.75, p_reg)
    p_reg = np.where(keen, 0.99, np.minimum(p_reg, 0.9))
    sel = adult & (rng.random(len(py)) < p_reg)
    cd_partial = pyear[sel] == last
    cd_keen = keen[sel]
    cd_withdrawn = rng.random(len(cd_partial)) < np.where(cd_keen, 0.003, np.where(cd_partial, 0.04, 0.02))
    cd_sa_now = cd_partial & ~cd_withdrawn & (rng.random(len(cd_partial)) < 0.5)
    scored = (~cd_partial & ~cd_withdrawn) | cd_sa_now
    cd_scores, cd_pattern = cdht_scores(rng, int(scored.sum()), keen=cd_keen[scored])
    cd_srow = np.full(len(cd_partial), -1)
    cd_srow[scored] = np.arange(int(scored.sum()))
    cd_passed = np.ones(len(cd_partial), dtype=bool)
    cd_passed[scored] = (cd_scores.sum(1) >= 80) & (cd_scores.min(1) >= 5)
    frames.append(pd.DataFrame({
        "model": "Công dân học tập", "_subject": pp[sel], "subject_id": people.p_id[pp[sel]],
        "_commune": people.p_commune[pp[sel]], "year": pyear[sel], "level": pd.NA, "_meets": cd_passed,
        "_withdrawn": cd_withdrawn, "_sa_now": cd_sa_now, "_srow": cd_srow,
    }))
    # who holds the Công dân học tập title each year (decided in December of that year)
    cd_ok = ~cd_partial & ~cd_withdrawn & cd_passed
    holder = np.zeros((len(people.p_id), ny), dtype=bool)
    holder[pp[sel][cd_ok], pyear[sel][cd_ok] - first] = True

    # Gia đình học tập: households
    h = hy["_hh"].to_numpy()
    ty = hy["year"].to_numpy() - first
    p_reg = _sigmoid(1.2 * people.hh_engagement[h] + 0.2 + 0.25 * ty)
    sel = rng.random(len(hy)) < p_reg
    g_decl = household_declared(rng, people.hh_engagement[h[sel]])
    gdht = pd.DataFrame({
        "model": "Gia đình học tập", "_subject": h[sel], "subject_id": people.hh_id[h[sel]],
        "_commune": people.hh_commune[h[sel]], "year": hy["year"].to_numpy()[sel], "level": pd.NA,
        "_meets": hh_meets[sel] & (g_decl >= 1).all(axis=1),
        "_withdrawn": rng.random(int(sel.sum())) < np.where(hy["year"].to_numpy()[sel] == last, 0.04, 0.02),
    })
    gdht["_decl"] = list(g_decl)
    frames.append(gdht)
    # the indicators of Dòng họ, thôn and xã, measured as the criteria engine measures them (shares in %)
    g_ok = gdht[gdht["_meets"] & ~gdht["_withdrawn"] & (gdht["year"] != last)]
    g_hold = np.zeros((len(people.hh_id), ny), dtype=bool)  # recognised families hold the title for one year
    g_hold[g_ok["_subject"].to_numpy(), g_ok["year"].to_numpy() - first] = True

    def hh_share(group_of_hh: np.ndarray, n_groups: int) -> np.ndarray:
        g = np.repeat(group_of_hh, ny)
        return share_grid(g, np.tile(np.arange(ny), len(group_of_hh)), np.ones(len(g), bool), g_hold.reshape(-1),
                          n_groups, ny)

    resident = np.isin(people.p_residence, RESIDENT)  # the engine counts the people living in the commune now
    n_p = len(people.p_id)
    p_of = np.repeat(np.arange(n_p), ny)  # person × year grid
    j_of = np.tile(np.arange(ny), n_p)
    age_of = np.asarray(years)[j_of] - byear[p_of]
    lit = np.full((n_p, ny), None, dtype=object)
    lit[pp, pyear - first] = py["literacy"].to_numpy(dtype=object)
    lit = lit.reshape(-1)
    enrol = py["enrolment"].to_numpy(dtype=object)
    pupil_among = resident[pp] & np.isin(enrol, ["Đang đi học", "Bỏ học"])
    pupil_hit = enrol == "Đang đi học"

    def by_person(group_of_person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        g = np.where(resident, group_of_person, -1)
        return g[pp], g[p_of]  # for person-year rows, for the person × year grid

    # Dòng họ học tập: clans
    nc = len(people.clan_id)
    cl = np.repeat(np.arange(nc), ny)
    cy = np.tile(years, nc)
    g_py, g_grid = by_person(people.hh_clan[people.p_hh])
    c21 = hh_share(people.hh_clan, nc)[cl, cy - first]
    c22 = share_grid(g_py, pyear - first, pupil_among, pupil_hit, nc, ny)[cl, cy - first]
    c23 = share_grid(g_grid, j_of, age_of >= 15, holder.reshape(-1), nc, ny)[cl, cy - first]
    cat = "dongho-qd387"
    clan_meets = (people.clan_charter[cl] & people.clan_fund[cl] & meets(c21, cat, "DHHT-2.1")
                  & meets(c22, cat, "DHHT-2.2", if_empty=True) & meets(c23, cat, "DHHT-2.3"))
    sel = rng.random(len(cl)) < np.minimum(0.55 + 0.06 * (cy - first), 0.9)
    frames.append(pd.DataFrame({
        "model": "Dòng họ học tập", "_subject": cl[sel], "subject_id": people.clan_id[cl[sel]],
        "_commune": people.clan_commune[cl[sel]], "year": cy[sel], "level": pd.NA,
        "_meets": clan_meets[sel],
        "_withdrawn": rng.random(int(sel.sum())) < np.where(cy[sel] == last, 0.04, 0.02),
    }))
    # Cộng đồng học tập cấp thôn: villages
    nv = len(geo.village_id)
    vl = np.repeat(np.arange(nv), ny)
    vy = np.tile(years, nv)
    v_index = pd.Index(geo.village_id)
    b = org.branches
    b_v = v_index.get_indexer(b["village_id"].astype(object).to_numpy())
    b_year = pd.to_datetime(b["founded"]).dt.year.to_numpy()
    first_branch = np.full(nv, 9999)
    okb = (b_v >= 0) & ~np.isnan(b_year.astype(float))
    np.minimum.at(first_branch, b_v[okb], b_year[okb].astype(np.int64))
    n_classes = np.zeros((nv, ny))
    if classes is not None and len(classes):
        c_v = v_index.get_indexer(classes["village_id"].astype(object).to_numpy())
        c_j = pd.to_datetime(classes["start"]).dt.year.to_numpy() - first
        okc = (c_v >= 0) & (c_j >= 0) & (c_j < ny)
        np.add.at(n_classes, (c_v[okc], c_j[okc]), 1.0)
    g_py, g_grid = by_person(people.hh_village[people.p_hh])
    v21 = hh_share(people.hh_village, nv)[vl, vy - first]
    v22 = share_grid(g_py, pyear - first, pupil_among, pupil_hit, nv, ny)[vl, vy - first]
    v23 = share_grid(g_grid, j_of, (age_of >= 15) & (age_of <= 60), np.isin(lit, LITERATE), nv, ny)[vl, vy - first]
    cat = "congdongthon-qd387"
    village_meets = ((first_branch[vl] <= vy) & meets(n_classes[vl, vy - first], cat, "CDTHON-1.2")
                     & meets(v21, cat, "CDTHON-2.1") & meets(v22, cat, "CDTHON-2.2", if_empty=True)
                     & meets(v23, cat, "CDTHON-2.3"))
    sel = rng.random(len(vl)) < 0.9
    thon = pd.DataFrame({
        "model": "Cộng đồng học tập cấp thôn", "_subject": vl[sel], "subject_id": geo.village_id[vl[sel]],
        "_commune": geo.village_commune[vl[sel]], "year": vy[sel], "level": pd.NA, "_meets": village_meets[sel],
        "_withdrawn": rng.random(int(sel.sum())) < np.where(vy[sel] == last, 0.04, 0.02),
    })
    frames.append(thon)
    v_ok = thon[thon["_meets"] & ~thon["_withdrawn"] & (thon["year"] != last)]
    v_hold = np.zeros((nv, ny), dtype=bool)
    v_hold[v_ok["_subject"].to_numpy(), v_ok["year"].to_numpy() - first] = True
    # Đơn vị học tập: levels 1–2 under TT 24/2023; level 2 only after a level-1 decision of an earlier year
    u_decl = unit_declared(rng, u_kind, u_good)
    held_n = np.stack([np.bincount(here_work[(here_work >= 0) & holder[:, j]], minlength=nu) for j in range(ny)], 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cdht_share = np.where(staff_n[:, None] > 0, 100.0 * held_n / np.maximum(staff_n, 1)[:, None], np.nan)[ul, uy - first]
    met1 = unit_met(u_decl, u_kind, cdht_share, 1)
    met2 = met1 & unit_met(u_decl, u_kind, cdht_share, 2)
    u_withdrawn = u_sel & (rng.random(len(ul)) < np.where(uy == last, 0.04, 0.02))
    may_l2 = (np.isin(u_kind, SCHOOL_KINDS) | (u_kind == "Ủy ban nhân dân xã")) & (strong > -0.3)
    u_level = np.ones(len(ul), dtype=np.int64)
    u_meets = np.zeros(len(ul), dtype=bool)
    held_level = np.zeros(nu, dtype=np.int64)
    # a unit asks for level 2 when it held a level-1 decision of an earlier year and its own figures reach level 2
    # (only the share of Công dân học tập, known in December, may still fall short); in the last complete year one
    # unit asks for level 2 before its emulation title reached the level-2 mark
    own_l2 = unit_met(u_decl, u_kind, np.full(len(ul), 100.0), 2)
    for j, y in enumerate(years):  # one pass per year: level 2 depends on earlier decisions
        r = np.flatnonzero(uy == y)  # rows of this year, in unit order
        ready = may_l2[r] & (held_level >= 1)
        hopeful = ready & ~own_l2[r] & met1[r] & u_sel[r]
        lv = np.where(ready & own_l2[r], 2, 1)
        if ny > 1 and y == years[-2]:
            for c in np.unique(u["_commune"].to_numpy()):
                cand = np.flatnonzero(hopeful & (u["_commune"].to_numpy()[ul[r]] == c))
                if len(cand):
                    lv[cand[0]] = 2
        ok = np.where(lv == 2, met2[r], met1[r])
        u_level[r], u_meets[r] = lv, ok
        got = u_sel[r] & ~u_withdrawn[r] & ok & (y != last)
        held_level = np.where(got, np.maximum(held_level, lv), held_level)
    dv = pd.DataFrame({
        "model": "Đơn vị học tập", "_subject": ul[u_sel], "subject_id": u["unit_id"].to_numpy()[ul[u_sel]],
        "_commune": u["_commune"].to_numpy()[ul[u_sel]], "year": uy[u_sel], "level": u_level[u_sel],
        "_meets": u_meets[u_sel], "_withdrawn": u_withdrawn[u_sel],
    })
    dv["_decl"] = list(u_decl.to_numpy()[u_sel])
    frames.append(dv)
    # Cộng đồng học tập cấp xã: the commune itself, levels from 2023 (Thông tư 25/2023); level 2 needs 12 months
    # after the level-1 decision (signed in March of the next year)
    spec = spec or SPECS["mau"]
    ncm = geo.n_communes
    first_pass = np.where(np.arange(ncm) == 0, spec.xa_first_pass, rng.choice([2023, 2024], ncm))
    gap = np.where(np.arange(ncm) == 0, spec.xa_level2_gap, rng.choice([1, 2, 2], ncm))
    cc = np.repeat(np.arange(ncm), ny)
    ccy = np.tile(years, ncm)
    early_ok = np.ones(len(cc), bool) if ncm == 1 else rng.random(len(cc)) < 0.85
    decl_ok = np.where(ccy < 2023, early_ok, ccy >= first_pass[cc])
    # criterion 3 (models and literacy), measured; level 2 also needs level 1
    g_py, g_grid = by_person(people.hh_commune[people.p_hh])
    x31 = hh_share(people.hh_commune, ncm)[cc, ccy - first]
    x32 = share_grid(np.repeat(geo.village_commune, ny), np.tile(np.arange(ny), nv), np.ones(nv * ny, bool),
                     v_hold.reshape(-1), ncm, ny)[cc, ccy - first]
    x33 = share_grid(g_grid, j_of, (age_of >= 15) & (age_of <= 60), lit == "Biết chữ mức độ 2", ncm, ny)[cc, ccy - first]
    cat = "congdongxa-tt25-2023"
    measured = {lv: meets(x31, cat, "CDXA25-3.1", lv) & meets(x32, cat, "CDXA25-3.2", lv)
                & meets(x33, cat, "CDXA25-3.3", lv) for lv in (1, 2)}
    measured[2] = measured[2] & measured[1]
    xa_level = np.full(len(cc), -1)
    xa_meets = np.zeros(len(cc), dtype=bool)
    first_l1 = np.full(ncm, 9999)
    for j, y in enumerate(years):
        r = np.flatnonzero(ccy == y)
        if y < 2023:
            xa_meets[r] = decl_ok[r]
            continue
        lv = np.where(y >= first_l1 + gap, 2, 1)
        waited = first_l1 + 2 <= y  # level-1 decision of year y-2 or earlier: at least 12 months before 31/12/y
        xa_level[r] = lv
        xa_meets[r] = decl_ok[r] & np.where(lv == 1, measured[1][r], measured[2][r] & waited)
        first_l1 = np.where(xa_meets[r] & (y != last) & (first_l1 == 9999), y, first_l1)
    x_decl = np.ones((len(cc), len(CDXA_DECLARED)))
    x_decl[~decl_ok, CDXA_DECLARED.index("CDXA25-2.1")] = 0.0  # the state budget for the year fell short
    xa = pd.DataFrame({
        "model": "Cộng đồng học tập cấp xã", "_subject": cc, "subject_id": geo.commune_id[cc], "_commune": cc,
        "year": ccy, "level": np.where(xa_level < 0, pd.NA, xa_level), "_meets": xa_meets,
        "_withdrawn": np.zeros(len(cc), dtype=bool),
    })
    xa["_decl"] = list(x_decl)
    frames.append(xa)

    for f in frames:
        f["_model_order"] = MODELS.index(f["model"].iloc[0]) if len(f) else 0
    reg = pd.concat(frames, ignore_index=True)
    reg["level"] = pd.array(reg["level"], dtype="Int64")
    reg["_sa_now"] = reg["_sa_now"].fillna(False).astype(bool)
    reg["_srow"] = reg["_srow"].fillna(-1).astype(np.int64)
    n = len(reg)
    y = reg["year"].to_numpy().astype(np.int64)
    partial = y == last
    model = reg["model"].to_numpy()
    is_xa = model == "Cộng đồng học tập cấp xã"

    # --------------------------------------------------------------- procedure dates and statuses
    jan5 = year_start(y) + 4
    mar31 = jan5 + 85
    registered = random_days(rng, jan5, np.where(partial, np.minimum(jan5 + 115, as_of_day), mar31))
    sa_lo = np.where(is_xa, jan5 + 339, jan5 + 240)
    sa_hi = np.where(is_xa, jan5 + 352, jan5 + 314)
    self_assessed = random_days(rng, sa_lo, sa_hi)
    verified = np.where(is_xa, jan5 + 395 + rng.integers(0, 10, n), jan5 + 330 + rng.integers(0, 10, n))
    withdrawn = reg["_withdrawn"].to_numpy(dtype=bool)
    # the year in progress: some Công dân học tập registrants already self-assessed online
    sa_now = reg["_sa_now"].to_numpy(dtype=bool)
    self_assessed = np.where(sa_now, np.minimum(registered + rng.integers(10, 60, n), as_of_day), self_assessed)
    done = ~partial & ~withdrawn
    recognised = done & reg["_meets"].to_numpy(dtype=bool)
    status = np.select(
        [withdrawn, recognised, done, sa_now],
        ["Rút đăng ký", "Được công nhận", "Không được công nhận", "Đã tự đánh giá"], default="Đã đăng ký",
    )
    reg["status"] = status
    reg["_registered"] = registered
    reg["_self_assessed"] = np.where(done | sa_now, self_assessed, -1)
    reg["_verified"] = np.where(done, verified, -1)
    reg["_done"] = done
    order = np.lexsort((reg["_subject"].to_numpy(), registered, reg["_model_order"].to_numpy(), y,
                        reg["_commune"].to_numpy()))
    reg = reg.iloc[order].reset_index(drop=True)
    cm = reg["_commune"].to_numpy()
    reg["registration_id"] = make_ids(geo.prefix[cm], "DK", number_within(cm), 4)
    for col in ("registered", "self_assessed", "verified"):
        d = reg[f"_{col}"].to_numpy()
        reg[col] = to_datetime(np.maximum(d, 0), d >= 0)

    # --------------------------------------------------------------- self scores and declared values
    srow = reg["_srow"].to_numpy()
    has = np.flatnonzero(srow >= 0)
    s, pattern = cd_scores[srow[has]], cd_pattern[srow[has]]
    parts = [pd.DataFrame({
        "registration_id": np.repeat(reg["registration_id"].to_numpy()[has], 10),
        "indicator_id": np.tile(np.array(CDHT_INDICATORS, dtype=object), len(has)),
        "value": s.reshape(-1).astype(float),
    })]
    pat = np.full(n, None, dtype=object)
    pat[has] = pattern
    reg["_pattern"] = pat
    # forms filled in at the self-assessment of a completed year (the year in progress is not assessed yet)
    for mdl, cols in (("Gia đình học tập", GDHT_DECLARED), ("Đơn vị học tập", DVHT_DECLARED),
                      ("Cộng đồng học tập cấp xã", CDXA_DECLARED)):
        rows = reg[(reg["model"] == mdl).to_numpy() & reg["_done"].to_numpy()]
        if len(rows):
            vals = pd.DataFrame(np.vstack(rows["_decl"].to_numpy()), columns=list(cols))
            parts.append(declared_rows(rows["registration_id"].to_numpy(), vals))
    ss = pd.concat(parts, ignore_index=True)
    ss = ss.assign(_r=ss["registration_id"].map(pd.Series(np.arange(n), index=reg["registration_id"].to_numpy())))
    ss = ss.sort_values("_r", kind="stable").drop(columns="_r").reset_index(drop=True)
    reg = reg.drop(columns=["_decl", "_srow", "_withdrawn", "_sa_now"])

    # --------------------------------------------------------------- recognitions (decisions)
    rc = reg[reg["status"] == "Được công nhận"].copy()
    yy = rc["year"].to_numpy().astype(np.int64)
    dec_day = np.where(rc["model"] == "Cộng đồng học tập cấp xã", year_start(yy + 1) + 68, year_start(yy + 1) - 17)
    # one decision per (commune, model, year), signed on one day, numbered per authority and year
    grp = rc.groupby(["_commune", "_model_order", "year"], sort=True).ngroup().to_numpy()
    n_grp = grp.max() + 1 if len(grp) else 0
    g_shift = rng.integers(0, 12, n_grp)
    # decision numbers grow through the commune's year: unique per commune and year
    g_first = pd.Series(np.arange(len(rc))).groupby(grp).first().to_numpy() if len(grp) else np.zeros(0, int)
    g_comm = rc["_commune"].to_numpy()[g_first]
    g_year = rc["year"].to_numpy()[g_first]
    g_rank = pd.Series(np.arange(n_grp)).groupby([g_comm, g_year]).cumcount().to_numpy()
    g_base = pd.Series(rng.integers(10, 60, n_grp)).groupby([g_comm, g_year]).transform("first").to_numpy()
    g_no = g_base + 9 * g_rank + rng.integers(0, 6, n_grp)
    dec_day = dec_day + g_shift[grp]
    rcomm = rc["_commune"].to_numpy()
    auth = np.empty(len(rc), dtype=object)
    symbol = np.empty(len(rc), dtype=object)
    for mdl in MODELS:
        mm = (rc["model"] == mdl).to_numpy()
        auth[mm] = _authority(mdl, dec_day[mm], rcomm[mm], geo.commune_name, geo.district_name, geo.province_name)
        symbol[mm] = AUTHORITIES[mdl][2]
    rc["decision_no"] = g_no[grp].astype(str).astype(object) + "/" + symbol
    rc["decision_date"] = to_datetime(dec_day)
    rc["authority"] = auth
    expires = np.where(rc["model"] == "Đơn vị học tập", dec_day + 3 * 365, -1)
    rc["expires"] = to_datetime(np.maximum(expires, 0), expires >= 0)
    rc["_day"] = dec_day
    order = np.lexsort((rc["_subject"].to_numpy(), rc["_model_order"].to_numpy(), dec_day, rc["_commune"].to_numpy()))
    rc = rc.iloc[order].reset_index(drop=True)
    cm = rc["_commune"].to_numpy()
    rc["recognition_id"] = make_ids(geo.prefix[cm], "CN", number_within(cm), 4)
    return Models(registrations=reg, self_scores=ss, recognitions=rc)
