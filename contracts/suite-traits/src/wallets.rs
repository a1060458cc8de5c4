//! What a payer of holders (the dividend distributor) needs to know about a token's wallets beyond balances: where
//! a lost wallet's holdings went by recovery, and from which block a wallet ever held anything.
use crate::{AccountId, BlockNumber};

/// Read-only wallet history of a token.
#[ink::trait_definition]
pub trait WalletHistory {
    /// The wallet the token's agent moved `lost`'s whole balance to with `recover_wallet` (same identity), if any.
    #[ink(message)]
    fn recovered_to(&self, lost: AccountId) -> Option<AccountId>;

    /// Block of `account`'s first balance checkpoint: at the end of every earlier block its balance was zero.
    /// `None` if its balance never changed (it never held anything).
    #[ink(message)]
    fn first_balance_block(&self, account: AccountId) -> Option<BlockNumber>;
}
