"""Lesson 4: the recognition procedure — steps, deadlines (pre-reform defaults), who does what after 1/7/2025, overdue, expiring."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "04_quy_trinh"
TITLE = "Quy trình đánh giá, công nhận"


def build():
    cells = [
        md(sk.title("4", TITLE, 60)),
        md(sk.objectives(
            ["kể năm bước: đăng ký → tự đánh giá → thẩm định → công nhận → báo cáo;",
             "tính hạn nộp hồ sơ và hạn công nhận theo TT 24/2023 và TT 25/2023 (mặc định theo văn bản);",
             "biết điều gì **chưa có văn bản** sau ngày 01/7/2025 (không còn cấp huyện) và đặt nó trong **cấu hình**;",
             "tìm ai đang quá hạn, quyết định công nhận nào đã hoặc sắp hết hiệu lực."],
            "tọa đàm Cụm Khuyến học số 1 nêu \"quy trình đánh giá\" là nội dung tập huấn; lớp Thanh Oai đặt việc "
            "\"đảm bảo quy trình đánh giá, công nhận\" trong nhóm nhiệm vụ thứ ba. Trễ hạn một ngày là mất một năm.")),
        md(sk.LEGEND),
        md(sk.section(1, "Năm bước và ai làm gì", f"""
            | Bước | Việc | Ai làm (theo văn bản, **trước** 01/7/2025) |
            |---|---|---|
            | 1. Đăng ký | Gia đình, dòng họ, đơn vị, người dân đăng ký danh hiệu đầu năm | chi hội, Hội xã nhận {sk.TAG_INFERRED} |
            | 2. Tự đánh giá | Tổ đánh giá lập báo cáo tự đánh giá và bảng tổng hợp; số liệu 01/01–31/12 | đơn vị, UBND xã {sk.TAG_READ} |
            | 3. Thẩm định | Nộp hồ sơ (tờ trình, báo cáo, bảng tổng hợp), cơ quan cấp trên kiểm tra | Phòng GDĐT (TT 24, TT 25 cấp xã) {sk.TAG_READ} |
            | 4. Công nhận | Ký quyết định công nhận, công bố | Chủ tịch UBND cấp huyện (TT 24 cấp huyện) {sk.TAG_READ} |
            | 5. Báo cáo | Báo cáo kết quả lên cấp trên | Gia đình, dòng họ học tập: trước 15/12 theo khung cũ {sk.TAG_READ} |

            **Sau ngày 01/7/2025** chính quyền còn hai cấp; **Phòng GDĐT và UBND cấp huyện không còn**. {sk.TAG_NOT_FOUND}
            văn bản sửa TT 24/2023, TT 25/2023 hay bộ tiêu chí của Hội cho phù hợp. Thẩm quyền chuyển về xã hay tỉnh là
            {sk.TAG_INFERRED}. Vì vậy bộ công cụ để **cơ quan công nhận và hạn nộp là cấu hình** (tệp `thu-tuc.yaml`),
            lấy số của văn bản làm mặc định, và **không tự điền** cơ quan công nhận cho các năm từ 2025.
            """)),
        md(sk.section(2, "Hạn nộp, hạn công nhận", """
            `deadline(mã bộ tiêu chí, bước, năm đánh giá)` đọc hạn trong cấu hình. Hạn của TT 24 và TT 25 rơi vào **năm
            sau** năm đánh giá (hồ sơ năm 2025 nộp đầu năm 2026).
            """)),
        code('''
            import pandas as pd
            from khuyenhoc import procedure
            from khuyenhoc.indicators.vnformat import ngay

            cau_hinh = procedure.load_config()
            dong = []
            for ma in ["donvi-tt24-2023", "congdongxa-tt25-2023", "giadinh-qd387"]:
                for buoc in procedure.STEPS:
                    han = procedure.deadline(ma, buoc, 2025, cau_hinh)
                    if han is not None:
                        dong.append((ma, procedure.STEP_NAMES[buoc], ngay(han),
                                     cau_hinh["procedures"][ma]["deadlines"][buoc]["text"]))
            pd.DataFrame(dong, columns=["Bộ tiêu chí", "Bước", "Hạn (năm đánh giá 2025)", "Theo văn bản"])
            '''),
        md("""
            Lưu ý ✅: Lai Châu ghi hạn khác cho cộng đồng học tập cấp xã ("trước 31/5"). Hạn là **cấu hình**: tỉnh nào có
            văn bản riêng thì sửa tệp cấu hình, không sửa chương trình.

            **Trễ mấy ngày?** Trừ hai ngày cho nhau được một khoảng thời gian; `.days` là số ngày.
            """),
        code('''
            ngay_nop = pd.Timestamp("2026-01-20")          # đơn vị nộp hồ sơ năm 2025 ngày 20/01/2026
            han_nop = procedure.deadline("donvi-tt24-2023", "tham_dinh", 2025)
            print("Hạn nộp:", ngay(han_nop), "| Ngày nộp:", ngay(ngay_nop), "| Trễ:", (ngay_nop - han_nop).days, "ngày")
            '''),
        md(sk.section(3, "Ai công nhận? Trước và sau cải cách", """
            `authority(mã, năm)` trả về (cơ quan, lưu ý). Với năm 2024 máy trả lời theo văn bản; với năm 2025 máy **không
            đoán**, mà nhắc phải đặt trong cấu hình.
            """)),
        code('''
            for nam in (2024, 2025):
                co_quan, luu_y = procedure.authority("donvi-tt24-2023", nam, cau_hinh)
                print(f"Năm {nam}: {co_quan or '(chưa đặt)'} {luu_y}")
            '''),
        md("""
            Khi tỉnh có hướng dẫn, cán bộ ghi vào cấu hình. Ô dưới **chỉ là ví dụ** cách ghi: tên cơ quan trong ví dụ
            ⚠️ không phải quy định, hãy thay bằng đúng văn bản của tỉnh mình.
            """),
        code('''
            import copy

            cau_hinh_xa = copy.deepcopy(cau_hinh)
            cau_hinh_xa["procedures"]["donvi-tt24-2023"]["authority_after_reform"] = "[Cơ quan theo hướng dẫn của tỉnh]"
            procedure.authority("donvi-tt24-2023", 2025, cau_hinh_xa)
            '''),
        md(sk.section(4, "Ai đang quá hạn?", """
            `status(dữ liệu, mô hình, năm, today=ngày)` cho biết mỗi đăng ký đã xong bước nào, bước tiếp theo, hạn và
            **quá hạn** hay chưa. Văn bản chưa có hạn nộp cho Gia đình học tập sau QĐ 387 ❓, nên xã mẫu **tự đặt** hạn
            nộp phiếu tự đánh giá là 30/09 của năm (đặt trong cấu hình, như ở mục 3). Đăng ký đã xong mọi bước thì không
            còn gì để trễ: chỉ xem các dòng **còn bước phải làm**.
            """)),
        code('''
            from khuyenhoc import sample

            du_lieu = sample.load("mau")
            cau_hinh_xa["procedures"]["giadinh-qd387"]["deadlines"]["tham_dinh"] = {
                "day": 30, "month": 9, "year_offset": 0, "text": "Xã mẫu tự đặt: nộp phiếu tự đánh giá trước 30/09"}
            tien_do = procedure.status(du_lieu, "Gia đình học tập", 2026, today="2026-10-01", cfg=cau_hinh_xa)
            con_viec = tien_do[tien_do["next_step"].notna()]
            qua_han = con_viec[con_viec["overdue"].fillna(False)]
            print(f"{len(tien_do)} đăng ký năm 2026; {len(con_viec)} còn bước phải làm; {len(qua_han)} quá hạn.")
            qua_han[["registration_id", "subject_id", "status", "next_step", "deadline"]].head(10)
            '''),
        md("""
            `today=` là "ngày hôm nay" của phép tính. Không ghi thì máy lấy ngày trên đồng hồ máy tính; khi tập luyện
            hay làm báo cáo cho một mốc, luôn ghi rõ ngày.
            """),
        md(sk.section(5, "Quyết định nào sắp hết hiệu lực?", """
            Công nhận Đơn vị học tập theo TT 24/2023 có hiệu lực **3 năm** (✅ theo báo Sơn La). `expiring(dữ liệu, mô hình,
            mốc, within_days=…)` liệt kê quyết định **đã hết hạn** hoặc **sắp hết hạn** trong khoảng ngày đó, để xã nhắc
            đơn vị đăng ký lại. Với cộng đồng học tập cấp xã, mức độ 2 chỉ được xét sau mức độ 1 ít nhất 12 tháng ✅;
            thời hạn hiệu lực theo TT 25/2023 ❓ chưa tìm thấy.
            """)),
        code('''
            sap_het = procedure.expiring(du_lieu, "Đơn vị học tập", "2026-01-01", within_days=365)
            sap_het.assign(**{"Hết hạn": sap_het["expiry"].map(ngay)})[
                ["subject_id", "year", "level", "decision_no", "Hết hạn", "state"]]
            '''),
        md(sk.try_it("""
            Đổi mốc ở ô dưới thành "2026-12-31" và `within_days` thành 90: đơn vị nào phải nhắc đăng ký lại?
            """)),
        code('''
            procedure.expiring(du_lieu, "Đơn vị học tập", "2026-06-01", within_days=180)
            '''),
        md(sk.summary([
            "Năm bước: đăng ký → tự đánh giá → thẩm định → công nhận → báo cáo; số liệu tính 01/01–31/12.",
            "TT 24 (đơn vị cấp huyện): hồ sơ trước 15/01, công nhận trước 15/02 năm sau; TT 25 (cộng đồng cấp xã): "
            "trước 28/02 và 31/03 năm sau — đây là **mặc định theo văn bản**, tỉnh có thể khác.",
            "Từ 01/7/2025 không còn cấp huyện: cơ quan công nhận **chưa có văn bản**, đặt trong cấu hình, không đoán.",
            "Quá hạn chỉ tính với đăng ký còn bước phải làm; luôn ghi rõ ngày tính (`today=`).",
            "Quyết định công nhận đơn vị học tập có hiệu lực 3 năm: `expiring` để nhắc đăng ký lại.",
        ])),
        md(sk.links([
            ("Quy trình công nhận Đơn vị học tập cấp huyện (TT 24/2023)",
             "https://lawnet.vn/en/laws/quy-trinh-danh-gia-cong-nhan-don-vi-hoc-tap-cap-huyen-theo-thong-tu-242023ttbgddt-co-bao-nhieu-buoc-137432.html"),
            ("Thủ tục 1.005097 công nhận cộng đồng học tập cấp xã (Cổng dịch vụ công)",
             "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.005097"),
            ("Tệp cấu hình thủ tục", "khuyenhoc/catalogues/thu-tuc.yaml"),
            ("Bài tập có chấm điểm", "bai_04 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài 5 — Dữ liệu từ Excel"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
