"""Kiểm tra một tệp Excel trước khi đọc: quá lớn, bom nén, có mật khẩu, có macro, trang ẩn, công thức, liên kết ngoài.

A workbook (.xlsx, .xlsm) is a zip archive. Before any cell is read, its
directory is checked against fixed bounds (``LIMITS``): the file's size, the
number of parts, the sizes they declare once unpacked and how much each is
compressed, so that an oversized file or a zip bomb is refused in
milliseconds and never unpacked. The sheet parts are then streamed (never more
than their declared size, checked against their CRC) to find formulas, cells
holding a formula error and links to other files. A file that is not a zip at
all is recognised as an encrypted workbook (OLE container with an
``EncryptionInfo`` stream), an old .xls file or something else.

Decisions (``docs/du-lieu-loi.md``): macros are never run (reading does not run
them) and the data is read, with a warning; hidden and very hidden sheets are
read and reported; a formula's last computed value is used (warning, one per
sheet); a formula error (#REF!, #DIV/0!…) is an error at its cell; links to
other files are never followed (warning).

Ví dụ::

    >>> LIMITS.max_unpacked_bytes // (1 << 20)
    1024
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.cell import coordinate_from_string

from ..problems import Problem
from ..vnformat import so

__all__ = ["Limits", "LIMITS", "Inspection", "inspect_xlsx", "GuardRefusal"]


@dataclass(frozen=True)
class Limits:
    """Giới hạn đọc một tệp Excel (byte, số phần)."""

    max_file_bytes: int = 200 << 20
    max_unpacked_bytes: int = 1 << 30
    max_part_bytes: int = 512 << 20
    max_parts: int = 10_000
    max_ratio: float = 200.0  # unpacked / packed, for parts over 1 MiB
    ratio_floor_bytes: int = 1 << 20


LIMITS = Limits()

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 22
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)', re.S)
_ATTR_R = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
_ATTR_T_E = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')
_FORMULA = re.compile(rb'<(?:\w+:)?f[\s>/]')
_SHEET_TAG = re.compile(rb'<(?:\w+:)?sheet\b[^>]*>')


class GuardRefusal(Exception):
    """The file must not be read (its problem explains why)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Inspection:
    """What was found in a workbook before reading it: problems and facts for the reader."""

    problems: list[Problem] = field(default_factory=list)
    sheet_parts: dict[str, str] = field(default_factory=dict)  # sheet name → part path
    hidden: dict[str, str] = field(default_factory=dict)  # sheet name → "hidden" / "veryHidden"


def _refuse(path: Path, code: str, message: str, fix: str) -> GuardRefusal:
    return GuardRefusal(Problem(file=str(path), sheet=None, code=code, message=message, fix=fix))


def _not_a_zip(path: Path, head: bytes) -> GuardRefusal:
    if head.startswith(_OLE):
        with open(path, "rb") as f:
            blob = f.read(1 << 20)
        if "EncryptionInfo".encode("utf-16-le") in blob or b"EncryptedPackage" in blob \
                or "EncryptedPackage".encode("utf-16-le") in blob:
            return _refuse(path, "encrypted_file", "Tệp Excel được đặt mật khẩu nên không đọc được.",
                           "Mở tệp bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật "
                           "khẩu: xóa mật khẩu), lưu lại dạng .xlsx rồi thử lại.")
        return _refuse(path, "bad_file", "Tệp là sổ Excel đời cũ (.xls, Excel 97–2003), chưa đọc được.",
                       "Mở tệp bằng Excel hoặc LibreOffice và lưu lại dạng 'Sổ làm việc Excel (.xlsx)'.")
    return _refuse(path, "bad_file", "Tệp không phải sổ Excel .xlsx (hoặc bị hỏng).",
                   "Mở tệp bằng Excel, lưu lại dưới dạng 'Sổ làm việc Excel (.xlsx)' rồi thử lại.")


def _mib(n: int) -> str:
    return f"{so(round(n / (1 << 20)))} MB"


def _sheet_states(z: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """(sheet name → part path, sheet name → state) from workbook.xml and its relationships."""
    from xml.sax.saxutils import unescape

    try:
        wb = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}, {}
    targets = {m.group(1).decode(): m.group(2).decode()
               for m in re.finditer(rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2).decode(): m.group(1).decode()
                    for m in re.finditer(rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    parts, states = {}, {}
    for tag in _SHEET_TAG.findall(wb):
        name = re.search(rb'\bname="([^"]*)"', tag)
        rid = re.search(rb'\br:id="([^"]*)"|\bid="([^"]*)"', tag)
        state = re.search(rb'\bstate="([^"]*)"', tag)
        if not name:
            continue
        sname = unescape(name.group(1).decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})
        if rid:
            target = targets.get((rid.group(1) or rid.group(2)).decode(), "")
            target = target.lstrip("/")
            parts[sname] = target if target.startswith("xl/") else f"xl/{target}"
        if state and state.group(1) in (b"hidden", b"veryHidden"):
            states[sname] = state.group(1).decode()
    return parts, states


def _scan_sheet(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str | None, list[tuple[str, str]]]:
    """(formula cells, first formula cell, [(cell, error value)]) of one sheet, streamed within its declared size."""
    n_formulas, first, errors = 0, None, []
    tail = b""
    with z.open(info) as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            data = tail + chunk
            cut = data.rfind(b"</c>")
            cut = cut + 4 if cut >= 0 else 0
            body, tail = data[:cut], data[cut:]
            if len(tail) > (1 << 20):  # no cell end in a megabyte: not a sheet we can scan
                tail = tail[-4096:]
            if b"<f" in body or b't="e"' in body:
                for m in _CELL.finditer(body):
                    attrs, inner = m.group(1), m.group(3) or b""
                    ref = _ATTR_R.search(attrs)
                    where = ref.group(1).decode() if ref else ""
                    if _FORMULA.search(inner):
                        n_formulas += 1
                        first = first or where
                    if _ATTR_T_E.search(attrs):
                        v = _VALUE.search(inner)
                        errors.append((where, v.group(1).decode("utf-8", "replace") if v else "#LỖI"))
    return n_formulas, first, errors


def inspect_xlsx(path: str | Path, limits: Limits = LIMITS) -> Inspection:
    """Kiểm tra tệp Excel ``path`` trước khi đọc; báo ``GuardRefusal`` nếu không được đọc.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.xlsx"
    >>> _ = p.write_bytes(b"not a zip")
    >>> try:
    ...     inspect_xlsx(p)
    ... except GuardRefusal as e:
    ...     print(e.problem.code)
    bad_file
    """
    path = Path(path)
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise _refuse(path, "file_too_large", f"Tệp nặng {_mib(size)}, quá giới hạn {_mib(limits.max_file_bytes)} "
                      "của một sổ dữ liệu xã.",
                      "Kiểm tra đúng tệp chưa (ảnh, tệp đính kèm trong sổ?); xóa các trang không cần rồi lưu lại.")
    with open(path, "rb") as f:
        head = f.read(8)
    if not zipfile.is_zipfile(path):
        raise _not_a_zip(path, head)
    out = Inspection()
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise _refuse(path, "bad_file", f"Tệp Excel bị hỏng ({type(exc).__name__}).",
                      "Mở tệp bằng Excel, lưu lại dạng .xlsx rồi thử lại.") from None
    with z:
        infos = z.infolist()
        if len(infos) > limits.max_parts:
            raise _refuse(path, "file_too_large", f"Tệp có {so(len(infos))} phần bên trong, bất thường với một "
                          "sổ Excel (có thể là tệp độc hại).", "Không mở tệp này; xin lại tệp gốc từ người gửi.")
        total = sum(i.file_size for i in infos)
        bomb = [i for i in infos if i.file_size > limits.max_part_bytes or (
            i.file_size > limits.ratio_floor_bytes and i.file_size > limits.max_ratio * max(i.compress_size, 1))]
        if total > limits.max_unpacked_bytes or bomb:
            raise _refuse(path, "file_too_large",
                          f"Tệp nặng {_mib(size)} nhưng khi giải nén sẽ thành {_mib(total)} (bị nén bất thường — "
                          "có thể là 'bom nén'); không đọc để bảo vệ máy.",
                          "Không mở tệp này; xin lại tệp gốc từ người gửi, hoặc lưu lại từ Excel dạng .xlsx.")
        names = {i.filename for i in infos}
        if "xl/workbook.xml" not in names:
            raise _refuse(path, "bad_file", "Tệp là tệp nén nhưng không phải sổ Excel (thiếu phần xl/workbook.xml).",
                          "Chọn đúng tệp .xlsx của sổ dữ liệu xã.")
        if "xl/vbaProject.bin" in names or path.suffix.lower() in (".xlsm", ".xltm"):
            out.problems.append(Problem(
                file=str(path), sheet=None, code="macro_file",
                message="Tệp có macro (VBA); macro không được chạy, chỉ đọc dữ liệu trong các ô.",
                fix="Nên lưu lại dạng 'Sổ làm việc Excel (.xlsx)' (không có macro) trước khi gửi đi."))
        links = sorted(n for n in names if n.startswith("xl/externalLinks/") and n.endswith(".xml"))
        if links:
            out.problems.append(Problem(
                file=str(path), sheet=None, code="external_link",
                message=f"Sổ có {len(links)} liên kết tới tệp khác; không mở các tệp đó, chỉ dùng giá trị đã lưu "
                        "trong sổ này.",
                fix="Trong Excel chọn Dữ liệu → Sửa liên kết → Ngắt liên kết, để số liệu không phụ thuộc tệp khác."))
        try:
            parts, states = _sheet_states(z)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                RuntimeError) as exc:  # a damaged workbook.xml (bad CRC, truncated stream) is a bad file, not a crash
            raise _refuse(path, "bad_file", f"Tệp Excel bị hỏng (phần 'xl/workbook.xml': {type(exc).__name__}).",
                          "Mở tệp bằng Excel, lưu lại dạng .xlsx rồi thử lại.") from None
        out.sheet_parts, out.hidden = parts, states
        for sname, state in states.items():
            kind = "ẩn sâu (very hidden, chỉ hiện lại được bằng VBA)" if state == "veryHidden" else "ẩn"
            out.problems.append(Problem(
                file=str(path), sheet=sname, code="hidden_sheet",
                message=f"Trang '{sname}' đang bị {kind}; dữ liệu của trang vẫn được đọc như các trang khác.",
                fix="Kiểm tra trang này có đúng là dữ liệu cần gửi không; nếu không, xóa trang đó."))
        by_part = {i.filename: i for i in infos}
        sheet_parts = set(parts.values())
        for info in infos:  # every other part is unpacked once, within its declared size, against its CRC
            if info.filename not in sheet_parts and not info.is_dir():
                try:
                    with z.open(info) as f:
                        while f.read(_CHUNK):
                            pass
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                        KeyError, RuntimeError) as exc:
                    raise _refuse(path, "bad_file", f"Tệp Excel bị hỏng (phần '{info.filename}': "
                                  f"{type(exc).__name__}).", "Mở tệp bằng Excel, lưu lại dạng .xlsx rồi thử lại.") from None
        for sname, part in parts.items():
            info = by_part.get(part)
            if info is None or not _SHEET_PART.match(part):
                continue
            try:
                n, first, errors = _scan_sheet(z, info)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                        KeyError, RuntimeError) as exc:
                raise _refuse(path, "bad_file", f"Trang '{sname}' của tệp bị hỏng ({type(exc).__name__}).",
                              "Mở tệp bằng Excel, lưu lại dạng .xlsx rồi thử lại.") from None
            if n:
                out.problems.append(Problem(
                    file=str(path), sheet=sname, code="formula", row=_row(first), column_letter=_col(first),
                    message=f"Trang có {so(n)} ô dùng công thức (ô đầu tiên: {first}); dùng giá trị Excel đã "
                            "tính lần cuối.",
                    fix="Nếu cần chắc chắn, chép các ô đó rồi Dán đặc biệt → Giá trị trước khi gửi."))
            for where, err in errors[:200]:
                out.problems.append(Problem(
                    file=str(path), sheet=sname, code="formula_error", row=_row(where), column_letter=_col(where),
                    value=err, message=f"Ô {where} là công thức bị lỗi ({err}), không có giá trị.",
                    fix="Sửa công thức trong Excel (ô tham chiếu đã bị xóa? chia cho 0?) hoặc ghi thẳng giá trị."))
    return out


def _row(ref: str | None) -> int | None:
    try:
        return coordinate_from_string(ref)[1] if ref else None
    except ValueError:
        return None


def _col(ref: str | None) -> str | None:
    try:
        return coordinate_from_string(ref)[0] if ref else None
    except ValueError:
        return None
