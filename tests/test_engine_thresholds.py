"""Local thresholds file (“Ngưỡng do địa phương quy định”): loading, Vietnamese errors, provenance in results."""

from __future__ import annotations

import json
import textwrap

import pytest

from criteria_factory import commune
from khuyenhoc.catalogues import ThresholdsError, load_thresholds
from khuyenhoc.catalogues.local import ORIGIN_CLI, ThresholdLayer
from khuyenhoc.cli import main
from khuyenhoc.engine import AssessmentError, assess, assess_all

GOOD = """\
    decided_by: UBND xã Thử
    document: Kế hoạch số 05/KH-UBND ngày 15/01/2025 của UBND xã Thử
    note: ghi chú
    catalogues:
      giadinh-qd387:
        thresholds:
          GDHT-2.2: 50
      donvi-tt24-2023:
        decided_by: Sở Giáo dục và Đào tạo tỉnh Thử
        document: Hướng dẫn số 3/HD-SGDĐT
        thresholds:
          "DVHT24-2.1:2": 90
          DVHT24-2.2: {2: 85}
"""


def write(tmp_path, text: str, name: str = "nguong.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_a_good_file_loads_with_who_decided(tmp_path):
    t = load_thresholds(write(tmp_path, GOOD))
    assert t.values == {"giadinh-qd387": {"GDHT-2.2": 50.0},
                        "donvi-tt24-2023": {"DVHT24-2.1": {2: 90.0}, "DVHT24-2.2": {2: 85.0}}}
    assert t.decided_by == "UBND xã Thử" and t.note == "ghi chú"
    assert t.label("giadinh-qd387") == "tệp ngưỡng địa phương (Kế hoạch số 05/KH-UBND ngày 15/01/2025)"
    assert "Sở Giáo dục và Đào tạo tỉnh Thử" in t.basis["donvi-tt24-2023"]


@pytest.mark.parametrize("body, expected", [
    ("    decided_by: A\n    document: B\n    catalogues:\n      khong-co:\n        thresholds: {X-1: 1}\n",
     ["mục catalogues.khong-co", "Không có bộ tiêu chí 'khong-co'"]),
    ("    decided_by: A\n    document: B\n    catalogues:\n      giadinh-qd387:\n        thresholds: {GDHT-9.9: 1}\n",
     ["catalogues.giadinh-qd387.thresholds.GDHT-9.9", "không có chỉ số 'GDHT-9.9'"]),
    ("    decided_by: A\n    document: B\n    catalogues:\n      giadinh-qd387:\n        thresholds: {GDHT-2.2: '50%'}\n",
     ["phải là một con số (%) (không ghi dấu %)"]),
    ("    decided_by: A\n    document: B\n    catalogues:\n      giadinh-qd387:\n        thresholds: {GDHT-3.2: 1}\n",
     ["là Có/Không; ngưỡng phải là true (Có) hoặc false (Không)"]),
    ("    decided_by: A\n    document: B\n    catalogues:\n      giadinh-qd387:\n        thresholds: {GDHT-2.2: 150}\n",
     ["tỉ lệ phải từ 0 đến 100"]),
    ("    decided_by: A\n    document: B\n    catalogues:\n      giadinh-qd387:\n        thresholds: {'GDHT-2.2:2': 50}\n",
     ["không chia mức độ; bỏ phần ':2'"]),
    ("    decided_by: A\n    document: B\n    catalogues:\n      donvi-tt24-2023:\n        thresholds: {DVHT24-2.1: 90}\n",
     ["chia mức độ; ghi rõ mức độ"]),
    ("    decided_by: A\n    document: B\n    catalogues:\n      donvi-tt24-2023:\n        thresholds: {'DVHT24-2.1:3': 90}\n",
     ["không xét ở mức độ 3"]),
    ("    document: B\n    catalogues:\n      giadinh-qd387:\n        thresholds: {GDHT-2.2: 50}\n",
     ["mục decided_by: thiếu mục bắt buộc"]),
    ("    decided_by: A\n    document: B\n    nguong: 1\n    catalogues:\n      giadinh-qd387:\n        thresholds: {GDHT-2.2: 50}\n",
     ["mục nguong: mục này không có trong mẫu"]),
    ("    decided_by: A\n    document: [B\n", ["lỗi cú pháp YAML", "dòng"]),
])
def test_bad_files_are_explained_in_vietnamese(tmp_path, body, expected):
    p = write(tmp_path, body, "sai.yaml")
    with pytest.raises(ThresholdsError) as e:
        load_thresholds(p)
    msg = str(e.value)
    assert "Tệp 'sai.yaml'" in msg
    for part in expected:
        assert part in msg, msg


def test_missing_file(tmp_path):
    with pytest.raises(ThresholdsError, match="Không tìm thấy tệp ngưỡng địa phương"):
        load_thresholds(tmp_path / "khong-co.yaml")


def test_engine_takes_a_path_and_says_where_each_threshold_came_from(tmp_path):
    p = write(tmp_path, GOOD)
    by_file = assess(commune(), "giadinh-qd387", 2025, thresholds=p)
    by_dict = assess(commune(), "giadinh-qd387", 2025, thresholds={"GDHT-2.2": 50})
    assert by_file.summary["result"].tolist() == by_dict.summary["result"].tolist()
    d = by_file.details
    row = d[(d["subject_id"] == "H1") & (d["indicator_id"] == "GDHT-2.2")].iloc[0]
    assert row["threshold"] == 50
    assert row["threshold_source"] == "tệp ngưỡng địa phương (Kế hoạch số 05/KH-UBND ngày 15/01/2025)"
    assert row["explanation"].endswith("(yêu cầu ≥ 50%; ngưỡng theo tệp ngưỡng địa phương "
                                       "(Kế hoạch số 05/KH-UBND ngày 15/01/2025)).")
    other = d[(d["subject_id"] == "H1") & (d["indicator_id"] == "GDHT-3.2")].iloc[0]
    assert other["threshold_source"] == "bộ tiêu chí" and "ngưỡng theo" not in other["explanation"]
    assert any("GDHT-2.2 lấy từ tệp ngưỡng địa phương" in m and "Kế hoạch số 05/KH-UBND" in m
               for m in by_file.messages)
    assert not any("chưa có ngưỡng" in m for m in by_file.messages)
    same = assess(commune(), "giadinh-qd387", 2025, thresholds=load_thresholds(p))
    assert same.summary["result"].tolist() == by_file.summary["result"].tolist()


def test_command_line_overrides_the_file_and_a_catalogue_threshold_is_reported(tmp_path):
    p = write(tmp_path, GOOD)
    strict = assess(commune(), "giadinh-qd387", 2025,
                    thresholds=[p, ThresholdLayer.inline({"GDHT-2.2": 101, "GDHT-2.1": 101}, ORIGIN_CLI)])
    d = strict.details
    row = d[(d["subject_id"] == "H1") & (d["indicator_id"] == "GDHT-2.2")].iloc[0]
    assert row["threshold"] == 101 and row["threshold_source"] == ORIGIN_CLI
    assert not strict.summary["recognised"].fillna(False).any()
    # GDHT-2.1 has a threshold in the catalogue: allowed as an explicit override, and said so
    assert any(m.startswith("Chỉ số GDHT-2.1: bộ tiêu chí đặt ngưỡng ≥ 100%; dòng lệnh (--nguong) thay bằng ≥ 101%")
               for m in strict.messages), strict.messages
    row = d[(d["subject_id"] == "H1") & (d["indicator_id"] == "GDHT-2.1")].iloc[0]
    assert "ngưỡng theo dòng lệnh (--nguong)" in row["explanation"]


def test_unknown_indicator_in_a_plain_dict_still_fails():
    with pytest.raises(AssessmentError, match="Không có chỉ số GDHT-9.9"):
        assess(commune(), "giadinh-qd387", 2025, thresholds={"GDHT-9.9": 1})


def test_assess_all_spreads_file_and_plain_thresholds(tmp_path):
    p = write(tmp_path, GOOD)
    res = assess_all(commune(), 2025, models=["giadinh-qd387", "congdan-qd324"], thresholds=[p, {"CDHT-2.2": 6}])
    g = res["giadinh-qd387"].details
    assert (g.loc[g["indicator_id"] == "GDHT-2.2", "threshold"] == 50).all()
    c = res["congdan-qd324"].details
    assert (c.loc[c["indicator_id"] == "CDHT-2.2", "threshold"] == 6).all()
    with pytest.raises(AssessmentError, match="Không có chỉ số X-1"):
        assess_all(commune(), 2025, models=["giadinh-qd387"], thresholds={"X-1": 1})


def _data(tmp_path):
    from khuyenhoc.workbook import write_csv_dir

    folder = tmp_path / "xa"
    write_csv_dir(commune(), folder)
    return folder


def test_cli_nguong_file(tmp_path, capsys):
    folder = _data(tmp_path)
    p = write(tmp_path, GOOD)
    code = main(["assess", "--model", "giadinh-qd387", "--year", "2025", "--data", str(folder),
                 "--nguong-file", str(p), "--json"])
    assert code == 0, capsys.readouterr().err
    js = json.loads(capsys.readouterr().out)
    assert js["results"] == {"Chưa đạt": 2, "Đạt": 1} and js["thresholds_file"] == str(p)
    # with --data and no --nguong-file, the sample's file is not used: the threshold stays unset
    assert main(["assess", "--model", "giadinh-qd387", "--year", "2025", "--data", str(folder), "--json"]) == 0
    assert "Chưa kết luận" in json.loads(capsys.readouterr().out)["results"]
    bad = write(tmp_path, "decided_by: A\ndocument: B\ncatalogues:\n  giadinh-qd387:\n    thresholds: {GDHT-9: 1}\n",
                "sai.yaml")
    assert main(["assess", "--model", "giadinh-qd387", "--year", "2025", "--data", str(folder),
                 "--nguong-file", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "tệp ngưỡng địa phương có vấn đề" in err and "không có chỉ số 'GDHT-9'" in err and "Traceback" not in err
    assert main(["evidence", "--model", "giadinh-qd387", "--year", "2025", "--data", str(folder),
                 "--nguong-file", str(tmp_path / "khong.yaml")]) == 2
    assert main(["evidence", "--model", "giadinh-qd387", "--year", "2025", "--data", str(folder),
                 "--nguong-file", str(p)]) == 0
    assert "Kế hoạch số 05/KH-UBND" in capsys.readouterr().out


def test_cli_on_the_sample_uses_the_sample_file(capsys):
    assert main(["assess", "--model", "congdongthon-qd387", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Dùng ngưỡng do địa phương quy định của xã mẫu (giả định" in out and "nguong-dia-phuong.yaml" in out
    assert "Chưa kết luận" not in out and "Đạt: 9" in out
