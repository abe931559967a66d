"""Tổ chức Hội: kết nạp hội viên, chi hội ở thôn, cơ quan, trường học, doanh nghiệp; chi hội yếu theo quy tắc.

- ``branch_summary``: mỗi chi hội một dòng (hội viên, kết nạp, ra Hội, cán bộ, tập huấn, thu quỹ, tỷ lệ) và các
  dấu hiệu yếu theo tệp quy tắc ``chi-hoi-yeu.yaml`` (ví dụ của xã mẫu, không phải quy định chính thức);
- ``units_without_branch``: cơ quan, doanh nghiệp chưa có chi hội;
- ``admit``: kết nạp hội viên từ một danh sách đề nghị (kiểm tra từng dòng, không sửa dữ liệu gốc).

Ví dụ::

    >>> from khuyenhoc.members import load_branch_rules
    >>> [s.ma for s in load_branch_rules().dau_hieu][:2]
    ['it-hoi-vien', 'khong-ket-nap']
"""

from .admission import AdmissionResult, admit
from .admission import REQUEST_COLUMNS
from .branches import KIND_HEADERS, TABLE_HEADERS, BranchSummary, active_members, branch_kind, branch_summary, units_without_branch
from .rules import BRANCH_FIELDS, BRANCH_KINDS, BranchRules, BranchRulesError, load_branch_rules, parse_branch_rules

#: Vietnamese headers of the members' tables (for ``display.show(df.rename(columns=HEADERS))``).
HEADERS = {**TABLE_HEADERS, "branch_id": "Mã chi hội", "sign_ids": "Mã dấu hiệu", "row": "Dòng", "reason": "Lý do",
           **REQUEST_COLUMNS, "member_id": "Mã hội viên", "role": "Chức vụ trong Hội"}

__all__ = ["HEADERS", "branch_summary", "BranchSummary", "units_without_branch", "branch_kind", "active_members", "admit",
           "AdmissionResult", "load_branch_rules", "parse_branch_rules", "BranchRules", "BranchRulesError",
           "BRANCH_FIELDS", "BRANCH_KINDS"]
