//! Proposals, tracks, tallies and the state machine, free of message dispatch. Tested natively in `tests.rs`.
//!
//! ```text
//!  propose ─▶ Pending ─(vote_start)─▶ Active ─(vote_end)─▶ Defeated   (quorum or approval missed)
//!               │                       │             └──▶ Succeeded ─queue─▶ Queued ─(eta..eta+grace) execute─▶ Executed
//!               └── cancel ─────────────┴──────────────────────┴──────────────┴─▶ Cancelled     (eta+grace)─▶ Expired
//!                                                            Succeeded ─(not queued by vote_end + voting_period)─▶ Expired
//! ```
pub use crate::types::{ParamsRule, ProposalId, ProposalState, ReturnKind, Support, Track};
use ink::prelude::vec::Vec;
use suite_traits::bps::BPS_DENOMINATOR;
use suite_traits::math::{mul_div, mul_rem};
use suite_traits::{AccountId, Balance, BlockNumber, Hash, Timestamp};

/// Most calls one proposal may carry.
pub const MAX_CALLS: u32 = 8;
/// Largest SCALE-encoded input of one call, in bytes.
pub const MAX_INPUT_LEN: u32 = 512;

/// The shape of a proposal's calls: at least one, at most [`MAX_CALLS`], each input at most [`MAX_INPUT_LEN`]
/// bytes.
pub fn check_shape(calls: &[ProposedCall]) -> Result<(), crate::errors::GovernorError> {
    use crate::errors::GovernorError;
    if calls.is_empty() {
        return Err(GovernorError::NoCalls);
    }
    if calls.len() > MAX_CALLS as usize {
        return Err(GovernorError::TooManyCalls { max: MAX_CALLS });
    }
    for (i, c) in calls.iter().enumerate() {
        if c.input.len() > MAX_INPUT_LEN as usize {
            return Err(GovernorError::InputTooLong {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                max: MAX_INPUT_LEN,
            });
        }
    }
    Ok(())
}

pub use suite_traits::ProposedCall;

/// The bounds every parameter set must keep, so that no vote can make governance unable to decide again
/// (whatever a captured or careless majority passes, the next proposal can still be made, reach quorum, pass and
/// run within weeks).
pub mod bounds {
    /// Longest voting delay: 7 days of 6-second blocks.
    pub const MAX_VOTING_DELAY: u32 = 100_800;
    /// Longest voting period: 30 days of 6-second blocks.
    pub const MAX_VOTING_PERIOD: u32 = 432_000;
    /// Longest timelock: 30 days.
    pub const MAX_TIMELOCK_MS: u64 = 30 * 86_400_000;
    /// Highest quorum: half the supply.
    pub const MAX_QUORUM_BPS: u16 = 5_000;
    /// Approval between a simple majority and two thirds.
    pub const MIN_APPROVAL_BPS: u16 = 5_000;
    pub const MAX_APPROVAL_BPS: u16 = 6_667;
    /// Highest proposal threshold: 5% of the token's supply when the parameters change.
    pub const MAX_THRESHOLD_BPS: u16 = 500;
}

/// The timing and thresholds of one track.
// `Default` (all zero) is refused by every validation: it only fills a split shell's placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct TrackParams {
    /// Blocks between proposing and the snapshot (at least 1, so a proposal never counts the block it is in).
    pub voting_delay: BlockNumber,
    /// Blocks voting stays open after the snapshot.
    pub voting_period: BlockNumber,
    /// Votes for + abstain needed, in basis points of the supply at the snapshot.
    pub quorum_bps: u16,
    /// Share of for among for + against needed, in basis points.
    pub approval_bps: u16,
    /// Delay between queueing and the earliest execution (ms).
    pub timelock_ms: Timestamp,
}

/// Every governance parameter; changed only by a proposal that calls the governor itself.
// `Default` (all zero) is refused by every validation: it only fills a split shell's placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct GovernorParams {
    pub normal: TrackParams,
    pub emergency: TrackParams,
    /// Voting power (at the last block) a proposer needs on the normal track.
    pub proposal_threshold: Balance,
    /// How long a queued proposal stays executable after its eta (ms).
    pub grace_ms: Timestamp,
}

impl TrackParams {
    fn validate(&self) -> Result<(), ParamsRule> {
        use bounds::*;
        if self.voting_delay == 0 || self.voting_period == 0 {
            return Err(ParamsRule::ZeroBlocks);
        }
        for bps in [self.quorum_bps, self.approval_bps] {
            if bps == 0 || bps > BPS_DENOMINATOR {
                return Err(ParamsRule::BadBps);
            }
        }
        if self.voting_delay > MAX_VOTING_DELAY {
            return Err(ParamsRule::DelayTooLong {
                max: MAX_VOTING_DELAY,
            });
        }
        if self.voting_period > MAX_VOTING_PERIOD {
            return Err(ParamsRule::PeriodTooLong {
                max: MAX_VOTING_PERIOD,
            });
        }
        if self.timelock_ms > MAX_TIMELOCK_MS {
            return Err(ParamsRule::TimelockTooLong {
                max: MAX_TIMELOCK_MS,
            });
        }
        if self.quorum_bps > MAX_QUORUM_BPS {
            return Err(ParamsRule::QuorumTooHigh {
                max_bps: MAX_QUORUM_BPS,
            });
        }
        if !(MIN_APPROVAL_BPS..=MAX_APPROVAL_BPS).contains(&self.approval_bps) {
            return Err(ParamsRule::ApprovalOutOfRange {
                min_bps: MIN_APPROVAL_BPS,
                max_bps: MAX_APPROVAL_BPS,
            });
        }
        Ok(())
    }
}

impl GovernorParams {
    /// Checks both tracks and the grace period.
    pub fn validate(&self) -> Result<(), ParamsRule> {
        self.normal.validate()?;
        self.emergency.validate()?;
        if self.grace_ms == 0 {
            return Err(ParamsRule::ZeroGrace);
        }
        Ok(())
    }

    /// [`GovernorParams::validate`], and a proposal threshold of at most [`bounds::MAX_THRESHOLD_BPS`] of
    /// `supply` (the token's supply when the parameters change; at deployment there may be none yet).
    pub fn validate_with_supply(&self, supply: Balance) -> Result<(), ParamsRule> {
        self.validate()?;
        let max = suite_traits::bps::share(supply, bounds::MAX_THRESHOLD_BPS).unwrap_or(0);
        if self.proposal_threshold > max {
            return Err(ParamsRule::ThresholdTooHigh { max });
        }
        Ok(())
    }

    /// The parameters of `track`.
    pub fn track(&self, track: Track) -> TrackParams {
        match track {
            Track::Normal => self.normal,
            Track::Emergency => self.emergency,
        }
    }
}

/// A proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proposal {
    pub proposer: AccountId,
    pub track: Track,
    pub calls: Vec<ProposedCall>,
    /// Hash of the human-readable description (kept off chain).
    pub description_hash: Hash,
    /// Voting power is the token balance at the end of this block.
    pub snapshot: BlockNumber,
    /// Last block in which votes are accepted.
    pub vote_end: BlockNumber,
    /// The track's parameters when proposed (later parameter changes do not move the goalposts).
    pub params: TrackParams,
    /// Total supply at the snapshot (read at the first vote).
    pub supply: Balance,
    pub for_votes: Balance,
    pub against_votes: Balance,
    pub abstain_votes: Balance,
    pub cancelled: bool,
    /// Earliest execution time, once queued.
    pub eta: Option<Timestamp>,
    /// End of the execution window, fixed when queued (eta + the grace period then in force).
    pub expires_at: Option<Timestamp>,
    pub executed: bool,
}

impl Proposal {
    /// Whether quorum (for + abstain ≥ quorum of the snapshot supply) and approval (for ≥ approval share of
    /// for + against, and some for) are met. Both comparisons are exact: `part × 10 000 ≥ whole × bps`.
    pub fn passed(&self) -> bool {
        let turnout = self.for_votes.saturating_add(self.abstain_votes);
        let decided = self.for_votes.saturating_add(self.against_votes);
        self.supply > 0
            && self.for_votes > 0
            && at_least(turnout, self.supply, self.params.quorum_bps)
            && at_least(self.for_votes, decided, self.params.approval_bps)
    }

    /// Last block in which a passed proposal can be queued.
    pub fn queue_by(&self) -> BlockNumber {
        self.vote_end.saturating_add(self.params.voting_period)
    }

    /// The state at `block` and `now`, given the grace period.
    pub fn state(&self, block: BlockNumber, now: Timestamp) -> ProposalState {
        if self.executed {
            return ProposalState::Executed;
        }
        if self.cancelled {
            return ProposalState::Cancelled;
        }
        if let Some(eta) = self.eta {
            return if now >= self.expires_at.unwrap_or(eta) {
                ProposalState::Expired
            } else {
                ProposalState::Queued
            };
        }
        if block <= self.snapshot {
            return ProposalState::Pending;
        }
        if block <= self.vote_end {
            return ProposalState::Active;
        }
        if !self.passed() {
            return ProposalState::Defeated;
        }
        // A passed proposal must be queued within as many blocks as its vote lasted: one left unqueued cannot be
        // held in reserve and run when the voters' attention has moved on.
        if block > self.queue_by() {
            ProposalState::Expired
        } else {
            ProposalState::Succeeded
        }
    }
}

/// Whether `part × 10 000 ≥ whole × bps`, exactly (the needed amount is rounded up).
pub fn at_least(part: Balance, whole: Balance, bps: u16) -> bool {
    let d = Balance::from(BPS_DENOMINATOR);
    let b = Balance::from(bps);
    match (mul_div(whole, b, d), mul_rem(whole, b, d)) {
        (Some(q), Some(r)) => {
            let needed = if r > 0 { q.saturating_add(1) } else { q };
            part >= needed
        }
        _ => false,
    }
}
