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
    /// A voting delay above the longest allowed (blocks): a vote could never start in practice.
    DelayTooLong { max: u32 },
    /// A voting period above the longest allowed (blocks).
    PeriodTooLong { max: u32 },
    /// A timelock above the longest allowed (ms).
    TimelockTooLong { max: u64 },
    /// A quorum above the highest allowed (bps): holders who stay away could block every proposal.
    QuorumTooHigh { max_bps: u16 },
    /// An approval share outside the allowed range (bps): below a majority a minority decides; above two
    /// thirds a minority could block every proposal, the one that would lower it included.
    ApprovalOutOfRange { min_bps: u16, max_bps: u16 },
    /// A proposal threshold above the highest allowed share of the supply: nobody could propose again.
    ThresholdTooHigh { max: u128 },
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
