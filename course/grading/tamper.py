"""Find, in the trainee's cells, code that tampers with grading (read outside the kernel: trainee code cannot hide it).

Looked for: changes to IPython's input or execution machinery (transformers, hooks, events,
``run_cell``), tracing hooks, rebinding a name that a locked cell defines (the tests' helpers,
the data, the toolkit imports), assigning attributes of imported modules or classes (the
toolkit's functions), killing the kernel, and the usual ways of hiding such code (``exec``,
``eval``, ``__import__``, ``getattr`` by name, dunder attributes).

>>> locked = ["def chuan_hoa(x):\\n    return x\\nfrom khuyenhoc import reports"]
>>> [f.rule for f in scan(locked, {"c1": "chuan_hoa = lambda x: 'a'"})]
['rebind']
>>> [f.rule for f in scan(locked, {"c1": "reports.load_settings = dict"})]
['patch']
>>> scan(locked, {"c1": "gui_duoc = ['A', 'B']\\nso = len(gui_duoc)"})
[]
>>> scan(locked, {"c1": "from IPython.display import display\\ndisplay(gui_duoc)"})
[]
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

#: Names whose mere use is a red flag in a trainee's answer (machinery, introspection, hiding code).
FORBIDDEN_NAMES = {
    "get_ipython": "dùng get_ipython() để thay đổi cơ chế chạy của IPython",
    "exec": "chạy mã ẩn bằng exec", "eval": "chạy mã ẩn bằng eval", "compile": "biên dịch mã ẩn bằng compile",
    "__import__": "nạp mô-đun bằng __import__", "globals": "sửa trực tiếp bảng biến globals()",
    "locals": "sửa trực tiếp bảng biến locals()", "vars": "sửa trực tiếp bảng biến vars()",
    "setattr": "gán đè thuộc tính bằng setattr", "delattr": "xóa thuộc tính bằng delattr",
    "getattr": "lấy thuộc tính theo tên chuỗi (getattr)", "__builtins__": "sửa các hàm sẵn có của Python",
    "breakpoint": "gọi trình gỡ lỗi",
}
#: Modules a trainee's answer never needs; importing one is flagged.
FORBIDDEN_MODULES = {
    "IPython", "ipykernel", "builtins", "sys", "ctypes", "gc", "inspect", "importlib", "types", "marshal",
    "pickle", "dill", "codecs", "base64", "zlib", "signal", "subprocess", "atexit", "threading",
    "multiprocessing", "_thread", "zmq", "jupyter_client", "nbgrader", "nbclient", "unittest", "pytest",
    "socket", "shutil", "site", "runpy", "code", "codeop", "traceback", "sysconfig", "pty", "resource",
}
#: Harmless parts of forbidden packages (showing things).
ALLOWED_MODULES = {"IPython.display"}
#: os functions that kill or replace the kernel process.
OS_KILLERS = {"_exit", "kill", "killpg", "abort", "system", "popen", "fork", "forkpty", "execv", "execve",
              "execl", "execle", "execlp", "execvp", "execvpe", "spawnv", "spawnl", "setsid", "putenv", "chdir"}
#: Attribute paths on imported modules that may be assigned (display settings).
ALLOWED_PATCH = ("pd.options", "pandas.options", "plt.rcParams", "matplotlib.rcParams")
#: Dunder attributes that are harmless to read.
HARMLESS_DUNDERS = {"__name__", "__doc__", "__len__", "__class__.__name__"}


@dataclass(frozen=True)
class Finding:
    """One suspicious construct: the cell (grade_id or position), the rule, a Vietnamese explanation, the line."""

    cell: str
    rule: str
    message: str
    line: int = 0


def to_python(source: str) -> str:
    """Cell source as Python: IPython's own transformer turns %magics and !commands into get_ipython() calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _module_level_bindings(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(names bound at module level, of which: names bound by import) — function bodies are local."""
    bound, imported = set(), set()

    def visit(node, top):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if top:
                bound.add(node.name)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.Global):
                    bound.update(child.names)
                visit(child, False)
            return
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return
        if isinstance(node, ast.Global):
            bound.update(node.names)
        if top and isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                name = (alias.asname or alias.name).split(".")[0]
                bound.add(name)
                imported.add(name)
        if top and isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        if top and isinstance(node, ast.NamedExpr):
            bound.add(node.target.id)
        for child in ast.iter_child_nodes(node):
            visit(child, top)

    for stmt in getattr(tree, "body", []):
        visit(stmt, True)
    return bound, imported


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def locked_names(locked_sources: list[str]) -> tuple[set[str], set[str]]:
    """Names the locked cells define (helpers, data) and names they import (modules, toolkit functions)."""
    defined, imported = set(), set()
    for source in locked_sources:
        try:
            tree = ast.parse(to_python(source))
        except SyntaxError:
            continue
        bound, imp = _module_level_bindings(tree)
        defined |= bound - imp
        imported |= imp
    return defined, imported


def scan(locked_sources: list[str], answers: dict[str, str]) -> list[Finding]:
    """Findings in the trainee's cells (``answers``: cell name → source), given the locked cells' sources."""
    defined, imported = locked_names(locked_sources)
    findings: list[Finding] = []
    answer_imports: set[str] = set()
    for cell, source in answers.items():
        try:
            tree = ast.parse(to_python(source))
        except SyntaxError:
            continue  # the kernel will report it; a cell that does not parse runs nothing
        bound, imp = _module_level_bindings(tree)
        answer_imports |= imp
        for name in sorted(bound & defined):
            findings.append(Finding(cell, "rebind", f"gán đè '{name}' do ô khóa (ô chuẩn bị/ô kiểm tra) tạo ra"))
        for name in sorted((bound & imported) - imp):
            findings.append(Finding(cell, "rebind", f"gán đè '{name}' mà ô khóa đã nạp từ bộ công cụ"))
        modules = imported | answer_imports | imp
        for node in ast.walk(tree):
            line = getattr(node, "lineno", 0)
            if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
                findings.append(Finding(cell, "machinery", FORBIDDEN_NAMES[node.id], line))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for mod in names:
                    if mod.split(".")[0] in FORBIDDEN_MODULES and mod not in ALLOWED_MODULES:
                        findings.append(Finding(cell, "machinery", f"nạp mô-đun '{mod}' (không cần cho bài làm)", line))
                if isinstance(node, ast.ImportFrom) and node.module == "os":
                    for alias in node.names:
                        if alias.name in OS_KILLERS:
                            findings.append(Finding(cell, "kill", f"dùng os.{alias.name}", line))
            elif isinstance(node, ast.Attribute):
                path = _dotted(node) or ""
                if node.attr.startswith("__") and node.attr.endswith("__") and node.attr not in HARMLESS_DUNDERS:
                    findings.append(Finding(cell, "machinery", f"dùng thuộc tính ẩn '{node.attr}'", line))
                if path.split(".")[0] == "os" and node.attr in OS_KILLERS:
                    findings.append(Finding(cell, "kill", f"dùng {path} (dừng hoặc thay kernel)", line))
                if isinstance(node.ctx, (ast.Store, ast.Del)):
                    root = path.split(".")[0]
                    if root in modules | defined and not path.startswith(ALLOWED_PATCH):
                        findings.append(Finding(cell, "patch", f"gán đè '{path}' (hàm/thuộc tính của bộ công cụ "
                                                               "hoặc của ô kiểm tra)", line))
            elif isinstance(node, ast.Call) and _dotted(node.func) in ("exit", "quit"):
                findings.append(Finding(cell, "kill", "gọi exit()/quit() (dừng kernel)", line))
    unique = []
    for f in findings:
        if f not in unique:
            unique.append(f)
    return unique
