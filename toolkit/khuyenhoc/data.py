"""Dữ liệu của một xã (hoặc nhiều xã) dưới dạng các bảng pandas có kiểu rõ ràng.

``CommuneData`` holds one ``DataFrame`` per table of ``khuyenhoc.schema.SCHEMA``,
with English column names and canonical dtypes (see ``DTYPES``). Every part of
the toolkit takes and returns this one object.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> d = CommuneData()
    >>> len(d.persons)
    0
    >>> list(d.persons.columns)[:3]
    ['person_id', 'household_id', 'full_name']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

import pandas as pd

from .schema import SCHEMA, ColumnType, Table

#: Canonical pandas dtype of each column type.
DTYPES: dict[ColumnType, str] = {
    ColumnType.ID: "string",
    ColumnType.TEXT: "string",
    ColumnType.CODE: "string",
    ColumnType.DATE: "datetime64[ns]",
    ColumnType.YEAR: "Int64",
    ColumnType.INT: "Int64",
    ColumnType.FLOAT: "Float64",
    ColumnType.MONEY: "Int64",
    ColumnType.BOOL: "boolean",
}


def empty_frame(table: Table) -> pd.DataFrame:
    """Bảng rỗng đúng cột và kiểu của ``table``.

    >>> from khuyenhoc.schema import table
    >>> empty_frame(table("units")).dtypes["staff"]
    Int64Dtype()
    """
    return pd.DataFrame({c.name: pd.Series(dtype=DTYPES[c.type]) for c in table.columns})


def coerce(table: Table, df: pd.DataFrame) -> pd.DataFrame:
    """Trả về bản sao của ``df`` với đúng thứ tự cột và kiểu của ``table``.

    Values must already be clean (intake does the parsing and reports problems);
    a value that cannot be converted raises ``ValueError``.

    >>> from khuyenhoc.schema import table
    >>> df = coerce(table("units"), pd.DataFrame({"unit_id": ["X01-DV01"], "staff": [3]}))
    >>> df.loc[0, "staff"], df.loc[0, "name"] is pd.NA
    (np.int64(3), True)
    """
    out = {}
    n = len(df)
    for c in table.columns:
        dtype = DTYPES[c.type]
        if c.name in df.columns:
            s = df[c.name]
            if c.type is ColumnType.DATE:
                s = pd.to_datetime(s).astype(dtype)
            elif c.type in (ColumnType.INT, ColumnType.YEAR, ColumnType.MONEY):
                s = pd.array(s, dtype="Int64") if not isinstance(s.dtype, pd.Int64Dtype) else s
            else:
                s = s.astype(dtype)
            out[c.name] = pd.Series(s, index=df.index, dtype=dtype)
        else:
            out[c.name] = pd.Series(pd.array([None] * n, dtype=dtype), index=df.index)
    return pd.DataFrame(out, index=df.index).reset_index(drop=True)


@dataclass
class CommuneData:
    """Các bảng dữ liệu của một hay nhiều xã (mỗi bảng là một trang của sổ Excel).

    Access a table as an attribute (``data.persons``) or by name (``data["persons"]``).
    Missing tables are empty frames with the right columns.

    >>> d = CommuneData()
    >>> "households" in d.table_names
    True
    """

    tables: dict[str, pd.DataFrame]

    def __init__(self, tables: Mapping[str, pd.DataFrame] | None = None, *, coerce_types: bool = True):
        tables = dict(tables or {})
        unknown = set(tables) - set(SCHEMA.names)
        if unknown:
            raise KeyError(f"Bảng không có trong mô hình dữ liệu: {', '.join(sorted(unknown))}")
        self.tables = {}
        for t in SCHEMA:
            if t.name in tables:
                df = tables[t.name]
                self.tables[t.name] = coerce(t, df) if coerce_types else df
            else:
                self.tables[t.name] = empty_frame(t)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables")
        if tables is not None and name in tables:
            return tables[name]
        raise AttributeError(name)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self) -> Iterator[tuple[str, pd.DataFrame]]:
        return iter(self.tables.items())

    @property
    def table_names(self) -> list[str]:
        return list(self.tables)

    def replace(self, **tables: pd.DataFrame) -> "CommuneData":
        """Bản sao với một số bảng được thay thế.

        >>> CommuneData().replace(units=pd.DataFrame({"unit_id": ["A"]})).units.shape
        (1, 6)
        """
        merged = dict(self.tables)
        merged.update(tables)
        return CommuneData(merged)

    # ------------------------------------------------------------------ hierarchy

    def communes(self) -> pd.DataFrame:
        """Các xã/phường (đơn vị hành chính cấp 'xã')."""
        au = self.admin_units
        return au[au["level"] == "xã"].reset_index(drop=True)

    def villages(self, commune_id: str | None = None) -> pd.DataFrame:
        """Các thôn/bản/tổ dân phố (cấp 'thôn'), của một xã nếu có ``commune_id``."""
        au = self.admin_units
        v = au[au["level"] == "thôn"]
        if commune_id is not None:
            v = v[v["parent_id"] == commune_id]
        return v.reset_index(drop=True)

    def residents(self) -> pd.DataFrame:
        """Nhân khẩu đang cư trú (thường trú hoặc tạm trú), kèm mã thôn và mã xã."""
        p = self.persons
        p = p[p["residence"].isin(["Thường trú", "Tạm trú"])]
        hh = self.households[["household_id", "village_id"]]
        p = p.merge(hh, on="household_id", how="left")
        parents = self.admin_units.set_index("unit_id")["parent_id"]
        p["commune_id"] = p["village_id"].map(parents).astype("string")
        return p.reset_index(drop=True)

    def years(self) -> list[int]:
        """Các năm có dữ liệu theo năm (từ bảng Nhân khẩu theo năm)."""
        y = self.person_years["year"].dropna().unique()
        return sorted(int(v) for v in y)

    def summary(self) -> dict[str, object]:
        """Số liệu tóm tắt để in ra màn hình (số xã, thôn, hộ, nhân khẩu, hội viên…)."""
        res = self.residents()
        members = self.members
        active = members[members["left"].isna()] if len(members) else members
        return {
            "Số xã/phường": len(self.communes()),
            "Số thôn/bản/tổ dân phố": len(self.villages()),
            "Số hộ gia đình": len(self.households),
            "Số nhân khẩu đang cư trú": len(res),
            "Số dòng họ": len(self.clans),
            "Số đơn vị": len(self.units),
            "Số chi hội": len(self.branches),
            "Số hội viên (đang sinh hoạt)": len(active),
            "Các năm có số liệu": ", ".join(str(y) for y in self.years()),
        }
