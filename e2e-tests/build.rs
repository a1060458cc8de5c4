//! Every contract that drink's bundle macro builds (in `src/lib.rs`, while rustc compiles this crate) goes through
//! `scripts/cargo-locked`: contract-build runs `$CARGO`, and cargo gives rustc its own path there, with which a
//! contract would be resolved afresh instead of from the checkout's Cargo.lock (see that script). The environment
//! set here is rustc's, so the macro's contract-build sees it; the real cargo is handed on for the script to run.
//!
//! (So this crate must never read `env!("CARGO")`: cargo would see the value differ from its own path and rebuild
//! the crate every time.)
use std::path::Path;

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e-tests lies inside the repository");
    let cargo_locked = repo.join("scripts").join("cargo-locked");
    println!("cargo:rustc-env=CARGO={}", cargo_locked.display());
    if let Ok(real) = std::env::var("CARGO") {
        println!("cargo:rustc-env=INFRA_SUITE_REAL_CARGO={real}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    // Another checkout sharing this target directory (scripts/env.sh keeps it in the build cache, and exports the
    // checkout's path as REPO) compiles this crate under the same name: without this, a checkout whose files are
    // older than the other's last build kept the other's script path, and the build failed once that checkout was
    // gone (cargo metadata: not found).
    println!("cargo:rerun-if-env-changed=REPO");
    // Again in another checkout sharing this target directory (scripts/env.sh keeps it in the build cache): the
    // script's path above is this checkout's.
    println!("cargo:rerun-if-changed=../scripts/cargo-locked");
}
