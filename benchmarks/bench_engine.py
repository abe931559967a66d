"""Đo thời gian của bộ máy đánh giá trên số liệu cỡ một tỉnh, so với bộ đánh giá tham chiếu (vòng lặp Python).

Cách đo:
1. Sinh một tỉnh bằng ``khuyenhoc.sample.generate`` (mặc định 100 xã, 1.300.000 người) và chạy
   ``assess_all`` (mọi mô hình, bộ tiêu chí mặc định, ngưỡng còn trống đặt tạm 50) — thời gian thật.
2. Bộ tham chiếu (tests/reference_evaluator.py) quá chậm cho cả tỉnh: chạy nó trên MỘT xã nhỏ sinh
   cùng cách (mặc định 2.000 người), cùng lúc chạy bộ máy trên đúng xã đó, và in tỉ số đo trực tiếp.
3. Ngoại suy thời gian của bộ tham chiếu cho cả tỉnh theo số đối tượng (tuyến tính). Đây là ước lượng
   THẤP cho bộ tham chiếu (nó quét cả bảng cho mỗi đối tượng, nên thực tế tăng nhanh hơn tuyến tính).

Chạy: .venv/bin/python benchmarks/bench_engine.py [--communes 100] [--population 1300000] [--small 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from khuyenhoc import sample  # noqa: E402
from khuyenhoc.catalogues import resolve  # noqa: E402
from khuyenhoc.catalogues.model import ALL_MODELS, UNESCO_MODEL  # noqa: E402
from khuyenhoc.engine import assess  # noqa: E402
from reference_evaluator import reference_assess  # noqa: E402

MODELS = [m for m in ALL_MODELS if m != UNESCO_MODEL]


def fill(cat) -> dict:
    out: dict = {}
    for ind, lv in cat.unset_thresholds():
        if lv is None:
            out[ind] = 50.0
        else:
            out.setdefault(ind, {})[lv] = 50.0
    return out


def vn(x: float, d: int = 1) -> str:
    return f"{x:,.{d}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", type=int, default=100)
    ap.add_argument("--population", type=int, default=1_300_000)
    ap.add_argument("--small", type=int, default=2000, help="số người của xã dùng cho bộ tham chiếu")
    args = ap.parse_args()

    # --- 2. same data for both: one small commune
    small = sample.generate(seed=7, communes=1, population=args.small)
    year = max(small.years())
    print(f"Xã nhỏ ({vn(args.small, 0)} người), năm {year}: bộ máy và bộ tham chiếu trên cùng số liệu")
    eng_small = ref_small = 0.0
    subj_small, ref_time = {}, {}
    for m in MODELS:
        cat = resolve(m)
        th = fill(cat)
        t = time.perf_counter()
        r = assess(small, cat, year, thresholds=th)
        te = time.perf_counter() - t
        t = time.perf_counter()
        ref = reference_assess(small, cat, year, thresholds=th)
        tr = time.perf_counter() - t
        assert len(ref) == len(r.summary)
        subj_small[cat.id] = len(ref)
        ref_time[cat.id] = tr
        eng_small += te
        ref_small += tr
        print(f"  {cat.id:24s} {len(ref):6d} đối tượng  bộ máy {vn(te, 3)} s  tham chiếu {vn(tr, 3)} s  "
              f"(gấp {vn(tr / te)} lần)")
    print(f"  Tổng: bộ máy {vn(eng_small, 2)} s, tham chiếu {vn(ref_small, 2)} s — tỉ số đo trực tiếp: "
          f"{vn(ref_small / eng_small)} lần")

    # --- 1. the province, engine only
    t = time.perf_counter()
    prov = sample.generate(seed=0, communes=args.communes, population=args.population)
    tg = time.perf_counter() - t
    year = max(prov.years())
    print(f"\nTỉnh: {args.communes} xã, {vn(len(prov.persons), 0)} người, {vn(len(prov.households), 0)} hộ "
          f"(sinh số liệu {vn(tg)} s), năm {year}")
    th = {resolve(m).id: fill(resolve(m)) for m in MODELS}
    from khuyenhoc.engine.context import Context

    t = time.perf_counter()
    results = {}

    ctx = Context(prov, year)
    for m in MODELS:
        cat = resolve(m)
        t1 = time.perf_counter()
        results[cat.id] = assess(prov, cat, year, thresholds=th[cat.id], context=ctx)
        print(f"  {cat.id:24s} {vn(len(results[cat.id].summary), 0):>9s} đối tượng  {vn(time.perf_counter() - t1, 2)} s")
    te = time.perf_counter() - t
    print(f"  Bộ máy, mọi mô hình của cả tỉnh: {vn(te, 1)} s (mục tiêu < 30 s)")
    # --- 3. extrapolate the reference linearly by subjects (an underestimate for the reference)
    ref_est = 0.0
    for cid, r in results.items():  # per model: reference seconds per subject on the small commune
        ref_est += ref_time[cid] / max(subj_small[cid], 1) * len(r.summary)
    print(f"  Bộ tham chiếu ngoại suy tuyến tính (theo từng mô hình, theo số đối tượng): ~{vn(ref_est, 0)} s "
          f"(ước lượng thấp) → bộ máy nhanh hơn ~{vn(ref_est / te, 0)} lần")


if __name__ == "__main__":
    main()
