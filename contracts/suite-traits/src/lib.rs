//! Cross-call surfaces and shared types of the infrastructure-finance suite.
//!
//! Every contract of the suite talks to the others only through the `#[ink::trait_definition]` traits of this
//! crate, used with `ink::contract_ref!`. The token standards keep their exact trait and message names, so the
//! selectors equal those of the PSP22 specification and of OpenBrush-era wallets and front-ends
//! (`PSP22::transfer` = `0xdb20f9f5`, and so on; asserted in `tests` below and against the built metadata).
//!
//! `PSP34` and `PSP34Metadata` (usage passes) and `MilestoneOracle` (escrow tranches released on an oracle's
//! attestation) follow the same rule.
//!
//! Besides the traits, the crate holds the small pure helpers that more than one contract needs: basis-point
//! arithmetic ([`bps`]) and block checkpoints with binary search ([`checkpoints`]).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

extern crate alloc;

pub mod admin;
pub mod bps;
pub mod call;
pub mod checkpoints;
pub mod compliance;
pub mod cross_chain;
pub mod governance;
pub mod halt_info;
pub mod kept_status;
pub mod math;
pub mod milestones;
pub mod mint_check;
pub mod psp22;
pub mod psp34;
pub mod raw;
pub mod shell;
pub mod split;
#[cfg(feature = "std")]
pub mod testing;
pub mod token;
pub mod wallets;

pub use admin::{Admin, AdminChanged, AdminError, AdminRole, AdminTransferStarted};
pub use call::{CallAnswer, CallOkAnswer};
pub use compliance::{
    claim_counts, counts_until, wallet_status, ClaimSet, ClaimType, ComplianceRegistry,
    CountryCode, IdentityFacts, IdentityId, IdentityListener, PartyStatus, RegistryChange,
    RelinkError, WalletFacts,
};
pub use governance::{EmergencyError, EmergencyProposals, ProposedCall};
pub use halt_info::HaltStatus;
pub use kept_status::{KeptStatus, VoterRecord};
pub use milestones::{MilestoneId, MilestoneOracle};
pub use mint_check::{IssuerReservations, MintCheck, MintRefusal, Reserved};
pub use psp22::{PSP22Burnable, PSP22Error, PSP22Metadata, PSP22Mintable, PSP22};
pub use psp34::{Id, PSP34Error, PSP34Metadata, PSP34};
pub use shell::announce;
pub use token::{
    AccountFreeze, CheckpointError, Checkpointed, HaltError, Haltable, IdentityCheckpointed,
};
pub use wallets::{HolderRecord, WalletHistory, MAX_RECORD_BLOCKS};

/// Account identifier of the default ink! environment.
pub type AccountId = ink::primitives::AccountId;
/// Token amounts and native-currency amounts.
pub type Balance = u128;
/// Block numbers, used for snapshots and checkpoints.
pub type BlockNumber = u32;
/// Block timestamp in milliseconds since the Unix epoch.
pub type Timestamp = u64;
/// 32-byte hash, used for evidence and document hashes (the suite never stores personal data).
pub type Hash = ink::primitives::Hash;
