"""Chấm bài an toàn: hộp cát cho mã của học viên, chống can thiệp, chấm song song.

- ``sandbox``: run a kernel as an unprivileged user inside bubblewrap with limits;
- ``kernel``: the jupyter_client kernel manager that nbgrader uses (set in nbgrader_config.py);
- ``preprocessors``: restore locked cells, flag tampering, strip hidden tests from feedback;
- ``statuses``: the grading statuses shown to trainers (Vietnamese reason and what to do);
- ``parallel``: N workers, one gradebook writer, progress, resume;
- ``marks``: manual marks from a sheet; ``export``: the Excel grade sheet with statuses.
"""
