"""Generate nbgrader releases in a throw-away copy of the course and copy them to exercises/.

Generating in a copy keeps the trainer's gradebook.db untouched: the build can run
at any time, even while a class is being graded.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .khoahoc import make_api


class ReleaseError(RuntimeError):
    """nbgrader could not generate an assignment; the message is in Vietnamese."""


def make_scratch_course(course_dir: Path, dest: Path, assignments: list[str]) -> Path:
    """Copy the config and the sources of `assignments` into `dest` (a new course root)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(course_dir / "nbgrader_config.py", dest / "nbgrader_config.py")
    for name in assignments:
        shutil.copytree(course_dir / "source" / name, dest / "source" / name, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "ket_qua_*"))
    return dest


def generate(course_root: Path, assignments: list[str]) -> dict[str, Path]:
    """Run ``generate_assignment`` for each assignment; return {assignment: release folder}."""
    api = make_api(course_root)
    out = {}
    for name in assignments:
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            raise ReleaseError(f"nbgrader không tạo được bản phát hành của {name}:\n{result['error']}\n{result['log']}")
        out[name] = course_root / "release" / name
    return out


def release_to_exercises(course_dir: Path, exercises_dir: Path, assignments: list[str]) -> list[Path]:
    """Regenerate the releases in a temp course and replace ``exercises/<assignment>/`` with them."""
    written = []
    with tempfile.TemporaryDirectory(prefix="khuyenhoc-release-") as tmp:
        scratch = make_scratch_course(course_dir, Path(tmp) / "course", assignments)
        releases = generate(scratch, assignments)
        exercises_dir.mkdir(parents=True, exist_ok=True)
        for name, folder in releases.items():
            staging = exercises_dir / f".{name}.moi"
            old = exercises_dir / f".{name}.cu"
            for p in (staging, old):
                if p.exists():
                    shutil.rmtree(p)
            shutil.copytree(folder, staging)
            target = exercises_dir / name
            if target.exists():
                target.rename(old)
            staging.rename(target)
            if old.exists():
                shutil.rmtree(old)
            written.append(target)
    return written
