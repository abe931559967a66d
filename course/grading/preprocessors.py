"""nbgrader preprocessors of the course: restore locked cells, run in the sandbox, flag tampering, hide tests.

They extend nbgrader's own classes and are set in ``course/nbgrader_config.py``:

- ``RestoreCells`` (sanitize step, extends ``OverwriteCells``): every locked or test cell comes back from
  the gradebook's copy of the source, deleted ones included (a deleted test is run, never turned into a
  manual question); each change is noted for the trainer.
- ``SandboxExecute`` (extends ``Execute``): the kernel runs in the sandbox; a kernel that dies fails the
  remaining tests instead of aborting the grading; output is capped; IPython's machinery is probed
  before the first and after the last cell.
- ``FlagTampering``: reads the trainee's cells (outside the kernel), the probe, timeouts and kernel
  death; decides the status; a tampered notebook gets no automatic mark.
- ``RecordStatus`` (after ``SaveAutoGrades``): a tampered notebook waits for the trainer in the
  gradebook (needs manual grade, with the reason as comment).
- ``StripHiddenTests`` (feedback, extends ``ClearHiddenTests``): hidden-test source and tracebacks
  removed; each test keeps passed/failed and its Vietnamese message.
"""

from __future__ import annotations

import json
import re

from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import ClearHiddenTests, Execute, NbGraderPreprocessor, OverwriteCells
from traitlets import Bool, Integer, Unicode

from . import tamper
from .kernel import SandboxKernelManager
from .statuses import STATUSES, worst

META = "khuyenhoc"


def _meta(nb) -> dict:
    return nb.metadata.setdefault(META, {})


def _error(ename: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"])


def _without_hidden(source: str) -> str:
    return re.sub(r"[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", "", source, flags=re.S).strip()


# --- sanitize step -------------------------------------------------------------------------------

class RestoreCells(OverwriteCells):
    """``OverwriteCells`` that also puts back deleted cells (tests AND locked set-up cells) and notes every change."""

    add_missing_cells = Bool(True, help="put deleted test cells back (and run them)").tag(config=True)
    missing_cell_notification = Unicode(
        "Ô {cell_id} đã bị xóa khỏi bài nộp; máy chấm đã khôi phục và chạy lại.\n\n").tag(config=True)

    def preprocess(self, nb, resources):
        self._changes = []
        nb, resources = super().preprocess(nb, resources)
        with Gradebook(self.db_url) as gb:
            self.gradebook = gb
            nb = self._add_missing_locked_cells(nb)
        _meta(nb)["restored"] = self._changes
        return nb, resources

    def add_missing_grade_cells(self, nb, resources):
        present = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
        nb, resources = super().add_missing_grade_cells(nb, resources)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid and gid not in present:
                self._changes.append({"cell": gid, "change": "deleted"})
        return nb, resources

    def _add_missing_locked_cells(self, nb):
        """Locked cells nbgrader does not restore (set-up, data): put back after their predecessor in the source."""
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [c.name for c in source_nb.source_cells]
        for source_cell in source_nb.source_cells:
            ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
            if not source_cell.locked or source_cell.name in ids:
                continue
            meta = {"nbgrader": {"grade": False, "grade_id": source_cell.name, "locked": True,
                                 "checksum": source_cell.checksum, "solution": False, "task": False,
                                 "schema_version": 3}, "deletable": False, "editable": False}
            if source_cell.cell_type == "code":
                cell = NotebookNode(cell_type="code", metadata=meta, source=source_cell.source, outputs=[],
                                    execution_count=None)
            else:
                cell = NotebookNode(cell_type="markdown", metadata=meta, source=source_cell.source)
            before = order[:order.index(source_cell.name)]
            position = 0
            for i, gid in enumerate(ids):
                if gid in before:
                    position = i + 1
            nb.cells.insert(position, cell)
            self._changes.append({"cell": source_cell.name, "change": "deleted"})
        return nb

    def preprocess_cell(self, cell, resources, cell_index):
        before = cell.source
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        # the release shows a test cell without its hidden part: restoring that is normal, not a change
        if gid and cell.source != before and _without_hidden(cell.source) != before.strip():
            self._changes.append({"cell": gid, "change": "edited"})
        return cell, resources


# --- execution -----------------------------------------------------------------------------------

#: One expression evaluated in the kernel (as a user expression, outside any cell) before and after the cells.
PROBE = (
    "(lambda ip, sys, json: json.dumps({"
    "'cleanup': [f'{getattr(f, \"__module__\", None)}.{getattr(f, \"__qualname__\", type(f).__name__)}' "
    "for f in ip.input_transformers_cleanup], "
    "'post': [f'{getattr(f, \"__module__\", None)}.{getattr(f, \"__qualname__\", type(f).__name__)}' "
    "for f in ip.input_transformers_post], "
    "'ast': [type(t).__module__ + '.' + type(t).__qualname__ for t in ip.ast_transformers], "
    "'events': sorted(f'{k}:{getattr(f, \"__module__\", None)}.{getattr(f, \"__qualname__\", type(f).__name__)}' "
    "for k, v in ip.events.callbacks.items() for f in v), "
    "'trace': sys.gettrace() is None and sys.getprofile() is None, "
    "'run_cell': type(ip).run_cell is getattr(ip.run_cell, '__func__', None) "
    "and type(ip).run_cell.__module__.startswith(('IPython', 'ipykernel')), "
    "'custom_exc': repr(ip.custom_exceptions), "
    "'toolkit': sorted(f'{m}.{n}' for m, mod in list(sys.modules.items()) "
    "if m == 'khuyenhoc' or m.startswith('khuyenhoc.') "
    "for n, v in list(getattr(mod, '__dict__', {}).items()) "
    "if getattr(getattr(v, '__code__', None), 'co_filename', '').startswith(('<', '/tmp/ipykernel')))"
    "}))(get_ipython(), __import__('sys'), __import__('json'))"
)
TRUSTED_MODULES = ("IPython.", "ipykernel.", "matplotlib_inline.", "matplotlib.", "ipywidgets.", "comm.", "None.",
                   "khuyenhoc.")


def _probe_findings(before: dict | None, after: dict | None) -> list[str]:
    """What the trainee's code changed in the kernel's machinery, in Vietnamese (empty when nothing)."""
    if before is None or after is None:
        return ["không kiểm tra được kernel sau khi chạy (cơ chế chạy của IPython có thể đã bị thay)"]
    out = []
    for key, label in (("cleanup", "bộ biến đổi mã đầu vào"), ("post", "bộ biến đổi mã đầu vào"),
                       ("ast", "bộ biến đổi cây cú pháp"), ("events", "hàm móc sự kiện của IPython")):
        added = [x for x in after.get(key, []) if x not in before.get(key, [])
                 and not x.split(":")[-1].startswith(TRUSTED_MODULES)]
        if added:
            out.append(f"thêm {label}: {', '.join(added[:3])}")
    if before.get("trace", True) and not after.get("trace", True):
        out.append("đặt hàm theo dõi (sys.settrace/setprofile)")
    if before.get("run_cell", True) and not after.get("run_cell", True):
        out.append("thay hàm run_cell của IPython")
    if after.get("custom_exc", "()") != before.get("custom_exc", "()"):
        out.append("đặt bộ xử lý lỗi riêng (set_custom_exc)")
    rebound = [x for x in after.get("toolkit", []) if x not in before.get("toolkit", [])]
    if rebound:
        out.append(f"gán đè hàm của bộ công cụ: {', '.join(rebound[:3])}")
    return out


class SandboxExecute(Execute):
    """nbgrader's ``Execute`` with the sandbox kernel, kernel-death handling, an output cap and the probe."""

    max_output_bytes = Integer(2_000_000, help="most output kept per notebook (bytes)").tag(config=True)
    probe = Bool(True, help="probe IPython's machinery before and after the cells").tag(config=True)

    def __init__(self, **kw):
        kw.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(**kw)

    def _run_probe(self):
        try:
            msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={"k": PROBE})
            reply = self.wait_for_reply(msg_id)
            value = reply["content"]["user_expressions"]["k"]
            if value.get("status") != "ok":
                return None
            return json.loads(eval(value["data"]["text/plain"], {"__builtins__": {}}))  # a str literal
        except Exception:
            return None

    def preprocess(self, nb, resources=None, km=None):
        from nbclient.client import NotebookClient

        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._dead_at = None
        self._out_bytes = 0
        self._capped = False
        self._sandbox_km = None
        try:
            self._execute_all(resources)
        finally:  # the throw-away folder goes even when the kernel died
            remove = getattr(self._sandbox_km or self.km, "_remove_box", None)
            if remove is not None:
                remove()
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _execute_all(self, resources):
        before = after = None
        with self.setup_kernel():
            self._sandbox_km = self.km
            info_msg = self.wait_for_reply(self.kc.kernel_info())
            self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
            for index, cell in enumerate(self.nb.cells):
                # baseline right before the trainee's first cell: the course's own set-up cells may install hooks
                if self.probe and before is None and self._dead_at is None and cell.cell_type == "code" \
                        and not utils.is_locked(cell):
                    before = self._run_probe()
                self.preprocess_cell(cell, resources, index)
            if self.probe and self._dead_at is None:
                after = self._run_probe()
                before = before if before is not None else after
        runtime = {"dead_at": self._dead_at, "output_capped": self._capped}
        if self.probe and self._dead_at is None:
            runtime["probe"] = _probe_findings(before, after)
        _meta(self.nb)["runtime"] = runtime

    def preprocess_cell(self, cell, resources, index):
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        if cell.cell_type != "code":
            return cell, resources
        if self._dead_at is not None:
            cell.outputs = [_error("KernelDaChet", "Ô này không chạy được vì kernel đã dừng ở một ô phía trên.")]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except CellTimeoutError:  # no answer even after the interrupt: the cell fails as timed out, grading goes on
            cell.outputs.append(_error("CellTimeoutError", "Ô này chạy quá thời gian cho phép và không dừng khi "
                                                           "được yêu cầu."))
            return cell, resources
        except DeadKernelError:
            self._dead_at = cell.metadata.get("nbgrader", {}).get("grade_id") or f"ô số {index + 1}"
            cell.outputs.append(_error("KernelDaChet", "Kernel dừng khi chạy ô này (hết bộ nhớ, tự thoát hoặc "
                                                       "bị máy chấm dừng)."))
            return cell, resources

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._out_bytes += size
        if self._out_bytes > self.max_output_bytes:
            if not self._capped:
                self._capped = True
                outs.append(NotebookNode(output_type="stream", name="stdout",
                                         text="\n⚠️ Đầu ra quá dài: máy chấm bỏ phần còn lại.\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)


# --- decide the status ---------------------------------------------------------------------------

def _cell_name(cell, index: int) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id") or f"ô số {index + 1}"


def trusted_sources(source_path) -> tuple[list[str], set[str]]:
    """(locked code cells, every non-answer code cell) of the source notebook: the course's own code."""
    import nbformat

    try:
        nb = nbformat.read(source_path, as_version=4)
    except (OSError, ValueError):
        return [], set()
    code = [c for c in nb.cells if c.cell_type == "code"]
    return ([c.source for c in code if utils.is_locked(c)],
            {c.source.strip() for c in code if not utils.is_solution(c)})


def decide(nb, trusted: set[str] = frozenset(), course_locked: list[str] = ()) -> dict:
    """Status and findings of an executed notebook (stored in its metadata by ``FlagTampering``).

    ``trusted``: sources of the course's own unlocked cells (demos), not scanned when unchanged.
    """
    meta = _meta(nb)
    locked = [c.source for c in nb.cells if c.cell_type == "code" and utils.is_locked(c)] + list(course_locked)
    answers = {_cell_name(c, i): c.source for i, c in enumerate(nb.cells)
               if c.cell_type == "code" and not utils.is_locked(c) and c.source.strip() not in trusted}
    findings = [{"cell": f.cell, "rule": f.rule, "message": f.message, "line": f.line}
                for f in tamper.scan(locked, answers)]
    runtime = meta.get("runtime", {})
    for message in runtime.get("probe", []):
        findings.append({"cell": "kernel", "rule": "probe", "message": message, "line": 0})
    codes = []
    if findings:
        codes.append("tampered")
    if runtime.get("dead_at"):
        codes.append("kernel_died")
    timed_out = [_cell_name(c, i) for i, c in enumerate(nb.cells) if c.cell_type == "code"
                 and any(o.get("ename") == "CellTimeoutError" for o in c.get("outputs", []))]
    if timed_out:
        codes.append("timed_out")
    manual = any(utils.is_grade(c) and utils.is_solution(c) for c in nb.cells)
    codes.append("manual" if manual else "graded")
    return {"status": worst(codes), "findings": findings, "timed_out": timed_out,
            "dead_at": runtime.get("dead_at"), "restored": meta.get("restored", [])}


class FlagTampering(NbGraderPreprocessor):
    """Decide the notebook's status; a tampered notebook gets an explained failure on every test cell."""

    def preprocess(self, nb, resources):
        import os

        info = resources.get("nbgrader", {})
        root = self.config.CourseDirectory.get("root") or os.getcwd()
        course_locked, trusted = trusted_sources(os.path.join(str(root), "source", info.get("assignment", ""),
                                                              f"{info.get('notebook', '')}.ipynb"))
        verdict = decide(nb, trusted, course_locked)
        _meta(nb).update(verdict)
        if verdict["status"] == "tampered":
            cells = sorted({f["cell"] for f in verdict["findings"]})
            message = (f"Bài bị can thiệp ({STATUSES['tampered'].label.lower()}), điểm tự động không tính. "
                       f"Xem các ô: {', '.join(cells)}. " + "; ".join(f["message"] for f in verdict["findings"][:5]))
            for cell in nb.cells:
                if utils.is_grade(cell) and cell.cell_type == "code" and not utils.is_solution(cell):
                    cell.outputs.append(_error("BaiBiCanThiep", message))
        for finding in verdict["findings"]:
            self.log.warning("Bị can thiệp (%s): %s", finding["cell"], finding["message"])
        return nb, resources


class RecordStatus(NbGraderPreprocessor):
    """After ``SaveAutoGrades``: a tampered notebook waits for the trainer, the reason in each comment."""

    def preprocess(self, nb, resources):
        verdict = _meta(nb)
        status = verdict.get("status")
        if status not in ("tampered", "kernel_died", "timed_out"):
            return nb, resources
        info = resources["nbgrader"]
        reason = STATUSES[status].reason
        with Gradebook(info["db_url"]) as gb:
            try:
                notebook = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            except MissingEntry:
                return nb, resources
            for grade in notebook.grades:
                if status == "tampered":
                    grade.auto_score = 0
                    grade.needs_manual_grade = True
            for comment in notebook.comments:
                comment.auto_comment = f"{STATUSES[status].label}: {reason}"
            gb.db.commit()
        return nb, resources


# --- feedback ------------------------------------------------------------------------------------

class StripHiddenTests(ClearHiddenTests):
    """Feedback without the hidden tests: their source and tracebacks go, passed/failed and the message stay."""

    enforce_metadata = Bool(False).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code":
            return cell, resources
        hidden = self._remove_hidden_test_region(cell)
        if not (utils.is_grade(cell) and not utils.is_solution(cell)):
            return cell, resources
        kept = []
        failed = False
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                failed = True
                message = out.get("evalue") or "chưa đúng"
                kept.append(NotebookNode(output_type="stream", name="stdout", text=f"❌ Chưa đạt: {message}\n"))
            elif out.output_type == "stream" and out.get("name") == "stderr":
                failed = True
            elif hidden and out.output_type in ("execute_result", "display_data"):
                continue  # values shown by a hidden test may reveal it
            else:
                kept.append(out)
        if not failed:
            kept.append(NotebookNode(output_type="stream", name="stdout", text="✅ Đạt\n"))
        if hidden:
            cell.source = cell.source.rstrip() + "\n# (phần kiểm tra ẩn đã được lược bỏ)"
        cell.outputs = kept
        return cell, resources
