//! One event per state change of the escrow.
use suite_traits::{AccountId, Balance, IdentityId, MintRefusal, Timestamp};

pub use suite_traits::{AdminChanged, AdminTransferStarted};

/// The lead investor's commitment arrived: the sale is open.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct SaleOpened {
    #[ink(topic)]
    pub lead_investor: AccountId,
    pub commitment: Balance,
}

/// An investor committed funds.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Contributed {
    #[ink(topic)]
    pub investor: AccountId,
    #[ink(topic)]
    pub identity: IdentityId,
    pub amount: Balance,
    /// The wallet's whole commitment after this contribution.
    pub position: Balance,
    /// Whether the investor is non-accredited (and so has a cooling-off right until `cooling_off_until`).
    pub retail: bool,
    pub cooling_off_until: Timestamp,
    /// Total raised after this contribution.
    pub raised: Balance,
    /// The identity the wallet's earlier commitment counted towards, when the registry re-linked the wallet since
    /// (that commitment now counts towards `identity`).
    pub relinked_from: Option<IdentityId>,
}

/// A retail investor withdrew within the cooling-off window and was repaid.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Withdrawn {
    #[ink(topic)]
    pub investor: AccountId,
    /// The identity whose promise at the token shrinks by the withdrawn tokens.
    pub identity: IdentityId,
    pub amount: Balance,
    pub raised: Balance,
}

/// The offering reached its soft cap: tokens can be claimed, the sponsor is paid.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct OfferingSucceeded {
    pub raised: Balance,
    pub tokens_sold: Balance,
    pub fee: Balance,
    /// Net proceeds for the sponsor (tranches), the holdback excluded.
    pub sponsor_net: Balance,
    /// Kept back to refund positions the token refuses to mint; goes to the sponsor once all are settled.
    pub holdback: Balance,
}

/// The offering failed (soft cap missed or no lead investor): everyone can claim a refund.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct OfferingFailed {
    pub raised: Balance,
    pub soft_cap: Balance,
    pub lead_arrived: bool,
}

/// The admin cancelled the offering: everyone can claim a refund.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct OfferingCancelled {
    #[ink(topic)]
    pub by: AccountId,
    pub raised: Balance,
}

/// The platform fee was paid.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct FeePaid {
    #[ink(topic)]
    pub receiver: AccountId,
    pub amount: Balance,
}

/// A tranche of the net proceeds went to the sponsor.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TrancheReleased {
    pub index: u32,
    #[ink(topic)]
    pub sponsor: AccountId,
    pub amount: Balance,
    /// Who triggered it (the admin, or anyone on an oracle attestation).
    pub by: AccountId,
    /// Released by the admin after the long-stop although the oracle never attested the milestone.
    pub long_stop_fallback: bool,
}

/// An investor's tokens were minted to it.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TokensDelivered {
    #[ink(topic)]
    pub investor: AccountId,
    pub tokens: Balance,
    /// Wallet the tokens were minted to: `investor`, or another wallet of the same identity.
    #[ink(topic)]
    pub to: AccountId,
}

/// A position the token refuses to mint (rules changed after the contribution) was refunded in full from the
/// delivery holdback.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct UndeliverableRefunded {
    #[ink(topic)]
    pub investor: AccountId,
    pub amount: Balance,
    pub reason: MintRefusal,
    /// Holdback left.
    pub holdback: Balance,
}

/// The rest of the delivery holdback went to the sponsor.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct HoldbackReleased {
    #[ink(topic)]
    pub sponsor: AccountId,
    pub amount: Balance,
    pub by: AccountId,
    /// Positions still undelivered (non-zero only for an admin release after the long-stop).
    pub undelivered: u32,
}

/// An investor was repaid after failure or cancellation.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct Refunded {
    #[ink(topic)]
    pub investor: AccountId,
    pub amount: Balance,
}
