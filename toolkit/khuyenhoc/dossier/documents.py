"""Các văn bản của hồ sơ đề nghị công nhận, dựng theo thể thức Nghị định 30/2020 (``khuyenhoc.nd30``).

MẪU GỢI Ý: chưa tìm thấy mẫu chính thức của Hội Khuyến học Việt Nam cho hồ sơ này; thành phần hồ sơ
(tờ trình, báo cáo tự đánh giá với bảng tổng hợp tiêu chí, chỉ số, biên bản họp xét) theo các thủ tục
đã đọc được của Thông tư 24/2023 và 25/2023. Mỗi văn bản ghi rõ dòng "Mẫu gợi ý".

Ví dụ::

    >>> citation(_doc("387/QĐ-TTg"))
    'Quyết định số 387/QĐ-TTg ngày 25/3/2022 của Thủ tướng Chính phủ'
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..catalogues.model import Document
from ..data import CommuneData
from ..indicators.vnformat import ngay, ngay_thang_nam, so
from ..nd30 import Header, Nd30Document, Signature
from ..restricted import MARK
from ..consent import RECOGNITION, consented
from .facts import DossierFacts
from .settings import DossierSettings

__all__ = ["SUGGESTED", "citation", "request_letter", "meeting_minutes", "self_assessment", "proposed_list",
           "decision_draft", "subject_names"]

SUGGESTED = ("(Mẫu gợi ý theo thể thức Nghị định 30/2020/NĐ-CP do bộ công cụ khuyenhoc lập — chưa có mẫu chính "
             "thức của Hội Khuyến học Việt Nam; sửa theo hướng dẫn của cấp trên trước khi ký.)")

_TYPES = {"QĐ": "Quyết định", "TT": "Thông tư", "NĐ": "Nghị định", "HD": "Hướng dẫn", "KH": "Kế hoạch",
          "CT": "Chỉ thị", "NQ": "Nghị quyết", "CV": "Công văn", "KL": "Kết luận"}


def nd30_date(d) -> str:
    """Ngày viết theo Nghị định 30/2020: thêm số 0 cho ngày dưới 10 và tháng 1, 2 (``25/3/2022``, ``05/01/2026``).

    >>> nd30_date(dt.date(2022, 3, 25)), nd30_date(dt.date(2026, 1, 5))
    ('25/3/2022', '05/01/2026')
    """
    d = pd.Timestamp(d)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


def safe_dates(text: str) -> str:
    """dd/mm/yyyy trong câu → dạng Nghị định 30; tháng 1, 2 viết bằng chữ (khỏi giống ngày sinh của người dân).

    >>> safe_dates("Hướng dẫn số 21/HD-SGDĐT ngày 01/03/2024; hạn 15/01/2026")
    'Hướng dẫn số 21/HD-SGDĐT ngày 01/3/2024; hạn ngày 15 tháng 01 năm 2026'
    """
    import re

    def one(m):
        d = pd.Timestamp(int(m.group(4)), int(m.group(3)), int(m.group(2)))
        if d.month < 3:
            return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
        return (m.group(1) or "") + nd30_date(d)

    return re.sub(r"(ngày )?\b(\d{2})/(\d{2})/(\d{4})\b", one, text)


def _doc(number: str) -> Document:  # for the doctest
    return Document(number=number, date=dt.date(2022, 3, 25), issuer="Thủ tướng Chính phủ")


def citation(d: Document) -> str:
    """Trích dẫn lần đầu một văn bản: loại, số và ký hiệu, ngày, cơ quan ban hành (Nghị định 30/2020)."""
    code = d.number.split("/")[1].split("-")[0] if "/" in d.number else ""
    kind = next((v for k, v in _TYPES.items() if code.upper().startswith(k)), "Văn bản")
    s = f"{kind} số {d.number}"
    if d.date:
        s += " " + safe_dates(f"ngày {ngay(d.date)}")
    return s + f" của {d.issuer}"


def _title_of(d: Document) -> str:
    return f" về {d.title[:1].lower() + d.title[1:]}" if d.title else ""


def _header(doc: Nd30Document, s: DossierSettings, number: str, when: dt.date, *, parent: str | None = None,
            issuer: str | None = None) -> None:
    doc.header(Header(parent_body=s.co_quan_chu_quan if parent is None else parent,
                      issuer=s.co_quan_ban_hanh if issuer is None else issuer,
                      number_symbol=number, place_date=f"{s.dia_danh}, {ngay_thang_nam(when)}"))


def _suggested(doc: Nd30Document) -> None:
    doc.paragraph(SUGGESTED, italic=True, indent=False, align="center", size=12)


def _provenance(doc: Nd30Document, f: DossierFacts) -> None:
    if f.catalogue.provenance == "reconstructed":
        doc.paragraph(f"Lưu ý: bộ tiêu chí áp dụng ({f.catalogue.name}) là bản dựng lại từ tài liệu công khai, chưa "
                      "đối chiếu toàn văn; đề nghị cơ quan công nhận đối chiếu với bộ tiêu chí hiện hành.", italic=True)


def _bases(doc: Nd30Document, f: DossierFacts) -> None:
    for d in f.catalogue.documents:
        doc.paragraph(f"Căn cứ {citation(d)}{_title_of(d)};")


def _results_table(doc: Nd30Document, f: DossierFacts) -> None:
    rows = [[str(i), str(r["result"]), so(r["count"])] for i, r in enumerate(f.results.to_dict("records"), 1)]
    rows.append(["", "Cộng", so(f.registered)])
    doc.table(["TT", "Kết quả đánh giá", f"Số {f.noun}"], rows, widths_cm=[1.2, 10.0, 4.3],
              numeric=[False, False, True], caption=f"Bảng: Kết quả đánh giá các {f.noun} đã đăng ký năm {f.year}")


def _count_sentence(f: DossierFacts) -> str:
    s = (f"Năm {f.year}, trên địa bàn {f.commune_name[:1].lower() + f.commune_name[1:]} có {so(f.registered)} "
         f"{f.noun} đăng ký xây dựng danh hiệu “{f.catalogue.model}”. Kết quả đánh giá theo bộ tiêu chí: "
         f"{so(f.passed)} đạt, {so(f.not_passed)} chưa đạt")
    if f.undecided:
        s += f", {so(f.undecided)} chưa kết luận (bộ tiêu chí còn ngưỡng chưa đặt)"
    return s + "."


def _evidence_sentence(f: DossierFacts) -> str:
    s = (f"Sổ minh chứng có {so(f.evidence_records)} minh chứng của các {f.noun} đã đăng ký, trong đó "
         f"{so(f.evidence_valid)} minh chứng hợp lệ. Trong {so(f.passed)} {f.noun} đạt, {so(f.passed_with_evidence)} "
         f"đã đủ minh chứng")
    if f.passed_missing_evidence:
        s += f", {so(f.passed_missing_evidence)} còn thiếu minh chứng phải bổ sung trước khi trình công nhận"
    return s + "."


def _deadline_lines(f: DossierFacts) -> list[str]:
    from ..procedure import authority, deadline, load_config

    cfg = load_config()
    out = []
    for step, label in (("tham_dinh", "Hạn nộp hồ sơ"), ("cong_nhan", "Hạn quyết định công nhận"),
                        ("bao_cao", "Hạn báo cáo kết quả")):
        d = deadline(f.catalogue.id, step, f.year, cfg)
        if d is not None:
            out.append(f"{label} theo cấu hình thủ tục: trước {ngay_thang_nam(d)}.")
    who, note = authority(f.catalogue.id, f.year, cfg)
    if who:
        out.append(f"Cơ quan công nhận theo văn bản: {who}.")
    elif note:
        out.append(note)
    return out


# =========================================================================== the five documents
def request_letter(f: DossierFacts, s: DossierSettings, when: dt.date, annex_names: list[str]) -> Nd30Document:
    """Tờ trình đề nghị công nhận (chỉ số liệu tổng hợp; danh sách có tên người kèm riêng)."""
    doc = Nd30Document()
    _header(doc, s, s.number("TTr", s.so_to_trinh), when)
    doc.title("TỜ TRÌNH", [f"Về việc đề nghị công nhận danh hiệu “{f.catalogue.model}” năm {f.year}"])
    _suggested(doc)
    doc.addressee([s.kinh_gui])
    _bases(doc, f)
    doc.paragraph(f"Căn cứ kết quả tự đánh giá và biên bản họp xét của Hội Khuyến học "
                  f"{f.commune_name[:1].lower() + f.commune_name[1:]},")
    doc.paragraph(f"{s.co_quan_ban_hanh} kính trình {s.kinh_gui} như sau:")
    doc.heading("Kết quả đánh giá")
    doc.paragraph(_count_sentence(f))
    _results_table(doc, f)
    doc.paragraph(_evidence_sentence(f))
    _provenance(doc, f)
    doc.heading("Đề nghị")
    doc.paragraph(f"{s.co_quan_ban_hanh} kính đề nghị {s.kinh_gui} xem xét, công nhận danh hiệu "
                  f"“{f.catalogue.model}” năm {f.year} cho {so(f.passed)} {f.noun} (có danh sách kèm theo"
                  + ("; danh sách có dữ liệu cá nhân, hạn chế lưu hành" if f.personal else "") + ").")
    for line in _deadline_lines(f):
        doc.paragraph(line)
    doc.heading("Hồ sơ kèm theo")
    doc.bullets(annex_names)
    doc.paragraph(f"Kính trình {s.kinh_gui} xem xét, quyết định./.")
    doc.signature(Signature(authority=s.tham_quyen, title=s.chuc_vu, name=s.nguoi_ky,
                            recipients=s.noi_nhan_to_trinh))
    return doc


def meeting_minutes(f: DossierFacts, s: DossierSettings, when: dt.date) -> Nd30Document:
    """Biên bản họp xét đề nghị công nhận (số liệu tổng hợp; kết quả biểu quyết để trống cho thư ký ghi)."""
    doc = Nd30Document()
    _header(doc, s, s.number("BB", s.so_bien_ban), when)
    doc.title("BIÊN BẢN", [f"Họp xét, đề nghị công nhận danh hiệu “{f.catalogue.model}” năm {f.year}"])
    _suggested(doc)
    doc.heading("Thời gian, địa điểm")
    doc.paragraph(f"Thời gian: {s.hop_thoi_gian}.")
    doc.paragraph(f"Địa điểm: {s.hop_dia_diem}.")
    doc.heading("Thành phần")
    doc.bullets(s.hop_thanh_phan)
    doc.paragraph("Số thành viên có mặt: …/… (vắng: …, lý do: …).")
    doc.heading("Nội dung")
    doc.subheading("Thư ký báo cáo kết quả tự đánh giá")
    doc.paragraph(_count_sentence(f))
    _results_table(doc, f)
    doc.paragraph(_evidence_sentence(f))
    if len(f.failures):
        top = ", ".join(f"{r['indicator']} — {r['short']} ({so(r['count'])})"
                        for r in f.failures.head(5).to_dict("records"))
        doc.paragraph(f"Các chỉ số nhiều {f.noun} chưa đạt nhất: {top}.")
    _provenance(doc, f)
    doc.subheading("Ý kiến thảo luận")
    doc.paragraph("[Thư ký ghi tóm tắt ý kiến của từng thành viên: đối tượng nào cần xem lại, minh chứng nào "
                  "cần bổ sung.]")
    doc.subheading("Biểu quyết")
    doc.paragraph(f"Đề nghị công nhận {so(f.passed)} {f.noun} đạt danh hiệu “{f.catalogue.model}” năm {f.year} "
                  "(danh sách kèm theo): đồng ý …/…; không đồng ý …/…; ý kiến khác …/….")
    doc.heading("Kết luận")
    concl = (f"Hội nghị thống nhất đề nghị công nhận {so(f.passed)} {f.noun} đạt danh hiệu “{f.catalogue.model}” "
             f"năm {f.year}.")
    if f.passed_missing_evidence:
        concl += (f" {so(f.passed_missing_evidence)} {f.noun} còn thiếu minh chứng phải bổ sung trước khi gửi hồ "
                  "sơ; chi hội các thôn hướng dẫn bổ sung.")
    doc.paragraph(concl)
    doc.paragraph("Cuộc họp kết thúc lúc … giờ … cùng ngày. Biên bản đã được đọc lại trước hội nghị, các thành viên "
                  "nhất trí thông qua./.")
    doc.two_signatures(("THƯ KÝ", s.thu_ky), ("CHỦ TRÌ", s.nguoi_ky))
    return doc


def self_assessment(f: DossierFacts, s: DossierSettings, when: dt.date) -> Nd30Document:
    """Báo cáo tự đánh giá với bảng tổng hợp kết quả theo tiêu chí, chỉ số (số liệu tổng hợp)."""
    doc = Nd30Document()
    _header(doc, s, s.number("BC", s.so_bao_cao), when)
    doc.title("BÁO CÁO", [f"Tự đánh giá kết quả xây dựng mô hình “{f.catalogue.model}” năm {f.year}"])
    _suggested(doc)
    doc.heading("Căn cứ và cách tổ chức đánh giá")
    _bases(doc, f)
    doc.paragraph(f"Bộ tiêu chí áp dụng: {f.catalogue.name} (phiên bản {f.catalogue.version}). Số liệu tính từ "
                  f"ngày 01 tháng 01 đến ngày 31 tháng 12 năm {f.year}.")
    notes = [m for m in f.assessment.messages if "ngưỡng" in m.lower()][:3]
    for m in notes:
        doc.paragraph(f"- {safe_dates(m)}")
    _provenance(doc, f)
    doc.heading("Kết quả tự đánh giá")
    doc.paragraph(_count_sentence(f))
    _results_table(doc, f)
    doc.paragraph(_evidence_sentence(f))
    _indicator_table(doc, f)
    doc.heading("Tồn tại, hạn chế")
    if len(f.failures):
        for r in f.failures.head(8).to_dict("records"):
            doc.paragraph(f"- {r['indicator']} ({r['short']}): {so(r['count'])} {f.noun} chưa đạt.")
    else:
        doc.paragraph(f"Không có {f.noun} nào chưa đạt vì một chỉ số cụ thể.")
    if f.passed_missing_evidence:
        doc.paragraph(f"- {so(f.passed_missing_evidence)} {f.noun} đạt nhưng còn thiếu minh chứng.")
    doc.heading("Đề xuất")
    doc.paragraph(f"Đề nghị công nhận {so(f.passed)} {f.noun} đạt danh hiệu “{f.catalogue.model}” năm {f.year}; "
                  "hướng dẫn các trường hợp chưa đạt xây dựng kế hoạch phấn đấu năm sau.")
    doc.paragraph("Báo cáo chỉ gồm số liệu tổng hợp; danh sách có tên được lập riêng"
                  + (" và hạn chế lưu hành." if f.personal else "."), italic=True)
    doc.signature(Signature(authority=s.tham_quyen, title=s.chuc_vu, name=s.nguoi_ky,
                            recipients=[f"{s.kinh_gui};", "Lưu: VT."]))
    return doc


def _indicator_table(doc: Nd30Document, f: DossierFacts) -> None:
    t = f.indicators
    if t.empty:
        return
    single = f.registered == 1
    levels = "level" in t.columns
    rows = []
    for i, r in enumerate(t.to_dict("records"), 1):
        head = [str(i), str(r["indicator_id"]), str(r["short"])] + ([str(r["level"])] if levels else [])
        if single:
            val = "–" if pd.isna(r["value"]) else so(r["value"], 1 if r["value"] % 1 else 0)
            thr = "–" if pd.isna(r["threshold"]) else so(r["threshold"], 1 if r["threshold"] % 1 else 0)
            rows.append(head + [val, thr, "Đạt" if r["met"] else "Chưa đạt", "Đủ" if r["evidence_ok"] else "Thiếu"])
        else:
            rows.append(head + [so(r["applies"]), so(r["met"]), so(r["evidence_ok"])])
    lv = ["Mức độ"] if levels else []
    if single:
        headers = ["TT", "Mã", "Chỉ số"] + lv + ["Giá trị", "Ngưỡng", "Kết quả", "Minh chứng"]
        widths = [1.0, 2.4, 5.3 - (1.3 if levels else 0)] + ([1.3] if levels else []) + [1.8, 1.8, 1.9, 2.3]
        numeric = [False, False, False] + [False] * len(lv) + [True, True, False, False]
    else:
        headers = ["TT", "Mã", "Chỉ số"] + lv + ["Số được xét", "Số đạt", "Số đủ minh chứng"]
        widths = [1.0, 2.4, 6.6 - (1.3 if levels else 0)] + ([1.3] if levels else []) + [1.8, 1.8, 1.9]
        numeric = [False, False, False] + [False] * len(lv) + [True, True, True]
    doc.table(headers, rows, widths_cm=widths, numeric=numeric,
              caption="Bảng tổng hợp kết quả theo tiêu chí, chỉ số")


def subject_names(data: CommuneData, kind: str) -> pd.Series:
    """subject_id → tên đọc được (hộ: "Hộ <tên chủ hộ>"). Chỉ dùng cho danh sách hạn chế lưu hành."""
    if kind == "person":
        return data.persons.set_index("person_id")["full_name"].astype("string")
    if kind == "household":
        h = data.households.set_index("household_id")["head_name"].astype("string")
        return ("Hộ " + h).astype("string")
    if kind == "clan":
        return data.clans.set_index("clan_id")["name"].astype("string")
    if kind == "unit":
        return data.units.set_index("unit_id")["name"].astype("string")
    return data.admin_units.set_index("unit_id")["name"].astype("string")


def _without_consent(data: CommuneData, kind: str, subject_ids: pd.Series, when: dt.date) -> set[str]:
    """Proposed people (or households, by their head) whose consent to be assessed for a title is not on file."""
    if kind not in ("person", "household"):
        return set()
    agreed = consented(data, RECOGNITION, pd.Timestamp(when))
    if kind == "household":
        heads = data.persons[(data.persons["relation"] == "Chủ hộ").fillna(False).to_numpy(dtype=bool)]
        agreed = set(heads.loc[heads["person_id"].astype("string").isin(agreed).fillna(False).to_numpy(dtype=bool),
                               "household_id"].astype(str))
    return {str(x) for x in subject_ids if str(x) not in agreed}


def proposed_list(f: DossierFacts, s: DossierSettings, when: dt.date, data: CommuneData) -> Nd30Document:
    """Danh sách đề nghị công nhận (có tên; hạn chế lưu hành khi là người hoặc hộ gia đình)."""
    doc = Nd30Document()
    if f.personal:
        doc.page_mark(MARK.upper())
    _header(doc, s, "", when)
    doc.title("DANH SÁCH", [f"Đề nghị công nhận danh hiệu “{f.catalogue.model}” năm {f.year}"])
    doc.paragraph(f"(Kèm theo Tờ trình {s.number('TTr', s.so_to_trinh)[4:]} {ngay_thang_nam(when)} của "
                  f"{s.co_quan_ban_hanh})", italic=True, indent=False, align="center")
    if f.personal:
        doc.paragraph(f"{MARK}: chỉ dùng trong hồ sơ công nhận, không đăng công khai khi chưa có sự đồng ý của "
                      "người có tên (Luật 91/2025/QH15).", bold=True, indent=False)
    _suggested(doc)
    names = subject_names(data, f.catalogue.subjects.kind)
    hidden = _without_consent(data, f.catalogue.subjects.kind, f.proposed["subject_id"], when)
    villages = data.admin_units.set_index("unit_id")["name"].astype("string")
    p = f.proposed
    rows = []
    for i, r in enumerate(p.to_dict("records"), 1):
        res = str(r["result"])
        if "points" in r and pd.notna(r.get("points")):
            res += f" ({so(r['points'], 1 if r['points'] % 1 else 0)} điểm)"
        vil = villages.get(r["village_id"]) if pd.notna(r.get("village_id")) else None
        name = "(chưa có phiếu đồng ý: chỉ ghi mã)" if r["subject_id"] in hidden else names.get(r["subject_id"], "")
        rows.append([str(i), str(r["subject_id"]), str(name or ""),
                     str(vil) if vil is not None and pd.notna(vil) else "–", res,
                     "Đủ" if bool(r.get("evidence_complete")) else "Còn thiếu"])
    doc.table(["TT", "Mã", "Tên", "Thôn", "Kết quả", "Minh chứng"], rows,
              widths_cm=[0.9, 3.0, 4.2, 2.8, 2.6, 2.0], numeric=[False] * 6)
    if hidden:
        doc.paragraph(f"{so(len(hidden))} {f.noun} chưa có phiếu đồng ý “{RECOGNITION}” còn hiệu lực "
                      f"{'của chủ hộ ' if f.catalogue.subjects.kind == 'household' else ''}nên chỉ ghi mã, chưa ghi "
                      "tên; bổ sung phiếu đồng ý trước khi trình.", italic=True, indent=False)
    doc.paragraph(f"Danh sách có {so(len(p))} {f.noun}./.", indent=False)
    doc.signature(Signature(authority=s.tham_quyen, title=s.chuc_vu, name=s.nguoi_ky, recipients=[]))
    return doc


def decision_draft(f: DossierFacts, s: DossierSettings, when: dt.date) -> Nd30Document:
    """Dự thảo quyết định công nhận của cơ quan có thẩm quyền (danh sách có tên kèm theo, không in trong thân)."""
    doc = Nd30Document()
    doc.page_mark("DỰ THẢO")
    _header(doc, s, s.number("QĐ", s.so_quyet_dinh, s.ky_hieu_cong_nhan), when,
            parent=s.co_quan_cong_nhan_chu_quan, issuer=s.co_quan_cong_nhan)
    doc.title("QUYẾT ĐỊNH", [f"Về việc công nhận danh hiệu “{f.catalogue.model}” năm {f.year}"])
    _suggested(doc)
    doc.paragraph(f"{s.chuc_vu_quyet_dinh} {s.co_quan_cong_nhan}".upper(), bold=True, indent=False, align="center")
    doc.paragraph("Căn cứ [luật về tổ chức chính quyền địa phương hiện hành — ghi số, ngày ban hành];")
    _bases(doc, f)
    doc.paragraph(f"Xét đề nghị của {s.co_quan_ban_hanh} tại Tờ trình {s.number('TTr', s.so_to_trinh)[4:]} "
                  f"{ngay_thang_nam(when)},")
    doc.paragraph("QUYẾT ĐỊNH:", bold=True, indent=False, align="center")
    doc.paragraph(f"Điều 1. Công nhận danh hiệu “{f.catalogue.model}” năm {f.year} cho {so(f.passed)} {f.noun} "
                  "(có danh sách kèm theo).")
    validity = (f" Danh hiệu có giá trị {f.catalogue.validity_years} năm kể từ ngày ký."
                if f.catalogue.validity_years else "")
    doc.paragraph(f"Điều 2. Quyết định này có hiệu lực kể từ ngày ký.{validity}")
    doc.paragraph(f"Điều 3. {s.co_quan_ban_hanh}, các bộ phận có liên quan và các {f.noun} có tên trong danh sách "
                  "kèm theo Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    doc.signature(Signature(authority=s.tham_quyen_quyet_dinh, title=s.chuc_vu_quyet_dinh,
                            name=s.nguoi_ky_quyet_dinh, recipients=s.noi_nhan_quyet_dinh))
    return doc
