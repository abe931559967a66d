"""The shared lesson skeleton (design.md, "Lessons look alike").

Every lesson and assignment has: a title with the lesson number, an objectives
box, a short explanation with the domain reason, a worked example, "Thử làm"
(try it), a summary of what to remember, and links to the criteria text.
These helpers return markdown strings so builders stay short and alike.
"""

from __future__ import annotations

COURSE = "Khóa tập huấn số hóa công tác khuyến học"


def title(number: str, name: str, minutes: int) -> str:
    return (f"# Bài {number}. {name}\n\n"
            f"*{COURSE} — thời lượng khoảng {minutes} phút.*")


def objectives(items: list[str], why: str) -> str:
    """Objectives box: a quote block, readable in Lab, nbconvert feedback and Voilà."""
    lines = ["> **🎯 Mục tiêu của bài**", ">", "> Học xong bài này, anh/chị sẽ:"]
    lines += [f"> - {item}" for item in items]
    lines += [">", f"> **Vì sao cần:** {why}"]
    return "\n".join(lines)


def section(number: int, name: str, body: str) -> str:
    return f"## {number}. {name}\n\n{body.strip()}"


def example(name: str, body: str) -> str:
    return f"### 🔎 Ví dụ mẫu: {name}\n\n{body.strip()}"


def try_it(body: str) -> str:
    return ("### ✍️ Thử làm\n\n" + body.strip() +
            "\n\n*Ô này không tính điểm: cứ thử, sai thì sửa lại.*")


def summary(items: list[str]) -> str:
    lines = ["## 📌 Ghi nhớ", ""]
    lines += [f"- {item}" for item in items]
    return "\n".join(lines)


def links(items: list[tuple[str, str]]) -> str:
    """Links to the criteria text and sources: (label, address) pairs."""
    lines = ["## 📚 Đọc thêm và nguồn", ""]
    for label, address in items:
        if address.startswith("http"):
            lines.append(f"- [{label}]({address})")
        else:
            lines.append(f"- {label}: {address}")
    return "\n".join(lines)


#: Tag shown next to each fact, following the course's sourcing rules.
TAG_READ = "✅ đã đọc được nguồn công khai"
TAG_INFERRED = "⚠️ SUY LUẬN — cần kiểm tra lại"
TAG_NOT_FOUND = "❓ CHƯA TÌM THẤY văn bản"

LEGEND = (f"**Cách đọc nhãn:** {TAG_READ}; {TAG_INFERRED} (chưa có nguồn xác nhận, "
          f"không dùng như số liệu chính thức); {TAG_NOT_FOUND} (khóa học chưa có văn bản, "
          "hãy hỏi cấp trên hoặc chờ hướng dẫn).")
