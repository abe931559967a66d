"""Biểu đồ để chia sẻ với hội viên: tiến độ so với chỉ tiêu, xu hướng, so sánh các thôn, hồ sơ UNESCO, chi quỹ.

Every function takes the tables of ``khuyenhoc.indicators`` (or ratings for the
UNESCO profile), returns a matplotlib ``Figure`` (shown in notebooks) and, when
``path`` is given, saves a PNG sized for chat apps (1280×720 or 1080×1080).

Ví dụ::

    >>> import pandas as pd
    >>> fig = unesco_profile_chart({"Học tập hòa nhập": 3, "Học tập trong gia đình": 4,
    ...                             "Học tập tại nơi làm việc": 2})
    >>> fig.axes[0].get_title()
    'Hồ sơ thành phố học tập (UNESCO)'
"""

from __future__ import annotations

import functools
import os
from typing import Iterable, Mapping

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..indicators.arithmetic import attainment, compare
from ..indicators.vnformat import gia_tri, so, tien
from .style import COLORS, OKABE_ITO, RC, SERIES, SIZES, new_figure, save, vn_formatter, wrap

__all__ = [
    "progress_chart", "trend_chart", "village_chart", "unesco_profile_chart", "fund_use_chart",
    "save", "new_figure", "SIZES", "OKABE_ITO", "ChartError",
]


class ChartError(ValueError):
    """Không vẽ được biểu đồ (thiếu số liệu); thông báo bằng tiếng Việt."""


def _styled(func):
    @functools.wraps(func)
    def inner(*args, path: str | os.PathLike | None = None, **kw) -> Figure:
        with matplotlib.rc_context(RC):
            fig = func(*args, **kw)
        if path is not None:
            save(fig, path)
        return fig

    return inner


def _one(table: pd.DataFrame, unit_id: str | None, year: int | None) -> tuple[pd.DataFrame, str, int]:
    if table.empty:
        raise ChartError("Bảng chỉ tiêu rỗng: không có số liệu để vẽ.")
    if unit_id is None:
        unit_id = table["unit_id"].iloc[0]
    t = table[table["unit_id"] == unit_id]
    if year is None:
        year = int(t["year"].max())
    t = t[t["year"] == year]
    if t.empty:
        raise ChartError(f"Không có số liệu của đơn vị '{unit_id}' năm {year}.")
    return t, str(t["unit_name"].iloc[0]), int(year)


def _value_label(v, unit) -> str:
    return _short(v, unit)


@_styled
def progress_chart(table: pd.DataFrame, unit_id: str | None = None, year: int | None = None, *,
                   indicators: Iterable[str] | None = None, size: str | None = None,
                   title: str | None = None) -> Figure:
    """Kết quả so với chỉ tiêu của một đơn vị trong một năm: mỗi chỉ tiêu một thanh (% mức chỉ tiêu đã đạt).

    ``table``: kết quả của ``khuyenhoc.indicators.compute``. Chỉ vẽ các chỉ tiêu có chỉ tiêu mục tiêu.
    Khổ mặc định: ngang 1280×720 khi có đến 6 chỉ tiêu, dọc 1080×1350 khi nhiều hơn.

    >>> t = pd.DataFrame({"indicator": ["a"], "name": ["Tỷ lệ hội viên"], "unit": ["%"], "unit_id": ["X"],
    ...     "unit_name": ["Xã A"], "year": [2025], "value": [20.0], "target": [19.5], "direction": [">="],
    ...     "met": [True]})
    >>> progress_chart(t).axes[0].get_title()
    'Kết quả so với chỉ tiêu năm 2025 — Xã A'
    """
    t, unit_name, year = _one(table, unit_id, year)
    if indicators is not None:
        t = t[t["indicator"].isin(list(indicators))]
    t = t[t["target"].notna() & t["value"].notna()]
    if t.empty:
        raise ChartError("Không có chỉ tiêu nào vừa có số liệu vừa có chỉ tiêu mục tiêu để so sánh.")
    value = t["value"].astype(float).to_numpy()
    target = t["target"].astype(float).to_numpy()
    # the toolkit's one arithmetic: attainment in the target's direction; "met" as the indicator table says
    pct = attainment(t["value"], t["target"], t["direction"]).astype(float).to_numpy(na_value=np.nan)
    pct = np.nan_to_num(pct, nan=200.0, posinf=200.0)  # only a value of 0 under a "≤" target has no ratio
    met = t["met"].fillna(False).astype(bool).to_numpy()
    fig = new_figure(size or ("ngang" if len(t) <= 6 else "doc"))
    ax = fig.axes[0]
    n = len(t)
    y = np.arange(n)[::-1].astype(float)
    shown = np.minimum(pct, 150)
    ax.barh(y - 0.12, shown, color=[COLORS["met"] if m else COLORS["not_met"] for m in met], height=0.42)
    ax.axvline(100, color=COLORS["target"], linestyle="--", linewidth=2)
    small = RC["font.size"] - 2
    for yi, s_, v, tg, u, name in zip(y, shown, value, target, t["unit"], t["name"]):
        ax.text(0, yi + 0.2, name, va="bottom", ha="left", fontsize=small, zorder=4,
                bbox=dict(facecolor="white", edgecolor="none", pad=1))
        ax.text(s_ + 2, yi - 0.12, f"{_short(v, u)} / chỉ tiêu {_short(tg, u)}", va="center",
                fontsize=small - 1, zorder=4, bbox=dict(facecolor="white", edgecolor="none", pad=1))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, 215)
    ax.set_ylim(-0.6, n - 0.2)
    ax.set_xticks([0, 50, 100, 150])
    ax.xaxis.set_major_formatter(vn_formatter(0, "%"))
    ax.set_xlabel("Mức đạt so với chỉ tiêu (%) — vạch đứt: chỉ tiêu")
    ax.set_title(title or wrap(f"Kết quả so với chỉ tiêu năm {year} — {unit_name}", 60))
    handles = [matplotlib.patches.Patch(color=COLORS["met"], label="Đạt"),
               matplotlib.patches.Patch(color=COLORS["not_met"], label="Chưa đạt")]
    fig.legend(handles=handles, loc="outside lower right", ncols=2, frameon=False)
    return fig


def _short(v, unit: str) -> str:
    """Compact value label: money per head as 'đ/người'."""
    if unit.startswith("đồng"):
        return f"{so(v)} đ" + unit[4:]
    return gia_tri(v, unit)


@_styled
def trend_chart(table: pd.DataFrame, indicator: str, unit_id: str | None = None, *, size: str = "ngang",
                title: str | None = None) -> Figure:
    """Xu hướng một chỉ tiêu qua các năm, kèm đường chỉ tiêu (nếu có).

    ``table``: kết quả của ``compute(data, year=None, ...)`` (nhiều năm).

    >>> t = pd.DataFrame({"indicator": ["a", "a"], "name": ["Số hội viên"] * 2, "unit": ["người"] * 2,
    ...     "unit_id": ["X", "X"], "unit_name": ["Xã A"] * 2, "year": [2024, 2025], "value": [7.0, 8.0],
    ...     "target": [None, None]})
    >>> trend_chart(t, "a").axes[0].get_title()
    'Số hội viên — Xã A'
    """
    t = table[table["indicator"] == indicator]
    if t.empty:
        raise ChartError(f"Không có số liệu của chỉ tiêu '{indicator}'.")
    if unit_id is None:
        unit_id = t["unit_id"].iloc[0]
    t = t[t["unit_id"] == unit_id].sort_values("year")
    unit = str(t["unit"].iloc[0])
    fig = new_figure(size)
    ax = fig.axes[0]
    years = t["year"].astype(int).to_numpy()
    vals = t["value"].astype(float).to_numpy()
    ax.plot(years, vals, marker="o", markersize=11, linewidth=3.5, color=COLORS["neutral"], label="Thực hiện")
    for x, v in zip(years, vals):
        if not np.isnan(v):
            ax.annotate(_value_label(v, unit), (x, v), textcoords="offset points", xytext=(0, 14), ha="center",
                        fontsize=RC["font.size"] - 2)
    tg = t["target"].astype(float).to_numpy()
    if np.isfinite(tg).any():
        ax.step(years, tg, where="mid", color=COLORS["target"], linestyle="--", linewidth=2, label="Chỉ tiêu")
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlabel("Năm")
    ax.set_ylabel(unit)
    pct = unit == "%"
    ax.yaxis.set_major_formatter(vn_formatter(0, "%" if pct else ""))
    top = np.nanmax(np.concatenate([vals, tg[np.isfinite(tg)]])) if np.isfinite(vals).any() else 1
    ax.set_ylim(0, max(top * 1.2, 1))
    ax.grid(axis="y", color=COLORS["grid"])
    ax.legend(loc="lower right", frameon=False)
    ax.set_title(title or wrap(f"{t['name'].iloc[0]} — {t['unit_name'].iloc[0]}", 60))
    return fig


@_styled
def village_chart(table: pd.DataFrame, indicator: str, year: int | None = None, *, size: str = "ngang",
                  average: float | None = None, title: str | None = None) -> Figure:
    """So sánh các thôn theo một chỉ tiêu: thôn chưa đạt tô màu đỏ son, đường chỉ tiêu và mức chung của xã.

    ``table``: kết quả của ``compute(data, year, level="thôn")``.

    >>> t = pd.DataFrame({"indicator": ["a", "a"], "name": ["Tỷ lệ hội viên"] * 2, "unit": ["%"] * 2,
    ...     "unit_id": ["A", "B"], "unit_name": ["Thôn A", "Thôn B"], "year": [2025, 2025],
    ...     "value": [25.0, 15.0], "target": [19.5, 19.5], "met": [True, False]})
    >>> village_chart(t, "a").axes[0].get_title()
    'Tỷ lệ hội viên theo thôn, năm 2025'
    """
    t = table[table["indicator"] == indicator]
    if t.empty:
        raise ChartError(f"Không có số liệu theo thôn của chỉ tiêu '{indicator}'.")
    year = int(t["year"].max()) if year is None else int(year)
    t = t[t["year"] == year].sort_values("value", ascending=True, na_position="first")
    unit = str(t["unit"].iloc[0])
    values = t["value"].astype("Float64")
    has = values.notna().to_numpy()
    vals = values.astype(float).to_numpy(na_value=np.nan)
    target = t["target"].astype(float).dropna()
    tg = float(target.iloc[0]) if len(target) else None
    direction = t["direction"] if "direction" in t.columns else pd.Series(">=", index=t.index)
    # lagging is what the indicator arithmetic says: "met" against the target, else the commune's level, in the
    # indicator's direction; a village without a value is not lagging, it has no figure
    if tg is not None and "met" in t.columns:
        lag = (t["met"].astype("boolean") == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    elif average is not None:
        _, met = compare(values, pd.Series(average, index=t.index, dtype="Float64"), direction)
        lag = (met == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    else:
        lag = np.zeros(len(t), dtype=bool)
    fig = new_figure(size)
    ax = fig.axes[0]
    y = np.arange(len(t))
    ax.barh(y[has], vals[has], color=[COLORS["not_met"] if x else COLORS["neutral"] for x in lag[has]], height=0.65)
    ax.set_yticks(y, [wrap(n, 24) for n in t["unit_name"]])
    xmax = max(np.nanmax(vals) if has.any() else 1, tg or 0, average or 0) * 1.25 or 1
    for yi, v, ok in zip(y, vals, has):
        ax.text((v if ok else 0) + xmax * 0.01, yi, _value_label(v, unit) if ok else "chưa có số liệu", va="center",
                fontsize=RC["font.size"] - 3)
    if tg is not None:
        ax.axvline(tg, color=COLORS["target"], linestyle="--", linewidth=2, label=f"Chỉ tiêu {_value_label(tg, unit)}")
    if average is not None:
        ax.axvline(average, color=COLORS["average"], linestyle=":", linewidth=3,
                   label=f"Chung toàn xã {_value_label(average, unit)}")
    ax.set_xlim(0, xmax)
    ax.xaxis.set_major_formatter(vn_formatter(0, "%" if unit == "%" else ""))
    ax.set_xlabel(unit)
    if tg is not None or average is not None:
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=2, frameon=False)
    ax.set_title(title or wrap(f"{t['name'].iloc[0]} theo thôn, năm {year}", 60))
    return fig


@_styled
def unesco_profile_chart(ratings: Mapping[str, float] | pd.Series | pd.DataFrame, *, scale: float = 5,
                         size: str = "vuong", title: str | None = None) -> Figure:
    """Hồ sơ theo các khối nền tảng của thành phố học tập UNESCO (biểu đồ mạng nhện).

    ``ratings``: {tên khối: điểm} (hoặc bảng có cột ``block``/``rating``), điểm từ 0 đến ``scale``.
    The catalogue of blocks is owned by ``khuyenhoc.catalogues``; this chart only draws ratings.

    >>> fig = unesco_profile_chart({"A": 1, "B": 2, "C": 3}, scale=4)
    >>> fig.get_size_inches().tolist()
    [10.8, 10.8]
    """
    if isinstance(ratings, pd.DataFrame):
        name_col = "block" if "block" in ratings.columns else ratings.columns[0]
        val_col = "rating" if "rating" in ratings.columns else ratings.columns[-1]
        ratings = pd.Series(ratings[val_col].to_numpy(), index=ratings[name_col].to_numpy())
    s = pd.Series(ratings, dtype=float)
    if len(s) < 3:
        raise ChartError("Cần ít nhất 3 khối để vẽ biểu đồ mạng nhện.")
    if ((s < 0) | (s > scale)).any():
        raise ChartError(f"Điểm phải trong khoảng 0–{so(scale)}.")
    fig = new_figure(size, polar=True)
    ax = fig.axes[0]
    n = len(s)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    vals = s.to_numpy()
    closed_a = np.concatenate([angles, angles[:1]])
    closed_v = np.concatenate([vals, vals[:1]])
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    ax.plot(closed_a, closed_v, color=COLORS["neutral"], linewidth=3.5)
    ax.fill(closed_a, closed_v, color=OKABE_ITO["xanh_troi"], alpha=0.35)
    ax.scatter(angles, vals, s=90, color=COLORS["neutral"], zorder=3)
    for a, v in zip(angles, vals):
        ax.annotate(so(v, 1 if v != int(v) else 0), (a, v), textcoords="offset points", xytext=(0, 12),
                    ha="center", fontsize=RC["font.size"] - 1, fontweight="bold")
    ax.set_xticks(angles, [wrap(b, 18) for b in s.index])
    ax.set_ylim(0, scale)
    ax.set_yticks(np.arange(1, int(scale) + 1))
    ax.yaxis.set_major_formatter(vn_formatter(0))
    ax.tick_params(axis="x", pad=28)
    ax.set_title(title or "Hồ sơ thành phố học tập (UNESCO)", pad=40)
    return fig


@_styled
def fund_use_chart(table: pd.DataFrame, year: int | None = None, *, size: str = "ngang",
                   unit_name: str = "", title: str | None = None) -> Figure:
    """Chi quỹ khuyến học theo nội dung chi (số tiền và tỷ lệ).

    ``table``: kết quả của ``khuyenhoc.indicators.fund_use``.

    >>> t = pd.DataFrame({"purpose": ["Học bổng"], "payments": [2], "amount": [800000], "share": [100.0]})
    >>> fund_use_chart(t, 2025).axes[0].get_title()
    'Sử dụng quỹ khuyến học năm 2025'
    """
    if table.empty:
        raise ChartError("Không có khoản chi quỹ khuyến học nào trong năm.")
    t = table.sort_values("amount")
    fig = new_figure(size)
    ax = fig.axes[0]
    y = np.arange(len(t))
    amt = t["amount"].astype(float).to_numpy()
    ax.barh(y, amt, color=[SERIES[i % len(SERIES)] for i in range(len(t))][::-1], height=0.65)
    ax.set_yticks(y, [wrap(p, 26) for p in t["purpose"]])
    for yi, a, sh in zip(y, amt, t["share"].astype(float)):
        ax.text(a + amt.max() * 0.01, yi, f"{tien(a)} ({so(sh, 1)}%)", va="center", fontsize=RC["font.size"] - 3)
    ax.set_xlim(0, amt.max() * 1.45)
    ax.xaxis.set_major_formatter(vn_formatter(0))
    ax.set_xlabel("Số tiền (đồng)")
    head = f"Sử dụng quỹ khuyến học năm {year}" if year else "Sử dụng quỹ khuyến học"
    ax.set_title(title or (f"{head} — {unit_name}" if unit_name else head))
    return fig
