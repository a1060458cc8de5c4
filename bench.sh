#!/usr/bin/env bash
# Weight and Wasm-size benchmark; rewrites docs/benchmarks.md.
source "$(dirname "$0")/scripts/env.sh"
# The cross-chain legs first: the XCM test network lives in the test binary (its crates are test-only).
legs="$E2E_TARGET/cross-chain-legs.md"
rm -f "$legs"
INFRA_SUITE_LEG_WEIGHTS="$legs" cargo test --quiet --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" \
    --test suite -- --ignored --exact cross_chain_net::the_weight_of_each_leg
cargo run --quiet --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" --bin bench -- \
    --write "$REPO/docs/benchmarks.md" --legs "$legs"
