"""Hand-worked cases for the assessment engine (values chosen by hand in criteria_factory)."""

import pandas as pd
import pytest

from criteria_factory import commune, tt24_units
from khuyenhoc.data import CommuneData
from khuyenhoc.engine import AssessmentError, assess


def row(result, sid):
    s = result.summary
    return s[s["subject_id"] == sid].iloc[0]


def detail(result, sid, ind, level=None):
    d = result.details
    sel = (d["subject_id"] == sid) & (d["indicator_id"] == ind)
    if level is not None:
        sel &= d["level"] == level
    return d[sel].iloc[0]


def test_household_that_just_passes_and_one_that_fails_one_indicator():
    r = assess(commune(), "giadinh-qd387", 2025, thresholds={"GDHT-2.2": 50})
    h1, h2 = row(r, "H1"), row(r, "H2")
    assert bool(h1["recognised"]) and h1["result"] == "Đạt"
    assert h1["reason"] == "Đạt cả 10 chỉ số bắt buộc."
    assert not bool(h2["recognised"])
    assert h2["reason"] == "Chưa đạt: GDHT-3.2 (Không)."
    e = detail(r, "H2", "GDHT-3.2")
    assert e["met"] == False  # noqa: E712
    assert e["explanation"] == "GDHT-3.2 (tủ sách, góc học tập): Không — chưa đạt (yêu cầu Có)."
    # H1: exactly 2 adults (ages 45, and child 11 is not an adult) -> 100% literate
    assert detail(r, "H1", "GDHT-2.1")["value"] == 100.0
    # the optional indicator (Internet) fails for H2 but does not block recognition of anyone
    assert detail(r, "H2", "GDHT-3.3")["met"] == False  # noqa: E712


def test_unset_threshold_gives_undecided_with_message():
    r = assess(commune(), "giadinh-qd387", 2025)
    h1 = row(r, "H1")
    assert pd.isna(h1["recognised"]) and h1["result"] == "Chưa kết luận"
    assert "GDHT-2.2" in h1["reason"]
    assert any("GDHT-2.2" in m and "chưa có ngưỡng" in m for m in r.messages)
    assert "chưa đặt ngưỡng" in detail(r, "H1", "GDHT-2.2")["explanation"]
    # a household failing a set indicator is 'Chưa đạt' whatever the unset one says
    assert row(r, "H2")["result"] == "Chưa đạt"


def test_citizen_at_exactly_80_points_with_one_indicator_at_4_is_not_recognised():
    r = assess(commune(), "congdan-qd324", 2025)
    p1 = row(r, "P1")
    assert p1["points"] == 80.0
    assert not bool(p1["recognised"]) and p1["class"] == "Chưa đạt"
    assert p1["reason"] == "Tổng 80 điểm; xếp loại Chưa đạt; chỉ số dưới mức tối thiểu: CDHT-2.2 (4 điểm)."
    assert detail(r, "P1", "CDHT-2.2")["explanation"] == "CDHT-2.2 (ngoại ngữ): 4 điểm — chưa đạt (yêu cầu ≥ 5 điểm)."
    p3 = row(r, "P3")  # exactly 80 with every indicator at 8
    assert p3["points"] == 80.0 and bool(p3["recognised"]) and p3["class"] == "Đạt"
    p5 = row(r, "P5")  # registered, no self-assessment yet
    assert not bool(p5["recognised"]) and "chưa có" in p5["reason"]
    assert set(r.summary["subject_id"]) == {"P1", "P3", "P5"}  # scope: registered citizens only


def test_unit_at_level_1_but_not_level_2():
    data = tt24_units([19])  # 19 of 20 staff hold CDHT: 95% -> level 1 (>= 90) and level 2 (>= 95)
    r = assess(data, "donvi-tt24-2023", 2025, thresholds={"DVHT24-2.1": {2: 90}, "DVHT24-2.2": {2: 90}})
    assert row(r, "U9")["level"] == 2 and bool(row(r, "U9")["recognised"])
    data = tt24_units([18])  # 90%: level 1 only
    r = assess(data, "donvi-tt24-2023", 2025, thresholds={"DVHT24-2.1": {2: 90}, "DVHT24-2.2": {2: 90}})
    u = row(r, "U9")
    assert u["level"] == 1
    assert not bool(u["recognised"])  # registered for level 2
    assert u["reason"] == "Đạt Mức độ 1; Mức độ 2: chưa đạt: DVHT24-3.1 (90%)."
    assert detail(r, "U9", "DVHT24-3.1", level=2)["explanation"] == (
        "DVHT24-3.1 (thành viên là Công dân học tập): 90% — chưa đạt (yêu cầu ≥ 95%).")
    r1 = assess(data, "donvi-tt24-2023", 2025, level=1, thresholds={"DVHT24-2.1": {2: 90}, "DVHT24-2.2": {2: 90}})
    assert bool(row(r1, "U9")["recognised"])


def test_level_2_without_threshold_is_undecided():
    r = assess(tt24_units([19]), "donvi-tt24-2023", 2025)
    u = row(r, "U9")
    assert u["level"] == 1 and pd.isna(u["recognised"]) and u["result"] == "Chưa kết luận"
    assert "chưa đặt ngưỡng: DVHT24-2.1, DVHT24-2.2" in u["reason"]


def test_school_only_indicator_does_not_apply_to_people_committee():
    r = assess(tt24_units([19]), "donvi-tt24-2023", 2025)
    e = detail(r, "U9", "DVHT24-3.4", level=1)
    assert e["applies"] == False and e["met"] == True  # noqa: E712
    assert "không áp dụng" in e["explanation"]


def test_commune_level_2_needs_12_months_after_level_1():
    data = commune()
    decl = pd.DataFrame({"subject_id": "T01-X01", "indicator_id": [f"CDXA25-{k}" for k in
                                                                   ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3")],
                         "value": 1})
    all_set = {i: {1: 0, 2: 0} for i in ("CDXA25-3.1", "CDXA25-3.2", "CDXA25-3.3")}
    all_set.update({f"CDXA25-{k}": {2: True} for k in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3")})
    level1 = pd.DataFrame([{"recognition_id": "CNX", "model": "Cộng đồng học tập cấp xã", "subject_id": "T01-X01",
                            "year": 2025, "level": 1, "decision_no": "5/QĐ", "decision_date": pd.Timestamp(2025, 3, 1),
                            "authority": "UBND", "expires": None}])
    d2 = data.replace(recognitions=pd.concat([data.recognitions, level1], ignore_index=True))
    r = assess(d2, "congdongxa-tt25-2023", 2025, level=2, thresholds=all_set, declared=decl)
    c = row(r, "T01-X01")
    assert c["level"] == 1 and not bool(c["recognised"])
    assert "chưa đủ 12 tháng" in c["reason"]
    r = assess(d2, "congdongxa-tt25-2023", 2025, level=2, thresholds=all_set, declared=decl,
               as_of=pd.Timestamp(2026, 3, 1))
    assert row(r, "T01-X01")["level"] == 2 and bool(row(r, "T01-X01")["recognised"])


def test_points_classes_tt22():
    data = commune()
    vals = {"DVHT22-1.1": 10, "DVHT22-1.2": 10, "DVHT22-1.3": 10, "DVHT22-2.1": 10, "DVHT22-2.2": 5,
            "DVHT22-2.3": 10, "DVHT22-2.4": 5, "DVHT22-3.1": 25, "DVHT22-3.2": 0}  # 85 -> Tốt
    decl = pd.DataFrame({"subject_id": "U1", "indicator_id": list(vals), "value": [float(v) for v in vals.values()]})
    r = assess(data, "donvi-tt22-2020", 2025, declared=decl)
    assert row(r, "U1")["points"] == 85.0 and row(r, "U1")["class"] == "Tốt"
    decl.loc[decl["indicator_id"] == "DVHT22-1.1", "value"] = 9.5  # 84.5 -> Khá
    r = assess(data, "donvi-tt22-2020", 2025, declared=decl)
    assert row(r, "U1")["class"] == "Khá" and bool(row(r, "U1")["recognised"])
    decl["value"] = 4  # 36 -> Chưa đạt
    r = assess(data, "donvi-tt22-2020", 2025, declared=decl)
    assert row(r, "U1")["class"] == "Chưa đạt" and not bool(row(r, "U1")["recognised"])


def test_unesco_self_assessment_is_not_recognition():
    decl = pd.DataFrame({"subject_id": "T01-X01", "indicator_id": ["UNESCO-A.1", "UNESCO-B.2", "UNESCO-C.1"],
                         "value": [4, 3, 5]})
    r = assess(commune(), "unesco-key-features-2013", 2025, declared=decl)
    s = row(r, "T01-X01")
    assert s["mean_rating"] == 4.0 and pd.isna(s["recognised"]) and s["result"] == "Tự đánh giá"
    assert "3/12 lĩnh vực" in s["reason"]


def test_many_communes_at_once():
    a = commune()
    b_tables = {}
    for name, df in a:
        df = df.copy()
        for c in df.columns:
            if c.endswith("_id") and c != "indicator_id" and df[c].dtype == "string":
                df[c] = df[c].where(df[c].isna() | (df[c] == "T01"), "B-" + df[c])
        b_tables[name] = df
    b = CommuneData(b_tables)
    both = CommuneData({n: pd.concat([a[n], b[n]], ignore_index=True) for n in a.table_names})
    both.tables["admin_units"] = both.admin_units.drop_duplicates("unit_id").reset_index(drop=True)
    ra = assess(a, "giadinh-qd387", 2025, thresholds={"GDHT-2.2": 50}).summary
    rboth = assess(both, "giadinh-qd387", 2025, thresholds={"GDHT-2.2": 50}).summary
    assert len(rboth) == 2 * len(ra)
    assert rboth["commune_id"].nunique() == 2
    assert list(rboth["recognised"][:3]) == list(ra["recognised"]) == list(rboth["recognised"][3:])


def test_errors_are_clear():
    with pytest.raises(KeyError, match="Không có bộ tiêu chí 'khong-co'"):
        assess(commune(), "khong-co", 2025)
    with pytest.raises(AssessmentError, match="Không có số liệu năm 2031.*2024, 2025"):
        assess(commune(), "giadinh-qd387", 2031)
    with pytest.raises(AssessmentError, match="không chia mức độ"):
        assess(commune(), "giadinh-qd387", 2025, level=2)
    with pytest.raises(AssessmentError, match="Không có chỉ số GDHT-9.9"):
        assess(commune(), "giadinh-qd387", 2025, thresholds={"GDHT-9.9": 1})
    bad = commune()
    bad.tables["person_years"] = bad.person_years.drop(columns=["literacy"])
    with pytest.raises(AssessmentError) as e:
        assess(bad, "giadinh-qd387", 2025)
    assert "Bảng 'Nhân khẩu theo năm' (person_years) thiếu cột 'Biết chữ' (literacy), cần cho chỉ số GDHT-2.1." in str(e.value)


def test_output_files(tmp_path):
    r = assess(commune(), "congdan-qd324", 2025)
    x = r.to_excel(tmp_path / "kq.xlsx")
    sheets = pd.read_excel(x, sheet_name=None)
    assert set(sheets) == {"Tóm tắt", "Chi tiết", "Lưu ý"}
    assert "Được công nhận" in sheets["Tóm tắt"].columns
    c = r.to_csv(tmp_path / "kq.csv")
    assert pd.read_csv(c, encoding="utf-8-sig").shape[0] == 3
