"""Small hand-made communes for the criteria/engine tests (every value chosen by hand)."""

from __future__ import annotations

import pandas as pd

from khuyenhoc.data import CommuneData

Y = 2025
CDHT_IDS = ["CDHT-1.1", "CDHT-1.2", "CDHT-1.3", "CDHT-1.4", "CDHT-2.1", "CDHT-2.2", "CDHT-2.3", "CDHT-2.4",
            "CDHT-3.1", "CDHT-3.2"]


def d(s: str) -> pd.Timestamp:
    day, month, year = s.split("/")
    return pd.Timestamp(int(year), int(month), int(day))


def person(pid, hh, born, *, lit="Biết chữ mức độ 2", enrol="Không thuộc diện", result=None, acts=0,
           work=None, residence="Thường trú"):
    return (
        {"person_id": pid, "household_id": hh, "full_name": f"Người {pid}", "sex": "Nữ", "birth_date": d(born),
         "relation": "Con", "residence": residence, "workplace_id": work},
        {"person_id": pid, "year": Y, "literacy": lit, "schooling": "Tiểu học", "occupation": "Khác",
         "digital_skills": "Cơ bản", "enrolment": enrol, "school_result": result, "learning_activities": acts},
    )


def commune() -> CommuneData:
    """One province, one commune, two villages.

    Households (GĐHT, year 2025):
    - H1 (thôn 1): passes every indicator (child enrolled with 'Khá', adults literate, learning,
      bookshelf, family fund, cultural family, contributes to the fund, declared 1.3 and 4.1 = 1);
    - H2 (thôn 1): like H1 but no bookshelf → fails GDHT-3.2 only;
    - H3 (thôn 2): no children; an illiterate 40-year-old → fails GDHT-2.1; not registered.
    """
    admin = pd.DataFrame([
        {"unit_id": "T01", "name": "Tỉnh Mẫu", "level": "tỉnh", "kind": "tỉnh", "parent_id": None},
        {"unit_id": "T01-X01", "name": "Xã Đồng Mai", "level": "xã", "kind": "xã", "parent_id": "T01"},
        {"unit_id": "T01-X01-TH01", "name": "Thôn Đông", "level": "thôn", "kind": "thôn", "parent_id": "T01-X01"},
        {"unit_id": "T01-X01-TH02", "name": "Thôn Đoài", "level": "thôn", "kind": "thôn", "parent_id": "T01-X01"},
    ])
    households = pd.DataFrame([
        {"household_id": "H1", "village_id": "T01-X01-TH01", "head_name": "Nguyễn Văn An", "clan_id": "DH1", "poor": False},
        {"household_id": "H2", "village_id": "T01-X01-TH01", "head_name": "Trần Văn Bình", "clan_id": "DH1", "poor": False},
        {"household_id": "H3", "village_id": "T01-X01-TH02", "head_name": "Lê Thị Cúc", "clan_id": None, "poor": True},
    ])
    hy = pd.DataFrame([
        {"household_id": "H1", "year": Y, "cultural_family": True, "bookshelf": True, "internet": True,
         "family_fund": True, "fund_contribution": 100000},
        {"household_id": "H2", "year": Y, "cultural_family": True, "bookshelf": False, "internet": False,
         "family_fund": True, "fund_contribution": 50000},
        {"household_id": "H3", "year": Y, "cultural_family": True, "bookshelf": True, "internet": True,
         "family_fund": True, "fund_contribution": 20000},
    ])
    people = [
        person("P1", "H1", "01/01/1980", acts=3, work="U1"),
        person("P2", "H1", "01/01/2014", enrol="Đang đi học", result="Khá"),
        person("P3", "H2", "01/01/1982", acts=1, work="U1"),
        person("P4", "H2", "01/01/2012", enrol="Đang đi học", result="Tốt"),
        person("P5", "H3", "01/01/1985", lit="Chưa biết chữ", acts=0, work="U1"),
        person("P6", "H3", "01/01/1950", acts=0),
        person("P7", "H1", "01/01/1990", acts=0, residence="Đã chuyển đi"),
    ]
    persons = pd.DataFrame([p for p, _ in people])
    py = pd.DataFrame([y for _, y in people])
    clans = pd.DataFrame([{"clan_id": "DH1", "name": "Họ Nguyễn", "commune_id": "T01-X01", "charter": True,
                           "study_fund": False}])
    units = pd.DataFrame([
        {"unit_id": "U1", "name": "Trường Tiểu học Đồng Mai", "kind": "Trường tiểu học", "commune_id": "T01-X01",
         "village_id": "T01-X01-TH01", "staff": 3},
    ])
    regs, scores = [], []
    # GĐHT registrations with declared GDHT-1.3 and GDHT-4.1
    for k, hh in enumerate(["H1", "H2"], start=1):
        rid = f"DK-G{k}"
        regs.append({"registration_id": rid, "model": "Gia đình học tập", "subject_id": hh, "year": Y, "level": None,
                     "registered": d("15/01/2025"), "self_assessed": d("20/11/2025"), "verified": None,
                     "status": "Đã tự đánh giá"})
        scores += [{"registration_id": rid, "indicator_id": "GDHT-1.3", "value": 1},
                   {"registration_id": rid, "indicator_id": "GDHT-4.1", "value": 1}]
    # CDHT: P1 exactly 80 with CDHT-2.2 = 4; P3 exactly 80 with all >= 5; P5 registered without scores
    p1 = [10, 9, 9, 8, 9, 4, 8, 8, 8, 7]
    p3 = [8] * 10
    for rid, pid, vals in (("DK-C1", "P1", p1), ("DK-C3", "P3", p3), ("DK-C5", "P5", None)):
        regs.append({"registration_id": rid, "model": "Công dân học tập", "subject_id": pid, "year": Y, "level": None,
                     "registered": d("10/02/2025"), "self_assessed": d("01/10/2025") if vals else None,
                     "verified": None, "status": "Đã tự đánh giá" if vals else "Đã đăng ký"})
        for ind, v in zip(CDHT_IDS, vals or []):
            scores.append({"registration_id": rid, "indicator_id": ind, "value": v})
    recognitions = pd.DataFrame([
        # CDHT holders among the school staff: P1 and P3 (2 of 3 = 66,7%)
        {"recognition_id": "CN1", "model": "Công dân học tập", "subject_id": "P1", "year": 2024, "level": None,
         "decision_no": "1/QĐ-HKH", "decision_date": d("20/12/2024"), "authority": "Hội Khuyến học xã", "expires": None},
        {"recognition_id": "CN2", "model": "Công dân học tập", "subject_id": "P3", "year": 2025, "level": None,
         "decision_no": "2/QĐ-HKH", "decision_date": d("20/12/2025"), "authority": "Hội Khuyến học xã", "expires": None},
        {"recognition_id": "CN3", "model": "Gia đình học tập", "subject_id": "H1", "year": 2025, "level": None,
         "decision_no": "3/QĐ-UBND", "decision_date": d("20/12/2025"), "authority": "UBND xã Đồng Mai", "expires": None},
    ])
    evidence = pd.DataFrame([
        {"evidence_id": "MC1", "model": "Công dân học tập", "subject_id": "P3", "indicator_id": "CDHT-1.1",
         "type": "Báo cáo tự đánh giá", "date": d("01/10/2025"), "issuer": "Chi hội khuyến học thôn Đông",
         "file": "P3/bao_cao.txt", "sha256": None, "recorded": d("02/10/2025")},
        {"evidence_id": "MC2", "model": "Công dân học tập", "subject_id": "P3", "indicator_id": "CDHT-1.2",
         "type": "Kế hoạch", "date": d("15/12/2024"), "issuer": "Chi hội khuyến học thôn Đông",
         "file": "P3/ke_hoach.txt", "sha256": None, "recorded": d("02/10/2025")},
        {"evidence_id": "MC3", "model": "Công dân học tập", "subject_id": "P3", "indicator_id": "CDHT-2.1",
         "type": "Giấy chứng nhận", "date": d("05/05/2025"), "issuer": "Trung tâm học tập cộng đồng xã Đồng Mai",
         "file": "P3/khong_co.pdf", "sha256": None, "recorded": d("06/05/2025")},
    ])
    return CommuneData({
        "admin_units": admin, "households": households, "household_years": hy, "persons": persons,
        "person_years": py, "clans": clans, "units": units, "registrations": pd.DataFrame(regs),
        "self_scores": pd.DataFrame(scores), "recognitions": recognitions, "evidence": evidence,
    })


def tt24_units(share_staff_cdht: list[int], *, emulation: int = 2) -> CommuneData:
    """A commune with one unit 'U9' of 20 resident staff, of whom ``share_staff_cdht[0]`` hold CDHT in 2025."""
    base = commune()
    holders = share_staff_cdht[0]
    persons = [person(f"S{i:02d}", "H3", "01/01/1980", work="U9")[0] for i in range(20)]
    py = [person(f"S{i:02d}", "H3", "01/01/1980", work="U9")[1] for i in range(20)]
    units = pd.concat([base.units, pd.DataFrame([{"unit_id": "U9", "name": "UBND xã Đồng Mai",
                                                  "kind": "Ủy ban nhân dân xã", "commune_id": "T01-X01",
                                                  "village_id": None, "staff": 20}])], ignore_index=True)
    recs = pd.DataFrame([{"recognition_id": f"CNS{i}", "model": "Công dân học tập", "subject_id": f"S{i:02d}",
                          "year": 2025, "level": None, "decision_no": "x", "decision_date": d("01/12/2025"),
                          "authority": "Hội", "expires": None} for i in range(holders)])
    regs = pd.concat([base.registrations, pd.DataFrame([{
        "registration_id": "DK-U9", "model": "Đơn vị học tập", "subject_id": "U9", "year": Y, "level": 2,
        "registered": d("01/02/2025"), "self_assessed": d("05/01/2026"), "verified": None,
        "status": "Đã tự đánh giá"}])], ignore_index=True)
    declared = {"DVHT24-1.1": 1, "DVHT24-1.2": 1, "DVHT24-1.3": 1, "DVHT24-1.4": 1, "DVHT24-1.5": 1,
                "DVHT24-2.1": 96, "DVHT24-2.2": 97, "DVHT24-3.2": 1, "DVHT24-3.3": emulation}
    scores = pd.concat([base.self_scores, pd.DataFrame([{"registration_id": "DK-U9", "indicator_id": k, "value": v}
                                                        for k, v in declared.items()])], ignore_index=True)
    return base.replace(persons=pd.concat([base.persons, pd.DataFrame(persons)], ignore_index=True),
                        person_years=pd.concat([base.person_years, pd.DataFrame(py)], ignore_index=True),
                        units=units, recognitions=pd.concat([base.recognitions, recs], ignore_index=True),
                        registrations=regs, self_scores=scores)
