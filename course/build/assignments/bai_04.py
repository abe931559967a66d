"""bai_04: the recognition procedure — deadlines, days late, overdue registrations, expiring decisions (lesson 4)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_04"
TITLE = "Quy trình đánh giá, công nhận"
POINTS = 15

DATA_SETUP = '''
import copy
import pandas as pd
from khuyenhoc import sample, procedure
from khuyenhoc.procedure import deadline, authority, status, expiring

du_lieu = sample.load("mau")
# Xã mẫu tự đặt hạn nộp phiếu tự đánh giá Công dân học tập: 31/05 của năm đánh giá (văn bản chưa có hạn này).
CAU_HINH_XA = copy.deepcopy(procedure.load_config())
CAU_HINH_XA["procedures"]["congdan-qd324"]["deadlines"]["tham_dinh"] = {
    "day": 31, "month": 5, "year_offset": 0, "text": "Xã mẫu tự đặt: nộp phiếu tự đánh giá trước 31/05"}
print("✅ Đã đọc dữ liệu xã mẫu và cấu hình thủ tục của xã.")
'''

_DUNG_1 = ('han_nop_tt24 = deadline("donvi-tt24-2023", "tham_dinh", 2025)\n'
           'han_cong_nhan_tt25 = deadline("congdongxa-tt25-2023", "cong_nhan", 2025)')
_DUNG_2 = 'so_ngay_tre = (pd.Timestamp("2026-03-04") - deadline("congdongxa-tt25-2023", "tham_dinh", 2025)).days'
_DUNG_3 = ('tien_do = status(du_lieu, "Công dân học tập", 2026, today="2026-06-01", cfg=CAU_HINH_XA)\n'
           'con_viec = tien_do[tien_do["next_step"].notna()]\n'
           'so_qua_han = int(con_viec["overdue"].sum())\n'
           'so_chua_tu_danh_gia = int((con_viec["next_step"] == "Tự đánh giá").sum())')
_DUNG_4 = ('het_han = expiring(du_lieu, "Đơn vị học tập", "2026-01-01", within_days=365)\n'
           'so_sap_het_han = int((het_han["state"] == "sắp hết hạn").sum())')

#: Wrong-answer fixtures (see tests/test_course_grading.py): case -> (answers, marks, messages).
FIXTURES = {
    "dung": ({}, 12.0, ["Câu 3 đúng dạng"]),
    "nham_nam_va_quen_ngay": (
        {"cau_1": ('han_nop_tt24 = deadline("donvi-tt24-2023", "tham_dinh", 2026)\n'
                   'han_cong_nhan_tt25 = deadline("congdongxa-tt25-2023", "cong_nhan", 2026)'),
         "cau_2": 'so_ngay_tre = (deadline("congdongxa-tt25-2023", "tham_dinh", 2025) - pd.Timestamp("2026-03-04")).days',
         "cau_3": ('tien_do = status(du_lieu, "Công dân học tập", 2026, cfg=CAU_HINH_XA, today="2026-05-01")\n'
                   'con_viec = tien_do[tien_do["next_step"].notna()]\n'
                   'so_qua_han = int(con_viec["overdue"].sum())\n'
                   'so_chua_tu_danh_gia = int((con_viec["next_step"] == "Tự đánh giá").sum())'),
         "cau_4": _DUNG_4, "cau_5": 'cau_5 = "B"', "cau_6": "Nộp trước 28/02 cho Phòng GDĐT."},
        6.0, ["năm sau năm đánh giá", "lấy ngày nộp trừ hạn nộp", "ngày 01/06/2026"]),
    "dem_ca_het_han_va_cap_huyen": (
        {"cau_1": _DUNG_1, "cau_2": _DUNG_2,
         "cau_3": ('tien_do = status(du_lieu, "Công dân học tập", 2026, today="2026-06-01", cfg=CAU_HINH_XA)\n'
                   'so_qua_han = len(tien_do)\n'
                   'so_chua_tu_danh_gia = int((tien_do["status"] == "Đã đăng ký").sum())'),
         "cau_4": ('het_han = expiring(du_lieu, "Đơn vị học tập", "2026-01-01", within_days=365)\n'
                   'so_sap_het_han = len(het_han)'),
         "cau_5": 'cau_5 = "A"', "cau_6": "Chủ tịch UBND huyện công nhận."},
        6.0, ["gồm cả đăng ký đã xong", "cả quyết định đã hết hạn", "không còn cấp huyện"]),
}


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 4", TITLE, 40) + "\n\n" + sk.objectives(
            ["đọc hạn nộp, hạn công nhận bằng bộ công cụ;", "tính số ngày trễ hạn;",
             "đếm đăng ký quá hạn và quyết định sắp hết hiệu lực;",
             "nói đúng điều gì chưa có văn bản sau ngày 01/7/2025."],
            f"hồ sơ trễ hạn là mất một năm phấn đấu. Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_code(f"{a}_du_lieu", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (3 điểm): hạn theo văn bản
            Với **năm đánh giá 2025**, dùng `deadline` (Bài 4, mục 2) để gán:
            `han_nop_tt24` = hạn nộp hồ sơ Đơn vị học tập (bộ `"donvi-tt24-2023"`, bước `"tham_dinh"`), và
            `han_cong_nhan_tt25` = hạn công nhận Cộng đồng học tập cấp xã (bộ `"congdongxa-tt25-2023"`, bước
            `"cong_nhan"`).
            """),
        answer(f"{a}_cau_1", f"""
            ### BEGIN SOLUTION
            {_DUNG_1.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_1_dang", """
            da_tra_loi("han_nop_tt24", "han_cong_nhan_tt25")
            for _ten, _gt in [("han_nop_tt24", han_nop_tt24), ("han_cong_nhan_tt25", han_cong_nhan_tt25)]:
                assert isinstance(_gt, pd.Timestamp), (
                    f"Câu 1: {_ten} phải là một ngày do deadline(...) trả về, không phải chữ hay con số.")
            print("✅ Câu 1 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_ngay", """
            da_tra_loi("han_nop_tt24", "han_cong_nhan_tt25")
            ### BEGIN HIDDEN TESTS
            _a = deadline("donvi-tt24-2023", "tham_dinh", 2025)
            _b = deadline("congdongxa-tt25-2023", "cong_nhan", 2025)
            for _ten, _gt, _dung in [("han_nop_tt24", han_nop_tt24, _a), ("han_cong_nhan_tt25", han_cong_nhan_tt25, _b)]:
                assert pd.Timestamp(_gt).year != _dung.year + 1, (
                    f"Câu 1: {_ten} rơi vào năm {pd.Timestamp(_gt).year}. Hồ sơ của năm đánh giá 2025 nộp vào năm sau "
                    "năm đánh giá (2026): tham số năm của deadline là 2025.")
                assert pd.Timestamp(_gt) == _dung, (f"Câu 1: {_ten} chưa đúng (đang là {pd.Timestamp(_gt):%d/%m/%Y}). "
                                                    "Kiểm tra mã bộ tiêu chí và tên bước.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (2 điểm): trễ mấy ngày?
            UBND xã nộp hồ sơ Cộng đồng học tập cấp xã **năm đánh giá 2025** vào ngày **04/03/2026**. Theo hạn mặc định
            của TT 25/2023 (bước `"tham_dinh"`), hồ sơ trễ bao nhiêu ngày? Gán **số ngày** (một số nguyên) cho
            `so_ngay_tre`. Gợi ý: `(ngày nộp - hạn nộp).days`.
            """),
        answer(f"{a}_cau_2", f"""
            ### BEGIN SOLUTION
            {_DUNG_2}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2", """
            da_tra_loi("so_ngay_tre")
            assert la_so(so_ngay_tre), "Câu 2: so_ngay_tre phải là một con số (số ngày), dùng .days."
            print("✅ Câu 2 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _dung = (pd.Timestamp("2026-03-04") - deadline("congdongxa-tt25-2023", "tham_dinh", 2025)).days
            assert so_ngay_tre != -_dung, ("Câu 2: kết quả bị âm: hãy lấy ngày nộp trừ hạn nộp (ngày sau trừ ngày "
                                           "trước), không lấy hạn trừ ngày nộp.")
            assert so_ngay_tre == _dung, (f"Câu 2: số ngày trễ chưa đúng (đang là {so_ngay_tre}). Hạn nộp là 28/02/2026; "
                                          "năm 2026 tháng 2 có 28 ngày.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (3 điểm): ai quá hạn?
            Xã mẫu tự đặt hạn nộp phiếu tự đánh giá Công dân học tập là 31/05 (đã ghi trong `CAU_HINH_XA` ở ô chuẩn bị).
            Dùng `status` với cấu hình đó (`cfg=CAU_HINH_XA`) cho **năm 2026**, tính **vào ngày 01/06/2026**
            (`today="2026-06-01"`), gán bảng cho `tien_do`. Chỉ xét các đăng ký **còn bước phải làm** (cột `next_step`
            không trống). Gán: `so_qua_han` = số đăng ký đó đang quá hạn (cột `overdue`), và `so_chua_tu_danh_gia` = số
            đăng ký đó mà bước tiếp theo vẫn là `"Tự đánh giá"`.
            """),
        answer(f"{a}_cau_3", f"""
            ### BEGIN SOLUTION
            {_DUNG_3.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_3_dang", """
            da_tra_loi("tien_do", "so_qua_han", "so_chua_tu_danh_gia")
            assert isinstance(tien_do, pd.DataFrame) and "overdue" in tien_do.columns, (
                "Câu 3: tien_do phải là bảng do status(...) trả về (có cột overdue).")
            assert la_so(so_qua_han) and la_so(so_chua_tu_danh_gia), "Câu 3: hai câu trả lời phải là con số."
            print("✅ Câu 3 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_3_so", """
            da_tra_loi("so_qua_han", "so_chua_tu_danh_gia")
            ### BEGIN HIDDEN TESTS
            _td = status(du_lieu, "congdan-qd324", 2026, today="2026-06-01", cfg=CAU_HINH_XA)
            _cv = _td[_td["next_step"].notna()]
            assert so_qua_han != len(_td), (f"Câu 3: {so_qua_han} là mọi đăng ký năm 2026, gồm cả đăng ký đã xong hoặc đã "
                                            "rút. Chỉ xét các dòng có next_step không trống, rồi đếm overdue.")
            assert so_qua_han == int(_cv["overdue"].sum()), (
                f"Câu 3: số đăng ký quá hạn chưa đúng (đang là {so_qua_han}). Tính vào ngày 01/06/2026 "
                "(today=\\"2026-06-01\\") và dùng cfg=CAU_HINH_XA.")
            assert so_chua_tu_danh_gia == int((_cv["next_step"] == "Tự đánh giá").sum()), (
                f"Câu 3: số đăng ký chưa tự đánh giá chưa đúng (đang là {so_chua_tu_danh_gia}). Đếm cột next_step "
                "bằng \\"Tự đánh giá\\" trong các dòng còn bước phải làm.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (2 điểm): quyết định sắp hết hiệu lực
            Dùng `expiring` liệt kê các quyết định công nhận **Đơn vị học tập** đã hoặc sắp hết hạn, tính từ mốc
            **01/01/2026** trong **365 ngày**; gán bảng cho `het_han`. Gán cho `so_sap_het_han` số quyết định **sắp hết hạn**
            (cột `state` là `"sắp hết hạn"`, không tính quyết định đã hết hạn).
            """),
        answer(f"{a}_cau_4", f"""
            ### BEGIN SOLUTION
            {_DUNG_4.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4", """
            da_tra_loi("so_sap_het_han")
            assert la_so(so_sap_het_han), "Câu 4: so_sap_het_han phải là một con số."
            print("✅ Câu 4 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _hh = expiring(du_lieu, "Đơn vị học tập", "2026-01-01", within_days=365)
            _dung = int((_hh["state"] == "sắp hết hạn").sum())
            assert not (so_sap_het_han == len(_hh) and len(_hh) != _dung), (
                f"Câu 4: {so_sap_het_han} gồm cả quyết định đã hết hạn. Chỉ đếm dòng có state là \\"sắp hết hạn\\".")
            assert so_sap_het_han == _dung, (f"Câu 4: số quyết định sắp hết hạn chưa đúng (đang là {so_sap_het_han}). "
                                             "Kiểm tra mốc 2026-01-01 và within_days=365.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (2 điểm): sau ngày 01/7/2025
            Theo Bài 4, với **năm đánh giá 2025**, ai ký quyết định công nhận Đơn vị học tập (TT 24/2023, đơn vị do cấp
            huyện quản lý trước đây)? Ghi một chữ cái trong dấu ngoặc kép cho `cau_5`.

            A. Chủ tịch UBND cấp huyện, như TT 24/2023 ghi. —
            B. Chưa tìm thấy văn bản quy định lại; xã ghi cơ quan theo hướng dẫn của tỉnh vào cấu hình. —
            C. Phòng GDĐT. —
            D. Chủ tịch Hội Khuyến học xã.
            """),
        answer(f"{a}_cau_5", """
            ### BEGIN SOLUTION
            cau_5 = "B"
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_5", """
            da_tra_loi("cau_5")
            assert chuan_hoa(cau_5) in ("a", "b", "c", "d"), 'Câu 5: ghi một chữ cái A, B, C hoặc D, ví dụ cau_5 = "A".'
            print("✅ Câu 5 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _goi_y = {"a": "từ 01/7/2025 không còn cấp huyện, nên không thể theo đúng câu chữ của TT 24/2023.",
                      "c": "Phòng GDĐT là cơ quan cấp huyện, không còn từ 01/7/2025; và Phòng chỉ thẩm định.",
                      "d": "Hội Khuyến học không ký quyết định công nhận đơn vị học tập theo TT 24/2023."}
            assert chuan_hoa(cau_5) == "b", "Câu 5 chưa đúng: " + _goi_y.get(chuan_hoa(cau_5), "")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_6_de", """
            ## Câu 6 (3 điểm, giảng viên chấm)
            Lập **lịch làm việc** để xã anh/chị đề nghị công nhận Cộng đồng học tập cấp xã cho năm đánh giá 2025 (4 đến 6
            câu): các bước, mỗi bước ai làm, xong trước ngày nào (theo hạn mặc định của văn bản); và nói rõ điều gì phải
            hỏi tỉnh vì chưa có văn bản sau ngày 01/7/2025.
            """),
        written(f"{a}_cau_6", """
            Tháng 01/2026: UBND xã lập tổ tự đánh giá, tổng hợp số liệu 01/01–31/12/2025, viết báo cáo tự đánh giá và bảng
            tổng hợp tiêu chí. Giữa tháng 02: họp thống nhất kết quả, có biên bản, Hội Khuyến học xã chuẩn bị minh chứng.
            Trước 28/02/2026: gửi hồ sơ (tờ trình, báo cáo, bảng tổng hợp) — văn bản ghi gửi Phòng GDĐT, nhưng từ
            01/7/2025 không còn cấp huyện nên phải hỏi Sở GDĐT nơi nhận và cơ quan công nhận (hạn công nhận mặc định
            trước 31/03/2026). Ghi cơ quan đó vào cấu hình thủ tục để bộ công cụ nhắc hạn đúng.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
