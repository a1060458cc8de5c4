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
    /// The rule does not halt the token (only halting rules lapse or have a resume to retry).
    NotHaltingRule { rule: RuleId },
    /// The rule does not resume on its own: its halt is lifted by people (the holders' emergency proposal, or the
    /// token's guardian), never by silence or a retry.
    ResumeLeftToPeople { rule: RuleId },
    /// The rule has not fired (or already cleared): there is no halt of it to lapse.
    RuleNotFired { rule: RuleId },
    /// The rule's feed settled a value recently: it is not silent until `silent_after` (its last settled value,
    /// or the firing if later, plus the feed's staleness bound).
    FeedNotSilent {
        feed: FeedId,
        silent_after: Timestamp,
    },
    /// `fired` halting rules of the oracle are still fired: the token stays halted until none is.
    HaltingRulesFired { fired: u32 },
    /// The token did not resume: the halt in force is not the oracle's own, or the token refused (the oracle
    /// lacks its guardian role, or the call failed).
    ResumeRefused,
}

impl From<AdminError> for OracleError {
    fn from(refusal: AdminError) -> Self {
        OracleError::Admin(refusal)
    }
}
