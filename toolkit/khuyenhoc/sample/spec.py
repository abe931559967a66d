"""Thông số của các xã mẫu (giả định) và các hàm dùng chung của bộ sinh dữ liệu.

Each shipped commune is a ``CommuneSpec``: its seed, size and invented names.
The province "Hồng Lam", its former district "Lam Giang" and the communes are
fictional; the recognising authorities below are the sample's own assumptions
(the real ones are configuration, see /work/shared/domain/criteria.md §6).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np

#: Date the district level was abolished (two-level local government).
REFORM_DATE = date(2025, 7, 1)

#: Notice printed on every synthetic workbook.
SYNTHETIC_NOTE = (
    "DỮ LIỆU GIẢ ĐỊNH — tỉnh, xã, thôn, dòng họ, đơn vị và mọi người trong sổ này đều do máy sinh ra "
    "để học tập; nếu trùng tên thật thì chỉ là ngẫu nhiên. Không dùng để báo cáo."
)


@dataclass(frozen=True)
class CommuneSpec:
    """Invented names and sizes of one shipped sample commune."""

    key: str
    seed: int
    population: int
    commune_name: str | None
    commune_code: int
    villages: int | None = None
    ban_share: float = 0.0  # share of villages that are "bản"
    province_name: str = "Hồng Lam"
    province_code: int = 1
    former_district: str = "Lam Giang"
    workbook: str = ""
    title: str = ""
    # Cộng đồng học tập cấp xã (Thông tư 25/2023): first year the commune meets level 1, and how many years
    # after its first level-1 year it asks for level 2 (1 = too early: the 12-month wait is not over)
    xa_first_pass: int = 2023
    xa_level2_gap: int = 2


SPECS: dict[str, CommuneSpec] = {
    "mau": CommuneSpec(
        key="mau", seed=0, population=5000, commune_name="Hòa Mẫu", commune_code=1, villages=10,
        ban_share=0.0, workbook="xa_mau.xlsx",
        title="Sổ dữ liệu khuyến học — xã Hòa Mẫu, tỉnh Hồng Lam (giả định)",
    ),
    "capstone": CommuneSpec(
        key="capstone", seed=2026, population=3500, commune_name="Lũng Mây", commune_code=2, villages=7,
        ban_share=0.6, workbook="xa_capstone.xlsx",
        title="Sổ dữ liệu khuyến học — xã Lũng Mây, tỉnh Hồng Lam (giả định)",
        xa_first_pass=2024, xa_level2_gap=1,
    ),
}


def rng_for(seed: int, topic: str) -> np.random.Generator:
    """An independent random stream per (seed, topic), stable across versions."""
    return np.random.default_rng([int(seed), zlib.crc32(topic.encode("utf-8"))])


def make_ids(prefixes: np.ndarray | str, kind: str, numbers: np.ndarray, width: int | None = None) -> np.ndarray:
    """Internal ids like ``X01-NK00012`` (prefix, kind letters, zero-padded number).

    Ids always contain letters, so they never look like a CMND/CCCD number.
    """
    numbers = np.asarray(numbers, dtype=np.int64)
    if width is None:
        width = max(3, len(str(int(numbers.max())))) if len(numbers) else 3
    digits = np.char.zfill(numbers.astype(str), width).astype(object)
    if isinstance(prefixes, str):
        return (prefixes + "-" + kind) + digits
    return np.asarray(prefixes, dtype=object) + ("-" + kind) + digits


def number_within(groups: np.ndarray) -> np.ndarray:
    """1-based running number of each row inside its group (groups must be sorted)."""
    groups = np.asarray(groups)
    n = len(groups)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(groups[1:] != groups[:-1]) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, n]))
    return np.arange(n) - first + 1


def days(d: date) -> int:
    """Days since 1970-01-01 (numpy datetime64[D] as int)."""
    return int(np.datetime64(d, "D").astype(np.int64))


def year_start(y) -> np.ndarray:
    """Day number of 1 January of each year in ``y``."""
    y = np.asarray(y, dtype=np.int64)
    return (y - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def random_days(rng: np.random.Generator, lo, hi, size: int | None = None) -> np.ndarray:
    """Uniform random day numbers in [lo, hi] (arrays or scalars, inclusive)."""
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.maximum(np.asarray(hi, dtype=np.int64), lo)
    shape = np.broadcast(lo, hi).shape if size is None else (size,)
    return lo + np.floor(rng.random(shape) * (hi - lo + 1)).astype(np.int64)


def to_datetime(day_numbers: np.ndarray, valid: np.ndarray | None = None) -> np.ndarray:
    """Day numbers → datetime64[ns] (NaT where ``valid`` is False)."""
    out = np.asarray(day_numbers, dtype=np.int64).astype("datetime64[D]").astype("datetime64[ns]")
    if valid is not None:
        out = out.copy()
        out[~np.asarray(valid, dtype=bool)] = np.datetime64("NaT")
    return out


def split_total(rng: np.random.Generator, total: float, n: int, unit: int = 100_000) -> np.ndarray:
    """Split ``total`` đồng into ``n`` positive round amounts (multiples of ``unit``)."""
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    w = rng.gamma(2.0, size=n)
    parts = np.maximum(1, np.round(total * w / w.sum() / unit)).astype(np.int64) * unit
    return parts
