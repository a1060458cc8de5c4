#!/usr/bin/env bash
# Runs every test: native unit and property tests of the contracts, the drink and in-process ink_e2e tests on the
# real Wasm, and the deployment script's unit tests. (The real-chain run is ./chain.sh.)
source "$(dirname "$0")/scripts/env.sh"
echo "== formatting (cargo fmt --check, contracts and e2e-tests) =="
cargo fmt --all -- --check
(cd e2e-tests && cargo fmt --all -- --check)
echo "== module graph (no import cycles; errors.rs and events.rs import only types.rs) =="
python3 scripts/module_graph.py
echo "== native unit and property tests (cargo test --workspace) =="
python3 scripts/progress.py -- cargo test --workspace
echo "== drink tests on the real Wasm (builds the contracts with contract-build 5) =="
# Every file of e2e-tests/tests is a module of the one test binary (tests/suite.rs, autotests = false): a file not
# listed there would never run, so it fails here instead.
for file in e2e-tests/tests/*.rs; do
    module=$(basename "$file" .rs)
    [ "$module" = suite ] || grep -q "^mod $module;" e2e-tests/tests/suite.rs \
        || { echo "error: e2e-tests/tests/$module.rs is not a module of tests/suite.rs: its tests would never run" >&2; exit 1; }
done
# With a node configured for ink_e2e (CONTRACTS_NODE binary or CONTRACTS_NODE_URL), its node-backed tests join in.
features=()
if [ -n "${CONTRACTS_NODE:-}${CONTRACTS_NODE_URL:-}" ]; then
    echo "(node-backed ink_e2e tests included: ${CONTRACTS_NODE_URL:-$CONTRACTS_NODE})"
    features=(--features node-tests)
fi
# Every checkout (and every contract change) builds its own copy of each drink test binary (about 45 MB each, with
# line tables only: e2e-tests/Cargo.toml; 700 MB with full debug info, which filled a shared CI disk once). Keep
# only the newest of each, before the build and after it, so repeated runs (CI on one machine) do not pile up.
prune_test_binaries() {
    local deps="$E2E_TARGET/debug/deps"
    [ -d "$deps" ] || return 0
    # shellcheck disable=SC2012 # names are plain: crate-hash
    { ls -t "$deps" | grep -E '^[a-z_0-9]+-[0-9a-f]{16}$' || true; } | awk -F- 'seen[$1]++' | while read -r stale; do
        rm -f "${deps:?}/$stale" "${deps:?}/$stale.d"
    done
}
prune_test_binaries
# (`--tests`: the crate has no doctests. The ink_e2e tests run on the release Wasm this build makes, so nothing is
# built again when they start.)
python3 scripts/progress.py -- \
    cargo test --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" "${features[@]}" --tests
echo "== deploy-scripts unit tests (python3 -m unittest) =="
# The rendering test checks deploy.py's arguments against the metadata the drink build above wrote: required here.
INFRA_SUITE_REQUIRE_METADATA=1 python3 -m unittest discover -s deploy-scripts
prune_test_binaries
