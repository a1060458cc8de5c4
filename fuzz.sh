#!/usr/bin/env bash
# The suite-wide adversarial harness on many seeds (./test.sh runs it on four fixed seeds).
#
#   ./fuzz.sh [cases]                   that many cases of 200 steps (default 50)
#   ./fuzz.sh --minutes 30              as many cases as fit in 30 minutes
#   ./fuzz.sh --seed 1234 --steps 60    options pass through to e2e-tests/src/bin/fuzz.rs (one case: --cases 1)
#
# Prints every failure with its seed, step and trace, then cases run, steps, calls, typed refusals, invariants
# checked and failures; exits 1 if any case broke a promise.
source "$(dirname "$0")/scripts/env.sh"
args=("$@")
if [ $# -eq 0 ]; then
    args=(--cases 50)
elif [[ "$1" =~ ^[0-9]+$ ]]; then
    args=(--cases "$1" "${@:2}")
fi
cargo run --quiet --manifest-path e2e-tests/Cargo.toml --target-dir "$E2E_TARGET" --bin fuzz -- "${args[@]}"
