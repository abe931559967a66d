"""bai_01: governing documents and targets (lesson 1)."""

from __future__ import annotations

from ..cells import answer, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_01"
TITLE = "Văn bản chỉ đạo và chỉ tiêu"
POINTS = 15


def _choice_test(a: str, key: str, right: str, hint: str):
    return tests(f"{a}_kiem_tra_cau_{key}", f'''
        da_tra_loi("cau_{key}")
        assert chuan_hoa(cau_{key}) in ("a", "b", "c", "d"), \\
            'Câu {key}: hãy ghi một chữ cái A, B, C hoặc D trong dấu ngoặc kép, ví dụ cau_{key} = "A".'
        print("✅ Câu {key} đúng dạng.")
        ### BEGIN HIDDEN TESTS
        assert chuan_hoa(cau_{key}) == "{right}", "Câu {key} chưa đúng. {hint}"
        ### END HIDDEN TESTS
        ''', points=1)


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 1", TITLE, 45) + "\n\n" + sk.objectives(
            ["nhận ra văn bản nào quy định mô hình nào;", "nhớ các chỉ tiêu năm 2025 của QĐ 387;",
             "tính số lượng cần đạt từ một tỉ lệ phần trăm;", "phân biệt điều có văn bản và điều chưa tìm thấy."],
            "cán bộ phải \"thuộc bài\" thì mới hướng dẫn được cấp dưới, và phải tính được chỉ tiêu của xã mình "
            f"khi lập kế hoạch. Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (3 điểm): văn bản nào?
            Ghi chữ cái của đáp án đúng, trong dấu ngoặc kép.

            **1a.** Văn bản nào phê duyệt Chương trình "Xây dựng mô hình Công dân học tập giai đoạn 2021–2030"?
            A. QĐ 1373/QĐ-TTg — B. QĐ 387/QĐ-TTg — C. QĐ 677/QĐ-TTg — D. TT 25/2023/TT-BGDĐT

            **1b.** Văn bản nào quy định việc đánh giá, công nhận "Cộng đồng học tập" cấp xã?
            A. TT 24/2023/TT-BGDĐT — B. TT 25/2023/TT-BGDĐT — C. QĐ 387/QĐ-TTg — D. QĐ 1315/QĐ-TTg

            **1c.** Chương trình "Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị" là văn bản nào?
            A. QĐ 677/QĐ-TTg — B. QĐ 1373/QĐ-TTg — C. KL 49-KL/TW — D. QĐ 387/QĐ-TTg
            """),
        answer(f"{a}_cau_1", """
            # Ví dụ cách ghi: cau_1a = "A"
            ### BEGIN SOLUTION
            cau_1a = "C"
            cau_1b = "B"
            cau_1c = "D"
            ### END SOLUTION
            """),
        _choice_test(a, "1a", "c", "Xem lại bảng “Các văn bản chính” ở Bài 1, cột “Mô hình”."),
        _choice_test(a, "1b", "b", "TT 24/2023 là về Đơn vị học tập; Cộng đồng học tập cấp xã ở thông tư nào?"),
        _choice_test(a, "1c", "d", "Xem lại mục 2 “Mô hình nào, văn bản nào” ở Bài 1."),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (3 điểm): chỉ tiêu năm 2025 của QĐ 387
            Gán cho bốn tên dưới đây tỉ lệ (%) phải đạt vào năm 2025. Ghi **số phần trăm**: ví dụ `50`,
            không phải `0.5`, không phải `"50%"`.
            `gia_dinh` (Gia đình học tập), `dong_ho` (Dòng họ học tập), `cong_dong` (Cộng đồng học tập thôn, bản,
            tổ dân phố), `don_vi` (Đơn vị học tập trong xã).
            """),
        answer(f"{a}_cau_2", """
            ### BEGIN SOLUTION
            gia_dinh = 70
            dong_ho = 65
            cong_dong = 65
            don_vi = 80
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2_dang", """
            da_tra_loi("gia_dinh", "dong_ho", "cong_dong", "don_vi")
            for ten, gia_tri in [("gia_dinh", gia_dinh), ("dong_ho", dong_ho), ("cong_dong", cong_dong), ("don_vi", don_vi)]:
                assert la_so(gia_tri), f'Câu 2: {ten} phải là một con số, ví dụ 50, không có dấu ngoặc kép và dấu %.'
                assert gia_tri > 1, (f"Câu 2: {ten} đang là {gia_tri}. Hãy ghi số phần trăm, ví dụ 50 "
                                     "chứ không phải 0.5.")
                assert gia_tri <= 100, f"Câu 2: {ten} đang là {gia_tri}, lớn hơn 100%."
            print("✅ Câu 2 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_2_so", """
            # Ô này có phần kiểm tra ẩn: máy chấm khi giảng viên thu bài.
            da_tra_loi("gia_dinh", "dong_ho", "cong_dong", "don_vi")
            ### BEGIN HIDDEN TESTS
            sai = [ten for ten, gia_tri, dung in [("gia_dinh", gia_dinh, 70), ("dong_ho", dong_ho, 65),
                                                 ("cong_dong", cong_dong, 65), ("don_vi", don_vi, 80)]
                   if not (la_so(gia_tri) and abs(gia_tri - dung) < 1e-9)]
            assert not sai, ("Câu 2: chỉ tiêu chưa đúng ở: " + ", ".join(sai) +
                             ". Xem lại bảng chỉ tiêu năm 2025 của QĐ 387 (Bài 1, mục 3).")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (3 điểm): từ tỉ lệ ra số lượng
            Viết hàm `so_can_dat(tong_so, ty_le)` trả về **số nhỏ nhất** (một số nguyên) cần được công nhận để đạt
            **ít nhất** `ty_le` phần trăm của `tong_so`. Ví dụ: xã có 1.000 hộ, mục tiêu 70% thì cần 700 gia đình.
            Nhớ: 70% của 1.234 hộ là 863,8, nên cần 864 (làm tròn **lên**; trong Python: `math.ceil`).
            """),
        answer(f"{a}_cau_3", '''
            def so_can_dat(tong_so, ty_le):
                """Số tối thiểu cần đạt để được ít nhất ty_le phần trăm của tong_so."""
                ### BEGIN SOLUTION
                return math.ceil(tong_so * ty_le / 100)
                ### END SOLUTION
            '''),
        tests(f"{a}_kiem_tra_cau_3_vi_du", """
            da_tra_loi("so_can_dat")
            kq = so_can_dat(1000, 70)
            assert kq == 700, f"Câu 3: với 1.000 hộ và mục tiêu 70%, kết quả phải là 700; hàm đang trả về {kq}."
            kq = so_can_dat(0, 70)
            assert kq == 0, f"Câu 3: xã không có hộ nào thì cần 0 gia đình; hàm đang trả về {kq}."
            print("✅ Câu 3 chạy đúng với ví dụ 1.000 hộ.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_3_lam_tron", """
            # Ô này có phần kiểm tra ẩn: máy chấm khi giảng viên thu bài.
            da_tra_loi("so_can_dat")
            assert so_can_dat(1000, 70) == 700, "Câu 3: hãy làm cho ô kiểm tra phía trên chạy đúng trước."
            ### BEGIN HIDDEN TESTS
            for tong, tl, dung in [(1234, 70, 864), (41, 65, 27), (12, 65, 8), (18, 80, 15), (3250, 70, 2275)]:
                kq = so_can_dat(tong, tl)
                assert la_so(kq) and kq == dung, (
                    f"Câu 3: với {tong} và {tl}% phải ra {dung}, hàm trả về {kq}. "
                    "Số cần đạt phải làm tròn LÊN (dùng math.ceil), không làm tròn thường, không cắt bỏ phần lẻ.")
                assert isinstance(kq, numbers.Integral), (
                    f"Câu 3: kết quả phải là số nguyên (ví dụ {dung}), hàm trả về {kq!r}.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (1 điểm): kiểm tra ngày văn bản
            Một bài báo viết QĐ 677/QĐ-TTg "ngày 03/6/2021". Theo chính văn bản, QĐ 677 được ký **năm nào**?
            Gán năm (một con số) cho `nam_qd_677`.
            """),
        answer(f"{a}_cau_4", """
            ### BEGIN SOLUTION
            nam_qd_677 = 2022
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4", """
            da_tra_loi("nam_qd_677")
            assert la_so(nam_qd_677), "Câu 4: năm là một con số, ví dụ 2020, không để trong dấu ngoặc kép."
            assert 2000 <= nam_qd_677 <= 2030, f"Câu 4: năm phải có 4 chữ số, ví dụ 2020 (đang là {nam_qd_677})."
            print("✅ Câu 4 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            assert nam_qd_677 != 2021, ("Câu 4: 2021 là năm bài báo ghi nhầm. Dòng đầu của văn bản ghi "
                                        "“ngày 03 tháng 6 năm ...”: xem lại bảng văn bản ở Bài 1.")
            assert nam_qd_677 == 2022, "Câu 4 chưa đúng: xem lại ngày của QĐ 677 trong bảng văn bản ở Bài 1."
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (1 điểm): danh hiệu
            QĐ 677/QĐ-TTg xây dựng mô hình học tập cho **từng người**. Gán tên danh hiệu đó (chữ, trong dấu
            ngoặc kép, có dấu tiếng Việt) cho `danh_hieu_677`. Không cần viết hoa đúng từng chữ.
            """),
        answer(f"{a}_cau_5", """
            ### BEGIN SOLUTION
            danh_hieu_677 = "Công dân học tập"
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_5", """
            da_tra_loi("danh_hieu_677")
            assert isinstance(danh_hieu_677, str), "Câu 5: tên danh hiệu là chữ, hãy đặt trong dấu ngoặc kép."
            assert chuan_hoa(danh_hieu_677) != "", "Câu 5: câu trả lời đang để trống."
            print("✅ Câu 5 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            tra_loi = chuan_hoa(danh_hieu_677).strip('."“”')
            assert tra_loi != "cong dan hoc tap", "Câu 5: viết có dấu tiếng Việt (Công dân học tập)."
            assert tra_loi == "công dân học tập", ("Câu 5 chưa đúng. QĐ 677 là chương trình xây dựng mô hình ... "
                                                   "học tập: xem bảng văn bản ở Bài 1.")
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_6_de", """
            ## Câu 6 (1 điểm): điều gì chưa tìm thấy văn bản?
            Theo Bài 1, điều nào dưới đây khóa học **chưa tìm thấy** trong văn bản chính thức?
            A. Chỉ tiêu 70% gia đình học tập năm 2025 —
            B. Chỉ tiêu **cấp quốc gia** về gia đình học tập năm 2030 —
            C. TT 25/2023 áp dụng từ 12/02/2024 —
            D. QĐ 677 ký ngày 03/6/2022
            """),
        answer(f"{a}_cau_6", """
            ### BEGIN SOLUTION
            cau_6 = "B"
            ### END SOLUTION
            """),
        _choice_test(a, "6", "b", "Chỉ có một điều trong bốn điều được ghi nhãn ❓ trong Bài 1 (mục 3)."),
        locked_md(f"{a}_cau_7_de", """
            ## Câu 7 (3 điểm, giảng viên chấm)
            Một xã có 2.480 hộ. Trong 3 đến 5 câu, hãy viết cho Ban Thường vụ Hội xã: cần bao nhiêu gia đình học tập để
            đạt chỉ tiêu năm 2025 (nêu văn bản), và điều gì còn phải chờ hướng dẫn của cấp trên trước khi đánh giá,
            công nhận (nêu một điều chưa có văn bản hoặc đã thay đổi sau ngày 01/7/2025).
            """),
        written(f"{a}_cau_7", """
            Theo QĐ 387/QĐ-TTg, năm 2025 phải có ít nhất 70% gia đình đạt "Gia đình học tập", tức là 70% của 2.480 hộ
            = 1.736 gia đình. Bộ tiêu chí mới của Hội Khuyến học Việt Nam cho gia đình học tập sau năm 2022 khóa học chưa
            tìm thấy, nên xã phải hỏi Hội cấp tỉnh bộ tiêu chí đang áp dụng trước khi chấm. Ngoài ra, từ 01/7/2025 không
            còn cấp huyện, nên nơi nhận hồ sơ và cơ quan công nhận phải theo hướng dẫn mới của tỉnh.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
