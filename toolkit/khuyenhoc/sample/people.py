"""Hộ gia đình, nhân khẩu và dòng họ giả định (sinh theo vectơ, không lặp từng người)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..schema import OCCUPATIONS, SCHOOLING
from .geography import Geography
from .names import (
    ETHNIC_SURNAMES, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, SURNAMES, weights,
)
from .spec import make_ids, number_within, rng_for

#: Household sizes 1..8 and their shares (mean ≈ 3.8 people per household).
SIZE_P = np.array([0.07, 0.15, 0.20, 0.27, 0.16, 0.09, 0.045, 0.015])
DAYS_PER_YEAR = 365.2425

EDU = {name: i for i, name in enumerate(SCHOOLING)}
OCC = {name: i for i, name in enumerate(OCCUPATIONS)}

# Highest schooling of adults by birth cohort, over these levels:
_EDU_LEVELS = np.array([EDU[x] for x in ("Chưa đi học", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông",
                                           "Trung cấp", "Cao đẳng", "Đại học", "Sau đại học")])
_EDU_COHORTS = (  # (born before, probabilities)
    (1960, [5, 35, 40, 14, 3, 1, 2, 0]),
    (1980, [1.5, 15, 45, 26, 5, 2.5, 5, 0]),
    (2000, [0.5, 4, 25, 40, 10, 6, 14, 0.5]),
    (9999, [0.3, 1.5, 10, 48, 10, 9, 20, 1.2]),
)
# Main occupation of adults by schooling group, over these groups:
_CAREERS = np.array([OCC[x] for x in ("Nông, lâm, ngư nghiệp", "Công nhân, thợ thủ công",
                                       "Cán bộ, công chức, viên chức", "Kinh doanh, dịch vụ", "Lực lượng vũ trang",
                                       "Lao động tự do", "Nội trợ")])
_CAREER_P = {
    "high": [10, 15, 42, 18, 3, 10, 2],
    "mid": [38, 28, 6, 14, 3, 8, 3],
    "low": [58, 15, 1, 6, 0, 12, 8],
}


@dataclass
class People:
    """Households, clans and persons as parallel numpy arrays."""

    # households
    hh_id: np.ndarray
    hh_commune: np.ndarray
    hh_village: np.ndarray
    hh_clan: np.ndarray  # clan index or -1
    hh_poor: np.ndarray
    hh_engagement: np.ndarray
    hh_head: np.ndarray  # person index of the head
    hh_size: np.ndarray
    # clans
    clan_id: np.ndarray
    clan_commune: np.ndarray
    clan_name: np.ndarray
    clan_charter: np.ndarray
    clan_fund: np.ndarray
    # persons
    p_id: np.ndarray
    p_hh: np.ndarray
    p_name: np.ndarray
    p_male: np.ndarray
    p_birth: np.ndarray  # day numbers
    p_relation: np.ndarray
    p_residence: np.ndarray
    p_exit: np.ndarray  # day the person moved away / died (-1 if still here)
    p_edu: np.ndarray  # index into SCHOOLING (adult attainment)
    p_illiterate: np.ndarray
    p_lit1: np.ndarray  # adult literacy only at level 1
    p_dropout_age: np.ndarray  # age at which the child left school (99 = never)
    p_career: np.ndarray  # index into OCCUPATIONS (adults)
    p_digital: np.ndarray  # latent in [0, 1)
    p_ability: np.ndarray  # latent school ability
    p_guardian: np.ndarray  # person index of the parent/guardian (-1 if none)

    @property
    def p_commune(self) -> np.ndarray:
        return self.hh_commune[self.p_hh]

    @property
    def p_village(self) -> np.ndarray:
        return self.hh_village[self.p_hh]

    def age_on(self, day: int | np.ndarray) -> np.ndarray:
        """Age in whole years on ``day`` (day numbers)."""
        b = self.p_birth.astype("datetime64[D]")
        d = np.asarray(day).astype("datetime64[D]")
        by, bm, bd = _ymd(b)
        dy, dm, dd = _ymd(d)
        return dy - by - ((dm < bm) | ((dm == bm) & (dd < bd)))


def _ymd(d: np.ndarray):
    y = d.astype("datetime64[Y]")
    m = d.astype("datetime64[M]")
    return (y.astype(np.int64) + 1970, (m - y).astype(np.int64) + 1, (d - m).astype(np.int64) + 1)


def _choice(rng, names_p, n):
    names, p = names_p
    return names[rng.choice(len(names), size=n, p=p)]


def build_people(geo: Geography, seed: int, as_of_day: int, first_year: int) -> People:
    """Invent households, clans and persons for every commune of ``geo``."""
    rng = rng_for(seed, "people")
    ban_village = geo.village_kind == "bản"

    # ---------------------------------------------------------------- households
    sizes, comms, vills = [], [], []
    for c in range(geo.n_communes):  # per commune; everything inside is vectorised
        target = int(geo.commune_pop[c])
        s = rng.choice(np.arange(1, 9), size=int(target / 3.8 * 1.25) + 20, p=SIZE_P)
        cs = np.cumsum(s)
        k = int(np.searchsorted(cs, target))
        s = s[: k + 1].copy()
        s[-1] -= cs[k] - target
        idx = np.flatnonzero(geo.village_commune == c)
        w = geo.village_weight[idx]
        v = idx[rng.choice(len(idx), size=len(s), p=w / w.sum())]
        order = np.argsort(v, kind="stable")
        sizes.append(s[order])
        vills.append(v[order])
        comms.append(np.full(len(s), c))
    size = np.concatenate(sizes).astype(np.int64)
    hh_village = np.concatenate(vills)
    hh_commune = np.concatenate(comms)
    H = len(size)
    hh_ban = ban_village[hh_village]
    hh_num = number_within(hh_commune)
    hh_id = make_ids(geo.prefix[hh_commune], "H", hh_num, width=max(4, len(str(int(hh_num.max())))))
    hh_poor = rng.random(H) < np.where(hh_ban, 0.16, 0.05)
    hh_engagement = rng.normal(0, 1, H) - 0.7 * hh_poor

    # ---------------------------------------------------------------- clans
    clan_comm, clan_names, clan_sn, clan_w = [], [], [], []
    for c in range(geo.n_communes):
        n_hh = int((hh_commune == c).sum())
        n_cl = max(3, int(round(n_hh / 45 * rng.uniform(0.85, 1.15))))
        ban_share = float(hh_ban[hh_commune == c].mean()) if n_hh else 0.0
        pool = dict(SURNAMES)
        for k, v in ETHNIC_SURNAMES.items():
            pool[k] = pool.get(k, 0) + v * 12 * ban_share
        names, p = weights(pool)
        sn = names[rng.choice(len(names), size=n_cl, p=p)]
        seen: dict[str, int] = {}
        totals = {s: int((sn == s).sum()) for s in set(sn)}
        for s in sn:
            seen[s] = seen.get(s, 0) + 1
            clan_names.append(f"Họ {s}" + (f" (chi {seen[s]})" if totals[s] > 1 else ""))
        clan_sn.append(sn)
        clan_comm.append(np.full(n_cl, c))
        clan_w.append(rng.lognormal(0, 0.6, n_cl))
    clan_commune = np.concatenate(clan_comm)
    clan_surname = np.concatenate(clan_sn)
    w = np.concatenate(clan_w)
    cum = np.zeros_like(w)
    for c in range(geo.n_communes):
        m = clan_commune == c
        cum[m] = c + np.cumsum(w[m]) / w[m].sum()
    cum[np.r_[clan_commune[1:] != clan_commune[:-1], True]] = np.unique(clan_commune) + 1.0
    clan_num = number_within(clan_commune)
    clan_id = make_ids(geo.prefix[clan_commune], "DH", clan_num, width=2)
    in_clan = rng.random(H) < 0.72
    pick = np.searchsorted(cum, hh_commune + rng.random(H) * 0.999999, side="right")
    hh_clan = np.where(in_clan, pick, -1)
    free_sn = np.where(
        hh_ban & (rng.random(H) < 0.7),
        _choice(rng, weights(ETHNIC_SURNAMES), H),
        _choice(rng, weights(SURNAMES), H),
    )
    hh_surname = np.where(in_clan, clan_surname[np.maximum(hh_clan, 0)], free_sn)
    clan_eng = np.bincount(np.maximum(hh_clan, 0), weights=hh_engagement * in_clan, minlength=len(clan_id))
    clan_cnt = np.bincount(np.maximum(hh_clan, 0), weights=in_clan.astype(float), minlength=len(clan_id))
    clan_score = clan_eng / np.maximum(clan_cnt, 1) * 3 + rng.normal(0, 1, len(clan_id))
    clan_charter = clan_score > -0.9
    clan_fund = clan_score > -0.4

    # ---------------------------------------------------------------- household composition
    typeB = (size >= 4) & (rng.random(H) < 0.30)  # three generations: head, son, daughter-in-law, grandchildren
    r = rng.random(H)
    head_age = np.select(
        [size == 1, typeB, size == 2],
        [np.where(r < 0.7, rng.uniform(60, 92, H), rng.uniform(22, 60, H)),
         rng.uniform(52, 80, H),
         np.where(r < 0.5, rng.uniform(22, 35, H), rng.uniform(50, 85, H))],
        default=rng.uniform(26, 58, H),
    )
    married = (size >= 2) & (rng.random(H) < np.where(typeB, 0.85, 0.92))
    n_elders = np.where(~typeB & (size >= 5) & (rng.random(H) < 0.35),
                        np.where((size >= 6) & (rng.random(H) < 0.5), 2, 1), 0)
    head_male = rng.random(H) < np.where(married, 0.86, 0.45)
    son_age_hh = np.maximum(18, head_age - 22 - 10 * rng.random(H))

    N = int(size.sum())
    p_hh = np.repeat(np.arange(H), size)
    first = np.cumsum(size) - size
    pos = np.arange(N) - first[p_hh]
    s, tB, mar, ne, ha, hm = size[p_hh], typeB[p_hh], married[p_hh], n_elders[p_hh], head_age[p_hh], head_male[p_hh]
    is_head = pos == 0
    is_spouse = (pos == 1) & mar
    is_elder = ~tB & (pos >= s - ne) & ~is_head & ~is_spouse
    son_pos = 1 + mar.astype(np.int64)
    is_son = tB & (pos == son_pos)
    is_dil = tB & (pos == son_pos + 1)
    is_grand = tB & (pos >= son_pos + 2)
    is_child = ~(is_head | is_spouse | is_elder | is_son | is_dil | is_grand)

    u = rng.random(N)
    son_age = son_age_hh[p_hh]
    lo = np.maximum(0, ha - 45)
    hi = np.maximum(0.5, ha - 20)
    age = np.select(
        [is_head, is_spouse, is_elder, is_son, is_dil, is_grand],
        [ha,
         np.maximum(18, ha + np.where(hm, -3, 3) + rng.normal(0, 3, N)),
         np.minimum(ha + 22 + 10 * u, 99),
         son_age,
         np.maximum(18, son_age + rng.normal(-2, 2, N)),
         u * np.maximum(0.5, np.minimum(son_age - 19, 18))],
        default=lo + u * (hi - lo),
    )
    elder_cha = np.where(ne == 2, pos == s - 2, rng.random(N) < 0.35)
    male = np.select([is_head, is_spouse, is_elder, is_son, is_dil], [hm, ~hm, elder_cha, True, False],
                     default=rng.random(N) < 0.51)
    relation = np.select(
        [is_head, is_spouse & hm, is_spouse, is_elder & elder_cha, is_elder, is_dil, is_grand],
        ["Chủ hộ", "Vợ", "Chồng", "Cha", "Mẹ", "Con dâu", "Cháu"], default="Con",
    ).astype(object)
    birth = as_of_day - np.floor(age * DAYS_PER_YEAR).astype(np.int64) - 1
    birth_year = birth.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970

    # guardian: parents for children of the head, the son for grandchildren
    head_idx = first
    son_idx = first + 1 + married.astype(np.int64)
    p_guardian = np.select([is_child, is_grand], [head_idx[p_hh], son_idx[p_hh]], default=-1)

    # ---------------------------------------------------------------- names
    patri = (is_head & male) | (is_spouse & male) | is_child | (is_elder & male) | is_son | is_grand
    ban_p = hh_ban[p_hh]
    own_sn = np.where(ban_p & (rng.random(N) < 0.6), _choice(rng, weights(ETHNIC_SURNAMES), N),
                      _choice(rng, weights(SURNAMES), N))
    surname = np.where(patri, hh_surname[p_hh], own_sn)
    old = birth_year < 1985
    middle = np.empty(N, dtype=object)
    for mask, table in ((male & old, MIDDLE_MALE["old"]), (male & ~old, MIDDLE_MALE["young"]),
                        (~male & old, MIDDLE_FEMALE["old"]), (~male & ~old, MIDDLE_FEMALE["young"])):
        middle[mask] = _choice(rng, weights(table), int(mask.sum()))
    gm = np.array(GIVEN_MALE, dtype=object)
    gf = np.array(GIVEN_FEMALE, dtype=object)
    given = np.where(male, gm[rng.integers(0, len(gm), N)], gf[rng.integers(0, len(gf), N)])
    clash = given == middle
    given[clash] = np.where(male[clash], "Hùng", "Lan")
    full_name = surname + " " + middle + " " + given

    # ---------------------------------------------------------------- residence
    age_now = age
    start_day = int(np.datetime64(f"{first_year}-01-01", "D").astype(np.int64))
    moved = ~is_head & (age_now >= 19) & (age_now < 40) & (rng.random(N) < 0.05)
    died = ~is_head & ~moved & (age_now >= 70) & (rng.random(N) < 0.10)
    temp = ~is_head & ~moved & ~died & (age_now >= 18) & (age_now < 50) & (rng.random(N) < 0.04)
    residence = np.select([moved, died, temp], ["Đã chuyển đi", "Đã mất", "Tạm trú"], default="Thường trú").astype(object)
    exit_day = np.where(moved | died, start_day + np.floor(rng.random(N) * (as_of_day - start_day)).astype(np.int64), -1)

    # ---------------------------------------------------------------- latent traits
    edu = np.empty(N, dtype=np.int64)
    cohort_year = np.where(ban_p, birth_year - 20, birth_year)  # remote bản lag one cohort behind
    prev = -10**9
    for before, probs in _EDU_COHORTS:
        m = (cohort_year >= prev) & (cohort_year < before)
        p = np.array(probs, float)
        edu[m] = _EDU_LEVELS[rng.choice(len(p), size=int(m.sum()), p=p / p.sum())]
        prev = before
    school_age_in_window = birth_year >= first_year - 17
    drop_p = np.where(ban_p, 0.07, 0.045)
    dropout = school_age_in_window & (rng.random(N) < drop_p)
    d_age = rng.choice(np.arange(11, 18), size=N, p=[.12, .15, .17, .18, .16, .13, .09])
    dropout_age = np.where(dropout, d_age, 99)
    edu_at_drop = np.select([d_age <= 11, d_age <= 15], [EDU["Tiểu học"], EDU["Trung học cơ sở"]],
                            default=EDU["Trung học phổ thông"])
    edu = np.where(school_age_in_window & ~dropout, np.maximum(edu, EDU["Trung học phổ thông"]), edu)
    edu = np.where(dropout, edu_at_drop, edu)

    illiterate = (edu == EDU["Chưa đi học"]) | ((edu == EDU["Tiểu học"]) & (birth_year < 1960) & (rng.random(N) < 0.08))
    illiterate &= birth_year < first_year - 20
    lit1 = (edu == EDU["Tiểu học"]) & (rng.random(N) < 0.5)

    group = np.select([edu >= EDU["Trung cấp"], edu == EDU["Trung học phổ thông"]], [0, 1], default=2)
    career = np.empty(N, dtype=np.int64)
    for g, key in enumerate(("high", "mid", "low")):
        m = group == g
        p = np.array(_CAREER_P[key], float)
        career[m] = _CAREERS[rng.choice(len(p), size=int(m.sum()), p=p / p.sum())]
    career = np.where((career == OCC["Nội trợ"]) & male, OCC["Lao động tự do"], career)
    career = np.where((career == OCC["Lực lượng vũ trang"]) & ~male, OCC["Kinh doanh, dịch vụ"], career)
    digital = rng.random(N)
    ability = 0.5 * hh_engagement[p_hh] + rng.normal(0, 0.87, N)

    p_num = number_within(hh_commune[p_hh])
    p_id = make_ids(geo.prefix[hh_commune[p_hh]], "NK", p_num, width=max(5, len(str(int(p_num.max())))))

    return People(
        hh_id=hh_id, hh_commune=hh_commune, hh_village=hh_village, hh_clan=hh_clan, hh_poor=hh_poor,
        hh_engagement=hh_engagement, hh_head=head_idx, hh_size=size,
        clan_id=clan_id, clan_commune=clan_commune, clan_name=np.array(clan_names, dtype=object),
        clan_charter=clan_charter, clan_fund=clan_fund,
        p_id=p_id, p_hh=p_hh, p_name=full_name, p_male=male, p_birth=birth, p_relation=relation,
        p_residence=residence, p_exit=exit_day, p_edu=edu, p_illiterate=illiterate, p_lit1=lit1,
        p_dropout_age=dropout_age, p_career=career, p_digital=digital, p_ability=ability,
        p_guardian=p_guardian,
    )
