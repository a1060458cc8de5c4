//! The governor's cross-call surface for the oracle: opening an emergency proposal (for example "resume the
//! halted token") that token holders then vote on with a short delay and a super-quorum.
use alloc::vec::Vec;

use crate::{AccountId, Balance, Hash};

/// One call a proposal makes when executed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ProposedCall {
    /// Contract called (allow-listed with `selector`, or the governor itself).
    pub callee: AccountId,
    /// The message's 4-byte selector.
    pub selector: [u8; 4],
    /// Its SCALE-encoded arguments.
    pub input: Vec<u8>,
    /// Native value sent with the call.
    pub value: Balance,
}

/// Why an emergency proposal was not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum EmergencyError {
    /// The caller may not open emergency proposals.
    NotEmergencyOpener { caller: AccountId },
    /// A call is not allow-listed, or there are no calls.
    CallsRefused,
    /// More than `max` calls.
    TooManyCalls { max: u32 },
    /// Call number `index` carries more than `max` bytes of input.
    InputTooLong { index: u32, max: u32 },
}

/// A governor with an emergency track.
#[ink::trait_definition]
pub trait EmergencyProposals {
    /// Opens an emergency proposal with `calls`; returns its number.
    #[ink(message)]
    fn propose_emergency(
        &mut self,
        calls: Vec<ProposedCall>,
        description_hash: Hash,
    ) -> Result<u32, EmergencyError>;
}
