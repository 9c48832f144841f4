# 基层就业 — build entry points. `make serve` and `make test` are the two README commands.
# Builds go to $CARGO_TARGET_DIR (default target/); .ci/run uses a keyed cache outside the clone.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

.PHONY: serve build test tools lint unit e2e bench bench-file bench-replica bench-ledger bench-platforms bench-kpi fmt

## Build everything (release) and serve at http://127.0.0.1:3000 on ./data/jiceng.db.
serve: build
	echo "[serve] starting; the first start imports 665,271 areas and the demo data"
	LEPTOS_SITE_ROOT=$(TARGET_DIR)/site LEPTOS_SITE_ADDR=$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} $(TARGET_DIR)/release/jiceng serve

## The release build: the server and the content-hashed, precompressed browser bundle.
build:
	bash .ci/install-tools.sh
	echo "[build] release build: about 15 minutes the first time on 2 cores"
	bash .ci/build-site.sh

## Every test: lint, unit and integration (SQLite; Postgres too with TEST_DATABASE_URL), the
## release build, end-to-end in Chromium; prints the time of each stage at the end.
test:
	bash .ci/test.sh

tools:
	bash .ci/test.sh tools

lint:
	bash .ci/test.sh lint

unit:
	bash .ci/test.sh unit

## End-to-end against the release build: what `make serve` runs (and it shares the build).
e2e:
	bash .ci/test.sh tools build e2e

## Rerunnable benchmark: area import, search latency/throughput with 100,000 certifications, WASM size.
bench:
	bash .ci/install-tools.sh
	bash .ci/bench.sh

## A community's certification file (about 7,300 people) on SQLite and Postgres.
bench-file:
	bash .ci/install-tools.sh
	bash .ci/bench-file.sh

## The public registry served from a Postgres streaming replica (two throw-away clusters).
bench-replica:
	bash .ci/install-tools.sh
	bash .ci/bench-replica.sh

## Ledger lists at city scale on Postgres (400,000 households, about a million people).
bench-ledger:
	bash .ci/install-tools.sh
	bash .ci/bench-ledger.sh

## Coverage statistics at national scale on SQLite and Postgres (665,271 areas, Guangdong's registry filled).
bench-platforms:
	bash .ci/install-tools.sh
	bash .ci/bench-platforms.sh

## Performance dashboards and assessments at city scale on Postgres (400,000 households with
## two years of visits and assistance files; the roll-ups counted, verified and read).
bench-kpi:
	bash .ci/install-tools.sh
	bash .ci/bench-kpi.sh

fmt:
	cargo fmt --all
