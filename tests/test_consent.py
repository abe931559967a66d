"""Consent is enforced in every list with names: a person without consent for a purpose is absent from its lists."""
import pandas as pd
from openpyxl import load_workbook

from _intake_data import tiny_commune
from khuyenhoc.consent import PUBLISH, RECOGNITION, consented
from khuyenhoc.evidence.checklist import write_checklist
from khuyenhoc.restricted import write_named_lists

D = pd.Timestamp


def _data():
    d = tiny_commune()
    c = pd.DataFrame({
        "consent_id": [f"X01-DY{i:04d}" for i in range(1, 8)],
        "person_id": ["X01-NK00001", "X01-NK00001", "X01-NK00005", "X01-NK00003", "X01-NK00002", "X01-NK00004",
                      "X01-NK00002"],
        "purpose": [RECOGNITION, PUBLISH, PUBLISH, PUBLISH, RECOGNITION, RECOGNITION, PUBLISH],
        "date": [D("2025-01-10")] * 7,
        "subject_agrees": [True, True, True, True, True, True, None],
        "guardian_id": [None, None, "X01-NK00004", None, None, None, None],
        "guardian_agrees": [None, None, None, None, None, None, None],
        "withdrawn": [pd.NaT, pd.NaT, pd.NaT, D("2025-06-01"), pd.NaT, pd.NaT, pd.NaT],
    })
    a = pd.DataFrame({"award_id": ["X01-KT0001", "X01-KT0002", "X01-KT0003", "X01-KT0004"],
                      "person_id": ["X01-NK00005", "X01-NK00001", "X01-NK00003", "X01-NK00002"],
                      "date": [D("2025-09-05")] * 4, "kind": ["Học bổng"] * 4, "amount": [500000] * 4,
                      "payment_id": [None] * 4})
    return d.replace(consents=c, awards=a)


def test_who_has_consent_for_what():
    d = _data()
    assert consented(d, PUBLISH, "2025-12-31") == {"X01-NK00001"}  # child: guardian did not agree; 3: withdrawn; 2: blank
    assert consented(d, RECOGNITION, "2025-12-31") == {"X01-NK00001", "X01-NK00002", "X01-NK00004"}
    assert consented(d, PUBLISH, "2025-05-01") == {"X01-NK00001", "X01-NK00003"}  # before the withdrawal
    c = d.consents.copy()
    c.loc[2, "guardian_agrees"] = True  # now both the 10-year-old and the guardian agree
    assert "X01-NK00005" in consented(d.replace(consents=c), PUBLISH, "2025-12-31")
    c.loc[2, "subject_agrees"] = None  # the child (7 or more) must agree too
    assert "X01-NK00005" not in consented(d.replace(consents=c), PUBLISH, "2025-12-31")


def _cells(path):
    wb = load_workbook(path, read_only=True)
    return {ws.title: [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
            for ws in wb.worksheets}


def test_named_award_list_has_only_people_who_consented(tmp_path):
    cells = _cells(write_named_lists(_data(), 2025, tmp_path / "ds.xlsx"))["Học bổng, khen thưởng"]
    assert "Nguyễn Văn An" in cells
    for absent in ("Lò Thị Mai", "Trần Thị Bình", "Phạm Thị Hoa"):
        assert absent not in cells
    assert any("Không liệt kê 3 người" in str(v) for v in cells)


def test_evidence_checklist_has_only_people_who_consented(tmp_path):
    d = _data()
    r = d.registrations.copy()
    r.loc[len(r)] = {"registration_id": "X01-DK0003", "model": "Công dân học tập", "subject_id": "X01-NK00003",
                     "year": 2025, "level": None, "registered": D("2025-01-20"), "self_assessed": pd.NaT,
                     "verified": pd.NaT, "status": "Đã đăng ký"}
    d = d.replace(registrations=r)
    text = " ".join(str(v) for vs in _cells(write_checklist(d, "congdan-qd324", 2025, tmp_path / "p.xlsx")).values()
                    for v in vs)
    assert "X01-NK00001" in text and "X01-NK00003" not in text and "Trần Thị Bình" not in text
