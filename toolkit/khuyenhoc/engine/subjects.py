"""Đối tượng được xét của mỗi mô hình, đăng ký và giá trị tự khai (bảng Điểm tự đánh giá).

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> from khuyenhoc.engine.context import Context
    >>> list(subjects_frame(Context(CommuneData(), 2025), "household").columns)[:3]
    ['subject_id', 'name', 'kind']
"""

from __future__ import annotations

import pandas as pd

from .context import Context

SUBJECT_COLUMNS = ["subject_id", "name", "kind", "village_id", "commune_id", "province_id"]


def _frame(**cols) -> pd.DataFrame:
    out = pd.DataFrame({k: pd.Series(v).to_numpy() for k, v in cols.items()})
    for c in out.columns:
        out[c] = out[c].astype("string")
    return out[SUBJECT_COLUMNS]


def subjects_frame(ctx: Context, kind: str, admin_levels: tuple[str, ...] = ()) -> pd.DataFrame:
    """Bảng các đối tượng loại ``kind`` (mã, tên, loại, thôn, xã, tỉnh)."""
    na = pd.NA
    if kind == "person":
        r = ctx.residents
        return _frame(subject_id=r["person_id"], name=r["name"], kind=pd.Series([na] * len(r)),
                      village_id=r["village_id"], commune_id=r["commune_id"], province_id=r["province_id"])
    if kind == "household":
        h = ctx.households
        return _frame(subject_id=h["household_id"], name=h["name"], kind=pd.Series([na] * len(h)),
                      village_id=h["village_id"], commune_id=h["commune_id"], province_id=h["province_id"])
    if kind == "clan":
        c = ctx.data.clans
        return _frame(subject_id=c["clan_id"], name=c["name"], kind=pd.Series([na] * len(c)),
                      village_id=pd.Series([na] * len(c)), commune_id=c["commune_id"],
                      province_id=ctx._up(c["commune_id"].astype("string")))
    if kind == "unit":
        u = ctx.units
        return _frame(subject_id=u["unit_id"], name=u["name"], kind=u["kind"], village_id=u["village_id"],
                      commune_id=u["commune_id"], province_id=u["province_id"])
    if kind == "village":
        a = ctx.admin("thôn")
        return _frame(subject_id=a["unit_id"], name=a["name"], kind=a["kind"], village_id=a["unit_id"],
                      commune_id=a["parent_id"], province_id=ctx._up(a["parent_id"]))
    if kind == "commune":
        a = ctx.admin("xã")
        return _frame(subject_id=a["unit_id"], name=a["name"], kind=a["kind"], village_id=pd.Series([na] * len(a)),
                      commune_id=a["unit_id"], province_id=a["parent_id"])
    if kind == "province":
        a = ctx.admin("tỉnh")
        return _frame(subject_id=a["unit_id"], name=a["name"], kind=a["kind"], village_id=pd.Series([na] * len(a)),
                      commune_id=pd.Series([na] * len(a)), province_id=a["unit_id"])
    # "admin": any administrative level listed by the catalogue (UNESCO framework)
    a = ctx.admin(admin_levels or ("tỉnh", "xã"))
    is_commune = (a["level"] == "xã").to_numpy()
    is_prov = (a["level"] == "tỉnh").to_numpy()
    commune = a["unit_id"].where(is_commune, a["parent_id"].where(~is_prov, pd.NA))
    return _frame(subject_id=a["unit_id"], name=a["name"], kind=a["kind"], village_id=pd.Series([na] * len(a)),
                  commune_id=commune, province_id=a["unit_id"].where(is_prov, ctx._up(commune)))


def registrations_of(ctx: Context, model: str) -> pd.DataFrame:
    """Các đăng ký (chưa rút) của mô hình ``model`` trong năm đánh giá, mỗi đối tượng một dòng."""
    r = ctx.data.registrations
    sel = (r["model"] == model) & (r["year"] == ctx.year) & (r["status"] != "Rút đăng ký")
    r = r[sel.fillna(False).to_numpy(dtype=bool)]
    out = pd.DataFrame({
        "subject_id": r["subject_id"].astype("string").to_numpy(),
        "registration_id": r["registration_id"].astype("string").to_numpy(),
        "requested_level": pd.array(r["level"].to_numpy(), dtype="Int64"),
        "status": r["status"].astype("string").to_numpy(),
    })
    for c in ("subject_id", "registration_id", "status"):
        out[c] = out[c].astype("string")
    return out.drop_duplicates("subject_id", keep="last").reset_index(drop=True)


def declared_values(ctx: Context, model: str, registrations: pd.DataFrame,
                    declared: pd.DataFrame | None = None) -> pd.DataFrame:
    """Giá trị tự khai: (subject_id, indicator_id, value) từ bảng Điểm tự đánh giá (qua Mã đăng ký).

    ``declared`` (tùy chọn) thêm hoặc thay giá trị, cùng ba cột đó.
    """
    s = ctx.data.self_scores
    reg = pd.Series(registrations["subject_id"].to_numpy(), index=registrations["registration_id"].to_numpy())
    subj = s["registration_id"].astype("string").map(reg)
    keep = subj.notna().to_numpy(dtype=bool)
    out = pd.DataFrame({
        "subject_id": subj[keep].astype("string").to_numpy(),
        "indicator_id": s.loc[keep, "indicator_id"].astype("string").to_numpy(),
        "value": pd.array(s.loc[keep, "value"].to_numpy(), dtype="Float64"),
    })
    if declared is not None and len(declared):
        extra = pd.DataFrame({
            "subject_id": declared["subject_id"].astype("string").to_numpy(),
            "indicator_id": declared["indicator_id"].astype("string").to_numpy(),
            "value": pd.array(pd.to_numeric(declared["value"], errors="coerce"), dtype="Float64"),
        })
        out = pd.concat([out, extra], ignore_index=True)
    for c in ("subject_id", "indicator_id"):
        out[c] = out[c].astype("string")
    return out.drop_duplicates(["subject_id", "indicator_id"], keep="last").reset_index(drop=True)
