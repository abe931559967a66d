"""Các vấn đề phát hiện khi đọc sổ sách của xã, và cách trình bày chúng bằng tiếng Việt.

Every check of ``khuyenhoc.intake`` yields ``Problem`` records: where (file,
sheet, row, column), what (code, severity, message) and what to do (fix). This
module renders them one line each, grouped by sheet, counts them and writes JSON.

Ví dụ::

    >>> p = Problem(file="xa.xlsx", sheet="Nhân khẩu", row=57, column="Ngày sinh", value="31/02/1980",
    ...             code="bad_date", message="'31/02/1980' không phải ngày hợp lệ.",
    ...             fix="Sửa lại theo dạng ngày/tháng/năm, ví dụ 28/02/1980.")
    >>> print(p.line())
    Trang 'Nhân khẩu', dòng 57, cột 'Ngày sinh': '31/02/1980' không phải ngày hợp lệ. Sửa lại theo dạng ngày/tháng/năm, ví dụ 28/02/1980.
    >>> p.severity
    'lỗi'
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Iterable, Sequence

from .vnformat import so

__all__ = [
    "LOI", "CANH_BAO", "DA_SUA", "SEVERITIES", "CODES", "Problem", "IntakeError",
    "sort_problems", "group_by_sheet", "count", "summary", "render_text", "to_json", "has_errors",
]

LOI = "lỗi"
CANH_BAO = "cảnh báo"
DA_SUA = "đã sửa"
#: Severities, most serious first.
SEVERITIES = (LOI, CANH_BAO, DA_SUA)

#: Problem code → (default severity, short Vietnamese label used in counts).
CODES: dict[str, tuple[str, str]] = {
    "bad_file": (LOI, "không đọc được tệp"),
    "missing_sheet": (LOI, "thiếu trang bắt buộc"),
    "unknown_sheet": (CANH_BAO, "trang không có trong mô hình dữ liệu"),
    "merged_header": (LOI, "ô tiêu đề bị gộp"),
    "missing_column": (LOI, "thiếu cột bắt buộc"),
    "unknown_column": (CANH_BAO, "cột không có trong mô hình dữ liệu"),
    "header_variant": (DA_SUA, "tên cột, tên trang viết khác đã nhận ra"),
    "missing": (LOI, "ô bắt buộc để trống"),
    "bad_date": (LOI, "ngày không hợp lệ"),
    "date_text": (DA_SUA, "ngày ghi dạng chữ đã đọc được"),
    "bad_money": (LOI, "số tiền không đọc được"),
    "money_text": (DA_SUA, "số tiền ghi dạng chữ đã đọc được"),
    "bad_number": (LOI, "số không đọc được"),
    "out_of_range": (LOI, "giá trị ngoài khoảng cho phép"),
    "bad_code": (LOI, "giá trị không có trong danh sách"),
    "code_folded": (DA_SUA, "giá trị trong danh sách viết khác đã sửa"),
    "duplicate_key": (LOI, "mã bị trùng"),
    "possible_duplicate": (CANH_BAO, "có thể một người nhập hai lần"),
    "bad_reference": (LOI, "mã tham chiếu không có"),
    "id_looks_like_cccd": (LOI, "mã giống số CCCD/CMND"),
    "no_diacritics": (CANH_BAO, "họ tên có thể thiếu dấu"),
    "nfd": (DA_SUA, "chữ Unicode dạng tổ hợp đã chuyển về dạng chuẩn"),
    "spaces": (DA_SUA, "khoảng trắng thừa đã bỏ"),
    # plausibility (rules declared in ``schema.RULES``)
    "future_date": (LOI, "ngày ở tương lai"),
    "implausible_age": (LOI, "tuổi không hợp lý"),
    "date_order": (LOI, "hai ngày sai thứ tự"),
    "before_birth": (LOI, "sự việc trước ngày sinh"),
    "after_departure": (CANH_BAO, "sự việc sau khi người đó đã mất hoặc chuyển đi"),
    "unknown_indicator": (LOI, "mã chỉ số không có trong bộ tiêu chí"),
    "implausible_amount": (CANH_BAO, "số tiền lớn bất thường"),
    "too_long": (LOI, "ô dài quá giới hạn"),
    # legacy Vietnamese encodings and file encodings
    "legacy_encoding": (LOI, "chữ gõ bằng bảng mã cũ (TCVN3, VNI, VIQR)"),
    "csv_encoding": (DA_SUA, "tệp CSV không phải UTF-8 đã đọc được"),
    # hostile or unusual files
    "file_too_large": (LOI, "tệp quá lớn hoặc bị nén bất thường"),
    "encrypted_file": (LOI, "tệp có mật khẩu"),
    "macro_file": (CANH_BAO, "tệp có macro (không chạy)"),
    "hidden_sheet": (CANH_BAO, "trang bị ẩn"),
    "formula": (CANH_BAO, "ô có công thức"),
    "formula_error": (LOI, "ô công thức bị lỗi"),
    "external_link": (CANH_BAO, "liên kết tới tệp khác"),
    "bad_evidence_path": (LOI, "đường dẫn tệp minh chứng ra ngoài thư mục minh chứng"),
}



@dataclass(frozen=True, slots=True)
class Problem:
    """Một vấn đề trong dữ liệu: ở đâu, là gì, sửa thế nào.

    ``row`` is the worksheet's own row number (CSV: the line number, header = 1);
    ``column`` the header text as it appears in the file; ``column_letter`` the
    Excel column (xlsx only). ``severity`` defaults to the code's severity.
    ``repeat`` > 1: one record standing for that many cells with the same
    warning or note (intake lists at most ``NOTE_LIMIT`` of a kind per column;
    counts add ``repeat``).

    >>> Problem(file="a.xlsx", sheet="Hộ gia đình", code="missing_sheet", message="Thiếu trang.").severity
    'lỗi'
    """

    file: str
    sheet: str | None
    code: str
    message: str
    fix: str = ""
    row: int | None = None
    column: str | None = None
    value: str | None = None
    severity: str = ""
    column_letter: str | None = None
    repeat: int = 1

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")
        if not self.severity:
            object.__setattr__(self, "severity", CODES[self.code][0])
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def where(self) -> str:
        """Vị trí viết bằng chữ: trang (hoặc tệp CSV), dòng, cột."""
        parts = []
        if self.sheet:
            kind = "Tệp" if self.sheet.lower().endswith(".csv") else "Trang"
            parts.append(f"{kind} '{self.sheet}'")
        elif self.file:
            parts.append(f"Tệp '{self.file}'")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            col = f"cột '{self.column}'"
            if self.column_letter:
                col += f" ({self.column_letter})"
            parts.append(col)
        elif self.column_letter:
            parts.append(f"cột {self.column_letter}")
        return ", ".join(parts)

    def line(self) -> str:
        """Một dòng tiếng Việt: vị trí, vấn đề, cách sửa."""
        text = f"{self.where()}: {self.message}" if self.where() else self.message
        return f"{text} {self.fix}".rstrip()

    def to_dict(self) -> dict:
        """Bản ghi dạng từ điển (để ghi JSON)."""
        return asdict(self)


class IntakeError(Exception):
    """Dữ liệu có lỗi nên không đọc được; ``.problems`` là danh sách đầy đủ các vấn đề.

    >>> e = IntakeError([Problem(file="a.xlsx", sheet=None, code="bad_file", message="Tệp hỏng.")])
    >>> len(e.problems), str(e).splitlines()[0]
    (1, 'Dữ liệu có 1 lỗi, chưa dùng được.')
    """

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == LOI]
        n = sum(p.repeat for p in errors)
        head = f"Dữ liệu có {so(n)} lỗi, chưa dùng được."
        lines = [head] + [p.line() for p in errors[:10]]
        if n > 10:
            lines.append(f"… và {so(n - sum(p.repeat for p in errors[:10]))} lỗi khác.")
        super().__init__("\n".join(lines))


def has_errors(problems: Iterable[Problem]) -> bool:
    """Có ít nhất một vấn đề mức "lỗi" không.

    >>> has_errors([])
    False
    """
    return any(p.severity == LOI for p in problems)


def sort_problems(problems: Iterable[Problem], sheet_order: Sequence[str] | None = None) -> list[Problem]:
    """Sắp xếp theo tệp, trang (theo thứ tự ``sheet_order`` nếu có), dòng, cột.

    >>> ps = [Problem(file="f", sheet="B", row=3, code="missing", message="m"),
    ...       Problem(file="f", sheet="A", row=9, code="missing", message="m")]
    >>> [p.sheet for p in sort_problems(ps, ["B", "A"])]
    ['B', 'A']
    """
    order = {s: i for i, s in enumerate(sheet_order or ())}

    def key(p: Problem):
        return (
            p.file or "",
            p.sheet is not None,
            order.get(p.sheet, len(order)),
            p.sheet or "",
            p.row if p.row is not None else -1,
            p.column_letter is None,
            len(p.column_letter or ""), p.column_letter or "",
            p.column or "",
            SEVERITIES.index(p.severity),
            p.code,
        )

    return sorted(problems, key=key)


def group_by_sheet(problems: Iterable[Problem]) -> dict[str | None, list[Problem]]:
    """Nhóm các vấn đề theo trang (giữ thứ tự xuất hiện).

    >>> list(group_by_sheet([Problem(file="f", sheet="A", code="missing", message="m")]))
    ['A']
    """
    groups: dict[str | None, list[Problem]] = {}
    for p in problems:
        groups.setdefault(p.sheet, []).append(p)
    return groups


def count(problems: Iterable[Problem]) -> dict[str, int]:
    """Số vấn đề theo mức độ: {"lỗi": …, "cảnh báo": …, "đã sửa": …}.

    >>> count([Problem(file="f", sheet="A", code="spaces", message="m")])
    {'lỗi': 0, 'cảnh báo': 0, 'đã sửa': 1}
    """
    c: Counter = Counter()
    for p in problems:
        c[p.severity] += p.repeat
    return {s: c.get(s, 0) for s in SEVERITIES}


def _count_phrase(c: dict[str, int]) -> str:
    return f"{so(c[LOI])} lỗi, {so(c[CANH_BAO])} cảnh báo, {so(c[DA_SUA])} chỗ đã tự sửa"


def summary(problems: Sequence[Problem]) -> str:
    """Câu tóm tắt ngắn: số lỗi, cảnh báo, chỗ đã tự sửa, và các loại vấn đề hay gặp.

    >>> summary([])
    'Không có vấn đề nào.'
    >>> summary([Problem(file="f", sheet="A", code="missing", message="m")])
    'Tổng cộng: 1 lỗi, 0 cảnh báo, 0 chỗ đã tự sửa. Theo loại: ô bắt buộc để trống: 1.'
    """
    if not problems:
        return "Không có vấn đề nào."
    by_code: Counter = Counter()
    for p in problems:
        by_code[p.code] += p.repeat
    kinds = "; ".join(f"{CODES[code][1]}: {so(n)}" for code, n in by_code.most_common())
    return f"Tổng cộng: {_count_phrase(count(problems))}. Theo loại: {kinds}."


def render_text(problems: Sequence[Problem], *, limit: int | None = None,
                sheet_order: Sequence[str] | None = None) -> str:
    """Danh sách vấn đề bằng tiếng Việt, nhóm theo trang, mỗi vấn đề một dòng.

    With ``limit``, at most ``limit`` lines are shown for each (sheet, column,
    code) of severity "cảnh báo" or "đã sửa"; errors are always all listed.

    >>> ps = [Problem(file="f", sheet="Nhân khẩu", row=4, column="Giới tính", value="Nu",
    ...               code="code_folded", message="'Nu' được hiểu là 'Nữ'.")]
    >>> print(render_text(ps))
    Trang 'Nhân khẩu' — 0 lỗi, 0 cảnh báo, 1 chỗ đã tự sửa:
      [đã sửa] dòng 4, cột 'Giới tính': 'Nu' được hiểu là 'Nữ'.
    <BLANKLINE>
    Tổng cộng: 0 lỗi, 0 cảnh báo, 1 chỗ đã tự sửa. Theo loại: giá trị trong danh sách viết khác đã sửa: 1.
    """
    out: list[str] = []
    ordered = sort_problems(problems, sheet_order)
    for sheet, items in group_by_sheet(ordered).items():
        if sheet is None:
            title = f"Tệp '{items[0].file}'"
        else:
            title = f"{'Tệp' if sheet.lower().endswith('.csv') else 'Trang'} '{sheet}'"
        out.append(f"{title} — {_count_phrase(count(items))}:")
        shown: Counter = Counter()
        hidden: Counter = Counter()
        for p in items:
            k = (p.column, p.code)
            if limit is not None and p.severity != LOI and shown[k] >= limit:
                hidden[k] += p.repeat
                continue
            shown[k] += 1
            loc = Problem.where(_without_sheet(p))
            text = f"{loc}: {p.message}" if loc else p.message
            out.append(f"  [{p.severity}] {text} {p.fix}".rstrip())
        for (column, code), n in hidden.items():
            col = f" ở cột '{column}'" if column else ""
            out.append(f"  … và {so(n)} chỗ khác cùng loại ({CODES[code][1]}){col}.")
        out.append("")
    out.append(summary(problems))
    return "\n".join(out)


def _without_sheet(p: Problem) -> Problem:
    return Problem(file="", sheet=None, code=p.code, message=p.message, row=p.row, column=p.column,
                   severity=p.severity, column_letter=p.column_letter)


def to_json(problems: Sequence[Problem], *, indent: int | None = 1) -> str:
    """Các vấn đề dưới dạng JSON (UTF-8, giữ nguyên chữ có dấu), kèm số đếm.

    >>> import json
    >>> json.loads(to_json([]))["summary"]
    {'lỗi': 0, 'cảnh báo': 0, 'đã sửa': 0}
    """
    doc = {"summary": count(problems), "problems": [p.to_dict() for p in problems]}
    return json.dumps(doc, ensure_ascii=False, indent=indent)
