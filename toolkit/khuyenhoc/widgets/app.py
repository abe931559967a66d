"""Ứng dụng bấm chuột cho cán bộ (chạy bằng Voilà hoặc trong sổ tay): dữ liệu, minh chứng, bảng kiểm,
đánh giá, báo cáo — mỗi việc một thẻ.

Ví dụ::

    >>> app = OfficerApp(work_dir="/tmp/khuyenhoc-thu")
    >>> app.tabs.titles[0]
    '1. Dữ liệu'
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as w
from IPython.display import display

from ..data import CommuneData
from ..reports.job import sample_thresholds_file
from .checklist import CriteriaChecklist
from .common import css
from .evidence_form import EvidenceForm
from .explorer import AssessmentExplorer
from .loader import DataLoader
from .report import ReportBuilder
from .session import Session

__all__ = ["OfficerApp", "TITLES"]

TITLES = ("1. Dữ liệu", "2. Nhập minh chứng", "3. Bảng kiểm tiêu chí", "4. Đánh giá", "5. Báo cáo")


class OfficerApp:
    """Ứng dụng của cán bộ: thẻ 1 chọn dữ liệu; các thẻ 2–5 mở ra khi đã có dữ liệu."""

    def __init__(self, work_dir: str | os.PathLike | None = None):
        self.work_dir = work_dir
        self.session: Session | None = None
        self.loader = DataLoader(self._on_loaded)
        self.status = w.HTML("<b>Chưa mở dữ liệu.</b> Bắt đầu ở thẻ 1.")
        self.status.add_class("kh-trang-thai")
        wait = w.HTML("<p style='font-size:16px'>Hãy chọn dữ liệu ở thẻ <b>1. Dữ liệu</b> trước.</p>")
        self.tabs = w.Tab(children=[self.loader.widget] + [wait] * 4)
        self.tabs.titles = TITLES
        self.tools: dict[str, object] = {}
        self.widget = w.VBox([css(), w.HTML("<h2>Hội Khuyến học — công cụ của cán bộ xã</h2>"), self.status,
                              self.tabs], _dom_classes=["khuyenhoc-app", "kh-ung-dung"])

    def _on_loaded(self, data: CommuneData, name: str, path: Path | None) -> None:
        # the bundled sample comes with its (fictional) commune's local thresholds, as on the command line
        thresholds = sample_thresholds_file() if name == "xã mẫu" else None
        self.session = Session(data, work_dir=self.work_dir, source=name, source_path=path, thresholds=thresholds)
        s = self.session
        s.work_dir.mkdir(parents=True, exist_ok=True)
        evidence = EvidenceForm(s.data, path=s.evidence_file, evidence_dir=s.evidence_dir,
                                on_saved=lambda table: s.set_data(s.data.replace(evidence=table)))
        self.tools = {"evidence": evidence, "checklist": CriteriaChecklist(s), "explorer": AssessmentExplorer(s),
                      "report": ReportBuilder(s)}
        self.tabs.children = [self.loader.widget] + [t.widget for t in self.tools.values()]
        self.tabs.titles = TITLES
        self.status.value = (f"<b>Đang dùng: {html.escape(name)}</b> — các năm có số liệu: "
                             f"{', '.join(str(y) for y in s.years()) or 'chưa có'}. Minh chứng và báo cáo được lưu "
                             "lại trên máy chủ của ứng dụng; tải về bằng các liên kết ở từng thẻ.")

    def show(self) -> None:
        """Hiện ứng dụng (trong sổ tay hoặc Voilà)."""
        display(self.widget)
