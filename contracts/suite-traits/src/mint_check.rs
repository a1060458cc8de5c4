//! The question a seller of a token (the crowdfund escrow) asks before taking an investor's money: would the token
//! mint `amount` to `to` right now? The escrow asks it at every contribution, for everything the investor's
//! identity is owed, so that a successful offering can always deliver; and again when an investor asks for a
//! refund of a position the token still refuses after success.
//!
//! The answer is a small suite-level enum, [`MintRefusal`], so that a caller does not depend on the token crate;
//! the project token maps its own `TransferRestriction` onto it.
use crate::{Balance, ClaimSet, CountryCode, IdentityId};

/// Why a token would refuse a mint, as seen by a seller of the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
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
    /// Any other refusal (arithmetic overflow).
    Other,
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
}

/// A token that can say, without minting, whether it would mint.
#[ink::trait_definition]
pub trait MintCheck {
    /// `Ok` if minting `amount` to `to` would pass every rule of the token now, else why not. Writes nothing.
    #[ink(message)]
    fn check_mint(&self, to: crate::AccountId, amount: Balance) -> Result<(), MintRefusal>;
}
