//! Cross-chain transfer legs (issue #28, `docs/cross-chain.md`): the state machines a port on the home chain and a
//! mirror token on another parachain share, as plain Rust. XCM is asynchronous and nothing rolls back across
//! chains, so every state in between is explicit here and each is safe on its own.
//!
//! A *leg* moves `amount` from a holder on one chain to an account on the other. The sending chain's [`Outbox`]
//! takes the tokens out of circulation first (the port locks them, the mirror burns them) and sends
//! [`LegMessage::Deliver`]; the receiving chain's [`Inbox`] decides once per id ([`Outcome`]: delivered after its
//! own compliance check, refused with the typed reason, or cancelled) and answers [`LegMessage::Ack`] with that
//! decision, to every copy of the message; the outbox settles once on the first answer (a refused or cancelled leg
//! gives the tokens back to the holder).
//!
//! - **Each id is decided exactly once** at its destination (a tombstone per id: a replayed or duplicated message
//!   changes nothing and gets the same answer), and **settled exactly once** at its source (a second answer is
//!   refused).
//! - **A timeout never refunds on its own:** after the deadline the sender may ask to cancel
//!   ([`LegMessage::Cancel`]); the destination cancels only an id it has not decided, and answers. A late
//!   delivery message can therefore never produce both a credit at the destination and a refund at the source.
//! - **Only the peer's location acts on a box:** the contract shells compare the caller of `Deliver`, `Cancel` and
//!   `Ack` with the account the chain derives for the peer contract ([`sibling_account`]).
//!
//! The conservation law the tests check after every step of a randomised run (`cross_chain_tests.rs`): tokens
//! locked by the port = the mirror's supply + every amount in flight (taken out on one side, not yet put back or
//! credited on the other).
use crate::{AccountId, Balance, MintRefusal, Timestamp};
use ink::storage::{traits::ManualKey, Mapping};

/// One leg's number, given by its source's outbox (ids of the two directions are separate sequences).
pub type TransferId = u64;

/// How the destination decided a leg (once per id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Outcome {
    /// Credited to the recipient (minted by the mirror, released by the port).
    Delivered,
    /// Refused by the destination's token, for this reason: the source gives the tokens back.
    Refused(MintRefusal),
    /// Cancelled at the source's request before any decision: the source gives the tokens back.
    Cancelled,
}

/// What one chain's box sends the other's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum LegMessage {
    /// Credit `amount` to `to` for leg `id` (source outbox -> destination inbox).
    Deliver {
        id: TransferId,
        to: AccountId,
        amount: Balance,
    },
    /// The source asks to cancel leg `id`, past its deadline (source outbox -> destination inbox).
    Cancel { id: TransferId },
    /// The destination's decision on leg `id` (destination inbox -> source outbox).
    Ack { id: TransferId, outcome: Outcome },
}

/// Where a leg stands at its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum SendState {
    /// Sent; no answer yet.
    Pending,
    /// Past its deadline, a cancel was sent; no answer yet (a delivery may still have happened).
    CancelRequested,
    /// The destination credited it (final).
    Delivered,
    /// Refused or cancelled at the destination, and given back to the holder (final).
    Returned,
}

impl SendState {
    /// Whether the leg waits for its answer.
    pub fn is_open(self) -> bool {
        matches!(self, SendState::Pending | SendState::CancelRequested)
    }
}

/// One leg at its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Sending {
    /// Who sent it, and gets it back if it is refused or cancelled.
    pub holder: AccountId,
    /// The recipient on the other chain.
    pub to: AccountId,
    pub amount: Balance,
    /// From this instant the holder may ask to cancel.
    pub cancel_from: Timestamp,
    pub state: SendState,
}

/// Why a box refused an operation (nothing changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum LegError {
    /// Nothing to send.
    ZeroAmount,
    /// The id counter or the amount in flight would overflow.
    Overflow,
    /// No leg with this id was sent from here.
    UnknownTransfer { id: TransferId },
    /// The leg was already settled (`state` is final): a second answer changes nothing.
    AlreadySettled { id: TransferId, state: SendState },
    /// Only the leg's holder may ask to cancel it.
    NotHolder {
        id: TransferId,
        holder: AccountId,
        caller: AccountId,
    },
    /// The destination decided this leg already (`outcome` stands).
    AlreadyDecided { id: TransferId, outcome: Outcome },
    /// The leg may be cancelled only from `cancel_from`.
    TooEarlyToCancel {
        id: TransferId,
        cancel_from: Timestamp,
        now: Timestamp,
    },
}

/// What settling a leg does at its source: give `amount` back to `holder` (`returned`), or keep it out of
/// circulation for good (the destination credited it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settled {
    pub id: TransferId,
    pub holder: AccountId,
    pub amount: Balance,
    pub outcome: Outcome,
    pub returned: bool,
}

/// The sending side of one direction: legs by id, and the amount whose answer is awaited.
#[ink::storage_item]
#[derive(Debug)]
pub struct Outbox {
    next_id: TransferId,
    /// A fixed storage key (not one derived from the type's and the field's names): a rename must never lose
    /// the legs in flight.
    sends: Mapping<TransferId, Sending, ManualKey<0x7870_6f01>>,
    awaiting: Balance,
}

impl Default for Outbox {
    fn default() -> Self {
        Outbox {
            next_id: 1,
            sends: Mapping::default(),
            awaiting: 0,
        }
    }
}

impl Outbox {
    /// Opens a leg of `amount` from `holder` to `to`, which the holder may ask to cancel from `now + timeout`.
    /// The caller has already taken the tokens out of circulation (locked or burned) in the same transaction.
    pub fn open(
        &mut self,
        holder: AccountId,
        to: AccountId,
        amount: Balance,
        now: Timestamp,
        timeout: Timestamp,
    ) -> Result<(TransferId, LegMessage), LegError> {
        if amount == 0 {
            return Err(LegError::ZeroAmount);
        }
        let id = self.next_id;
        let next_id = id.checked_add(1).ok_or(LegError::Overflow)?;
        let awaiting = self
            .awaiting
            .checked_add(amount)
            .ok_or(LegError::Overflow)?;
        self.sends.insert(
            id,
            &Sending {
                holder,
                to,
                amount,
                cancel_from: now.saturating_add(timeout),
                state: SendState::Pending,
            },
        );
        self.next_id = next_id;
        self.awaiting = awaiting;
        Ok((id, LegMessage::Deliver { id, to, amount }))
    }

    /// The holder asks to cancel an open leg past its deadline: the message to send. Nothing is given back here:
    /// only the destination's answer settles the leg. A cancel that got no answer may be asked again from
    /// `now + retry_after` (each message costs the destination's execution, paid by the sender's account there:
    /// one cancel per window bounds what a holder can make it spend).
    pub fn request_cancel(
        &mut self,
        caller: AccountId,
        id: TransferId,
        now: Timestamp,
        retry_after: Timestamp,
    ) -> Result<LegMessage, LegError> {
        let mut sending = self.open_leg(id)?;
        if caller != sending.holder {
            return Err(LegError::NotHolder {
                id,
                holder: sending.holder,
                caller,
            });
        }
        if now < sending.cancel_from {
            return Err(LegError::TooEarlyToCancel {
                id,
                cancel_from: sending.cancel_from,
                now,
            });
        }
        sending.state = SendState::CancelRequested;
        sending.cancel_from = now.saturating_add(retry_after);
        self.sends.insert(id, &sending);
        Ok(LegMessage::Cancel { id })
    }

    /// The destination's answer: settles an open leg once (the caller then gives back what [`Settled`] says).
    pub fn settle(&mut self, id: TransferId, outcome: Outcome) -> Result<Settled, LegError> {
        let mut sending = self.open_leg(id)?;
        let returned = !matches!(outcome, Outcome::Delivered);
        sending.state = if returned {
            SendState::Returned
        } else {
            SendState::Delivered
        };
        self.sends.insert(id, &sending);
        self.awaiting = self.awaiting.saturating_sub(sending.amount);
        Ok(Settled {
            id,
            holder: sending.holder,
            amount: sending.amount,
            outcome,
            returned,
        })
    }

    /// Leg `id`, if it was sent from here.
    pub fn sending(&self, id: TransferId) -> Option<Sending> {
        self.sends.get(id)
    }

    /// The sum of the legs awaiting their answer.
    pub fn awaiting(&self) -> Balance {
        self.awaiting
    }

    /// The id the next leg gets.
    pub fn next_id(&self) -> TransferId {
        self.next_id
    }

    fn open_leg(&self, id: TransferId) -> Result<Sending, LegError> {
        let sending = self.sends.get(id).ok_or(LegError::UnknownTransfer { id })?;
        if !sending.state.is_open() {
            return Err(LegError::AlreadySettled {
                id,
                state: sending.state,
            });
        }
        Ok(sending)
    }
}

/// What the receiving side must do with a message it was handed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// A leg never seen: decide it (run the token's compliance check and credit, or refuse), then [`Inbox::decide`].
    Decide {
        id: TransferId,
        to: AccountId,
        amount: Balance,
    },
    /// Already decided (a replay, a duplicate, a cancel after a delivery, ...): nothing changes; answer again.
    Answer(LegMessage),
}

/// The receiving side of one direction: each leg's decision, kept for ever (a tombstone per id).
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Inbox {
    /// A fixed storage key (not one derived from the type's and the field's names): losing the tombstones to a
    /// rename would let a replayed delivery credit twice.
    decided: Mapping<TransferId, Outcome, ManualKey<0x7870_6902>>,
}

impl Inbox {
    /// What to do with a `Deliver` for leg `id`.
    pub fn arrive(&self, id: TransferId, to: AccountId, amount: Balance) -> Arrival {
        match self.decided.get(id) {
            Some(outcome) => Arrival::Answer(LegMessage::Ack { id, outcome }),
            None => Arrival::Decide { id, to, amount },
        }
    }

    /// Records the decision on a leg [`Inbox::arrive`] said to decide, and the answer to send. Refused for a leg
    /// already decided (its first decision stands): a shell that credited the recipient and gets this refusal
    /// must revert the whole message.
    pub fn decide(&mut self, id: TransferId, outcome: Outcome) -> Result<LegMessage, LegError> {
        if let Some(first) = self.decided.get(id) {
            return Err(LegError::AlreadyDecided { id, outcome: first });
        }
        self.decided.insert(id, &outcome);
        Ok(LegMessage::Ack { id, outcome })
    }

    /// A `Cancel` for leg `id`: cancels it if undecided; either way the answer is the leg's one decision.
    pub fn cancel(&mut self, id: TransferId) -> LegMessage {
        let outcome = match self.decided.get(id) {
            Some(first) => first,
            None => {
                self.decided.insert(id, &Outcome::Cancelled);
                Outcome::Cancelled
            }
        };
        LegMessage::Ack { id, outcome }
    }

    /// The decision on leg `id`, if made.
    pub fn decided(&self, id: TransferId) -> Option<Outcome> {
        self.decided.get(id)
    }
}

/// The account a parachain derives for a contract (or any 32-byte account) `account` of its sibling `para`, with
/// `HashedDescription<_, DescribeFamily<DescribeAllTerminal>>` (staging-xcm-builder): what a mirror and a port
/// check a cross-chain call's caller against. The network of the account is not part of it.
/// `blake2_256(b"SiblingChain" ++ Compact(para) ++ Compact(43) ++ b"AccountId32" ++ account)`: 43 is the length of
/// the rest (`b"AccountId32"`, 11 bytes, and the 32 account bytes), as `DescribeFamily` writes it.
pub fn sibling_account(para: u32, account: &AccountId) -> AccountId {
    use scale::Encode;
    let mut described = alloc::vec::Vec::with_capacity(12 + 5 + 1 + 11 + 32);
    described.extend_from_slice(b"SiblingChain");
    scale::Compact(para).encode_to(&mut described);
    let mut tail = alloc::vec::Vec::with_capacity(43);
    tail.extend_from_slice(b"AccountId32");
    tail.extend_from_slice(AsRef::<[u8]>::as_ref(account));
    tail.encode_to(&mut described);
    let mut hash = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&described, &mut hash);
    AccountId::from(hash)
}

#[cfg(test)]
#[path = "cross_chain_tests.rs"]
mod tests;
