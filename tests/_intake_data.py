"""A tiny, hand-made, valid commune used by the intake tests (every table has rows)."""

from __future__ import annotations

import pandas as pd

from khuyenhoc.data import CommuneData

D = pd.Timestamp


def tiny_commune() -> CommuneData:
    t = {}
    t["admin_units"] = pd.DataFrame({
        "unit_id": ["T01", "T01-X01", "T01-X01-TH01", "T01-X01-TH02"],
        "name": ["Tỉnh Mẫu", "Xã Đồng Mai", "Thôn Đồng Mai", "Bản Nà Lừa"],
        "level": ["tỉnh", "xã", "thôn", "thôn"],
        "kind": ["tỉnh", "xã", "thôn", "bản"],
        "parent_id": [None, "T01", "T01-X01", "T01-X01"],
        "population": [None, 3000, 1500, None],
    })
    t["clans"] = pd.DataFrame({
        "clan_id": ["X01-DH01"], "name": ["Họ Nguyễn Văn"], "commune_id": ["T01-X01"],
        "charter": [True], "study_fund": [False],
    })
    t["households"] = pd.DataFrame({
        "household_id": ["X01-H0001", "X01-H0002", "X01-H0003"],
        "village_id": ["T01-X01-TH01", "T01-X01-TH01", "T01-X01-TH02"],
        "head_name": ["Nguyễn Văn An", "Trần Thị Bình", "Lò Văn Cương"],
        "clan_id": ["X01-DH01", None, None],
        "poor": [False, True, False],
    })
    t["household_years"] = pd.DataFrame({
        "household_id": ["X01-H0001", "X01-H0002"], "year": [2025, 2025],
        "cultural_family": [True, False], "bookshelf": [True, True], "internet": [True, False],
        "family_fund": [False, False], "fund_contribution": [100000, 0],
    })
    t["persons"] = pd.DataFrame({
        "person_id": ["X01-NK00001", "X01-NK00002", "X01-NK00003", "X01-NK00004", "X01-NK00005"],
        "household_id": ["X01-H0001", "X01-H0001", "X01-H0002", "X01-H0003", "X01-H0003"],
        "full_name": ["Nguyễn Văn An", "Phạm Thị Hoa", "Trần Thị Bình", "Lò Văn Cương", "Lò Thị Mai"],
        "sex": ["Nam", "Nữ", "Nữ", "Nam", "Nữ"],
        "birth_date": [D("1970-03-05"), D("1975-12-31"), D("1980-02-29"), D("1990-07-01"), D("2015-01-15")],
        "relation": ["Chủ hộ", "Vợ", "Chủ hộ", "Chủ hộ", "Con"],
        "residence": ["Thường trú", "Thường trú", "Tạm trú", "Thường trú", "Thường trú"],
        "workplace_id": ["X01-DV01", None, None, None, None],
    })
    t["person_years"] = pd.DataFrame({
        "person_id": ["X01-NK00001", "X01-NK00002", "X01-NK00005"], "year": [2025, 2025, 2025],
        "literacy": ["Biết chữ mức độ 2", "Biết chữ mức độ 2", "Chưa đến tuổi"],
        "schooling": ["Trung học phổ thông", "Trung học cơ sở", "Tiểu học"],
        "occupation": ["Nông, lâm, ngư nghiệp", "Nội trợ", "Học sinh, sinh viên"],
        "digital_skills": ["Cơ bản", "Không", "Không"],
        "enrolment": ["Không thuộc diện", "Không thuộc diện", "Đang đi học"],
        "school_result": [None, None, "Khá"], "learning_activities": [6, 0, 12],
    })
    t["units"] = pd.DataFrame({
        "unit_id": ["X01-DV01", "X01-DV02"], "name": ["Trung tâm học tập cộng đồng xã Đồng Mai", "Trường Tiểu học Đồng Mai"],
        "kind": ["Trung tâm học tập cộng đồng", "Trường tiểu học"], "commune_id": ["T01-X01", "T01-X01"],
        "village_id": [None, "T01-X01-TH01"], "staff": [3, 25],
    })
    t["branches"] = pd.DataFrame({
        "branch_id": ["X01-CH01", "X01-CH02"], "name": ["Chi hội thôn Đồng Mai", "Chi hội Trường Tiểu học"],
        "village_id": ["T01-X01-TH01", None], "unit_id": [None, "X01-DV02"],
        "founded": [D("2012-08-15"), D("2015-09-05")],
    })
    t["members"] = pd.DataFrame({
        "member_id": ["X01-HV0001", "X01-HV0002"], "person_id": ["X01-NK00001", "X01-NK00002"],
        "branch_id": ["X01-CH01", "X01-CH01"], "role": ["Chi hội trưởng", "Hội viên"],
        "joined": [D("2019-03-01"), D("2020-05-20")], "left": [pd.NaT, D("2024-12-31")],
    })
    t["trainings"] = pd.DataFrame({
        "training_id": ["X01-TL0001"], "member_id": ["X01-HV0001"], "date": [D("2025-04-12")],
        "topic": ["Bộ tiêu chí Công dân học tập"], "organiser": ["Hội Khuyến học tỉnh"], "hours": [7.5],
    })
    t["fund_receipts"] = pd.DataFrame({
        "receipt_id": ["X01-PT0001", "X01-PT0002"], "date": [D("2025-08-20"), D("2025-09-01")],
        "commune_id": ["T01-X01", "T01-X01"], "branch_id": ["X01-CH01", None],
        "source": ["Hội viên đóng góp", "Doanh nghiệp, hợp tác xã"], "amount": [1250000, 5000000],
    })
    t["fund_spending"] = pd.DataFrame({
        "payment_id": ["X01-PC0001"], "date": [D("2025-09-05")], "commune_id": ["T01-X01"],
        "branch_id": ["X01-CH02"], "purpose": ["Học bổng"], "amount": [500000],
    })
    t["awards"] = pd.DataFrame({
        "award_id": ["X01-KT0001"], "person_id": ["X01-NK00005"], "date": [D("2025-09-05")],
        "kind": ["Học bổng"], "amount": [500000], "payment_id": ["X01-PC0001"],
    })
    t["classes"] = pd.DataFrame({
        "class_id": ["X01-LH001"], "centre_id": ["X01-DV01"], "kind": ["Chuyên đề TTHTCĐ"],
        "field": ["Nông nghiệp"], "topic": ["Kỹ thuật trồng lúa"], "village_id": ["T01-X01-TH01"],
        "start": [D("2025-03-10")], "end": [D("2025-03-20")], "sessions": [4],
    })
    t["enrolments"] = pd.DataFrame({
        "class_id": ["X01-LH001", "X01-LH001"], "person_id": ["X01-NK00001", "X01-NK00002"],
        "attended": [4, 3], "completed": [True, False],
    })
    t["registrations"] = pd.DataFrame({
        "registration_id": ["X01-DK0001", "X01-DK0002"], "model": ["Công dân học tập", "Gia đình học tập"],
        "subject_id": ["X01-NK00001", "X01-H0001"], "year": [2025, 2025], "level": [None, 1],
        "registered": [D("2025-01-15"), D("2025-01-16")], "self_assessed": [D("2025-11-20"), pd.NaT],
        "verified": [D("2025-12-05"), pd.NaT], "status": ["Đã tự đánh giá", "Đã đăng ký"],
    })
    t["self_scores"] = pd.DataFrame({
        "registration_id": ["X01-DK0001", "X01-DK0001"], "indicator_id": ["CDHT-1.1", "CDHT-1.2"],
        "value": [9.0, 8.5],
    })
    t["recognitions"] = pd.DataFrame({
        "recognition_id": ["X01-CN0001"], "model": ["Gia đình học tập"], "subject_id": ["X01-H0001"],
        "year": [2024], "level": [1], "decision_no": ["12/QĐ-UBND"], "decision_date": [D("2024-12-20")],
        "authority": ["UBND xã Đồng Mai"], "expires": [D("2027-12-20")],
    })
    t["evidence"] = pd.DataFrame({
        "evidence_id": ["X01-MC0001"], "model": ["Gia đình học tập"], "subject_id": ["X01-H0001"],
        "indicator_id": ["GDHT-1.1"], "type": ["Giấy khen"], "date": [D("2025-05-25")],
        "issuer": ["Trường Tiểu học Đồng Mai"], "file": ["minh_chung/X01-H0001/giay_khen.pdf"],
        "sha256": ["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"], "recorded": [D("2025-05-30")],
    })
    t["consents"] = pd.DataFrame({
        "consent_id": ["X01-DY0001"], "person_id": ["X01-NK00005"],
        "purpose": ["Công bố danh sách khen thưởng, học bổng"], "date": [D("2025-09-01")],
        "subject_agrees": [True], "guardian_id": ["X01-NK00004"], "guardian_agrees": [True], "withdrawn": [D("2025-10-01")],
    })
    return CommuneData(t)
