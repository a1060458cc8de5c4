//! The transfer shell's own dispatcher (built with `--features hot-shell`; see [`suite_traits::split`]).
//!
//! ink!'s generated `call` decodes and answers every message of every trait the token implements, even those
//! whose body only hands the call to the full code: that dispatch was the biggest part of the code every transfer
//! loads. This `call` matches only the selectors in [`HOT_MESSAGES`], calls the very same message methods and
//! answers as ink!'s dispatch would (a message returning `Err` reverts; see [`suite_traits::split::answer`]); any
//! other input, and a hot selector whose arguments do not decode, goes to the full code, input and all.
//!
//! Nothing here decides anything: every rule stays in the message methods, which the full code runs too. The
//! selectors are ink!'s own, computed from each message's label and checked against the full code's metadata by
//! `e2e-tests/tests/split_contracts.rs`; the dispatcher matches them by name, so a selector reaches only the
//! message it names (several messages take the same arguments: a match by position in a list would let a
//! reordered list run `mint` for a `check_mint`).

/// Names each hot message's selector (computed by ink! from its metadata label) and lists them all in
/// [`HOT_MESSAGES`]: the dispatcher matches the names, so each selector reaches its own message whatever the order.
macro_rules! hot_messages {
    ($($name:ident = $label:literal,)*) => {
        $(const $name: [u8; 4] = ink::selector_bytes!($label);)*
        /// The messages the shell serves itself, by their metadata label and ink! selector: every frequent one (a
        /// transfer, the escrow's promises, mint and mint check, the distributor's and the governor's checkpoint
        /// reads, the registry's notices).
        pub const HOT_MESSAGES: &[(&str, [u8; 4])] = &[$(($label, $name)),*];
    };
}

hot_messages! {
    TRANSFER = "PSP22::transfer",
    TRANSFER_FROM = "PSP22::transfer_from",
    APPROVE = "PSP22::approve",
    BALANCE_OF = "PSP22::balance_of",
    TOTAL_SUPPLY = "PSP22::total_supply",
    ALLOWANCE = "PSP22::allowance",
    MINT = "PSP22Mintable::mint",
    BALANCE_OF_AT = "Checkpointed::balance_of_at",
    TOTAL_SUPPLY_AT = "Checkpointed::total_supply_at",
    IDENTITY_BALANCE_AT = "IdentityCheckpointed::identity_balance_at",
    VOTER_RECORD = "IdentityCheckpointed::voter_record",
    REGISTRY_CHANGED = "IdentityListener::registry_changed",
    IS_HALTED = "Haltable::is_halted",
    CHECK_MINT = "MintCheck::check_mint",
    FIRST_BALANCE_BLOCK = "WalletHistory::first_balance_block",
    HOLDER_RECORD = "WalletHistory::holder_record",
    CAN_TRANSFER = "can_transfer",
    RESERVE = "IssuerReservations::reserve",
    RELEASE = "IssuerReservations::release",
    MINT_RESERVED = "IssuerReservations::mint_reserved",
}

#[cfg(feature = "hot-shell")]
pub use dispatch::call;

#[cfg(feature = "hot-shell")]
mod dispatch {
    use super::*;
    use crate::errors::TransferRestriction;
    use crate::project_token::ProjectToken;
    use ink::prelude::vec::Vec;
    use ink::primitives::AccountId;
    use scale::{Decode, Input};
    use suite_traits::{
        Checkpointed, ClaimSet, IdentityCheckpointed, IdentityId, IdentityListener,
        IssuerReservations, MintCheck, PSP22Mintable, RegistryChange, WalletHistory, PSP22,
    };

    type Balance = u128;

    /// One decoded hot message (its selector, then its arguments).
    enum Hot {
        Transfer(AccountId, Balance, Vec<u8>),
        TransferFrom(AccountId, AccountId, Balance, Vec<u8>),
        Approve(AccountId, Balance),
        BalanceOf(AccountId),
        TotalSupply,
        Allowance(AccountId, AccountId),
        Mint(AccountId, Balance),
        BalanceOfAt(AccountId, u32),
        TotalSupplyAt(u32),
        IdentityBalanceAt(IdentityId, u32),
        VoterRecord(AccountId, ClaimSet, u32, bool),
        RegistryChanged(RegistryChange),
        IsHalted,
        CheckMint(AccountId, Balance),
        FirstBalanceBlock(AccountId),
        HolderRecord(AccountId, Vec<u32>),
        CanTransfer(AccountId, AccountId, Balance),
        Reserve(AccountId, Balance),
        Release(IdentityId, Balance),
        MintReserved(AccountId, IdentityId, Balance, ClaimSet),
    }

    impl Decode for Hot {
        fn decode<I: Input>(input: &mut I) -> Result<Self, scale::Error> {
            fn arg<T: Decode, I: Input>(input: &mut I) -> Result<T, scale::Error> {
                T::decode(input)
            }
            Ok(match <[u8; 4]>::decode(input)? {
                TRANSFER => Hot::Transfer(arg(input)?, arg(input)?, arg(input)?),
                TRANSFER_FROM => {
                    Hot::TransferFrom(arg(input)?, arg(input)?, arg(input)?, arg(input)?)
                }
                APPROVE => Hot::Approve(arg(input)?, arg(input)?),
                BALANCE_OF => Hot::BalanceOf(arg(input)?),
                TOTAL_SUPPLY => Hot::TotalSupply,
                ALLOWANCE => Hot::Allowance(arg(input)?, arg(input)?),
                MINT => Hot::Mint(arg(input)?, arg(input)?),
                BALANCE_OF_AT => Hot::BalanceOfAt(arg(input)?, arg(input)?),
                TOTAL_SUPPLY_AT => Hot::TotalSupplyAt(arg(input)?),
                IDENTITY_BALANCE_AT => Hot::IdentityBalanceAt(arg(input)?, arg(input)?),
                VOTER_RECORD => {
                    Hot::VoterRecord(arg(input)?, arg(input)?, arg(input)?, arg(input)?)
                }
                REGISTRY_CHANGED => Hot::RegistryChanged(arg(input)?),
                IS_HALTED => Hot::IsHalted,
                CHECK_MINT => Hot::CheckMint(arg(input)?, arg(input)?),
                FIRST_BALANCE_BLOCK => Hot::FirstBalanceBlock(arg(input)?),
                HOLDER_RECORD => Hot::HolderRecord(arg(input)?, arg(input)?),
                CAN_TRANSFER => Hot::CanTransfer(arg(input)?, arg(input)?, arg(input)?),
                RESERVE => Hot::Reserve(arg(input)?, arg(input)?),
                RELEASE => Hot::Release(arg(input)?, arg(input)?),
                MINT_RESERVED => {
                    Hot::MintReserved(arg(input)?, arg(input)?, arg(input)?, arg(input)?)
                }
                _ => return Err("not a hot message".into()),
            })
        }
    }

    /// Answers a message that returns a `Result`: an `Err` reverts, as in ink!'s dispatch.
    fn result<T: scale::Encode, E: scale::Encode>(
        token: &ProjectToken,
        out: Result<T, E>,
        mutates: bool,
    ) -> ! {
        suite_traits::split::answer(token, &out, out.is_err(), mutates)
    }

    /// Answers a query that returns a plain value.
    fn value<T: scale::Encode>(token: &ProjectToken, out: T) -> ! {
        suite_traits::split::answer(token, &out, false, false)
    }

    /// The shell's `call`.
    pub fn call(full_code: [u8; 32]) -> ! {
        let Ok(message) = ink::env::decode_input::<Hot>() else {
            suite_traits::split::forward_to_full_code(full_code)
        };
        // No message of the token is payable (the full code checks its own).
        ink::codegen::deny_payment::<ink::env::DefaultEnvironment>()
            .unwrap_or_else(|error| panic!("{}", error));
        let mut t: ProjectToken = suite_traits::split::load_storage();
        match message {
            Hot::Transfer(to, value, data) => {
                let out = PSP22::transfer(&mut t, to, value, data);
                result(&t, out, true)
            }
            Hot::TransferFrom(from, to, value, data) => {
                let out = PSP22::transfer_from(&mut t, from, to, value, data);
                result(&t, out, true)
            }
            Hot::Approve(spender, value) => {
                let out = PSP22::approve(&mut t, spender, value);
                result(&t, out, true)
            }
            Hot::BalanceOf(owner) => value(&t, PSP22::balance_of(&t, owner)),
            Hot::TotalSupply => value(&t, PSP22::total_supply(&t)),
            Hot::Allowance(owner, spender) => value(&t, PSP22::allowance(&t, owner, spender)),
            Hot::Mint(account, amount) => {
                let out = PSP22Mintable::mint(&mut t, account, amount);
                result(&t, out, true)
            }
            Hot::BalanceOfAt(account, block) => {
                result(&t, Checkpointed::balance_of_at(&t, account, block), false)
            }
            Hot::TotalSupplyAt(block) => {
                result(&t, Checkpointed::total_supply_at(&t, block), false)
            }
            Hot::IdentityBalanceAt(identity, block) => result(
                &t,
                IdentityCheckpointed::identity_balance_at(&t, identity, block),
                false,
            ),
            Hot::VoterRecord(voter, claims, block, with_supply) => result(
                &t,
                IdentityCheckpointed::voter_record(&t, voter, claims, block, with_supply),
                false,
            ),
            Hot::RegistryChanged(change) => {
                let out = IdentityListener::registry_changed(&mut t, change);
                result(&t, out, true)
            }
            Hot::IsHalted => value(&t, suite_traits::Haltable::is_halted(&t)),
            Hot::CheckMint(to, amount) => result(&t, MintCheck::check_mint(&t, to, amount), false),
            Hot::FirstBalanceBlock(account) => {
                value(&t, WalletHistory::first_balance_block(&t, account))
            }
            Hot::HolderRecord(account, blocks) => {
                result(&t, WalletHistory::holder_record(&t, account, blocks), false)
            }
            Hot::CanTransfer(from, to, amount) => {
                let out: Result<(), TransferRestriction> = t.can_transfer(from, to, amount);
                result(&t, out, false)
            }
            Hot::Reserve(to, amount) => {
                let out = IssuerReservations::reserve(&mut t, to, amount);
                result(&t, out, true)
            }
            Hot::Release(identity, amount) => {
                let out = IssuerReservations::release(&mut t, identity, amount);
                result(&t, out, true)
            }
            Hot::MintReserved(to, identity, amount, claims) => {
                let out = IssuerReservations::mint_reserved(&mut t, to, identity, amount, claims);
                result(&t, out, true)
            }
        }
    }
}
