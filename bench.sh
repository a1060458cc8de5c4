#!/usr/bin/env bash
# Weight and Wasm-size benchmark; rewrites docs/benchmarks.md.
source "$(dirname "$0")/scripts/env.sh"
cargo run --quiet --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" --bin bench -- --write "$REPO/docs/benchmarks.md"
