"""Đơn vị, chi hội, hội viên và tập huấn cán bộ Hội (giả định)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .geography import Geography
from .names import COOPERATIVE_KINDS, ENTERPRISE_KINDS, TRADE_NAMES
from .people import DAYS_PER_YEAR, OCC, People
from .spec import REFORM_DATE, days, make_ids, number_within, random_days, rng_for, to_datetime

ENTERPRISE_UNIT_KINDS = ("Hợp tác xã", "Doanh nghiệp")
CADRE_LEADERS = ("Chủ tịch Hội", "Phó Chủ tịch Hội", "Ủy viên Ban Thường vụ")


@dataclass
class Organisation:
    units: pd.DataFrame  # + internal columns _commune, _office
    branches: pd.DataFrame  # + _commune, _founded_day
    members: pd.DataFrame  # + _person, _commune, _joined_day, _left_day
    p_workplace: np.ndarray  # unit row index per person (-1 = none)


def _unit_plan(rng: np.random.Generator, name: str, pop: int) -> list[tuple[str, str, int, int]]:
    """(kind, name, min staff, max staff) of the units of one commune."""
    plan = [
        ("Ủy ban nhân dân xã", f"Ủy ban nhân dân xã {name}", 20, 30),
        ("Đảng ủy xã", f"Đảng ủy xã {name}", 6, 12),
        ("Trung tâm học tập cộng đồng", f"Trung tâm học tập cộng đồng xã {name}", 3, 6),
    ]
    suffix = ["A", "B", "C", "D", "E", "G"]

    def schools(kind: str, label: str, n: int, lo: int, hi: int) -> None:
        for i in range(n):
            tag = suffix[i] if i < len(suffix) else f"số {i + 1}"
            plan.append((kind, f"{label} {name}" + (f" {tag}" if n > 1 else ""), lo, hi))

    schools("Trường mầm non", "Trường Mầm non", 1 + pop // 6000, 18, 35)
    schools("Trường tiểu học", "Trường Tiểu học", 1 + pop // 4500, 22, 40)
    schools("Trường trung học cơ sở", "Trường Trung học cơ sở", 1 + pop // 12000, 25, 45)
    if pop >= 9000 or rng.random() < 0.25:
        schools("Trường trung học phổ thông", "Trường Trung học phổ thông", 1 + pop // 30000, 50, 80)
    plan += [
        ("Trạm y tế", f"Trạm Y tế xã {name}", 6, 10),
        ("Bưu điện văn hóa xã", f"Bưu điện văn hóa xã {name}", 1, 3),
        ("Cơ quan, tổ chức khác", f"Công an xã {name}", 8, 15),
    ]
    n_coop = min(len(COOPERATIVE_KINDS), 1 + pop // 4000)
    for k in rng.choice(len(COOPERATIVE_KINDS), size=n_coop, replace=False):
        plan.append(("Hợp tác xã", f"{COOPERATIVE_KINDS[k]} {name}", 5, 25))
    n_ent = 2 + pop // 2000
    kinds = rng.choice(len(ENTERPRISE_KINDS), size=n_ent)
    trades = rng.choice(len(TRADE_NAMES), size=n_ent, replace=n_ent > len(TRADE_NAMES))
    for k, t in zip(kinds, trades):
        plan.append(("Doanh nghiệp", f"{ENTERPRISE_KINDS[k]} {TRADE_NAMES[t]}", 15, 180))
    return plan


def _pick_weighted(rng, group_of_item: np.ndarray, weight: np.ndarray, group_of_draw: np.ndarray) -> np.ndarray:
    """For each draw, an item of the same group chosen with probability ∝ weight (-1 if none)."""
    order = np.argsort(group_of_item, kind="stable")
    g, w = group_of_item[order], weight[order].astype(float)
    cum = np.zeros(len(w))
    groups = np.unique(g)
    for grp in groups:
        m = g == grp
        cum[m] = grp + np.cumsum(w[m]) / w[m].sum()
        cum[np.flatnonzero(m)[-1]] = grp + 1.0
    pos = np.searchsorted(cum, group_of_draw + rng.random(len(group_of_draw)) * 0.999999, side="right")
    ok = np.isin(group_of_draw, groups)
    pos = np.minimum(pos, len(order) - 1)
    return np.where(ok, order[pos], -1)


def build_organisation(geo: Geography, people: People, seed: int, as_of_day: int, first_year: int) -> Organisation:
    """Units, their staff links, branches and members of every commune."""
    rng = rng_for(seed, "organisation")
    rows = []
    for c in range(geo.n_communes):
        villages = np.flatnonzero(geo.village_commune == c)
        centre = villages[0]
        for kind, name, lo, hi in _unit_plan(rng, geo.commune_name[c], int(geo.commune_pop[c])):
            central = kind in ("Ủy ban nhân dân xã", "Đảng ủy xã", "Trung tâm học tập cộng đồng", "Trạm y tế",
                               "Bưu điện văn hóa xã", "Cơ quan, tổ chức khác")
            v = centre if central else rng.choice(villages)
            rows.append((c, kind, name, geo.village_id[v], int(rng.integers(lo, hi + 1))))
    u = pd.DataFrame(rows, columns=["_commune", "kind", "name", "village_id", "_staff"])
    u["_office"] = ~u["kind"].isin(ENTERPRISE_UNIT_KINDS)
    u["unit_id"] = make_ids(geo.prefix[u["_commune"].to_numpy()], "DV", number_within(u["_commune"].to_numpy()), 2)
    u["commune_id"] = geo.commune_id[u["_commune"].to_numpy()]

    # ---------------------------------------------------------------- workplaces of residents
    N = len(people.p_id)
    age = people.age_on(as_of_day)
    here = people.p_exit < 0
    career = people.p_career
    comm = people.p_commune
    u_comm = u["_commune"].to_numpy()
    u_staff = u["_staff"].to_numpy()
    office = u["_office"].to_numpy()
    police = (u["kind"] == "Cơ quan, tổ chức khác").to_numpy()
    work = np.full(N, -1)
    adult = here & (age >= 22) & (age < 60)
    cs = adult & (career == OCC["Cán bộ, công chức, viên chức"]) & (rng.random(N) < 0.8)
    idx_off = np.flatnonzero(office & ~police)
    work[cs] = idx_off[np.maximum(_pick_weighted(rng, u_comm[idx_off], u_staff[idx_off], comm[cs]), 0)]
    wk = adult & (career == OCC["Công nhân, thợ thủ công"]) & (rng.random(N) < 0.45)
    idx_ent = np.flatnonzero(~office)
    pick = _pick_weighted(rng, u_comm[idx_ent], u_staff[idx_ent], comm[wk])
    work[np.flatnonzero(wk)[pick >= 0]] = idx_ent[pick[pick >= 0]]
    af = adult & (career == OCC["Lực lượng vũ trang"]) & (rng.random(N) < 0.5)
    idx_pol = np.flatnonzero(police)
    pick = _pick_weighted(rng, u_comm[idx_pol], np.ones(len(idx_pol)), comm[af])
    work[np.flatnonzero(af)[pick >= 0]] = idx_pol[pick[pick >= 0]]
    linked = np.bincount(work[work >= 0], minlength=len(u))
    u["staff"] = np.maximum(u_staff, linked + rng.integers(0, 4, len(u)))

    # ---------------------------------------------------------------- branches
    enterprise_rows = np.flatnonzero(~office)
    chosen = np.zeros(len(u), dtype=bool)
    chosen[office] = True
    for c in range(geo.n_communes):  # about half of the enterprises of each commune
        e = enterprise_rows[u_comm[enterprise_rows] == c]
        k = int(round(len(e) / 2))
        chosen[rng.choice(e, size=k, replace=False)] = True
    bu = u[chosen]
    vname = np.array([n[0].lower() + n[1:] for n in geo.village_name], dtype=object)
    br_comm = np.r_[geo.village_commune, bu["_commune"].to_numpy()]
    br_name = np.r_["Chi hội khuyến học " + vname, "Chi hội khuyến học " + bu["name"].to_numpy(dtype=object)]
    br_village = np.r_[geo.village_id, np.full(len(bu), None, dtype=object)]
    br_unit = np.r_[np.full(len(geo.village_id), None, dtype=object), bu["unit_id"].to_numpy(dtype=object)]
    br_unit_row = np.r_[np.full(len(geo.village_id), -1), np.flatnonzero(chosen)]
    nb = len(br_comm)
    lo = np.r_[np.full(len(geo.village_id), days(date(2003, 1, 1))),
               np.where(bu["_office"].to_numpy(), days(date(2006, 1, 1)), days(date(2014, 1, 1)))]
    hi = np.r_[np.full(len(geo.village_id), days(date(2012, 12, 31))),
               np.where(bu["_office"].to_numpy(), days(date(2018, 12, 31)), days(date(first_year + 2, 12, 31)))]
    founded = random_days(rng, lo, hi)
    order = np.argsort(br_comm, kind="stable")
    br_comm, br_name, br_village, br_unit, br_unit_row, founded = (
        a[order] for a in (br_comm, br_name, br_village, br_unit, br_unit_row, founded))
    br_id = make_ids(geo.prefix[br_comm], "CH", number_within(br_comm), 2)
    branches = pd.DataFrame({
        "branch_id": br_id, "name": br_name, "village_id": br_village, "unit_id": br_unit,
        "founded": to_datetime(founded), "_commune": br_comm, "_founded_day": founded,
    })
    village_branch = np.full(len(geo.village_id), -1)
    village_branch[np.searchsorted(geo.village_id, br_village[br_village != None])] = np.flatnonzero(br_village != None)  # noqa: E711
    if not np.all(geo.village_id[:-1] <= geo.village_id[1:]):  # ids are sorted by construction; keep it honest
        raise AssertionError("village ids must be sorted")
    unit_branch = np.full(len(u), -1)
    unit_branch[br_unit_row[br_unit_row >= 0]] = np.flatnonzero(br_unit_row >= 0)

    # ---------------------------------------------------------------- members
    adult_day = people.p_birth + int(18 * DAYS_PER_YEAR) + 1
    p_ever = np.full(N, 0.44)
    p_ever = np.where(people.p_edu >= 4, 0.54, p_ever)
    p_ever = np.where(work >= 0, np.where(office[np.maximum(work, 0)], 0.92, 0.5), p_ever)
    p_ever = np.where(age >= 75, 0.25, p_ever)
    p_ever = np.where(geo.village_kind[people.p_village] == "bản", p_ever * 0.8, p_ever)
    ever = rng.random(N) < p_ever
    wb = np.where(work >= 0, unit_branch[np.maximum(work, 0)], -1)
    branch = np.where((wb >= 0) & (rng.random(N) < 0.7), wb, village_branch[people.p_village])
    lo_old = np.maximum.reduce([adult_day, founded[branch], np.full(N, days(date(2005, 1, 1)))])
    hi_old = np.full(N, days(date(first_year - 1, 12, 31)))
    lo_new = np.maximum.reduce([adult_day, founded[branch], np.full(N, days(date(first_year, 1, 1)))])
    hi_new = np.where(people.p_exit >= 0, people.p_exit - 30, as_of_day)
    old_join = (rng.random(N) < 0.74) & (lo_old <= hi_old)
    joined = np.where(old_join, random_days(rng, lo_old, hi_old), random_days(rng, lo_new, hi_new))
    ok = ever & (old_join | (lo_new <= hi_new))
    ok &= ~((people.p_exit >= 0) & (joined >= people.p_exit))
    pm = np.flatnonzero(ok)
    j = joined[pm]
    left = np.where(people.p_exit[pm] >= 0, people.p_exit[pm], -1)
    quit_ = (left < 0) & (rng.random(len(pm)) < 0.03)
    quit_day = random_days(rng, np.maximum(j + 365, days(date(first_year, 1, 1))), as_of_day)
    quit_ &= quit_day <= as_of_day
    left = np.where(quit_, quit_day, left)
    m = pd.DataFrame({
        "_person": pm, "_commune": comm[pm], "_branch": branch[pm], "_joined_day": j, "_left_day": left,
    }).sort_values(["_commune", "_joined_day", "_person"], kind="stable").reset_index(drop=True)

    # roles: branch heads and deputies, then the commune committee
    mp = m["_person"].to_numpy()
    active = (m["_left_day"] < 0).to_numpy()
    age_m = age[mp]
    pref = np.where((age_m >= 35) & (age_m <= 70), 1.0, 0.15) * active
    key = rng.random(len(m)) * pref
    role = np.full(len(m), "Hội viên", dtype=object)
    br = m["_branch"].to_numpy()
    order = np.lexsort((-key, br))
    rank = np.empty(len(m), dtype=np.int64)
    rank[order] = number_within(br[order])
    br_size = np.bincount(br, weights=active, minlength=nb)
    is_village_br = np.asarray(br_village[br] != None)  # noqa: E711
    role[(rank == 1) & (key > 0)] = "Chi hội trưởng"
    role[(rank == 2) & (key > 0) & (is_village_br | (br_size[br] >= 8))] = "Chi hội phó"
    leaders_pref = np.where(np.isin(people.p_career[mp], [OCC["Cán bộ, công chức, viên chức"]]) | (age_m >= 60), 3.0, 1.0)
    key2 = rng.random(len(m)) * pref * leaders_pref * (role == "Hội viên")
    cm = m["_commune"].to_numpy()
    order2 = np.lexsort((-key2, cm))
    rank2 = np.empty(len(m), dtype=np.int64)
    rank2[order2] = number_within(cm[order2])
    n_br = np.bincount(br_comm, minlength=geo.n_communes)
    n_bch = np.maximum(7, n_br // 2)[cm]
    committee = np.select(
        [rank2 == 1, rank2 <= 3, rank2 <= 6, rank2 <= 6 + n_bch],
        ["Chủ tịch Hội", "Phó Chủ tịch Hội", "Ủy viên Ban Thường vụ", "Ủy viên Ban Chấp hành"], default="",
    )
    take = (committee != "") & (key2 > 0)
    role[take] = committee[take]
    m["role"] = role
    m["member_id"] = make_ids(geo.prefix[cm], "HV", number_within(cm), 4)
    m["person_id"] = people.p_id[mp]
    m["branch_id"] = br_id[br]
    m["joined"] = to_datetime(m["_joined_day"].to_numpy())
    m["left"] = to_datetime(np.maximum(m["_left_day"].to_numpy(), 0), m["_left_day"].to_numpy() >= 0)

    units = u.drop(columns=["_staff"])
    return Organisation(units=units, branches=branches, members=m, p_workplace=work)


# --------------------------------------------------------------------------- trainings

_TOPICS = {
    2021: "Triển khai Quyết định 1373/QĐ-TTg về xây dựng xã hội học tập giai đoạn 2021–2030",
    2022: "Triển khai Quyết định 387/QĐ-TTg và Quyết định 677/QĐ-TTg",
    2023: "Bộ tiêu chí Công dân học tập; cách thu thập minh chứng",
    2024: "Thông tư 25/2023/TT-BGDĐT về đánh giá, công nhận Cộng đồng học tập cấp xã",
    2025: "Công tác khuyến học theo mô hình chính quyền địa phương 2 cấp",
    2026: "Bảo vệ dữ liệu cá nhân trong công tác Hội (Luật 91/2025/QH15)",
}
_COMMUNE_TOPICS = (
    "Nghiệp vụ công tác Hội và quản lý quỹ khuyến học",
    "Hướng dẫn đánh giá Gia đình học tập, Dòng họ học tập, Cộng đồng học tập",
    "Kỹ năng số cho cán bộ Hội khuyến học",
)


def build_trainings(geo: Geography, org: Organisation, seed: int, years: list[int], as_of_day: int) -> pd.DataFrame:
    """Lượt tập huấn của cán bộ Hội (hội viên có chức vụ) theo từng năm."""
    rng = rng_for(seed, "trainings")
    m = org.members
    cadres = m[m["role"] != "Hội viên"]
    last = years[-1]
    out = []
    for t, y in enumerate(years):
        partial = y == last
        s1 = days(date(y, 3, 20) if partial else date(y, 4, 15)) + int(rng.integers(0, 10))
        s2 = days(date(y, 5, 12) if partial else date(y, 9, 10)) + int(rng.integers(0, 10))
        s3 = days(date(y, 10, 20)) + int(rng.integers(0, 10))
        reform = days(REFORM_DATE)
        upper = f"Hội Khuyến học huyện {geo.district_name}" if s1 < reform else f"Hội Khuyến học tỉnh {geo.province_name}"
        rate = 0.55 if partial else min(0.98, 0.85 + 0.035 * t)
        alive = (cadres["_joined_day"] <= s2) & ((cadres["_left_day"] < 0) | (cadres["_left_day"] > s2))
        c = cadres[alive.to_numpy()]
        n = len(c)
        trained = rng.random(n) < rate
        leader = c["role"].isin(CADRE_LEADERS).to_numpy()
        go1 = trained & leader
        go2 = trained & (~leader | (rng.random(n) < 0.6))
        go3 = trained & (rng.random(n) < 0.35) & (not partial) & (s3 <= as_of_day)
        topic2 = _COMMUNE_TOPICS[t % len(_COMMUNE_TOPICS)]
        cname = geo.commune_name[c["_commune"].to_numpy()]
        for go, day, topic, org_name, hours in (
            (go1, s1, _TOPICS.get(y, _COMMUNE_TOPICS[0]), np.full(n, upper, dtype=object), 8.0),
            (go2, s2, topic2, "Hội Khuyến học xã " + cname, 4.0),
            (go3, s3, "Kỹ năng số: dịch vụ công trực tuyến và phần mềm Công dân học tập",
             "Trung tâm học tập cộng đồng xã " + cname, 4.0),
        ):
            if day > as_of_day or not go.any():
                continue
            out.append(pd.DataFrame({
                "_commune": c["_commune"].to_numpy()[go], "member_id": c["member_id"].to_numpy()[go],
                "_day": day, "topic": topic, "organiser": np.asarray(org_name, dtype=object)[go], "hours": hours,
            }))
    tr = pd.concat(out, ignore_index=True).sort_values(["_commune", "_day", "member_id"], kind="stable")
    cm = tr["_commune"].to_numpy()
    tr["training_id"] = make_ids(geo.prefix[cm], "TL", number_within(cm), 4)
    tr["date"] = to_datetime(tr["_day"].to_numpy())
    return tr.reset_index(drop=True)
