"""Lesson 6: indicators against targets, by commune and by village, over the years."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "06_chi_tieu"
TITLE = "Chỉ tiêu"


def build():
    cells = [
        md(sk.title("6", TITLE, 90)),
        md(sk.objectives(
            ["hiểu một chỉ tiêu là **tử số / mẫu số**: tỉ lệ hội viên trên dân số, quỹ khuyến học bình quân đầu "
             "người, tỉ lệ cán bộ được tập huấn, lớp và chuyên cần ở trung tâm học tập cộng đồng (TTHTCĐ), biết chữ, "
             "trẻ đi học;",
             "tính các chỉ tiêu của xã trong một năm bằng bộ công cụ và so với chỉ tiêu phấn đấu;",
             "tìm các thôn còn thấp và xem xu hướng qua các năm;",
             "biết chỉ tiêu nào có văn bản, chỉ tiêu nào chỉ là ví dụ của một địa phương."],
            "lớp tập huấn ở Thanh Oai giao chỉ tiêu cụ thể: hội viên từ 19,5% dân số, quỹ khuyến học từ 50.000 đồng "
            "mỗi người dân, 80–100% cán bộ được tập huấn; Yên Bái báo cáo 84 lớp xóa mù chữ và tỉ lệ huy động trẻ "
            "đến trường trên 99%. Cán bộ phải tính được các con số đó cho xã mình, thôn mình.")),
        md(sk.LEGEND),
        md(sk.section(1, "Chỉ tiêu là một phép chia", """
            Mỗi chỉ tiêu tỉ lệ có **tử số** (đếm cái đạt) và **mẫu số** (đếm tất cả), nhân với một hệ số:
            tỉ lệ hội viên = số hội viên ÷ dân số × 100. Bộ công cụ ghi sẵn định nghĩa của từng chỉ tiêu (tử số là gì,
            mẫu số là gì, tính được ở cấp nào) trong một danh mục. Chạy ô dưới để xem danh mục.
            """)),
        code('''
            import pandas as pd
            from khuyenhoc import sample
            from khuyenhoc.indicators import (COLUMN_LABELS, compute, lagging_villages, latest_complete_year,
                                              load_definitions, load_targets, trends)

            pd.set_option("display.max_colwidth", 80)
            danh_muc = load_definitions().frame()
            danh_muc
            '''),
        md(sk.section(2, "Chỉ tiêu phấn đấu và nguồn của nó", """
            Bảng chỉ tiêu phấn đấu ghi **nguồn** của từng con số. Cột "status": `READ` là con số ✅ đọc được trong văn
            bản (QĐ 387, QĐ 677, Nghị định 20/2014); `example` là **ví dụ** của lớp tập huấn Thanh Oai, không phải
            chỉ tiêu của xã anh/chị. Xã có kế hoạch riêng thì ghi vào một tệp chỉ tiêu riêng (YAML hoặc CSV) và đưa
            vào `compute(..., targets="tep_chi_tieu.csv")`.
            """)),
        code('''
            chi_tieu_phan_dau = load_targets()
            chi_tieu_phan_dau[["indicator", "year", "value", "direction", "source", "status"]]
            '''),
        md(f"""
            Chỉ tiêu quốc gia năm 2030 cho gia đình, dòng họ, cộng đồng, đơn vị học tập: {sk.TAG_NOT_FOUND}, nên bảng để
            trống, bộ công cụ dùng mốc 2025 và ghi chú lại.
            """),
        md(sk.section(3, "Các chỉ tiêu của xã mẫu năm 2025", """
            Đọc số liệu xã mẫu Hòa Mẫu (giả định). Năm báo cáo là **năm gần nhất đã đủ cả năm**: năm 2026 trong sổ mẫu
            mới có vài tháng, tính tỉ lệ cho năm đó sẽ sai.
            """)),
        code('''
            du_lieu = sample.load("mau")
            nam = latest_complete_year(du_lieu)
            print("Các năm có số liệu:", du_lieu.years(), "— năm báo cáo:", nam)
            '''),
        code('''
            bang_xa = compute(du_lieu, nam, "xã")
            cot = ["name", "numerator", "denominator", "value", "unit", "target", "met", "target_status"]
            NHAN = COLUMN_LABELS | {"target": "Mức phấn đấu"}   # tên cột tiếng Việt để đọc cho dễ
            bang_xa[cot].rename(columns=NHAN)
            '''),
        md("""
            Mỗi dòng là một chỉ tiêu: **Tử số**, **Mẫu số**, **Giá trị** (= tử số ÷ mẫu số × hệ số), **Mức phấn đấu**
            (nếu có) và **Đạt chỉ tiêu**. Ô trống (`<NA>`) nghĩa là chỉ tiêu đó chưa có mức phấn đấu, chỉ để theo dõi.
            """),
        md(sk.example("đọc sáu chỉ tiêu quen thuộc, viết kiểu Việt Nam", """
            `gia_tri` viết số kiểu Việt Nam (dấu phẩy thập phân, dấu chấm phân nhóm nghìn) kèm đơn vị. Lấy một chỉ tiêu
            ra khỏi bảng bằng mã của nó (cột `indicator`).
            """)),
        code('''
            from khuyenhoc.indicators.vnformat import gia_tri

            theo_ma = bang_xa.set_index("indicator")
            for ma in ["hoi_vien_dan_so", "quy_binh_quan", "can_bo_tap_huan", "tthtcd_lop", "tthtcd_chuyen_can",
                       "biet_chu_15_60", "tre_di_hoc"]:
                r = theo_ma.loc[ma]
                muc = "" if pd.isna(r["target"]) else f" (chỉ tiêu {gia_tri(r['target'], r['unit'])})"
                print(f"{r['name']}: {gia_tri(r['value'], r['unit'])}{muc}")
            '''),
        md("""
            - **Tỉ lệ hội viên trên dân số**: hội viên còn sinh hoạt ngày 31/12 ÷ dân số trong sổ năm đó.
              Mai Lâm (Đông Anh) có khoảng 2.000 hội viên, khoảng 50% dân số; Sơn La 28%.
            - **Quỹ bình quân đầu người**: tổng thu quỹ khuyến học trong năm (Hội xã và các chi hội) ÷ dân số.
            - **Cán bộ được tập huấn**: cán bộ Hội có ít nhất một lượt tập huấn trong năm ÷ số cán bộ Hội.
            - **TTHTCĐ**: số lớp chuyên đề, số lượt học viên, và chuyên cần = buổi học viên đã dự ÷ buổi phải dự.
            - **Biết chữ**: người 15–60 tuổi biết chữ mức độ 2 ÷ người 15–60 tuổi (chuẩn xóa mù chữ mức độ 2 của xã:
              90%, Nghị định 20/2014/NĐ-CP).
            - **Trẻ đi học**: trẻ trong diện đang đi học ÷ trẻ trong diện (Yên Bái: trên 99%).
            """),
        md(sk.section(4, "Theo thôn: thôn nào còn thấp?", """
            Cùng hàm `compute`, cấp `"thôn"`. `lagging_villages` liệt kê các thôn **dưới chỉ tiêu** (hoặc, khi chỉ tiêu
            chưa có mức phấn đấu, **dưới mức chung của xã**), thôn thiếu nhiều nhất đứng đầu. Cột "gap" (chênh lệch)
            âm là còn thiếu.
            """)),
        code('''
            bang_thon = compute(du_lieu, nam, "thôn")
            bang_thon[bang_thon["indicator"] == "gdht"][["unit_name", "numerator", "denominator", "value", "target", "met"]]
            '''),
        code('''
            thon_cham = lagging_villages(du_lieu, nam)
            thon_cham[["name", "unit_name", "value", "reference", "basis", "gap"]].rename(columns=NHAN | {
                "reference": "Mức so sánh", "basis": "So với"})
            '''),
        md("""
            Trong mỗi chỉ tiêu, thôn đứng **đầu** bảng là thôn thiếu nhiều nhất. Với xã mẫu năm 2025, thôn thấp nhất về
            gia đình học tập còn cách chỉ tiêu 70% gần 20 điểm phần trăm, và vài thôn có tỉ lệ trẻ đi học dưới mức chung
            của xã. Đó là nơi Ban Thường vụ nên đến làm việc với chi hội trước.
            """),
        md(sk.section(5, "Xu hướng qua các năm", """
            `trends` cho mỗi chỉ tiêu một dòng, mỗi năm một cột. Năm 2026 chưa đủ năm nên các tỉ lệ năm đó chưa so
            sánh được.
            """)),
        code('''
            xu_huong = trends(du_lieu, "xã", indicators=["hoi_vien_dan_so", "quy_binh_quan", "gdht", "xmc_lop",
                                                         "tthtcd_chuyen_can"])
            xu_huong.drop(columns=["unit_id"])
            '''),
        md(sk.section(6, "Chọn thôn và năm để xem", """
            Chọn một thôn và một năm rồi bấm nút: bảng chỉ tiêu của thôn đó hiện ở khung bên dưới. Ô này không tính
            điểm; khi máy chấm bài, ô tự bỏ qua.
            """)),
        code('''
            import os

            import ipywidgets as widgets
            from IPython.display import display

            bang_thon_moi_nam = compute(du_lieu, None, "thôn")
            danh_sach_thon = sorted(bang_thon_moi_nam["unit_name"].unique())
            chon_thon = widgets.Dropdown(options=danh_sach_thon, description="Thôn:", tooltip="Chọn thôn")
            chon_nam = widgets.Dropdown(options=du_lieu.years(), value=nam, description="Năm:", tooltip="Chọn năm")
            nut_xem = widgets.Button(description="Xem chỉ tiêu", icon="table", tooltip="Bấm để xem")
            khung_xem = widgets.Output()


            @khung_xem.capture(clear_output=True)
            def xem_thon(_nut=None):
                chon = bang_thon_moi_nam[(bang_thon_moi_nam["unit_name"] == chon_thon.value)
                                         & (bang_thon_moi_nam["year"] == chon_nam.value)]
                print(f"{chon_thon.value}, năm {chon_nam.value}:")
                for r in chon.to_dict("records"):
                    dat = "" if pd.isna(r["met"]) else (" — đạt" if r["met"] else " — CHƯA ĐẠT")
                    muc = "" if pd.isna(r["target"]) else f" (chỉ tiêu {gia_tri(r['target'], r['unit'])})"
                    print(f"  {r['name']}: {gia_tri(r['value'], r['unit'])}{muc}{dat}")


            nut_xem.on_click(xem_thon)
            if os.environ.get("NBGRADER_EXECUTION"):
                print("Đang chấm bài tự động: bỏ qua phần chọn thôn.")
            else:
                display(widgets.VBox([widgets.HBox([chon_thon, chon_nam]), nut_xem, khung_xem]))
                xem_thon()
            '''),
        md(sk.try_it("""
            Đổi mã chỉ tiêu trong ô dưới (ví dụ `"cong_dan_ht"`, `"tre_di_hoc"`, `"hoi_vien_dan_so"`) và năm, rồi chạy
            lại. Thôn nào cần giúp đỡ trước? Có thôn nào thấp ở nhiều chỉ tiêu cùng lúc không?
            """)),
        code('''
            ma_chi_tieu = "cong_dan_ht"   # sửa mã chỉ tiêu ở đây
            nam_xem = 2024                 # sửa năm ở đây
            lagging_villages(du_lieu, nam_xem, indicators=[ma_chi_tieu])[["unit_name", "value", "reference", "gap"]]
            '''),
        md(sk.summary([
            "Chỉ tiêu tỉ lệ = tử số ÷ mẫu số × hệ số; danh mục ghi rõ tử số, mẫu số của từng chỉ tiêu.",
            "`compute(du_lieu, nam, \"xã\")` (hoặc `\"thôn\"`) tính mọi chỉ tiêu và so với chỉ tiêu phấn đấu.",
            "Báo cáo năm dùng năm đã đủ số liệu cả năm (`latest_complete_year`), không dùng năm đang chạy.",
            "`lagging_villages` chỉ ra các thôn còn thấp; `trends` cho xu hướng qua các năm.",
            "Chỉ tiêu có nguồn: ✅ văn bản (QĐ 387, QĐ 677, NĐ 20/2014) hay chỉ là ví dụ của địa phương khác; "
            "xã đưa kế hoạch riêng vào một tệp chỉ tiêu.",
        ])),
        md(sk.links([
            ("Chỉ tiêu QĐ 387, QĐ 677, QĐ 1373", "Bài 1, mục 3–5"),
            ("Danh mục chỉ tiêu của bộ công cụ", "toolkit/khuyenhoc/indicators/definitions.yaml"),
            ("Chỉ tiêu phấn đấu (sửa được)", "toolkit/khuyenhoc/indicators/targets.yaml"),
            ("Bài tập có chấm điểm", "bai_06 (nhận qua thẻ Assignments)"),
            ("Bài tiếp theo", "Bài 7 — Báo cáo"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
