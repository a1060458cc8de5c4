//! One event per state change of the distributor.
use ink::prelude::string::String;
use suite_traits::{AccountId, Balance, CountryCode, Timestamp};

use crate::types::{Asset, DistributionId};

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

/// A country's withholding-tax rate was set; it applies from distribution `from_distribution` on (earlier
/// distributions keep the rate they were created with).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TaxRateSet {
    pub country: CountryCode,
    pub bps: u16,
    pub from_distribution: DistributionId,
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
    /// Fixed for this distribution: receives its unclaimed funds at expiry.
    pub reserve: AccountId,
    /// Fixed for this distribution: receives the tax withheld from its shares.
    pub tax_account: AccountId,
}

/// A holder was paid (or, when frozen, had its share set aside) for distributions `from..=to`.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Claimed {
    #[ink(topic)]
    pub holder: AccountId,
    /// Who the net share went to: the holder, or the wallet a lost holder wallet was recovered to.
    #[ink(topic)]
    pub paid_to: AccountId,
    pub from: DistributionId,
    pub to: DistributionId,
    pub asset: Asset,
    pub gross: Balance,
    pub tax: Balance,
    pub net: Balance,
    /// Whether the net amount was held because the holder is frozen.
    pub held: bool,
}

/// A payment could not be made (below the existential deposit, refused by a stablecoin, ...): it is held for its
/// recipient, who takes it later with `release_held`.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct PaymentHeld {
    #[ink(topic)]
    pub to: AccountId,
    pub asset: Asset,
    pub amount: Balance,
}

/// What was held for a lost (recovered) wallet went to the wallet it was recovered to: paid, or held for it if
/// that wallet is frozen.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct HeldRedirected {
    #[ink(topic)]
    pub lost: AccountId,
    #[ink(topic)]
    pub to: AccountId,
    pub asset: Asset,
    pub amount: Balance,
    pub held: bool,
}

/// What was held for an account (a frozen holder's share, or a failed payment) was paid.
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
