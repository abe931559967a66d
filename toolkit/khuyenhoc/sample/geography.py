"""Cây đơn vị hành chính giả định: tỉnh → xã → thôn/bản (không có cấp huyện)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .names import place_names
from .spec import CommuneSpec, rng_for


@dataclass
class Geography:
    """Communes and villages as arrays (index = position), plus the admin_units table."""

    commune_id: np.ndarray  # "T01-X01"
    prefix: np.ndarray  # "X01" (prefix of every entity id of the commune)
    commune_name: np.ndarray  # "Hòa Mẫu"
    commune_pop: np.ndarray  # target number of people
    village_id: np.ndarray
    village_commune: np.ndarray  # commune index of each village
    village_name: np.ndarray  # "Thôn Đông Lâm" / "Bản Nà Mây"
    village_kind: np.ndarray  # "thôn" / "bản"
    village_weight: np.ndarray  # relative size inside its commune
    province_id: str
    province_name: str
    district_name: str
    admin_units: pd.DataFrame

    @property
    def n_communes(self) -> int:
        return len(self.commune_id)


def _split_population(rng: np.random.Generator, total: int, n: int) -> np.ndarray:
    if n == 1:
        return np.array([total], dtype=np.int64)
    w = rng.lognormal(0.0, 0.35, size=n)
    pop = np.floor(total * w / w.sum()).astype(np.int64)
    pop[: total - pop.sum()] += 1
    return pop


def build_geography(spec: CommuneSpec, seed: int, communes: int, population: int) -> Geography:
    """Invent ``communes`` communes of one province with ``population`` people in all."""
    rng = rng_for(seed, "geography")
    pcode = f"T{spec.province_code:02d}"
    codes = spec.commune_code + np.arange(communes)
    width = max(2, len(str(int(codes.max()))))
    prefix = np.array([f"X{c:0{width}d}" for c in codes], dtype=object)
    commune_id = np.array([f"{pcode}-{p}" for p in prefix], dtype=object)
    if communes == 1 and spec.commune_name:
        cnames = [spec.commune_name]
    else:
        cnames = place_names(rng, communes)
    pops = _split_population(rng, population, communes)

    v_ids, v_comm, v_names, v_kinds, v_w = [], [], [], [], []
    for i in range(communes):  # per commune (small), villages are few
        if communes == 1 and spec.villages:
            nv = spec.villages
        else:
            nv = int(np.clip(round(pops[i] / 500 + rng.normal(0, 1.0)), 4, 60))
        n_ban = int(round(nv * spec.ban_share))
        names = place_names(rng, nv - n_ban, exclude={cnames[i]}) + place_names(rng, n_ban, ban=True)
        kinds = ["thôn"] * (nv - n_ban) + ["bản"] * n_ban
        order = rng.permutation(nv)
        vwidth = max(2, len(str(nv)))
        for j, k in enumerate(order, 1):
            v_ids.append(f"{commune_id[i]}-TH{j:0{vwidth}d}")
            v_comm.append(i)
            v_names.append(("Thôn " if kinds[k] == "thôn" else "Bản ") + names[k])
            v_kinds.append(kinds[k])
        v_w.append(rng.lognormal(0.0, 0.3, size=nv))

    village_weight = np.concatenate(v_w)
    stat_pop = np.round(pops * rng.uniform(0.98, 1.03, size=communes), -1).astype(np.int64)
    au = pd.DataFrame({
        "unit_id": [pcode, *commune_id, *v_ids],
        "name": [f"Tỉnh {spec.province_name}", *[f"Xã {n}" for n in cnames], *v_names],
        "level": ["tỉnh"] + ["xã"] * communes + ["thôn"] * len(v_ids),
        "kind": ["tỉnh"] + ["xã"] * communes + v_kinds,
        "parent_id": [None, *[pcode] * communes, *[commune_id[c] for c in v_comm]],
        "population": pd.array([None, *stat_pop, *[None] * len(v_ids)], dtype="Int64"),
    })
    return Geography(
        commune_id=commune_id,
        prefix=prefix,
        commune_name=np.array(cnames, dtype=object),
        commune_pop=pops,
        village_id=np.array(v_ids, dtype=object),
        village_commune=np.array(v_comm, dtype=np.int64),
        village_name=np.array(v_names, dtype=object),
        village_kind=np.array(v_kinds, dtype=object),
        village_weight=village_weight,
        province_id=pcode,
        province_name=spec.province_name,
        district_name=spec.former_district,
        admin_units=au,
    )
