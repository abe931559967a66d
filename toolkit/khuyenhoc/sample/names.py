"""Danh sách họ, tên đệm, tên và tên địa danh (giả định) để sinh dữ liệu mẫu.

All names are common Vietnamese words with correct diacritics (NFC). Place
names are combinations of common syllables; they are invented and any match
with a real place is a coincidence.
"""

from __future__ import annotations

import numpy as np

#: Surnames with rough weights (northern/central Việt Nam).
SURNAMES = {
    "Nguyễn": 30, "Trần": 10, "Lê": 9, "Phạm": 7, "Hoàng": 5, "Vũ": 5, "Phan": 3, "Đặng": 3,
    "Bùi": 3, "Đỗ": 3, "Ngô": 2, "Dương": 2, "Đinh": 2, "Đào": 1.5, "Lương": 1, "Mai": 1,
    "Trịnh": 1.5, "Hà": 1.5, "Lưu": 1, "Tạ": 1, "Cao": 1, "Chu": 1, "Kiều": 0.5, "Đoàn": 1,
    "Vương": 0.5, "Lý": 0.5, "Tô": 0.5, "Hồ": 1, "Khuất": 0.3, "Quách": 0.3,
}
#: Surnames common among Thái, Tày, Mường, H'Mông families (used in communes with bản).
ETHNIC_SURNAMES = {
    "Lò": 3, "Lường": 2, "Quàng": 1.5, "Cầm": 1, "Vì": 1, "Sùng": 1.5, "Giàng": 1.5, "Thào": 1,
    "Hà": 1.5, "Lù": 1, "Nông": 1, "Triệu": 1,
}

MIDDLE_MALE = {
    "old": {"Văn": 70, "Đức": 6, "Hữu": 6, "Quang": 4, "Công": 4, "Xuân": 4, "Ngọc": 3, "Minh": 3},
    "young": {"Văn": 22, "Đức": 10, "Minh": 12, "Quang": 8, "Hữu": 5, "Công": 5, "Thành": 6, "Duy": 6,
              "Tiến": 5, "Gia": 7, "Bảo": 6, "Anh": 4, "Hoàng": 4},
}
MIDDLE_FEMALE = {
    "old": {"Thị": 82, "Ngọc": 5, "Thu": 4, "Thanh": 4, "Kim": 3, "Hồng": 2},
    "young": {"Thị": 30, "Ngọc": 10, "Thu": 8, "Thanh": 7, "Phương": 6, "Minh": 6, "Bảo": 5,
              "Khánh": 6, "Thùy": 6, "Hồng": 4, "Mai": 4, "Kim": 4},
}
GIVEN_MALE = (
    "An", "Bình", "Cường", "Dũng", "Dương", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hòa", "Hùng", "Huy",
    "Khang", "Khoa", "Lâm", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang",
    "Sơn", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Lợi",
    "Hưng", "Tiến", "Kiên", "Chiến", "Hoàng", "Bảo", "Khôi", "Phát", "Nhật", "Đông", "Thái", "Trường",
)
GIVEN_FEMALE = (
    "Anh", "Bích", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
    "Phương", "Quyên", "Quỳnh", "Thảo", "Thu", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Hảo", "Lụa",
    "Nhàn", "Tâm", "Thơm", "My", "Vy", "Khánh", "Châu", "Trâm", "Hậu", "Xuân", "Uyên", "Ánh",
)

#: Syllables for invented place names (thôn, xã).
PLACE_FIRST = (
    "Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "Tân", "Phú", "An", "Hòa", "Yên", "Phúc",
    "Lạc", "Vân", "Mỹ", "Thanh", "Kim", "Ngọc", "Bình", "Cẩm", "Hưng", "Quỳnh", "Hồng", "Lam",
)
PLACE_SECOND = (
    "Lâm", "Sơn", "Khê", "Xá", "Thịnh", "Phong", "Lộc", "Hòa", "Mai", "Lương", "Trì", "Thọ", "Đoài",
    "Cầu", "Giang", "Hà", "Dương", "Vinh", "Mẫu", "Điền", "Trạch", "Nguyên", "Liễu", "Tiến", "Bồng",
)
#: Syllables for invented bản names (mountain villages).
BAN_FIRST = ("Nà", "Khe", "Pác", "Lũng", "Huổi", "Phiêng", "Co", "Nậm", "Hua", "Bó", "Tà", "Pá")
BAN_SECOND = ("Mây", "Mẫu", "Vài", "Lầu", "Muông", "Sản", "Khoang", "Tấu", "Lìu", "Chang", "Pục", "Ngần")

#: Invented trade names for cooperatives and enterprises.
TRADE_NAMES = (
    "Minh Phát", "An Khang", "Hưng Thịnh", "Phú Lộc", "Đại Thành", "Tân Tiến", "Thành Đạt", "Hòa Bình",
    "Phúc Hưng", "Việt Tiến", "Kim Ngân", "Nam Sơn", "Quang Minh", "Trường Xuân", "Bảo Châu", "Hồng Phúc",
)
ENTERPRISE_KINDS = (
    "Công ty TNHH May mặc", "Công ty Cổ phần Chế biến nông sản", "Công ty TNHH Vật liệu xây dựng",
    "Doanh nghiệp tư nhân Mộc mỹ nghệ", "Công ty TNHH Thương mại và Dịch vụ", "Công ty TNHH Cơ khí",
    "Công ty Cổ phần Thức ăn chăn nuôi", "Công ty TNHH Gạch men",
)
COOPERATIVE_KINDS = (
    "Hợp tác xã Nông nghiệp", "Hợp tác xã Dịch vụ chăn nuôi", "Hợp tác xã Rau an toàn",
    "Hợp tác xã Chè", "Hợp tác xã Mây tre đan",
)


def weights(d: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """Names and normalised probabilities of a weighted name list."""
    names = np.array(list(d), dtype=object)
    p = np.array(list(d.values()), dtype=float)
    return names, p / p.sum()


def place_names(rng: np.random.Generator, n: int, *, ban: bool = False, exclude: set[str] | None = None) -> list[str]:
    """``n`` distinct invented two-syllable place names."""
    first, second = (BAN_FIRST, BAN_SECOND) if ban else (PLACE_FIRST, PLACE_SECOND)
    combos = [f"{a} {b}" for a in first for b in second if a != b]
    if exclude:
        combos = [c for c in combos if c not in exclude]
    if n > len(combos):
        raise ValueError(f"cannot invent {n} distinct place names")
    idx = rng.choice(len(combos), size=n, replace=False)
    return [combos[i] for i in idx]
