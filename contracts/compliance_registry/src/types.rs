//! The registry's value types: what it stores about an identity and about a claim, read by its messages and
//! returned to front-ends and auditors.
use ink::prelude::vec::Vec;
use suite_traits::{AccountId, ClaimSet, ClaimType, CountryCode, Hash, IdentityId, Timestamp};

/// What the registry stores about an identity (never personal data: only a country and flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct IdentityRecord {
    /// The verifier (platform) that registered the identity; it manages the identity's wallets and country.
    pub registrar: AccountId,
    /// ISO 3166-1 numeric country of residence or incorporation.
    pub country: CountryCode,
    /// Frozen by a regulator.
    pub frozen: bool,
    /// Number of wallets currently linked.
    pub wallet_count: u32,
    /// When the identity was registered.
    pub created_at: Timestamp,
    /// The claim types the identity holds a claim of (valid or not): status queries read only those claims.
    pub claims_held: ClaimSet,
}

/// A claim attested by a verifier. The evidence (KYC file, accreditation letter) stays off-chain; only its hash is
/// kept so an auditor can match the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Claim {
    /// Verifier that issued the claim.
    pub issuer: AccountId,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// First instant at which the claim no longer holds.
    pub expires_at: Timestamp,
    /// Hash of the off-chain evidence.
    pub evidence: Hash,
}

impl Claim {
    /// A claim counts when it has not expired and its issuer is still trusted for its type: removing a verifier
    /// from the alliance withdraws every claim it issued, at once, without touching identities one by one.
    pub fn is_valid(&self, claim: ClaimType, now: Timestamp, issuer_trusted_for: ClaimSet) -> bool {
        suite_traits::claim_counts(claim, self.expires_at, now, issuer_trusted_for)
    }
}

/// A wallet's identity as a front-end shows it, in one read: the identity, its record and every claim it holds with
/// whether the claim counts now (by the registry's own rule, [`Claim::is_valid`]: not expired and its issuer still
/// trusted for its type). What `identity_of`, `identity` and one `claim` per type would give, in one call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct WalletView {
    /// The identity the wallet belongs to.
    pub identity: IdentityId,
    /// Its record.
    pub record: IdentityRecord,
    /// Every claim the identity holds, in [`ClaimType::ALL`] order (at most one per type).
    pub claims: Vec<HeldClaim>,
}

/// One claim of a [`WalletView`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct HeldClaim {
    /// Its type.
    pub claim_type: ClaimType,
    /// The claim as stored.
    pub claim: Claim,
    /// Whether it counts at the instant of the read: not expired, and its issuer trusted for its type.
    pub counts: bool,
    /// Whether its issuer is trusted for its type now: with `counts`, says why a claim does not count (an issuer
    /// that left the alliance, or else its expiry), at the same block.
    pub issuer_trusted: bool,
}
