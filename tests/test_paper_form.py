"""The paper self-assessment form for people without a smartphone, and the check of a filled form."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest

from khuyenhoc import paper_form
from khuyenhoc.paper_form import INCOMPLETE, NOT_MET, OK, check_form, indicator_rows, to_self_scores, write_form

CODES = [r["ma"] for r in indicator_rows()]


def _form(**changes):
    form = {"ho_ten": "Lò Thị Xuân", "nam_sinh": 1972, "nhom": "Người dân trong xã",
            "diem": {c: 8 for c in CODES}, "tong_diem": 80, "dong_y": True, "ky_ten": True, "xac_nhan_chi_hoi": True}
    form.update(changes)
    return form


def test_a_right_form_is_recommended_and_becomes_self_score_rows():
    result = check_form(_form(), nam_danh_gia=2025)
    assert (result.ket_luan, result.tong_diem, result.loi, result.chua_dat) == (OK, 80.0, [], [])
    rows = to_self_scores(_form(), "X01-DK0007", nam_danh_gia=2025)
    assert [r["Mã chỉ số"] for r in rows] == CODES and {r["Điểm/giá trị"] for r in rows} == {8.0}


def test_decimal_comma_is_read_and_a_low_indicator_fails_the_title():
    scores = {c: "9,5" for c in CODES}
    scores["CDHT-2.2"] = "4"
    result = check_form(_form(diem=scores, tong_diem="89,5"), nam_danh_gia=2025)
    assert result.hop_le and result.ket_luan == NOT_MET and result.tong_diem == 89.5
    assert result.chua_dat == ["Chỉ số CDHT-2.2 (Sử dụng ngoại ngữ theo yêu cầu vị trí công việc.) được 4 điểm, "
                               "dưới mức tối thiểu 5."]


@pytest.mark.parametrize("change, message", [
    ({"tong_diem": 85}, "cộng lại đúng là 80"),
    ({"diem": {c: 8 for c in CODES[:-1]}}, "CDHT-3.2 (Hợp tác, chia sẻ trong công việc và trong cộng đồng.): chưa ghi điểm"),
    ({"diem": {**{c: 8 for c in CODES}, "CDHT-1.1": "tám"}}, "“tám” không phải một con số"),
    ({"diem": {**{c: 8 for c in CODES}, "CDHT-9.9": 5}}, "Mã “CDHT-9.9” không có trong bộ tiêu chí"),
    ({"nhom": ["Người lao động", "Người dân trong xã"]}, "mỗi người chỉ khai theo một nhóm"),
    ({"nhom": ""}, "Chưa đánh dấu nhóm đối tượng"),
    ({"dong_y": None}, "chưa đánh dấu đồng ý"),
    ({"nam_sinh": 2012, "nhom": "Học sinh, sinh viên, học viên"}, "cần thêm sự đồng ý của cha, mẹ"),
    ({"nam_sinh": 2031}, "không hợp lý"),
    ({"ky_ten": False}, "chưa ký tên"),
    ({"xac_nhan_chi_hoi": False}, "xác nhận của chi hội"),
])
def test_each_slip_on_a_paper_form_is_named(change, message):
    result = check_form(_form(**change), nam_danh_gia=2025)
    assert result.ket_luan == INCOMPLETE
    assert any(message in m for m in result.loi), result.loi
    with pytest.raises(ValueError, match="chưa nhập được"):
        to_self_scores(_form(**change), "X01-DK0007", nam_danh_gia=2025)


def test_form_document_layout_and_no_id_number_or_ethnicity(tmp_path):
    path = write_form(tmp_path / "phieu.docx", xa="Hòa Mẫu", nam_danh_gia=2025)
    doc = docx.Document(path)
    s = doc.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert 20 <= round(s.top_margin.mm) <= 25 and 30 <= round(s.left_margin.mm) <= 35
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
             if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "MẪU GỢI Ý" in doc.sections[0].first_page_header.paragraphs[0].text
    assert all(code in cells for code in CODES)
    for group in paper_form.TARGET_GROUPS:
        assert group in text
    assert "☐ Tôi đồng ý" in text  # never pre-ticked
    assert "Số căn cước:" not in text and "Dân tộc:" not in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) chưa cài")
def test_form_opens_in_libreoffice(tmp_path):
    path = write_form(tmp_path / "phieu.docx", xa="Hòa Mẫu", nam_danh_gia=2025)
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                       capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "phieu.pdf"
    assert r.returncode == 0 and pdf.exists(), r.stderr
    if shutil.which("pdftotext"):
        txt = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "PHIẾU TỰ ĐÁNH GIÁ" in txt and "CDHT-3.2" in txt


def test_cli_prints_the_form_and_checks_a_sheet_of_transcribed_forms(tmp_path, capsys):
    import pandas as pd

    from khuyenhoc.cli import main

    assert main(["phieu-cdht", str(tmp_path / "phieu.docx"), "--xa", "Hòa Mẫu", "--nam", "2025"]) == 0
    assert (tmp_path / "phieu.docx").exists()
    rows = [dict({"Họ và tên": "Lò Thị Xuân", "Năm sinh": "1972", "Nhóm đối tượng": "Người dân trong xã",
                  "Tổng điểm tự cộng": "80", "Đồng ý": "Có", "Ký tên": "Có", "Chi hội xác nhận": "Có"},
                 **{c: "8" for c in CODES}),
            dict({"Họ và tên": "Cầm Văn Định", "Năm sinh": "1958", "Nhóm đối tượng": "Người dân trong xã",
                  "Tổng điểm tự cộng": "80", "Đồng ý": "", "Ký tên": "Có", "Chi hội xác nhận": "Có"},
                 **{c: "8" for c in CODES})]
    sheet = tmp_path / "phieu_da_chep.xlsx"
    pd.DataFrame(rows).to_excel(sheet, index=False)
    before = sheet.read_bytes()
    capsys.readouterr()
    assert main(["phieu-cdht", str(sheet), "--nam", "2025", "--kiem-tra"]) == 1
    out = capsys.readouterr().out
    assert "Dòng 2 (Lò Thị Xuân): Đủ điều kiện đề nghị công nhận" in out
    assert "Dòng 3 (Cầm Văn Định): Phiếu chưa hợp lệ" in out and "chưa đánh dấu đồng ý" in out
    assert sheet.read_bytes() == before
