# Sourced by run.sh, test.sh, bench.sh, fuzz.sh, chain.sh (through install.sh) and .ci/run: installs the pinned
# toolchain and sets up the build directories outside the clone.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

# The toolchain named in rust-toolchain.toml (1.91.0 + rust-src + wasm32-unknown-unknown). Installing it explicitly
# works even where rustup's auto-install is off (RUSTUP_AUTO_INSTALL=0).
if ! rustup toolchain install >/dev/null 2>&1; then
    rustup toolchain install 1.91.0 --profile minimal --component rust-src,rustfmt,clippy --target wasm32-unknown-unknown
fi

# Builds live outside the clone so a second clone (or CI on the same machine) reuses them.
CACHE="${INFRA_SUITE_CACHE:-$HOME/.cache/infra-suite}"
mkdir -p "$CACHE/contracts-target" "$CACHE/e2e-local-target" "$CACHE/target"
[ -e target ] || ln -s "$CACHE/contracts-target" target
[ -e e2e-tests/target ] || ln -s "$CACHE/e2e-local-target" e2e-tests/target
# The drink crate's own target dir. Passed as --target-dir, never as CARGO_TARGET_DIR: the contract builds that
# drink's macro starts must not inherit it (they would wait forever on this build's lock).
E2E_TARGET="$CACHE/target"
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR
export E2E_TARGET REPO
