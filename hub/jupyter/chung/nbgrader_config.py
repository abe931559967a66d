# nbgrader settings shared by every account of the hall (trainees, trainers, grader service).
# The hub's spawner sets KHUYENHOC_EXCHANGE and KHUYENHOC_COURSE_ID (hub/hall.py).
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = os.environ.get("KHUYENHOC_COURSE_ID", "khuyenhoc")
c.Exchange.root = os.environ.get("KHUYENHOC_EXCHANGE", "/srv/nbgrader/exchange")
