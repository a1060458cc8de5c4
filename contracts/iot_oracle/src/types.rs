//! Value types of the oracle that its feeds, rules, state, errors and events share (a leaf: it imports nothing of
//! the crate).

/// Roles besides the admin (bit mask per account).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum OracleRole {
    /// Posts and attests progress milestones (sponsor, contractor, lender's engineer, ...).
    Stakeholder,
    /// Anchors design documents (BIM models, drawings).
    Engineer,
    /// Anchors inspection reports.
    Inspector,
    /// Marks a stakeholder as on the sponsor's side (the sponsor, its engineer): a milestone, which releases money
    /// to the sponsor, counts as attested only with at least one attestation by a stakeholder without this mark.
    SponsorSide,
}

impl OracleRole {
    pub(crate) const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Number of a feed inside one oracle.
pub type FeedId = u32;

/// Why a feed configuration was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum FeedRule {
    /// `min_value` must be below `max_value`.
    BoundsInverted,
    /// The quorum must be between 1 and the most reporters a round can hold.
    QuorumOutOfRange,
    /// Timeouts, staleness and (for cumulative feeds) the period must be positive.
    ZeroDuration,
    /// An edit cannot change whether a feed is cumulative or the length of its totals period (the totals
    /// already kept would mix two period grids).
    PeriodFixed,
}

/// Number of a rule inside one oracle (used as the halt reason code).
pub type RuleId = u32;

/// What a firing rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum RuleAction {
    /// Halt the project token (the oracle holds its guardian role); resume it when the rule clears.
    HaltToken,
    /// Only emit an alert.
    Alert,
}
