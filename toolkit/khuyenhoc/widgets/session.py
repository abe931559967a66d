"""Phiên làm việc của ứng dụng: dữ liệu của xã đang mở, thư mục làm việc, kết quả đánh giá đã tính.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> s = Session(CommuneData(), work_dir="/tmp/khuyenhoc-thu")
    >>> s.report_dir.name, s.evidence_dir.name
    ('bao_cao', 'minh_chung')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..data import CommuneData
from ..engine import Assessment, assess
from ..indicators import latest_complete_year

__all__ = ["Session", "WORK_DIR_ENV", "default_work_dir"]

#: Environment variable naming the folder where the app writes (evidence, reports).
WORK_DIR_ENV = "KHUYENHOC_THU_MUC"


def default_work_dir() -> Path:
    """Thư mục làm việc: biến môi trường KHUYENHOC_THU_MUC, mặc định ~/khuyenhoc-ung-dung."""
    return Path(os.environ.get(WORK_DIR_ENV) or Path.home() / "khuyenhoc-ung-dung")


class Session:
    """Dữ liệu đang mở và những gì các biểu mẫu dùng chung (thư mục, kết quả đánh giá đã tính)."""

    def __init__(self, data: CommuneData, *, work_dir: str | os.PathLike | None = None, source: str = "",
                 source_path: str | os.PathLike | None = None, thresholds: str | os.PathLike | None = None):
        self.data = data
        # local thresholds file ("ngưỡng do địa phương quy định"), as for `khuyenhoc assess --nguong-file`
        self.thresholds = Path(thresholds) if thresholds is not None else None
        self.work_dir = Path(work_dir) if work_dir is not None else default_work_dir()
        self.source = source  # what the officer opened, for messages
        self.source_path = Path(source_path) if source_path is not None else None
        self._cache: dict[tuple[str, int, int | None], Assessment] = {}
        self.listeners: list[Callable[["Session"], None]] = []

    @classmethod
    def of(cls, x: "Session | CommuneData", **kw) -> "Session":
        return x if isinstance(x, Session) else cls(x, **kw)

    # ------------------------------------------------------------------ places
    @property
    def commune_id(self) -> str:
        c = self.data.communes()["unit_id"].dropna()
        return str(c.iloc[0]) if len(c) else "xa"

    @property
    def evidence_dir(self) -> Path:
        return self.work_dir / "minh_chung"

    @property
    def evidence_file(self) -> Path:
        return self.work_dir / f"minh_chung_{self.commune_id}.xlsx"

    @property
    def report_dir(self) -> Path:
        return self.work_dir / "bao_cao"

    # ------------------------------------------------------------------ data
    def years(self) -> list[int]:
        return self.data.years()

    def default_year(self) -> int | None:
        y = latest_complete_year(self.data)
        ys = self.years()
        return y if y is not None else (ys[-1] if ys else None)

    def assess(self, model, year: int, level: int | None = None) -> Assessment:
        """Kết quả ``khuyenhoc.engine.assess`` (tính một lần cho mỗi bộ tiêu chí, năm, mức độ)."""
        from ..catalogues import resolve

        cat = resolve(model)
        key = (cat.id, int(year), level)
        if key not in self._cache:
            self._cache[key] = assess(self.data, cat, int(year), level, thresholds=self.thresholds)
        return self._cache[key]

    def set_data(self, data: CommuneData, **kw) -> None:
        """Thay dữ liệu (ví dụ sau khi thêm minh chứng) và báo cho các biểu mẫu."""
        self.data = data
        for k, v in kw.items():
            setattr(self, k, v)
        self._cache.clear()
        for f in list(self.listeners):
            f(self)
