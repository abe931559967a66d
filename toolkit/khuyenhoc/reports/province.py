"""Báo cáo tổng hợp của tỉnh từ sổ dữ liệu của nhiều xã: xã nào chưa báo cáo, xã nào dữ liệu có lỗi,
và các chỉ tiêu cộng dồn lên cấp tỉnh.

Each commune's workbook (an .xlsx file or a folder of CSV files) is read with
``khuyenhoc.intake.check``; indicators are computed per commune, then their
numerators and denominators are summed (the DHIS2 way), so two communes that use
the same internal codes never mix.

Ví dụ::

    >>> STATUS_OK, STATUS_MISSING, STATUS_INVALID
    ('Đã báo cáo', 'Chưa báo cáo', 'Dữ liệu có lỗi')
"""

from __future__ import annotations

import multiprocessing as mp
import os
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
from openpyxl import Workbook

from ..atomic import atomic_path
from ..data import CommuneData
from ..indicators import compute, load_definitions, load_targets
from ..indicators.compute import _choose_targets
from ..indicators.vnformat import ngay_thang_nam, phan_tram, so, so_theo_don_vi
from .annex import write_frame
from .annual import ReportError, verdict
from .nd30 import Header, Nd30Document, Signature
from .settings import load_settings

__all__ = ["province_rollup", "RollupResult", "find_sources", "expected_communes", "default_workers",
           "STATUS_OK", "STATUS_MISSING", "STATUS_INVALID"]

STATUS_OK, STATUS_MISSING, STATUS_INVALID = "Đã báo cáo", "Chưa báo cáo", "Dữ liệu có lỗi"
_ROOT = "__tinh__"


def _key(s: str) -> str:
    return unicodedata.normalize("NFC", str(s)).casefold().strip()


def find_sources(folder: str | os.PathLike) -> list[Path]:
    """Các sổ dữ liệu trong thư mục: mỗi tệp .xlsx và mỗi thư mục con có tệp .csv.

    >>> import tempfile
    >>> find_sources(tempfile.mkdtemp())
    []
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(f"Không tìm thấy thư mục '{folder}'.")
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".xlsx" and not p.name.startswith(("~$", "."))]
    dirs = [p for p in folder.iterdir() if p.is_dir() and any(p.glob("*.csv"))]
    if any(folder.glob("*.csv")):
        dirs.append(folder)
    return sorted(files + dirs)


def expected_communes(source: str | os.PathLike | Iterable[str] | pd.DataFrame) -> pd.DataFrame:
    """Danh sách xã phải báo cáo: từ tệp đơn vị hành chính của tỉnh (.xlsx/.csv, cột 'Mã đơn vị', 'Tên đơn vị',
    'Cấp') hoặc từ một danh sách mã/tên xã.

    >>> expected_communes(["T01-X01", "T01-X02"])["unit_id"].tolist()
    ['T01-X01', 'T01-X02']
    """
    if isinstance(source, pd.DataFrame):
        df = source
    elif isinstance(source, (str, os.PathLike)) and Path(source).suffix.lower() in (".xlsx", ".csv"):
        p = Path(source)
        if not p.exists():
            raise ReportError(f"Không tìm thấy tệp danh sách xã '{p}'.")
        if p.suffix.lower() == ".csv":
            df = pd.read_csv(p, dtype=str, encoding="utf-8-sig")
        else:
            sheets = pd.read_excel(p, sheet_name=None, dtype=str)
            df = next((d for name, d in sheets.items() if _key(name) in (_key("Đơn vị hành chính"), "admin_units")),
                      next(iter(sheets.values())))
        from ..schema import table

        headers = {c.header: c.name for c in table("admin_units").columns}
        df = df.rename(columns=lambda c: headers.get(str(c).strip(), str(c).strip()))
        if "unit_id" not in df.columns:
            raise ReportError(f"Tệp '{p}' thiếu cột 'Mã đơn vị'.")
    else:
        ids = [str(x) for x in source]  # type: ignore[union-attr]
        return pd.DataFrame({"unit_id": ids, "name": ids})
    if "level" in df.columns:
        df = df[df["level"].map(lambda v: _key(v) if isinstance(v, str) else "") == "xã"]
    if "name" not in df.columns:
        df = df.assign(name=df["unit_id"])
    return df[["unit_id", "name"]].reset_index(drop=True)


@dataclass
class RollupResult:
    """Kết quả tổng hợp: tình trạng báo cáo của các xã, chỉ tiêu từng xã, chỉ tiêu toàn tỉnh."""

    year: int
    status: pd.DataFrame
    communes: pd.DataFrame
    province: pd.DataFrame
    written: list[Path] = field(default_factory=list)

    @property
    def reporting_rate(self) -> float:
        """Tỷ lệ xã đã báo cáo với dữ liệu hợp lệ (%)."""
        n = len(self.status)
        return float((self.status["status"] == STATUS_OK).sum() / n * 100) if n else float("nan")


def _with_root(data: CommuneData) -> CommuneData:
    """Make sure the commune hangs under a province unit, so province-level measures can be summed."""
    au = data.admin_units
    if (au["level"] == "tỉnh").any():
        return data
    au = au.copy()
    au.loc[au["level"] == "xã", "parent_id"] = _ROOT
    root = pd.DataFrame({"unit_id": [_ROOT], "name": ["Tỉnh"], "level": ["tỉnh"], "kind": ["tỉnh"]})
    return data.replace(admin_units=pd.concat([au, root], ignore_index=True))


def _sum_up(parts: pd.DataFrame, targets: pd.DataFrame, year: int, definitions) -> pd.DataFrame:
    defs = definitions.frame().set_index("id")
    g = parts.groupby("indicator", sort=False).agg(numerator=("numerator", "sum"),
                                                   denominator=("denominator", lambda s: s.sum(min_count=1)))
    g = g.reset_index()
    g["factor"] = g["indicator"].map(defs["factor"]).astype(float)
    has_den = g["indicator"].map(defs["denominator"]).notna()
    den = g["denominator"].astype(float).replace(0, np.nan)
    g["value"] = np.where(has_den, g["numerator"].astype(float) / den * g["factor"], g["numerator"].astype(float))
    g["factor"] = np.where(has_den, g["factor"], 1.0)
    for c in ("name", "unit", "group_name", "direction"):
        g[c] = g["indicator"].map(defs[c] if c != "group_name" else defs["group_name"])
    g["order"] = g["indicator"].map(defs["order"])
    ch = _choose_targets(targets, list(g["indicator"]), [year])
    g = g.merge(ch.drop(columns=["year"]), on="indicator", how="left")
    sign = np.where(g["direction"] == "<=", -1.0, 1.0)
    g["gap"] = (g["value"] - g["target"].astype(float)) * sign
    g["met"] = pd.array(np.where(g["gap"].isna(), None, g["gap"] >= -1e-9), dtype="boolean")
    g["year"] = year
    return g.sort_values("order").drop(columns="order").reset_index(drop=True)


def default_workers() -> int:
    """Số tiến trình nên dùng để đọc sổ các xã: số lõi của máy, tối đa 4.

    >>> 1 <= default_workers() <= 4
    True
    """
    return max(1, min(os.cpu_count() or 1, 4))


def _workers(requested: int | None, n_sources: int) -> int:
    """How many processes read the communes: as asked (default 1), never more than there are sources."""
    return max(1, min(int(requested or 1), n_sources))


def _read_commune(src: Path, year: int, targets: pd.DataFrame, definitions=None) -> dict:
    """Read and check one commune's workbook; its indicators (commune level, and its share of the province's)."""
    from ..intake import check

    definitions = definitions or load_definitions()
    data, problems = check(src)
    n_err = sum(p.severity == "lỗi" for p in problems)
    n_warn = sum(p.severity == "cảnh báo" for p in problems)
    if data is None:
        return {"rows": [{"unit_id": None, "name": None, "source": src.name, "status": STATUS_INVALID,
                          "errors": n_err, "warnings": n_warn}], "x": None, "t": None}
    both = compute(_with_root(data), year, ["xã", "tỉnh"], targets=targets, definitions=definitions)
    x = both[both["level"] == "xã"].reset_index(drop=True)
    t = both[both["level"] == "tỉnh"]
    rows = [{"unit_id": c["unit_id"], "name": c["name"], "source": src.name, "status": STATUS_OK,
             "errors": n_err, "warnings": n_warn} for c in data.communes().to_dict("records")]
    return {"rows": rows, "x": x, "t": t[["indicator", "numerator", "denominator"]]}


def province_rollup(folder: str | os.PathLike, year: int, *, expected: str | os.PathLike | Iterable[str] | None = None,
                    out_dir: str | os.PathLike | None = None, province_name: str = "",
                    targets: pd.DataFrame | str | Path | None = None, settings=None,
                    progress: Callable[[Iterable], Iterable] | None = None,
                    workers: int | None = None) -> RollupResult:
    """Tổng hợp năm ``year`` từ các sổ dữ liệu xã trong ``folder``.

    ``expected``: tệp đơn vị hành chính của tỉnh hoặc danh sách mã xã phải báo cáo
    (không có: các xã tìm thấy trong thư mục). ``out_dir``: ghi thêm báo cáo .docx và
    bảng .xlsx tổng hợp. ``progress``: hàm bọc vòng lặp (ví dụ ``tqdm``).
    ``workers``: số tiến trình đọc sổ cùng lúc (mặc định 1: đọc lần lượt; ``default_workers()``: theo số lõi
    máy). Với ``workers`` > 1 trong một tệp .py, gọi hàm này bên trong khối ``if __name__ == "__main__":``
    (mỗi tiến trình con nạp lại tệp chính); trong sổ tay Jupyter và lệnh ``khuyenhoc province`` thì không cần.

    >>> import tempfile
    >>> r = province_rollup(tempfile.mkdtemp(), 2025, expected=["T01-X01"])
    >>> r.status["status"].tolist()
    ['Chưa báo cáo']
    """
    definitions = load_definitions()
    if not isinstance(targets, pd.DataFrame):
        targets = load_targets(targets, definitions)
    sources = find_sources(folder)
    rows, parts_x, parts_t = [], [], []
    wrap = progress or (lambda it: it)
    n_workers = _workers(workers, len(sources))
    if n_workers > 1:
        ctx = mp.get_context("spawn")  # safe with threads (progress bars) and the same on every system
        with ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx) as pool:
            futures = [pool.submit(_read_commune, src, year, targets) for src in sources]
            done = [f.result() for _, f in zip(wrap(sources), futures)]
    else:
        done = [_read_commune(src, year, targets, definitions) for src in wrap(sources)]
    for got in done:
        rows.extend(got["rows"])
        if got["x"] is not None:
            parts_x.append(got["x"])
            parts_t.append(got["t"])
    found = pd.DataFrame(rows, columns=["unit_id", "name", "source", "status", "errors", "warnings"])
    if expected is not None:
        exp = expected_communes(expected)
        by_id = found.dropna(subset=["unit_id"]).drop_duplicates("unit_id").set_index("unit_id")
        by_name = found.dropna(subset=["name"]).assign(k=lambda d: d["name"].map(_key)).drop_duplicates("k").set_index("k")
        # an invalid file cannot be matched by its content: match it by the file name
        bad = found[found["unit_id"].isna()]
        out_rows = []
        for e in exp.to_dict("records"):
            hit = by_id.loc[e["unit_id"]] if e["unit_id"] in by_id.index else (
                by_name.loc[_key(e["name"])] if _key(e["name"]) in by_name.index else None)
            if hit is None:
                m = bad[bad["source"].map(lambda s: _key(e["unit_id"]) in _key(s) or _key(e["name"]) in _key(s))]
                if len(m):
                    r = m.iloc[0]
                    out_rows.append({**e, "source": r["source"], "status": STATUS_INVALID, "errors": r["errors"],
                                     "warnings": r["warnings"]})
                else:
                    out_rows.append({**e, "source": "", "status": STATUS_MISSING, "errors": 0, "warnings": 0})
            else:
                out_rows.append({**e, "source": hit["source"], "status": hit["status"], "errors": hit["errors"],
                                 "warnings": hit["warnings"]})
        known = set(exp["unit_id"])
        extra = found[found["unit_id"].notna() & ~found["unit_id"].isin(known)
                      & ~found["name"].map(lambda n: _key(n) if isinstance(n, str) else "").isin(set(exp["name"].map(_key)))]
        unmatched_bad = bad[~bad["source"].isin({r["source"] for r in out_rows})]
        status = pd.concat([pd.DataFrame(out_rows), extra, unmatched_bad], ignore_index=True)
    else:
        status = found
    status = status[["unit_id", "name", "source", "status", "errors", "warnings"]].reset_index(drop=True)
    communes = pd.concat(parts_x, ignore_index=True) if parts_x else pd.DataFrame()
    province = (_sum_up(pd.concat(parts_t, ignore_index=True), targets, year, definitions)
                if parts_t else pd.DataFrame())
    result = RollupResult(year=year, status=status, communes=communes, province=province)
    if out_dir is not None:
        result.written = _write_outputs(result, Path(out_dir), province_name, settings)
    return result


def _write_outputs(r: RollupResult, out: Path, province_name: str, settings) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    wb = Workbook()
    wb.remove(wb.active)
    st = r.status.copy()
    write_frame(wb, "Tình trạng báo cáo", st, ["Mã xã", "Tên xã", "Tệp", "Tình trạng", "Số lỗi", "Số cảnh báo"],
                integers=["errors", "warnings"], note=f"Tổng hợp năm {r.year}; tỷ lệ xã đã báo cáo: {phan_tram(r.reporting_rate)}")
    if len(r.province):
        p = r.province[["name", "unit", "numerator", "denominator", "value", "target", "gap"]].copy()
        p["met"] = [verdict(x) for x in r.province.to_dict("records")]
        write_frame(wb, "Chỉ tiêu toàn tỉnh", p, ["Chỉ tiêu", "Đơn vị tính", "Tử số", "Mẫu số", "Giá trị", "Chỉ tiêu",
                                                  "Chênh lệch", "Đánh giá"],
                    integers=["numerator", "denominator"], decimals=["value", "target", "gap"],
                    row_decimal=(r.province["unit"] == "%"))
    if len(r.communes):
        w = r.communes.pivot_table(index="unit_name", columns="name", values="value", aggfunc="first", sort=False)
        w = w.reset_index()
        write_frame(wb, "Chỉ tiêu từng xã", w, ["Xã"] + list(w.columns[1:]), decimals=list(w.columns[1:]))
    x = out / f"tong-hop-tinh-{r.year}.xlsx"
    with atomic_path(x) as tmp:
        wb.save(tmp)
    written.append(x)

    s = load_settings({"co_quan_chu_quan": "Trung ương Hội Khuyến học Việt Nam",
                       "co_quan_ban_hanh": "Hội Khuyến học {tinh}", "dia_danh": "{ten_tinh}",
                       "trich_yeu": ["Tổng hợp kết quả công tác khuyến học năm {nam} của các xã, phường"],
                       "noi_nhan": ["Trung ương Hội Khuyến học Việt Nam (để báo cáo);", "Lưu: VT."],
                       **(settings or {})})
    tinh = province_name or "tỉnh"
    s = s.filled(tinh=tinh[:1].lower() + tinh[1:], ten_tinh=tinh.split(" ", 1)[-1], nam=r.year, nam_sau=r.year + 1,
                 xa="", ten_xa="")
    import datetime as dt

    doc = Nd30Document()
    doc.header(Header(s.co_quan_chu_quan, s.co_quan_ban_hanh, s.number_symbol(),
                      f"{s.dia_danh}, {ngay_thang_nam(s.ngay or dt.date.today())}"))
    doc.title(s.loai_van_ban, s.trich_yeu)
    st = r.status
    n_ok = int((st["status"] == STATUS_OK).sum())
    doc.heading("Tình hình báo cáo của các xã, phường")
    doc.paragraph(f"Có {so(n_ok)}/{so(len(st))} xã, phường đã gửi số liệu hợp lệ (tỷ lệ {phan_tram(r.reporting_rate)}).")
    for label in (STATUS_MISSING, STATUS_INVALID):
        sub = st[st["status"] == label]
        if len(sub):
            names = ", ".join(str(n) if pd.notna(n) else str(f) for n, f in zip(sub["name"], sub["source"]))
            doc.paragraph(f"- {label} ({len(sub)}): {names}.")
    doc.heading(f"Chỉ tiêu toàn tỉnh năm {r.year}")
    if len(r.province):
        rows = [[str(i), x["name"], x["unit"], so_theo_don_vi(x["value"], x["unit"]),
                 "–" if pd.isna(x["target"]) else so_theo_don_vi(x["target"], x["unit"]), verdict(x)]
                for i, x in enumerate(r.province.to_dict("records"), start=1)]
        doc.table(["TT", "Chỉ tiêu", "Đơn vị tính", f"Năm {r.year}", "Chỉ tiêu", "Đánh giá"], rows,
                  widths_cm=[0.9, 7.0, 2.0, 2.6, 2.1, 1.9], numeric=[False, False, False, True, True, False])
    else:
        doc.paragraph("Chưa có xã nào gửi số liệu hợp lệ.")
    doc.signature(Signature(s.tham_quyen, s.chuc_vu, s.nguoi_ky, s.noi_nhan))
    written.append(doc.save(out / f"bao-cao-tong-hop-tinh-{r.year}.docx"))
    return written
