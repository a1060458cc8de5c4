//! Value types of the escrow that its state, errors and events share (a leaf: it imports nothing of the crate).

/// Where the offering stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Phase {
    /// Deployed; waiting for the lead investor's commitment.
    AwaitingLead,
    /// The lead committed; investors may contribute until the deadline or the hard cap.
    Open,
    /// The soft cap was met: tokens are claimable and the sponsor is paid (in tranches).
    Succeeded,
    /// The soft cap was missed or the lead never came: refunds.
    Failed,
    /// The admin cancelled: refunds.
    Cancelled,
}

/// A bounded list inside the terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ListKind {
    /// Milestone tranches.
    Tranches,
    /// Blocked countries.
    BlockedCountries,
}
