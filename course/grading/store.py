"""The grading status of each submission, kept beside the gradebook (written only by the grading process).

One small JSON file per submission: ``<course>/trang_thai_cham/<assignment>/<trainee>.json`` with the
status code, findings, the fingerprint of the submitted files and the time. A submission whose
fingerprint is unchanged since it was graded is skipped when grading resumes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

FOLDER = "trang_thai_cham"


def fingerprint(folder: Path) -> str:
    """sha256 over the names and bytes of every file of a submitted folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def path(course: Path, assignment: str, student: str) -> Path:
    return Path(course) / FOLDER / assignment / f"{student}.json"


def write(course: Path, assignment: str, student: str, record: dict) -> None:
    """Write one record whole (temp file + rename)."""
    target = path(course, assignment, student)
    target.parent.mkdir(parents=True, exist_ok=True)
    record = {**record, "assignment": assignment, "student": student,
              "at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(record, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, target)


def read(course: Path, assignment: str, student: str) -> dict | None:
    try:
        return json.loads(path(course, assignment, student).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_all(course: Path) -> dict[tuple[str, str], dict]:
    """{(assignment, trainee): record} for every record of the course."""
    out = {}
    root = Path(course) / FOLDER
    if root.is_dir():
        for file in root.glob("*/*.json"):
            try:
                rec = json.loads(file.read_text(encoding="utf-8"))
            except ValueError:
                continue
            out[(file.parent.name, file.stem)] = rec
    return out
