//! Why a registry message was refused. Every variant carries what the caller needs to understand it.
use suite_traits::{
    AccountId, AdminError, ClaimType, CountryCode, IdentityId, RelinkError, Timestamp,
};

/// Errors of the compliance registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RegistryError {
    /// The admin role refused the caller (not the admin; not offered the role).
    Admin(AdminError),
    /// Only a verifier trusted for at least one claim type may register identities.
    NotVerifier { caller: AccountId },
    /// The caller is not trusted for this claim type.
    NotTrustedForClaim { caller: AccountId, claim: ClaimType },
    /// Only the verifier that registered the identity, or the admin, may change its wallets or country.
    NotRegistrar {
        caller: AccountId,
        identity: IdentityId,
    },
    /// Only a regulator may freeze or unfreeze identities.
    NotRegulator { caller: AccountId },
    /// Only the claim's issuer or the admin may revoke it.
    NotClaimIssuer {
        caller: AccountId,
        issuer: AccountId,
    },
    /// Not an ISO 3166-1 numeric code (1..=999).
    InvalidCountry { country: CountryCode },
    /// The claim set has bits that name no claim type.
    MalformedClaimSet { bits: u8 },
    /// No identity has this number.
    UnknownIdentity { identity: IdentityId },
    /// The wallet already belongs to an identity.
    WalletAlreadyRegistered {
        wallet: AccountId,
        identity: IdentityId,
    },
    /// The wallet belongs to no identity.
    WalletNotRegistered { wallet: AccountId },
    /// An identity holds at most `max` wallets, which keeps every per-identity operation bounded.
    TooManyWallets { identity: IdentityId, max: u32 },
    /// A claim must expire after the current block's time.
    ExpiryInPast {
        expires_at: Timestamp,
        now: Timestamp,
    },
    /// The identity has no claim of this type.
    ClaimNotFound {
        identity: IdentityId,
        claim: ClaimType,
    },
    /// The identity is already frozen.
    AlreadyFrozen { identity: IdentityId },
    /// The identity is not frozen.
    NotFrozen { identity: IdentityId },
    /// The account is already a regulator.
    AlreadyRegulator { account: AccountId },
    /// The account is not a regulator.
    UnknownRegulator { account: AccountId },
    /// Identity numbers are exhausted (2^64 identities).
    IdentityIdOverflow,
    /// Identities are numbered from `first` and `next` is the next number: the numbering can be set only before
    /// the first identity is registered.
    IdentitiesAlreadyNumbered { first: IdentityId, next: IdentityId },
    /// Identity numbers start at 1 at the lowest.
    ZeroIdentityNumber,
    /// A successor registry may start its numbers at `max` at the highest.
    FirstIdentityTooHigh { first: IdentityId, max: IdentityId },
    /// The identity's registrar was removed from the verifiers: it lost its powers over the identities it
    /// registered until the admin reassigns them.
    RegistrarNotTrusted {
        registrar: AccountId,
        identity: IdentityId,
    },
    /// A regulator froze the identity: its wallets cannot be unlinked (into a fresh identity) until it is
    /// unfrozen.
    IdentityIsFrozen { identity: IdentityId },
    /// A bound token refused to follow the wallet to its new identity (for example the identity would then hold
    /// more than the token's maximum), so the link is refused.
    TokenRefusedLink {
        token: AccountId,
        wallet: AccountId,
        reason: RelinkError,
    },
    /// A bound token could not be told of the change (it trapped or is not a token), so the change is refused:
    /// a token that keeps a copy of the registry's facts must never keep a stale one.
    TokenUnreachable { token: AccountId },
    /// The token asks another registry, so this one cannot bind it.
    TokenUsesAnotherRegistry { token: AccountId },
    /// At most `max` tokens can be bound to the registry.
    TooManyBoundTokens { max: u32 },
    /// The token is already bound.
    TokenAlreadyBound { token: AccountId },
    /// The token is not bound.
    TokenNotBound { token: AccountId },
}

/// Result of a registry message.
pub type RegistryResult<T> = core::result::Result<T, RegistryError>;

impl From<AdminError> for RegistryError {
    fn from(refusal: AdminError) -> Self {
        RegistryError::Admin(refusal)
    }
}
