"""Hồ sơ đề nghị công nhận danh hiệu: tờ trình, biên bản họp xét, báo cáo tự đánh giá, danh sách đề nghị và dự thảo
quyết định công nhận (.docx, thể thức Nghị định 30/2020), lập từ kết quả đánh giá và sổ minh chứng.

Các văn bản gửi đi chỉ có số liệu tổng hợp; danh sách có tên người (công dân, hộ gia đình) được ghi vào thư mục
``han-che-luu-hanh`` và đánh dấu "Hạn chế lưu hành" ở mọi trang. Trước khi ghi, mọi văn bản gửi đi được kiểm tra
bằng ``khuyenhoc.privacy``: có họ tên, mã cá nhân hay ngày sinh của người dân thì không ghi gì cả. Đây là MẪU GỢI Ý
(chưa có mẫu chính thức).

Ví dụ (xã mẫu Hòa Mẫu, Cộng đồng học tập cấp thôn)::

    >>> import tempfile
    >>> from khuyenhoc import sample
    >>> from khuyenhoc.dossier import build_dossier
    >>> kq = build_dossier(sample.load("mau"), "congdongthon-qd387", 2025, tempfile.mkdtemp(),
    ...                    thresholds=sample.path("mau")["thresholds"])
    >>> kq.facts.registered, kq.facts.passed
    (10, 9)
    >>> [p.name for p in kq.outgoing][:2]
    ['01-to-trinh-congdongthon-qd387-2025.docx', '02-bien-ban-hop-xet-congdongthon-qd387-2025.docx']
    >>> kq.privacy_findings
    []
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..data import CommuneData
from .documents import (SUGGESTED, decision_draft, meeting_minutes, proposed_list, request_letter, self_assessment,
                        subject_names)
from .facts import PERSONAL_KINDS, SUBJECT_NOUNS, DossierError, DossierFacts, collect_facts
from .settings import DossierSettings, SettingsError, load_dossier_settings

__all__ = ["build_dossier", "DossierResult", "DossierFacts", "DossierError", "DossierSettings", "SettingsError",
           "load_dossier_settings", "collect_facts", "dossier_files", "RESTRICTED_DIR", "SUGGESTED",
           "SUBJECT_NOUNS", "PERSONAL_KINDS", "subject_names"]

RESTRICTED_DIR = "han-che-luu-hanh"


def dossier_files(catalogue_id: str, year: int, personal: bool) -> dict[str, str]:
    """Tên tệp của từng văn bản (khóa: to_trinh, bien_ban, bao_cao, quyet_dinh, danh_sach).

    >>> dossier_files("giadinh-qd387", 2025, True)["danh_sach"]
    'han-che-luu-hanh/HAN-CHE-LUU-HANH_05-danh-sach-de-nghi-giadinh-qd387-2025.docx'
    """
    tail = f"{catalogue_id}-{year}.docx"
    ds = f"05-danh-sach-de-nghi-{tail}"
    return {
        "to_trinh": f"01-to-trinh-{tail}",
        "bien_ban": f"02-bien-ban-hop-xet-{tail}",
        "bao_cao": f"03-bao-cao-tu-danh-gia-{tail}",
        "quyet_dinh": f"04-du-thao-quyet-dinh-{tail}",
        "danh_sach": f"{RESTRICTED_DIR}/HAN-CHE-LUU-HANH_{ds}" if personal else ds,
    }


@dataclass
class DossierResult:
    """Kết quả ``build_dossier``: số liệu, các tệp gửi đi, tệp hạn chế lưu hành và kết quả kiểm tra dữ liệu cá nhân."""

    facts: DossierFacts
    outgoing: list[Path]
    restricted: list[Path]
    privacy_findings: list = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        return self.outgoing + self.restricted


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def _public_dates(f: DossierFacts, when: dt.date) -> list[str]:
    import re

    from ..indicators.vnformat import ngay
    from ..procedure import deadline, load_config

    cfg = load_config()
    out = [ngay(when), f"01/01/{f.year}", f"31/12/{f.year}"]
    out += [ngay(d.date) for d in f.catalogue.documents if d.date]
    out += [ngay(x) for step in ("tham_dinh", "cong_nhan", "bao_cao")
            if (x := deadline(f.catalogue.id, step, f.year, cfg)) is not None]
    out += [m for msg in f.assessment.messages for m in re.findall(r"\b\d{2}/\d{2}/\d{4}\b", msg)]
    return out


def build_dossier(data: CommuneData, model, year: int, out_dir: str | os.PathLike, *,
                  settings: DossierSettings | Mapping[str, Any] | str | os.PathLike | None = None,
                  thresholds=None, evidence_dir: str | os.PathLike | None = None, commune_id: str | None = None,
                  assessment=None, when: dt.date | None = None) -> DossierResult:
    """Lập trọn bộ hồ sơ đề nghị công nhận mô hình ``model`` năm ``year`` vào thư mục ``out_dir``.

    ``settings``: dict hoặc tệp YAML sửa tên cơ quan, số hiệu, người ký, cuộc họp (xem ``dossier/mac_dinh.yaml``);
    ``thresholds``, ``evidence_dir``: như ``engine.assess``; ``assessment``: kết quả ``assess`` đã có (khỏi tính lại).
    Ghi trọn bộ hoặc không ghi gì (dữ liệu cá nhân lọt vào văn bản gửi đi thì báo lỗi ``DossierError``).
    """
    from ..privacy import personal_data_in

    f = collect_facts(data, model, year, thresholds=thresholds, evidence_dir=evidence_dir, commune_id=commune_id,
                      assessment=assessment)
    s = settings if isinstance(settings, DossierSettings) else load_dossier_settings(settings)
    ten_xa = f.commune_name.split(" ", 1)[1] if " " in f.commune_name else f.commune_name
    s = s.filled(xa=_lower_first(f.commune_name), ten_xa=ten_xa, tinh=_lower_first(f.province_name), nam=f.year,
                 nam_sau=f.year + 1, mo_hinh=f.catalogue.model)
    when = when or s.ngay or dt.date.today()
    names = dossier_files(f.catalogue.id, f.year, f.personal)
    annex = ["Báo cáo tự đánh giá, kèm bảng tổng hợp kết quả theo tiêu chí, chỉ số;",
             "Biên bản họp xét đề nghị công nhận;",
             "Danh sách đề nghị công nhận" + (" (hạn chế lưu hành);" if f.personal else ";"),
             "Dự thảo quyết định công nhận."]
    docs = {
        "to_trinh": request_letter(f, s, when, annex),
        "bien_ban": meeting_minutes(f, s, when),
        "bao_cao": self_assessment(f, s, when),
        "quyet_dinh": decision_draft(f, s, when),
        "danh_sach": proposed_list(f, s, when, data),
    }
    for d in docs.values():
        d.doc.core_properties.comments = SUGGESTED
        d.doc.core_properties.title = f"Hồ sơ công nhận “{f.catalogue.model}” năm {f.year}"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # names that sign by office, and the dates the toolkit itself wrote (documents cited, deadlines, the period,
    # the signing date): a resident born on one of those days is not named by it
    allow = [s.nguoi_ky, s.nguoi_ky_quyet_dinh, s.thu_ky, *_public_dates(f, when)]
    with tempfile.TemporaryDirectory(prefix=".ho-so-", dir=out) as tmp:
        staged = {}
        for key, d in docs.items():
            p = Path(tmp) / names[key].replace("/", "__")
            d.save(p)
            staged[key] = p
        outgoing_keys = [k for k in names if not (k == "danh_sach" and f.personal)]
        findings = []
        for k in outgoing_keys:
            findings += [(names[k], x) for x in personal_data_in(staged[k], data, allow=allow)]
        if findings:
            shown = "; ".join(f"{n}: {x.kind} '{x.value}'" for n, x in findings[:5])
            raise DossierError(f"Văn bản gửi đi có dữ liệu cá nhân, không ghi hồ sơ: {shown}.")
        final = {}
        for key, p in staged.items():
            dest = out / names[key]
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(p), dest)
            final[key] = dest
    return DossierResult(facts=f, outgoing=[final[k] for k in outgoing_keys],
                         restricted=[final[k] for k in names if k not in outgoing_keys], privacy_findings=[])
