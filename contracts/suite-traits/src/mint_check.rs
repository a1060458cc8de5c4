//! What a seller of a token (the crowdfund escrow) asks of the token: would it mint `amount` to `to` right now
//! ([`MintCheck`]), and the promises it makes for everything it has taken money for ([`IssuerReservations`]).
//!
//! A promise (a *reservation*) is made at the token when the seller accepts a contribution: the token checks the
//! identity's whole promised amount against every rule, then keeps it as if it were already minted: the supply
//! cap counts promised supply, the holder limit counts a place for every identity promised tokens, and the maximum
//! holding counts what the identity is promised on top of what it holds, for every other transfer, mint and link
//! too. So an accepted contribution stays deliverable whatever the others do, and the delivery
//! ([`IssuerReservations::mint_reserved`]) is judged by the rules it was accepted under: only the investor's own
//! standing (a registered wallet of the promised identity, no freeze, the claims the seller names) and a pause or
//! halt can hold it up.
//!
//! The answers are a small suite-level enum, [`MintRefusal`], so that a caller does not depend on the token
//! crate; the project token maps its own `TransferRestriction` onto it.
use crate::{AccountId, Balance, ClaimSet, CountryCode, IdentityId};

/// Why a token would refuse a mint, as seen by a seller of the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum MintRefusal {
    /// The token is paused (temporary).
    Paused,
    /// A guardian halted the token (temporary); `reason` is the guardian's code.
    Halted { reason: u32 },
    /// The agent froze the recipient account on the token.
    AccountFrozen,
    /// The regulator froze the recipient's identity.
    IdentityFrozen { identity: IdentityId },
    /// The recipient wallet belongs to no identity.
    NotRegistered,
    /// The recipient lacks claims the token requires.
    MissingClaims { missing: ClaimSet },
    /// The recipient's country is blocked by the token.
    CountryBlocked { country: CountryCode },
    /// The token admits only allow-listed countries and the recipient's is not.
    CountryNotAllowed { country: CountryCode },
    /// The recipient's identity would hold more than the token's maximum holding.
    MaxHoldingExceeded {
        identity: IdentityId,
        would_hold: Balance,
        limit: Balance,
    },
    /// The mint would create a holder beyond the token's holder limit.
    HolderLimitReached { limit: u32 },
    /// The mint would exceed the authorised supply.
    SupplyCapExceeded { cap: Balance, would_be: Balance },
    /// The token could not ask its compliance registry (temporary).
    RegistryUnavailable,
    /// Nothing to promise, deliver or release: the amount is zero.
    ZeroAmount,
    /// The caller does not hold the token's issuer role (lasting: nobody can deliver on its behalf).
    NotIssuer,
    /// Another issuer's promises are outstanding: one offering at a time holds promises at a token.
    AnotherIssuerReserved { issuer: AccountId },
    /// Less is promised to the identity than asked to deliver or release.
    NotReserved {
        identity: IdentityId,
        reserved: Balance,
        asked: Balance,
    },
    /// The wallet no longer belongs to the promised identity (it was unlinked or moved): deliver to another wallet
    /// of the identity.
    WalletOfAnotherIdentity {
        promised_to: IdentityId,
        wallet_identity: Option<IdentityId>,
    },
    /// Any other refusal: an arithmetic overflow; a reason on the sender's side of a transfer a port releases
    /// (`MintCheck::check_transfer`); a credit the token refused after its check passed.
    Other,
    /// A cross-chain port would release more than it holds for the other chain: what the other chain sent home
    /// exceeds what it was ever sent (its mirror's supply grew by other means). `backing` is what the port may
    /// still release (`contracts/xcm_port`).
    NotBacked { backing: Balance, asked: Balance },
}

impl MintRefusal {
    /// Whether the refusal is expected to lift by itself (pause, halt, registry outage): such a refusal does not
    /// make a position undeliverable.
    pub const fn is_temporary(&self) -> bool {
        matches!(
            self,
            MintRefusal::Paused | MintRefusal::Halted { .. } | MintRefusal::RegistryUnavailable
        )
    }

    /// Whether the refusal comes from the recipient wallet's own standing, which the investor can mend (renew a
    /// claim, link the wallet again, claim to another wallet of its identity: a frozen wallet too) or caused
    /// (bought past the maximum holding, moved to a refused country). Such a refusal must not draw on a holdback
    /// kept for positions that others made undeliverable (a regulator's freeze of the investor's identity).
    pub const fn is_recipients_own(&self) -> bool {
        matches!(
            self,
            MintRefusal::NotRegistered
                | MintRefusal::AccountFrozen
                | MintRefusal::MissingClaims { .. }
                | MintRefusal::CountryBlocked { .. }
                | MintRefusal::CountryNotAllowed { .. }
                | MintRefusal::MaxHoldingExceeded { .. }
                | MintRefusal::WalletOfAnotherIdentity { .. }
        )
    }
}

/// Promised tokens at a token: what its one reserving issuer has accepted money for and not yet minted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Reserved {
    /// Generation of the promises: releasing all of them at once starts a new one (entries of an earlier
    /// generation count as nothing).
    pub epoch: u32,
    /// Tokens promised and not yet minted.
    pub supply: Balance,
    /// Identities promised tokens: each holds a place under the holder limit until its promise is delivered or
    /// released (even one that already holds tokens: it may sell them all before its delivery).
    pub places: u32,
}

/// The promises an issuer (the crowdfund escrow) makes at the token for the contributions it accepts. Every
/// message is the issuer's only; the token keeps one issuer's promises at a time.
#[ink::trait_definition]
pub trait IssuerReservations {
    /// Promise `amount` more tokens to the identity of wallet `to`, if the token would mint the identity's whole
    /// promise on top of everything it and every other promise hold (supply cap, holder limit, maximum holding,
    /// claims, countries, freezes; a pause or halt is temporary and does not refuse it). Returns the identity.
    #[ink(message)]
    fn reserve(&mut self, to: AccountId, amount: Balance) -> Result<IdentityId, MintRefusal>;

    /// Take back `amount` of the caller's promise to `identity` (a withdrawal, a refund).
    #[ink(message)]
    fn release(&mut self, identity: IdentityId, amount: Balance) -> Result<(), MintRefusal>;

    /// Take back every promise of the caller at once (an offering that failed or was cancelled).
    #[ink(message)]
    fn release_all(&mut self) -> Result<(), MintRefusal>;

    /// Mint `amount` of the caller's promise to `identity` to its wallet `to`, judged by the rules the promise
    /// was accepted under: `to` must be a registered, unfrozen wallet of `identity` holding the `claims` the issuer
    /// names, and the token neither paused nor halted; later changes of the token's rules do not refuse it.
    #[ink(message)]
    fn mint_reserved(
        &mut self,
        to: AccountId,
        identity: IdentityId,
        amount: Balance,
        claims: ClaimSet,
    ) -> Result<(), MintRefusal>;

    /// Why [`IssuerReservations::mint_reserved`] by the caller would be refused now, or `Ok`. Writes nothing.
    #[ink(message)]
    fn check_mint_reserved(
        &self,
        to: AccountId,
        identity: IdentityId,
        amount: Balance,
        claims: ClaimSet,
    ) -> Result<(), MintRefusal>;

    /// The outstanding promises (all of the reserving issuer's) and that issuer.
    #[ink(message)]
    fn reserved(&self) -> (Reserved, Option<AccountId>);

    /// What is promised to `identity` now.
    #[ink(message)]
    fn reserved_for(&self, identity: IdentityId) -> Balance;
}

/// A token that can say, without minting, whether it would mint.
#[ink::trait_definition]
pub trait MintCheck {
    /// `Ok` if minting `amount` to `to` would pass every rule of the token now, else why not. Writes nothing.
    #[ink(message)]
    fn check_mint(&self, to: crate::AccountId, amount: Balance) -> Result<(), MintRefusal>;

    /// `Ok` if a transfer of `amount` from `from` to `to` would pass every rule of the token now, else why not,
    /// told from the recipient's side (a sender-side reason, such as too small a balance, reads `Other`). Writes
    /// nothing. A port releasing tokens it holds asks this before it transfers (`contracts/xcm_port`).
    #[ink(message)]
    fn check_transfer(
        &self,
        from: crate::AccountId,
        to: crate::AccountId,
        amount: Balance,
    ) -> Result<(), MintRefusal>;
}
