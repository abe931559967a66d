"""Soạn bài cho khóa học: dựng sổ tay bài giảng và bài tập nbgrader từ các tệp Python ngắn.

Chạy (từ thư mục gốc của dự án)::

    python -m course.build          # hoặc: python course/build/build_all.py

Kết quả: ``notebooks/*.ipynb`` (bài giảng), ``course/source/<bài>/*.ipynb`` (bài tập có lời giải),
``exercises/<bài>/`` (đúng bản nbgrader phát cho học viên: không lời giải, không kiểm tra ẩn).
"""

from .lessons import l00_lam_quen_jupyterlab, l01_van_ban_chi_dao
from .assignments import bai_00, bai_01

#: Lesson modules, in course order. Lessons 2–8 and the capstone slot in here.
LESSONS = [l00_lam_quen_jupyterlab, l01_van_ban_chi_dao]

#: Assignment modules, in course order.
ASSIGNMENTS = [bai_00, bai_01]
