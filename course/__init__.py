"""Khóa học Jupyter của khuyenhoc: nguồn bài tập nbgrader, công cụ soạn bài và công cụ chấm bài."""
