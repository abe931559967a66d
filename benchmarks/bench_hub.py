"""Đo phòng học JupyterHub trên máy này: thời gian hub sẵn sàng, thời gian mở máy học của từng học viên
khi cả lớp vào cùng lúc, bộ nhớ (RSS) của một máy học lúc ngồi yên và lúc đang làm bài, CPU của một lần
chấm tự động. Số liệu cho helm/ke-hoach-nang-luc.md.

Chạy (cần root, `make hub-venv hub-deps`)::

    sudo .venv/bin/python benchmarks/bench_hub.py              # 10 học viên cùng lúc
    sudo .venv/bin/python benchmarks/bench_hub.py --hoc-vien 20 --khong-cham

In số liệu, không khẳng định. Máy đang chạy việc khác thì số liệu chậm hơn: ghi kèm tải máy (load average).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pwd
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hub"))
import hallrun  # noqa: E402
from khuyenhoc.indicators.vnformat import so  # noqa: E402  (numbers the Vietnamese way)

WORK = """
import khuyenhoc
from khuyenhoc import sample
data = sample.load()
import pandas as pd, matplotlib.pyplot as plt
fig, ax = plt.subplots(); ax.plot(range(100)); fig.savefig('/dev/null', format='png')
print(sum(len(getattr(data, n)) for n in dir(data) if isinstance(getattr(data, n, None), pd.DataFrame)))
"""


def tree_rss(uid: int) -> int:
    """Resident memory of every process of one account (its server and kernels)."""
    import psutil

    total = 0
    for p in psutil.process_iter(["uids", "memory_info"]):
        if p.info["uids"] and p.info["uids"].real == uid and p.info["memory_info"]:
            total += p.info["memory_info"].rss
    return total


async def run_code(run: hallrun.HallRun, user: str, token: str, code: str) -> float:
    """Start a kernel in the user's server, run code, return seconds (kernel start included)."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    base = f"127.0.0.1:{run.hall.port}/user/{user}"
    headers = {"Authorization": f"token {token}"}
    t = time.perf_counter()
    r = await AsyncHTTPClient().fetch(HTTPRequest(f"http://{base}/api/kernels", method="POST", body="{}",
                                                  headers=headers, request_timeout=300))
    kid = json.loads(r.body)["id"]
    ws = await websocket_connect(HTTPRequest(f"ws://{base}/api/kernels/{kid}/channels", headers=headers,
                                             request_timeout=300))
    msg_id = uuid.uuid4().hex
    ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": user, "session": uuid.uuid4().hex, "msg_type": "execute_request",
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}}))
    while True:
        raw = await asyncio.wait_for(ws.read_message(), timeout=600)
        if raw is None:
            raise RuntimeError(f"kernel of {user} closed")
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") == msg_id and msg["msg_type"] == "execute_reply":
            if msg["content"]["status"] != "ok":
                raise RuntimeError(f"{user}: {msg['content'].get('evalue')}")
            break
    ws.close()
    return time.perf_counter() - t


def spawn_all(run: hallrun.HallRun) -> dict[str, float]:
    """Start every trainee's server at once (as a hall logs in together); seconds until each is ready."""
    start = {}
    for user in run.trainees:  # the hub learns of an account at its first login; here we tell it
        run.api("POST", f"/users/{user}", token=run.test_token)
    for user in run.trainees:
        run.api("POST", f"/users/{user}/server", token=run.test_token)
        start[user] = time.perf_counter()
    ready: dict[str, float] = {}
    while len(ready) < len(run.trainees):
        for user in run.trainees:
            if user in ready:
                continue
            info = run.api("GET", f"/users/{user}", token=run.test_token)
            if (info.get("servers") or {}).get("", {}).get("ready"):
                ready[user] = time.perf_counter() - start[user]
        if time.perf_counter() - min(start.values()) > 600:
            raise RuntimeError("servers not ready after 10 minutes")
        time.sleep(0.5)
    return ready


def submissions_for_grading(run: hallrun.HallRun, bai: str) -> None:
    """Every trainee fetches and submits the blank release with nbgrader's own commands, as themselves."""
    env_common = {"PATH": f"{hallrun.HALL_VENV / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONUTF8": "1",
                  "JUPYTER_CONFIG_PATH": str(hallrun.REPO / "hub" / "jupyter" / "chung"),
                  "KHUYENHOC_EXCHANGE": str(run.hall.exchange), "KHUYENHOC_COURSE_ID": run.hall.course_id}
    for user in run.trainees:
        pw = pwd.getpwnam(user)
        env = dict(env_common, HOME=pw.pw_dir, USER=user)
        for args in (["fetch_assignment", bai], ["submit", bai]):
            subprocess.run(["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--init-groups",
                            str(hallrun.HALL_VENV / "bin" / "nbgrader"), *args],
                           cwd=pw.pw_dir, env=env, check=True, capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hoc-vien", type=int, default=10, help="số học viên vào cùng lúc (mặc định 10)")
    ap.add_argument("--khong-cham", action="store_true", help="bỏ phần đo chấm tự động")
    args = ap.parse_args()
    why = hallrun.why_not()
    if why:
        print(f"Không đo được: {why}")
        return 1
    run = hallrun.HallRun(n_trainees=args.hoc_vien, test_service=True)
    load_before = os.getloadavg()
    try:
        run.prepare()
        hub_ready = run.start()
        spawn = spawn_all(run)
        time.sleep(5)
        idle = {u: tree_rss(pwd.getpwnam(u).pw_uid) for u in run.trainees}
        tokens = {u: run.api("POST", f"/users/{u}/tokens", {"expires_in": 3600, "note": "bench"},
                             token=run.test_token)["token"] for u in run.trainees}

        async def work_all():
            return await asyncio.gather(*(run_code(run, u, tokens[u], WORK) for u in run.trainees))

        work_s = asyncio.run(work_all())
        working = {u: tree_rss(pwd.getpwnam(u).pw_uid) for u in run.trainees}
        grade = None
        if not args.khong_cham:
            run.lop_hoc("phat-bai", "bai_00")
            submissions_for_grading(run, "bai_00")
            run.lop_hoc("thu-bai", "bai_00")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            run.lop_hoc("cham", "bai_00")
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            grade = (wall, cpu)
    finally:
        load_after = os.getloadavg()
        run.close()

    mb = 1 << 20
    spawns = sorted(spawn.values())
    print(f"Phòng học JupyterHub, {args.hoc_vien} học viên vào cùng lúc trên máy này "
          f"({os.cpu_count()} lõi; tải máy trước/sau: {so(load_before[0], 1)} / {so(load_after[0], 1)})")
    print(f"  Hub sẵn sàng sau:                  {so(hub_ready, 1)} s")
    print(f"  Mở máy học (từ lúc bấm đến lúc vào): trung vị {so(statistics.median(spawns), 1)} s, "
          f"nhanh nhất {so(spawns[0], 1)} s, chậm nhất {so(spawns[-1], 1)} s")
    print(f"  RAM một máy học ngồi yên (RSS):     trung vị {so(statistics.median(idle.values()) / mb, 0)} MB, "
          f"lớn nhất {so(max(idle.values()) / mb, 0)} MB")
    print(f"  RAM một máy học đang làm bài (RSS): trung vị {so(statistics.median(working.values()) / mb, 0)} MB, "
          f"lớn nhất {so(max(working.values()) / mb, 0)} MB (mở xã mẫu, pandas, một biểu đồ)")
    print(f"  Thời gian chạy phần việc đó:        trung vị {so(statistics.median(work_s), 1)} s "
          f"(cả {args.hoc_vien} người chạy cùng lúc)")
    if grade:
        n = len(run.trainees)
        print(f"  Chấm tự động {n} bài bai_00 (hộp cát): {so(grade[0], 1)} s; CPU {so(grade[1], 1)} s, "
              f"tức {so(grade[1] / n, 1)} s CPU mỗi bài")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
