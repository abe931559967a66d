"""Lesson 3: evidence — types, validity (type, date, issuer, file and checksum), the gap report, the checklist per village, personal data."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "03_minh_chung"
TITLE = "Minh chứng"


def build():
    cells = [
        md(sk.title("3", TITLE, 60)),
        md(sk.objectives(
            ["kể được các loại minh chứng và loại nào dùng cho chỉ số nào;",
             "xét một minh chứng **hợp lệ** theo bốn điều: đúng loại, ngày trong kỳ đánh giá, nơi cấp được chấp nhận, "
             "tệp còn nguyên (mã kiểm tra khớp);",
             "lập báo cáo **còn thiếu minh chứng** và **phiếu đi thu minh chứng** cho từng thôn;",
             "nhập một minh chứng bằng **phiếu bấm chuột** của bộ công cụ;",
             "giữ dữ liệu cá nhân trong minh chứng đúng luật: không bao giờ lưu ảnh căn cước."],
            "tọa đàm Cụm Khuyến học số 1 ghi Lai Châu tập huấn \"cách thu thập minh chứng\" cùng với bộ tiêu chí; "
            "không có minh chứng hợp lệ thì kết quả tự chấm không được công nhận.")),
        md(sk.LEGEND),
        md(sk.section(1, "Các loại minh chứng", f"""
            Các loại giấy tờ có nhắc tới trong tài liệu ({sk.TAG_READ}): báo cáo tự đánh giá, bảng tổng hợp kết quả các
            tiêu chí, tờ trình, biên bản họp (cấp xã), phiếu chấm điểm, kế hoạch, quyết định công nhận. Danh sách minh
            chứng **cho từng chỉ số** thì {sk.TAG_NOT_FOUND}: bộ tiêu chí trong máy ghi các loại **đề xuất** cho mỗi chỉ
            số (cột "Minh chứng" ở Bài 2), xã kiểm tra và sửa theo hướng dẫn của Hội cấp trên.
            """)),
        code('''
            import pandas as pd
            from khuyenhoc.schema import EVIDENCE_TYPES
            from khuyenhoc.catalogues import get_catalogue

            print("Danh mục loại minh chứng:", ", ".join(EVIDENCE_TYPES))
            cong_dan = get_catalogue("congdan-qd324")
            print("Nơi cấp được chấp nhận:", ", ".join(cong_dan.evidence.issuers))
            pd.DataFrame([(chi_so.id, chi_so.short, ", ".join(chi_so.evidence)) for _, chi_so in cong_dan.indicators()],
                         columns=["Mã chỉ số", "Chỉ số", "Loại minh chứng được chấp nhận"])
            '''),
        md(sk.section(2, "Thế nào là một minh chứng hợp lệ", """
            Bộ công cụ xét mỗi minh chứng theo **bốn điều**, giống như cán bộ thẩm định xem tập hồ sơ:

            1. **Loại**: loại giấy tờ có trong danh sách được chấp nhận của chỉ số đó;
            2. **Ngày**: ngày trên giấy tờ nằm trong kỳ đánh giá, từ 01/01 đến 31/12 của năm đánh giá
               (TT 24/2023 và TT 25/2023 cũng lấy số liệu 01/01–31/12 ✅);
            3. **Nơi cấp**: do Hội, chi hội, Ủy ban nhân dân, trường, trung tâm, thư viện… cấp, không phải cửa hàng hay
               chính người đăng ký tự viết. Máy hiểu các chữ viết tắt: "UBND xã" là "Ủy ban nhân dân", "HKH" là "Hội
               Khuyến học", "TTHTCĐ" là "Trung tâm học tập cộng đồng";
            4. **Tệp**: tệp quét hoặc ảnh chụp có trong thư mục minh chứng, và **mã kiểm tra** (SHA-256) không đổi.
               Mã kiểm tra giống "dấu vân tay" của tệp: được ghi lúc lưu; nếu sau đó ai sửa tệp, dấu vân tay khác đi
               và máy báo "tệp đã bị thay đổi".

            Xã mẫu đang thu minh chứng cho **năm 2026** (năm đang đánh giá). Chạy ô dưới để xem sổ minh chứng.
            """)),
        code('''
            from khuyenhoc import sample
            from khuyenhoc.evidence import check_evidence, gap_report, write_checklist

            du_lieu = sample.load("mau")
            thu_muc = sample.path("mau")["evidence"]
            du_lieu.evidence[["evidence_id", "subject_id", "indicator_id", "type", "date", "issuer", "file"]].head(10)
            '''),
        md(sk.example("kiểm tra cả sổ minh chứng", """
            `check_evidence(dữ liệu, mô hình, năm, thư mục)` trả về mỗi minh chứng một dòng với bốn cột đúng/sai
            (`type_ok`, `date_ok`, `issuer_ok`, `file_ok` và `hash_ok`), cột `valid` (hợp lệ) và cột `problem`
            (lý do bằng tiếng Việt). Ô dưới chỉ hiện các minh chứng **không hợp lệ**.
            """)),
        code('''
            kiem_tra = check_evidence(du_lieu, "Công dân học tập", 2026, thu_muc)
            print(f"{len(kiem_tra)} minh chứng, {int((~kiem_tra['valid']).sum())} không hợp lệ.")
            kiem_tra.loc[~kiem_tra["valid"], ["evidence_id", "indicator_id", "type", "date", "issuer", "problem"]]
            '''),
        md("""
            Đọc từng lý do: nơi cấp là một quán cà phê; giấy khen ghi ngày tháng 12 **năm trước** (thuộc kỳ 2025, không
            dùng cho năm 2026); tệp đã bị sửa sau khi lưu; tệp không có trong thư mục. Mỗi lý do là một việc cán bộ
            thôn phải làm: xin giấy đúng nơi cấp, xin giấy của năm nay, quét lại bản gốc.
            """),
        md(sk.section(3, "Còn thiếu minh chứng nào?", """
            `gap_report` liệt kê, với **mỗi người đã đăng ký** và **mỗi chỉ số cần minh chứng**, những chỗ chưa có
            minh chứng hợp lệ: tình trạng "thiếu" (chưa có gì) hoặc "không hợp lệ" (có nhưng sai). Bảng có tên người,
            **chỉ dùng trong xã**.
            """)),
        code('''
            thieu = gap_report(du_lieu, "Công dân học tập", 2026, thu_muc)
            print(f"Cả xã còn {len(thieu)} mục cần thu.")
            # Đếm theo thôn và tình trạng (chỉ là cách bày bảng để đọc)
            thieu.groupby(["village", "status"]).size().unstack(fill_value=0)
            '''),
        md(sk.section(4, "Phiếu đi thu minh chứng theo thôn", """
            `write_checklist` ghi một sổ Excel **mỗi thôn một trang**, khổ A4 ngang, dòng tiêu đề lặp lại khi in, có ô
            "Đã thu" để chi hội trưởng đánh dấu. Mỗi trang ghi rõ "Tài liệu nội bộ — chứa dữ liệu cá nhân".
            """)),
        code('''
            from openpyxl import load_workbook

            phieu = write_checklist(du_lieu, "Công dân học tập", 2026, "ket_qua_bai_3/phieu_thu_minh_chung_2026.xlsx", thu_muc)
            so = load_workbook(phieu, read_only=True)
            print("Đã ghi", phieu.name, "—", len(so.sheetnames), "trang:", ", ".join(so.sheetnames))
            '''),
        md("""
            Cách tổ chức gợi ý: Hội xã in phiếu của từng thôn, giao chi hội trưởng; chi hội trưởng đi thu trong hai
            tuần; thư ký Hội xã quét giấy tờ, đặt tên tệp theo **mã người và mã chỉ số**, lưu vào thư mục minh chứng, ghi
            một dòng vào sổ minh chứng; cuối đợt chạy lại `gap_report` để thấy còn thiếu gì. Cùng việc đó trong cửa sổ
            lệnh: `khuyenhoc evidence --model congdan-qd324 --year 2026 --thu-muc-minh-chung <thư mục> --out phieu.xlsx`.
            """),
        md(sk.section(5, "Nhập minh chứng bằng phiếu bấm chuột", """
            Thu giấy tờ về rồi, thư ký Hội xã ghi từng minh chứng vào sổ. Ai quen bấm chuột hơn gõ lệnh thì dùng
            **phiếu nhập minh chứng** có sẵn trong bộ công cụ:

            - Điền từng ô. Mã minh chứng được gợi ý sẵn (mã tiếp theo); mô hình, mã chỉ số, loại giấy tờ thì chọn trong
              danh sách; ngày ghi ngày/tháng/năm. Có ảnh hoặc bản chụp giấy tờ thì bấm **"Tải tệp minh chứng lên"**:
              tệp được chép vào thư mục minh chứng và máy tự tính mã kiểm tra.
            - **Phiếu kiểm tra ngay khi gõ.** Dòng kiểm tra dưới các ô đổi ngay khi anh/chị gõ, theo đúng các quy tắc
              dùng khi đọc sổ của xã: ngày có thật, mã người có trong sổ, mã chỉ số có trong bộ tiêu chí, loại giấy tờ
              hợp với chỉ số, tệp có trong thư mục minh chứng. Dòng có dấu ✖ phải sửa xong mới lưu được; dòng ⚠ là
              lời nhắc, vẫn lưu được.
            - **Phiếu không bao giờ ghi đè minh chứng cũ.** Bấm **"Lưu minh chứng"** thì minh chứng mới được **ghi
              thêm vào cuối** tệp; các dòng đã có được giữ nguyên. Gõ một mã minh chứng đã có thì phiếu báo lỗi và
              không lưu. Tệp được ghi trọn vẹn hoặc không ghi gì, nên mất điện giữa chừng cũng không hỏng tệp cũ.

            Ở bài này phiếu lưu vào tệp `ket_qua_bai_3/minh_chung_nhap_tay.xlsx` (thư mục nằm cạnh sổ tay này); tệp
            tải lên được chép vào `ket_qua_bai_3/minh_chung`. Ô dưới điền sẵn **mục đầu tiên còn thiếu** trong bảng ở
            mục 3, với một ngày **cố ý ghi sai** (31/02/2026) để anh/chị thấy dòng kiểm tra báo lỗi. (Khi giảng viên
            chấm bài tự động, ô tự bỏ qua phiếu; phiếu không bao giờ đứng chờ ai gõ.)
            """)),
        code('''
            import os
            from IPython.display import display
            from khuyenhoc.widgets import EvidenceForm

            phieu_nhap = EvidenceForm(du_lieu, path="ket_qua_bai_3/minh_chung_nhap_tay.xlsx",
                                      evidence_dir="ket_qua_bai_3/minh_chung")
            muc_thieu = thieu.iloc[0]   # mục đầu tiên còn thiếu (bảng ở mục 3)
            o = phieu_nhap.fields
            o["model"].value = "Công dân học tập"
            o["subject_id"].value = muc_thieu["subject_id"]
            o["indicator_id"].value = muc_thieu["indicator_id"]
            o["type"].value = muc_thieu["accepted_types"].split("; ")[0]
            o["date"].value = "31/02/2026"   # ngày cố ý ghi sai: tháng 2 không có ngày 31

            if os.environ.get("NBGRADER_EXECUTION"):
                print("Đang chấm bài tự động: bỏ qua phiếu nhập minh chứng.")
            else:
                display(phieu_nhap.widget)
            '''),
        md("""
            Làm thử trên phiếu: sửa ngày thành 15/03/2026 và xem dòng ✖ về ngày biến mất; điền **Nơi cấp** (ví dụ
            "Chi hội Khuyến học thôn", nơi cấp được chấp nhận ở mục 1); bấm **"Lưu minh chứng"**. Sau đó gõ vào ô
            **Mã minh chứng** một mã đã có, ví dụ `X01-MC0001`: phiếu báo mã đã có và không cho lưu đè. Mở thư mục
            `ket_qua_bai_3` ở thanh bên trái để thấy tệp vừa lưu.
            """),
        md(sk.section(6, "Dữ liệu cá nhân trong minh chứng", """
            Họ tên, ngày sinh, ảnh, số định danh là **dữ liệu cá nhân**; ảnh căn cước công dân và dân tộc là dữ liệu
            **nhạy cảm** (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 và Nghị định 356/2025/NĐ-CP, hiệu lực từ 01/01/2026 ✅).
            Vì vậy:

            - **Không bao giờ** chụp hay lưu ảnh căn cước làm minh chứng; không ghi số căn cước vào sổ. Xã dùng **mã
              nội bộ** (ví dụ X01-NK00911). Bộ đọc dữ liệu cảnh báo khi một mã trông giống số căn cước.
            - Tệp minh chứng đặt tên theo mã, để trong máy của Hội xã; không gửi qua nhóm chat.
            - Phiếu đi thu và báo cáo thiếu minh chứng có tên người: **chỉ dùng trong xã**. Lên cấp trên chỉ gửi số
              tổng hợp (Bài 7).
            - Minh chứng về trẻ em (học bạ…): cần sự đồng ý của cha mẹ, và của cả cháu nếu cháu từ 7 tuổi.
            """)),
        md(sk.try_it("""
            Ở ô dưới, đổi tên thôn để xem các mục còn thiếu của thôn mình (tên thôn có trong cột `village` của bảng ở
            mục 3). Thôn nào còn nhiều mục "không hợp lệ" nhất?
            """)),
        code('''
            ten_thon = "Thôn Trung Sơn"   # đổi tên thôn ở đây
            thieu.query("village == @ten_thon")[["subject_id", "indicator_id", "accepted_types", "status", "problem"]].head(15)
            '''),
        md(sk.summary([
            "Minh chứng hợp lệ khi **đúng loại, ngày trong kỳ 01/01–31/12, nơi cấp được chấp nhận, tệp còn nguyên**.",
            "Giấy tờ năm trước không dùng cho năm nay; cửa hàng không phải nơi cấp; tệp bị sửa thì mã kiểm tra khác.",
            "`check_evidence` xét từng minh chứng; `gap_report` cho biết còn thiếu gì; `write_checklist` in phiếu theo thôn.",
            "Phiếu nhập minh chứng (`khuyenhoc.widgets.EvidenceForm`) kiểm tra ngay khi gõ và chỉ ghi thêm, không bao "
            "giờ ghi đè minh chứng cũ.",
            "Không lưu ảnh căn cước, không dùng số căn cước làm mã; giấy tờ có tên người chỉ dùng trong xã.",
        ])),
        md(sk.links([
            ("Tọa đàm Cụm Khuyến học số 1 (tập huấn tiêu chí, minh chứng, quy trình)", "tài liệu khóa học, bài báo số 002"),
            ("Thủ tục công nhận Đơn vị học tập cấp huyện (TT 24/2023, số liệu 01/01–31/12)",
             "https://lawnet.vn/en/laws/quy-trinh-danh-gia-cong-nhan-don-vi-hoc-tap-cap-huyen-theo-thong-tu-242023ttbgddt-co-bao-nhieu-buoc-137432.html"),
            ("Dữ liệu cá nhân: Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP", "tóm tắt trong tài liệu của khóa học"),
            ("Bài tập có chấm điểm", "bai_03 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài 4 — Quy trình đánh giá, công nhận"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
