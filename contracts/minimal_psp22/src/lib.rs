//! # Minimal PSP22 (benchmark baseline)
//!
//! A bare PSP22 token with no compliance, no checkpoints and no roles: the whole supply is minted to the deployer.
//! It exists so the weight report can show what the project token's compliance costs on top of a plain transfer.
//! Not for production use.
//!
//! Invariant: the sum of balances equals the total supply fixed at construction.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
mod minimal_psp22 {
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use suite_traits::{PSP22Error, PSP22};

    /// PSP22: tokens moved.
    #[ink::event]
    pub struct Transfer {
        #[ink(topic)]
        pub from: Option<AccountId>,
        #[ink(topic)]
        pub to: Option<AccountId>,
        pub value: Balance,
    }

    /// PSP22: an allowance was set.
    #[ink::event]
    pub struct Approval {
        #[ink(topic)]
        pub owner: AccountId,
        #[ink(topic)]
        pub spender: AccountId,
        pub amount: Balance,
    }

    /// The baseline token.
    #[ink(storage)]
    pub struct MinimalPsp22 {
        total_supply: Balance,
        balances: Mapping<AccountId, Balance>,
        allowances: Mapping<(AccountId, AccountId), Balance>,
    }

    impl MinimalPsp22 {
        /// Mints `supply` to the deployer.
        #[ink(constructor)]
        pub fn new(supply: Balance) -> Self {
            let caller = Self::env().caller();
            let mut balances = Mapping::default();
            balances.insert(caller, &supply);
            Self::env().emit_event(Transfer {
                from: None,
                to: Some(caller),
                value: supply,
            });
            Self {
                total_supply: supply,
                balances,
                allowances: Mapping::default(),
            }
        }

        fn move_tokens(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
        ) -> Result<(), PSP22Error> {
            let from_balance = self.balances.get(from).unwrap_or(0);
            let from_after = from_balance
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientBalance)?;
            if from != to {
                let to_after = self
                    .balances
                    .get(to)
                    .unwrap_or(0)
                    .checked_add(value)
                    .ok_or(PSP22Error::Custom("overflow".into()))?;
                self.balances.insert(from, &from_after);
                self.balances.insert(to, &to_after);
            }
            self.env().emit_event(Transfer {
                from: Some(from),
                to: Some(to),
                value,
            });
            Ok(())
        }
    }

    impl PSP22 for MinimalPsp22 {
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.total_supply
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> Balance {
            self.balances.get(owner).unwrap_or(0)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.allowances.get((owner, spender)).unwrap_or(0)
        }

        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            self.move_tokens(self.env().caller(), to, value)
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            let spender = self.env().caller();
            let allowance = self.allowances.get((from, spender)).unwrap_or(0);
            let remaining = allowance
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            self.move_tokens(from, to, value)?;
            self.allowances.insert((from, spender), &remaining);
            self.env().emit_event(Approval {
                owner: from,
                spender,
                amount: remaining,
            });
            Ok(())
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            self.allowances.insert((owner, spender), &value);
            self.env().emit_event(Approval {
                owner,
                spender,
                amount: value,
            });
            Ok(())
        }

        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            let amount = self.allowance(owner, spender).saturating_add(delta_value);
            self.allowances.insert((owner, spender), &amount);
            self.env().emit_event(Approval {
                owner,
                spender,
                amount,
            });
            Ok(())
        }

        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            let amount = self
                .allowance(owner, spender)
                .checked_sub(delta_value)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            self.allowances.insert((owner, spender), &amount);
            self.env().emit_event(Approval {
                owner,
                spender,
                amount,
            });
            Ok(())
        }
    }
}
