"""News items (Zalo post, commune radio, web page): the figures are the toolkit's, one chart, no personal data."""

from __future__ import annotations

import pytest
from PIL import Image

from khuyenhoc import sample
from khuyenhoc.fund import ledger
from khuyenhoc.indicators import compute
from khuyenhoc.indicators.vnformat import phan_tram, so, tien
from khuyenhoc.news import TEMPLATES, NewsError, news_figures, news_item, write_news
from khuyenhoc.privacy import personal_data_in


@pytest.fixture(scope="module")
def mau():
    return sample.load("mau")


@pytest.fixture(scope="module")
def figures(mau):
    return news_figures(mau, 2025)[0]


def test_figures_are_the_indicators_and_the_ledger(mau, figures):
    from khuyenhoc.news import FIELD_LABELS

    assert set(figures) == set(FIELD_LABELS)  # every field is documented, every documented field is filled
    ind = compute(mau, [2024, 2025], "xã")
    now = ind[ind["year"] == 2025].set_index("indicator")["value"]
    before = ind[ind["year"] == 2024].set_index("indicator")["value"]
    led = ledger(mau, 2025)
    assert figures["hoi_vien"] == so(now["hoi_vien"])
    assert figures["ty_le_hoi_vien"] == phan_tram(now["hoi_vien_dan_so"])
    assert figures["tang_giam_hoi_vien"] == f"tăng {so(now['hoi_vien'] - before['hoi_vien'])} người"
    assert figures["tong_thu"] == tien(led.total_receipts) and figures["so_du"] == tien(led.closing)
    assert figures["binh_quan"] == f"{so(now['quy_binh_quan'])} đồng"
    assert figures["so_voi_chi_tieu_quy"] == "vượt mức phấn đấu 50.000 đồng"  # the Thanh Oai example target
    assert figures["ty_le_gdht"] == phan_tram(now["gdht"])


@pytest.mark.parametrize("channel", list(TEMPLATES))
def test_each_channel_fills_every_field_and_names_nobody(mau, figures, channel):
    item = news_item(mau, 2025, channel, chart=None)
    assert "{" not in item.text and "}" not in item.text
    assert figures["hoi_vien"] in item.text and figures["tong_thu"] in item.text
    assert personal_data_in(str(item), mau) == []
    assert item.chart is None


def test_zalo_post_is_short_and_its_chart_square(mau, tmp_path):
    item = news_item(mau, 2025, "zalo", chart="quy")
    assert len(item.text) <= 800  # a post people read on a phone
    paths = write_news(item, tmp_path)
    assert [p.name for p in paths] == ["tin-zalo-2025.txt", "bieu-do-quy-2025.png"]
    assert paths[0].read_text(encoding="utf-8").startswith(item.title)
    assert Image.open(paths[1]).size == (1080, 1080)
    assert personal_data_in(paths[0], mau) == []


def test_other_charts_and_sizes(mau):
    page = news_item(mau, 2025, "trang", chart="chi_tieu")
    assert [round(x * 100) for x in page.chart.get_size_inches()] == [1280, 720]
    assert news_item(mau, 2025, "dai", chart="hoi_vien").chart.axes[0].get_title().startswith("Tỷ lệ hội viên")
    with pytest.raises(NewsError, match="Không có biểu đồ 'tron'"):
        news_item(mau, 2025, "zalo", chart="tron")


def test_a_name_in_the_text_is_refused(mau):
    name = mau.persons["full_name"].iloc[100]
    with pytest.raises(NewsError, match="dữ liệu cá nhân .*họ tên"):
        news_item(mau, 2025, "zalo", extra=f"Chúc mừng em {name} đỗ đại học!", chart=None)
    pid = mau.persons["person_id"].iloc[5]
    with pytest.raises(NewsError, match="mã cá nhân"):
        news_item(mau, 2025, "dai", template=f"Hồ sơ {pid}: {{hoi_vien}} hội viên", chart=None)


def test_own_template_and_mistakes(mau):
    item = news_item(mau, 2025, "zalo", template="Năm {nam} xã có {hoi_vien} hội viên.", title="Tin ngắn", chart=None)
    assert item.text.startswith("Năm 2025 xã có ") and item.title == "Tin ngắn"
    with pytest.raises(NewsError, match=r"chỗ \{so_ho\} không có số liệu"):
        news_item(mau, 2025, "zalo", template="Có {so_ho} hộ", chart=None)
    with pytest.raises(NewsError, match="sai dấu ngoặc"):
        news_item(mau, 2025, "zalo", template="Có {hoi_vien hội viên", chart=None)
    with pytest.raises(NewsError, match="Không có kênh 'facebook'"):
        news_item(mau, 2025, "facebook")


def test_cli_news(tmp_path, capsys):
    from khuyenhoc.cli import main

    assert main(["tin-bai", "--nam", "2025", "--kenh", "zalo", "--ra", str(tmp_path)]) == 0
    assert "HỘI KHUYẾN HỌC XÃ HÒA MẪU — NĂM 2025" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bieu-do-quy-2025.png", "tin-zalo-2025.txt"]
    mau = tmp_path / "mau.txt"
    mau.write_text("Xã có {so_nguoi} người", encoding="utf-8")
    assert main(["tin-bai", "--mau", str(mau)]) == 1
    assert "chỗ {so_nguoi} không có số liệu" in capsys.readouterr().err
