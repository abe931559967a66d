"""The vectorised engine and the plain-Python reference evaluator agree (hand-built, sample, generated data)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria_factory import commune, tt24_units
from khuyenhoc.catalogues import get_catalogue, list_catalogues
from khuyenhoc.data import CommuneData
from khuyenhoc.engine import assess
from khuyenhoc.schema import LITERACY, MODELS, SCHOOL_RESULTS, UNIT_KINDS
from reference_evaluator import reference_assess

CATALOGUES = [c for c in list_catalogues()["id"] if not c.startswith("unesco")]


def fill_thresholds(cat_id: str, value: float = 50.0) -> dict:
    cat = get_catalogue(cat_id)
    out: dict = {}
    for ind_id, lv in cat.unset_thresholds():
        if lv is None:
            out[ind_id] = value
        else:
            out.setdefault(ind_id, {})[lv] = value
    return out


def same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA:
        return b is None or b is pd.NA or (isinstance(b, float) and math.isnan(b))
    if b is None or b is pd.NA:
        return False
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def compare(data: CommuneData, cat_id: str, year: int, thresholds=None, level=None):
    r = assess(data, cat_id, year, level=level, thresholds=thresholds, check_year=False)
    ref = reference_assess(data, cat_id, year, level=level, thresholds=thresholds)
    s = r.summary.set_index("subject_id")
    assert set(s.index) == set(ref), cat_id
    cat = r.catalogue
    for sid, exp in ref.items():
        got = s.loc[sid]
        rec = None if pd.isna(got["recognised"]) else bool(got["recognised"])
        assert rec == exp["recognised"], (cat_id, sid, got["reason"])
        if cat.rule.kind in ("points", "rating"):
            assert same(float(got["points"]), exp["points"]), (cat_id, sid)
        if cat.rule.kind == "points":
            cls = None if pd.isna(got["class"]) else got["class"]
            assert cls == exp["class"], (cat_id, sid)
        if cat.rule.kind == "levels":
            assert int(got["level"]) == exp["level"], (cat_id, sid, got["reason"])
    d = r.details
    lv = d["level"].astype("Float64").fillna(-1).astype(int).to_numpy() if "level" in d else np.full(len(d), -1)
    for (sid, ind, l_, val, met) in zip(d["subject_id"], d["indicator_id"].astype(str), lv, d["value"], d["met"]):
        exp = ref[sid]
        assert same(None if pd.isna(val) else float(val), exp["values"][ind]), (cat_id, sid, ind)
        m = None if pd.isna(met) else bool(met)
        assert m == exp["met"][(ind, None if l_ < 0 else int(l_))], (cat_id, sid, ind, l_)


@pytest.mark.parametrize("cat_id", CATALOGUES)
def test_agree_on_hand_built_data(cat_id):
    for data in (commune(), tt24_units([18]), tt24_units([20], emulation=1)):
        compare(data, cat_id, 2025)
        compare(data, cat_id, 2025, thresholds=fill_thresholds(cat_id))


def test_agree_on_the_shipped_sample():
    sample = pytest.importorskip("khuyenhoc.sample")
    if not hasattr(sample, "load"):
        pytest.skip("the shipped sample is not available yet")
    try:
        data = sample.load("mau")
    except FileNotFoundError:
        pytest.skip("the shipped sample files are not built yet")
    year = max(data.years())
    for cat_id in CATALOGUES:
        compare(data, cat_id, year, thresholds=fill_thresholds(cat_id, 60.0))


# --------------------------------------------------------------------------- generated communes

def _maybe(draw, values, p_none=0.15):
    return None if draw(st.floats(0, 1)) < p_none else draw(st.sampled_from(values))


@st.composite
def communes(draw):
    year = 2025
    n_vil = draw(st.integers(1, 3))
    admin = [{"unit_id": "P", "name": "Tỉnh", "level": "tỉnh", "kind": "tỉnh", "parent_id": None},
             {"unit_id": "X", "name": "Xã", "level": "xã", "kind": "xã", "parent_id": "P"}]
    villages = [f"V{i}" for i in range(n_vil)]
    admin += [{"unit_id": v, "name": v, "level": "thôn", "kind": "thôn", "parent_id": "X"} for v in villages]
    clans = [{"clan_id": f"C{i}", "name": f"Họ {i}", "commune_id": "X", "charter": draw(st.booleans()),
              "study_fund": draw(st.booleans())} for i in range(draw(st.integers(0, 2)))]
    units = [{"unit_id": f"U{i}", "name": f"Đơn vị {i}", "kind": draw(st.sampled_from(UNIT_KINDS)),
              "commune_id": "X", "village_id": _maybe(draw, villages, 0.3), "staff": draw(st.integers(1, 30))}
             for i in range(draw(st.integers(0, 3)))]
    unit_ids = [u["unit_id"] for u in units]
    hh, hy, persons, py = [], [], [], []
    for i in range(draw(st.integers(1, 6))):
        hid = f"H{i}"
        hh.append({"household_id": hid, "village_id": draw(st.sampled_from(villages)), "head_name": f"Chủ hộ {i}",
                   "clan_id": _maybe(draw, [c["clan_id"] for c in clans] or [None], 0.4), "poor": draw(st.booleans())})
        if draw(st.floats(0, 1)) < 0.9:
            hy.append({"household_id": hid, "year": year, **{c: draw(st.booleans()) for c in
                       ("cultural_family", "bookshelf", "internet", "family_fund")},
                       "fund_contribution": draw(st.sampled_from([0, 0, 10000, 50000]))})
        for j in range(draw(st.integers(0, 5))):
            pid = f"N{i}-{j}"
            birth = None if draw(st.floats(0, 1)) < 0.05 else pd.Timestamp(draw(st.integers(1940, 2022)), 6, 1)
            persons.append({"person_id": pid, "household_id": hid, "full_name": pid, "sex": "Nam",
                            "birth_date": birth, "relation": "Con",
                            "residence": draw(st.sampled_from(["Thường trú", "Thường trú", "Tạm trú", "Đã chuyển đi"])),
                            "workplace_id": _maybe(draw, unit_ids or [None], 0.5)})
            if draw(st.floats(0, 1)) < 0.9:
                py.append({"person_id": pid, "year": year, "literacy": draw(st.sampled_from(LITERACY)),
                           "schooling": "Tiểu học", "occupation": "Khác", "digital_skills": "Cơ bản",
                           "enrolment": draw(st.sampled_from(["Đang đi học", "Bỏ học", "Không thuộc diện"])),
                           "school_result": _maybe(draw, SCHOOL_RESULTS, 0.3),
                           "learning_activities": draw(st.integers(0, 3))})
    pids = [p["person_id"] for p in persons]
    subjects_of = {"Công dân học tập": pids, "Gia đình học tập": [h["household_id"] for h in hh],
                   "Dòng họ học tập": [c["clan_id"] for c in clans], "Cộng đồng học tập cấp thôn": villages,
                   "Đơn vị học tập": unit_ids, "Cộng đồng học tập cấp xã": ["X"]}
    regs, scores, recs = [], [], []
    declared_ids = {}
    for cid in list_catalogues()["id"]:
        cat = get_catalogue(cid)
        declared_ids.setdefault(cat.model, []).extend(i.id for _, i in cat.indicators() if i.measure == "declared")
    k = 0
    for model in MODELS:
        for sid in subjects_of[model]:
            if draw(st.floats(0, 1)) < 0.6:
                k += 1
                rid = f"R{k}"
                regs.append({"registration_id": rid, "model": model, "subject_id": sid, "year": year,
                             "level": draw(st.sampled_from([None, 1, 2])), "registered": pd.Timestamp(year, 1, 5),
                             "self_assessed": None, "verified": None,
                             "status": draw(st.sampled_from(["Đã đăng ký", "Đã tự đánh giá", "Rút đăng ký"]))})
                for ind in declared_ids.get(model, []):
                    if draw(st.floats(0, 1)) < 0.85:
                        scores.append({"registration_id": rid, "indicator_id": ind,
                                       "value": float(draw(st.sampled_from([0, 1, 2, 4, 5, 8, 10, 90, 95, 97])))})
            if draw(st.floats(0, 1)) < 0.4:
                k += 1
                ry = draw(st.integers(2021, 2025))
                recs.append({"recognition_id": f"Q{k}", "model": model, "subject_id": sid, "year": ry,
                             "level": draw(st.sampled_from([None, 1, 2])), "decision_no": "1",
                             "decision_date": pd.Timestamp(ry, draw(st.integers(1, 12)), 1), "authority": "UBND",
                             "expires": None if draw(st.booleans()) else pd.Timestamp(ry + draw(st.integers(0, 3)), 12, 31)})
    branches = [{"branch_id": f"B{i}", "name": "Chi hội", "village_id": v, "unit_id": None,
                 "founded": pd.Timestamp(draw(st.integers(2010, 2026)), 1, 1)}
                for i, v in enumerate(villages) if draw(st.booleans())]
    members = [{"member_id": f"M{i}", "person_id": p, "branch_id": "B0", "role": "Hội viên",
                "joined": pd.Timestamp(draw(st.integers(2015, 2026)), 1, 1),
                "left": None if draw(st.booleans()) else pd.Timestamp(draw(st.integers(2020, 2026)), 1, 1)}
               for i, p in enumerate(pids) if draw(st.floats(0, 1)) < 0.3]
    classes = [{"class_id": f"L{i}", "centre_id": draw(st.sampled_from(unit_ids)), "kind": "Chuyên đề TTHTCĐ",
                "field": "Khác", "topic": "Lớp", "village_id": _maybe(draw, villages, 0.3),
                "start": pd.Timestamp(draw(st.integers(2024, 2026)), 3, 1), "end": None, "sessions": 3}
               for i in range(draw(st.integers(0, 4)))] if unit_ids else []
    tables = {"admin_units": admin, "households": hh, "household_years": hy, "persons": persons,
              "person_years": py, "clans": clans, "units": units, "registrations": regs, "self_scores": scores,
              "recognitions": recs, "branches": branches, "members": members, "classes": classes}
    return CommuneData({k: pd.DataFrame(v) for k, v in tables.items() if v})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=communes(), threshold=st.sampled_from([0.0, 50.0, 100.0]), level=st.sampled_from([None, 1, 2]))
def test_agree_on_generated_data(data, threshold, level):
    for cat_id in CATALOGUES:
        cat = get_catalogue(cat_id)
        lv = level if cat.rule.kind == "levels" else None
        compare(data, cat_id, 2025, level=lv)
        compare(data, cat_id, 2025, thresholds=fill_thresholds(cat_id, threshold), level=lv)
