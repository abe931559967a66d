"""Ghép các phần của bộ sinh dữ liệu thành một ``CommuneData``."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable

import numpy as np
import pandas as pd

from ..data import CommuneData
from .classes import build_classes
from .consents import build_consents
from .evidence import build_evidence
from .fund import build_fund
from .geography import build_geography
from .models import build_models
from .organisation import build_organisation, build_trainings
from .people import build_people
from .spec import SPECS, SYNTHETIC_NOTE, CommuneSpec, days, to_datetime
from .yearly import build_household_years, build_person_years


@dataclass
class SampleBundle:
    """The generated data plus what is shipped beside it (evidence files, notes)."""

    data: CommuneData
    evidence_files: dict[str, bytes]
    evidence_faults: pd.DataFrame
    spec: CommuneSpec
    as_of: date
    note: str
    title: str


def resolve_spec(name: str | None) -> CommuneSpec:
    """The spec of a shipped sample ("mau", "capstone") or of a commune named ``name``."""
    if name is None:
        return SPECS["mau"]
    if name in SPECS:
        return SPECS[name]
    clean = name.strip()
    for prefix in ("Xã ", "xã "):
        if clean.startswith(prefix):
            clean = clean[len(prefix):]
    if not clean:
        raise ValueError("Tên xã không được để trống.")
    code = 10 + zlib.crc32(clean.encode("utf-8")) % 80
    return replace(SPECS["mau"], key=clean, commune_name=clean, commune_code=code, villages=None, workbook="",
                   title=f"Sổ dữ liệu khuyến học — xã {clean}, tỉnh {SPECS['mau'].province_name} (giả định)")


def _years(years: Iterable[int]) -> list[int]:
    ys = sorted(int(y) for y in years)
    if not ys:
        raise ValueError("Cần ít nhất một năm số liệu.")
    if ys != list(range(ys[0], ys[-1] + 1)):
        raise ValueError("Các năm số liệu phải liên tiếp, ví dụ range(2021, 2027).")
    if ys[0] < 2000 or ys[-1] > 2100:
        raise ValueError("Năm số liệu phải trong khoảng 2000–2100.")
    return ys


def generate_bundle(seed: int | None = None, communes: int = 1, population: int | None = None,
                    years: Iterable[int] = range(2021, 2027), name: str | None = None) -> SampleBundle:
    """Sinh dữ liệu giả định kèm các tệp minh chứng, ghi chú và tiêu đề sổ (xem ``generate``).

    >>> b = generate_bundle(population=600, years=range(2025, 2027))
    >>> b.as_of.isoformat(), len(b.data.persons), all(f.endswith(".txt") for f in b.evidence_files)
    ('2026-05-31', 600, True)
    """
    spec = resolve_spec(name)
    seed = spec.seed if seed is None else int(seed)
    if communes < 1:
        raise ValueError("Số xã phải từ 1 trở lên.")
    population = spec.population * communes if population is None else int(population)
    if population < 200 * communes:
        raise ValueError("Dân số quá nhỏ: cần ít nhất 200 người mỗi xã.")
    ys = _years(years)
    as_of = date(ys[-1], 5, 31)
    as_of_day = days(as_of)

    geo = build_geography(spec, seed, communes, population)
    people = build_people(geo, seed, as_of_day, ys[0])
    org = build_organisation(geo, people, seed, as_of_day, ys[0])
    trainings = build_trainings(geo, org, seed, ys, as_of_day)
    classes = build_classes(geo, people, org, seed, ys, as_of_day)
    person_years = build_person_years(people, org, classes, seed, ys)
    household_years = build_household_years(people, seed, ys)
    lit = classes.classes[classes.classes["kind"] != "Chuyên đề TTHTCĐ"]
    literacy_years = lit.groupby("_year")["_commune"].agg(lambda s: set(s.tolist())).to_dict()
    fund = build_fund(geo, people, org, person_years, household_years, literacy_years, seed, ys, as_of_day)
    models = build_models(geo, people, org, person_years, household_years, seed, ys, as_of_day, spec,
                          classes=classes.classes)
    evidence = build_evidence(models.registrations, people, geo, org.units, org.p_workplace, seed, ys[-1], as_of_day,
                              small=spec.key == "capstone")
    consents = build_consents(people, fund.awards, models.registrations, seed, as_of_day, geo.prefix)

    units = org.units
    work = org.p_workplace
    tables = {
        "admin_units": geo.admin_units,
        "households": pd.DataFrame({
            "household_id": people.hh_id, "village_id": geo.village_id[people.hh_village],
            "head_name": people.p_name[people.hh_head],
            "clan_id": np.where(people.hh_clan >= 0, people.clan_id[np.maximum(people.hh_clan, 0)], None),
            "poor": people.hh_poor,
        }),
        "household_years": household_years,
        "persons": pd.DataFrame({
            "person_id": people.p_id, "household_id": people.hh_id[people.p_hh], "full_name": people.p_name,
            "sex": np.where(people.p_male, "Nam", "Nữ"), "birth_date": to_datetime(people.p_birth),
            "relation": people.p_relation, "residence": people.p_residence,
            "workplace_id": np.where(work >= 0, units["unit_id"].to_numpy(dtype=object)[np.maximum(work, 0)], None),
        }),
        "person_years": person_years,
        "clans": pd.DataFrame({
            "clan_id": people.clan_id, "name": people.clan_name, "commune_id": geo.commune_id[people.clan_commune],
            "charter": people.clan_charter, "study_fund": people.clan_fund,
        }),
        "units": units,
        "branches": org.branches,
        "members": org.members,
        "trainings": trainings,
        "fund_receipts": fund.receipts,
        "fund_spending": fund.spending,
        "awards": fund.awards,
        "classes": classes.classes,
        "enrolments": classes.enrolments,
        "registrations": models.registrations,
        "self_scores": models.self_scores,
        "recognitions": models.recognitions,
        "evidence": evidence.table,
        "consents": consents,
    }
    data = CommuneData(tables)
    if communes == 1:
        title = spec.title
    else:
        title = f"Sổ dữ liệu khuyến học — {communes} xã của tỉnh {spec.province_name} (giả định)"
    return SampleBundle(data=data, evidence_files=evidence.files, evidence_faults=evidence.faults, spec=spec,
                        as_of=as_of, note=SYNTHETIC_NOTE, title=title)


def generate(seed: int | None = None, communes: int = 1, population: int | None = None,
             years: Iterable[int] = range(2021, 2027), name: str | None = None) -> CommuneData:
    """Sinh dữ liệu giả định của một hay nhiều xã (cùng một hạt giống → cùng dữ liệu).

    The province "Hồng Lam", its communes, villages, clans, units and people are
    invented. ``name`` is "mau" (the default sample commune "Hòa Mẫu", seed 0,
    5.000 people), "capstone" (the second commune "Lũng Mây", 3.500 people) or
    the name of a new invented commune. ``population`` is the total over all
    ``communes``; the last year of ``years`` is in progress (data to 31/5).

    >>> d = generate(population=800, years=range(2024, 2027))
    >>> d.communes()["name"].tolist()
    ['Xã Hòa Mẫu']
    >>> len(d.persons)
    800
    """
    return generate_bundle(seed=seed, communes=communes, population=population, years=years, name=name).data
