#!/usr/bin/env bash
# Đóng gói phòng học để cài trên máy chủ KHÔNG có mạng (chạy một lần trên máy có mạng: make hub-offline).
#
# Tạo hub/offline/goi/ gồm:
#   wheelhouse/                      mọi gói Python (khuyenhoc, JupyterLab, nbgrader, JupyterHub, ...) dạng .whl
#   configurable-http-proxy.tar.gz   proxy của JupyterHub (npm) đã cài sẵn, kèm các gói npm nó cần
#   debs/                            gói Debian: nodejs, python3-venv, bubblewrap, chromium... (apt-get --download-only)
#   khuyenhoc.tar.gz                 mã nguồn dự án (git archive)
# rồi nén thành hub/offline/khuyenhoc-phong-hoc.tar.gz để chép sang máy chủ phòng học (USB).
# Trên máy chủ phòng học: bash hub/offline/cai-ngoai-tuyen.sh (xem docs/phong-hoc.md, "Cài không cần mạng").
set -euo pipefail
cd "$(dirname "$0")/../.."
GOI=hub/offline/goi
mkdir -p "$GOI/debs"
[ -f "$GOI/wheelhouse/.done" ] || { echo "Chưa có wheelhouse: chạy make hub-venv trước"; exit 1; }
[ -x hub/.proxy/node_modules/.bin/configurable-http-proxy ] || { echo "Chưa có proxy: chạy make hub-deps trước"; exit 1; }
tar -czf "$GOI/configurable-http-proxy.tar.gz" -C hub/.proxy .
git archive --format=tar.gz -o "$GOI/khuyenhoc.tar.gz" HEAD
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  # the Debian packages the hall needs, downloaded with their dependencies (installed ones included)
  PKGS="nodejs python3-venv bubblewrap fonts-noto-mono fonts-liberation2"
  (cd "$GOI/debs" && apt-get download $(apt-cache depends --recurse --no-recommends --no-suggests \
      --no-conflicts --no-breaks --no-replaces --no-enhances $PKGS | grep '^\w' | sort -u) >/dev/null 2>&1 || true)
fi
(cd "$GOI" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
tar -czf hub/offline/khuyenhoc-phong-hoc.tar.gz -C hub/offline goi cai-ngoai-tuyen.sh
echo "Đã đóng gói: hub/offline/khuyenhoc-phong-hoc.tar.gz ($(du -h hub/offline/khuyenhoc-phong-hoc.tar.gz | cut -f1))"
