# Sourced by run.sh, test.sh, bench.sh, fuzz.sh, chain.sh (through install.sh) and .ci/run: installs the pinned
# toolchain and sets up the build directories outside the clone.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

# The toolchain named in rust-toolchain.toml (1.91.0 + rust-src + wasm32-unknown-unknown). Installing it explicitly
# works even where rustup's auto-install is off (RUSTUP_AUTO_INSTALL=0).
if ! rustup run 1.91.0 rustc --version >/dev/null 2>&1; then
    echo "== installing the Rust 1.91.0 toolchain named in rust-toolchain.toml (once, about a minute)"
fi
if ! rustup toolchain install >/dev/null 2>&1; then
    rustup toolchain install 1.91.0 --profile minimal --component rust-src,rustfmt,clippy --target wasm32-unknown-unknown
fi

# Builds live outside the clone so a second clone (or CI on the same machine) reuses them.
CACHE="${INFRA_SUITE_CACHE:-$HOME/.cache/infra-suite}"
mkdir -p "$CACHE/contracts-target" "$CACHE/e2e-local-target" "$CACHE/target"
# The clone's target folders are links into this cache. A link left by an earlier run that points elsewhere (another
# INFRA_SUITE_CACHE, a cache since deleted) is pointed here again; a real folder (a plain `cargo build`) is kept.
link_into_cache() {
    if [ -L "$1" ] || [ ! -e "$1" ]; then
        [ "$(readlink "$1" 2>/dev/null)" = "$2" ] || ln -sfn "$2" "$1"
    fi
}
link_into_cache target "$CACHE/contracts-target"
link_into_cache e2e-tests/target "$CACHE/e2e-local-target"
# Contracts whose Wasm does not depend on where the checkout or the toolchain lie (scripts/rustc-stable-ids: the
# crate identities of wasm32 compilations are made of what the crates are, not of their paths). Native compilations
# pass through it unchanged, so nothing native is rebuilt for it. deploy-scripts/deploy.py sets the same for its
# own `cargo contract build`s.
export RUSTC_WRAPPER="$REPO/scripts/rustc-stable-ids"
# One build of ink!, scale and core/alloc for wasm32 (and of the metadata generator's native tree) for every
# contract, instead of one per contract: contract-build gives each contract its own target directory
# (<target>/ink/<crate>), and drink's bundle macro and the shells' build (e2e-tests/src/split.rs) build them one
# after another, so these directories are links to one shared directory. Every artifact in it is named by its crate
# (<crate>.wasm, .json, .contract), so the contracts never overwrite each other. A real directory left by an earlier
# layout is replaced by the link (the build cache only: the next build fills it again).
# The shared directory is named after the rustc wrapper's hash (below): cargo does not see a change of the wrapper,
# so crates compiled through another version of it must never be reused.
share_contract_targets() {
    local ink="$1" crate old
    mkdir -p "$ink/$SHARED_TARGET"
    for crate in "${CONTRACT_CRATES[@]}"; do
        [ -L "$ink/$crate" ] && [ "$(readlink "$ink/$crate")" = "$SHARED_TARGET" ] && continue
        rm -rf "${ink:?}/$crate"
        ln -sfn "$SHARED_TARGET" "$ink/$crate"
    done
    for old in "$ink"/shared "$ink"/shared-*; do
        [ -d "$old" ] && [ "$(basename "$old")" != "$SHARED_TARGET" ] && rm -rf "$old"
    done
    return 0
}
SHARED_TARGET="shared-$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:12])' "$RUSTC_WRAPPER")"
export SHARED_TARGET
CONTRACT_CRATES=()
for manifest in "$REPO"/contracts/*/Cargo.toml; do
    grep -q '^ink-as-dependency' "$manifest" && CONTRACT_CRATES+=("$(basename "$(dirname "$manifest")")")
done
# The full codes (drink's bundle macro), the shells (split.rs), and `cargo contract build` (deploy.py --build,
# reproducible.py) each in their own shared directory: a shell is named like its full code.
share_contract_targets "$CACHE/e2e-local-target/ink"
share_contract_targets "$CACHE/e2e-local-target/ink-split/build/ink"
share_contract_targets "$CACHE/contracts-target/ink"
# No Python bytecode in the clone (deploy-scripts' tests and deploy.py run from it).
export PYTHONDONTWRITEBYTECODE=1
# The app's npm packages, installed again whenever app/package-lock.json differs from what was installed (a stale
# node_modules left by an earlier checkout would otherwise be used as it is).
app_npm_ci() {
    if ! cmp -s "$REPO/app/package-lock.json" "$REPO/app/node_modules/.installed-package-lock.json"; then
        echo "== installing the app's npm packages (npm ci in app/)"
        (cd "$REPO/app" && npm ci --no-audit --no-fund --loglevel=error) \
            && cp "$REPO/app/package-lock.json" "$REPO/app/node_modules/.installed-package-lock.json"
    fi
}
# The drink crate's own target dir. Passed as --target-dir, never as CARGO_TARGET_DIR: the contract builds that
# drink's macro starts must not inherit it (they would wait forever on this build's lock).
E2E_TARGET="$CACHE/target"
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR
export E2E_TARGET REPO
