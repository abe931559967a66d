"""Procedure: deadlines and authority from configuration, progress, overdue, expiring recognitions."""

import pandas as pd

from criteria_factory import d, tt24_units
from khuyenhoc import procedure as P


def test_deadlines_from_configuration():
    assert P.deadline("donvi-tt24-2023", "tham_dinh", 2024) == pd.Timestamp(2025, 1, 15)
    assert P.deadline("donvi-tt24-2023", "cong_nhan", 2024) == pd.Timestamp(2025, 2, 15)
    assert P.deadline("congdongxa-tt25-2023", "tham_dinh", 2024) == pd.Timestamp(2025, 2, 28)
    assert P.deadline("congdongxa-tt25-2023", "cong_nhan", 2024) == pd.Timestamp(2025, 3, 31)
    assert P.deadline("congdan-qd324", "cong_nhan", 2024) is None


def test_authority_must_be_set_after_the_reform(tmp_path):
    assert P.authority("donvi-tt24-2023", 2023) == ("Chủ tịch UBND cấp huyện", "")
    who, note = P.authority("donvi-tt24-2023", 2025)
    assert who is None and "không còn cấp huyện" in note
    cfg = P.load_config()
    cfg["procedures"]["donvi-tt24-2023"]["authority_after_reform"] = "Chủ tịch UBND xã"
    assert P.authority("donvi-tt24-2023", 2025, cfg) == ("Chủ tịch UBND xã", "")


def test_status_and_overdue():
    data = tt24_units([19])
    s = P.status(data, "donvi-tt24-2023", 2025, today="2026-01-20").set_index("subject_id")
    assert s.loc["U9", "next_step"] == "Thẩm định"
    assert s.loc["U9", "deadline"] == pd.Timestamp(2026, 1, 15)
    assert bool(s.loc["U9", "overdue"])
    s = P.status(data, "donvi-tt24-2023", 2025, today="2026-01-10").set_index("subject_id")
    assert not bool(s.loc["U9", "overdue"])


def test_recognisable_this_year():
    r = P.recognisable(tt24_units([19]), "donvi-tt24-2023", 2025, level=1)
    assert list(r["subject_id"]) == ["U9"]
    assert len(P.recognisable(tt24_units([10]), "donvi-tt24-2023", 2025, level=1)) == 0


def test_expiring_uses_validity_years():
    data = tt24_units([19])
    rec = pd.DataFrame([{"recognition_id": "E1", "model": "Đơn vị học tập", "subject_id": "U1", "year": 2022,
                         "level": 1, "decision_no": "9", "decision_date": d("10/02/2023"), "authority": "UBND",
                         "expires": None}])
    data = data.replace(recognitions=pd.concat([data.recognitions, rec], ignore_index=True))
    e = P.expiring(data, "donvi-tt24-2023", "2025-12-25")
    assert list(e["recognition_id"]) == ["E1"] and e.loc[0, "expiry"] == pd.Timestamp(2026, 2, 10)
    assert e.loc[0, "state"] == "sắp hết hạn"
    assert P.expiring(data, "donvi-tt24-2023", "2026-03-01").loc[0, "state"] == "đã hết hạn"
    assert len(P.expiring(data, "donvi-tt24-2023", "2025-01-01")) == 0


def test_finished_registrations_are_never_overdue():
    from khuyenhoc import sample
    data = sample.load("mau")
    s = P.status(data, "donvi-tt24-2023", 2025, today="2027-06-01")
    finished = s["next_step"].isna()
    assert finished.any()
    assert s.loc[finished.to_numpy(dtype=bool), "deadline"].isna().all()
    assert not s.loc[finished.to_numpy(dtype=bool), "overdue"].any()
