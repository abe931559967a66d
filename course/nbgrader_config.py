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
import os

c = get_config()  # noqa: F821  (provided by traitlets)

HERE = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "khuyenhoc"
c.CourseDirectory.root = HERE
c.Exchange.root = os.path.join(HERE, "exchange")

# The default 30 s per cell is too short once lessons load the sample commune
# (5,000 people, six years). Set on ExecutePreprocessor, not Execute (nbgrader #1690).
c.ExecutePreprocessor.timeout = 120

# Files that notebooks write when they run (e.g. bai_07 writes ket_qua_bai_07/ next to
# itself): never copied into releases, submissions or feedback.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "ket_qua_*"]

# What trainees see in place of the solutions.
c.ClearSolutions.code_stub = {
    "python": "# VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY"
