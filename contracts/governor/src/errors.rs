//! Every way a governor message can fail, each carrying what explains it.
use suite_traits::{AccountId, Balance, IdentityId, Timestamp};

use crate::types::{ParamsRule, ProposalId, ProposalState};

/// Result of a governor operation.
pub type GovernorResult<T> = Result<T, GovernorError>;

/// Why a voter is not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum NotVerifiedReason {
    /// The wallet belongs to no identity.
    NotRegistered,
    /// The identity lacks a valid KYC claim.
    MissingKyc,
    /// The regulator froze the identity.
    Frozen,
}

/// How an executed call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CallFailure {
    /// The call trapped, ran out of gas, or the callee does not exist.
    Trapped,
    /// ink! refused the input (unknown selector, undecodable arguments).
    LangError,
    /// The message returned `Err`.
    ReturnedErr,
    /// The governor could not decode the input of one of its own messages.
    BadSelfInput,
}

/// Why the governor refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum GovernorError {
    /// Configuration messages are callable only by the governor itself, through an executed proposal.
    NotSelf { caller: AccountId },
    /// Only the proposer (before the vote ends) or the guardian may cancel.
    NotProposerOrGuardian { caller: AccountId },
    /// The caller may not open emergency proposals.
    NotEmergencyOpener { caller: AccountId },
    /// The proposer's voting power is below the threshold.
    BelowThreshold { power: Balance, threshold: Balance },
    /// A proposal needs at least one call.
    NoCalls,
    /// Too many calls.
    TooManyCalls { max: u32 },
    /// A call's input is too long.
    InputTooLong { index: u32, max: u32 },
    /// A call targets a message that is not allow-listed.
    CallNotAllowed {
        callee: AccountId,
        selector: [u8; 4],
    },
    /// No proposal has this number.
    UnknownProposal { id: ProposalId },
    /// The operation is not possible in the proposal's state.
    WrongState {
        id: ProposalId,
        state: ProposalState,
    },
    /// The voter's identity is not verified.
    NotVerified {
        account: AccountId,
        reason: NotVerifiedReason,
    },
    /// The identity (through any of its wallets) already voted.
    AlreadyVoted { identity: IdentityId },
    /// The identity held nothing at the snapshot.
    NoVotingPower { identity: IdentityId },
    /// The timelock has not elapsed.
    TimelockNotElapsed { eta: Timestamp },
    /// Call `index` failed; everything the execution did is undone.
    ExecutionFailed { index: u32, failure: CallFailure },
    /// The parameters break a rule.
    InvalidParams { rule: ParamsRule },
    /// The token could not answer a balance question.
    TokenUnavailable,
    /// The registry could not be asked.
    RegistryUnavailable,
    /// The contract refused to hand its admin role to the governor.
    AcceptFailed {
        target: AccountId,
        failure: CallFailure,
    },
    /// A counter overflowed.
    Overflow,
    /// The guardian may not cancel a proposal that removes or replaces the guardian.
    GuardianCannotCancel { id: ProposalId },
    /// The token asks `token_registry`, not the governor's `registry`: the token's identity books are numbered by
    /// another registry, so a vote or a proposal cannot be weighed (one identity could get another's votes), and a
    /// proposal that would leave them apart does not execute (move both in one proposal).
    TokenOnAnotherRegistry {
        token_registry: AccountId,
        registry: AccountId,
    },
    /// The registry changed in block `changed_at`, not before proposal `id`'s snapshot: its power was counted in
    /// the old registry's numbers, so it takes no more votes and is neither queued nor executed (propose again).
    RegistryChangedSinceProposal { id: ProposalId, changed_at: u32 },
    /// The contract is constructed already: `split_construct` (the constructor's hand-over from a shell's `deploy`,
    /// see `suite_traits::split`) runs only on the placeholder that `deploy` writes.
    AlreadyConstructed,
}
