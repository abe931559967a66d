"""Dữ liệu mẫu GIẢ ĐỊNH của Hội Khuyến học một xã (hoặc cả một tỉnh) để học và thử công cụ.

Two communes are shipped with the package (tỉnh Hồng Lam does not exist, nor do
its communes, villages and people):

- ``"mau"``: xã Hòa Mẫu, about 5.000 people in 10 thôn, years 2021–2026;
- ``"capstone"``: xã Lũng Mây, about 3.500 people in 7 thôn/bản, for the final assignment.

``generate`` makes new data of any size (deterministic for a seed); ``load``
reads a shipped commune through ``khuyenhoc.intake``; ``path`` gives the
shipped files. Rebuild the shipped files with ``python -m khuyenhoc.sample.build``.

Ví dụ::

    >>> from khuyenhoc import sample
    >>> sample.path("mau")["workbook"].name
    'xa_mau.xlsx'
"""

from __future__ import annotations

import functools

from pathlib import Path

from ..data import CommuneData
from .generator import SampleBundle, generate, generate_bundle
from .spec import SPECS, SYNTHETIC_NOTE

FILES = Path(__file__).resolve().parent / "files"
#: Name of the local thresholds file shipped with each sample commune.
THRESHOLDS_FILE = "nguong-dia-phuong.yaml"

__all__ = ["generate", "generate_bundle", "load", "path", "SampleBundle", "SPECS", "SYNTHETIC_NOTE", "FILES"]


def path(name: str = "mau") -> dict[str, Path]:
    """Đường dẫn các tệp mẫu đi kèm: thư mục, sổ Excel, thư mục CSV, thư mục minh chứng, tệp ngưỡng địa phương
    (giả định: các ngưỡng xã mẫu tự quyết định, không phải quy định chính thức).

    >>> p = path("capstone")
    >>> p["csv"].name, p["evidence"].name
    ('csv', 'minh_chung')
    """
    if name not in SPECS:
        raise ValueError(f"Không có bộ dữ liệu mẫu '{name}'. Chọn một trong: {', '.join(SPECS)}.")
    folder = FILES / name
    return {
        "folder": folder,
        "workbook": folder / SPECS[name].workbook,
        "csv": folder / "csv",
        "evidence": folder / "minh_chung",
        "thresholds": folder / THRESHOLDS_FILE,
    }


def load(name: str = "mau") -> CommuneData:
    """Đọc bộ dữ liệu mẫu đi kèm (qua ``khuyenhoc.intake.read`` trên thư mục CSV).

    The shipped files are validated once per process; later calls return a fresh
    copy of the tables (changing it never changes the next ``load``).

    >>> d = load("mau")  # doctest: +SKIP
    >>> d.summary()["Số xã/phường"]  # doctest: +SKIP
    1
    """
    p = path(name)
    if not p["csv"].is_dir():
        raise FileNotFoundError(
            f"Chưa có tệp mẫu '{name}' tại {p['csv']}. Hãy chạy: python -m khuyenhoc.sample.build"
        )
    stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in sorted(p["csv"].glob("*.csv")))
    data = _read_validated(p["csv"], stamp)
    return CommuneData({k: df.copy() for k, df in data}, coerce_types=False)


@functools.lru_cache(maxsize=4)
def _read_validated(folder: Path, stamp: tuple) -> CommuneData:
    """The shipped CSV folder read through intake; ``stamp`` (names, times, sizes) renews it when files change."""
    from ..intake import read  # imported here: intake imports nothing from sample

    return read(folder)
