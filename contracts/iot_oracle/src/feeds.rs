//! Feeds, reporting rounds and the median: the pure arithmetic of turning several devices' readings into one
//! settled value that a lone faulty device cannot move.
pub use crate::types::{FeedId, FeedRule};
use ink::prelude::vec::Vec;
use suite_traits::{AccountId, Timestamp};

/// Most devices that may report into one round (bounds the round's storage and the median's sort).
pub const MAX_REPORTERS: u32 = 16;

/// How many recent settled values a feed keeps for time averages.
pub const HISTORY: usize = 8;

/// A settled value in a feed's history and when it settled. Deviation and average rules compare only against
/// entries that are still fresh (settled no longer than the feed's `staleness_ms` before the value at hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Sample {
    pub value: i64,
    pub at: Timestamp,
}

/// What a feed measures and how its rounds settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct FeedConfig {
    /// Smallest plausible reading (readings below are refused as faulty).
    pub min_value: i64,
    /// Largest plausible reading.
    pub max_value: i64,
    /// Readings needed before a round settles on their median (at least 1; 3 or more to outvote a faulty device).
    pub quorum: u32,
    /// A round that has not reached its quorum this long after its first reading is discarded.
    pub round_timeout_ms: Timestamp,
    /// A settled value older than this is stale: `latest` reports it as such.
    pub staleness_ms: Timestamp,
    /// Whether settled values add up into period totals (energy in Wh, vehicles counted); gauges such as
    /// a displacement do not.
    pub cumulative: bool,
    /// Length of a totals period (for example a day or a month), in ms; used when `cumulative`.
    pub period_ms: Timestamp,
}

impl FeedConfig {
    /// Checks the configuration.
    pub fn validate(&self) -> Result<(), FeedRule> {
        if self.min_value >= self.max_value {
            return Err(FeedRule::BoundsInverted);
        }
        if self.quorum == 0 || self.quorum > MAX_REPORTERS {
            return Err(FeedRule::QuorumOutOfRange);
        }
        if self.round_timeout_ms == 0
            || self.staleness_ms == 0
            || (self.cumulative && self.period_ms == 0)
        {
            return Err(FeedRule::ZeroDuration);
        }
        Ok(())
    }
}

/// The round being collected for a feed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Round {
    /// Number of the round (settled rounds count up from 1).
    pub number: u64,
    /// When its first reading arrived.
    pub opened_at: Timestamp,
    /// Who reported, in order.
    pub reporters: Vec<AccountId>,
    /// Their readings, in the same order.
    pub values: Vec<i64>,
}

/// The last settled value of a feed and what led to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Settled {
    /// The median of the round.
    pub value: i64,
    /// When the round settled.
    pub at: Timestamp,
    /// The round's number.
    pub round: u64,
    /// How many readings it had.
    pub reporters: u32,
}

/// Median of `values` (for an even count, the mean of the two middle values, rounded towards negative
/// infinity); `None` for an empty slice.
pub fn median(values: &[i64]) -> Option<i64> {
    let mut v: Vec<i64> = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    if n == 0 {
        return None;
    }
    let mid = n.checked_div(2)?;
    let upper = *v.get(mid)?;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = *v.get(mid.checked_sub(1)?)?;
    // Widen to avoid overflow, then floor-divide.
    let sum = i128::from(lower).checked_add(i128::from(upper))?;
    i64::try_from(sum.div_euclid(2)).ok()
}

/// Floor of the mean of `values`; `None` for an empty slice.
pub fn mean(values: &[i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let sum = values
        .iter()
        .try_fold(0i128, |acc, v| acc.checked_add(i128::from(*v)))?;
    let n = i128::try_from(values.len()).ok()?;
    i64::try_from(sum.div_euclid(n)).ok()
}
