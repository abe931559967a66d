"""Lesson 0: first steps in JupyterLab (run, edit, save, submit, fix common mistakes)."""

from __future__ import annotations

from ..cells import code, md, notebook
from .. import skeleton as sk

SLUG = "00_lam_quen_jupyterlab"
TITLE = "Làm quen với JupyterLab"


def build():
    cells = [
        md(sk.title("0", TITLE, 60)),
        md(sk.objectives(
            ["chạy một ô lệnh và đọc kết quả;",
             "sửa một ô rồi chạy lại, lưu bài;",
             "nhận ra và tự sửa ba lỗi hay gặp: gõ sai tên, quên dấu ngoặc kép, chạy ô không theo thứ tự;",
             "biết nút **Validate** (kiểm tra bài) và **Submit** (nộp bài) nằm ở đâu."],
            "cán bộ khuyến học phải tổng hợp số liệu hội viên, quỹ khuyến học, mô hình học tập mỗi năm. "
            "Sổ tay (notebook) giữ cả lời giải thích lẫn phép tính ở cùng một chỗ, "
            "tính lại được khi số liệu thay đổi.")),
        md(sk.section(1, "Sổ tay gồm những ô", """
            Trang này là một **sổ tay** (notebook). Nó gồm nhiều **ô** xếp từ trên xuống:

            - **ô chữ** (như ô anh/chị đang đọc): lời giải thích;
            - **ô lệnh** (có chữ `[ ]:` bên trái): lệnh cho máy tính tính toán.

            Bấm chuột vào một ô để chọn nó: viền bên trái ô hiện màu xanh.
            """)),
        md(sk.section(2, "Chạy một ô", """
            Chọn ô lệnh bên dưới rồi bấm **Shift + Enter** (giữ phím Shift, bấm Enter).
            Kết quả hiện ngay dưới ô, và con trỏ chuyển sang ô tiếp theo.
            Khi ô đang chạy, bên trái hiện `[*]`; chạy xong thì hiện một con số, ví dụ `[1]`.
            """)),
        code('print("Xin chào các anh chị cán bộ khuyến học!")'),
        md("Máy tính cũng làm tính như một chiếc máy tính bỏ túi. "
           "Ví dụ: Chương trình của Thủ tướng về xây dựng xã hội học tập kéo dài từ 2021 đến 2030, "
           "tức là bao nhiêu năm?"),
        code("2030 - 2021 + 1"),
        md(sk.section(3, "Đặt tên cho một con số", """
            Ta có thể đặt **tên** cho một con số để dùng lại. Dấu `=` nghĩa là "gán": tên bên trái
            giữ giá trị bên phải. Tên viết liền, không dấu, dùng dấu gạch dưới `_` thay khoảng trắng.
            """)),
        md(sk.example("tỉ lệ hội viên của một xã", """
            Một xã có 1.998 hội viên khuyến học và 4.000 nhân khẩu. Hội viên chiếm bao nhiêu phần trăm dân số?
            (Xã Mai Lâm, Đông Anh có gần 2.000 hội viên, khoảng một nửa dân số.)
            """)),
        code("""
            so_hoi_vien = 1998
            dan_so = 4000
            ty_le = so_hoi_vien / dan_so * 100
            print("Tỉ lệ hội viên:", round(ty_le, 1), "%")
            """),
        md(sk.section(4, "Sửa một ô rồi chạy lại", """
            Nháy chuột vào ô trên, sửa `4000` thành `5000`, rồi bấm **Shift + Enter**.
            Kết quả đổi ngay. Đó là cái lợi của sổ tay: số liệu thay đổi thì chỉ cần chạy lại.

            **Lưu ý:** trong Python, dấu thập phân là **dấu chấm** (`49.95`), không phải dấu phẩy;
            và không viết dấu chấm ngăn cách hàng nghìn (`1998`, không phải `1.998`).
            """)),
        md(sk.section(5, "Lưu bài", """
            - Bấm **Ctrl + S** (hoặc biểu tượng đĩa mềm 💾 ở góc trên bên trái) để lưu.
            - JupyterLab cũng tự lưu sau vài phút, nhưng nên tự bấm lưu sau mỗi câu.
            - Nếu sổ tay "rối" (ô chạy lộn xộn), dùng menu **Kernel → Restart Kernel and Run All Cells…**
              (Khởi động lại và chạy tất cả): máy chạy lại mọi ô từ trên xuống.
            """)),
        md(sk.section(6, "Ba lỗi hay gặp và cách sửa", """
            Gặp lỗi là chuyện bình thường, máy không hỏng. Python in ra một khung chữ đỏ; hãy đọc
            **dòng cuối cùng**: nó nói tên lỗi. Ô dưới đây định nghĩa một công cụ nhỏ, `thu_chay`,
            chạy thử một dòng lệnh và giải thích lỗi bằng tiếng Việt (để sổ tay vẫn chạy tiếp được).
            """)),
        code('''
            import traceback

            GIAI_THICH = {
                "NameError": "Python không biết tên này. Kiểm tra: gõ đúng chính tả chưa? "
                             "Ô đặt tên đó đã được chạy chưa? Chữ có cần để trong dấu ngoặc kép không?",
                "SyntaxError": "Câu lệnh viết sai cú pháp. Kiểm tra dấu ngoặc kép, ngoặc đơn đã đóng đủ chưa.",
                "ZeroDivisionError": "Đang chia cho 0. Kiểm tra số ở mẫu số.",
                "TypeError": "Đang tính với hai loại dữ liệu không hợp nhau, ví dụ cộng chữ với số.",
            }

            def thu_chay(dong_lenh, bien=None):
                """Chạy thử một dòng lệnh; nếu lỗi thì giải thích bằng tiếng Việt."""
                try:
                    exec(dong_lenh, {} if bien is None else dict(bien))
                    print("✅ Chạy được, không có lỗi.")
                except Exception as loi:
                    ten = type(loi).__name__
                    print("❌ Dòng cuối của thông báo lỗi:", traceback.format_exception_only(loi)[-1].strip())
                    print("👉", GIAI_THICH.get(ten, "Đọc kỹ dòng lỗi và hỏi giảng viên nếu chưa rõ."))
            '''),
        md("""
            **Lỗi 1 — gõ sai tên** (`NameError`). Tên đúng là `so_hoi_vien`, nhưng ở đây gõ thiếu chữ `i`:
            """),
        code('thu_chay("print(so_hoi_ven)", {"so_hoi_vien": 1998})'),
        md("""
            **Lỗi 2 — quên dấu ngoặc kép.** Chữ (tên xã, tên thôn…) phải nằm trong dấu ngoặc kép `"…"`.
            Thiếu ngoặc, Python tưởng đó là một cái tên:
            """),
        code('thu_chay("ten_xa = Mai_Lam")\nthu_chay(\'ten_xa = "Mai Lâm"\')'),
        md("""
            Quên dấu ngoặc kép ở **một đầu** thì lỗi là `SyntaxError`:
            """),
        code('thu_chay(\'ten_xa = "Mai Lâm\')'),
        md("""
            **Lỗi 3 — chạy ô không theo thứ tự.** Nếu mở sổ tay ra và chạy ngay ô tính `ty_le` mà chưa chạy
            ô đặt `so_hoi_vien`, máy báo `NameError` như lỗi 1. Ngược lại, nếu sửa `dan_so` ở một ô phía
            dưới rồi quay lên chạy lại ô phía trên, kết quả sẽ dùng con số **mới**, dù trên màn hình ta
            vẫn thấy số cũ. Số trong ngoặc vuông `[3]`, `[7]` cho biết thứ tự ô đã chạy.

            👉 **Cách sửa chắc chắn:** menu **Kernel → Restart Kernel and Run All Cells…**
            """),
        code("""
            # Mô phỏng: chạy ô tính trước khi có số liệu
            thu_chay("ty_le = so_hoi_vien_moi / dan_so * 100", {"dan_so": 4000})
            """),
        md(sk.section(7, "Một nút bấm nhỏ", """
            Sổ tay có thể có nút bấm, thanh trượt (gọi là *widget*). Kéo thanh trượt để chọn tỉ lệ
            mục tiêu, rồi bấm nút: kết quả hiện trong khung bên dưới nút.
            (Khi máy chấm bài tự động, phần này được bỏ qua, vì không có ai bấm nút.)
            """)),
        code('''
            import math
            import os

            import ipywidgets as widgets
            from IPython.display import display

            so_ho = 1250
            thanh_truot = widgets.IntSlider(value=70, min=50, max=100, step=5,
                                            description="Mục tiêu (%)",
                                            tooltip="Tỉ lệ gia đình học tập cần đạt")
            nut = widgets.Button(description="Tính số gia đình", tooltip="Bấm để tính", icon="calculator")
            khung_ket_qua = widgets.Output()

            @khung_ket_qua.capture(clear_output=True)
            def khi_bam_nut(_nut):
                can_dat = math.ceil(so_ho * thanh_truot.value / 100)
                print(f"Xã có {so_ho} hộ, mục tiêu {thanh_truot.value}%: cần {can_dat} gia đình học tập.")

            nut.on_click(khi_bam_nut)

            if os.environ.get("NBGRADER_EXECUTION"):
                print("Đang chấm bài tự động: bỏ qua nút bấm.")
            else:
                display(widgets.VBox([thanh_truot, nut, khung_ket_qua]))
                nut.click()  # tính sẵn một lần để khung không trống
            '''),
        md(sk.section(8, "Làm bài có chấm điểm: Validate và Submit", """
            Bài tập có chấm điểm được giảng viên phát qua thẻ **Assignments** (menu **Nbgrader → Assignments**).
            Các nút của công cụ chấm bài (nbgrader) **vẫn bằng tiếng Anh**:

            | Nút (tiếng Anh) | Nghĩa | Khi nào bấm |
            |---|---|---|
            | **Fetch** | Lấy bài về | Đầu buổi, để nhận bài tập mới |
            | **Validate** | Kiểm tra bài | Trước khi nộp: máy chạy lại toàn bộ và báo ô nào còn lỗi |
            | **Submit** | Nộp bài | Khi đã làm xong và đã lưu (Ctrl + S) |
            | **Fetch Feedback** | Lấy nhận xét | Sau khi giảng viên chấm xong |

            Trong bài tập, ô trả lời có sẵn hai dòng:
            `# VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY` và `raise NotImplementedError()`.
            **Xóa cả hai dòng** rồi viết câu trả lời. Các ô kiểm tra (có khóa 🔒) không sửa được;
            chạy chúng để biết câu trả lời đã đúng dạng chưa. **Đừng sao chép hay xóa ô** trong bài tập.
            """)),
        md(sk.try_it("""
            Thôn Đông có 312 hộ; 226 hộ đã được công nhận "Gia đình học tập".
            Ở ô dưới, thay `None` bằng phép tính tỉ lệ phần trăm (hộ được công nhận chia cho tổng số hộ,
            nhân 100), rồi chạy ô, rồi chạy ô kiểm tra ngay sau đó.
            """)),
        code("""
            ty_le_thon_dong = None   # sửa dòng này, ví dụ: 226 / 312 * 100
            """),
        code('''
            if ty_le_thon_dong is None:
                print("Chưa làm: hãy thay None bằng phép tính rồi chạy lại ô trên.")
            elif abs(ty_le_thon_dong - 226 / 312 * 100) < 0.01:
                print(f"✅ Đúng rồi: {ty_le_thon_dong:.1f}%. Thôn Đông đã vượt mục tiêu 70%.")
            elif abs(ty_le_thon_dong - 226 / 312) < 0.01:
                print("Gần đúng: anh/chị quên nhân 100 để ra phần trăm.")
            else:
                print("Chưa đúng: kiểm tra lại phép chia (226 chia cho 312) rồi nhân 100.")
            '''),
        md(sk.summary([
            "**Shift + Enter** chạy ô đang chọn; **Ctrl + S** lưu bài.",
            "Đọc **dòng cuối** của thông báo lỗi: `NameError` = sai tên hoặc chưa chạy ô đặt tên; "
            "`SyntaxError` = thiếu dấu ngoặc.",
            "Chữ phải nằm trong dấu ngoặc kép; số thập phân dùng dấu chấm.",
            "Sổ tay rối thì **Kernel → Restart Kernel and Run All Cells…**",
            "**Validate** = kiểm tra bài, **Submit** = nộp bài; trong ô trả lời, xóa hai dòng có sẵn rồi viết vào.",
        ])),
        md(sk.links([
            ("Bài tiếp theo", "01_van_ban_chi_dao.ipynb (Văn bản chỉ đạo và các mô hình học tập)"),
            ("Bài tập khởi động có chấm điểm", "bai_00 (nhận qua thẻ Assignments)"),
            ("Hướng dẫn JupyterLab (tiếng Anh)", "https://jupyterlab.readthedocs.io/en/stable/user/interface.html"),
        ])),
    ]
    return notebook(SLUG, cells, TITLE)
