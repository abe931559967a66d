"""bai_08: UNESCO learning city — ratings of the six building blocks, the profile chart, the weakest block (lesson 8)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_08"
TITLE = "Thành phố học tập (UNESCO)"
POINTS = 15

DATA_SETUP = '''
from pathlib import Path

import matplotlib
from khuyenhoc import charts

TEP_HO_SO = Path("ket_qua_bai_08") / "ho_so_6_tru_cot.png"
print("✅ Đã sẵn sàng vẽ biểu đồ.")
'''

_KEYS = ["học tập hòa nhập trong hệ thống giáo dục", "học tập trong gia đình và cộng đồng", "học tập tại nơi làm việc",
         "công nghệ học tập hiện đại", "chất lượng học tập", "văn hóa học tập suốt đời"]
_RIGHT = [4, 3, 2, 1, 3, 3]


def _dict_src(values) -> str:
    inner = ",\n".join(f'    "{k}": {v}' for k, v in zip(_KEYS, values))
    return "diem_tru_cot = {\n" + inner + ",\n}"


_DUNG_2 = 'hinh = charts.unesco_profile_chart(diem_tru_cot, path=TEP_HO_SO)'

#: Wrong-answer fixtures (see tests/test_course_grading.py): case -> (answers, marks, messages).
FIXTURES = {
    "dung": ({}, 12.0, ["Câu 2 đúng dạng"]),
    "chon_cao_nhat_va_12_linh_vuc": (
        {"cau_1": _dict_src(_RIGHT),
         "cau_2": ("tat_ca = dict(diem_tru_cot)\n"
                   "tat_ca.update({'lợi ích 1': 3, 'lợi ích 2': 3, 'lợi ích 3': 2, 'điều kiện 1': 4, "
                   "'điều kiện 2': 3, 'điều kiện 3': 2})\n"
                   "hinh = charts.unesco_profile_chart(tat_ca, path=TEP_HO_SO)"),
         "cau_3": "tru_cot_yeu_nhat = max(diem_tru_cot, key=diem_tru_cot.get)",
         "cau_4": 'cau_4 = "A"', "cau_5": "dan_so_son_la = 351214 / 28 * 100",
         "cau_6": "Cần nâng cao học tập hòa nhập."},
        5.0, ["chỉ vẽ 6 trụ cột", "là trụ cột điểm CAO nhất", "tên 6 trụ cột đã đọc được"]),
    "thang_10_va_nhan_28": (
        {"cau_1": _dict_src([8, 6, 4, 2, 6, 6]), "cau_2": _DUNG_2,
         "cau_3": 'tru_cot_yeu_nhat = "công nghệ học tập hiện đại"', "cau_4": 'cau_4 = "C"',
         "cau_5": "dan_so_son_la = 351214 * 0.28", "cau_6": "Đầu tư máy tính cho trung tâm học tập cộng đồng."},
        5.0, ["thang điểm từ 1 đến 5", "chia cho 28%"]),
}


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 8", TITLE, 35) + "\n\n" + sk.objectives(
            ["ghi điểm tự chấm 6 trụ cột vào một từ điển;", "vẽ biểu đồ hồ sơ bằng bộ công cụ và lưu thành ảnh;",
             "tìm trụ cột yếu nhất;", "phân biệt điều đã đọc được và điều suy luận trong khung UNESCO."],
            "hồ sơ tự đánh giá là bước đầu để một thành phố lập kế hoạch và xin vào Mạng lưới thành phố học tập toàn cầu, "
            f"như Sơn La (2024) và Yên Bái. Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_code(f"{a}_chuan_bi_ve", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (2 điểm): ghi điểm tự chấm
            Tổ tự đánh giá của một thị xã miền núi thống nhất điểm 6 trụ cột (thang 1–5) như sau: học tập hòa nhập trong
            hệ thống giáo dục **4**; học tập trong gia đình và cộng đồng **3**; học tập tại nơi làm việc **2**; công nghệ
            học tập hiện đại **1** (mạng yếu, ít máy tính); chất lượng học tập **3**; văn hóa học tập suốt đời **3**.

            Chép khung dưới đây vào ô trả lời (giữ nguyên tên các trụ cột) và điền điểm thay cho dấu `...`:

            ```python
            diem_tru_cot = {
                "học tập hòa nhập trong hệ thống giáo dục": ...,
                "học tập trong gia đình và cộng đồng": ...,
                "học tập tại nơi làm việc": ...,
                "công nghệ học tập hiện đại": ...,
                "chất lượng học tập": ...,
                "văn hóa học tập suốt đời": ...,
            }
            ```
            """),
        answer(f"{a}_cau_1", f"""
            ### BEGIN SOLUTION
            {_dict_src(_RIGHT).replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_1_dang", f"""
            da_tra_loi("diem_tru_cot")
            _ten = {_KEYS!r}
            assert isinstance(diem_tru_cot, dict), "Câu 1: diem_tru_cot là từ điển, viết trong dấu ngoặc nhọn {{ }}."
            _thieu = [t for t in _ten if t not in {{unicodedata.normalize("NFC", k) for k in diem_tru_cot}}]
            assert not _thieu, "Câu 1: thiếu hoặc gõ sai tên trụ cột: " + "; ".join(_thieu) + ". Chép đúng khung trong đề."
            assert len(diem_tru_cot) == 6, "Câu 1: chỉ ghi đúng 6 trụ cột."
            for _k, _v in diem_tru_cot.items():
                assert la_so(_v), f"Câu 1: điểm của '{{_k}}' phải là một con số (thay dấu ... bằng số)."
                assert 1 <= _v <= 5, (f"Câu 1: điểm của '{{_k}}' là {{_v}}; khung UNESCO ở đây chấm theo thang điểm từ 1 "
                                      "đến 5, không phải thang 10.")
            print("✅ Câu 1 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_diem", f"""
            da_tra_loi("diem_tru_cot")
            ### BEGIN HIDDEN TESTS
            _dung = dict(zip({_KEYS!r}, {_RIGHT!r}))
            _chuan = {{unicodedata.normalize("NFC", k): v for k, v in diem_tru_cot.items()}}
            _sai = [k for k, v in _dung.items() if _chuan.get(k) != v]
            assert not _sai, "Câu 1: điểm chưa đúng ở: " + "; ".join(_sai) + ". Đọc lại điểm tổ tự đánh giá đã thống nhất."
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (3 điểm): vẽ biểu đồ hồ sơ
            Dùng `charts.unesco_profile_chart` (Bài 8, mục 4) vẽ hồ sơ **6 trụ cột** từ `diem_tru_cot`, lưu ảnh vào tệp
            `TEP_HO_SO` (tham số `path=`). Gán hình cho `hinh`.
            """),
        answer(f"{a}_cau_2", f"""
            ### BEGIN SOLUTION
            {_DUNG_2}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2_dang", """
            da_tra_loi("hinh")
            assert isinstance(hinh, matplotlib.figure.Figure), "Câu 2: hinh phải là hình do unesco_profile_chart trả về."
            print("✅ Câu 2 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_2_hinh", """
            da_tra_loi("hinh")
            ### BEGIN HIDDEN TESTS
            assert TEP_HO_SO.is_file() and TEP_HO_SO.stat().st_size > 0, (
                "Câu 2: chưa có tệp ảnh TEP_HO_SO: thêm path=TEP_HO_SO khi vẽ.")
            _nhan = [t.get_text().replace("\\n", " ") for t in hinh.axes[0].get_xticklabels()]
            assert len(_nhan) == 6, (f"Câu 2: biểu đồ có {len(_nhan)} trục; chỉ vẽ 6 trụ cột (các yếu tố chính), "
                                     "truyền đúng diem_tru_cot.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (3 điểm): trụ cột yếu nhất
            Gán cho `tru_cot_yeu_nhat` **tên** trụ cột có điểm thấp nhất (chữ, đúng như tên trong `diem_tru_cot`). Có thể
            nhìn biểu đồ, hoặc dùng `min(diem_tru_cot, key=diem_tru_cot.get)` như ở Bài 8.
            """),
        answer(f"{a}_cau_3", """
            ### BEGIN SOLUTION
            tru_cot_yeu_nhat = min(diem_tru_cot, key=diem_tru_cot.get)
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_3", f"""
            da_tra_loi("tru_cot_yeu_nhat")
            assert isinstance(tru_cot_yeu_nhat, str), "Câu 3: tên trụ cột là chữ, đặt trong dấu ngoặc kép."
            assert chuan_hoa(tru_cot_yeu_nhat) in [chuan_hoa(t) for t in {_KEYS!r}], (
                "Câu 3: tên trụ cột phải đúng một trong 6 tên của diem_tru_cot.")
            print("✅ Câu 3 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            assert chuan_hoa(tru_cot_yeu_nhat) != chuan_hoa("{_KEYS[0]}"), (
                "Câu 3: đây là trụ cột điểm CAO nhất (4 điểm). Dùng min, không dùng max.")
            assert chuan_hoa(tru_cot_yeu_nhat) == chuan_hoa("{_KEYS[3]}"), (
                "Câu 3 chưa đúng: tìm trụ cột có điểm nhỏ nhất trong diem_tru_cot.")
            ### END HIDDEN TESTS
            """, points=3),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (2 điểm): điều nào là suy luận?
            Trong khung UNESCO mà Bài 8 trình bày, điều nào là **suy luận**, chưa thấy trong một danh sách chính thức?
            Ghi một chữ cái trong dấu ngoặc kép cho `cau_4`.

            A. Tên 6 trụ cột (các yếu tố chính). — B. Khung có 42 đặc trưng trong 3 nhóm. —
            C. Tên các điều kiện cơ bản. — D. Thành phố Sơn La vào mạng lưới ngày 14/02/2024.
            """),
        answer(f"{a}_cau_4", """
            ### BEGIN SOLUTION
            cau_4 = "C"
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4", """
            da_tra_loi("cau_4")
            assert chuan_hoa(cau_4) in ("a", "b", "c", "d"), 'Câu 4: ghi một chữ cái A, B, C hoặc D, ví dụ cau_4 = "A".'
            print("✅ Câu 4 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _goi_y = {"a": "tên 6 trụ cột đã đọc được trong nguồn (và bài viết của Sơn La kể đúng sáu nội dung).",
                      "b": "42 đặc trưng trong 3 nhóm đã đọc được trong nguồn.",
                      "d": "ngày 14/02/2024 có trong bài viết của Hội Khuyến học Sơn La."}
            assert chuan_hoa(cau_4) == "c", "Câu 4 chưa đúng: " + _goi_y.get(chuan_hoa(cau_4), "")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (2 điểm): một phép tính từ bài viết của Sơn La
            Sơn La có 351.214 hội viên khuyến học, bằng 28% dân số. Dân số tỉnh khoảng bao nhiêu người? Gán **phép tính**
            cho `dan_so_son_la` (trong Python viết 351214, không có dấu chấm).
            """),
        answer(f"{a}_cau_5", """
            ### BEGIN SOLUTION
            dan_so_son_la = 351214 / 28 * 100
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_5", """
            da_tra_loi("dan_so_son_la")
            assert la_so(dan_so_son_la), "Câu 5: dan_so_son_la phải là một con số (một phép tính)."
            print("✅ Câu 5 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            assert dan_so_son_la > 351214, (f"Câu 5: {dan_so_son_la:,.0f} nhỏ hơn số hội viên. Hội viên là 28% dân số, "
                                            "nên dân số = số hội viên chia cho 28%, tức là 351214 / 28 * 100.")
            assert abs(dan_so_son_la - 351214 / 0.28) <= 0.01 * 351214 / 0.28, (
                f"Câu 5: dân số chưa đúng (đang là {dan_so_son_la:,.0f}). Dân số = 351214 / 28 * 100.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_6_de", """
            ## Câu 6 (3 điểm, giảng viên chấm)
            Với trụ cột yếu nhất ở câu 3, hãy đề xuất (3 đến 5 câu) **hai việc cụ thể** trong năm tới cho thị xã này, mỗi
            việc nêu ai làm và đo kết quả bằng con số nào; vận dụng một bài học của Sơn La (tuyên truyền, tham mưu, hoặc
            tập huấn "cầm tay chỉ việc").
            """),
        written(f"{a}_cau_6", """
            Trụ cột yếu nhất là công nghệ học tập hiện đại. Việc 1: Hội Khuyến học phối hợp Đoàn thanh niên mở lớp "cầm tay
            chỉ việc" dùng điện thoại để học trực tuyến ở trung tâm học tập cộng đồng mỗi phường, đo bằng số người học
            xong (mục tiêu 300 người). Việc 2: tham mưu UBND thị xã đưa việc lắp Internet cho 100% nhà văn hóa tổ dân phố
            vào kế hoạch năm, đo bằng tỉ lệ nhà văn hóa có Internet. Tuyên truyền kết quả trên trang Zalo của Hội như Sơn
            La đã làm.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
