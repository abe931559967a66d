"""Charts: files exist, exact pixel sizes, Vietnamese titles and labels, house colours."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from PIL import Image

from khuyenhoc import charts
from khuyenhoc.charts import ChartError
from khuyenhoc.charts.style import COLORS, vn_formatter
from khuyenhoc.indicators import compute, fund_use
from test_indicators import tiny_commune

UNESCO = {
    "Học tập hòa nhập trong hệ thống giáo dục": 3, "Học tập sôi động trong gia đình và cộng đồng": 4,
    "Học tập hiệu quả cho và tại nơi làm việc": 2, "Sử dụng rộng rãi công nghệ học tập hiện đại": 2.5,
    "Nâng cao chất lượng và sự xuất sắc trong học tập": 3, "Văn hóa học tập suốt đời": 4,
}


@pytest.fixture(scope="module")
def tiny():
    return tiny_commune()


def _png_size(p):
    with Image.open(p) as im:
        return im.size


def test_progress_chart(tiny, tmp_path):
    t = compute(tiny, 2025, "xã")
    fig = charts.progress_chart(t, path=tmp_path / "a.png")
    ax = fig.axes[0]
    assert ax.get_title() == "Kết quả so với chỉ tiêu năm 2025 — Xã Đồng Tâm"
    texts = [x.get_text() for x in ax.texts]
    assert "Tỷ lệ hội viên trên dân số" in texts
    assert "20,0% / chỉ tiêu 19,5%" in texts and "75.000 đ/người / chỉ tiêu 50.000 đ/người" in texts
    # one bar per indicator with a target; green when met, vermillion when not
    bars = ax.patches
    assert len(bars) == int(t["target"].notna().sum())
    colours = {mcolors.to_hex(b.get_facecolor()) for b in bars}
    assert colours == {COLORS["met"].lower(), COLORS["not_met"].lower()}
    assert _png_size(tmp_path / "a.png") == (1080, 1350)  # many indicators: portrait
    few = charts.progress_chart(t, indicators=["hoi_vien_dan_so", "gdht"], path=tmp_path / "b.png")
    assert len(few.axes[0].patches) == 2 and _png_size(tmp_path / "b.png") == (1280, 720)


def test_trend_chart(tiny, tmp_path):
    t = compute(tiny, [2024, 2025], "xã")
    fig = charts.trend_chart(t, "hoi_vien", path=tmp_path / "t.png")
    ax = fig.axes[0]
    assert ax.get_title() == "Số hội viên — Xã Đồng Tâm"
    assert [x.get_text() for x in ax.get_xticklabels()] == ["2024", "2025"]
    assert list(ax.lines[0].get_ydata()) == [7.0, 8.0]
    assert _png_size(tmp_path / "t.png") == (1280, 720)


def test_village_chart_marks_lagging_villages(tiny, tmp_path):
    t = compute(tiny, 2025, "thôn")
    fig = charts.village_chart(t, "hoi_vien_dan_so", average=20.0, path=tmp_path / "v.png")
    ax = fig.axes[0]
    assert ax.get_title() == "Tỷ lệ hội viên trên dân số theo thôn, năm 2025"
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert labels == ["Thôn Tây", "Thôn Đông"]  # sorted, lowest first
    colours = [mcolors.to_hex(b.get_facecolor()) for b in ax.patches]
    assert colours == [COLORS["not_met"].lower(), COLORS["neutral"].lower()]
    legend = [x.get_text() for x in fig.legends[0].get_texts()]
    assert legend == ["Chỉ tiêu 19,5%", "Chung toàn xã 20,0%"]


def test_unesco_profile_is_square(tmp_path):
    fig = charts.unesco_profile_chart(UNESCO, path=tmp_path / "u.png")
    assert _png_size(tmp_path / "u.png") == (1080, 1080)
    ax = fig.axes[0]
    assert ax.name == "polar"
    assert [x.get_text().replace("\n", " ") for x in ax.get_xticklabels()] == list(UNESCO)
    with pytest.raises(ChartError, match="0–5"):
        charts.unesco_profile_chart({"a": 1, "b": 7, "c": 2})


def test_fund_use_chart(tiny, tmp_path):
    fig = charts.fund_use_chart(fund_use(tiny, 2025), 2025, unit_name="Xã Đồng Tâm", path=tmp_path / "f.png")
    texts = [x.get_text() for x in fig.axes[0].texts]
    assert "800.000 đ (40,0%)" in texts
    assert fig.axes[0].get_title() == "Sử dụng quỹ khuyến học năm 2025 — Xã Đồng Tâm"


def test_empty_inputs_give_vietnamese_errors():
    with pytest.raises(ChartError, match="Không có khoản chi"):
        charts.fund_use_chart(pd.DataFrame(columns=["purpose", "payments", "amount", "share"]))
    with pytest.raises(ChartError, match="Bảng chỉ tiêu rỗng"):
        charts.progress_chart(pd.DataFrame(columns=["unit_id", "year"]))


def test_vietnamese_axis_formatter():
    assert vn_formatter(0)(1234567, 0) == "1.234.567"
    assert vn_formatter(1, "%")(19.46, 0) == "19,5%"


def test_saved_file_is_complete_and_readable(tmp_path, tiny):
    p = tmp_path / "sub" / "x.png"
    charts.trend_chart(compute(tiny, [2024, 2025], "xã"), "quy_thu", path=p)
    assert p.exists() and [q.name for q in p.parent.iterdir()] == ["x.png"]  # no temp file left


def test_gallery_writes_one_chart_of_each_kind(tiny, tmp_path):
    from khuyenhoc.charts.gallery import KINDS, write_gallery

    paths = write_gallery(tmp_path, tiny, 2025)
    assert [p.stem for p in paths] == list(KINDS)
    sizes = {p.stem: _png_size(p) for p in paths}
    assert sizes["ho-so-unesco"] == (1080, 1080)
    assert sizes["xu-huong"] == (1280, 720) and sizes["chi-quy"] == (1280, 720)
