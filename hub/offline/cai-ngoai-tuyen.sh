#!/usr/bin/env bash
# Cài phòng học từ gói đã đóng (hub/offline/dong-goi.sh), KHÔNG dùng mạng. Chạy với quyền root:
#   tar -xzf khuyenhoc-phong-hoc.tar.gz && bash cai-ngoai-tuyen.sh /opt/khuyenhoc
# Kiểm tra "không cần mạng" thật: mọi bước pip/npm chạy trong `unshare -n` (không có card mạng nào).
set -euo pipefail
GOI="$(cd "$(dirname "$0")" && pwd)/goi"
DICH="${1:-/opt/khuyenhoc}"
NO_NET=""; unshare -n true 2>/dev/null && NO_NET="unshare -n"
(cd "$GOI" && sha256sum -c --quiet SHA256SUMS) || { echo "Gói bị hỏng (sai mã kiểm tra): chép lại từ USB"; exit 1; }
if ls "$GOI"/debs/*.deb >/dev/null 2>&1; then $NO_NET dpkg -i --skip-same-version "$GOI"/debs/*.deb >/dev/null || true; fi
mkdir -p "$DICH" && tar -xzf "$GOI/khuyenhoc.tar.gz" -C "$DICH"
mkdir -p "$DICH/hub/.proxy" && tar -xzf "$GOI/configurable-http-proxy.tar.gz" -C "$DICH/hub/.proxy"
/usr/bin/python3 -m venv "$DICH/hub/.venv"
$NO_NET "$DICH/hub/.venv/bin/python" -m pip --isolated install -q --no-index --find-links "$GOI/wheelhouse" -e "$DICH[course,hub]"
mkdir -p "$DICH/hub/.venv/share/jupyter/lab/settings"
cp "$DICH/course/jupyterlab/overrides.json" "$DICH/hub/.venv/share/jupyter/lab/settings/"
# the check: everything the hall runs imports, and the proxy starts, still without network
$NO_NET "$DICH/hub/.venv/bin/python" -c "import jupyterhub, nbgrader, jupyterlab, voila, khuyenhoc; print('Python: đủ gói')"
$NO_NET "$DICH/hub/.proxy/node_modules/.bin/configurable-http-proxy" --version >/dev/null && echo "Proxy: chạy được"
echo "Đã cài phòng học vào $DICH (không dùng mạng). Tiếp theo: docs/phong-hoc.md, mục 'Mở phòng học'."
