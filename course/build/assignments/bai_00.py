"""bai_00: a tiny warm-up (assign a name, add, compute a percentage, one written sentence)."""

from __future__ import annotations

from ..cells import answer, code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_00"
TITLE = "Khởi động"
POINTS = 5


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 0", TITLE, 20) + "\n\n" + sk.objectives(
            ["gán một dòng chữ và một con số cho một cái tên;", "tính tỉ lệ phần trăm;",
             "làm quen với ô trả lời, ô kiểm tra, Validate và Submit."],
            "mọi báo cáo khuyến học đều có tỉ lệ phần trăm (hội viên trên dân số, gia đình học tập trên tổng số hộ). "
            f"Bài có {POINTS} điểm.")),
        *setup_cells(a),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (1 điểm)
            Gán **tên xã** của anh/chị cho `ten_xa`. Tên là chữ nên phải nằm trong dấu ngoặc kép, ví dụ:
            `ten_xa = "Mai Lâm"`.
            """),
        answer(f"{a}_cau_1", """
            ### BEGIN SOLUTION
            ten_xa = "Mai Lâm"
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_1", """
            da_tra_loi("ten_xa")
            assert isinstance(ten_xa, str), 'Câu 1: tên xã là chữ, hãy đặt trong dấu ngoặc kép, ví dụ ten_xa = "Mai Lâm".'
            assert ten_xa.strip() != "", "Câu 1: tên xã đang để trống. Viết tên xã vào giữa hai dấu ngoặc kép."
            assert any(k.isalpha() for k in ten_xa), "Câu 1: tên xã phải có chữ cái, không chỉ có số hay dấu."
            print("✅ Câu 1 đúng dạng:", unicodedata.normalize("NFC", ten_xa.strip()))
            """, points=1),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (1 điểm)
            Chi hội thôn Đông có 1.250 hội viên, chi hội thôn Đoài có 748 hội viên. Gán **tổng số hội viên** của
            hai chi hội cho `so_hoi_vien`. Viết phép cộng, để máy tính giúp: `so_hoi_vien = 1250 + 748`.
            (Trong Python không viết dấu chấm ngăn cách hàng nghìn.)
            """),
        answer(f"{a}_cau_2", """
            ### BEGIN SOLUTION
            so_hoi_vien = 1250 + 748
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_2", """
            da_tra_loi("so_hoi_vien")
            assert la_so(so_hoi_vien), "Câu 2: so_hoi_vien phải là một con số, không để trong dấu ngoặc kép."
            print("✅ Câu 2 đúng dạng.")
            ### BEGIN HIDDEN TESTS
            assert so_hoi_vien == 1998, (f"Câu 2: tổng số hội viên chưa đúng (đang là {so_hoi_vien}). "
                                         "Kiểm tra lại hai số 1250 và 748 đã gõ đúng chưa.")
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (2 điểm)
            Hai thôn có 4.000 nhân khẩu. Gán cho `ty_le` **tỉ lệ phần trăm** hội viên trên dân số
            (số hội viên chia cho dân số, **nhân 100**). Dùng lại tên `so_hoi_vien` ở câu 2.
            """),
        answer(f"{a}_cau_3", """
            ### BEGIN SOLUTION
            ty_le = so_hoi_vien / 4000 * 100
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_3", """
            da_tra_loi("ty_le", "so_hoi_vien")
            assert la_so(ty_le), "Câu 3: ty_le phải là một con số (một phép tính), không để trong dấu ngoặc kép."
            assert not (0 < ty_le < 1), (f"Câu 3: ty_le đang là {ty_le:.4f}. Có phải anh/chị quên nhân 100? "
                                         "Tỉ lệ phần trăm = số hội viên / dân số * 100.")
            assert 0 <= ty_le <= 100, f"Câu 3: tỉ lệ phần trăm phải nằm trong khoảng 0 đến 100 (đang là {ty_le})."
            print(f"✅ Câu 3 đúng dạng: {ty_le:.2f}%.")
            ### BEGIN HIDDEN TESTS
            dung = [1998 / 4000 * 100]
            if la_so(so_hoi_vien):
                dung.append(so_hoi_vien / 4000 * 100)
            assert any(abs(ty_le - d) < 0.01 for d in dung), (
                f"Câu 3: tỉ lệ chưa đúng (đang là {ty_le:.2f}). Chia số hội viên cho 4000 (dân số), rồi nhân 100.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_thanh_truot_de", """
            ## Thử thêm (không tính điểm)
            Kéo thanh trượt để đổi dân số và xem tỉ lệ hội viên thay đổi thế nào.
            """),
        code("""
            import ipywidgets as widgets
            from IPython.display import display

            if os.environ.get("NBGRADER_EXECUTION"):
                print("Đang chấm bài tự động: bỏ qua thanh trượt.")
            else:
                dan_so = widgets.IntSlider(value=4000, min=2000, max=8000, step=250, description="Dân số",
                                           tooltip="Tổng số nhân khẩu của hai thôn")
                khung = widgets.Output()

                @khung.capture(clear_output=True)
                def cap_nhat(_thay_doi=None):
                    print(f"1.998 hội viên trên {dan_so.value:,} nhân khẩu = {1998 / dan_so.value * 100:.1f}%".replace(",", "."))

                dan_so.observe(cap_nhat, names="value")
                display(dan_so, khung)
                cap_nhat()
            """),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (1 điểm, giảng viên chấm)
            Trong một hoặc hai câu: sau khóa này, anh/chị muốn dùng máy tính để làm việc gì trong công tác khuyến học?
            Nháy đúp vào ô dưới để viết, xong bấm Shift + Enter.
            """),
        written(f"{a}_cau_4", """
            Tôi muốn tự tổng hợp số gia đình học tập của các thôn và lập báo cáo cuối năm gửi Hội cấp trên mà không phải
            cộng tay.
            """, points=1),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
