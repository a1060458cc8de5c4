//! Why the token refused something. [`TransferRestriction`] is the typed answer of `can_transfer` and the reason
//! inside [`TokenError::Restricted`]; PSP22 messages report it as `PSP22Error::Custom` with its description.
use ink::prelude::string::String;
use suite_traits::{
    AccountId, AdminError, Balance, ClaimSet, CountryCode, HaltError, IdentityId, PSP22Error,
};

use crate::types::Role;

/// Which side of a transfer a restriction is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Party {
    /// The account tokens leave.
    Sender,
    /// The account tokens reach.
    Recipient,
}

/// The reason a transfer, mint or burn would be (or was) refused by the token's compliance rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum TransferRestriction {
    /// The admin paused the token.
    Paused,
    /// A guardian halted trading; `reason` is the guardian's code.
    Halted { reason: u32 },
    /// The sender's balance is below the amount.
    InsufficientBalance { balance: Balance, required: Balance },
    /// The balance suffices but part of it is locked up or frozen.
    InsufficientUnlocked {
        balance: Balance,
        locked: Balance,
        frozen: Balance,
        required: Balance,
    },
    /// The agent froze this account on this token.
    AccountFrozen { party: Party },
    /// The regulator froze this party's identity in the registry.
    IdentityFrozen { party: Party, identity: IdentityId },
    /// The wallet belongs to no identity in the registry.
    NotRegistered { party: Party },
    /// The party lacks valid claims the token requires.
    MissingClaims { party: Party, missing: ClaimSet },
    /// The party's country is on the token's block list.
    CountryBlocked { party: Party, country: CountryCode },
    /// The token admits only allow-listed countries and this one is not.
    CountryNotAllowed { party: Party, country: CountryCode },
    /// The recipient's identity would hold more than the maximum share.
    MaxHoldingExceeded {
        identity: IdentityId,
        would_hold: Balance,
        limit: Balance,
    },
    /// The transfer would create a holder beyond the holder-count cap.
    HolderLimitReached { limit: u32 },
    /// The mint would exceed the authorised supply.
    SupplyCapExceeded { cap: Balance, would_be: Balance },
    /// The compliance registry could not be asked (it trapped or is not a registry).
    RegistryUnavailable,
    /// The amount overflows the token's arithmetic.
    Overflow,
    /// Tokens sent to the token contract itself would be lost.
    RecipientIsToken,
    /// The party is exempt on this token, yet the registry links it to an identity (a link this token was not told
    /// of): exemption never escapes an identity's rules or a regulator's freeze.
    ExemptAccountLinked { party: Party, identity: IdentityId },
}

impl TransferRestriction {
    /// A short, stable English description, used as `PSP22Error::Custom`.
    pub fn describe(&self) -> &'static str {
        use Party::*;
        use TransferRestriction::*;
        match self {
            Paused => "token paused",
            Halted { .. } => "trading halted by guardian",
            InsufficientBalance { .. } => "insufficient balance",
            InsufficientUnlocked { .. } => "tokens locked up or frozen",
            AccountFrozen { party: Sender } => "sender account frozen",
            AccountFrozen { party: Recipient } => "recipient account frozen",
            IdentityFrozen { party: Sender, .. } => "sender identity frozen by regulator",
            IdentityFrozen {
                party: Recipient, ..
            } => "recipient identity frozen by regulator",
            NotRegistered { party: Sender } => "sender not registered",
            NotRegistered { party: Recipient } => "recipient not registered",
            MissingClaims { party: Sender, .. } => "sender lacks required claims",
            MissingClaims {
                party: Recipient, ..
            } => "recipient lacks required claims",
            CountryBlocked { party: Sender, .. } => "sender country blocked",
            CountryBlocked {
                party: Recipient, ..
            } => "recipient country blocked",
            CountryNotAllowed { party: Sender, .. } => "sender country not allowed",
            CountryNotAllowed {
                party: Recipient, ..
            } => "recipient country not allowed",
            MaxHoldingExceeded { .. } => "max holding per identity exceeded",
            HolderLimitReached { .. } => "holder limit reached",
            SupplyCapExceeded { .. } => "supply cap exceeded",
            RegistryUnavailable => "compliance registry unavailable",
            Overflow => "arithmetic overflow",
            RecipientIsToken => "recipient is the token contract",
            ExemptAccountLinked { party: Sender, .. } => "sender exempt but linked to an identity",
            ExemptAccountLinked {
                party: Recipient, ..
            } => "recipient exempt but linked to an identity",
        }
    }
}

/// Errors of the token's own (non-PSP22) messages.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum TokenError {
    /// The admin role refused the caller (not the admin; not offered the role).
    Admin(AdminError),
    /// Compliance refused the operation.
    Restricted(TransferRestriction),
    /// The caller lacks the role.
    MissingRole { caller: AccountId, role: Role },
    /// The spender's allowance is below the amount.
    InsufficientAllowance {
        allowance: Balance,
        required: Balance,
    },
    /// Basis points above 10 000.
    InvalidBps { bps: u16 },
    /// Not an ISO 3166-1 numeric code (1..=999).
    InvalidCountry { country: CountryCode },
    /// The claim set has bits that name no claim type.
    MalformedClaimSet { bits: u8 },
    /// A lock-up schedule holds at most `max` tranches.
    TooManyTranches { max: u32 },
    /// A tranche must release after the current time and lock a non-zero amount.
    InvalidTranche { index: u32 },
    /// The partial freeze would exceed the account's balance.
    FreezeExceedsBalance {
        balance: Balance,
        requested: Balance,
    },
    /// More frozen tokens to release than are frozen.
    UnfreezeExceedsFrozen { frozen: Balance, requested: Balance },
    /// A document name is 1..=64 bytes and its URI at most 256.
    DocumentFieldTooLong { field: String, max: u32 },
    /// The register holds at most `max` documents.
    TooManyDocuments { max: u32 },
    /// No document of that name.
    UnknownDocument,
    /// The token is already paused.
    AlreadyPaused,
    /// The token is not paused.
    NotPaused,
    /// Halt or resume refused.
    Halt(HaltError),
    /// The new wallet does not belong to the identity the lost wallet's tokens are attributed to.
    RecoveryIdentityMismatch {
        lost: Option<IdentityId>,
        new: Option<IdentityId>,
    },
    /// Lost and new wallet are the same account.
    RecoverySameWallet,
    /// The new wallet is exempt on this token: recovered tokens would escape the identity rules.
    RecoveryToExemptWallet { wallet: AccountId },
    /// The agent froze the new wallet on this token: unfreeze it first (a frozen lost wallet's freeze carries over).
    RecoveryToFrozenWallet { wallet: AccountId },
    /// The lost wallet's and the new wallet's pending lock-up tranches together exceed the maximum.
    RecoveryTooManyTranches { tranches: u32, max: u32 },
    /// Only the registry the token asks may report link changes.
    NotRegistry { caller: AccountId },
    /// The cap would fall below the current supply.
    CapBelowSupply { supply: Balance, cap: Balance },
    /// The cap would fall below the supply plus the tokens the issuer has promised (accepted offerings).
    CapBelowPromised {
        supply: Balance,
        promised: Balance,
        cap: Balance,
    },
    /// The issuer has promised tokens it has not delivered: its role stays until every promise is delivered or
    /// released (revoking it would strand investors who paid).
    IssuerHasPromises {
        issuer: AccountId,
        promised: Balance,
    },
    /// The registry links this wallet to an identity: an identity's wallet cannot be exempted (it would escape the
    /// identity's caps and a regulator's freeze). Exemption is for accounts outside every identity (treasury,
    /// escrow, distributor).
    ExemptLinkedWallet {
        account: AccountId,
        identity: IdentityId,
    },
    /// The registry numbers identities from `first_identity`, but this token's books already count identity
    /// `highest_counted`: its numbers could name one holder's tokens and votes for another. A registry that
    /// succeeds another continues its numbers (`number_identities_from`).
    RegistryNumbersOverlap {
        first_identity: IdentityId,
        highest_counted: IdentityId,
    },
    /// Promises of an offering are outstanding: they name identities of the current registry, so the registry
    /// stays until they are delivered or released.
    PromisesOutstanding { promised: Balance },
    /// The contract is constructed already: `split_construct` (the constructor's hand-over from a shell's `deploy`,
    /// see `suite_traits::split`) runs only on the placeholder that `deploy` writes.
    AlreadyConstructed,
}

impl From<TransferRestriction> for TokenError {
    fn from(r: TransferRestriction) -> Self {
        TokenError::Restricted(r)
    }
}

impl From<HaltError> for TokenError {
    fn from(e: HaltError) -> Self {
        TokenError::Halt(e)
    }
}

impl From<TokenError> for PSP22Error {
    fn from(e: TokenError) -> Self {
        match e {
            TokenError::Restricted(TransferRestriction::InsufficientBalance { .. }) => {
                PSP22Error::InsufficientBalance
            }
            TokenError::InsufficientAllowance { .. } => PSP22Error::InsufficientAllowance,
            TokenError::Restricted(r) => PSP22Error::Custom(String::from(r.describe())),
            TokenError::Admin(_) | TokenError::MissingRole { .. } => {
                PSP22Error::Custom(String::from("unauthorised"))
            }
            _ => PSP22Error::Custom(String::from("refused")),
        }
    }
}

/// Result of a token message.
pub type TokenResult<T> = core::result::Result<T, TokenError>;

impl From<AdminError> for TokenError {
    fn from(refusal: AdminError) -> Self {
        TokenError::Admin(refusal)
    }
}
