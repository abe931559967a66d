"""Minh chứng: kiểm tra từng minh chứng, báo cáo thiếu minh chứng và phiếu đi thu minh chứng theo thôn.

Ví dụ::

    >>> from khuyenhoc.evidence import check_evidence, gap_report
    >>> from khuyenhoc.data import CommuneData
    >>> len(gap_report(CommuneData(), "congdan-qd324", 2025))
    0
"""

from .check import (STATUS_INVALID, STATUS_MISSING, STATUS_NOT_REQUIRED, STATUS_OK, check_evidence,
                    issuer_matches, status_by_indicator)
from .gaps import gap_report
from .checklist import write_checklist

__all__ = ["check_evidence", "issuer_matches", "status_by_indicator", "gap_report", "write_checklist",
           "STATUS_OK", "STATUS_MISSING", "STATUS_INVALID", "STATUS_NOT_REQUIRED"]
