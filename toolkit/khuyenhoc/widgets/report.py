"""Lập báo cáo năm bằng biểu mẫu: năm, người ký, phần đầu văn bản → tệp .docx và phụ lục .xlsx để tải về.

The builder calls the toolkit's results layer and report writers (``compute_results``, ``prepare``,
``write_report_documents``) with the template variables of ``bao_cao_mac_dinh.yaml``; it
also saves the filled-in variables as a YAML file (offered for download) so that the CLI gives the same
report: ``khuyenhoc report --data SỔ --nam NĂM --mau mau-bao-cao-NĂM.yaml --out THƯ_MỤC``.

Ví dụ::

    >>> settings_from_fields({"nguoi_ky": " Lê Văn Hùng ", "so": ""})
    {'nguoi_ky': 'Lê Văn Hùng'}
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Mapping

import ipywidgets as w
import yaml

from ..atomic import atomic_path
from ..indicators.vnformat import so
from ..data import CommuneData
from ..reports import load_settings, prepare, write_report_documents
from ..results import compute_results
from .common import clear, say, button, css, download_link, guarded, labelled, message_html, result_area
from .session import Session

__all__ = ["ReportBuilder", "settings_from_fields", "build_report", "FIELDS"]

#: Template variables the form offers (name → label, tooltip). Others keep their default (mac_dinh.yaml).
FIELDS = {
    "so": ("Số văn bản", "Số của báo cáo, ví dụ 15 → 'Số: 15/BC-HKH'; để trống thì chừa chỗ ghi tay"),
    "ngay": ("Ngày ký", "Ngày ký báo cáo, ghi ngày/tháng/năm; để trống thì lấy ngày hôm nay"),
    "dia_danh": ("Địa danh", "Địa danh ghi trước ngày tháng; để trống thì lấy tên xã"),
    "nguoi_ky": ("Người ký", "Họ và tên Chủ tịch Hội (hoặc người ký thay)"),
    "chuc_vu": ("Chức vụ người ký", "Ví dụ CHỦ TỊCH hoặc PHÓ CHỦ TỊCH"),
    "tham_quyen": ("Thẩm quyền ký", "Ví dụ TM. BAN CHẤP HÀNH"),
    "co_quan_chu_quan": ("Cơ quan cấp trên", "Dòng đầu bên trái; {tinh} là tên tỉnh, điền tự động"),
    "co_quan_ban_hanh": ("Cơ quan ban hành", "Dòng thứ hai bên trái; {xa} là tên xã, điền tự động"),
}


def settings_from_fields(values: Mapping[str, str]) -> dict[str, str]:
    """Các biến mẫu mà cán bộ đã điền (bỏ ô trống, bỏ khoảng trắng thừa)."""
    return {k: str(v).strip() for k, v in values.items() if v is not None and str(v).strip()}


def build_report(data: CommuneData, year: int, out_dir: str | os.PathLike, settings: Mapping[str, str],
                 evidence_dir: str | os.PathLike | None = None,
                 thresholds: str | os.PathLike | None = None) -> dict[str, Path]:
    """Ghi báo cáo năm (.docx), phụ lục (.xlsx) và tệp biến mẫu (.yaml) vào ``out_dir``; trả về các đường dẫn.

    Cùng kết quả với lệnh ``khuyenhoc report`` (``khuyenhoc.results.compute_results``, rồi cùng hàm ghi
    ``reports.write_report_documents``), nên cùng dữ liệu, năm, biến mẫu, ngưỡng và thư mục minh chứng thì cùng
    nội dung; không ghi các danh sách hạn chế lưu hành.
    """
    out = Path(out_dir)
    load_settings(dict(settings))  # a wrong field (e.g. a bad date) stops here with a Vietnamese message
    results = compute_results(data, year, evidence_dir=evidence_dir, thresholds=thresholds)
    ctx = prepare(results, settings=dict(settings), chart_dir=out / "bieu-do")
    y = ctx.year
    paths = write_report_documents(ctx, out)
    ypath = out / f"mau-bao-cao-{y}.yaml"
    with atomic_path(ypath) as tmp:
        tmp.write_text("# Biến mẫu báo cáo đã điền trong ứng dụng; dùng lại với lệnh: khuyenhoc report --mau "
                       f"{ypath.name}\n" + yaml.safe_dump(dict(settings), allow_unicode=True, sort_keys=False),
                       encoding="utf-8")
    paths["yaml"] = ypath
    return paths


def _defaults(session: Session):
    """Default template variables with the commune's and province's names filled in (shown as placeholders)."""
    base = load_settings()
    au = session.data.admin_units.set_index("unit_id")
    communes = session.data.communes()
    if not len(communes):
        return base
    name = str(communes["name"].iloc[0])
    parent = communes["parent_id"].iloc[0]
    province = str(au.loc[parent, "name"]) if parent in au.index else ""
    y = session.default_year() or 0
    return base.filled(xa=name[:1].lower() + name[1:], ten_xa=name.split(" ", 1)[-1],
                       tinh=province[:1].lower() + province[1:], nam=y, nam_sau=y + 1)


class ReportBuilder:
    """Biểu mẫu lập báo cáo năm: điền phần đầu văn bản và người ký, bấm 'Lập báo cáo', tải tệp về."""

    def __init__(self, data: CommuneData | Session, out_dir: str | os.PathLike | None = None):
        self.session = Session.of(data)
        self.out_dir = Path(out_dir) if out_dir is not None else self.session.report_dir
        years = self.session.years()
        self.year = labelled(w.Dropdown(options=years, value=self.session.default_year() if years else None),
                             "Năm báo cáo", "Năm của báo cáo (mặc định: năm gần nhất đã có số liệu cả năm)")
        self.year.add_class("kh-nam")
        defaults = _defaults(self.session)
        self.fields: dict[str, w.Text] = {}
        for name, (label, tip) in FIELDS.items():
            t = labelled(w.Text(placeholder=str(getattr(defaults, name) or "")), label, tip)
            t.add_class(f"kh-{name.replace('_', '-')}")
            self.fields[name] = t
        self.fields["ngay"].placeholder = "dd/mm/yyyy (để trống: hôm nay)"
        self.build = button("Lập báo cáo", "Lập báo cáo năm (.docx) và phụ lục (.xlsx) để tải về")
        self.build.add_class("kh-nut-lap-bao-cao")
        self.out = result_area()
        self.out.add_class("kh-ket-qua-bao-cao")
        self.build.on_click(guarded(self.out)(self._on_build))
        self.last: dict[str, Path] = {}
        self.last_seconds: float | None = None
        # two columns of fields, so that the button and the download links stay on one screen (1366×768)
        cells = [self.year, *self.fields.values()]
        for c in cells:
            c.layout.width = "440px"
            c.style.description_width = "150px"
        half = (len(cells) + 1) // 2
        form = w.HBox([w.VBox(cells[:half]), w.VBox(cells[half:])], layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox([css(), w.HTML("<h3>Lập báo cáo năm gửi cấp trên</h3><p>Ô để trống thì dùng lời văn "
                                            "mặc định (chữ mờ trong ô). Báo cáo chỉ có số liệu tổng hợp.</p>"),
                              form, self.build, self.out],
                             _dom_classes=["khuyenhoc-app", "kh-lap-bao-cao"])

    def settings(self) -> dict[str, str]:
        return settings_from_fields({k: t.value for k, t in self.fields.items()})

    def _on_build(self, _btn=None) -> None:
        if self.year.value is None:
            raise ValueError("Dữ liệu chưa có năm nào để lập báo cáo.")
        t0 = time.perf_counter()
        say(self.out, message_html("Đang lập báo cáo…", "đã sửa"))
        paths = build_report(self.session.data, int(self.year.value), self.out_dir, self.settings(),
                             thresholds=self.session.thresholds)
        self.last = paths
        self.last_seconds = time.perf_counter() - t0
        clear(self.out)
        # the links first, right under the button: they are what the officer came for
        say(self.out, download_link(paths["docx"], f"Tải báo cáo {paths['docx'].name}")
            + "<br>" + download_link(paths["xlsx"], f"Tải phụ lục {paths['xlsx'].name}"))
        say(self.out, message_html(f"Đã lập báo cáo năm {self.year.value} "
                                  f"({so(self.last_seconds, 1)} giây). Báo cáo chỉ có số liệu tổng hợp."))
        say(self.out, "<p style='font-size:14px'>" + download_link(
            paths["yaml"], f"Tải các ô đã điền ({paths['yaml'].name})")
            + " — để lần sau lập lại báo cáo với cùng phần đầu văn bản và người ký.</p>")
