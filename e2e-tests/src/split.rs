//! The split contracts' shells (see `suite_traits::split`): built here, with `contract-build` (the library behind
//! `cargo contract build`), from the full code that drink's bundle macro built.
//!
//! A shell embeds its full code's hash, so it is built after the full code, from the same source with
//! `--features hot-shell`. It is kept in `target/ink-split/<crate>/` under a key made of the full code's hash and
//! the shell's sources: a later run reuses it until either changes, and a change rebuilds it (about 40 s).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use drink::session::ContractBundle;

/// A split contract as the suite deploys it: the shell's Wasm with the full code's metadata (every selector is
/// the same), and the full code that must be on chain before the shell is instantiated.
#[derive(Clone)]
pub struct SplitBundle {
    /// Deploy this: the shell's Wasm, the full code's transcoder.
    pub shell: ContractBundle,
    /// Upload this first: the full code the shell delegates to (its hash is compiled into the shell).
    pub full_code: Vec<u8>,
}

impl SplitBundle {
    /// The full code as a contract on its own (every message; for comparing it with the split deployment).
    pub fn full(&self) -> ContractBundle {
        ContractBundle {
            wasm: self.full_code.clone(),
            transcoder: self.shell.transcoder.clone(),
        }
    }
}

/// The 32-byte code hash pallet-contracts gives a Wasm blob (BLAKE2b-256).
pub fn code_hash(wasm: &[u8]) -> [u8; 32] {
    use blake2::digest::{consts::U32, Digest};
    let mut hasher = blake2::Blake2b::<U32>::new();
    hasher.update(wasm);
    hasher.finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Which contracts are split, where their sources are, and the variable their shell reads the hash from.
struct SplitCrate {
    name: &'static str,
    hash_variable: &'static str,
}

const TOKEN: SplitCrate = SplitCrate {
    name: "project_token",
    hash_variable: "PROJECT_TOKEN_FULL_CODE_HASH",
};

fn contracts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts")
}

/// The key a shell is kept under: the full code's hash and every source file the shell is compiled from.
fn shell_key(krate: &SplitCrate, full_hash: &[u8; 32]) -> String {
    let root = contracts_dir().join("..");
    let mut files = vec![root.join("Cargo.toml"), root.join("rust-toolchain.toml")];
    for dir in [
        contracts_dir().join(krate.name),
        contracts_dir().join("suite-traits"),
    ] {
        collect_sources(&dir, &mut files);
    }
    files.sort();
    let mut material = full_hash.to_vec();
    for file in files {
        material.extend_from_slice(file.to_string_lossy().as_bytes());
        material.extend_from_slice(&std::fs::read(&file).unwrap_or_default());
    }
    hex(&code_hash(&material))
}

fn collect_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                collect_sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs" || e == "toml") {
            out.push(path);
        }
    }
}

/// Where shells are built and kept by default: `e2e-tests/target/ink-split` (the build cache, outside the clone).
fn default_split_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ink-split")
}

fn build_shell(krate: &SplitCrate, full_hash: &[u8; 32]) -> Vec<u8> {
    build_shell_in(&default_split_root(), krate, full_hash)
}

/// Builds (or reuses) `krate`'s shell under `root`: the shell is kept in `root/<crate>/`, built in `root/build/`.
/// Every directory is created here, whatever `root` holds already: on a fresh machine it holds nothing (a run
/// that found `root/<crate>` missing once failed only there, after the whole build).
fn build_shell_in(root: &Path, krate: &SplitCrate, full_hash: &[u8; 32]) -> Vec<u8> {
    use contract_build::{
        BuildArtifacts, BuildMode, ExecuteArgs, Features, ManifestPath, OutputType, Verbosity,
    };
    let out_dir = root.join(krate.name);
    let key = shell_key(krate, full_hash);
    let kept = out_dir.join(format!("{}.{key}.wasm", krate.name));
    if let Ok(wasm) = std::fs::read(&kept) {
        return wasm;
    }
    // The shells' own target directory, one for every split crate (a whole cargo target each would cost
    // gigabytes apiece): the full code's build must not be overwritten by a build with other features, and the
    // hash reaches the shell's source through the environment of the cargo it runs (rustc tracks it, so a shell
    // rebuilds when its hash changes). (Set for the child cargo, then put back as they were: `test.sh` sets
    // CARGO_TARGET_DIR for the ink_e2e tests.)
    // Never silent for long: a shell build from nothing takes a minute or more.
    eprintln!(
        "building the {} shell over its full code {} (once; kept in {})",
        krate.name,
        &hex(full_hash)[..16],
        out_dir.display()
    );
    let shared_build = root.join("build");
    std::fs::create_dir_all(&out_dir)
        .unwrap_or_else(|e| panic!("creating {}: {e}", out_dir.display()));
    share_clippy_directory(&shared_build);
    let saved_target_dir = std::env::var_os("CARGO_TARGET_DIR");
    std::env::set_var("CARGO_TARGET_DIR", &shared_build);
    // From the checkout's Cargo.lock, like the full codes (`scripts/cargo-locked`; see `build.rs`): contract-build
    // runs `$CARGO`, which cargo set to itself for this test process.
    let saved_cargo = std::env::var_os("CARGO");
    if let Some(real) = &saved_cargo {
        std::env::set_var("INFRA_SUITE_REAL_CARGO", real);
    }
    std::env::set_var(
        "CARGO",
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/cargo-locked"),
    );
    std::env::set_var(krate.hash_variable, hex(full_hash));
    let mut features = Features::default();
    features.push("hot-shell");
    let manifest = ManifestPath::new(contracts_dir().join(krate.name).join("Cargo.toml"))
        .expect("the split crate's manifest");
    let result = contract_build::execute(ExecuteArgs {
        manifest_path: manifest,
        verbosity: Verbosity::Quiet,
        build_mode: BuildMode::Release,
        features,
        build_artifact: BuildArtifacts::CodeOnly,
        output_type: OutputType::HumanReadable,
        ..Default::default()
    });
    match saved_target_dir {
        Some(dir) => std::env::set_var("CARGO_TARGET_DIR", dir),
        None => std::env::remove_var("CARGO_TARGET_DIR"),
    }
    match saved_cargo {
        Some(cargo) => std::env::set_var("CARGO", cargo),
        None => std::env::remove_var("CARGO"),
    }
    std::env::remove_var("INFRA_SUITE_REAL_CARGO");
    std::env::remove_var(krate.hash_variable);
    let result =
        result.unwrap_or_else(|e| panic!("building the {} shell failed: {e:?}", krate.name));
    let built = result.dest_wasm.expect("a code-only build writes the Wasm");
    let wasm = std::fs::read(&built).expect("the shell's Wasm");
    assert!(
        wasm.windows(32).any(|w| w == full_hash),
        "the {} shell does not carry its full code's hash",
        krate.name
    );
    // Older shells of this crate are of no further use.
    if let Ok(entries) = std::fs::read_dir(&out_dir) {
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "wasm") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    std::fs::write(&kept, &wasm)
        .unwrap_or_else(|e| panic!("keeping the shell in {}: {e}", kept.display()));
    wasm
}

/// contract-build runs clippy on the host before every build, in `<target>/debug`. A shell's build checks the same
/// native tree (ink!, scale and their dependencies with `std`) as the full codes' builds, which check it in the
/// contracts' workspace target (`target/debug`, a link into the build cache); `build/debug` is made a link to it,
/// so the tree is checked once (measured: about a minute of a cold `./run.sh`). A real directory already there (an
/// earlier layout's) is kept; a link elsewhere, or to a path that no longer exists, is pointed here again. Outside
/// `scripts/env.sh`'s layout nothing is linked.
fn share_clippy_directory(build: &Path) {
    let own = build.join("debug");
    if own.exists() && !own.is_symlink() {
        return;
    }
    let workspace_target = contracts_dir().join("../target");
    // Only the layout of `scripts/env.sh`, where `target` is a link into the build cache: a checkout's own
    // `target` directory goes away with the checkout, and the shells' build directory (in the cache) must never
    // point into it.
    if !workspace_target.is_symlink() {
        return;
    }
    let workspace = workspace_target.join("debug");
    for dir in [&workspace, &build.to_path_buf()] {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    }
    // The cache's own path, not this checkout's link to it: the build directory outlives the checkout (CI's
    // clone is removed after its run).
    let workspace = workspace
        .canonicalize()
        .unwrap_or_else(|e| panic!("resolving {}: {e}", workspace.display()));
    if own.exists() && std::fs::read_link(&own).is_ok_and(|to| to == workspace) {
        return;
    }
    // Made under a name of this process's own, then renamed over whatever link was there, in one step: two
    // processes sharing the cache never see the link missing or half made.
    let fresh = build.join(format!("debug.link-{}", std::process::id()));
    let _ = std::fs::remove_file(&fresh);
    std::os::unix::fs::symlink(&workspace, &fresh).unwrap_or_else(|e| {
        panic!(
            "linking {} to {}: {e}",
            fresh.display(),
            workspace.display()
        )
    });
    std::fs::rename(&fresh, &own)
        .unwrap_or_else(|e| panic!("moving {} to {}: {e}", fresh.display(), own.display()));
}

/// The iot_oracle's shell over the full code `full_wasm`, built or reused under `root` exactly as the suite does
/// under `target/ink-split`, and the file it is kept in. For the fresh-machine test in `tests/split_contracts.rs`,
/// which gives it an empty directory.
pub fn oracle_shell_in(root: &Path, full_wasm: &[u8]) -> (Vec<u8>, PathBuf) {
    let _one_build_at_a_time = one_build_at_a_time();
    let full_hash = code_hash(full_wasm);
    let wasm = build_shell_in(root, &ORACLE, &full_hash);
    let kept = root.join(ORACLE.name).join(format!(
        "{}.{}.wasm",
        ORACLE.name,
        shell_key(&ORACLE, &full_hash)
    ));
    (wasm, kept)
}

/// Lets a shell build under `root` reuse the wasm32 dependencies (ink!, scale, core and alloc) of the suite's own
/// shell builds: `root/build/ink/iot_oracle` becomes a link to the shared directory `scripts/env.sh` links every
/// crate of `target/ink-split/build/ink` to, so the build compiles the oracle alone instead of its whole tree (a
/// few minutes of every `./test.sh`). (Its clippy check shares the suite's directory as every shell build does:
/// `share_clippy_directory`; from an empty directory it took 95 s of every `./test.sh`.) Where the shell is kept
/// (`root/iot_oracle/`) stays to be created by the build.
/// Returns false, doing nothing, outside `scripts/env.sh` (no `SHARED_TARGET`): the build then starts from nothing.
pub fn reuse_compiled_dependencies(root: &Path) -> bool {
    let Ok(shared) = std::env::var("SHARED_TARGET") else {
        return false;
    };
    let source = default_split_root().join("build").join("ink").join(shared);
    if !source.is_dir() {
        return false;
    }
    let ink = root.join("build").join("ink");
    std::fs::create_dir_all(&ink).unwrap_or_else(|e| panic!("creating {}: {e}", ink.display()));
    std::os::unix::fs::symlink(&source, ink.join(ORACLE.name))
        .unwrap_or_else(|e| panic!("linking {} to {}: {e}", ink.display(), source.display()));
    true
}

/// Shell builds set process-wide variables for their child cargo: one at a time in a process.
fn one_build_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static BUILDING: Mutex<()> = Mutex::new(());
    BUILDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

const REGISTRY: SplitCrate = SplitCrate {
    name: "compliance_registry",
    hash_variable: "COMPLIANCE_REGISTRY_FULL_CODE_HASH",
};

const DISTRIBUTOR: SplitCrate = SplitCrate {
    name: "dividend_distributor",
    hash_variable: "DIVIDEND_DISTRIBUTOR_FULL_CODE_HASH",
};

const ORACLE: SplitCrate = SplitCrate {
    name: "iot_oracle",
    hash_variable: "IOT_ORACLE_FULL_CODE_HASH",
};

const PASS: SplitCrate = SplitCrate {
    name: "usage_pass",
    hash_variable: "USAGE_PASS_FULL_CODE_HASH",
};

const GOVERNOR: SplitCrate = SplitCrate {
    name: "governor",
    hash_variable: "GOVERNOR_FULL_CODE_HASH",
};

type Slot = OnceLock<Mutex<Option<SplitBundle>>>;

/// The split bundle of `krate` over the full code `full`, built once per process (the lock also keeps two shell
/// builds, which share the process environment, from running at once).
fn split_bundle(
    slot: &'static Slot,
    krate: &SplitCrate,
    full: crate::BundleProvider,
) -> SplitBundle {
    let _one_build_at_a_time = one_build_at_a_time();
    let mut built = slot
        .get_or_init(|| Mutex::new(None))
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(bundle) = built.as_ref() {
        return bundle.clone();
    }
    let full = full.cached().expect("the full code's bundle");
    let shell = build_shell(krate, &code_hash(&full.wasm));
    let bundle = SplitBundle {
        shell: ContractBundle {
            wasm: shell,
            transcoder: full.transcoder.clone(),
        },
        full_code: full.wasm,
    };
    *built = Some(bundle.clone());
    bundle
}

/// The project token as the suite deploys it: the transfer shell over the full code.
pub fn project_token() -> SplitBundle {
    static BUILT: Slot = OnceLock::new();
    split_bundle(&BUILT, &TOKEN, crate::BundleProvider::ProjectToken)
}

/// The compliance registry as the suite deploys it: the status shell (the queries tokens and contracts ask on
/// every transfer, contribution and claim) over the full code.
pub fn compliance_registry() -> SplitBundle {
    static BUILT: Slot = OnceLock::new();
    split_bundle(&BUILT, &REGISTRY, crate::BundleProvider::ComplianceRegistry)
}

/// The dividend distributor as the suite deploys it: the claim shell (`claim`, `push`) over the full code.
pub fn dividend_distributor() -> SplitBundle {
    static BUILT: Slot = OnceLock::new();
    split_bundle(
        &BUILT,
        &DISTRIBUTOR,
        crate::BundleProvider::DividendDistributor,
    )
}

/// The governor as the suite deploys it: the vote shell (`cast_vote`) over the full code.
pub fn governor() -> SplitBundle {
    static BUILT: Slot = OnceLock::new();
    split_bundle(&BUILT, &GOVERNOR, crate::BundleProvider::Governor)
}

/// The IoT oracle as the suite deploys it: the report shell (`report`, and the milestone query contracts ask)
/// over the full code.
pub fn iot_oracle() -> SplitBundle {
    static BUILT: Slot = OnceLock::new();
    split_bundle(&BUILT, &ORACLE, crate::BundleProvider::IotOracle)
}

/// The usage pass as the suite deploys it: the sale and meter shell (`buy`, `top_up`, `renew`, `consume` and
/// PSP34) over the full code.
pub fn usage_pass() -> SplitBundle {
    static BUILT: Slot = OnceLock::new();
    split_bundle(&BUILT, &PASS, crate::BundleProvider::UsagePass)
}
