//! The PSP34 non-fungible-token standard, under its exact trait and message names.
//!
//! As for PSP22, ink! derives each selector from `"<TraitName>::<message_name>"`, so these names are what keeps
//! wallets and front-ends written for the PSP34 specification (and OpenBrush-era contracts) working:
//! `PSP34::transfer` = `0x3128d61b`, `PSP34::owner_of` = `0x1168624d`, `PSP34Metadata::get_attribute` =
//! `0xf19d48d1` (asserted at compile time in the usage pass's tests, and against its built metadata).
use alloc::string::String;
use alloc::vec::Vec;

use crate::{AccountId, Balance};

/// A PSP34 token id: every variant the specification allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Id {
    U8(u8),
    U16(u16),
    U32(u32),
    U64(u64),
    U128(u128),
    Bytes(Vec<u8>),
}

/// Errors of the PSP34 standard, variant for variant as in the specification.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PSP34Error {
    /// Any error the standard does not name; the string says what happened.
    Custom(String),
    /// The owner tried to approve itself.
    SelfApprove,
    /// The caller is neither the owner nor approved for the token.
    NotApproved,
    /// A token with this id already exists.
    TokenExists,
    /// No token has this id.
    TokenNotExists,
    /// The recipient contract refused the token.
    SafeTransferCheckFailed(String),
}

/// PSP34 core: ownership, approvals and transfers.
#[ink::trait_definition]
pub trait PSP34 {
    /// Id of the collection (the contract) itself.
    #[ink(message)]
    fn collection_id(&self) -> Id;

    /// Number of tokens `owner` holds.
    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> u32;

    /// Owner of token `id`, if it exists.
    #[ink(message)]
    fn owner_of(&self, id: Id) -> Option<AccountId>;

    /// Whether `operator` may move `owner`'s token `id` (or, with `None`, all of `owner`'s tokens).
    #[ink(message)]
    fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool;

    /// Approves (or disapproves) `operator` for the caller's token `id`, or for all its tokens with `None`.
    #[ink(message)]
    fn approve(
        &mut self,
        operator: AccountId,
        id: Option<Id>,
        approved: bool,
    ) -> Result<(), PSP34Error>;

    /// Moves token `id`, owned by the caller or approved to it, to `to`.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, id: Id, data: Vec<u8>) -> Result<(), PSP34Error>;

    /// Number of tokens in existence.
    #[ink(message)]
    fn total_supply(&self) -> Balance;
}

/// PSP34 metadata extension: attributes per token (or of the collection, under its collection id).
#[ink::trait_definition]
pub trait PSP34Metadata {
    /// Attribute `key` of token `id`, if set.
    #[ink(message)]
    fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>>;
}
