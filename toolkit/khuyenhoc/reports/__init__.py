"""Báo cáo của Hội Khuyến học: báo cáo năm (.docx, thể thức Nghị định 30/2020, có phần kết quả đánh giá
các mô hình học tập), phụ lục Excel, các tệp hạn chế lưu hành, báo cáo tổng hợp của tỉnh.

Ví dụ::

    >>> import tempfile
    >>> from khuyenhoc.reports import MARK, validate_source
    >>> data, problems, report = validate_source("khong-co.xlsx", tempfile.mkdtemp())  # no workbook: no report
    >>> data is None, report.read_text(encoding="utf-8").splitlines()[0] == MARK
    (True, True)
"""

from .annex import write_annex
from .annual import (
    SECTIONS, ReportContext, ReportError, Section, add_section, annual_report, build_document, prepare,
)
from .assessment import AssessmentRun, assess_models, overview
from .job import (JobResult, main_job, run_job, summary_lines, validate_source, write_indicators_csv,
                  write_report_documents)
from ..nd30 import LAYOUT, Nd30Document
from .province import RollupResult, province_rollup
from ..restricted import MARK, write_named_lists
from ..report_settings import ReportSettings, SettingsError, load_settings

__all__ = [
    "main_job", "run_job", "write_report_documents", "JobResult", "summary_lines", "validate_source", "AssessmentRun", "assess_models",
    "overview", "annual_report", "prepare", "build_document", "write_annex", "write_named_lists",
    "write_indicators_csv", "province_rollup", "RollupResult", "Section", "SECTIONS", "add_section",
    "ReportContext", "ReportError", "ReportSettings", "SettingsError", "load_settings", "Nd30Document",
    "LAYOUT", "MARK",
]
