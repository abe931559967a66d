"""Every answer form in course/answer_forms/<assignment>.yaml goes through the assignment's real test cells.

For each assignment, one kernel runs the source notebook top to bottom (the solution), as nbgrader would, with
NBGRADER_EXECUTION=autograde. Then, for each question, each listed answer replaces the solution's answer: a right
form must pass every test cell of the question (visible and hidden parts), a wrong form must fail at least one,
with the expected Vietnamese words in the message when the table names them. Each form sets the question's whole
answer, and the solution's answer is run again after the last form of a question, before the next question.

The table's shape::

    cau_2:                        # the answer cell <assignment>_cau_2; its tests: <assignment>_kiem_tra_cau_2*
      right:
        - 'gia_dinh = "70%"'      # code put in place of the solution
      wrong:
        - code: "gia_dinh = 0.7"
          message: "số phần trăm" # optional: words the failing check must say
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "course" / "answer_forms"
TABLES = sorted(FORMS.glob("*.yaml"))


def _tests_of(cells, assignment: str, question: str) -> list:
    pat = re.compile(rf"^{re.escape(assignment)}_kiem_tra_{re.escape(question)}[a-z]?(_|$)")
    return [c for c in cells if pat.match(c.metadata.get("nbgrader", {}).get("grade_id", ""))]


class Kernel:
    """A python3 kernel in ``cwd``; ``run`` returns None when the code ran, else the error text."""

    def __init__(self, cwd: Path):
        from jupyter_client import KernelManager

        env = dict(os.environ, NBGRADER_EXECUTION="autograde", PYTHONUTF8="1", MPLBACKEND="Agg")
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(cwd), env=env)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)

    def run(self, code: str, timeout: float = 180) -> str | None:
        errors: list[str] = []

        def hook(msg):
            if msg["msg_type"] == "error":
                errors.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")

        try:
            reply = self.kc.execute_interactive(code, output_hook=hook, timeout=timeout, store_history=False)
        except (TimeoutError, queue.Empty):
            return "hết thời gian"
        if reply["content"]["status"] == "ok":
            return None
        return "\n".join(errors) or reply["content"].get("evalue", "lỗi")

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def check_table(table: Path, tmp: Path) -> tuple[list[str], int]:
    """Run every form of one table; return (problems in Vietnamese, number of forms run)."""
    assignment = table.stem
    spec = yaml.safe_load(table.read_text(encoding="utf-8")) or {}
    source = ROOT / "course" / "source" / assignment
    work = tmp / assignment
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("ket_qua_*", ".ipynb_checkpoints"))
    nb = nbformat.read(work / f"{assignment}.ipynb", as_version=4)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in code_cells}
    problems: list[str] = []
    n = 0
    k = Kernel(work)
    try:
        for c in code_cells:
            err = k.run(c.source)
            if err:
                return [f"{assignment}: lời giải không chạy ({c.metadata.get('nbgrader', {}).get('grade_id')}): "
                        f"{err}"], 0
        for question, forms in spec.items():
            answer = by_id.get(f"{assignment}_{question}")
            tests = _tests_of(code_cells, assignment, question)
            if answer is None or not tests:
                problems.append(f"{assignment}: không có ô trả lời hoặc ô kiểm tra cho {question}")
                continue
            for code in forms.get("right", []):
                n += 1
                err = k.run(code) or next((e for t in tests if (e := k.run(t.source))), None)
                if err:
                    problems.append(f"{assignment} {question}: câu trả lời đúng bị từ chối: {code!r}\n    → {err}")
            for item in forms.get("wrong", []):
                n += 1
                item = item if isinstance(item, dict) else {"code": item}
                err = k.run(item["code"]) or next((e for t in tests if (e := k.run(t.source))), None)
                if err is None:
                    problems.append(f"{assignment} {question}: câu trả lời sai lại được chấp nhận: {item['code']!r}")
                elif item.get("message") and item["message"] not in err:
                    problems.append(f"{assignment} {question}: {item['code']!r} bị từ chối nhưng thông báo không nói "
                                    f"'{item['message']}':\n    → {err}")
            k.run(answer.source)  # back to the solution before the next question (each form sets the whole answer)
    finally:
        k.close()
    return problems, n


@pytest.mark.slow
@pytest.mark.parametrize("table", TABLES, ids=[t.stem for t in TABLES])
def test_answer_forms(table, tmp_path):
    problems, n = check_table(table, tmp_path)
    assert not problems, "\n".join(problems)
    assert n >= 3, f"{table.name}: bảng cần ít nhất 3 cách trả lời"


def test_every_assignment_of_the_course_has_a_table():
    sys.path.insert(0, str(ROOT))
    graded = {d.name for d in (ROOT / "course" / "source").iterdir() if d.is_dir() and any(d.glob("*.ipynb"))}
    have = {t.stem for t in TABLES}
    assert len(graded) >= 16 and graded <= have, sorted(graded - have)
