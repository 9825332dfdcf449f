# Talents du numérique de l'État — build, run and test.
# `make run` and `make test` do all the set-up (scripts/install-tools.sh is idempotent).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

DSFR := node_modules/@gouvfr/dsfr/dist
# Where the server serves the DSFR's fonts and icons (app::DSFR_BASE, which names the version).
DSFR_URL = $(shell sed -n 's/^pub const DSFR_BASE: &str = "\(.*\)";/\1/p' app/src/lib.rs)
DIST := dist
DATABASE_URL ?= sqlite://data/talents.sqlite3
PORT ?= 3000
E2E_PORT ?= 3901
CONTRACT_PORT ?= 3902

.PHONY: run test build tools wasm assets server-release unit matching-check contract e2e soak bench lighthouse lint clean

run: tools build server-release
	./target/release/server --database-url "$(DATABASE_URL)" seed
	./target/release/server --database-url "$(DATABASE_URL)" serve --port $(PORT)

test: tools build
	$(MAKE) unit
	$(MAKE) matching-check
	$(MAKE) contract
	$(MAKE) e2e
	$(MAKE) soak

tools:
	./scripts/install-tools.sh

build: wasm assets

# The hydration bundles are built on the nightly scripts/install-tools.sh pins, with the standard
# library rebuilt to abort on panic without formatting a message or a location: the public
# bundle 1,505,892 → 1,361,815 bytes, 413,303 → 376,666 brotli. A panic in the browser is
# then a bare `unreachable` trap (browser tests fail on any page error). RUSTFLAGS replaces
# .cargo/config.toml's flags, hence erase_components again.
# `make wasm PANIC_MESSAGES=1` (or `make build PANIC_MESSAGES=1`) builds bundles that log a
# panic's message and location in the console instead (frontend's `panic_hook`), and which
# element a hydration mismatch met (tachys' `leptos_debuginfo`), to find
# what crashes; they are larger, never for production.
WASM_TOOLCHAIN = $(shell sed -n 's/^WASM_TOOLCHAIN=//p' scripts/install-tools.sh)
ifeq ($(PANIC_MESSAGES),1)
WASM_RUSTFLAGS = --cfg erase_components --cfg panic_hook --cfg leptos_debuginfo
else
WASM_RUSTFLAGS = --cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none
endif
TRUNK = RUSTUP_TOOLCHAIN=$(WASM_TOOLCHAIN) CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
  RUSTFLAGS="$(WASM_RUSTFLAGS)" trunk

# The hydration bundles and their brotli copies: the public one (dist/pkg/frontend.js +
# frontend_bg.wasm, its chunks and their loader __wasm_split.js: scripts/split-wasm.sh) and the
# signed-in spaces' one, renamed frontend_spaces (app::spaces).
# Trunk empties the directory it builds into, so the spaces bundle is built aside first.
wasm:
	$(TRUNK) build --config Trunk.toml --dist target/trunk-spaces frontend/spaces.html
	$(TRUNK) build --config Trunk.toml
	cp target/trunk-spaces/pkg/frontend.js $(DIST)/pkg/frontend_spaces.js
	cp target/trunk-spaces/pkg/frontend_bg.wasm $(DIST)/pkg/frontend_spaces_bg.wasm
	cp -rn target/trunk-spaces/pkg/snippets/. $(DIST)/pkg/snippets/
	node scripts/precompress.mjs $(DIST)/pkg

# The DSFR fonts and icons under a versioned path; our CSS beside the DSFR components and
# icons the app uses (scripts/dsfr-subset.mjs).
assets:
	rm -rf $(DIST)/dsfr $(DIST)/style
	mkdir -p $(DIST)/dsfr $(DIST)/style
	cp -r $(DSFR)/fonts $(DSFR)/icons $(DSFR)/favicon $(DIST)/dsfr/
	node scripts/dsfr-subset.mjs $(DSFR) $(DIST)/style "$(DSFR_URL)" app/src style
	cp style/*.css $(DIST)/style/
	node scripts/precompress.mjs $(DIST)/dsfr $(DIST)/style

server-release:
	cargo build --release -p server

# Rust tests: unit tests and API tests on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set.
unit:
	cargo test --workspace --exclude frontend

# The Vis mon job matcher against SciPy's linear_sum_assignment on 300 random instances (a new
# seed each run, printed; a failing instance stays in target/matching-check).
matching-check:
	./scripts/python-env.sh
	rm -rf target/matching-check
	seed=$$(date +%s); echo "matching-check seed $$seed"; \
	  cargo run -q -p matching --example export -- random 300 $$seed target/matching-check
	.venv/bin/python benches/scipy_compare.py target/matching-check/*.json

# schemathesis against the served OpenAPI document, on SQLite and PostgreSQL.
contract:
	cargo build -p server
	./scripts/api-contract.sh $(CONTRACT_PORT)

# Browser journey and axe scans against a freshly seeded server (SQLite).
e2e:
	cargo build -p server
	./scripts/e2e.sh $(E2E_PORT)

# Load, kill -9, PostgreSQL outage and three processes on one database (issue 8), ~2 minutes.
soak:
	cargo build -p server
	./scripts/soak.sh

# Figures, not a test: throughput beside a bare axum ceiling at 10k and 100k offers on both
# databases, open-data exports at 1,000,000 offers, and the first-load weight against its budget.
bench: tools build
	./scripts/bench.sh

# Lighthouse 12's mobile scores of five public pages (not part of `make test`).
lighthouse: tools build
	./scripts/lighthouse.sh

lint:
	cargo fmt --all -- --check
	cargo clippy -p shared -p matching -p app -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown --no-default-features --features hydrate,spaces -- -D warnings

clean:
	rm -rf $(DIST) data target/e2e
