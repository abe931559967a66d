"""The toolkit's import graph: one direction, faces on top.

Every ``import`` of a toolkit module is read from the source (also those inside
functions: a lazy import only hides a cycle, it does not remove it). Each
module belongs to a component: its subpackage (``khuyenhoc.engine``) or, for a
top-level module, the module itself (``khuyenhoc.workbook``). The components
must form a graph without cycles, and no component below the faces imports a
face (reports, charts, widgets, cli, main_job, news).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "toolkit" / "khuyenhoc"
#: The news item (text + chart for the commune radio or page) is a face: it only shows what the results hold.
FACES = {"khuyenhoc.reports", "khuyenhoc.charts", "khuyenhoc.widgets", "khuyenhoc.cli", "khuyenhoc.main_job",
         "khuyenhoc.news"}
#: Leaf modules: shared helpers that import nothing from the toolkit.
LEAVES = {"khuyenhoc.vnformat", "khuyenhoc.arrays"}

#: Known exceptions, each to be removed by its owner (the test fails when one is fixed and still listed, so the
#: lists only shrink). No cycle is left.
KNOWN_CYCLES: set[frozenset] = set()
#: Modules below the faces that still import a face (none left: the Decree-30 layout, the restricted-file writer
#: and the report settings live below the faces).
KNOWN_FACE_IMPORTS: set[tuple[str, str]] = set()


def modules() -> dict[str, Path]:
    out = {}
    for f in sorted(ROOT.rglob("*.py")):
        parts = list(f.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Toolkit modules that ``name`` imports anywhere in its source."""
    is_pkg = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[:len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in known else mod for a in node.names]
        for t in targets:
            if not (t == "khuyenhoc" or t.startswith("khuyenhoc.")):
                continue
            while t not in known and "." in t:
                t = t.rsplit(".", 1)[0]
            if t != name:
                found.add(t)
    return found


def component(name: str) -> str:
    return ".".join(name.split(".")[:2])


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    known = modules()
    return {m: imports(m, p, known) for m, p in known.items()}


def component_edges(graph) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(component, component) → the module imports behind that edge."""
    edges: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for m, targets in graph.items():
        for t in targets:
            a, b = component(m), component(t)
            if a != b and a != "khuyenhoc" and b != "khuyenhoc":
                edges.setdefault((a, b), []).append((m, t))
    return edges


def find_cycle(nodes: set[str], edges: set[tuple[str, str]]) -> list[str] | None:
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        succ[a].append(b)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for s in sorted(succ[n]):
            if state.get(s) == 1:
                return stack[stack.index(s):] + [s]
            if s not in state:
                c = visit(s)
                if c:
                    return c
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(nodes):
        if n not in state:
            c = visit(n)
            if c:
                return c
    return None


def test_the_graph_is_read(graph):
    # the reader sees lazy imports too: the engine imports catalogues inside functions as well
    assert "khuyenhoc.catalogues" in {component(t) for t in graph["khuyenhoc.engine"]}
    assert "khuyenhoc.schema" in graph["khuyenhoc.workbook"]


def test_find_cycle_finds_one():
    assert find_cycle({"a", "b", "c"}, {("a", "b"), ("b", "c"), ("c", "a")}) == ["a", "b", "c", "a"]
    assert find_cycle({"a", "b"}, {("a", "b")}) is None


def test_no_import_cycle_between_components(graph):
    edges = component_edges(graph)
    nodes = {component(m) for m in graph} - {"khuyenhoc"}
    for pair in KNOWN_CYCLES:
        a, b = sorted(pair)
        assert (a, b) in edges and (b, a) in edges, f"{a} ↔ {b} is no longer a cycle: remove it from KNOWN_CYCLES"
        edges.pop((a, b))
    cycle = find_cycle(nodes, set(edges))
    if cycle:
        why = [f"{a} → {b}: {', '.join(f'{m} imports {t}' for m, t in edges[(a, b)][:3])}"
               for a, b in zip(cycle, cycle[1:])]
        pytest.fail("import cycle: " + " → ".join(cycle) + "\n" + "\n".join(why))


def test_no_module_below_the_faces_imports_a_face(graph):
    found = {(m, t) for m, targets in graph.items() for t in targets
             if component(m) not in FACES and component(m) != "khuyenhoc" and component(t) in FACES}
    bad = sorted(found - KNOWN_FACE_IMPORTS)
    assert not bad, "\n".join(f"{m} imports {t}" for m, t in bad)
    stale = sorted(KNOWN_FACE_IMPORTS - found)
    assert not stale, f"fixed, remove from KNOWN_FACE_IMPORTS: {stale}"


def test_the_engine_and_the_catalogues_import_no_face(graph):
    below = ("khuyenhoc.engine", "khuyenhoc.catalogues", "khuyenhoc.evidence", "khuyenhoc.intake", "khuyenhoc.schema",
             "khuyenhoc.data", "khuyenhoc.indicators")
    bad = [f"{m} imports {t}" for m, targets in graph.items() for t in targets
           if component(m) in below and component(t) in FACES]
    assert not bad, "\n".join(sorted(bad))


def test_leaf_modules_import_nothing_from_the_toolkit(graph):
    for leaf in LEAVES:
        assert graph[leaf] == set(), (leaf, graph[leaf])
