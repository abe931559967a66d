"""Việc chính: chạy toàn bộ quy trình trên xã mẫu và ghi kết quả vào một thư mục.

``make run`` (README) gọi ``python -m khuyenhoc.main_job out``.

Ví dụ::

    >>> from khuyenhoc.main_job import run
    >>> written = run("out")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import sample
from .atomic import atomic_path
from .intake import check
from .problems import render_text


def run(out_dir: str | Path, source: str | Path | None = None) -> list[Path]:
    """Kiểm tra sổ dữ liệu của xã (mặc định: xã mẫu) và ghi kết quả vào ``out_dir``.

    Trả về danh sách các tệp đã ghi.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    source = Path(source) if source else sample.path("mau")["xlsx"]
    data, problems = check(source)
    written: list[Path] = []

    report = out / "kiem-tra-du-lieu.txt"
    with atomic_path(report) as tmp:
        text = render_text(problems) if problems else "Không phát hiện vấn đề nào trong sổ dữ liệu."
        Path(tmp).write_text(f"Tệp: {source}\n\n{text}\n", encoding="utf-8")
    written.append(report)

    if data is not None:
        summary = {k: (v if isinstance(v, (int, str)) else str(v)) for k, v in data.summary().items()}
        path = out / "tom-tat.json"
        with atomic_path(path) as tmp:
            Path(tmp).write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(path)
        print("Tóm tắt dữ liệu xã:")
        for k, v in summary.items():
            print(f"  - {k}: {v}")
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "out")
    try:
        written = run(out)
    except Exception as exc:  # the main job never shows a traceback to an officer
        print(f"Không chạy được việc chính: {exc}", file=sys.stderr)
        return 1
    print(f"\nĐã ghi {len(written)} tệp vào thư mục '{out.resolve()}':")
    for p in written:
        print(f"  - {p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
