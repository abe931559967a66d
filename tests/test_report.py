"""The annual report (.docx), its Excel annex, the restricted named lists, main_job and the province roll-up."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from khuyenhoc.indicators.vnformat import so_theo_don_vi
from khuyenhoc.reports import (
    MARK, SECTIONS, Section, add_section, annual_report, main_job, prepare, province_rollup,
)
from khuyenhoc.reports.province import STATUS_INVALID, STATUS_MISSING, STATUS_OK
from khuyenhoc.report_settings import SettingsError, load_settings
from test_indicators import _PERSONS, tiny_commune

SETTINGS = {"so": 15, "ngay": "05/01/2026", "nguoi_ky": "Lê Văn Hùng", "co_quan_chu_quan": "Hội Khuyến học tỉnh Sơn La"}


@pytest.fixture(scope="module")
def tiny():
    return tiny_commune()


@pytest.fixture(scope="module")
def job(tiny, tmp_path_factory):
    out = tmp_path_factory.mktemp("ket-qua")
    written = main_job(out, tiny, 2025, settings=SETTINGS)
    return out, written


@pytest.fixture(scope="module")
def docx_path(job):
    return job[0] / "bao-cao-nam-2025.docx"


@pytest.fixture(scope="module")
def doc(docx_path):
    return Document(str(docx_path))


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    for s in doc.sections:
        parts.extend(p.text for p in s.header.paragraphs)
    return "\n".join(parts)


def test_main_job_writes_everything(job):
    out, written = job
    names = {p.relative_to(out).as_posix() for p in written}
    assert {"chi-tieu-xa-2025.csv", "chi-tieu-thon-2025.csv", "bao-cao-nam-2025.docx", "phu-luc-chi-tieu-2025.xlsx",
            "han-che-luu-hanh/HAN-CHE-LUU-HANH_danh-sach-ca-nhan-2025.xlsx"} <= names
    assert {"bieu-do/tien-do-chi-tieu-2025.png", "bieu-do/su-dung-quy-2025.png",
            "bieu-do/so-sanh-thon-hoi-vien-2025.png", "bieu-do/xu-huong-hoi-vien-2025.png"} <= names
    assert all(p.exists() and p.stat().st_size > 0 for p in written)
    assert not [p for p in out.rglob(".*")]  # no temporary files left behind


def test_page_layout_nd30(doc):
    s = doc.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert 20 <= round(s.top_margin.mm) <= 25 and 20 <= round(s.bottom_margin.mm) <= 25
    assert 30 <= round(s.left_margin.mm) <= 35 and 15 <= round(s.right_margin.mm) <= 20
    assert s.different_first_page_header_footer  # page number hidden on page 1
    assert 'PAGE' in s.header._element.xml


def test_fonts_are_times_new_roman_black(doc):
    assert doc.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
             if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    assert all(str(r.font.color.rgb) == "000000" for r in runs)


def _find_run(doc, text):
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                for p in c.paragraphs:
                    for r in p.runs:
                        if r.text == text:
                            return p, r
    for p in doc.paragraphs:
        for r in p.runs:
            if r.text == text:
                return p, r
    raise AssertionError(f"không thấy '{text}'")


def test_header_blocks(doc):
    _, motto = _find_run(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert motto.bold and 12 <= motto.font.size.pt <= 13
    _, tag = _find_run(doc, "Độc lập - Tự do - Hạnh phúc")
    assert tag.bold and tag.underline and 13 <= tag.font.size.pt <= 14
    _, parent = _find_run(doc, "HỘI KHUYẾN HỌC TỈNH SƠN LA")
    assert not parent.bold
    _, issuer = _find_run(doc, "HỘI KHUYẾN HỌC XÃ ĐỒNG TÂM")
    assert issuer.bold
    _find_run(doc, "Số: 15/BC-HKH")
    _, date = _find_run(doc, "Đồng Tâm, ngày 05 tháng 01 năm 2026")
    assert date.italic
    p, title = _find_run(doc, "BÁO CÁO")
    assert title.bold and p.alignment == 1  # centred
    _, auth = _find_run(doc, "TM. BAN CHẤP HÀNH")
    assert auth.bold
    _, name = _find_run(doc, "Lê Văn Hùng")
    assert name.bold
    _, label = _find_run(doc, "Nơi nhận:")
    assert label.bold and label.italic and label.font.size.pt == 12
    _, rec = _find_run(doc, "- Lưu: VT.")
    assert rec.font.size.pt == 11


def test_sections_in_order(doc):
    heads = [p.text for p in doc.paragraphs if re.match(r"^[IVX]+\. ", p.text)]
    assert heads == ["I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025",
                     "II. KẾT QUẢ ĐÁNH GIÁ CÁC MÔ HÌNH HỌC TẬP THEO BỘ TIÊU CHÍ NĂM 2025",
                     "III. HẠN CHẾ VÀ NGUYÊN NHÂN", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    body = [p for p in doc.paragraphs if p.text.startswith("Thực hiện chương trình")][0]
    assert body.alignment == 3 and round(body.paragraph_format.first_line_indent.cm, 2) == 1.27


def test_tables_match_the_indicator_table(doc, tiny):
    ctx = prepare(tiny, 2025, settings=SETTINGS)
    t = ctx.commune.set_index("name")
    prev = ctx.previous.set_index("name")
    checked = 0
    for table in doc.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[:2] != ["TT", "Chỉ tiêu"] or "Năm 2025" not in head:
            continue
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            r = t.loc[cells[1]]
            assert cells[2] == r["unit"]
            assert cells[4] == so_theo_don_vi(r["value"], r["unit"])
            assert cells[3] == so_theo_don_vi(prev.loc[cells[1], "value"], r["unit"])
            assert cells[5] == ("–" if pd.isna(r["target"]) else so_theo_don_vi(r["target"], r["unit"]))
            assert cells[6] == ("–" if pd.isna(r["met"]) else ("Đạt" if r["met"] else "Chưa đạt"))
            checked += 1
    assert checked == len(t)
    # a few figures by hand, as they read in the report
    text = _all_text(doc)
    assert "Tỷ lệ hội viên trên dân số: 20,0% (8/40); chỉ tiêu 19,5% — đạt." in text
    assert "Quỹ khuyến học bình quân đầu người: 75.000 đồng/người; chỉ tiêu 50.000 đồng/người — đạt." in text
    assert "Tỷ lệ hội viên trên dân số dưới chỉ tiêu 19,5%: Thôn Tây (15,0%)." in text


def test_no_personal_data_in_report(doc, tiny, docx_path):
    text = unicodedata.normalize("NFC", _all_text(doc))
    with zipfile.ZipFile(docx_path) as z:
        xml = " ".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
    for name in tiny.persons["full_name"]:
        assert name not in text and name not in xml
    for head in tiny.households["head_name"]:
        assert head not in text
    for pid in list(tiny.persons["person_id"]) + list(tiny.households["household_id"]) + list(tiny.members["member_id"]):
        assert not re.search(rf"\b{re.escape(pid)}\b", text)
    for d in tiny.persons["birth_date"]:
        assert d.strftime("%d/%m/%Y") not in text


def test_restricted_file_is_marked_and_names_only_who_consented(job, tiny):
    out, _ = job
    wb = load_workbook(out / "han-che-luu-hanh" / "HAN-CHE-LUU-HANH_danh-sach-ca-nhan-2025.xlsx")
    for ws in wb.worksheets:
        assert ws["A1"].value == MARK
    text = " ".join(str(c.value) for row in wb["Học bổng, khen thưởng"].iter_rows() for c in row if c.value)
    # no consent is recorded in the test commune: none of the four award winners is named, and the list says so
    for name in ["Nguyễn Minh Quân", "Mai Đức Trọng", "Lê Anh Tuấn", "Lường Văn Ánh"]:
        assert name not in text
    assert "Không liệt kê 4 người chưa có phiếu đồng ý" in text


def test_annex_tables(job, tiny):
    out, _ = job
    wb = load_workbook(out / "phu-luc-chi-tieu-2025.xlsx")
    assert wb.sheetnames[:2] == ["Chỉ tiêu cấp xã", "Chỉ tiêu theo thôn"]
    ws = wb["Chỉ tiêu cấp xã"]
    head = [c.value for c in ws[3]]
    assert head[:6] == ["Nhóm", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Đơn vị", "Năm"]
    rows = {(r[1], r[5]): r for r in ws.iter_rows(min_row=4, values_only=True)}
    r = rows[("quy_binh_quan", 2025)]
    assert r[6] == 3_000_000 and r[7] == 40 and r[8] == 75_000 and r[9] == 50_000 and r[11] == "Đạt"
    cell = [c for c in ws["I"] if c.row > 3 and ws.cell(row=c.row, column=2).value == "gdht"][0]
    assert cell.number_format == "#,##0.0"
    names = [c.value for c in wb["Chỉ tiêu theo thôn"]["E"]]
    assert "Thôn Đông" in names and "Thôn Tây" in names
    all_text = " ".join(str(c.value) for s in wb.worksheets for row in s.iter_rows() for c in row if c.value)
    assert not any(p[2] in all_text for p in _PERSONS)


def test_indicator_csv_has_vietnamese_headers(job):
    out, _ = job
    df = pd.read_csv(out / "chi-tieu-xa-2025.csv", encoding="utf-8-sig")
    assert list(df.columns[:3]) == ["Mã chỉ tiêu", "Chỉ tiêu", "Mã nhóm"]
    assert set(df["Đạt chỉ tiêu"].dropna()) == {"Đạt", "Chưa đạt"}


def test_extra_section_can_be_added_without_rework(tiny, tmp_path):
    def assessment(ctx, doc):
        doc.paragraph("Tóm tắt kết quả đánh giá các mô hình học tập.")

    sections = add_section(Section("danh_gia", "Kết quả đánh giá các mô hình học tập", assessment),
                           after="ket_qua", sections=list(SECTIONS))
    p = annual_report(tiny, 2025, tmp_path / "b.docx", settings=SETTINGS, sections=sections)
    heads = [x.text for x in Document(str(p)).paragraphs if re.match(r"^[IVX]+\. ", x.text)]
    assert heads[1] == "II. KẾT QUẢ ĐÁNH GIÁ CÁC MÔ HÌNH HỌC TẬP" and heads[-1].startswith("V. ")
    # global list untouched (the assessment section is part of it, read from ctx.results, never registered at import)
    assert [s.key for s in SECTIONS] == ["ket_qua", "danh_gia", "han_che", "phuong_huong", "de_xuat"]


def test_assessment_section_only_with_assessments(tiny, tmp_path):
    # annual_report alone does not assess: the conditional section is left out and the numbering stays tight
    p = annual_report(tiny, 2025, tmp_path / "c.docx", settings=SETTINGS)
    heads = [x.text for x in Document(str(p)).paragraphs if re.match(r"^[IVX]+\. ", x.text)]
    assert [h.split(". ", 1)[0] for h in heads] == ["I", "II", "III", "IV"]
    assert not any("ĐÁNH GIÁ CÁC MÔ HÌNH" in h for h in heads)


def test_assessment_section_matches_engine(job, doc, tiny):
    from khuyenhoc.engine import assess_all
    from khuyenhoc.reports.annex import ASSESSMENT_SHEET

    engine = assess_all(tiny, 2025)
    tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells][:3] == ["TT", "Mô hình", "Căn cứ"]]
    assert len(tables) == 1
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in tables[0].rows[1:]}
    assert len(rows) == len(engine)
    for r in engine.values():
        s = r.summary
        n, met = len(s), int(s["recognised"].fillna(False).sum())
        und = int((s["result"] == "Chưa kết luận").sum())
        cells = rows[r.catalogue.model]
        assert cells[4:] == [str(n), str(met), "–" if n == 0 else f"{100 * met / n:.1f}".replace(".", ","), str(und)]
        assert cells[3] == ("Bản dựng lại" if r.catalogue.provenance == "reconstructed" else "Chính thức")
    text = _all_text(doc)
    assert "bản dựng lại từ tài liệu công khai" in text
    # catalogues with thresholds left for the user: said plainly, with the count left undecided
    dongho = engine["dongho-qd387"]
    und = int((dongho.summary["result"] == "Chưa kết luận").sum())
    assert f"Dòng họ học tập: {len(dongho.catalogue.unset_thresholds())} ngưỡng chưa đặt" in text
    assert f"Vì vậy {und} đối tượng để “Chưa kết luận”." in text
    # the annex holds the same aggregates
    ws = load_workbook(job[0] / "phu-luc-chi-tieu-2025.xlsx")[ASSESSMENT_SHEET]
    got = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    for r in engine.values():
        assert got[r.catalogue.model][4] == len(r.summary)
        assert got[r.catalogue.model][5] == int(r.summary["recognised"].fillna(False).sum())


def test_restricted_assessment_tables(job, tiny):
    out, written = job
    folder = out / "han-che-luu-hanh"
    wb = load_workbook(folder / "HAN-CHE-LUU-HANH_ket-qua-danh-gia-2025.xlsx", read_only=True)
    for ws in wb.worksheets:
        assert next(ws.iter_rows(max_row=1, values_only=True))[0] == MARK
    ws = wb["Gia đình HT - tóm tắt"]
    rows = list(ws.iter_rows(values_only=True))
    head_at = next(i for i, r in enumerate(rows) if r[0] == "Mã đối tượng")
    assert rows[head_at][:3] == ("Mã đối tượng", "Tên", "Thôn")
    ids = {r[0] for r in rows[head_at + 1:]}
    assert ids == set(tiny.households["household_id"])
    # the evidence gap report and the checklists are in the restricted folder too
    assert (folder / "HAN-CHE-LUU-HANH_thieu-minh-chung-2025.xlsx").exists()
    from khuyenhoc.evidence import gap_report

    with_gaps = {c for c in ("congdan-qd324", "giadinh-qd387", "dongho-qd387", "congdongthon-qd387",
                             "donvi-tt24-2023", "congdongxa-tt25-2023") if len(gap_report(tiny, c, 2025))}
    lists = [p for p in written if "phieu-thu-minh-chung" in p.name]
    assert {p.name.split("_")[-1].rsplit("-", 1)[0] for p in lists} == with_gaps
    assert all(p.parent == folder for p in lists)


def test_settings_override_file_and_errors(tmp_path):
    f = tmp_path / "mau.yaml"
    f.write_text("so: 7\nky_hieu_co_quan: HKHX\nngay: 31/12/2025\n", encoding="utf-8")
    s = load_settings(f)
    assert s.number_symbol() == "Số: 7/BC-HKHX" and s.ngay.year == 2025
    f.write_text("ngay: 2025-31-12x\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="dd/mm/yyyy"):
        load_settings(f)
    f.write_text("khong_co_muc: 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="không có mục này"):
        load_settings(f)


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) chưa cài: apt-get install libreoffice-writer-nogui fonts-liberation2")
def test_docx_opens_in_libreoffice(docx_path, tmp_path):
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                       capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "bao-cao-nam-2025.pdf"
    assert r.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000, r.stderr
    if shutil.which("pdftotext"):
        txt = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                             text=True).stdout
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in txt and "Số: 15/BC-HKH" in txt
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "trang")],
                       check=True)
        assert list(tmp_path.glob("trang*.png"))


# ---------------------------------------------------------------- province roll-up
def test_province_rollup(job, tiny, tmp_path):
    """The commune's report annex (what the report job writes) is what the province reads; a whole workbook with
    personal data is refused, a broken file is listed by name, communes that did not report are named."""
    import shutil

    from khuyenhoc.reports.province import STATUS_PERSONAL
    from khuyenhoc.workbook import write_csv_dir

    out_job, _ = job
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    shutil.copy(out_job / "phu-luc-chi-tieu-2025.xlsx", folder / "xa-dong-tam.xlsx")
    write_csv_dir(tiny, folder / "so-cua-xa")  # the commune's whole data, sent by mistake: never read up
    (folder / "xa-ben-song.xlsx").write_bytes(b"day khong phai tep excel")
    out = tmp_path / "tong-hop"
    r = province_rollup(folder, 2025, expected=["T01-X01", "T01-X02", "T01-X03"], out_dir=out,
                        province_name="Tỉnh Thử Nghiệm")
    st = r.status.set_index("source")
    assert st.loc["xa-dong-tam.xlsx", "status"] == STATUS_OK and st.loc["so-cua-xa", "status"] == STATUS_PERSONAL
    assert st.loc["xa-ben-song.xlsx", "status"] == STATUS_INVALID  # the broken file, listed by its name
    by_unit = r.status.dropna(subset=["unit_id"]).set_index("unit_id")
    assert by_unit.loc["T01-X02", "status"] == STATUS_MISSING and by_unit.loc["T01-X03", "status"] == STATUS_MISSING
    p = r.province.set_index("indicator")
    assert p.loc["hoi_vien_dan_so", "value"] == pytest.approx(20.0)  # the commune's own figure, read from its annex
    assert p.loc["quy_binh_quan", "numerator"] == 3_000_000
    assert {x.name for x in r.written} == {"tong-hop-tinh-2025.xlsx", "bao-cao-tong-hop-tinh-2025.docx"}
    text = _all_text(Document(str(out / "bao-cao-tong-hop-tinh-2025.docx")))
    assert "T01-X02" in text and "T01-X03" in text


def test_rollup_sums_numerators_not_rates():
    from khuyenhoc.reports.province import _sum_up
    from khuyenhoc.indicators import load_definitions, load_targets

    parts = pd.DataFrame({"indicator": ["hoi_vien_dan_so"] * 2, "numerator": [10.0, 30.0], "denominator": [100.0, 100.0]})
    g = _sum_up(parts, load_targets(), 2025, load_definitions())
    assert g.loc[0, "value"] == pytest.approx(20.0)  # not the mean of 10% and 30% weighted wrongly
    parts = pd.DataFrame({"indicator": ["hoi_vien_dan_so"] * 2, "numerator": [10.0, 30.0], "denominator": [100.0, 300.0]})
    assert _sum_up(parts, load_targets(), 2025, load_definitions()).loc[0, "value"] == pytest.approx(10.0)


@pytest.mark.parametrize("typed, shown", [("12", "Số: 12/BC-HKH"), ("12/BC-HKH", "Số: 12/BC-HKH"),
                                          ("Số: 12/BC-HKH", "Số: 12/BC-HKH"), ("", "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-HKH")])
def test_report_number_is_never_doubled(typed, shown):
    from khuyenhoc.reports import load_settings

    assert load_settings({"so": typed}).number_symbol() == shown
