"""bai_02: criteria catalogues — Công dân học tập points by hand, a household's missed indicator, assess (lesson 2)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_02"
TITLE = "Bộ tiêu chí"
POINTS = 15

DATA_SETUP = '''
import pandas as pd
from khuyenhoc import sample
from khuyenhoc.engine import assess

du_lieu = sample.load("mau")
print("✅ Đã đọc dữ liệu xã mẫu Hòa Mẫu (giả định).")
'''

_DUNG_1 = 'tong_a = 80\ntong_b = 80\ntong_c = 79\ndat_a = True\ndat_b = False\ndat_c = False'
_DUNG_2 = ("def dat_cong_dan(diem):\n    return sum(diem) >= 80 and min(diem) >= 5")
_DUNG_4 = ('ket_qua = assess(du_lieu, "Công dân học tập", 2025)\n'
           'bang = ket_qua.summary\n'
           'so_dat = int(bang["recognised"].sum())\n'
           'so_du_diem_van_chua_dat = int(((bang["points"] >= 80) & ~bang["recognised"]).sum())')

#: Wrong-answer fixtures run by tests/test_course_grading.py: case -> (answers by grade_id suffix, marks, messages).
FIXTURES = {
    "dung": ({}, 12.0, ["Câu 4 đúng dạng"]),
    "quen_chi_so_duoi_5": (
        {"cau_1": _DUNG_1.replace("dat_b = False", "dat_b = True"),
         "cau_2": "def dat_cong_dan(diem):\n    return sum(diem) >= 80",
         "cau_3": 'chi_so_chua_dat = "GDHT-3.3"', "cau_4": _DUNG_4,
         "cau_5": "Vì tổng điểm đủ 80 nên được công nhận."},
        6.0, ["có một chỉ số chỉ được 4 điểm", "GDHT-3.3 (Internet) không bắt buộc",
              "mọi chỉ số phải từ 5 điểm"]),
    "dem_ca_nguoi_chua_dat": (
        {"cau_1": 'tong_a = 80\ntong_b = 80\ntong_c = 80\ndat_a = True\ndat_b = False\ndat_c = True',
         "cau_2": _DUNG_2, "cau_3": 'chi_so_chua_dat = " gdht-3.1 "',
         "cau_4": ('ket_qua = assess(du_lieu, "Công dân học tập", 2025)\n'
                   'so_dat = len(ket_qua.summary)\nso_du_diem_van_chua_dat = 0'),
         "cau_5": "Chưa đạt vì chỉ số 4 điểm dưới mức 5."},
        6.0, ["Cộng lại mười điểm của người C", "là số người được đánh giá", "trong cột points"]),
}

_SCORES = {
    "A": [9, 8, 9, 8, 7, 6, 9, 8, 8, 8],
    "B": [10, 9, 9, 8, 4, 8, 9, 8, 7, 8],
    "C": [8, 8, 8, 8, 8, 8, 8, 8, 8, 7],
}


def _score_table() -> str:
    head = "| Người | " + " | ".join(f"{g}.{k}" for g, n in (("1", 4), ("2", 4), ("3", 2)) for k in range(1, n + 1)) + " |"
    sep = "|---|" + "---|" * 10
    rows = [f"| {p} | " + " | ".join(str(v) for v in s) + " |" for p, s in _SCORES.items()]
    return "\n".join([head, sep, *rows])


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 2", TITLE, 45) + "\n\n" + sk.objectives(
            ["cộng điểm tự đánh giá Công dân học tập và kết luận đúng quy tắc ≥ 80 điểm, không chỉ số nào dưới 5;",
             "tìm chỉ số một gia đình chưa đạt;", "chạy `assess` và đọc bảng kết quả;",
             "giải thích cho hội viên vì sao chưa đạt, và nói rõ bộ tiêu chí nào là bản dựng lại."],
            "cán bộ phải \"thuộc bài\" từng bộ tiêu chí thì mới hướng dẫn được hội viên tự chấm. "
            f"Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_code(f"{a}_du_lieu", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", f"""
            ## Câu 1 (3 điểm): cộng điểm bằng tay
            Ba hội viên tự chấm 10 chỉ số Công dân học tập (mỗi chỉ số tối đa 10 điểm, bộ tiêu chí dựng lại theo dự thảo
            năm 2020):

            {_score_table()}

            Gán **tổng điểm** của từng người cho `tong_a`, `tong_b`, `tong_c` (con số), và kết luận **đạt hay chưa đạt**
            cho `dat_a`, `dat_b`, `dat_c` (ghi `True` nếu đạt, `False` nếu chưa đạt, không có dấu ngoặc kép).
            Quy tắc (theo tập huấn ở Thái Bình): **từ 80/100 điểm trở lên và không chỉ số nào dưới 5 điểm**.
            """),
        answer(f"{a}_cau_1", f"""
            ### BEGIN SOLUTION
            {_DUNG_1.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_1_tong", """
            da_tra_loi("tong_a", "tong_b", "tong_c")
            for _ten, _gt in [("tong_a", tong_a), ("tong_b", tong_b), ("tong_c", tong_c)]:
                assert la_so(_gt), f"Câu 1: {_ten} phải là một con số, ví dụ 75 (không để trong dấu ngoặc kép)."
                assert 0 <= _gt <= 100, f"Câu 1: {_ten} đang là {_gt}; tổng 10 chỉ số nằm trong khoảng 0 đến 100."
            print("✅ Câu 1: các tổng điểm đúng dạng.")
            ### BEGIN HIDDEN TESTS
            for _ten, _gt, _dung, _nguoi in [("tong_a", tong_a, 80, "A"), ("tong_b", tong_b, 80, "B"),
                                             ("tong_c", tong_c, 79, "C")]:
                assert _gt == _dung, (f"Câu 1: {_ten} chưa đúng (đang là {_gt}). Cộng lại mười điểm của người {_nguoi} "
                                      "trong bảng; có thể viết phép cộng để máy tính, ví dụ 9 + 8 + ...")
            ### END HIDDEN TESTS
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_ket_luan", """
            da_tra_loi("dat_a", "dat_b", "dat_c")
            for _ten, _gt in [("dat_a", dat_a), ("dat_b", dat_b), ("dat_c", dat_c)]:
                assert isinstance(_gt, bool), (f"Câu 1: {_ten} phải là True (đạt) hoặc False (chưa đạt), "
                                               'không có dấu ngoặc kép, không viết "Đạt".')
            print("✅ Câu 1: các kết luận đúng dạng.")
            ### BEGIN HIDDEN TESTS
            assert dat_a is True, ("Câu 1: người A được đúng 80 điểm và không chỉ số nào dưới 5, nên ĐẠT "
                                   "(“từ 80 điểm trở lên” gồm cả 80).")
            assert dat_b is False, ("Câu 1: người B đủ 80 điểm nhưng có một chỉ số chỉ được 4 điểm (chỉ số 2.1), "
                                    "dưới mức tối thiểu 5, nên CHƯA ĐẠT.")
            assert dat_c is False, "Câu 1: người C chỉ được 79 điểm, chưa đủ 80, nên CHƯA ĐẠT."
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (3 điểm): hàm kết luận
            Viết hàm `dat_cong_dan(diem)`: `diem` là danh sách 10 điểm của một người; hàm trả về `True` nếu người đó đạt
            (tổng ≥ 80 **và** điểm thấp nhất ≥ 5), `False` nếu chưa đạt. Gợi ý: `sum(diem)` là tổng, `min(diem)` là điểm
            thấp nhất.
            """),
        answer(f"{a}_cau_2", '''
            def dat_cong_dan(diem):
                """True nếu tổng điểm từ 80 trở lên và không chỉ số nào dưới 5 điểm."""
                ### BEGIN SOLUTION
                return sum(diem) >= 80 and min(diem) >= 5
                ### END SOLUTION
            '''),
        tests(f"{a}_kiem_tra_cau_2_vi_du", """
            da_tra_loi("dat_cong_dan")
            _kq = dat_cong_dan([9, 8, 9, 8, 7, 6, 9, 8, 8, 8])
            assert _kq in (True, False), f"Câu 2: hàm phải trả về True hoặc False; đang trả về {_kq!r}."
            assert _kq, "Câu 2: người A (80 điểm, thấp nhất 6 điểm) đạt, nhưng hàm trả về False. Xem lại dấu >=."
            print("✅ Câu 2: hàm chạy đúng với người A.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_2_an", """
            # Ô này có phần kiểm tra ẩn: máy chấm khi giảng viên thu bài.
            da_tra_loi("dat_cong_dan")
            assert dat_cong_dan([9, 8, 9, 8, 7, 6, 9, 8, 8, 8]), "Câu 2: hãy làm cho ô kiểm tra phía trên chạy đúng trước."
            ### BEGIN HIDDEN TESTS
            assert not dat_cong_dan([10, 9, 9, 8, 4, 8, 9, 8, 7, 8]), (
                "Câu 2: 80 điểm nhưng có một chỉ số 4 điểm thì CHƯA ĐẠT: mọi chỉ số phải từ 5 điểm trở lên "
                "(thêm điều kiện min(diem) >= 5).")
            assert not dat_cong_dan([8, 8, 8, 8, 8, 8, 8, 8, 8, 7]), "Câu 2: 79 điểm thì chưa đạt."
            assert dat_cong_dan([10, 10, 10, 10, 10, 10, 10, 5, 5, 10]), (
                "Câu 2: 90 điểm, thấp nhất đúng 5 điểm thì ĐẠT (5 không phải “dưới 5”).")
            assert dat_cong_dan([10] * 10), "Câu 2: 100 điểm thì đạt."
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (2 điểm): gia đình chưa đạt chỉ số nào?
            Hộ X01-H0004 (xã mẫu, năm 2025) có các thông tin dưới đây. Theo bộ tiêu chí Gia đình học tập dựng lại (Bài 2,
            mục 4; ngưỡng GDHT-2.2 xã tự đặt là 50%), hộ này **chưa đạt đúng một chỉ số bắt buộc**. Gán **mã chỉ số**
            đó (trong dấu ngoặc kép, ví dụ `"GDHT-1.1"`) cho `chi_so_chua_dat`.

            | Chỉ số | Thông tin của hộ |
            |---|---|
            | GDHT-1.1 trẻ trong độ tuổi đi học đều đi học | 1/1 cháu đang đi học |
            | GDHT-1.2 kết quả học tập từ Đạt trở lên | 1/1 cháu |
            | GDHT-1.3 đạo đức tốt (hộ tự khai) | Có |
            | GDHT-2.1 người lớn 15–60 tuổi biết chữ | 2/2 người |
            | GDHT-2.2 người lớn có hoạt động học tập | 2/3 người (67%) |
            | GDHT-2.3 tham gia khuyến học | Có góp quỹ |
            | GDHT-3.1 quỹ khuyến học gia đình | Không |
            | GDHT-3.2 tủ sách, góc học tập | Có |
            | GDHT-3.3 phương tiện (Internet), không bắt buộc | Không |
            | GDHT-4.1 kinh tế ổn định (hộ tự khai) | Có |
            | GDHT-4.2 Gia đình văn hóa | Có |
            """),
        answer(f"{a}_cau_3", """
            ### BEGIN SOLUTION
            chi_so_chua_dat = "GDHT-3.1"
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_3", """
            da_tra_loi("chi_so_chua_dat")
            assert isinstance(chi_so_chua_dat, str), 'Câu 3: mã chỉ số là chữ, đặt trong dấu ngoặc kép, ví dụ "GDHT-1.1".'
            assert chuan_hoa(chi_so_chua_dat).startswith("gdht-"), 'Câu 3: mã chỉ số bắt đầu bằng "GDHT-".'
            print("✅ Câu 3 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _tl = chuan_hoa(chi_so_chua_dat)
            assert _tl != "gdht-3.3", ("Câu 3: GDHT-3.3 (Internet) không bắt buộc: thiếu vẫn không làm hộ chưa đạt. "
                                       "Tìm chỉ số BẮT BUỘC mà hộ trả lời “Không”.")
            assert _tl != "gdht-2.2", "Câu 3: 67% người lớn có học tập, cao hơn ngưỡng 50% xã đặt, nên GDHT-2.2 đạt."
            assert _tl == "gdht-3.1", "Câu 3 chưa đúng: tìm dòng bắt buộc có câu trả lời “Không”."
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (4 điểm): chạy bộ công cụ và đọc kết quả
            1. Đánh giá **Công dân học tập năm 2025** của xã mẫu bằng `assess` (như mục 3 của Bài 2); gán kết quả cho
               `ket_qua`.
            2. Trong bảng tóm tắt `ket_qua.summary`, cột `recognised` là `True` với người đạt. Gán **số người đạt** cho
               `so_dat`.
            3. Gán cho `so_du_diem_van_chua_dat` **số người có tổng điểm từ 80 trở lên mà vẫn chưa đạt** (cột `points`
               là tổng điểm). Những người này chưa đạt vì lý do gì? (đọc cột `reason`).
            """),
        answer(f"{a}_cau_4", f"""
            ### BEGIN SOLUTION
            {_DUNG_4.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4_chay", """
            da_tra_loi("ket_qua")
            assert hasattr(ket_qua, "summary"), "Câu 4: ket_qua phải là kết quả của assess(...), chưa phải bảng hay con số."
            assert ket_qua.catalogue.model == "Công dân học tập", (
                f"Câu 4: đang đánh giá mô hình '{ket_qua.catalogue.model}'; hãy đánh giá \\"Công dân học tập\\".")
            assert ket_qua.year == 2025, f"Câu 4: đang đánh giá năm {ket_qua.year}; hãy đánh giá năm 2025."
            print("✅ Câu 4 đúng dạng: đã chạy assess cho Công dân học tập năm 2025.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_4_dat", """
            da_tra_loi("so_dat")
            assert la_so(so_dat), "Câu 4: so_dat phải là một con số."
            ### BEGIN HIDDEN TESTS
            _bang = assess(du_lieu, "congdan-qd324", 2025).summary
            assert so_dat != len(_bang), (f"Câu 4: {so_dat} là số người được đánh giá (mọi dòng của bảng). "
                                          "Chỉ đếm người có recognised = True: int(bang[\\"recognised\\"].sum()).")
            assert so_dat == int(_bang["recognised"].sum()), f"Câu 4: số người đạt chưa đúng (đang là {so_dat})."
            ### END HIDDEN TESTS
            """, points=1),
        tests(f"{a}_kiem_tra_cau_4_du_diem", """
            da_tra_loi("so_du_diem_van_chua_dat")
            assert la_so(so_du_diem_van_chua_dat), "Câu 4: so_du_diem_van_chua_dat phải là một con số."
            ### BEGIN HIDDEN TESTS
            _bang = assess(du_lieu, "congdan-qd324", 2025).summary
            _dung = int(((_bang["points"] >= 80) & ~_bang["recognised"]).sum())
            assert so_du_diem_van_chua_dat == _dung, (
                f"Câu 4: số người đủ 80 điểm mà chưa đạt chưa đúng (đang là {so_du_diem_van_chua_dat}). Lọc các dòng "
                "có tổng điểm trong cột points >= 80 VÀ recognised là False; cột reason cho biết chỉ số dưới 5 điểm.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (3 điểm, giảng viên chấm)
            Một hội viên tự chấm được 80 điểm, trong đó chỉ số “ngoại ngữ” 4 điểm, và hỏi anh/chị vì sao không được công
            nhận. Trong 3 đến 5 câu, hãy trả lời hội viên: quy tắc là gì, hội viên cần làm gì để đạt năm sau, và bộ tiêu
            chí đang dùng là văn bản chính thức hay bản dựng lại (nói rõ điều gì chưa tìm thấy).
            """),
        written(f"{a}_cau_5", """
            Quy tắc đang dùng: tổng từ 80/100 điểm trở lên và không chỉ số nào dưới 5 điểm. Anh/chị đủ 80 điểm nhưng chỉ
            số ngoại ngữ chỉ có 4 điểm nên chưa đạt. Năm sau, anh/chị đăng ký một lớp ngoại ngữ ở trung tâm học tập cộng
            đồng hoặc tự học để chỉ số này đạt ít nhất 5 điểm, các chỉ số khác giữ như năm nay. Bộ tiêu chí trong máy là
            bản dựng lại theo dự thảo năm 2020 và tập huấn ở Thái Bình; toàn văn QĐ 324/QĐ-KHVN chưa tìm thấy, nên xã sẽ
            đối chiếu khi có văn bản của Hội cấp trên.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
