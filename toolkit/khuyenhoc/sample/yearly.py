"""Số liệu theo năm của từng người (biết chữ, học vấn, nghề, kỹ năng số, đi học) và từng hộ."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import DIGITAL_SKILLS, ENROLMENT, LITERACY, OCCUPATIONS, SCHOOL_RESULTS, SCHOOLING
from .classes import Classes
from .organisation import Organisation
from .people import EDU, OCC, People
from .spec import rng_for

_LIT = np.array(LITERACY, dtype=object)
_SCH = np.array(SCHOOLING, dtype=object)
_OCC = np.array(OCCUPATIONS, dtype=object)
_DIG = np.array(DIGITAL_SKILLS, dtype=object)
_ENR = np.array(ENROLMENT, dtype=object)
_RES = np.array(SCHOOL_RESULTS, dtype=object)
_STUDY_YEARS = {EDU["Trung cấp"]: 2, EDU["Cao đẳng"]: 3, EDU["Đại học"]: 4, EDU["Sau đại học"]: 6}


def _year_of(day_numbers: np.ndarray) -> np.ndarray:
    return np.asarray(day_numbers, dtype=np.int64).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def member_years(people: People, org: Organisation) -> tuple[np.ndarray, np.ndarray]:
    """Per person: year joined and year left the association (9999 = never)."""
    n = len(people.p_id)
    join_y = np.full(n, 9999)
    left_y = np.full(n, 9999)
    m = org.members
    p = m["_person"].to_numpy()
    join_y[p] = _year_of(m["_joined_day"].to_numpy())
    ld = m["_left_day"].to_numpy()
    left_y[p] = np.where(ld >= 0, _year_of(np.maximum(ld, 0)), 9999)
    return join_y, left_y


def build_person_years(people: People, org: Organisation, classes: Classes, seed: int, years: list[int]) -> pd.DataFrame:
    """Một dòng cho mỗi người và mỗi năm người đó có mặt trong sổ (từ năm sinh đến năm chuyển đi/mất)."""
    rng = rng_for(seed, "person_years")
    birth_year = _year_of(people.p_birth)
    exit_year = np.where(people.p_exit >= 0, _year_of(np.maximum(people.p_exit, 0)), 9999)
    parts = []
    for y in years:
        idx = np.flatnonzero((birth_year <= y) & (exit_year >= y))
        parts.append(np.c_[idx, np.full(len(idx), y)])
    py = np.concatenate(parts)
    py = py[np.lexsort((py[:, 1], py[:, 0]))]
    p, y = py[:, 0], py[:, 1]
    t = y - years[0]
    age = y - birth_year[p]
    last = years[-1]

    dropout_age = people.p_dropout_age[p]
    dropped = age >= dropout_age
    edu = people.p_edu[p]
    # literacy
    lit_adult = np.where(people.p_illiterate[p], 0, np.where(people.p_lit1[p], 1, 2))
    lit_adult = np.where(people.p_illiterate[p] & (classes.lit1_year[p] <= y), 1, lit_adult)
    lit_adult = np.where(people.p_illiterate[p] & (classes.lit2_year[p] <= y), 2, lit_adult)
    lit = np.select([age < 6, age <= 8, age <= 17], [3, 1, 2], default=lit_adult)
    # schooling (highest level finished or being studied)
    by_age = np.select([age < 3, age <= 5, age <= 10, age <= 14, age <= 17],
                       [EDU["Chưa đi học"], EDU["Mầm non"], EDU["Tiểu học"], EDU["Trung học cơ sở"],
                        EDU["Trung học phổ thông"]], default=edu)
    school = np.where(dropped, edu, by_age)
    # enrolment
    in_age = (age >= 3) & (age <= 17)
    enrol = np.where(in_age, np.where(dropped, 1, 0), 2)
    # school results for pupils (school year ending in y; not yet known for the year in progress)
    pupil = in_age & ~dropped & (age >= 6)
    z = people.p_ability[p] + rng.normal(0, 0.45, len(p))
    res = np.select([z > 0.35, z > -0.8, z > -2.3], [0, 1, 2], default=3)
    has_res = pupil & (y != last)
    # occupation
    study_arr = np.zeros(len(SCHOOLING), dtype=np.int64)
    study_arr[list(_STUDY_YEARS)] = list(_STUDY_YEARS.values())
    study_len = study_arr[edu]
    student = (age >= 18) & (age < 18 + study_len) & ~dropped
    career = people.p_career[p]
    retired = (age >= 60) & np.isin(career, [OCC["Cán bộ, công chức, viên chức"], OCC["Lực lượng vũ trang"],
                                             OCC["Công nhân, thợ thủ công"]])
    occ = np.select(
        [age < 6, in_age & ~dropped & (age >= 6), dropped & (age < 15), dropped & (age < 18), student, retired,
         age >= 75],
        [OCC["Trẻ em"], OCC["Học sinh, sinh viên"], OCC["Trẻ em"], OCC["Lao động tự do"], OCC["Học sinh, sinh viên"],
         OCC["Hưu trí"], OCC["Khác"]],
        default=career,
    )
    # digital skills, improving every year
    q = people.p_digital[p] + 0.05 * t
    th1 = np.select([age < 10, age < 18, age < 40, age < 60], [9.0, 0.15, 0.08, 0.35], default=0.7)
    th2 = np.select([age < 10, age < 18, age < 40, age < 60], [9.0, 0.9, 0.6, 0.88], default=0.98)
    dig = np.where(q < th1, 0, np.where(q < th2, 1, 2))
    # learning activities: school clubs, association meetings, reading, classes
    join_y, left_y = member_years(people, org)
    member = (join_y[p] <= y) & (left_y[p] > y)
    lam = np.select([age < 6, pupil, age >= 75], [0.0, 6.0, 1.0], default=2.0) + 4.0 * member
    lam = np.where(y == last, lam * 0.4, lam)
    acts = rng.poisson(lam)
    e = classes.enrolments
    cls_year = classes.classes["_year"].to_numpy()[e["_row"].to_numpy()]
    sessions = pd.DataFrame({"p": e["_person"].to_numpy(), "y": cls_year, "a": e["attended"].to_numpy()}) \
        .groupby(["p", "y"])["a"].sum()
    key = pd.MultiIndex.from_arrays([p, y])
    acts = acts + sessions.reindex(key).fillna(0).to_numpy(np.int64)
    acts = np.minimum(acts, 366)

    return pd.DataFrame({
        "person_id": people.p_id[p],
        "year": y,
        "literacy": _LIT[lit],
        "schooling": _SCH[school],
        "occupation": _OCC[occ],
        "digital_skills": _DIG[dig],
        "enrolment": _ENR[enrol],
        "school_result": np.where(has_res, _RES[res], None),
        "learning_activities": acts,
        "_person": p,
    })


_AMOUNTS = np.array([20_000, 30_000, 50_000, 100_000, 150_000, 200_000, 300_000, 500_000])


def build_household_years(people: People, seed: int, years: list[int]) -> pd.DataFrame:
    """Điều kiện học tập của mỗi hộ theo năm; có hộ đạt rõ, có hộ thiếu một điều kiện."""
    rng = rng_for(seed, "household_years")
    H = len(people.hh_id)
    n_y = len(years)
    h = np.repeat(np.arange(H), n_y)
    y = np.tile(np.asarray(years), H)
    t = y - years[0]
    e = people.hh_engagement[h]
    n = len(h)
    cultural = e + rng.normal(0, 0.6, n) + 1.4 + 0.08 * t > 0
    bookshelf = e + rng.normal(0, 0.6, n) + 0.9 + 0.12 * t > 0
    internet = 0.5 * e + rng.normal(0, 0.8, n) + 0.2 + 0.35 * t > 0
    family_fund = e + rng.normal(0, 0.6, n) + 0.5 + 0.1 * t > 0
    gives = e + rng.normal(0, 0.7, n) + 1.3 > 0
    level = np.clip(np.round(1.4 * e + rng.normal(2.0, 1.0, n)), 0, len(_AMOUNTS) - 1).astype(int)
    level = np.where(people.hh_poor[h], np.minimum(level, 2), level)
    amount = np.round(_AMOUNTS[level] * (1 + 0.05 * t) / 10_000) * 10_000
    partial = y == years[-1]
    gives = np.where(partial, gives & (rng.random(n) < 0.45), gives)
    amount = np.where(partial, np.round(amount / 2 / 10_000) * 10_000, amount)
    contribution = np.where(gives, amount, 0).astype(np.int64)
    return pd.DataFrame({
        "household_id": people.hh_id[h], "year": y, "cultural_family": cultural, "bookshelf": bookshelf,
        "internet": internet, "family_fund": family_fund, "fund_contribution": contribution, "_hh": h,
    })

