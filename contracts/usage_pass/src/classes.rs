//! Pass classes: what a pass costs, what it carries and how it may be used, set by the admin.

use suite_traits::{Balance, Timestamp};

use crate::errors::ClassRule;

/// Most classes one facility may define.
pub const MAX_CLASSES: u32 = 64;

/// Terms of a class of passes (a monthly road pass, a 500 kWh charging credit, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PassClass {
    /// Price of a new pass, in native currency (positive).
    pub price: Balance,
    /// Units (trips, kWh, km) loaded on a new pass.
    pub initial_credit: u128,
    /// Price of one more unit (positive); `None`: no top-ups.
    pub unit_price: Option<Balance>,
    /// Validity of a new pass and of each renewal (ms), counted from activation for pre-sold passes.
    pub validity_ms: Timestamp,
    /// Price of a renewal (positive); `None`: no renewals.
    pub renewal_price: Option<Balance>,
    /// Earliest use (ms): passes sold before it finance construction.
    pub activation_at: Timestamp,
    /// Whether the pass may change hands; if not, it is bound to its buyer.
    pub transferable: bool,
    /// Most units one pass may use per UTC day; 0: no cap.
    pub daily_cap: u128,
    /// Reward points (for example carbon points for charging) earned per unit used.
    pub points_per_unit: u128,
}

impl PassClass {
    /// Checks the terms against the facility's long-stop date.
    pub fn validate(&self, long_stop_at: Timestamp) -> Result<(), ClassRule> {
        if self.validity_ms == 0 {
            return Err(ClassRule::PositiveValidity);
        }
        if self.activation_at >= long_stop_at {
            return Err(ClassRule::ActivationBeforeLongStop);
        }
        if self.price == 0 {
            return Err(ClassRule::PositivePrice);
        }
        if self.unit_price == Some(0) {
            return Err(ClassRule::PositiveUnitPrice);
        }
        if self.renewal_price == Some(0) {
            return Err(ClassRule::PositiveRenewalPrice);
        }
        Ok(())
    }
}

/// A class and its sale state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ClassRecord {
    /// The terms.
    pub terms: PassClass,
    /// Whether new passes of this class can be bought.
    pub on_sale: bool,
    /// Passes of this class sold so far.
    pub sold: u64,
}
