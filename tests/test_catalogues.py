"""Criteria catalogues: shipped files load, facts match criteria.md, malformed files give clear messages."""

import shutil

import pytest
import yaml

from khuyenhoc.catalogues import (BUILTIN_DIR, CatalogueError, default_catalogue, get_catalogue, list_catalogues,
                                  load_catalogue, register, resolve, unregister)
from khuyenhoc.schema import MODELS


def test_every_model_has_a_default_catalogue_and_unesco_is_shipped():
    ids = set(list_catalogues()["id"])
    assert {"congdan-qd324", "giadinh-qd387", "dongho-qd387", "congdongthon-qd387", "donvi-tt24-2023",
            "donvi-tt22-2020", "congdongxa-tt25-2023", "unesco-key-features-2013"} <= ids
    for m in MODELS:
        assert default_catalogue(m).model == m


def test_facts_from_criteria_md():
    c = get_catalogue("congdan-qd324")
    assert [i.id for _, i in c.indicators()] == ["CDHT-1.1", "CDHT-1.2", "CDHT-1.3", "CDHT-1.4", "CDHT-2.1",
                                                 "CDHT-2.2", "CDHT-2.3", "CDHT-2.4", "CDHT-3.1", "CDHT-3.2"]
    assert len(c.criteria) == 3 and c.rule.pass_points == 80
    assert all(i.threshold == 5 and i.points == 10 for _, i in c.indicators())
    assert c.provenance == "reconstructed"
    assert c.documents[0].number == "677/QĐ-TTg" and str(c.documents[0].date) == "2022-06-03"
    t24 = get_catalogue("donvi-tt24-2023")
    assert t24.validity_years == 3 and t24.indicator("DVHT24-3.1").threshold == {1: 90.0, 2: 95.0}
    t22 = get_catalogue("donvi-tt22-2020")
    assert [(b.name, b.min) for b in t22.rule.classes] == [("Tốt", 85), ("Khá", 70), ("Trung bình", 50)]
    assert sum(i.points for _, i in t22.indicators()) == 100
    t25 = get_catalogue("congdongxa-tt25-2023")
    assert t25.rule.levels[1].wait_months == 12 and t25.validity_years is None
    un = get_catalogue("unesco-key-features-2013")
    assert [len(c.indicators) for c in un.criteria] == [3, 6, 3]
    assert all(i.basis == "inferred" for i in un.criteria[2].indicators)


def test_not_found_thresholds_are_left_to_the_user():
    g = get_catalogue("giadinh-qd387")
    assert g.indicator("GDHT-2.2").threshold is None and g.indicator("GDHT-2.2").basis == "not_found"
    assert ("GDHT-2.2", None) in g.unset_thresholds()
    assert all(lv == 2 or i.startswith("CDXA25-3") for i, lv in get_catalogue("congdongxa-tt25-2023").unset_thresholds())


def test_all_shipped_files_are_nfc_and_parse():
    import unicodedata

    for p in BUILTIN_DIR.glob("*.yaml"):
        text = p.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, p.name


def _write(tmp_path, mutate):
    raw = yaml.safe_load((BUILTIN_DIR / "gia-dinh-hoc-tap-qd387.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    p = tmp_path / "bo-cua-toi.yaml"
    p.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


@pytest.mark.parametrize("mutate, expected", [
    (lambda r: r["criteria"][1]["indicators"][0].update(threshold="nhiều"),
     "mục criteria[2] (GDHT-2).indicators[1] (GDHT-2.1).threshold"),
    (lambda r: r["criteria"][0]["indicators"][0].update(evidence=["Giấy phép lái xe"]),
     "loại minh chứng không có trong danh mục: Giấy phép lái xe"),
    (lambda r: r["criteria"][0]["indicators"][0].update(measure="do_bang_mat"),
     "cách đo 'do_bang_mat' không có"),
    (lambda r: r["criteria"][0]["indicators"][0].update(nguong=5),
     "indicators[1] (GDHT-1.1).nguong: mục này không có trong mẫu bộ tiêu chí"),
    (lambda r: r.update(model="Làng học tập"), "mô hình 'Làng học tập' không có trong danh mục"),
    (lambda r: r.pop("rule"), "mục rule: thiếu mục bắt buộc"),
    (lambda r: r["criteria"][0]["indicators"][0]["params"]["among"].update(mau_toc=["đen"]),
     "cột 'mau_toc' không dùng được"),
    (lambda r: r["criteria"][1]["indicators"].append(dict(r["criteria"][1]["indicators"][0])),
     "mã chỉ số 'GDHT-2.1' bị trùng"),
])
def test_malformed_catalogue_messages(tmp_path, mutate, expected):
    p = _write(tmp_path, mutate)
    with pytest.raises(CatalogueError) as e:
        load_catalogue(p)
    assert "Tệp 'bo-cua-toi.yaml'" in str(e.value)
    assert expected in str(e.value)


def test_yaml_syntax_error_names_line(tmp_path):
    p = tmp_path / "hong.yaml"
    p.write_text("id: x\nmodel: [Gia đình học tập\nname: y\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"Tệp 'hong.yaml', dòng \d+, cột \d+: lỗi cú pháp YAML"):
        load_catalogue(p)
    with pytest.raises(CatalogueError, match="Không tìm thấy tệp"):
        load_catalogue(tmp_path / "khong-co.yaml")


def test_user_file_adds_or_overrides_without_code(tmp_path, monkeypatch):
    p = _write(tmp_path, lambda r: (r.update(id="giadinh-tinh-a", default=False),
                                    r["criteria"][1]["indicators"][1].update(threshold=40)))
    assert resolve(str(p)).indicator("GDHT-2.2").threshold == 40
    c = register(p)
    try:
        assert get_catalogue("giadinh-tinh-a") is c
        row = list_catalogues().set_index("id").loc["giadinh-tinh-a"]
        assert row["source"] == "người dùng"
    finally:
        unregister("giadinh-tinh-a")
    folder = tmp_path / "bo"
    folder.mkdir()
    shutil.copy(p, folder / "a.yaml")
    monkeypatch.setenv("KHUYENHOC_BO_TIEU_CHI", str(folder))
    assert get_catalogue("giadinh-tinh-a").indicator("GDHT-2.2").threshold == 40
