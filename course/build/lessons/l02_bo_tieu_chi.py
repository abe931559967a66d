"""Lesson 2: reading a criteria catalogue; assessing a citizen, household, clan, village and unit by hand and with the toolkit."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "02_bo_tieu_chi"
TITLE = "Bộ tiêu chí"


def build():
    cells = [
        md(sk.title("2", TITLE, 120)),
        md(sk.objectives(
            ["đọc một bộ tiêu chí như một bảng: tiêu chí, chỉ số, ngưỡng, điểm, loại minh chứng;",
             "biết bộ tiêu chí nào **có văn bản**, bộ nào là **bản dựng lại**, ngưỡng nào **xã phải tự đặt**;",
             "tự chấm bằng tay một Công dân học tập, một gia đình, rồi kiểm tra lại bằng bộ công cụ;",
             "đánh giá cả xã (dòng họ, thôn, đơn vị) bằng một lệnh và đọc bảng kết quả."],
            "ở Mai Lâm (Đông Anh), cán bộ phải \"thuộc bài\" từng bộ tiêu chí; ở Lai Châu, tập huấn \"quán triệt đầy "
            "đủ tiêu chí, cách thu thập minh chứng và quy trình đánh giá\"; lớp Thanh Oai đặt việc xây dựng mô hình "
            "theo bộ tiêu chí mới thành một nhóm nhiệm vụ.")),
        md(sk.LEGEND),
        md(sk.section(1, "Các bộ tiêu chí có trong máy", """
            Mỗi bộ tiêu chí là một **tệp dữ liệu** (YAML) trong bộ công cụ, không nằm trong mã chương trình: khi có văn
            bản chính thức, cán bộ thay tệp, không cần sửa chương trình. Chạy ô dưới để xem danh sách.
            """)),
        code('''
            import pandas as pd
            from khuyenhoc.catalogues import list_catalogues, get_catalogue

            pd.set_option("display.max_colwidth", 90)
            bang_bo = list_catalogues()
            bang_bo[["id", "model", "name", "provenance", "rule", "indicators", "unset_thresholds"]]
            '''),
        md(f"""
            Đọc cột **provenance** (nguồn gốc) trước tiên:

            - `official` nghĩa là đã đối chiếu với toàn văn văn bản. **Hiện chưa bộ nào như vậy.**
            - `reconstructed` (**dựng lại**) nghĩa là dựng từ các bản tóm tắt công khai. **Mọi bộ có sẵn đều là bản
              dựng lại**: dùng để học và để xã tự rà soát, chưa dùng làm căn cứ cho quyết định công nhận khi chưa đối
              chiếu văn bản của Hội hoặc của tỉnh.

            | Mô hình | Điều đã có văn bản | Điều còn thiếu |
            |---|---|---|
            | Công dân học tập | {sk.TAG_READ} 3 nhóm năng lực; ngưỡng ≥ 80/100, không chỉ số nào dưới 5 (tập huấn ở Thái Bình) | {sk.TAG_NOT_FOUND} toàn văn QĐ 324/QĐ-KHVN; {sk.TAG_INFERRED} 10 chỉ số × 10 điểm (theo dự thảo 2020) |
            | Gia đình, Dòng họ, Cộng đồng học tập thôn | {sk.TAG_READ} khung 4 nhóm tiêu chí của QĐ 448/QĐ-KHVN (2016–2020, đã hết giai đoạn) | {sk.TAG_NOT_FOUND} bộ tiêu chí mới của Hội theo QĐ 387; các tỉ lệ để trống, **xã tự đặt** |
            | Đơn vị học tập (TT 24/2023) | {sk.TAG_READ} 3 tiêu chí, mức độ 1 và 2, ≥ 90% / ≥ 95% thành viên là Công dân học tập | {sk.TAG_NOT_FOUND} một số chỉ số bị cắt trong bản tóm tắt; ngưỡng mức 2 của tiêu chí 2 |
            | Cộng đồng học tập cấp xã (TT 25/2023) | {sk.TAG_READ} tiêu chí 1 và 2 của mức độ 1 | {sk.TAG_NOT_FOUND} tiêu chí 3 trở đi, mọi ngưỡng mức độ 2 |

            Cột **unset_thresholds** đếm các ngưỡng **chưa có trong văn bản tìm được**: máy không tự bịa ra số, mà
            để kết luận "Chưa kết luận" cho tới khi xã đặt ngưỡng (mục 4).
            """),
        md(sk.section(2, "Đọc bộ tiêu chí Công dân học tập", """
            Một bộ tiêu chí gồm: văn bản căn cứ, **cách xét** (rule), các **tiêu chí**, mỗi tiêu chí có các
            **chỉ số** với ngưỡng, điểm tối đa và loại minh chứng được chấp nhận.
            """)),
        code('''
            cong_dan = get_catalogue("congdan-qd324")
            print(cong_dan.name)
            print("Nguồn gốc:", cong_dan.provenance, "| Cách xét:", cong_dan.rule.kind,
                  "| Điểm đạt:", cong_dan.rule.pass_points)
            for van_ban in cong_dan.documents:
                print("-", van_ban.number, "|", van_ban.issuer, "|", van_ban.note or van_ban.title)

            # Mỗi dòng một chỉ số: đây chỉ là cách bày bảng để đọc, không tính toán gì.
            pd.DataFrame(
                [(tieu_chi.name, chi_so.id, chi_so.text, chi_so.points, chi_so.threshold, ", ".join(chi_so.evidence))
                 for tieu_chi, chi_so in cong_dan.indicators()],
                columns=["Tiêu chí", "Mã chỉ số", "Nội dung", "Điểm tối đa", "Tối thiểu", "Minh chứng"],
            )
            '''),
        md(sk.section(3, "Chấm bằng tay một Công dân học tập", """
            Quy tắc (✅ theo tập huấn ở Thái Bình, 17/05/2024): **tổng từ 80/100 điểm trở lên và không chỉ số nào dưới
            5 điểm**. Hai điều kiện phải đúng **cùng lúc**. Trường hợp hay nhầm: đủ 80 điểm nhưng có một chỉ số 4 điểm
            thì **chưa đạt**.
            """)),
        md(sk.example("ba phiếu tự chấm", """
            Mỗi danh sách là 10 điểm theo thứ tự CDHT-1.1 … CDHT-3.2. `sum` cộng lại, `min` lấy điểm thấp nhất.
            """)),
        code('''
            phieu = {
                "Chị Hà": [9, 9, 8, 8, 8, 7, 9, 8, 8, 9],
                "Anh Tuấn": [10, 9, 9, 9, 9, 4, 8, 8, 7, 7],   # 80 điểm nhưng ngoại ngữ 4 điểm
                "Bác Lực": [8, 8, 8, 8, 8, 8, 8, 8, 8, 7],
            }
            for ten, diem in phieu.items():
                tong, thap_nhat = sum(diem), min(diem)
                dat = tong >= 80 and thap_nhat >= 5
                print(f"{ten}: tổng {tong} điểm, thấp nhất {thap_nhat} điểm → {'ĐẠT' if dat else 'CHƯA ĐẠT'}")
            '''),
        md("""
            **Bây giờ để bộ công cụ chấm.** `assess(dữ liệu, mô hình, năm)` chấm **mọi** người đã đăng ký trong năm
            cùng một lúc và trả về hai bảng: `summary` (mỗi người một dòng) và `details` (mỗi người × mỗi chỉ số).
            Dữ liệu là xã mẫu Hòa Mẫu (**giả định**, không có người thật).
            """),
        code('''
            from khuyenhoc import sample
            from khuyenhoc.engine import assess

            du_lieu = sample.load("mau")
            ket_qua = assess(du_lieu, "Công dân học tập", 2025)
            print(ket_qua)
            for luu_y in ket_qua.messages:
                print("Lưu ý:", luu_y)
            ket_qua.counts()
            '''),
        md("""
            Máy tự nhắc: bộ tiêu chí là **bản dựng lại**. Xem kết quả của người đầu tiên trong bảng đủ 80 điểm mà vẫn
            chưa đạt (trong sổ của xã chỉ dùng mã người, không dùng số căn cước):
            """),
        code('''
            mot_nguoi = ket_qua.summary.query("points >= 80 and recognised == False")["subject_id"].iloc[0]
            print("Mã người:", mot_nguoi)
            ket_qua.summary.query("subject_id == @mot_nguoi")[["subject_id", "points", "result", "reason"]]
            '''),
        code('''
            ket_qua.details.query("subject_id == @mot_nguoi")[["indicator_id", "indicator", "value", "threshold", "met"]]
            '''),
        md(sk.section(4, "Một gia đình: bằng tay rồi bằng máy", """
            Bộ Gia đình học tập (dựng lại theo khung QĐ 448) xét **"mọi chỉ số bắt buộc đều đạt"**. Có hai loại chỉ số:

            - chỉ số **tính từ sổ của xã** (trẻ đi học, người lớn biết chữ, tủ sách, quỹ gia đình, Gia đình văn hóa…);
            - chỉ số **hộ tự khai** (GDHT-1.3 đạo đức, GDHT-4.1 kinh tế ổn định): nhập từ phiếu tự đánh giá của hộ.

            Ngưỡng GDHT-2.2 (tỉ lệ người lớn thường xuyên học tập) ❓ không có trong văn bản tìm được. Ở đây xã mẫu
            **tự đặt 50%** và ghi rõ là do xã đặt.
            """)),
        code('''
            mot_ho = "X01-H0004"
            # Bằng tay: đọc sổ theo dõi của hộ năm 2025 (có tủ sách? có quỹ gia đình? Gia đình văn hóa?)
            du_lieu.household_years.query("household_id == @mot_ho and year == 2025")
            '''),
        code('''
            # Phiếu tự khai của hộ (1 = có, 0 = không) cho hai chỉ số tự khai
            tu_khai = pd.DataFrame({"subject_id": [mot_ho, mot_ho], "indicator_id": ["GDHT-1.3", "GDHT-4.1"],
                                    "value": [1, 1]})
            gia_dinh = assess(du_lieu, "Gia đình học tập", 2025, thresholds={"GDHT-2.2": 50}, declared=tu_khai)
            gia_dinh.details.query("subject_id == @mot_ho")[["indicator_id", "indicator", "value", "threshold",
                                                              "required", "met"]]
            '''),
        md("""
            Đọc bảng: dòng nào có `met` là False **và** `required` là True là chỉ số hộ còn thiếu. Một chỉ số **không
            bắt buộc** (`required` là False, như GDHT-3.3 Internet) thiếu thì hộ vẫn có thể đạt. So với điều anh/chị
            tự đọc trong sổ theo dõi ở ô trên: có khớp không? Cột `reason` của bảng tóm tắt nói lý do bằng một câu:
            """),
        code('''
            gia_dinh.summary.query("subject_id == @mot_ho")[["subject_id", "result", "reason"]]
            '''),
        md(sk.section(5, "Dòng họ, thôn, đơn vị: cả xã trong một lệnh", """
            Các bộ Dòng họ học tập và Cộng đồng học tập thôn còn nhiều ngưỡng trống (❓ chưa có văn bản). Các số dưới
            đây là **ví dụ do xã mẫu tự đặt** để thấy máy chạy, không phải quy định. Đơn vị học tập theo TT 24/2023
            có hai mức độ; ở đây xét mức độ 1 (máy tự báo các ngưỡng mức độ 2 còn trống).
            """)),
        code('''
            nguong_xa_dat = {
                "Dòng họ học tập": {"DHHT-2.1": 50, "DHHT-2.2": 95, "DHHT-2.3": 30},
                "Cộng đồng học tập cấp thôn": {"CDTHON-1.2": 2, "CDTHON-2.1": 50, "CDTHON-2.2": 95, "CDTHON-2.3": 95},
            }
            dong_ho = assess(du_lieu, "Dòng họ học tập", 2025, thresholds=nguong_xa_dat["Dòng họ học tập"])
            thon = assess(du_lieu, "Cộng đồng học tập cấp thôn", 2025,
                          thresholds=nguong_xa_dat["Cộng đồng học tập cấp thôn"])
            don_vi = assess(du_lieu, "Đơn vị học tập", 2025, level=1)
            pd.DataFrame({"Dòng họ": dong_ho.counts(), "Thôn": thon.counts(), "Đơn vị (mức độ 1)": don_vi.counts()}
                         ).fillna(0).astype(int)
            '''),
        code('''
            thon.summary[["subject_id", "result", "reason"]]
            '''),
        md(sk.section(6, "Bảng kiểm tiêu chí của một đối tượng", """
            Khi ngồi với gia đình ở thôn, bấm chuột tiện hơn gõ lệnh. Bộ công cụ có sẵn **bảng kiểm tiêu chí**: chọn
            mô hình và năm, gõ vài ký tự của mã hộ (hoặc mã người, dòng họ, thôn, đơn vị) để chọn, rồi bấm **"Xem bảng
            kiểm"**. Bảng hiện từng chỉ số: giá trị tính từ sổ, yêu cầu, kết quả ✔ Đạt / ✖ Chưa đạt / – chưa kết luận,
            và các minh chứng đã có trong sổ.

            Bảng kiểm dùng **tệp ngưỡng do địa phương quy định** đi kèm xã mẫu (`nguong-dia-phuong.yaml`, **giả định**,
            không phải quy định chính thức): ở đó xã mẫu cũng đặt GDHT-2.2 là 50%. Bảng kiểm đọc **phiếu tự khai đã ghi
            trong sổ** (trang "Điểm tự đánh giá"), không dùng phiếu gõ tay ở mục 4; vì vậy kết quả của hộ X01-H0004 có
            thể khác mục 4: hãy xem dòng GDHT-1.3. (Ô này không chấm điểm; khi giảng viên chấm bài tự động, ô tự bỏ qua
            bảng kiểm.)
            """)),
        code('''
            import os
            from IPython.display import display
            from khuyenhoc.widgets import CriteriaChecklist, Session

            phien = Session(du_lieu, thresholds=sample.path("mau")["thresholds"])
            bang_kiem = CriteriaChecklist(phien, model="Gia đình học tập")

            if os.environ.get("NBGRADER_EXECUTION"):
                print("Đang chấm bài tự động: bỏ qua bảng kiểm.")
            else:
                bang_kiem.year.value = 2025
                bang_kiem.subject.value = mot_ho
                bang_kiem.show.click()  # xem sẵn bảng kiểm của hộ ở mục 4
                display(bang_kiem.widget)
            '''),
        md(sk.try_it("""
            1. Đổi ngưỡng GDHT-2.2 từ 50 thành 80 trong ô ở mục 4 rồi chạy lại: hộ X01-H0004 còn đạt chỉ số này không?
            2. Ở ô dưới, đổi một điểm trong phiếu của "Bác Lực" để bác đạt (nhớ: chỉ cần thêm 1 điểm ở một chỉ số).
            """)),
        code('''
            diem_bac_luc = [8, 8, 8, 8, 8, 8, 8, 8, 8, 7]   # sửa một số ở đây
            print("Tổng:", sum(diem_bac_luc), "| thấp nhất:", min(diem_bac_luc),
                  "| đạt:", sum(diem_bac_luc) >= 80 and min(diem_bac_luc) >= 5)
            '''),
        md(sk.summary([
            "Mọi bộ tiêu chí có sẵn là **bản dựng lại**: đọc cột nguồn gốc và các lưu ý trước khi dùng.",
            "Công dân học tập: **≥ 80/100 điểm VÀ không chỉ số nào dưới 5**; 80 điểm có một chỉ số 4 điểm là chưa đạt.",
            "Ngưỡng chưa có văn bản thì để trống; xã tự đặt (`thresholds=`) và ghi rõ là xã đặt.",
            "Chỉ số tự khai nhập qua `declared=`; chỉ số không bắt buộc thiếu vẫn có thể đạt.",
            "`assess(du_lieu, mô hình, năm)` → `summary` (mỗi đối tượng một dòng, có lý do) và `details` (từng chỉ số).",
            "Bảng kiểm tiêu chí (`khuyenhoc.widgets.CriteriaChecklist`) xem từng chỉ số của một đối tượng bằng chuột; "
            "nó đọc phiếu tự khai đã ghi trong sổ và tệp ngưỡng của địa phương.",
        ])),
        md(sk.links([
            ("Tập huấn bộ tiêu chí Công dân học tập ở Thái Bình (baothaibinh.com.vn)",
             "https://baothaibinh.com.vn/tin-tuc/265/199546/thanh-pho-tap-huan-trien-khai-bo-tieu-chi-danh-hieu-cong-dan-hoc-tap"),
            ("4 tiêu chí Gia đình học tập theo khung cũ QĐ 448 (dvn.com.vn)", "https://dvn.com.vn/4-tieu-chi-gia-dinh-hoc-tap-1645560928"),
            ("Tệp bộ tiêu chí trong máy", "thư mục khuyenhoc/catalogues/ (mỗi mô hình một tệp .yaml)"),
            ("Bài tập có chấm điểm", "bai_02 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài 3 — Minh chứng"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
