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
use suite_traits::checkpoints::{self, Checkpoint, Slot};
use suite_traits::{AccountId, Balance, BlockNumber, IdentityId};

use crate::errors::TransferRestriction;

/// The token's books.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Ledger {
    total_supply: Balance,
    balances: Mapping<AccountId, Balance>,
    allowances: Mapping<(AccountId, AccountId), Balance>,
    identity_totals: Mapping<IdentityId, Balance>,
    holder_count: u32,
    balance_history: Mapping<(AccountId, u32), Checkpoint>,
    balance_history_len: Mapping<AccountId, u32>,
    supply_history: Mapping<u32, Checkpoint>,
    supply_history_len: u32,
    /// Each identity's total by block: what a governor counts an identity's votes with.
    identity_history: Mapping<(IdentityId, u32), Checkpoint>,
    identity_history_len: Mapping<IdentityId, u32>,
    /// Sum of all identity totals (the supply outside exempt and unlinked wallets) and its history.
    identity_supply: Balance,
    identity_supply_history: Mapping<u32, Checkpoint>,
    identity_supply_history_len: u32,
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
        self.total_supply
    }

    /// Balance of `account`.
    pub fn balance_of(&self, account: AccountId) -> Balance {
        self.balances.get(account).unwrap_or(0)
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
        self.identity_totals.get(identity).unwrap_or(0)
    }

    /// Identities currently holding tokens.
    pub fn holder_count(&self) -> u32 {
        self.holder_count
    }

    /// Balance of `account` at the end of `block` (binary search over its checkpoints).
    pub fn balance_of_at(&self, account: AccountId, block: BlockNumber) -> Balance {
        let len = self.balance_history_len.get(account).unwrap_or(0);
        checkpoints::value_at(len, block, |i| self.balance_history.get((account, i)))
    }

    /// Total supply at the end of `block`.
    pub fn total_supply_at(&self, block: BlockNumber) -> Balance {
        checkpoints::value_at(self.supply_history_len, block, |i| {
            self.supply_history.get(i)
        })
    }

    /// What `identity` held over its attributed wallets at the end of `block`.
    pub fn identity_total_at(&self, identity: IdentityId, block: BlockNumber) -> Balance {
        let len = self.identity_history_len.get(identity).unwrap_or(0);
        checkpoints::value_at(len, block, |i| self.identity_history.get((identity, i)))
    }

    /// The supply attributed to identities now.
    pub fn identity_supply(&self) -> Balance {
        self.identity_supply
    }

    /// The supply attributed to identities at the end of `block`.
    pub fn identity_supply_at(&self, block: BlockNumber) -> Balance {
        checkpoints::value_at(self.identity_supply_history_len, block, |i| {
            self.identity_supply_history.get(i)
        })
    }

    /// Number of balance checkpoints of `account` (what a snapshot lookup's cost grows with, logarithmically).
    pub fn checkpoint_count(&self, account: AccountId) -> u32 {
        self.balance_history_len.get(account).unwrap_or(0)
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
        let before = self.identity_total(id);
        let after = before
            .checked_add(amount)
            .ok_or(TransferRestriction::Overflow)?;
        let supply_after = self
            .identity_supply
            .checked_add(amount)
            .ok_or(TransferRestriction::Overflow)?;
        self.identity_totals.insert(id, &after);
        self.record_identity(id, after, block);
        self.identity_supply = supply_after;
        if before == 0 {
            self.holder_count = self
                .holder_count
                .checked_add(1)
                .ok_or(TransferRestriction::Overflow)?;
        }
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
        let before = self.identity_total(id);
        // The identity total includes this wallet's balance, which covers `amount`: no underflow can occur while
        // the invariant holds; saturate rather than trap if it ever did not.
        let after = before.saturating_sub(amount);
        if after == 0 {
            self.identity_totals.remove(id);
            self.holder_count = self.holder_count.saturating_sub(1);
        } else {
            self.identity_totals.insert(id, &after);
        }
        self.record_identity(id, after, block);
        self.identity_supply = self.identity_supply.saturating_sub(amount);
        Ok(())
    }

    fn record_identity(&mut self, identity: IdentityId, value: Balance, block: BlockNumber) {
        let len = self.identity_history_len.get(identity).unwrap_or(0);
        let last = len
            .checked_sub(1)
            .and_then(|i| self.identity_history.get((identity, i)));
        let slot = match checkpoints::slot_for(len, last, block) {
            Slot::Overwrite(i) => i,
            Slot::Append(i) => {
                self.identity_history_len
                    .insert(identity, &i.saturating_add(1));
                i
            }
        };
        self.identity_history
            .insert((identity, slot), &Checkpoint { block, value });
    }

    fn record_identity_supply(&mut self, block: BlockNumber) {
        let len = self.identity_supply_history_len;
        let last = len
            .checked_sub(1)
            .and_then(|i| self.identity_supply_history.get(i));
        let value = self.identity_supply;
        let slot = match checkpoints::slot_for(len, last, block) {
            Slot::Overwrite(i) => i,
            Slot::Append(i) => {
                self.identity_supply_history_len = i.saturating_add(1);
                i
            }
        };
        self.identity_supply_history
            .insert(slot, &Checkpoint { block, value });
    }

    fn record_balance(&mut self, account: AccountId, value: Balance, block: BlockNumber) {
        let len = self.balance_history_len.get(account).unwrap_or(0);
        let last = len
            .checked_sub(1)
            .and_then(|i| self.balance_history.get((account, i)));
        match checkpoints::slot_for(len, last, block) {
            Slot::Overwrite(i) => {
                self.balance_history
                    .insert((account, i), &Checkpoint { block, value });
            }
            Slot::Append(i) => {
                self.balance_history
                    .insert((account, i), &Checkpoint { block, value });
                self.balance_history_len
                    .insert(account, &i.saturating_add(1));
            }
        }
    }

    fn record_supply(&mut self, block: BlockNumber) {
        let len = self.supply_history_len;
        let last = len.checked_sub(1).and_then(|i| self.supply_history.get(i));
        let value = self.total_supply;
        match checkpoints::slot_for(len, last, block) {
            Slot::Overwrite(i) => {
                self.supply_history.insert(i, &Checkpoint { block, value });
            }
            Slot::Append(i) => {
                self.supply_history.insert(i, &Checkpoint { block, value });
                self.supply_history_len = i.saturating_add(1);
            }
        }
    }

    fn set_balance(&mut self, account: AccountId, value: Balance, block: BlockNumber) {
        if value == 0 {
            self.balances.remove(account);
        } else {
            self.balances.insert(account, &value);
        }
        self.record_balance(account, value, block);
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
        let from_after = match from {
            Some(h) => {
                let balance = self.balance_of(h.account);
                Some(balance.checked_sub(amount).ok_or(
                    TransferRestriction::InsufficientBalance {
                        balance,
                        required: amount,
                    },
                )?)
            }
            None => None,
        };
        let supply_after = match (from, to) {
            (None, Some(_)) => self
                .total_supply
                .checked_add(amount)
                .ok_or(TransferRestriction::Overflow)?,
            (Some(_), None) => self.total_supply.saturating_sub(amount),
            _ => self.total_supply,
        };
        let self_transfer = matches!((from, to), (Some(f), Some(t)) if f.account == t.account);
        if self_transfer {
            // Nothing moves; the balance check above still applied.
            return Ok(());
        }
        let to_after = match to {
            Some(h) => Some(
                self.balance_of(h.account)
                    .checked_add(amount)
                    .ok_or(TransferRestriction::Overflow)?,
            ),
            None => None,
        };
        let same_identity = matches!((from, to), (Some(f), Some(t)) if f.identity.is_some() && f.identity == t.identity);
        let identity_supply_before = self.identity_supply;
        if let (Some(h), Some(v)) = (from, from_after) {
            self.set_balance(h.account, v, block);
            if !same_identity {
                self.sub_from_identity(h.identity, amount, block)?;
            }
        }
        if let (Some(h), Some(v)) = (to, to_after) {
            self.set_balance(h.account, v, block);
            if !same_identity {
                self.add_to_identity(h.identity, amount, block)?;
            }
        }
        if supply_after != self.total_supply {
            self.total_supply = supply_after;
            self.record_supply(block);
        }
        // Once per operation, and only if it changed (a transfer between two identities leaves it as it was).
        if self.identity_supply != identity_supply_before {
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
        let identity_supply_before = self.identity_supply;
        self.sub_from_identity(old, balance, block)?;
        self.add_to_identity(new, balance, block)?;
        if self.identity_supply != identity_supply_before {
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
