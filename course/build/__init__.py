"""Soạn bài cho khóa học: dựng sổ tay bài giảng và bài tập nbgrader từ các tệp Python ngắn.

Chạy (từ thư mục gốc của dự án)::

    python -m course.build          # hoặc: python course/build/build_all.py

Kết quả: ``notebooks/*.ipynb`` (bài giảng), ``course/source/<bài>/*.ipynb`` (bài tập có lời giải),
``exercises/<bài>/`` (đúng bản nbgrader phát cho học viên: không lời giải, không kiểm tra ẩn).
"""

from .lessons import l00_lam_quen_jupyterlab, l01_van_ban_chi_dao
from .lessons import l02_bo_tieu_chi, l03_minh_chung, l04_quy_trinh
from .lessons import l05_du_lieu_tu_excel, l06_chi_tieu, l07_bao_cao
from .lessons import l08_thanh_pho_hoc_tap, l09_bai_cuoi_khoa
from .assignments import bai_00, bai_01
from .assignments import bai_02, bai_03, bai_04
from .assignments import bai_05, bai_06, bai_07
from .assignments import bai_08, cuoi_khoa

#: Lesson modules, in course order. Lessons 2–8 and the capstone slot in here.
LESSONS = [l00_lam_quen_jupyterlab, l01_van_ban_chi_dao,
           l02_bo_tieu_chi, l03_minh_chung, l04_quy_trinh,
           l05_du_lieu_tu_excel, l06_chi_tieu, l07_bao_cao,
           l08_thanh_pho_hoc_tap, l09_bai_cuoi_khoa]

#: Assignment modules, in course order.
ASSIGNMENTS = [bai_00, bai_01,
               bai_02, bai_03, bai_04,
               bai_05, bai_06, bai_07,
               bai_08, cuoi_khoa]
