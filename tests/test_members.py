"""Members and branches: per-branch summary, weak branches by declared rules, units without a branch, admission."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from khuyenhoc import sample
from khuyenhoc.data import CommuneData
from khuyenhoc.indicators import compute
from khuyenhoc.members import (
    BranchRulesError, admit, branch_summary, load_branch_rules, parse_branch_rules, units_without_branch,
)

AU = pd.DataFrame({"unit_id": ["T01", "T01-X01", "TH1"], "name": ["Tỉnh Thử", "Xã Đồng Tâm", "Thôn Đông"],
                   "level": ["tỉnh", "xã", "thôn"], "kind": ["tỉnh", "xã", "thôn"], "parent_id": [None, "T01", "T01-X01"]})


def tiny() -> CommuneData:
    units = pd.DataFrame({"unit_id": ["DV1", "DV2", "DV3"], "name": ["Trường Tiểu học Đông", "Công ty Chè", "Công ty May"],
                          "kind": ["Trường tiểu học", "Doanh nghiệp", "Doanh nghiệp"], "commune_id": ["T01-X01"] * 3,
                          "staff": [20, 10, 50]})
    br = pd.DataFrame({"branch_id": ["X01-CH01", "X01-CH02", "X01-CH03"],
                       "name": ["Chi hội thôn Đông", "Chi hội trường", "Chi hội Công ty Chè"],
                       "village_id": ["TH1", None, None], "unit_id": [None, "DV1", "DV2"],
                       "founded": pd.to_datetime(["2010-01-01", "2015-01-01", "2026-02-01"])})
    m = pd.DataFrame({"member_id": [f"X01-HV{i:04d}" for i in range(1, 8)],
                      "person_id": ["P1", "P2", "P3", "P4", "P5", "P6", "P7"],
                      "branch_id": ["X01-CH01"] * 4 + ["X01-CH02"] * 3,
                      "role": ["Chi hội trưởng", "Hội viên", "Hội viên", "Hội viên", "Chi hội phó", "Hội viên", "Hội viên"],
                      "joined": pd.to_datetime(["2012-01-01", "2025-03-01", "2024-05-01", "2020-01-01", "2016-01-01",
                                                "2016-01-01", "2018-01-01"]),
                      "left": pd.to_datetime([None, None, None, "2025-06-01", None, None, None])})
    tr = pd.DataFrame({"training_id": ["T1"], "member_id": ["X01-HV0001"], "date": pd.to_datetime(["2025-04-01"]),
                       "topic": ["Bộ tiêu chí"], "organiser": ["Hội tỉnh"], "hours": [8.0]})
    births = pd.to_datetime(["1970-01-01", "1990-01-01", "1985-01-01", "1960-01-01", "1980-01-01", "1982-01-01",
                             "1979-01-01", "2012-06-01", "1995-02-02"])
    p = pd.DataFrame({"person_id": [f"P{i}" for i in range(1, 10)], "household_id": ["H1"] * 9,
                      "full_name": [f"Người {i} Thử" for i in range(1, 10)], "birth_date": births,
                      "sex": ["Nam", "Nữ"] * 4 + ["Nam"], "relation": ["Chủ hộ"] + ["Khác"] * 8,
                      "residence": ["Thường trú"] * 8 + ["Đã chuyển đi"]})
    h = pd.DataFrame({"household_id": ["H1"], "village_id": ["TH1"], "head_name": ["Người 1 Thử"], "poor": [False]})
    r = pd.DataFrame({"receipt_id": ["PT1"], "commune_id": ["T01-X01"], "date": pd.to_datetime(["2025-08-01"]),
                      "branch_id": ["X01-CH01"], "source": ["Hội viên đóng góp"], "amount": [300_000]})
    return CommuneData({"admin_units": AU, "units": units, "branches": br, "members": m, "trainings": tr, "persons": p,
                        "households": h, "fund_receipts": r})


def test_branch_summary_by_hand():
    s = branch_summary(tiny(), 2025)
    t = s.table.set_index("branch_id")
    assert list(t.index) == ["X01-CH01", "X01-CH02"]  # the enterprise branch founded in 2026 is not counted
    v = t.loc["X01-CH01"]
    assert (v["hoi_vien"], v["ket_nap_moi"], v["ra_hoi"], v["tang_giam"]) == (3, 1, 1, 0)
    assert v["co_chi_hoi_truong"] and v["can_bo"] == 1 and v["can_bo_tap_huan"] == 1 and v["thu_quy"] == 300_000
    assert v["nen"] == 8 and v["ty_le_hoi_vien"] == pytest.approx(37.5)
    assert v["sign_ids"] == "it-hoi-vien" and not v["weak"]
    sc = t.loc["X01-CH02"]
    assert sc["kind"] == "Chi hội trường học" and sc["ty_le_hoi_vien"] == pytest.approx(15.0)
    assert sc["sign_ids"] == "khong-ket-nap, thieu-chi-hoi-truong, can-bo-chua-tap-huan, ty-le-thap-don-vi"
    assert sc["weak"] and s.weak["branch_id"].tolist() == ["X01-CH02"]
    k = s.by_kind.set_index("kind")
    assert k.loc["Chi hội thôn", "branches"] == 1 and k.loc["Chi hội trường học", "weak"] == 1
    assert k.loc["Chi hội doanh nghiệp, hợp tác xã", "branches"] == 0
    shown = s.shown()
    assert list(shown.columns[:3]) == ["Chi hội", "Loại chi hội", "Thôn / đơn vị"] and "Yếu" in set(shown["Chi hội yếu"])
    assert units_without_branch(tiny(), 2025)["name"].tolist() == ["Công ty Chè", "Công ty May"]
    assert units_without_branch(tiny(), 2026)["name"].tolist() == ["Công ty May"]


def test_weak_threshold_comes_from_the_rules():
    raw = {"ten": "Một dấu hiệu là yếu", "yeu_khi_so_dau_hieu": 1,
           "dau_hieu": [{"ma": "it", "ten": "Ít hội viên", "truong": "hoi_vien", "phep": "<", "gia_tri": 4}]}
    s = branch_summary(tiny(), 2025, parse_branch_rules(raw, "x.yaml"))
    assert s.weak["branch_id"].tolist() == ["X01-CH01", "X01-CH02"]


@pytest.mark.parametrize("sign, message", [
    ({"truong": "so_nguoi", "phep": "<", "gia_tri": 3}, "không có thông tin 'so_nguoi'"),
    ({"truong": "co_chi_hoi_truong", "phep": "<", "gia_tri": True}, "chỉ dùng '=' hoặc '!='"),
    ({"truong": "hoi_vien", "phep": "<", "gia_tri": 3, "ap_dung": ["Chi hội xóm"]},
     r"dau_hieu\[1\] \(x\)\.ap_dung\[1\]: 'Chi hội xóm' không hợp lệ"),
])
def test_rules_errors(sign, message):
    raw = {"ten": "T", "dau_hieu": [{"ma": "x", "ten": "X", **sign}]}
    with pytest.raises(BranchRulesError, match=message):
        parse_branch_rules(raw, "x.yaml")


def test_rules_file_not_found_and_default_is_example():
    with pytest.raises(BranchRulesError, match="Không tìm thấy"):
        load_branch_rules("khong-co.yaml")
    assert load_branch_rules().trang_thai == "ví dụ"


def test_sample_summary_agrees_with_indicators():
    d = sample.load("mau")
    s = branch_summary(d, 2025)
    ind = compute(d, 2025, "xã").set_index("indicator")
    assert s.table["hoi_vien"].sum() == ind.loc["hoi_vien", "value"]
    assert s.table["ket_nap_moi"].sum() == ind.loc["hoi_vien_moi", "value"]
    # enterprises with a branch: the same count from both sides
    ent = s.table["kind"].eq("Chi hội doanh nghiệp, hợp tác xã").sum()
    assert ent == ind.loc["doanh_nghiep_co_chi_hoi", "numerator"]
    assert s.weak["name"].tolist() == ["Chi hội khuyến học Hợp tác xã Chè Hòa Mẫu"]


def test_admission_checks_each_row_and_keeps_the_input():
    d = tiny()
    before = d.members.copy()
    req = pd.DataFrame({"Mã nhân khẩu": ["P8", "P9", "P1", "P6", "P7", "Q1", "P4", "P4", "P3"],
                        "Mã chi hội": ["X01-CH01", "X01-CH01", "X01-CH01", "X01-CH09", "X01-CH01", "X01-CH01",
                                       "X01-CH01", "X01-CH02", "X01-CH01"],
                        "Ngày vào Hội": ["15/03/2026", "15/03/2026", "15/03/2026", "15/03/2026", "31/02/2026",
                                         "15/03/2026", "15/03/2026", "20/03/2026", "15/03/2026"]})
    r = admit(d, req)
    reasons = dict(zip(r.refused["row"], r.refused["reason"]))
    assert reasons == {2: "chưa đủ 18 tuổi (13 tuổi vào ngày kết nạp)", 3: "không còn cư trú ở xã (Đã chuyển đi)",
                       4: "đã là hội viên đang sinh hoạt", 5: "không có chi hội mã 'X01-CH09'",
                       6: "ngày vào Hội '31/02/2026' không đọc được; ghi dạng dd/mm/yyyy, ví dụ 15/03/2026",
                       7: "không có mã nhân khẩu 'Q1' trong sổ", 9: "trùng với một dòng ở trên của danh sách",
                       10: "đã là hội viên đang sinh hoạt"}
    # P4 had left the Hội in 2025: re-admitted with a new code
    assert r.admitted[["member_id", "person_id"]].values.tolist() == [["X01-HV0008", "P4"]]
    pd.testing.assert_frame_equal(d.members, before)
    assert len(r.data.members) == len(before) + 1
    s = branch_summary(r.data, 2026)
    assert s.table.set_index("branch_id").loc["X01-CH01", "ket_nap_moi"] == 1


def test_admission_needs_its_columns():
    with pytest.raises(ValueError, match="thiếu cột: Mã chi hội, Ngày vào Hội"):
        admit(tiny(), pd.DataFrame({"person_id": ["P8"]}))


def test_cli_members(tmp_path, capsys):
    from khuyenhoc.cli import main
    from khuyenhoc.workbook import write_csv_dir

    src = write_csv_dir(tiny(), tmp_path / "so-goc")
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    assert main(["hoi-vien", "tong-hop", "--du-lieu", str(src), "--nam", "2025", "--ra", str(tmp_path / "ch.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Chi hội trường: Không kết nạp hội viên mới trong năm; Chưa có chi hội trưởng" in out
    assert "Đơn vị chưa có chi hội: Công ty Chè; Công ty May." in out and (tmp_path / "ch.xlsx").exists()
    if shutil.which("soffice"):  # the summary workbook opens in LibreOffice Calc
        r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                            str(tmp_path / "ch.xlsx")], capture_output=True, text=True, timeout=180)
        assert (tmp_path / "pdf" / "ch.pdf").exists(), r.stdout + r.stderr
    req = tmp_path / "de-nghi.csv"
    req.write_text("Mã nhân khẩu,Mã chi hội,Ngày vào Hội\nP4,X01-CH01,15/03/2026\nP8,X01-CH01,15/03/2026\n",
                   encoding="utf-8")
    assert main(["hoi-vien", "ket-nap", str(req), "--du-lieu", str(src), "--ra", str(tmp_path / "so-moi")]) == 1
    out = capsys.readouterr().out
    assert "dòng 3: không kết nạp P8 — chưa đủ 18 tuổi" in out and "mã hội viên X01-HV0008" in out
    assert {p.name: p.read_bytes() for p in src.iterdir()} == before  # the input is never modified
    new = pd.read_csv(tmp_path / "so-moi" / "members.csv", dtype=str)
    assert "X01-HV0008" in set(new.iloc[:, 0])
    assert main(["hoi-vien", "ket-nap", str(req), "--du-lieu", str(src), "--ra", str(src)]) == 2
