"""Lesson 9: guide to the final assignment — the yearly cycle in six steps, rehearsed on the first sample commune."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "09_bai_cuoi_khoa"
TITLE = "Hướng dẫn bài cuối khóa"


def build():
    cells = [
        md(sk.title("cuối khóa", TITLE, 30)),
        md(sk.objectives(
            ["nắm sáu bước của một vòng đánh giá cả năm: kiểm tra sổ sách → đánh giá → minh chứng → chỉ tiêu → báo cáo "
             "→ nhận xét, đề xuất;",
             "tập trước cả vòng trên xã mẫu Hòa Mẫu, **năm 2024**;",
             "biết bài cuối khóa (`cuoi_khoa`, xã Lũng Mây, năm 2025) được chấm thế nào."],
            "cuối mỗi năm, Hội xã phải làm đúng vòng này để báo cáo cấp ủy, chính quyền và Hội cấp trên; bài cuối khóa "
            "gói cả tám nhóm nhiệm vụ của lớp Thanh Oai trong một buổi.")),
        md(sk.section(1, "Bài cuối khóa gồm gì", """
            | Câu | Việc | Bài đã học | Điểm |
            |---|---|---|---|
            | 1 | Kiểm tra sổ sách (`check`): đếm lỗi, cảnh báo | 5 | 3 |
            | 2 | Đánh giá mọi mô hình (`assess_all`): số đạt của mỗi bộ tiêu chí | 2 | 4 |
            | 3 | Minh chứng còn thiếu (`gap_report`, có thư mục tệp) | 3 | 3 |
            | 4 | Chỉ tiêu so với mục tiêu (`compute`) | 6 | 5 |
            | 5 | Trọn bộ báo cáo năm vào một thư mục (`main_job`) | 7 | 5 |
            | 6 | Viết "Hạn chế và nguyên nhân" (giảng viên chấm) | 2–7 | 5 |
            | 7 | Viết "Phương hướng, nhiệm vụ và đề xuất" (giảng viên chấm) | 1–8 | 5 |

            Máy chấm các con số bằng chính bộ công cụ; giảng viên chấm câu 6, 7 theo thang điểm (đủ số liệu, đúng văn
            bản, nói rõ điều gì là bản dựng lại hay xã tự đặt, việc làm cụ thể có người phụ trách và mốc thời gian).
            Xã Lũng Mây là xã **giả định**: 7 thôn, bản, khoảng 3.500 người.
            """)),
        md(sk.section(2, "Tập trước trên xã Hòa Mẫu, năm 2024", """
            Các ô dưới làm đủ sáu bước cho **xã khác, năm khác**: chép cách làm, đừng chép con số.
            """)),
        code('''
            import pandas as pd
            from pathlib import Path
            from khuyenhoc import sample
            from khuyenhoc.intake import check
            from khuyenhoc.problems import count

            # Bước 1: kiểm tra sổ sách trước khi dùng
            du_lieu, van_de = check(sample.path("mau")["csv"])
            print("Số vấn đề theo mức:", count(van_de))
            '''),
        code('''
            from khuyenhoc.engine import assess_all

            # Bước 2: đánh giá mọi mô hình của năm
            ket_qua = assess_all(du_lieu, 2024)
            pd.DataFrame({ma: kq.summary["result"].value_counts() for ma, kq in ket_qua.items()}).fillna(0).astype(int).T
            '''),
        md("""
            "Chưa kết luận" nghĩa là bộ tiêu chí còn ngưỡng trống (Bài 2): không phải là trượt. Khi viết báo cáo, nói rõ
            điều đó.
            """),
        code('''
            from khuyenhoc.evidence import gap_report

            # Bước 3: minh chứng còn thiếu (kỳ đang thu: 2026), có kiểm tra tệp
            thieu = gap_report(du_lieu, "Công dân học tập", 2026, sample.path("mau")["evidence"])
            thieu["village"].value_counts().head(3)
            '''),
        code('''
            from khuyenhoc.indicators import compute

            # Bước 4: chỉ tiêu cấp xã so với mục tiêu
            bang_xa = compute(du_lieu, 2024, "xã")
            bang_xa.loc[bang_xa["target"].notna(), ["indicator", "name", "value", "target", "met"]]
            '''),
        code('''
            from khuyenhoc.reports import annual_report

            # Bước 5 (tập nhanh): chỉ báo cáo năm .docx. Trong bài cuối khóa dùng main_job để ghi TRỌN BỘ vào một
            # thư mục: bảng chỉ tiêu, biểu đồ, báo cáo, phụ lục, và danh sách có tên người nằm riêng (han-che-luu-hanh/).
            tep = annual_report(du_lieu, 2024, Path("ket_qua_tap_hoa_mau_2024") / "bao-cao-nam-2024.docx",
                                settings={"so": 7, "de_xuat": ["[Đề xuất của Ban Chấp hành]"]})
            print("Đã ghi:", tep)
            '''),
        md(sk.section(3, "Viết nhận xét và đề xuất (bước 6)", """
            Gợi ý dàn ý cho câu 6: (1) hai, ba chỉ tiêu chưa đạt — con số và mục tiêu, văn bản đặt mục tiêu; (2) một chỉ
            tiêu vượt; (3) tình hình minh chứng; (4) nguyên nhân khách quan (địa bàn, mạng, kinh phí) và chủ quan (cách
            làm của Hội); (5) lưu ý bộ tiêu chí dựng lại, ngưỡng xã tự đặt.

            Gợi ý cho câu 7: mỗi việc = **việc gì + ở đâu + ai làm + xong khi nào + đo bằng số nào**; một đề xuất với UBND
            xã, một với Hội cấp trên. Không bịa số hiệu văn bản; điều chưa có văn bản thì ghi "đề nghị hướng dẫn".
            """)),
        md(sk.try_it("""
            Mở thư mục `ket_qua_tap_hoa_mau_2024` ở thanh bên trái, tải tệp `.docx` về xem: phần "Hạn chế" và "Đề xuất"
            đang có chữ trong ngoặc vuông — đó là chỗ Ban Chấp hành (và anh/chị trong bài cuối khóa) viết.
            """)),
        md(sk.summary([
            "Sáu bước mỗi cuối năm: kiểm tra → đánh giá → minh chứng → chỉ tiêu → báo cáo → nhận xét, đề xuất.",
            "Luôn ghi năm đánh giá (số liệu 01/01–31/12), không dùng năm đang làm dở.",
            "Báo cáo gửi đi chỉ có số tổng hợp; danh sách có tên người giữ trong xã.",
            "Nói rõ điều gì là bản dựng lại, ngưỡng xã tự đặt, điều chưa có văn bản.",
        ])),
        md(sk.links([
            ("Bài tập cuối khóa", "cuoi_khoa (nhận qua thẻ Assignments)"),
            ("Thang điểm câu 6, 7", "course/trainer-guide.md, mục 5"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
