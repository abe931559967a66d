"""Lesson 7: house-style charts, the annual report and annex, what may leave the commune, sharing a chart."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "07_bao_cao"
TITLE = "Báo cáo"


def build():
    cells = [
        md(sk.title("7", TITLE, 60)),
        md(sk.objectives(
            ["vẽ biểu đồ theo cùng một kiểu của bộ công cụ (chữ to, màu dễ phân biệt, cỡ ảnh gửi được qua Zalo);",
             "lập **báo cáo năm** (.docx) đúng thể thức văn bản hành chính và **phụ lục** (.xlsx);",
             "điền số văn bản, người ký, ngày ký của báo cáo;",
             "biết điều gì **được** gửi ra khỏi xã (số liệu tổng hợp) và điều gì **không** (danh sách có tên người);",
             "chia sẻ một biểu đồ với hội viên."],
            "lớp tập huấn ở Thanh Oai giao cho Hội nhóm nhiệm vụ thông tin, tuyên truyền (bài viết, hình ảnh) và "
            "nhóm thi đua, khen thưởng; Hội các cấp ở Sơn La báo cáo kết quả lên Trung ương Hội hằng năm. "
            "Báo cáo lập từ cùng một sổ sách thì số liệu khớp nhau ở mọi nơi.")),
        md(sk.section(1, "Số liệu của báo cáo", """
            Báo cáo năm dùng đúng các chỉ tiêu của Bài 6. Đọc xã mẫu Hòa Mẫu (giả định) và tính sẵn ba bảng: cấp xã
            năm 2025, cấp xã mọi năm (cho xu hướng), cấp thôn năm 2025.
            """)),
        code('''
            from pathlib import Path

            import pandas as pd
            from khuyenhoc import charts, reports, sample
            from khuyenhoc.indicators import compute, fund_use

            du_lieu = sample.load("mau")
            NAM = 2025
            bang_xa = compute(du_lieu, NAM, "xã")
            bang_xa_moi_nam = compute(du_lieu, None, "xã")
            bang_thon = compute(du_lieu, NAM, "thôn")
            THU_MUC = Path("ket_qua_bai_7")
            THU_MUC.mkdir(exist_ok=True)
            print("Kết quả sẽ ghi vào thư mục:", THU_MUC.resolve())
            '''),
        md(sk.section(2, "Biểu đồ theo một kiểu chung", """
            Mọi biểu đồ của bộ công cụ có chung một kiểu: chữ cỡ lớn cho người lớn tuổi dễ đọc, bảng màu Okabe–Ito
            (người mù màu vẫn phân biệt được), số viết kiểu Việt Nam, cỡ ảnh 1280×720 điểm ảnh (ngang) hợp với điện
            thoại và Zalo. Mỗi hàm vẽ nhận bảng của `compute`; thêm `path=` thì ghi luôn ra tệp PNG.

            **Tiến độ so với chỉ tiêu:** mỗi chỉ tiêu một thanh; vạch đứt là mức chỉ tiêu; màu xanh là đạt.
            """)),
        code("charts.progress_chart(bang_xa)"),
        md("**Xu hướng** một chỉ tiêu qua các năm, kèm đường chỉ tiêu:"),
        code('charts.trend_chart(bang_xa_moi_nam, "hoi_vien_dan_so")'),
        md("""
            **So sánh các thôn**: thôn dưới chỉ tiêu tô màu đỏ son. Truyền thêm `average=` để vẽ mức chung của xã.
            Biểu đồ này ghi ra tệp PNG trong thư mục kết quả:
            """),
        code('''
            chung_xa = float(bang_xa.set_index("indicator").loc["gdht", "value"])
            charts.village_chart(bang_thon, "gdht", NAM, average=chung_xa,
                                 path=THU_MUC / "gia-dinh-hoc-tap-theo-thon-2025.png")
            '''),
        md("**Sử dụng quỹ khuyến học** theo nội dung chi:"),
        code('charts.fund_use_chart(fund_use(du_lieu, NAM), NAM, unit_name="Xã Hòa Mẫu")'),
        md(sk.section(3, "Điều gì được gửi ra khỏi xã", """
            Họ tên, ngày sinh, quan hệ gia đình, ảnh, số định danh là **dữ liệu cá nhân** (Luật Bảo vệ dữ liệu cá nhân
            số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP, hiệu lực từ 01/01/2026). Bộ công cụ tách riêng:

            | Tệp | Có gì | Gửi lên Hội cấp trên, đăng nhóm hội viên? |
            |---|---|---|
            | Báo cáo năm `bao-cao-nam-2025.docx` | chỉ số liệu tổng hợp (số, tỉ lệ, tiền) | ✅ được |
            | Phụ lục `phu-luc-chi-tieu-2025.xlsx` | bảng chỉ tiêu cấp xã, cấp thôn | ✅ được |
            | Biểu đồ `.png` | số liệu tổng hợp | ✅ được |
            | `han-che-luu-hanh/HAN-CHE-LUU-HANH_danh-sach-ca-nhan-2025.xlsx` | **họ tên** người được công nhận, được học bổng, khen thưởng | ❌ **không**: chỉ lưu ở Hội xã; mỗi trang ghi "Hạn chế lưu hành — có dữ liệu cá nhân" |
            | Sổ nhân khẩu, sổ hội viên | họ tên, ngày sinh | ❌ **không** |

            Muốn **công bố** danh sách khen thưởng (đọc ở hội nghị, dán ở nhà văn hóa) thì phải có sự **đồng ý** của
            người được ghi tên; với trẻ từ đủ 7 tuổi, cả trẻ và cha mẹ hoặc người giám hộ. Tệp hạn chế lưu hành có cột
            ghi đã có đồng ý hay chưa. ⚠️ Một lời khuyên thêm (suy luận, không phải quy định): khi một ô của bảng chỉ có
            một, hai người (ví dụ một thôn chỉ có 1 học viên xóa mù chữ), người đọc có thể đoán ra là ai; nên gộp lên cấp
            xã trước khi đăng rộng.
            """)),
        md(sk.section(4, "Điền thông tin của văn bản", """
            Báo cáo theo thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP): tên cơ quan chủ quản và cơ quan ban
            hành, số và ký hiệu ("Số: 15/BC-HKH"), địa danh và ngày, tên loại và trích yếu, phần ký (TM. Ban Chấp hành,
            Chủ tịch), nơi nhận. Các giá trị mặc định nằm trong tệp `mac_dinh.yaml` của bộ công cụ; cán bộ chỉ cần ghi
            **những mục muốn đổi** vào một từ điển (hoặc một tệp YAML riêng).
            """)),
        code('''
            cai_dat = {
                "so": 15,                      # → "Số: 15/BC-HKH"
                "ngay": "15/01/2026",          # ngày ký, dạng dd/mm/yyyy
                "nguoi_ky": "Lê Thị Thu Hà",   # người ký (Chủ tịch Hội xã)
                "nguyen_nhan": ["Một số chi hội chưa tổ chức đăng ký danh hiệu cho các hộ đi làm ăn xa.",
                                "Cán bộ chi hội phần lớn kiêm nhiệm, chưa được hướng dẫn bộ tiêu chí mới."],
            }
            mau = reports.load_settings(cai_dat)
            print(mau.number_symbol(), "| người ký:", mau.nguoi_ky, "|", mau.tham_quyen, mau.chuc_vu)
            '''),
        md("""
            Gõ sai ngày (ví dụ `"2026-01-15"`) thì `load_settings` báo lỗi bằng tiếng Việt, chỉ rõ mục nào cần sửa.
            Thử đổi rồi chạy lại ô trên.
            """),
        md(sk.section(5, "Lập báo cáo năm và phụ lục", """
            `annual_report` ghi một tệp Word. Phần **II. Hạn chế và nguyên nhân** tự liệt kê các chỉ tiêu chưa đạt và
            các thôn còn thấp; các câu "nguyên nhân" lấy từ `cai_dat` ở trên. Mở tệp bằng Word để đọc và sửa lời văn
            trước khi trình ký.
            """)),
        code('''
            tep_bao_cao = reports.annual_report(du_lieu, NAM, THU_MUC / "bao-cao-nam-2025.docx", settings=cai_dat,
                                                chart_dir=THU_MUC / "bieu-do")
            print("Đã ghi:", tep_bao_cao)
            '''),
        md("Đọc nhanh các đề mục của báo cáo vừa lập (bằng thư viện python-docx):"),
        code('''
            import docx

            van_ban = docx.Document(tep_bao_cao)
            for doan in van_ban.paragraphs:
                if doan.text.isupper() or doan.text[:3] in ("I. ", "II.", "III", "IV."):
                    print(doan.text)
            '''),
        md("""
            Danh sách **có tên người** (được công nhận danh hiệu, được học bổng, khen thưởng) không bao giờ nằm trong báo
            cáo: bộ công cụ ghi nó vào một **tệp riêng** trong thư mục con `han-che-luu-hanh`, trang nào cũng ghi dòng
            cảnh báo ở ô A1.
            """),
        code('''
            from openpyxl import load_workbook
            from khuyenhoc.reports.restricted import restricted_file_name

            tep_han_che = reports.write_named_lists(du_lieu, NAM, THU_MUC / "han-che-luu-hanh" / restricted_file_name(NAM))
            print("Tệp:", tep_han_che.relative_to(THU_MUC))
            for trang in load_workbook(tep_han_che, read_only=True).worksheets:
                print(f"  trang '{trang.title}': {next(trang.iter_rows(max_row=1, values_only=True))[0]}")
            '''),
        md("""
            **Cả bộ kết quả một lần** (bảng chỉ tiêu CSV, các biểu đồ, báo cáo năm, phụ lục Excel, và danh sách hạn chế
            lưu hành trong thư mục con riêng): `reports.main_job(THU_MUC / "tron-bo", du_lieu, NAM, settings=cai_dat)`,
            hoặc trong cửa sổ lệnh: `khuyenhoc report`. Lệnh này chạy khoảng nửa phút; khi gửi đi, chỉ gửi những tệp
            **ngoài** thư mục `han-che-luu-hanh`.
            """),
        md(sk.section(6, "Chia sẻ một biểu đồ với hội viên", """
            Thông tin, tuyên truyền là một nhiệm vụ của Hội. Một biểu đồ kèm hai, ba câu dễ hiểu gửi vào nhóm Zalo của
            chi hội giúp hội viên thấy thôn mình đang ở đâu. Vài điều nên nhớ:

            - gửi **ảnh PNG** (tệp ở mục 2), không gửi tệp Excel có dữ liệu;
            - ghi rõ **năm** và **nguồn** ("Số liệu Hội Khuyến học xã, năm 2025");
            - khen thôn làm tốt trước, rồi nêu thôn cần cố gắng bằng con số, không nêu tên người;
            - kèm **một việc cụ thể** mời mọi người cùng làm (ví dụ đăng ký gia đình học tập trước ngày …).
            """)),
        code('''
            tm = bang_thon[bang_thon["indicator"] == "gdht"].sort_values("value")
            cao, thap = tm.iloc[-1], tm.iloc[0]
            from khuyenhoc.indicators.vnformat import phan_tram
            print(f"Năm {NAM}, {phan_tram(chung_xa)} số hộ của xã đạt Gia đình học tập (chỉ tiêu 70%). "
                  f"{cao['unit_name']} dẫn đầu với {phan_tram(cao['value'])}; {thap['unit_name']} mới đạt "
                  f"{phan_tram(thap['value'])}. Mời các hộ chưa đăng ký liên hệ chi hội trưởng. "
                  "(Số liệu Hội Khuyến học xã, năm 2025)")
            '''),
        md(sk.try_it("""
            Vẽ biểu đồ so sánh các thôn cho chỉ tiêu **tỉ lệ người lớn đạt Công dân học tập** (`"cong_dan_ht"`) và ghi ra
            tệp `cong-dan-hoc-tap-theo-thon-2025.png` trong thư mục kết quả. Mở tệp ở thanh bên trái để xem.
            """)),
        code('''
            charts.village_chart(bang_thon, "cong_dan_ht", NAM, path=THU_MUC / "cong-dan-hoc-tap-theo-thon-2025.png")
            '''),
        md(sk.summary([
            "Biểu đồ: `progress_chart`, `trend_chart`, `village_chart`, `fund_use_chart`; thêm `path=` để ghi PNG "
            "1280×720.",
            "Báo cáo năm: `reports.annual_report(du_lieu, nam, tep, settings=cai_dat)`; cả bộ: `reports.main_job`.",
            "`cai_dat` ghi những mục muốn đổi: số văn bản, ngày ký, người ký, nguyên nhân, kiến nghị.",
            "Ra khỏi xã chỉ có **số liệu tổng hợp**; danh sách có tên người là tệp hạn chế lưu hành, lưu ở Hội xã.",
            "Chia sẻ với hội viên: ảnh PNG, năm và nguồn, không nêu tên người, kèm một việc cụ thể.",
        ])),
        md(sk.links([
            ("Thể thức văn bản hành chính", "Nghị định 30/2020/NĐ-CP, Phụ lục I"),
            ("Luật Bảo vệ dữ liệu cá nhân", "Luật 91/2025/QH15; Nghị định 356/2025/NĐ-CP"),
            ("Mẫu biến của báo cáo", "toolkit/khuyenhoc/reports/mac_dinh.yaml"),
            ("Bài tập có chấm điểm", "bai_07 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài 8 — Thành phố học tập UNESCO"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
