//! Proposals, tracks, tallies and the state machine, free of message dispatch. Tested natively in `tests.rs`.
//!
//! ```text
//!  propose ─▶ Pending ─(vote_start)─▶ Active ─(vote_end)─▶ Defeated   (quorum or approval missed)
//!               │                       │             └──▶ Succeeded ─queue─▶ Queued ─(eta..eta+grace) execute─▶ Executed
//!               └── cancel ─────────────┴──────────────────────┴──────────────┴─▶ Cancelled     (eta+grace)─▶ Expired
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

/// The timing and thresholds of one track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        if self.voting_delay == 0 || self.voting_period == 0 {
            return Err(ParamsRule::ZeroBlocks);
        }
        for bps in [self.quorum_bps, self.approval_bps] {
            if bps == 0 || bps > BPS_DENOMINATOR {
                return Err(ParamsRule::BadBps);
            }
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
        if self.passed() {
            ProposalState::Succeeded
        } else {
            ProposalState::Defeated
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
