import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khuyenhoc.textnorm import clean, clean_series, fold, fold_series, is_nfc, lacks_diacritics, lacks_diacritics_series

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


def test_clean_normalises_to_nfc_and_spaces():
    assert clean(NFD("  Nguyễn\u00a0 Thị   Ánh  ")) == "Nguyễn Thị Ánh"
    assert is_nfc(clean(NFD("Đặng Thị Huệ")))


def test_clean_series_masks_report_what_changed():
    s = pd.Series(["Nữ", NFD("Nữ"), " Nam", 12, None, NFD(" Thường  trú ")])
    v, nfd, spaces = clean_series(s)
    assert list(v) == ["Nữ", "Nữ", "Nam", 12, None, "Thường trú"]
    assert list(nfd) == [False, True, False, False, False, True]
    assert list(spaces) == [False, False, True, False, False, True]
    assert all(is_nfc(x) for x in v if isinstance(x, str))


def test_fold_matches_across_forms():
    assert fold("Nữ") == fold(NFD("nữ")) == fold("NU") == "nu"
    assert fold("Đồng  Mai") == "dong mai"
    assert fold_series(pd.Series(["Đã chuyển đi", None])).tolist() == ["da chuyen di", pd.NA]


@pytest.mark.parametrize("name", ["Nguyen Van Binh", "Tran Thi Hoa", "Le Minh", "pham thi lan", "Hoang Duc Anh",
                                  "Hai Dung"])
def test_names_without_diacritics_are_flagged(name):
    assert lacks_diacritics(name)


@pytest.mark.parametrize("name", ["Lan Anh", "Nguyễn Văn Bình", "Minh", "Kim Linh", "Phan Thanh", "Trang",
                                  "Ly A Sinh", "", "Vy", "John Smith", "Nguyên"])
def test_genuine_or_accented_names_are_not_flagged(name):
    assert not lacks_diacritics(name)


def test_vectorised_flags_equal_scalar():
    names = ["Nguyen Van Binh", "Lan Anh", None, "Trần Thị Hoa", "Hai Dung", "Dung", "Phan Thanh Son"]
    got = lacks_diacritics_series(pd.Series(names)).tolist()
    assert got == [lacks_diacritics(n) if n else False for n in names]


vietnamese_text = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ĐÂ\u00a0",
                          max_size=30)


@given(vietnamese_text)
@settings(max_examples=200, deadline=None)
def test_clean_is_idempotent_and_fold_ignores_form(text):
    assert clean(clean(text)) == clean(text)
    assert fold(NFD(text)) == fold(text)
    assert fold(text).isascii()


def test_clean_text_fast_path_changes_nothing_the_full_cleaning_would_change():
    import random
    import re
    import sys

    from khuyenhoc import textnorm as tn

    def reference(t):
        t = tn._SPACES_RE.sub(" ", unicodedata.normalize("NFC", t))
        return tn._SEP_SPACES_RE.sub(tn._SEP, t).strip(" ")

    odd = [c for c in map(chr, range(sys.maxunicode + 1)) if tn._SPACES_RE.match(c) and c != " "]
    assert all(tn._ODD_SPACE_RE.match(c) for c in odd)
    chars = ["a", " ", "\x00", "é", "u\u0303", *odd]
    rnd = random.Random(0)
    for _ in range(20000):
        t = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 7)))
        assert tn._clean_text(t) == reference(t), repr(t)
    assert re.fullmatch(r"[a ]*", tn._clean_text("  a   a "))
