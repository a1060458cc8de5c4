#!/usr/bin/env bash
# Runs every test: native unit and property tests of the contracts, then the drink tests on the real Wasm.
source "$(dirname "$0")/scripts/env.sh"
echo "== native unit and property tests (cargo test --workspace) =="
cargo test --workspace
echo "== drink tests on the real Wasm (builds the contracts with contract-build 5) =="
cargo test --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET"
