//! Value types of the governor that its proposals, state, errors and events share (a leaf: it imports nothing of
//! the crate).

/// Number of a proposal (from 0).
pub type ProposalId = u32;

/// How the governor judges an allow-listed message's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ReturnKind {
    /// The message returns `Result<_, _>`: only `Ok` counts as success.
    ResultOk,
    /// The message returns a plain value: success unless it traps or ink! refuses the input.
    Plain,
}

/// Voting track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Track {
    /// Any holder above the proposal threshold; normal delays and quorum.
    Normal,
    /// Opened by an emergency opener (the oracle); short delays, a super-quorum.
    Emergency,
}

/// Why parameters were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ParamsRule {
    /// Voting delay and period must be at least one block.
    ZeroBlocks,
    /// A basis-point figure exceeds 10 000, or a quorum or approval is zero.
    BadBps,
    /// The grace period must be positive.
    ZeroGrace,
}

/// A vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Support {
    Against,
    For,
    Abstain,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ProposalState {
    Pending,
    Active,
    Cancelled,
    Defeated,
    Succeeded,
    Queued,
    Expired,
    Executed,
}
