//! Native tests of the cross-chain legs: each promise of [`Outbox`] and [`Inbox`] attacked on its own, then the
//! whole protocol between two chains under an adversarial network (reordered, duplicated and lost messages,
//! answers arriving after a cancel, recipients losing their verification in flight, a halt at home) in seeded runs
//! of at least 200 actions, with the conservation law and the once-only rules checked after every step.
//!
//! Each chain runs in a thread of its own: ink!'s off-chain storage is per thread, and the two chains' boxes are
//! the same storage items (the same keys), exactly as two contracts on two chains are.
use super::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::mpsc;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

#[test]
fn a_leg_is_settled_once_and_a_second_answer_changes_nothing() {
    crate::testing::fresh(|| {
        let mut out = Outbox::default();
        let (id, msg) = out.open(acc(1), acc(2), 50, 1_000, 600).unwrap();
        assert_eq!(
            msg,
            LegMessage::Deliver {
                id,
                to: acc(2),
                amount: 50
            }
        );
        assert_eq!(out.awaiting(), 50);
        let settled = out.settle(id, Outcome::Delivered).unwrap();
        assert!(!settled.returned);
        assert_eq!(out.awaiting(), 0);
        // A duplicate or contradictory answer is refused: nothing is given back after a delivery.
        assert_eq!(
            out.settle(id, Outcome::Refused(MintRefusal::NotRegistered)),
            Err(LegError::AlreadySettled {
                id,
                state: SendState::Delivered
            })
        );
        assert_eq!(
            out.settle(99, Outcome::Delivered),
            Err(LegError::UnknownTransfer { id: 99 })
        );
        assert_eq!(out.awaiting(), 0);
    })
}

#[test]
fn only_the_holder_cancels_and_only_from_the_deadline() {
    crate::testing::fresh(|| {
        let mut out = Outbox::default();
        let (id, _) = out.open(acc(1), acc(2), 50, 1_000, 600).unwrap();
        assert_eq!(
            out.request_cancel(acc(1), id, 1_599, 600),
            Err(LegError::TooEarlyToCancel {
                id,
                cancel_from: 1_600,
                now: 1_599
            })
        );
        assert_eq!(
            out.request_cancel(acc(9), id, 1_600, 600),
            Err(LegError::NotHolder {
                id,
                holder: acc(1),
                caller: acc(9)
            })
        );
        assert_eq!(
            out.request_cancel(acc(1), id, 1_600, 600),
            Ok(LegMessage::Cancel { id })
        );
        // Asked again (the first cancel got no answer): only once the retry window has passed, then the same
        // message, still nothing given back.
        assert_eq!(
            out.request_cancel(acc(1), id, 2_199, 600),
            Err(LegError::TooEarlyToCancel {
                id,
                cancel_from: 2_200,
                now: 2_199
            })
        );
        assert_eq!(
            out.request_cancel(acc(1), id, 2_200, 600),
            Ok(LegMessage::Cancel { id })
        );
        assert_eq!(out.awaiting(), 50);
        // The answer may still be a delivery that happened before the cancel arrived: then nothing comes back.
        let settled = out.settle(id, Outcome::Delivered).unwrap();
        assert!(!settled.returned);
        assert!(matches!(
            out.request_cancel(acc(1), id, 3_000, 600),
            Err(LegError::AlreadySettled { .. })
        ));
    })
}

#[test]
fn zero_and_overflow_are_refused_and_change_nothing() {
    crate::testing::fresh(|| {
        let mut out = Outbox::default();
        assert_eq!(out.open(acc(1), acc(2), 0, 0, 0), Err(LegError::ZeroAmount));
        out.open(acc(1), acc(2), Balance::MAX, 0, 0).unwrap();
        assert_eq!(out.open(acc(1), acc(2), 1, 0, 0), Err(LegError::Overflow));
        assert_eq!((out.awaiting(), out.next_id()), (Balance::MAX, 2));
        // A deadline beyond the clock's range saturates: such a leg can never be cancelled early.
        let mut other = Outbox::default();
        let (id, _) = other
            .open(acc(1), acc(2), 1, Timestamp::MAX - 1, 10)
            .unwrap();
        assert_eq!(other.sending(id).unwrap().cancel_from, Timestamp::MAX);
    })
}

#[test]
fn a_destination_decides_each_leg_once_whatever_arrives_after() {
    crate::testing::fresh(|| {
        let mut inbox = Inbox::default();
        assert_eq!(
            inbox.arrive(7, acc(2), 50),
            Arrival::Decide {
                id: 7,
                to: acc(2),
                amount: 50
            }
        );
        let delivered = LegMessage::Ack {
            id: 7,
            outcome: Outcome::Delivered,
        };
        assert_eq!(inbox.decide(7, Outcome::Delivered), Ok(delivered));
        // A replay of the delivery and a late cancel get the first answer; a second decision is refused.
        assert_eq!(inbox.arrive(7, acc(2), 50), Arrival::Answer(delivered));
        assert_eq!(inbox.cancel(7), delivered);
        assert_eq!(
            inbox.decide(7, Outcome::Refused(MintRefusal::NotRegistered)),
            Err(LegError::AlreadyDecided {
                id: 7,
                outcome: Outcome::Delivered
            })
        );
        assert_eq!(inbox.decided(7), Some(Outcome::Delivered));
        // A cancel that arrives first wins, and a delivery arriving after it is answered "cancelled".
        let cancelled = LegMessage::Ack {
            id: 8,
            outcome: Outcome::Cancelled,
        };
        assert_eq!(inbox.cancel(8), cancelled);
        assert_eq!(inbox.arrive(8, acc(2), 50), Arrival::Answer(cancelled));
    })
}

#[test]
fn the_derived_account_depends_on_the_chain_and_the_account() {
    crate::testing::fresh(|| {
        let port = acc(5);
        let a = sibling_account(1000, &port);
        assert_ne!(a, sibling_account(1001, &port));
        assert_ne!(a, sibling_account(1000, &acc(6)));
        assert_ne!(a, port);
        // Compact encoding: a para above 63 takes two bytes, above 16 383 four; each is still distinct.
        assert_ne!(sibling_account(63, &port), sibling_account(64, &port));
        assert_ne!(
            sibling_account(16_383, &port),
            sibling_account(16_384, &port)
        );
    })
}

// ------------------------------------------------------------------ the protocol between two chains

/// One chain's side of the protocol: its holders, its box of each direction, who its token accepts.
struct Side {
    home: bool,
    balances: BTreeMap<AccountId, Balance>,
    /// The port's balance (home only): tokens taken out of circulation for legs and deliveries on the mirror.
    locked: Balance,
    outbox: Outbox,
    inbox: Inbox,
    verified: BTreeSet<AccountId>,
    halted: bool,
    /// How many times each leg arriving here was credited, and each leg sent from here given back.
    credits: BTreeMap<TransferId, u32>,
    returns: BTreeMap<TransferId, u32>,
}

impl Side {
    fn new(home: bool, holders: &[(AccountId, Balance)]) -> Self {
        Side {
            home,
            balances: holders.iter().copied().collect(),
            locked: 0,
            outbox: Outbox::default(),
            inbox: Inbox::default(),
            verified: holders.iter().map(|(a, _)| *a).collect(),
            halted: false,
            credits: BTreeMap::new(),
            returns: BTreeMap::new(),
        }
    }

    fn supply(&self) -> Balance {
        self.balances.values().sum()
    }

    /// A holder sends `amount` to `to` on the other chain: taken out of circulation (locked by the port at
    /// home, burned by the mirror), then the leg opens. Refused while halted or short.
    fn send(
        &mut self,
        holder: AccountId,
        to: AccountId,
        amount: Balance,
        now: Timestamp,
    ) -> Option<LegMessage> {
        let balance = self.balances.get(&holder).copied().unwrap_or(0);
        if self.halted || amount == 0 || balance < amount {
            return None;
        }
        let (_, message) = self.outbox.open(holder, to, amount, now, TIMEOUT).ok()?;
        self.balances.insert(holder, balance - amount);
        if self.home {
            self.locked += amount;
        }
        Some(message)
    }

    /// A message from the peer: what to send back, if anything.
    fn receive(&mut self, message: LegMessage) -> Option<LegMessage> {
        match message {
            LegMessage::Deliver { id, to, amount } => match self.inbox.arrive(id, to, amount) {
                Arrival::Answer(answer) => Some(answer),
                Arrival::Decide { id, to, amount } => {
                    let outcome = if self.verified.contains(&to) {
                        if self.home {
                            self.locked -= amount;
                        }
                        *self.balances.entry(to).or_insert(0) += amount;
                        *self.credits.entry(id).or_insert(0) += 1;
                        Outcome::Delivered
                    } else {
                        Outcome::Refused(MintRefusal::NotRegistered)
                    };
                    Some(
                        self.inbox
                            .decide(id, outcome)
                            .expect("arrive said undecided"),
                    )
                }
            },
            LegMessage::Cancel { id } => Some(self.inbox.cancel(id)),
            LegMessage::Ack { id, outcome } => {
                if let Ok(settled) = self.outbox.settle(id, outcome) {
                    if settled.returned {
                        if self.home {
                            self.locked -= settled.amount;
                        }
                        *self.balances.entry(settled.holder).or_insert(0) += settled.amount;
                        *self.returns.entry(id).or_insert(0) += 1;
                    }
                }
                None
            }
        }
    }

    /// Every leg sent from here: (id, its state, amount).
    fn legs(&self) -> Vec<(TransferId, SendState, Balance)> {
        (1..self.outbox.next_id())
            .filter_map(|id| self.outbox.sending(id).map(|s| (id, s.state, s.amount)))
            .collect()
    }

    fn decisions(&self, ids: &[TransferId]) -> Vec<Option<Outcome>> {
        ids.iter().map(|id| self.inbox.decided(*id)).collect()
    }
}

const TIMEOUT: Timestamp = 600;

type Job = Box<dyn FnOnce(&mut Side) + Send>;

/// A chain in a thread of its own (its own off-chain storage), driven by closures.
struct Chain {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Chain {
    fn start(home: bool, holders: Vec<(AccountId, Balance)>) -> Chain {
        let (tx, rx) = mpsc::channel::<Job>();
        let thread = std::thread::spawn(move || {
            crate::testing::fresh(|| {
                let mut side = Side::new(home, &holders);
                while let Ok(job) = rx.recv() {
                    job(&mut side);
                }
            })
        });
        Chain {
            jobs: Some(tx),
            thread: Some(thread),
        }
    }

    fn run<R: Send + 'static>(&self, f: impl FnOnce(&mut Side) -> R + Send + 'static) -> R {
        let (tx, rx) = mpsc::channel();
        let job: Job = Box::new(move |side| {
            let _ = tx.send(f(side));
        });
        self.jobs
            .as_ref()
            .expect("running")
            .send(job)
            .expect("the chain's thread is alive");
        rx.recv().expect("the chain answered")
    }
}

impl Drop for Chain {
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One action of a run (indices are taken modulo what exists).
#[derive(Debug, Clone)]
enum Action {
    /// A holder of one chain sends to an account of the other.
    Send {
        from_home: bool,
        holder: u8,
        to: u8,
        amount: Balance,
    },
    /// The network delivers one message in flight (any of them, in any order); it may also keep a copy
    /// (duplicate) or lose it instead.
    Deliver {
        pick: usize,
        keep_copy: bool,
        lose: bool,
    },
    /// A holder asks to cancel one of its legs (too early, or not its own, is refused).
    Cancel {
        from_home: bool,
        pick: usize,
        by_holder: bool,
    },
    /// Time passes.
    Wait { seconds: Timestamp },
    /// A recipient loses (or regains) its verification on one chain while legs are in flight.
    Verify {
        home: bool,
        account: u8,
        verified: bool,
    },
    /// The home token is halted or resumes.
    Halt { halted: bool },
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (any::<bool>(), 0u8..4, 0u8..5, 1u128..400).prop_map(|(from_home, holder, to, amount)| {
            Action::Send { from_home, holder, to, amount }
        }),
        6 => (any::<usize>(), prop::bool::weighted(0.15), prop::bool::weighted(0.1))
            .prop_map(|(pick, keep_copy, lose)| Action::Deliver { pick, keep_copy, lose }),
        2 => (any::<bool>(), any::<usize>(), prop::bool::weighted(0.8))
            .prop_map(|(from_home, pick, by_holder)| Action::Cancel { from_home, pick, by_holder }),
        2 => (0u64..900).prop_map(|seconds| Action::Wait { seconds }),
        1 => (any::<bool>(), 0u8..5, any::<bool>())
            .prop_map(|(home, account, verified)| Action::Verify { home, account, verified }),
        1 => any::<bool>().prop_map(|halted| Action::Halt { halted }),
    ]
}

fn holder(n: u8) -> AccountId {
    acc(10 + n)
}

/// A message in flight and the chain it goes to.
#[derive(Debug, Clone, Copy)]
struct InFlight {
    to_home: bool,
    message: LegMessage,
}

struct Network {
    home: Chain,
    mirror: Chain,
    flight: Vec<InFlight>,
    now: Timestamp,
    home_supply: Balance,
}

impl Network {
    fn new() -> Network {
        let holders: Vec<_> = (0..4).map(|n| (holder(n), 1_000)).collect();
        let home_supply = holders.iter().map(|(_, b)| b).sum();
        Network {
            home: Chain::start(true, holders),
            // The mirror starts with nothing; its holders are verified there too (holder 4 nowhere).
            mirror: Chain::start(false, (0..4).map(|n| (holder(n), 0)).collect()),
            flight: Vec::new(),
            now: 1_000,
            home_supply,
        }
    }

    fn chain(&self, home: bool) -> &Chain {
        if home {
            &self.home
        } else {
            &self.mirror
        }
    }

    fn apply(&mut self, action: &Action) {
        let now = self.now;
        match *action {
            Action::Send {
                from_home,
                holder: h,
                to,
                amount,
            } => {
                let (from, to) = (holder(h), holder(to));
                if let Some(message) = self
                    .chain(from_home)
                    .run(move |s| s.send(from, to, amount, now))
                {
                    self.flight.push(InFlight {
                        to_home: !from_home,
                        message,
                    });
                }
            }
            Action::Deliver {
                pick,
                keep_copy,
                lose,
            } => {
                if self.flight.is_empty() {
                    return;
                }
                let index = pick % self.flight.len();
                let item = if keep_copy {
                    self.flight[index]
                } else {
                    self.flight.remove(index)
                };
                if lose && !keep_copy {
                    return;
                }
                self.deliver(item);
            }
            Action::Cancel {
                from_home,
                pick,
                by_holder,
            } => {
                let legs = self.chain(from_home).run(|s| s.legs());
                if legs.is_empty() {
                    return;
                }
                let (id, _, _) = legs[pick % legs.len()];
                let caller = if by_holder {
                    self.chain(from_home)
                        .run(move |s| s.outbox.sending(id).map(|l| l.holder))
                        .expect("a listed leg")
                } else {
                    acc(200)
                };
                let asked = self
                    .chain(from_home)
                    .run(move |s| s.outbox.request_cancel(caller, id, now, TIMEOUT));
                if let Ok(message) = asked {
                    assert!(by_holder, "a cancel by another account was accepted");
                    self.flight.push(InFlight {
                        to_home: !from_home,
                        message,
                    });
                }
            }
            Action::Wait { seconds } => self.now += seconds,
            Action::Verify {
                home,
                account,
                verified,
            } => {
                let account = holder(account);
                self.chain(home).run(move |s| {
                    if verified {
                        s.verified.insert(account);
                    } else {
                        s.verified.remove(&account);
                    }
                });
            }
            Action::Halt { halted } => self.home.run(move |s| s.halted = halted),
        }
    }

    fn deliver(&mut self, item: InFlight) {
        if let Some(answer) = self
            .chain(item.to_home)
            .run(move |s| s.receive(item.message))
        {
            self.flight.push(InFlight {
                to_home: !item.to_home,
                message: answer,
            });
        }
    }

    /// The conservation law and the once-only rules, from both chains' state.
    fn check(&self) {
        let home_legs = self.home.run(|s| s.legs());
        let back_legs = self.mirror.run(|s| s.legs());
        let home_ids: Vec<_> = home_legs.iter().map(|l| l.0).collect();
        let back_ids: Vec<_> = back_legs.iter().map(|l| l.0).collect();
        let at_mirror = self.mirror.run(move |s| s.decisions(&home_ids));
        let at_home = self.home.run(move |s| s.decisions(&back_ids));
        let (locked, home_held, home_awaiting, home_credits, home_returns) = self.home.run(|s| {
            (
                s.locked,
                s.supply(),
                s.outbox.awaiting(),
                s.credits.clone(),
                s.returns.clone(),
            )
        });
        let (mirror_supply, mirror_awaiting, mirror_credits, mirror_returns) =
            self.mirror.run(|s| {
                (
                    s.supply(),
                    s.outbox.awaiting(),
                    s.credits.clone(),
                    s.returns.clone(),
                )
            });

        // In flight: taken out on the sending side, not yet credited on the other, not yet given back.
        let mut in_flight = 0;
        for (legs, decisions) in [(&home_legs, &at_mirror), (&back_legs, &at_home)] {
            for ((_, state, amount), decision) in legs.iter().zip(decisions.iter()) {
                if state.is_open() && *decision != Some(Outcome::Delivered) {
                    in_flight += amount;
                }
                // A leg the destination refused or cancelled was never credited; one it delivered is never
                // given back.
                if *state == SendState::Delivered {
                    assert_eq!(*decision, Some(Outcome::Delivered));
                }
                if *state == SendState::Returned {
                    assert!(matches!(
                        decision,
                        Some(Outcome::Refused(_)) | Some(Outcome::Cancelled)
                    ));
                }
            }
        }
        assert_eq!(
            locked,
            mirror_supply + in_flight,
            "port = mirror supply + in flight"
        );
        assert_eq!(
            home_held + locked,
            self.home_supply,
            "home supply conserved"
        );
        let open = |legs: &[(TransferId, SendState, Balance)]| -> Balance {
            legs.iter().filter(|l| l.1.is_open()).map(|l| l.2).sum()
        };
        assert_eq!(home_awaiting, open(&home_legs));
        assert_eq!(mirror_awaiting, open(&back_legs));
        for counts in [
            &home_credits,
            &home_returns,
            &mirror_credits,
            &mirror_returns,
        ] {
            assert!(
                counts.values().all(|n| *n == 1),
                "an effect applied twice: {counts:?}"
            );
        }
        // Never both: credited at the destination and given back at the source.
        for id in mirror_credits.keys() {
            assert!(
                !home_returns.contains_key(id),
                "leg {id} minted and refunded"
            );
        }
        for id in home_credits.keys() {
            assert!(
                !mirror_returns.contains_key(id),
                "leg {id} released and re-minted"
            );
        }
    }

    /// Ends a run: every leg answered (late cancels for the lost ones), nothing left in flight.
    fn drain(&mut self) {
        self.home.run(|s| s.halted = false);
        for _ in 0..6 {
            while let Some(item) = self.flight.pop() {
                self.deliver(item);
                self.check();
            }
            self.now += TIMEOUT;
            for home in [true, false] {
                let now = self.now;
                let legs = self.chain(home).run(|s| s.legs());
                for (id, state, _) in legs {
                    if state.is_open() {
                        let message = self.chain(home).run(move |s| {
                            let holder = s.outbox.sending(id).expect("listed").holder;
                            s.outbox.request_cancel(holder, id, now, TIMEOUT)
                        });
                        let message = message.expect("past the deadline, the holder may cancel");
                        self.flight.push(InFlight {
                            to_home: !home,
                            message,
                        });
                    }
                }
            }
        }
        for home in [true, false] {
            let open = self
                .chain(home)
                .run(|s| s.legs().iter().filter(|l| l.1.is_open()).count());
            assert_eq!(open, 0, "a leg stayed open after its cancel was answered");
        }
        let (locked, mirror_supply) =
            (self.home.run(|s| s.locked), self.mirror.run(|s| s.supply()));
        assert_eq!(
            locked, mirror_supply,
            "after every answer the port backs the mirror exactly"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    /// At least 200 actions per run, the invariants after every one, then every leg answered.
    #[test]
    fn the_protocol_keeps_the_books_under_any_network(actions in prop::collection::vec(action(), 200..320)) {
        let mut net = Network::new();
        for action in &actions {
            net.apply(action);
            net.check();
        }
        net.drain();
    }
}
