"""Mô hình dữ liệu của một xã (hoặc nhiều xã): các bảng, cột, kiểu, khóa và ràng buộc.

The schema is declared once, here. Validation (``khuyenhoc.intake``), the blank
Excel templates (``khuyenhoc.templates``), the workbook writer and the data-model
page of the docs (``docs/mo-hinh-du-lieu.md``) are all derived from it: adding a
column is one edit in this file.

Ví dụ::

    >>> from khuyenhoc.schema import SCHEMA, table
    >>> table("persons").sheet
    'Nhân khẩu'
    >>> table("persons").column("birth_date").header
    'Ngày sinh'
"""

from __future__ import annotations

from enum import Enum
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ColumnType(str, Enum):
    """Kinds of values a column holds (the parser for each lives in ``parsing``)."""

    ID = "id"  # an internal code, e.g. "NK-0001"; never a citizen ID number
    TEXT = "text"
    CODE = "code"  # one value of a fixed Vietnamese list (drop-down in templates)
    DATE = "date"
    YEAR = "year"
    INT = "int"
    FLOAT = "float"
    MONEY = "money"  # whole đồng
    BOOL = "bool"  # "Có" / "Không"


#: Vietnamese names of the column types, for the docs and messages.
TYPE_LABELS = {
    ColumnType.ID: "mã (chữ và số)",
    ColumnType.TEXT: "chữ",
    ColumnType.CODE: "chọn trong danh sách",
    ColumnType.DATE: "ngày (dd/mm/yyyy)",
    ColumnType.YEAR: "năm (4 chữ số)",
    ColumnType.INT: "số nguyên",
    ColumnType.FLOAT: "số",
    ColumnType.MONEY: "số tiền (đồng)",
    ColumnType.BOOL: "Có / Không",
}

#: Default length limit (characters) of a cell, by column type; a column may declare its own ``max_length``.
#: A name or a title is never longer than this; a cell that is (e.g. 32 767 characters of garbage) is refused.
MAX_LENGTH = {
    ColumnType.ID: 40,
    ColumnType.TEXT: 255,
    ColumnType.CODE: 120,
}

BOOL_TRUE = "Có"
BOOL_FALSE = "Không"


class Column(BaseModel):
    """One column: English identifier, Vietnamese header, type and constraints."""

    model_config = ConfigDict(frozen=True)

    name: str
    header: str
    type: ColumnType
    description: str
    required: bool = True
    codes: tuple[str, ...] | None = None
    references: str | None = None  # "table.column"
    min: float | None = None
    max: float | None = None
    aliases: tuple[str, ...] = ()  # header variants seen in officers' workbooks
    personal: bool = False  # personal data (Luật 91/2025/QH15): never leaves the commune
    example: str = ""
    max_length: int | None = None  # characters; None: the default of the column's type (``MAX_LENGTH``)

    @property
    def length_limit(self) -> int | None:
        """Số ký tự tối đa của một ô (khai báo riêng, hoặc mặc định theo kiểu cột).

        >>> _c("x", "X", "id", "mã").length_limit
        40
        """
        return self.max_length if self.max_length is not None else MAX_LENGTH.get(self.type)

    @model_validator(mode="after")
    def _codes_for_code_columns(self) -> "Column":
        if self.type is ColumnType.CODE and not self.codes:
            raise ValueError(f"column {self.name}: a CODE column needs codes")
        return self


class Table(BaseModel):
    """One table = one sheet of the commune workbook = one CSV file."""

    model_config = ConfigDict(frozen=True)

    name: str
    sheet: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    unique: tuple[tuple[str, ...], ...] = ()
    aliases: tuple[str, ...] = ()  # sheet-name variants

    @model_validator(mode="after")
    def _key_columns_exist(self) -> "Table":
        names = {c.name for c in self.columns}
        for k in (self.key, *self.unique):
            missing = set(k) - names
            if missing:
                raise ValueError(f"table {self.name}: unknown key columns {missing}")
        if len(names) != len(self.columns):
            raise ValueError(f"table {self.name}: duplicate column names")
        return self

    def column(self, name: str) -> Column:
        """The column called ``name`` (English identifier)."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def headers(self) -> dict[str, str]:
        """English identifier → Vietnamese header."""
        return {c.name: c.header for c in self.columns}

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"


class Schema(BaseModel):
    """All tables, in the order of the workbook's sheets."""

    model_config = ConfigDict(frozen=True)

    version: str
    tables: tuple[Table, ...] = Field(default_factory=tuple)

    @model_validator(mode="after")
    def _references_resolve(self) -> "Schema":
        names = {t.name: t for t in self.tables}
        for t in self.tables:
            for c in t.columns:
                if c.references:
                    tname, _, cname = c.references.partition(".")
                    if tname not in names or cname not in names[tname].column_names:
                        raise ValueError(f"{t.name}.{c.name}: bad reference {c.references}")
        return self

    def __iter__(self) -> Iterator[Table]:  # type: ignore[override]
        return iter(self.tables)

    def __getitem__(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return any(t.name == name for t in self.tables)

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tables]


def _c(name: str, header: str, type_: ColumnType | str, description: str, **kw) -> Column:
    return Column(name=name, header=header, type=ColumnType(type_), description=description, **kw)


# --------------------------------------------------------------------------- code lists
# Values are stored as the Vietnamese words an officer types or picks.

ADMIN_LEVELS = ("tỉnh", "xã", "thôn")
ADMIN_KINDS = (
    "tỉnh", "thành phố trực thuộc trung ương",
    "xã", "phường", "đặc khu",
    "thôn", "bản", "tổ dân phố", "ấp", "khu phố", "làng", "xóm", "buôn", "sóc", "khu dân cư",
)
SEXES = ("Nam", "Nữ")
RELATIONS = ("Chủ hộ", "Vợ", "Chồng", "Con", "Cha", "Mẹ", "Ông", "Bà", "Cháu", "Anh, chị, em", "Con dâu", "Con rể", "Khác")
RESIDENCE = ("Thường trú", "Tạm trú", "Đã chuyển đi", "Đã mất")
LITERACY = ("Chưa biết chữ", "Biết chữ mức độ 1", "Biết chữ mức độ 2", "Chưa đến tuổi")
SCHOOLING = (
    "Chưa đi học", "Mầm non", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông",
    "Trung cấp", "Cao đẳng", "Đại học", "Sau đại học",
)
OCCUPATIONS = (
    "Nông, lâm, ngư nghiệp", "Công nhân, thợ thủ công", "Cán bộ, công chức, viên chức",
    "Kinh doanh, dịch vụ", "Lực lượng vũ trang", "Học sinh, sinh viên", "Hưu trí",
    "Nội trợ", "Trẻ em", "Lao động tự do", "Khác",
)
DIGITAL_SKILLS = ("Không", "Cơ bản", "Thành thạo")
ENROLMENT = ("Đang đi học", "Bỏ học", "Không thuộc diện")
SCHOOL_RESULTS = ("Tốt", "Khá", "Đạt", "Chưa đạt")
UNIT_KINDS = (
    "Ủy ban nhân dân xã", "Đảng ủy xã", "Trung tâm học tập cộng đồng", "Trường mầm non",
    "Trường tiểu học", "Trường trung học cơ sở", "Trường trung học phổ thông", "Trạm y tế",
    "Cơ quan, tổ chức khác", "Hợp tác xã", "Doanh nghiệp", "Bưu điện văn hóa xã",
)
MEMBER_ROLES = (
    "Hội viên", "Chi hội trưởng", "Chi hội phó", "Chủ tịch Hội", "Phó Chủ tịch Hội",
    "Ủy viên Ban Chấp hành", "Ủy viên Ban Thường vụ",
)
FUND_SOURCES = (
    "Hội viên đóng góp", "Doanh nghiệp, hợp tác xã", "Dòng họ", "Nhà hảo tâm",
    "Ngân sách hỗ trợ", "Con em xa quê", "Khác",
)
FUND_PURPOSES = (
    "Học bổng", "Khen thưởng", "Hỗ trợ học tập", "Hoạt động Trung tâm học tập cộng đồng",
    "Lớp xóa mù chữ", "Hoạt động của Hội", "Khác",
)
AWARD_KINDS = (
    "Học bổng", "Khen thưởng học sinh giỏi", "Khen thưởng đỗ đại học", "Khen thưởng gương học tập",
    "Hỗ trợ học sinh khó khăn",
)
CLASS_KINDS = ("Chuyên đề TTHTCĐ", "Xóa mù chữ", "Sau xóa mù chữ")
CLASS_FIELDS = (
    "Nông nghiệp", "Chăn nuôi, thú y", "Sức khỏe", "Pháp luật", "Kỹ năng số",
    "Văn hóa, xã hội", "Ngoại ngữ", "Nghề", "Biết chữ", "Khác",
)
MODELS = (
    "Công dân học tập",
    "Gia đình học tập",
    "Dòng họ học tập",
    "Cộng đồng học tập cấp thôn",
    "Đơn vị học tập",
    "Cộng đồng học tập cấp xã",
)
REGISTRATION_STATUS = (
    "Đã đăng ký", "Đã tự đánh giá", "Đã thẩm định", "Được công nhận",
    "Không được công nhận", "Rút đăng ký",
)
EVIDENCE_TYPES = (
    "Báo cáo tự đánh giá", "Bảng tổng hợp kết quả", "Tờ trình", "Biên bản họp",
    "Phiếu chấm điểm", "Kế hoạch", "Quyết định", "Giấy khen", "Giấy chứng nhận",
    "Học bạ, giấy báo kết quả", "Sổ theo dõi", "Danh sách", "Ảnh hoạt động", "Khác",
)
CONSENT_PURPOSES = (
    "Xét công nhận danh hiệu", "Công bố danh sách khen thưởng, học bổng",
    "Lưu ảnh làm minh chứng", "Liên hệ, thông báo", "Thống kê của Hội",
)

# --------------------------------------------------------------------------- tables

_ID_NOTE = "Mã nội bộ do Hội đặt, không dùng số CCCD/CMND."

ADMIN_UNITS = Table(
    name="admin_units",
    sheet="Đơn vị hành chính",
    description="Cây đơn vị hành chính: tỉnh → xã/phường → thôn/bản/tổ dân phố. "
    "Cây là dữ liệu (từ 7/2025 không còn cấp huyện).",
    key=("unit_id",),
    aliases=("Don vi hanh chinh", "ĐVHC"),
    columns=(
        _c("unit_id", "Mã đơn vị", "id", "Mã nội bộ của đơn vị hành chính.", example="T01-X01-TH03"),
        _c("name", "Tên đơn vị", "text", "Tên gọi, ví dụ 'Thôn Đồng Mai'.", example="Thôn Đồng Mai"),
        _c("level", "Cấp", "code", "Cấp trong cây: tỉnh, xã hoặc thôn.", codes=ADMIN_LEVELS, example="thôn"),
        _c("kind", "Loại", "code", "Loại đơn vị (xã, phường, thôn, bản, tổ dân phố…).", codes=ADMIN_KINDS, example="thôn"),
        _c("parent_id", "Mã đơn vị cấp trên", "id", "Mã của đơn vị cấp trên; để trống với cấp tỉnh.",
           required=False, references="admin_units.unit_id", example="T01-X01"),
        _c("population", "Dân số theo thống kê", "int", "Dân số do cơ quan thống kê công bố (nếu có); "
           "để trống thì dùng số nhân khẩu trong sổ.", required=False, min=0, example="512"),
    ),
)

HOUSEHOLDS = Table(
    name="households",
    sheet="Hộ gia đình",
    description="Các hộ gia đình, thuộc một thôn và (nếu có) một dòng họ.",
    key=("household_id",),
    aliases=("Ho gia dinh", "Hộ"),
    columns=(
        _c("household_id", "Mã hộ", "id", _ID_NOTE, example="X01-H0001"),
        _c("village_id", "Mã thôn", "id", "Thôn/bản/tổ dân phố nơi hộ ở.", references="admin_units.unit_id", example="T01-X01-TH03"),
        _c("head_name", "Họ tên chủ hộ", "text", "Họ và tên chủ hộ.", personal=True, example="Nguyễn Văn An"),
        _c("clan_id", "Mã dòng họ", "id", "Dòng họ của hộ (nếu có).", required=False, references="clans.clan_id", example="X01-DH05"),
        _c("poor", "Hộ nghèo", "bool", "Hộ nghèo, cận nghèo theo danh sách của xã.", example="Không"),
    ),
)

HOUSEHOLD_YEARS = Table(
    name="household_years",
    sheet="Hộ theo năm",
    description="Điều kiện học tập và danh hiệu của mỗi hộ trong từng năm.",
    key=("household_id", "year"),
    aliases=("Ho theo nam",),
    columns=(
        _c("household_id", "Mã hộ", "id", "Mã hộ.", references="households.household_id", example="X01-H0001"),
        _c("year", "Năm", "year", "Năm đánh giá.", min=2000, max=2100, example="2025"),
        _c("cultural_family", "Gia đình văn hóa", "bool", "Hộ được công nhận Gia đình văn hóa năm đó.", example="Có"),
        _c("bookshelf", "Có tủ sách, góc học tập", "bool", "Có sách báo, góc học tập cho con em.", example="Có"),
        _c("internet", "Có Internet", "bool", "Hộ dùng được Internet (cố định hoặc di động).", example="Có"),
        _c("family_fund", "Có quỹ khuyến học gia đình", "bool", "Hộ có quỹ hoặc khoản dành cho học tập.", example="Không"),
        _c("fund_contribution", "Đóng góp quỹ khuyến học (đồng)", "money", "Số tiền hộ góp vào quỹ khuyến học trong năm.",
           min=0, example="100.000"),
    ),
)

PERSONS = Table(
    name="persons",
    sheet="Nhân khẩu",
    description="Mỗi người trong sổ hộ khẩu của xã. Thông tin cá nhân: không bao giờ ra khỏi xã.",
    key=("person_id",),
    aliases=("Nhan khau", "Danh sách nhân khẩu"),
    columns=(
        _c("person_id", "Mã nhân khẩu", "id", _ID_NOTE, example="X01-NK00001"),
        _c("household_id", "Mã hộ", "id", "Hộ của người này.", references="households.household_id", example="X01-H0001"),
        _c("full_name", "Họ và tên", "text", "Họ và tên đầy đủ, có dấu.", personal=True,
           aliases=("Họ tên", "Ho va ten", "Tên"), example="Nguyễn Thị Bình"),
        _c("sex", "Giới tính", "code", "Nam hoặc Nữ.", codes=SEXES, example="Nữ"),
        _c("birth_date", "Ngày sinh", "date", "Ngày sinh (dd/mm/yyyy).", personal=True,
           aliases=("Ngày tháng năm sinh", "Ngay sinh", "NTNS", "Sinh ngày"), example="05/03/1980"),
        _c("relation", "Quan hệ với chủ hộ", "code", "Quan hệ với chủ hộ.", codes=RELATIONS, personal=True, example="Vợ"),
        _c("residence", "Tình trạng cư trú", "code", "Thường trú, tạm trú, đã chuyển đi hoặc đã mất.", codes=RESIDENCE,
           example="Thường trú"),
        _c("workplace_id", "Mã nơi làm việc", "id", "Đơn vị trong xã nơi người này làm việc (nếu có).",
           required=False, references="units.unit_id", example="X01-DV02"),
    ),
)

PERSON_YEARS = Table(
    name="person_years",
    sheet="Nhân khẩu theo năm",
    description="Học tập của mỗi người trong từng năm: biết chữ, học vấn, nghề, kỹ năng số, đi học, hoạt động học tập.",
    key=("person_id", "year"),
    aliases=("Nhan khau theo nam",),
    columns=(
        _c("person_id", "Mã nhân khẩu", "id", "Mã nhân khẩu.", references="persons.person_id", example="X01-NK00001"),
        _c("year", "Năm", "year", "Năm.", min=2000, max=2100, example="2025"),
        _c("literacy", "Biết chữ", "code", "Mức biết chữ (Nghị định 20/2014/NĐ-CP).", codes=LITERACY, example="Biết chữ mức độ 2"),
        _c("schooling", "Trình độ học vấn", "code", "Cấp học cao nhất đã học xong hoặc đang học.", codes=SCHOOLING,
           example="Trung học phổ thông"),
        _c("occupation", "Nhóm nghề nghiệp", "code", "Nhóm nghề chính trong năm.", codes=OCCUPATIONS, example="Nông, lâm, ngư nghiệp"),
        _c("digital_skills", "Kỹ năng số", "code", "Mức sử dụng điện thoại thông minh, máy tính, dịch vụ công trực tuyến.",
           codes=DIGITAL_SKILLS, example="Cơ bản"),
        _c("enrolment", "Đi học", "code", "Với người trong độ tuổi đi học (3–17 tuổi): đang đi học hay bỏ học.",
           codes=ENROLMENT, example="Không thuộc diện"),
        _c("school_result", "Kết quả học tập", "code", "Kết quả học tập cả năm (học sinh).", codes=SCHOOL_RESULTS,
           required=False, example="Khá"),
        _c("learning_activities", "Số hoạt động học tập", "int",
           "Số buổi học tập, sinh hoạt câu lạc bộ, đọc sách ở thư viện… trong năm.", min=0, max=366, example="6"),
    ),
)

CLANS = Table(
    name="clans",
    sheet="Dòng họ",
    description="Các dòng họ (hoặc chi họ) trong xã; hộ thuộc dòng họ ghi ở bảng Hộ gia đình.",
    key=("clan_id",),
    aliases=("Dong ho",),
    columns=(
        _c("clan_id", "Mã dòng họ", "id", _ID_NOTE, example="X01-DH05"),
        _c("name", "Tên dòng họ", "text", "Tên dòng họ hoặc chi họ.", example="Họ Nguyễn Văn (chi 2)"),
        _c("commune_id", "Mã xã", "id", "Xã của dòng họ.", references="admin_units.unit_id", example="T01-X01"),
        _c("charter", "Có quy ước khuyến học", "bool", "Dòng họ có quy ước, hương ước về khuyến học.", example="Có"),
        _c("study_fund", "Có quỹ khuyến học dòng họ", "bool", "Dòng họ có quỹ khuyến học riêng.", example="Có"),
    ),
)

UNITS = Table(
    name="units",
    sheet="Đơn vị",
    description="Cơ quan, trường học, hợp tác xã, doanh nghiệp và Trung tâm học tập cộng đồng trong xã.",
    key=("unit_id",),
    aliases=("Don vi", "Cơ quan, đơn vị"),
    columns=(
        _c("unit_id", "Mã đơn vị", "id", _ID_NOTE, example="X01-DV02"),
        _c("name", "Tên đơn vị", "text", "Tên đơn vị.", example="Trường Tiểu học Đồng Mai"),
        _c("kind", "Loại đơn vị", "code", "Loại đơn vị.", codes=UNIT_KINDS, example="Trường tiểu học"),
        _c("commune_id", "Mã xã", "id", "Xã của đơn vị.", references="admin_units.unit_id", example="T01-X01"),
        _c("village_id", "Mã thôn", "id", "Thôn nơi đơn vị đặt trụ sở (nếu có).", required=False,
           references="admin_units.unit_id", example="T01-X01-TH03"),
        _c("staff", "Số cán bộ, người lao động", "int", "Tổng số cán bộ, người lao động của đơn vị.", min=0, example="25"),
    ),
)

BRANCHES = Table(
    name="branches",
    sheet="Chi hội",
    description="Chi hội khuyến học: ở thôn hoặc trong một đơn vị.",
    key=("branch_id",),
    aliases=("Chi hoi",),
    columns=(
        _c("branch_id", "Mã chi hội", "id", _ID_NOTE, example="X01-CH03"),
        _c("name", "Tên chi hội", "text", "Tên chi hội.", example="Chi hội thôn Đồng Mai"),
        _c("village_id", "Mã thôn", "id", "Thôn của chi hội (chi hội thôn).", required=False,
           references="admin_units.unit_id", example="T01-X01-TH03"),
        _c("unit_id", "Mã đơn vị", "id", "Đơn vị của chi hội (chi hội cơ quan, trường, doanh nghiệp).",
           required=False, references="units.unit_id", example=""),
        _c("founded", "Ngày thành lập", "date", "Ngày quyết định thành lập chi hội.", example="15/08/2012"),
    ),
)

MEMBERS = Table(
    name="members",
    sheet="Hội viên",
    description="Hội viên và cán bộ Hội khuyến học.",
    key=("member_id",),
    unique=(("person_id", "joined"),),
    aliases=("Hoi vien",),
    columns=(
        _c("member_id", "Mã hội viên", "id", _ID_NOTE, example="X01-HV0001"),
        _c("person_id", "Mã nhân khẩu", "id", "Người là hội viên.", references="persons.person_id", example="X01-NK00001"),
        _c("branch_id", "Mã chi hội", "id", "Chi hội sinh hoạt.", references="branches.branch_id", example="X01-CH03"),
        _c("role", "Chức vụ trong Hội", "code", "Hội viên hay cán bộ Hội (chi hội trưởng, chủ tịch…).", codes=MEMBER_ROLES,
           example="Hội viên"),
        _c("joined", "Ngày vào Hội", "date", "Ngày kết nạp.", example="01/03/2019"),
        _c("left", "Ngày ra Hội", "date", "Ngày thôi sinh hoạt (để trống nếu còn là hội viên).", required=False, example=""),
    ),
)

TRAININGS = Table(
    name="trainings",
    sheet="Tập huấn cán bộ",
    description="Các lượt cán bộ Hội dự tập huấn, bồi dưỡng.",
    key=("training_id",),
    aliases=("Tap huan", "Tập huấn"),
    columns=(
        _c("training_id", "Mã lượt tập huấn", "id", _ID_NOTE, example="X01-TL0001"),
        _c("member_id", "Mã hội viên", "id", "Cán bộ dự tập huấn.", references="members.member_id", example="X01-HV0001"),
        _c("date", "Ngày tập huấn", "date", "Ngày bắt đầu lớp tập huấn.", example="12/04/2025"),
        _c("topic", "Nội dung", "text", "Nội dung tập huấn.", example="Bộ tiêu chí Công dân học tập"),
        _c("organiser", "Đơn vị tổ chức", "text", "Cơ quan tổ chức lớp tập huấn.", example="Hội Khuyến học tỉnh"),
        _c("hours", "Số giờ", "float", "Thời lượng (giờ).", min=0, max=500, example="8"),
    ),
)

FUND_RECEIPTS = Table(
    name="fund_receipts",
    sheet="Thu quỹ khuyến học",
    description="Các khoản thu vào quỹ khuyến học của xã và chi hội.",
    key=("receipt_id",),
    aliases=("Thu quy", "Thu quỹ"),
    columns=(
        _c("receipt_id", "Mã phiếu thu", "id", _ID_NOTE, example="X01-PT0001"),
        _c("date", "Ngày thu", "date", "Ngày thu.", example="20/08/2025"),
        _c("commune_id", "Mã xã", "id", "Xã của quỹ.", references="admin_units.unit_id", example="T01-X01"),
        _c("branch_id", "Mã chi hội", "id", "Chi hội thu (để trống nếu Hội xã thu).", required=False,
           references="branches.branch_id", example="X01-CH03"),
        _c("source", "Nguồn thu", "code", "Nguồn của khoản thu.", codes=FUND_SOURCES, example="Hội viên đóng góp"),
        _c("amount", "Số tiền (đồng)", "money", "Số tiền, đồng.", min=1, aliases=("Số tiền", "So tien"), example="1.250.000"),
    ),
)

FUND_SPENDING = Table(
    name="fund_spending",
    sheet="Chi quỹ khuyến học",
    description="Các khoản chi từ quỹ khuyến học.",
    key=("payment_id",),
    aliases=("Chi quy", "Chi quỹ"),
    columns=(
        _c("payment_id", "Mã phiếu chi", "id", _ID_NOTE, example="X01-PC0001"),
        _c("date", "Ngày chi", "date", "Ngày chi.", example="05/09/2025"),
        _c("commune_id", "Mã xã", "id", "Xã của quỹ.", references="admin_units.unit_id", example="T01-X01"),
        _c("branch_id", "Mã chi hội", "id", "Chi hội chi (để trống nếu Hội xã chi).", required=False,
           references="branches.branch_id", example=""),
        _c("purpose", "Nội dung chi", "code", "Mục đích chi.", codes=FUND_PURPOSES, example="Học bổng"),
        _c("amount", "Số tiền (đồng)", "money", "Số tiền, đồng.", min=1, aliases=("Số tiền", "So tien"), example="500.000"),
    ),
)

AWARDS = Table(
    name="awards",
    sheet="Học bổng, khen thưởng",
    description="Học bổng và khen thưởng trao cho từng người.",
    key=("award_id",),
    aliases=("Hoc bong, khen thuong", "Khen thưởng"),
    columns=(
        _c("award_id", "Mã khen thưởng", "id", _ID_NOTE, example="X01-KT0001"),
        _c("person_id", "Mã nhân khẩu", "id", "Người nhận.", references="persons.person_id", example="X01-NK00012"),
        _c("date", "Ngày trao", "date", "Ngày trao.", example="05/09/2025"),
        _c("kind", "Loại", "code", "Học bổng hay loại khen thưởng.", codes=AWARD_KINDS, example="Học bổng"),
        _c("amount", "Số tiền (đồng)", "money", "Giá trị (đồng).", min=0, aliases=("Số tiền", "Giá trị"), example="500.000"),
        _c("payment_id", "Mã phiếu chi", "id", "Phiếu chi quỹ khuyến học tương ứng (nếu chi từ quỹ).",
           required=False, references="fund_spending.payment_id", example="X01-PC0001"),
    ),
)

CLASSES = Table(
    name="classes",
    sheet="Lớp học",
    description="Lớp học chuyên đề của Trung tâm học tập cộng đồng và lớp xóa mù chữ.",
    key=("class_id",),
    aliases=("Lop hoc",),
    columns=(
        _c("class_id", "Mã lớp", "id", _ID_NOTE, example="X01-LH001"),
        _c("centre_id", "Mã TTHTCĐ", "id", "Trung tâm học tập cộng đồng tổ chức lớp.", references="units.unit_id", example="X01-DV01"),
        _c("kind", "Loại lớp", "code", "Chuyên đề, xóa mù chữ hay sau xóa mù chữ.", codes=CLASS_KINDS, example="Chuyên đề TTHTCĐ"),
        _c("field", "Lĩnh vực", "code", "Lĩnh vực của lớp.", codes=CLASS_FIELDS, example="Nông nghiệp"),
        _c("topic", "Tên lớp", "text", "Tên hoặc chủ đề lớp học.", example="Kỹ thuật trồng lúa chất lượng cao"),
        _c("village_id", "Mã thôn", "id", "Nơi mở lớp (nếu mở ở thôn).", required=False,
           references="admin_units.unit_id", example="T01-X01-TH03"),
        _c("start", "Ngày khai giảng", "date", "Ngày khai giảng.", example="10/03/2025"),
        _c("end", "Ngày bế giảng", "date", "Ngày kết thúc (để trống nếu chưa kết thúc).", required=False, example="20/03/2025"),
        _c("sessions", "Số buổi", "int", "Số buổi học của lớp.", min=1, max=500, example="4"),
    ),
)

ENROLMENTS = Table(
    name="enrolments",
    sheet="Học viên",
    description="Học viên của mỗi lớp và số buổi đã dự.",
    key=("class_id", "person_id"),
    aliases=("Hoc vien",),
    columns=(
        _c("class_id", "Mã lớp", "id", "Lớp học.", references="classes.class_id", example="X01-LH001"),
        _c("person_id", "Mã nhân khẩu", "id", "Học viên.", references="persons.person_id", example="X01-NK00001"),
        _c("attended", "Số buổi dự", "int", "Số buổi học viên đã dự.", min=0, max=500, example="4"),
        _c("completed", "Hoàn thành", "bool", "Học viên hoàn thành lớp học.", example="Có"),
    ),
)

REGISTRATIONS = Table(
    name="registrations",
    sheet="Đăng ký danh hiệu",
    description="Đăng ký danh hiệu học tập của người, hộ, dòng họ, thôn, đơn vị trong từng năm, với các mốc thủ tục.",
    key=("registration_id",),
    unique=(("model", "subject_id", "year"),),
    aliases=("Dang ky danh hieu", "Đăng ký"),
    columns=(
        _c("registration_id", "Mã đăng ký", "id", _ID_NOTE, example="X01-DK0001"),
        _c("model", "Mô hình", "code", "Danh hiệu đăng ký.", codes=MODELS, example="Công dân học tập"),
        _c("subject_id", "Mã đối tượng", "id", "Mã nhân khẩu, mã hộ, mã dòng họ, mã thôn, mã đơn vị hoặc mã xã, "
           "tùy mô hình.", example="X01-NK00001"),
        _c("year", "Năm", "year", "Năm đánh giá.", min=2000, max=2100, example="2025"),
        _c("level", "Mức đăng ký", "int", "Mức độ 1 hoặc 2 (với mô hình có mức độ).", required=False, min=1, max=2, example=""),
        _c("registered", "Ngày đăng ký", "date", "Ngày đăng ký.", example="15/01/2025"),
        _c("self_assessed", "Ngày tự đánh giá", "date", "Ngày hoàn thành tự đánh giá.", required=False, example="20/11/2025"),
        _c("verified", "Ngày thẩm định", "date", "Ngày Hội/cơ quan thẩm định.", required=False, example="05/12/2025"),
        _c("status", "Tình trạng", "code", "Bước thủ tục hiện tại.", codes=REGISTRATION_STATUS, example="Đã tự đánh giá"),
    ),
)

SELF_SCORES = Table(
    name="self_scores",
    sheet="Điểm tự đánh giá",
    description="Điểm hoặc giá trị tự khai cho từng chỉ số (ví dụ 10 chỉ số Công dân học tập), theo mã chỉ số "
    "của bộ tiêu chí.",
    key=("registration_id", "indicator_id"),
    aliases=("Diem tu danh gia", "Tự đánh giá"),
    columns=(
        _c("registration_id", "Mã đăng ký", "id", "Đăng ký được chấm.", references="registrations.registration_id",
           example="X01-DK0001"),
        _c("indicator_id", "Mã chỉ số", "id", "Mã chỉ số trong bộ tiêu chí, ví dụ CDHT-1.1.", example="CDHT-1.1"),
        _c("value", "Điểm/giá trị", "float", "Điểm tự chấm hoặc giá trị tự khai.", min=0, example="9"),
    ),
)

RECOGNITIONS = Table(
    name="recognitions",
    sheet="Công nhận",
    description="Các quyết định công nhận danh hiệu đã có (kể cả những năm trước).",
    key=("recognition_id",),
    aliases=("Cong nhan", "Đã công nhận"),
    columns=(
        _c("recognition_id", "Mã công nhận", "id", _ID_NOTE, example="X01-CN0001"),
        _c("model", "Mô hình", "code", "Danh hiệu được công nhận.", codes=MODELS, example="Gia đình học tập"),
        _c("subject_id", "Mã đối tượng", "id", "Mã nhân khẩu, hộ, dòng họ, thôn, đơn vị hoặc xã.", example="X01-H0001"),
        _c("year", "Năm", "year", "Năm đánh giá được công nhận.", min=2000, max=2100, example="2024"),
        _c("level", "Mức độ", "int", "Mức độ 1 hoặc 2 (nếu có).", required=False, min=1, max=2, example=""),
        _c("decision_no", "Số quyết định", "text", "Số, ký hiệu quyết định.", example="12/QĐ-UBND"),
        _c("decision_date", "Ngày quyết định", "date", "Ngày ký quyết định.", example="20/12/2024"),
        _c("authority", "Cơ quan công nhận", "text", "Cơ quan ký quyết định.", example="UBND xã Đồng Mai"),
        _c("expires", "Ngày hết hạn", "date", "Ngày hết hiệu lực (nếu có).", required=False, example=""),
    ),
)

EVIDENCE = Table(
    name="evidence",
    sheet="Minh chứng",
    description="Minh chứng cho từng chỉ số của từng đối tượng: loại, ngày, nơi cấp, tệp và mã kiểm tra.",
    key=("evidence_id",),
    aliases=("Minh chung",),
    columns=(
        _c("evidence_id", "Mã minh chứng", "id", _ID_NOTE, example="X01-MC0001"),
        _c("model", "Mô hình", "code", "Danh hiệu mà minh chứng phục vụ.", codes=MODELS, example="Gia đình học tập"),
        _c("subject_id", "Mã đối tượng", "id", "Người, hộ, dòng họ, thôn, đơn vị hoặc xã.", example="X01-H0001"),
        _c("indicator_id", "Mã chỉ số", "id", "Chỉ số trong bộ tiêu chí mà minh chứng chứng minh.", example="GDHT-1.1"),
        _c("type", "Loại minh chứng", "code", "Loại giấy tờ.", codes=EVIDENCE_TYPES, example="Giấy khen"),
        _c("date", "Ngày minh chứng", "date", "Ngày ghi trên giấy tờ.", example="25/05/2025"),
        _c("issuer", "Nơi cấp", "text", "Cơ quan hoặc người cấp, ký giấy tờ.", example="Trường Tiểu học Đồng Mai"),
        _c("file", "Tệp minh chứng", "text", "Đường dẫn tệp (so với thư mục minh chứng).", required=False,
           example="minh_chung/X01-H0001/giay_khen.pdf"),
        _c("sha256", "Mã kiểm tra SHA-256", "text", "Mã kiểm tra của tệp khi lưu, để phát hiện tệp bị thay đổi.",
           required=False, example=""),
        _c("recorded", "Ngày ghi nhận", "date", "Ngày cán bộ Hội ghi nhận minh chứng.", example="30/05/2025"),
    ),
)

CONSENTS = Table(
    name="consents",
    sheet="Đồng ý xử lý dữ liệu",
    description="Sự đồng ý xử lý dữ liệu cá nhân (Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP): mục đích, ngày, "
    "ai đồng ý; trẻ từ đủ 7 tuổi cần cả trẻ và người đại diện đồng ý; có thể rút lại. Không bao giờ mặc định là đồng ý.",
    key=("consent_id",),
    aliases=("Dong y xu ly du lieu", "Đồng ý"),
    columns=(
        _c("consent_id", "Mã phiếu đồng ý", "id", _ID_NOTE, example="X01-DY0001"),
        _c("person_id", "Mã nhân khẩu", "id", "Người có dữ liệu được xử lý.", references="persons.person_id", example="X01-NK00012"),
        _c("purpose", "Mục đích", "code", "Mục đích xử lý dữ liệu.", codes=CONSENT_PURPOSES,
           example="Công bố danh sách khen thưởng, học bổng"),
        _c("date", "Ngày đồng ý", "date", "Ngày ký phiếu.", example="01/09/2025"),
        _c("subject_agrees", "Người được hỏi đồng ý", "bool", "Chính người đó đồng ý (trẻ từ đủ 7 tuổi cũng phải đồng ý). "
           "Để trống với trẻ dưới 7 tuổi (không hỏi trẻ); ô trống nghĩa là chưa đồng ý.", required=False, example="Có"),
        _c("guardian_id", "Mã người đại diện", "id", "Cha, mẹ hoặc người giám hộ (với người dưới 18 tuổi).",
           required=False, references="persons.person_id", example="X01-NK00010"),
        _c("guardian_agrees", "Người đại diện đồng ý", "bool", "Người đại diện đồng ý (để trống nếu không có).",
           required=False, example="Có"),
        _c("withdrawn", "Ngày rút lại", "date", "Ngày rút lại sự đồng ý (để trống nếu chưa rút).", required=False, example=""),
    ),
)

SCHEMA = Schema(
    version="1.0",
    tables=(
        ADMIN_UNITS, HOUSEHOLDS, HOUSEHOLD_YEARS, PERSONS, PERSON_YEARS, CLANS, UNITS, BRANCHES, MEMBERS,
        TRAININGS, FUND_RECEIPTS, FUND_SPENDING, AWARDS, CLASSES, ENROLMENTS, REGISTRATIONS, SELF_SCORES,
        RECOGNITIONS, EVIDENCE, CONSENTS,
    ),
)

#: Which table holds the subjects of each learning model (for subject_id references).
MODEL_SUBJECTS = {
    "Công dân học tập": ("persons", "person_id"),
    "Gia đình học tập": ("households", "household_id"),
    "Dòng họ học tập": ("clans", "clan_id"),
    "Cộng đồng học tập cấp thôn": ("admin_units", "unit_id"),
    "Đơn vị học tập": ("units", "unit_id"),
    "Cộng đồng học tập cấp xã": ("admin_units", "unit_id"),
}


def table(name: str) -> Table:
    """Bảng có tên ``name`` trong mô hình dữ liệu.

    >>> table("households").key
    ('household_id',)
    """
    return SCHEMA[name]


# --------------------------------------------------------------------------- plausibility rules
# Declared here, with the tables, as data; ``khuyenhoc.intake.plausibility`` runs them
# column-wise (one vectorised pass per rule). The docs page of the data model lists them.

RuleKind = Literal["not_future", "age", "order", "after_birth", "before_departure", "in_catalogue", "bound"]


class Rule(BaseModel):
    """Một quy tắc hợp lý của dữ liệu (giữa các cột, giữa các bảng), khai báo như dữ liệu.

    Kinds:

    - ``not_future``: the date (or year) in ``column`` is not after the workbook's
      "data as of" date;
    - ``age``: the age at the "data as of" date, from the birth date in ``column``,
      lies between ``min`` and ``max`` years;
    - ``order``: ``column`` is not earlier than ``other`` (same row);
    - ``after_birth``: the date (or year) in ``column`` is not before the birth of
      the person reached by following ``via`` (reference columns, hop by hop);
    - ``before_departure``: for a person who has died or moved away, the year of
      ``column`` is not after the last year the person appears in the yearly
      register (the register holds no date of death or moving);
    - ``in_catalogue``: the indicator code in ``column`` belongs to a catalogue of
      criteria of the model (column ``model`` of the row, or of the row reached by ``via``);
    - ``bound``: the number in ``column`` is at most ``max`` (a sane bound per table).

    ``when`` keeps only the rows whose column has one of the values (e.g. only
    registrations of the model "Công dân học tập" point at a person).

    >>> r = Rule(id="x", kind="order", table="members", column="left", other="joined", why="…", fix="…")
    >>> r.severity
    'lỗi'
    """

    model_config = ConfigDict(frozen=True)

    id: str
    kind: RuleKind
    table: str
    column: str
    other: str | None = None
    via: tuple[str, ...] = ()
    via_table: str | None = None  # table of the first hop when the column declares no reference (subject_id)
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    min: float | None = None
    max: float | None = None
    severity: Literal["lỗi", "cảnh báo"] = "lỗi"
    why: str
    fix: str


_CDHT = (("model", ("Công dân học tập",)),)
_FIX_DATE = "Kiểm tra lại giấy tờ gốc và sửa ngày cho đúng (dd/mm/yyyy)."


def _future(table_name: str, column: str, what: str) -> Rule:
    return Rule(id=f"{table_name}.{column}.not_future", kind="not_future", table=table_name, column=column,
                why=f"{what} không thể sau ngày số liệu của sổ", fix=_FIX_DATE)


def _order(table_name: str, later: str, earlier: str, why: str) -> Rule:
    return Rule(id=f"{table_name}.{later}.after.{earlier}", kind="order", table=table_name, column=later, other=earlier,
                why=why, fix="Kiểm tra lại hai ngày này trên giấy tờ gốc và sửa cho đúng thứ tự.")


def _born(table_name: str, column: str, via: tuple[str, ...], what: str, *, via_table: str | None = None,
          when: tuple = ()) -> Rule:
    return Rule(id=f"{table_name}.{column}.after_birth", kind="after_birth", table=table_name, column=column, via=via,
                via_table=via_table, when=when, why=f"{what} trước khi người đó sinh ra",
                fix="Kiểm tra lại ngày/năm này và ngày sinh của người đó ở trang 'Nhân khẩu'.")


def _departed(table_name: str, column: str, via: tuple[str, ...], what: str, *, via_table: str | None = None,
              when: tuple = ()) -> Rule:
    return Rule(id=f"{table_name}.{column}.before_departure", kind="before_departure", table=table_name, column=column,
                via=via, via_table=via_table, when=when, severity="cảnh báo",
                why=f"{what} sau năm cuối cùng người đó còn có tên trong sổ theo năm, mà người đó đã mất hoặc đã "
                    "chuyển đi",
                fix="Kiểm tra lại: nếu người đó còn ở xã thì sửa 'Tình trạng cư trú'; nếu không thì sửa hoặc xóa "
                    "dòng này.")


def _bound(table_name: str, column: str, max_: float, what: str) -> Rule:
    return Rule(id=f"{table_name}.{column}.bound", kind="bound", table=table_name, column=column, max=max_,
                severity="cảnh báo", why=f"{what} lớn bất thường",
                fix="Kiểm tra số chữ số 0 (gõ thừa?) và đơn vị (đồng, không phải nghìn đồng).")


#: Every plausibility rule of the data model, in the order they are checked.
RULES: tuple[Rule, ...] = (
    # dates not in the future relative to the workbook's "data as of" date
    _future("persons", "birth_date", "Ngày sinh"),
    _future("members", "joined", "Ngày vào Hội"),
    _future("members", "left", "Ngày ra Hội"),
    _future("branches", "founded", "Ngày thành lập chi hội"),
    _future("trainings", "date", "Ngày tập huấn"),
    _future("fund_receipts", "date", "Ngày thu"),
    _future("fund_spending", "date", "Ngày chi"),
    _future("awards", "date", "Ngày trao"),
    _future("classes", "start", "Ngày khai giảng"),
    _future("registrations", "registered", "Ngày đăng ký"),
    _future("registrations", "self_assessed", "Ngày tự đánh giá"),
    _future("registrations", "verified", "Ngày thẩm định"),
    _future("registrations", "year", "Năm đánh giá"),
    _future("recognitions", "decision_date", "Ngày quyết định công nhận"),
    _future("recognitions", "year", "Năm được công nhận"),
    _future("evidence", "date", "Ngày minh chứng"),
    _future("evidence", "recorded", "Ngày ghi nhận minh chứng"),
    _future("consents", "date", "Ngày đồng ý"),
    _future("consents", "withdrawn", "Ngày rút lại sự đồng ý"),
    _future("person_years", "year", "Năm"),
    _future("household_years", "year", "Năm"),
    # ages within the human range
    Rule(id="persons.birth_date.age", kind="age", table="persons", column="birth_date", min=0, max=120,
         why="Tuổi tính đến ngày số liệu của sổ nằm ngoài khoảng 0–120 tuổi",
         fix="Kiểm tra lại năm sinh (gõ nhầm thế kỷ, ví dụ 1880 thay vì 1980?)."),
    # order of two dates in one row
    _order("members", "left", "joined", "Ngày ra Hội trước ngày vào Hội"),
    _order("classes", "end", "start", "Ngày bế giảng trước ngày khai giảng"),
    _order("registrations", "self_assessed", "registered", "Ngày tự đánh giá trước ngày đăng ký"),
    _order("registrations", "verified", "self_assessed", "Ngày thẩm định trước ngày tự đánh giá"),
    _order("recognitions", "expires", "decision_date", "Ngày hết hạn trước ngày quyết định công nhận"),
    _order("evidence", "recorded", "date", "Minh chứng được ghi nhận trước ngày ghi trên giấy tờ"),
    _order("consents", "withdrawn", "date", "Ngày rút lại trước ngày đồng ý"),
    # events after birth
    _born("members", "joined", ("person_id",), "Ngày vào Hội"),
    _born("trainings", "date", ("member_id", "person_id"), "Ngày tập huấn"),
    _born("awards", "date", ("person_id",), "Ngày nhận học bổng, khen thưởng"),
    _born("consents", "date", ("person_id",), "Ngày đồng ý"),
    _born("person_years", "year", ("person_id",), "Năm của dòng này"),
    _born("registrations", "year", ("subject_id",), "Năm đăng ký danh hiệu", via_table="persons", when=_CDHT),
    _born("recognitions", "year", ("subject_id",), "Năm được công nhận danh hiệu", via_table="persons", when=_CDHT),
    # events before death or moving out
    _departed("awards", "date", ("person_id",), "Học bổng, khen thưởng được trao"),
    _departed("consents", "date", ("person_id",), "Phiếu đồng ý được ký"),
    _departed("registrations", "year", ("subject_id",), "Năm đăng ký danh hiệu", via_table="persons", when=_CDHT),
    # codes checked against the catalogues of criteria in force
    Rule(id="self_scores.indicator_id.in_catalogue", kind="in_catalogue", table="self_scores", column="indicator_id",
         via=("registration_id",), why="Mã chỉ số không có trong bộ tiêu chí nào của mô hình đã đăng ký",
         fix="Chép đúng mã chỉ số từ bộ tiêu chí (lệnh: khuyenhoc criteria), ví dụ CDHT-1.1."),
    Rule(id="evidence.indicator_id.in_catalogue", kind="in_catalogue", table="evidence", column="indicator_id",
         why="Mã chỉ số không có trong bộ tiêu chí nào của mô hình ghi ở cột 'Mô hình'",
         fix="Chép đúng mã chỉ số từ bộ tiêu chí của mô hình (lệnh: khuyenhoc criteria)."),
    # money within sane bounds, per table
    _bound("household_years", "fund_contribution", 100_000_000, "Số tiền một hộ góp quỹ khuyến học trong năm"),
    _bound("fund_receipts", "amount", 5_000_000_000, "Một khoản thu quỹ khuyến học của xã"),
    _bound("fund_spending", "amount", 2_000_000_000, "Một khoản chi quỹ khuyến học của xã"),
    _bound("awards", "amount", 50_000_000, "Một suất học bổng, khen thưởng"),
)


def _check_rules(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Every rule names tables and columns of the schema (checked once, at import)."""
    for r in rules:
        t = SCHEMA[r.table]
        for name in (r.column, r.other, *(k for k, _ in r.when)):
            if name is not None:
                t.column(name)
        if r.via:
            cur = SCHEMA[r.via_table] if r.via_table else t
            cur.column(r.via[0]) if not r.via_table else t.column(r.via[0])
            ref = t.column(r.via[0]).references
            cur = SCHEMA[r.via_table] if r.via_table else SCHEMA[ref.partition(".")[0]]
            for hop in r.via[1:]:
                cur = SCHEMA[cur.column(hop).references.partition(".")[0]]
    return rules


_check_rules(RULES)


def rules_for(table_name: str) -> list[Rule]:
    """Các quy tắc hợp lý áp dụng cho bảng ``table_name``.

    >>> [r.kind for r in rules_for("members")]
    ['not_future', 'not_future', 'order', 'after_birth']
    """
    return [r for r in RULES if r.table == table_name]
