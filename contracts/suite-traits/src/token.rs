//! Cross-call surfaces of the project token beyond PSP22: checkpoints (for dividends and votes) and the
//! guardian halt (for the oracle).
use crate::{AccountId, Balance, BlockNumber, ClaimSet, Hash, VoterRecord};

/// Why a checkpoint query was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum CheckpointError {
    /// The block has not been produced yet, so its balances are not known.
    FutureBlock {
        /// Block asked about.
        requested: BlockNumber,
        /// Current block.
        current: BlockNumber,
    },
    /// More blocks asked about in one call than the token answers for.
    TooManyBlocks {
        /// Blocks asked about.
        asked: u32,
        /// Most blocks per call.
        max: u32,
    },
}

/// Balances and supply as they stood at the end of a past block.
#[ink::trait_definition]
pub trait Checkpointed {
    /// Balance of `account` at the end of `block` (the current block gives the balance so far).
    #[ink(message)]
    fn balance_of_at(
        &self,
        account: AccountId,
        block: BlockNumber,
    ) -> Result<Balance, CheckpointError>;

    /// Total supply at the end of `block` (the current block gives the supply so far).
    #[ink(message)]
    fn total_supply_at(&self, block: BlockNumber) -> Result<Balance, CheckpointError>;
}

/// Why a halt or resume was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum HaltError {
    /// The caller holds neither the guardian role nor (for resume) the admin role.
    NotGuardian {
        /// Who called.
        caller: AccountId,
    },
    /// Trading is already halted.
    AlreadyHalted,
    /// Trading is not halted.
    NotHalted,
}

/// Emergency halt of trading, held by a guardian (the IoT oracle, when a sensor rule fires).
#[ink::trait_definition]
pub trait Haltable {
    /// Stops every transfer, mint and burn until [`Haltable::resume`]; `reason` is a code the guardian defines
    /// (for example the oracle's rule id) and `evidence` a hash of the data that triggered it.
    #[ink(message)]
    fn halt(&mut self, reason: u32, evidence: Hash) -> Result<(), HaltError>;

    /// Lifts the halt.
    #[ink(message)]
    fn resume(&mut self) -> Result<(), HaltError>;

    /// Whether trading is halted.
    #[ink(message)]
    fn is_halted(&self) -> bool;
}

/// Whether the token's agent froze an account (dividends to a frozen account are held, not paid).
#[ink::trait_definition]
pub trait AccountFreeze {
    /// Whether `account` is frozen on this token.
    #[ink(message)]
    fn is_account_frozen(&self, account: AccountId) -> bool;
}

/// Holdings per identity as they stood at the end of a past block: what a governor counts votes with. Only
/// wallets linked to the identity at that block count, and exempt accounts (treasury, escrow, distributor) never.
#[ink::trait_definition]
pub trait IdentityCheckpointed {
    /// What `identity` held over the wallets linked to it, at the end of `block`.
    #[ink(message)]
    fn identity_balance_at(
        &self,
        identity: crate::IdentityId,
        block: BlockNumber,
    ) -> Result<Balance, CheckpointError>;

    /// The supply held by identities (the supply that can vote) at the end of `block`.
    #[ink(message)]
    fn identity_supply_at(&self, block: BlockNumber) -> Result<Balance, CheckpointError>;

    /// What a vote needs, in one frame: `voter`'s status with `claims` from the token's copy of its registry's
    /// facts (`None` when the copy does not hold it now), what that identity held at the end of `block`, and the
    /// supply held by identities then if `with_supply`. Refused if `block` has not been produced yet.
    #[ink(message)]
    fn voter_record(
        &self,
        voter: AccountId,
        claims: ClaimSet,
        block: BlockNumber,
        with_supply: bool,
    ) -> Result<VoterRecord, CheckpointError>;
}
