"""A small client of JupyterHub's REST API for the class-management command (service token)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from hub.hall import Hall


class HubDown(RuntimeError):
    """The hub is not running (or not reachable)."""


class HubAPI:
    def __init__(self, hall: Hall, token: str | None = None, timeout: float = 10):
        self.base = f"http://127.0.0.1:{hall.port + 1}/hub/api"
        self.token = token if token is not None else (
            hall.token_file.read_text().strip() if hall.token_file.exists() else "")
        self.timeout = timeout

    def request(self, method: str, path: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                text = r.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return None
            raise
        except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
            raise HubDown(str(err)) from None

    def users(self) -> list[dict]:
        out, offset = [], 0
        while True:
            page = self.request("GET", f"/users?limit=200&offset={offset}&include_stopped_servers") or []
            if isinstance(page, dict):  # paginated form
                page = page.get("items", [])
            out += page
            if len(page) < 200:
                return out
            offset += 200

    def stop_server(self, login: str) -> None:
        self.request("DELETE", f"/users/{login}/server")

    def delete_user(self, login: str) -> None:
        self.request("DELETE", f"/users/{login}")

    def add_to_group(self, group: str, logins: list[str]) -> None:
        if self.request("GET", f"/groups/{group}") is None:
            self.request("POST", f"/groups/{group}")
        self.request("POST", f"/groups/{group}/users", {"users": logins})
