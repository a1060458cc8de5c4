//! The token's books: balances, allowances, supply, per-identity totals, holder count and block checkpoints.
//!
//! Rules are not checked here (see `compliance`); the ledger only refuses what would break its own arithmetic.
//! Each wallet's balance is attributed to one identity (or none, for exempt accounts); the caller passes the
//! attribution, and [`Ledger::reattribute`] moves a wallet's balance when the registry re-links it.
//!
//! Invariants (property-tested in `tests.rs`):
//! - the sum of all balances equals `total_supply`;
//! - each identity's total equals the sum of the balances of the wallets attributed to it;
//! - `holder_count` equals the number of identities with a non-zero total;
//! - `balance_of_at` / `total_supply_at` / `identity_total_at` / `identity_supply_at` equal a replay of the
//!   history up to that block;
//! - `identity_supply` equals the sum of all identity totals.
use ink::storage::Mapping;
use suite_traits::checkpoints::{Checkpoint, Tally};
use suite_traits::{AccountId, Balance, BlockNumber, IdentityId};

use crate::errors::TransferRestriction;

/// The token's books.
///
/// Each balance, identity total and supply is a [`Tally`]: the value with its history's length and newest block in
/// one cell, so a change reads one cell and writes it and one checkpoint (never the history before writing it).
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Ledger {
    supply: Tally,
    balances: Mapping<AccountId, Tally>,
    allowances: Mapping<(AccountId, AccountId), Balance>,
    identity_totals: Mapping<IdentityId, Tally>,
    holder_count: u32,
    balance_history: Mapping<(AccountId, u32), Checkpoint>,
    supply_history: Mapping<u32, Checkpoint>,
    /// Each identity's total by block: what a governor counts an identity's votes with.
    identity_history: Mapping<(IdentityId, u32), Checkpoint>,
    /// Sum of all identity totals (the supply outside exempt and unlinked wallets) and its history.
    identity_supply: Tally,
    identity_supply_history: Mapping<u32, Checkpoint>,
}

/// The supply after an operation of `amount` that mints (no sender), burns (no recipient) or only moves tokens:
/// refused if a mint would overflow it.
pub fn supply_after(
    supply: Balance,
    mints: bool,
    burns: bool,
    amount: Balance,
) -> Result<Balance, TransferRestriction> {
    match (mints, burns) {
        (true, false) => supply
            .checked_add(amount)
            .ok_or(TransferRestriction::Overflow),
        (false, true) => Ok(supply.saturating_sub(amount)),
        _ => Ok(supply),
    }
}

/// One side of a balance change: the wallet and the identity its balance is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    /// The wallet.
    pub account: AccountId,
    /// The identity its balance counts towards (`None` for exempt or unregistered wallets).
    pub identity: Option<IdentityId>,
}

impl Ledger {
    /// Total supply.
    pub fn total_supply(&self) -> Balance {
        self.supply.value
    }

    fn balance_tally(&self, account: AccountId) -> Tally {
        self.balances.get(account).unwrap_or_default()
    }

    fn identity_tally(&self, identity: IdentityId) -> Tally {
        self.identity_totals.get(identity).unwrap_or_default()
    }

    /// Balance of `account`.
    pub fn balance_of(&self, account: AccountId) -> Balance {
        self.balance_tally(account).value
    }

    /// Allowance of `spender` over `owner`'s tokens.
    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
        self.allowances.get((owner, spender)).unwrap_or(0)
    }

    /// Sets an allowance.
    pub fn set_allowance(&mut self, owner: AccountId, spender: AccountId, value: Balance) {
        if value == 0 {
            self.allowances.remove((owner, spender));
        } else {
            self.allowances.insert((owner, spender), &value);
        }
    }

    /// Total held by `identity` over all its wallets.
    pub fn identity_total(&self, identity: IdentityId) -> Balance {
        self.identity_tally(identity).value
    }

    /// Identities currently holding tokens.
    pub fn holder_count(&self) -> u32 {
        self.holder_count
    }

    /// Balance of `account` at the end of `block` (from its cell, or a binary search over its older checkpoints).
    pub fn balance_of_at(&self, account: AccountId, block: BlockNumber) -> Balance {
        self.balance_tally(account)
            .value_at(block, |i| self.balance_history.get((account, i)))
    }

    /// Total supply at the end of `block`.
    pub fn total_supply_at(&self, block: BlockNumber) -> Balance {
        self.supply.value_at(block, |i| self.supply_history.get(i))
    }

    /// What `identity` held over its attributed wallets at the end of `block`.
    pub fn identity_total_at(&self, identity: IdentityId, block: BlockNumber) -> Balance {
        self.identity_tally(identity)
            .value_at(block, |i| self.identity_history.get((identity, i)))
    }

    /// The supply attributed to identities now.
    pub fn identity_supply(&self) -> Balance {
        self.identity_supply.value
    }

    /// The supply attributed to identities at the end of `block`.
    pub fn identity_supply_at(&self, block: BlockNumber) -> Balance {
        self.identity_supply
            .value_at(block, |i| self.identity_supply_history.get(i))
    }

    /// Number of balance checkpoints of `account` (what a snapshot lookup's cost grows with, logarithmically).
    pub fn checkpoint_count(&self, account: AccountId) -> u32 {
        self.balance_tally(account).len
    }

    fn add_to_identity(
        &mut self,
        identity: Option<IdentityId>,
        amount: Balance,
        block: BlockNumber,
    ) -> Result<(), TransferRestriction> {
        let Some(id) = identity else { return Ok(()) };
        if amount == 0 {
            return Ok(());
        }
        let mut tally = self.identity_tally(id);
        let before = tally.value;
        let after = before
            .checked_add(amount)
            .ok_or(TransferRestriction::Overflow)?;
        let supply_after = self
            .identity_supply
            .value
            .checked_add(amount)
            .ok_or(TransferRestriction::Overflow)?;
        let holder_count = if before == 0 {
            self.holder_count
                .checked_add(1)
                .ok_or(TransferRestriction::Overflow)?
        } else {
            self.holder_count
        };
        self.write_identity(id, &mut tally, after, block);
        self.identity_supply.value = supply_after;
        self.holder_count = holder_count;
        Ok(())
    }

    fn sub_from_identity(
        &mut self,
        identity: Option<IdentityId>,
        amount: Balance,
        block: BlockNumber,
    ) -> Result<(), TransferRestriction> {
        let Some(id) = identity else { return Ok(()) };
        if amount == 0 {
            return Ok(());
        }
        let mut tally = self.identity_tally(id);
        // The identity total includes this wallet's balance, which covers `amount`: no underflow can occur while
        // the invariant holds; saturate rather than trap if it ever did not.
        let after = tally.value.saturating_sub(amount);
        if after == 0 {
            self.holder_count = self.holder_count.saturating_sub(1);
        }
        self.write_identity(id, &mut tally, after, block);
        self.identity_supply.value = self.identity_supply.value.saturating_sub(amount);
        Ok(())
    }

    fn write_identity(
        &mut self,
        identity: IdentityId,
        tally: &mut Tally,
        value: Balance,
        block: BlockNumber,
    ) {
        let (index, checkpoint) = tally.record(value, block);
        self.identity_totals.insert(identity, tally);
        self.identity_history.insert((identity, index), &checkpoint);
    }

    fn write_balance(
        &mut self,
        account: AccountId,
        tally: &mut Tally,
        value: Balance,
        block: BlockNumber,
    ) {
        let (index, checkpoint) = tally.record(value, block);
        self.balances.insert(account, tally);
        self.balance_history.insert((account, index), &checkpoint);
    }

    fn record_supply(&mut self, value: Balance, block: BlockNumber) {
        let (index, checkpoint) = self.supply.record(value, block);
        self.supply_history.insert(index, &checkpoint);
    }

    /// Checkpoints the identity supply's current value (already set by the identity changes of an operation).
    fn record_identity_supply(&mut self, block: BlockNumber) {
        let value = self.identity_supply.value;
        let (index, checkpoint) = self.identity_supply.record(value, block);
        self.identity_supply_history.insert(index, &checkpoint);
    }

    /// Moves `amount` from `from` to `to` (`None` on one side = mint or burn), updating identity totals, the
    /// holder count and checkpoints. All checks happen before any write, so a refusal changes nothing.
    pub fn transfer(
        &mut self,
        from: Option<Holder>,
        to: Option<Holder>,
        amount: Balance,
        block: BlockNumber,
    ) -> Result<(), TransferRestriction> {
        let from_side = match from {
            Some(h) => {
                let tally = self.balance_tally(h.account);
                let after = tally.value.checked_sub(amount).ok_or(
                    TransferRestriction::InsufficientBalance {
                        balance: tally.value,
                        required: amount,
                    },
                )?;
                Some((h, tally, after))
            }
            None => None,
        };
        let supply = self.supply.value;
        let supply_after = supply_after(supply, from.is_none(), to.is_none(), amount)?;
        let self_transfer = matches!((from, to), (Some(f), Some(t)) if f.account == t.account);
        if self_transfer {
            // Nothing moves; the balance check above still applied.
            return Ok(());
        }
        let to_side = match to {
            Some(h) => {
                let tally = self.balance_tally(h.account);
                let after = tally
                    .value
                    .checked_add(amount)
                    .ok_or(TransferRestriction::Overflow)?;
                Some((h, tally, after))
            }
            None => None,
        };
        let same_identity = matches!((from, to), (Some(f), Some(t)) if f.identity.is_some() && f.identity == t.identity);
        let identity_supply_before = self.identity_supply.value;
        if let Some((h, mut tally, after)) = from_side {
            self.write_balance(h.account, &mut tally, after, block);
            if !same_identity {
                self.sub_from_identity(h.identity, amount, block)?;
            }
        }
        if let Some((h, mut tally, after)) = to_side {
            self.write_balance(h.account, &mut tally, after, block);
            if !same_identity {
                self.add_to_identity(h.identity, amount, block)?;
            }
        }
        if supply_after != supply {
            self.record_supply(supply_after, block);
        }
        // Once per operation, and only if it changed (a transfer between two identities leaves it as it was).
        if self.identity_supply.value != identity_supply_before {
            self.record_identity_supply(block);
        }
        Ok(())
    }

    /// Moves `account`'s whole balance from identity `old` to identity `new` (the registry re-linked the wallet).
    pub fn reattribute(
        &mut self,
        account: AccountId,
        old: Option<IdentityId>,
        new: Option<IdentityId>,
        block: BlockNumber,
    ) -> Result<(), TransferRestriction> {
        if old == new {
            return Ok(());
        }
        let balance = self.balance_of(account);
        let identity_supply_before = self.identity_supply.value;
        self.sub_from_identity(old, balance, block)?;
        self.add_to_identity(new, balance, block)?;
        if self.identity_supply.value != identity_supply_before {
            self.record_identity_supply(block);
        }
        Ok(())
    }
}

impl Ledger {
    /// Block of `account`'s first balance checkpoint; before it the account's balance was zero at every block.
    pub fn first_checkpoint_block(&self, account: AccountId) -> Option<BlockNumber> {
        self.balance_history.get((account, 0)).map(|c| c.block)
    }
}
