"""The trainer's class list (Excel or CSV) read into accounts, with Vietnamese messages.

Columns (first row): ``Mã học viên``, ``Họ``, ``Tên``, optional ``Email`` and ``Vai trò``
(``học viên`` — the default — or ``giảng viên``). The same columns as ``course/cham_bai.py
nhap-hoc-vien``, so one list serves both. The code becomes the login name and the nbgrader id.

>>> normalise_login(" HV001 ")
'hv001'
>>> normalise_login("hv 01")
Traceback (most recent call last):
...
ValueError: chỉ gồm chữ thường không dấu, số, dấu gạch ngang hoặc gạch dưới, bắt đầu bằng chữ (ví dụ hv001)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

LOGIN = re.compile(r"^[a-z][a-z0-9_-]{1,31}$")
RESERVED = {"root", "admin", "daemon", "bin", "sys", "nobody", "www-data", "postgres"}
TRAINER_WORDS = {"giảng viên", "giang vien", "giangvien", "gv", "trainer"}
TRAINEE_WORDS = {"", "học viên", "hoc vien", "hocvien", "hv", "trainee"}


class RosterError(ValueError):
    """A problem in the class list (message names the file, row and column)."""


@dataclass(frozen=True)
class Member:
    login: str
    last_name: str
    first_name: str
    email: str = ""
    trainer: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()


def normalise_login(value: str) -> str:
    login = value.strip().lower()
    if not LOGIN.match(login):
        raise ValueError("chỉ gồm chữ thường không dấu, số, dấu gạch ngang hoặc gạch dưới, "
                         "bắt đầu bằng chữ (ví dụ hv001)")
    if login in RESERVED:
        raise ValueError(f"'{login}' là tên dành riêng của hệ thống")
    return login


def _nfc(value) -> str:
    return unicodedata.normalize("NFC", "" if value is None else str(value)).strip()


def read_roster(path: Path | str) -> list[Member]:
    """Read the class list; raise RosterError with file, row and column on any problem."""
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise RosterError(f"Không tìm thấy tệp danh sách lớp: {path}")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            df = pd.read_excel(path, dtype=str, engine="calamine")
        else:
            df = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    except Exception as err:  # unreadable: explain, never a traceback
        raise RosterError(f"Không đọc được tệp {path.name}: {err}. Hãy lưu lại dạng .xlsx hoặc .csv (UTF-8).") from None
    df.columns = [_nfc(c) for c in df.columns]
    need = ["Mã học viên", "Họ", "Tên"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise RosterError(f"Tệp {path.name} thiếu cột: {', '.join(missing)}. "
                          "Dòng đầu phải có: Mã học viên, Họ, Tên, Email (không bắt buộc), Vai trò (không bắt buộc).")
    members: list[Member] = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(df.fillna("").to_dict("records")):
        row = i + 2
        if not any(_nfc(v) for v in rec.values()):
            continue  # blank line
        try:
            login = normalise_login(_nfc(rec["Mã học viên"]))
        except ValueError as err:
            raise RosterError(f"Tệp {path.name}, dòng {row}, cột 'Mã học viên': '{_nfc(rec['Mã học viên'])}' "
                              f"không dùng được — {err}.") from None
        if login in seen:
            raise RosterError(f"Tệp {path.name}, dòng {row}, cột 'Mã học viên': '{login}' trùng với dòng {seen[login]}.")
        seen[login] = row
        if not _nfc(rec["Tên"]):
            raise RosterError(f"Tệp {path.name}, dòng {row}, cột 'Tên': còn trống.")
        role = _nfc(rec.get("Vai trò", "")).lower()
        if role not in TRAINER_WORDS | TRAINEE_WORDS:
            raise RosterError(f"Tệp {path.name}, dòng {row}, cột 'Vai trò': '{role}' — ghi 'học viên' hoặc 'giảng viên'.")
        members.append(Member(login, _nfc(rec["Họ"]), _nfc(rec["Tên"]), _nfc(rec.get("Email", "")),
                              trainer=role in TRAINER_WORDS))
    if not members:
        raise RosterError(f"Tệp {path.name} chưa có học viên nào.")
    return members
