"""Faces only call: the main job, the report and the app's report builder go through the results layer, and the
faces keep no arithmetic of their own. (That no module below the faces imports a face, and that there is no import
cycle, is checked by tests/test_import_graph.py.)"""

from __future__ import annotations

import ast
from pathlib import Path

import khuyenhoc

ROOT = Path(khuyenhoc.__file__).parent

def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    mod = _module(path)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            out |= {f"{target}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_the_results_layer_is_what_the_faces_call():
    """The main job, the report, the CLI report and the app's report builder go through khuyenhoc.results."""
    for face in ("reports/job.py", "reports/annual.py", "widgets/report.py"):
        assert "khuyenhoc.results" in _imports(ROOT / face), face
    src = (ROOT / "reports" / "annual.py").read_text(encoding="utf-8")
    assert "ctx.extra" not in src and "add_section(SECTION" not in src  # no side channel, no import-time registration
    for face in ("charts/__init__.py", "widgets/explorer.py"):
        text = (ROOT / face).read_text(encoding="utf-8")
        assert "sign = np.where" not in text and '["recognised"] / ' not in text, face  # no arithmetic of their own
