//! Every way an escrow message can fail, each carrying the figures that explain it.
use suite_traits::{
    AccountId, AdminError, Balance, ClaimSet, CountryCode, IdentityId, MilestoneId, MintRefusal,
    Timestamp,
};

use crate::types::{ListKind, Phase};

/// Result of an escrow operation.
pub type EscrowResult<T> = Result<T, EscrowError>;

/// Why the escrow refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum EscrowError {
    /// The admin role refused the caller (not the admin; not offered the role).
    Admin(AdminError),
    /// The terms given at deployment are incoherent.
    InvalidTerms(TermsError),
    /// The operation is not possible in the offering's current phase.
    WrongPhase { current: Phase },
    /// The sale has not opened yet: the lead investor's commitment must come first.
    LeadInvestorFirst { lead: AccountId },
    /// The lead investor's first deposit is below the agreed commitment.
    LeadCommitmentTooSmall { required: Balance, offered: Balance },
    /// The subscription period is over.
    SaleClosed { deadline: Timestamp },
    /// Nothing was paid with the contribution.
    ZeroAmount,
    /// The amount is not a whole number of tokens at the offering price.
    NotWholeTokens { amount: Balance, price: Balance },
    /// The contribution is below the minimum ticket.
    BelowMinTicket {
        min_ticket: Balance,
        offered: Balance,
    },
    /// The identity would commit more than the maximum ticket.
    AboveMaxTicket {
        max_ticket: Balance,
        would_total: Balance,
    },
    /// A non-accredited identity would commit more than the retail cap.
    NonAccreditedCapExceeded { cap: Balance, would_total: Balance },
    /// The contribution would take the raise past the hard cap.
    HardCapExceeded {
        hard_cap: Balance,
        remaining: Balance,
    },
    /// The wallet belongs to no identity in the registry.
    NotRegistered { account: AccountId },
    /// The regulator froze the investor's identity.
    IdentityFrozen { identity: IdentityId },
    /// The investor lacks claims the offering requires.
    MissingClaims { missing: ClaimSet },
    /// Residents of the investor's country may not take part.
    CountryBlocked { country: CountryCode },
    /// The compliance registry could not be asked.
    RegistryUnavailable,
    /// Finalization must wait for the deadline (or the hard cap) and the end of every cooling-off window.
    NotYetFinalizable {
        deadline: Timestamp,
        cooling_off_until: Timestamp,
        now: Timestamp,
    },
    /// The account has no open position in this offering.
    NoPosition { account: AccountId },
    /// Only a non-accredited investor has a cooling-off right.
    NoCoolingOffRight { account: AccountId },
    /// The cooling-off window has closed.
    CoolingOffOver { ended_at: Timestamp },
    /// Every tranche has been released.
    NoTrancheLeft,
    /// The terms have no tranche with this index.
    NoSuchTranche { index: u32 },
    /// This tranche has been released already.
    TrancheAlreadyReleased { index: u32 },
    /// The oracle has not attested the tranche's milestone.
    MilestoneNotAttested {
        oracle: AccountId,
        milestone: MilestoneId,
    },
    /// The oracle could not be asked.
    OracleUnavailable { oracle: AccountId },
    /// The token refused to deliver the investor's promised tokens (its standing: a lapsed claim, a wallet no
    /// longer of its identity, a freeze; or a pause or halt). Nothing changed; the claim can be retried.
    MintRefused { reason: MintRefusal },
    /// Promises of a successful offering are kept for its positions until the long-stop.
    PromisesKeptUntil { long_stop_at: Timestamp },
    /// The token refused to take back a promise (its books and the escrow's disagree, or the escrow lost its
    /// issuer role): nothing changed.
    ReleaseRefused { reason: MintRefusal },
    /// The token could not be called.
    TokenUnavailable,
    /// A native-currency payment by the escrow failed.
    PaymentFailed { to: AccountId, amount: Balance },
    /// The token would not mint to the contributor everything its identity would then be owed (its current
    /// holding counted by the token, plus all its positions in this offering): the contribution is refused so a
    /// successful offering can always deliver.
    Undeliverable {
        /// Tokens the identity would be owed by the escrow after this contribution.
        tokens: Balance,
        reason: MintRefusal,
    },
    /// The token would mint the position now: it must be delivered, not refunded.
    StillDeliverable { account: AccountId },
    /// The token's refusal is temporary (pause, halt, registry outage): wait and claim the tokens.
    RefusalTemporary { reason: MintRefusal },
    /// The refusal comes from the investor's own standing (a lapsed claim, a wallet unlinked from its identity, a
    /// refused country), which the investor can mend and then claim its tokens: the holdback serves positions
    /// that others made undeliverable first, so this one may draw on it only from the long-stop on.
    RefusalOwn {
        reason: MintRefusal,
        refundable_from: Timestamp,
    },
    /// The delivery holdback left cannot refund this position in full (it stays claimable as tokens).
    HoldbackExhausted { holdback: Balance, needed: Balance },
    /// Nothing is held back any more.
    NothingHeldBack,
    /// The holdback stays while positions are undelivered, until the long-stop (then the admin may release it).
    HoldbackLocked {
        undelivered: u32,
        long_stop_at: Timestamp,
    },
    /// Only the position's wallet, or another wallet of the same identity, may redirect its tokens or take its
    /// undeliverable refund.
    NotPositionHolder {
        caller: AccountId,
        identity: IdentityId,
    },
    /// The destination wallet does not belong to the position's identity in the registry.
    NotSameIdentity {
        wallet: AccountId,
        identity: IdentityId,
        wallet_identity: Option<IdentityId>,
    },
    /// An amount overflowed.
    Overflow,
}

impl From<AdminError> for EscrowError {
    fn from(refusal: AdminError) -> Self {
        EscrowError::Admin(refusal)
    }
}

/// Why terms were refused at deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum TermsError {
    /// The price is zero.
    ZeroPrice,
    /// The soft cap is zero or above the hard cap.
    CapsInverted {
        soft_cap: Balance,
        hard_cap: Balance,
    },
    /// A cap, the lead commitment or a ticket limit is not a whole number of tokens.
    NotWholeTokens { amount: Balance, price: Balance },
    /// The lead commitment is zero or above the hard cap.
    LeadCommitmentOutOfRange {
        lead_commitment: Balance,
        hard_cap: Balance,
    },
    /// The minimum ticket is zero or above the maximum ticket.
    TicketsInverted {
        min_ticket: Balance,
        max_ticket: Balance,
    },
    /// The deadline is not in the future.
    DeadlinePassed { deadline: Timestamp, now: Timestamp },
    /// A basis-point figure exceeds 10 000.
    InvalidBps { bps: u16 },
    /// Tranche shares do not add up to 10 000.
    TrancheSharesDoNotAddUp { total_bps: u32 },
    /// Too many tranches or blocked countries.
    TooMany { what: ListKind, max: u32 },
    /// The claim set names bits that are no claim type.
    MalformedClaims { bits: u8 },
    /// Fee and holdback together exceed the amount raised.
    FeeAndHoldbackAboveRaise { fee_bps: u16, holdback_bps: u16 },
    /// Tranches or a holdback need a long-stop, so no money can be locked forever.
    NoLongStop,
}
