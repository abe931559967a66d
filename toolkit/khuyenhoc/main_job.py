"""Việc chính: kiểm tra sổ dữ liệu của xã (mặc định: xã mẫu), đánh giá các mô hình, lập báo cáo năm và ghi mọi
kết quả vào một thư mục.

``make run`` (README) gọi ``python -m khuyenhoc.main_job out``. Mọi công việc nằm ở
``khuyenhoc.reports.run_job``; mô-đun này chỉ đọc tham số, hiện thanh tiến độ và in tóm tắt.

Ví dụ::

    >>> import tempfile
    >>> from khuyenhoc.main_job import main
    >>> main([tempfile.mkdtemp()])  # doctest: +ELLIPSIS
    Đã kiểm tra sổ dữ liệu '...': không có lỗi; ...
    0
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def build_parser():
    """Bộ phân tích tham số (tiếng Việt)."""
    from .cli import VietnameseParser

    p = VietnameseParser(
        prog="python -m khuyenhoc.main_job",
        description="Kiểm tra sổ dữ liệu của xã, đánh giá các mô hình học tập theo bộ tiêu chí, lập báo cáo năm "
                    "(.docx), phụ lục Excel, bảng chỉ tiêu, biểu đồ; các tệp có tên người được ghi riêng vào thư mục "
                    "'han-che-luu-hanh'. Không có --data: dùng xã mẫu đi kèm.",
        epilog="Mã thoát: 0 xong, 1 dữ liệu có vấn đề, 2 gõ lệnh sai.")
    p.add_argument("ra", nargs="?", default="out", metavar="THƯ_MỤC", help="thư mục ghi kết quả (mặc định: out)")
    p.add_argument("--data", "--du-lieu", dest="du_lieu", metavar="TỆP",
                   help="sổ Excel (.xlsx) hoặc thư mục CSV của xã (mặc định: sổ của xã mẫu)")
    p.add_argument("--year", "--nam", dest="nam", type=int, metavar="NĂM",
                   help="năm báo cáo (mặc định: năm gần nhất đã có số liệu cả năm)")
    p.add_argument("--evidence", "--minh-chung", dest="minh_chung", metavar="THƯ_MỤC",
                   help="thư mục tệp minh chứng để kiểm tra (mặc định với xã mẫu: thư mục minh chứng mẫu)")
    p.add_argument("--nguong-file", "--thresholds-file", dest="nguong_file", metavar="TỆP.yaml",
                   help="tệp ngưỡng do địa phương quy định (.yaml); mặc định với xã mẫu: tệp ngưỡng (giả định) "
                        "của xã mẫu; với --data: chỉ dùng tệp này")
    return p


def _bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, desc="Việc chính", unit="bước", leave=False, disable=None)


def run(args) -> int:
    """Chạy việc chính với tham số đã đọc; in tóm tắt; trả về mã thoát."""
    from .catalogues import CatalogueError
    from .engine import AssessmentError
    from .indicators import TargetsError
    from .problems import render_text
    from .reports import ReportError, SettingsError
    from .catalogues.local import load_thresholds
    from .reports.job import (JOB_STEPS, _sample_evidence_dir, run_job, sample_thresholds_file, summary_lines,
                              validate_source)

    out = Path(args.ra)
    if out.exists() and not out.is_dir():
        print(f"Lỗi: '{out}' là một tệp, không phải thư mục.", file=sys.stderr)
        return EXIT_USAGE
    thresholds_path = args.nguong_file
    if args.du_lieu:
        source, evidence = Path(args.du_lieu), args.minh_chung
    else:
        from . import sample

        source = sample.path("mau")["workbook"]
        evidence = args.minh_chung or _sample_evidence_dir()
        thresholds_path = thresholds_path or sample_thresholds_file()
    if thresholds_path is not None and not Path(thresholds_path).is_file():
        print(f"Lỗi: không tìm thấy tệp ngưỡng địa phương '{thresholds_path}'.", file=sys.stderr)
        return EXIT_USAGE
    try:
        thresholds = load_thresholds(thresholds_path) if thresholds_path is not None else None
    except CatalogueError as exc:
        print(f"Lỗi: tệp ngưỡng địa phương có vấn đề:\n{exc}", file=sys.stderr)
        return EXIT_DATA
    if evidence is not None and not Path(evidence).is_dir():
        print(f"Lỗi: không tìm thấy thư mục minh chứng '{evidence}'.", file=sys.stderr)
        return EXIT_USAGE
    bar = _bar(1 + len(JOB_STEPS))

    def step(msg: str) -> None:
        bar.set_postfix_str(msg)
        bar.update(1)

    try:
        step("Đọc và kiểm tra dữ liệu")
        data, problems, report = validate_source(source, out)
        if data is None:
            bar.close()
            errors = [p for p in problems if p.severity == "lỗi"]
            if not problems:
                print(f"Lỗi: không tìm thấy tệp hoặc thư mục dữ liệu '{source}'.", file=sys.stderr)
            else:
                print(f"Sổ dữ liệu '{source}' có {len(errors)} lỗi cần sửa trước khi lập báo cáo:\n", file=sys.stderr)
                print(render_text(errors[:30]), file=sys.stderr)
                if len(errors) > 30:
                    print(f"… và {len(errors) - 30} lỗi khác.", file=sys.stderr)
                print(f"Danh sách đầy đủ (cả cảnh báo và các chỗ đã tự sửa): {report}", file=sys.stderr)
            print("Chưa lập báo cáo. Sửa sổ dữ liệu rồi chạy lại.", file=sys.stderr)
            return EXIT_DATA
        result = run_job(out, data, args.nam, evidence_dir=evidence, progress=step, thresholds=thresholds)
        result.sample_thresholds = not args.du_lieu and not args.nguong_file and thresholds is not None
        result.written.append(report)
    except (ReportError, SettingsError, TargetsError, AssessmentError, CatalogueError) as exc:
        bar.close()
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_DATA
    except OSError as exc:
        bar.close()
        print(f"Lỗi: không ghi hoặc đọc được tệp '{exc.filename or ''}' ({exc.strerror or exc}).", file=sys.stderr)
        return EXIT_DATA
    bar.close()
    warn = sum(p.severity == "cảnh báo" for p in problems)
    fixed = sum(p.severity == "đã sửa" for p in problems)
    print(f"Đã kiểm tra sổ dữ liệu '{source}': không có lỗi; {warn} cảnh báo, {fixed} chỗ đã tự sửa "
          f"(xem {report.relative_to(out).as_posix()}).")
    print("\n".join(summary_lines(result)))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Chạy việc chính từ dòng lệnh; trả về mã thoát (0 xong, 1 dữ liệu có vấn đề, 2 gõ lệnh sai)."""
    from .cli import _utf8_streams, _vietnamese_argparse

    _utf8_streams()
    try:
        with _vietnamese_argparse():
            args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        return run(args)
    except SystemExit as exc:  # argparse: help (0) or wrong usage (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return EXIT_DATA
    except Exception as exc:  # the main job never shows a traceback to an officer
        if os.environ.get("KHUYENHOC_DEBUG") == "1":
            raise
        print(f"Lỗi ngoài dự kiến ({type(exc).__name__}): {exc}\nHãy gửi thông báo này cho người hỗ trợ kỹ thuật; "
              "đặt biến môi trường KHUYENHOC_DEBUG=1 để xem chi tiết.", file=sys.stderr)
        return EXIT_DATA


if __name__ == "__main__":
    raise SystemExit(main())
