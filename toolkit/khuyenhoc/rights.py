"""Quyền của chủ thể dữ liệu (Luật 91/2025/QH15): xem mọi dữ liệu về một người; xóa hoặc ẩn danh một người
(ghi sổ mới và nhật ký); nhật ký thay đổi giữa hai bản của sổ.

- ``person_records``: every row that is about one person — the person, their
  yearly rows, membership, trainings, awards, classes, consents (as the subject or
  as guardian), registrations, self-scores, recognitions and evidence of their
  own title, and their household when they are its head.
- ``erase_person``: a new ``CommuneData`` without that person (``mode="erase"``)
  or with the person replaced by a pseudonym (``mode="pseudonymise"``: name,
  exact birth date and evidence files removed, yearly figures kept so the
  commune's statistics do not change), and a log entry that says who did what
  and when — never the erased values themselves.
- ``changelog``: added, removed and changed rows between two versions of a
  workbook, cell by cell for the personal columns (who, what, when).

The input workbook is never modified; new files are written whole or not at all.

Ví dụ::

    >>> import pandas as pd
    >>> from khuyenhoc.data import CommuneData
    >>> d = CommuneData({"persons": pd.DataFrame({"person_id": ["A", "B"], "full_name": ["Lê Văn A", "Hà Thị B"]})})
    >>> sorted(person_records(d, "A"))
    ['persons']
    >>> new, log = erase_person(d, "A", by="Cán bộ Hội")
    >>> new.persons["person_id"].tolist(), log["Thao tác"].iat[0]
    (['B'], 'Xóa')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pandas as pd

from .data import CommuneData
from .schema import SCHEMA

__all__ = ["RightsError", "person_records", "export_person", "erase_person", "changelog", "LOG_COLUMNS",
           "CHANGE_COLUMNS"]

LOG_COLUMNS = ["Thời điểm", "Người thực hiện", "Mã nhân khẩu", "Thao tác", "Bảng", "Số dòng", "Ghi chú"]
CHANGE_COLUMNS = ["Bảng", "Mã dòng", "Cột", "Loại thay đổi", "Giá trị cũ", "Giá trị mới", "Người ghi", "Thời điểm"]


class RightsError(ValueError):
    """Yêu cầu không thực hiện được (thông báo tiếng Việt)."""


def _masks(data: CommuneData, person_id: str) -> dict[str, pd.Series]:
    """Table → rows about the person (boolean mask)."""
    def col_is(t: str, c: str, values) -> pd.Series:
        df = data[t]
        return df[c].astype("string").isin(list(values)).fillna(False) if c in df else pd.Series(False, index=df.index)

    pid = [person_id]
    m = {"persons": col_is("persons", "person_id", pid), "person_years": col_is("person_years", "person_id", pid),
         "members": col_is("members", "person_id", pid), "awards": col_is("awards", "person_id", pid),
         "enrolments": col_is("enrolments", "person_id", pid)}
    m["consents"] = col_is("consents", "person_id", pid) | col_is("consents", "guardian_id", pid)
    members = data.members.loc[m["members"].to_numpy(dtype=bool), "member_id"].dropna()
    m["trainings"] = col_is("trainings", "member_id", members)
    model = "Công dân học tập"
    for t in ("registrations", "recognitions", "evidence"):
        df = data[t]
        m[t] = (df["model"] == model).fillna(False) & col_is(t, "subject_id", pid) if len(df) else col_is(t, "subject_id", pid)
    regs = data.registrations.loc[m["registrations"].to_numpy(dtype=bool), "registration_id"].dropna()
    m["self_scores"] = col_is("self_scores", "registration_id", regs)
    p = data.persons[m["persons"].to_numpy(dtype=bool)]
    head = p[(p["relation"] == "Chủ hộ").fillna(False).to_numpy(dtype=bool)] if "relation" in p else p.iloc[0:0]
    m["households"] = col_is("households", "household_id", head["household_id"].dropna()) if len(head) else \
        pd.Series(False, index=data.households.index)
    return {t: mask for t, mask in m.items() if mask.any()}


def person_records(data: CommuneData, person_id: str) -> dict[str, pd.DataFrame]:
    """Mọi dòng dữ liệu về người ``person_id``, theo bảng (bảng không có dòng nào thì không có mặt)."""
    return {t: data[t][mask.to_numpy(dtype=bool)].reset_index(drop=True)
            for t, mask in _masks(data, person_id).items()}


def _require(data: CommuneData, person_id: str) -> None:
    if not (data.persons["person_id"].astype("string") == person_id).fillna(False).any():
        raise RightsError(f"Không có nhân khẩu mã '{person_id}' trong sổ.")


def export_person(data: CommuneData, person_id: str, path: str | os.PathLike) -> Path:
    """Ghi mọi dữ liệu về một người ra sổ Excel riêng (để trả lời yêu cầu xem dữ liệu của người đó)."""
    from .workbook import write_workbook

    _require(data, person_id)
    rec = person_records(data, person_id)
    return write_workbook(CommuneData(rec), path, title=f"Dữ liệu cá nhân của nhân khẩu {person_id}",
                          note="Hạn chế lưu hành — chỉ giao cho chính người này hoặc người đại diện hợp pháp.",
                          as_of=dt.date.today())


def _pseudonym(person_id: str) -> str:
    return "Người ẩn danh " + hashlib.sha256(person_id.encode()).hexdigest()[:8].upper()


def erase_person(data: CommuneData, person_id: str, *, mode: str = "erase", by: str = "",
                 when: dt.datetime | None = None) -> tuple[CommuneData, pd.DataFrame]:
    """(dữ liệu mới, nhật ký) sau khi xóa (``mode="erase"``) hoặc ẩn danh (``"pseudonymise"``) một người."""
    if mode not in ("erase", "pseudonymise"):
        raise RightsError("Chọn thao tác 'erase' (xóa) hoặc 'pseudonymise' (ẩn danh).")
    _require(data, person_id)
    when = when or dt.datetime.now().replace(microsecond=0)
    masks = _masks(data, person_id)
    tables: dict[str, pd.DataFrame] = {}
    log = []
    action = "Xóa" if mode == "erase" else "Ẩn danh"
    for t, mask in masks.items():
        df = data[t].copy()
        sel = mask.to_numpy(dtype=bool)
        note = ""
        if mode == "erase" and t not in ("households", "consents"):
            df = df[~sel]
        elif t == "consents":
            guardian = (df["guardian_id"].astype("string") == person_id).fillna(False).to_numpy(dtype=bool)
            own = sel & ~guardian
            if mode == "erase":
                df.loc[guardian, ["guardian_id", "guardian_agrees"]] = None
                df = df[~own]
                note = "phiếu của chính người này bị xóa; ở phiếu của người khác, bỏ mã người đại diện"
            else:
                note = "giữ nguyên (bằng chứng về sự đồng ý)"
        elif t == "households":
            df.loc[sel, "head_name"] = _pseudonym(person_id)
            note = "tên chủ hộ thay bằng tên ẩn danh"
        elif t == "persons":
            df.loc[sel, "full_name"] = _pseudonym(person_id)
            b = pd.to_datetime(df.loc[sel, "birth_date"])
            df.loc[sel, "birth_date"] = pd.to_datetime(b.dt.year.astype("Int64").astype(str) + "-07-01", errors="coerce")
            note = "họ tên thay bằng tên ẩn danh; ngày sinh chỉ giữ năm (ghi 01/07)"
        elif t == "evidence":
            df.loc[sel, ["file", "sha256"]] = None
            note = "bỏ đường dẫn tệp minh chứng (tệp có thể chứa dữ liệu cá nhân)"
        else:
            continue
        tables[t] = df.reset_index(drop=True)
        log.append([when, by, person_id, action, SCHEMA[t].sheet, int(sel.sum()), note])
    out = CommuneData({**{n: df for n, df in data}, **tables})
    return out, pd.DataFrame(log, columns=LOG_COLUMNS)


def _show(v) -> str:
    if v is None or v is pd.NA or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, (pd.Timestamp, dt.date)):
        return pd.Timestamp(v).strftime("%d/%m/%Y")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, bool):
        return "Có" if v else "Không"
    return str(v)


def changelog(old: CommuneData, new: CommuneData, *, by: str = "", when: dt.datetime | None = None,
              personal_only: bool = True) -> pd.DataFrame:
    """Các thay đổi giữa hai bản của sổ: dòng thêm, dòng bỏ, và ô đổi (mặc định: chỉ các cột dữ liệu cá nhân).

    >>> import pandas as pd
    >>> a = CommuneData({"persons": pd.DataFrame({"person_id": ["A"], "full_name": ["Lê Văn A"]})})
    >>> b = CommuneData({"persons": pd.DataFrame({"person_id": ["A"], "full_name": ["Lê Văn Anh"]})})
    >>> changelog(a, b)[["Cột", "Giá trị cũ", "Giá trị mới"]].values.tolist()
    [['Họ và tên', 'Lê Văn A', 'Lê Văn Anh']]
    """
    when = when or dt.datetime.now().replace(microsecond=0)
    rows = []
    for t in SCHEMA:
        a, b = old[t.name], new[t.name]
        if a.empty and b.empty:
            continue
        key = list(t.key)
        ka = a.set_index(key) if len(a) else a.set_index(key)
        kb = b.set_index(key) if len(b) else b.set_index(key)
        ka = ka[~ka.index.duplicated()]
        kb = kb[~kb.index.duplicated()]
        label = lambda k: " / ".join(_show(x) for x in (k if isinstance(k, tuple) else (k,)))  # noqa: E731
        for k in kb.index.difference(ka.index):
            rows.append([t.sheet, label(k), "", "Thêm dòng", "", "", by, when])
        for k in ka.index.difference(kb.index):
            rows.append([t.sheet, label(k), "", "Bỏ dòng", "", "", by, when])
        both = ka.index.intersection(kb.index)
        cols = [c for c in t.columns if c.name not in key and (c.personal or not personal_only)]
        for c in cols:
            if c.name not in ka.columns or c.name not in kb.columns or not len(both):
                continue
            va = ka.loc[both, c.name].map(_show)
            vb = kb.loc[both, c.name].map(_show)
            for k in both[(va != vb).to_numpy(dtype=bool)]:
                rows.append([t.sheet, label(k), c.header, "Sửa", va.at[k], vb.at[k], by, when])
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)
