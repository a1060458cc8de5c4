//! One event per state change of the registry.
use suite_traits::{AccountId, ClaimSet, ClaimType, CountryCode, Hash, IdentityId, Timestamp};

/// The two-step admin handover's events are the suite's shared ones (one definition: ink! refuses two events
/// with the same signature in one contract's metadata).
pub use suite_traits::{AdminChanged, AdminTransferStarted};

/// A verifier's trusted claim types were set (an empty set removes the verifier).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct VerifierUpdated {
    #[ink(topic)]
    pub verifier: AccountId,
    pub claim_types: ClaimSet,
}

/// Identities will be numbered from `first` (a successor registry continuing its predecessor's numbers).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct IdentityNumbering {
    pub first: IdentityId,
}

/// An account became a regulator.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RegulatorAdded {
    #[ink(topic)]
    pub regulator: AccountId,
}

/// An account stopped being a regulator.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RegulatorRemoved {
    #[ink(topic)]
    pub regulator: AccountId,
}

/// A new identity with its first wallet.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct IdentityRegistered {
    #[ink(topic)]
    pub identity: IdentityId,
    #[ink(topic)]
    pub registrar: AccountId,
    pub wallet: AccountId,
    pub country: CountryCode,
}

/// A wallet now belongs to an identity.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct WalletLinked {
    #[ink(topic)]
    pub identity: IdentityId,
    #[ink(topic)]
    pub wallet: AccountId,
}

/// A wallet no longer belongs to an identity.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct WalletUnlinked {
    #[ink(topic)]
    pub identity: IdentityId,
    #[ink(topic)]
    pub wallet: AccountId,
}

/// An identity's country changed.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct CountryChanged {
    #[ink(topic)]
    pub identity: IdentityId,
    pub previous: CountryCode,
    pub country: CountryCode,
}

/// A claim was issued or renewed.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ClaimIssued {
    #[ink(topic)]
    pub identity: IdentityId,
    #[ink(topic)]
    pub issuer: AccountId,
    pub claim: ClaimType,
    pub expires_at: Timestamp,
    pub evidence: Hash,
}

/// A claim was revoked before its expiry.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct ClaimRevoked {
    #[ink(topic)]
    pub identity: IdentityId,
    #[ink(topic)]
    pub by: AccountId,
    pub claim: ClaimType,
}

/// The regulator froze an identity: none of its wallets may send or receive on any token.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct IdentityFrozen {
    #[ink(topic)]
    pub identity: IdentityId,
    #[ink(topic)]
    pub regulator: AccountId,
    pub reason: Hash,
}

/// The regulator lifted an identity's freeze.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct IdentityUnfrozen {
    #[ink(topic)]
    pub identity: IdentityId,
    #[ink(topic)]
    pub regulator: AccountId,
}

/// The admin gave an identity's registrar powers to another verifier.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct RegistrarReassigned {
    #[ink(topic)]
    pub identity: IdentityId,
    pub previous: AccountId,
    pub registrar: AccountId,
}

/// A token will be told of every link change from now on.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TokenBound {
    #[ink(topic)]
    pub token: AccountId,
}

/// A token is no longer told of link changes.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TokenUnbound {
    #[ink(topic)]
    pub token: AccountId,
}
