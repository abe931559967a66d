"""Phong cách chung của các biểu đồ: chữ to, bảng màu Okabe–Ito, số kiểu Việt Nam, khổ ảnh để chia sẻ.

Figures are built with ``matplotlib.figure.Figure`` directly (no pyplot state,
no GUI backend): they render with Agg offline, show in notebooks, and are saved
at an exact pixel size.

Ví dụ::

    >>> fig = new_figure("ngang")
    >>> fig.get_size_inches().tolist(), fig.dpi
    ([12.8, 7.2], 100)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)  # no-op in notebooks that already chose a backend

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from ..indicators.vnformat import so  # noqa: E402

__all__ = ["OKABE_ITO", "COLORS", "SIZES", "new_figure", "save", "vn_formatter", "wrap"]

#: Okabe–Ito colour-blind-safe palette.
OKABE_ITO = {
    "cam": "#E69F00", "xanh_troi": "#56B4E9", "xanh_la": "#009E73", "vang": "#F0E442",
    "xanh_duong": "#0072B2", "do_son": "#D55E00", "tim": "#CC79A7", "den": "#000000",
}
COLORS = {
    "met": OKABE_ITO["xanh_la"], "not_met": OKABE_ITO["do_son"], "neutral": OKABE_ITO["xanh_duong"],
    "target": OKABE_ITO["den"], "average": OKABE_ITO["cam"], "grid": "#D9D9D9",
}
SERIES = [OKABE_ITO[k] for k in ("xanh_duong", "cam", "xanh_la", "do_son", "tim", "xanh_troi", "vang", "den")]

#: Pixel sizes that share well in chat apps (Zalo, Messenger): 16:9 and square.
SIZES = {"ngang": (1280, 720), "vuong": (1080, 1080), "doc": (1080, 1350)}

BASE_FONT = 18  # large type for older eyes

RC = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib, full Vietnamese coverage
    "font.size": BASE_FONT,
    "axes.titlesize": BASE_FONT + 6,
    "axes.titleweight": "bold",
    "axes.labelsize": BASE_FONT + 1,
    "xtick.labelsize": BASE_FONT - 1,
    "ytick.labelsize": BASE_FONT - 1,
    "legend.fontsize": BASE_FONT - 2,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.edgecolor": "#444444",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
}


def new_figure(size: str | tuple[int, int] = "ngang", polar: bool = False) -> Figure:
    """Hình mới đúng khổ (``"ngang"`` 1280×720, ``"vuong"`` 1080×1080, ``"doc"`` 1080×1350 hoặc (rộng, cao) điểm ảnh).

    >>> new_figure("vuong").get_size_inches().tolist()
    [10.8, 10.8]
    """
    w, h = SIZES[size] if isinstance(size, str) else size
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(w / 100, h / 100), dpi=100, layout="constrained")
        fig.add_subplot(projection="polar" if polar else None)
    return fig


def vn_formatter(decimals: int = 0, suffix: str = "") -> FuncFormatter:
    """Định dạng trục số kiểu Việt Nam (1.234.567; 19,5%).

    >>> vn_formatter(1, "%")(19.46, 0)
    '19,5%'
    """
    return FuncFormatter(lambda x, _pos: f"{so(x, decimals)}{suffix}")


def wrap(text: str, width: int = 28) -> str:
    """Xuống dòng nhãn dài cho dễ đọc.

    >>> wrap("Tỷ lệ hộ đạt Gia đình học tập", 15)
    'Tỷ lệ hộ đạt\\nGia đình học\\ntập'
    """
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def save(fig: Figure, path: str | os.PathLike) -> Path:
    """Lưu hình thành PNG đúng khổ điểm ảnh (ghi tệp tạm rồi đổi tên: không bao giờ để lại tệp dở).

    >>> import tempfile, os
    >>> p = save(new_figure(), os.path.join(tempfile.mkdtemp(), "a.png"))
    >>> p.suffix
    '.png'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".png", dir=path.parent)
    os.close(fd)
    try:
        with matplotlib.rc_context(RC):
            fig.savefig(tmp, dpi=fig.dpi, format="png", metadata={"Software": "khuyenhoc"})
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
