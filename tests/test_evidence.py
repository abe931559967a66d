"""Evidence checks, gap report and the printable collection checklist."""

import hashlib

import pandas as pd
from openpyxl import load_workbook

from criteria_factory import commune
from khuyenhoc.engine import assess
from khuyenhoc.evidence import check_evidence, gap_report, issuer_matches, write_checklist


def _folder(tmp_path):
    (tmp_path / "P3").mkdir(parents=True)
    (tmp_path / "P3" / "bao_cao.txt").write_text("báo cáo", encoding="utf-8")
    (tmp_path / "P3" / "ke_hoach.txt").write_text("kế hoạch", encoding="utf-8")
    return tmp_path


def test_issuer_matching_expands_abbreviations_and_ignores_diacritics():
    s = pd.Series(["UBND xã Đồng Mai", "Uỷ ban nhân dân xã", "Trường THCS Đồng Mai", "", None, "Công ty ABC"])
    assert issuer_matches(s, ["Ủy ban nhân dân"]).tolist() == [True, True, False, False, False, False]
    assert issuer_matches(s, ["Trường trung học cơ sở"]).tolist() == [False, False, True, False, False, False]
    assert issuer_matches(s, []).tolist() == [True, True, True, False, False, True]


def test_evidence_dated_outside_the_year_and_missing_file(tmp_path):
    folder = _folder(tmp_path)
    c = check_evidence(commune(), "congdan-qd324", 2025, folder).set_index("evidence_id")
    assert bool(c.loc["MC1", "valid"])
    assert not bool(c.loc["MC2", "valid"]) and not bool(c.loc["MC2", "date_ok"])
    assert c.loc["MC2", "problem"] == "ngày 15/12/2024 nằm ngoài kỳ đánh giá 01/01/2025–31/12/2025"
    assert not bool(c.loc["MC3", "file_ok"])
    assert c.loc["MC3", "problem"] == "không tìm thấy tệp 'P3/khong_co.pdf' trong thư mục minh chứng"
    # without a folder, files are not checked
    c2 = check_evidence(commune(), "congdan-qd324", 2025).set_index("evidence_id")
    assert bool(c2.loc["MC3", "valid"]) and pd.isna(c2.loc["MC3", "file_ok"])


def test_changed_file_is_detected(tmp_path):
    folder = _folder(tmp_path)
    data = commune()
    ev = data.evidence.copy()
    ev.loc[ev["evidence_id"] == "MC1", "sha256"] = hashlib.sha256("báo cáo".encode()).hexdigest()
    ok = check_evidence(data.replace(evidence=ev), "congdan-qd324", 2025, folder).set_index("evidence_id")
    assert bool(ok.loc["MC1", "hash_ok"])
    (folder / "P3" / "bao_cao.txt").write_text("đã sửa", encoding="utf-8")
    bad = check_evidence(data.replace(evidence=ev), "congdan-qd324", 2025, folder).set_index("evidence_id")
    assert not bool(bad.loc["MC1", "valid"]) and "đã bị thay đổi" in bad.loc["MC1", "problem"]


def test_escaping_path_is_refused(tmp_path):
    folder = _folder(tmp_path / "mc")
    (tmp_path / "ngoai.txt").write_text("x")
    data = commune()
    ev = data.evidence.copy()
    ev.loc[0, "file"] = "../ngoai.txt"
    c = check_evidence(data.replace(evidence=ev), "congdan-qd324", 2025, folder)
    assert not bool(c.loc[0, "file_ok"])


def test_evidence_status_in_assessment_and_gap_report(tmp_path):
    folder = _folder(tmp_path)
    r = assess(commune(), "congdan-qd324", 2025, evidence_dir=folder)
    d = r.details.set_index(["subject_id", "indicator_id"])
    assert d.loc[("P3", "CDHT-1.1"), "evidence_status"] == "đủ"
    assert d.loc[("P3", "CDHT-1.2"), "evidence_status"] == "không hợp lệ"
    assert d.loc[("P3", "CDHT-2.1"), "evidence_status"] == "không hợp lệ"
    assert d.loc[("P3", "CDHT-1.3"), "evidence_status"] == "thiếu"
    gaps = gap_report(commune(), "congdan-qd324", 2025, folder)
    assert len(gaps) == 3 * 10 - 1  # three registered citizens, ten indicators, one valid item
    row = gaps[(gaps["subject_id"] == "P3") & (gaps["indicator_id"] == "CDHT-1.2")].iloc[0]
    assert row["status"] == "không hợp lệ" and "ngoài kỳ đánh giá" in row["problem"]
    assert row["village"] == "Thôn Đông" and row["name"] == "Người P3"


def _with_recognition_consent(data):
    """Every adult of the commune agreed to 'Xét công nhận danh hiệu' (the checklist lists only them)."""
    import pandas as pd

    from khuyenhoc.consent import RECOGNITION

    ids = data.persons["person_id"].tolist()
    return data.replace(consents=pd.DataFrame({
        "consent_id": [f"DY{i}" for i in range(len(ids))], "person_id": ids, "purpose": RECOGNITION,
        "date": pd.Timestamp("2025-01-02"), "subject_agrees": True}))


def test_checklist_without_consent_lists_nobody(tmp_path):
    p = write_checklist(commune(), "congdan-qd324", 2025, tmp_path / "phieu.xlsx")
    assert load_workbook(p).sheetnames == ["Không có thiếu sót"]


def test_checklist_workbook_is_printable(tmp_path):
    p = write_checklist(_with_recognition_consent(commune()), "congdan-qd324", 2025, tmp_path / "phieu.xlsx")
    wb = load_workbook(p)
    assert wb.sheetnames == ["Thôn Đoài", "Thôn Đông"]
    ws = wb["Thôn Đông"]
    assert ws["A3"].value == "Tài liệu nội bộ — chứa dữ liệu cá nhân"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$5:$5"
    assert [c.value for c in ws[5]][:3] == ["STT", "Mã đối tượng", "Tên"]
    # P1 and P3 live in thôn Đông: 20 items, less P3's two valid ones (files not checked without a folder)
    assert ws.max_row == 5 + 18
    assert not list(tmp_path.glob(".*tmp*"))
