"""Lệnh ``khuyenhoc models``, ``khuyenhoc assess`` và ``khuyenhoc evidence``: bộ tiêu chí, đánh giá, minh chứng.

Không có ``--data`` thì dùng xã mẫu có sẵn. Mã thoát: 0 xong, 1 dữ liệu hoặc bộ tiêu chí có vấn đề, 2 gõ lệnh sai.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..vnformat import so
from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError


def _load_data(path: str | None):
    if path is None:
        from .. import sample

        try:
            return sample.load("mau")
        except FileNotFoundError as e:
            raise CommandError(f"chưa có xã mẫu ({e}). Dùng --data để chỉ tệp dữ liệu của xã.") from None
    p = Path(path)
    if not p.exists():
        raise CommandError(f"không tìm thấy '{p}'. Kiểm tra lại đường dẫn.", EXIT_USAGE)
    from ..intake import read

    return read(p)


def _catalogue(args):
    from ..catalogues import CatalogueError, load_catalogue, resolve

    try:
        if getattr(args, "criteria", None):
            return load_catalogue(args.criteria)
        return resolve(args.model)
    except CatalogueError as e:
        raise CommandError("bộ tiêu chí có vấn đề:\n" + str(e)) from None
    except KeyError as e:
        raise CommandError(str(e.args[0])) from None


def _thresholds(pairs: list[str] | None) -> dict:
    out: dict = {}
    for item in pairs or []:
        key, sep, val = item.partition("=")
        if not sep:
            raise CommandError(f"'--nguong {item}' phải có dạng MÃ_CHỈ_SỐ=GIÁ_TRỊ, ví dụ GDHT-2.2=50 "
                               "hoặc DVHT24-2.1:2=90 (mức độ 2).", EXIT_USAGE)
        ind, _, level = key.partition(":")
        v = val.strip().lower()
        value = True if v in ("có", "co", "true") else False if v in ("không", "khong", "false") else None
        if value is None:
            try:
                value = float(v.replace(",", "."))
            except ValueError:
                raise CommandError(f"giá trị ngưỡng '{val}' của {ind} không phải số hoặc Có/Không.", EXIT_USAGE) from None
        if level:
            out.setdefault(ind, {})[int(level)] = value
        else:
            out[ind] = value
    return out


def _threshold_layers(args) -> tuple[list, str | None]:
    """Các lớp ngưỡng: tệp ngưỡng địa phương (--nguong-file; không có --data: tệp của xã mẫu), rồi --nguong.

    Trả về (các lớp, dòng giải thích nguồn ngưỡng để in ra hoặc None).
    """
    from ..catalogues.local import ORIGIN_CLI, ThresholdLayer, ThresholdsError, load_thresholds

    layers: list = []
    note = None
    path = getattr(args, "nguong_file", None)
    if path is None and args.data is None:
        from .. import sample

        default = sample.path("mau").get("thresholds")
        if default is not None and default.is_file():
            path = default
            note = (f"Dùng ngưỡng do địa phương quy định của xã mẫu (giả định, không phải quy định chính thức): "
                    f"'{default}'.")
    if path is not None:
        if not Path(path).is_file():
            raise CommandError(f"không tìm thấy tệp ngưỡng địa phương '{path}'. Kiểm tra lại đường dẫn.", EXIT_USAGE)
        try:
            layer = load_thresholds(path)
        except ThresholdsError as e:
            raise CommandError("tệp ngưỡng địa phương có vấn đề:\n" + str(e)) from None
        layers.append(layer)
        note = note or f"Dùng ngưỡng do địa phương quy định trong tệp '{path}' ({layer.document})."
    inline = _thresholds(getattr(args, "nguong", None))
    if inline:
        layers.append(ThresholdLayer.inline(inline, ORIGIN_CLI))
    return layers, note


# --------------------------------------------------------------------------- models

def run_models(args) -> int:
    from ..catalogues import get_catalogue, list_catalogues
    from ..engine.measures import MEASURES

    table = list_catalogues()
    if args.json:
        items = []
        for rec in table.to_dict("records"):
            c = get_catalogue(rec["id"])
            items.append({**rec, "documents": [d.model_dump(mode="json") for d in c.documents],
                          "sources": list(c.sources),
                          "unset_thresholds": [{"indicator": i, "level": lv} for i, lv in c.unset_thresholds()]})
        measures = {k: {"label": m.label, "unit": m.unit, "subjects": list(m.kinds),
                        "params": {p: v for p, v in m.defaults.items() if not p.startswith("_")}}
                    for k, m in sorted(MEASURES.items())}
        print(json.dumps({"catalogues": items, "measures": measures}, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    rule_vi = {"all": "mọi chỉ số đạt", "points": "tính điểm", "levels": "mức độ", "rating": "tự đánh giá"}
    prov_vi = {"official": "chính thức", "reconstructed": "dựng lại"}
    for model, group in table.groupby("model", sort=False):
        print(model)
        for r in group.to_dict("records"):
            mark = " (mặc định)" if r["default"] else ""
            print(f"  {r['id']}{mark}: {r['name']}")
            extra = f"; {r['unset_thresholds']} ngưỡng người dùng phải đặt" if r["unset_thresholds"] else ""
            print(f"      văn bản: {r['documents']}; {r['indicators']} chỉ số; cách xét: {rule_vi[r['rule']]}; "
                  f"nguồn gốc: {prov_vi[r['provenance']]}{extra}")
    print("\nDùng: khuyenhoc assess --model MÃ --year NĂM  (hoặc --criteria tệp.yaml cho bộ tiêu chí của mình)")
    return EXIT_OK


# --------------------------------------------------------------------------- assess

def run_assess(args) -> int:
    from ..engine import AssessmentError, assess

    cat = _catalogue(args)
    layers, note = _threshold_layers(args)
    data = _load_data(args.data)
    try:
        res = assess(data, cat, args.year, level=args.level, thresholds=layers or None,
                     evidence_dir=args.thu_muc_minh_chung)
    except AssessmentError as e:
        raise CommandError(str(e)) from None
    except KeyError as e:
        raise CommandError(str(e.args[0])) from None
    counts = res.counts()
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() == ".xlsx":
            res.to_excel(out)
        elif out.suffix.lower() == ".csv":
            res.to_csv(out)
        else:
            raise CommandError(f"tệp kết quả '{out.name}' phải có đuôi .xlsx hoặc .csv.", EXIT_USAGE)
    if args.json:
        print(json.dumps({"catalogue": res.catalogue.id, "year": res.year, "subjects": int(len(res.summary)),
                          "results": {k: int(v) for k, v in counts.items()}, "messages": res.messages,
                          "thresholds_file": str(layers[0].path) if layers and layers[0].path else None,
                          "out": args.out}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if note:
        print(note)
    print(f"Bộ tiêu chí: {res.catalogue.id} — {res.catalogue.name}")
    print(f"Năm đánh giá: {res.year}; số đối tượng: {so(len(res.summary))}")
    for k, v in counts.items():
        print(f"  {k}: {so(v)}")
    for m in res.messages:
        print(f"Lưu ý: {m}")
    if args.out:
        print(f"Đã ghi kết quả (tài liệu nội bộ) vào '{args.out}'.")
    return EXIT_OK


# --------------------------------------------------------------------------- evidence

def run_evidence(args) -> int:
    from ..evidence import gap_report, write_checklist

    from ..catalogues.local import resolve_thresholds

    cat = _catalogue(args)
    layers, note = _threshold_layers(args)
    try:
        cat = resolve_thresholds(cat, layers)[0]
    except KeyError as e:
        raise CommandError(str(e.args[0])) from None
    data = _load_data(args.data)
    if note:
        print(note)
    gaps = gap_report(data, cat, args.year, args.thu_muc_minh_chung)
    print(f"Minh chứng còn thiếu hoặc chưa hợp lệ — {cat.model} năm {args.year}: {so(len(gaps))} mục")
    if len(gaps):
        by = gaps.fillna({"village": "(không thuộc thôn)"}).groupby(["village", "status"]).size()
        for (village, st), n in by.items():
            print(f"  {village}: {n} mục {st}")
    if args.out:
        out = Path(args.out)
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"phiếu thu minh chứng '{out.name}' phải có đuôi .xlsx.", EXIT_USAGE)
        write_checklist(data, cat, args.year, out, args.thu_muc_minh_chung)
        print(f"Đã ghi phiếu đi thu minh chứng (mỗi thôn một trang; tài liệu nội bộ — chứa dữ liệu cá nhân) "
              f"vào '{out}'.")
    return EXIT_OK


def _common(p: argparse.ArgumentParser, criteria: bool) -> None:
    if criteria:
        g = p.add_mutually_exclusive_group(required=True)
        g.add_argument("--model", metavar="MÃ", help="mã bộ tiêu chí (xem 'khuyenhoc models') hoặc tên mô hình")
        g.add_argument("--criteria", metavar="TỆP", help="tệp bộ tiêu chí .yaml của người dùng")
    else:
        p.add_argument("--model", metavar="MÃ", required=True, help="mã bộ tiêu chí hoặc tên mô hình")
    p.add_argument("--year", "--nam", dest="year", type=int, required=True, metavar="NĂM", help="năm đánh giá")
    p.add_argument("--data", metavar="TỆP", help="sổ Excel (.xlsx) hoặc thư mục CSV của xã (mặc định: xã mẫu)")
    p.add_argument("--thu-muc-minh-chung", "--evidence-dir", dest="thu_muc_minh_chung", metavar="THƯ_MỤC",
                   help="thư mục chứa tệp minh chứng (để kiểm tra tệp có và không bị thay đổi)")
    p.add_argument("--nguong-file", "--thresholds-file", dest="nguong_file", metavar="TỆP.yaml",
                   help="tệp ngưỡng do địa phương quy định (.yaml); không có --data thì mặc định dùng tệp "
                        "ngưỡng (giả định) của xã mẫu")


def register(subparsers) -> None:
    p = subparsers.add_parser("models", aliases=["bo-tieu-chi"], help="liệt kê các bộ tiêu chí có sẵn và của người dùng",
                              description="Liệt kê các bộ tiêu chí: mã, mô hình, văn bản, cách xét, nguồn gốc.")
    p.add_argument("--json", action="store_true", help="in dạng JSON (kèm danh sách cách đo)")
    p.set_defaults(run=run_models)

    p = subparsers.add_parser("assess", aliases=["danh-gia"], help="đánh giá một mô hình học tập cho cả xã",
                              description="Đánh giá mọi đối tượng của một mô hình theo bộ tiêu chí trong một năm; "
                              "in số đạt/chưa đạt và ghi bảng kết quả (tóm tắt và chi tiết từng chỉ số).")
    _common(p, criteria=True)
    p.add_argument("--level", "--muc-do", dest="level", type=int, choices=[1, 2], help="mức độ cần xét (nếu có)")
    p.add_argument("--nguong", "--set", dest="nguong", action="append", metavar="MÃ=GIÁ_TRỊ",
                   help="đặt ngưỡng còn trống, ví dụ --nguong GDHT-2.2=50 (lặp lại được; thay ngưỡng cùng chỉ số "
                        "trong --nguong-file)")
    p.add_argument("--out", metavar="TỆP", help="ghi kết quả ra .xlsx (tóm tắt, chi tiết, lưu ý) hoặc .csv (tóm tắt)")
    p.add_argument("--json", action="store_true", help="in tóm tắt dạng JSON")
    p.set_defaults(run=run_assess)

    p = subparsers.add_parser("evidence", aliases=["minh-chung"], help="kiểm tra minh chứng, lập phiếu đi thu",
                              description="Liệt kê minh chứng còn thiếu hoặc chưa hợp lệ của các đối tượng đã đăng ký; "
                              "với --out ghi phiếu đi thu minh chứng (Excel, mỗi thôn một trang, in A4 ngang).")
    _common(p, criteria=False)
    p.add_argument("--out", metavar="TỆP.xlsx", help="ghi phiếu đi thu minh chứng")
    p.set_defaults(run=run_evidence)
