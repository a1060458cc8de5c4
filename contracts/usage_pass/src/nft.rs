//! PSP34 ownership and approvals of the passes, free of message dispatch: each operation takes the caller and
//! returns the standard's events. Pass ids are `Id::U64`; any other id names no pass.
use ink::storage::Mapping;
use suite_traits::{AccountId, Id, PSP34Error};

use crate::events::{Approval, Transfer};
use crate::types::PassId;

/// Ownership books of the collection.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct NftData {
    owners: Mapping<PassId, AccountId>,
    balances: Mapping<AccountId, u32>,
    /// Operators approved for all of an owner's passes.
    operators: Mapping<(AccountId, AccountId), ()>,
    /// The one operator approved for a single pass; cleared whenever the pass moves or is burned, so an approval
    /// never survives a change of owner.
    pass_operator: Mapping<PassId, AccountId>,
    supply: u64,
}

/// The pass number inside a PSP34 id, if it is one of ours.
pub fn pass_number(id: &Id) -> Option<PassId> {
    match id {
        Id::U64(n) => Some(*n),
        _ => None,
    }
}

impl NftData {
    /// Owner of pass `id`.
    pub fn owner_of(&self, id: PassId) -> Option<AccountId> {
        self.owners.get(id)
    }

    /// Passes `owner` holds.
    pub fn balance_of(&self, owner: AccountId) -> u32 {
        self.balances.get(owner).unwrap_or(0)
    }

    /// Passes in existence.
    pub fn total_supply(&self) -> u64 {
        self.supply
    }

    /// Whether `operator` may move `owner`'s pass `id` (`None`: all its passes).
    pub fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<PassId>) -> bool {
        self.operators.contains((owner, operator))
            || id.is_some_and(|n| {
                self.owner_of(n) == Some(owner) && self.pass_operator.get(n) == Some(operator)
            })
    }

    fn add_to(&mut self, owner: AccountId) -> Result<(), PSP34Error> {
        let n = self
            .balance_of(owner)
            .checked_add(1)
            .ok_or(PSP34Error::Custom("balance overflow".into()))?;
        self.balances.insert(owner, &n);
        Ok(())
    }

    fn remove_from(&mut self, owner: AccountId) {
        let n = self.balance_of(owner).saturating_sub(1);
        if n == 0 {
            self.balances.remove(owner);
        } else {
            self.balances.insert(owner, &n);
        }
    }

    /// Creates pass `id` for `to`.
    pub fn mint(&mut self, to: AccountId, id: PassId) -> Result<Transfer, PSP34Error> {
        if self.owners.contains(id) {
            return Err(PSP34Error::TokenExists);
        }
        self.add_to(to)?;
        self.owners.insert(id, &to);
        self.supply = self
            .supply
            .checked_add(1)
            .ok_or(PSP34Error::Custom("supply overflow".into()))?;
        Ok(Transfer {
            from: None,
            to: Some(to),
            id: Id::U64(id),
        })
    }

    /// Destroys pass `id`.
    pub fn burn(&mut self, id: PassId) -> Result<Transfer, PSP34Error> {
        let owner = self.owner_of(id).ok_or(PSP34Error::TokenNotExists)?;
        self.remove_from(owner);
        self.owners.remove(id);
        self.pass_operator.remove(id);
        self.supply = self.supply.saturating_sub(1);
        Ok(Transfer {
            from: Some(owner),
            to: None,
            id: Id::U64(id),
        })
    }

    /// `caller` approves or disapproves `operator` for pass `id` or (with `None`) for all its passes.
    pub fn approve(
        &mut self,
        caller: AccountId,
        operator: AccountId,
        id: Option<PassId>,
        approved: bool,
    ) -> Result<Approval, PSP34Error> {
        if operator == caller {
            return Err(PSP34Error::SelfApprove);
        }
        if let Some(n) = id {
            let owner = self.owner_of(n).ok_or(PSP34Error::TokenNotExists)?;
            if owner != caller {
                return Err(PSP34Error::NotApproved);
            }
        }
        match (id, approved) {
            (None, true) => self
                .operators
                .insert((caller, operator), &())
                .map_or((), |_| ()),
            (None, false) => self.operators.remove((caller, operator)),
            (Some(n), true) => self.pass_operator.insert(n, &operator).map_or((), |_| ()),
            (Some(n), false) => {
                if self.pass_operator.get(n) == Some(operator) {
                    self.pass_operator.remove(n);
                }
            }
        }
        Ok(Approval {
            owner: caller,
            operator,
            id: id.map(Id::U64),
            approved,
        })
    }

    /// `caller` (owner or approved operator) moves pass `id` to `to`.
    pub fn transfer(
        &mut self,
        caller: AccountId,
        to: AccountId,
        id: PassId,
    ) -> Result<Transfer, PSP34Error> {
        let owner = self.owner_of(id).ok_or(PSP34Error::TokenNotExists)?;
        if caller != owner && !self.allowance(owner, caller, Some(id)) {
            return Err(PSP34Error::NotApproved);
        }
        self.pass_operator.remove(id);
        if owner != to {
            self.remove_from(owner);
            self.add_to(to)?;
            self.owners.insert(id, &to);
        }
        Ok(Transfer {
            from: Some(owner),
            to: Some(to),
            id: Id::U64(id),
        })
    }
}
