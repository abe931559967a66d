# khuyenhoc — hai lệnh chính (xem README.md):
#   make run   : tạo môi trường ảo, cài đặt, chạy việc chính trên xã mẫu
#   make test  : tạo môi trường ảo, cài đặt, chạy toàn bộ bộ kiểm thử
# Mọi thứ cài vào .venv/ trong thư mục này; không cần quyền quản trị
# (trừ các gói hệ thống cho kiểm thử, cài bằng apt-get nếu chạy với quyền root).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out
export PYTHONUTF8 := 1
export LANG := C.UTF-8
export LC_ALL := C.UTF-8
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export MPLBACKEND := Agg

# Debian packages the tests need: bubblewrap (the grading sandbox) and PostgreSQL (a gradebook for several
# graders, tested with a throw-away cluster); LibreOffice to open the .docx report,
# poppler to render its PDF, Liberation 2 (metric Times New Roman with Vietnamese letters)
# and Noto Mono fonts for Vietnamese in the report and in code cells; Debian's Chromium
# for the browser tests (Playwright drives it; never `playwright install`).
SYSTEM_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2 fonts-noto-mono fonts-dejavu-core chromium \
	bubblewrap postgresql
# The training hall (make hub, tests/hub): the system Python's venv module (user servers run as
# unprivileged accounts, so the hall's venv is built from it) and Node for configurable-http-proxy:
# Debian's nodejs and npm only where no npm is installed yet (a NodeSource nodejs carries its own npm,
# and Debian's npm package cannot be installed beside it).
SYSTEM_PACKAGES += python3-venv $(if $(shell command -v npm 2>/dev/null),,nodejs npm)

.PHONY: hub hub-deps hub-venv hub-offline site run test setup system-deps lab app clean sample-data help

help:
	@echo "make run   - cài đặt và chạy việc chính trên xã mẫu (kết quả trong $(OUT)/)"
	@echo "make test  - cài đặt và chạy toàn bộ bộ kiểm thử"
	@echo "make lab   - mở khóa học trong JupyterLab (giao diện tiếng Việt)"
	@echo "make site  - dựng trang đọc tĩnh của khóa học (mở không cần mạng) vào _site/"
	@echo "make app   - mở ứng dụng cho cán bộ (không cần viết mã) tại http://127.0.0.1:8866"
	@echo "make hub   - mở phòng học JupyterHub cho một lớp tại http://127.0.0.1:8000 (cần root; xem docs/phong-hoc.md)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@if [ -f course/jupyterlab/overrides.json ]; then cp course/jupyterlab/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json; fi
	@touch $(STAMP)

setup: $(STAMP)

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Cài gói hệ thống:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Thiếu gói hệ thống:$$missing (một số kiểm thử sẽ bị bỏ qua)"; fi; \
	fi

run: setup
	$(BIN)/python -m khuyenhoc.main_job $(OUT)

test: setup system-deps hub-deps hub-venv
	$(BIN)/python -m pytest -q

# The trainee's folder lop_hoc/ (lessons in bai_giang/, exercises in bai_tap/; existing work is never overwritten)
lab: setup
	$(BIN)/python -m course.jupyterlab.lop_hoc lop_hoc

app: setup
	JUPYTER_PATH=$(CURDIR)/app/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH} $(BIN)/voila app/ung_dung.ipynb --template=khuyenhoc --port 8866 --no-browser --Voila.ip=127.0.0.1

site: setup
	$(BIN)/python -m course.static_site _site

sample-data: setup
	$(BIN)/python -m khuyenhoc.sample.build

# --- the training hall (docs/phong-hoc.md) -------------------------------------------------
# The hall's Python environment is installed from a wheelhouse with --no-index inside a network
# namespace without network (unshare -n): every build proves that the hall installs offline.
HALL_PYTHON ?= /usr/bin/python3
HALL_VENV := hub/.venv
HALL_STAMP := $(HALL_VENV)/.installed
WHEELHOUSE := hub/offline/goi/wheelhouse
PROXY := hub/.proxy/node_modules/.bin/configurable-http-proxy
PROXY_TARBALL := hub/offline/goi/configurable-http-proxy.tar.gz
NO_NET := $$(unshare -n true 2>/dev/null && echo unshare -n)

# The wheelhouse is resolved by the hall's own Python (the system one may be older than ours).
$(WHEELHOUSE)/.done: pyproject.toml
	@test -x $(HALL_VENV)/bin/python || $(HALL_PYTHON) -m venv $(HALL_VENV)
	@mkdir -p $(WHEELHOUSE)
	$(HALL_VENV)/bin/python -m pip wheel -q -w $(WHEELHOUSE) ".[course,hub]" "setuptools>=77" "pip>=23"
	@touch $@

$(HALL_STAMP): $(WHEELHOUSE)/.done
	@test -x $(HALL_VENV)/bin/python || $(HALL_PYTHON) -m venv $(HALL_VENV)
	$(NO_NET) $(HALL_VENV)/bin/python -m pip --isolated install -q --no-index --find-links $(WHEELHOUSE) -e ".[course,hub]"
	@mkdir -p $(HALL_VENV)/share/jupyter/lab/settings
	cp course/jupyterlab/overrides.json $(HALL_VENV)/share/jupyter/lab/settings/overrides.json
	@touch $@

hub-venv: $(HALL_STAMP)

$(PROXY):
	@if [ -f $(PROXY_TARBALL) ]; then mkdir -p hub/.proxy && tar -xzf $(PROXY_TARBALL) -C hub/.proxy; \
	else npm install --prefix hub/.proxy --no-audit --no-fund --loglevel=error configurable-http-proxy@5; fi

hub-deps: system-deps $(PROXY)

hub: hub-deps hub-venv
	@[ "$$(id -u)" = "0" ] || { echo "make hub cần quyền root (tạo tài khoản cho học viên): sudo make hub"; exit 1; }
	$(HALL_VENV)/bin/python -m hub.lop_hoc chuan-bi
	PATH=$(CURDIR)/$(HALL_VENV)/bin:$$PATH $(HALL_VENV)/bin/jupyterhub -f hub/jupyterhub_config.py

hub-offline: hub-venv $(PROXY)
	bash hub/offline/dong-goi.sh

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
