"""Chữ Việt gõ bằng bảng mã cũ (TCVN3/ABC, VNI, VIQR): nhận ra và chuyển về Unicode dựng sẵn (NFC).

Spreadsheets typed with the .VnTime (TCVN3, also called ABC) or VNI-Times fonts
hold, as far as Excel and every other program are concerned, Western European
letters: "Nguyễn Văn Hùng" typed in TCVN3 is stored as "NguyÔn V¨n Hïng", in VNI
as "Nguyeãn Vaên Huøng". VIQR writes the marks as ASCII after the letter
("Nguye^~n Va(n Hu`ng"). The tables below are the published code tables of those
encodings (TCVN 5712:1993 for TCVN3), as data; ``to_unicode`` applies one,
``from_unicode`` the reverse (used by the tests to build samples from known
text).

Detection (``detect``) never guesses from a single letter: a text is said to be
in a legacy encoding only if reading it that way turns more of its words into
valid Vietnamese syllables and leaves no letter that Vietnamese never uses.
Real Unicode text ("Phú Thọ", "Hoà") is therefore left alone.

Ví dụ::

    >>> detect("NguyÔn V¨n Hïng")
    'tcvn3'
    >>> to_unicode("NguyÔn V¨n Hïng", "tcvn3")
    'Nguyễn Văn Hùng'
    >>> to_unicode("Nguyeãn Vaên Huøng", "vni")
    'Nguyễn Văn Hùng'
    >>> detect("Nguyễn Văn Hùng") is None
    True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = ["ENCODINGS", "LABELS", "detect", "to_unicode", "from_unicode", "fix_text", "detect_series", "convert_column",
           "is_vietnamese_syllable"]

#: Encodings recognised, and their names for people.
ENCODINGS = ("tcvn3", "vni", "viqr")
LABELS = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)", "viqr": "VIQR"}

# --------------------------------------------------------------------------- TCVN3 (ABC)
# Byte → letter (TCVN 5712:1993, table VN3). The bytes reach us as the Windows-1252
# (= Latin-1 here) letters of the same code. Capital letters with a tone have no code
# of their own: the .VnTimeH font draws the small-letter codes as capitals.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
TCVN3 = {chr(b): u for b, u in _TCVN3_BYTES.items()}

# --------------------------------------------------------------------------- VNI
# A letter, then one or two "mark" characters. Per vowel: no tone, sắc, huyền, hỏi, ngã, nặng.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VNI_MARKS = {  # modifier → the six codes (no tone … nặng), small and capital
    "": ("", "ù", "ø", "û", "õ", "ï"),
    "circumflex": ("â", "á", "à", "å", "ã", "ä"),
    "breve": ("ê", "é", "è", "ú", "ü", "ë"),
}
_VNI_MARKS_UP = {
    "": ("", "Ù", "Ø", "Û", "Õ", "Ï"),
    "circumflex": ("Â", "Á", "À", "Å", "Ã", "Ä"),
    "breve": ("Ê", "É", "È", "Ú", "Ü", "Ë"),
}
# VNI letters that stand alone: ơ ư đ, and i / y with a tone (one code each).
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ",
               "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
               "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"}


def _vni_table() -> dict[str, str]:
    out: dict[str, str] = {}
    bases = [("a", "", "a"), ("a", "circumflex", "â"), ("a", "breve", "ă"), ("e", "", "e"), ("e", "circumflex", "ê"),
             ("o", "", "o"), ("o", "circumflex", "ô"), ("ô", "", "ơ"), ("u", "", "u"), ("ö", "", "ư"), ("y", "", "y")]
    for vni_base, modifier, letter in bases:
        for upper in (False, True):
            marks = (_VNI_MARKS_UP if upper else _VNI_MARKS)[modifier]
            base = vni_base.upper() if upper else vni_base
            uni = letter.upper() if upper else letter
            for tone, mark in zip(_TONES, marks):
                if letter == "y" and tone == "\u0323":
                    continue  # ỵ has its own code (î)
                code = base + mark
                if len(code) < 2:
                    continue
                out[code] = unicodedata.normalize("NFC", uni + tone)
    out.update(_VNI_SINGLE)
    return out


VNI = _vni_table()
_LEGACY_CHARS = frozenset(TCVN3) | frozenset("".join(VNI))

# --------------------------------------------------------------------------- VIQR
_VIQR_TONE = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_VIQR_MOD = {("a", "("): "ă", ("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("o", "+"): "ơ", ("u", "+"): "ư"}
_VIQR_RE = re.compile(r"([aeiouyAEIOUY])([\^\(\+]?)([\'`\?~\.]?)")
_VIQR_D = re.compile(r"[dD][dD]")

# --------------------------------------------------------------------------- Vietnamese syllables

_VIETNAMESE_LETTERS = set("abcdefghijklmnopqrstuvwxyz") | set(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_SYLLABLE = re.compile(
    r"^(?P<onset>ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"(?P<vowel>[ou]?(?:iê|yê|ia|ya|ua|uô|ưa|ươ|a|ă|â|e|ê|i|y|o|ô|ơ|u|ư))"
    r"(?P<coda>ch|ng|nh|c|m|n|p|t|i|y|o|u)?$")
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_PUNCT = ".,;:!?()[]{}\"'“”‘’«»-–—/\\*&%#@+=<>|_"


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Một từ có phải là một âm tiết tiếng Việt viết đúng (một dấu thanh, đặt trên nguyên âm, vần hợp lệ) không.

    >>> is_vietnamese_syllable("Nguyễn"), is_vietnamese_syllable("nguyeãn"), is_vietnamese_syllable("Hoà")
    (True, False, True)
    >>> is_vietnamese_syllable("leõ"), is_vietnamese_syllable("bỡnh")
    (False, False)
    """
    letters: list[str] = []
    tone_at = -1
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONE_MARKS:
            if tone_at >= 0 or not letters:
                return False
            tone_at = len(letters) - 1
        elif unicodedata.combining(ch):
            if not letters:
                return False
            letters[-1] += ch
        else:
            letters.append(ch)
    base = unicodedata.normalize("NFC", "".join(letters))
    m = _SYLLABLE.match(base)
    if not m:
        return False
    coda = m.group("coda") or ""
    vowel = m.group("vowel")
    if coda in ("nh", "ch") and vowel[-1] not in "aêiy":
        return False
    if tone_at >= 0:
        start = len(m.group("onset") or "")
        if m.group("onset") == "gi" and vowel and tone_at == 1:
            return True  # "gì": the i of gi carries the tone
        if not start <= tone_at < start + len(vowel):
            return False  # the tone sits on the onset or on a final vowel ("leõ")
    return True


def _tokens(text: str) -> list[str]:
    out = []
    for t in text.split():
        t = t.strip(_PUNCT)
        if t and not any(ch.isdigit() for ch in t):
            out.append(t)
    return out


def _foreign(text: str) -> int:
    """Letters (and letter-like signs) that Vietnamese written in Unicode never uses."""
    n = 0
    for ch in text:
        if ord(ch) < 0x80 or ch.lower() in _VIETNAMESE_LETTERS:
            continue
        if ch in _LEGACY_CHARS or unicodedata.category(ch)[0] == "L":
            n += 1
    return n


def _viqr_marks(text: str) -> int:
    return sum(1 for m in _VIQR_RE.finditer(text) if m.group(2) or m.group(3)) + len(_VIQR_D.findall(text))


def _score(text: str) -> tuple[int, int]:
    toks = _tokens(text)
    return sum(is_vietnamese_syllable(t) for t in toks), _foreign(text)


# --------------------------------------------------------------------------- public API


def _upper_words(original: str, converted: str) -> str:
    """TCVN3 capitals: a word typed all in capitals (small-letter codes drawn by .VnTimeH) becomes capitals."""
    words_o, words_c = original.split(" "), converted.split(" ")
    if len(words_o) != len(words_c):
        return converted
    out = []
    for o, c in zip(words_o, words_c):
        letters = [ch for ch in o if ch.isascii() and ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters) and o != c:
            c = c.upper()
        out.append(c)
    return " ".join(out)


@lru_cache(maxsize=1)
def _vni_re() -> re.Pattern:
    keys = sorted(VNI, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def to_unicode(text: str, encoding: str) -> str:
    """Đọc ``text`` theo bảng mã ``encoding`` ('tcvn3', 'vni', 'viqr'); trả về chữ Unicode dựng sẵn (NFC).

    >>> to_unicode("Nguye^~n Va(n Hu`ng", "viqr")
    'Nguyễn Văn Hùng'
    >>> to_unicode("GIA §×NH", "tcvn3")
    'GIA ĐÌNH'
    """
    if encoding == "tcvn3":
        out = "".join(TCVN3.get(ch, ch) for ch in text)
        out = _upper_words(text, out)
    elif encoding == "vni":
        out = _vni_re().sub(lambda m: VNI[m.group(0)], text)
    elif encoding == "viqr":
        def one(m: re.Match) -> str:
            v, mod, tone = m.groups()
            letter = _VIQR_MOD.get((v.lower(), mod))
            if letter is None:
                letter, rest = v, mod
            else:
                letter, rest = (letter.upper() if v.isupper() else letter), ""
            return unicodedata.normalize("NFC", letter + _VIQR_TONE.get(tone, "")) + rest

        out = _VIQR_D.sub(lambda m: "Đ" if m.group(0)[0] == "D" else "đ", text)
        out = _VIQR_RE.sub(one, out)
    else:
        raise ValueError(f"Bảng mã '{encoding}' không có; chọn: {', '.join(ENCODINGS)}.")
    return unicodedata.normalize("NFC", out)


@lru_cache(maxsize=None)
def _reverse(encoding: str) -> dict[str, str]:
    table = TCVN3 if encoding == "tcvn3" else VNI
    rev: dict[str, str] = {}
    for code, uni in table.items():
        if encoding == "vni" and code in ("í", "ì", "Í", "Ì") and uni in rev:
            continue
        rev.setdefault(uni, code)
    return rev


def from_unicode(text: str, encoding: str) -> str:
    """Viết ``text`` (Unicode) theo bảng mã cũ ``encoding``, như phông .VnTime hay VNI-Times lưu nó.

    Capital letters with a tone have no TCVN3 code: they raise ``ValueError``.

    >>> from_unicode("Nguyễn Văn Hùng", "tcvn3"), from_unicode("Nguyễn Văn Hùng", "vni")
    ('NguyÔn V¨n Hïng', 'Nguyeãn Vaên Huøng')
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "viqr":
        out = []
        for ch in text:
            if ch in "đĐ":
                out.append("dd" if ch == "đ" else "DD")
                continue
            d = unicodedata.normalize("NFD", ch)
            if len(d) == 1:
                out.append(ch)
                continue
            base, marks = d[0], d[1:]
            mod = {"\u0306": "(", "\u0302": "^", "\u031b": "+"}
            tone = {v: k for k, v in _VIQR_TONE.items()}
            out.append(base + "".join(mod.get(m, "") for m in marks) + "".join(tone.get(m, "") for m in marks))
        return "".join(out)
    rev = _reverse(encoding)
    out = []
    for ch in text:
        if ch in rev:
            out.append(rev[ch])
        elif ord(ch) < 0x80:
            out.append(ch)
        else:
            raise ValueError(f"'{ch}' không viết được bằng bảng mã {LABELS[encoding]}.")
    return "".join(out)


def detect(text: str) -> str | None:
    """Bảng mã cũ mà ``text`` có vẻ được gõ ('tcvn3', 'vni', 'viqr'), hoặc None nếu là chữ Unicode bình thường.

    >>> detect("Xin chaøo caùc baïn"), detect("Trêng TiÓu häc"), detect("Phú Thọ")
    ('vni', 'tcvn3', None)
    """
    if not isinstance(text, str) or not text:
        return None
    candidates = (() if text.isascii() or not _latin(text) else ("tcvn3", "vni")) + (
        ("viqr",) if _viqr_marks(text) else ())
    if not candidates:
        return None
    valid0, _ = _score(text)
    best, best_valid = None, valid0
    for enc in candidates:
        conv = to_unicode(text, enc)
        if conv == unicodedata.normalize("NFC", text):
            continue
        valid, foreign = _score(conv)
        if foreign == 0 and valid > best_valid:
            best, best_valid = enc, valid
    return best


def fix_text(text: str) -> tuple[str, str | None]:
    """(chữ đã chuyển sang Unicode, bảng mã đã nhận ra) — chữ không đổi nếu không nhận ra bảng mã cũ.

    >>> fix_text("V¨n ho¸")
    ('Văn hoá', 'tcvn3')
    """
    enc = detect(text)
    return (to_unicode(text, enc), enc) if enc else (text, None)


_SUSPECT = re.compile(
    "[" + re.escape("".join(sorted({ch for ch in set(TCVN3) | set("".join(VNI)) if ch.lower() not in
                                    _VIETNAMESE_LETTERS}))) + "]"
    r"|[a-z][ÊÉÈÌÒÓÔÕÝ]|[aeiouyAEIOUY][ùõâáàãêéèú]|[aeoAEO]â|[aeiouyAEIOUY][\^\(\+]|[aeiouyAEIOUY][`~]|[aeiouyAEIOUY]['?.]\w|dd|DD")


def detect_series(values: pd.Series) -> pd.Series:
    """Bảng mã cũ của mỗi giá trị (None nếu không phải); chỉ xét kỹ những giá trị có dấu hiệu đáng ngờ.

    >>> detect_series(pd.Series(["NguyÔn", "Nguyễn", None])).tolist()
    ['tcvn3', None, None]
    """
    out = np.full(len(values), None, dtype=object)
    arr = values.to_numpy(dtype=object)
    is_text = np.fromiter((isinstance(v, str) for v in arr), dtype=bool, count=len(arr))
    if not is_text.any():
        return pd.Series(out, index=values.index, dtype=object)
    idx = np.flatnonzero(is_text)
    sus = pd.Series(arr[idx], dtype=object).str.contains(_SUSPECT, regex=True).fillna(False).to_numpy(dtype=bool)
    for i in idx[sus]:
        out[i] = detect(arr[i])
    return pd.Series(out, index=values.index, dtype=object)


def _latin(text: str) -> bool:
    """Only ASCII and Latin-1 letters: what a legacy 8-bit font leaves in a cell ("Họ" has a letter beyond)."""
    return all(ord(ch) < 0x100 or unicodedata.category(ch)[0] != "L" for ch in text)


def _compatible(text: str, encoding: str) -> str | None:
    """``text`` read in ``encoding`` when that reading is at least as Vietnamese as the text itself, else None."""
    if encoding != "viqr" and not _latin(text):
        return None
    conv = to_unicode(text, encoding)
    if conv == unicodedata.normalize("NFC", text):
        return None
    valid, foreign = _score(conv)
    valid0, _ = _score(text)
    return conv if foreign == 0 and valid >= valid0 else None


def convert_column(values: pd.Series) -> tuple[str | None, pd.Series]:
    """(bảng mã cũ của cột, giá trị đã chuyển — None ở ô không đổi) cho một cột chữ.

    A column is in a legacy encoding when some of its cells clearly are
    (``detect``); the most frequent one is the column's. Then every cell that
    reads at least as well in that encoding is converted too ("Chu Thò Hoa" is
    a valid Vietnamese text, but in a VNI column it is "Chu Thị Hoa").

    >>> enc, conv = convert_column(pd.Series(["Leâ Thò Thôm", "Chu Thò Hoa", "Hoa"]))
    >>> enc, conv.tolist()
    ('vni', ['Lê Thị Thơm', 'Chu Thị Hoa', None])
    """
    found = detect_series(values)
    encs = found.dropna()
    out = pd.Series([None] * len(values), index=values.index, dtype=object)
    if encs.empty:
        return None, out
    enc = encs.value_counts().index[0]
    arr = values.to_numpy(dtype=object)
    for i, v in enumerate(arr):
        if isinstance(v, str) and not (v.isascii() and enc != "viqr"):
            out.iat[i] = _compatible(v, enc)
    return enc, out
