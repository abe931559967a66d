"""Biểu mẫu bấm chuột (ipywidgets) cho cán bộ: nhập minh chứng, bảng kiểm tiêu chí, xem đánh giá, lập báo cáo,
và ứng dụng gộp các biểu mẫu đó (chạy bằng Voilà: ``make app``).

Mọi thông báo và lỗi hiện trong khung kết quả ngay dưới nút bấm, bằng tiếng Việt.

Ví dụ (trong sổ tay)::

    >>> import os, tempfile
    >>> from khuyenhoc import sample, widgets
    >>> du_lieu = sample.load("mau")
    >>> form = widgets.EvidenceForm(du_lieu, path=os.path.join(tempfile.mkdtemp(), "minh_chung.xlsx"))
    >>> type(form.widget).__name__
    'VBox'
"""

from .app import OfficerApp
from .checklist import CriteriaChecklist, checklist_table
from .evidence_form import EvidenceForm, append_evidence, next_evidence_id, read_evidence_file, validate_entry
from .explorer import AssessmentExplorer
from .loader import DataLoader
from .report import ReportBuilder, build_report
from .session import Session

__all__ = [
    "OfficerApp", "EvidenceForm", "CriteriaChecklist", "AssessmentExplorer", "ReportBuilder", "DataLoader",
    "Session", "validate_entry", "append_evidence", "read_evidence_file", "next_evidence_id", "checklist_table",
    "build_report",
]
