//! Every way an oracle message can fail, each carrying what explains it.
use suite_traits::{AccountId, AdminError, MilestoneId, Timestamp};

use crate::types::OracleRole;
use crate::types::RuleId;
use crate::types::{FeedId, FeedRule};

/// Result of an oracle operation.
pub type OracleResult<T> = Result<T, OracleError>;

/// Why the oracle refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum OracleError {
    /// The admin role refused the caller (not the admin; not offered the role).
    Admin(AdminError),
    /// The caller lacks the role.
    MissingRole { caller: AccountId, role: OracleRole },
    /// The feed configuration breaks a rule.
    InvalidFeed { rule: FeedRule },
    /// No feed has this number.
    UnknownFeed { feed: FeedId },
    /// The oracle already has the most feeds it can hold.
    TooManyFeeds { max: u32 },
    /// The caller is not a registered device of the feed.
    NotDevice { caller: AccountId, feed: FeedId },
    /// The reading is outside the feed's plausible range (a faulty device).
    OutOfBounds { value: i64, min: i64, max: i64 },
    /// The device already reported in the current round.
    AlreadyReported { device: AccountId, round: u64 },
    /// No rule has this number.
    UnknownRule { rule: RuleId },
    /// The feed already has the most rules it can hold.
    TooManyRules { feed: FeedId, max: u32 },
    /// A document CID is longer than allowed.
    CidTooLong { len: u32, max: u32 },
    /// No milestone has this number.
    UnknownMilestone { milestone: MilestoneId },
    /// The milestone is attested: its evidence is final and cannot be posted again.
    MilestoneExists { milestone: MilestoneId },
    /// Another stakeholder's evidence awaits attestation: only its poster may replace it before `until`.
    EvidenceAwaitingAttestation {
        milestone: MilestoneId,
        until: Timestamp,
    },
    /// The poster of a milestone cannot attest it.
    SelfAttestation { milestone: MilestoneId },
    /// The stakeholder already attested this milestone.
    AlreadyAttested {
        milestone: MilestoneId,
        by: AccountId,
    },
    /// A feed with a halting rule needs an odd quorum of at least 3, so that the median of a settled round is one
    /// device's reading that at least two others bracket: one device can neither fake nor hide an event.
    HaltingQuorumInvalid { feed: FeedId, quorum: u32 },
    /// A feed with a halting rule needs at least `needed` (quorum + 1) registered devices, so that one silent
    /// device cannot stop its rounds from settling.
    TooFewDevicesForHalting {
        feed: FeedId,
        devices: u32,
        needed: u32,
    },
    /// The account is not a registered device of the feed (nothing to remove).
    UnknownDevice { feed: FeedId, device: AccountId },
    /// A rule cannot be moved to another feed by an edit (remove it and add a new one).
    RuleFeedFixed { rule: RuleId, feed: FeedId },
    /// A counter overflowed.
    Overflow,
}

impl From<AdminError> for OracleError {
    fn from(refusal: AdminError) -> Self {
        OracleError::Admin(refusal)
    }
}
