"""Kiểm tra một tệp trước khi gửi ra khỏi xã: có họ tên, mã cá nhân hay ngày sinh của người dân không.

Reports that leave the commune must carry aggregates only (Luật 91/2025/QH15).
``personal_data_in`` reads the text of a .docx, .xlsx, .csv or .txt file (or a
string) and looks for the full names, person/household/member codes and birth
dates found in the commune's data. Names are matched as whole word sequences,
so "Lê Thị Thu" is not found inside "Lê Thị Thu Hà" (a capitalised word right after
a match makes it part of a longer name); names that are allowed
(for example the signer's, who signs by office) are removed first.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> import pandas as pd
    >>> d = CommuneData({"persons": pd.DataFrame({"person_id": ["X01-NK00001"], "full_name": ["Lê Thị Thu"]})})
    >>> [f.kind for f in personal_data_in("Báo cáo của Lê Thị Thu", d)]
    ['họ tên']
    >>> personal_data_in("Người ký: Lê Thị Thu Hà", d)
    []
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .data import CommuneData

_WORD = re.compile(r"\w+")
_CODE = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)+")
_DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
_MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Finding:
    """Một dữ liệu cá nhân tìm thấy: loại (họ tên, mã cá nhân, ngày sinh) và giá trị."""

    kind: str
    value: str


def file_text(path: str | Path) -> str:
    """Toàn bộ chữ của một tệp .docx, .xlsx, .csv hoặc .txt (NFC).

    >>> file_text("khong_co.txt")
    Traceback (most recent call last):
    ...
    FileNotFoundError: Không tìm thấy tệp 'khong_co.txt'.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"Không tìm thấy tệp '{p}'.")
    suffix = p.suffix.lower()
    if suffix == ".docx":
        with zipfile.ZipFile(p) as z:
            xml = " ".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
        # keep the words apart: each XML tag becomes a space, runs of one word are joined back by Word itself
        text = re.sub(r"<w:tab/>|</w:p>|</w:tc>", " \n ", xml)
        text = re.sub(r"<[^>]+>", "", text)
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(p, read_only=True, data_only=True)
        try:
            text = "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                             for v in row if v is not None)
        finally:
            wb.close()
    elif suffix in (".csv", ".txt", ".md", ".json", ".yaml", ".yml"):
        text = p.read_text(encoding="utf-8-sig")
    else:
        raise ValueError(f"Chưa đọc được chữ của tệp dạng '{suffix}' ('{p.name}').")
    return unicodedata.normalize("NFC", text)


def _names(data: CommuneData) -> set[tuple[str, ...]]:
    names = set(data.persons["full_name"].dropna()) | set(data.households["head_name"].dropna())
    out = set()
    for n in names:
        words = tuple(_WORD.findall(unicodedata.normalize("NFC", str(n))))
        if len(words) >= 2:  # a single word is not a name that identifies anyone
            out.add(words)
    return out


def _codes(data: CommuneData) -> set[str]:
    return (set(data.persons["person_id"].dropna()) | set(data.households["household_id"].dropna())
            | set(data.members["member_id"].dropna()))


def personal_data_in(source: str | Path, data: CommuneData, allow: Iterable[str] = ()) -> list[Finding]:
    """Các họ tên, mã cá nhân (nhân khẩu, hộ, hội viên) và ngày sinh của ``data`` có trong ``source``.

    ``source`` is a file path (.docx, .xlsx, .csv, .txt) or the text itself; ``allow``
    lists names that may appear (e.g. the signer). An empty list means the file
    carries no personal data of this commune.
    """
    text = file_text(source) if isinstance(source, Path) or (
        isinstance(source, str) and len(source) < 4096 and "\n" not in source and Path(source).suffix
        and Path(source).is_file()) else unicodedata.normalize("NFC", str(source))
    for name in allow:
        if name:
            text = text.replace(unicodedata.normalize("NFC", name), " ")
    findings: list[Finding] = []
    words = _WORD.findall(text)
    names = _names(data)
    seen: set[str] = set()
    for n in range(2, _MAX_NAME_WORDS + 1):
        for i in range(len(words) - n + 1):
            gram = tuple(words[i:i + n])
            if gram in names:
                # "Lê Thị Thu" followed by "Hà" is part of another, longer name
                nxt = words[i + n] if i + n < len(words) else ""
                value = " ".join(gram)
                if not nxt[:1].isupper() and value not in seen:
                    seen.add(value)
                    findings.append(Finding("họ tên", value))
    findings += [Finding("mã cá nhân", c) for c in sorted(set(_CODE.findall(text)) & _codes(data))]
    births = {d.strftime("%d/%m/%Y") for d in data.persons["birth_date"].dropna()}
    findings += [Finding("ngày sinh", b) for b in sorted(set(_DATE.findall(text)) & births)]
    return findings
