//! Value types of the distributor that its state, errors and events share (a leaf: it imports nothing of the crate).

use suite_traits::AccountId;

/// Number of a distribution (from 0).
pub type DistributionId = u32;

/// What a distribution pays in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Asset {
    /// The chain's native currency.
    Native,
    /// A PSP22 token (a stablecoin).
    Psp22(AccountId),
}
