"""Văn bản hành chính theo Nghị định 30/2020/NĐ-CP, Phụ lục I, dựng bằng python-docx.

A4; lề trên/dưới 20 mm, trái 30 mm, phải 15 mm; Times New Roman; Quốc hiệu và
Tiêu ngữ; tên cơ quan; số, ký hiệu; địa danh và ngày tháng (in nghiêng); tên loại
và trích yếu; nội dung; chữ ký; "Nơi nhận"; số trang ở giữa lề trên, không hiện ở trang 1.

Ví dụ::

    >>> doc = Nd30Document()
    >>> doc.heading("KẾT QUẢ")
    >>> round(doc.doc.sections[0].left_margin.mm)
    30
"""

from __future__ import annotations

import os
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .atomic import atomic_path

__all__ = ["Nd30Document", "Header", "Signature", "LAYOUT", "ROMAN"]

FONT = "Times New Roman"

#: Layout values (within the ranges of Phụ lục I).
LAYOUT = {
    "page_width_mm": 210, "page_height_mm": 297,
    "top_mm": 20, "bottom_mm": 20, "left_mm": 30, "right_mm": 15,
    "body_pt": 14, "motto_pt": 13, "tagline_pt": 14, "body_header_pt": 13,
    "place_date_pt": 14, "title_pt": 14, "table_pt": 12, "recipients_label_pt": 12, "recipients_pt": 11,
    "first_line_indent_cm": 1.27, "space_after_pt": 6, "line_spacing": 1.15,
}

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class Header:
    """Phần đầu văn bản: cơ quan chủ quản, cơ quan ban hành, số và ký hiệu, địa danh và ngày."""

    parent_body: str  # e.g. "HỘI KHUYẾN HỌC TỈNH SƠN LA"
    issuer: str  # e.g. "HỘI KHUYẾN HỌC XÃ ĐỒNG TÂM"
    number_symbol: str  # e.g. "Số: 15/BC-HKH"
    place_date: str  # e.g. "Đồng Tâm, ngày 05 tháng 01 năm 2027"


@dataclass
class Signature:
    """Khối chữ ký và nơi nhận."""

    authority: str  # "TM. BAN CHẤP HÀNH"
    title: str  # "CHỦ TỊCH"
    name: str
    recipients: Sequence[str] = field(default_factory=list)


def _set_all_scripts(rpr) -> None:
    """Times New Roman for every script slot of a run/style (Word otherwise falls back for Vietnamese)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _set_run_font(run, size: float | None = None, bold: bool | None = None, italic: bool | None = None,
                  underline: bool | None = None) -> None:
    run.font.name = FONT
    _set_all_scripts(run._element.get_or_add_rPr())
    run.font.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _bottom_rule(paragraph, indent_cm: float) -> None:
    """A short solid line under a block: the paragraph's bottom border, narrowed by indents."""
    p_pr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    p_pr.append(bdr)
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    _set_run_font(run, LAYOUT["body_pt"])
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = "2"
            run._r.append(t)


def _column_widths(table, widths_cm: Sequence[float]) -> None:
    """Set widths on the grid and on every cell (LibreOffice reads the grid, Word the cells)."""
    table.autofit = False
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)
    for row in table.rows:
        for c, w in zip(row.cells, widths_cm):
            c.width = Cm(w)


class Nd30Document:
    """Một văn bản hành chính đúng thể thức; thêm nội dung bằng các phương thức rồi ``save``."""

    def __init__(self) -> None:
        self.doc = Document()
        self._section_no = 0
        self._sub_no = 0
        self._setup_page()
        self._setup_styles()

    # ------------------------------------------------------------------ page and styles
    def _setup_page(self) -> None:
        s = self.doc.sections[0]
        s.orientation = WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = Mm(LAYOUT["page_width_mm"]), Mm(LAYOUT["page_height_mm"])
        s.top_margin, s.bottom_margin = Mm(LAYOUT["top_mm"]), Mm(LAYOUT["bottom_mm"])
        s.left_margin, s.right_margin = Mm(LAYOUT["left_mm"]), Mm(LAYOUT["right_mm"])
        s.header_distance = Mm(10)
        s.different_first_page_header_footer = True  # no page number on page 1
        p = s.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(p)

    def _setup_styles(self) -> None:
        st = self.doc.styles["Normal"]
        st.font.name = FONT
        st.font.size = Pt(LAYOUT["body_pt"])
        st.font.color.rgb = RGBColor(0, 0, 0)
        _set_all_scripts(st.element.get_or_add_rPr())
        pf = st.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(LAYOUT["space_after_pt"])
        pf.line_spacing = LAYOUT["line_spacing"]

    @property
    def text_width_cm(self) -> float:
        return (LAYOUT["page_width_mm"] - LAYOUT["left_mm"] - LAYOUT["right_mm"]) / 10

    # ------------------------------------------------------------------ blocks
    def _p(self, container=None, align=WD_ALIGN_PARAGRAPH.CENTER, after: float = 0):
        p = (container or self.doc).add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(after)
        p.paragraph_format.first_line_indent = Cm(0)
        p.paragraph_format.line_spacing = 1.0
        return p

    def header(self, h: Header) -> None:
        """Hai cột: trái là cơ quan ban hành và số, ký hiệu; phải là Quốc hiệu, Tiêu ngữ, địa danh và ngày."""
        left_w, right_w = 6.2, self.text_width_cm - 6.2
        t = self.doc.add_table(rows=2, cols=2)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(t)
        _column_widths(t, [left_w, right_w])
        c = t.cell(0, 0)
        p = c.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _set_run_font(p.add_run(h.parent_body.upper()), LAYOUT["body_header_pt"], bold=False)
        p = self._p(c)
        _set_run_font(p.add_run(h.issuer.upper()), LAYOUT["body_header_pt"], bold=True)
        _bottom_rule(self._p(c, after=4), indent_cm=left_w * 0.3)
        c = t.cell(0, 1)
        p = c.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _set_run_font(p.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), LAYOUT["motto_pt"], bold=True)
        p = self._p(c)
        _set_run_font(p.add_run("Độc lập - Tự do - Hạnh phúc"), LAYOUT["tagline_pt"], bold=True, underline=True)
        p = self._p(t.cell(1, 0), after=0)
        p.paragraph_format.space_before = Pt(6)
        _set_run_font(p.add_run(h.number_symbol), LAYOUT["body_header_pt"], bold=False)
        p = self._p(t.cell(1, 1), after=0)
        p.paragraph_format.space_before = Pt(6)
        _set_run_font(p.add_run(h.place_date), LAYOUT["place_date_pt"], italic=True)
        self._p(after=6)

    def title(self, doc_type: str, subject_lines: Iterable[str]) -> None:
        """Tên loại văn bản (BÁO CÁO) và trích yếu, in đậm, căn giữa."""
        p = self._p(after=0)
        p.paragraph_format.space_before = Pt(12)
        _set_run_font(p.add_run(doc_type.upper()), LAYOUT["title_pt"], bold=True)
        for line in subject_lines:
            p = self._p(after=0)
            _set_run_font(p.add_run(line), LAYOUT["title_pt"], bold=True)
        _bottom_rule(self._p(after=12), indent_cm=self.text_width_cm * 0.4)

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True,
                  align: str = "justify", size: float | None = None) -> None:
        """Đoạn văn thân bài: cỡ 14, căn đều hai bên, thụt đầu dòng 1,27 cm."""
        p = self.doc.add_paragraph()
        p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        p.paragraph_format.first_line_indent = Cm(LAYOUT["first_line_indent_cm"]) if indent else Cm(0)
        _set_run_font(p.add_run(text), size or LAYOUT["body_pt"], bold=bold, italic=italic)

    def bullets(self, items: Iterable[str]) -> None:
        for it in items:
            self.paragraph(f"- {it}")

    def heading(self, text: str) -> None:
        """Đề mục lớn, đánh số La Mã tự động (I., II., …)."""
        self._sub_no = 0
        label = ROMAN[self._section_no] if self._section_no < len(ROMAN) else str(self._section_no + 1)
        self._section_no += 1
        self.paragraph(f"{label}. {text.upper()}", bold=True, indent=True)

    def subheading(self, text: str) -> None:
        """Đề mục nhỏ, đánh số 1., 2., … trong mỗi đề mục lớn."""
        self._sub_no += 1
        self.paragraph(f"{self._sub_no}. {text}", bold=True, indent=True)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths_cm: Sequence[float] | None = None,
              numeric: Sequence[bool] | None = None, caption: str | None = None) -> None:
        """Bảng số liệu có kẻ ô, tiêu đề cột in đậm, số căn phải."""
        if caption:
            self.paragraph(caption, italic=True, indent=False, align="center", size=LAYOUT["table_pt"] + 1)
        t = self.doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        numeric = numeric or [False] * len(headers)
        for i, h in enumerate(headers):
            c = t.rows[0].cells[i]
            p = c.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            _set_run_font(p.add_run(h), LAYOUT["table_pt"], bold=True)
        rows = list(rows)
        for r in rows[:1]:
            cells = t.add_row().cells
            for i, v in enumerate(r):
                p = cells[i].paragraphs[0]
                p.paragraph_format.space_after = Pt(0)
                p.paragraph_format.first_line_indent = Cm(0)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric[i] else WD_ALIGN_PARAGRAPH.LEFT
                _set_run_font(p.add_run(str(v)), LAYOUT["table_pt"])
        if widths_cm:
            _column_widths(t, widths_cm)
        if len(rows) > 1:
            # later rows are copies of the first body row's XML with the text replaced (python-docx builds
            # each run property one by one: a 1,000-row list would otherwise take many seconds)
            template = t.rows[1]._tr
            tbl = t._tbl
            for r in rows[1:]:
                tr = deepcopy(template)
                for tc, v in zip(tr.iterchildren(qn("w:tc")), r):
                    run = tc.find(".//" + qn("w:r"))
                    el = run.find(qn("w:t"))
                    if el is None:  # the first row had an empty cell here
                        el = OxmlElement("w:t")
                        run.append(el)
                    text = str(v)
                    el.text = text
                    if text != text.strip():
                        el.set(qn("xml:space"), "preserve")
                tbl.append(tr)
        self._p(after=6)

    def image(self, path: str | os.PathLike, width_cm: float = 15.5, caption: str | None = None) -> None:
        p = self._p(after=2)
        p.add_run().add_picture(str(path), width=Cm(min(width_cm, self.text_width_cm)))
        if caption:
            self.paragraph(caption, italic=True, indent=False, align="center", size=LAYOUT["table_pt"] + 1)

    def signature(self, s: Signature) -> None:
        """Nơi nhận (trái) và chữ ký (phải)."""
        t = self.doc.add_table(rows=1, cols=2)
        _no_borders(t)
        left_w = self.text_width_cm * 0.5
        _column_widths(t, [left_w, self.text_width_cm - left_w])
        c = t.cell(0, 0)
        p = c.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.space_after = Pt(0)
        _set_run_font(p.add_run("Nơi nhận:"), LAYOUT["recipients_label_pt"], bold=True, italic=True)
        for r in s.recipients:
            p = self._p(c, align=WD_ALIGN_PARAGRAPH.LEFT)
            _set_run_font(p.add_run(f"- {r}"), LAYOUT["recipients_pt"])
        c = t.cell(0, 1)
        p = c.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _set_run_font(p.add_run(s.authority.upper()), LAYOUT["body_pt"], bold=True)
        p = self._p(c)
        _set_run_font(p.add_run(s.title.upper()), LAYOUT["body_pt"], bold=True)
        for _ in range(4):
            self._p(c)
        p = self._p(c)
        _set_run_font(p.add_run(s.name), LAYOUT["body_pt"], bold=True)

    def two_signatures(self, left: tuple[str, str], right: tuple[str, str]) -> None:
        """Hai chữ ký ngang hàng (biên bản: thư ký bên trái, chủ trì bên phải); mỗi bên (chức danh, họ tên).

        >>> d = Nd30Document(); d.two_signatures(("THƯ KÝ", "[Họ và tên]"), ("CHỦ TRÌ", "[Họ và tên]"))
        >>> d.doc.tables[-1].cell(0, 1).paragraphs[0].text
        'CHỦ TRÌ'
        """
        t = self.doc.add_table(rows=1, cols=2)
        _no_borders(t)
        half = self.text_width_cm / 2
        _column_widths(t, [half, half])
        for col, (title, name) in enumerate((left, right)):
            c = t.cell(0, col)
            p = c.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            _set_run_font(p.add_run(title.upper()), LAYOUT["body_pt"], bold=True)
            for _ in range(4):
                self._p(c)
            _set_run_font(self._p(c).add_run(name), LAYOUT["body_pt"], bold=True)

    def addressee(self, recipients: Sequence[str]) -> None:
        """Dòng "Kính gửi:" của tờ trình, công văn (một hoặc nhiều nơi nhận), căn giữa.

        >>> d = Nd30Document(); d.addressee(["Ủy ban nhân dân xã Hòa Mẫu"])
        >>> d.doc.paragraphs[-1].text
        'Kính gửi: Ủy ban nhân dân xã Hòa Mẫu.'
        """
        items = list(recipients)
        if len(items) == 1:
            p = self._p(after=6)
            _set_run_font(p.add_run(f"Kính gửi: {items[0]}."), LAYOUT["body_pt"])
            return
        p = self._p(after=0)
        _set_run_font(p.add_run("Kính gửi:"), LAYOUT["body_pt"])
        for i, r in enumerate(items):
            p = self._p(after=6 if i == len(items) - 1 else 0)
            _set_run_font(p.add_run(f"- {r}{'.' if i == len(items) - 1 else ';'}"), LAYOUT["body_pt"])

    def page_mark(self, text: str) -> None:
        """Ghi ``text`` (ví dụ "HẠN CHẾ LƯU HÀNH", "DỰ THẢO") ở lề trên mọi trang, in đậm, cỡ 12.

        >>> d = Nd30Document(); d.page_mark("DỰ THẢO")
        >>> d.doc.sections[0].first_page_header.paragraphs[0].text
        'DỰ THẢO'
        """
        s = self.doc.sections[0]
        for first, hdr in ((True, s.first_page_header), (False, s.header)):
            # page 1 has its own (empty) header; the others hold the page number, the mark goes under it
            p = hdr.paragraphs[0] if first and not hdr.paragraphs[0].text else hdr.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.space_after = Pt(0)
            _set_run_font(p.add_run(text), LAYOUT["table_pt"], bold=True)

    def save(self, path: str | os.PathLike) -> Path:
        """Ghi tệp .docx trọn vẹn (tệp tạm rồi đổi tên)."""
        path = Path(path)
        with atomic_path(path) as tmp:
            self.doc.save(str(tmp))
        return path
