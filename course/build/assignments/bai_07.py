"""bai_07: a house-style chart file, the report settings, the annual report without names, what may leave (lesson 7)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_07"
TITLE = "Báo cáo"
POINTS = 15

#: Loads the sample commune; ``_chu_trong_docx`` and ``_ten_nguoi_trong`` help the hidden tests.
DATA_SETUP = '''
import datetime
from pathlib import Path

import docx
import pandas as pd
from PIL import Image
from khuyenhoc import charts, reports, sample
from khuyenhoc.indicators import compute

du_lieu = sample.load("mau")
NAM = 2025
bang_xa = compute(du_lieu, NAM, "xã")
bang_thon = compute(du_lieu, NAM, "thôn")
THU_MUC = Path("ket_qua_bai_07")
THU_MUC.mkdir(exist_ok=True)


def _chu_trong_docx(tep):
    """Toàn bộ chữ của một tệp Word: đoạn văn, bảng, đầu trang (máy chấm dùng)."""
    d = docx.Document(tep)
    phan = [p.text for p in d.paragraphs]
    phan += [o.text for b in d.tables for hang in b.rows for o in hang.cells]
    phan += [p.text for s in d.sections for p in s.header.paragraphs]
    return unicodedata.normalize("NFC", "\\n".join(phan))


def _ten_nguoi_trong(chu, tru=()):
    """Họ tên người dân (nhân khẩu, chủ hộ) xuất hiện trong một đoạn chữ (máy chấm dùng)."""
    import re
    for t in tru:  # tên người ký được công khai (ký theo chức vụ), bỏ ra trước khi tìm
        if t:
            chu = chu.replace(unicodedata.normalize("NFC", t), " ")
    ten = set(du_lieu.persons["full_name"].dropna()) | set(du_lieu.households["head_name"].dropna())
    return sorted(t for t in ten if t in chu and re.search(rf"(?<!\\w){re.escape(t)}(?!\\w)", chu))


print("✅ Đã đọc số liệu xã mẫu; kết quả ghi vào thư mục", THU_MUC)
'''


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 7", TITLE, 45) + "\n\n" + sk.objectives(
            ["ghi một biểu đồ theo kiểu chung ra tệp PNG;", "điền số văn bản, ngày ký, người ký của báo cáo;",
             "lập báo cáo năm không có họ tên người dân;", "biết tệp nào được gửi ra khỏi xã;",
             "viết phần \"hạn chế và giải pháp\" của báo cáo."],
            "báo cáo năm gửi cấp ủy, chính quyền và Hội cấp trên; biểu đồ gửi hội viên. Cả hai chỉ được mang "
            f"số liệu tổng hợp. Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_code(f"{a}_du_lieu", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (2 điểm): biểu đồ so sánh các thôn
            Vẽ biểu đồ **so sánh các thôn** theo chỉ tiêu **tỉ lệ hộ đạt Gia đình học tập** (mã `"gdht"`) năm 2025
            (mục 2 của Bài 7), và ghi ra tệp `gdht-theo-thon-2025.png` **trong thư mục `THU_MUC`**. Gán hình vẽ cho
            `hinh` và đường dẫn tệp cho `tep_bieu_do`.
            """),
        answer(f"{a}_cau_1", """
            ### BEGIN SOLUTION
            tep_bieu_do = THU_MUC / "gdht-theo-thon-2025.png"
            hinh = charts.village_chart(bang_thon, "gdht", 2025, path=tep_bieu_do)
            ### END SOLUTION
            hinh
            """),
        tests(f"{a}_kiem_tra_cau_1_tep", """
            da_tra_loi("tep_bieu_do", "hinh")
            _p = Path(tep_bieu_do)
            assert _p.name == "gdht-theo-thon-2025.png", (
                f"Câu 1: tên tệp đang là '{_p.name}'; phải là gdht-theo-thon-2025.png.")
            assert _p.parent.resolve() == THU_MUC.resolve(), "Câu 1: tệp phải nằm trong thư mục THU_MUC (THU_MUC / \\"tên tệp\\")."
            assert _p.is_file(), "Câu 1: chưa thấy tệp ảnh. Thêm path=tep_bieu_do khi gọi hàm vẽ để ghi ra tệp."
            print("✅ Câu 1: đã có tệp", _p.name)
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_noi_dung", """
            da_tra_loi("tep_bieu_do", "hinh")
            ### BEGIN HIDDEN TESTS
            _tieu_de = unicodedata.normalize("NFC", hinh.axes[0].get_title())
            assert "theo thôn" in _tieu_de, ("Câu 1: đây chưa phải biểu đồ so sánh các thôn "
                                             f"(tiêu đề: '{_tieu_de}'). Dùng charts.village_chart.")
            assert "Gia đình học tập" in _tieu_de, (f"Câu 1: biểu đồ đang vẽ chỉ tiêu khác (tiêu đề: '{_tieu_de}'). "
                                                    'Mã chỉ tiêu là "gdht".')
            assert "2025" in _tieu_de, f"Câu 1: biểu đồ phải là năm 2025 (tiêu đề: '{_tieu_de}')."
            with Image.open(tep_bieu_do) as _anh:
                assert _anh.format == "PNG", "Câu 1: tệp phải là ảnh PNG (dùng path= của hàm vẽ)."
                assert _anh.size == (1280, 720), (f"Câu 1: ảnh cỡ {_anh.size}, kiểu chung là 1280×720. "
                                                  "Dùng hàm vẽ của bộ công cụ, giữ cỡ mặc định.")
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (3 điểm): thông tin của văn bản
            Gán cho `cai_dat` một từ điển (mục 4 của Bài 7) với:

            - số văn bản **24** (để báo cáo ghi "Số: 24/BC-HKH");
            - ngày ký **10/01/2026** (viết dạng dd/mm/yyyy, trong dấu ngoặc kép);
            - người ký **Lê Thị Thu Hà**;
            - `de_xuat`: danh sách **ít nhất một** kiến nghị của anh/chị (không nêu tên người dân).
            """),
        answer(f"{a}_cau_2", """
            ### BEGIN SOLUTION
            cai_dat = {
                "so": 24,
                "ngay": "10/01/2026",
                "nguoi_ky": "Lê Thị Thu Hà",
                "de_xuat": ["Đề nghị UBND xã hỗ trợ kinh phí tập huấn bộ tiêu chí cho cán bộ các chi hội."],
            }
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2_doc", """
            da_tra_loi("cai_dat")
            assert isinstance(cai_dat, dict), 'Câu 2: cai_dat là một từ điển trong ngoặc nhọn: {"so": 24, ...}.'
            try:
                _mau = reports.load_settings(cai_dat)
            except reports.SettingsError as _loi:
                raise AssertionError(f"Câu 2: bộ công cụ chưa đọc được cai_dat: {_loi}") from None
            print("✅ Câu 2: đọc được,", _mau.number_symbol(), "—", _mau.nguoi_ky)
            """, points=1),
        tests(f"{a}_kiem_tra_cau_2_gia_tri", """
            da_tra_loi("cai_dat")
            ### BEGIN HIDDEN TESTS
            _mau = reports.load_settings(cai_dat)
            assert _mau.number_symbol() == "Số: 24/BC-HKH", (
                f"Câu 2: số và ký hiệu đang là '{_mau.number_symbol()}'. Chỉ ghi số: \\"so\\": 24 (phần /BC-HKH máy tự thêm).")
            assert _mau.ngay == datetime.date(2026, 1, 10), (
                f"Câu 2: ngày ký đang là {_mau.ngay}. Ghi \\"ngay\\": \\"10/01/2026\\" (ngày trước, tháng sau).")
            assert chuan_hoa(_mau.nguoi_ky) == chuan_hoa("Lê Thị Thu Hà"), (
                f"Câu 2: người ký đang là '{_mau.nguoi_ky}'; phải là Lê Thị Thu Hà (có dấu).")
            assert _mau.de_xuat and all(chuan_hoa(x) for x in _mau.de_xuat) and not any(
                x.startswith("[") for x in _mau.de_xuat), (
                "Câu 2: ghi ít nhất một kiến nghị của anh/chị vào \\"de_xuat\\" (danh sách trong ngoặc vuông).")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (4 điểm): lập báo cáo năm 2025
            Dùng `reports.annual_report` (mục 5 của Bài 7) để lập báo cáo năm **2025** của xã mẫu với `cai_dat` ở Câu 2,
            ghi vào tệp `bao-cao-nam-2025.docx` **trong thư mục `THU_MUC`** (biểu đồ của báo cáo ghi vào
            `THU_MUC / "bieu-do"`). Gán đường dẫn tệp cho `tep_bao_cao`.

            Máy chấm sẽ kiểm tra báo cáo có đúng số văn bản, người ký, năm, và **không có họ tên người dân nào**.
            """),
        answer(f"{a}_cau_3", """
            ### BEGIN SOLUTION
            tep_bao_cao = reports.annual_report(du_lieu, 2025, THU_MUC / "bao-cao-nam-2025.docx", settings=cai_dat,
                                                chart_dir=THU_MUC / "bieu-do")
            ### END SOLUTION
            print("Đã ghi:", tep_bao_cao)
            """),
        tests(f"{a}_kiem_tra_cau_3_tep", """
            da_tra_loi("tep_bao_cao")
            _p = Path(tep_bao_cao)
            assert _p.suffix == ".docx" and _p.is_file(), (
                f"Câu 3: chưa thấy tệp Word '{_p}'. Gán kết quả của reports.annual_report cho tep_bao_cao.")
            assert _p.parent.resolve() == THU_MUC.resolve(), "Câu 3: tệp báo cáo phải nằm trong thư mục THU_MUC."
            print("✅ Câu 3: đã có tệp", _p.name)
            """, points=1),
        tests(f"{a}_kiem_tra_cau_3_noi_dung", """
            da_tra_loi("tep_bao_cao", "cai_dat")
            ### BEGIN HIDDEN TESTS
            _chu = _chu_trong_docx(tep_bao_cao)
            assert "NĂM 2025" in _chu.upper() and "năm 2026" not in _chu.split("phương hướng")[0].lower(), (
                "Câu 3: báo cáo phải là báo cáo năm 2025: annual_report(du_lieu, 2025, ...).")
            import re as _re
            assert _re.search(r"Số: 24/BC-HKH(?![/\\w])", _chu), ("Câu 3: báo cáo chưa có \\"Số: 24/BC-HKH\\". Truyền settings=cai_dat khi "
                                            "gọi annual_report.")
            assert "Lê Thị Thu Hà" in _chu, "Câu 3: báo cáo chưa có tên người ký Lê Thị Thu Hà (settings=cai_dat)."
            ### END HIDDEN TESTS
            """, points=1),
        tests(f"{a}_kiem_tra_cau_3_ca_nhan", """
            da_tra_loi("tep_bao_cao", "cai_dat")
            ### BEGIN HIDDEN TESTS
            _lo = _ten_nguoi_trong(_chu_trong_docx(tep_bao_cao), tru=[str(cai_dat.get("nguoi_ky", ""))])
            assert not _lo, (f"Câu 3: báo cáo có họ tên người dân: {', '.join(_lo[:3])}. Báo cáo gửi ra khỏi xã chỉ có "
                             "số liệu tổng hợp: bỏ họ tên khỏi cai_dat (nguyên nhân, kiến nghị…) rồi lập lại.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (3 điểm): tệp nào được gửi ra khỏi xã?
            Hội Khuyến học xã chuẩn bị các tệp sau. Gán cho `gui_duoc` **danh sách chữ cái** của những tệp **được** gửi
            lên Hội Khuyến học tỉnh và đăng vào nhóm Zalo hội viên, ví dụ `gui_duoc = ["A", "C"]`.

            - A. Báo cáo năm `bao-cao-nam-2025.docx`
            - B. Phụ lục `phu-luc-chi-tieu-2025.xlsx` (chỉ tiêu cấp xã và cấp thôn)
            - C. Biểu đồ `gdht-theo-thon-2025.png`
            - D. Tệp `HAN-CHE-LUU-HANH_danh-sach-ca-nhan-2025.xlsx` (họ tên người được khen thưởng, học bổng)
            - E. Sổ nhân khẩu của xã `xa_mau.xlsx`
            """),
        answer(f"{a}_cau_4", """
            ### BEGIN SOLUTION
            gui_duoc = ["A", "B", "C"]
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4_dang", """
            da_tra_loi("gui_duoc")
            assert isinstance(gui_duoc, (list, tuple, set)), 'Câu 4: ghi danh sách trong ngoặc vuông, ví dụ ["A", "C"].'
            _chon = {chuan_hoa(x) for x in gui_duoc}
            assert _chon and _chon <= {"a", "b", "c", "d", "e"}, "Câu 4: chỉ ghi các chữ cái A, B, C, D, E."
            print("✅ Câu 4 đúng dạng.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_4_dung", """
            da_tra_loi("gui_duoc")
            ### BEGIN HIDDEN TESTS
            _chon = {chuan_hoa(x) for x in gui_duoc}
            assert "d" not in _chon, ("Câu 4: tệp D có họ tên người: đó là tệp hạn chế lưu hành, chỉ lưu ở Hội xã; "
                                      "công bố danh sách khen thưởng phải có sự đồng ý của người được ghi tên.")
            assert "e" not in _chon, "Câu 4: sổ nhân khẩu có họ tên, ngày sinh: không gửi ra khỏi xã."
            assert _chon == {"a", "b", "c"}, ("Câu 4: còn thiếu tệp được gửi: báo cáo, phụ lục và biểu đồ chỉ có số liệu "
                                              "tổng hợp.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (3 điểm, giảng viên chấm): hạn chế và giải pháp
            Mở tệp báo cáo vừa lập, đọc phần **II. Hạn chế và nguyên nhân**. Viết lại phần này cho Ban Chấp hành
            (5 đến 8 câu): nêu **ba** chỉ tiêu chưa đạt có số liệu (đạt bao nhiêu, chỉ tiêu bao nhiêu), **nguyên nhân**
            (ghi rõ điều nào là phỏng đoán cần hỏi lại chi hội), và **một giải pháp** cụ thể cho mỗi hạn chế.
            Không nêu tên người dân.
            """),
        written(f"{a}_cau_5", """
            Năm 2025 xã còn ba chỉ tiêu chưa đạt rõ nhất: hộ đạt Gia đình học tập 54,0% (chỉ tiêu 70%), dòng họ đạt Dòng
            họ học tập 36,7% (chỉ tiêu 65%), người lớn đạt Công dân học tập 28,4% (chỉ tiêu 40%). Nguyên nhân: bộ tiêu chí
            mới chưa được hướng dẫn đến các chi hội; nhiều hộ có người đi làm ăn xa nên không đăng ký (phỏng đoán, cần hỏi
            chi hội An Trạch, Yên Trì). Giải pháp: tập huấn bộ tiêu chí cho 10 chi hội trưởng trong quý I; mỗi chi hội
            đến từng hộ chưa đăng ký; vận động trưởng các dòng họ đăng ký Dòng họ học tập tại buổi họp dòng họ đầu năm;
            phối hợp TTHTCĐ mở lớp hướng dẫn tự đánh giá Công dân học tập trên điện thoại.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
