"""The yearly plan (targets from this year's gaps, owners, deadlines; .docx + .xlsx) and the movement calendar
(.ics a phone imports): figures, sources and tags, layout, privacy, LibreOffice, the ke-hoach and lich commands."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import icalendar
import pandas as pd
import pytest
from docx import Document
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from khuyenhoc import sample
from khuyenhoc.cli import main
from khuyenhoc.indicators import compute
from khuyenhoc.planning import (CalendarError, SettingsError, load_plan_settings, movement_calendar, step_target,
                                write_ics, yearly_plan)
from khuyenhoc.privacy import personal_data_in
from test_dossier import all_text, assert_nd30, find_run


@pytest.fixture(scope="module")
def mau():
    return sample.load("mau")


@pytest.fixture(scope="module")
def plan(mau, tmp_path_factory):
    out = tmp_path_factory.mktemp("ke-hoach")
    kq = yearly_plan(mau, 2025, out, settings={"so": 4, "ngay": "20/12/2025", "nguoi_ky": "Lê Văn Hùng"},
                     when=dt.date(2025, 12, 20))
    return out, kq


@settings(max_examples=60, deadline=None)
@given(value=st.floats(0, 100), target=st.floats(1, 100), milestone=st.one_of(st.none(), st.integers(2020, 2035)),
       n=st.integers(1, 5))
def test_step_target_moves_towards_the_target_and_never_past_it(value, target, milestone, n):
    t, basis = step_target(value, target, year=2025, milestone=milestone, close_in_years=n, unit="%")
    if value >= target:
        assert basis.startswith("đã đạt") and target - 0.1 <= t <= value + 1e-9
    else:
        assert value <= t <= target + 1e-9 and basis
        if n == 1 and (milestone is None or milestone <= 2026):
            assert t == pytest.approx(target)


def test_targets_follow_the_gaps(plan, mau):
    _, kq = plan
    t = kq.targets.set_index("indicator")
    cur = compute(mau, 2025, "xã").set_index("indicator")
    for ind, r in t.iterrows():
        assert r["value"] == pytest.approx(cur.loc[ind, "value"])
    g = t.loc["gdht"]  # 54,0% against the 70% of QĐ 387 for 2025: milestone passed, gap closed in two years
    assert g["doc_target"] == 70 and g["doc_target_year"] == 2025
    assert g["plan_target"] == pytest.approx(62.1) and "thu hẹp khoảng cách trong 2 năm" in g["basis"]
    assert g["needed"] == pytest.approx(-(-g["plan_target"] * g["denominator"] // 100) - g["numerator"])
    c = t.loc["cong_dan_ht"]  # 60% by 2030 (QĐ 677): equal steps over five years
    assert c["doc_target_year"] == 2030 and "mốc 2030 (5 năm)" in c["basis"]
    assert c["value"] < c["plan_target"] < 60
    assert t.loc["cdht_thon", "basis"] == "đã đạt: giữ vững mức năm nay"
    assert t.loc["quy_binh_quan", "plan_target"] % 1000 == 0
    assert t.loc["gdht", "owner"] == "Phó Chủ tịch Hội phụ trách mô hình học tập"
    assert t.loc["gdht", "deadline"] == dt.date(2026, 11, 30)
    # a commune deciding to close gaps in one year gets the document's target straight away
    one = yearly_plan(mau, 2025, plan[0] / "mot-nam", settings={"dong_khoang_cach_nam": 1}).targets
    assert one.set_index("indicator").loc["gdht", "plan_target"] == 70


def test_plan_document_layout_and_tables(plan):
    out, kq = plan
    doc = Document(str(out / "ke-hoach-2026.docx"))
    assert_nd30(doc, doc_type="KẾ HOẠCH", number="Số: 4/KH-HKH", place_date="Hòa Mẫu, ngày 20 tháng 12 năm 2025",
                signer="Lê Văn Hùng")
    find_run(doc, "HỘI KHUYẾN HỌC XÃ HÒA MẪU")
    text = all_text(doc)
    assert "Mẫu gợi ý theo thể thức Nghị định 30/2020/NĐ-CP" in text
    assert "- Đảng ủy xã (để báo cáo);" in text
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in doc.tables}
    targets = tables[("TT", "Chỉ tiêu", "Thực hiện 2025", "Chỉ tiêu 2026", "Cần thêm", "Căn cứ, cách tính")]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in targets.rows[1:]}
    assert rows["Tỷ lệ hộ đạt Gia đình học tập"][2:5] == ["54,0", "≥ 62,1%", "106"]
    tasks = tables[("TT", "Nội dung", "Phụ trách", "Phối hợp", "Thời hạn")]
    assert len(tasks.rows) == 1 + 8  # the eight task groups of the Thanh Oai training
    assert tasks.rows[2].cells[4].text == "31/01/2026"
    cal = tables[("TT", "Thời gian", "Việc", "Nhãn nguồn")]
    got = {r.cells[2].text: r.cells[1].text for r in cal.rows[1:]}
    assert got["Tuần lễ hưởng ứng học tập suốt đời"] == "01/10/2026–07/10/2026"
    assert got["Ngày Khuyến học Việt Nam"] == "02/10/2026"
    assert "Chưa tìm thấy văn bản quy định ngày của: Tháng Khuyến học, Tuần lễ khuyến học" in text


def test_plan_workbook(plan):
    out, kq = plan
    wb = load_workbook(out / "ke-hoach-2026.xlsx")
    assert wb.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Lịch"]
    ws = wb["Chỉ tiêu"]
    head = [c.value for c in ws[3]]
    assert head[:6] == ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Thực hiện 2025", "Chỉ tiêu 2026", "Cần thêm"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["gdht"][4] == pytest.approx(62.1) and rows["gdht"][5] == 106
    assert ws["M4"].number_format == "DD/MM/YYYY"
    tasks = wb["Nhiệm vụ"]
    assert [c.value for c in tasks["G"]][3:] == ["Chưa làm"] * 8
    dv = tasks.data_validations.dataValidation[0]
    assert "Đang làm" in dv.formula1 and "G4:G11" in str(dv.sqref)


def test_plan_has_no_personal_data(plan, mau):
    out, _ = plan
    for name in ("ke-hoach-2026.docx", "ke-hoach-2026.xlsx", "lich-khuyen-hoc-2026.ics"):
        text = (out / name).read_text(encoding="utf-8") if name.endswith(".ics") else None
        found = personal_data_in(text if text is not None else out / name, mau, allow=["Lê Văn Hùng"])
        assert found == [], (name, found)


def test_calendar_dates_sources_and_tags():
    c = movement_calendar(2026).set_index("id")
    assert (c.loc["khai-giang", "start"], c.loc["khai-giang", "tag"]) == (pd.Timestamp(2026, 9, 5), "READ")
    assert c.loc["tuan-le-hoc-tap-suot-doi", "end"] == pd.Timestamp(2026, 10, 7)
    assert "5607/BGDĐT-GDNNGDTX" in c.loc["tuan-le-hoc-tap-suot-doi", "source"]
    assert "1271/QĐ-TTg" in c.loc["ngay-khuyen-hoc", "source"]
    for not_found in ("thang-khuyen-hoc", "tuan-le-khuyen-hoc"):  # never a made-up date
        assert pd.isna(c.loc[not_found, "start"]) and c.loc[not_found, "tag"] == "NOT FOUND"
    dl = c[c["kind"] == "han"]
    assert dl.loc["congdongxa-tt25-2023-tham_dinh-2025", "start"] == pd.Timestamp(2026, 2, 28)
    assert dl.loc["donvi-tt24-2023-cong_nhan-2025", "start"] == pd.Timestamp(2026, 2, 15)
    assert dl.loc["giadinh-qd387-bao_cao-2026", "start"] == pd.Timestamp(2026, 12, 15)
    assert all("cấp huyện" in n for n in dl.loc[dl["start"] >= pd.Timestamp(2025, 7, 1), "note"]
               if "Phòng GDĐT" in n)
    assert dl["start"].dt.year.eq(2026).all()
    order = movement_calendar(2026)
    assert order["start"].dropna().is_monotonic_increasing and order["start"].tail(2).isna().all()


def test_ics_imports_as_all_day_events_with_reminders(tmp_path):
    cal = movement_calendar(2026, plan_tasks=load_plan_settings().nhiem_vu)
    p = write_ics(cal, tmp_path / "lich.ics", stamp=dt.datetime(2025, 12, 20, tzinfo=dt.timezone.utc))
    raw = p.read_bytes()
    assert b"\r\n" in raw and raw.startswith(b"BEGIN:VCALENDAR")
    parsed = icalendar.Calendar.from_ical(raw)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == int(cal["start"].notna().sum())
    week = next(e for e in events if str(e["SUMMARY"]) == "Tuần lễ hưởng ứng học tập suốt đời")
    assert week.decoded("DTSTART") == dt.date(2026, 10, 1) and week.decoded("DTEND") == dt.date(2026, 10, 8)
    assert "Nhãn nguồn: READ" in str(week["DESCRIPTION"])
    due = [e for e in events if "Hạn" in str(e["SUMMARY"])]
    assert due and all(list(e.walk("VALARM")) for e in due)
    assert not [e for e in events if str(e["SUMMARY"]) == "Tháng Khuyến học"]
    again = icalendar.Calendar.from_ical(write_ics(cal, tmp_path / "lai.ics").read_bytes())
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in events}  # re-import updates


def test_commune_calendar_file_and_its_errors(tmp_path):
    f = tmp_path / "lich-xa.yaml"
    f.write_text("events:\n  - name: Tháng Khuyến học của xã\n    start: 01/10/2026\n    end: 31/10/2026\n"
                 "  - name: Họp Ban Chấp hành quý IV\n    start: 05/11/2026\n", encoding="utf-8")
    c = movement_calendar(2026, extra=f)
    mine = c[c["kind"] == "xa"]
    assert list(mine["name"]) == ["Tháng Khuyến học của xã", "Họp Ban Chấp hành quý IV"]
    assert mine.iloc[0]["end"] == pd.Timestamp(2026, 10, 31) and mine.iloc[0]["tag"] == "XÃ"
    f.write_text("events:\n  - name: Họp\n    start: 31/02/2026\n", encoding="utf-8")
    with pytest.raises(CalendarError, match=r"lich-xa.yaml', mục thứ 1: ngày '31/02/2026'"):
        movement_calendar(2026, extra=f)
    f.write_text("events:\n  - start: 01/10/2026\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="thiếu 'name'"):
        movement_calendar(2026, extra=f)
    f.write_text("- chỉ là một danh sách\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="phải có mục 'events:'"):
        movement_calendar(2026, extra=f)
    with pytest.raises(SettingsError, match="dd/mm"):
        load_plan_settings({"nhiem_vu": [{"nhom": "A", "viec": "B", "phu_trach": "C", "han": "3/31"}]})


def test_cli_plan_and_calendar(tmp_path, capsys):
    assert main(["ke-hoach", "--nam", "2025", "--ra", str(tmp_path / "kh")]) == 0
    out = capsys.readouterr().out
    assert "Kế hoạch năm 2026:" in out and "Tỷ lệ hộ đạt Gia đình học tập: 54,0 → ≥ 62,1%, cần thêm 106" in out
    assert (tmp_path / "kh" / "lich-khuyen-hoc-2026.ics").is_file()
    assert main(["lich", "--nam", "2027", "--ics", str(tmp_path / "l.ics")]) == 0
    out = capsys.readouterr().out
    assert "01/10/2027–07/10/2027  Tuần lễ hưởng ứng học tập suốt đời [READ]" in out
    assert "chưa có ngày" in out and (tmp_path / "l.ics").is_file()
    (tmp_path / "hong.yaml").write_text("events: 3\n", encoding="utf-8")
    assert main(["lich", "--nam", "2027", "--lich-xa", str(tmp_path / "hong.yaml")]) == 1
    assert "phải có mục 'events:'" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) chưa cài: apt-get install libreoffice-writer-nogui fonts-liberation2")
def test_plan_opens_in_libreoffice(plan, tmp_path):
    out, _ = plan
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                        str(out / "ke-hoach-2026.docx")], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "ke-hoach-2026.pdf"
    assert r.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000, r.stderr
    if shutil.which("pdftotext"):
        txt = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "KẾ HOẠCH" in txt and "Số: 4/KH-HKH" in txt
