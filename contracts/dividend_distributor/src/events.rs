//! One event per state change of the distributor.
use ink::prelude::string::String;
use suite_traits::{AccountId, Balance, CountryCode, Timestamp};

use crate::ledger::{Asset, DistributionId};

pub use suite_traits::{AdminChanged, AdminTransferStarted};

/// A depositor was added or removed.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct DepositorSet {
    #[ink(topic)]
    pub account: AccountId,
    pub allowed: bool,
}

/// Payout ratio, reserve, tax account or claim window changed.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigChanged {
    pub payout_bps: u16,
    pub reserve: AccountId,
    pub tax_account: AccountId,
    pub claim_window_ms: Timestamp,
}

/// An account's exclusion from the denominator changed.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ExclusionSet {
    #[ink(topic)]
    pub account: AccountId,
    pub excluded: bool,
}

/// A country's withholding-tax rate was set.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TaxRateSet {
    pub country: CountryCode,
    pub bps: u16,
}

/// Revenue arrived and a distribution was created.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct DistributionCreated {
    #[ink(topic)]
    pub id: DistributionId,
    pub asset: Asset,
    pub source: String,
    pub period: String,
    pub deposited: Balance,
    /// Holders' share, plus dust carried from earlier distributions.
    pub to_holders: Balance,
    pub to_reserve: Balance,
    pub record_block: u32,
    pub eligible_supply: Balance,
    pub expires_at: Timestamp,
}

/// A holder was paid (or, when frozen, had its share set aside) for distributions `from..to`.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Claimed {
    #[ink(topic)]
    pub holder: AccountId,
    pub from: DistributionId,
    pub to: DistributionId,
    pub asset: Asset,
    pub gross: Balance,
    pub tax: Balance,
    pub net: Balance,
    /// Whether the net amount was held because the holder is frozen.
    pub held: bool,
}

/// A formerly frozen holder's held share was paid.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct HeldReleased {
    #[ink(topic)]
    pub holder: AccountId,
    pub asset: Asset,
    pub amount: Balance,
}

/// An expired distribution was closed: unclaimed funds went to the reserve, rounding dust was carried forward.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct DistributionClosed {
    #[ink(topic)]
    pub id: DistributionId,
    pub unclaimed_to_reserve: Balance,
    pub dust_carried: Balance,
}
