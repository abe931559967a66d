"""Bộ biểu đồ mẫu cho tài liệu: mỗi loại một hình, vẽ từ dữ liệu xã mẫu (``docs/bieu-do/``).

Chạy::

    python -m khuyenhoc.charts.gallery docs/bieu-do

Ví dụ::

    >>> sorted(KINDS)[:2]
    ['chi-quy', 'ho-so-unesco']
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..data import CommuneData

__all__ = ["write_gallery", "KINDS", "EXAMPLE_RATINGS"]

KINDS = ("tien-do-chi-tieu", "xu-huong", "so-sanh-thon", "ho-so-unesco", "chi-quy")

#: Illustrative self-ratings (0–5) of the six UNESCO building blocks; not a real city's assessment.
EXAMPLE_RATINGS = {
    "Học tập hòa nhập trong hệ thống giáo dục": 3.5,
    "Học tập sôi động trong gia đình và cộng đồng": 4,
    "Học tập hiệu quả cho và tại nơi làm việc": 2.5,
    "Sử dụng rộng rãi công nghệ học tập hiện đại": 2,
    "Nâng cao chất lượng học tập": 3,
    "Văn hóa học tập suốt đời sôi động": 4,
}


def _sample() -> CommuneData:
    from .. import sample

    try:
        return sample.load("mau")
    except Exception:  # shipped files not built yet: the generator gives the same commune
        return sample.generate(seed=0)


def write_gallery(out_dir: str | Path, data: CommuneData | None = None, year: int | None = None) -> list[Path]:
    """Ghi mỗi loại biểu đồ một tệp PNG vào ``out_dir``; trả về danh sách tệp.

    >>> import tempfile
    >>> [p.name for p in write_gallery(tempfile.mkdtemp())]
    ['tien-do-chi-tieu.png', 'xu-huong.png', 'so-sanh-thon.png', 'ho-so-unesco.png', 'chi-quy.png']
    """
    from . import fund_use_chart, progress_chart, trend_chart, unesco_profile_chart, village_chart
    from ..indicators import compute, fund_use, latest_complete_year

    data = data if data is not None else _sample()
    year = year or latest_complete_year(data)
    out = Path(out_dir)
    xa = compute(data, None, "xã")
    cid = xa["unit_id"].iloc[0]
    xa = xa[xa["unit_id"] == cid]
    now = xa[xa["year"] == year]
    thon = compute(data, year, "thôn")
    avg = float(now.set_index("indicator").loc["hoi_vien_dan_so", "value"])
    paths = [out / f"{k}.png" for k in KINDS]
    progress_chart(now, path=paths[0])
    trend_chart(xa, "hoi_vien_dan_so", path=paths[1])
    village_chart(thon, "hoi_vien_dan_so", year, average=avg, path=paths[2])
    unesco_profile_chart(EXAMPLE_RATINGS, title="Hồ sơ thành phố học tập (UNESCO) — ví dụ", path=paths[3])
    fund_use_chart(fund_use(data, year), year, unit_name=str(now["unit_name"].iloc[0]), path=paths[4])
    return paths


if __name__ == "__main__":
    for p in write_gallery(sys.argv[1] if len(sys.argv) > 1 else "docs/bieu-do"):
        print(p)
