#!/usr/bin/env bash
# The main job: builds the contracts, deploys them on drink's in-process chain, walks a project's life and prints
# a report (also written as JSON to target/scenario-report.json).
source "$(dirname "$0")/scripts/env.sh"
mkdir -p "$REPO/target"
cargo run --quiet --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" --bin scenario -- \
    --json "$REPO/target/scenario-report.json" "$@"
