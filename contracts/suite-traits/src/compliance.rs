//! The compliance registry's cross-call surface and the identity types every token shares.
//!
//! The registry states facts about identities; rules (which claims, which countries, how much one identity may
//! hold) stay in each token, so one registry serves many tokens with different rules.
//!
//! A token bound to the registry keeps a copy of the facts its transfers need (each wallet's link and each
//! identity's [`IdentityFacts`]): the registry tells it of every change as it happens ([`IdentityListener`]), so
//! a transfer reads only the token's own cells. What a token has no current copy of it asks for in one cross-call
//! ([`ComplianceRegistry::transfer_facts`]). Whether a claim counts is [`claim_counts`] in the registry and
//! [`counts_until`] in the facts it hands out; a property test holds the two equal.
use crate::{AccountId, Timestamp};

/// Registry-assigned number of an investor identity (a person or a legal entity) that owns one or more wallets.
pub type IdentityId = u64;

/// ISO 3166-1 numeric country code (for example 250 = France, 276 = Germany, 840 = United States).
pub type CountryCode = u16;

/// Highest ISO 3166-1 numeric code; codes are 1..=999.
pub const MAX_COUNTRY_CODE: CountryCode = 999;

/// Kinds of claim a trusted verifier attests about an identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ClaimType {
    /// Know-your-customer check passed.
    Kyc,
    /// Anti-money-laundering screening passed.
    Aml,
    /// Accredited (professional) investor status.
    Accredited,
    /// Qualified investor status (for example under the EU Prospectus Regulation).
    Qualified,
}

impl ClaimType {
    /// Every claim type, in bit order.
    pub const ALL: [ClaimType; 4] = [
        ClaimType::Kyc,
        ClaimType::Aml,
        ClaimType::Accredited,
        ClaimType::Qualified,
    ];

    /// Bit of this claim type inside a [`ClaimSet`].
    pub const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of claim types, stored as a bit mask (bit `n` = `ClaimType` with discriminant `n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ClaimSet(pub u8);

impl ClaimSet {
    /// Mask of the bits that name a claim type.
    pub const VALID_BITS: u8 = 0b1111;

    /// The empty set.
    pub const fn empty() -> Self {
        ClaimSet(0)
    }

    /// The set holding exactly `claims`.
    pub fn of(claims: &[ClaimType]) -> Self {
        claims.iter().fold(Self::empty(), |set, c| set.with(*c))
    }

    /// This set plus `claim`.
    pub const fn with(self, claim: ClaimType) -> Self {
        ClaimSet(self.0 | claim.bit())
    }

    /// Whether `claim` is in the set.
    pub const fn contains(self, claim: ClaimType) -> bool {
        self.0 & claim.bit() != 0
    }

    /// Whether every claim of `other` is in this set.
    pub const fn contains_all(self, other: ClaimSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// The claims of this set that `present` lacks.
    pub const fn missing_from(self, present: ClaimSet) -> ClaimSet {
        ClaimSet(self.0 & !present.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether only bits that name a claim type are set.
    pub const fn is_well_formed(self) -> bool {
        self.0 & !Self::VALID_BITS == 0
    }

    /// The claim types in the set, in bit order.
    pub fn iter(self) -> impl Iterator<Item = ClaimType> {
        ClaimType::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

/// What the registry knows about one party of a transfer, as of the current block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct PartyStatus {
    /// The wallet asked about.
    pub account: AccountId,
    /// The identity that owns the wallet, if the wallet is registered.
    pub identity: Option<IdentityId>,
    /// The identity's country (0 when the wallet is not registered).
    pub country: CountryCode,
    /// Whether the regulator froze the identity (it then may neither send nor receive, on every token).
    pub identity_frozen: bool,
    /// Which of the requested claims are valid now: present, not expired, and issued by a verifier that is
    /// still trusted for that claim type.
    pub valid_claims: ClaimSet,
}

impl PartyStatus {
    /// Status of a wallet the registry does not know.
    pub fn unregistered(account: AccountId) -> Self {
        PartyStatus {
            account,
            identity: None,
            country: 0,
            identity_frozen: false,
            valid_claims: ClaimSet::empty(),
        }
    }
}

/// Whether a claim counts now: not expired (`now < expires_at`) and its issuer still trusted for its type.
/// Removing a verifier's trust withdraws every claim it issued at once.
pub fn claim_counts(
    claim: ClaimType,
    expires_at: Timestamp,
    now: Timestamp,
    issuer_trusted_for: ClaimSet,
) -> bool {
    now < expires_at && issuer_trusted_for.contains(claim)
}

/// Until when a claim counts, as of the registry's current trust: its expiry if its issuer is trusted for its
/// type, else 0 (it counts at no instant). A claim then counts at `now` exactly when `now < counts_until`, which is
/// [`claim_counts`] for every `now` until the issuer's trust changes (a change the registry tells bound tokens of).
pub fn counts_until(
    claim: ClaimType,
    expires_at: Timestamp,
    issuer_trusted_for: ClaimSet,
) -> Timestamp {
    if issuer_trusted_for.contains(claim) {
        expires_at
    } else {
        0
    }
}

/// What decides an identity's transfers, as of the registry's current state and independent of any token's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct IdentityFacts {
    /// Country of residence or incorporation.
    pub country: CountryCode,
    /// Frozen by a regulator.
    pub frozen: bool,
    /// For each claim type, in [`ClaimType::ALL`] order, the first instant at which the identity's claim no
    /// longer counts ([`counts_until`]; 0 when it holds none).
    pub claims_count_until: [Timestamp; 4],
}

impl IdentityFacts {
    /// The status of `account`, owned by `identity`, checking the claims in `wanted` at `now`.
    pub fn status(
        &self,
        account: AccountId,
        identity: IdentityId,
        wanted: ClaimSet,
        now: Timestamp,
    ) -> PartyStatus {
        let mut valid = ClaimSet::empty();
        for (claim, until) in ClaimType::ALL.into_iter().zip(self.claims_count_until) {
            if wanted.contains(claim) && now < until {
                valid = valid.with(claim);
            }
        }
        PartyStatus {
            account,
            identity: Some(identity),
            country: self.country,
            identity_frozen: self.frozen,
            valid_claims: valid,
        }
    }
}

/// Everything the registry knows that decides one wallet's transfers, for a token to evaluate and keep: the
/// identity that owns it, with that identity's facts (`None`: the wallet is not registered).
pub type WalletFacts = Option<(IdentityId, IdentityFacts)>;

/// A wallet's status now, from its facts, checking the claims in `wanted`.
pub fn wallet_status(
    account: AccountId,
    facts: WalletFacts,
    wanted: ClaimSet,
    now: Timestamp,
) -> PartyStatus {
    match facts {
        None => PartyStatus::unregistered(account),
        Some((identity, facts)) => facts.status(account, identity, wanted, now),
    }
}

/// A change in the registry that a bound token must hear of before the change can stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RegistryChange {
    /// The identity's country, freeze or claims changed.
    Identity(IdentityId),
    /// The claim types this verifier is trusted for changed (every identity's facts may have changed).
    Verifier(AccountId),
    /// The registry now tells the token of every change (`bind_token`).
    Bound,
    /// The registry no longer tells the token of changes (`unbind_token`).
    Unbound,
}

/// Questions a token (or an escrow, distributor, governor) asks the shared compliance registry.
#[ink::trait_definition]
pub trait ComplianceRegistry {
    /// Status of one wallet, checking only the claims in `claims`.
    #[ink(message)]
    fn party_status(&self, account: AccountId, claims: ClaimSet) -> PartyStatus;

    /// The facts that decide each given wallet's transfers (in one call for both parties of a transfer; a party
    /// not asked about gets `None`, as an unregistered wallet does). A token evaluates them with its own rules at
    /// the current time.
    #[ink(message)]
    fn transfer_facts(&self, parties: [Option<AccountId>; 2]) -> [WalletFacts; 2];

    /// The identity that owns `account`, if any.
    #[ink(message)]
    fn identity_of(&self, account: AccountId) -> Option<IdentityId>;

    /// The wallets of `identity` (at most 16), so a governor can count an identity's votes as one voter's.
    #[ink(message)]
    fn wallets_of(&self, identity: IdentityId) -> alloc::vec::Vec<AccountId>;

    /// The lowest identity number this registry ever gives out. A token pointed at it refuses it unless its
    /// numbers start above every identity the token's books count (identity numbers never repeat in a token's
    /// books, so a migrated registry cannot hand one holder's tokens or votes to another's number).
    #[ink(message)]
    fn first_identity(&self) -> IdentityId;
}

/// Why a token refused to follow a wallet's move to another identity (the registry then refuses the move).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RelinkError {
    /// Only the registry the token asks may tell it about links.
    NotRegistry { caller: AccountId },
    /// The wallet's balance would take the identity above the token's maximum holding.
    MaxHoldingExceeded {
        identity: IdentityId,
        would_hold: crate::Balance,
        limit: crate::Balance,
    },
    /// The move would make one identity too many hold the token.
    HolderLimitReached { limit: u32 },
    /// An amount overflowed.
    Overflow,
    /// The token exempts this account from identity rules: it cannot be linked to an identity (un-exempt it
    /// first).
    ExemptAccount { account: AccountId },
}

/// A token bound to a registry hears of every link change at once, so a wallet counts towards its identity's
/// holding (caps, votes, dividends) from the moment it is linked, not from its next transfer.
#[ink::trait_definition]
pub trait IdentityListener {
    /// The registry linked `wallet` to `identity` (`None`: unlinked). The token moves the wallet's holding to the
    /// new identity, or refuses (and so makes the registry refuse the link) if that would break one of its rules.
    #[ink(message)]
    fn wallet_relinked(
        &mut self,
        wallet: AccountId,
        identity: Option<IdentityId>,
    ) -> Result<(), RelinkError>;

    /// The registry changed something a token may keep a copy of (or started or stopped telling it of changes):
    /// the token forgets that copy. Refused only to another caller than the token's registry.
    #[ink(message)]
    fn registry_changed(&mut self, change: RegistryChange) -> Result<(), RelinkError>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The facts handed to tokens (`counts_until`) say a claim counts exactly when the registry's own rule
        /// (`claim_counts`) does, at every instant, for every claim type and trust.
        #[test]
        fn counts_until_agrees_with_claim_counts(
            claim in 0usize..4,
            expires_at in any::<u64>(),
            now in any::<u64>(),
            trust in 0u8..16,
        ) {
            let claim = ClaimType::ALL[claim];
            let trust = ClaimSet(trust);
            prop_assert_eq!(
                now < counts_until(claim, expires_at, trust),
                claim_counts(claim, expires_at, now, trust)
            );
        }
    }
}
