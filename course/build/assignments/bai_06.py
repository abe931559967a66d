"""bai_06: indicators of the sample commune against targets, lagging villages, a recommendation (lesson 6)."""

from __future__ import annotations

from ..cells import answer, locked_code, locked_md, notebook, tests, written
from .. import skeleton as sk
from .common import setup_cells

ASSIGNMENT = "bai_06"
TITLE = "Chỉ tiêu"
POINTS = 15

#: Loads the sample commune once; ``_chuan`` gives the toolkit's own values to the hidden tests.
DATA_SETUP = '''
import pandas as pd
from khuyenhoc import sample
from khuyenhoc.indicators import COLUMN_LABELS, compute, lagging_villages, trends

du_lieu = sample.load("mau")
NAM = 2025

_bo_nho = {}


def _chuan(ma, nam=NAM):
    """Giá trị cấp xã của bộ công cụ cho một chỉ tiêu (máy chấm dùng để so sánh)."""
    if "xã" not in _bo_nho:
        _bo_nho["xã"] = compute(du_lieu, None, "xã").set_index(["indicator", "year"])["value"]
    return float(_bo_nho["xã"][(ma, nam)])


def _so_sanh(ten, gia_tri, ma, sai_so, phan_tram=True):
    """Kiểm tra một chỉ tiêu; thông báo bằng tiếng Việt điều cần xem lại."""
    dung = _chuan(ma)
    assert la_so(gia_tri), f"{ten} phải là một con số."
    if abs(gia_tri - dung) <= sai_so:
        return
    if phan_tram and abs(gia_tri * 100 - dung) <= sai_so:
        raise AssertionError(f"{ten} đang là {gia_tri:.4f}: có phải anh/chị lấy tử số ÷ mẫu số mà quên nhân 100? "
                             "Cột value của bảng đã là số phần trăm.")
    if not phan_tram and dung >= 1000 > gia_tri and abs(gia_tri * 1000 - dung) <= 1000:
        raise AssertionError(f"{ten} đang là {gia_tri}: trong Python không viết dấu chấm phân nhóm nghìn "
                             "(ví dụ viết 1250000, không viết 1.250.000).")
    for nam_khac in (2026, 2024):
        if abs(gia_tri - _chuan(ma, nam_khac)) <= sai_so:
            raise AssertionError(f"{ten}: đây là giá trị năm {nam_khac}. Bài hỏi năm {NAM}"
                                 + (" (năm 2026 chưa đủ cả năm)." if nam_khac == 2026 else "."))
    raise AssertionError(f"{ten} chưa đúng (đang là {gia_tri}). Lấy cột value của dòng có mã '{ma}' "
                         f"trong bảng chỉ tiêu cấp xã năm {NAM}.")


print("✅ Đã đọc số liệu xã mẫu Hòa Mẫu:", len(du_lieu.persons), "nhân khẩu.")
'''


def _indicator(a: str, key: str, name: str, code: str, tol: float, pct: bool):
    return tests(f"{a}_kiem_tra_{key}", f'''
        da_tra_loi("{key}")
        assert la_so({key}), "Câu 2: {key} phải là một con số (không để trong dấu ngoặc kép, không có dấu %)."
        print("✅ Câu 2: {key} đúng dạng.")
        ### BEGIN HIDDEN TESTS
        _so_sanh("Câu 2 ({name})", {key}, "{code}", {tol}, phan_tram={pct})
        ### END HIDDEN TESTS
        ''', points=1)


def build():
    a = ASSIGNMENT
    cells = [
        locked_md(f"{a}_tieu_de", sk.title("tập 6", TITLE, 45) + "\n\n" + sk.objectives(
            ["tính các chỉ tiêu của xã mẫu năm 2025 bằng bộ công cụ;", "đọc đúng giá trị, đơn vị, năm;",
             "tìm các chỉ tiêu chưa đạt và các thôn còn thấp;", "đề xuất việc cần làm cho một thôn còn thấp."],
            "báo cáo năm và tham mưu cho cấp ủy đều dựa trên các chỉ tiêu này. "
            f"Bài có {POINTS} điểm: 12 điểm máy chấm, 3 điểm giảng viên chấm.")),
        *setup_cells(a),
        locked_code(f"{a}_du_lieu", DATA_SETUP),
        locked_md(f"{a}_cau_1_de", """
            ## Câu 1 (2 điểm): bảng chỉ tiêu cấp xã
            Dùng `compute` (mục 3 của Bài 6) để tính **mọi chỉ tiêu cấp xã của năm 2025** cho `du_lieu`. Gán bảng kết quả
            cho `bang_xa`.
            """),
        answer(f"{a}_cau_1", """
            ### BEGIN SOLUTION
            bang_xa = compute(du_lieu, 2025, "xã")
            ### END SOLUTION
            bang_xa[["indicator", "name", "value", "unit", "target", "met"]]
            """),
        tests(f"{a}_kiem_tra_cau_1_bang", """
            da_tra_loi("bang_xa")
            assert isinstance(bang_xa, pd.DataFrame), "Câu 1: bang_xa phải là bảng mà compute trả về."
            assert {"indicator", "value", "year", "level"} <= set(bang_xa.columns), (
                "Câu 1: bảng chưa có các cột của compute (indicator, value, year…). Gán thẳng kết quả của compute.")
            print("✅ Câu 1: đã có bảng chỉ tiêu.")
            """, points=1),
        tests(f"{a}_kiem_tra_cau_1_nam_cap", """
            da_tra_loi("bang_xa")
            ### BEGIN HIDDEN TESTS
            assert set(bang_xa["level"]) == {"xã"}, ("Câu 1: bảng đang là cấp " + ", ".join(sorted(set(bang_xa["level"]))) +
                                                     '. Bài hỏi cấp xã: compute(du_lieu, 2025, "xã").')
            assert set(bang_xa["year"].astype(int)) == {2025}, (
                "Câu 1: bảng phải chỉ có năm 2025; đang có năm " + ", ".join(map(str, sorted(set(bang_xa["year"].astype(int))))) +
                ". Ghi năm khi gọi compute.")
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_2_de", """
            ## Câu 2 (6 điểm, mỗi chỉ tiêu 1 điểm): đọc sáu chỉ tiêu năm 2025
            Lấy **giá trị** (cột `value`) từ bảng chỉ tiêu cấp xã năm 2025 và gán cho sáu tên dưới đây. Mẹo:
            `bang_xa.set_index("indicator").loc["hoi_vien_dan_so", "value"]`. Tỉ lệ ghi bằng **số phần trăm**
            (ví dụ 32.9, không phải 0.329); nếu làm tròn thì giữ ít nhất **một chữ số thập phân**; tiền ghi số đồng
            (trong Python không viết dấu chấm phân nhóm nghìn).

            | Tên | Chỉ tiêu | Mã |
            |---|---|---|
            | `ty_le_hoi_vien` | Tỷ lệ hội viên trên dân số (%) | `hoi_vien_dan_so` |
            | `quy_binh_quan` | Quỹ khuyến học bình quân đầu người (đồng/người) | `quy_binh_quan` |
            | `ty_le_can_bo_tap_huan` | Tỷ lệ cán bộ Hội được tập huấn (%) | `can_bo_tap_huan` |
            | `so_lop_tthtcd` | Số lớp chuyên đề của TTHTCĐ | `tthtcd_lop` |
            | `ty_le_chuyen_can` | Tỷ lệ chuyên cần ở lớp chuyên đề (%) | `tthtcd_chuyen_can` |
            | `ty_le_biet_chu` | Tỷ lệ người 15–60 tuổi biết chữ mức độ 2 (%) | `biet_chu_15_60` |
            """),
        answer(f"{a}_cau_2", """
            ### BEGIN SOLUTION
            gia_tri_xa = bang_xa.set_index("indicator")["value"]
            ty_le_hoi_vien = gia_tri_xa["hoi_vien_dan_so"]
            quy_binh_quan = gia_tri_xa["quy_binh_quan"]
            ty_le_can_bo_tap_huan = gia_tri_xa["can_bo_tap_huan"]
            so_lop_tthtcd = gia_tri_xa["tthtcd_lop"]
            ty_le_chuyen_can = gia_tri_xa["tthtcd_chuyen_can"]
            ty_le_biet_chu = gia_tri_xa["biet_chu_15_60"]
            ### END SOLUTION
            """),
        _indicator(a, "ty_le_hoi_vien", "tỷ lệ hội viên", "hoi_vien_dan_so", 0.06, True),
        _indicator(a, "quy_binh_quan", "quỹ bình quân đầu người", "quy_binh_quan", 1.0, False),
        _indicator(a, "ty_le_can_bo_tap_huan", "cán bộ được tập huấn", "can_bo_tap_huan", 0.06, True),
        _indicator(a, "so_lop_tthtcd", "số lớp TTHTCĐ", "tthtcd_lop", 0.0, False),
        _indicator(a, "ty_le_chuyen_can", "chuyên cần", "tthtcd_chuyen_can", 0.06, True),
        _indicator(a, "ty_le_biet_chu", "biết chữ", "biet_chu_15_60", 0.06, True),
        locked_md(f"{a}_cau_3_de", """
            ## Câu 3 (2 điểm): chỉ tiêu nào chưa đạt?
            Gán cho `chua_dat` **danh sách mã** (cột `indicator`) của mọi chỉ tiêu cấp xã năm 2025 **chưa đạt** chỉ tiêu
            phấn đấu (cột `met` là `False`). Chỉ tiêu chưa có mức phấn đấu (`met` trống) không tính là chưa đạt.
            Ví dụ cách ghi: `chua_dat = ["gdht", "dhht"]`, hoặc lọc bảng: `bang_xa[bang_xa["met"] == False]`.
            """),
        answer(f"{a}_cau_3", """
            ### BEGIN SOLUTION
            chua_dat = bang_xa.loc[bang_xa["met"] == False, "indicator"].tolist()  # noqa: E712
            ### END SOLUTION
            chua_dat
            """),
        tests(f"{a}_kiem_tra_cau_3", """
            da_tra_loi("chua_dat")
            assert isinstance(chua_dat, (list, tuple, set, pd.Series)), (
                'Câu 3: chua_dat là một danh sách mã trong ngoặc vuông, ví dụ ["gdht", "dhht"].')
            _ghi = {chuan_hoa(m) for m in chua_dat}
            print("✅ Câu 3 đúng dạng:", len(_ghi), "mã.")
            ### BEGIN HIDDEN TESTS
            _b = compute(du_lieu, NAM, "xã")
            _dung = set(_b.loc[_b["met"] == False, "indicator"])  # noqa: E712
            _chua_co_muc = set(_b.loc[_b["met"].isna(), "indicator"])
            assert not (_ghi & _chua_co_muc), (
                "Câu 3: " + ", ".join(sorted(_ghi & _chua_co_muc)) + " chưa có mức phấn đấu (met trống), "
                "không tính là chưa đạt.")
            _thua = _ghi - _dung
            _thieu = _dung - _ghi
            assert not _thua, "Câu 3: các chỉ tiêu này đã đạt: " + ", ".join(sorted(_thua)) + "."
            assert not _thieu, (f"Câu 3: còn thiếu {len(_thieu)} chỉ tiêu chưa đạt. Lọc mọi dòng có met là False, "
                                "không chọn bằng mắt.")
            ### END HIDDEN TESTS
            """, points=2),
        locked_md(f"{a}_cau_4_de", """
            ## Câu 4 (2 điểm): thôn nào còn thấp?
            Dùng `lagging_villages` (mục 4 của Bài 6), năm 2025.

            - Gán cho `thon_thap_nhat_gdht` **tên** thôn có tỉ lệ hộ đạt Gia đình học tập (`gdht`) **thấp nhất**,
              ví dụ `"Thôn Yên Trì"`.
            - Gán cho `thon_tre_di_hoc` **danh sách tên** các thôn có tỉ lệ trẻ đi học (`tre_di_hoc`) dưới mức chung của xã.
            """),
        answer(f"{a}_cau_4", """
            ### BEGIN SOLUTION
            thon_cham = lagging_villages(du_lieu, 2025)
            thon_thap_nhat_gdht = thon_cham[thon_cham["indicator"] == "gdht"]["unit_name"].iloc[0]
            thon_tre_di_hoc = thon_cham[thon_cham["indicator"] == "tre_di_hoc"]["unit_name"].tolist()
            ### END SOLUTION
            """),
        tests(f"{a}_kiem_tra_cau_4_gdht", """
            da_tra_loi("thon_thap_nhat_gdht")
            assert isinstance(thon_thap_nhat_gdht, str), 'Câu 4: tên thôn là chữ, ví dụ "Thôn Yên Trì".'
            print("✅ Câu 4: thon_thap_nhat_gdht đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _l = lagging_villages(du_lieu, NAM, indicators=["gdht"])
            _ten = chuan_hoa(thon_thap_nhat_gdht).removeprefix("thôn ").strip()
            assert _ten == chuan_hoa(_l["unit_name"].iloc[0]).removeprefix("thôn "), (
                f"Câu 4: '{thon_thap_nhat_gdht}' chưa phải thôn thấp nhất về gia đình học tập năm {NAM}. Bảng của "
                "lagging_villages xếp thôn thiếu nhiều nhất lên đầu (chênh lệch âm nhiều nhất).")
            ### END HIDDEN TESTS
            """, points=1),
        tests(f"{a}_kiem_tra_cau_4_tre", """
            da_tra_loi("thon_tre_di_hoc")
            assert isinstance(thon_tre_di_hoc, (list, tuple, set, pd.Series)), (
                'Câu 4: thon_tre_di_hoc là danh sách tên trong ngoặc vuông, ví dụ ["Thôn A", "Thôn B"].')
            print("✅ Câu 4: thon_tre_di_hoc đúng dạng.")
            ### BEGIN HIDDEN TESTS
            _l = lagging_villages(du_lieu, NAM, indicators=["tre_di_hoc"])
            _dung = {chuan_hoa(t).removeprefix("thôn ") for t in _l["unit_name"]}
            _ghi = {chuan_hoa(t).removeprefix("thôn ").strip() for t in thon_tre_di_hoc}
            assert _ghi == _dung, (
                f"Câu 4: danh sách thôn có trẻ đi học dưới mức chung của xã chưa đúng: anh/chị ghi {len(_ghi)} thôn, "
                f"đúng là {len(_dung)} thôn. Lọc bảng lagging_villages theo mã 'tre_di_hoc' và lấy cột unit_name.")
            ### END HIDDEN TESTS
            """, points=1),
        locked_md(f"{a}_cau_5_de", """
            ## Câu 5 (3 điểm, giảng viên chấm)
            Chọn **một** thôn còn thấp (ở Câu 4). Trong 4 đến 6 câu, viết đề xuất gửi Ban Thường vụ Hội xã: thôn thấp
            ở chỉ tiêu nào, bao nhiêu so với chỉ tiêu hoặc mức chung (nêu số), nguyên nhân có thể là gì (ghi rõ đó là
            phỏng đoán, cần hỏi chi hội), và **hai việc cụ thể** chi hội làm trong năm tới, mỗi việc có người phụ
            trách và cách đo kết quả.
            """),
        written(f"{a}_cau_5", """
            Thôn An Trạch có 48,1% hộ đạt Gia đình học tập năm 2025, thấp nhất xã và còn thiếu khoảng 22 điểm phần trăm
            so với chỉ tiêu 70% của QĐ 387. Nguyên nhân có thể là nhiều hộ đi làm ăn xa nên không đăng ký (phỏng đoán,
            cần hỏi chi hội). Đề xuất: (1) chi hội trưởng cùng trưởng thôn đến từng hộ chưa đăng ký trong quý I để
            hướng dẫn tiêu chí, đo bằng số hộ đăng ký mới; (2) Ban Thường vụ Hội xã mở một buổi ở nhà văn hóa thôn
            về bộ tiêu chí, đo bằng số hộ dự và số hộ được công nhận cuối năm.
            """, points=3),
    ]
    return {f"{a}.ipynb": notebook(a, cells, TITLE)}
