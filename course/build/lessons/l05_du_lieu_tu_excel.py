"""Lesson 5: the commune's books in Excel — template, reading, the problem list, cleaning, NFC/NFD."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "05_du_lieu_tu_excel"
TITLE = "Dữ liệu từ Excel"


def build():
    cells = [
        md(sk.title("5", TITLE, 90)),
        md(sk.objectives(
            ["lấy **sổ Excel mẫu để trống** cho xã và chi hội nhập liệu;",
             "đọc sổ sách của xã bằng bộ công cụ `khuyenhoc` và đọc **danh sách vấn đề** bằng tiếng Việt;",
             "hiểu ba mức: **lỗi** (phải sửa), **cảnh báo** (phải xem lại), **đã sửa** (máy đã tự hiểu);",
             "biết các lỗi hay gặp: chữ tiếng Việt hai kiểu mã (NFC, NFD), khoảng trắng thừa, ngày và số tiền "
             "gõ dạng chữ, một người nhập hai lần;",
             "tổ chức việc thu thập số liệu ở thôn sao cho ít lỗi ngay từ đầu."],
            "lớp tập huấn ở Thanh Oai đặt \"ứng dụng công nghệ thông tin, chuyển đổi số\" là một nhóm nhiệm vụ; "
            "tọa đàm Cụm Khuyến học số 1 nói rõ cán bộ phần lớn kiêm nhiệm, lớn tuổi, khó khăn với công nghệ. "
            "Số liệu vào đúng một lần thì báo cáo cả năm mới nhanh và đúng.")),
        md(sk.section(1, "Sổ Excel mẫu để trống", """
            Bộ công cụ làm sẵn một **sổ Excel mẫu**: mỗi bảng một trang (Đơn vị hành chính, Hộ gia đình,
            Nhân khẩu, Hội viên, Thu quỹ khuyến học…), dòng 1 là tên cột bằng tiếng Việt, mỗi tên cột có ghi chú
            giải thích; cột có danh sách (Giới tính, Tình trạng cư trú…) có ô chọn sẵn; cột ngày, cột tiền đã định
            dạng sẵn. Trang **Hướng dẫn** giải thích từng cột.

            Chạy ô dưới: máy ghi tệp `so_mau_trong.xlsx` vào cùng thư mục với sổ tay này (thanh bên trái).
            """)),
        code('''
            from khuyenhoc.templates import write_template
            from openpyxl import load_workbook

            tep_mau = write_template("so_mau_trong.xlsx")
            print("Đã ghi:", tep_mau.name)
            print("Các trang:", ", ".join(load_workbook(tep_mau).sheetnames))
            '''),
        md("""
            Cùng việc đó trong cửa sổ lệnh (không cần mở sổ tay): `khuyenhoc template so_mau_trong.xlsx`.

            **Không đổi tên trang, không gộp ô tiêu đề, không thêm dòng trống giữa bảng.** Nếu cần ghi chú thì ghi
            vào cột "Ghi chú" hoặc một trang riêng.
            """),
        md(sk.section(2, "Đọc sổ sách của xã", """
            Xã mẫu **Hòa Mẫu** (tỉnh Hồng Lam) là số liệu **giả định**, dùng để học; không có người thật nào trong đó.
            `sample.load("mau")` đọc sổ của xã mẫu qua đúng bộ đọc `khuyenhoc.intake` mà anh/chị sẽ dùng cho xã mình.
            Lần đầu mất vài giây.
            """)),
        code('''
            import pandas as pd
            from khuyenhoc import sample
            from khuyenhoc.intake import check, read

            du_lieu = sample.load("mau")
            pd.Series(du_lieu.summary(), name="Xã mẫu")
            '''),
        md("""
            Mỗi bảng của sổ là một bảng tính **pandas**; gọi bằng tên tiếng Anh của bảng (xem trang mô hình dữ liệu
            `docs/mo-hinh-du-lieu.md`). Ví dụ năm khoản thu quỹ khuyến học đầu tiên:
            """),
        code("du_lieu.fund_receipts.head()"),
        md("""
            Với sổ của xã mình: `du_lieu = read("duong/dan/so_cua_xa.xlsx")`. Nếu sổ còn **lỗi**, `read` dừng lại và
            in danh sách lỗi; muốn xem hết mọi vấn đề mà không dừng, dùng `check`.
            """),
        md(sk.section(3, "Một sổ có lỗi: danh sách vấn đề", """
            Bộ công cụ kèm một **bản sao có lỗi** của sổ xã mẫu: những lỗi mà cán bộ hay gặp khi nhập tay được cài
            vào đó. `check` trả về hai thứ: dữ liệu (hoặc `None` nếu còn lỗi) và **danh sách vấn đề**.
            """)),
        code('''
            from khuyenhoc.problems import count, render_text

            TEP_LOI = sample.FILES / "messy" / "xa_mau_loi.xlsx"
            du_lieu_loi, van_de = check(TEP_LOI)
            print("Dữ liệu dùng được chưa?", "chưa (còn lỗi)" if du_lieu_loi is None else "rồi")
            print(count(van_de))
            '''),
        md("""
            Đọc danh sách như đọc một biên bản kiểm tra: mỗi dòng nói **ở đâu** (trang, dòng, cột như trong Excel),
            **có gì** và **sửa thế nào**.
            """),
        code("print(render_text(van_de, limit=3))"),
        md("""
            | Mức | Nghĩa | Phải làm |
            |---|---|---|
            | **lỗi** | máy không dùng được ô này | sửa trong tệp Excel rồi đọc lại |
            | **cảnh báo** | có thể sai (ví dụ họ tên không dấu, một người hai mã) | xem lại, sửa nếu đúng là sai |
            | **đã sửa** | máy đã tự hiểu (ví dụ ngày gõ dạng chữ) | không bắt buộc; sửa để lần sau sạch hơn |

            Tệp gốc **không bao giờ bị sửa**: bộ công cụ chỉ đọc. Người sửa là cán bộ, trên tệp Excel.
            """),
        md(sk.example("đếm vấn đề theo loại", """
            Mỗi vấn đề có một **mã loại** (`code`). Đưa danh sách vào một bảng rồi đếm theo mã. Bảng mã loại và ý nghĩa
            nằm ở ô tiếp theo.
            """)),
        code('''
            bang_van_de = pd.DataFrame([v.to_dict() for v in van_de])
            bang_van_de[["sheet", "row", "column", "code", "severity"]].head(8)
            '''),
        code('''
            bang_van_de.groupby(["severity", "code"]).size().rename("Số vấn đề").reset_index()
            '''),
        code('''
            from khuyenhoc.problems import CODES

            pd.DataFrame([(ma, muc, nghia) for ma, (muc, nghia) in CODES.items()],
                         columns=["Mã loại", "Mức", "Nghĩa"])
            '''),
        md(sk.section(4, "Chữ tiếng Việt: một chữ, hai cách mã hóa", """
            Chữ "ò" có thể được máy lưu **một ký tự** (dạng dựng sẵn, **NFC**) hoặc **hai ký tự**: "o" cộng dấu huyền
            (dạng tổ hợp, **NFD**). Trên màn hình hai dạng trông **giống hệt nhau**, nhưng máy so sánh thì thấy
            **khác nhau**: tìm "Hòa" không ra "Hòa" gõ kiểu kia, đếm trùng sẽ sai. Dạng NFD thường đến từ bộ gõ đặt
            bảng mã "Unicode tổ hợp", hoặc chữ chép từ tệp PDF, từ điện thoại.
            """)),
        code('''
            import unicodedata
            from khuyenhoc.textnorm import clean, fold, lacks_diacritics, nfc

            ten_nfc = "Thôn Hòa Mẫu"
            ten_nfd = unicodedata.normalize("NFD", ten_nfc)
            print("Trông giống nhau:", ten_nfc, "|", ten_nfd)
            print("Số ký tự:", len(ten_nfc), "và", len(ten_nfd))
            print("Máy so sánh thẳng:", ten_nfc == ten_nfd)
            print("Sau khi chuẩn hóa NFC:", nfc(ten_nfc) == nfc(ten_nfd))
            '''),
        md("""
            Ba hàm của bộ công cụ cho chữ:

            - `clean(chu)`: chuyển về NFC **và** bỏ khoảng trắng thừa (đầu, cuối, hai dấu cách liền nhau). Dùng
              trước khi so sánh hai họ tên, hai tên thôn.
            - `fold(chu)`: bỏ dấu, viết thường — chỉ để **tìm kiếm** ("hoa" tìm ra "Hòa", "Hoà", "Hóa").
              **Không dùng `fold` để kết luận hai người là một**: "Lê Thị Hà" và "Lê Thị Hạ" là hai người.
            - `lacks_diacritics(ho_ten)`: họ tên có vẻ gõ **không dấu** không (để nhắc nhập lại).
            """),
        code('''
            print(repr(clean("  Phan  Mai Phương ")))
            print(fold("Hòa") == fold("Hóa"), "← fold coi 'Hòa' và 'Hóa' là một: chỉ dùng để tìm")
            print(clean("Lê Thị Hà") == clean("Lê Thị Hạ"), "← clean giữ dấu: hai người khác nhau")
            print(lacks_diacritics("Phan Huu Duong"), lacks_diacritics("Phan Hữu Dương"))
            '''),
        md(sk.section(5, "Ngày và số tiền gõ dạng chữ", """
            Trong Excel, ngày và tiền nên là **ô số** (định dạng Ngày, định dạng Số). Khi cán bộ gõ `15/5/2005` vào
            một ô định dạng chữ, hoặc `1.200.000` kèm dấu chấm, máy nhận được **chữ**. Bộ đọc hiểu được các cách
            viết thông dụng (ngày trước tháng, dấu chấm phân nhóm nghìn) và ghi "đã sửa"; cách viết tắt như `1tr5`,
            `1,5 triệu`, `500k` thì **không đoán**, vì một khoản tiền sai trong sổ quỹ tệ hơn một câu hỏi lại.
            """)),
        code('''
            from khuyenhoc.parsing import parse_dates, parse_money, money_hint

            ngay = pd.Series(["15/5/2005", "2005-06-01", 38504, "31/02/2006", "  01/03/2007 "])
            kq = parse_dates(ngay)
            pd.DataFrame({"Gõ trong sổ": ngay, "Máy hiểu là": kq.values.dt.strftime("%d/%m/%Y"),
                          "Lỗi": kq.error, "Đã tự sửa": kq.corrected})
            '''),
        md("""
            `38504` là cách Excel lưu ngày bên trong (số ngày kể từ năm 1900): bộ đọc hiểu được. `31/02/2006` không có
            thật nên là **lỗi**. Số tiền cũng vậy:
            """),
        code('''
            tien = pd.Series(["1.200.000", "1 500 000 đ", 2000000, "1tr5", "1,5 triệu"])
            kq_tien = parse_money(tien)
            pd.DataFrame({"Gõ trong sổ": tien, "Máy hiểu là (đồng)": kq_tien.values, "Lỗi": kq_tien.error})
            '''),
        code('print(money_hint("1tr5")[1])'),
        md(sk.section(6, "Một người nhập hai lần", """
            Có hai kiểu trùng:

            - **mã bị trùng** (`duplicate_key`, lỗi): hai dòng cùng một mã nhân khẩu — thường do dán lại một dòng;
            - **có thể một người nhập hai lần** (`possible_duplicate`, cảnh báo): trùng họ tên, ngày sinh và hộ nhưng
              **khác mã** — thường do hai người cùng nhập một sổ, hoặc nhập lại khi người đó chuyển hộ.

            Máy chỉ **nghi ngờ**; cán bộ thôn mới biết đó là một người hay hai người trùng tên. Lọc riêng hai loại này:
            """)),
        code('''
            trung = [v for v in van_de if v.code in ("duplicate_key", "possible_duplicate")]
            for v in trung:
                print(v.line())
                print()
            '''),
        md(sk.section(7, "Tổ chức thu thập số liệu ở thôn", """
            Phần lớn lỗi ở trên sinh ra **lúc nhập**, không phải lúc tính. Vài cách làm giúp sổ sạch ngay từ đầu
            (kinh nghiệm chung, không phải quy định của văn bản nào):

            1. **Một mẫu chung** cho cả xã: chi hội nào cũng dùng sổ Excel mẫu ở mục 1, không tự thêm, đổi cột.
            2. **Một người giữ sổ** mỗi thôn (thường là chi hội trưởng hoặc thư ký chi hội), có người thứ hai kiểm tra.
            3. **Mã nội bộ** cho hộ và người (ví dụ `X01-NK00021`), **không dùng số CCCD/CMND** làm mã: đó là dữ liệu
               cá nhân, Luật Bảo vệ dữ liệu cá nhân (Luật 91/2025/QH15, hiệu lực 01/01/2026) yêu cầu thu tối thiểu.
            4. **Đặt bộ gõ** Unikey/EVKey ở bảng mã "Unicode dựng sẵn"; ngày gõ dd/mm/yyyy vào ô định dạng Ngày;
               tiền gõ đủ chữ số.
            5. **Chạy kiểm tra mỗi lần nhận sổ** (`check`, hoặc lệnh `khuyenhoc validate so_cua_thon.xlsx`), gửi lại
               danh sách vấn đề cho thôn sửa, rồi mới gộp vào sổ của xã.
            6. **Hỏi ý kiến** người được ghi tên (và người giám hộ với trẻ từ đủ 7 tuổi) trước khi công bố danh sách
               khen thưởng; ghi lại việc đồng ý.
            """)),
        md(sk.try_it("""
            Sửa danh sách `tien_thu` dưới đây: thêm hai cách viết số tiền mà chi hội anh/chị hay gặp, rồi chạy ô.
            Cách nào máy hiểu, cách nào máy báo lỗi? Lời nhắc của máy có dễ hiểu không?
            """)),
        code('''
            tien_thu = pd.Series(["500.000", "2.000.000đ", "300k"])   # thêm cách viết của chi hội mình vào đây
            thu = parse_money(tien_thu)
            pd.DataFrame({"Gõ trong sổ": tien_thu, "Máy hiểu là (đồng)": thu.values, "Lỗi": thu.error})
            '''),
        md(sk.summary([
            "Dùng **một sổ Excel mẫu** cho cả xã (`write_template` hoặc `khuyenhoc template`); không đổi tên trang, "
            "không gộp ô tiêu đề.",
            "`read` đọc sổ và dừng khi còn lỗi; `check` trả về dữ liệu (hoặc `None`) và **mọi** vấn đề.",
            "Ba mức: lỗi (phải sửa), cảnh báo (xem lại), đã sửa (máy đã tự hiểu). Tệp gốc không bao giờ bị sửa.",
            "Chữ tiếng Việt có hai dạng NFC/NFD trông giống nhau: so sánh sau `clean`; `fold` chỉ để tìm.",
            "Ngày gõ ngày trước tháng; tiền gõ đủ chữ số — máy không đoán `1tr5`.",
            "Mã nội bộ cho người và hộ, không dùng số CCCD; một người giữ sổ mỗi thôn; kiểm tra mỗi lần nhận sổ.",
        ])),
        md(sk.links([
            ("Mô hình dữ liệu (các trang, các cột, danh sách giá trị)", "docs/mo-hinh-du-lieu.md"),
            ("Lệnh kiểm tra một sổ", "khuyenhoc validate so_cua_xa.xlsx"),
            ("Luật Bảo vệ dữ liệu cá nhân", "Luật 91/2025/QH15 và Nghị định 356/2025/NĐ-CP (hiệu lực 01/01/2026)"),
            ("Bài tập có chấm điểm", "bai_05 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài 6 — Chỉ tiêu"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
