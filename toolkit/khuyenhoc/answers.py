"""Đọc và so câu trả lời của học viên: số, chữ cái lựa chọn, tên thôn, câu văn, năm.

The test cells of the course's assignments use these helpers so that every assignment accepts the same
equivalent forms of a right answer ("80", "80,0", "80 điểm", 80.0; "Thôn Đông Mai" or "Đông Mai"; "b", " B.")
and rejects the same wrong ones (a decimal comma typed without quotes, ``0,7``, which Python reads as the pair
(0, 7); a truthy ``True`` where a number is asked). The expected values live in the test cells themselves
(baked in when the course is built), never recomputed by calling the toolkit from the trainee's kernel.

Each reader returns ``None`` when it cannot read the answer; ``problem_*`` helpers say why in Vietnamese.

Ví dụ::

    >>> read_number("80,0"), read_number("80 điểm"), read_number(80)
    (80.0, 80.0, 80.0)
    >>> same_number("1.736 gia đình", 1736)
    True
    >>> read_choice(" b. "), read_choice("Đáp án C")
    ('b', 'c')
    >>> same_name("thôn  đông mai", "Thôn Đông Mai")
    True
"""

from __future__ import annotations

import math
import numbers
import re

import pandas as pd

from .parsing import parse_float, parse_int
from .textnorm import clean, fold

__all__ = [
    "normalise", "is_number", "read_number", "same_number", "number_problem", "read_choice", "choice_problem",
    "read_name", "same_name", "mentions", "years_in", "is_blank", "check_submission", "UNIT_WORDS", "PLACE_PREFIXES",
]

#: Words a trainee may write after a number; they do not change its meaning.
UNIT_WORDS = ("điểm", "%", "phần trăm", "hộ", "gia đình", "người", "dòng họ", "thôn", "đơn vị", "lớp", "đồng", "đ",
              "năm", "tiêu chí", "ngày", "xã", "cộng đồng", "bản", "tổ dân phố")

#: Words that may come before the name of a place or a unit ("Thôn Đông Mai" = "Đông Mai").
PLACE_PREFIXES = ("thôn", "xóm", "bản", "ấp", "tổ dân phố", "tdp", "xã", "phường", "thị trấn", "đơn vị", "dòng họ",
                  "gia đình")

_QUOTES = "\"'“”‘’`«»"
_TRAILING = _QUOTES + ".,;:!?()[] "


def normalise(text) -> str:
    """Chữ đã chuẩn hóa để so sánh: NFC, bỏ khoảng trắng thừa, chữ thường, bỏ dấu ngoặc và dấu chấm hai đầu.

    >>> normalise('  “Công  dân học tập.” ')
    'công dân học tập'
    """
    return clean(str(text)).casefold().strip(_TRAILING)


def is_blank(value) -> bool:
    """True nếu câu trả lời còn trống (None, chuỗi rỗng, dấu ba chấm).

    >>> is_blank(""), is_blank(None), is_blank("..."), is_blank(0)
    (True, True, True, False)
    """
    if value is None or value is Ellipsis:
        return True
    return isinstance(value, str) and normalise(value) == ""


def is_number(value) -> bool:
    """True nếu ``value`` là một con số của Python (không phải chữ, không phải True/False).

    >>> is_number(70), is_number(0.5), is_number("70"), is_number(True)
    (True, True, False, False)
    """
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not (
        isinstance(value, float) and math.isnan(value))


def _strip_units(text: str) -> str:
    t = normalise(text)
    changed = True
    while changed:
        changed = False
        for w in sorted(UNIT_WORDS, key=len, reverse=True):
            if t.endswith(w) and (w == "%" or len(t) == len(w) or not t[-len(w) - 1].isalpha()):
                t = t[: -len(w)].rstrip(_TRAILING)
                changed = True
    for w in ("khoảng", "là", "=", "bằng", "cần", "năm", "số", "đáp án", "kết quả"):
        if t.startswith(w + " ") or (w == "=" and t.startswith(w)):
            t = t[len(w):].strip(_TRAILING + "=:")
    return t


def read_number(value) -> float | None:
    """Đọc một con số: số của Python, hoặc chữ viết kiểu Việt Nam ("80,5", "1.736", "80 điểm", "70%").

    Trả về ``None`` nếu không đọc được (chữ không phải số, True/False, cặp số ``(0, 7)`` do gõ dấu phẩy
    thập phân không có ngoặc kép).

    >>> read_number("863,8"), read_number("1.234.567"), read_number("1.500"), read_number("0.7")
    (863.8, 1234567.0, 1500.0, 0.7)
    >>> read_number("năm 2022"), read_number("khoảng 864 gia đình")
    (2022.0, 864.0)
    >>> read_number((0, 7)) is None, read_number(True) is None, read_number("bảy mươi") is None
    (True, True, True)
    """
    if is_number(value):
        return float(value)
    if not isinstance(value, str):
        return None
    t = _strip_units(value)
    if not t:
        return None
    for parse in (parse_float, parse_int):
        v = parse(pd.Series([t], dtype=object)).values.iloc[0]
        if not pd.isna(v):
            return float(v)
    return None


def number_problem(value, what: str = "câu trả lời") -> str | None:
    """Vì sao ``value`` chưa là một con số (tiếng Việt), hoặc ``None`` nếu đọc được.

    >>> number_problem((0, 7))
    'câu trả lời đang là (0, 7): có lẽ bạn gõ dấu phẩy thập phân. Trong Python viết 0.7 (dấu chấm).'
    >>> number_problem("70") is None
    True
    """
    if read_number(value) is not None:
        return None
    if is_blank(value):
        return f"{what} đang để trống."
    if isinstance(value, tuple) and len(value) == 2 and all(is_number(v) for v in value):
        a, b = value
        return (f"{what} đang là {value!r}: có lẽ bạn gõ dấu phẩy thập phân. "
                f"Trong Python viết {a}.{b} (dấu chấm).")
    if isinstance(value, bool):
        return f"{what} đang là {value}, không phải một con số."
    return f"{what} đang là {value!r}, chưa đọc được thành một con số (ví dụ viết 70 hoặc 863.8)."


def same_number(value, expected: float, tolerance: float = 1e-6) -> bool:
    """True nếu ``value`` đọc được thành đúng số ``expected`` (sai khác không quá ``tolerance``).

    >>> same_number("80,0", 80), same_number("80 điểm", 80), same_number(79.6, 80), same_number(79.6, 80, 0.5)
    (True, True, False, True)
    """
    v = read_number(value)
    return v is not None and abs(v - float(expected)) <= tolerance


def read_choice(value, options: str = "abcd") -> str | None:
    """Chữ cái của đáp án (chữ thường) trong ``options``, hoặc ``None``.

    >>> read_choice("B"), read_choice("(d)"), read_choice("đáp án: a"), read_choice("E"), read_choice("AB")
    ('b', 'd', 'a', None, None)
    """
    if not isinstance(value, str):
        return None
    t = normalise(value)
    t = re.sub(r"^(đáp án|phương án|câu|chọn)\s*:?\s*", "", t).strip(_TRAILING)
    return t if len(t) == 1 and t in options else None


def choice_problem(value, options: str = "abcd", what: str = "câu trả lời") -> str | None:
    """Vì sao ``value`` chưa là một chữ cái đáp án, hoặc ``None``.

    >>> choice_problem(None)
    'câu trả lời đang để trống: hãy ghi một chữ cái A, B, C hoặc D trong dấu ngoặc kép, ví dụ "A".'
    """
    if read_choice(value, options) is not None:
        return None
    letters = ", ".join(o.upper() for o in options[:-1]) + " hoặc " + options[-1].upper()
    hint = f'hãy ghi một chữ cái {letters} trong dấu ngoặc kép, ví dụ "{options[0].upper()}".'
    if is_blank(value):
        return f"{what} đang để trống: {hint}"
    return f"{what} đang là {value!r}: {hint}"


def read_name(value, prefixes=PLACE_PREFIXES) -> str | None:
    """Tên đã chuẩn hóa, bỏ chữ "Thôn", "Xã"… ở đầu; ``None`` nếu không phải chữ hoặc trống.

    >>> read_name("  THÔN Đông Mai "), read_name("Đông Mai"), read_name(3)
    ('đông mai', 'đông mai', None)
    """
    if not isinstance(value, str) or is_blank(value):
        return None
    t = normalise(value)
    for p in sorted(prefixes, key=len, reverse=True):
        if t.startswith(p + " "):
            t = t[len(p) + 1:].strip()
            break
    return t or None


def same_name(value, expected: str, *, diacritics: bool = True, prefixes=PLACE_PREFIXES) -> bool:
    """True nếu ``value`` là tên ``expected``, có hoặc không có chữ "Thôn"/"Xã"… ở đầu, không phân biệt hoa thường.

    Mặc định phải viết đúng dấu tiếng Việt; ``diacritics=False`` chấp nhận cả khi gõ không dấu.

    >>> same_name("Đông Mai", "Thôn Đông Mai"), same_name("Dong Mai", "Thôn Đông Mai")
    (True, False)
    >>> same_name("dong mai", "Thôn Đông Mai", diacritics=False)
    True
    """
    a, b = read_name(value, prefixes), read_name(expected, prefixes)
    if a is None or b is None:
        return False
    return a == b if diacritics else fold(a) == fold(b)


def mentions(text, *phrases: str, diacritics: bool = True) -> bool:
    """True nếu câu ``text`` có đủ mọi cụm từ ``phrases`` (không phân biệt hoa thường, khoảng trắng).

    >>> mentions("Theo QĐ 387, cần 1.736 gia đình.", "qđ 387", "1.736")
    True
    >>> mentions("Theo QĐ 387", "TT 25")
    False
    """
    if not isinstance(text, str):
        return False
    t = normalise(text)
    if not diacritics:
        t = fold(t)
    return all((normalise(p) if diacritics else fold(normalise(p))) in t for p in phrases)


def years_in(text) -> list[int]:
    """Các năm (4 chữ số, 1900–2100) nêu trong ``text``, theo thứ tự xuất hiện.

    >>> years_in("Báo cáo năm 2025; phương hướng năm 2026")
    [2025, 2026]
    """
    if not isinstance(text, str):
        return []
    return [int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d|2100)(?!\d)", text)]


# --------------------------------------------------------------------------- "Kiểm tra bài" (nbgrader's Validate)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _question(grade_id: str) -> str:
    """``bai_01_kiem_tra_cau_2_dang`` → ``Câu 2``."""
    m = re.search(r"cau_(\d+[a-z]?)", grade_id or "")
    return f"Câu {m.group(1)}" if m else "Một ô"


def _reason(raw: str) -> str:
    lines = [l.strip() for l in _ANSI.sub("", raw or "").splitlines() if l.strip()]
    if any("You did not provide a response" in l for l in lines):
        return "chưa có câu trả lời."
    if any("Partial credit" in l for l in lines):
        return "mới đúng một phần."
    for l in reversed(lines):
        if re.match(r"^[A-Za-z_]*(Error|Exception)\b", l):
            name, _, msg = l.partition(":")
            if name == "NotImplementedError":
                return "chưa có câu trả lời (còn dòng raise NotImplementedError())."
            return msg.strip() or name
    return lines[-1] if lines else "có lỗi."


def check_submission(path=None, timeout: int = 120, quiet: bool = False) -> list[str]:
    """Kiểm tra bài như nút Validate của nbgrader, báo bằng tiếng Việt; trả về danh sách việc cần sửa.

    Chạy lại toàn bộ tệp bài đã LƯU (Ctrl + S) trong một kernel mới, bằng đúng bộ kiểm tra ``Validator`` của
    nbgrader, rồi nói câu nào chưa xong và vì sao. ``path``: tệp bài (mặc định: bài đang mở trong JupyterLab).
    Trong lúc nbgrader tự chạy bài (chấm, kiểm tra) hàm không làm gì.

    >>> import os; os.environ["NBGRADER_EXECUTION"] = "validate"
    >>> check_submission("bai.ipynb")
    []
    >>> del os.environ["NBGRADER_EXECUTION"]
    """
    import os

    if os.environ.get("NBGRADER_EXECUTION"):
        return []
    from pathlib import Path

    if path is None:
        try:
            from IPython import get_ipython
            path = (get_ipython().user_ns or {}).get("__session__")
        except (ImportError, AttributeError):
            path = None
    if not path or not Path(path).is_file():
        if not quiet:
            print(f"Chưa biết tệp bài nào để kiểm tra ({path or 'không có tên tệp'}). Mở bài trong JupyterLab rồi chạy "
                  "lại ô này, hoặc ghi tên tệp: check_submission(\"bai_01.ipynb\").")
        return []
    import nbformat
    from nbgrader.validator import Validator
    from traitlets.config import Config

    cfg = Config()
    cfg.ExecutePreprocessor.timeout = timeout
    results = Validator(config=cfg).validate(str(path))
    nb = nbformat.read(str(path), as_version=4)
    by_source = {c.source.strip(): c.metadata.get("nbgrader", {}).get("grade_id", "") for c in nb.cells}
    todo: list[str] = []
    if results.get("type_changed"):
        todo.append("Có ô bị đổi loại (ô mã thành ô chữ hoặc ngược lại). Xin giảng viên bản bài gốc, chép câu trả "
                    "lời sang.")
    if results.get("changed"):
        todo.append(f"{len(results['changed'])} ô có khóa 🔒 đã bị sửa. Không sửa ô có khóa: xin giảng viên bản bài "
                    "gốc, chép câu trả lời sang.")
    for f in results.get("failed", []):
        todo.append(f"{_question(by_source.get(f['source'], ''))}: {_reason(f.get('raw_error', ''))}")
    if not quiet:
        if todo:
            print(f"⚠ Bài còn {len(todo)} chỗ cần xem lại (máy đã chạy lại toàn bộ bài đã lưu):")
            for t in dict.fromkeys(todo):
                print("  •", t)
            print("Sửa xong: lưu bài (Ctrl + S) rồi chạy lại ô này.")
        else:
            print("✅ Máy đã chạy lại toàn bộ bài đã lưu: mọi ô kiểm tra đều qua. Bài sẵn sàng để nộp (Submit).")
    return list(dict.fromkeys(todo))
