"""cuoi_khoa: the final assignment — a full annual assessment and report of the second sample commune (Lũng Mây)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "cuoi_khoa"
TITLE = "Bài cuối khóa: đánh giá cả năm và báo cáo của xã Lũng Mây"
POINTS = 30

DATA_SETUP = '''
from pathlib import Path

import pandas as pd
from docx import Document
from khuyenhoc import sample
from khuyenhoc.intake import check
from khuyenhoc.engine import assess_all
from khuyenhoc.evidence import gap_report
from khuyenhoc.indicators import compute
from khuyenhoc.reports import main_job

DUONG_DAN = sample.path("capstone")["csv"]            # sổ sách của xã Lũng Mây (giả định), dạng thư mục CSV
THU_MUC_MINH_CHUNG = sample.path("capstone")["evidence"]
THU_MUC_BAO_CAO = Path("ket_qua_lung_may_2025")
NAM = 2025
_goc, _van_de_goc = check(DUONG_DAN)                 # để máy chấm so sánh; anh/chị không cần dùng
print("✅ Đã sẵn sàng: xã Lũng Mây, năm đánh giá", NAM)
'''

_DUNG_1 = ('du_lieu, van_de = check(DUONG_DAN)\n'
           'so_loi = sum(v.severity == "lỗi" for v in van_de)\n'
           'so_canh_bao = sum(v.severity == "cảnh báo" for v in van_de)')
_DUNG_2 = ('ket_qua = assess_all(du_lieu, NAM)\n'
           'so_dat = {ma: int(kq.summary["recognised"].fillna(False).sum()) for ma, kq in ket_qua.items()}')
_DUNG_3 = ('thieu = gap_report(du_lieu, "Công dân học tập", 2026, THU_MUC_MINH_CHUNG)\n'
           'thon_thieu_nhieu_nhat = thieu["village"].value_counts().idxmax()\n'
           'so_khong_hop_le = int((thieu["status"] == "không hợp lệ").sum())')
_DUNG_4 = ('bang_xa = compute(du_lieu, NAM, "xã")\n'
           'chua_dat = sorted(bang_xa.loc[bang_xa["met"].eq(False).fillna(False), "indicator"])\n'
           'ty_le_hoi_vien = round(float(bang_xa.set_index("indicator").loc["hoi_vien_dan_so", "value"]), 1)')
_DUNG_5 = ('cai_dat = {\n'
           '    "so": 12,\n'
           '    "nguoi_ky": "[Họ và tên Chủ tịch Hội]",\n'
           '    "nguyen_nhan": ["Cán bộ chi hội phần lớn kiêm nhiệm, các bản xa, đường khó đi."],\n'
           '    "de_xuat": ["Đề nghị UBND xã hỗ trợ kinh phí tập huấn cán bộ chi hội về bộ tiêu chí và minh chứng."],\n'
           '}\n'
           'tep_da_ghi = main_job(THU_MUC_BAO_CAO, du_lieu, NAM, settings=cai_dat)')

#: Wrong-answer fixtures (see tests/test_course_grading.py): case -> (answers, marks, messages).
FIXTURES = {
    "dung": ({}, 20.0, ["Câu 5 đúng dạng"]),
    "nam_sau_va_lo_ten": (
        {"cau_1": _DUNG_1, "cau_2": "ket_qua = assess_all(du_lieu, 2026)\n"
                                    "so_dat = {ma: int(kq.summary['recognised'].fillna(False).sum()) "
                                    "for ma, kq in ket_qua.items()}",
         "cau_3": _DUNG_3,
         "cau_4": ('bang_xa = compute(du_lieu, 2026, "xã")\n'
                   'chua_dat = sorted(bang_xa.loc[bang_xa["met"].eq(False).fillna(False), "indicator"])\n'
                   'ty_le_hoi_vien = round(float(bang_xa.set_index("indicator").loc["hoi_vien_dan_so", "value"]), 1)'),
         "cau_5": ('ten = du_lieu.persons["full_name"].iloc[3]\n'
                   'cai_dat = {"so": 12, "de_xuat": [f"Đề nghị khen thưởng {ten} vì đóng góp nhiều cho quỹ."]}\n'
                   'tep_da_ghi = main_job(THU_MUC_BAO_CAO, du_lieu, NAM, settings=cai_dat)'),
         "cau_6": "Còn nhiều hạn chế.", "cau_7": "Cố gắng hơn."},
        9.0, ["năm đánh giá là 2025", "bảng chỉ tiêu phải là năm 2025", "có họ tên người dân"]),
    "quen_tep_va_dem_ca": (
        {"cau_1": "du_lieu, van_de = check(DUONG_DAN)\nso_loi = len(van_de) + 1\nso_canh_bao = 0",
         "cau_2": "ket_qua = assess_all(du_lieu, NAM)\nso_dat = {ma: len(kq.summary) for ma, kq in ket_qua.items()}",
         "cau_3": ('thieu = gap_report(du_lieu, "Công dân học tập", 2026)\n'
                   'thon_thieu_nhieu_nhat = thieu["village"].value_counts().idxmin()\n'
                   'so_khong_hop_le = int((thieu["status"] == "không hợp lệ").sum())'),
         "cau_4": _DUNG_4, "cau_5": _DUNG_5,
         "cau_6": "Hạn chế: chưa đạt chỉ tiêu gia đình học tập.", "cau_7": "Tăng cường tuyên truyền."},
        11.0, ["đếm mọi đối tượng được đánh giá", "truyền thêm THU_MUC_MINH_CHUNG", "số vấn đề mức"]),
}


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("cuối khóa", TITLE, 75) + "\n\n" + sk.objectives(
            ["kiểm tra sổ sách của một xã trước khi dùng;", "đánh giá mọi mô hình học tập của năm;",
             "tìm minh chứng còn thiếu;", "so các chỉ tiêu với mục tiêu;",
             "lập trọn bộ báo cáo năm vào một thư mục, không lộ thông tin cá nhân;",
             "viết phần nhận xét và đề xuất của Ban Chấp hành."],
            "đây là việc cán bộ Hội xã làm mỗi cuối năm, gói cả tám nhóm nhiệm vụ của lớp Thanh Oai. Xã Lũng Mây "
            "(tỉnh Hồng Lam) là xã **giả định**, khác xã Hòa Mẫu đã học. "
            f"Bài có {POINTS} điểm: 20 điểm máy chấm, 10 điểm giảng viên chấm. Sổ tay hướng dẫn: "
            "`09_bai_cuoi_khoa.ipynb`.")),
        *setup_cells(a),
        locked_code(f"{a}_du_lieu", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (3 điểm): kiểm tra sổ sách
            Dùng `check` kiểm tra sổ sách ở `DUONG_DAN` (Bài 5); gán dữ liệu cho `du_lieu` và danh sách vấn đề cho
            `van_de`. Gán `so_loi` = số vấn đề mức "lỗi", `so_canh_bao` = số vấn đề mức "cảnh báo".
            """),
        answer(f"{a}_cau_1", f"""
            ### BEGIN SOLUTION
            {_DUNG_1.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_1", """
            da_tra_loi("du_lieu", "van_de", "so_loi", "so_canh_bao")
            assert du_lieu is not None and hasattr(du_lieu, "persons"), (
                "Câu 1: du_lieu chưa có: viết du_lieu, van_de = check(DUONG_DAN) (đúng thứ tự hai tên).")
            assert la_so(so_loi) and la_so(so_canh_bao), "Câu 1: so_loi và so_canh_bao phải là con số."
            print("✅ Câu 1 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _vd = _van_de_goc
            assert so_loi == sum(v.severity == "lỗi" for v in _vd), (
                f"Câu 1: số vấn đề mức \\"lỗi\\" chưa đúng (đang là {so_loi}). Chỉ đếm v.severity == \\"lỗi\\".")
            assert so_canh_bao == sum(v.severity == "cảnh báo" for v in _vd), (
                f"Câu 1: số vấn đề mức \\"cảnh báo\\" chưa đúng (đang là {so_canh_bao}).")
            ### END HIDDEN TESTS
            """, points=3),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (4 điểm): đánh giá mọi mô hình
            Dùng `assess_all` đánh giá **mọi mô hình** của xã trong năm `NAM`; gán kết quả (một từ điển: mã bộ tiêu chí →
            kết quả) cho `ket_qua`. Gán cho `so_dat` một từ điển: mỗi mã bộ tiêu chí → **số đối tượng đạt** (cột
            `recognised` là True; ô trống là chưa kết luận, không tính là đạt).
            """),
        answer(f"{a}_cau_2", f"""
            ### BEGIN SOLUTION
            {_DUNG_2.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2_dang", """
            da_tra_loi("ket_qua", "so_dat")
            assert isinstance(ket_qua, dict) and "congdan-qd324" in ket_qua, (
                "Câu 2: ket_qua phải là từ điển do assess_all trả về (có khóa \\"congdan-qd324\\").")
            assert isinstance(so_dat, dict) and set(so_dat) == set(ket_qua), (
                "Câu 2: so_dat cần một số cho MỖI mã bộ tiêu chí có trong ket_qua.")
            assert all(la_so(v) for v in so_dat.values()), "Câu 2: các giá trị của so_dat phải là con số."
            print("✅ Câu 2 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_2_so", """
            da_tra_loi("ket_qua", "so_dat")
            ### BEGIN HIDDEN TESTS
            assert all(kq.year == 2025 for kq in ket_qua.values()), (
                "Câu 2: năm đánh giá là 2025 (dùng NAM), không phải năm đang làm dở.")
            _kq = assess_all(_goc, 2025)
            _dung = {m: int(k.summary["recognised"].fillna(False).sum()) for m, k in _kq.items()}
            _dem_ca = {m: len(k.summary) for m, k in _kq.items()}
            assert so_dat != _dem_ca or _dem_ca == _dung, (
                "Câu 2: đây là số đối tượng được đánh giá. Chỉ đếm những đối tượng có recognised là True; "
                "không đếm mọi đối tượng được đánh giá.")
            _sai = [m for m in _dung if so_dat.get(m) != _dung[m]]
            assert not _sai, "Câu 2: số đạt chưa đúng ở: " + ", ".join(_sai) + "."
            ### END HIDDEN TESTS
            """, points=3),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (3 điểm): minh chứng còn thiếu
            Xã đang thu minh chứng Công dân học tập cho **năm 2026**. Lập báo cáo thiếu minh chứng bằng `gap_report` (có
            kiểm tra tệp trong `THU_MUC_MINH_CHUNG`), gán cho `thieu`. Gán `thon_thieu_nhieu_nhat` = tên thôn/bản có
            **nhiều** mục cần thu nhất (cột `village`), `so_khong_hop_le` = số mục có tình trạng `"không hợp lệ"`.
            """),
        answer(f"{a}_cau_3", f"""
            ### BEGIN SOLUTION
            {_DUNG_3.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_3", """
            da_tra_loi("thieu", "thon_thieu_nhieu_nhat", "so_khong_hop_le")
            assert isinstance(thon_thieu_nhieu_nhat, str), "Câu 3: tên thôn/bản là chữ."
            assert la_so(so_khong_hop_le), "Câu 3: so_khong_hop_le phải là một con số."
            print("✅ Câu 3 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _th = gap_report(_goc, "congdan-qd324", 2026, THU_MUC_MINH_CHUNG)
            assert so_khong_hop_le == int((_th["status"] == "không hợp lệ").sum()), (
                f"Câu 3: số mục không hợp lệ chưa đúng (đang là {so_khong_hop_le}). Có phải chưa kiểm tra tệp? Hãy "
                "truyền thêm THU_MUC_MINH_CHUNG cho gap_report.")
            assert chuan_hoa(thon_thieu_nhieu_nhat) == chuan_hoa(_th["village"].value_counts().idxmax()), (
                f"Câu 3: '{thon_thieu_nhieu_nhat}' chưa phải thôn/bản nhiều mục nhất (dùng value_counts().idxmax()).")
            ### END HIDDEN TESTS
            """, points=3),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (5 điểm): chỉ tiêu so với mục tiêu
            Tính chỉ tiêu cấp xã năm `NAM` bằng `compute` (Bài 6), gán bảng cho `bang_xa`. Gán `chua_dat` = **danh sách mã
            chỉ tiêu** (cột `indicator`) có mục tiêu mà **chưa đạt** (cột `met` là False), sắp xếp theo thứ tự chữ cái
            (`sorted`); và `ty_le_hoi_vien` = tỉ lệ hội viên trên dân số (mã `"hoi_vien_dan_so"`), làm tròn 1 chữ số thập
            phân, ghi số phần trăm (ví dụ 29.3).
            """),
        answer(f"{a}_cau_4", f"""
            ### BEGIN SOLUTION
            {_DUNG_4.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4_dang", """
            da_tra_loi("bang_xa", "chua_dat", "ty_le_hoi_vien")
            assert isinstance(chua_dat, list) and all(isinstance(x, str) for x in chua_dat), (
                'Câu 4: chua_dat là danh sách mã chỉ tiêu, ví dụ ["gdht", "dhht"].')
            assert la_so(ty_le_hoi_vien), "Câu 4: ty_le_hoi_vien phải là một con số."
            print("✅ Câu 4 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_4_so", """
            da_tra_loi("bang_xa", "chua_dat", "ty_le_hoi_vien")
            ### BEGIN HIDDEN TESTS
            assert set(bang_xa["year"].astype(int)) == {2025}, "Câu 4: bảng chỉ tiêu phải là năm 2025 (dùng NAM)."
            _b = compute(_goc, 2025, "xã")
            _dung = sorted(_b.loc[_b["met"].eq(False).fillna(False), "indicator"])
            _thieu = [x for x in _dung if x not in chua_dat]
            _thua = [x for x in chua_dat if x not in _dung]
            assert not _thieu and not _thua, (
                "Câu 4: danh sách chỉ tiêu chưa đạt chưa đúng" + (f"; còn thiếu: {', '.join(_thieu)}" if _thieu else "") +
                (f"; không phải chưa đạt: {', '.join(_thua)}" if _thua else "") + ".")
            _tl = float(_b.set_index("indicator").loc["hoi_vien_dan_so", "value"])
            assert not (0 < ty_le_hoi_vien < 1), "Câu 4: ghi số phần trăm (ví dụ 29.3), không phải 0.293."
            assert abs(ty_le_hoi_vien - _tl) < 0.06, f"Câu 4: tỉ lệ hội viên chưa đúng (đang là {ty_le_hoi_vien})."
            ### END HIDDEN TESTS
            """, points=4),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (5 điểm): báo cáo năm vào một thư mục
            Dùng `main_job` (Bài 7) ghi trọn bộ báo cáo năm `NAM` của xã vào thư mục `THU_MUC_BAO_CAO`, với `settings=cai_dat`.
            Trong `cai_dat` ghi: số văn bản (`"so"`), ít nhất một nguyên nhân (`"nguyen_nhan"`) và một đề xuất
            (`"de_xuat"`) — **viết tắt** ý chính của câu 6 và câu 7. Gán danh sách tệp đã ghi cho `tep_da_ghi`.
            **Không** ghi họ tên người dân vào báo cáo.
            """),
        answer(f"{a}_cau_5", f"""
            ### BEGIN SOLUTION
            {_DUNG_5.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_5_dang", """
            da_tra_loi("cai_dat", "tep_da_ghi")
            assert isinstance(cai_dat, dict) and cai_dat.get("de_xuat"), (
                'Câu 5: cai_dat cần mục "de_xuat" (danh sách ít nhất một đề xuất).')
            _docx = THU_MUC_BAO_CAO / "bao-cao-nam-2025.docx"
            assert _docx.is_file(), "Câu 5: chưa có tệp bao-cao-nam-2025.docx trong THU_MUC_BAO_CAO."
            print("✅ Câu 5 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_5_bao_cao", """
            da_tra_loi("cai_dat", "tep_da_ghi")
            ### BEGIN HIDDEN TESTS
            _docx = THU_MUC_BAO_CAO / "bao-cao-nam-2025.docx"
            _chu = unicodedata.normalize("NFC", "\\n".join(p.text for p in Document(_docx).paragraphs) + "\\n" + "\\n".join(
                c.text for t in Document(_docx).tables for r in t.rows for c in r.cells))
            assert chuan_hoa(cai_dat["de_xuat"][0])[:30] in chuan_hoa(_chu), (
                "Câu 5: báo cáo chưa có đề xuất của anh/chị: truyền settings=cai_dat cho main_job.")
            _ten = [t for t in _goc.persons["full_name"].dropna().astype(str).unique() if len(t) > 8 and t in _chu]
            assert not _ten, ("Câu 5: báo cáo có họ tên người dân (" + _ten[0] + "). Báo cáo gửi ra ngoài xã chỉ có số "
                              "tổng hợp; danh sách có tên nằm riêng trong thư mục han-che-luu-hanh.")
            assert (THU_MUC_BAO_CAO / "phu-luc-chi-tieu-2025.xlsx").is_file(), "Câu 5: thiếu phụ lục Excel."
            assert any((THU_MUC_BAO_CAO / "han-che-luu-hanh").glob("*.xlsx")), (
                "Câu 5: thiếu danh sách hạn chế lưu hành (main_job tự ghi vào thư mục han-che-luu-hanh).")
            ### END HIDDEN TESTS
            """, points=4),
        locked_md(f"{a}_cau_6_de", """
            ## Câu 6 (5 điểm, giảng viên chấm): đánh giá kết quả, hạn chế và nguyên nhân
            Viết phần "Hạn chế và nguyên nhân" của báo cáo (6 đến 10 câu), **dựa trên các con số** ở câu 2, 3, 4: nêu
            2–3 chỉ tiêu chưa đạt (có số và mục tiêu), tình hình minh chứng, và nguyên nhân khách quan, chủ quan. Nói rõ
            phần nào dựa trên bộ tiêu chí **dựng lại** hoặc ngưỡng **xã tự đặt**.
            """),
        written(f"{a}_cau_6", """
            Năm 2025, xã Lũng Mây chưa đạt các chỉ tiêu về danh hiệu: tỉ lệ hộ đạt Gia đình học tập khoảng 55%, dưới mục
            tiêu 70% của QĐ 387; tỉ lệ người lớn đạt Công dân học tập khoảng 18%, dưới mục tiêu 40%; dòng họ, thôn bản và
            đơn vị học tập cũng dưới mục tiêu. Hội viên đạt khoảng 29% dân số, vượt mục tiêu 19,5%, và quỹ bình quân đạt
            trên 50.000 đ/người. Đánh giá Công dân học tập năm 2025 có 419 người đạt; minh chứng năm 2026 còn thiếu nhiều
            nhất ở Thôn Hưng Thọ và có 7 mục không hợp lệ (sai nơi cấp, giấy năm trước, tệp bị sửa). Nguyên nhân khách
            quan: các bản xa, đường khó đi, mạng yếu; cán bộ chi hội kiêm nhiệm, lớn tuổi. Nguyên nhân chủ quan: chưa
            hướng dẫn kỹ cách thu minh chứng. Lưu ý: các bộ tiêu chí gia đình, dòng họ, thôn là bản dựng lại, một số
            ngưỡng do xã tự đặt, nên các kết quả này dùng để rà soát, chưa phải kết luận công nhận.
            """, points=5),
        locked_md(f"{a}_cau_7_de", """
            ## Câu 7 (5 điểm, giảng viên chấm): phương hướng và đề xuất năm sau
            Viết phần "Phương hướng, nhiệm vụ và đề xuất" (5 đến 8 câu): mỗi việc gắn với một chỉ tiêu chưa đạt hoặc một
            thôn/bản cụ thể, có người phụ trách và mốc thời gian; một đề xuất với UBND xã và một với Hội cấp trên (ví
            dụ về thẩm quyền công nhận sau ngày 01/7/2025).
            """),
        written(f"{a}_cau_7", """
            Năm 2026, mỗi chi hội đăng ký số gia đình học tập tăng thêm (Thôn Hưng Thọ, Thôn Kim Dương ưu tiên), chi hội
            trưởng phụ trách, sơ kết tháng 6. Hội xã tập huấn "cầm tay chỉ việc" về bộ tiêu chí và cách thu minh chứng
            cho cán bộ các bản trước 31/3/2026, in phiếu đi thu minh chứng theo từng thôn bản. Phối hợp trung tâm học tập
            cộng đồng mở lớp tin học, ngoại ngữ để nâng tỉ lệ Công dân học tập lên 25%. Đề xuất UBND xã bố trí kinh phí
            tập huấn và hỗ trợ Internet cho nhà văn hóa các bản. Đề xuất Hội Khuyến học tỉnh hướng dẫn bộ tiêu chí gia
            đình, dòng họ, cộng đồng học tập theo QĐ 387 và cơ quan công nhận sau ngày 01/7/2025 khi không còn cấp huyện.
            """, points=5),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
