"""Chuẩn hóa chữ tiếng Việt: dạng NFC, bỏ khoảng trắng thừa, so khớp không dấu.

Vietnamese text arrives from Excel in two Unicode forms (NFC, the standard, and
NFD, e.g. from macOS or some input methods), with stray spaces and sometimes
without diacritics. This module puts text in one form and gives a folded form
(lowercase, no diacritics, đ → d) used only for *matching*, never for storage.

Ví dụ::

    >>> from khuyenhoc.textnorm import clean, fold
    >>> clean("  Nguyễn   Văn  An ")
    'Nguyễn Văn An'
    >>> fold("Đặng Thị Ánh")
    'dang thi anh'
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

__all__ = [
    "nfc", "clean", "fold", "is_nfc", "lacks_diacritics",
    "clean_series", "fold_series", "lacks_diacritics_series", "NAME_SYLLABLES_WITH_MARKS", "bulk",
]

# Any run of whitespace, including non-breaking and zero-width spaces.
_SPACES = r"[\s\u00a0\u2007\u202f\u200b\ufeff]+"
_SPACES_RE = re.compile(_SPACES)
_MARKS = r"[\u0300-\u036f]"
_MARKS_RE = re.compile(_MARKS)

#: Syllables that, in a Vietnamese personal name, are (almost) always written with
#: a diacritic or đ. A name typed only in ASCII that contains one of them was most
#: probably typed without accents ("Nguyen Van Binh" for "Nguyễn Văn Bình").
#: Syllables that are common *and correct* without marks ("Anh", "Lan", "Mai",
#: "Minh", "Hoa", "Phan", "Linh", "Thanh", "Trang", "Nga", "Loan", "Nhung", "Vy",
#: "Duy", "Phi"…) are deliberately absent.
NAME_SYLLABLES_WITH_MARKS = frozenset({
    # family names
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "dinh", "trinh", "doan", "luong", "truong", "ta", "ha",
    "lam", "thai", "cu", "quach", "luu", "kieu", "to", "lai", "trieu", "mac", "dao",
    "lu", "ung", "giap", "ong", "tieu", "tong", "nong", "lo", "cam", "ca",
    # middle names
    "thi", "van", "duc", "huu", "dinh", "xuan", "ngoc", "quoc", "cong", "trong",
    # given names
    "binh", "thuy", "hue", "tuan", "dung", "hung", "cuong", "thang", "thao", "hai",
    "son", "phuong", "hien", "huong", "tu", "hoai", "tham", "diep", "tuyet", "hanh",
    "khanh", "viet", "dat", "tien", "hieu", "tri", "yen", "tra", "my", "ngan", "diem",
    "hong", "luan", "quy",
})
# These can be genuine unaccented syllables ("Dung", "Khanh", "My", "Ly"…): only two
# of them together, or one with a syllable of the strong list, flag a name.
_WEAK = frozenset({"dung", "khanh", "hai", "hanh", "ha", "lam", "my", "son", "ta", "to", "ca", "ong", "cam", "ly"})
_STRONG = NAME_SYLLABLES_WITH_MARKS - _WEAK


_SEP = "\x00"  # joins many strings into one for whole-column passes; never in cell text
_SEP_SPACES_RE = re.compile(" ?\x00 ?")


# What ``_clean_text`` would change besides NFC: a whitespace character other than the
# plain space (every character ``_SPACES`` matches, listed so the search is a plain
# character class), two spaces in a row, a space next to the separator or at either
# end. Most text has none: a few fast searches then replace two substitutions.
_ODD_SPACE_RE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f"
                           "\u3000\ufeff]")


def _needs_cleaning(t: str) -> bool:
    return bool(_ODD_SPACE_RE.search(t) or "  " in t or " \x00" in t or "\x00 " in t
                or t.startswith(" ") or t.endswith(" "))


def _clean_text(t: str) -> str:
    t = unicodedata.normalize("NFC", t)
    if not _needs_cleaning(t):
        return t
    t = _SPACES_RE.sub(" ", t)
    return _SEP_SPACES_RE.sub(_SEP, t).strip(" ")


def _fold_text(t: str) -> str:
    t = unicodedata.normalize("NFD", unicodedata.normalize("NFC", t).lower())
    t = _MARKS_RE.sub("", t).replace("đ", "d")
    t = _SEP_SPACES_RE.sub(_SEP, _SPACES_RE.sub(" ", t)).strip(" ")
    return unicodedata.normalize("NFC", t)


def bulk(values, fn) -> np.ndarray:
    """Apply a whole-text function ``fn`` to many strings at once (one pass over the joined text).

    ``fn`` must treat the separator ``\\x00`` as a boundary; values that contain
    it are handled one by one.

    >>> bulk(["  a  b", "Nu\u0303 "], _clean_text).tolist()
    ['a b', 'Nũ']
    """
    values = np.asarray(values, dtype=object)
    if len(values) == 0:
        return values.copy()
    joined = _SEP.join(values)
    if joined.count(_SEP) == len(values) - 1:
        out = fn(joined).split(_SEP)
        if len(out) == len(values):
            return np.array(out, dtype=object)
    return np.array([fn(v) for v in values], dtype=object)


def nfc(text: str) -> str:
    """Chữ ở dạng chuẩn NFC (dạng dựng sẵn).

    >>> nfc("Nu\u0303") == "Nũ"
    True
    """
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    """Chữ đã ở dạng NFC hay chưa.

    >>> is_nfc("Nữ"), is_nfc(unicodedata.normalize("NFD", "Nữ"))
    (True, False)
    """
    return unicodedata.is_normalized("NFC", text)


def clean(text: str) -> str:
    """Chuẩn hóa NFC, bỏ khoảng trắng ở đầu, cuối và gộp các khoảng trắng liền nhau.

    >>> clean(" Thôn\u00a0 Đồng  Mai ")
    'Thôn Đồng Mai'
    """
    return _clean_text(text).replace(_SEP, " ").strip()


def fold(text: str) -> str:
    """Dạng rút gọn để so khớp: chữ thường, bỏ dấu, đ → d, gộp khoảng trắng.

    Dùng để so sánh, không dùng để lưu.

    >>> fold("  Nữ ") == fold("nu")
    True
    >>> fold("ĐỒNG MAI")
    'dong mai'
    """
    return _fold_text(text).replace(_SEP, " ").strip()


def _tokens_flag(folded_tokens: list[str]) -> bool:
    hits = [t for t in folded_tokens if t in NAME_SYLLABLES_WITH_MARKS]
    return any(t in _STRONG for t in hits) or len(hits) >= 2


def lacks_diacritics(name: str) -> bool:
    """Đoán xem họ tên có bị gõ thiếu dấu không (thận trọng: chỉ báo khi khá chắc).

    A name is flagged when it is written only with ASCII letters and contains a
    syllable that Vietnamese names almost always write with marks (see
    ``NAME_SYLLABLES_WITH_MARKS``); a name with any Vietnamese letter is never flagged.

    >>> lacks_diacritics("Nguyen Van Binh")
    True
    >>> lacks_diacritics("Lan Anh"), lacks_diacritics("Nguyễn Văn Bình")
    (False, False)
    """
    if not isinstance(name, str) or not name.strip() or not name.isascii():
        return False
    tokens = re.findall(r"[a-z]+", name.lower())
    return _tokens_flag(tokens)


# --------------------------------------------------------------------------- vectorised


def _strings(s: pd.Series) -> pd.Series:
    """Boolean mask of the cells holding a Python/pandas string."""
    if isinstance(s.dtype, pd.StringDtype):
        return s.notna()
    return s.map(type).isin([str]) if s.dtype == object else pd.Series(False, index=s.index)


def clean_series(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Chuẩn hóa mọi ô chữ của một cột: NFC và khoảng trắng.

    Returns ``(values, was_nfd, had_spaces)``: the cleaned column (non-text cells
    unchanged, object dtype) and two masks of the cells that were changed.

    >>> v, nfd, sp = clean_series(pd.Series(["a  b", unicodedata.normalize("NFD", "Nữ"), 3]))
    >>> list(v), list(nfd), list(sp)
    (['a b', 'Nữ', 3], [False, True, False], [True, False, False])
    """
    is_str = _strings(s).to_numpy(dtype=bool)
    out = s.astype(object).to_numpy(copy=True)
    nfd = np.zeros(len(s), dtype=bool)
    spaces = np.zeros(len(s), dtype=bool)
    if is_str.any():
        txt = out[is_str].astype(str).astype(object)
        normed = bulk(txt, lambda t: unicodedata.normalize("NFC", t))
        squeezed = bulk(normed, _clean_text)
        nfd[is_str] = normed != txt
        spaces[is_str] = squeezed != normed
        out[is_str] = squeezed
    idx = s.index
    return pd.Series(out, index=idx, dtype=object), pd.Series(nfd, index=idx), pd.Series(spaces, index=idx)


def fold_series(s: pd.Series) -> pd.Series:
    """``fold`` cho cả một cột (ô trống giữ nguyên là trống).

    >>> list(fold_series(pd.Series(["Nữ", None, "  Đồng   Mai"])))
    ['nu', <NA>, 'dong mai']
    """
    codes, uniques = pd.factorize(s.astype("string").to_numpy(dtype=object), use_na_sentinel=True)
    folded = pd.array(bulk(uniques, _fold_text), dtype="string")  # each distinct value once
    return pd.Series(folded.take(codes, allow_fill=True), index=s.index)


def lacks_diacritics_series(s: pd.Series) -> pd.Series:
    """``lacks_diacritics`` cho cả một cột họ tên (ô trống → False).

    >>> list(lacks_diacritics_series(pd.Series(["Tran Thi Hoa", "Lan Anh", None, "Trần Thị Hoa"])))
    [True, False, False, False]
    """
    t = s.astype("string")
    ascii_only = ~t.str.contains(r"[^\x00-\x7f]", regex=True).fillna(True)
    lower = t.str.lower()
    strong = "|".join(sorted(_STRONG))
    weak = "|".join(sorted(_WEAK))
    has_strong = lower.str.contains(rf"\b(?:{strong})\b", regex=True).fillna(False)
    n_weak = lower.str.count(rf"\b(?:{weak})\b").fillna(0)
    flagged = ascii_only & (has_strong | (n_weak >= 2))
    return flagged.astype(bool)
