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
}
