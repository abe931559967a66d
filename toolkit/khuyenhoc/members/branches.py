"""Tổng hợp hội viên theo chi hội (thôn, cơ quan, trường học, doanh nghiệp) và đánh dấu chi hội yếu theo quy tắc.

Ví dụ::

    >>> import pandas as pd
    >>> from khuyenhoc.data import CommuneData
    >>> d = CommuneData({
    ...     "branches": pd.DataFrame({"branch_id": ["CH1"], "name": ["Chi hội thôn Đông"], "village_id": ["TH1"],
    ...                               "founded": pd.to_datetime(["2010-01-01"])}),
    ...     "members": pd.DataFrame({"member_id": ["HV1", "HV2"], "person_id": ["P1", "P2"], "branch_id": ["CH1"] * 2,
    ...         "role": ["Chi hội trưởng", "Hội viên"], "joined": pd.to_datetime(["2015-01-01", "2025-03-01"])}),
    ... })
    >>> s = branch_summary(d, 2025)
    >>> s.table[["name", "kind", "hoi_vien", "ket_nap_moi", "weak"]].values.tolist()
    [['Chi hội thôn Đông', 'Chi hội thôn', 2, 1, True]]
    >>> s.table.loc[0, "signs"]
    'Chi hội thôn có ít hơn 30 hội viên; Không cán bộ chi hội nào được tập huấn trong năm; Chi hội thôn không thu được đồng nào cho quỹ trong năm'
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data import CommuneData
from .rules import BRANCH_FIELDS, BRANCH_KINDS, BranchRules, load_branch_rules

__all__ = ["BranchSummary", "branch_summary", "branch_kind", "active_members", "units_without_branch",
           "TABLE_HEADERS", "KIND_HEADERS"]

SCHOOL_KINDS = ("Trường mầm non", "Trường tiểu học", "Trường trung học cơ sở", "Trường trung học phổ thông")
ENTERPRISE_KINDS = ("Hợp tác xã", "Doanh nghiệp")

#: Vietnamese headers of the per-branch table (the columns shown to people).
TABLE_HEADERS = {
    "name": "Chi hội", "kind": "Loại chi hội", "place": "Thôn / đơn vị", "hoi_vien": "Hội viên (31/12)",
    "ket_nap_moi": "Kết nạp mới", "ra_hoi": "Ra Hội", "tang_giam": "Tăng, giảm", "can_bo": "Cán bộ chi hội",
    "co_chi_hoi_truong": "Có chi hội trưởng", "can_bo_tap_huan": "Cán bộ được tập huấn", "thu_quy": "Thu quỹ (đồng)",
    "nen": "Dân số / số lao động", "ty_le_hoi_vien": "Tỷ lệ hội viên (%)", "n_signs": "Số dấu hiệu yếu",
    "signs": "Dấu hiệu", "weak": "Chi hội yếu",
}
KIND_HEADERS = {"kind": "Loại chi hội", "branches": "Số chi hội", "hoi_vien": "Hội viên (31/12)",
                "ket_nap_moi": "Kết nạp mới", "ra_hoi": "Ra Hội", "weak": "Số chi hội yếu"}


def branch_kind(data: CommuneData) -> pd.Series:
    """Loại của mỗi chi hội (theo mã chi hội): thôn, cơ quan, trường học, doanh nghiệp/hợp tác xã.

    >>> branch_kind(CommuneData()).empty
    True
    """
    b = data.branches
    ukind = b["unit_id"].map(data.units.set_index("unit_id")["kind"])
    kind = np.select([b["village_id"].notna().to_numpy(), ukind.isin(SCHOOL_KINDS).to_numpy(),
                      ukind.isin(ENTERPRISE_KINDS).to_numpy()], [BRANCH_KINDS[0], BRANCH_KINDS[2], BRANCH_KINDS[3]],
                     default=BRANCH_KINDS[1])
    return pd.Series(kind, index=b["branch_id"].to_numpy(), dtype="string")


def active_members(data: CommuneData, day: pd.Timestamp | str) -> pd.DataFrame:
    """Hội viên còn sinh hoạt vào ngày ``day`` (đã vào Hội, chưa ra Hội).

    >>> len(active_members(CommuneData(), "2025-12-31"))
    0
    """
    day = pd.Timestamp(day)
    m = data.members
    return m[(m["joined"] <= day) & (m["left"].isna() | (m["left"] > day))]


@dataclass
class BranchSummary:
    """Kết quả: ``table`` (mỗi chi hội một dòng, có dấu hiệu yếu), ``by_kind`` (theo loại), ``weak`` (chi hội yếu)."""

    year: int
    rules: BranchRules
    table: pd.DataFrame
    by_kind: pd.DataFrame

    @property
    def weak(self) -> pd.DataFrame:
        return self.table[self.table["weak"]].reset_index(drop=True)

    def shown(self, weak_only: bool = False) -> pd.DataFrame:
        """Bảng chi hội (hoặc chỉ các chi hội yếu) với tiêu đề tiếng Việt (để xem, in, ghi Excel)."""
        t = self.table[self.table["weak"]] if weak_only else self.table
        t = t[list(TABLE_HEADERS)].copy()
        t["co_chi_hoi_truong"] = t["co_chi_hoi_truong"].map({True: "Có", False: "Không"})
        t["weak"] = t["weak"].map({True: "Yếu", False: ""})
        return t.rename(columns=TABLE_HEADERS).reset_index(drop=True)

    def shown_by_kind(self) -> pd.DataFrame:
        """Tổng hợp theo loại chi hội, tiêu đề tiếng Việt."""
        return self.by_kind.rename(columns=KIND_HEADERS)


def _count(s: pd.Series, index) -> pd.Series:
    return s.value_counts().reindex(index, fill_value=0).astype(int)


def branch_summary(data: CommuneData, year: int, rules: BranchRules | str | os.PathLike | None = None) -> BranchSummary:
    """Tổng hợp từng chi hội trong năm ``year`` và đánh dấu chi hội yếu theo ``rules`` (mặc định: ví dụ xã mẫu)."""
    if not isinstance(rules, BranchRules):
        rules = load_branch_rules(rules)
    year = int(year)
    b = data.branches.reset_index(drop=True)
    ids = b["branch_id"].to_numpy()
    end, prev_end = pd.Timestamp(f"{year}-12-31"), pd.Timestamp(f"{year - 1}-12-31")
    start = pd.Timestamp(f"{year}-01-01")
    m = data.members
    act = active_members(data, end)
    t = pd.DataFrame({"branch_id": b["branch_id"].astype("string"), "name": b["name"].astype("string")})
    t["kind"] = b["branch_id"].map(branch_kind(data)).astype("string").to_numpy()
    vname = data.admin_units.set_index("unit_id")["name"]
    uname = data.units.set_index("unit_id")["name"]
    t["place"] = b["village_id"].map(vname).fillna(b["unit_id"].map(uname)).astype("string").to_numpy()
    t["hoi_vien"] = _count(act["branch_id"], ids).to_numpy()
    t["ket_nap_moi"] = _count(m.loc[(m["joined"] >= start) & (m["joined"] <= end), "branch_id"], ids).to_numpy()
    t["ra_hoi"] = _count(m.loc[(m["left"] >= start) & (m["left"] <= end), "branch_id"], ids).to_numpy()
    t["tang_giam"] = t["hoi_vien"] - _count(active_members(data, prev_end)["branch_id"], ids).to_numpy()
    cadres = act[act["role"] != "Hội viên"]
    t["can_bo"] = _count(cadres["branch_id"], ids).to_numpy()
    heads = set(act.loc[act["role"] == "Chi hội trưởng", "branch_id"])
    t["co_chi_hoi_truong"] = b["branch_id"].isin(heads).to_numpy()
    tr = data.trainings
    trained = set(tr.loc[tr["date"].dt.year == year, "member_id"])
    t["can_bo_tap_huan"] = _count(cadres.loc[cadres["member_id"].isin(trained), "branch_id"], ids).to_numpy()
    r = data.fund_receipts
    got = r[r["date"].dt.year == year].groupby("branch_id")["amount"].sum()
    t["thu_quy"] = b["branch_id"].map(got).fillna(0).astype("int64").to_numpy()
    res = data.residents()
    pop = res.groupby("village_id").size()
    staff = data.units.set_index("unit_id")["staff"]
    base = b["village_id"].map(pop).fillna(b["unit_id"].map(staff))
    t["nen"] = pd.array(base.to_numpy(), dtype="Float64").astype("Int64") if len(b) else pd.array([], dtype="Int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = t["hoi_vien"] / t["nen"].astype("Float64") * 100
    t["ty_le_hoi_vien"] = rate.where(t["nen"].fillna(0) > 0).astype("Float64").round(1)
    founded_after = b["founded"] > end
    t = t[~founded_after.to_numpy()].reset_index(drop=True)

    hits = []
    for sign in rules.dau_hieu:
        col = t[sign.truong]
        v = sign.gia_tri
        x = col.astype("boolean") if BRANCH_FIELDS[sign.truong][1] == "bool" else col.astype("Float64")
        ok = {"=": x == v, "!=": x != v, ">=": x >= v, "<=": x <= v, ">": x > v, "<": x < v}[sign.phep]
        ok = ok.fillna(False).to_numpy(bool)
        if sign.ap_dung:
            ok &= t["kind"].isin(sign.ap_dung).to_numpy()
        hits.append(ok)
    hit = np.vstack(hits) if hits else np.zeros((0, len(t)), bool)
    names = np.array([s.ten for s in rules.dau_hieu], dtype=object)
    t["n_signs"] = hit.sum(axis=0).astype(int) if len(t) else pd.Series(dtype=int)
    t["signs"] = ["; ".join(names[hit[:, i]]) for i in range(len(t))]
    t["sign_ids"] = [", ".join(s.ma for s, h in zip(rules.dau_hieu, hit[:, i]) if h) for i in range(len(t))]
    t["weak"] = t["n_signs"] >= rules.yeu_khi_so_dau_hieu
    kinds = pd.DataFrame({"kind": list(BRANCH_KINDS)})
    g = t.groupby("kind").agg(branches=("branch_id", "size"), hoi_vien=("hoi_vien", "sum"),
                              ket_nap_moi=("ket_nap_moi", "sum"), ra_hoi=("ra_hoi", "sum"), weak=("weak", "sum"))
    by_kind = kinds.merge(g, left_on="kind", right_index=True, how="left").fillna(0)
    for c in ("branches", "hoi_vien", "ket_nap_moi", "ra_hoi", "weak"):
        by_kind[c] = by_kind[c].astype(int)
    return BranchSummary(year=year, rules=rules, table=t, by_kind=by_kind.reset_index(drop=True))


def units_without_branch(data: CommuneData, year: int) -> pd.DataFrame:
    """Cơ quan, trường học, doanh nghiệp trong xã chưa có chi hội đến hết năm ``year`` (nơi cần vận động lập chi hội).

    >>> units_without_branch(CommuneData(), 2025).columns.tolist()
    ['unit_id', 'name', 'kind', 'staff']
    """
    b = data.branches
    have = set(b.loc[b["founded"] <= pd.Timestamp(f"{year}-12-31"), "unit_id"].dropna())
    u = data.units
    return u.loc[~u["unit_id"].isin(have), ["unit_id", "name", "kind", "staff"]].reset_index(drop=True)
