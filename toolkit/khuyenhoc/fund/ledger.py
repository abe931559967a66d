"""Sổ quỹ khuyến học của một xã trong một năm: số dư đầu kỳ, thu theo nguồn, chi theo nội dung, số dư cuối kỳ.

Everything here is an aggregate (counts and sums): the ledger carries no donor
or recipient name, so it may be posted publicly (công khai). The opening balance
is computed from the earlier years recorded in the data unless the officer gives
the figure carried over from the paper ledger.

Ví dụ::

    >>> import pandas as pd
    >>> from khuyenhoc.data import CommuneData
    >>> d = CommuneData({
    ...     "admin_units": pd.DataFrame({"unit_id": ["T01", "T01-X01"], "name": ["Tỉnh A", "Xã B"],
    ...                                  "level": ["tỉnh", "xã"], "kind": ["tỉnh", "xã"], "parent_id": [None, "T01"]}),
    ...     "fund_receipts": pd.DataFrame({"receipt_id": ["PT1", "PT2", "PT3"], "commune_id": ["T01-X01"] * 3,
    ...         "date": pd.to_datetime(["2024-05-01", "2025-02-01", "2025-08-01"]),
    ...         "source": ["Dòng họ", "Hội viên đóng góp", "Nhà hảo tâm"], "amount": [1_000_000, 2_000_000, 500_000]}),
    ...     "fund_spending": pd.DataFrame({"payment_id": ["PC1"], "commune_id": ["T01-X01"],
    ...         "date": pd.to_datetime(["2025-09-05"]), "purpose": ["Học bổng"], "amount": [1_500_000]}),
    ... })
    >>> so = ledger(d, 2025)
    >>> so.opening, so.total_receipts, so.total_spending, so.closing
    (1000000, 2500000, 1500000, 2000000)
    >>> so.receipts_by_source["source"].tolist()
    ['Hội viên đóng góp', 'Nhà hảo tâm']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..data import CommuneData
from ..indicators import awards_by_kind, compute, fund_use
from ..schema import FUND_PURPOSES, FUND_SOURCES

__all__ = ["Ledger", "ledger", "LedgerError", "award_communes", "MONTH_COLUMNS"]

#: English column → Vietnamese header of the monthly table.
MONTH_COLUMNS = {"month": "Tháng", "receipts": "Thu (đồng)", "spending": "Chi (đồng)", "balance": "Số dư cuối tháng (đồng)"}


class LedgerError(ValueError):
    """Không lập được sổ quỹ (thông báo tiếng Việt)."""


@dataclass
class Ledger:
    """Sổ quỹ tổng hợp của một xã trong một năm (chỉ số liệu tổng hợp, không có tên người)."""

    commune_id: str
    commune_name: str
    province_name: str
    year: int
    opening: int
    opening_note: str
    receipts_by_source: pd.DataFrame  # source, count, amount, share
    spending_by_purpose: pd.DataFrame  # purpose, payments, amount, share
    awards_by_kind: pd.DataFrame  # kind, count, amount — paid from the fund (awards with a payment)
    monthly: pd.DataFrame  # month, receipts, spending, balance
    by_branch: pd.DataFrame  # collector, receipts
    population: int | None
    last_date: pd.Timestamp | None
    mismatches: pd.DataFrame = field(default_factory=pd.DataFrame)  # payments whose awards do not add up
    awards_outside: pd.DataFrame = field(default_factory=pd.DataFrame)  # kind, count, amount — given directly

    @property
    def total_receipts(self) -> int:
        return int(self.receipts_by_source["amount"].sum())

    @property
    def total_spending(self) -> int:
        return int(self.spending_by_purpose["amount"].sum())

    @property
    def closing(self) -> int:
        return self.opening + self.total_receipts - self.total_spending

    @property
    def per_head(self) -> float | None:
        """Thu bình quân đầu người (đồng/người) trong năm."""
        return self.total_receipts / self.population if self.population else None

    @property
    def complete(self) -> bool:
        """Năm đã có số liệu đến tháng 12 (nếu không, sổ chỉ tính đến ngày ghi cuối cùng)."""
        return self.last_date is not None and self.last_date >= pd.Timestamp(f"{self.year}-12-01")

    def figures(self) -> dict[str, object]:
        """Các con số chính (để điền vào văn bản, bản tin)."""
        return {
            "nam": self.year, "so_du_dau_ky": self.opening, "tong_thu": self.total_receipts,
            "tong_chi": self.total_spending, "so_du_cuoi_ky": self.closing,
            "so_suat_hoc_bong": int(self.awards_by_kind["count"].sum()),
            "tien_hoc_bong": int(self.awards_by_kind["amount"].sum()),
            "binh_quan_dau_nguoi": self.per_head,
        }


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def _commune(data: CommuneData, commune_id: str | None) -> str:
    communes = data.communes()
    if commune_id is not None:
        if commune_id not in set(communes["unit_id"]):
            raise LedgerError(f"Không có xã mã '{commune_id}' trong bảng 'Đơn vị hành chính'.")
        return commune_id
    if len(communes) == 0:
        raise LedgerError("Bảng 'Đơn vị hành chính' chưa có đơn vị cấp xã nào: không lập được sổ quỹ.")
    if len(communes) > 1:
        raise LedgerError(f"Dữ liệu có {len(communes)} xã; hãy chọn một xã (mã xã).")
    return str(communes["unit_id"].iloc[0])


def award_communes(data: CommuneData) -> pd.Series:
    """Mã xã của mỗi khoản học bổng, khen thưởng (theo phiếu chi, nếu không thì theo nơi ở của người nhận).

    >>> award_communes(CommuneData()).empty
    True
    """
    a = data.awards
    by_payment = a["payment_id"].map(data.fund_spending.set_index("payment_id")["commune_id"])
    hh = data.persons.set_index("person_id")["household_id"]
    village = data.households.set_index("household_id")["village_id"]
    parent = data.admin_units.set_index("unit_id")["parent_id"]
    by_home = a["person_id"].map(hh).map(village).map(parent)
    return by_payment.fillna(by_home).astype("string")


def _share(df: pd.DataFrame) -> pd.Series:
    total = df["amount"].sum()
    return (df["amount"] / total * 100).astype("Float64") if total else pd.Series(pd.NA, index=df.index, dtype="Float64")


def ledger(data: CommuneData, year: int, *, commune_id: str | None = None,
           opening_balance: int | None = None) -> Ledger:
    """Lập sổ quỹ khuyến học năm ``year`` của một xã (Hội xã và các chi hội cộng chung).

    ``opening_balance``: số dư chuyển từ năm trước theo sổ sách giấy (nếu có); để trống
    thì tính từ các năm trước có trong dữ liệu.
    """
    cid = _commune(data, commune_id)
    au = data.admin_units.set_index("unit_id")
    name = str(au.loc[cid, "name"])
    parent = au.loc[cid, "parent_id"]
    province = str(au.loc[parent, "name"]) if pd.notna(parent) and parent in au.index else ""
    year = int(year)
    start, end = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year + 1}-01-01")
    r = data.fund_receipts[data.fund_receipts["commune_id"] == cid]
    s = data.fund_spending[data.fund_spending["commune_id"] == cid]
    ry, sy = r[(r["date"] >= start) & (r["date"] < end)], s[(s["date"] >= start) & (s["date"] < end)]
    if ry.empty and sy.empty:
        years = sorted({int(x) for x in pd.concat([r["date"], s["date"]]).dt.year.dropna().unique()})
        have = ", ".join(map(str, years)) or "chưa có năm nào"
        raise LedgerError(f"{name} chưa có khoản thu, chi quỹ nào năm {year} (các năm có số liệu quỹ: {have}).")
    if opening_balance is None:
        before_r, before_s = r[r["date"] < start], s[s["date"] < start]
        opening = int(before_r["amount"].sum()) - int(before_s["amount"].sum())
        first = pd.concat([r["date"], s["date"]]).min()
        opening_note = (f"tính từ sổ thu, chi các năm {first.year}–{year - 1} có trong dữ liệu"
                        if first.year < year else "dữ liệu không có năm trước: số dư đầu kỳ bằng 0")
    else:
        opening, opening_note = int(opening_balance), "theo số dư chuyển sang từ sổ quỹ năm trước"

    src = ry.groupby("source", observed=True)["amount"].agg(["size", "sum"]).reset_index()
    src.columns = ["source", "count", "amount"]
    order = {k: i for i, k in enumerate(FUND_SOURCES)}
    src = src.sort_values("source", key=lambda x: x.map(order)).reset_index(drop=True)
    src["count"] = src["count"].astype("Int64")
    src["amount"] = src["amount"].astype("Int64")
    src["share"] = _share(src)
    use = fund_use(data.replace(fund_spending=s), year)
    porder = {k: i for i, k in enumerate(FUND_PURPOSES)}
    use = use.sort_values("purpose", key=lambda x: x.map(porder)).reset_index(drop=True)

    a = data.awards[award_communes(data) == cid]
    aw = awards_by_kind(data.replace(awards=a[a["payment_id"].notna()]), year)
    outside = awards_by_kind(data.replace(awards=a[a["payment_id"].isna()]), year)

    months = pd.DataFrame({"month": range(1, 13)})
    mr = ry.groupby(ry["date"].dt.month)["amount"].sum()
    ms = sy.groupby(sy["date"].dt.month)["amount"].sum()
    months["receipts"] = months["month"].map(mr).fillna(0).astype("Int64")
    months["spending"] = months["month"].map(ms).fillna(0).astype("Int64")
    months["balance"] = (opening + (months["receipts"] - months["spending"]).cumsum()).astype("Int64")
    last = pd.concat([ry["date"], sy["date"]]).max()
    if last < pd.Timestamp(f"{year}-12-01"):
        months = months[months["month"] <= last.month].reset_index(drop=True)

    br = data.branches.set_index("branch_id")["name"]
    collector = ry["branch_id"].map(br).fillna("Hội Khuyến học xã (thu trực tiếp)")
    by_branch = ry.groupby(collector.to_numpy())["amount"].sum().rename_axis("collector").reset_index(name="receipts")
    by_branch = by_branch.sort_values("receipts", ascending=False).reset_index(drop=True)

    # population: the same denominator as the indicator "quỹ bình quân đầu người" (one definition everywhere)
    per_head = compute(data, year, "xã", indicators=["quy_binh_quan"])
    per_head = per_head[per_head["unit_id"] == cid]
    pop = per_head["denominator"].iloc[0] if len(per_head) else None
    pop = None if pop is None or pd.isna(pop) or not pop else int(pop)
    paid = a.dropna(subset=["payment_id"]).groupby("payment_id")["amount"].sum()
    sp = s.set_index("payment_id")["amount"]
    common = paid.index.intersection(sp.index)
    bad = common[(paid.loc[common] != sp.loc[common]).to_numpy()]
    mismatches = pd.DataFrame({"payment_id": bad, "payment": sp.loc[bad].to_numpy(),
                               "awards": paid.loc[bad].to_numpy()})
    return Ledger(commune_id=cid, commune_name=name, province_name=province, year=year, opening=opening,
                  opening_note=opening_note, receipts_by_source=src, spending_by_purpose=use, awards_by_kind=aw,
                  monthly=months, by_branch=by_branch, population=pop,
                  last_date=last, mismatches=mismatches, awards_outside=outside)
