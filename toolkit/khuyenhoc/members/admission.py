"""Kết nạp hội viên từ danh sách đề nghị: kiểm tra từng dòng, cấp mã hội viên mới, không sửa dữ liệu gốc.

Each proposal row names a person (mã nhân khẩu), the branch and the admission
date. A row is refused, with the reason in Vietnamese and its row number, when
the person is unknown, no longer lives in the commune, is younger than the age
set in the rules file (an assumption of the sample commune: the statute was not
checked), is already an active member, or when the branch or date is wrong.

Ví dụ::

    >>> import pandas as pd
    >>> from khuyenhoc.data import CommuneData
    >>> d = CommuneData({
    ...     "persons": pd.DataFrame({"person_id": ["P1", "P2"], "full_name": ["A", "B"], "residence": ["Thường trú"] * 2,
    ...                              "birth_date": pd.to_datetime(["1980-01-01", "2015-01-01"])}),
    ...     "branches": pd.DataFrame({"branch_id": ["X01-CH01"], "name": ["Chi hội thôn Đông"]}),
    ...     "members": pd.DataFrame({"member_id": ["X01-HV0007"], "person_id": ["P9"], "branch_id": ["X01-CH01"],
    ...                              "role": ["Hội viên"], "joined": pd.to_datetime(["2020-01-01"])}),
    ... })
    >>> r = admit(d, pd.DataFrame({"person_id": ["P1", "P2"], "branch_id": ["X01-CH01"] * 2,
    ...                            "joined": ["15/03/2026", "15/03/2026"]}))
    >>> r.admitted["member_id"].tolist(), len(r.data.members), len(d.members)
    (['X01-HV0008'], 2, 1)
    >>> r.refused["reason"].tolist()
    ['chưa đủ 18 tuổi (11 tuổi vào ngày kết nạp)']
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pandas as pd

from ..data import CommuneData
from ..parsing import parse_dates
from ..schema import MEMBER_ROLES
from .branches import active_members
from .rules import BranchRules, load_branch_rules

__all__ = ["admit", "AdmissionResult", "REQUEST_COLUMNS"]

#: Columns of a proposal list: English name → Vietnamese header accepted in a CSV/Excel file.
REQUEST_COLUMNS = {"person_id": "Mã nhân khẩu", "branch_id": "Mã chi hội", "joined": "Ngày vào Hội",
                   "role": "Chức vụ trong Hội"}


@dataclass
class AdmissionResult:
    """``data``: bản sao có thêm hội viên mới; ``admitted``: các dòng đã kết nạp; ``refused``: dòng bị từ chối và lý do."""

    data: CommuneData
    admitted: pd.DataFrame
    refused: pd.DataFrame


def _next_ids(existing: pd.Series, n: int) -> list[str]:
    pat = re.compile(r"^(.*?)(\d+)$")
    best_prefix, best_num, width = "HV", 0, 4
    for v in existing.dropna():
        m = pat.match(str(v))
        if m and int(m.group(2)) >= best_num:
            best_prefix, best_num, width = m.group(1), int(m.group(2)), len(m.group(2))
    return [f"{best_prefix}{best_num + i:0{width}d}" for i in range(1, n + 1)]


def admit(data: CommuneData, requests: pd.DataFrame, rules: BranchRules | str | os.PathLike | None = None
          ) -> AdmissionResult:
    """Kết nạp các hội viên trong ``requests`` (cột tiếng Anh hoặc tiêu đề tiếng Việt ``REQUEST_COLUMNS``)."""
    if not isinstance(rules, BranchRules):
        rules = load_branch_rules(rules)
    req = requests.rename(columns={v: k for k, v in REQUEST_COLUMNS.items()}).reset_index(drop=True)
    missing = [REQUEST_COLUMNS[c] for c in ("person_id", "branch_id", "joined") if c not in req.columns]
    if missing:
        raise ValueError(f"Danh sách đề nghị kết nạp thiếu cột: {', '.join(missing)}.")
    if "role" not in req.columns:
        req["role"] = "Hội viên"
    req["role"] = req["role"].fillna("Hội viên").astype(str).str.strip()
    dates = parse_dates(req["joined"])
    persons = data.persons.set_index("person_id")
    branches = set(data.branches["branch_id"])
    min_age = rules.ket_nap.tuoi_toi_thieu
    ok_rows, refused, seen = [], [], set()
    for i, r in req.iterrows():
        pid, bid = str(r["person_id"]).strip(), str(r["branch_id"]).strip()
        row_no = i + 2  # header is row 1 of the file
        day = dates.values.iloc[i]
        reason = None
        if pid not in persons.index:
            reason = f"không có mã nhân khẩu '{pid}' trong sổ"
        elif persons.loc[pid, "residence"] not in ("Thường trú", "Tạm trú"):
            reason = f"không còn cư trú ở xã ({persons.loc[pid, 'residence']})"
        elif bid not in branches:
            reason = f"không có chi hội mã '{bid}'"
        elif dates.error.iloc[i] or pd.isna(day):
            reason = f"ngày vào Hội '{r['joined']}' không đọc được; ghi dạng dd/mm/yyyy, ví dụ 15/03/2026"
        elif r["role"] not in MEMBER_ROLES:
            reason = f"chức vụ '{r['role']}' không có; chọn một trong: {', '.join(MEMBER_ROLES)}"
        elif pid in seen:
            reason = "trùng với một dòng ở trên của danh sách"
        else:
            birth = persons.loc[pid, "birth_date"]
            age = None if pd.isna(birth) else day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
            if age is not None and age < min_age:
                reason = f"chưa đủ {min_age} tuổi ({age} tuổi vào ngày kết nạp)"
            elif pid in set(active_members(data, day)["person_id"]):
                reason = "đã là hội viên đang sinh hoạt"
        if reason:
            refused.append((row_no, pid, reason))
        else:
            seen.add(pid)
            ok_rows.append((pid, bid, r["role"], day))
    new_ids = _next_ids(data.members["member_id"], len(ok_rows))
    admitted = pd.DataFrame([(m, *row) for m, row in zip(new_ids, ok_rows)],
                            columns=["member_id", "person_id", "branch_id", "role", "joined"])
    admitted["left"] = pd.NaT
    members = pd.concat([data.members, admitted], ignore_index=True) if len(admitted) else data.members
    return AdmissionResult(data=data.replace(members=members), admitted=admitted,
                           refused=pd.DataFrame(refused, columns=["row", "person_id", "reason"]))
