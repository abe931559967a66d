"""Tạo lại các tệp mẫu đi kèm gói: sổ Excel, thư mục CSV và thư mục minh chứng của từng xã mẫu.

Chạy::

    python -m khuyenhoc.sample.build            # ghi vào khuyenhoc/sample/files/
    python -m khuyenhoc.sample.build --out /tmp/mau   # ghi vào thư mục khác (để so sánh)

Mỗi xã mẫu có thêm tệp ngưỡng địa phương ``nguong-dia-phuong.yaml`` (giả định), viết từ
``declared.SAMPLE_THRESHOLDS`` — chính các ngưỡng bộ sinh dữ liệu dùng để quyết định công nhận.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time
from pathlib import Path

from ..atomic import atomic_dir, atomic_path
from ..workbook import write_csv_dir, write_workbook
from .declared import thresholds_file_text
from .generator import generate_bundle
from .spec import SPECS

DEFAULT_OUT = Path(__file__).resolve().parent / "files"


def write_evidence_files(files: dict[str, bytes], folder: Path) -> Path:
    """Ghi các tệp minh chứng (đường dẫn tương đối → nội dung) vào ``folder``, trọn vẹn một lần.

    >>> import tempfile
    >>> f = write_evidence_files({"X01-NK00001/a.txt": b"x"}, Path(tempfile.mkdtemp()) / "minh_chung")
    >>> (f / "X01-NK00001" / "a.txt").read_bytes()
    b'x'
    """
    with atomic_dir(folder) as tmp:
        for rel, content in sorted(files.items()):
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(content)
    return folder


def build(name: str, out: Path = DEFAULT_OUT) -> dict[str, Path]:
    """Sinh lại bộ mẫu ``name`` ("mau" hoặc "capstone") và ghi các tệp vào ``out/name``.

    >>> import tempfile
    >>> paths = build("capstone", Path(tempfile.mkdtemp()))  # doctest: +SKIP
    """
    spec = SPECS[name]
    bundle = generate_bundle(name=name)
    folder = Path(out) / name
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.combine(bundle.as_of, time(0, 0))
    wb = write_workbook(bundle.data, folder / spec.workbook, note=bundle.note, title=bundle.title, as_of=bundle.as_of,
                        timestamp=stamp)
    csv = write_csv_dir(bundle.data, folder / "csv")
    ev = write_evidence_files(bundle.evidence_files, folder / "minh_chung")
    th = write_thresholds_file(folder / "nguong-dia-phuong.yaml", spec.commune_name, spec.province_name)
    return {"workbook": wb, "csv": csv, "evidence": ev, "thresholds": th}


def write_thresholds_file(path: Path, commune: str, province: str) -> Path:
    """Ghi tệp ngưỡng địa phương (giả định) của xã mẫu ``commune`` vào ``path``, trọn vẹn một lần.

    >>> import tempfile
    >>> p = write_thresholds_file(Path(tempfile.mkdtemp()) / "nguong.yaml", "Hòa Mẫu", "Hồng Lam")
    >>> "GIẢ ĐỊNH" in p.read_text(encoding="utf-8")
    True
    """
    with atomic_path(path) as tmp:
        Path(tmp).write_text(thresholds_file_text(commune, province), encoding="utf-8", newline="\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m khuyenhoc.sample.build",
        description="Tạo lại các tệp dữ liệu mẫu (giả định) đi kèm gói khuyenhoc.",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="thư mục ghi kết quả (mặc định: thư mục files/ của gói)")
    parser.add_argument("names", nargs="*", metavar="TÊN",
                        help=f"bộ mẫu cần tạo: {', '.join(SPECS)} (mặc định: tất cả)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in SPECS]
    if unknown:
        parser.error(f"không có bộ mẫu {', '.join(unknown)}; chọn trong: {', '.join(SPECS)}")
    for name in args.names or list(SPECS):
        paths = build(name, args.out)
        size = f"{paths['workbook'].stat().st_size / 1e6:.1f}".replace(".", ",")
        n_files = sum(1 for p in paths["evidence"].rglob("*") if p.is_file())
        print(f"Đã ghi bộ mẫu '{name}': {paths['workbook']} ({size} MB), thư mục CSV {paths['csv']}, "
              f"{n_files} tệp minh chứng.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
