"""Kiểm thử các biểu mẫu (ipywidgets) bằng cách đặt giá trị, bấm nút (.click()) và đọc khung kết quả."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

import ipywidgets as w
import pandas as pd
import pytest
from docx import Document

from khuyenhoc import sample
from khuyenhoc.widgets import (AssessmentExplorer, CriteriaChecklist, EvidenceForm, OfficerApp, ReportBuilder,
                               Session, append_evidence, next_evidence_id, read_evidence_file, validate_entry)
from khuyenhoc.widgets.common import guarded, result_area, text_of
from khuyenhoc.widgets.loader import check_upload, save_upload

STAMP = datetime.datetime(2025, 5, 30, tzinfo=datetime.timezone.utc)
MESSY = sample.FILES / "messy" / "xa_mau_loi.xlsx"
CLEAN = sample.path("mau")["workbook"]


@pytest.fixture(scope="module")
def data():
    return sample.load("mau")


@pytest.fixture()
def session(data, tmp_path):
    return Session(data, work_dir=tmp_path / "lam_viec")


def _entry(**kw):
    base = {"evidence_id": "X01-MC9001", "model": "Gia đình học tập", "subject_id": "X01-H0001",
            "indicator_id": "GDHT-1.1", "type": "Học bạ, giấy báo kết quả", "date": "25/05/2025",
            "issuer": "Trường Tiểu học Hòa Mẫu", "file": "", "recorded": "30/05/2025"}
    base.update(kw)
    return base


def _all_controls(widget):
    """Every control under a container (to check labels and tooltips)."""
    stack, found = [widget], []
    while stack:
        x = stack.pop()
        if isinstance(x, w.Box):
            stack.extend(x.children)
        elif isinstance(x, (w.Text, w.Dropdown, w.Combobox, w.Button, w.FileUpload)):
            found.append(x)
    return found


# --------------------------------------------------------------------------- common

def test_guarded_turns_errors_into_vietnamese_messages():
    out = result_area()

    @guarded(out)
    def boom(_):
        return {}["khong_co"]

    boom(None)
    text = text_of(out)
    assert "khong_co" in text and "Traceback" not in text

    @guarded(out)
    def unexpected(_):
        raise RuntimeError("internal")

    unexpected(None)
    assert "Có lỗi không mong đợi" in text_of(out) and "Traceback" not in text_of(out)


# --------------------------------------------------------------------------- evidence

def test_validate_entry_accepts_a_good_entry(data):
    assert [p for p in validate_entry(_entry(), data) if p.severity == "lỗi"] == []


@pytest.mark.parametrize("field,value,code,column", [
    ("date", "31/02/2025", "bad_date", "Ngày minh chứng"),
    ("date", "5/3/25", "bad_date", "Ngày minh chứng"),
    ("type", "Giấy mời", "bad_code", "Loại minh chứng"),
    ("model", "Gia đình học", "bad_code", "Mô hình"),
    ("evidence_id", "X01-MC0001", "duplicate_key", "Mã minh chứng"),
    ("subject_id", "X01-NK00001", "bad_reference", "Mã đối tượng"),
    ("indicator_id", "CDHT-1.1", "bad_reference", "Mã chỉ số"),
    ("issuer", "", "missing", "Nơi cấp"),
    ("evidence_id", "012345678901", "id_looks_like_cccd", "Mã minh chứng"),
])
def test_validate_entry_uses_intake_rules(data, field, value, code, column):
    probs = validate_entry(_entry(**{field: value}), data)
    hits = [p for p in probs if p.code == code and p.column == column]
    assert hits and hits[0].severity == "lỗi", probs
    assert all(p.message and p.sheet is None and p.row is None for p in probs)


def test_validate_entry_folds_codes_and_warns_on_odd_type(data):
    probs = validate_entry(_entry(model="gia dinh hoc tap", type="Giấy khen"), data)
    codes = {(p.code, p.severity) for p in probs}
    assert ("code_folded", "đã sửa") in codes
    assert ("bad_code", "cảnh báo") in codes  # GDHT-1.1 expects a school report, not a certificate of merit


def test_next_evidence_id(data):
    ids = pd.DataFrame({"evidence_id": ["X01-MC0009", "X01-MC0010", None]})
    assert next_evidence_id(ids) == "X01-MC0011"
    nxt = next_evidence_id(data.evidence)
    assert nxt not in set(data.evidence["evidence_id"]) and nxt.startswith("X01-MC")
    assert next_evidence_id(pd.DataFrame({"evidence_id": pd.Series([], dtype="string")}), "X02-MC") == "X02-MC0001"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_append_evidence_keeps_earlier_rows(data, tmp_path, suffix):
    from khuyenhoc.widgets.evidence_form import entry_frame

    target = tmp_path / f"minh_chung{suffix}"
    t1 = append_evidence(target, entry_frame(_entry()), base=data.evidence)
    assert len(t1) == len(data.evidence) + 1
    back, probs = read_evidence_file(target)
    assert not [p for p in probs if p.severity == "lỗi"]
    pd.testing.assert_frame_equal(back.iloc[:-1].reset_index(drop=True), data.evidence.reset_index(drop=True),
                                  check_dtype=False)
    before = target.read_bytes()
    with pytest.raises(ValueError, match="không ghi đè"):
        append_evidence(target, entry_frame(_entry()))
    assert target.read_bytes() == before  # a refused entry leaves the file untouched
    t2 = append_evidence(target, entry_frame(_entry(evidence_id="X01-MC9002", date="26/05/2025")))
    assert list(t2["evidence_id"].iloc[-2:]) == ["X01-MC9001", "X01-MC9002"]
    assert t2.loc[len(t2) - 1, "date"] == pd.Timestamp("2025-05-26")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file left


def test_evidence_form_validates_as_you_type_and_saves(data, tmp_path):
    ev_dir = tmp_path / "minh_chung"
    (ev_dir / "X01-H0001").mkdir(parents=True)
    doc = ev_dir / "X01-H0001" / "hoc_ba.txt"
    doc.write_bytes("Học bạ năm học 2024–2025".encode())
    saved = []
    form = EvidenceForm(data, path=tmp_path / "mc.xlsx", evidence_dir=ev_dir, on_saved=saved.append)
    f = form.fields
    first_id = next_evidence_id(data.evidence)
    assert f["evidence_id"].value == first_id
    f["subject_id"].value = "X01-H0001"
    f["date"].value = "31/02/2025"
    assert "không phải ngày hợp lệ" in form.check.value and "28/02/2025" in form.check.value
    form.save.click()
    assert "Chưa lưu" in text_of(form.out) and not (tmp_path / "mc.xlsx").exists()
    f["date"].value = "25/05/2025"
    f["issuer"].value = "Trường Tiểu học Hòa Mẫu"
    f["type"].value = "Học bạ, giấy báo kết quả"
    f["file"].value = "X01-H0001/khong_co.txt"
    assert "Không tìm thấy tệp" in form.check.value
    f["file"].value = "X01-H0001/hoc_ba.txt"
    assert "hợp lệ" in form.check.value
    form.save.click()
    assert f"Đã lưu minh chứng {first_id}" in text_of(form.out)
    back, _ = read_evidence_file(tmp_path / "mc.xlsx")
    assert back["evidence_id"].iloc[-1] == first_id
    assert back["sha256"].iloc[-1] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert len(saved) == 1 and f["evidence_id"].value == next_evidence_id(back)
    assert f["evidence_id"].value != first_id
    # right after a successful save the cleared cells are a fresh entry: listed in grey, never a red error
    assert "kh-loi" not in form.check.value and "đang để trống" not in form.check.value
    assert "Còn ô bắt buộc chưa điền" in form.check.value
    form.save.click()  # saving the empty entry does show the errors
    assert "Chưa lưu" in text_of(form.out) and "kh-loi" in form.check.value


def test_evidence_form_upload_copies_file_and_fills_path(data, tmp_path):
    form = EvidenceForm(data, path=tmp_path / "mc.csv", evidence_dir=tmp_path / "mc")
    form.fields["subject_id"].value = "X01-H0002"
    content = b"\x89PNG fake photo"
    form.upload.value = ({"name": "anh.png", "type": "image/png", "size": len(content), "content": memoryview(content),
                          "last_modified": STAMP},)
    assert form.fields["file"].value == "X01-H0002/anh.png"
    assert (tmp_path / "mc" / "X01-H0002" / "anh.png").read_bytes() == content
    assert "Đã chép tệp" in text_of(form.out)


def test_every_control_has_a_label_and_tooltip(session):
    app = OfficerApp(work_dir=session.work_dir)
    app._on_loaded(session.data, "xã mẫu", None)
    for tool in [app.loader, *app.tools.values()]:
        for c in _all_controls(tool.widget):
            assert c.description.strip(), c
            assert c.tooltip and c.tooltip.strip(), c.description


# --------------------------------------------------------------------------- checklist, explorer, report

def test_checklist_shows_each_indicator_value_and_evidence(session):
    model = "Công dân học tập"
    year = session.default_year()
    r = session.assess(model, year)
    ev = session.data.evidence
    ev = ev[(ev["model"] == model).fillna(False) & ev["subject_id"].isin(r.summary["subject_id"]).fillna(False)]
    item = ev.iloc[0]
    c = CriteriaChecklist(session, model=model)
    c.year.value = year
    c.subject.value = item["subject_id"]
    c.show.click()
    text = text_of(c.out)
    ids = [i.id for _, i in r.catalogue.indicators()]
    assert len(ids) == 10 and all(i in text for i in ids)
    assert f"{item['evidence_id']} {item['type']} {item['date']:%d/%m/%Y}" in text  # the evidence already recorded
    result = r.summary.set_index("subject_id").loc[item["subject_id"], "result"]
    assert f"Kết quả: {result}" in text
    c.subject.value = "KHONG-CO"
    c.show.click()
    assert "Không có đối tượng 'KHONG-CO'" in text_of(c.out)


def test_explorer_table_chart_and_village_filter(session):
    e = AssessmentExplorer(session)
    e.year.value = 2025
    e.run.click()
    text = text_of(e.out)
    r = session.assess(e.catalogue.value, 2025)
    # numbers the Vietnamese way (1.305, never "1305" beside "1.305"), no raw <NA>, no catalogue id on screen
    assert f"{len(r.summary):,} đối tượng được xét".replace(",", ".") in text
    assert "<NA>" not in text and "NaN" not in text
    assert not re.search(r"(?<![\d.,])\d{4,}(?![\d.,])", re.sub(r"<[^>]+>|X01-[\w-]+|năm \d{4}|\b20\d\d\b", " ", text))
    assert r.catalogue.id not in text and r.catalogue.id not in str([label for label, _ in e.catalogue.options])
    assert "data:image/png;base64" in text_of(e.out) or any(
        "kh-bieu-do" in o["data"]["text/html"] for o in e.out.outputs)
    vid, vname = e.village.options[1][1], e.village.options[1][0]
    e.village.value = vid
    e.run.click()
    n = int((r.summary["village_id"] == vid).sum())
    assert f"{vname}" in text_of(e.out) and f"{n} đối tượng được xét" in text_of(e.out)
    e.excel.click()
    assert "Tải kết quả đầy đủ" in text_of(e.excel_out)


def docx_text(path) -> list[str]:
    """Paragraphs and table cells of a .docx (the content an officer reads)."""
    d = Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    for s in d.sections:
        parts.extend(p.text for p in s.header.paragraphs)
    return parts


def test_report_builder_equals_cli(session, tmp_path):
    from khuyenhoc.cli import main

    rb = ReportBuilder(session, out_dir=tmp_path / "app")
    rb.year.value = 2025
    rb.fields["so"].value = "15"
    rb.fields["ngay"].value = "20/12/2025"
    rb.fields["nguoi_ky"].value = "Nguyễn Thị Lan"
    rb.build.click()
    text = text_of(rb.out)
    assert "Đã lập báo cáo năm 2025" in text and 'download="bao-cao-nam-2025.docx"' in "".join(
        o["data"]["text/html"] for o in rb.out.outputs)
    app_docx = rb.last["docx"]
    code = main(["report", "--data", str(sample.path("mau")["csv"]), "--nam", "2025", "--mau", str(rb.last["yaml"]),
                 "--out", str(tmp_path / "cli")])
    assert code == 0
    cli_text = docx_text(tmp_path / "cli" / "bao-cao-nam-2025.docx")
    app_text = docx_text(app_docx)
    assert app_text == cli_text
    joined = "\n".join(app_text)
    assert "Nguyễn Thị Lan" in joined and "15/BC-HKH" in joined and "ngày 20 tháng 12 năm 2025" in joined


def test_report_builder_bad_date_is_a_message(session, tmp_path):
    rb = ReportBuilder(session, out_dir=tmp_path / "app")
    rb.fields["ngay"].value = "2025-12-40"
    rb.build.click()
    text = text_of(rb.out)
    assert "dd/mm/yyyy" in text and "Traceback" not in text
    assert not (tmp_path / "app" / "bao-cao-nam-2025.docx").exists()


# --------------------------------------------------------------------------- loader and app

def test_upload_of_messy_workbook_lists_located_problems(tmp_path):
    raw = MESSY.read_bytes()
    path = save_upload([{"name": MESSY.name, "content": memoryview(raw)}], tmp_path / "tai_len")
    data, problems = check_upload(path, MESSY.name)
    assert data is None
    assert path.read_bytes() == raw  # the uploaded bytes are never modified
    errors = [p for p in problems if p.severity == "lỗi"]
    assert errors and all(p.file == MESSY.name for p in problems)
    assert any(p.sheet and p.row and p.column for p in errors)


def test_upload_rejects_other_files(tmp_path):
    with pytest.raises(ValueError, match="không phải sổ Excel"):
        save_upload([{"name": "ghi_chu.docx", "content": b"x"}], tmp_path)


def test_app_flow_upload_then_tools(tmp_path):
    app = OfficerApp(work_dir=tmp_path / "lam_viec")
    assert app.tabs.titles[0] == "1. Dữ liệu" and len(app.tabs.children) == 5
    raw = MESSY.read_bytes()
    app.loader.upload.value = ({"name": MESSY.name, "type": "", "size": len(raw), "content": memoryview(raw),
                                "last_modified": STAMP},)
    text = text_of(app.loader.out)
    assert "lỗi nên chưa dùng được" in text and "Dòng" in text and app.session is None
    raw = CLEAN.read_bytes()
    app.loader.upload.value = ({"name": CLEAN.name, "type": "", "size": len(raw), "content": memoryview(raw),
                                "last_modified": STAMP},)
    assert "Đã đọc sổ 'xa_mau.xlsx'" in text_of(app.loader.out)
    assert app.session is not None and set(app.tools) == {"evidence", "checklist", "explorer", "report"}
    assert app.loader.last_path.read_bytes() == raw
    form = app.tools["evidence"]
    expected = next_evidence_id(app.session.data.evidence)
    form.fields["subject_id"].value = "X01-H0001"
    form.fields["date"].value = "25/05/2025"
    form.fields["issuer"].value = "Trường Tiểu học Hòa Mẫu"
    form.save.click()
    assert "Đã lưu minh chứng" in text_of(form.out)
    assert app.session.data.evidence["evidence_id"].iloc[-1] == expected
    assert app.session.evidence_file.exists()
