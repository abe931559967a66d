"""Đo thời gian của bộ máy đánh giá và của bộ đánh giá tham chiếu (vòng lặp Python) TRỰC TIẾP trên cùng một
tỉnh, trong một lần chạy, và kiểm tra hai bên cho kết quả như nhau với mọi đối tượng.

Cách đo:
1. Sinh một tỉnh bằng ``khuyenhoc.sample.generate`` (mặc định 26 xã, 130.000 người).
2. Với mỗi mô hình (bộ tiêu chí mặc định; ngưỡng còn trống đặt tạm 50): chạy ``assess`` của bộ máy (dùng chung
   một ``Context``) rồi ``reference_assess`` của tests/reference_evaluator.py (dùng chung một ``Reference``),
   mỗi bên đo thời gian thật; thời gian dựng ``Context``/``Reference`` được tính cho bên đó.
3. So từng đối tượng: kết luận, điểm, xếp loại, mức; từng (đối tượng, chỉ số, mức): giá trị và đạt/không đạt.
4. In thời gian hai bên, tỉ số (mục tiêu ≥ 50 lần) và kết quả so sánh. Mã thoát 1 nếu có chỗ khác nhau.

Chạy: .venv/bin/python benchmarks/bench_engine.py [--communes 26] [--population 130000]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from khuyenhoc import sample  # noqa: E402
from khuyenhoc.catalogues import resolve  # noqa: E402
from khuyenhoc.catalogues.model import ALL_MODELS, UNESCO_MODEL  # noqa: E402
from khuyenhoc.engine import assess  # noqa: E402
from khuyenhoc.engine.context import Context  # noqa: E402
from reference_evaluator import Reference, reference_assess  # noqa: E402

MODELS = [m for m in ALL_MODELS if m != UNESCO_MODEL]


def fill(cat) -> dict:
    """Thresholds the catalogue leaves to local rules, set to 50 for the measurement."""
    out: dict = {}
    for ind, lv in cat.unset_thresholds():
        if lv is None:
            out[ind] = 50.0
        else:
            out.setdefault(ind, {})[lv] = 50.0
    return out


def vn(x: float, d: int = 1) -> str:
    """Số kiểu Việt Nam: 1.234,5."""
    return f"{x:,.{d}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _same(a, b) -> bool:
    a = None if a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a)) else a
    b = None if b is None or b is pd.NA or (isinstance(b, float) and math.isnan(b)) else b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def differences(result, ref: dict) -> tuple[int, list[str]]:
    """Number of values compared and the first differences between the engine's result and the reference."""
    cat, s = result.catalogue, result.summary.set_index("subject_id")
    diffs: list[str] = []
    n = 0
    if set(s.index) != set(ref):
        diffs.append(f"đối tượng khác nhau: {len(set(s.index) ^ set(ref))}")
        return n, diffs
    rec = s["recognised"].astype(object).where(s["recognised"].notna(), None)
    for sid, exp in ref.items():
        got = {"recognised": None if rec[sid] is None else bool(rec[sid])}
        want = {"recognised": exp["recognised"]}
        if cat.rule.kind in ("points", "rating"):
            got["points"], want["points"] = float(s.at[sid, "points"]), exp["points"]
        if cat.rule.kind == "points":
            got["class"], want["class"] = (None if pd.isna(s.at[sid, "class"]) else s.at[sid, "class"]), exp["class"]
        if cat.rule.kind == "levels":
            got["level"], want["level"] = int(s.at[sid, "level"]), exp["level"]
        for k in got:
            n += 1
            if not _same(got[k], want[k]):
                diffs.append(f"{sid} {k}: bộ máy {got[k]!r}, tham chiếu {want[k]!r}")
    d = result.details
    lv = d["level"].astype("Float64").fillna(-1).astype(int).to_numpy() if "level" in d else np.full(len(d), -1)
    values = d["value"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    met = d["met"].astype(object).where(d["met"].notna(), None).tolist()
    for sid, ind, l_, val, m in zip(d["subject_id"].tolist(), d["indicator_id"].astype(str).tolist(), lv, values, met):
        exp = ref[sid]
        n += 2
        if not _same(None if math.isnan(val) else float(val), exp["values"][ind]):
            diffs.append(f"{sid} {ind} giá trị: bộ máy {val!r}, tham chiếu {exp['values'][ind]!r}")
        want = exp["met"][(ind, None if l_ < 0 else int(l_))]
        if (None if m is None else bool(m)) != want:
            diffs.append(f"{sid} {ind} mức {l_} đạt: bộ máy {m!r}, tham chiếu {want!r}")
    return n, diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", type=int, default=26)
    ap.add_argument("--population", type=int, default=130_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t = time.perf_counter()
    prov = sample.generate(seed=args.seed, communes=args.communes, population=args.population)
    year = max(prov.years())
    print(f"Tỉnh: {args.communes} xã, {vn(len(prov.persons), 0)} người, {vn(len(prov.households), 0)} hộ "
          f"(sinh số liệu {vn(time.perf_counter() - t)} s), năm {year}")

    t = time.perf_counter()
    ctx = Context(prov, year)
    eng_total = time.perf_counter() - t
    t = time.perf_counter()
    reference = Reference(prov, year)
    ref_total = time.perf_counter() - t
    print(f"  Dựng dữ liệu dùng chung: bộ máy (Context) {vn(eng_total, 2)} s, tham chiếu (Reference) "
          f"{vn(ref_total, 2)} s")
    compared = 0
    all_diffs: list[str] = []
    for m in MODELS:
        cat = resolve(m)
        th = fill(cat)
        t = time.perf_counter()
        r = assess(prov, cat, year, thresholds=th, context=ctx)
        te = time.perf_counter() - t
        t = time.perf_counter()
        ref = reference_assess(prov, cat, year, thresholds=th, reference=reference)
        tr = time.perf_counter() - t
        eng_total += te
        ref_total += tr
        n, diffs = differences(r, ref)
        compared += n
        all_diffs += [f"{cat.id}: {x}" for x in diffs]
        print(f"  {cat.id:24s} {vn(len(ref), 0):>9s} đối tượng  bộ máy {vn(te, 2):>6s} s  tham chiếu {vn(tr, 2):>7s} s"
              f"  (gấp {vn(tr / te)} lần)  {'giống nhau' if not diffs else f'{len(diffs)} chỗ khác'}")
    print(f"\nTổng: bộ máy {vn(eng_total, 2)} s, tham chiếu {vn(ref_total, 2)} s — bộ máy nhanh hơn "
          f"{vn(ref_total / eng_total)} lần (mục tiêu ≥ 50 lần), đo trực tiếp trên {vn(len(prov.persons), 0)} người.")
    if all_diffs:
        print(f"KHÁC NHAU: {len(all_diffs)} trên {vn(compared, 0)} giá trị so sánh; ví dụ:")
        print("\n".join("  " + x for x in all_diffs[:20]))
        return 1
    print(f"Kết quả giống nhau: {vn(compared, 0)} giá trị (kết luận, điểm, xếp loại, mức, giá trị và đạt/không đạt "
          "của từng chỉ số) của mọi đối tượng.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
