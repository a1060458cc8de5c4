//! A party's status as a token's copy of its registry's facts holds it (see `IdentityListener`).
//!
//! The governor and the dividend distributor already call the token for balances; when the token's copy holds the
//! party they take its status from the same frame instead of calling the registry too (one frame and one load of
//! the registry's code less per vote and per claim). The copy is exact: the registry tells every bound token of
//! every change in the same transaction, and a token answers only for parties whose copy is current. A caller uses
//! the answer only if it is a copy of the registry it trusts itself ([`KeptStatus::of_registry`]); otherwise, or
//! when the token does not hold the party, it asks its registry as before.
use crate::{AccountId, Balance, PartyStatus};

/// A party's status from a token's current copy of `registry`'s facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct KeptStatus {
    /// The registry whose facts the token copies.
    pub registry: AccountId,
    /// The party's status, exactly as `registry.party_status` would answer it now for the same claims.
    pub status: PartyStatus,
}

impl KeptStatus {
    /// The status, if it is a copy of `registry`'s facts (a token may be bound to another registry than the
    /// caller's; its copy then says nothing about the caller's registry).
    pub fn of_registry(self, registry: AccountId) -> Option<PartyStatus> {
        (self.registry == registry).then_some(self.status)
    }
}

/// What a vote needs from the token, read in one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct VoterRecord {
    /// The voter's status from the token's copy; `None` when the copy does not hold it now (ask the registry).
    pub status: Option<KeptStatus>,
    /// What the identity in `status` held over its wallets at the end of the asked block (`None` when `status`
    /// is `None` or names no identity).
    pub power: Option<Balance>,
    /// The supply held by identities at the end of the asked block, if it was asked for.
    pub supply: Option<Balance>,
    /// The registry the token asks (whose numbers its identity books count): a governor counts `power` only
    /// for its own registry's identities.
    pub registry: AccountId,
}
