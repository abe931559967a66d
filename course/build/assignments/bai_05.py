"""bai_05: reading the messy workbook, counting problems, the duplicated person, dates, NFC (lesson 5)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_05"
TITLE = "Dữ liệu từ Excel"
POINTS = 15

#: Loads the messy copy once; the hidden tests compare against these toolkit values.
DATA_SETUP = '''
import pandas as pd
from khuyenhoc import sample
from khuyenhoc.intake import check
from khuyenhoc.parsing import parse_dates
from khuyenhoc.textnorm import clean

TEP_LOI = sample.FILES / "messy" / "xa_mau_loi.xlsx"
_du_lieu_goc, _van_de_goc = check(TEP_LOI)   # để máy chấm so sánh; anh/chị không cần dùng
print("✅ Đã có tệp có lỗi:", TEP_LOI.name)
'''


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 5", TITLE, 45) + "\n\n" + sk.objectives(
            ["kiểm tra một sổ Excel có lỗi và đọc danh sách vấn đề;", "đếm vấn đề theo loại;",
             "tìm người bị nhập hai lần;", "sửa cột ngày gõ dạng chữ bằng bộ công cụ;",
             "so sánh họ tên đúng cách (NFC, khoảng trắng);", "đề xuất cách tổ chức thu thập số liệu ở thôn."],
            "số liệu vào đúng thì mọi chỉ tiêu, báo cáo sau đó mới đúng. "
            f"Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_code(f"{a}_du_lieu", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (2 điểm): kiểm tra sổ có lỗi
            Dùng `check` để kiểm tra tệp `TEP_LOI`. Gán dữ liệu cho `du_lieu_loi` và danh sách vấn đề cho `van_de`
            (như ở mục 3 của Bài 5). Rồi gán **số vấn đề ở mức "lỗi"** cho `so_loi` (một con số).
            Gợi ý: `count(van_de)` cho số vấn đề theo mức; cần `from khuyenhoc.problems import count`.
            """),
        answer(f"{a}_cau_1", """
            ### BEGIN SOLUTION
            from khuyenhoc.problems import count

            du_lieu_loi, van_de = check(TEP_LOI)
            so_loi = count(van_de)["lỗi"]
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_1_doc", """
            da_tra_loi("du_lieu_loi", "van_de")
            assert isinstance(van_de, list) and len(van_de) > 0, (
                "Câu 1: van_de phải là danh sách vấn đề mà check trả về. Viết: du_lieu_loi, van_de = check(TEP_LOI)")
            assert all(hasattr(v, "code") for v in van_de), (
                "Câu 1: van_de chưa phải danh sách vấn đề. Có phải anh/chị đổi chỗ hai tên? "
                "check trả về (dữ liệu, danh sách vấn đề) theo đúng thứ tự đó.")
            assert du_lieu_loi is None, ("Câu 1: sổ này còn lỗi nên du_lieu_loi phải là None. "
                                         "Anh/chị có kiểm tra đúng tệp TEP_LOI không?")
            print("✅ Câu 1: đã đọc được", len(van_de), "vấn đề.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_dem", """
            da_tra_loi("so_loi")
            assert la_so(so_loi), "Câu 1: so_loi phải là một con số, không để trong dấu ngoặc kép."
            print("✅ Câu 1: so_loi đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _dung = sum(v.severity == "lỗi" for v in _van_de_goc)
            assert so_loi != len(_van_de_goc), (
                f"Câu 1: {so_loi} là tổng số vấn đề (mọi mức). Chỉ đếm các vấn đề ở mức \\"lỗi\\".")
            assert so_loi == _dung, (f"Câu 1: số vấn đề mức \\"lỗi\\" chưa đúng (đang là {so_loi}). "
                                     "Xem count(van_de) ở mục 3 của Bài 5.")
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (2 điểm): đếm theo loại
            Gán cho `so_tien_viet_tat` số vấn đề có mã loại `"bad_money"` (số tiền viết tắt, máy không đọc được),
            và cho `so_ngay_go_chu` số vấn đề có mã loại `"date_text"` (ngày gõ dạng chữ, máy đã tự hiểu).
            Gợi ý: bảng `pd.DataFrame([v.to_dict() for v in van_de])` có cột `code` (mục 3 của Bài 5).
            """),
        answer(f"{a}_cau_2", """
            ### BEGIN SOLUTION
            bang_van_de = pd.DataFrame([v.to_dict() for v in van_de])
            so_tien_viet_tat = int((bang_van_de["code"] == "bad_money").sum())
            so_ngay_go_chu = int((bang_van_de["code"] == "date_text").sum())
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2", """
            da_tra_loi("so_tien_viet_tat", "so_ngay_go_chu")
            for _ten, _gt in [("so_tien_viet_tat", so_tien_viet_tat), ("so_ngay_go_chu", so_ngay_go_chu)]:
                assert la_so(_gt), f"Câu 2: {_ten} phải là một con số."
                assert _gt >= 0, f"Câu 2: {_ten} không thể âm."
            print("✅ Câu 2 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _tien = sum(v.code == "bad_money" for v in _van_de_goc)
            _ngay = sum(v.code == "date_text" for v in _van_de_goc)
            assert so_tien_viet_tat == _tien, (
                f"Câu 2: số vấn đề 'bad_money' chưa đúng (đang là {so_tien_viet_tat}). "
                "Chỉ đếm đúng mã 'bad_money'; 'money_text' là loại khác (máy đã tự hiểu).")
            assert so_ngay_go_chu == _ngay, (
                f"Câu 2: số vấn đề 'date_text' chưa đúng (đang là {so_ngay_go_chu}). "
                "'bad_date' (ngày không có thật) là loại khác, không đếm vào đây.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (2 điểm): một người nhập hai lần
            Trong danh sách vấn đề có **một** người có thể đã được nhập hai lần với hai mã khác nhau (mã loại
            `"possible_duplicate"`). Gán cho `dong_nhap_lai` **số dòng** (trong Excel) của lần nhập lại, và cho
            `ma_giu_lai` **mã nhân khẩu cũ** cần giữ lại (mã của lần nhập đầu, dạng `"X01-NK....."`).
            Đọc kỹ lời nhắn của vấn đề đó: nó ghi cả hai mã.
            """),
        answer(f"{a}_cau_3", """
            ### BEGIN SOLUTION
            nghi_trung = [v for v in van_de if v.code == "possible_duplicate"][0]
            print(nghi_trung.line())
            dong_nhap_lai = nghi_trung.row
            ma_giu_lai = nghi_trung.message.split("'")[-2]
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_3", """
            da_tra_loi("dong_nhap_lai", "ma_giu_lai")
            assert la_so(dong_nhap_lai), "Câu 3: dong_nhap_lai là số dòng, một con số (không để trong ngoặc kép)."
            assert isinstance(ma_giu_lai, str), 'Câu 3: ma_giu_lai là mã, đặt trong dấu ngoặc kép, ví dụ "X01-NK00001".'
            print("✅ Câu 3 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _v = [v for v in _van_de_goc if v.code == "possible_duplicate"][0]
            _ma = [m for m in _v.message.split("'") if m.startswith("X01-NK")]
            assert dong_nhap_lai == _v.row, (
                f"Câu 3: dòng {dong_nhap_lai} chưa đúng. Lần nhập lại là dòng ghi ở đầu vấn đề (\\"dòng ...\\"); "
                "dòng nói trong lời nhắn (\\"cùng một người với dòng ...\\") là lần nhập đầu.")
            assert ma_giu_lai.strip() == _ma[-1], (
                f"Câu 3: mã '{ma_giu_lai}' chưa đúng. Giữ mã của lần nhập ĐẦU (mã cũ); mã của lần nhập lại là "
                f"mã mới, cần xóa.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (3 điểm): sửa cột ngày
            Thư ký chi hội gửi sổ hội viên dưới đây; cột "Ngày vào Hội" gõ nhiều kiểu. Dùng `parse_dates` (mục 5 của
            Bài 5) để:

            - thêm vào bảng `so_hoi_vien` cột mới tên `"Ngày vào Hội (đã đọc)"` chứa **ngày máy đã đọc được**;
            - gán cho `so_o_ngay_loi` **số ô** không đọc được (ngày không có thật).

            Không sửa cột cũ, không gõ lại ngày bằng tay.
            """),
        locked_code(f"{a}_cau_4_bang", """
            so_hoi_vien = pd.DataFrame({
                "Mã hội viên": ["HV001", "HV002", "HV003", "HV004", "HV005", "HV006"],
                "Ngày vào Hội": ["15/5/2005", "2005-06-01", 38504, "31/02/2006", "  01/03/2007 ", "30/4/2010"],
            })
            so_hoi_vien
            """),
        answer(f"{a}_cau_4", """
            ### BEGIN SOLUTION
            doc_ngay = parse_dates(so_hoi_vien["Ngày vào Hội"])
            so_hoi_vien["Ngày vào Hội (đã đọc)"] = doc_ngay.values
            so_o_ngay_loi = int(doc_ngay.error.sum())
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4_cot", """
            da_tra_loi("so_hoi_vien")
            assert "Ngày vào Hội (đã đọc)" in so_hoi_vien.columns, (
                'Câu 4: bảng chưa có cột "Ngày vào Hội (đã đọc)". Kiểm tra tên cột gõ đúng từng chữ, có dấu.')
            assert str(so_hoi_vien["Ngày vào Hội (đã đọc)"].dtype).startswith("datetime64"), (
                "Câu 4: cột mới phải là ngày (kiểu datetime). Dùng phần .values của kết quả parse_dates.")
            assert so_hoi_vien["Ngày vào Hội"].tolist()[0] == "15/5/2005", "Câu 4: không sửa cột \\"Ngày vào Hội\\" cũ."
            print("✅ Câu 4: đã có cột ngày.")
            ### BEGIN HIDDEN TESTS
            _moi = so_hoi_vien["Ngày vào Hội (đã đọc)"]
            _dung = pd.to_datetime(["2005-05-15", "2005-06-01", "2005-06-01", None, "2007-03-01", "2010-04-30"])
            _sai = [i + 1 for i, (x, y) in enumerate(zip(_moi, _dung)) if not ((pd.isna(x) and pd.isna(y)) or x == y)]
            assert not _sai, ("Câu 4: ngày đọc được chưa đúng ở dòng " + ", ".join(map(str, _sai)) +
                              " của bảng. Ngày viết ngày trước tháng (15/5/2005 là 15 tháng 5); dùng parse_dates, "
                              "đừng dùng pd.to_datetime.")
            ### END HIDDEN TESTS
            """, points=2),
        tests(f"{a}_kiem_tra_cau_4_loi", """
            da_tra_loi("so_o_ngay_loi")
            assert la_so(so_o_ngay_loi), "Câu 4: so_o_ngay_loi phải là một con số."
            ### BEGIN HIDDEN TESTS
            assert so_o_ngay_loi == 1, (f"Câu 4: số ô ngày không đọc được chưa đúng (đang là {so_o_ngay_loi}). "
                                        "Đếm phần .error của kết quả parse_dates (ô lỗi là True).")
            ### END HIDDEN TESTS
            print("✅ Câu 4: so_o_ngay_loi đúng dạng.")
            """, points=1),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (3 điểm): so sánh họ tên
            Viết hàm `cung_ho_ten(a, b)` trả về `True` khi hai họ tên là **cùng một cách viết** sau khi đã bỏ khoảng
            trắng thừa và đưa về cùng dạng mã (NFC), và `False` trong trường hợp khác. Dùng `clean` của bộ công cụ.
            Nhớ: "Lê Thị Hà" và "Lê Thị Hạ" là **hai người khác nhau**; họ tên gõ không dấu cũng không được coi là
            giống họ tên có dấu.
            """),
        answer(f"{a}_cau_5", '''
            def cung_ho_ten(a, b):
                """True nếu a và b là cùng một họ tên sau khi chuẩn hóa (NFC, khoảng trắng)."""
                ### BEGIN SOLUTION
                return clean(a) == clean(b)
                ### END SOLUTION
            '''),
        tests(f"{a}_kiem_tra_cau_5", """
            da_tra_loi("cung_ho_ten")
            assert cung_ho_ten("Lê Thị Hà", "Lê Thị Hà"), "Câu 5: hai họ tên viết y hệt nhau thì hàm phải trả về True."
            assert cung_ho_ten("  Phan  Mai Phương ", "Phan Mai Phương"), (
                "Câu 5: khoảng trắng thừa không làm khác họ tên: dùng clean(a) và clean(b).")
            print("✅ Câu 5: hàm chạy đúng với hai ví dụ đầu.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_5_an", """
            import unicodedata as _ud
            da_tra_loi("cung_ho_ten")
            assert cung_ho_ten("Phạm Văn Hòa", "Lê Thị Hà") in (True, False), "Câu 5: hàm phải trả về True hoặc False."
            # Phần còn lại của ô này được máy chấm khi giảng viên thu bài.
            ### BEGIN HIDDEN TESTS
            assert cung_ho_ten(_ud.normalize("NFD", "Phạm Văn Hòa"), "Phạm Văn Hòa"), (
                "Câu 5: 'Phạm Văn Hòa' gõ dạng NFD và dạng NFC phải được coi là một. Dùng clean (có chuẩn hóa NFC).")
            assert not cung_ho_ten("Lê Thị Hà", "Lê Thị Hạ"), (
                "Câu 5: 'Lê Thị Hà' và 'Lê Thị Hạ' là hai người. Đừng bỏ dấu (fold) khi so sánh họ tên.")
            assert not cung_ho_ten("Phan Huu Duong", "Phan Hữu Dương"), (
                "Câu 5: họ tên không dấu không được coi là giống họ tên có dấu (máy báo cảnh báo để cán bộ xem lại).")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_6_de", """
            ## Câu 6 (3 điểm, giảng viên chấm)
            Xã anh/chị sắp nhập sổ hội viên và sổ quỹ khuyến học của 10 thôn vào sổ Excel mẫu. Trong 4 đến 6 câu, hãy
            đề xuất với Ban Thường vụ Hội xã cách tổ chức: **ai** nhập ở thôn, **dùng mẫu nào**, **mã** người và hộ
            lấy thế nào, và **kiểm tra** ra sao trước khi gộp vào sổ của xã. Nêu một lỗi trong tệp có lỗi ở trên mà
            cách làm của anh/chị tránh được.
            """),
        written(f"{a}_cau_6", """
            Mỗi thôn giao chi hội trưởng giữ sổ và thư ký chi hội kiểm tra lại; cả 10 thôn dùng chung sổ Excel mẫu của
            bộ công cụ, không thêm bớt cột. Mã hộ và mã người do Hội xã cấp theo thôn (ví dụ X01-NK00021), không dùng số
            CCCD. Bộ gõ đặt bảng mã Unicode dựng sẵn, ngày gõ ngày/tháng/năm, tiền gõ đủ chữ số. Mỗi lần nhận sổ,
            cán bộ xã chạy lệnh kiểm tra, gửi danh sách vấn đề về thôn sửa rồi mới gộp. Cách này tránh được số tiền
            viết tắt "1tr5" và người nhập hai lần với hai mã.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
