//! One event per state change of the governor.
use suite_traits::{AccountId, Balance, BlockNumber, Hash, IdentityId, Timestamp};

use crate::types::{ProposalId, ReturnKind, Support, Track};

/// A proposal was created.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ProposalCreated {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub proposer: AccountId,
    pub track: Track,
    pub calls: u32,
    pub description_hash: Hash,
    pub snapshot: BlockNumber,
    pub vote_end: BlockNumber,
}

/// An identity voted, through one of its wallets.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct VoteCast {
    #[ink(topic)]
    pub id: ProposalId,
    #[ink(topic)]
    pub voter: AccountId,
    pub identity: IdentityId,
    pub support: Support,
    pub weight: Balance,
}

/// A succeeded proposal was queued behind the timelock.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ProposalQueued {
    #[ink(topic)]
    pub id: ProposalId,
    pub eta: Timestamp,
}

/// A proposal's calls all succeeded.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ProposalExecuted {
    #[ink(topic)]
    pub id: ProposalId,
}

/// A proposal was cancelled.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ProposalCancelled {
    #[ink(topic)]
    pub id: ProposalId,
    pub by: AccountId,
}

/// Governance parameters changed (by a proposal).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ParamsChanged {
    pub proposal_threshold: Balance,
}

/// A message was allowed (`kind: Some`) or removed from the allow-list (by a proposal).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct AllowListChanged {
    #[ink(topic)]
    pub callee: AccountId,
    pub selector: [u8; 4],
    pub kind: Option<ReturnKind>,
}

/// The emergency track's allow-list changed (by a normal proposal).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct EmergencyAllowListChanged {
    #[ink(topic)]
    pub callee: AccountId,
    pub selector: [u8; 4],
    pub kind: Option<ReturnKind>,
}

/// The registry voters are verified in changed (by a proposal, with the token's).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RegistryChanged {
    pub registry: AccountId,
}

/// The guardian changed (by a proposal).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct GuardianChanged {
    pub guardian: Option<AccountId>,
}

/// An emergency opener was added or removed (by a proposal).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct EmergencyOpenerChanged {
    #[ink(topic)]
    pub account: AccountId,
    pub allowed: bool,
}

/// The governor accepted the admin role of a contract.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct AdminAccepted {
    #[ink(topic)]
    pub target: AccountId,
}
