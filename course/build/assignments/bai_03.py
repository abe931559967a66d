"""bai_03: evidence — classify items valid/invalid with a reason, check with the toolkit, gaps of a village (lesson 3)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_03"
TITLE = "Minh chứng"
POINTS = 15

DATA_SETUP = '''
import pandas as pd
from khuyenhoc import sample
from khuyenhoc.evidence import check_evidence, gap_report

du_lieu = sample.load("mau")
THU_MUC_MINH_CHUNG = sample.path("mau")["evidence"]
print("✅ Đã đọc dữ liệu và thư mục minh chứng của xã mẫu Hòa Mẫu (giả định).")
'''

_DUNG_1 = ('hop_le = {"A": True, "B": False, "C": False, "D": False, "E": False}\n'
           'ly_do = {"B": "noi_cap", "C": "ngay", "D": "loai", "E": "tep"}')
_DUNG_2 = ('kiem_tra = check_evidence(du_lieu, "Công dân học tập", 2026, THU_MUC_MINH_CHUNG)\n'
           'so_khong_hop_le = int((~kiem_tra["valid"]).sum())\n'
           'so_sai_noi_cap = int((~kiem_tra["issuer_ok"]).sum())')
_DUNG_3 = ('thieu = gap_report(du_lieu, "Công dân học tập", 2026, THU_MUC_MINH_CHUNG)\n'
           'so_muc_thieu_trung_son = int((thieu["village"] == "Thôn Trung Sơn").sum())')

#: Wrong-answer fixtures (see tests/test_course_grading.py): case -> (answers, marks, messages).
FIXTURES = {
    "dung": ({}, 12.0, ["Câu 2 đúng dạng"]),
    "tin_noi_cap_va_cccd": (
        {"cau_1": ('hop_le = {"A": True, "B": True, "C": False, "D": False, "E": True}\n'
                   'ly_do = {"C": "ngay", "D": "loai"}'),
         "cau_2": _DUNG_2, "cau_3": _DUNG_3, "cau_4": 'cau_4 = "A"',
         "cau_5": "Thu đủ ảnh căn cước của mọi người cho chắc."},
        7.0, ["quán cà phê không phải nơi cấp", "đã bị sửa sau khi lưu", "ảnh căn cước công dân"]),
    "dem_ca_xa_va_nham_ly_do": (
        {"cau_1": ('hop_le = {"A": True, "B": False, "C": False, "D": False, "E": False}\n'
                   'ly_do = {"B": "noi_cap", "C": "tep", "D": "ngay", "E": "tep"}'),
         "cau_2": ('kiem_tra = check_evidence(du_lieu, "Công dân học tập", 2026, THU_MUC_MINH_CHUNG)\n'
                   'so_khong_hop_le = len(kiem_tra)\nso_sai_noi_cap = 2'),
         "cau_3": ('thieu = gap_report(du_lieu, "Công dân học tập", 2026, THU_MUC_MINH_CHUNG)\n'
                   'so_muc_thieu_trung_son = len(thieu)'),
         "cau_4": 'cau_4 = "B"', "cau_5": "Chi hội trưởng đi thu theo phiếu."},
        5.0, ["là tổng số minh chứng", "ngày 09/12/2025", "của cả xã"]),
}


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 3", TITLE, 45) + "\n\n" + sk.objectives(
            ["xét một minh chứng hợp lệ hay không và nói được lý do (loại, ngày, nơi cấp, tệp);",
             "kiểm tra minh chứng của cả xã bằng bộ công cụ;", "đếm số minh chứng còn thiếu của một thôn;",
             "giữ đúng quy định về dữ liệu cá nhân trong minh chứng."],
            "ở Lai Châu, tập huấn \"cách thu thập minh chứng\" đi cùng bộ tiêu chí; hồ sơ thiếu hoặc sai minh chứng "
            f"thì không được công nhận. Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_code(f"{a}_du_lieu", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (4 điểm): minh chứng nào hợp lệ?
            Kỳ đánh giá Công dân học tập năm **2026** (01/01/2026–31/12/2026). Theo bộ tiêu chí dựng lại, nơi cấp được
            chấp nhận gồm: Hội Khuyến học, Chi hội khuyến học, Ủy ban nhân dân, Trường, Trung tâm, Thư viện, Cơ quan,
            Đơn vị. Loại minh chứng được chấp nhận: CDHT-1.2 → Báo cáo tự đánh giá, Kế hoạch; CDHT-1.1 → Báo cáo tự đánh
            giá, Phiếu chấm điểm, Sổ theo dõi; CDHT-1.4 → Báo cáo tự đánh giá, Giấy khen, Biên bản họp; CDHT-2.1,
            CDHT-2.2 → Báo cáo tự đánh giá, Giấy chứng nhận.

            | Mục | Chỉ số | Loại | Ngày | Nơi cấp | Tệp |
            |---|---|---|---|---|---|
            | A | CDHT-2.1 | Giấy chứng nhận | 15/03/2026 | Trung tâm học tập cộng đồng xã Hòa Mẫu | có, mã kiểm tra khớp |
            | B | CDHT-2.2 | Giấy chứng nhận | 31/01/2026 | Quán cà phê Hưng Thịnh | có, mã kiểm tra khớp |
            | C | CDHT-1.4 | Giấy khen | 09/12/2025 | Hội Khuyến học xã Hòa Mẫu | có, mã kiểm tra khớp |
            | D | CDHT-1.2 | Ảnh hoạt động | 10/02/2026 | Chi hội khuyến học thôn Yên Trì | có, mã kiểm tra khớp |
            | E | CDHT-1.1 | Sổ theo dõi | 17/03/2026 | Thư viện xã Hòa Mẫu | có, nhưng **mã kiểm tra khác** với khi lưu |

            1. Gán cho `hop_le` một **từ điển** ghi mỗi mục `True` (hợp lệ) hay `False` (không hợp lệ), ví dụ
               `hop_le = {"A": True, "B": False, ...}` (đủ 5 mục).
            2. Gán cho `ly_do` một từ điển ghi, **với mỗi mục không hợp lệ**, một lý do trong bốn chữ:
               `"loai"` (sai loại), `"ngay"` (ngoài kỳ đánh giá), `"noi_cap"` (nơi cấp không được chấp nhận),
               `"tep"` (thiếu tệp hoặc tệp bị thay đổi). Mỗi mục ở đây chỉ sai một điều.
            """),
        answer(f"{a}_cau_1", f"""
            ### BEGIN SOLUTION
            {_DUNG_1.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_1_dang", """
            da_tra_loi("hop_le", "ly_do")
            assert isinstance(hop_le, dict) and isinstance(ly_do, dict), (
                'Câu 1: hop_le và ly_do là từ điển, viết trong dấu ngoặc nhọn, ví dụ {"A": True, "B": False}.')
            assert sorted(hop_le) == ["A", "B", "C", "D", "E"], (
                f"Câu 1: hop_le cần đủ 5 mục A, B, C, D, E (đang có: {', '.join(map(str, hop_le))}).")
            assert all(isinstance(v, bool) for v in hop_le.values()), (
                'Câu 1: giá trị trong hop_le là True hoặc False, không có dấu ngoặc kép.')
            _chu = {"loai", "ngay", "noi_cap", "tep"}
            _la = [str(v) for v in ly_do.values() if chuan_hoa(v) not in _chu]
            assert not _la, f"Câu 1: lý do chỉ dùng một trong: loai, ngay, noi_cap, tep (đang có: {', '.join(_la)})."
            print("✅ Câu 1 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_hop_le", """
            da_tra_loi("hop_le")
            ### BEGIN HIDDEN TESTS
            _goi_y = {
                "A": "A đúng loại, ngày trong năm 2026, nơi cấp là Trung tâm, tệp khớp: hợp lệ.",
                "B": "B: quán cà phê không phải nơi cấp được chấp nhận, nên không hợp lệ.",
                "C": "C: ngày 09/12/2025 nằm ngoài kỳ đánh giá năm 2026.",
                "D": "D: ảnh hoạt động không phải loại minh chứng được chấp nhận cho CDHT-1.2.",
                "E": "E: tệp có mã kiểm tra khác với khi lưu, tức là tệp đã bị sửa sau khi lưu: không hợp lệ.",
            }
            _dung = {"A": True, "B": False, "C": False, "D": False, "E": False}
            _sai = [k for k in _dung if hop_le.get(k) is not _dung[k]]
            assert not _sai, "Câu 1: kết luận chưa đúng ở mục " + ", ".join(_sai) + ". " + " ".join(_goi_y[k] for k in _sai)
            ### END HIDDEN TESTS
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_ly_do", """
            da_tra_loi("ly_do")
            ### BEGIN HIDDEN TESTS
            _dung = {"B": "noi_cap", "C": "ngay", "D": "loai", "E": "tep"}
            _goi_y = {"B": "quán cà phê không phải nơi cấp được chấp nhận",
                      "C": "ngày 09/12/2025 nằm ngoài kỳ 01/01/2026–31/12/2026",
                      "D": "ảnh hoạt động không có trong các loại được chấp nhận cho CDHT-1.2",
                      "E": "mã kiểm tra khác nghĩa là tệp đã bị sửa sau khi lưu"}
            _sai = [k for k in _dung if chuan_hoa(ly_do.get(k, "")) != _dung[k]]
            assert not _sai, ("Câu 1: lý do chưa đúng ở mục " + ", ".join(_sai) + ": " +
                              "; ".join(f"{k} — {_goi_y[k]}" for k in _sai) + ".")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (3 điểm): kiểm tra cả xã bằng bộ công cụ
            Dùng `check_evidence` (mục 2 của Bài 3) kiểm tra minh chứng **Công dân học tập năm 2026** của xã mẫu, có
            kiểm tra tệp trong `THU_MUC_MINH_CHUNG`; gán bảng kết quả cho `kiem_tra`. Rồi gán:
            `so_khong_hop_le` = số minh chứng **không hợp lệ** (cột `valid` là False), và `so_sai_noi_cap` = số minh chứng
            có **nơi cấp không được chấp nhận** (cột `issuer_ok` là False).
            """),
        answer(f"{a}_cau_2", f"""
            ### BEGIN SOLUTION
            {_DUNG_2.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2_chay", """
            da_tra_loi("kiem_tra")
            assert isinstance(kiem_tra, pd.DataFrame) and "valid" in kiem_tra.columns, (
                "Câu 2: kiem_tra phải là bảng do check_evidence trả về (có cột valid).")
            assert kiem_tra["file_ok"].notna().all(), (
                "Câu 2: chưa kiểm tra tệp: truyền thêm THU_MUC_MINH_CHUNG làm tham số thứ tư của check_evidence.")
            print("✅ Câu 2 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_2_so", """
            da_tra_loi("so_khong_hop_le", "so_sai_noi_cap")
            assert la_so(so_khong_hop_le) and la_so(so_sai_noi_cap), "Câu 2: hai câu trả lời phải là con số."
            ### BEGIN HIDDEN TESTS
            _kt = check_evidence(du_lieu, "congdan-qd324", 2026, THU_MUC_MINH_CHUNG)
            assert so_khong_hop_le != len(_kt), (f"Câu 2: {so_khong_hop_le} là tổng số minh chứng. Chỉ đếm các dòng có "
                                                 "valid là False: int((~kiem_tra[\\"valid\\"]).sum()).")
            assert so_khong_hop_le == int((~_kt["valid"]).sum()), (
                f"Câu 2: số minh chứng không hợp lệ chưa đúng (đang là {so_khong_hop_le}). Kiểm tra năm 2026 và thư mục tệp.")
            assert so_sai_noi_cap == int((~_kt["issuer_ok"]).sum()), (
                f"Câu 2: số minh chứng sai nơi cấp chưa đúng (đang là {so_sai_noi_cap}). Đếm cột issuer_ok là False.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (3 điểm): thôn còn thiếu bao nhiêu minh chứng?
            Lập báo cáo thiếu minh chứng Công dân học tập năm 2026 của xã mẫu bằng `gap_report` (có thư mục tệp). Gán cho
            `so_muc_thieu_trung_son` **số mục còn thiếu hoặc chưa hợp lệ của Thôn Trung Sơn** (cột `village`). Đây là số
            dòng của trang "Thôn Trung Sơn" trong phiếu đi thu minh chứng.
            """),
        answer(f"{a}_cau_3", f"""
            ### BEGIN SOLUTION
            {_DUNG_3.replace(chr(10), chr(10) + "            ")}
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_3", """
            da_tra_loi("so_muc_thieu_trung_son")
            assert la_so(so_muc_thieu_trung_son), "Câu 3: so_muc_thieu_trung_son phải là một con số."
            assert so_muc_thieu_trung_son >= 0, "Câu 3: số mục không thể âm."
            print("✅ Câu 3 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _th = gap_report(du_lieu, "congdan-qd324", 2026, THU_MUC_MINH_CHUNG)
            assert so_muc_thieu_trung_son != len(_th) or len(_th) == int((_th["village"] == "Thôn Trung Sơn").sum()), (
                f"Câu 3: {so_muc_thieu_trung_son} là số mục của cả xã. Chỉ đếm các dòng có village là \\"Thôn Trung Sơn\\".")
            assert so_muc_thieu_trung_son == int((_th["village"] == "Thôn Trung Sơn").sum()), (
                f"Câu 3: số mục của Thôn Trung Sơn chưa đúng (đang là {so_muc_thieu_trung_son}). Dùng năm 2026, có "
                "thư mục tệp, và lọc cột village.")
            ### END HIDDEN TESTS
            """, points=3),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (2 điểm): dữ liệu cá nhân trong minh chứng
            Cách làm nào **đúng**? Ghi một chữ cái trong dấu ngoặc kép cho `cau_4`.

            A. Chụp căn cước công dân của hội viên, lưu kèm minh chứng để chứng minh đúng người. —
            B. Lưu giấy chứng nhận lớp học, đặt tên tệp theo mã người của xã (ví dụ X01-NK00911/CDHT-2.1.pdf), thư mục để
            ở máy của Hội xã. —
            C. Gửi phiếu đi thu minh chứng (có họ tên) lên nhóm Zalo của tỉnh để báo cáo tiến độ. —
            D. Ghi số căn cước vào cột "Mã đối tượng" cho dễ tìm.
            """),
        answer(f"{a}_cau_4", """
            ### BEGIN SOLUTION
            cau_4 = "B"
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4", """
            da_tra_loi("cau_4")
            assert chuan_hoa(cau_4) in ("a", "b", "c", "d"), 'Câu 4: ghi một chữ cái A, B, C hoặc D, ví dụ cau_4 = "A".'
            print("✅ Câu 4 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _goi_y = {"a": "ảnh căn cước công dân là dữ liệu cá nhân nhạy cảm, không dùng làm minh chứng (Bài 3, mục 5).",
                      "c": "phiếu có họ tên chỉ dùng trong xã; lên tỉnh chỉ gửi số tổng hợp.",
                      "d": "không dùng số căn cước làm mã; dùng mã nội bộ của xã."}
            assert chuan_hoa(cau_4) == "b", "Câu 4 chưa đúng: " + _goi_y.get(chuan_hoa(cau_4), "")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (3 điểm, giảng viên chấm)
            Thôn Trung Sơn còn nhiều minh chứng chưa thu. Trong 4 đến 6 câu, hãy đề xuất cách tổ chức thu minh chứng
            trong một tháng: **ai** đi thu, dùng **phiếu** nào, minh chứng **do ai cấp**, **ngày** trên giấy tờ phải thế
            nào, lưu **tệp** ra sao, và giữ **dữ liệu cá nhân** thế nào.
            """),
        written(f"{a}_cau_5", """
            Chi hội trưởng Thôn Trung Sơn nhận phiếu đi thu minh chứng (trang của thôn) do Hội xã in từ bộ công cụ, đi
            từng nhà trong hai tuần, đánh dấu ô "Đã thu". Chỉ nhận giấy tờ do Hội, chi hội, UBND, trường, trung tâm học
            tập cộng đồng, thư viện cấp, ghi ngày trong năm 2026. Thư ký Hội xã chụp hoặc quét, đặt tên tệp theo mã
            người và mã chỉ số, lưu vào thư mục minh chứng của xã rồi chạy lại kiểm tra để có mã kiểm tra. Không chụp căn
            cước, phiếu có tên người không gửi ra ngoài xã; cuối tháng chạy lại báo cáo thiếu để thu nốt.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
