//! One event per state change of the pass contract; `Transfer` and `Approval` are the PSP34 standard's.
use suite_traits::{AccountId, Balance, Hash, Id, MilestoneId, Timestamp};

use crate::types::ClassId;

pub use suite_traits::{AdminChanged, AdminTransferStarted};

/// A pass was minted (`from: None`), moved, or burned (`to: None`). PSP34 standard event.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Transfer {
    #[ink(topic)]
    pub from: Option<AccountId>,
    #[ink(topic)]
    pub to: Option<AccountId>,
    #[ink(topic)]
    pub id: Id,
}

/// An operator approval was set or cleared. PSP34 standard event.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Approval {
    #[ink(topic)]
    pub owner: AccountId,
    #[ink(topic)]
    pub operator: AccountId,
    #[ink(topic)]
    pub id: Option<Id>,
    pub approved: bool,
}

/// A pass class was created.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ClassAdded {
    #[ink(topic)]
    pub class: ClassId,
    pub price: Balance,
    pub initial_credit: u128,
    pub activation_at: Timestamp,
    pub transferable: bool,
}

/// A class was put on or taken off sale.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ClassSaleChanged {
    #[ink(topic)]
    pub class: ClassId,
    pub on_sale: bool,
}

/// A meter's accepted classes were set (an empty mask removes the meter).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct MeterSet {
    #[ink(topic)]
    pub meter: AccountId,
    pub classes: u64,
}

/// Sales revenue now goes to `receiver`.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RevenueReceiverChanged {
    #[ink(topic)]
    pub receiver: AccountId,
}

/// The facility opened on `oracle`'s attestation of `milestone`: passes can be used, held pre-sale revenue was
/// forwarded.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct FacilityOpened {
    pub at: Timestamp,
    /// Who triggered the opening (anyone may, once the milestone is attested).
    pub by: AccountId,
    pub oracle: AccountId,
    pub milestone: MilestoneId,
    pub forwarded: Balance,
}

/// Revenue left the contract for the receiver.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RevenueForwarded {
    #[ink(topic)]
    pub receiver: AccountId,
    pub amount: Balance,
}

/// A pass was bought.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct PassBought {
    #[ink(topic)]
    pub pass: u64,
    #[ink(topic)]
    pub class: ClassId,
    #[ink(topic)]
    pub buyer: AccountId,
    pub paid: Balance,
    pub credit: u128,
    pub valid_from: Timestamp,
    pub expires_at: Timestamp,
}

/// Credit was added to a pass.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ToppedUp {
    #[ink(topic)]
    pub pass: u64,
    pub units: u128,
    pub paid: Balance,
    pub credit: u128,
}

/// A pass's validity was extended.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Renewed {
    #[ink(topic)]
    pub pass: u64,
    pub paid: Balance,
    pub expires_at: Timestamp,
}

/// A meter deducted units from a pass.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Consumed {
    #[ink(topic)]
    pub pass: u64,
    #[ink(topic)]
    pub meter: AccountId,
    #[ink(topic)]
    pub receipt: Hash,
    pub units: u128,
    pub credit_left: u128,
    pub points_earned: u128,
}

/// A pass was refunded and burned because the facility never opened.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct PassRefunded {
    #[ink(topic)]
    pub pass: u64,
    #[ink(topic)]
    pub holder: AccountId,
    pub amount: Balance,
}
