# 基层就业 — build entry points. `make serve` and `make test` are the two README commands.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c

.PHONY: serve test tools lint unit e2e bench bench-ledger bench-platforms fmt

## Build everything (release) and serve at http://127.0.0.1:3000 on ./data/jiceng.db.
serve:
	bash .ci/install-tools.sh
	echo "[serve] building (release): the first build takes about 15 minutes on 2 cores"
	cargo leptos build --release
	echo "[serve] starting; the first start imports 665,271 areas and the demo data"
	LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR=$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} ./target/release/jiceng serve

## Every test: lint, unit and integration (SQLite; Postgres too with TEST_DATABASE_URL), end-to-end in Chromium.
test: tools lint unit e2e

tools:
	bash .ci/install-tools.sh --e2e

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --features app/ssr -- -D warnings

unit:
	if [[ -z "$${TEST_DATABASE_URL:-}" ]]; then echo "[test] TEST_DATABASE_URL not set: Postgres tests are skipped, SQLite only"; fi
	cargo test --workspace --features app/ssr

## End-to-end against the release build: what `make serve` runs (and it shares the build).
e2e:
	cargo leptos build --release
	cd end2end && E2E_SERVER_BIN=target/release/jiceng npx playwright test

## Rerunnable benchmark: area import, search latency/throughput with 100,000 certifications, WASM size.
bench:
	bash .ci/install-tools.sh
	bash .ci/bench.sh

## Ledger lists at city scale on Postgres (400,000 households, about a million people).
bench-ledger:
	bash .ci/install-tools.sh
	bash .ci/bench-ledger.sh

## Coverage statistics at national scale on Postgres (665,271 areas, Guangdong's registry filled).
bench-platforms:
	bash .ci/install-tools.sh
	bash .ci/bench-platforms.sh

fmt:
	cargo fmt --all
