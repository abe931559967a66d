"""Roll-up over the administrative hierarchy: counts and rates, aggregate-safe."""

import pandas as pd
import pytest

from criteria_factory import commune
from khuyenhoc.engine import assess
from khuyenhoc.rollup import rollup, rollup_assessment


def test_rollup_per_village_commune_province():
    data = commune()
    v = rollup(data, 2025, by="village").set_index(["unit_id", "model"])
    # Gia đình học tập: H1 recognised in 2025; thôn Đông has H1, H2
    assert v.loc[("T01-X01-TH01", "Gia đình học tập"), "subjects"] == 2
    assert v.loc[("T01-X01-TH01", "Gia đình học tập"), "rate"] == 50.0
    # Công dân học tập: only P3 holds it in 2025 (P1's 2024 title lasted one year)
    assert v.loc[("T01-X01-TH01", "Công dân học tập"), "titled"] == 1
    c = rollup(data, 2025, by="commune").set_index("model")
    # the denominator is the indicator's (adults 18+ in the register), the same measure as the report's rate
    assert c.loc["Công dân học tập", "subjects"] == 5 and c.loc["Công dân học tập", "rate"] == 20.0
    assert c.loc["Gia đình học tập", "rate"] == 33.3
    p = rollup(data, 2025, by="province")
    assert set(p["unit_name"]) == {"Tỉnh Mẫu"}
    assert "Dòng họ học tập" not in set(v.reset_index()["model"])  # clans have no village


def test_rollup_is_aggregate_safe():
    out = rollup(commune(), 2025, by="village")
    assert not ({"full_name", "name", "person_id", "birth_date", "subject_id"} & set(out.columns))
    r = rollup_assessment(assess(commune(), "congdan-qd324", 2025), by="village")
    assert not ({"subject_id", "name"} & set(r.columns))
    assert r.set_index("unit_id").loc["T01-X01-TH01", "passed"] == 1


def test_many_communes_province_rollup():
    a = commune()
    b = {n: df.copy() for n, df in a}
    for n, df in b.items():
        for col in df.columns:
            if col.endswith("_id") and col != "indicator_id" and df[col].dtype == "string":
                df[col] = df[col].where(df[col].isna() | (df[col] == "T01"), "B-" + df[col])
    both = {n: pd.concat([a[n], b[n]], ignore_index=True) for n in a.table_names}
    both["admin_units"] = both["admin_units"].drop_duplicates("unit_id")
    from khuyenhoc.data import CommuneData

    p = rollup(CommuneData(both), 2025, by="province").set_index("model")
    assert p.loc["Gia đình học tập", "subjects"] == 6 and p.loc["Gia đình học tập", "titled"] == 2
    assert len(rollup(CommuneData(both), 2025, by="commune")) == 12


def test_the_two_recognised_counts_are_apart_and_labelled():
    from khuyenhoc.rollup import HEADERS

    data = commune()
    c = rollup(data, 2024, by="commune").set_index("model")
    # P1 recognised by a 2024 decision: recognised in 2024 and holding the title in 2024
    assert c.loc["Công dân học tập", "recognised_in_year"] == 1 and c.loc["Công dân học tập", "titled"] == 1
    assert "trong năm" in HEADERS["recognised_in_year"] and "còn hiệu lực" in HEADERS["titled"]


def test_rollup_agrees_with_the_indicators():
    from khuyenhoc.indicators import compute

    data = commune()
    t = compute(data, 2025, "xã").set_index("indicator")
    c = rollup(data, 2025, by="commune").set_index("model")
    assert c.loc["Gia đình học tập", "recognised_in_year"] == t.loc["gdht", "numerator"]
    assert c.loc["Gia đình học tập", "subjects"] == t.loc["gdht", "denominator"]
    assert c.loc["Công dân học tập", "subjects"] == t.loc["cong_dan_ht", "denominator"]


# ---------------------------------------------------------------- province roll-up from the communes' annexes
def _annex_folder(tmp_path):
    from _intake_data import tiny_commune
    from khuyenhoc.reports.annex import machine_rows, write_aggregate_annex

    data = tiny_commune()
    rows = machine_rows(data, 2025, "T01-X01")
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    for i in (1, 2):
        write_aggregate_annex(data, 2025, folder / f"phu-luc-{i}.xlsx", commune_id=f"T01-X0{i}",
                              commune_name=f"Xã {i}", rows=rows)
    return data, rows, folder


def test_province_reads_annexes_sums_numerators_and_refuses_personal_workbooks(tmp_path):
    from khuyenhoc.reports.province import STATUS_INVALID, STATUS_MISSING, STATUS_OK, STATUS_PERSONAL, province_rollup
    from khuyenhoc.workbook import write_csv_dir, write_workbook

    data, rows, folder = _annex_folder(tmp_path)
    write_workbook(data, folder / "so-cua-xa-3.xlsx")  # a commune's whole workbook, sent by mistake
    write_csv_dir(data, folder / "xa-4")
    (folder / "hong.xlsx").write_bytes(b"khong phai excel")
    before = {p: p.read_bytes() for p in folder.glob("*.xlsx")}
    r = province_rollup(folder, 2025, expected=["T01-X01", "T01-X02", "T01-X05"], out_dir=tmp_path / "ra")
    st = r.status.set_index("source")
    assert st.loc["phu-luc-1.xlsx", "status"] == STATUS_OK and st.loc["phu-luc-2.xlsx", "status"] == STATUS_OK
    assert st.loc["so-cua-xa-3.xlsx", "status"] == STATUS_PERSONAL and st.loc["xa-4", "status"] == STATUS_PERSONAL
    assert "phu-luc-chi-tieu-<năm>.xlsx" in st.loc["so-cua-xa-3.xlsx", "note"]
    assert st.loc["hong.xlsx", "status"] == STATUS_INVALID
    assert r.status.set_index("unit_id").loc["T01-X05", "status"] == STATUS_MISSING
    one = rows[rows["level"] == "tỉnh"].set_index("indicator")
    p = r.province.set_index("indicator")
    assert p.loc["hoi_vien_dan_so", "numerator"] == 2 * one.loc["hoi_vien_dan_so", "numerator"]
    assert p.loc["hoi_vien_dan_so", "value"] == pytest.approx(
        one.loc["hoi_vien_dan_so", "numerator"] / one.loc["hoi_vien_dan_so", "denominator"] * 100)
    assert {"gap", "met", "target"} <= set(r.province.columns)
    assert {x.name for x in r.written} == {"tong-hop-tinh-2025.xlsx", "bao-cao-tong-hop-tinh-2025.docx"}
    assert all(p.read_bytes() == b for p, b in before.items())


def test_a_tampered_or_wrong_year_annex_is_refused_with_a_reason(tmp_path):
    from openpyxl import load_workbook

    from khuyenhoc.reports.province import STATUS_INVALID, read_annex

    _, _, folder = _annex_folder(tmp_path)
    assert "năm 2025, không phải năm 2024" in read_annex(folder / "phu-luc-1.xlsx", 2024)["rows"][0]["note"]
    wb = load_workbook(folder / "phu-luc-2.xlsx")
    wb["Số liệu tổng hợp"]["A2"] = "khong_co_chi_tieu_nay"
    wb["Số liệu tổng hợp"]["E3"] = "mười"
    wb.save(folder / "phu-luc-2.xlsx")
    got = read_annex(folder / "phu-luc-2.xlsx", 2025)["rows"][0]
    assert got["status"] == STATUS_INVALID and "dòng 2" in got["note"] and "dòng 3" in got["note"]
    wb = load_workbook(folder / "phu-luc-1.xlsx")
    wb.create_sheet("DS").append(["Họ và tên", "Số tiền"])
    wb.save(folder / "phu-luc-1.xlsx")
    assert "Họ và tên" in read_annex(folder / "phu-luc-1.xlsx", 2025)["rows"][0]["note"]
