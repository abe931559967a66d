"""Password slips: one cut-out slip per trainee (Word .docx, eight slips to an A4 page).

The file holds passwords, so it is written whole or not at all and readable by its owner only
(mode 0600). Passwords are never stored anywhere else: a lost slip means a password reset.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path


FONT = "Times New Roman"


def write_slips(path: Path | str, slips: list[dict], hall_url: str, course_title: str) -> Path:
    """``slips``: dicts with 'login', 'full_name', 'password'. Returns the file written."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm, Pt

    path = Path(path)
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(1.2)
    section.left_margin = section.right_margin = Cm(1.2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    if fonts is not None:
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{attr}", FONT)
    per_page, cols = 8, 2
    for start in range(0, len(slips), per_page):
        if start:
            doc.add_page_break()
        chunk = slips[start:start + per_page]
        table = doc.add_table(rows=(len(chunk) + 1) // cols, cols=cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, slip in enumerate(chunk):
            cell = table.cell(i // cols, i % cols)
            cell.width = Cm(9.3)
            p = cell.paragraphs[0]
            r = p.add_run(course_title.upper())
            r.bold, r.font.size = True, Pt(10)
            cell.add_paragraph(f"Họ và tên: {slip['full_name']}")
            for label, value in (("Tên đăng nhập: ", slip["login"]), ("Mật khẩu: ", slip["password"])):
                q = cell.add_paragraph(label)
                v = q.add_run(value)
                v.bold, v.font.size = True, Pt(14)
                v.font.name = "Liberation Mono"
            cell.add_paragraph(f"Địa chỉ lớp học: {hall_url}")
            small = cell.add_paragraph("Mở trình duyệt (Chrome, Cốc Cốc…), gõ địa chỉ trên, nhập tên đăng nhập "
                                       "và mật khẩu. Giữ phiếu này riêng cho mình; mất phiếu thì báo giảng viên "
                                       "cấp mật khẩu mới.")
            small.runs[0].font.size = Pt(9)
    doc.core_properties.title = "Phiếu mật khẩu"
    doc.core_properties.created = datetime.now()
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file 0600 from the start: the passwords are never readable by others
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp.docx", dir=path.parent)
    os.close(fd)
    try:
        doc.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
