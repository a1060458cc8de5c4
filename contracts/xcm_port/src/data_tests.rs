//! The port's rules against a model chain: a token with balances and a set of accounts it would credit, a network
//! that records what was sent. Each test tries to break one promise.
use super::*;
use crate::types::XcmTerms;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use suite_traits::cross_chain::{LegError, SendState};
use suite_traits::testing::fresh;
use suite_traits::PSP22Error;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

const ADMIN: u8 = 1;
const ALICE: u8 = 10;
const BOB: u8 = 11;
const PORT: u8 = 90;
const PEER_PORT: u8 = 91;
const PEER_PARA: u32 = 2000;

#[derive(Default)]
struct Model {
    caller: u8,
    now: Timestamp,
    mode: Option<Mode>,
    balances: BTreeMap<AccountId, Balance>,
    supply: Balance,
    /// Accounts the token would credit.
    creditable: BTreeSet<AccountId>,
    token_paused: bool,
    sent: Vec<LegMessage>,
    events: RefCell<usize>,
    send_fails: bool,
    /// The token traps (or is no token).
    token_down: bool,
    /// The token refuses a credit its check allowed (the port's issuer role revoked, ...).
    credit_fails: bool,
}

impl Model {
    fn lock() -> Self {
        let mut m = Model {
            mode: Some(Mode::Lock),
            caller: ADMIN,
            ..Default::default()
        };
        m.balances.insert(acc(ALICE), 1_000);
        m.supply = 1_000;
        m.creditable.extend([acc(ALICE), acc(BOB)]);
        m
    }
    fn balance(&self, a: u8) -> Balance {
        self.balances.get(&acc(a)).copied().unwrap_or(0)
    }
    fn from_peer(&mut self) {
        self.caller = 0;
    }
}

impl Host for Model {
    fn caller(&self) -> AccountId {
        if self.caller == 0 {
            sibling_account(PEER_PARA, &acc(PEER_PORT))
        } else {
            acc(self.caller)
        }
    }
    fn account_id(&self) -> AccountId {
        acc(PORT)
    }
    fn now(&self) -> Timestamp {
        self.now
    }
    fn emit<E: ink::env::event::Event>(&self, _event: E) {
        *self.events.borrow_mut() += 1;
    }
    fn take_in(
        &mut self,
        config: &PortConfig,
        holder: AccountId,
        amount: Balance,
    ) -> PortResult<()> {
        if self.token_down {
            return Err(PortError::TokenUnavailable);
        }
        if self.token_paused {
            return Err(PortError::Token(PSP22Error::Custom("paused".into())));
        }
        let have = self.balances.get(&holder).copied().unwrap_or(0);
        let left = have
            .checked_sub(amount)
            .ok_or(PortError::Token(PSP22Error::InsufficientBalance))?;
        self.balances.insert(holder, left);
        match config.mode {
            Mode::Lock => *self.balances.entry(acc(PORT)).or_default() += amount,
            Mode::Mint => self.supply -= amount,
        }
        Ok(())
    }
    fn check_credit(
        &self,
        _config: &PortConfig,
        to: AccountId,
        _amount: Balance,
    ) -> PortResult<Result<(), MintRefusal>> {
        if self.token_down {
            return Err(PortError::TokenUnavailable);
        }
        if self.token_paused {
            return Ok(Err(MintRefusal::Paused));
        }
        if !self.creditable.contains(&to) {
            return Ok(Err(MintRefusal::NotRegistered));
        }
        Ok(Ok(()))
    }
    fn credit(&mut self, config: &PortConfig, to: AccountId, amount: Balance) -> PortResult<()> {
        assert_eq!(
            self.check_credit(config, to, amount),
            Ok(Ok(())),
            "credited without a passing check"
        );
        if self.credit_fails {
            return Err(PortError::Token(PSP22Error::Custom(
                "the port is no issuer".into(),
            )));
        }
        if config.mode == Mode::Lock {
            let port = self.balances.entry(acc(PORT)).or_default();
            *port = port
                .checked_sub(amount)
                .ok_or(PortError::Token(PSP22Error::InsufficientBalance))?;
        } else {
            self.supply += amount;
        }
        *self.balances.entry(to).or_default() += amount;
        Ok(())
    }
    fn send(&mut self, _config: &PortConfig, peer: &Peer, message: LegMessage) -> PortResult<()> {
        assert_eq!(
            *peer,
            Peer {
                para: PEER_PARA,
                port: acc(PEER_PORT)
            }
        );
        if self.send_fails {
            return Err(PortError::XcmSendFailed);
        }
        self.sent.push(message);
        Ok(())
    }
}

fn config(mode: Mode) -> PortConfig {
    PortConfig {
        token: acc(80),
        mode,
        timeout: 600,
        min_amount: 10,
        own_para: 1000,
        xcm: XcmTerms {
            fee: 1_000,
            contracts_call: [4, 6],
            gas_limit: (10, 10),
            transact_weight: (20, 20),
            encoding: crate::types::SendEncoding::Blob,
        },
    }
}

fn port_with_peer(m: &Model) -> PortData {
    let mut port = PortData::new(acc(ADMIN), config(m.mode.unwrap())).unwrap();
    port.set_peer(
        m,
        Peer {
            para: PEER_PARA,
            port: acc(PEER_PORT),
        },
    )
    .unwrap();
    port
}

/// A home port that sent `amount` of alice's tokens to the peer, credited there: it may release that much.
fn home_port_backing(m: &mut Model, amount: Balance) -> PortData {
    let mut port = port_with_peer(m);
    m.caller = ALICE;
    let id = port.transfer_out(m, acc(BOB), amount).unwrap();
    m.from_peer();
    port.receive(
        m,
        LegMessage::Ack {
            id,
            outcome: Outcome::Delivered,
        },
    )
    .unwrap();
    assert_eq!(port.backing(), amount);
    m.sent.clear();
    port
}

#[test]
fn only_the_admin_names_the_peer_and_only_once() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = PortData::new(acc(ADMIN), config(Mode::Lock)).unwrap();
        m.caller = ALICE;
        m.balances.insert(acc(ALICE), 100);
        assert_eq!(
            port.transfer_out(&mut m, acc(BOB), 50),
            Err(PortError::PeerNotSet)
        );
        let peer = Peer {
            para: PEER_PARA,
            port: acc(PEER_PORT),
        };
        assert_eq!(
            port.set_peer(&m, peer),
            Err(PortError::Admin(suite_traits::AdminError::NotAdmin {
                caller: acc(ALICE)
            }))
        );
        m.caller = ADMIN;
        port.set_peer(&m, peer).unwrap();
        let other = Peer {
            para: 3000,
            port: acc(92),
        };
        assert_eq!(
            port.set_peer(&m, other),
            Err(PortError::PeerAlreadySet { peer })
        );
        assert_eq!(
            port.peer_account(),
            Some(sibling_account(PEER_PARA, &acc(PEER_PORT)))
        );
    })
}

#[test]
fn a_leg_out_takes_the_tokens_then_sends_and_refuses_dust_pause_and_a_refusing_token() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = port_with_peer(&m);
        m.caller = ALICE;
        assert_eq!(
            port.transfer_out(&mut m, acc(BOB), 9),
            Err(PortError::BelowMinimum {
                amount: 9,
                minimum: 10
            })
        );
        m.token_paused = true;
        assert!(matches!(
            port.transfer_out(&mut m, acc(BOB), 10),
            Err(PortError::Token(_))
        ));
        m.token_paused = false;
        assert_eq!(
            port.transfer_out(&mut m, acc(BOB), 1_001),
            Err(PortError::Token(PSP22Error::InsufficientBalance))
        );
        assert!(m.sent.is_empty() && port.in_flight() == 0);
        let id = port.transfer_out(&mut m, acc(BOB), 400).unwrap();
        assert_eq!(
            m.sent,
            vec![LegMessage::Deliver {
                id,
                to: acc(BOB),
                amount: 400
            }]
        );
        assert_eq!(
            (m.balance(ALICE), m.balance(PORT), port.in_flight()),
            (600, 400, 400)
        );
        m.caller = ADMIN;
        port.set_paused(&m, true).unwrap();
        m.caller = ALICE;
        assert_eq!(
            port.transfer_out(&mut m, acc(BOB), 10),
            Err(PortError::Paused)
        );
    })
}

#[test]
fn only_the_peers_derived_account_is_heard() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 500);
        let expected = sibling_account(PEER_PARA, &acc(PEER_PORT));
        // The peer port's own address, the admin, and the account of the same port on another para: all refused.
        for caller in [
            acc(PEER_PORT),
            acc(ADMIN),
            sibling_account(PEER_PARA + 1, &acc(PEER_PORT)),
        ] {
            let refused = {
                let mut spoof = SpoofCaller {
                    inner: &mut m,
                    caller,
                };
                port.receive(
                    &mut spoof,
                    LegMessage::Deliver {
                        id: 1,
                        to: acc(BOB),
                        amount: 500,
                    },
                )
            };
            assert_eq!(refused, Err(PortError::NotPeer { caller, expected }));
        }
        assert_eq!((m.balance(BOB), port.decided(1)), (0, None));
        m.from_peer();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 1,
                to: acc(BOB),
                amount: 500,
            },
        )
        .unwrap();
        assert_eq!(m.balance(BOB), 500);
    })
}

/// A host whose caller is any account (the model's own callers are test accounts or the peer).
struct SpoofCaller<'a> {
    inner: &'a mut Model,
    caller: AccountId,
}

impl Host for SpoofCaller<'_> {
    fn caller(&self) -> AccountId {
        self.caller
    }
    fn account_id(&self) -> AccountId {
        self.inner.account_id()
    }
    fn now(&self) -> Timestamp {
        self.inner.now()
    }
    fn emit<E: ink::env::event::Event>(&self, e: E) {
        self.inner.emit(e)
    }
    fn take_in(&mut self, c: &PortConfig, h: AccountId, a: Balance) -> PortResult<()> {
        self.inner.take_in(c, h, a)
    }
    fn check_credit(
        &self,
        c: &PortConfig,
        t: AccountId,
        a: Balance,
    ) -> PortResult<Result<(), MintRefusal>> {
        self.inner.check_credit(c, t, a)
    }
    fn credit(&mut self, c: &PortConfig, t: AccountId, a: Balance) -> PortResult<()> {
        self.inner.credit(c, t, a)
    }
    fn send(&mut self, c: &PortConfig, p: &Peer, m: LegMessage) -> PortResult<()> {
        self.inner.send(c, p, m)
    }
}

#[test]
fn a_delivery_is_decided_once_and_a_replay_gets_the_same_answer() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 900);
        m.from_peer();
        let deliver = LegMessage::Deliver {
            id: 7,
            to: acc(BOB),
            amount: 300,
        };
        port.receive(&mut m, deliver).unwrap();
        port.receive(&mut m, deliver).unwrap();
        let ack = LegMessage::Ack {
            id: 7,
            outcome: Outcome::Delivered,
        };
        assert_eq!(m.sent, vec![ack, ack]);
        assert_eq!((m.balance(BOB), m.balance(PORT)), (300, 600));
        // A replay with another recipient or amount changes nothing either: the id was decided.
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 7,
                to: acc(ALICE),
                amount: 600,
            },
        )
        .unwrap();
        assert_eq!(
            (m.balance(BOB), m.balance(PORT), m.sent.last()),
            (300, 600, Some(&ack))
        );
        // A cancel after the delivery is answered with the delivery.
        port.receive(&mut m, LegMessage::Cancel { id: 7 }).unwrap();
        assert_eq!(m.sent.last(), Some(&ack));
    })
}

#[test]
fn a_refused_recipient_is_answered_with_the_reason_and_credited_nothing() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 900);
        m.from_peer();
        let dave = acc(13);
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 1,
                to: dave,
                amount: 300,
            },
        )
        .unwrap();
        let refused = Outcome::Refused(MintRefusal::NotRegistered);
        assert_eq!(
            m.sent,
            vec![LegMessage::Ack {
                id: 1,
                outcome: refused
            }]
        );
        assert_eq!((m.balances.get(&dave), m.balance(PORT)), (None, 900));
        // Verified later, a replay of the same leg still gets the refusal: the peer has given the tokens back.
        m.creditable.insert(dave);
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 1,
                to: dave,
                amount: 300,
            },
        )
        .unwrap();
        assert_eq!(
            (m.balances.get(&dave), m.sent.last()),
            (
                None,
                Some(&LegMessage::Ack {
                    id: 1,
                    outcome: refused
                })
            )
        );
    })
}

#[test]
fn a_cancel_before_the_delivery_wins_and_the_late_delivery_credits_nothing() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 900);
        m.from_peer();
        port.receive(&mut m, LegMessage::Cancel { id: 3 }).unwrap();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 3,
                to: acc(BOB),
                amount: 300,
            },
        )
        .unwrap();
        let cancelled = LegMessage::Ack {
            id: 3,
            outcome: Outcome::Cancelled,
        };
        assert_eq!(m.sent, vec![cancelled, cancelled]);
        assert_eq!(m.balance(BOB), 0);
    })
}

#[test]
fn an_answer_settles_once_and_a_refusal_gives_back_or_owes() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = port_with_peer(&m);
        m.caller = ALICE;
        let a = port.transfer_out(&mut m, acc(BOB), 100).unwrap();
        let b = port.transfer_out(&mut m, acc(BOB), 200).unwrap();
        let c = port.transfer_out(&mut m, acc(BOB), 300).unwrap();
        assert_eq!((m.balance(ALICE), m.balance(PORT)), (400, 600));
        m.from_peer();
        port.receive(
            &mut m,
            LegMessage::Ack {
                id: a,
                outcome: Outcome::Delivered,
            },
        )
        .unwrap();
        assert_eq!(
            port.receive(
                &mut m,
                LegMessage::Ack {
                    id: a,
                    outcome: Outcome::Cancelled
                }
            ),
            Err(PortError::Leg(LegError::AlreadySettled {
                id: a,
                state: SendState::Delivered
            }))
        );
        port.receive(
            &mut m,
            LegMessage::Ack {
                id: b,
                outcome: Outcome::Refused(MintRefusal::NotRegistered),
            },
        )
        .unwrap();
        assert_eq!(
            (m.balance(ALICE), m.balance(PORT), port.in_flight()),
            (600, 400, 300)
        );
        // Alice lost her standing at home meanwhile: the give-back is owed, not dropped.
        m.creditable.remove(&acc(ALICE));
        port.receive(
            &mut m,
            LegMessage::Ack {
                id: c,
                outcome: Outcome::Cancelled,
            },
        )
        .unwrap();
        assert_eq!(
            (
                m.balance(ALICE),
                port.owed(acc(ALICE)),
                port.owed_total(),
                port.in_flight()
            ),
            (600, 300, 300, 0)
        );
        m.caller = ALICE;
        assert_eq!(
            port.claim_owed(&mut m),
            Err(PortError::StillRefused {
                reason: MintRefusal::NotRegistered
            })
        );
        m.creditable.insert(acc(ALICE));
        m.caller = BOB;
        assert_eq!(
            port.claim_owed(&mut m),
            Err(PortError::NothingOwed { account: acc(BOB) })
        );
        m.caller = ALICE;
        assert_eq!(port.claim_owed(&mut m), Ok(300));
        assert_eq!(
            (m.balance(ALICE), m.balance(PORT), port.owed_total()),
            (900, 100, 0)
        );
        assert_eq!(
            port.claim_owed(&mut m),
            Err(PortError::NothingOwed {
                account: acc(ALICE)
            })
        );
    })
}

#[test]
fn only_the_holder_cancels_from_the_deadline_and_once_per_timeout() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = port_with_peer(&m);
        m.caller = ALICE;
        m.now = 1_000;
        let id = port.transfer_out(&mut m, acc(BOB), 100).unwrap();
        m.now = 1_599;
        assert!(matches!(
            port.request_cancel(&mut m, id),
            Err(PortError::Leg(LegError::TooEarlyToCancel { .. }))
        ));
        m.now = 1_600;
        m.caller = BOB;
        assert!(matches!(
            port.request_cancel(&mut m, id),
            Err(PortError::Leg(LegError::NotHolder { .. }))
        ));
        m.caller = ALICE;
        port.request_cancel(&mut m, id).unwrap();
        assert!(matches!(
            port.request_cancel(&mut m, id),
            Err(PortError::Leg(LegError::TooEarlyToCancel { .. }))
        ));
        m.now = 2_200;
        port.request_cancel(&mut m, id).unwrap();
        assert_eq!(
            m.sent[1..],
            [LegMessage::Cancel { id }, LegMessage::Cancel { id }]
        );
        // Nothing came back by asking: only the answer settles.
        assert_eq!((m.balance(ALICE), port.in_flight()), (900, 100));
    })
}

#[test]
fn mint_mode_burns_out_and_mints_in() {
    fresh(|| {
        let mut m = Model::lock();
        m.mode = Some(Mode::Mint);
        let mut port = port_with_peer(&m);
        m.from_peer();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 1,
                to: acc(BOB),
                amount: 300,
            },
        )
        .unwrap();
        assert_eq!((m.balance(BOB), m.supply, m.balance(PORT)), (300, 1_300, 0));
        m.caller = BOB;
        port.transfer_out(&mut m, acc(ALICE), 100).unwrap();
        assert_eq!((m.balance(BOB), m.supply, m.balance(PORT)), (200, 1_200, 0));
    })
}

#[test]
fn home_releases_only_what_its_legs_out_were_credited_for() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = port_with_peer(&m);
        m.caller = ALICE;
        // A leg out in flight is not backing yet: the mirror may still refuse it.
        let id = port.transfer_out(&mut m, acc(BOB), 300).unwrap();
        m.from_peer();
        let home = LegMessage::Deliver {
            id: 1,
            to: acc(BOB),
            amount: 100,
        };
        port.receive(&mut m, home).unwrap();
        let not_backed = Outcome::Refused(MintRefusal::NotBacked {
            backing: 0,
            asked: 100,
        });
        assert_eq!(
            m.sent.last(),
            Some(&LegMessage::Ack {
                id: 1,
                outcome: not_backed
            })
        );
        assert_eq!(m.balance(BOB), 0);
        // Credited there: 300 may come back, and no more, however the mirror's supply grew.
        port.receive(
            &mut m,
            LegMessage::Ack {
                id,
                outcome: Outcome::Delivered,
            },
        )
        .unwrap();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 2,
                to: acc(BOB),
                amount: 250,
            },
        )
        .unwrap();
        assert_eq!((m.balance(BOB), port.backing()), (250, 50));
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 3,
                to: acc(BOB),
                amount: 51,
            },
        )
        .unwrap();
        let outcome = Outcome::Refused(MintRefusal::NotBacked {
            backing: 50,
            asked: 51,
        });
        assert_eq!(m.sent.last(), Some(&LegMessage::Ack { id: 3, outcome }));
        assert_eq!((m.balance(BOB), m.balance(PORT)), (250, 50));
        // A leg out refused there adds nothing.
        m.caller = ALICE;
        let refused = port.transfer_out(&mut m, acc(13), 100).unwrap();
        m.from_peer();
        let outcome = Outcome::Refused(MintRefusal::NotRegistered);
        port.receive(
            &mut m,
            LegMessage::Ack {
                id: refused,
                outcome,
            },
        )
        .unwrap();
        assert_eq!(port.backing(), 50);
    })
}

#[test]
fn a_leg_to_a_port_is_refused_on_both_sides() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 500);
        m.caller = ALICE;
        assert_eq!(
            port.transfer_out(&mut m, acc(PEER_PORT), 100),
            Err(PortError::RecipientIsPort {
                port: acc(PEER_PORT)
            })
        );
        // A (forged) delivery to the port itself is refused, not credited to the port.
        m.from_peer();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 1,
                to: acc(PORT),
                amount: 100,
            },
        )
        .unwrap();
        let outcome = Outcome::Refused(MintRefusal::Other);
        assert_eq!(m.sent, vec![LegMessage::Ack { id: 1, outcome }]);
        assert_eq!(port.backing(), 500);
    })
}

#[test]
fn a_timeout_out_of_bounds_is_refused_and_only_the_admin_sets_terms() {
    fresh(|| {
        let mut m = Model::lock();
        let mut zero = config(Mode::Lock);
        zero.timeout = 0;
        assert!(matches!(
            PortData::new(acc(ADMIN), zero),
            Err(PortError::ZeroTimeout)
        ));
        // The bounds themselves are accepted; one past the longest, and the largest value, are not.
        for (timeout, accepted) in [
            (1, true),
            (crate::data::MAX_TIMEOUT, true),
            (crate::data::MAX_TIMEOUT + 1, false),
            (u64::MAX, false),
        ] {
            let mut long = config(Mode::Lock);
            long.timeout = timeout;
            match PortData::new(acc(ADMIN), long) {
                Ok(port) => {
                    assert!(accepted, "timeout {timeout} accepted");
                    assert_eq!(port.config().timeout, timeout);
                }
                Err(PortError::TimeoutTooLong { timeout: t, max }) => {
                    assert!(!accepted, "timeout {timeout} refused");
                    assert_eq!((t, max), (timeout, crate::data::MAX_TIMEOUT));
                }
                Err(other) => panic!("timeout {timeout}: unexpected {other:?}"),
            }
        }
        let mut port = port_with_peer(&m);
        let mut terms = config(Mode::Lock).xcm;
        terms.encoding = crate::types::SendEncoding::Versioned;
        m.caller = ALICE;
        assert!(matches!(
            port.set_terms(&m, terms),
            Err(PortError::Admin(_))
        ));
        assert_eq!(port.config().xcm.encoding, crate::types::SendEncoding::Blob);
        m.caller = ADMIN;
        port.set_terms(&m, terms).unwrap();
        assert_eq!(port.config().xcm, terms);
    })
}

#[test]
fn a_credit_the_token_refuses_after_its_check_is_a_refusal_and_a_give_back_is_owed() {
    fresh(|| {
        let mut m = Model::lock();
        m.mode = Some(Mode::Mint);
        let mut port = port_with_peer(&m);
        // The mirror token took the port's issuer role away: the check passes, the mint fails.
        m.credit_fails = true;
        m.from_peer();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 1,
                to: acc(BOB),
                amount: 100,
            },
        )
        .unwrap();
        let outcome = Outcome::Refused(MintRefusal::Other);
        assert_eq!(m.sent, vec![LegMessage::Ack { id: 1, outcome }]);
        assert_eq!((m.balance(BOB), m.supply), (0, 1_000));
        // A leg out refused at home cannot be re-minted: owed, not lost, and the answer is settled.
        m.credit_fails = false;
        m.caller = ALICE;
        let id = port.transfer_out(&mut m, acc(BOB), 100).unwrap();
        m.credit_fails = true;
        m.from_peer();
        let refused = Outcome::Refused(MintRefusal::NotRegistered);
        port.receive(
            &mut m,
            LegMessage::Ack {
                id,
                outcome: refused,
            },
        )
        .unwrap();
        assert_eq!((port.owed(acc(ALICE)), port.in_flight()), (100, 0));
        assert_eq!(port.sending(id).map(|l| l.state), Some(SendState::Returned));
    })
}

#[test]
fn a_token_that_cannot_be_asked_or_a_send_that_fails_is_an_error_the_chain_reverts() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 500);
        m.token_down = true;
        m.from_peer();
        // The arrival is not decided (the message reverts): the sender's cancel decides it later.
        assert_eq!(
            port.receive(
                &mut m,
                LegMessage::Deliver {
                    id: 1,
                    to: acc(BOB),
                    amount: 100
                }
            ),
            Err(PortError::TokenUnavailable)
        );
        assert_eq!(port.decided(1), None);
        m.caller = ALICE;
        assert_eq!(
            port.transfer_out(&mut m, acc(BOB), 100),
            Err(PortError::TokenUnavailable)
        );
        m.token_down = false;
        m.send_fails = true;
        // The model does not roll back (the chain does: an `Err` reverts the whole call, tested on chain by
        // `cross_chain_net::a_port_whose_peer_has_no_route_takes_nothing_from_the_holder`); here only the error.
        assert_eq!(
            port.transfer_out(&mut m, acc(BOB), 100),
            Err(PortError::XcmSendFailed)
        );
        m.send_fails = false;
        m.from_peer();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 1,
                to: acc(BOB),
                amount: 100,
            },
        )
        .unwrap();
        assert_eq!(port.decided(1), Some(Outcome::Delivered));
    })
}

#[test]
fn anyone_has_a_decision_sent_again_once_per_timeout_and_only_a_decided_one() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 500);
        m.caller = 66;
        assert_eq!(
            port.resend_answer(&mut m, 4),
            Err(PortError::Undecided { id: 4 })
        );
        m.from_peer();
        port.receive(
            &mut m,
            LegMessage::Deliver {
                id: 4,
                to: acc(BOB),
                amount: 100,
            },
        )
        .unwrap();
        m.sent.clear();
        m.caller = 66;
        m.now = 5_000;
        port.resend_answer(&mut m, 4).unwrap();
        let ack = LegMessage::Ack {
            id: 4,
            outcome: Outcome::Delivered,
        };
        assert_eq!(m.sent, vec![ack]);
        assert_eq!(
            port.resend_answer(&mut m, 4),
            Err(PortError::TooEarlyToResend { id: 4, from: 5_600 })
        );
        m.now = 5_600;
        port.resend_answer(&mut m, 4).unwrap();
        assert_eq!(m.sent, vec![ack, ack]);
        // Sending again credits nothing again.
        assert_eq!(m.balance(BOB), 100);
    })
}

/// A host whose token answers every check but cannot be asked to credit.
struct DownAtCredit<'a>(&'a mut Model);

impl Host for DownAtCredit<'_> {
    fn caller(&self) -> AccountId {
        self.0.caller()
    }
    fn account_id(&self) -> AccountId {
        self.0.account_id()
    }
    fn now(&self) -> Timestamp {
        self.0.now()
    }
    fn emit<E: ink::env::event::Event>(&self, e: E) {
        self.0.emit(e)
    }
    fn take_in(&mut self, c: &PortConfig, h: AccountId, a: Balance) -> PortResult<()> {
        self.0.take_in(c, h, a)
    }
    fn check_credit(
        &self,
        c: &PortConfig,
        t: AccountId,
        a: Balance,
    ) -> PortResult<Result<(), MintRefusal>> {
        self.0.check_credit(c, t, a)
    }
    fn credit(&mut self, _c: &PortConfig, _t: AccountId, _a: Balance) -> PortResult<()> {
        Err(PortError::TokenUnavailable)
    }
    fn send(&mut self, c: &PortConfig, p: &Peer, msg: LegMessage) -> PortResult<()> {
        self.0.send(c, p, msg)
    }
}

#[test]
fn a_give_back_the_token_cannot_be_asked_for_is_owed_and_a_credit_it_cannot_make_reverts() {
    fresh(|| {
        let mut m = Model::lock();
        let mut port = home_port_backing(&mut m, 500);
        m.caller = ALICE;
        let id = port.transfer_out(&mut m, acc(BOB), 100).unwrap();
        m.token_down = true;
        m.from_peer();
        let refused = Outcome::Refused(MintRefusal::NotRegistered);
        port.receive(
            &mut m,
            LegMessage::Ack {
                id,
                outcome: refused,
            },
        )
        .unwrap();
        assert_eq!(port.owed(acc(ALICE)), 100);
        assert_eq!(port.sending(id).map(|l| l.state), Some(SendState::Returned));
        // The check passed, then the token could not be asked to credit: the message reverts (undecided).
        m.token_down = false;
        let arrival = LegMessage::Deliver {
            id: 9,
            to: acc(BOB),
            amount: 100,
        };
        assert_eq!(
            port.receive(&mut DownAtCredit(&mut m), arrival),
            Err(PortError::TokenUnavailable)
        );
    })
}
