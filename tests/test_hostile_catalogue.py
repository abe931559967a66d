"""The bad-input catalogue (docs/du-lieu-loi.md): every case is built here, read by intake and checked.

Each case is rejected or flagged with a located Vietnamese message (or, for the
valid-but-unusual ones, accepted), never a traceback; the input file is
byte-identical afterwards; each read ends within its time bound and its Python
memory bound. The table in the docs is generated from ``CASES``
(``python tests/test_hostile_catalogue.py docs/du-lieu-loi.md``) and checked
against it.
"""
from __future__ import annotations

import datetime as dt
import shutil
import struct
import sys
import time
import tracemalloc
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parent))
from _intake_data import tiny_commune  # noqa: E402
from khuyenhoc.intake import check  # noqa: E402
from khuyenhoc.legacy_encodings import from_unicode  # noqa: E402
from khuyenhoc.workbook import write_csv_dir, write_workbook  # noqa: E402

DOC = Path(__file__).resolve().parents[1] / "docs" / "du-lieu-loi.md"
AS_OF = dt.date(2026, 5, 31)
TIME_BOUND_S = 90.0  # per read, on a shared, loaded 2-core machine (a read of the tiny commune: well under 1 s)
MEMORY_BOUND_MB = 200  # Python allocations during one read (tracemalloc peak)


@dataclass(frozen=True)
class Case:
    id: str
    what: str  # the case, in Vietnamese
    code: str  # problem code expected ("" for accepted without any note)
    excerpt: str  # part of the expected message
    accepted: bool  # the data is usable (only warnings or notes)
    build: Callable[[Path], Path]


# --------------------------------------------------------------------------- builders

def _base(tmp: Path) -> Path:
    p = tmp / "xa.xlsx"
    write_workbook(tiny_commune(), p, as_of=AS_OF)
    return p


def _edit(fn: Callable, suffix: str = ".xlsx"):
    def build(tmp: Path) -> Path:
        p = _base(tmp)
        wb = load_workbook(p)
        fn(wb)
        out = tmp / f"sua{suffix}"
        wb.save(out)
        return out
    return build


def _set(sheet: str, header: str, row: int, value):
    def fn(wb):
        ws = wb[sheet]
        col = next(c.column for c in ws[1] if c.value == header)
        ws.cell(row=row, column=col).value = value  # ws.cell(..., value=None) would leave the cell as it was
    return fn


def _cell(sheet, header, row, value):
    return _edit(_set(sheet, header, row, value))


def _zip_edit(fn: Callable[[dict], None], suffix: str = ".xlsx"):
    def build(tmp: Path) -> Path:
        p = _base(tmp)
        with zipfile.ZipFile(p) as z:
            parts = {i.filename: z.read(i) for i in z.infolist()}
        fn(parts)
        out = tmp / f"sua{suffix}"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
        return out
    return build


def _sheet_part(parts: dict, title: str) -> str:
    import re

    wb = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', wb).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"|<Relationship[^>]*Target="([^"]+)"'
                       rf'[^>]*Id="{rid}"', rels)
    t = (target.group(1) or target.group(2)).lstrip("/")
    return t if t.startswith("xl/") else "xl/" + t


def _hide(state: str):
    def fn(wb):
        wb["Hộ theo năm"].sheet_state = state
    return _edit(fn)


def _raw(data: bytes, name: str = "xa.xlsx"):
    def build(tmp: Path) -> Path:
        p = tmp / name
        p.write_bytes(data)
        return p
    return build


def _zip_bomb(tmp: Path) -> Path:
    p = tmp / "bom.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 << 20))
    return p


def _lying_sizes(tmp: Path) -> Path:
    """A part that declares a smaller size than it unpacks to (a bomb that lies about itself)."""
    p = _base(tmp)
    data = bytearray(p.read_bytes())
    target = b"xl/worksheets/sheet4.xml"
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        n = struct.unpack("<H", data[i + 28:i + 30])[0]
        if bytes(data[i + 46:i + 46 + n]) == target:
            data[i + 24:i + 28] = struct.pack("<I", 100)  # uncompressed size in the central directory
        i += 4
    out = tmp / "noi-doi.xlsx"
    out.write_bytes(bytes(data))
    return out


def _many_parts(tmp: Path) -> Path:
    p = tmp / "nhieu.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        for k in range(10_001):
            z.writestr(f"x/{k}", b"")
    return p


def _no_workbook_part(tmp: Path) -> Path:
    p = tmp / "nen.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("a.txt", "xin chào")
    return p


def _encrypted(tmp: Path) -> Path:
    p = tmp / "mat-khau.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 2048)
    return p


def _macro(tmp: Path) -> Path:
    b = _zip_edit(lambda parts: parts.__setitem__("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro"), ".xlsm")
    return b(tmp)


def _external(parts):
    parts["xl/externalLinks/externalLink1.xml"] = b'<externalLink xmlns="http://schemas.openxmlformats.org/' \
                                                  b'spreadsheetml/2006/main"/>'


def _drop_sheet(title):
    def fn(wb):
        del wb[title]
    return _edit(fn)


def _delete_column(sheet, header):
    def fn(wb):
        ws = wb[sheet]
        col = next(c.column for c in ws[1] if c.value == header)
        ws.delete_cols(col)
    return _edit(fn)


def _merge_header(wb):
    wb["Nhân khẩu"].merge_cells("C1:D1")


def _extra_sheet(wb):
    ws = wb.create_sheet("Ghi chép riêng")
    ws.append(["Việc cần làm"])
    ws.append(["Họp chi hội tháng 6"])


def _title_rows(wb):
    ws = wb["Nhân khẩu"]
    ws.insert_rows(1, 3)
    ws["A1"] = "DANH SÁCH NHÂN KHẨU XÃ ĐỒNG MAI"


def _nfd(wb):
    ws = wb["Nhân khẩu"]
    ws["C2"] = unicodedata.normalize("NFD", ws["C2"].value)


def _legacy(enc):
    def fn(wb):
        ws = wb["Nhân khẩu"]
        for r in range(2, ws.max_row + 1):
            ws.cell(row=r, column=3, value=from_unicode(ws.cell(row=r, column=3).value, enc))
    return _edit(fn)


def _duplicate_person(wb):
    ws = wb["Nhân khẩu"]
    row = [c.value for c in ws[2]]
    row[0] = "X01-NK00099"
    ws.append(row)


def _duplicate_key(wb):
    ws = wb["Nhân khẩu"]
    ws.append([c.value for c in ws[3]])


def _moved_away(wb):
    _set("Nhân khẩu", "Tình trạng cư trú", 6, "Đã chuyển đi")(wb)
    _set("Nhân khẩu theo năm", "Năm", 4, 2024)(wb)


def _csv(mutate: Callable[[str], bytes]):
    def build(tmp: Path) -> Path:
        folder = write_csv_dir(tiny_commune(), tmp / "csv")
        f = folder / "persons.csv"
        f.write_bytes(mutate(f.read_text(encoding="utf-8-sig")))
        return folder
    return build


def _cp1258(text: str) -> bytes:
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            out += (unicodedata.normalize("NFC", d[0] + "".join(m for m in d[1:] if m not in tones)).encode("cp1258")
                    + "".join(m for m in d[1:] if m in tones).encode("cp1258"))
    return out


NK, HK, KT, LH, DS, MC = "Nhân khẩu", "Học bổng, khen thưởng", "Học bổng, khen thưởng", "Lớp học", \
    "Điểm tự đánh giá", "Minh chứng"

CASES = [
    # files that are not what they claim, or are hostile
    Case("khong-co-tep", "Đường dẫn không có tệp", "bad_file", "Không tìm thấy tệp", False,
         lambda tmp: tmp / "khong-co.xlsx"),
    Case("khong-phai-excel", "Tệp chữ đổi đuôi thành .xlsx", "bad_file", "không phải sổ Excel", False,
         _raw(b"day khong phai tep excel")),
    Case("excel-cu-xls", "Sổ Excel 97–2003 (.xls) đổi đuôi .xlsx", "bad_file", "đời cũ", False,
         _raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)),
    Case("mat-khau", "Sổ đặt mật khẩu (mã hóa)", "encrypted_file", "mật khẩu", False, _encrypted),
    Case("bom-nen", "Bom nén: 64 MB số 0 nén còn vài chục KB", "file_too_large", "bom nén", False, _zip_bomb),
    Case("kich-thuoc-gia", "Tệp khai kích thước sai (giải nén ra nhiều hơn khai)", "bad_file", "bị hỏng", False,
         _lying_sizes),
    Case("qua-nhieu-phan", "Tệp nén có hơn 10.000 phần", "file_too_large", "phần bên trong", False, _many_parts),
    Case("nen-khong-phai-so", "Tệp .zip không phải sổ Excel", "bad_file", "xl/workbook.xml", False,
         _no_workbook_part),
    Case("co-macro", "Sổ có macro (.xlsm)", "macro_file", "macro không được chạy", True, _macro),
    Case("trang-an", "Một trang dữ liệu bị ẩn", "hidden_sheet", "đang bị ẩn", True, _hide("hidden")),
    Case("trang-an-sau", "Một trang bị ẩn sâu (very hidden)", "hidden_sheet", "ẩn sâu", True, _hide("veryHidden")),
    Case("cong-thuc", "Ô 'Mã phiếu chi' (không bắt buộc) là công thức", "formula", "dùng công thức", True,
         _cell(HK, "Mã phiếu chi", 2, '=""')),
    Case("cong-thuc-loi", "Ô là công thức bị lỗi (#DIV/0!)", "formula_error", "#DIV/0!", False,
         _cell(HK, "Số tiền (đồng)", 2, "#DIV/0!")),
    Case("lien-ket-ngoai", "Sổ có liên kết tới tệp khác", "external_link", "liên kết tới tệp khác", True,
         _zip_edit(_external)),
    # structure
    Case("thieu-trang", "Thiếu trang bắt buộc 'Nhân khẩu'", "missing_sheet", "Không có trang 'Nhân khẩu'", False,
         _drop_sheet(NK)),
    Case("trang-la", "Có thêm trang ghi chép không thuộc mô hình", "unknown_sheet", "được bỏ qua", True,
         _edit(_extra_sheet)),
    Case("thieu-cot", "Thiếu cột bắt buộc 'Giới tính'", "missing_column", "Giới tính", False,
         _delete_column(NK, "Giới tính")),
    Case("tieu-de-gop", "Ô tiêu đề bị gộp", "merged_header", "gộp", False, _edit(_merge_header)),
    Case("dong-tieu-de-phia-tren", "Dòng tên bảng và dòng trống phía trên tiêu đề", "", "", True,
         _edit(_title_rows)),
    # cells
    Case("o-bat-buoc-trong", "Ô bắt buộc để trống (Giới tính)", "missing", "đang để trống", False,
         _cell(NK, "Giới tính", 3, None)),
    Case("ngay-sai", "Ngày không có thật (31/02/1980)", "bad_date", "không phải ngày hợp lệ", False,
         _cell(NK, "Ngày sinh", 3, "31/02/1980")),
    Case("ngay-dang-chu", "Ngày ghi dạng chữ (05/03/1970)", "date_text", "được ghi dạng chữ", True,
         _cell(NK, "Ngày sinh", 2, "05/03/1970")),
    Case("gia-tri-ngoai-danh-sach", "Giới tính 'X'", "bad_code", "không có trong danh sách", False,
         _cell(NK, "Giới tính", 3, "X")),
    Case("gia-tri-viet-khac", "Giới tính 'nu' (không dấu, chữ thường)", "code_folded", "được hiểu là 'Nữ'", True,
         _cell(NK, "Giới tính", 3, "nu")),
    Case("tien-bang-chu", "Số tiền ghi bằng chữ 'năm trăm nghìn'", "bad_money", "", False,
         _cell(HK, "Số tiền (đồng)", 2, "năm trăm nghìn")),
    Case("nam-bang-chu", "Năm ghi 'hai nghìn'", "bad_number", "không phải năm hợp lệ", False,
         _cell("Nhân khẩu theo năm", "Năm", 2, "hai nghìn")),
    Case("ngoai-khoang", "Số hoạt động học tập 999 (quá 366)", "out_of_range", "nằm ngoài khoảng", False,
         _cell("Nhân khẩu theo năm", "Số hoạt động học tập", 2, 999)),
    Case("ma-trung", "Mã nhân khẩu trùng", "duplicate_key", "trùng với dòng", False, _edit(_duplicate_key)),
    Case("tham-chieu-sai", "Mã hộ không có trong trang Hộ gia đình", "bad_reference", "không có trong cột", False,
         _cell(NK, "Mã hộ", 3, "X01-H9999")),
    Case("ma-giong-cccd", "Mã nhân khẩu là số CCCD 12 chữ số", "id_looks_like_cccd", "giống số CMND/CCCD", False,
         _cell("Học bổng, khen thưởng", "Mã khen thưởng", 2, "001203004567")),
    Case("ten-khong-dau", "Họ tên gõ không dấu", "no_diacritics", "gõ không dấu", True,
         _cell(NK, "Họ và tên", 3, "Pham Thi Hoa")),
    Case("nhap-hai-lan", "Một người nhập hai lần với hai mã", "possible_duplicate", "cùng một người", True,
         _edit(_duplicate_person)),
    Case("chu-to-hop-nfd", "Họ tên gõ ở dạng Unicode tổ hợp (NFD)", "nfd", "Unicode tổ hợp", True, _edit(_nfd)),
    # plausibility
    Case("sinh-nam-2099", "Ngày sinh 31/12/2099", "future_date", "sau ngày số liệu", False,
         _cell(NK, "Ngày sinh", 3, dt.datetime(2099, 12, 31))),
    Case("tuoi-126", "Ngày sinh 01/03/1900 (126 tuổi)", "implausible_age", "126 tuổi", False,
         _cell(NK, "Ngày sinh", 2, dt.datetime(1900, 3, 1))),
    Case("truoc-khi-sinh", "Học bổng trao trước khi người nhận sinh ra", "before_birth", "trước khi người đó sinh ra",
         False, _cell(HK, "Ngày trao", 2, dt.datetime(2010, 9, 5))),
    Case("sau-khi-chuyen-di", "Học bổng trao sau khi người nhận đã chuyển đi", "after_departure", "đã chuyển đi",
         True, _edit(_moved_away)),
    Case("sai-thu-tu-ngay", "Ngày bế giảng trước ngày khai giảng", "date_order", "trước ngày khai giảng", False,
         _cell(LH, "Ngày bế giảng", 2, dt.datetime(2025, 3, 1))),
    Case("ma-chi-so-32767", "Mã chỉ số là chuỗi rác 32.767 ký tự", "too_long", "quá giới hạn 40 ký tự", False,
         _cell(DS, "Mã chỉ số", 3, "Z" * 32767)),
    Case("ma-chi-so-la", "Mã chỉ số không có trong bộ tiêu chí của mô hình", "unknown_indicator",
         "không có trong bộ tiêu chí", False, _cell(DS, "Mã chỉ số", 3, "CDHT-9.9")),
    Case("tien-qua-lon", "Suất học bổng 500 tỷ đồng", "implausible_amount", "lớn bất thường", True,
         _cell(HK, "Số tiền (đồng)", 2, 500_000_000_000)),
    Case("minh-chung-ra-ngoai", "Tệp minh chứng '../../etc/passwd'", "bad_evidence_path", "ra ngoài thư mục", False,
         _cell(MC, "Tệp minh chứng", 2, "../../etc/passwd")),
    Case("minh-chung-tuyet-doi", "Tệp minh chứng ghi đường dẫn tuyệt đối", "bad_evidence_path", "ra ngoài thư mục",
         False, _cell(MC, "Tệp minh chứng", 2, "C:\\Users\\can_bo\\giay_khen.pdf")),
    # legacy encodings
    Case("tcvn3", "Họ tên gõ bằng phông .VnTime (TCVN3)", "legacy_encoding", "TCVN3", False, _legacy("tcvn3")),
    Case("vni", "Họ tên gõ bằng phông VNI-Times", "legacy_encoding", "VNI", False, _legacy("vni")),
    Case("viqr", "Họ tên gõ kiểu VIQR (Nguye^~n)", "legacy_encoding", "VIQR", False, _legacy("viqr")),
    # CSV
    Case("csv-utf16", "Tệp CSV lưu UTF-16 (Unicode text của Excel)", "csv_encoding", "UTF-16", True,
         _csv(lambda t: t.encode("utf-16"))),
    Case("csv-1258", "Tệp CSV lưu Windows-1258", "csv_encoding", "Windows-1258", True, _csv(_cp1258)),
    Case("csv-cham-phay", "Tệp CSV phân cách bằng dấu chấm phẩy", "", "", True,
         _csv(lambda t: t.replace(",", ";").encode("utf-8"))),
    Case("csv-khong-doc-duoc", "Tệp CSV hỏng bảng mã, có byte NUL", "bad_file", "", False,
         _csv(lambda t: b"\x81\x8d\x8f\x90\x9d" * 40 + b"\x00\xff" * 100)),
]


def markdown() -> str:
    lines = [
        "# Danh mục dữ liệu lỗi (bad-input catalogue)",
        "",
        "<!-- Sinh từ tests/test_hostile_catalogue.py (CASES); bài kiểm thử so bảng này với các trường hợp. "
        "Ghi lại: python tests/test_hostile_catalogue.py docs/du-lieu-loi.md -->",
        "",
        "Mỗi dòng là một tệp xấu hoặc lạ mà cán bộ có thể gặp. Bài kiểm thử dựng đúng tệp đó (từ xã mẫu nhỏ), đọc bằng "
        "`khuyenhoc validate`/`khuyenhoc.intake.check` và kiểm tra: có đúng vấn đề (mã) với thông báo tiếng Việt chỉ "
        "rõ tệp, trang, dòng, cột; không bao giờ có traceback; tệp gốc không đổi một byte; mỗi lần đọc xong trong "
        f"{int(TIME_BOUND_S)} giây và dùng dưới {MEMORY_BOUND_MB} MB bộ nhớ Python. \"Dùng được\" = dữ liệu vẫn đọc "
        "được (chỉ có cảnh báo hoặc chỗ đã tự sửa).",
        "",
        f"Số trường hợp: {len(CASES)}.",
        "",
        "| # | Mã trường hợp | Trường hợp | Mã vấn đề | Thông báo có chứa | Dùng được |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for i, c in enumerate(CASES, start=1):
        lines.append(f"| {i} | `{c.id}` | {c.what} | {('`' + c.code + '`') if c.code else '—'} | "
                     f"{c.excerpt or '—'} | {'có' if c.accepted else 'không'} |")
    return "\n".join(lines) + "\n"


def test_catalogue_has_at_least_40_cases_and_the_docs_show_them():
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)
    assert DOC.read_text(encoding="utf-8") == markdown()


def _snapshot(p: Path) -> dict:
    if p.is_dir():
        return {f.name: f.read_bytes() for f in sorted(p.iterdir()) if f.is_file()}
    return {p.name: p.read_bytes()} if p.exists() else {}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_case(case, tmp_path):
    path = case.build(tmp_path)
    before = _snapshot(path)
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        data, problems = check(path)  # any exception fails the test: never a traceback
    finally:
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert _snapshot(path) == before, "the input file was modified"
    assert elapsed < TIME_BOUND_S and peak < MEMORY_BOUND_MB << 20, (elapsed, peak)
    assert (data is not None) == case.accepted, [p.line() for p in problems]
    if case.code:
        hits = [p for p in problems if p.code == case.code]
        assert hits, [(p.code, p.message) for p in problems]
        p = hits[0]
        assert case.excerpt in p.message + " " + p.fix, p.line()
        assert p.file and (p.sheet or p.file) and p.line()
        if p.row is not None and p.code != "bad_file":  # a bad byte is located by its line only
            assert p.sheet and (p.column or p.column_letter)
    else:
        assert data is not None and not [p for p in problems if p.severity != "đã sửa"], [p.line() for p in problems]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else DOC)
    out.write_text(markdown(), encoding="utf-8")
    print(f"Đã ghi {out}")
