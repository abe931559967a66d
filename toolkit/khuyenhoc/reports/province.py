"""Báo cáo tổng hợp của tỉnh từ phụ lục số liệu tổng hợp của các xã: xã nào chưa gửi, phụ lục nào không hợp lệ
hoặc có dữ liệu cá nhân (không nhận), và các chỉ tiêu cộng dồn lên cấp tỉnh.

Only aggregates leave a commune (Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP):
the province reads each commune's annex ``phu-luc-chi-tieu-<năm>.xlsx`` (written by
the main job; format ``ANNEX_FORMAT``, documented in docs/phu-luc-tong-hop.md),
never its workbook. Each annex is checked (format and version, year, indicator
codes, numbers); a file holding personal data — a commune workbook, a sheet of
residents, a column of names or birth dates — is refused with a message telling
the commune what to send instead. Numerators and denominators are summed, then
divided again (``indicators.arithmetic.roll_up`` and ``apply_targets``), so two
communes are never averaged.

Ví dụ::

    >>> STATUS_OK, STATUS_MISSING, STATUS_INVALID, STATUS_PERSONAL
    ('Đã báo cáo', 'Chưa báo cáo', 'Phụ lục không hợp lệ', 'Có dữ liệu cá nhân — không nhận')
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd
from openpyxl import Workbook

from ..atomic import atomic_path
from ..indicators import load_definitions, load_targets
from ..indicators.arithmetic import apply_targets, roll_up
from ..indicators.vnformat import ngay_thang_nam, phan_tram, so, so_theo_don_vi
from .annex import ANNEX_FORMAT, ANNEX_VERSION, DATA_HEADERS, DATA_SHEET, INFO_SHEET, write_frame
from .annual import ReportError, verdict
from ..nd30 import Header, Nd30Document, Signature
from ..report_settings import load_settings

__all__ = ["province_rollup", "RollupResult", "find_sources", "expected_communes", "default_workers", "read_annex",
           "STATUS_OK", "STATUS_MISSING", "STATUS_INVALID", "STATUS_PERSONAL", "SEND_INSTEAD"]

STATUS_OK, STATUS_MISSING, STATUS_INVALID = "Đã báo cáo", "Chưa báo cáo", "Phụ lục không hợp lệ"
STATUS_PERSONAL = "Có dữ liệu cá nhân — không nhận"
#: What a commune sends to the province (said in every refusal).
SEND_INSTEAD = ("Xã chỉ gửi tệp phụ lục số liệu tổng hợp 'phu-luc-chi-tieu-<năm>.xlsx' do việc chính của khuyenhoc "
                "ghi ra (lệnh: khuyenhoc report --data <sổ của xã> --out <thư mục>); không gửi sổ dữ liệu, danh sách "
                "có tên người hay thư mục 'han-che-luu-hanh'.")
STATUS_COLUMNS = ["unit_id", "name", "source", "status", "errors", "warnings", "note"]


def _key(s: str) -> str:
    return unicodedata.normalize("NFC", str(s)).casefold().strip()


def find_sources(folder: str | os.PathLike) -> list[Path]:
    """Các tệp xã gửi lên trong thư mục: mỗi tệp .xlsx/.xlsm, và mỗi thư mục con có tệp .csv (để từ chối).

    >>> import tempfile
    >>> find_sources(tempfile.mkdtemp())
    []
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(f"Không tìm thấy thư mục '{folder}'.")
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".xlsx", ".xlsm")
             and not p.name.startswith(("~$", "."))]
    dirs = [p for p in folder.iterdir() if p.is_dir() and any(p.glob("*.csv"))]
    csvs = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv"]
    return sorted(files + dirs + csvs)


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
        """Tỷ lệ xã đã gửi phụ lục hợp lệ (%)."""
        n = len(self.status)
        return float((self.status["status"] == STATUS_OK).sum() / n * 100) if n else float("nan")


def _sum_up(parts: pd.DataFrame, targets: pd.DataFrame, year: int, definitions) -> pd.DataFrame:
    """Cộng tử số, mẫu số của các xã theo chỉ tiêu (``roll_up``), rồi so với mức phấn đấu (``apply_targets``)."""
    defs = definitions.frame().set_index("id")
    t = parts.assign(factor=parts["indicator"].map(defs["factor"]).astype(float), year=year)
    has_den = t["indicator"].map(defs["denominator"]).notna()
    t["factor"] = np.where(has_den, t["factor"], 1.0)
    t["denominator"] = t["denominator"].astype("Float64").where(has_den.to_numpy(), pd.NA)
    g = roll_up(t, by=("indicator", "year"))
    for c in ("name", "unit", "group_name", "direction"):
        g[c] = g["indicator"].map(defs[c])
    g["order"] = g["indicator"].map(defs["order"])
    g = apply_targets(g, targets)
    return g.sort_values("order").drop(columns="order").reset_index(drop=True)


def default_workers() -> int:
    """Số tiến trình (giữ để tương thích; đọc phụ lục đủ nhanh trong một tiến trình).

    >>> 1 <= default_workers() <= 4
    True
    """
    return max(1, min(os.cpu_count() or 1, 4))


# --------------------------------------------------------------------------- reading one annex

_PERSONAL_HEADERS: frozenset[str] | None = None


def _personal_headers() -> frozenset[str]:
    """Folded headers (and aliases) of every personal column of the data model, and the named lists' headers."""
    global _PERSONAL_HEADERS
    if _PERSONAL_HEADERS is None:
        from ..schema import SCHEMA
        from ..textnorm import fold

        names = {fold(h) for t in SCHEMA for c in t.columns if c.personal for h in (c.header, *c.aliases)}
        names |= {fold(h) for h in ("Họ và tên", "Họ tên", "Ngày sinh", "Tên người", "Mã nhân khẩu")}
        _PERSONAL_HEADERS = frozenset(names)
    return _PERSONAL_HEADERS


def _refusal(src: Path, status: str, note: str) -> dict:
    return {"rows": [{"unit_id": None, "name": None, "source": src.name, "status": status, "errors": 1,
                      "warnings": 0, "note": note}], "x": None, "t": None}


def _personal_in(sheets: dict[str, list[list]]) -> str | None:
    """Why the workbook holds personal data (a sheet or a column), or None."""
    from ..intake.headers import match_sheet
    from ..textnorm import fold

    personal = _personal_headers()
    for name, rows in sheets.items():
        table, _ = match_sheet(name)
        if table is not None and any(c.personal for c in table.columns):
            return f"tệp có trang '{name}' (bảng '{table.sheet}' có dữ liệu cá nhân)"
        for row in rows[:12]:
            for v in row:
                if isinstance(v, str) and len(v) < 60 and fold(v) in personal:
                    return f"trang '{name}' có cột '{v.strip()}' (dữ liệu cá nhân)"
    return None


def _number(v) -> float | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError(v)
    return float(v)


def read_annex(src: str | os.PathLike, year: int, definitions=None) -> dict:
    """Đọc và kiểm tra phụ lục số liệu tổng hợp của một xã.

    Returns ``{"rows": [status row], "x": commune rows or None, "t": province-share rows or None}``;
    a refused file has a status row saying why and what to send instead.
    """
    from python_calamine import CalamineWorkbook

    from ..intake.guard import GuardRefusal, inspect_xlsx

    src = Path(src)
    definitions = definitions or load_definitions()
    if src.is_dir() or src.suffix.lower() == ".csv":
        return _refusal(src, STATUS_PERSONAL, "Đây là sổ dữ liệu của xã (các tệp CSV), có thông tin cá nhân. "
                        + SEND_INSTEAD)
    try:
        inspect_xlsx(src)
        wb = CalamineWorkbook.from_path(str(src))
        sheets = {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}
    except GuardRefusal as refusal:
        return _refusal(src, STATUS_INVALID, refusal.problem.message + " " + SEND_INSTEAD)
    except Exception as exc:  # damaged file: reported, never a traceback
        return _refusal(src, STATUS_INVALID, f"Không mở được tệp ({type(exc).__name__}). " + SEND_INSTEAD)
    why = _personal_in(sheets)
    if why is not None:
        return _refusal(src, STATUS_PERSONAL, f"Không nhận: {why}. " + SEND_INSTEAD)
    if INFO_SHEET not in sheets or DATA_SHEET not in sheets:
        return _refusal(src, STATUS_INVALID, f"Tệp không phải phụ lục số liệu tổng hợp (thiếu trang '{INFO_SHEET}' "
                        f"hoặc '{DATA_SHEET}'). " + SEND_INSTEAD)
    info = {str(r[0]).strip(): r[1] for r in sheets[INFO_SHEET][1:] if len(r) >= 2 and r[0] not in (None, "")}
    if info.get("Định dạng") != ANNEX_FORMAT:
        return _refusal(src, STATUS_INVALID, f"Trang '{INFO_SHEET}' không ghi định dạng '{ANNEX_FORMAT}'. "
                        + SEND_INSTEAD)
    version = str(info.get("Phiên bản định dạng", ""))
    if version.split(".")[0] != ANNEX_VERSION.split(".")[0]:
        return _refusal(src, STATUS_INVALID, f"Phụ lục theo định dạng phiên bản '{version}', bản này đọc được phiên "
                        f"bản {ANNEX_VERSION}. Xã cần cập nhật khuyenhoc và lập lại phụ lục.")
    commune_id, name = str(info.get("Mã xã") or "").strip(), str(info.get("Tên xã") or "").strip()
    try:
        annex_year = int(float(info.get("Năm")))
    except (TypeError, ValueError):
        annex_year = None
    if not commune_id:
        return _refusal(src, STATUS_INVALID, f"Trang '{INFO_SHEET}' thiếu 'Mã xã'.")
    if annex_year != int(year):
        return {"rows": [{"unit_id": commune_id, "name": name, "source": src.name, "status": STATUS_INVALID,
                          "errors": 1, "warnings": 0,
                          "note": f"Phụ lục là của năm {annex_year}, không phải năm {year}: xã gửi lại phụ lục năm "
                                  f"{year}."}], "x": None, "t": None}
    rows = sheets[DATA_SHEET]
    head = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    if head[: len(DATA_HEADERS)] != list(DATA_HEADERS):
        return _refusal(src, STATUS_INVALID, f"Trang '{DATA_SHEET}' không có đúng các cột: {', '.join(DATA_HEADERS)}.")
    known = set(definitions.frame()["id"])
    recs, errors = [], []
    for i, r in enumerate(rows[1:], start=2):
        r = list(r) + [None] * (len(DATA_HEADERS) - len(r))
        if all(v in (None, "") for v in r[: len(DATA_HEADERS)]):
            continue
        ind, level, unit, y, num, den, fac = r[: len(DATA_HEADERS)]
        try:
            num_f, den_f, fac_f = _number(num), _number(den), _number(fac)
        except (TypeError, ValueError):
            errors.append(f"dòng {i}: tử số, mẫu số phải là số")
            continue
        if ind not in known:
            errors.append(f"dòng {i}: mã chỉ tiêu '{ind}' không có")
        elif level not in ("xã", "tỉnh"):
            errors.append(f"dòng {i}: cấp '{level}' không phải 'xã' hoặc 'tỉnh'")
        elif num_f is not None and num_f < 0 or den_f is not None and den_f < 0:
            errors.append(f"dòng {i}: tử số, mẫu số không được âm")
        else:
            recs.append({"indicator": ind, "level": level, "unit_id": str(unit or commune_id), "year": int(year),
                         "numerator": num_f, "denominator": den_f, "factor": fac_f})
    if errors:
        return {"rows": [{"unit_id": commune_id, "name": name, "source": src.name, "status": STATUS_INVALID,
                          "errors": len(errors), "warnings": 0,
                          "note": "; ".join(errors[:5]) + ("; …" if len(errors) > 5 else "")
                                  + ". Xã lập lại phụ lục bằng khuyenhoc, không sửa tay."}], "x": None, "t": None}
    df = pd.DataFrame(recs, columns=["indicator", "level", "unit_id", "year", "numerator", "denominator", "factor"])
    x = df[df["level"] == "xã"].assign(unit_name=name or commune_id)
    t = df[df["level"] == "tỉnh"][["indicator", "numerator", "denominator"]]
    return {"rows": [{"unit_id": commune_id, "name": name, "source": src.name, "status": STATUS_OK, "errors": 0,
                      "warnings": 0, "note": ""}], "x": x, "t": t}


def _commune_values(parts: list[pd.DataFrame], definitions) -> pd.DataFrame:
    if not parts:
        return pd.DataFrame()
    x = pd.concat(parts, ignore_index=True)
    g = roll_up(x, by=("indicator", "unit_id", "unit_name", "year"))
    defs = definitions.frame().set_index("id")
    g["name"] = g["indicator"].map(defs["name"])
    g["unit"] = g["indicator"].map(defs["unit"])
    return g


def province_rollup(folder: str | os.PathLike, year: int, *, expected: str | os.PathLike | Iterable[str] | None = None,
                    out_dir: str | os.PathLike | None = None, province_name: str = "",
                    targets: pd.DataFrame | str | Path | None = None, settings=None,
                    progress: Callable[[Iterable], Iterable] | None = None,
                    workers: int | None = None) -> RollupResult:
    """Tổng hợp năm ``year`` từ các phụ lục số liệu tổng hợp của các xã trong ``folder``.

    ``expected``: tệp đơn vị hành chính của tỉnh hoặc danh sách mã xã phải báo cáo
    (không có: các xã tìm thấy trong thư mục). ``out_dir``: ghi thêm báo cáo .docx và
    bảng .xlsx tổng hợp. ``progress``: hàm bọc vòng lặp (ví dụ ``tqdm``). ``workers`` không còn
    cần (giữ để tương thích).

    >>> import tempfile
    >>> r = province_rollup(tempfile.mkdtemp(), 2025, expected=["T01-X01"])
    >>> r.status["status"].tolist()
    ['Chưa báo cáo']
    """
    definitions = load_definitions()
    if not isinstance(targets, pd.DataFrame):
        targets = load_targets(targets, definitions)
    sources = find_sources(folder)
    wrap = progress or (lambda it: it)
    done = [read_annex(src, year, definitions) for src in wrap(sources)]
    rows, parts_x, parts_t = [], [], []
    seen: set[str] = set()
    for got in done:
        for r in got["rows"]:
            if r["status"] == STATUS_OK and r["unit_id"] in seen:
                r = {**r, "status": STATUS_INVALID, "note": f"Xã '{r['unit_id']}' đã có phụ lục khác trong thư mục; "
                                                           "chỉ giữ một tệp cho mỗi xã."}
                got = {**got, "x": None}
            seen.add(r["unit_id"]) if r["unit_id"] else None
            rows.append(r)
        if got["x"] is not None:
            parts_x.append(got["x"])
            parts_t.append(got["t"])
    found = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    if expected is not None:
        exp = expected_communes(expected)
        by_id = found.dropna(subset=["unit_id"]).drop_duplicates("unit_id").set_index("unit_id")
        by_name = found.dropna(subset=["name"]).assign(k=lambda d: d["name"].map(_key)).drop_duplicates("k").set_index("k")
        bad = found[found["unit_id"].isna()]  # a refused file cannot be matched by its content: match its name
        out_rows = []
        for e in exp.to_dict("records"):
            hit = by_id.loc[e["unit_id"]] if e["unit_id"] in by_id.index else (
                by_name.loc[_key(e["name"])] if _key(e["name"]) in by_name.index else None)
            if hit is None:
                m = bad[bad["source"].map(lambda s: _key(e["unit_id"]) in _key(s) or _key(e["name"]) in _key(s))]
                if len(m):
                    r = m.iloc[0]
                    out_rows.append({**e, **{k: r[k] for k in ("source", "status", "errors", "warnings", "note")}})
                else:
                    out_rows.append({**e, "source": "", "status": STATUS_MISSING, "errors": 0, "warnings": 0,
                                     "note": "Chưa gửi phụ lục. " + SEND_INSTEAD})
            else:
                out_rows.append({**e, **{k: hit[k] for k in ("source", "status", "errors", "warnings", "note")}})
        known = set(exp["unit_id"])
        extra = found[found["unit_id"].notna() & ~found["unit_id"].isin(known)
                      & ~found["name"].map(lambda n: _key(n) if isinstance(n, str) else "").isin(set(exp["name"].map(_key)))]
        unmatched_bad = bad[~bad["source"].isin({r["source"] for r in out_rows})]
        status = pd.concat([pd.DataFrame(out_rows), extra, unmatched_bad], ignore_index=True)
    else:
        status = found
    status = status.reindex(columns=STATUS_COLUMNS).reset_index(drop=True)
    communes = _commune_values(parts_x, definitions)
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
    write_frame(wb, "Tình trạng báo cáo", st, ["Mã xã", "Tên xã", "Tệp", "Tình trạng", "Số lỗi", "Số cảnh báo",
                                               "Ghi chú"],
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
    for label in (STATUS_MISSING, STATUS_INVALID, STATUS_PERSONAL):
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
