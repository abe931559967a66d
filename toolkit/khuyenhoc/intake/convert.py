"""Chuyển một sổ Excel (hoặc tệp CSV) gõ bằng bảng mã cũ (TCVN3, VNI, VIQR) sang Unicode dựng sẵn: ghi tệp mới,
không bao giờ sửa tệp gốc, và liệt kê từng ô đã đổi.

Each column of each sheet is decided on its own (``legacy_encodings.convert_column``);
text in decomposed Unicode (NFD) is recomposed (NFC) at the same time. The new
file is written whole or not at all.

Ví dụ::

    >>> import tempfile, pathlib
    >>> from openpyxl import Workbook, load_workbook
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> wb = Workbook(); wb.active.append(["Họ và tên"]); wb.active.append(["NguyÔn V¨n Hïng"]); wb.save(d / "a.xlsx")
    >>> r = convert_file(d / "a.xlsx", d / "b.xlsx")
    >>> [(c.cell, c.new) for c in r.changes]
    [('A2', 'Nguyễn Văn Hùng')]
    >>> load_workbook(d / "b.xlsx").active["A2"].value
    'Nguyễn Văn Hùng'
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..atomic import atomic_path
from ..legacy_encodings import LABELS, convert_column

__all__ = ["Change", "ConvertResult", "ConvertError", "convert_file"]


class ConvertError(Exception):
    """Không chuyển được (thông báo tiếng Việt)."""


@dataclass(frozen=True)
class Change:
    """Một ô đã đổi: trang, ô, bảng mã, chữ cũ, chữ mới."""

    sheet: str
    cell: str
    encoding: str
    old: str
    new: str


@dataclass
class ConvertResult:
    """Tệp mới và các ô đã đổi."""

    source: Path
    target: Path
    changes: list[Change] = field(default_factory=list)

    def summary(self) -> str:
        """Một câu tóm tắt tiếng Việt.

        >>> ConvertResult(Path("a.xlsx"), Path("b.xlsx")).summary()
        "Không có ô nào cần chuyển; đã ghi bản sao 'b.xlsx'."
        """
        if not self.changes:
            return f"Không có ô nào cần chuyển; đã ghi bản sao '{self.target.name}'."
        by = pd.Series([c.encoding for c in self.changes]).value_counts()
        kinds = ", ".join(f"{LABELS.get(k, k)}: {v}" for k, v in by.items())
        return f"Đã chuyển {len(self.changes)} ô sang Unicode ({kinds}); tệp mới: '{self.target.name}'."

    def frame(self) -> pd.DataFrame:
        """Bảng các ô đã đổi, tiêu đề tiếng Việt (để lưu lại)."""
        return pd.DataFrame([(c.sheet, c.cell, LABELS.get(c.encoding, c.encoding), c.old, c.new) for c in self.changes],
                            columns=["Trang", "Ô", "Bảng mã", "Chữ cũ", "Chữ mới"])


def _convert_values(values: list[object]) -> tuple[str | None, list[str | None]]:
    s = pd.Series(values, dtype=object)
    enc, conv = convert_column(s)
    out: list[str | None] = []
    for v, c in zip(values, conv.tolist()):
        if c is None and isinstance(v, str) and not unicodedata.is_normalized("NFC", v):
            c = unicodedata.normalize("NFC", v)
        out.append(c)
    return enc, out


def _convert_xlsx(src: Path, dst: Path) -> list[Change]:
    from openpyxl import load_workbook

    from .guard import GuardRefusal, inspect_xlsx

    try:
        inspect_xlsx(src)
    except GuardRefusal as refusal:
        raise ConvertError(refusal.problem.message + " " + refusal.problem.fix) from None
    try:
        wb = load_workbook(src)
    except Exception as exc:  # damaged workbook
        raise ConvertError(f"Không mở được tệp Excel '{src.name}' ({type(exc).__name__}).") from None
    changes: list[Change] = []
    for ws in wb.worksheets:
        for col in ws.iter_cols():
            cells = [c for c in col if isinstance(c.value, str) and c.data_type != "f"]
            if not cells:
                continue
            enc, new = _convert_values([c.value for c in cells])
            for c, v in zip(cells, new):
                if v is not None and v != c.value:
                    changes.append(Change(ws.title, c.coordinate, enc if v != unicodedata.normalize("NFC", c.value)
                                          else "nfc", c.value, v))
                    c.value = v
    with atomic_path(dst) as tmp:
        wb.save(tmp)
    return changes


def _convert_csv(src: Path, dst: Path) -> list[Change]:
    from openpyxl.utils import get_column_letter

    from .sources import _load_csv

    sheet, problems = _load_csv(src)
    if sheet is None:
        raise ConvertError(problems[0].message + " " + problems[0].fix)
    grid = sheet.grid
    text = src.read_bytes()
    delim = ";" if text.count(b";") > text.count(b",") else ","
    changes: list[Change] = []
    for j in grid.columns:
        col = grid[j]
        enc, new = _convert_values(col.tolist())
        for r, old, v in zip(col.index, col.tolist(), new):
            if v is not None and v != old:
                changes.append(Change(src.name, f"{get_column_letter(int(j))}{int(r)}", enc or "nfc", old, v))
                grid.at[r, j] = v
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n")
    for row in grid.itertuples(index=False):
        w.writerow(["" if v is None or (isinstance(v, float) and pd.isna(v)) else v for v in row])
    with atomic_path(dst) as tmp:
        Path(tmp).write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return changes


def convert_file(source: str | os.PathLike, target: str | os.PathLike) -> ConvertResult:
    """Chuyển chữ bảng mã cũ trong ``source`` (.xlsx/.xlsm/.csv) sang Unicode, ghi ra ``target`` (tệp mới).

    ``target`` must differ from ``source``: the input is never modified. A .xlsm
    source is written as .xlsx (its macros are not kept).
    """
    src, dst = Path(source), Path(target)
    if not src.is_file():
        raise ConvertError(f"Không tìm thấy tệp '{src}'.")
    if dst.exists() and dst.resolve() == src.resolve():
        raise ConvertError("Tệp mới phải khác tệp gốc (tệp gốc không bao giờ bị sửa).")
    suffix = src.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if dst.suffix.lower() != ".xlsx":
            raise ConvertError(f"Tệp mới của một sổ Excel phải có đuôi .xlsx (không phải '{dst.suffix}').")
        changes = _convert_xlsx(src, dst)
    elif suffix == ".csv":
        changes = _convert_csv(src, dst)
    else:
        raise ConvertError(f"Chưa chuyển được tệp dạng '{src.suffix}'; chọn tệp .xlsx hoặc .csv.")
    return ConvertResult(src, dst, changes)
