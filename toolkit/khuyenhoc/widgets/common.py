"""Phần dùng chung của các biểu mẫu: ô nhập cỡ lớn có nhãn và chú thích, khung kết quả, thông báo lỗi tiếng Việt.

Every callback of every form goes through ``guarded``: its output is captured
in a visible ``Output`` area and any exception becomes one Vietnamese message
(never a traceback), as the ipywidgets docs advise for JupyterLab and Voilà.

Ví dụ::

    >>> out = result_area()
    >>> @guarded(out)
    ... def bam(_):
    ...     raise ValueError("Năm phải có 4 chữ số.")
    >>> bam(None)
    >>> "Năm phải có 4 chữ số." in text_of(out)
    True
"""

from __future__ import annotations

import base64
import functools
import html
import io
import mimetypes
import numbers
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import ipywidgets as w
import pandas as pd

from ..indicators.vnformat import so
from ..problems import CANH_BAO, DA_SUA, LOI, IntakeError, Problem

__all__ = [
    "BIG", "labelled", "button", "result_area", "guarded", "text_of", "message_html", "problems_html",
    "frame_html", "download_link", "friendly_error", "say", "clear", "figure_html",
]

#: Description width and control width shared by all forms (large, readable on an old laptop).
DESC_WIDTH = "190px"
BIG = {"width": "560px", "min_height": "38px"}

_CSS = """
<style>
.khuyenhoc-app, .khuyenhoc-app .widget-label, .khuyenhoc-app input, .khuyenhoc-app select,
.khuyenhoc-app button, .khuyenhoc-app textarea { font-size: 16px; }
.khuyenhoc-app .lm-TabBar-tab { font-size: 16px; min-height: 34px; flex: 0 0 auto !important; min-width: 215px; }
.khuyenhoc-app table.kh-bang { border-collapse: collapse; margin: 6px 0; font-size: 15px; }
.khuyenhoc-app table.kh-bang th { background: #ddebf7; text-align: left; }
.khuyenhoc-app table.kh-bang td, .khuyenhoc-app table.kh-bang th { border: 1px solid #999; padding: 3px 8px;
  vertical-align: top; text-align: left !important; }
.kh-loi { color: #b00020; } .kh-canh-bao { color: #8a5300; } .kh-da-sua { color: #555; } .kh-xong { color: #1b6e20; }
</style>
"""


def css() -> w.HTML:
    """Kiểu chữ to, bảng có viền (một ô HTML ẩn đặt ở đầu ứng dụng)."""
    return w.HTML(_CSS, layout=w.Layout(height="0px", overflow="hidden"))


def labelled(widget: w.DOMWidget, description: str, tooltip: str, *, width: str | None = None) -> w.DOMWidget:
    """Gắn nhãn (``description``) và chú thích khi di chuột (``tooltip``) cho một ô nhập; cỡ lớn.

    >>> labelled(w.Text(), "Mã minh chứng", "Ví dụ X01-MC0001").description
    'Mã minh chứng'
    """
    widget.description = description
    widget.tooltip = tooltip
    widget.layout.width = width or BIG["width"]
    widget.layout.min_height = BIG["min_height"]
    if hasattr(widget.style, "description_width"):
        widget.style.description_width = DESC_WIDTH
    return widget


def button(description: str, tooltip: str, *, style: str = "primary", icon: str = "") -> w.Button:
    """Nút bấm lớn có chú thích.

    >>> button("Lưu", "Lưu minh chứng").tooltip
    'Lưu minh chứng'
    """
    return w.Button(description=description, tooltip=tooltip, button_style=style, icon=icon,
                    layout=w.Layout(width="280px", height="44px"))


def result_area() -> w.Output:
    """Khung hiện kết quả và thông báo của một biểu mẫu (luôn hiện trên màn hình)."""
    return w.Output(layout=w.Layout(border="1px solid #bbb", padding="6px", min_height="40px", width="98%"))


def friendly_error(exc: BaseException) -> str:
    """Một câu tiếng Việt cho một lỗi (không bao giờ in traceback).

    >>> friendly_error(FileNotFoundError(2, "No such file", "a.xlsx"))
    "Không tìm thấy tệp 'a.xlsx'."
    """
    if isinstance(exc, IntakeError):
        return f"Dữ liệu có {len(exc.problems)} vấn đề; xem danh sách bên dưới."
    if isinstance(exc, FileNotFoundError):
        return f"Không tìm thấy tệp '{exc.filename}'."
    if isinstance(exc, PermissionError):
        return f"Không có quyền ghi hoặc đọc tệp '{exc.filename}'. Chọn thư mục khác."
    if isinstance(exc, OSError):
        return f"Không ghi hoặc đọc được tệp ({exc.strerror or exc}). Kiểm tra đường dẫn và dung lượng ổ đĩa."
    if isinstance(exc, (ValueError, KeyError)):
        text = str(exc.args[0]) if exc.args else str(exc)
        return text
    return (f"Có lỗi không mong đợi ({type(exc).__name__}). Hãy thử lại; nếu vẫn lỗi, báo cho người hỗ trợ "
            "kèm thao tác vừa làm.")


def say(out: w.Output, html_text: str) -> None:
    """Thêm một đoạn HTML vào khung kết quả ``out`` (chạy được cả khi không có kernel, ví dụ trong kiểm thử)."""
    plain = re.sub(r"<[^>]+>", " ", html_text)
    out.outputs = tuple(out.outputs) + ({"output_type": "display_data", "metadata": {},
                                         "data": {"text/html": html_text, "text/plain": html.unescape(plain)}},)


def clear(out: w.Output) -> None:
    """Xóa khung kết quả ``out``."""
    out.outputs = ()


def guarded(out: w.Output, *, clear_first: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Bọc một hàm xử lý sự kiện: lỗi thành thông báo tiếng Việt trong ``out`` (không bao giờ traceback)."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            if clear_first:
                clear(out)
            try:
                return fn(*args, **kwargs)
            except IntakeError as exc:
                say(out, message_html(friendly_error(exc), LOI))
                say(out, problems_html(exc.problems))
            except Exception as exc:  # noqa: BLE001 - every error becomes a message for the officer
                say(out, message_html(friendly_error(exc), LOI))
            return None

        return inner

    return deco


def figure_html(fig) -> str:
    """Biểu đồ matplotlib thành ảnh PNG nhúng trong HTML (không cần mạng, không cần kernel)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img class="kh-bieu-do" style="max-width:100%" src="data:image/png;base64,{data}"/>'


def text_of(out: w.Output) -> str:
    """Toàn bộ chữ đang hiện trong khung ``out`` (để kiểm thử và để đo)."""
    parts: list[str] = []
    for o in out.outputs:
        if "text" in o:
            parts.append(o["text"])
        data = o.get("data", {})
        if "text/html" in data:
            parts.append(html.unescape(data["text/html"]))
        elif "text/plain" in data:
            parts.append(data["text/plain"])
    return "".join(parts)


_CLASS = {LOI: "kh-loi", CANH_BAO: "kh-canh-bao", DA_SUA: "kh-da-sua", "xong": "kh-xong"}
_ICON = {LOI: "✖", CANH_BAO: "⚠", DA_SUA: "✎", "xong": "✔"}


def message_html(text: str, kind: str = "xong") -> str:
    """Một dòng thông báo có màu theo mức độ ("lỗi", "cảnh báo", "đã sửa", "xong").

    >>> message_html("Đã lưu.")
    '<div class="kh-xong">✔ Đã lưu.</div>'
    """
    return f'<div class="{_CLASS.get(kind, "")}">{_ICON.get(kind, "")} {html.escape(text)}</div>'


def problems_html(problems: Sequence[Problem], limit: int = 200, *, show_file: bool = False) -> str:
    """Bảng các vấn đề: mức độ, trang, dòng, cột, giá trị, vấn đề, cách sửa."""
    if not problems:
        return message_html("Không có vấn đề nào.", "xong")
    counts = pd.Series([p.severity for p in problems]).value_counts()
    head = ", ".join(f"{n} {sev}" for sev, n in counts.items())
    rows = []
    for p in list(problems)[:limit]:
        col = (p.column or "") + (f" ({p.column_letter})" if p.column_letter else "")
        cells = [p.severity, p.sheet or (p.file if show_file else ""), "" if p.row is None else str(p.row), col,
                 p.value or "", p.message, p.fix]
        rows.append("<tr class='{}'>{}</tr>".format(_CLASS.get(p.severity, ""),
                                                    "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)))
    more = (f"<div>… và {len(problems) - limit} vấn đề khác: sửa các vấn đề trên rồi mở lại sổ để xem tiếp.</div>"
            if len(problems) > limit else "")
    header = "".join(f"<th>{h}</th>" for h in ("Mức độ", "Trang", "Dòng", "Cột", "Giá trị", "Vấn đề", "Cách sửa"))
    return (f"<div><b>{len(problems)} vấn đề</b> ({head}).</div>"
            f"<table class='kh-bang kh-van-de'><tr>{header}</tr>{''.join(rows)}</table>{more}")


def _cell(v: Any, plain: bool = False) -> str:
    """One table cell as an officer reads it: missing → empty, numbers the Vietnamese way, Có/Không.
    ``plain``: a year or a code column (2025, not 2.025)."""
    if plain and isinstance(v, numbers.Integral) and not isinstance(v, bool):
        return str(int(v))
    if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v is pd.NaT:
        return ""
    if isinstance(v, (bool,)) or type(v).__name__ == "bool_":
        return "Có" if v else "Không"
    if isinstance(v, pd.Timestamp):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, numbers.Integral):
        return so(v)
    if isinstance(v, numbers.Real):
        return so(v, 0 if float(v).is_integer() else 1)
    return str(v)


def frame_html(df: pd.DataFrame, *, limit: int = 200, css_class: str = "kh-bang") -> str:
    """Bảng pandas thành HTML gọn (chữ đã thoát ký tự, tối đa ``limit`` dòng): ô trống thay cho ``<NA>``,
    số viết kiểu Việt Nam (1.305; 54,0).

    >>> frame_html(pd.DataFrame({"Số hộ": pd.array([1305, None], dtype="Int64")})).count("<NA>")
    0
    >>> html_ = frame_html(pd.DataFrame({"Năm": [2025], "Số hộ": [1305]}))
    >>> "1.305" in html_, "2025" in html_
    (True, True)
    """
    shown = df.head(limit)
    plain = {c: bool(re.match(r"(?i)^(năm|year|mã|ma_|id|.*_id$)", str(c))) for c in shown.columns}
    shown = pd.DataFrame({c: [_cell(v, plain[c]) for v in shown[c].astype(object)] for c in shown.columns},
                         columns=shown.columns)
    body = shown.to_html(index=False, classes=css_class, border=0, na_rep="", escape=True)
    if len(df) > limit:
        body += f"<div>… còn {so(len(df) - limit)} dòng nữa (xem đủ trong tệp Excel).</div>"
    return body


def download_link(path: str | os.PathLike, label: str | None = None) -> str:
    """Liên kết tải tệp về máy (nhúng nội dung tệp, không cần mạng).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_text("x")
    >>> 'download="a.txt"' in download_link(p)
    True
    """
    p = Path(path)
    mime = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
    if p.suffix == ".docx":
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif p.suffix == ".xlsx":
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    data = base64.b64encode(p.read_bytes()).decode("ascii")
    text = html.escape(label or f"Tải về {p.name}")
    return (f'<a class="kh-tai-ve" download="{html.escape(p.name)}" href="data:{mime};base64,{data}" '
            f'style="font-size:17px; font-weight:bold">⬇ {text}</a>')


def options(values: Iterable[Any]) -> list[Any]:
    """Danh sách lựa chọn không trùng, giữ thứ tự."""
    return list(dict.fromkeys(values))
