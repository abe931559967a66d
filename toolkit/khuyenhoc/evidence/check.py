"""Kiểm tra minh chứng (đúng loại, đúng kỳ, đúng nơi cấp, có tệp, tệp không đổi): xem ``khuyenhoc.engine.evidence_status``.

Kept so that ``khuyenhoc.evidence.check`` still names the checks; they live in
the engine because each indicator's evidence status is part of an assessment.

Ví dụ::

    >>> STATUSES
    ('đủ', 'thiếu', 'không hợp lệ', 'không yêu cầu')
"""

from ..engine.evidence_status import (STATUS_INVALID, STATUS_MISSING, STATUS_NOT_REQUIRED, STATUS_OK,  # noqa: F401
                                      STATUSES, _sha256, check_evidence, issuer_matches, status_by_indicator)

__all__ = ["STATUS_OK", "STATUS_MISSING", "STATUS_INVALID", "STATUS_NOT_REQUIRED", "STATUSES", "issuer_matches",
           "check_evidence", "status_by_indicator"]
