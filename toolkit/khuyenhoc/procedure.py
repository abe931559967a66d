"""Thủ tục công nhận: đăng ký → tự đánh giá → thẩm định → công nhận → báo cáo, với hạn và cơ quan công nhận.

Deadlines and the recognising authority are configuration (``catalogues/thu-tuc.yaml``),
pre-reform defaults from the documents; after 1/7/2025 there is no district level,
so for those years the authority must be set by the user.

Ví dụ::

    >>> cfg = load_config()
    >>> deadline("donvi-tt24-2023", "cong_nhan", 2024, cfg)
    Timestamp('2025-02-15 00:00:00')
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import yaml_text
from .catalogues import BUILTIN_DIR, resolve
from .data import CommuneData
from .engine import assess
from .engine.context import valid_recognitions

STEPS = ("dang_ky", "tu_danh_gia", "tham_dinh", "cong_nhan", "bao_cao")
STEP_NAMES = {"dang_ky": "Đăng ký", "tu_danh_gia": "Tự đánh giá", "tham_dinh": "Thẩm định",
              "cong_nhan": "Công nhận", "bao_cao": "Báo cáo"}
CONFIG_PATH = BUILTIN_DIR / "thu-tuc.yaml"


def load_config(path: str | Path | None = None) -> dict:
    """Đọc cấu hình thủ tục (mặc định: tệp có sẵn ``thu-tuc.yaml``)."""
    p = Path(path) if path else CONFIG_PATH
    try:
        cfg = yaml_text.load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise ValueError(f"Không đọc được cấu hình thủ tục '{p}': {e}") from None
    if "procedures" not in cfg:
        raise ValueError(f"Cấu hình thủ tục '{p}' thiếu mục 'procedures'.")
    return cfg


def deadline(catalogue_id: str, step: str, year: int, cfg: dict | None = None) -> pd.Timestamp | None:
    """Hạn của bước ``step`` với năm đánh giá ``year`` (None nếu cấu hình không đặt hạn)."""
    cfg = cfg or load_config()
    d = cfg["procedures"].get(catalogue_id, {}).get("deadlines", {}).get(step)
    if not d:
        return None
    return pd.Timestamp(int(year) + int(d.get("year_offset", 0)), int(d["month"]), int(d["day"]))


def authority(catalogue_id: str, year: int, cfg: dict | None = None) -> tuple[str | None, str]:
    """(cơ quan công nhận, lưu ý) cho năm ``year``; sau cải cách 1/7/2025 phải do người dùng đặt."""
    cfg = cfg or load_config()
    p = cfg["procedures"].get(catalogue_id, {})
    reform = pd.Timestamp(cfg.get("reform_date", "2025-07-01"))
    rec = deadline(catalogue_id, "cong_nhan", year, cfg) or pd.Timestamp(int(year), 12, 31)
    if rec >= reform:
        who = p.get("authority_after_reform")
        if not who:
            return None, ("Từ 1/7/2025 không còn cấp huyện: cần đặt 'authority_after_reform' cho "
                          f"'{catalogue_id}' trong cấu hình thủ tục (tệp thu-tuc.yaml).")
        return who, ""
    who = p.get("authority")
    return who, "" if who else f"Cơ quan công nhận của '{catalogue_id}' chưa có trong văn bản tìm được; người dùng đặt."


def status(data: CommuneData, model, year: int, today=None, cfg: dict | None = None) -> pd.DataFrame:
    """Tiến độ thủ tục của từng đăng ký năm ``year``: bước đã xong, bước tiếp theo, hạn, quá hạn hay chưa.

    >>> from khuyenhoc.data import CommuneData
    >>> len(status(CommuneData(), "donvi-tt24-2023", 2025))
    0
    """
    cat = resolve(model)
    cfg = cfg or load_config()
    today = pd.Timestamp(today) if today is not None else pd.Timestamp.today().normalize()
    r = data.registrations
    r = r[((r["model"] == cat.model) & (r["year"] == year)).fillna(False).to_numpy(dtype=bool)]
    rec = data.recognitions
    rec = rec[((rec["model"] == cat.model) & (rec["year"] == year)).fillna(False).to_numpy(dtype=bool)]
    decided = rec.drop_duplicates("subject_id", keep="last").set_index("subject_id")["decision_date"]
    out = pd.DataFrame({
        "registration_id": r["registration_id"].to_numpy(), "subject_id": r["subject_id"].to_numpy(),
        "status": r["status"].to_numpy(), "registered": r["registered"].to_numpy(),
        "self_assessed": r["self_assessed"].to_numpy(), "verified": r["verified"].to_numpy(),
    })
    out["recognised"] = pd.to_datetime(decided[~decided.index.duplicated()].reindex(out["subject_id"].to_numpy()).to_numpy())
    done = {"dang_ky": out["registered"].notna(), "tu_danh_gia": out["self_assessed"].notna(),
            "tham_dinh": out["verified"].notna(), "cong_nhan": out["recognised"].notna()}
    withdrawn = (out["status"].isin(["Rút đăng ký", "Không được công nhận"])).to_numpy(dtype=bool)
    nxt = np.full(len(out), "", dtype=object)
    for step in reversed(("dang_ky", "tu_danh_gia", "tham_dinh", "cong_nhan")):
        nxt = np.where(~done[step].to_numpy(dtype=bool), STEP_NAMES[step], nxt)
    nxt = np.where(withdrawn, "", nxt)
    out["next_step"] = pd.array(np.where(nxt == "", None, nxt), dtype="string")
    due = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    # the dossier (self-assessment report included) is due at the verification deadline
    for step, dl_step in (("cong_nhan", "cong_nhan"), ("tham_dinh", "tham_dinh"), ("tu_danh_gia", "tham_dinh")):
        dl = deadline(cat.id, dl_step, year, cfg)
        if dl is not None:
            # a finished registration has no next step (NA): it never gets a deadline
            waiting = (out["next_step"] == STEP_NAMES[step]).fillna(False).to_numpy(dtype=bool)
            due = due.mask(waiting, dl)
    out["deadline"] = due
    out["overdue"] = pd.array((due.notna() & (due < today)).to_numpy(dtype=bool), dtype="boolean")
    who, note = authority(cat.id, year, cfg)
    out["authority"] = pd.array([who] * len(out), dtype="string")
    out["note"] = pd.array([note] * len(out), dtype="string")
    return out


def recognisable(data: CommuneData, model, year: int, **kwargs) -> pd.DataFrame:
    """Các đối tượng đã đăng ký đủ điều kiện được công nhận năm ``year`` (kết quả đánh giá: đạt)."""
    res = assess(data, model, year, **kwargs).summary
    return res[(res["registered"] & res["recognised"].fillna(False)).to_numpy(dtype=bool)].reset_index(drop=True)


def expiring(data: CommuneData, model, as_of, within_days: int = 180) -> pd.DataFrame:
    """Các quyết định công nhận đã hết hạn hoặc sắp hết hạn (trong ``within_days`` ngày kể từ ``as_of``).

    Hết hạn = ngày ghi ở cột 'Ngày hết hạn', nếu trống thì ngày quyết định + số năm hiệu lực của bộ tiêu chí.

    >>> from khuyenhoc.data import CommuneData
    >>> len(expiring(CommuneData(), "donvi-tt24-2023", "2026-01-01"))
    0
    """
    cat = resolve(model)
    as_of = pd.Timestamp(as_of)
    r = data.recognitions
    r = r[(r["model"] == cat.model).fillna(False).to_numpy(dtype=bool)].copy()
    if cat.validity_years:
        computed = r["decision_date"] + pd.DateOffset(years=cat.validity_years)
    else:
        computed = pd.Series(pd.NaT, index=r.index, dtype="datetime64[ns]")
    r["expiry"] = r["expires"].fillna(computed)
    r = r[r["expiry"].notna().to_numpy(dtype=bool)]
    limit = as_of + pd.Timedelta(days=within_days)
    r = r[(r["expiry"] <= limit).to_numpy(dtype=bool)]
    r["state"] = np.where(r["expiry"] < as_of, "đã hết hạn", "sắp hết hạn")
    # a newer recognition of the same subject supersedes an expired one
    latest = data.recognitions[(data.recognitions["model"] == cat.model).fillna(False).to_numpy(dtype=bool)]
    latest = latest.groupby("subject_id")["decision_date"].max()
    r = r[(r["decision_date"].to_numpy() >= latest.reindex(r["subject_id"].to_numpy()).to_numpy())]
    cols = ["recognition_id", "subject_id", "year", "level", "decision_no", "decision_date", "expiry", "state"]
    return r[cols].sort_values("expiry").reset_index(drop=True)


__all__ = ["load_config", "deadline", "authority", "status", "recognisable", "expiring", "valid_recognitions",
           "STEPS", "STEP_NAMES"]
