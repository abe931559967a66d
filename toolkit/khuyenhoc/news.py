"""Tin bài ngắn về công tác khuyến học: bài Zalo, tin cho đài truyền thanh xã, tin cho trang thông tin — số liệu đúng
và một biểu đồ, chỉ số liệu tổng hợp.

The figures come from the toolkit (``indicators.compute`` and ``fund.ledger``),
so the text says what the registers say; the officer chooses a template (or
writes one with ``{…}`` fields) and may add a sentence of their own. Before
anything is written, the text is checked with ``privacy.personal_data_in``:
a news item that names a resident (or carries a person's code or birth date) is
refused — the news item is public.

Ví dụ::

    >>> fill("Xã có {hoi_vien} hội viên.", {"hoi_vien": "1.611"})
    'Xã có 1.611 hội viên.'
    >>> fill("Xã có {so_nguoi} người.", {"hoi_vien": "1.611"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    khuyenhoc.news.NewsError: Mẫu tin có chỗ {so_nguoi} không có số liệu; các chỗ dùng được: hoi_vien.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import pandas as pd

from . import charts
from .atomic import atomic_path
from .data import CommuneData
from .fund import ledger
from .indicators import compute
from .indicators.vnformat import phan_tram, so, tien
from .privacy import personal_data_in

__all__ = ["NewsItem", "NewsError", "news_figures", "news_item", "write_news", "fill", "TEMPLATES", "CHARTS",
           "FIELD_LABELS"]


class NewsError(ValueError):
    """Không lập được tin bài (thông báo tiếng Việt)."""


#: Templates by channel: (title, text). Fields in {…} are filled by ``news_figures``.
TEMPLATES: dict[str, tuple[str, str]] = {
    "zalo": (
        "Khuyến học {xa} năm {nam}: những con số",
        "📣 HỘI KHUYẾN HỌC {XA} — NĂM {nam}\n"
        "👥 {hoi_vien} hội viên, bằng {ty_le_hoi_vien} dân số; kết nạp mới {hoi_vien_moi} người.\n"
        "💰 Quỹ khuyến học thu {tong_thu}, bình quân {binh_quan} mỗi người dân ({so_voi_chi_tieu_quy}).\n"
        "🎓 Trao {so_suat} suất học bổng, khen thưởng, tổng trị giá {tien_hoc_bong}.\n"
        "🏠 {ty_le_gdht} số hộ đạt danh hiệu Gia đình học tập.\n"
        "Cảm ơn hội viên, các dòng họ, doanh nghiệp và nhà hảo tâm đã chung tay vì việc học của con em trong xã! "
        "#khuyenhoc #hoctapsuotdoi",
    ),
    "dai": (
        "Hội Khuyến học {xa} tổng kết công tác năm {nam}",
        "Kính thưa bà con nhân dân!\n"
        "Năm {nam}, Hội Khuyến học {xa} có {hoi_vien} hội viên, bằng {ty_le_hoi_vien} dân số toàn xã; trong năm "
        "các chi hội kết nạp thêm {hoi_vien_moi} hội viên mới. Toàn xã có {so_chi_hoi} chi hội khuyến học ở các "
        "thôn, cơ quan, trường học và doanh nghiệp.\n"
        "Quỹ khuyến học năm {nam} thu được {tong_thu}, bình quân {binh_quan} mỗi người dân, {so_voi_chi_tieu_quy}. "
        "Hội đã chi {tong_chi}; số dư quỹ cuối năm là {so_du}. Trong năm đã trao {so_suat} suất học bổng, "
        "khen thưởng với tổng trị giá {tien_hoc_bong}.\n"
        "Phong trào xây dựng gia đình học tập tiếp tục lan tỏa: {ty_le_gdht} số hộ trong xã đạt danh hiệu Gia đình "
        "học tập.\n"
        "Hội Khuyến học xã trân trọng cảm ơn bà con, các dòng họ, doanh nghiệp và nhà hảo tâm đã đóng góp cho quỹ, "
        "và mong tiếp tục nhận được sự chung tay của toàn dân vì việc học của con em chúng ta.",
    ),
    "trang": (
        "{XA_HOA}: {hoi_vien} hội viên khuyến học, quỹ khuyến học đạt {binh_quan} mỗi người dân",
        "Năm {nam}, Hội Khuyến học {xa} có {hoi_vien} hội viên (bằng {ty_le_hoi_vien} dân số), {tang_giam_hoi_vien} "
        "so với năm {nam_truoc}; {so_chi_hoi} chi hội sinh hoạt ở thôn, cơ quan, trường học và doanh nghiệp.\n"
        "Quỹ khuyến học thu {tong_thu}, bình quân {binh_quan} mỗi người dân ({so_voi_chi_tieu_quy}); chi {tong_chi}; "
        "số dư cuối năm {so_du}. Trong năm đã trao {so_suat} suất học bổng, khen thưởng, tổng trị giá "
        "{tien_hoc_bong}.\n"
        "Tỷ lệ hộ đạt danh hiệu Gia đình học tập là {ty_le_gdht}.",
    ),
}
CHANNEL_NAMES = {"zalo": "bài đăng Zalo", "dai": "tin cho đài truyền thanh xã", "trang": "tin cho trang thông tin xã"}
#: Charts: name → what it shows.
CHARTS = {"quy": "sử dụng quỹ khuyến học", "chi_tieu": "kết quả so với chỉ tiêu", "hoi_vien": "tỷ lệ hội viên qua các năm"}

#: Fields usable in a template, with what they hold.
FIELD_LABELS = {
    "nam": "năm", "nam_truoc": "năm trước", "xa": "tên xã viết giữa câu", "XA": "tên xã in hoa",
    "XA_HOA": "tên xã viết hoa chữ đầu", "hoi_vien": "số hội viên", "ty_le_hoi_vien": "tỷ lệ hội viên trên dân số",
    "hoi_vien_moi": "số hội viên kết nạp trong năm", "tang_giam_hoi_vien": "tăng, giảm so với năm trước",
    "so_chi_hoi": "số chi hội", "tong_thu": "tổng thu quỹ", "tong_chi": "tổng chi quỹ", "so_du": "số dư cuối năm",
    "binh_quan": "quỹ bình quân đầu người", "so_voi_chi_tieu_quy": "so với chỉ tiêu quỹ bình quân",
    "so_suat": "số suất học bổng, khen thưởng", "tien_hoc_bong": "tổng giá trị học bổng, khen thưởng",
    "ty_le_gdht": "tỷ lệ hộ đạt Gia đình học tập",
}


def fill(template: str, figures: Mapping[str, str]) -> str:
    """Điền số liệu vào mẫu; chỗ {…} không có số liệu → ``NewsError`` nêu các chỗ dùng được."""
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as e:
        raise NewsError(f"Mẫu tin viết sai dấu ngoặc {{ }}: {e}. Mỗi chỗ điền số liệu viết dạng {{hoi_vien}}.") from None
    unknown = [f for f in names if f not in figures]
    if unknown:
        raise NewsError(f"Mẫu tin có chỗ {{{unknown[0]}}} không có số liệu; các chỗ dùng được: "
                        f"{', '.join(figures)}.")
    try:
        return template.format(**figures)
    except (ValueError, IndexError) as e:
        raise NewsError(f"Mẫu tin viết sai dấu ngoặc {{ }}: {e}. Mỗi chỗ điền số liệu viết dạng {{hoi_vien}}.") from None


def news_figures(data: CommuneData, year: int) -> tuple[dict[str, str], pd.DataFrame]:
    """Các con số (đã viết kiểu Việt Nam) để điền vào tin, và bảng chỉ tiêu cấp xã của các năm đến ``year``."""
    led = ledger(data, year)
    years = sorted({y for y in (year - 2, year - 1, year)})
    t = compute(data, years, "xã")
    t = t[t["unit_id"] == led.commune_id]
    cur = t[t["year"] == year].set_index("indicator")
    prev = t[t["year"] == year - 1].set_index("indicator")

    def val(ind: str, frame=cur):
        v = frame["value"].get(ind) if ind in frame.index else None
        return None if v is None or pd.isna(v) else float(v)

    members, before = val("hoi_vien"), val("hoi_vien", prev)
    per_head = val("quy_binh_quan")
    target = cur["target"].get("quy_binh_quan") if "quy_binh_quan" in cur.index else None
    if per_head is None or target is None or pd.isna(target):
        compare = "chưa có chỉ tiêu để so sánh"
    elif per_head >= float(target):
        compare = f"vượt mức phấn đấu {so(target)} đồng"
    else:
        compare = f"chưa đạt mức phấn đấu {so(target)} đồng"
    name = led.commune_name
    low = name[:1].lower() + name[1:]
    figs = {
        "nam": str(year), "nam_truoc": str(year - 1), "xa": low, "XA": name.upper(), "XA_HOA": name,
        "hoi_vien": so(members), "ty_le_hoi_vien": phan_tram(val("hoi_vien_dan_so")),
        "hoi_vien_moi": so(val("hoi_vien_moi")),
        "tang_giam_hoi_vien": _change(members, before),
        "so_chi_hoi": so(int((data.branches["founded"] <= pd.Timestamp(f"{year}-12-31")).sum())),
        "tong_thu": tien(led.total_receipts), "tong_chi": tien(led.total_spending), "so_du": tien(led.closing),
        "binh_quan": "–" if per_head is None else f"{so(per_head)} đồng", "so_voi_chi_tieu_quy": compare,
        "so_suat": so(val("hoc_bong_so_suat")), "tien_hoc_bong": tien(val("hoc_bong_gia_tri")),
        "ty_le_gdht": phan_tram(val("gdht")),
    }
    return figs, t


def _change(now: float | None, before: float | None) -> str:
    """'tăng 105 người', 'giảm 3 người', 'không đổi' hoặc 'chưa có số liệu năm trước'.

    >>> _change(1611, 1506), _change(10, 13), _change(5, 5), _change(5, None)
    ('tăng 105 người', 'giảm 3 người', 'không đổi', 'chưa có số liệu năm trước')
    """
    if now is None or before is None:
        return "chưa có số liệu năm trước"
    d = now - before
    return "không đổi" if d == 0 else f"{'tăng' if d > 0 else 'giảm'} {so(abs(d))} người"


@dataclass
class NewsItem:
    """Một tin bài: kênh, tiêu đề, nội dung, các con số đã dùng, biểu đồ (hình matplotlib)."""

    channel: str
    year: int
    title: str
    text: str
    figures: dict[str, str]
    chart_name: str | None = None
    chart: object | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return f"{self.title}\n\n{self.text}"


def _refuse_personal(text: str, data: CommuneData) -> None:
    found = personal_data_in(text, data)
    if found:
        shown = ", ".join(f"{f.kind} '{f.value}'" for f in found[:5])
        raise NewsError(f"Tin bài có dữ liệu cá nhân ({shown}). Tin bài là công khai: chỉ dùng số liệu tổng hợp; "
                        "muốn nêu gương một người thì phải có sự đồng ý của người đó (trẻ từ đủ 7 tuổi: cả trẻ và "
                        "cha mẹ) và đăng riêng.")


def _chart(name: str, data: CommuneData, year: int, table: pd.DataFrame, channel: str):
    size = "vuong" if channel == "zalo" else "ngang"
    if name == "quy":
        led = ledger(data, year)
        return charts.fund_use_chart(led.spending_by_purpose, year, size=size, unit_name=led.commune_name)
    if name == "chi_tieu":
        return charts.progress_chart(table[table["year"] == year], year=year, size=size)
    if name == "hoi_vien":
        return charts.trend_chart(table, "hoi_vien_dan_so", size=size)
    raise AssertionError(name)  # checked by news_item


def news_item(data: CommuneData, year: int, channel: str = "zalo", *, template: str | None = None,
              title: str | None = None, extra: str = "", chart: str | None = "quy") -> NewsItem:
    """Lập một tin bài năm ``year`` cho ``channel`` (``"zalo"``, ``"dai"``, ``"trang"``) với một biểu đồ.

    ``template``: mẫu riêng có các chỗ {…} (xem ``FIELD_LABELS``); ``extra``: một câu thêm của cán bộ;
    ``chart``: ``"quy"``, ``"chi_tieu"``, ``"hoi_vien"`` hoặc ``None`` (không có biểu đồ).
    Tin có họ tên, mã hay ngày sinh của người dân trong sổ → ``NewsError`` (tin bài là công khai).
    """
    if channel not in TEMPLATES:
        raise NewsError(f"Không có kênh '{channel}'; chọn một trong: {', '.join(TEMPLATES)}.")
    if chart is not None and chart not in CHARTS:
        raise NewsError(f"Không có biểu đồ '{chart}'; chọn một trong: {', '.join(CHARTS)}.")
    t_title, t_text = TEMPLATES[channel]
    template = t_text if template is None else template
    title = t_title if title is None else title
    placeholder = dict.fromkeys(FIELD_LABELS, "")
    fill(template, placeholder)  # a wrong field fails before any figure is computed
    fill(title, placeholder)
    _refuse_personal(f"{title}\n{template}\n{extra}", data)
    figs, table = news_figures(data, int(year))
    text = fill(template, figs)
    if extra.strip():
        text = f"{text}\n{extra.strip()}"
    head = fill(title, figs)
    _refuse_personal(f"{head}\n{text}", data)
    fig = _chart(chart, data, int(year), table, channel) if chart else None
    return NewsItem(channel=channel, year=int(year), title=head, text=text, figures=figs, chart_name=chart, chart=fig)


def write_news(item: NewsItem, folder: str | os.PathLike) -> list[Path]:
    """Ghi tin bài (.txt, UTF-8) và biểu đồ (.png) vào ``folder``; trả về các tệp đã ghi.

    >>> item = NewsItem("zalo", 2025, "Tiêu đề", "Nội dung", {})
    >>> import tempfile
    >>> [p.name for p in write_news(item, tempfile.mkdtemp())]
    ['tin-zalo-2025.txt']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"tin-{item.channel}-{item.year}.txt"
    with atomic_path(out) as tmp:
        tmp.write_text(str(item) + "\n", encoding="utf-8")
    written = [out]
    if item.chart is not None:
        written.append(charts.save(item.chart, folder / f"bieu-do-{item.chart_name}-{item.year}.png"))
    return written

