//! Why a port refused (nothing changed).
use ink::primitives::AccountId;
use suite_traits::{cross_chain::LegError, AdminError, Balance, PSP22Error};

use crate::types::Peer;

/// Why a port refused an operation; the whole message reverted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PortError {
    /// Only the admin may do this.
    Admin(AdminError),
    /// The admin has not named the peer port yet: nothing can be sent or received.
    PeerNotSet,
    /// The peer is fixed for the port's life.
    PeerAlreadySet { peer: Peer },
    /// A cross-chain message came from another account than the one this chain derives for the peer port.
    NotPeer {
        caller: AccountId,
        expected: AccountId,
    },
    /// The legs' bookkeeping refused (an unknown or settled leg, a cancel too early or by another account, ...).
    Leg(LegError),
    /// The admin paused new legs out (answers, cancels and credits still run).
    Paused,
    /// Less than the smallest leg.
    BelowMinimum { amount: Balance, minimum: Balance },
    /// The token refused to take the holder's tokens (its compliance, a pause or halt, a missing allowance).
    Token(PSP22Error),
    /// The token could not be asked (it trapped, or is not a token): nothing changed, try again later.
    TokenUnavailable,
    /// A leg to the peer port itself: the tokens would be stranded there.
    RecipientIsPort { port: AccountId },
    /// A port needs a timeout above zero (a holder could otherwise ask to cancel in every block).
    ZeroTimeout,
    /// This port has not decided the peer's leg `id`: there is no answer to send again.
    Undecided {
        id: suite_traits::cross_chain::TransferId,
    },
    /// The answer on leg `id` was sent again lately; again from `from`.
    TooEarlyToResend {
        id: suite_traits::cross_chain::TransferId,
        from: suite_traits::Timestamp,
    },
    /// The chain refused to send the message (no XCM configured, no route to the peer).
    XcmSendFailed,
    /// Nothing is owed to the caller.
    NothingOwed { account: AccountId },
    /// The give-back was refused again: it stays owed.
    StillRefused { reason: suite_traits::MintRefusal },
    /// A timeout above `max` (ms): a holder whose leg was lost could wait too long to ask for it back.
    TimeoutTooLong {
        timeout: suite_traits::Timestamp,
        max: suite_traits::Timestamp,
    },
}

impl From<AdminError> for PortError {
    fn from(e: AdminError) -> Self {
        PortError::Admin(e)
    }
}

impl From<LegError> for PortError {
    fn from(e: LegError) -> Self {
        PortError::Leg(e)
    }
}

pub type PortResult<T> = Result<T, PortError>;
