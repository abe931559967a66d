"""The recognition dossier (khuyenhoc.dossier): ND30 layout (the annual report's checks), figures from the engine,
personal data only in the restricted list, all-or-nothing writing, LibreOffice opens every document, `ho-so`."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile

import pandas as pd
import pytest
from docx import Document

from khuyenhoc import sample
from khuyenhoc.cli import main
from khuyenhoc.dossier import DossierError, SettingsError, build_dossier, dossier_files, load_dossier_settings
from khuyenhoc.engine import assess
from khuyenhoc.privacy import personal_data_in
from khuyenhoc.restricted import MARK

SETTINGS = {"so_to_trinh": 12, "so_bien_ban": 3, "so_bao_cao": 14, "so_quyet_dinh": 45, "ngay": "05/12/2025",
            "nguoi_ky": "Lê Văn Hùng", "nguoi_ky_quyet_dinh": "Trần Thị Mai", "thu_ky": "Phạm Thu Hà"}


# ------------------------------------------------------------------ layout checks shared with test_planning
def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    for s in doc.sections:
        parts.extend(p.text for p in s.header.paragraphs)
        parts.extend(p.text for p in s.first_page_header.paragraphs)
    return unicodedata.normalize("NFC", "\n".join(parts))


def find_run(doc, text):
    for t in doc.tables:
        if len(t._tbl.tr_lst) > 60:  # long name lists: the runs looked for are in the header blocks
            continue
        for row in t.rows:
            for c in row.cells:
                for p in c.paragraphs:
                    for r in p.runs:
                        if r.text == text:
                            return p, r
    for p in doc.paragraphs:
        for r in p.runs:
            if r.text == text:
                return p, r
    raise AssertionError(f"không thấy '{text}'")


def assert_nd30(doc, *, doc_type: str, number: str | None, place_date: str, signer: str) -> None:
    """The checks of tests/test_report.py for the annual report, for any document of the toolkit."""
    s = doc.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert 20 <= round(s.top_margin.mm) <= 25 and 20 <= round(s.bottom_margin.mm) <= 25
    assert 30 <= round(s.left_margin.mm) <= 35 and 15 <= round(s.right_margin.mm) <= 20
    assert s.different_first_page_header_footer and "PAGE" in s.header._element.xml
    assert doc.styles["Normal"].font.name == "Times New Roman"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in doc.tables for row in t.rows[:60] for c in row.cells for p in c.paragraphs for r in p.runs
             if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    assert all(str(r.font.color.rgb) == "000000" for r in runs)
    _, motto = find_run(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert motto.bold and 12 <= motto.font.size.pt <= 13
    _, tag = find_run(doc, "Độc lập - Tự do - Hạnh phúc")
    assert tag.bold and tag.underline and 13 <= tag.font.size.pt <= 14
    if number:
        find_run(doc, number)
    _, date = find_run(doc, place_date)
    assert date.italic
    p, title = find_run(doc, doc_type)
    assert title.bold and p.alignment == 1
    _, name = find_run(doc, signer)
    assert name.bold
    body = [p for p in doc.paragraphs if p.text.startswith("Căn cứ") or p.text.startswith("Năm ")]
    for b in body[:1]:
        assert b.alignment == 3 and round(b.paragraph_format.first_line_indent.cm, 2) == 1.27


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def mau():
    return sample.load("mau")


@pytest.fixture(scope="module")
def giadinh(mau, tmp_path_factory):
    out = tmp_path_factory.mktemp("ho-so")
    th = sample.path("mau")["thresholds"]
    a = assess(mau, "giadinh-qd387", 2025, thresholds=th, evidence_dir=sample.path("mau")["evidence"])
    kq = build_dossier(mau, "giadinh-qd387", 2025, out, settings=SETTINGS, assessment=a,
                       evidence_dir=sample.path("mau")["evidence"])
    return out, kq, a


@pytest.fixture(scope="module")
def commune_level(mau, tmp_path_factory):
    out = tmp_path_factory.mktemp("ho-so-xa")
    kq = build_dossier(mau, "congdongxa-tt25-2023", 2025, out, settings=SETTINGS,
                       thresholds=sample.path("mau")["thresholds"])
    return out, kq


# ------------------------------------------------------------------ tests
def test_files_and_places(giadinh):
    out, kq, _ = giadinh
    names = {p.relative_to(out).as_posix() for p in kq.written}
    assert names == set(dossier_files("giadinh-qd387", 2025, personal=True).values())
    assert all(p.parent == out for p in kq.outgoing)
    assert [p.parent.name for p in kq.restricted] == ["han-che-luu-hanh"]
    assert not [p for p in out.rglob(".*")]  # no staging folder left behind


def test_every_document_has_the_nd30_layout(giadinh):
    _, kq, _ = giadinh
    place = "Hòa Mẫu, ngày 05 tháng 12 năm 2025"
    specs = {"01-": ("TỜ TRÌNH", "Số: 12/TTr-HKH", "Lê Văn Hùng"), "02-": ("BIÊN BẢN", "Số: 3/BB-HKH", "Lê Văn Hùng"),
             "03-": ("BÁO CÁO", "Số: 14/BC-HKH", "Lê Văn Hùng"), "04-": ("QUYẾT ĐỊNH", "Số: 45/QĐ-UBND", "Trần Thị Mai")}
    for p in kq.outgoing:
        doc_type, number, signer = specs[p.name[:3]]
        assert_nd30(Document(str(p)), doc_type=doc_type, number=number, place_date=place, signer=signer)
    assert_nd30(Document(str(kq.restricted[0])), doc_type="DANH SÁCH", number=None, place_date=place,
                signer="Lê Văn Hùng")


def test_issuers_addressee_and_suggested_label(giadinh):
    _, kq, _ = giadinh
    letter = Document(str(kq.outgoing[0]))
    _, issuer = find_run(letter, "HỘI KHUYẾN HỌC XÃ HÒA MẪU")
    assert issuer.bold
    _, parent = find_run(letter, "HỘI KHUYẾN HỌC TỈNH HỒNG LAM")
    assert not parent.bold
    text = all_text(letter)
    assert "Kính gửi: Ủy ban nhân dân xã Hòa Mẫu." in text
    assert "Mẫu gợi ý theo thể thức Nghị định 30/2020/NĐ-CP" in text
    assert "Căn cứ Quyết định số 387/QĐ-TTg ngày 25/3/2022 của Thủ tướng Chính phủ" in text
    assert "bản dựng lại từ tài liệu công khai" in text  # the reconstructed catalogue is said plainly
    decision = Document(str(kq.outgoing[3]))
    find_run(decision, "ỦY BAN NHÂN DÂN XÃ HÒA MẪU")
    assert "DỰ THẢO" in all_text(decision)
    _, left = find_run(Document(str(kq.outgoing[1])), "THƯ KÝ")
    assert left.bold


def test_figures_come_from_the_engine(giadinh):
    _, kq, a = giadinh
    s = a.summary
    reg = s[s["registered"].fillna(False)]
    passed = int(reg["recognised"].fillna(False).sum())
    f = kq.facts
    assert (f.registered, f.passed, f.not_passed) == (len(reg), passed, len(reg) - passed)
    text = all_text(Document(str(kq.outgoing[0])))
    n = f"{len(reg):,}".replace(",", ".")
    assert f"có {n} hộ gia đình đăng ký" in text
    assert f"cho {passed:,} hộ gia đình".replace(",", ".") in text
    report = Document(str(kq.outgoing[2]))
    table = next(t for t in report.tables if [c.text for c in t.rows[0].cells][:3] == ["TT", "Mã", "Chỉ số"])
    body = {r.cells[1].text: r for r in table.rows[1:]}
    assert set(body) == {i.id for _, i in a.catalogue.indicators()}
    d = a.details[a.details["subject_id"].isin(set(reg["subject_id"]))]
    one = d[d["indicator_id"] == "GDHT-1.1"]
    assert body["GDHT-1.1"].cells[4].text == f"{int((one['met'].fillna(False) & one['applies']).sum()):,}".replace(",", ".")
    # the restricted list holds exactly the proposed subjects, with their names
    lst = Document(str(kq.restricted[0]))
    rows = next(t for t in lst.tables if [c.text for c in t.rows[0].cells][:3] == ["TT", "Mã", "Tên"]).rows[1:]
    assert len(rows) == passed
    ids = [r.cells[1].text for r in rows]
    assert set(ids) == set(reg.loc[reg["recognised"].fillna(False), "subject_id"])


def test_personal_data_only_in_the_restricted_list(giadinh, mau):
    out, kq, _ = giadinh
    allow = [SETTINGS["nguoi_ky"], SETTINGS["nguoi_ky_quyet_dinh"], SETTINGS["thu_ky"]]
    heads = [f"Hộ {h}" for h in mau.households.set_index("household_id")
             .loc[list(kq.facts.proposed["subject_id"]), "head_name"].dropna()]
    for p in kq.outgoing:
        with zipfile.ZipFile(p) as z:
            xml = " ".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
        assert not [h for h in heads if h in xml]
        assert not re.search(r"X01-(NK|H)\d{4,5}\b", xml)
        assert personal_data_in(p, mau, allow=allow) == []
    restricted = kq.restricted[0]
    text = all_text(Document(str(restricted)))
    from khuyenhoc.consent import RECOGNITION, consented
    agreed = consented(mau, RECOGNITION, pd.to_datetime(SETTINGS["ngay"], dayfirst=True))
    heads_df = mau.persons[mau.persons["relation"] == "Chủ hộ"]
    ok_hh = set(heads_df.loc[heads_df["person_id"].isin(agreed), "household_id"])
    named = [f"Hộ {h}" for hid, h in mau.households.set_index("household_id")
             .loc[list(kq.facts.proposed["subject_id"]), "head_name"].dropna().items() if hid in ok_hh]
    assert named and all(h in text for h in named)  # heads who agreed to be assessed are named
    if len(named) < len(heads):
        assert "chưa có phiếu đồng ý" in text
    assert re.search(r"X01-H\d{4}\b", text)  # internal codes too, to find the household in the books
    doc = Document(str(restricted))
    s = doc.sections[0]
    assert MARK.upper() in s.first_page_header.paragraphs[0].text
    assert any(MARK.upper() in p.text for p in s.header.paragraphs)  # every later page too
    assert MARK in all_text(doc)


def test_list_of_non_personal_subjects_is_not_restricted(commune_level):
    out, kq = commune_level
    assert kq.restricted == [] and len(kq.outgoing) == 5
    report = Document(str(out / "03-bao-cao-tu-danh-gia-congdongxa-tt25-2023-2025.docx"))
    table = next(t for t in report.tables if [c.text for c in t.rows[0].cells][:4] == ["TT", "Mã", "Chỉ số", "Mức độ"])
    head = [c.text for c in table.rows[0].cells]
    assert head[4:] == ["Giá trị", "Ngưỡng", "Kết quả", "Minh chứng"]  # one commune: its own values, not counts
    assert {r.cells[3].text for r in table.rows[1:]} == {"2"}  # the level it applied for


def test_a_name_leaking_into_an_outgoing_document_stops_everything(mau, tmp_path):
    resident = str(mau.persons["full_name"].iloc[10])
    with pytest.raises(DossierError, match="dữ liệu cá nhân"):
        build_dossier(mau, "congdongthon-qd387", 2025, tmp_path, thresholds=sample.path("mau")["thresholds"],
                      settings={"hop_dia_diem": f"nhà ông {resident} và các hộ lân cận"})
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a staging folder


def test_settings_errors_and_bad_model(mau, tmp_path):
    f = tmp_path / "mau.yaml"
    f.write_text("ngay: 31-12-2025\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="dd/mm/yyyy"):
        load_dossier_settings(f)
    f.write_text("khong_co_muc: 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="không có mục này"):
        load_dossier_settings(f)
    with pytest.raises(DossierError, match="Không có số liệu năm 1999"):
        build_dossier(mau, "congdongthon-qd387", 1999, tmp_path / "x")


def test_cli_ho_so(tmp_path, capsys):
    code = main(["ho-so", "--mo-hinh", "Dòng họ học tập", "--nam", "2025", "--ra", str(tmp_path / "hs")])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Hồ sơ “Dòng họ học tập” năm 2025 của Xã Hòa Mẫu" in out.out
    assert (tmp_path / "hs" / "01-to-trinh-dongho-qd387-2025.docx").is_file()
    code = main(["ho-so", "--mo-hinh", "khong-co", "--nam", "2025", "--ra", str(tmp_path / "hs2")])
    err = capsys.readouterr().err
    assert code == 1 and "Lỗi:" in err and "Traceback" not in err
    (tmp_path / "tep").write_text("x")
    assert main(["ho-so", "--mo-hinh", "giadinh-qd387", "--nam", "2025", "--ra", str(tmp_path / "tep")]) == 2


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) chưa cài: apt-get install libreoffice-writer-nogui fonts-liberation2")
def test_every_document_opens_in_libreoffice(giadinh, tmp_path):
    _, kq, _ = giadinh
    r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                        *map(str, kq.written)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    for p in kq.written:
        pdf = tmp_path / (p.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 5_000, (p.name, r.stderr)
        if shutil.which("pdftotext"):
            txt = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
            assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in txt
            if p in kq.restricted:
                assert MARK.upper() in txt


def test_a_proposed_household_without_its_heads_consent_is_listed_by_code_only(mau, tmp_path):
    """Consent (Luật 91/2025): the head of one proposed household withdrew it; the list keeps the code, not the name."""
    a = assess(mau, "giadinh-qd387", 2025, thresholds=sample.path("mau")["thresholds"],
               evidence_dir=sample.path("mau")["evidence"])
    kq0 = build_dossier(mau, "giadinh-qd387", 2025, tmp_path / "a", settings=SETTINGS, assessment=a,
                        evidence_dir=sample.path("mau")["evidence"])
    hid = str(kq0.facts.proposed["subject_id"].iloc[0])
    head = mau.persons[(mau.persons["household_id"] == hid) & (mau.persons["relation"] == "Chủ hộ")]["person_id"]
    c = mau.consents.copy()
    c = c[~c["person_id"].isin(set(head))]
    from khuyenhoc.data import CommuneData
    tables = dict(mau.tables, consents=c)
    kq = build_dossier(CommuneData(tables), "giadinh-qd387", 2025, tmp_path / "b", settings=SETTINGS, assessment=a,
                       evidence_dir=sample.path("mau")["evidence"])
    name = mau.households.set_index("household_id").loc[hid, "head_name"]
    text = all_text(Document(str(kq.restricted[0])))
    assert hid in text and f"Hộ {name}" not in text and "chưa có phiếu đồng ý" in text
