//! The PSP22 fungible-token standard, under its exact trait and message names.
//!
//! ink! derives a trait message's selector from `"<TraitName>::<message_name>"`, so these names are the
//! compatibility contract with wallets and front-ends: do not rename them.
use alloc::string::String;
use alloc::vec::Vec;

use crate::{AccountId, Balance};

/// Errors of the PSP22 standard, variant for variant as in the specification.
///
/// A security token reports a compliance refusal as [`PSP22Error::Custom`] with a readable reason, because the
/// standard has no richer variant; its `can_transfer` view returns the typed reason.
#[derive(Debug, PartialEq, Eq, Clone)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PSP22Error {
    /// Any error that the standard does not name; the string says what happened.
    Custom(String),
    /// The sender's balance is smaller than the amount.
    InsufficientBalance,
    /// The spender's allowance is smaller than the amount.
    InsufficientAllowance,
    /// The recipient is the zero address.
    ZeroRecipientAddress,
    /// The sender is the zero address.
    ZeroSenderAddress,
    /// The recipient contract refused the transfer.
    SafeTransferCheckFailed(String),
}

/// PSP22 core: balances, allowances and transfers.
#[ink::trait_definition]
pub trait PSP22 {
    /// Total amount of tokens in existence.
    #[ink(message)]
    fn total_supply(&self) -> Balance;

    /// Balance of `owner` (zero for an unknown account).
    #[ink(message)]
    fn balance_of(&self, owner: AccountId) -> Balance;

    /// Amount `spender` may still move out of `owner`'s balance.
    #[ink(message)]
    fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance;

    /// Moves `value` from the caller to `to`; `data` is free-form and only passed along.
    #[ink(message)]
    fn transfer(&mut self, to: AccountId, value: Balance, data: Vec<u8>) -> Result<(), PSP22Error>;

    /// Moves `value` from `from` to `to` out of the caller's allowance.
    #[ink(message)]
    fn transfer_from(
        &mut self,
        from: AccountId,
        to: AccountId,
        value: Balance,
        data: Vec<u8>,
    ) -> Result<(), PSP22Error>;

    /// Sets the caller's allowance for `spender` to `value`.
    #[ink(message)]
    fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error>;

    /// Raises the caller's allowance for `spender` by `delta_value`.
    #[ink(message)]
    fn increase_allowance(
        &mut self,
        spender: AccountId,
        delta_value: Balance,
    ) -> Result<(), PSP22Error>;

    /// Lowers the caller's allowance for `spender` by `delta_value`.
    #[ink(message)]
    fn decrease_allowance(
        &mut self,
        spender: AccountId,
        delta_value: Balance,
    ) -> Result<(), PSP22Error>;
}

/// PSP22 metadata extension.
#[ink::trait_definition]
pub trait PSP22Metadata {
    /// Token name, if set.
    #[ink(message)]
    fn token_name(&self) -> Option<String>;
    /// Token symbol, if set.
    #[ink(message)]
    fn token_symbol(&self) -> Option<String>;
    /// Number of decimals of the token's display unit.
    #[ink(message)]
    fn token_decimals(&self) -> u8;
}

/// PSP22 mint extension (OpenBrush signature: the account receives newly minted tokens).
#[ink::trait_definition]
pub trait PSP22Mintable {
    /// Creates `amount` tokens on `account`.
    #[ink(message)]
    fn mint(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error>;
}

/// PSP22 burn extension (OpenBrush signature: tokens are destroyed from `account`).
#[ink::trait_definition]
pub trait PSP22Burnable {
    /// Destroys `amount` tokens of `account`.
    #[ink(message)]
    fn burn(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error>;
}
