"""Chọn dữ liệu: xã mẫu đi kèm, hoặc sổ Excel (hay các tệp CSV) cán bộ tải lên, kiểm tra bằng ``khuyenhoc.intake``.

The uploaded bytes are written unchanged to a new temporary folder (under the
original file names) and read from there; the problems list names the sheet,
row and column, in Vietnamese.

Ví dụ::

    >>> d = DataLoader(lambda data, name, path: None)
    >>> d.sample.description
    'Dùng dữ liệu xã mẫu'
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Callable, Sequence

import ipywidgets as w
import pandas as pd

from .. import intake, sample
from ..data import CommuneData
from ..problems import LOI, Problem
from ..vnformat import so
from .common import (button, clear, css, download_link, frame_html, guarded, message_html, problems_html,
                     result_area, say)

__all__ = ["DataLoader", "save_upload", "check_upload"]


def save_upload(files: Sequence[dict], folder: str | Path | None = None) -> Path:
    """Ghi các tệp tải lên (nguyên từng byte) vào một thư mục tạm mới; trả về tệp .xlsx hoặc thư mục CSV."""
    if not files:
        raise ValueError("Chưa chọn tệp nào.")
    root = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="khuyenhoc-tai-len-"))
    names = [Path(f["name"]).name for f in files]
    xlsx = [n for n in names if n.lower().endswith(".xlsx")]
    csvs = [n for n in names if n.lower().endswith(".csv")]
    if len(xlsx) > 1 or (xlsx and csvs):
        raise ValueError("Chọn một sổ Excel (.xlsx), hoặc nhiều tệp .csv của cùng một xã — không trộn hai loại.")
    if not xlsx and not csvs:
        raise ValueError(f"Tệp '{names[0]}' không phải sổ Excel (.xlsx) hay tệp .csv. Lưu sổ dạng .xlsx rồi tải lên lại.")
    target_dir = root if xlsx else root / "csv"
    target_dir.mkdir(parents=True, exist_ok=True)
    for f, n in zip(files, names):
        (target_dir / n).write_bytes(bytes(f["content"]))
    return target_dir / xlsx[0] if xlsx else target_dir


def check_upload(path: Path, shown_name: str) -> tuple[CommuneData | None, list[Problem]]:
    """``intake.check`` trên tệp đã ghi; tên tệp trong thông báo là tên cán bộ đã tải lên."""
    data, problems = intake.check(path)
    return data, [dataclasses.replace(p, file=shown_name) for p in problems]


def summary_frame(data: CommuneData) -> pd.DataFrame:
    s = data.summary()
    return pd.DataFrame({"Mục": list(s), "Số liệu": [so(v) if isinstance(v, int) else v
                                                    for v in s.values()]})


class DataLoader:
    """Hai cách mở dữ liệu: nút 'Dùng dữ liệu xã mẫu' và nút tải sổ lên. ``on_loaded(data, tên, đường_dẫn)``."""

    def __init__(self, on_loaded: Callable[[CommuneData, str, Path | None], None]):
        self.on_loaded = on_loaded
        self.sample = button("Dùng dữ liệu xã mẫu", "Mở xã Hòa Mẫu (dữ liệu giả định) để tập dùng ứng dụng",
                             style="info")
        self.sample.add_class("kh-nut-xa-mau")
        self.upload = w.FileUpload(accept=".xlsx,.csv", multiple=True, description="Tải sổ của xã lên",
                                   tooltip="Chọn sổ Excel (.xlsx) của xã, hoặc các tệp .csv; tệp gốc không bị sửa",
                                   button_style="primary", layout=w.Layout(width="280px", height="44px"))
        self.upload.add_class("kh-tai-so")
        self.template = button("Tải sổ mẫu để trống", "Sổ Excel mẫu (các trang, cột, danh sách chọn) để điền số liệu "
                               "của xã", style="")
        self.template.add_class("kh-nut-so-mau")
        self.out = result_area()
        self.out.add_class("kh-ket-qua-du-lieu")
        self.template.on_click(guarded(self.out)(self._on_template))
        self.last_path: Path | None = None
        self.sample.on_click(guarded(self.out)(self._on_sample))
        self.upload.observe(guarded(self.out)(self._on_upload), names="value")
        self.widget = w.VBox([
            css(), w.HTML("<h3>Bước 1. Chọn dữ liệu của xã</h3><p>Tải sổ Excel của xã lên (theo mẫu "
                          "bấm 'Tải sổ mẫu để trống'), hoặc dùng xã mẫu để tập. Ứng dụng kiểm tra sổ và chỉ "
                          "rõ trang, dòng, cột cần sửa. Tệp gốc trên máy không bị thay đổi.</p>"),
            w.HBox([self.upload, self.sample, self.template]), self.out], _dom_classes=["khuyenhoc-app", "kh-du-lieu"])

    def _on_template(self, _btn=None) -> None:
        from ..templates import write_template

        p = write_template(Path(tempfile.mkdtemp(prefix="khuyenhoc-so-mau-")) / "so-du-lieu-mau.xlsx")
        say(self.out, download_link(p, "Tải sổ mẫu để trống (so-du-lieu-mau.xlsx)"))

    def _on_sample(self, _btn=None) -> None:
        say(self.out, message_html("Đang đọc dữ liệu xã mẫu…", "đã sửa"))
        data = sample.load("mau")
        clear(self.out)
        path = sample.path("mau")["workbook"]
        say(self.out, message_html("Đã mở dữ liệu xã mẫu (xã Hòa Mẫu, dữ liệu giả định). Chọn công cụ ở các thẻ "
                                  "phía trên."))
        say(self.out, frame_html(summary_frame(data), css_class="kh-bang kh-tom-tat"))
        self.on_loaded(data, "xã mẫu", path)

    def _on_upload(self, change) -> None:
        files = list(change["new"])
        if not files:
            return
        names = ", ".join(Path(f["name"]).name for f in files)
        say(self.out, message_html(f"Đang kiểm tra '{names}'…", "đã sửa"))
        path = save_upload(files)
        self.last_path = path
        data, problems = check_upload(path, names)
        clear(self.out)
        if data is None:
            n = sum(p.severity == LOI for p in problems)
            say(self.out, message_html(f"Sổ '{names}' có {n} lỗi nên chưa dùng được. Sửa trong Excel theo bảng dưới "
                                      "đây (trang, dòng, cột), lưu lại rồi tải lên lần nữa.", LOI))
            say(self.out, problems_html(problems))
            return
        say(self.out, message_html(f"Đã đọc sổ '{names}'. Chọn công cụ ở các thẻ phía trên."))
        say(self.out, frame_html(summary_frame(data), css_class="kh-bang kh-tom-tat"))
        if problems:
            say(self.out, "<p>Những điểm nên xem lại (không ngăn việc dùng sổ):</p>" + problems_html(problems))
        self.on_loaded(data, names, path)
