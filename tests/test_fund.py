"""The learning fund: ledger, public disclosure (.xlsx + ND30 .docx notice), award selection by declared rules."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from khuyenhoc import sample
from khuyenhoc.data import CommuneData
from khuyenhoc.fund import (
    SUGGESTED, LedgerError, RulesError, candidates, ledger, load_rules, parse_rules, select_awards, select_from,
    write_disclosure_notice, write_disclosure_sheet, write_selection,
)
from khuyenhoc.fund.awards import CHOSEN, HAS_OTHER, NO_MONEY, NO_SLOT
from khuyenhoc.indicators import compute
from khuyenhoc.privacy import personal_data_in
from khuyenhoc.restricted import MARK
from test_report import _all_text, _find_run

AU = pd.DataFrame({"unit_id": ["T01", "T01-X01", "T01-X01-TH01"], "name": ["Tỉnh Thử", "Xã Đồng Tâm", "Thôn Đông"],
                   "level": ["tỉnh", "xã", "thôn"], "kind": ["tỉnh", "xã", "thôn"],
                   "parent_id": [None, "T01", "T01-X01"], "population": [None, None, 40]})


def tiny_fund() -> CommuneData:
    r = pd.DataFrame({"receipt_id": [f"PT{i}" for i in range(1, 6)], "commune_id": ["T01-X01"] * 5,
                      "date": pd.to_datetime(["2024-03-01", "2025-01-10", "2025-02-20", "2025-08-05", "2025-08-06"]),
                      "branch_id": [None] * 5,
                      "source": ["Dòng họ", "Nhà hảo tâm", "Hội viên đóng góp", "Hội viên đóng góp", "Ngân sách hỗ trợ"],
                      "amount": [2_000_000, 500_000, 1_200_000, 800_000, 1_000_000]})
    s = pd.DataFrame({"payment_id": ["PC1", "PC2", "PC3"], "commune_id": ["T01-X01"] * 3,
                      "date": pd.to_datetime(["2024-09-05", "2025-09-05", "2025-12-10"]), "branch_id": [None] * 3,
                      "purpose": ["Học bổng", "Học bổng", "Hoạt động của Hội"], "amount": [500_000, 1_500_000, 300_000]})
    a = pd.DataFrame({"award_id": ["KT1", "KT2", "KT3"], "person_id": ["P1", "P2", "P1"],
                      "date": pd.to_datetime(["2025-09-05", "2025-09-05", "2025-09-06"]),
                      "kind": ["Học bổng", "Học bổng", "Học bổng"], "amount": [1_000_000, 500_000, 2_000_000],
                      "payment_id": ["PC2", "PC2", None]})
    p = pd.DataFrame({"person_id": ["P1", "P2"], "household_id": ["H1", "H1"], "full_name": ["Trần Thị Mai", "Đỗ Văn Hải"],
                      "sex": ["Nữ", "Nam"], "birth_date": pd.to_datetime(["2012-05-01", "2010-01-01"]),
                      "residence": ["Thường trú"] * 2})
    h = pd.DataFrame({"household_id": ["H1"], "village_id": ["T01-X01-TH01"], "head_name": ["Đỗ Văn Hải"], "poor": [True]})
    return CommuneData({"admin_units": AU, "fund_receipts": r, "fund_spending": s, "awards": a, "persons": p,
                        "households": h})


@pytest.fixture(scope="module")
def mau():
    return sample.load("mau")


def test_ledger_by_hand():
    led = ledger(tiny_fund(), 2025)
    assert (led.opening, led.total_receipts, led.total_spending, led.closing) == (1_500_000, 3_500_000, 1_800_000,
                                                                                    3_200_000)
    assert "2024–2024" in led.opening_note
    assert led.receipts_by_source["source"].tolist() == ["Hội viên đóng góp", "Nhà hảo tâm", "Ngân sách hỗ trợ"]
    assert led.receipts_by_source.set_index("source").loc["Hội viên đóng góp", "amount"] == 2_000_000
    assert led.per_head == pytest.approx(3_500_000 / 40)
    m = led.monthly.set_index("month")
    assert m.loc[1, "balance"] == 2_000_000 and m.loc[9, "balance"] == 2_000_000 + 1_200_000 + 1_800_000 - 1_500_000
    assert m.loc[12, "balance"] == led.closing and led.complete
    # awards paid from the fund vs given directly; a payment whose awards add up is no mismatch
    assert led.awards_by_kind["count"].tolist() == [2] and led.awards_outside["amount"].tolist() == [2_000_000]
    assert led.mismatches.empty
    assert ledger(tiny_fund(), 2025, opening_balance=10).closing == 10 + 3_500_000 - 1_800_000


def test_ledger_flags_payment_awards_mismatch_and_bad_year():
    d = tiny_fund()
    aw = d.awards.copy()
    aw.loc[1, "amount"] = 400_000
    led = ledger(d.replace(awards=aw), 2025)
    assert led.mismatches.to_dict("records") == [{"payment_id": "PC2", "payment": 1_500_000, "awards": 1_400_000}]
    with pytest.raises(LedgerError, match="chưa có khoản thu, chi quỹ nào năm 2019.*2024, 2025"):
        ledger(d, 2019)


def test_ledger_matches_indicators_on_sample(mau):
    led = ledger(mau, 2025)
    ind = compute(mau, 2025, "xã").set_index("indicator")["value"]
    assert led.total_receipts == ind["quy_thu"] and led.total_spending == ind["quy_chi"]
    assert led.closing == ledger(mau, 2026).opening
    assert led.per_head == pytest.approx(ind["quy_binh_quan"])


@pytest.fixture(scope="module")
def disclosure(mau, tmp_path_factory):
    out = tmp_path_factory.mktemp("cong-khai")
    led = ledger(mau, 2025)
    x = write_disclosure_sheet(led, out / "cong-khai-thu-chi-2025.xlsx")
    d = write_disclosure_notice(led, out / "thong-bao-cong-khai-2025.docx",
                                settings={"so": 5, "ngay": "10/01/2026", "nguoi_ky": "Phạm Văn Kiên"})
    return led, x, d


def test_disclosure_sheet_rows_and_no_names(disclosure, mau):
    led, xlsx, _ = disclosure
    ws = load_workbook(xlsx)["Công khai thu chi"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    rows = {r[1]: r for r in values if r[0] in ("I", "II", "III", "IV")}
    assert rows["Số dư đầu kỳ"][3] == led.opening and rows["Tổng thu trong năm"][3] == led.total_receipts
    assert rows["Tổng chi trong năm"][3] == led.total_spending
    assert rows["Số dư cuối kỳ (I + II − III)"][3] == led.opening + led.total_receipts - led.total_spending
    heads = [r[0] for r in values]
    src = values[heads.index("II") + 1:heads.index("III")]
    assert [r[1] for r in src] == led.receipts_by_source["source"].tolist()
    assert sum(r[3] for r in src) == led.total_receipts
    assert SUGGESTED in [r[0] for r in values]
    assert personal_data_in(xlsx, mau) == []


def test_notice_layout_nd30(disclosure):
    _, _, path = disclosure
    doc = Document(str(path))
    s = doc.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert 20 <= round(s.top_margin.mm) <= 25 and 30 <= round(s.left_margin.mm) <= 35
    assert 15 <= round(s.right_margin.mm) <= 20 and s.different_first_page_header_footer
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
             if r.text.strip()]
    assert all(r.font.name == "Times New Roman" and str(r.font.color.rgb) == "000000" for r in runs)
    _, motto = _find_run(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert motto.bold and 12 <= motto.font.size.pt <= 13
    _, issuer = _find_run(doc, "HỘI KHUYẾN HỌC XÃ HÒA MẪU")
    assert issuer.bold
    _find_run(doc, "Số: 5/TB-HKH")
    _, date = _find_run(doc, "Hòa Mẫu, ngày 10 tháng 01 năm 2026")
    assert date.italic
    p, title = _find_run(doc, "THÔNG BÁO")
    assert title.bold and p.alignment == 1
    _find_run(doc, "Công khai tình hình thu, chi Quỹ Khuyến học năm 2025")
    _, label = _find_run(doc, "Nơi nhận:")
    assert label.bold and label.italic
    text = _all_text(doc)
    assert SUGGESTED in text and "Số dư cuối kỳ: 320.950.000 đ." in text


def test_notice_carries_no_resident_name(disclosure, mau):
    _, _, path = disclosure
    assert personal_data_in(path, mau, allow=["Phạm Văn Kiên"]) == []
    # the check would catch a name: the signer is one of the sample's residents only if allowed
    assert unicodedata.is_normalized("NFC", _all_text(Document(str(path))))


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) chưa cài: apt-get install libreoffice-writer-nogui "
                           "libreoffice-calc-nogui fonts-liberation2")
def test_notice_and_sheet_open_in_libreoffice(disclosure, mau, tmp_path):
    _, xlsx, docx = disclosure
    named = write_selection(select_awards(mau, 2025), mau, tmp_path / "xet-chon-2025.xlsx")
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(docx),
                        str(xlsx), str(named)], capture_output=True, text=True, timeout=240)
    tmp_path = tmp_path / "pdf"
    notice, sheet = tmp_path / "thong-bao-cong-khai-2025.pdf", tmp_path / "cong-khai-thu-chi-2025.pdf"
    assert r.returncode == 0 and notice.exists() and notice.stat().st_size > 5_000, r.stdout + r.stderr
    assert sheet.exists(), "LibreOffice Calc chưa cài (apt-get install libreoffice-calc-nogui): " + r.stdout + r.stderr
    if shutil.which("pdftotext"):
        txt = subprocess.run(["pdftotext", "-layout", str(notice), "-"], capture_output=True, text=True).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in txt and "THÔNG BÁO" in txt and "320.950.000" in txt
        txt = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True).stdout
        assert "CÔNG KHAI THU, CHI QUỸ KHUYẾN HỌC NĂM 2025" in txt
        assert "320.950.000" in txt and "43,5" in txt  # Vietnamese number formats, whatever the reader's locale
    assert (tmp_path / "xet-chon-2025.pdf").stat().st_size > 5_000  # the restricted list opens too


# ---------------------------------------------------------------- rules as data
def _rules(**kw):
    base = {"ten": "Thử", "ngan_sach": 2_500_000, "suat": [
        {"ma": "hb", "ten": "Vượt khó", "loai": "Học bổng", "so_tien": 1_000_000, "so_suat_toi_da": 2,
         "dieu_kien": [{"truong": "ho_ngheo", "phep": "=", "gia_tri": True}],
         "xep_hang": [{"truong": "diem_hoc_tap", "thu_tu": "giam"}]},
        {"ma": "gioi", "ten": "Học giỏi", "loai": "Khen thưởng học sinh giỏi", "so_tien": 300_000,
         "dieu_kien": [{"truong": "ket_qua_hoc_tap", "phep": "=", "gia_tri": "Tốt"}]}]}
    base.update(kw)
    return parse_rules(base, "thu.yaml")


CANDS = pd.DataFrame({"person_id": ["A", "B", "C", "D"], "ho_ngheo": [True, True, True, False],
                      "diem_hoc_tap": [3, 4, 4, 4], "ket_qua_hoc_tap": ["Khá", "Tốt", "Tốt", "Tốt"]})


def test_selection_ranks_caps_budget_and_one_award_each():
    sel = select_from(CANDS, _rules(), 2025)
    assert sel.chosen[["person_id", "rule"]].values.tolist() == [["B", "hb"], ["C", "hb"], ["D", "gioi"]]
    out = sel.details.set_index(["person_id", "rule"])["outcome"]
    assert out[("A", "hb")] == NO_SLOT and out[("B", "gioi")] == HAS_OTHER and out[("C", "gioi")] == HAS_OTHER
    assert sel.total == 2_300_000 and sel.remaining == 200_000
    tight = select_from(CANDS, _rules(ngan_sach=1_500_000), 2025)
    assert tight.details.set_index(["person_id", "rule"])["outcome"][("C", "hb")] == NO_MONEY
    assert "xếp thứ 3 — Đủ điều kiện, hết suất." in sel.explain("A")
    assert "Học giỏi: không đủ điều kiện — chưa đạt: kết quả học tập = Tốt (đang là Khá)." in sel.explain("A")
    assert "không có trong danh sách" in sel.explain("Z")
    s = sel.summary.set_index("rule")
    assert s.loc["hb", "eligible"] == 3 and s.loc["hb", "chosen"] == 2 and s.loc["hb", "no_slot"] == 1


@pytest.mark.parametrize("change, message", [
    ({"suat": [{"ma": "x", "ten": "X", "loai": "Học bổng", "so_tien": 1, "dieu_kien": [
        {"truong": "tuoi_tho", "phep": "=", "gia_tri": 1}]}]}, "không có thông tin 'tuoi_tho'"),
    ({"suat": [{"ma": "x", "ten": "X", "loai": "Học bổng", "so_tien": 1, "dieu_kien": [
        {"truong": "ket_qua_hoc_tap", "phep": "=", "gia_tri": "Giỏi"}]}]}, "'Giỏi' không phải giá trị"),
    ({"suat": [{"ma": "x", "ten": "X", "loai": "Học bổng", "so_tien": 1, "dieu_kien": [
        {"truong": "tuoi", "phep": "trong", "gia_tri": 6}]}]}, "cần một danh sách"),
    ({"suat": [{"ma": "x", "ten": "X", "loai": "Tiền thưởng", "so_tien": 1, "dieu_kien": [
        {"truong": "tuoi", "phep": ">=", "gia_tri": 6}]}]}, r"mục suat\[1\] \(x\)\.loai: 'Tiền thưởng' không hợp lệ"),
    ({"ngan_sach": -5}, "ngan_sach: '-5' phải lớn hơn 0"),
])
def test_rules_errors_are_vietnamese_and_located(change, message):
    with pytest.raises(RulesError, match=message):
        _rules(**change)


def test_rules_file_errors(tmp_path):
    f = tmp_path / "quy-tac.yaml"
    f.write_text("ten: Thử\nngan_sach: 100\nsuat:\n\t- ma: x\n", encoding="utf-8")
    before = f.read_bytes()
    with pytest.raises(RulesError, match=r"quy-tac.yaml', dòng 4.*Tab"):
        load_rules(f)
    assert f.read_bytes() == before
    with pytest.raises(RulesError, match="Không tìm thấy tệp quy tắc"):
        load_rules(tmp_path / "khong-co.yaml")


def test_selection_on_sample_respects_every_rule(mau):
    rules = load_rules()
    sel = select_awards(mau, 2025, rules)
    c = candidates(mau, 2025).set_index("person_id")
    assert sel.total <= rules.ngan_sach and sel.chosen["person_id"].is_unique
    for rule in rules.suat:
        got = sel.chosen[sel.chosen["rule"] == rule.ma]
        assert len(got) <= (rule.so_suat_toi_da or len(got))
        for cond in rule.dieu_kien:  # recheck each condition independently of the selector
            col = c.loc[got["person_id"], cond.truong]
            v = cond.gia_tri
            ok = {"=": lambda: col == v, ">=": lambda: col >= v, "trong": lambda: col.isin(v)}[cond.phep]()
            assert bool(ok.all()), (rule.ma, cond)
    # ranking: nobody left out of a kind ranks above someone chosen for it
    d = sel.details[sel.details["rule"] == "hoc-sinh-gioi"]
    assert d.loc[d["outcome"] == CHOSEN, "rank"].max() < d.loc[d["outcome"] == NO_SLOT, "rank"].min()


def test_selection_list_is_restricted(mau, tmp_path):
    sel = select_awards(mau, 2025)
    p = write_selection(sel, mau, tmp_path / "xet-chon.xlsx")
    wb = load_workbook(p)
    ws = wb["Danh sách xét chọn"]
    assert ws["A1"].value == MARK
    first = sel.chosen["person_id"].iloc[0]
    name = mau.persons.set_index("person_id").loc[first, "full_name"]
    assert name in [c.value for c in ws["A"]]  # a named list, kept in the commune
    assert personal_data_in(p, mau)  # and the privacy check says so
    assert "Tổng hợp" in wb.sheetnames and "Quy tắc đã dùng" in wb.sheetnames


# ---------------------------------------------------------------- CLI
def test_cli_fund(tmp_path, capsys):
    from khuyenhoc.cli import main

    assert main(["quy", "cong-khai", "--nam", "2025", "--ra", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("(không có dữ liệu cá nhân)") == 2
    assert {p.name for p in tmp_path.iterdir()} == {"cong-khai-thu-chi-quy-2025.xlsx", "thong-bao-cong-khai-quy-2025.docx"}
    rules = tmp_path / "quy-tac.yaml"
    rules.write_text("ten: Thử\nngan_sach: 2000000\nsuat:\n  - ma: hb\n    ten: Vượt khó\n    loai: Học bổng\n"
                     "    so_tien: 1000000\n    dieu_kien:\n      - {truong: ho_ngheo, phep: '=', gia_tri: true}\n",
                     encoding="utf-8")
    assert main(["quy", "xet-hoc-bong", "--nam", "2025", "--quy-tac", str(rules), "--ra", str(tmp_path / "ds.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "chọn 2 × 1.000.000 đ = 2.000.000 đ" in out and "HẠN CHẾ LƯU HÀNH" in out
    rules.write_text("ten: Thử\nngan_sach: 0\nsuat: []\n", encoding="utf-8")
    assert main(["quy", "xet-hoc-bong", "--quy-tac", str(rules)]) == 1
    err = capsys.readouterr().err
    assert "mục ngan_sach: '0' phải lớn hơn 0" in err and "Traceback" not in err
    assert main(["quy"]) == 2
