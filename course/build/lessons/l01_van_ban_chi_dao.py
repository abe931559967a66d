"""Lesson 1: the governing documents, the learning models and their targets."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "01_van_ban_chi_dao"
TITLE = "Văn bản chỉ đạo và các mô hình học tập"


def build():
    cells = [
        md(sk.title("1", TITLE, 90)),
        md(sk.objectives(
            ["kể được các văn bản chính: QĐ 1373, QĐ 387, QĐ 677, TT 24/2023, TT 25/2023, KL 49, QĐ 1315;",
             "biết văn bản nào quy định mô hình học tập nào;",
             "đọc được các chỉ tiêu năm 2025 và tính ra số lượng cụ thể cho xã mình;",
             "phân biệt điều **đã có văn bản**, điều **suy luận** và điều **chưa tìm thấy**."],
            "lớp tập huấn ở Thanh Oai (Hà Nội) đặt \"quán triệt văn bản chỉ đạo\" là nhóm nhiệm vụ thứ nhất; "
            "ở Mai Lâm (Đông Anh), cán bộ phải \"thuộc bài\" từng bộ tiêu chí thì mới hướng dẫn được cấp dưới.")),
        md(sk.LEGEND),
        md(sk.section(1, "Các văn bản chính", """
            Chạy ô dưới để xem bảng. Bảng được lập bằng thư viện **pandas** (bảng tính trong Python).
            """)),
        code('''
            import pandas as pd

            pd.set_option("display.max_colwidth", None)

            van_ban = pd.DataFrame(
                [
                    ("QĐ 1373/QĐ-TTg", "30/07/2021", "Đề án \\"Xây dựng xã hội học tập giai đoạn 2021–2030\\"",
                     "Chung cho cả xã hội học tập", "✅"),
                    ("QĐ 387/QĐ-TTg", "25/03/2022",
                     "Chương trình \\"Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị\\"",
                     "Gia đình học tập, Dòng họ học tập, Cộng đồng học tập (thôn), Đơn vị học tập", "✅"),
                    ("QĐ 677/QĐ-TTg", "03/06/2022", "Chương trình \\"Xây dựng mô hình Công dân học tập giai đoạn 2021–2030\\"",
                     "Công dân học tập", "✅"),
                    ("TT 24/2023/TT-BGDĐT", "11/12/2023", "Đánh giá, công nhận \\"Đơn vị học tập\\" cấp huyện, cấp tỉnh",
                     "Đơn vị học tập (cấp huyện, tỉnh)", "✅"),
                    ("TT 25/2023/TT-BGDĐT", "27/12/2023", "Đánh giá, công nhận \\"Cộng đồng học tập\\" cấp xã, huyện, tỉnh; "
                     "áp dụng từ 12/02/2024", "Cộng đồng học tập (cấp xã, huyện, tỉnh)", "✅"),
                    ("KL 49-KL/TW", "chưa ghi trong tài liệu khóa học",
                     "Kết luận của Ban Bí thư về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, "
                     "khuyến tài, xây dựng xã hội học tập", "Chung", "✅ (ngày: ❓)"),
                    ("QĐ 1315/QĐ-TTg", "năm 2023 (phát động 10/6/2023)",
                     "Phong trào \\"Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023–2030\\"",
                     "Phong trào thi đua cho mọi mô hình", "✅"),
                    ("QĐ 324/QĐ-KHVN", "❓ chưa tìm thấy", "Bộ tiêu chí \\"Công dân học tập\\" của Hội Khuyến học Việt Nam",
                     "Công dân học tập", "✅ (nội dung: ❓)"),
                ],
                columns=["Văn bản", "Ngày", "Nội dung", "Mô hình", "Nguồn"],
            )
            van_ban
            '''),
        md("""
            **Chú ý một lỗi hay gặp:** có bài báo ghi QĐ 677 "ngày 03/6/2021". Tiêu đề văn bản ghi rõ
            **ngày 03 tháng 6 năm 2022**. Khi trích dẫn, luôn kiểm tra số, ký hiệu và ngày trên chính văn bản.

            Tương tự, có bài viết ghi "Quyết định 1373/QĐ-CP"; ký hiệu đúng là **QĐ-TTg** (quyết định của Thủ tướng Chính phủ).

            **Văn bản cũ đã được thay:** TT 44/2014 (cộng đồng học tập cấp xã, 15 tiêu chí) và TT 22/2020
            (đơn vị học tập) là các thông tư trước đây. ⚠️ Việc TT 25/2023 và TT 24/2023 thay thế chúng là
            suy luận theo phạm vi, chưa thấy văn bản nói rõ. "15 tiêu chí" mà nhiều nơi còn nhắc là của TT 44/2014.
            """),
        md(sk.section(2, "Mô hình nào, văn bản nào", """
            Mỗi danh hiệu có **văn bản chương trình** (đặt mục tiêu) và **bộ tiêu chí** (để chấm). Hai thứ khác nhau:

            | Mô hình | Văn bản chương trình | Bộ tiêu chí để đánh giá |
            |---|---|---|
            | Công dân học tập | QĐ 677/QĐ-TTg (2022) | QĐ 324/QĐ-KHVN — ✅ có tồn tại; ❓ ngày và nội dung đầy đủ chưa tìm thấy |
            | Gia đình, Dòng họ, Cộng đồng học tập (thôn), Đơn vị học tập do xã quản lý | QĐ 387/QĐ-TTg (2022) | ❓ bộ tiêu chí mới của Hội sau 2022 chưa tìm thấy (bộ cũ QĐ 448/QĐ-KHVN chỉ cho giai đoạn 2016–2020) |
            | Đơn vị học tập cấp huyện, tỉnh | ⚠️ chưa rõ (không thuộc phạm vi "trong xã" của QĐ 387) | TT 24/2023/TT-BGDĐT: mức độ 1 và mức độ 2 |
            | Cộng đồng học tập cấp xã, huyện, tỉnh | ⚠️ QĐ 1373 (suy luận: đề án có chỉ tiêu "huyện học tập", "tỉnh học tập") | TT 25/2023/TT-BGDĐT: mức độ 1 và mức độ 2 (mức 2 sau mức 1 ít nhất 12 tháng) |
            | Thành phố học tập | (UNESCO) | Các đặc trưng cơ bản của Thành phố học tập (42 đặc trưng, 3 nhóm) — học ở Bài 8 |

            Khi chưa có bộ tiêu chí chính thức, bộ công cụ `khuyenhoc` cho phép **nạp bộ tiêu chí từ tệp**
            do tỉnh hoặc Hội cấp trên cung cấp (Bài 2).
            """)),
        md(sk.section(3, "Chỉ tiêu năm 2025 của QĐ 387", """
            Tỉ lệ phải đạt trên toàn quốc vào năm 2025 (✅ đã đọc được nguồn). Chỉ tiêu năm 2030 cấp quốc gia:
            ❓ chưa tìm thấy. Kế hoạch 291/KH-UBND của Hà Nội ghi khoảng 2025→2030 (✅); việc coi con số
            cuối khoảng là chỉ tiêu quốc gia năm 2030 chỉ là ⚠️ suy luận.
            """)),
        code('''
            chi_tieu_387 = pd.DataFrame(
                {
                    "Danh hiệu": ["Gia đình học tập", "Dòng họ học tập", "Cộng đồng học tập (thôn, bản, tổ dân phố)",
                                  "Đơn vị học tập (trong xã)"],
                    "Đếm trên": ["số gia đình", "số dòng họ", "số thôn, bản, tổ dân phố", "số cơ quan, trường, doanh nghiệp"],
                    "Năm 2025 (%)": [70, 65, 65, 80],
                    "Hà Nội đến 2030 (%)": [80, 75, 75, 90],
                }
            )
            chi_tieu_387
            '''),
        md("""
            QĐ 387 còn đặt cho năm 2025: 100% cán bộ, hội viên khuyến học được học chủ trương của Đảng và Nhà nước;
            40% người lao động trong gia đình, dòng họ, cộng đồng học tập và 60% cán bộ, công chức trong đơn vị
            học tập cấp xã đạt "Công dân học tập"; 100% chủ tịch hoặc phó chủ tịch Hội cấp xã tham gia điều hành
            trung tâm học tập cộng đồng.
            """),
        md(sk.section(4, "Chỉ tiêu của QĐ 677 (Công dân học tập)", """
            ✅ Đã đọc được nguồn. Một bản tóm tắt tiếng Anh ghi 70% cho năm 2030 ở dòng thứ hai; văn bản trích
            dẫn và hai bài báo ghi **60%**: khóa học dùng 60%.
            """)),
        code('''
            chi_tieu_677 = pd.DataFrame(
                {
                    "Chỉ tiêu": [
                        "Cán bộ, hội viên khuyến học được học bộ tiêu chí Công dân học tập",
                        "Người lớn trong gia đình, dòng họ, cộng đồng học tập đạt danh hiệu",
                        "Cán bộ, công chức, viên chức, người lao động trong đơn vị học tập đạt danh hiệu",
                        "Công dân học tập có kỹ năng số đáp ứng công việc",
                    ],
                    "Năm 2025 (%)": [100, 40, 60, 70],
                    "Năm 2030 (%)": [None, 60, 80, 90],
                }
            )
            chi_tieu_677
            '''),
        md("""
            Dòng đầu năm 2030 để trống vì văn bản ghi "tiếp tục học và vận dụng", không phải một con số.
            Ngưỡng công nhận Công dân học tập ≥ 80/100 điểm, không chỉ số nào dưới 5 điểm là theo một lớp tập huấn
            ở Thái Bình (✅); "10 chỉ số × 10 điểm" là ⚠️ suy luận.
            """),
        md(sk.section(5, "Một vài chỉ tiêu của QĐ 1373", """
            Đề án xã hội học tập đặt chỉ tiêu cho **cả nước** (đếm theo tỉnh), ví dụ 70% số tỉnh đạt chuẩn xóa mù chữ
            mức độ 2 vào năm 2025, 90% vào năm 2030 (✅). Ở Yên Bái, 84 lớp xóa mù chữ với 2.750 học viên (2021–2023)
            là cách một tỉnh góp vào chỉ tiêu này. Bài 6 sẽ tính các chỉ tiêu này từ số liệu của xã.
            """)),
        code('''
            chi_tieu_1373 = pd.DataFrame(
                {
                    "Chỉ tiêu": ["Tỉnh đạt chuẩn xóa mù chữ mức độ 2", "Người dân đạt danh hiệu Công dân học tập",
                                 "Dân số từ 15 tuổi có trình độ chuyên môn kỹ thuật"],
                    "Năm 2025 (%)": [70, 40, 50],
                    "Năm 2030 (%)": [90, 60, 60],
                }
            )
            chi_tieu_1373
            '''),
        md(sk.section(6, "Từ tỉ lệ ra con số của xã", """
            Chỉ tiêu ghi bằng phần trăm; khi lập kế hoạch, xã cần biết **bao nhiêu** gia đình, dòng họ, thôn, đơn vị.
            Muốn đạt **ít nhất** 70% thì phải **làm tròn lên**: 70% của 1.234 hộ là 863,8, nên cần 864 gia đình
            (863 gia đình mới được 69,9%). Làm tròn lên là phép tính số học, không phải quy định riêng của văn bản.
            """)),
        md(sk.example("một xã có 3.250 hộ, 41 dòng họ, 12 thôn, 18 đơn vị", """
            Ô dưới tính cùng lúc cho cả bốn danh hiệu (pandas tính cả cột một lần, không cần tính từng dòng).
            """)),
        code('''
            import numpy as np

            xa_mau = chi_tieu_387[["Danh hiệu", "Năm 2025 (%)"]].copy()
            xa_mau["Tổng số"] = [3250, 41, 12, 18]
            xa_mau["Cần đạt năm 2025"] = np.ceil(xa_mau["Tổng số"] * xa_mau["Năm 2025 (%)"] / 100).astype(int)
            xa_mau
            '''),
        md(sk.section(7, "Sau ngày 01/7/2025", """
            Từ 01/7/2025, chính quyền địa phương còn hai cấp (tỉnh, xã); cấp huyện không còn. Nhiều thủ tục trong
            TT 24/2023 và TT 25/2023 ghi Phòng GDĐT hoặc UBND cấp huyện (ví dụ: hồ sơ cộng đồng học tập cấp xã gửi
            trước 28/02, công nhận trước 31/03). ⚠️ Thẩm quyền đã chuyển về đâu là suy luận; ❓ chưa tìm thấy văn bản
            sửa đổi hai thông tư. Vì vậy bộ công cụ coi **cơ quan công nhận, tên cấp và hạn nộp là cấu hình**,
            lấy số liệu của văn bản làm mặc định (Bài 4).
            """)),
        md(sk.try_it("""
            Nhập số hộ, số dòng họ, số thôn và số đơn vị của xã anh/chị (hoặc của xã trong ví dụ) vào danh sách
            dưới đây rồi chạy ô. Xã anh/chị cần bao nhiêu cho mỗi danh hiệu?
            """)),
        code('''
            so_luong_xa_toi = [3250, 41, 12, 18]   # sửa 4 số này: hộ, dòng họ, thôn, đơn vị

            ket_qua = chi_tieu_387[["Danh hiệu", "Năm 2025 (%)"]].copy()
            ket_qua["Tổng số"] = so_luong_xa_toi
            ket_qua["Cần đạt năm 2025"] = np.ceil(ket_qua["Tổng số"] * ket_qua["Năm 2025 (%)"] / 100).astype(int)
            ket_qua
            '''),
        md(sk.summary([
            "QĐ 1373 (2021): xã hội học tập; QĐ 387 (2022): gia đình, dòng họ, cộng đồng, đơn vị học tập; "
            "QĐ 677 (03/6/**2022**): công dân học tập.",
            "TT 24/2023: đơn vị học tập cấp huyện, tỉnh; TT 25/2023: cộng đồng học tập cấp xã, huyện, tỉnh (từ 12/02/2024).",
            "Chỉ tiêu 2025 của QĐ 387: 70% gia đình, 65% dòng họ, 65% cộng đồng, 80% đơn vị.",
            "Từ tỉ lệ ra số lượng: nhân rồi **làm tròn lên**.",
            "Luôn ghi rõ điều gì có văn bản, điều gì là suy luận, điều gì chưa tìm thấy.",
        ])),
        md(sk.links([
            ("QĐ 677/QĐ-TTg (bản trên hethongphapluat.com)",
             "https://hethongphapluat.com/quyet-dinh-677-qd-ttg-nam-2022-phe-duyet-chuong-trinh-xay-dung-mo-hinh-cong-dan-hoc-tap-giai-doan-2021-2030-do-thu-tuong-chinh-phu-ban-hanh.html"),
            ("Mục tiêu QĐ 387 (lsu.vn)", "https://lsu.vn/day-manh-phong-trao-hoc-tap-suot-doi-giai-doan-2021-2030/"),
            ("Mục tiêu QĐ 1373 (lsu.vn)", "https://lsu.vn/muc-tieu-cua-de-an-xay-dung-xa-hoi-hoc-tap-giai-doan-2021-2030/"),
            ("TT 25/2023 (tóm tắt, thuvienphapluat.vn)",
             "https://beta.thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/ho-tro-phap-luat/chinh-sach-moi/57938/quy-dinh-danh-gia-cong-nhan-cong-dong-hoc-tap-cap-xa-huyen-tinh"),
            ("Bài tập có chấm điểm", "bai_01 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài 2 — Bộ tiêu chí"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
