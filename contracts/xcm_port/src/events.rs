//! Every change of a port's state announces itself.
use ink::primitives::AccountId;
use suite_traits::{
    cross_chain::{Outcome, TransferId},
    Balance, MintRefusal,
};

use crate::types::{Peer, XcmTerms};

/// The admin named the peer port (once).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct PeerSet {
    pub peer: Peer,
    /// The account this chain derives for the peer: the only caller of `receive`.
    pub peer_account: AccountId,
}

/// A leg left: `amount` taken from `holder` (locked or burned) for `to` on the peer chain.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct LegSent {
    #[ink(topic)]
    pub id: TransferId,
    #[ink(topic)]
    pub holder: AccountId,
    pub to: AccountId,
    pub amount: Balance,
}

/// The holder asked the peer to cancel leg `id`, past its deadline.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct CancelRequested {
    #[ink(topic)]
    pub id: TransferId,
}

/// A leg from the peer was decided here, once: credited, refused (with the token's reason) or cancelled.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct LegDecided {
    #[ink(topic)]
    pub id: TransferId,
    #[ink(topic)]
    pub to: AccountId,
    pub amount: Balance,
    pub outcome: Outcome,
}

/// The peer cancelled its leg `id` before it was decided here: it was never credited, and never will be.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct LegCancelled {
    #[ink(topic)]
    pub id: TransferId,
}

/// The peer answered a leg sent from here: final.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct LegSettled {
    #[ink(topic)]
    pub id: TransferId,
    #[ink(topic)]
    pub holder: AccountId,
    pub amount: Balance,
    pub outcome: Outcome,
    /// The tokens came back to the holder (or are owed to it, see [`GiveBackOwed`]).
    pub returned: bool,
}

/// A give-back the token refused (the holder frozen, unverified, the token halted): owed to the holder, who
/// claims it with `claim_owed` once the reason is gone.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct GiveBackOwed {
    #[ink(topic)]
    pub holder: AccountId,
    pub amount: Balance,
    pub reason: MintRefusal,
}

/// What was owed to `holder` was given back.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct OwedPaid {
    #[ink(topic)]
    pub holder: AccountId,
    pub amount: Balance,
}

/// The admin paused or resumed legs out.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct PortPaused {
    pub paused: bool,
}

/// The admin changed how the port reaches its peer.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct TermsSet {
    pub terms: XcmTerms,
}

/// This port sent its decision on the peer's leg `id` again (asked by anyone).
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct AnswerResent {
    #[ink(topic)]
    pub id: TransferId,
    pub outcome: Outcome,
}
