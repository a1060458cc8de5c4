//! What a payer of holders (the dividend distributor) needs to know about a token's wallets beyond balances: where
//! a lost wallet's holdings went by recovery, and from which block a wallet ever held anything.
use crate::{AccountId, Balance, BlockNumber, CheckpointError, KeptStatus};
use alloc::vec::Vec;

/// Most blocks [`WalletHistory::holder_record`] answers for in one call.
pub const MAX_RECORD_BLOCKS: u32 = 16;

/// What a payer of holders needs about one wallet, read in one call (one frame, one load of the token's code).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct HolderRecord {
    /// The wallet's balance at the end of each block asked about, in the order asked.
    pub balances: Vec<Balance>,
    /// Frozen by the token's agent (may neither send nor receive).
    pub account_frozen: bool,
    /// Where `recover_wallet` moved the wallet's whole balance, if it did.
    pub recovered_to: Option<AccountId>,
    /// [`WalletHistory::first_balance_block`], in the same frame (a holder's first claim needs it).
    pub first_balance_block: Option<BlockNumber>,
    /// The wallet's status (country, identity freeze; no claims asked) from the token's copy of its registry's
    /// facts; `None` when the copy does not hold it now (ask the registry).
    pub status: Option<KeptStatus>,
}

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

    /// `account`'s balance at the end of each of `blocks`, its freeze, its recovery, its first balance block and its
    /// kept status, at once. Refused as a whole
    /// if a block has not been produced yet, or if more than [`MAX_RECORD_BLOCKS`] are asked for.
    #[ink(message)]
    fn holder_record(
        &self,
        account: AccountId,
        blocks: Vec<BlockNumber>,
    ) -> Result<HolderRecord, CheckpointError>;
}
