"""Quỹ khuyến học: sổ quỹ (thu theo nguồn, chi, số dư), công khai thu chi, xét chọn học bổng theo quy tắc.

- ``ledger``: sổ quỹ tổng hợp của một năm (chỉ số liệu tổng hợp);
- ``write_disclosure_sheet`` / ``write_disclosure_notice``: bảng công khai (.xlsx) và thông báo (.docx,
  thể thức Nghị định 30/2020) — mẫu gợi ý, không có tên người;
- ``select_awards``: xét chọn học bổng, khen thưởng theo tệp quy tắc YAML, giải thích từng người;
  ``write_selection``: danh sách có tên (hạn chế lưu hành).

Ví dụ::

    >>> from khuyenhoc.fund import load_rules
    >>> load_rules().budget
    90000000
    >>> HEADERS["balance"]
    'Số dư cuối tháng (đồng)'
"""

from .awards import (AwardRules, AwardSelection, RulesError, candidates, load_rules, parse_rules, select_awards,
                     select_from, write_selection)
from .disclosure import SUGGESTED, write_disclosure_notice, write_disclosure_sheet
from .ledger import MONTH_COLUMNS, Ledger, LedgerError, award_communes, ledger

#: Vietnamese headers of the fund's tables (for ``display.show(df.rename(columns=HEADERS))``).
HEADERS = {
    **MONTH_COLUMNS, "collector": "Nơi thu", "payments": "Số khoản", "rule": "Mã suất", "rule_name": "Loại suất",
    "amount_each": "Mức mỗi suất (đồng)", "eligible": "Số người đủ điều kiện", "chosen": "Số người được chọn",
    "no_slot": "Đủ điều kiện nhưng hết suất", "no_money": "Đủ điều kiện nhưng hết ngân sách", "rank": "Thứ hạng",
    "outcome": "Kết quả", "why": "Lý do", "person_id": "Mã nhân khẩu", "thon": "Thôn", "payment": "Phiếu chi (đồng)",
    "awards": "Cộng các suất (đồng)",
}

__all__ = ["HEADERS", "Ledger", "LedgerError", "ledger", "award_communes", "write_disclosure_sheet", "write_disclosure_notice",
           "SUGGESTED", "AwardRules", "AwardSelection", "RulesError", "load_rules", "parse_rules", "candidates",
           "select_awards", "select_from", "write_selection"]
