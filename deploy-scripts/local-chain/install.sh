#!/usr/bin/env bash
# Installs what a local chain and a deployment need, into the build cache outside the clone (scripts/env.sh):
#   $CACHE/tools/bin/cargo-contract   cargo-contract 5.0.3                      (~14 min once, from crates.io)
#   $CACHE/runtime/runtime.wasm       contracts-parachain-runtime 0.42 as Wasm  (~6 min once, from crates.io)
#   $CACHE/chopsticks                 @acala-network/chopsticks 1.5.1           (~3 min once, from npm)
#   $CACHE/runtime/genesis.json       the genesis state, made by the runtime itself (seconds)
# Each part is skipped when already there. Sourced by ../../chain.sh; run it alone to prepare a machine.
set -euo pipefail
# shellcheck source=../../scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
HERE="$REPO/deploy-scripts/local-chain"
TOOLS="$CACHE/tools"
RUNTIME_DIR="$CACHE/runtime"
CHOPSTICKS_HOME="$CACHE/chopsticks"
export PATH="$TOOLS/bin:$PATH" CHOPSTICKS_HOME

step() { echo "== $*"; }

if ! cargo contract --version 2>/dev/null | grep -q "5\.0\.3"; then
    step "installing cargo-contract 5.0.3 into $TOOLS (once; a long build)"
    t0=$(date +%s)
    cargo install cargo-contract --version 5.0.3 --locked --root "$TOOLS"
    echo "cargo-contract installed in $(( $(date +%s) - t0 )) s"
fi

# The runtime is rebuilt only when its recipe (Cargo.toml/Cargo.lock/lib.rs here) changes.
recipe=$(cat "$HERE/runtime/Cargo.toml" "$HERE/runtime/Cargo.lock" "$HERE/runtime/src/lib.rs" | sha256sum | cut -c1-16)
if [ ! -f "$RUNTIME_DIR/runtime.wasm" ] || [ "$(cat "$RUNTIME_DIR/recipe" 2>/dev/null)" != "$recipe" ]; then
    step "building the contracts-parachain-runtime 0.42 Wasm (once)"
    t0=$(date +%s)
    mkdir -p "$RUNTIME_DIR"
    # What substrate-wasm-builder does for a runtime: MVP Wasm only (the executors reject newer features), the
    # standard library rebuilt the same way, the runtime's cfg, memory imported and the heap base exported.
    RUSTC_BOOTSTRAP=1 \
    RUSTFLAGS="-C target-cpu=mvp -C target-feature=-sign-ext -C link-arg=--export-table -Clink-arg=--export=__heap_base -C link-arg=--import-memory --cfg substrate_runtime" \
        cargo rustc --locked --release --target=wasm32-unknown-unknown -Z build-std \
        --manifest-path "$HERE/runtime/Cargo.toml" --target-dir "$RUNTIME_DIR/target"
    cp "$RUNTIME_DIR/target/wasm32-unknown-unknown/release/local_chain_runtime.wasm" "$RUNTIME_DIR/runtime.wasm"
    rm -f "$RUNTIME_DIR/genesis.json"
    echo "$recipe" > "$RUNTIME_DIR/recipe"
    echo "runtime built in $(( $(date +%s) - t0 )) s"
fi

if ! cmp -s "$HERE/package-lock.json" "$CHOPSTICKS_HOME/package-lock.json" \
    || [ ! -d "$CHOPSTICKS_HOME/node_modules/@acala-network/chopsticks" ]; then
    step "installing chopsticks 1.5.1 into $CHOPSTICKS_HOME (once)"
    command -v npm >/dev/null || { echo "error: npm (Node.js 20+) is needed to run the local chain" >&2; exit 1; }
    mkdir -p "$CHOPSTICKS_HOME"
    cp "$HERE/package.json" "$HERE/package-lock.json" "$CHOPSTICKS_HOME/"
    (cd "$CHOPSTICKS_HOME" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -f "$RUNTIME_DIR/genesis.json" ]; then
    step "making the genesis state"
    node "$HERE/chain.cjs" genesis "$RUNTIME_DIR/runtime.wasm" "$RUNTIME_DIR/genesis.json"
fi
export RUNTIME_DIR TOOLS

# deploy.py's artifact arguments, as the array ARTIFACT_ARGS: the bundles the drink tests built (same
# contract-build, release) when every contract's bundle is there and none is older than a source of the contracts
# (a bundle left by an earlier run of other sources, or an interrupted build, is never deployed), otherwise a
# `cargo contract build --release` of the seven contracts into target/ink.
artifact_args() {
    local dir="$REPO/e2e-tests/target/ink" crate fresh=1
    for crate in compliance_registry project_token crowdfund_escrow usage_pass dividend_distributor iot_oracle governor; do
        local bundle="$dir/$crate/$crate.contract"
        if [ ! -f "$bundle" ] || [ -n "$(find "$REPO/contracts" "$REPO/Cargo.toml" "$REPO/Cargo.lock" \
                "$REPO/scripts/cargo-locked" "$REPO/scripts/rustc-stable-ids" -newer "$bundle" \
                \( -name '*.rs' -o -name '*.toml' -o -name '*.lock' -o -name 'cargo-locked' -o -name 'rustc-stable-ids' \) \
                -print -quit)" ]; then
            fresh=0
        fi
    done
    if [ "$fresh" = 1 ]; then
        ARTIFACT_ARGS=(--artifacts "$dir")
    else
        ARTIFACT_ARGS=(--build --artifacts "$REPO/target/ink")
    fi
}
