#!/usr/bin/env bash
# tagit's one build script. Idempotent: installs what a fresh machine lacks, then builds.
#
#   ./build.sh          build the wasm package into pkg/
#   ./build.sh serve    build, then serve the demo at http://127.0.0.1:8080/ (and, annotated
#                       at publish time, at /ahead/)
#   ./build.sh test     every test: fmt, clippy (native + wasm), cargo test, browser tests
#                       (Chromium and Firefox),
#                       end-to-end tests
#   ./build.sh fuzz [s] each fuzz target (fuzz/) for s seconds (default 60)
#   ./build.sh python   build the Python wheel (python/dist/), install it in python/.venv, pytest
set -euo pipefail
cd "$(dirname "$0")"

export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
PORT="${PORT:-8080}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: Chromium and its driver, and Firefox ESR, for the browser tests (two
# engines). (Not Debian's binaryen: its wasm-opt 108 corrupts the externref table
# wasm-bindgen emits; see ensure_node_deps.)
ensure_apt() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null ||
      { as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
  fi
}

# The wasm-bindgen CLI must be exactly the version the crate links, or the generated JS
# and the wasm disagree.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust_tools() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    { log "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
  local want; want="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    log "installing wasm-bindgen-cli $want"
    # --locked first; some registry mirrors lack a locked dependency, then resolve afresh.
    cargo install -q wasm-bindgen-cli --version "$want" --locked --force ||
      cargo install -q wasm-bindgen-cli --version "$want" --force
  fi
  command -v wasm-pack >/dev/null || { log "installing wasm-pack"; cargo install -q wasm-pack; }
  # Firefox's WebDriver server, from crates.io (same --locked fallback as above).
  command -v geckodriver >/dev/null || { log "installing geckodriver"; cargo install -q geckodriver --locked ||
    cargo install -q geckodriver; }
}

# npm packages, pinned by their lock files: binaryen's wasm-opt for the build (tools/), and
# for the end-to-end tests (tests/e2e/) playwright-core and puppeteer-core (drivers for
# Debian's Chromium and Firefox, never a downloaded browser), React and Preact (framework
# pages) and axe-core (accessibility audits). Installed again when the lock file changes.
ensure_node_deps() {
  local dir
  for dir in "$@"; do
    if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.tagit-lock.json"; then
      log "installing $dir's npm packages (npm ci)"
      (cd "$dir" && npm ci --no-audit --no-fund --silent && cp package-lock.json node_modules/.tagit-lock.json)
    fi
  done
}

build() {
  ensure_apt
  ensure_rust_tools
  ensure_node_deps tools
  log "building pkg/ (wasm-pack, release)"
  wasm-pack --log-level warn build --target web --release
  log "optimising pkg/tagit_bg.wasm (wasm-opt -O)"
  tools/node_modules/.bin/wasm-opt -O pkg/tagit_bg.wasm -o pkg/tagit_bg.wasm.opt
  mv pkg/tagit_bg.wasm.opt pkg/tagit_bg.wasm
}

# The Python bindings (python/): a venv in python/.venv with maturin and pytest from PyPI,
# pinned (installed again when the pins change), the wheel built into python/dist/ (cargo
# keeps python/target/ between runs, so a rebuild compiles only what changed), installed in
# the venv and tested with pytest.
PYTHON_TOOLS="maturin==1.16.0 pytest==9.2.0"
run_python() {
  local venv=python/.venv
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    log "installing python3-venv (apt)"
    as_root apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null
  fi
  [ -x "$venv/bin/python" ] || { log "creating $venv"; python3 -m venv "$venv"; }
  if [ "$(cat "$venv/.tagit-tools" 2>/dev/null)" != "$PYTHON_TOOLS" ]; then
    log "installing $PYTHON_TOOLS into $venv (pip)"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install -q --disable-pip-version-check $PYTHON_TOOLS
    echo "$PYTHON_TOOLS" >"$venv/.tagit-tools"
  fi
  log "building the Python wheel (maturin, release)"
  rm -f python/dist/*.whl
  "$venv/bin/maturin" build -q --release -m python/Cargo.toml -i "$venv/bin/python" --out python/dist
  "$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps python/dist/*.whl
  log "pytest (python/tests)"
  (cd python && .venv/bin/pytest -q)
}

run_tests() {
  build
  ensure_node_deps tests/e2e
  log "rustfmt"
  cargo fmt --check
  cargo fmt --check --manifest-path python/Cargo.toml
  log "clippy (native and wasm32)"
  cargo clippy -q --all-targets -- -D warnings
  cargo clippy -q --target wasm32-unknown-unknown --lib -- -D warnings
  log "cargo test"
  cargo test -q --release
  run_python
  log "browser tests of the wasm layer (headless Chromium, then headless Firefox)"
  env -u GECKODRIVER wasm-pack test --headless --chrome --release
  # GECKODRIVER on this line only: exported script-wide it would win over CHROMEDRIVER in
  # wasm-bindgen-test-runner and the Chromium run above would silently run in Firefox.
  GECKODRIVER="$(command -v geckodriver)" wasm-pack test --headless --firefox --release
  log "transfer-size budget"
  tests/size_budget.sh
  if [ -d tests/e2e ]; then
    log "end-to-end tests (headless Chromium; the living-page tests in Firefox too)"
    node --test tests/e2e/
  fi
  log "all tests passed"
}

# Fuzzing: cargo-fuzz (libFuzzer + AddressSanitizer). Only stable Rust is available, so
# RUSTC_BOOTSTRAP=1 lets it pass the -Z sanitizer flags. Each target runs for a bounded time
# from the committed seeds (fuzz/seeds/) plus the corpus of earlier runs (fuzz/corpus/, not
# committed); a crash leaves its input in fuzz/artifacts/<target>/ and fails the command.
run_fuzz() {
  local seconds="${1:-60}" failed=() target out
  command -v cargo-fuzz >/dev/null || { log "installing cargo-fuzz"; cargo install -q cargo-fuzz --locked; }
  for target in annotate dates dictionary; do
    mkdir -p "fuzz/corpus/$target"
    log "fuzzing $target for ${seconds}s"
    out="$(mktemp)"
    if RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz -O "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -dict=fuzz/dates.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 >"$out" 2>&1; then
      log "$target: $(awk '/number_of_executed_units/ {print $2}' "$out") executions, no crash"
    else
      tail -40 "$out" >&2
      log "$target: CRASH, input in fuzz/artifacts/$target/ (turn it into a regression test in tests/)"
      failed+=("$target")
    fi
    rm -f "$out"
  done
  [ ${#failed[@]} -eq 0 ] || { echo "fuzz targets failed: ${failed[*]}" >&2; exit 1; }
}

case "${1:-build}" in
  build) build ;;
  serve)
    build
    # The same demo annotated at publish time (docs/publish-time.md), next to it.
    log "annotating the demo ahead (tagit annotate --html) into www/ahead/"
    cargo build -q --release --bin tagit
    mkdir -p www/ahead
    sed 's|<head>|<head>\n  <base href="../">|' www/index.html \
      | target/release/tagit annotate --html --target '#article-body' --dct 2025-03-11 >www/ahead/index.html
    log "serving the demo at http://127.0.0.1:$PORT/ (annotated ahead: http://127.0.0.1:$PORT/ahead/)"
    exec node www/serve.mjs "$PORT"
    ;;
  test) run_tests ;;
  fuzz) run_fuzz "${2:-60}" ;;
  python) run_python ;;
  *) echo "usage: $0 [build|serve|test|fuzz [seconds]|python]" >&2; exit 2 ;;
esac
