"""Lệnh ``khuyenhoc report`` (báo cáo năm của xã) và ``khuyenhoc province`` (tổng hợp của tỉnh)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "lập báo cáo năm của Hội Khuyến học xã (.docx), phụ lục Excel, biểu đồ và bảng chỉ tiêu"
DESCRIPTION = (
    "Lập báo cáo năm gửi cấp trên theo thể thức văn bản hành chính (Nghị định 30/2020): số liệu tổng hợp, bảng và "
    "biểu đồ, hạn chế, phương hướng, đề xuất. Ghi thêm phụ lục Excel, biểu đồ PNG để chia sẻ và danh sách có tên "
    "người vào một thư mục riêng 'han-che-luu-hanh'. Không có --data: dùng dữ liệu xã mẫu. "
    "Mã thoát: 0 xong, 1 dữ liệu có vấn đề, 2 gõ lệnh sai."
)
HELP_P = "tổng hợp báo cáo của các xã trong tỉnh: xã nào chưa báo cáo, chỉ tiêu toàn tỉnh"
DESCRIPTION_P = (
    "Đọc phụ lục số liệu tổng hợp của từng xã (tệp phu-luc-chi-tieu-<năm>.xlsx mà lệnh 'khuyenhoc report' hoặc "
    "việc chính ghi ra; chỉ có số liệu tổng hợp) trong một thư mục, kiểm tra từng tệp, liệt kê xã chưa báo cáo "
    "hoặc tệp có vấn đề, và cộng dồn các chỉ tiêu lên cấp tỉnh. Sổ dữ liệu có tên người của xã bị từ chối: dữ liệu "
    "cá nhân không rời khỏi xã. Mã thoát: 0 xong, 1 có vấn đề, 2 gõ lệnh sai."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("report", aliases=["bao-cao"], help=HELP, description=DESCRIPTION)
    p.add_argument("--year", "--nam", dest="nam", type=int, metavar="NĂM", help="năm báo cáo (mặc định: năm gần nhất đã có số liệu cả năm)")
    p.add_argument("--data", "--du-lieu", dest="du_lieu", metavar="TỆP", help="sổ Excel (.xlsx) hoặc thư mục CSV của xã")
    p.add_argument("--out", "--ra", dest="ra", metavar="THƯ_MỤC", required=True, help="thư mục ghi kết quả")
    p.add_argument("--settings", "--mau", dest="mau", metavar="TỆP_YAML",
                   help="tệp YAML sửa phần đầu văn bản, số hiệu, người ký, lời văn (xem bao_cao_mac_dinh.yaml)")
    p.add_argument("--targets", "--chi-tieu", dest="chi_tieu", metavar="TỆP", help="tệp chỉ tiêu phấn đấu (.yaml/.csv)")
    p.add_argument("--commune", "--xa", dest="xa", metavar="MÃ_XÃ", help="mã xã (khi dữ liệu có nhiều xã)")
    p.add_argument("--nguong-file", "--thresholds-file", dest="nguong_file", metavar="TỆP.yaml",
                   help="tệp ngưỡng do địa phương quy định (.yaml); không có --data: mặc định dùng tệp ngưỡng "
                        "(giả định) của xã mẫu")
    p.set_defaults(run=run)

    q = subparsers.add_parser("province", aliases=["tong-hop-tinh"], help=HELP_P, description=DESCRIPTION_P)
    q.add_argument("thu_muc", metavar="THƯ_MỤC", help="thư mục chứa phụ lục số liệu tổng hợp của các xã")
    q.add_argument("--year", "--nam", dest="nam", type=int, required=True, metavar="NĂM", help="năm tổng hợp")
    q.add_argument("--out", "--ra", dest="ra", metavar="THƯ_MỤC", required=True, help="thư mục ghi kết quả")
    q.add_argument("--expected", "--danh-sach-xa", dest="danh_sach", metavar="TỆP",
                   help="tệp đơn vị hành chính của tỉnh (.xlsx/.csv) liệt kê các xã phải báo cáo")
    q.add_argument("--province-name", "--ten-tinh", dest="ten_tinh", default="", metavar="TÊN",
                   help="tên tỉnh, ví dụ 'Tỉnh Sơn La'")
    q.add_argument("--workers", "--so-tien-trinh", dest="so_tien_trinh", type=int, metavar="SỐ",
                   help=argparse.SUPPRESS)  # kept so old scripts still run; reading annexes needs no workers
    q.set_defaults(run=run_province)


def _bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, desc="Lập báo cáo", unit="bước", leave=False,
                disable=not sys.stderr.isatty())


def run(args: argparse.Namespace) -> int:
    from ..indicators import TargetsError
    from ..reports import ReportError, SettingsError, main_job
    from ..catalogues.local import ThresholdsError, load_thresholds
    from ..reports.job import _sample_evidence_dir, load_data, sample_thresholds_file

    out = Path(args.ra)
    if out.exists() and not out.is_dir():
        raise CommandError(f"'{out}' là một tệp, không phải thư mục.", EXIT_USAGE)
    thresholds_path = args.nguong_file or (sample_thresholds_file() if args.du_lieu is None else None)
    if thresholds_path is not None and not Path(thresholds_path).is_file():
        raise CommandError(f"không tìm thấy tệp ngưỡng địa phương '{thresholds_path}'.", EXIT_USAGE)
    try:
        thresholds = load_thresholds(thresholds_path) if thresholds_path is not None else None
    except ThresholdsError as exc:
        raise CommandError("tệp ngưỡng địa phương có vấn đề:\n" + str(exc), EXIT_DATA) from None
    from ..reports.job import JOB_STEPS

    bar = _bar(1 + len(JOB_STEPS))

    def step(msg: str) -> None:
        bar.set_postfix_str(msg)
        bar.update(1)

    try:
        step("Đọc dữ liệu")
        data = load_data(args.du_lieu)
        # the bundled sample comes with its evidence folder, as for the main job: same inputs, same figures
        evidence = _sample_evidence_dir() if args.du_lieu is None else None
        written = main_job(out, data, args.nam, commune_id=args.xa, settings=args.mau, targets=args.chi_tieu,
                           progress=step, thresholds=thresholds, evidence_dir=evidence)
    except (ReportError, SettingsError, TargetsError) as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    finally:
        bar.close()
    if thresholds is not None:
        kind = ("của xã mẫu — giả định, không phải quy định chính thức" if not args.nguong_file
                else thresholds.document)
        print(f"Ngưỡng do địa phương quy định lấy từ tệp '{thresholds.path}' ({kind}).")
    print(f"Đã ghi {len(written)} tệp vào '{out}':")
    for p in written:
        print(f"  {p.relative_to(out) if p.is_relative_to(out) else p}")
    print("Lưu ý: thư mục 'han-che-luu-hanh' có dữ liệu cá nhân — không gửi ra ngoài xã.")
    return EXIT_OK


def run_province(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ..indicators.vnformat import phan_tram
    from ..reports import ReportError, province_rollup
    from ..reports.province import default_workers

    folder = Path(args.thu_muc)
    if not folder.is_dir():
        raise CommandError(f"không tìm thấy thư mục '{folder}'.", EXIT_USAGE)
    wrap = lambda it: tqdm(list(it), file=sys.stderr, desc="Đọc sổ các xã", unit="xã", leave=False,  # noqa: E731
                           disable=not sys.stderr.isatty())
    try:
        r = province_rollup(folder, args.nam, expected=args.danh_sach, out_dir=args.ra,
                            province_name=args.ten_tinh, progress=wrap,
                            workers=args.so_tien_trinh or default_workers())
    except ReportError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    counts = r.status["status"].value_counts()
    print(f"Năm {args.nam}: {len(r.status)} xã; " + ", ".join(f"{k}: {v}" for k, v in counts.items())
          + f"; tỷ lệ báo cáo {phan_tram(r.reporting_rate)}.")
    for p in r.written:
        print(f"  đã ghi {p}")
    return EXIT_OK if r.reporting_rate == 100 else EXIT_DATA
