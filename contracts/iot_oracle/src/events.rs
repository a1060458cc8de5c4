//! One event per state change of the oracle.
use ink::prelude::vec::Vec;
use suite_traits::{AccountId, Hash, MilestoneId, Timestamp};

use crate::types::FeedId;
use crate::types::OracleRole;
use crate::types::{RuleAction, RuleId};

pub use suite_traits::{AdminChanged, AdminTransferStarted};

/// A role was granted or revoked.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RoleChanged {
    #[ink(topic)]
    pub account: AccountId,
    pub role: OracleRole,
    pub granted: bool,
}

/// The token the oracle halts and resumes was set.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TokenSet {
    #[ink(topic)]
    pub token: Option<AccountId>,
}

/// The governor emergency proposals go to was set.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct GovernorSet {
    #[ink(topic)]
    pub governor: Option<AccountId>,
}

/// The oracle opened an emergency proposal to resume the token after `rule` halted it (`proposal: None` when
/// the governor refused).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct EmergencyProposalOpened {
    #[ink(topic)]
    pub rule: RuleId,
    pub proposal: Option<u32>,
}

/// A feed was created.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct FeedAdded {
    #[ink(topic)]
    pub feed: FeedId,
    pub quorum: u32,
}

/// A feed's configuration was changed by the admin.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct FeedUpdated {
    #[ink(topic)]
    pub feed: FeedId,
    pub quorum: u32,
}

/// A feed was removed by the admin, with its rules (`rules`), open round and history. Its number is never reused.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct FeedRemoved {
    #[ink(topic)]
    pub feed: FeedId,
    pub rules: Vec<RuleId>,
}

/// A device was registered for, or removed from, a feed.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct DeviceSet {
    #[ink(topic)]
    pub feed: FeedId,
    #[ink(topic)]
    pub device: AccountId,
    pub registered: bool,
    /// The removed device's reading dropped from the open round (readings of a removed device never count).
    pub dropped_reading: Option<i64>,
}

/// A device's reading entered the current round.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Reported {
    #[ink(topic)]
    pub feed: FeedId,
    #[ink(topic)]
    pub device: AccountId,
    pub value: i64,
    pub round: u64,
}

/// A round timed out before reaching its quorum; its readings were dropped.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RoundDiscarded {
    #[ink(topic)]
    pub feed: FeedId,
    pub round: u64,
    pub readings: u32,
}

/// A round reached its quorum and settled on the median.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RoundSettled {
    #[ink(topic)]
    pub feed: FeedId,
    pub round: u64,
    pub value: i64,
    pub reporters: u32,
}

/// A rule was added.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RuleAdded {
    #[ink(topic)]
    pub rule: RuleId,
    #[ink(topic)]
    pub feed: FeedId,
    pub action: RuleAction,
}

/// A rule was replaced by the admin; its progress starts afresh.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RuleUpdated {
    #[ink(topic)]
    pub rule: RuleId,
    #[ink(topic)]
    pub feed: FeedId,
    pub action: RuleAction,
}

/// A rule was removed by the admin (`was_fired`: it had fired and not cleared; a halt it placed stays until
/// resumed by the token's admin or another rule's clearing).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RuleRemoved {
    #[ink(topic)]
    pub rule: RuleId,
    #[ink(topic)]
    pub feed: FeedId,
    pub was_fired: bool,
}

/// A fired halting rule found the token no longer halted (its admin, a governor proposal or another guardian
/// resumed it): that excursion counts as handled and the rule counts breaches afresh, so the next excursion
/// fires it (and halts) again.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RuleRearmed {
    #[ink(topic)]
    pub rule: RuleId,
    #[ink(topic)]
    pub feed: FeedId,
}

/// A halting rule cleared but the oracle did not resume the token because the current halt is not its own
/// (`halted_by`: who holds it, `None` when the token is not halted or did not answer).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ResumeSkipped {
    #[ink(topic)]
    pub rule: RuleId,
    pub halted_by: Option<AccountId>,
}

/// A rule fired.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RuleFired {
    #[ink(topic)]
    pub rule: RuleId,
    #[ink(topic)]
    pub feed: FeedId,
    pub value: i64,
    pub action: RuleAction,
}

/// A fired halting rule lapsed: its feed settled nothing for longer than the feed's staleness bound, so no live
/// reading supports the halt any more.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RuleLapsed {
    #[ink(topic)]
    pub rule: RuleId,
    #[ink(topic)]
    pub feed: FeedId,
    /// The last settled value's time, or the firing's if later.
    pub silent_since: Timestamp,
}

/// A fired rule cleared (readings back in range long enough).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RuleCleared {
    #[ink(topic)]
    pub rule: RuleId,
    #[ink(topic)]
    pub feed: FeedId,
    pub value: i64,
}

/// The oracle halted (`halted: true`) or resumed the token because of `rule`; `ok` is false when the token refused
/// (for example because the oracle lacks the guardian role) — the reading is kept either way, and a failed halt
/// leaves the rule unfired so the next breaching value fires it and tries again.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TokenActionTaken {
    #[ink(topic)]
    pub rule: RuleId,
    pub halted: bool,
    pub ok: bool,
}

/// A document version was anchored.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct DocumentAnchored {
    #[ink(topic)]
    pub key: u32,
    pub version: u32,
    pub cid: Vec<u8>,
    pub hash: Hash,
    #[ink(topic)]
    pub signer: AccountId,
    pub role: OracleRole,
}

/// A stakeholder posted a progress milestone.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct MilestonePosted {
    #[ink(topic)]
    pub milestone: MilestoneId,
    #[ink(topic)]
    pub poster: AccountId,
    pub evidence: Hash,
}

/// A stakeholder attested a milestone.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct MilestoneAttested {
    #[ink(topic)]
    pub milestone: MilestoneId,
    #[ink(topic)]
    pub by: AccountId,
    pub attestations: u32,
    /// Whether the milestone now counts as attested.
    pub attested: bool,
    pub at: Timestamp,
}
