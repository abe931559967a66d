"""Lesson 8: UNESCO learning cities — the Sơn La path, 3 areas / 6 building blocks / fundamental conditions, a self-assessment profile."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "08_thanh_pho_hoc_tap"
TITLE = "Thành phố học tập (UNESCO)"


def build():
    cells = [
        md(sk.title("8", TITLE, 45)),
        md(sk.objectives(
            ["kể con đường của thành phố Sơn La vào Mạng lưới thành phố học tập toàn cầu của UNESCO;",
             "nêu 3 nhóm lợi ích lâu dài, 6 yếu tố chính (trụ cột) và các điều kiện cơ bản — biết phần nào là "
             "**suy luận**;",
             "tự chấm một hồ sơ theo 12 lĩnh vực, vẽ biểu đồ hồ sơ và tìm trụ cột yếu nhất."],
            "thành phố Sơn La trở thành thành viên của mạng lưới ngày 14/02/2024; Yên Bái đã lập hồ sơ cho thành phố "
            "Yên Bái (2023) và Nghĩa Lộ (2025). Khung của UNESCO được soạn như **một công cụ tự đánh giá và danh sách "
            "việc cần làm**, thiên về quá trình hơn là kết quả.")),
        md(sk.LEGEND),
        md(sk.section(1, "Con đường của Sơn La", """
            Theo bài viết của Hội Khuyến học tỉnh Sơn La (2024) ✅:

            - Hội Khuyến học và ngành Giáo dục là **hai trụ cột tham mưu**; tỉnh ban hành kế hoạch thực hiện QĐ 1373,
              QĐ 387, QĐ 677 (ví dụ Kế hoạch 210/KH-UBND ngày 19/8/2022 về Công dân học tập).
            - Ba bài học của Hội: **đổi mới tuyên truyền** (chuyên trang báo điện tử, chuyên mục truyền hình tối thứ 6,
              Zalo, fanpage); **chú trọng tham mưu**, bám sát cơ sở; **tập huấn nghiệp vụ thường xuyên**, "cầm tay chỉ
              việc", vì tiêu chí của thành phố học tập toàn cầu "rất cao, lại rất mới".
            - Con số năm 2023–2024: 12 hội cấp huyện, 204 hội cấp xã, 2.845 chi hội; 351.214 hội viên (28% dân số);
              quỹ khuyến học 31,8 tỉ đồng năm 2023; gần 44.000 lượt khen thưởng, học bổng, trên 10,4 tỉ đồng (gấp 3
              năm 2022); trung tâm học tập cộng đồng ở cả 204/204 xã, phường, thị trấn.
            - Ngày 14/02/2024 thành phố Sơn La là thành viên mạng lưới. Sau cải cách 2025, Sơn La còn 75 xã, phường.

            Cách vào mạng lưới ✅: thành phố cam kết theo Tuyên bố Bắc Kinh và các Đặc trưng cơ bản, điền đơn có chữ ký
            của chủ tịch thành phố, gửi Ủy ban Quốc gia UNESCO Việt Nam xác nhận rồi chuyển Viện Học tập suốt đời của
            UNESCO; thành viên gửi báo cáo tiến độ hai năm một lần.
            """)),
        md(sk.section(2, "Khung: 3 nhóm, 12 lĩnh vực", f"""
            "Các đặc trưng cơ bản của Thành phố học tập" (UNESCO, 2013) có **42 đặc trưng** trong ba nhóm ✅:

            1. **Lợi ích lâu dài** (3): trao quyền cho cá nhân và gắn kết xã hội; phát triển kinh tế và thịnh vượng
               văn hóa; phát triển bền vững.
            2. **Các yếu tố chính** (6 trụ cột): học tập hòa nhập từ giáo dục cơ bản đến đại học; học tập trong gia đình
               và cộng đồng; học tập cho công việc và tại nơi làm việc; công nghệ học tập hiện đại; chất lượng học tập;
               văn hóa học tập suốt đời. Bài viết của Sơn La kể đúng sáu nội dung này.
            3. **Điều kiện cơ bản**: {sk.TAG_INFERRED} **tên** các điều kiện chưa thấy trong một danh sách chính thức.
               Bộ công cụ dùng ba tên: ý chí chính trị và cam kết; quản trị và sự tham gia của mọi bên; huy động và sử
               dụng nguồn lực (hai tên đầu có cách diễn đạt tương ứng trên trang của UNESCO, tên thứ ba thì chưa).

            Danh sách 42 đặc trưng và cách đo từng đặc trưng: {sk.TAG_NOT_FOUND}. Vì vậy bộ công cụ **tự chấm theo lĩnh
            vực** (thang 1–5), không xét "đạt" hay "công nhận".
            """)),
        code('''
            import pandas as pd
            from khuyenhoc.catalogues import get_catalogue

            unesco = get_catalogue("unesco-key-features-2013")
            print(unesco.name, "| nguồn gốc:", unesco.provenance, "| thang:", unesco.rule.scale)
            pd.DataFrame([(nhom.name, linh_vuc.id, linh_vuc.text, linh_vuc.basis) for nhom, linh_vuc in unesco.indicators()],
                         columns=["Nhóm", "Mã", "Lĩnh vực", "Căn cứ (read = đã đọc, inferred = suy luận)"])
            '''),
        md(sk.section(3, "Tự chấm một hồ sơ", """
            Tổ tự đánh giá (Hội Khuyến học, ngành giáo dục, văn hóa, Đoàn thanh niên…) họp, thống nhất **mỗi lĩnh vực
            một điểm từ 1 (mới bắt đầu) đến 5 (rất tốt)**, có ghi lại lý do và minh chứng. Ví dụ dưới là điểm **giả định**
            của xã mẫu Hòa Mẫu. Bộ công cụ nhận điểm tự chấm qua `declared=`, như chỉ số tự khai ở Bài 2.
            """)),
        code('''
            from khuyenhoc import sample
            from khuyenhoc.engine import assess

            du_lieu = sample.load("mau")
            ma_xa = du_lieu.communes()["unit_id"].iloc[0]
            diem_tu_cham = {"UNESCO-A.1": 3, "UNESCO-A.2": 3, "UNESCO-A.3": 2,
                            "UNESCO-B.1": 4, "UNESCO-B.2": 4, "UNESCO-B.3": 2, "UNESCO-B.4": 2, "UNESCO-B.5": 3,
                            "UNESCO-B.6": 3, "UNESCO-C.1": 4, "UNESCO-C.2": 3, "UNESCO-C.3": 2}
            phieu = pd.DataFrame({"subject_id": ma_xa, "indicator_id": list(diem_tu_cham),
                                  "value": list(diem_tu_cham.values())})
            ho_so = assess(du_lieu, unesco, 2025, declared=phieu)
            ho_so.summary[["subject_id", "mean_rating", "result", "reason"]]
            '''),
        md(sk.section(4, "Biểu đồ hồ sơ", """
            `charts.unesco_profile_chart` vẽ biểu đồ mạng nhện: mỗi trụ cột một trục, điểm càng xa tâm càng tốt. Chỗ
            "lõm" vào là trụ cột yếu. Biểu đồ lưu được thành ảnh để gửi Zalo hoặc đưa vào báo cáo.
            """)),
        code('''
            from khuyenhoc import charts

            sau_tru_cot = ho_so.details.query("criterion_id == 'UNESCO-B'")
            diem_tru_cot = dict(zip(sau_tru_cot["indicator"].astype(str), sau_tru_cot["value"].astype(float)))
            hinh = charts.unesco_profile_chart(diem_tru_cot, title="Hồ sơ 6 trụ cột — xã mẫu (giả định)",
                                               path="ket_qua_bai_8/ho_so_unesco.png")
            '''),
        code('''
            yeu_nhat = min(diem_tru_cot, key=diem_tru_cot.get)
            print("Trụ cột điểm thấp nhất:", yeu_nhat, "—", diem_tru_cot[yeu_nhat], "điểm")
            '''),
        md("""
            Khi hai trụ cột cùng điểm thấp nhất, `min` chọn trụ cột đứng trước; tổ tự đánh giá nên bàn cả hai. Nối với
            các bài trước: trụ cột "học tập trong gia đình và cộng đồng" dựa vào Gia đình, Dòng họ, Cộng đồng học tập
            (Bài 2); "học tập tại nơi làm việc" dựa vào Đơn vị học tập và Công dân học tập; số liệu lấy từ chỉ tiêu
            (Bài 6).
            """),
        md(sk.try_it("""
            Sửa điểm trong ô dưới theo ý kiến của anh/chị về xã mình rồi chạy: trụ cột nào yếu nhất? Một việc cụ thể năm
            tới để nâng trụ cột đó là gì?
            """)),
        code('''
            diem_cua_toi = {"học tập hòa nhập trong hệ thống giáo dục": 3, "học tập trong gia đình và cộng đồng": 3,
                            "học tập tại nơi làm việc": 3, "công nghệ học tập hiện đại": 3, "chất lượng học tập": 3,
                            "văn hóa học tập suốt đời": 3}
            charts.unesco_profile_chart(diem_cua_toi, title="Hồ sơ của xã tôi");
            '''),
        md(sk.summary([
            "Sơn La: thành viên mạng lưới ngày 14/02/2024; ba bài học: tuyên truyền, tham mưu, tập huấn \"cầm tay chỉ việc\".",
            "Khung UNESCO: 42 đặc trưng; 3 lợi ích lâu dài, 6 trụ cột, các điều kiện cơ bản (**tên điều kiện là suy luận**).",
            "Đây là khung **tự đánh giá** (1–5), không xét công nhận; danh sách 42 đặc trưng chưa có trong máy.",
            "Biểu đồ mạng nhện cho thấy trụ cột yếu nhất để lập kế hoạch năm sau.",
        ])),
        md(sk.links([
            ("Kinh nghiệm của Hội Khuyến học cùng thành phố Sơn La", "tài liệu khóa học, bài báo số 000 (18/03/2024)"),
            ("Tài liệu của Mạng lưới thành phố học tập toàn cầu (UIL)",
             "https://uil.unesco.org/lifelong-learning/learning-cities/learning-cities-documents-and-materials-now-available-all-six"),
            ("Cách trở thành thành viên (UIL)", "https://uil.unesco.org/lifelong-learning/learning-cities/become-member"),
            ("Bài tập có chấm điểm", "bai_08 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài cuối khóa — đánh giá cả năm của xã mẫu thứ hai"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
