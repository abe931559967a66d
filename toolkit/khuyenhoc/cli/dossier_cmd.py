"""Lệnh ``khuyenhoc ho-so``: lập hồ sơ đề nghị công nhận danh hiệu (tờ trình, biên bản, báo cáo, danh sách, dự thảo
quyết định).

Ví dụ::

    >>> import tempfile
    >>> from khuyenhoc.cli import main
    >>> main(["ho-so", "--mo-hinh", "congdongthon-qd387", "--nam", "2025", "--ra", tempfile.mkdtemp()])
    ... # doctest: +ELLIPSIS
    Hồ sơ “Cộng đồng học tập cấp thôn” năm 2025 của Xã Hòa Mẫu: 10 đăng ký, 9 đạt (0 đủ minh chứng), 1 chưa đạt.
    ...
    0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "lập hồ sơ đề nghị công nhận danh hiệu (.docx): tờ trình, biên bản họp xét, báo cáo tự đánh giá, danh sách"
DESCRIPTION = (
    "Đánh giá mô hình học tập theo bộ tiêu chí rồi lập hồ sơ đề nghị công nhận theo thể thức Nghị định 30/2020 "
    "(mẫu gợi ý): tờ trình, biên bản họp xét, báo cáo tự đánh giá kèm bảng tổng hợp, dự thảo quyết định và danh "
    "sách đề nghị. Danh sách có tên người ghi vào thư mục 'han-che-luu-hanh'. Không có --data: dùng dữ liệu xã mẫu "
    "(và tệp ngưỡng giả định, thư mục minh chứng của xã mẫu). Mã thoát: 0 xong, 1 dữ liệu có vấn đề, 2 gõ lệnh sai."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("ho-so", aliases=["dossier"], help=HELP, description=DESCRIPTION)
    p.add_argument("--model", "--mo-hinh", dest="mo_hinh", required=True, metavar="MÔ_HÌNH",
                   help="mã bộ tiêu chí (ví dụ giadinh-qd387) hoặc tên mô hình (ví dụ 'Gia đình học tập')")
    p.add_argument("--year", "--nam", dest="nam", type=int, required=True, metavar="NĂM", help="năm đánh giá")
    p.add_argument("--out", "--ra", dest="ra", required=True, metavar="THƯ_MỤC", help="thư mục ghi hồ sơ")
    p.add_argument("--data", "--du-lieu", dest="du_lieu", metavar="TỆP", help="sổ Excel (.xlsx) hoặc thư mục CSV của xã")
    p.add_argument("--settings", "--mau", dest="mau", metavar="TỆP_YAML",
                   help="tệp YAML sửa tên cơ quan, số hiệu, người ký, cuộc họp (xem dossier/mac_dinh.yaml)")
    p.add_argument("--nguong-file", "--thresholds-file", dest="nguong_file", metavar="TỆP.yaml",
                   help="tệp ngưỡng do địa phương quy định (.yaml)")
    p.add_argument("--minh-chung", "--evidence-dir", dest="minh_chung", metavar="THƯ_MỤC",
                   help="thư mục tệp minh chứng (để kiểm tra tệp và mã SHA-256)")
    p.add_argument("--commune", "--xa", dest="xa", metavar="MÃ_XÃ", help="mã xã (khi dữ liệu có nhiều xã)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..catalogues.local import ThresholdsError, load_thresholds
    from ..dossier import DossierError, SettingsError, build_dossier
    from ..reports import ReportError
    from ..reports.job import load_data

    out = Path(args.ra)
    if out.exists() and not out.is_dir():
        raise CommandError(f"'{out}' là một tệp, không phải thư mục.", EXIT_USAGE)
    thresholds_path, evidence = args.nguong_file, args.minh_chung
    if args.du_lieu is None:  # the sample commune comes with its (fictional) thresholds and evidence folder
        from .. import sample

        thresholds_path = thresholds_path or sample.path("mau")["thresholds"]
        evidence = evidence or sample.path("mau")["evidence"]
    if thresholds_path is not None and not Path(thresholds_path).is_file():
        raise CommandError(f"không tìm thấy tệp ngưỡng địa phương '{thresholds_path}'.", EXIT_USAGE)
    if evidence is not None and not Path(evidence).is_dir():
        raise CommandError(f"không tìm thấy thư mục minh chứng '{evidence}'.", EXIT_USAGE)
    try:
        thresholds = load_thresholds(thresholds_path) if thresholds_path is not None else None
        data = load_data(args.du_lieu)
        kq = build_dossier(data, args.mo_hinh, args.nam, out, settings=args.mau, thresholds=thresholds,
                           evidence_dir=evidence, commune_id=args.xa)
    except ThresholdsError as exc:
        raise CommandError("tệp ngưỡng địa phương có vấn đề:\n" + str(exc), EXIT_DATA) from None
    except (DossierError, SettingsError, ReportError, KeyError) as exc:
        raise CommandError(str(exc.args[0] if isinstance(exc, KeyError) else exc), EXIT_DATA) from None
    f = kq.facts
    print(f"Hồ sơ “{f.catalogue.model}” năm {f.year} của {f.commune_name}: {f.registered} đăng ký, {f.passed} đạt "
          f"({f.passed_with_evidence} đủ minh chứng), {f.not_passed} chưa đạt"
          + (f", {f.undecided} chưa kết luận" if f.undecided else "") + ".")
    print(f"Đã ghi {len(kq.written)} văn bản vào '{out}':")
    for p in kq.written:
        print(f"  {p.relative_to(out)}")
    if kq.restricted and f.personal:
        print("Lưu ý: thư mục 'han-che-luu-hanh' có dữ liệu cá nhân — chỉ dùng trong hồ sơ, không đăng công khai.")
    print("Đây là mẫu gợi ý theo thể thức Nghị định 30/2020: sửa theo hướng dẫn của cấp trên trước khi ký.")
    return EXIT_OK
