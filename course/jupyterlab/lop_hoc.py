"""The trainee's folder that ``make lab`` opens: lessons and exercises, nothing else.

``python -m course.jupyterlab.lop_hoc [folder]`` copies ``notebooks/`` into ``<folder>/bai_giang/`` and
``exercises/`` into ``<folder>/bai_tap/`` (default folder: ``lop_hoc/`` at the repository root), never overwriting
a file that is already there (a trainee's work survives the next ``make lab``), then starts JupyterLab with that
folder as its root. ``--chi-chuan-bi`` only prepares the folder.
"""

from __future__ import annotations

import os
import shutil
import sys
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO / "lop_hoc"
PARTS = {"bai_giang": REPO / "notebooks", "bai_tap": REPO / "exercises"}
_SKIP = (".ipynb_checkpoints", "__pycache__", "ket_qua_*", ".*")


def _skipped(rel: Path) -> bool:
    return any(fnmatch(part, pat) for part in rel.parts for pat in _SKIP)


def prepare(folder: Path = DEFAULT) -> list[Path]:
    """Copy the lessons and exercises that are not yet in ``folder``; return the files copied."""
    copied: list[Path] = []
    for name, src in PARTS.items():
        for path in sorted(src.rglob("*")):
            rel = path.relative_to(src)
            if path.is_dir() or _skipped(rel):
                continue
            dest = folder / name / rel
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
                copied.append(dest)
    return copied


def lab_command(folder: Path, extra: list[str] | None = None) -> list[str]:
    """The JupyterLab command line: root = the trainee's folder, Vietnamese interface from the course settings."""
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", f"--ServerApp.root_dir={folder}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    return cmd + list(extra or [])


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    only_prepare = "--chi-chuan-bi" in args
    args = [a for a in args if a != "--chi-chuan-bi"]
    folder = Path(args.pop(0)).resolve() if args and not args[0].startswith("-") else DEFAULT
    copied = prepare(folder)
    print(f"Thư mục học viên: {folder} (bài giảng: bai_giang/, bài tập: bai_tap/; {len(copied)} tệp mới chép)")
    if only_prepare:
        return 0
    cmd = lab_command(folder, args)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover


if __name__ == "__main__":
    raise SystemExit(main())
