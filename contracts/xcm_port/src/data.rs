//! A port's whole state and every message's rules, as plain Rust. It reaches the chain only through a [`Host`]:
//! the clock, events, the token's cross-calls and the XCM send; the native tests run it against a model.
use ink::{primitives::AccountId, storage::Mapping};
use suite_traits::{
    cross_chain::{sibling_account, Arrival, Inbox, LegMessage, Outbox, Outcome, TransferId},
    AdminRole, Balance, MintRefusal, Timestamp,
};

use crate::{
    errors::{PortError, PortResult},
    events::{
        AnswerResent, CancelRequested, GiveBackOwed, LegCancelled, LegDecided, LegSent, LegSettled,
        OwedPaid, PeerSet, PortPaused, TermsSet,
    },
    types::{Mode, Peer, PortConfig, XcmTerms},
};

/// What the port needs of the chain.
pub trait Host {
    /// The account that called the message.
    fn caller(&self) -> AccountId;
    /// The port's own account.
    fn account_id(&self) -> AccountId;
    /// The current block's timestamp.
    fn now(&self) -> Timestamp;
    /// Emits `event`.
    fn emit<E: ink::env::event::Event>(&self, event: E);
    /// Takes `amount` of `holder`'s tokens out of circulation: into the port (`Lock`), or burned (`Mint`). The
    /// token's refusal is `Token`; a token that cannot be asked, `TokenUnavailable`.
    fn take_in(
        &mut self,
        config: &PortConfig,
        holder: AccountId,
        amount: Balance,
    ) -> PortResult<()>;
    /// Why the token would refuse to put `amount` in `to`'s hands (released by the port or minted), or `Ok`; an
    /// outer `Err` (`TokenUnavailable`) when the token cannot be asked.
    fn check_credit(
        &self,
        config: &PortConfig,
        to: AccountId,
        amount: Balance,
    ) -> PortResult<Result<(), MintRefusal>>;
    /// Puts `amount` in `to`'s hands (a release from the port, or a mint).
    fn credit(&mut self, config: &PortConfig, to: AccountId, amount: Balance) -> PortResult<()>;
    /// Sends `message` to the peer port's `receive` by XCM.
    fn send(&mut self, config: &PortConfig, peer: &Peer, message: LegMessage) -> PortResult<()>;
}

#[ink::storage_item]
#[derive(Debug)]
pub struct PortData {
    admin: AdminRole,
    config: PortConfig,
    peer: Option<Peer>,
    paused: bool,
    /// Legs sent from here.
    outbox: Outbox,
    /// Legs sent here, each decided once.
    inbox: Inbox,
    /// Give-backs the token refused, per holder.
    owed: Mapping<AccountId, Balance>,
    owed_total: Balance,
    /// `Lock` only: what the port may release for legs coming home, the sum of its legs out the peer credited
    /// less what it released since. A mirror whose supply grew by other means (another issuer, a bad-faith
    /// admin) can never draw more than was sent to it.
    backing: Balance,
    /// From when each decided leg's answer may be sent again (`resend_answer`).
    resend_from: Mapping<TransferId, Timestamp>,
}

/// The longest a leg may wait for its answer before its holder may ask to cancel it: 30 days (ms). A holder whose
/// leg was lost waits at most this long for the right to have it back.
pub const MAX_TIMEOUT: Timestamp = 30 * 24 * 60 * 60 * 1000;

impl PortData {
    /// A port for `config`, administered by `admin`. Refused with a zero timeout (a holder could then ask to cancel
    /// in every block, each message paid by the port's account on the peer chain) and with one above
    /// [`MAX_TIMEOUT`] (a deployer could otherwise set one so long that a holder whose leg was lost never gets to
    /// ask for it back).
    pub fn new(admin: AccountId, config: PortConfig) -> PortResult<Self> {
        if config.timeout == 0 {
            return Err(PortError::ZeroTimeout);
        }
        if config.timeout > MAX_TIMEOUT {
            return Err(PortError::TimeoutTooLong {
                timeout: config.timeout,
                max: MAX_TIMEOUT,
            });
        }
        Ok(PortData {
            admin: AdminRole::new(admin),
            config,
            peer: None,
            paused: false,
            outbox: Outbox::default(),
            inbox: Inbox::default(),
            owed: Mapping::default(),
            owed_total: 0,
            backing: 0,
            resend_from: Mapping::default(),
        })
    }

    /// Admin: new terms for reaching the peer (after a runtime upgrade of either chain changed the call's index,
    /// the message encoding, the price of weight, ...). Legs in flight keep their ids; the next message uses these.
    pub fn set_terms<H: Host>(&mut self, host: &H, terms: XcmTerms) -> PortResult<()> {
        self.admin.ensure(host.caller())?;
        self.config.xcm = terms;
        host.emit(TermsSet { terms });
        Ok(())
    }

    pub fn admin_role(&mut self) -> &mut AdminRole {
        &mut self.admin
    }

    pub fn admin(&self) -> AccountId {
        self.admin.admin()
    }

    pub fn pending_admin(&self) -> Option<AccountId> {
        self.admin.pending()
    }

    pub fn config(&self) -> PortConfig {
        self.config
    }

    pub fn peer(&self) -> Option<Peer> {
        self.peer
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Admin: name the peer port, once.
    pub fn set_peer<H: Host>(&mut self, host: &H, peer: Peer) -> PortResult<()> {
        self.admin.ensure(host.caller())?;
        if let Some(peer) = self.peer {
            return Err(PortError::PeerAlreadySet { peer });
        }
        self.peer = Some(peer);
        host.emit(PeerSet {
            peer,
            peer_account: sibling_account(peer.para, &peer.port),
        });
        Ok(())
    }

    /// Admin: pause (or resume) legs out. Answers, cancels, credits and give-backs run while paused: a pause
    /// must never strand a leg already sent.
    pub fn set_paused<H: Host>(&mut self, host: &H, paused: bool) -> PortResult<()> {
        self.admin.ensure(host.caller())?;
        self.paused = paused;
        host.emit(PortPaused { paused });
        Ok(())
    }

    fn peer_or_refuse(&self) -> PortResult<Peer> {
        self.peer.ok_or(PortError::PeerNotSet)
    }

    /// The caller sends `amount` of its tokens to `to` on the peer chain: taken out of circulation here, then
    /// the message leaves. Returns the leg's id.
    pub fn transfer_out<H: Host>(
        &mut self,
        host: &mut H,
        to: AccountId,
        amount: Balance,
    ) -> PortResult<TransferId> {
        let peer = self.peer_or_refuse()?;
        if self.paused {
            return Err(PortError::Paused);
        }
        if amount < self.config.min_amount || amount == 0 {
            return Err(PortError::BelowMinimum {
                amount,
                minimum: self.config.min_amount,
            });
        }
        if to == peer.port {
            return Err(PortError::RecipientIsPort { port: peer.port });
        }
        let holder = host.caller();
        host.take_in(&self.config, holder, amount)?;
        let (id, message) =
            self.outbox
                .open(holder, to, amount, host.now(), self.config.timeout)?;
        host.send(&self.config, &peer, message)?;
        host.emit(LegSent {
            id,
            holder,
            to,
            amount,
        });
        Ok(id)
    }

    /// The holder of leg `id` asks the peer to cancel it, past its deadline (and again after each further
    /// timeout while no answer came). Nothing comes back until the peer answers.
    pub fn request_cancel<H: Host>(&mut self, host: &mut H, id: TransferId) -> PortResult<()> {
        let peer = self.peer_or_refuse()?;
        let message =
            self.outbox
                .request_cancel(host.caller(), id, host.now(), self.config.timeout)?;
        host.send(&self.config, &peer, message)?;
        host.emit(CancelRequested { id });
        Ok(())
    }

    /// Anyone: this port sends its decision on the peer's leg `id` again (an answer lost on the way leaves the
    /// peer's leg open, and at home a lost `Delivered` also holds back the port's backing). At most once per
    /// timeout per leg: each message is paid by this port's account on the peer chain.
    pub fn resend_answer<H: Host>(&mut self, host: &mut H, id: TransferId) -> PortResult<()> {
        let peer = self.peer_or_refuse()?;
        let outcome = self.inbox.decided(id).ok_or(PortError::Undecided { id })?;
        let now = host.now();
        if let Some(from) = self.resend_from.get(id) {
            if now < from {
                return Err(PortError::TooEarlyToResend { id, from });
            }
        }
        self.resend_from
            .insert(id, &now.saturating_add(self.config.timeout));
        host.send(&self.config, &peer, LegMessage::Ack { id, outcome })?;
        host.emit(AnswerResent { id, outcome });
        Ok(())
    }

    /// A message from the peer port, by XCM `Transact`: only from the account this chain derives for it.
    /// A refusal by the token is an answer, not an error: the message succeeds and the answer goes back.
    pub fn receive<H: Host>(&mut self, host: &mut H, message: LegMessage) -> PortResult<()> {
        let peer = self.peer_or_refuse()?;
        let expected = sibling_account(peer.para, &peer.port);
        let caller = host.caller();
        if caller != expected {
            return Err(PortError::NotPeer { caller, expected });
        }
        match message {
            LegMessage::Deliver { id, to, amount } => {
                let answer = match self.inbox.arrive(id, to, amount) {
                    Arrival::Answer(answer) => answer,
                    Arrival::Decide { id, to, amount } => {
                        let outcome = self.credit_arrival(host, to, amount)?;
                        let answer = self.inbox.decide(id, outcome)?;
                        host.emit(LegDecided {
                            id,
                            to,
                            amount,
                            outcome,
                        });
                        answer
                    }
                };
                host.send(&self.config, &peer, answer)
            }
            LegMessage::Cancel { id } => {
                let undecided = self.inbox.decided(id).is_none();
                let answer = self.inbox.cancel(id);
                if undecided {
                    host.emit(LegCancelled { id });
                }
                host.send(&self.config, &peer, answer)
            }
            LegMessage::Ack { id, outcome } => {
                let settled = self.outbox.settle(id, outcome)?;
                if settled.returned {
                    self.give_back(host, settled.holder, settled.amount)?;
                } else if self.config.mode == Mode::Lock {
                    self.backing =
                        self.backing
                            .checked_add(settled.amount)
                            .ok_or(PortError::Leg(
                                suite_traits::cross_chain::LegError::Overflow,
                            ))?;
                }
                host.emit(LegSettled {
                    id,
                    holder: settled.holder,
                    amount: settled.amount,
                    outcome,
                    returned: settled.returned,
                });
                Ok(())
            }
        }
    }

    /// The decision on a leg arriving for `to`: credited if the token accepts (and, at home, the port holds that
    /// much for the peer), else refused with the reason. A token that cannot be asked reverts the message (the
    /// leg stays undecided until the sender's cancel decides it).
    fn credit_arrival<H: Host>(
        &mut self,
        host: &mut H,
        to: AccountId,
        amount: Balance,
    ) -> PortResult<Outcome> {
        if to == host.account_id() {
            // Only a forged message names the port itself (the sending port refuses it): crediting it would
            // strand the tokens in the port.
            return Ok(Outcome::Refused(MintRefusal::Other));
        }
        if self.config.mode == Mode::Lock && amount > self.backing {
            return Ok(Outcome::Refused(MintRefusal::NotBacked {
                backing: self.backing,
                asked: amount,
            }));
        }
        if let Err(reason) = host.check_credit(&self.config, to, amount)? {
            return Ok(Outcome::Refused(reason));
        }
        // The check passed, yet the token refused (it cannot tell every reason in advance: the port's own issuer
        // role revoked, ...): refused, so the sender gives the tokens back. A token that cannot be asked reverts.
        match host.credit(&self.config, to, amount) {
            Ok(()) => {}
            Err(PortError::Token(_)) => return Ok(Outcome::Refused(MintRefusal::Other)),
            Err(unavailable) => return Err(unavailable),
        }
        if self.config.mode == Mode::Lock {
            self.backing = self.backing.saturating_sub(amount);
        }
        Ok(Outcome::Delivered)
    }

    /// Gives `amount` back to `holder`, or records it as owed if the token refuses, now or when asked (never
    /// settles and drops it).
    fn give_back<H: Host>(
        &mut self,
        host: &mut H,
        holder: AccountId,
        amount: Balance,
    ) -> PortResult<()> {
        // Whatever stops the give-back now (a refusal, a token that cannot be asked) makes it owed: the answer is
        // settled either way, and `claim_owed` asks the token again later.
        let refusal = match host.check_credit(&self.config, holder, amount) {
            Ok(Ok(())) => match host.credit(&self.config, holder, amount) {
                Ok(()) => None,
                Err(PortError::Token(_)) => Some(MintRefusal::Other),
                Err(_) => Some(MintRefusal::RegistryUnavailable),
            },
            Ok(Err(reason)) => Some(reason),
            Err(_) => Some(MintRefusal::RegistryUnavailable),
        };
        match refusal {
            None => Ok(()),
            Some(reason) => {
                let owed = self.owed.get(holder).unwrap_or(0);
                let (Some(owed), Some(total)) = (
                    owed.checked_add(amount),
                    self.owed_total.checked_add(amount),
                ) else {
                    return Err(PortError::Leg(
                        suite_traits::cross_chain::LegError::Overflow,
                    ));
                };
                self.owed.insert(holder, &owed);
                self.owed_total = total;
                host.emit(GiveBackOwed {
                    holder,
                    amount,
                    reason,
                });
                Ok(())
            }
        }
    }

    /// The caller takes what the token refused to give back earlier, all of it, once the reason is gone.
    pub fn claim_owed<H: Host>(&mut self, host: &mut H) -> PortResult<Balance> {
        let holder = host.caller();
        let amount = self.owed.get(holder).unwrap_or(0);
        if amount == 0 {
            return Err(PortError::NothingOwed { account: holder });
        }
        host.check_credit(&self.config, holder, amount)?
            .map_err(|reason| PortError::StillRefused { reason })?;
        self.owed.remove(holder);
        self.owed_total = self.owed_total.saturating_sub(amount);
        host.credit(&self.config, holder, amount)?;
        host.emit(OwedPaid { holder, amount });
        Ok(amount)
    }

    /// Leg `id` sent from here.
    pub fn sending(&self, id: TransferId) -> Option<suite_traits::cross_chain::Sending> {
        self.outbox.sending(id)
    }

    /// The decision on leg `id` sent here by the peer.
    pub fn decided(&self, id: TransferId) -> Option<Outcome> {
        self.inbox.decided(id)
    }

    /// Tokens taken out here whose answer is awaited.
    pub fn in_flight(&self) -> Balance {
        self.outbox.awaiting()
    }

    /// What the token refused to give back to `holder`.
    pub fn owed(&self, holder: AccountId) -> Balance {
        self.owed.get(holder).unwrap_or(0)
    }

    /// Everything owed to holders.
    pub fn owed_total(&self) -> Balance {
        self.owed_total
    }

    /// The account this chain derives for the peer port (the only caller of `receive`), once the peer is set.
    pub fn peer_account(&self) -> Option<AccountId> {
        self.peer.map(|p| sibling_account(p.para, &p.port))
    }

    /// `Lock` only: what the port may still release for legs coming home.
    pub fn backing(&self) -> Balance {
        self.backing
    }

    /// Whether a leg out is `Lock` (home) or `Mint` (mirror).
    pub fn mode(&self) -> Mode {
        self.config.mode
    }
}

#[cfg(test)]
#[path = "data_tests.rs"]
mod tests;
