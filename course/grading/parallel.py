"""Parallel autograding: N worker processes, ONE writer of the course gradebook, progress, resume.

Each worker runs nbgrader's own ``Autograde`` (same preprocessors, same sandbox as plain
``nbgrader autograde``) against a private SQLite copy of the assignment's definition, and writes
the autograded notebook to ``autograded/<trainee>/<assignment>/``. The main process alone writes
the course gradebook: it replays nbgrader's ``SaveAutoGrades``/``AssignLatePenalties`` (and the
course's ``RecordStatus``) over each autograded notebook, so the marks equal serial grading.
Then it writes the status record (``store``); a submission whose files did not change since is
skipped when grading resumes after an interruption.

N submissions run at once; one that has run for ``SLOW_SECONDS`` (a cell that hangs until its time
limit, a long computation) no longer counts against N, so a hang does not leave a core idle: up to
2 × N worker processes, never more than N young submissions.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import store
from .statuses import STATUSES, worst


#: After this many seconds a submission waits mostly idle (honest bai_07 takes 2–5 s): another may start beside it.
SLOW_SECONDS = 20.0


@dataclass
class Outcome:
    """What happened to one submission."""

    student: str
    status: str
    score: float | None = None
    max_score: float | None = None
    findings: list = field(default_factory=list)
    detail: str = ""
    skipped: bool = False
    seconds: float = 0.0  # wall time of the worker for this submission


# --- before grading: checks that need no kernel --------------------------------------------------

def expected_notebooks(course: Path, assignment: str) -> list[str]:
    return sorted(p.stem for p in (Path(course) / "source" / assignment).glob("*.ipynb"))


def precheck(course: Path, assignment: str, student: str, roster: set[str]) -> Outcome | None:
    """A status that makes grading pointless (unknown trainee, wrong file name, unreadable file), or None."""
    import nbformat

    if roster and student not in roster:
        return Outcome(student, "unknown_trainee", detail=f"mã '{student}' không có trong danh sách lớp")
    folder = Path(course) / "submitted" / student / assignment
    expected = expected_notebooks(course, assignment)
    present = sorted(p.stem for p in folder.glob("*.ipynb"))
    missing = [n for n in expected if n not in present]
    if missing:
        others = [n for n in present if n not in expected]
        detail = f"thiếu {', '.join(m + '.ipynb' for m in missing)}"
        if others:
            detail += f"; có tệp khác tên: {', '.join(o + '.ipynb' for o in others)}"
        return Outcome(student, "wrong_name", detail=detail)
    for name in expected:
        try:
            nb = nbformat.read(folder / f"{name}.ipynb", as_version=4)
            nbformat.validate(nb)
        except Exception as err:  # noqa: BLE001 - any unreadable file gets the same status
            return Outcome(student, "unreadable", detail=f"{name}.ipynb: {type(err).__name__}")
    return None


# --- the worker ----------------------------------------------------------------------------------

_WORKER: dict = {}


def _template_gradebook(master_url: str, assignment: str, dest: Path) -> str:
    """A private SQLite gradebook holding only the assignment's definition (notebooks, cells, checksums)."""
    from nbgrader.api import Gradebook

    url = f"sqlite:///{dest}"
    with Gradebook(master_url) as src, Gradebook(url) as dst:
        a = src.find_assignment(assignment)
        dst.update_or_create_assignment(assignment, duedate=a.duedate)
        for nb in a.notebooks:
            dst.update_or_create_notebook(nb.name, assignment, kernelspec=nb.kernelspec)
            for c in nb.source_cells:
                dst.update_or_create_source_cell(c.name, nb.name, assignment, source=c.source, checksum=c.checksum,
                                                 cell_type=c.cell_type, locked=c.locked)
            for c in nb.grade_cells:
                dst.update_or_create_grade_cell(c.name, nb.name, assignment, max_score=c.max_score,
                                                cell_type=c.cell_type)
            for c in nb.solution_cells:
                dst.update_or_create_solution_cell(c.name, nb.name, assignment)
            for c in nb.task_cells:
                dst.update_or_create_task_cell(c.name, nb.name, assignment, max_score=c.max_score,
                                               cell_type=c.cell_type)
    return url


def _worker_init(course: str, template: str) -> None:
    from ..khoahoc import prepare_environment

    prepare_environment()
    # inside the run's scratch folder, which the main process removes when grading ends
    private = Path(tempfile.mkdtemp(prefix="tho-cham-", dir=Path(template).parent)) / "gradebook.db"
    shutil.copy2(template, private)
    _WORKER.update(course=course, db_url=f"sqlite:///{private}", folder=private.parent)


def _worker_grade(assignment: str, student: str) -> dict:
    """Autograde one submission with nbgrader's own converter (private gradebook); report its statuses."""
    import nbformat

    from ..khoahoc import make_api

    start = time.perf_counter()
    if "api" not in _WORKER:  # one API (config read once) per worker process
        api = make_api(_WORKER["course"], db_url=_WORKER["db_url"], warm=True)
        # the single writer runs these on the course gradebook (`record`); here they would only fill the private
        # copy, which is thrown away
        steps = api.config.Autograde.autograde_preprocessors
        api.config.Autograde.autograde_preprocessors = [x for x in steps if x not in _writer_steps()]
        _WORKER["api"] = api
    api = _WORKER["api"]
    result = api.autograde(assignment, student, force=True, create=True)
    seconds = time.perf_counter() - start
    verdicts = {}
    folder = Path(_WORKER["course"]) / "autograded" / student / assignment
    for path in folder.glob("*.ipynb"):
        try:
            verdicts[path.stem] = nbformat.read(path, as_version=4).metadata.get("khuyenhoc", {})
        except Exception:  # noqa: BLE001
            verdicts[path.stem] = {}
    return {"success": bool(result["success"]), "error": (result.get("error") or "")[-2000:],
            "log": (result.get("log") or "")[-2000:], "verdicts": verdicts, "seconds": seconds}


# --- the single writer ---------------------------------------------------------------------------

def _writer_steps() -> tuple:
    """The autograde steps that write the gradebook, in nbgrader's order: only the single writer runs them."""
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    from .preprocessors import RecordStatus

    return (SaveAutoGrades, RecordStatus, AssignLatePenalties)


def record(course: Path, assignment: str, student: str, config, allow_create: bool) -> tuple[float, float, bool]:
    """Write one autograded submission into the course gradebook, as ``nbgrader autograde`` would."""
    import nbformat
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory

    db_url = config.CourseDirectory.db_url
    coursedir = CourseDirectory(config=config)
    timestamp = coursedir.get_existing_timestamp(str(Path(course) / "submitted" / student / assignment))
    with Gradebook(db_url) as gb:
        if allow_create:
            gb.update_or_create_student(student)
        if timestamp:
            gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        else:
            gb.update_or_create_submission(assignment, student)
    folder = Path(course) / "autograded" / student / assignment
    steps = [step(config=config) for step in _writer_steps()]
    for name in expected_notebooks(course, assignment):
        path = folder / f"{name}.ipynb"
        resources = {"nbgrader": {"db_url": db_url, "assignment": assignment, "notebook": name, "student": student}}
        nb = nbformat.read(path, as_version=4)
        for step in steps:
            nb, resources = step(nb, resources)
    with Gradebook(db_url) as gb:
        sub = gb.find_submission(assignment, student)
        return float(sub.score), float(sub.max_score), bool(sub.needs_manual_grade)


def grade(course: Path, assignment: str, students: list[str], workers: int | None = None, redo: bool = False,
          progress: bool = True, report=print, slow_after: float = SLOW_SECONDS) -> list[Outcome]:
    """Autograde ``students``' submissions of ``assignment`` with ``workers`` processes (default: cores);
    a submission running for ``slow_after`` seconds lets another start beside it."""
    import multiprocessing

    from nbgrader.api import Gradebook
    from tqdm import tqdm

    from ..khoahoc import load_config, prepare_environment

    prepare_environment()  # the Gradebook runs `alembic` from the venv's bin, which may not be on PATH
    course = Path(course).resolve()
    config = load_config(course)
    master = config.CourseDirectory.db_url
    with Gradebook(master) as gb:
        roster = {s.id for s in gb.students}
        gb.find_assignment(assignment)  # MissingEntry when never generated
    outcomes: list[Outcome] = []
    todo = []
    for sid in students:
        early = precheck(course, assignment, sid, roster)
        folder = course / "submitted" / sid / assignment
        print_ = early
        if early is not None:
            store.write(course, assignment, sid, {"status": early.status, "detail": early.detail,
                                                  "fingerprint": store.fingerprint(folder) if folder.is_dir() else ""})
            outcomes.append(print_)
            continue
        previous = store.read(course, assignment, sid)
        finger = store.fingerprint(folder)
        if not redo and previous and previous.get("fingerprint") == finger and previous.get("graded") \
                and (course / "autograded" / sid / assignment).is_dir():
            outcomes.append(Outcome(sid, previous["status"], previous.get("score"), previous.get("max_score"),
                                    previous.get("findings", []), previous.get("detail", ""), skipped=True))
            continue
        todo.append((sid, finger))

    if todo:
        from .kernel import _warm_sample_cache

        _warm_sample_cache()  # once, before the workers start (they only read it)
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        scratch = Path(tempfile.mkdtemp(prefix="khuyenhoc-cham-"))
        try:
            template = scratch / "mau.db"
            _template_gradebook(master, assignment, template)
            ctx = multiprocessing.get_context("fork")
            bar = tqdm(total=len(todo), desc=f"Chấm {assignment}", unit="bài", disable=not progress,
                       dynamic_ncols=True)
            # `workers` submissions use the cores; one that has run for `slow_after` seconds (a hang, a long
            # cell) waits mostly idle, so another starts beside it: at most 2 x workers processes, never more than
            # `workers` submissions younger than `slow_after`
            with ProcessPoolExecutor(2 * workers, mp_context=ctx, initializer=_worker_init,
                                     initargs=(str(course), str(template))) as pool:
                waiting = deque(todo)
                running: dict = {}
                while waiting or running:
                    now = time.monotonic()
                    young = sum(now - started < slow_after for _sid, _finger, started in running.values())
                    while waiting and young < workers and len(running) < 2 * workers:
                        sid, finger = waiting.popleft()
                        running[pool.submit(_worker_grade, assignment, sid)] = (sid, finger, time.monotonic())
                        young += 1
                    done, _ = wait(running, timeout=1.0, return_when=FIRST_COMPLETED)
                    for future in done:
                        sid, finger, _started = running.pop(future)
                        outcome = _finish(course, assignment, sid, finger, future.result(), config, not roster)
                        outcomes.append(outcome)
                        bar.update(1)
                        bar.write(line(outcome)) if progress else report(line(outcome))
            bar.close()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    order = {sid: i for i, sid in enumerate(students)}
    return sorted(outcomes, key=lambda o: order.get(o.student, 0))


def _finish(course, assignment, sid, finger, result, config, allow_create) -> Outcome:
    if not result["success"]:
        text = result["error"] + result["log"]
        if "hộp cát" in text or "SandboxUnavailable" in text:
            from .sandbox import SandboxUnavailable

            raise SandboxUnavailable(text.strip().splitlines()[-1])
        outcome = Outcome(sid, "kernel_died", detail="nbgrader không chấm được bài này: " + _first_line(text))
        store.write(course, assignment, sid, {"status": outcome.status, "detail": outcome.detail,
                                              "fingerprint": finger, "graded": False})
        return outcome
    score, maximum, manual = record(course, assignment, sid, config, allow_create)
    verdicts = result["verdicts"]
    codes = [v.get("status", "graded") for v in verdicts.values()] or ["graded"]
    if not manual:
        codes = [c if c != "manual" else "graded" for c in codes]
    status = worst(codes)
    findings = [f for v in verdicts.values() for f in v.get("findings", [])]
    detail = "; ".join(f"{f['cell']}: {f['message']}" for f in findings[:5])
    for v in verdicts.values():
        if v.get("timed_out"):
            detail = (detail + "; " if detail else "") + "quá giờ ở " + ", ".join(v["timed_out"])
        if v.get("dead_at"):
            detail = (detail + "; " if detail else "") + f"kernel dừng ở {v['dead_at']}"
    store.write(course, assignment, sid, {"status": status, "score": score, "max_score": maximum,
                                          "findings": findings, "detail": detail, "fingerprint": finger,
                                          "graded": True})
    return Outcome(sid, status, score, maximum, findings, detail, seconds=result.get("seconds", 0.0))


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines:
        if "error" in ln.lower() or "lỗi" in ln.lower():
            return ln[:300]
    return lines[-1][:300] if lines else "không rõ nguyên nhân"


def _fmt(x) -> str:
    return f"{x:g}".replace(".", ",")


def line(o: Outcome) -> str:
    """One line for the trainer, e.g. ``hv001: 12/15 điểm (còn câu chấm tay)``."""
    if o.status in ("graded", "manual"):
        note = " (còn câu chấm tay)" if o.status == "manual" else ""
        again = " — không đổi, bỏ qua" if o.skipped else ""
        return f"  {o.student}: {_fmt(o.score)}/{_fmt(o.max_score)} điểm{note}{again}"
    s = STATUSES[o.status]
    extra = f" ({o.detail})" if o.detail else ""
    mark = f" — điểm tạm {_fmt(o.score)}/{_fmt(o.max_score)}" if o.score is not None and o.status != "tampered" else ""
    return f"  {o.student}: ⚠️ {s.label}{extra}{mark}. Việc cần làm: {s.todo}"
