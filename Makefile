# OpsBot: `make run` opens the demo shop in the console; `make test` runs the whole test suite.
# Both install the missing system packages first (apt, with sudo when not root).

SWIFT ?= swift
DB ?= demo.sqlite
APT_PACKAGES := libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev pkg-config
SWIFT_FLAGS := --explicit-target-dependency-import-check error

SWIFT_SOURCES := Sources Tests FuzzTesting/Sources Package.swift FuzzTesting/Package.swift

.PHONY: setup build release run test lint format bench clean screenshots

setup:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
		echo "Installing$$missing"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed: https://www.swift.org/install/linux/"; exit 1; }

build: setup
	$(SWIFT) build $(SWIFT_FLAGS)

run: build
	$$($(SWIFT) build --show-bin-path)/opsbot demo --db $(DB)

test: setup
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build

# The toolchain's swift-format with the repository's .swift-format; CI fails on any finding.
lint:
	$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)

format:
	$(SWIFT) format format --in-place --recursive $(SWIFT_SOURCES)

# Release builds link the Swift runtime and Foundation statically (one self-contained binary: 6 MB less resident
# and a faster start than the shared libraries). The bench needs sqlite3's shell for its import anchor.
RELEASE_FLAGS := -c release --static-swift-stdlib

release: setup
	$(SWIFT) build $(RELEASE_FLAGS)

bench: setup
	@command -v sqlite3 >/dev/null || { sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
		$$sudo apt-get install -y -qq --no-install-recommends sqlite3; }
	$(SWIFT) build $(RELEASE_FLAGS)
	$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/opsbot-bench

clean:
	rm -rf .build

# The README's pictures, made by the code from the demo shop: two charts as chat sends them, and the report
# (its screenshot needs Debian's chromium; without it the HTML is still written).
SHOTS := docs/images
screenshots: build
	@mkdir -p $(SHOTS); bin=$$($(SWIFT) build --show-bin-path); tmp=$$(mktemp -d); db=$$tmp/shop.sqlite; \
	$$bin/opsbot demo --db $$db --today 2026-11-25 </dev/null >/dev/null && \
	$$bin/opsbot ask "chart sales last 30 days" --db $$db --now 2026-11-25T15:00:00Z --out $$tmp >/dev/null && \
	$$bin/opsbot ask "chart staffing last week" --db $$db --now 2026-11-25T15:00:00Z --out $$tmp >/dev/null && \
	mv $$tmp/sales-last-30-days.png $(SHOTS)/chart-sales.png && mv $$tmp/staffing-last-week.png $(SHOTS)/chart-staffing.png && \
	$$bin/opsbot report --period last-month --db $$db --now 2026-11-25T15:00:00Z --out $(SHOTS)/report.html && \
	if command -v chromium >/dev/null; then \
		chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2400 \
			--user-data-dir=$$tmp/profile --screenshot=$(SHOTS)/report.png file://$$PWD/$(SHOTS)/report.html 2>/dev/null; \
	else echo "chromium is not installed (apt install chromium): $(SHOTS)/report.png not made"; fi; \
	rm -rf $$tmp; ls -l $(SHOTS)
