//! The suite on drink's in-process chain: a typed call layer ([`chain`]), deployment and common steps
//! ([`suite`]), and the step report ([`report`]) shared by the drink tests, the main-job scenario and the weight
//! benchmark.
//!
//! The contracts are built from source by drink's bundle macro below, through `contract-build` 5 (the library
//! behind `cargo contract build --release`), whenever this crate compiles.

pub mod adversary;
pub mod calls;
pub mod chain;
pub mod finance;
pub mod report;
pub mod split;
pub mod suite;

pub use drink;
/// For [`drink_backend!`]: the sandbox crate's runtime pallets.
pub use ink_sandbox;

/// The rustc wrapper every contract build goes through (`scripts/rustc-stable-ids`, set by `scripts/env.sh`). Read
/// here so that this crate, and with it the bundle macro below, builds again when the wrapper changes: cargo itself
/// does not rebuild for a new wrapper, and the contracts' build directories are named after its hash.
const _STABLE_IDS_WRAPPER: &str = include_str!("../../scripts/rustc-stable-ids");
/// The cargo wrapper of every contract build (`scripts/cargo-locked`, set by `build.rs`) and the lock it builds
/// them from: a change to either builds the contracts again.
const _CARGO_LOCKED: &str = include_str!("../../scripts/cargo-locked");
const _CONTRACTS_LOCK: &str = include_str!("../../Cargo.lock");

/// The built contracts: one variant per contract crate this package depends on with `ink-as-dependency`
/// (`ComplianceRegistry`, `ProjectToken`, `CrowdfundEscrow`, `UsagePass`, `IotOracle`, `DividendDistributor`,
/// `Governor`, `MinimalPsp22`).
#[drink::contract_bundle_provider]
pub enum BundleProvider {}

impl BundleProvider {
    /// [`BundleProvider::bundle`], read from disk once per process: every deployment after the first reuses it,
    /// and a long run (the adversarial harness) does not depend on the files staying in place while another build
    /// rewrites them.
    pub fn cached(self) -> drink::DrinkResult<drink::session::ContractBundle> {
        use std::sync::{Mutex, OnceLock};
        type Loaded = Vec<(BundleProvider, drink::session::ContractBundle)>;
        static LOADED: OnceLock<Mutex<Loaded>> = OnceLock::new();
        let loaded = LOADED.get_or_init(|| Mutex::new(Vec::new()));
        let mut loaded = loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, b)) = loaded.iter().find(|(p, _)| *p == self) {
            return Ok(b.clone());
        }
        let b = self.bundle()?;
        loaded.push((self, b.clone()));
        Ok(b)
    }

    /// Every message of the built contract as (label, selector in hex), in metadata order: what wallets and
    /// front-ends see.
    pub fn messages(self) -> Vec<(String, String)> {
        let bundle = self.cached().expect("contract bundle");
        let metadata = bundle.transcoder.metadata();
        metadata
            .spec()
            .messages()
            .iter()
            .map(|m| {
                let hex = m.selector().to_bytes().iter().map(|b| format!("{b:02x}"));
                (m.label().to_string(), hex.collect())
            })
            .collect()
    }

    /// The selector (hex) of message `label`, if the contract has it.
    pub fn selector_of(self, label: &str) -> Option<String> {
        let messages = self.messages();
        messages
            .into_iter()
            .find(|(l, _)| l == label)
            .map(|(_, hex)| hex)
    }
}
