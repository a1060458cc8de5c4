//! The suite on drink's in-process chain: a typed call layer ([`chain`]), deployment and common steps
//! ([`suite`]), and the step report ([`report`]) shared by the drink tests, the main-job scenario and the weight
//! benchmark.
//!
//! The contracts are built from source by drink's bundle macro below, through `contract-build` 5 (the library
//! behind `cargo contract build --release`), whenever this crate compiles.

pub mod adversary;
pub mod chain;
pub mod finance;
pub mod report;
pub mod suite;

pub use drink;

/// The built contracts: one variant per contract crate this package depends on with `ink-as-dependency`
/// (`ComplianceRegistry`, `ProjectToken`, `CrowdfundEscrow`, `UsagePass`, `IotOracle`, `DividendDistributor`,
/// `Governor`, `MinimalPsp22`).
#[drink::contract_bundle_provider]
pub enum BundleProvider {}
