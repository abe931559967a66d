"""Quỹ khuyến học giả định: các khoản thu, các khoản chi và học bổng, khen thưởng.

Receipts come to about 50.000 đ per inhabitant per year (growing), from members
(the households' contributions collected by the village branches), enterprises,
clans, donors, the budget and natives living elsewhere. Most of the spending is
scholarships and awards; every award paid from the fund points to its payment
(``payment_id``) and the awards of one payment add up to its amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .geography import Geography
from .organisation import Organisation
from .people import EDU, People
from .spec import days, make_ids, number_within, random_days, rng_for, split_total, to_datetime

PER_HEAD = 50_000
SOURCE_SHARES = {  # of what members do not bring
    "Doanh nghiệp, hợp tác xã": 0.30, "Dòng họ": 0.15, "Nhà hảo tâm": 0.22, "Ngân sách hỗ trợ": 0.12,
    "Con em xa quê": 0.18, "Khác": 0.03,
}


@dataclass
class Fund:
    receipts: pd.DataFrame
    spending: pd.DataFrame
    awards: pd.DataFrame


def build_fund(geo: Geography, people: People, org: Organisation, person_years: pd.DataFrame,
               household_years: pd.DataFrame, literacy_years: dict[int, set[int]], seed: int, years: list[int],
               as_of_day: int) -> Fund:
    """Thu, chi quỹ khuyến học và học bổng, khen thưởng của mọi xã trong mọi năm."""
    rng = rng_for(seed, "fund")
    last = years[-1]
    n_c = geo.n_communes
    factor = np.ones(n_c) if n_c == 1 else rng.lognormal(0.0, 0.25, n_c)
    br = org.branches
    units = org.units
    village_branch = dict(zip(br["village_id"].dropna(), br.loc[br["village_id"].notna(), "branch_id"]))
    unit_branch = dict(zip(br["unit_id"].dropna(), br.loc[br["unit_id"].notna(), "branch_id"]))
    hv = people.hh_village[household_years["_hh"].to_numpy()]
    contrib = pd.DataFrame({"v": hv, "y": household_years["year"].to_numpy(),
                            "a": household_years["fund_contribution"].to_numpy()}).groupby(["v", "y"])["a"].sum()
    members = org.members
    m_active_end = {}
    for y in years:
        end = days(date(y, 12, 31))
        act = members[(members["_joined_day"] <= end) & ((members["_left_day"] < 0) | (members["_left_day"] > end))]
        m_active_end[y] = act.groupby("branch_id").size()
    here_pop = np.bincount(people.p_commune[people.p_exit < 0], minlength=n_c)

    # pupils and their facts, for awards
    py = person_years
    pp = py["_person"].to_numpy()
    pupils = py[(py["enrolment"] == "Đang đi học").to_numpy() & (py["year"].to_numpy() - _byear(people)[pp] >= 7)]
    pu_p = pupils["_person"].to_numpy()
    pupils = pupils.assign(_commune=people.p_commune[pu_p], _poor=people.hh_poor[people.p_hh[pu_p]],
                           _age=pupils["year"].to_numpy() - _byear(people)[pu_p], _exit=people.p_exit[pu_p])
    pupil_groups = pupils.groupby(["_commune", "year"]).indices
    byear = _byear(people)
    p_comm = people.p_commune  # persons are stored commune by commune
    bounds = np.searchsorted(p_comm, np.arange(n_c + 1))

    rec, pay, aw = [], [], []
    for c in range(n_c):
        lo_p, hi_p = bounds[c], bounds[c + 1]
        villages = np.flatnonzero(geo.village_commune == c)
        c_units = units[units["_commune"] == c]
        ent = c_units[~c_units["_office"]]
        clans = np.flatnonzero((people.clan_commune == c) & people.clan_fund)
        for t, y in enumerate(years):
            partial = y == last
            y0, y1 = days(date(y, 1, 1)), (as_of_day if partial else days(date(y, 12, 31)))
            share_of_year = 0.4 if partial else 1.0
            target = here_pop[c] * PER_HEAD * factor[c] * (0.92 + 0.06 * t) * share_of_year
            # members: village collections (Feb/Mar and August) and unit branches (August)
            rec_start = len(rec)
            member_total = 0
            for v in villages:
                total = int(contrib.get((v, y), 0))
                if total <= 0:
                    continue
                b = village_branch[geo.village_id[v]]
                d1 = days(date(y, 2, 20)) + int(rng.integers(0, 30))
                if partial:
                    rec.append((c, d1, b, "Hội viên đóng góp", total))
                else:
                    first = int(round(total * 0.4 / 10_000) * 10_000)
                    rec.append((c, d1, b, "Hội viên đóng góp", first))
                    rec.append((c, days(date(y, 8, 5)) + int(rng.integers(0, 20)), b, "Hội viên đóng góp", total - first))
                member_total += total
            if not partial:
                for uid in c_units["unit_id"]:
                    b = unit_branch.get(uid)
                    n_m = int(m_active_end[y].get(b, 0)) if b else 0
                    if n_m:
                        amt = n_m * int(rng.choice([50_000, 100_000]))
                        rec.append((c, days(date(y, 8, 10)) + int(rng.integers(0, 15)), b, "Hội viên đóng góp", amt))
                        member_total += amt
            rest = max(target - member_total, 0.3 * target)
            for source, share in SOURCE_SHARES.items():
                amount = rest * share * rng.uniform(0.8, 1.2)
                if source == "Doanh nghiệp, hợp tác xã":
                    give = ent[rng.random(len(ent)) < (0.45 if partial else 0.85)]
                    if len(give) == 0:
                        continue
                    w = give["staff"].to_numpy(float) ** 0.5
                    amts = np.maximum(1, np.round(amount * w / w.sum() / 500_000)).astype(np.int64) * 500_000
                    for uid, a in zip(give["unit_id"], amts):
                        rec.append((c, int(random_days(rng, y0, y1)), unit_branch.get(uid), source, int(a)))
                    continue
                if source == "Dòng họ":
                    k = int(((rng.random(len(clans)) < (0.3 if partial else 0.7))).sum())
                elif source == "Nhà hảo tâm":
                    k = int(rng.integers(1, 4) if partial else rng.integers(3, 9))
                elif source == "Ngân sách hỗ trợ":
                    k = 1 if partial else int(rng.integers(1, 3))
                elif source == "Con em xa quê":
                    k = int(rng.integers(2, 5) if partial else rng.integers(4, 11))
                else:
                    k = int(rng.integers(0, 2 if partial else 3))
                for a in split_total(rng, amount, k):
                    rec.append((c, int(random_days(rng, y0, y1)), None, source, int(a)))

            # ---------------------------------------------------------------- awards and spending
            receipts_y = sum(r[4] for r in rec[rec_start:])
            pu = pupils.iloc[pupil_groups.get((c, y), np.zeros(0, dtype=np.int64))]
            awards_total = 0
            ceremonies = []  # (day, purpose, kind, persons, amounts, from_fund)
            jan = days(date(y, 1, 12)) + int(rng.integers(0, 10))
            poor = pu[pu["_poor"].to_numpy()]
            sel = poor[rng.random(len(poor)) < 0.6]
            ceremonies.append((jan, "Hỗ trợ học tập", "Hỗ trợ học sinh khó khăn", sel["_person"].to_numpy(),
                               np.full(len(sel), 500_000), True))
            if not partial:
                aug = days(date(y, 8, 15)) + int(rng.integers(0, 10))
                sep = days(date(y, 9, 5)) + int(rng.integers(0, 10))
                good = pu[(pu["school_result"] == "Tốt").to_numpy()]
                good = good[rng.random(len(good)) < 0.5]
                amt = np.select([good["_age"] <= 11, good["_age"] <= 15], [300_000, 400_000], default=500_000)
                ceremonies.append((aug, "Khen thưởng", "Khen thưởng học sinh giỏi", good["_person"].to_numpy(), amt, True))
                age_y = y - byear[lo_p:hi_p]
                ex = people.p_exit[lo_p:hi_p]
                uni = lo_p + np.flatnonzero((age_y == 18) & (people.p_edu[lo_p:hi_p] >= EDU["Cao đẳng"])
                                            & ((ex < 0) | (ex > aug)))
                amt = np.where(people.p_edu[uni] >= EDU["Đại học"], 1_500_000, 1_000_000)
                ceremonies.append((aug, "Khen thưởng", "Khen thưởng đỗ đại học", uni, amt, True))
                adults = lo_p + np.flatnonzero((age_y >= 30) & (age_y <= 70) & (ex < 0))
                model = rng.choice(adults, size=min(len(adults), int(rng.integers(3, 7))), replace=False)
                ceremonies.append((aug, "Khen thưởng", "Khen thưởng gương học tập", model,
                                   np.full(len(model), 500_000), True))
                top = pu[(pu["school_result"] == "Tốt").to_numpy() & ~pu["_poor"].to_numpy()]
                top = top[rng.random(len(top)) < 0.06]
                hb = pd.concat([poor, top])
                amt = np.where(hb["_poor"].to_numpy(), 1_000_000, 800_000)
                ceremonies.append((sep, "Học bổng", "Học bổng", hb["_person"].to_numpy(), amt, True))
                donor = pu[rng.random(len(pu)) < 2.5 / max(len(pu), 1)]
                ceremonies.append((sep, None, "Học bổng", donor["_person"].to_numpy(),
                                   np.full(len(donor), 2_000_000), False))
            for day, purpose, kind, persons, amounts, from_fund in ceremonies:
                if len(persons) == 0 or day > as_of_day:
                    continue
                key = len(pay) if from_fund else -1
                if from_fund:
                    pay.append((c, day, None, purpose, int(np.sum(amounts))))
                    awards_total += int(np.sum(amounts))
                for person, a in zip(persons, amounts):
                    aw.append((c, day, int(person), kind, int(a), key))
            other = float(np.clip(0.8 * receipts_y - awards_total, 0.06 * receipts_y, 0.25 * receipts_y))
            purposes = {"Hoạt động Trung tâm học tập cộng đồng": 0.35, "Hoạt động của Hội": 0.35, "Khác": 0.1}
            if c in literacy_years.get(y, set()):
                purposes["Lớp xóa mù chữ"] = 0.2
            ws = sum(purposes.values())
            for purpose, w in purposes.items():
                k = 1 if partial else int(rng.integers(1, 4))
                for a in split_total(rng, other * w / ws, k):
                    pay.append((c, int(random_days(rng, y0, y1)), None, purpose, int(a)))

    receipts = pd.DataFrame(rec, columns=["_commune", "_day", "branch_id", "source", "amount"])
    receipts = receipts.sort_values(["_commune", "_day"], kind="stable").reset_index(drop=True)
    cm = receipts["_commune"].to_numpy()
    receipts["receipt_id"] = make_ids(geo.prefix[cm], "PT", number_within(cm), 4)
    receipts["commune_id"] = geo.commune_id[cm]
    receipts["date"] = to_datetime(receipts["_day"].to_numpy())

    spending = pd.DataFrame(pay, columns=["_commune", "_day", "branch_id", "purpose", "amount"])
    spending["_key"] = np.arange(len(spending))
    spending = spending.sort_values(["_commune", "_day", "_key"], kind="stable").reset_index(drop=True)
    cm = spending["_commune"].to_numpy()
    spending["payment_id"] = make_ids(geo.prefix[cm], "PC", number_within(cm), 4)
    spending["commune_id"] = geo.commune_id[cm]
    spending["date"] = to_datetime(spending["_day"].to_numpy())
    pid_of_key = pd.Series(spending["payment_id"].to_numpy(), index=spending["_key"].to_numpy())

    awards = pd.DataFrame(aw, columns=["_commune", "_day", "_person", "kind", "amount", "_key"])
    awards = awards.sort_values(["_commune", "_day", "_person"], kind="stable").reset_index(drop=True)
    cm = awards["_commune"].to_numpy()
    awards["award_id"] = make_ids(geo.prefix[cm], "KT", number_within(cm), 4)
    awards["person_id"] = people.p_id[awards["_person"].to_numpy()]
    awards["date"] = to_datetime(awards["_day"].to_numpy())
    k = awards["_key"].to_numpy()
    awards["payment_id"] = np.where(k >= 0, pid_of_key.reindex(np.maximum(k, 0)).to_numpy(), None)
    return Fund(receipts=receipts, spending=spending, awards=awards)


def _byear(people: People) -> np.ndarray:
    return people.p_birth.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
