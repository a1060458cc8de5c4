//! Rules on a feed's settled values and what they do: the pure evaluation, one settled value at a time.
//!
//! A rule *breaches* on a value when its condition holds; it *fires* after `consecutive` breaches in a row, and
//! (for a halting rule with `resume_after > 0`) *clears* after that many in-range values in a row once fired.
pub use crate::types::{RuleAction, RuleId};
use suite_traits::Timestamp;

use crate::feeds::{mean, HISTORY};

/// When a value breaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Condition {
    /// The value is strictly above the threshold (a pier moving more than 5 mm: `Above(5_000)` in µm).
    Above(i64),
    /// The value is strictly below the threshold.
    Below(i64),
    /// The readings of one round spread by more than this: the highest minus the lowest reading of the devices
    /// that settled it (two meters of one solar farm disagreeing by more than 400 kWh: a faulty meter or a leak,
    /// whatever the median says).
    DeviationAbove(u64),
    /// The mean of the last `samples` settled values (this one included, at most 8) is above the threshold.
    AverageAbove { threshold: i64, samples: u8 },
    /// The value differs from the previous settled value by more than this (absolute): a sudden step.
    StepAbove(u64),
}

/// A rule on one feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Rule {
    /// The feed it watches.
    pub feed: u32,
    /// When a value breaches.
    pub condition: Condition,
    /// Breaches in a row needed to fire (1: fire on the first).
    pub consecutive: u32,
    /// In-range values in a row, after firing, needed to clear (and resume a halted token); 0: never
    /// automatically (an admin, or later the governor, resumes).
    pub resume_after: u32,
    /// What firing does.
    pub action: RuleAction,
}

/// Progress of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RuleState {
    /// Breaches in a row so far.
    pub breaches: u32,
    /// In-range values in a row since firing.
    pub in_range: u32,
    /// Whether the rule has fired and not cleared.
    pub fired: bool,
    /// When it last fired.
    pub fired_at: Timestamp,
}

/// What one settled value did to a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Nothing to act on.
    None,
    /// The rule fired now.
    Fired,
    /// The fired rule cleared now.
    Cleared,
}

/// The spread of one round's readings: the highest minus the lowest (0 for one reading or none).
pub fn spread(readings: &[i64]) -> u128 {
    let (Some(lo), Some(hi)) = (readings.iter().min(), readings.iter().max()) else {
        return 0;
    };
    // Two i64 always differ by less than 2^64: the i128 subtraction cannot overflow.
    i128::from(*hi)
        .checked_sub(i128::from(*lo))
        .map_or(0, i128::unsigned_abs)
}

/// What a rule is evaluated on: the round's settled value, its readings' spread, the previous settled value (if
/// fresh) and the recent history (oldest first, the value last).
#[derive(Debug, Clone, Copy)]
pub struct Observation<'a> {
    pub value: i64,
    pub spread: u128,
    pub previous: Option<i64>,
    pub history: &'a [i64],
}

/// Whether the observation breaches `condition`.
pub fn breaches(condition: Condition, o: &Observation<'_>) -> bool {
    let (value, previous, history) = (o.value, o.previous, o.history);
    match condition {
        Condition::Above(t) => value > t,
        Condition::Below(t) => value < t,
        Condition::DeviationAbove(d) => o.spread > u128::from(d),
        Condition::StepAbove(d) => previous.is_some_and(|p| {
            // Two i64 always differ by less than 2^65: the i128 subtraction cannot overflow.
            i128::from(value)
                .checked_sub(i128::from(p))
                .is_some_and(|delta| delta.unsigned_abs() > u128::from(d))
        }),
        Condition::AverageAbove { threshold, samples } => {
            let k = usize::from(samples).clamp(1, HISTORY).min(history.len());
            let start = history.len().saturating_sub(k);
            history
                .get(start..)
                .and_then(mean)
                .is_some_and(|m| m > threshold)
        }
    }
}

/// Advances `state` by one settled value.
pub fn step(rule: &Rule, state: &mut RuleState, breached: bool, now: Timestamp) -> Transition {
    if breached {
        state.breaches = state.breaches.saturating_add(1);
        state.in_range = 0;
        if !state.fired && state.breaches >= rule.consecutive.max(1) {
            state.fired = true;
            state.fired_at = now;
            return Transition::Fired;
        }
        return Transition::None;
    }
    state.breaches = 0;
    if state.fired && rule.resume_after > 0 {
        state.in_range = state.in_range.saturating_add(1);
        if state.in_range >= rule.resume_after {
            state.fired = false;
            state.in_range = 0;
            return Transition::Cleared;
        }
    }
    Transition::None
}
