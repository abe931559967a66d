"""Lỗi giải thích bằng tiếng Việt trong notebook: điều gì sai, sửa thế nào; chi tiết kỹ thuật gập lại bên dưới.

Load it in a notebook with ``%load_ext khuyenhoc.friendly_errors`` (the lessons and assignments do it in their
first code cell). From then on, when a cell fails, the trainee first sees a short Vietnamese explanation and fix
for the mistakes cadres make (text without quotes, the decimal comma, an unfinished
``raise NotImplementedError()``, a wrong name or case, a missing bracket or quote, cells run out of order, a
failed check), and the Python traceback folded below it.

The cell still ends in an ordinary error (same exception name and message), so "Run all" stops there as before.
Under nbgrader (``NBGRADER_EXECUTION`` set, i.e. autograde and validate) the handler is not installed at all:
what nbgrader records is exactly what it records without this module.

Ví dụ::

    >>> e = explain_source("cau_1b = B")
    >>> e.title
    'Chữ B chưa nằm trong dấu ngoặc kép'
    >>> e.fix
    'Viết chữ trong dấu ngoặc kép: cau_1b = "B"'
"""

from __future__ import annotations

import ast
import builtins
import difflib
import html
import io
import json
import os
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Explanation", "explain", "explain_source", "install", "uninstall", "load_ipython_extension",
           "unload_ipython_extension", "render_html", "render_text"]

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_RERUN = "rồi chạy lại ô (Shift + Enter)."


@dataclass(frozen=True)
class Explanation:
    """Một lời giải thích: ``title`` (điều gì sai) và ``fix`` (sửa thế nào), bằng tiếng Việt."""

    title: str
    fix: str


# --------------------------------------------------------------------------- source analysis

def _decimal_commas(source: str) -> list[str]:
    """Numbers written with a decimal comma outside strings, e.g. ``0,7`` (Python reads the pair (0, 7)).

    >>> _decimal_commas('ty_le = 0,7\\nten = "0,5"\\nf(1, 2)')
    ['0,7']
    """
    found = []
    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return re.findall(r"(?<![\w.\"'])\d+,\d+(?![\w\"'])", source)
    for a, b, c in zip(toks, toks[1:], toks[2:]):
        if (a.type == tokenize.NUMBER and b.string == "," and c.type == tokenize.NUMBER
                and a.end == b.start and b.end == c.start):
            found.append(f"{a.string},{c.string}")
    return found


def _line(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if lineno and 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ""


def _unquoted_text_fix(line: str) -> str | None:
    """``x = Công dân học tập`` → ``x = "Công dân học tập"`` when the right side is plain words."""
    m = re.match(r"^(\s*[A-Za-z_]\w*\s*=\s*)([^\"'=\[\](){}#]+?)\s*$", line)
    if m and re.search(r"[^\W\d_]", m.group(2)):
        return f'{m.group(1).strip()} "{m.group(2).strip()}"'
    return None


def _defined_in_cells(name: str, cells: list[str]) -> int | None:
    """Index (1-based) of the first code cell that assigns or defines ``name``."""
    for i, src in enumerate(cells, 1):
        try:
            tree = ast.parse("\n".join(l for l in src.splitlines() if not l.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                return i
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
                return i
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if any((a.asname or a.name.split(".")[0]) == name for a in node.names):
                    return i
    return None


def _notebook_cells(namespace: dict | None) -> list[str]:
    """Code cells of the notebook the kernel belongs to (JupyterLab sets ``__session__`` to its path)."""
    path = (namespace or {}).get("__session__")
    if not isinstance(path, str):
        return []
    p = Path(path)
    if not p.is_absolute():
        p = Path.cwd() / p.name
    try:
        nb = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return ["".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "code"]


# --------------------------------------------------------------------------- explanations

def _syntax(value: SyntaxError, source: str) -> Explanation:
    msg = value.msg or ""
    line = value.text.rstrip("\n") if value.text else _line(source, value.lineno)
    where = f" (dòng {value.lineno})" if value.lineno else ""
    if isinstance(value, IndentationError) or "indent" in msg:
        if "unexpected indent" in msg:
            return Explanation(f"Dòng {value.lineno or ''} bị thụt vào đầu dòng không đúng chỗ".replace("  ", " "),
                               "Xóa các dấu cách ở đầu dòng đó (dòng lệnh thường bắt đầu sát lề trái), " + _RERUN)
        return Explanation(f"Thiếu phần thụt lề{where}",
                           "Các dòng bên trong một hàm (def) hoặc một lệnh if/for phải lùi vào 4 dấu cách so với "
                           "dòng có dấu hai chấm ở trên, " + _RERUN)
    if "unterminated string" in msg or "EOL while scanning" in msg or "unterminated triple" in msg:
        return Explanation(f"Thiếu dấu ngoặc kép đóng{where}",
                           "Chữ phải nằm giữa hai dấu ngoặc kép, mở và đóng: ví dụ \"Công dân học tập\". "
                           "Thêm dấu \" còn thiếu ở cuối chữ, " + _RERUN)
    if "was never closed" in msg or "unexpected EOF" in msg:
        opener = re.search(r"'(.)' was never closed", msg)
        b = opener.group(1) if opener else "("
        close = {"(": ")", "[": "]", "{": "}"}.get(b, ")")
        return Explanation(f"Thiếu dấu đóng ngoặc {close}{where}",
                           f"Mỗi dấu {b} mở phải có một dấu {close} đóng. Thêm dấu {close} còn thiếu, " + _RERUN)
    if "does not match" in msg or "unmatched" in msg:
        return Explanation(f"Dấu ngoặc không khớp{where}",
                           "Đếm lại các dấu ngoặc: ( đi với ), [ đi với ]. Xóa dấu thừa hoặc sửa cho đúng cặp, "
                           + _RERUN)
    if "invalid character" in msg and any(q in msg for q in "“”‘’"):
        return Explanation(f"Dấu ngoặc kép “cong” không dùng được trong mã{where}",
                           "Có lẽ câu trả lời được chép từ Word hoặc Zalo. Xóa dấu “ ” và gõ lại bằng phím \" "
                           "trên bàn phím (dấu ngoặc kép thẳng), " + _RERUN)
    if "non-printable character" in msg or "invalid character" in msg:
        return Explanation(f"Có ký tự lạ trong dòng{where}",
                           "Dòng này có một ký tự ẩn hoặc lạ (thường do chép từ nơi khác). Xóa dòng đó và gõ lại "
                           "bằng bàn phím, " + _RERUN)
    if "Maybe you meant '==' or ':='" in msg:
        return Explanation(f"Dùng dấu = để so sánh{where}",
                           "Trong lệnh if, so sánh bằng hai dấu ==, ví dụ: if ty_le == 70: " + _RERUN)
    if "cannot assign to" in msg:
        return Explanation(f"Tên ở bên trái dấu = không hợp lệ{where}",
                           "Bên trái dấu = phải là một tên đúng như đề bài, chỉ gồm chữ không dấu, chữ số và dấu "
                           "gạch dưới _ (ví dụ cau_1a = \"C\"), không có dấu ngoặc kép, không có dấu gạch ngang -, "
                           + _RERUN)
    if "invalid decimal literal" in msg or re.search(r"\d[\d.]*\.\d{3}\.\d", line) or re.search(r"\d\s*%", line):
        return Explanation(f"Số viết chưa đúng kiểu Python{where}",
                           "Trong mã, số viết liền, không có dấu chấm ngăn nghìn và không có dấu %: viết 1234567 "
                           "(không phải 1.234.567), 70 (không phải 70%), số lẻ dùng dấu chấm: 0.7. " + _RERUN)
    fix = _unquoted_text_fix(line)
    if fix:
        return Explanation(f"Chữ chưa nằm trong dấu ngoặc kép{where}", f"Viết chữ trong dấu ngoặc kép: {fix}")
    return Explanation(f"Python không hiểu cách viết ở dòng{where}",
                       "Đọc kỹ dòng đó (chỗ có dấu ^ ở phần chi tiết) và so với ví dụ trong đề bài: thiếu dấu ngoặc "
                       "kép quanh chữ, thiếu dấu ngoặc, thiếu dấu phẩy giữa hai giá trị là những lỗi hay gặp nhất.")


def _name_error(value: NameError, source: str, namespace: dict, cells: list[str]) -> Explanation:
    m = re.search(r"name '([^']+)' is not defined", str(value))
    name = getattr(value, "name", None) or (m.group(1) if m else "")
    for line in source.splitlines():
        mm = re.match(rf"^\s*([A-Za-z_]\w*)\s*=\s*{re.escape(name)}\s*(#.*)?$", line)
        if mm and (len(name) == 1 or name[:1].isupper()) and name not in {"True", "False", "None"}:
            return Explanation(f"Chữ {name} chưa nằm trong dấu ngoặc kép",
                               f'Viết chữ trong dấu ngoặc kép: {mm.group(1)} = "{name}"')
    known = [k for k in namespace if not k.startswith("_")] + dir(builtins)
    close = [k for k in known if k.casefold() == name.casefold() and k != name]
    close = close or difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    if close:
        return Explanation(f"Chưa có tên {name}; có phải bạn định viết {close[0]}?",
                           f"Python phân biệt chữ hoa, chữ thường và từng dấu gạch dưới: hãy viết đúng {close[0]} "
                           "như trong đề bài, " + _RERUN)
    cell = _defined_in_cells(name, cells)
    if cell:
        return Explanation(f"Tên {name} chưa được tạo: ô tạo ra nó (ô mã thứ {cell} của bài) chưa chạy",
                           "Các ô phải chạy lần lượt từ trên xuống. Bấm vào ô này rồi chọn menu Chạy → "
                           "“Run All Above Selected Cell” (chạy mọi ô phía trên), rồi chạy lại ô này. Sau khi khởi động lại kernel cũng "
                           "phải chạy lại từ đầu.")
    return Explanation(f"Chưa có tên {name}",
                       f"Có thể bạn chưa chạy ô tạo ra {name} (các ô phải chạy lần lượt từ trên xuống; sau khi "
                       "khởi động lại kernel phải chạy lại từ đầu), hoặc viết sai tên so với đề bài. Nếu đây là "
                       f'chữ chứ không phải tên, hãy đặt nó trong dấu ngoặc kép: "{name}".')


def _type_error(value: TypeError, source: str) -> Explanation:
    msg = str(value)
    commas = _decimal_commas(source)
    if commas and ("tuple" in msg or "positional argument" in msg):
        return _decimal_comma(commas)
    if "'str'" in msg and ("'int'" in msg or "'float'" in msg) or "can only concatenate str" in msg:
        return Explanation("Một con số đang được viết như chữ (trong dấu ngoặc kép)",
                           "Con số không đặt trong dấu ngoặc kép: viết 70 chứ không phải \"70\". Sửa ở ô trả lời, "
                           + _RERUN)
    if "positional argument" in msg or "unexpected keyword" in msg:
        return Explanation("Số giá trị đưa vào hàm chưa đúng",
                           "Xem lại ví dụ trong đề bài: hàm cần đúng số giá trị, cách nhau bằng dấu phẩy. "
                           "Nếu bạn viết số lẻ, dùng dấu chấm (0.7), không dùng dấu phẩy.")
    if "not callable" in msg:
        return Explanation("Một tên đang dùng như hàm nhưng không phải hàm",
                           "Có lẽ tên đó đã bị gán một giá trị khác ở một ô trước. Hãy khởi động lại kernel và "
                           "chạy lại các ô từ đầu (menu Kernel).")
    return Explanation("Giá trị không đúng loại cho phép tính này",
                       "Kiểm tra lại: số thì không có dấu ngoặc kép, chữ thì có dấu ngoặc kép, " + _RERUN)


def _decimal_comma(commas: list[str]) -> Explanation:
    c = commas[0]
    return Explanation(f"Số {c} viết bằng dấu phẩy thập phân",
                       f"Trong Python, số lẻ viết bằng dấu chấm: {c.replace(',', '.')} (không phải {c}). "
                       "Dấu phẩy dùng để ngăn cách hai giá trị. Sửa rồi chạy lại ô (Shift + Enter).")


def explain(etype: type, value: BaseException, source: str = "", namespace: dict | None = None,
            cells: list[str] | None = None) -> Explanation:
    """Lời giải thích tiếng Việt cho lỗi ``value`` xảy ra khi chạy ô ``source``.

    ``namespace`` (các tên đang có trong kernel) và ``cells`` (mã các ô của bài) giúp nhận ra tên viết sai và ô
    chưa chạy.

    >>> explain(NotImplementedError, NotImplementedError(), "raise NotImplementedError()").title
    'Ô này chưa có câu trả lời của bạn'
    >>> explain(AssertionError, AssertionError("Câu 2: gia_dinh phải là một con số."), "").title
    'Ô kiểm tra báo: Câu 2: gia_dinh phải là một con số.'
    """
    namespace = namespace or {}
    cells = cells or []
    if isinstance(value, SyntaxError):
        return _syntax(value, source)
    if isinstance(value, NotImplementedError):
        return Explanation("Ô này chưa có câu trả lời của bạn",
                           "Xóa hai dòng “# VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY” và “raise NotImplementedError()”, "
                           "viết câu trả lời vào chỗ đó, " + _RERUN)
    if isinstance(value, AssertionError):
        msg = str(value).strip()
        commas = _decimal_commas(source)
        if msg:
            fix = ("Sửa câu trả lời ở ô trả lời phía trên, chạy lại ô đó, rồi chạy lại ô kiểm tra này. "
                   "Không sửa ô kiểm tra.")
            if commas:
                fix = _decimal_comma(commas).fix + " " + fix
            return Explanation(f"Ô kiểm tra báo: {msg}", fix)
        return Explanation("Một điều kiện kiểm tra chưa đúng",
                           "Xem lại câu trả lời ở ô phía trên theo đề bài, chạy lại ô đó rồi chạy lại ô này.")
    if isinstance(value, NameError):
        return _name_error(value, source, namespace, cells)
    if isinstance(value, TypeError):
        return _type_error(value, source)
    if isinstance(value, (ModuleNotFoundError, ImportError)):
        mod = getattr(value, "name", None) or ""
        return Explanation(f"Chưa có gói {mod}".strip(),
                           "Kiểm tra tên gói trong lệnh import (viết đúng chữ thường, ví dụ import khuyenhoc). Nếu "
                           "tên đúng, báo giảng viên: máy chưa cài đủ phần mềm của khóa học.")
    if isinstance(value, AttributeError):
        obj, name = getattr(value, "obj", None), getattr(value, "name", None)
        if obj is not None and name:
            close = difflib.get_close_matches(name, [n for n in dir(obj) if not n.startswith("_")], n=1, cutoff=0.6)
            if close:
                return Explanation(f"Không có {name}; có phải bạn định viết {close[0]}?",
                                   f"Viết đúng tên {close[0]} như trong bài (chữ thường, có dấu gạch dưới), "
                                   + _RERUN)
        return Explanation("Tên sau dấu chấm không có",
                           "Kiểm tra lại tên viết sau dấu chấm so với ví dụ trong bài, " + _RERUN)
    if isinstance(value, KeyError):
        return Explanation(f"Không tìm thấy {value}",
                           "Tên cột hoặc mã này không có trong bảng: kiểm tra lại chính tả (có dấu, hoa thường) "
                           "so với tên cột hiện trong bảng, " + _RERUN)
    if isinstance(value, ValueError) and ("invalid literal" in str(value) or "could not convert" in str(value)):
        return Explanation("Chữ này không đổi được thành số",
                           "Con số chỉ gồm chữ số và dấu chấm thập phân (ví dụ 863.8), không có chữ như "
                           "“điểm”, “hộ”, không có dấu %. " + _RERUN)
    if isinstance(value, ZeroDivisionError):
        return Explanation("Phép chia cho 0",
                           "Số chia đang bằng 0 (ví dụ tổng số hộ bằng 0). Kiểm tra lại số liệu hoặc xử lý riêng "
                           "trường hợp bằng 0.")
    if isinstance(value, FileNotFoundError):
        return Explanation(f"Không tìm thấy tệp {value.filename or ''}".strip(),
                           "Kiểm tra tên tệp (có dấu, có phần đuôi như .xlsx) và tệp có nằm cùng thư mục với bài "
                           "không. Xem các tệp ở khung Tệp bên trái.")
    commas = _decimal_commas(source)
    if commas:
        return _decimal_comma(commas)
    msg = str(value).strip()
    if msg and re.search(r"[àáảãạăâđèéêìíòóôơùúưỳýỹ]", msg.casefold()):  # the toolkit's own Vietnamese message
        return Explanation(msg, "Sửa theo hướng dẫn trên, " + _RERUN)
    return Explanation(f"Python báo lỗi {etype.__name__}",
                       "Đọc lại ô này và so với ví dụ trong bài. Nếu vẫn chưa tìm ra, mở phần chi tiết kỹ thuật "
                       "bên dưới và hỏi giảng viên.")


def explain_source(source: str, namespace: dict | None = None) -> Explanation | None:
    """Chạy thử ``source`` trong ``namespace`` (mặc định: rỗng) và giải thích lỗi, nếu có.

    >>> explain_source("ty_le = 70") is None
    True
    >>> explain_source("x = 'abc").title
    'Thiếu dấu ngoặc kép đóng (dòng 1)'
    """
    ns = {} if namespace is None else namespace
    try:
        exec(compile(source, "<ô>", "exec"), ns)  # noqa: S102 - a docstring/test helper on given code
    except Exception as e:  # noqa: BLE001
        return explain(type(e), e, source, ns)
    return None


# --------------------------------------------------------------------------- rendering

def render_text(e: Explanation, traceback_text: str = "") -> str:
    """Lời giải thích dạng chữ (cho nơi không hiện được HTML)."""
    text = f"⚠ {e.title}\n→ Cách sửa: {e.fix}"
    if traceback_text:
        text += "\n\n--- Chi tiết kỹ thuật ---\n" + traceback_text
    return text


def render_html(e: Explanation, traceback_text: str = "") -> str:
    """Lời giải thích dạng HTML, chi tiết kỹ thuật gập lại trong ``<details>``.

    >>> "<details" in render_html(Explanation("a", "b"), "Traceback ...")
    True
    """
    details = ""
    if traceback_text:
        details = ("<details style='margin-top:.4em'><summary>Chi tiết kỹ thuật (bấm để mở)</summary>"
                   f"<pre style='white-space:pre-wrap'>{html.escape(traceback_text)}</pre></details>")
    return ("<div class='khuyenhoc-loi' style='border-left:5px solid #c0392b;background:#fdf1ef;"
            "padding:.6em .9em;font-size:1.05em;line-height:1.5'>"
            f"<div style='font-weight:bold;color:#922b21'>⚠ {html.escape(e.title)}</div>"
            f"<div>→ <b>Cách sửa:</b> {html.escape(e.fix)}</div>{details}</div>")


# --------------------------------------------------------------------------- IPython integration

_STATE: dict = {}


def _under_nbgrader() -> bool:
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def install(shell=None) -> bool:
    """Bật lời giải thích tiếng Việt trong kernel đang chạy; trả về False nếu không bật (đang chấm bằng nbgrader).

    >>> install(None)
    False
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or _under_nbgrader() or "shell" in _STATE:
        return False
    original = shell._showtraceback
    source = {"cell": ""}

    def remember(info):
        source["cell"] = info.raw_cell or ""

    def show(etype, evalue, stb):
        try:
            ns = shell.user_ns
            e = explain(etype, evalue, source["cell"], ns, _notebook_cells(ns))
            tb = _ANSI.sub("", "\n".join(stb))
            from IPython.display import display
            display({"text/html": render_html(e, tb), "text/plain": render_text(e, tb)}, raw=True)
            stb = [f"{etype.__name__}: {evalue}".rstrip(": ") + "  (xem giải thích tiếng Việt ở trên)"]
        except Exception:  # noqa: BLE001 - never hide the real error because of the explanation
            pass
        return original(etype, evalue, stb)

    shell.events.register("pre_run_cell", remember)
    shell._showtraceback = show
    _STATE.update(shell=shell, original=original, remember=remember)
    return True


def uninstall(shell=None) -> None:
    """Tắt lời giải thích tiếng Việt (trở lại thông báo lỗi gốc của Python)."""
    if "shell" not in _STATE:
        return
    sh = _STATE.pop("shell")
    sh._showtraceback = _STATE.pop("original")
    try:
        sh.events.unregister("pre_run_cell", _STATE.pop("remember"))
    except ValueError:
        pass


def load_ipython_extension(ip) -> None:
    """``%load_ext khuyenhoc.friendly_errors``."""
    install(ip)


def unload_ipython_extension(ip) -> None:
    """``%unload_ext khuyenhoc.friendly_errors``."""
    uninstall(ip)
