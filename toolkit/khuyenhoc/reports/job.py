"""Việc chính của phần báo cáo: chỉ tiêu, biểu đồ, báo cáo năm, phụ lục và danh sách hạn chế lưu hành.

Ví dụ::

    >>> callable(main_job)
    True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd

from ..atomic import atomic_path
from ..data import CommuneData
from ..indicators import COLUMN_LABELS
from .annex import write_annex
from .annual import ReportError, build_document, prepare
from .restricted import restricted_file_name, write_named_lists

__all__ = ["main_job", "write_indicators_csv", "load_default_data", "load_data"]


def load_default_data() -> CommuneData:
    """Dữ liệu xã mẫu đi kèm bộ công cụ (``khuyenhoc.sample.load("mau")``)."""
    try:
        from .. import sample

        return sample.load("mau")
    except (ImportError, AttributeError) as exc:
        raise ReportError("Chưa có dữ liệu xã mẫu trong bộ công cụ; hãy chỉ định tệp dữ liệu của xã.") from exc
    except FileNotFoundError as exc:
        raise ReportError(f"Chưa có dữ liệu xã mẫu ({exc}); hãy chỉ định tệp dữ liệu của xã.") from exc


def write_indicators_csv(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Ghi bảng chỉ tiêu ra CSV (UTF-8 có BOM để Excel hiện đúng dấu, tiêu đề tiếng Việt).

    >>> import tempfile, os
    >>> from khuyenhoc.indicators import COLUMNS
    >>> p = write_indicators_csv(pd.DataFrame(columns=COLUMNS), os.path.join(tempfile.mkdtemp(), "a.csv"))
    >>> p.read_text(encoding="utf-8-sig").split(",")[0]
    'Mã chỉ tiêu'
    """
    t = table.copy()
    t["met"] = t["met"].map(lambda v: "" if v is None or v is pd.NA or pd.isna(v) else ("Đạt" if v else "Chưa đạt"))
    t = t.rename(columns=COLUMN_LABELS)
    path = Path(path)
    with atomic_path(path) as tmp:
        t.to_csv(tmp, index=False, encoding="utf-8-sig")
    return path


def main_job(out_dir: str | os.PathLike, data: CommuneData | None = None, year: int | None = None, *,
             commune_id: str | None = None, settings: Mapping[str, Any] | str | Path | None = None,
             targets: pd.DataFrame | str | Path | None = None, unesco_ratings: Mapping[str, float] | None = None,
             progress: Callable[[str], None] | None = None) -> list[Path]:
    """Ghi vào ``out_dir``: bảng chỉ tiêu (CSV), biểu đồ (PNG), báo cáo năm (.docx), phụ lục (.xlsx)
    và danh sách có tên người (tệp riêng, hạn chế lưu hành). Trả về danh sách tệp đã ghi.

    Không có ``data``: dùng xã mẫu. Không có ``year``: năm gần nhất đã có số liệu cả năm.

    >>> written = main_job("ket-qua")  # doctest: +SKIP
    """
    step = progress or (lambda _msg: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if data is None:
        step("Đọc dữ liệu xã mẫu")
        data = load_default_data()
    step("Tính chỉ tiêu")
    ctx = prepare(data, year, commune_id=commune_id, settings=settings, targets=targets,
                  chart_dir=out / "bieu-do", unesco_ratings=unesco_ratings)
    y = ctx.year
    written: list[Path] = []
    written.append(write_indicators_csv(ctx.history, out / f"chi-tieu-xa-{y}.csv"))
    written.append(write_indicators_csv(ctx.villages, out / f"chi-tieu-thon-{y}.csv"))
    step("Vẽ biểu đồ")
    written.extend(ctx.charts.values())
    step("Lập báo cáo năm")
    written.append(build_document(ctx).save(out / f"bao-cao-nam-{y}.docx"))
    step("Lập phụ lục Excel")
    written.append(write_annex(ctx, out / f"phu-luc-chi-tieu-{y}.xlsx"))
    step("Lập danh sách hạn chế lưu hành")
    written.append(write_named_lists(data, y, out / "han-che-luu-hanh" / restricted_file_name(y)))
    return written


def load_data(path: str | os.PathLike | None) -> CommuneData:
    """Dữ liệu của xã từ tệp .xlsx hoặc thư mục CSV (qua ``khuyenhoc.intake.read``); không có: xã mẫu."""
    if path is None:
        return load_default_data()
    p = Path(path)
    if not p.exists():
        raise ReportError(f"Không tìm thấy tệp hoặc thư mục dữ liệu '{p}'.")
    from ..intake import read

    return read(p)
