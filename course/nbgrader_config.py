# -*- coding: utf-8 -*-
# nbgrader configuration of the "khuyenhoc" course.
#
# Notes (kept in UTF-8 on purpose: the stubs below are Vietnamese):
# - The course root is the folder of this file, wherever the course is copied
#   (traitlets defines __file__ while it executes this file).
# - nbgrader only reads this file from the current directory or from the Jupyter
#   config paths: run nbgrader from course/, or use course/cham_bai.py, which
#   finds it by itself (see course/trainer-guide.md).
# - Set PYTHONUTF8=1 (and LANG=C.UTF-8) on the grading machine.
# - Every trainee notebook runs in the sandbox (course/grading/): plain `nbgrader autograde`,
#   `nbgrader validate`, the formgrader and course/cham_bai.py alike. If the sandbox
#   package cannot be imported, nbgrader stops here instead of running trainee code unprotected.
import os
import sys

c = get_config()  # noqa: F821  (provided by traitlets)

HERE = os.path.dirname(os.path.abspath(__file__))

# The project's `course` package (course/grading): next to this file, or where the toolkit is installed.
for _candidate in (os.path.dirname(HERE), os.environ.get("KHUYENHOC_DU_AN", "")):
    if _candidate and os.path.isfile(os.path.join(_candidate, "course", "grading", "preprocessors.py")):
        if _candidate not in sys.path:
            sys.path.insert(0, _candidate)
        break
else:
    try:
        import khuyenhoc as _kh  # editable install: <project>/toolkit/khuyenhoc

        _project = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(_kh.__file__))))
        if _project not in sys.path:
            sys.path.insert(0, _project)
    except ImportError:
        pass

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, GetGrades, IgnorePattern, LimitOutput,
    OverwriteKernelspec, SaveAutoGrades)

from course.grading.preprocessors import (  # noqa: E402
    FlagTampering, RecordStatus, RestoreCells, SandboxExecute, StripHiddenTests)
from course.grading.settings import database_url, exchange_root  # noqa: E402

c.CourseDirectory.course_id = "khuyenhoc"
c.CourseDirectory.root = HERE
# Gradebook: SQLite in the course folder unless KHUYENHOC_SO_DIEM names another database (PostgreSQL).
c.CourseDirectory.db_url = database_url(HERE)
# Exchange OUTSIDE the course folder (KHUYENHOC_TRAO_DOI, default /srv/nbgrader/exchange).
c.Exchange.root = exchange_root()

# The default 30 s per cell is too short once lessons load the sample commune
# (5,000 people, six years). Set on ExecutePreprocessor, not Execute (nbgrader #1690).
c.ExecutePreprocessor.timeout = 120
c.Execute.error_on_timeout = {
    "ename": "CellTimeoutError",
    "evalue": "Ô này chạy quá thời gian cho phép (vòng lặp không dừng?).",
    "traceback": ["CellTimeoutError: Ô này chạy quá thời gian cho phép (vòng lặp không dừng?)."],
}
# After interrupting a cell that ran too long, wait a little for the kernel, then go on (never abort the grading).
c.Execute.iopub_timeout = 10
c.Execute.raise_on_iopub_timeout = False
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100

# Sandbox of every trainee kernel (limits per kernel; see course/trainer-guide.md, "Hộp cát").
c.SandboxKernelManager.course_root = HERE
c.SandboxKernelManager.exchange_root = c.Exchange.root
c.SandboxKernelManager.wall_seconds = 1800
c.SandboxKernelManager.cpu_seconds = 900
c.SandboxKernelManager.memory_mb = 4096

# Restore locked/test cells (deleted ones too), run in the sandbox, flag tampering, keep statuses.
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, OverwriteKernelspec, RestoreCells,
                                      CheckCellMetadata]
c.Autograde.autograde_preprocessors = [SandboxExecute, IgnorePattern, LimitOutput, FlagTampering, SaveAutoGrades,
                                       RecordStatus, AssignLatePenalties, CheckCellMetadata]
c.Validator.preprocessors = [CheckCellMetadata, ClearOutput, SandboxExecute]
# Feedback: no hidden-test source; every test keeps passed/failed and its Vietnamese message.
c.GenerateFeedback.preprocessors = [GetGrades, StripHiddenTests, CSSHTMLHeaderPreprocessor]

# Files that notebooks write when they run (e.g. bai_07 writes ket_qua_bai_07/ next to
# itself): never copied into releases, submissions or feedback.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "ket_qua_*"]

# What trainees see in place of the solutions.
c.ClearSolutions.code_stub = {
    "python": "# VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY"
