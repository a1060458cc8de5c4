//! Every contract that drink's bundle macro builds (in `src/lib.rs`, while rustc compiles this crate) goes through
//! `scripts/cargo-locked`: contract-build runs `$CARGO`, and cargo gives rustc its own path there, with which a
//! contract would be resolved afresh instead of from the checkout's Cargo.lock (see that script). The environment
//! set here is rustc's, so the macro's contract-build sees it; the real cargo is handed on for the script to run.
//!
//! (So this crate must never read `env!("CARGO")`: cargo would see the value differ from its own path and rebuild
//! the crate every time.)
use std::path::Path;

fn main() {
    // The checkout this build runs for, read when the script runs (cargo sets it then): the value compiled into
    // the script would be that of the checkout that compiled it first, when several share a target directory.
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let repo = Path::new(&manifest_dir)
        .parent()
        .expect("e2e-tests lies inside the repository");
    let cargo_locked = repo.join("scripts").join("cargo-locked");
    println!("cargo:rustc-env=CARGO={}", cargo_locked.display());
    if let Ok(real) = std::env::var("CARGO") {
        println!("cargo:rustc-env=INFRA_SUITE_REAL_CARGO={real}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    // Another checkout sharing this target directory (scripts/env.sh keeps it in the build cache, and exports the
    // checkout's path as REPO) builds this crate under the same name: without this, a checkout whose files are
    // older than the other's last build kept the other's script path, and the build failed once that checkout was
    // gone (cargo metadata: not found). Switching checkouts then runs this script again, and the crate is compiled
    // again with its own path (as it must be: the path is in its environment).
    println!("cargo:rerun-if-env-changed=REPO");
    // Again in another checkout sharing this target directory (scripts/env.sh keeps it in the build cache): the
    // script's path above is this checkout's.
    println!("cargo:rerun-if-changed=../scripts/cargo-locked");
}
