//! Native tests of the escrow's rules ([`OfferingData`]) and a solvency property under random sequences of
//! contributions, withdrawals, finalization, refunds, deliveries and tranche releases.
use ink::primitives::AccountId;
use proptest::prelude::*;
use suite_traits::testing::fresh;
use suite_traits::AdminError;
use suite_traits::{ClaimSet, ClaimType, MintRefusal, PartyStatus};

use crate::data::{Finalized, OfferingData};
use crate::errors::EscrowError;
use crate::errors::TermsError;
use crate::terms::{OfferingTerms, ReleaseCondition, TrancheTerms};
use crate::types::Phase;

const DAY: u64 = 86_400_000;
const PRICE: u128 = 10;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
fn admin() -> AccountId {
    acc(1)
}
fn sponsor() -> AccountId {
    acc(2)
}
fn platform() -> AccountId {
    acc(3)
}
fn lead() -> AccountId {
    acc(4)
}

fn terms() -> OfferingTerms {
    OfferingTerms {
        sponsor: sponsor(),
        lead_investor: lead(),
        lead_commitment: 1_000,
        price_per_token: PRICE,
        soft_cap: 5_000,
        hard_cap: 10_000,
        deadline: 30 * DAY,
        min_ticket: 100,
        max_ticket: 3_000,
        non_accredited_cap: 1_000,
        cooling_off_ms: 4 * DAY,
        required_claims: ClaimSet::of(&[ClaimType::Kyc]),
        blocked_countries: vec![840],
        fee_receiver: platform(),
        fee_bps: 300,
        tranches: vec![],
        holdback_bps: 0,
        long_stop_ms: 365 * DAY,
    }
}

/// A verified investor: identity = account seed, France, KYC (+ accredited if asked).
fn verified(who: AccountId, accredited: bool) -> PartyStatus {
    let mut claims = ClaimSet::of(&[ClaimType::Kyc]);
    if accredited {
        claims = claims.with(ClaimType::Accredited);
    }
    PartyStatus {
        account: who,
        identity: Some(u64::from(AsRef::<[u8; 32]>::as_ref(&who)[0])),
        country: 250,
        identity_frozen: false,
        valid_claims: claims,
    }
}

fn open_offering(t: OfferingTerms) -> OfferingData {
    let mut o = OfferingData::new(admin(), t);
    o.contribute(lead(), 1_000, &verified(lead(), true), DAY)
        .expect("lead opens");
    o
}

#[test]
fn terms_are_validated() {
    fresh(|| {
        assert_eq!(terms().validate(0), Ok(()));
        let mut t = terms();
        t.soft_cap = 20_000;
        assert!(matches!(
            t.validate(0),
            Err(TermsError::CapsInverted { .. })
        ));
        let mut t = terms();
        t.min_ticket = 105;
        assert_eq!(
            t.validate(0),
            Err(TermsError::NotWholeTokens {
                amount: 105,
                price: PRICE
            })
        );
        let mut t = terms();
        t.tranches = vec![
            TrancheTerms {
                share_bps: 5_000,
                condition: ReleaseCondition::AdminApproval,
            };
            1
        ];
        assert_eq!(
            t.validate(0),
            Err(TermsError::TrancheSharesDoNotAddUp { total_bps: 5_000 })
        );
        assert_eq!(
            terms().validate(30 * DAY),
            Err(TermsError::DeadlinePassed {
                deadline: 30 * DAY,
                now: 30 * DAY
            })
        );
        let mut t = terms();
        t.fee_bps = 10_001;
        assert_eq!(t.validate(0), Err(TermsError::InvalidBps { bps: 10_001 }));
    })
}

#[test]
fn lead_investor_must_come_first_with_its_commitment() {
    fresh(|| {
        let mut o = OfferingData::new(admin(), terms());
        let alice = acc(10);
        assert_eq!(
            o.contribute(alice, 500, &verified(alice, false), DAY),
            Err(EscrowError::LeadInvestorFirst { lead: lead() })
        );
        assert_eq!(
            o.contribute(lead(), 500, &verified(lead(), true), DAY),
            Err(EscrowError::LeadCommitmentTooSmall {
                required: 1_000,
                offered: 500
            })
        );
        let (opened, c) = o
            .contribute(lead(), 2_000, &verified(lead(), false), DAY)
            .unwrap();
        assert!(opened.is_some());
        // The lead is never retail, even without the accredited claim, and has no ticket limit.
        assert!(!c.retail);
        assert_eq!(o.phase(), Phase::Open);
        assert!(o
            .contribute(alice, 500, &verified(alice, false), DAY)
            .is_ok());
    })
}

#[test]
fn contribution_rules_each_refuse_with_their_figures() {
    fresh(|| {
        let mut o = open_offering(terms());
        let a = acc(10);
        let retail = verified(a, false);
        assert_eq!(
            o.contribute(a, 0, &retail, DAY),
            Err(EscrowError::ZeroAmount)
        );
        assert_eq!(
            o.contribute(a, 105, &retail, DAY),
            Err(EscrowError::NotWholeTokens {
                amount: 105,
                price: PRICE
            })
        );
        assert_eq!(
            o.contribute(a, 50, &retail, DAY),
            Err(EscrowError::BelowMinTicket {
                min_ticket: 100,
                offered: 50
            })
        );
        assert_eq!(
            o.contribute(a, 1_100, &retail, DAY),
            Err(EscrowError::NonAccreditedCapExceeded {
                cap: 1_000,
                would_total: 1_100
            })
        );
        let pro = verified(acc(11), true);
        assert_eq!(
            o.contribute(acc(11), 3_100, &pro, DAY),
            Err(EscrowError::AboveMaxTicket {
                max_ticket: 3_000,
                would_total: 3_100
            })
        );
        let mut unregistered = PartyStatus::unregistered(acc(12));
        assert_eq!(
            o.contribute(acc(12), 100, &unregistered, DAY),
            Err(EscrowError::NotRegistered { account: acc(12) })
        );
        unregistered = verified(acc(12), false);
        unregistered.valid_claims = ClaimSet::empty();
        assert_eq!(
            o.contribute(acc(12), 100, &unregistered, DAY),
            Err(EscrowError::MissingClaims {
                missing: ClaimSet::of(&[ClaimType::Kyc])
            })
        );
        let mut us = verified(acc(13), true);
        us.country = 840;
        assert_eq!(
            o.contribute(acc(13), 100, &us, DAY),
            Err(EscrowError::CountryBlocked { country: 840 })
        );
        let mut frozen = verified(acc(14), true);
        frozen.identity_frozen = true;
        assert_eq!(
            o.contribute(acc(14), 100, &frozen, DAY),
            Err(EscrowError::IdentityFrozen { identity: 14 })
        );
        assert_eq!(
            o.contribute(a, 100, &retail, 30 * DAY),
            Err(EscrowError::SaleClosed { deadline: 30 * DAY })
        );
        // Nothing above changed the books.
        assert_eq!(o.status().raised, 1_000);
        assert_eq!(o.status().investors, 1);
    })
}

#[test]
fn max_ticket_counts_every_wallet_of_an_identity() {
    fresh(|| {
        let mut o = open_offering(terms());
        let wallet_1 = verified(acc(20), true);
        let mut wallet_2 = verified(acc(21), true);
        wallet_2.identity = wallet_1.identity;
        o.contribute(acc(20), 2_000, &wallet_1, DAY).unwrap();
        assert_eq!(
            o.contribute(acc(21), 1_500, &wallet_2, DAY),
            Err(EscrowError::AboveMaxTicket {
                max_ticket: 3_000,
                would_total: 3_500
            })
        );
        assert!(o.contribute(acc(21), 1_000, &wallet_2, DAY).is_ok());
    })
}

#[test]
fn hard_cap_can_be_hit_exactly_but_not_passed() {
    fresh(|| {
        let mut t = terms();
        t.max_ticket = 10_000;
        let mut o = open_offering(t);
        let pro = |n| verified(acc(n), true);
        o.contribute(acc(30), 8_000, &pro(30), DAY).unwrap();
        assert_eq!(
            o.contribute(acc(31), 1_010, &pro(31), DAY),
            Err(EscrowError::HardCapExceeded {
                hard_cap: 10_000,
                remaining: 1_000
            })
        );
        o.contribute(acc(31), 1_000, &pro(31), DAY).unwrap();
        assert_eq!(o.status().raised, 10_000);
        // At the hard cap, finalization need not wait for the deadline.
        assert!(matches!(
            o.finalize(acc(99), 2 * DAY),
            Ok(Finalized::Succeeded { .. })
        ));
    })
}

#[test]
fn cooling_off_withdrawal_and_finalization_waits_for_it() {
    fresh(|| {
        let mut o = open_offering(terms());
        let a = acc(10);
        o.contribute(a, 500, &verified(a, false), 29 * DAY).unwrap();
        assert_eq!(
            o.withdraw(lead(), 29 * DAY),
            Err(EscrowError::NoCoolingOffRight { account: lead() })
        );
        // The deadline passed, but alice's window runs to day 33: no finalization before.
        assert_eq!(
            o.finalize(acc(99), 31 * DAY),
            Err(EscrowError::NotYetFinalizable {
                deadline: 30 * DAY,
                cooling_off_until: 33 * DAY,
                now: 31 * DAY
            })
        );
        let (w, payout) = o.withdraw(a, 32 * DAY).unwrap();
        assert_eq!((w.amount, payout.to, payout.amount), (500, a, 500));
        assert_eq!(o.position(a), None);
        assert_eq!(o.identity_committed(10), 0);
        assert_eq!(o.status().raised, 1_000);
        let b = acc(11);
        o.contribute(b, 300, &verified(b, false), DAY).unwrap();
        assert_eq!(
            o.withdraw(b, 5 * DAY),
            Err(EscrowError::CoolingOffOver { ended_at: 5 * DAY })
        );
    })
}

#[test]
fn success_pays_fee_and_sponsor_and_delivers_tokens_once() {
    fresh(|| {
        let mut o = open_offering(terms());
        for n in 40..44u8 {
            o.contribute(acc(n), 1_000, &verified(acc(n), true), DAY)
                .unwrap();
        }
        assert_eq!(o.status().raised, 5_000);
        let Finalized::Succeeded {
            succeeded,
            fee,
            sponsor: paid,
        } = o.finalize(acc(99), 30 * DAY).unwrap()
        else {
            panic!("should succeed")
        };
        assert_eq!(succeeded.tokens_sold, 500);
        assert_eq!(fee.unwrap().1.amount, 150);
        assert_eq!(paid.unwrap().1.amount, 4_850);
        assert_eq!(o.owed(), 0);
        let d = o.deliver_tokens(acc(40)).unwrap();
        assert_eq!(d.tokens, 100);
        assert_eq!(
            o.deliver_tokens(acc(40)),
            Err(EscrowError::NoPosition { account: acc(40) })
        );
        assert_eq!(
            o.refund(acc(41)),
            Err(EscrowError::WrongPhase {
                current: Phase::Succeeded
            })
        );
        assert_eq!(
            o.cancel(admin()),
            Err(EscrowError::WrongPhase {
                current: Phase::Succeeded
            })
        );
    })
}

#[test]
fn failure_refunds_everyone_including_the_lead() {
    fresh(|| {
        let mut o = open_offering(terms());
        o.contribute(acc(40), 1_000, &verified(acc(40), true), DAY)
            .unwrap();
        let Finalized::Failed(f) = o.finalize(acc(99), 30 * DAY).unwrap() else {
            panic!("should fail")
        };
        assert_eq!((f.raised, f.lead_arrived), (2_000, true));
        assert_eq!(o.owed(), 2_000);
        assert_eq!(o.refund(lead()).unwrap().1.amount, 1_000);
        assert_eq!(o.refund(acc(40)).unwrap().1.amount, 1_000);
        assert_eq!(
            o.refund(acc(40)),
            Err(EscrowError::NoPosition { account: acc(40) })
        );
        assert_eq!(o.owed(), 0);
        assert_eq!(
            o.deliver_tokens(acc(40)),
            Err(EscrowError::WrongPhase {
                current: Phase::Failed
            })
        );
    })
}

#[test]
fn missing_lead_fails_at_the_deadline() {
    fresh(|| {
        let mut o = OfferingData::new(admin(), terms());
        assert!(matches!(
            o.finalize(acc(99), 29 * DAY),
            Err(EscrowError::NotYetFinalizable { .. })
        ));
        let Finalized::Failed(f) = o.finalize(acc(99), 30 * DAY).unwrap() else {
            panic!("should fail")
        };
        assert!(!f.lead_arrived);
        assert_eq!(o.phase(), Phase::Failed);
    })
}

#[test]
fn only_the_admin_cancels_and_approves_tranches() {
    fresh(|| {
        let mut t = terms();
        t.tranches = vec![
            TrancheTerms {
                share_bps: 3_333,
                condition: ReleaseCondition::AdminApproval,
            },
            TrancheTerms {
                share_bps: 6_667,
                condition: ReleaseCondition::OracleMilestone {
                    oracle: acc(77),
                    milestone: 2,
                },
            },
        ];
        let mut o = open_offering(t);
        assert_eq!(
            o.cancel(acc(66)),
            Err(EscrowError::Admin(AdminError::NotAdmin { caller: acc(66) }))
        );
        for n in 40..44u8 {
            o.contribute(acc(n), 1_000, &verified(acc(n), true), DAY)
                .unwrap();
        }
        o.finalize(acc(99), 30 * DAY).unwrap();
        assert_eq!(o.owed(), 4_850);
        assert_eq!(
            o.release_next_tranche(acc(66), true, 30 * DAY),
            Err(EscrowError::Admin(AdminError::NotAdmin { caller: acc(66) }))
        );
        let (_, p1) = o.release_next_tranche(admin(), false, 30 * DAY).unwrap();
        assert_eq!(p1.amount, 1_616); // floor(4850 * 0.3333)
        assert_eq!(
            o.release_next_tranche(acc(66), false, 30 * DAY),
            Err(EscrowError::MilestoneNotAttested {
                oracle: acc(77),
                milestone: 2
            })
        );
        let (_, p2) = o.release_next_tranche(acc(66), true, 30 * DAY).unwrap();
        assert_eq!(
            p1.amount + p2.amount,
            4_850,
            "the last tranche takes the rest"
        );
        assert_eq!(o.owed(), 0);
        assert_eq!(
            o.release_next_tranche(admin(), true, 30 * DAY),
            Err(EscrowError::NoTrancheLeft)
        );
    })
}

#[test]
fn admin_handover_is_two_step() {
    fresh(|| {
        let mut o = OfferingData::new(admin(), terms());
        assert_eq!(
            o.admin.accept(acc(9)).map_err(EscrowError::from),
            Err(EscrowError::Admin(AdminError::NotPendingAdmin {
                caller: acc(9)
            }))
        );
        o.admin.offer(admin(), acc(9)).unwrap();
        o.admin.accept(acc(9)).map_err(EscrowError::from).unwrap();
        assert_eq!(o.admin.admin(), acc(9));
        assert_eq!(
            o.cancel(admin()),
            Err(EscrowError::Admin(AdminError::NotAdmin { caller: admin() }))
        );
    })
}

#[derive(Debug, Clone)]
enum Op {
    Contribute {
        who: u8,
        tokens: u16,
        accredited: bool,
    },
    Withdraw {
        who: u8,
    },
    Advance {
        days: u8,
    },
    Finalize,
    Cancel,
    Refund {
        who: u8,
    },
    Deliver {
        who: u8,
    },
    Release,
    /// The token refuses `who` for a lasting reason and `who` asks for its money back.
    RefundUndeliverable {
        who: u8,
    },
    ReleaseHoldback {
        admin: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (10u8..20, 1u16..400, any::<bool>())
            .prop_map(|(who, tokens, accredited)| Op::Contribute { who, tokens, accredited }),
        1 => (10u8..20).prop_map(|who| Op::Withdraw { who }),
        1 => (0u8..10).prop_map(|days| Op::Advance { days }),
        1 => Just(Op::Finalize),
        1 => Just(Op::Cancel),
        2 => (4u8..20).prop_map(|who| Op::Refund { who }),
        2 => (4u8..20).prop_map(|who| Op::Deliver { who }),
        1 => Just(Op::Release),
        2 => (4u8..20).prop_map(|who| Op::RefundUndeliverable { who }),
        1 => any::<bool>().prop_map(|admin| Op::ReleaseHoldback { admin }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the sequence, the escrow's balance (what came in minus what went out) covers what it owes; and
    /// once everything is settled, every unit that came in went out to exactly one of: a refund, the fee, the
    /// sponsor. With a delivery holdback, refunds of undeliverable positions after success, holdback releases
    /// and a long-stop release of a never-attested oracle tranche in the mix; every position ends delivered or
    /// refunded, never both, never neither.
    #[test]
    fn escrow_stays_solvent(ops in prop::collection::vec(op(), 1..80), cancel_allowed in any::<bool>()) {
        fresh(|| solvency_case(ops, cancel_allowed))?;
    }
}

fn solvency_case(ops: Vec<Op>, cancel_allowed: bool) -> Result<(), TestCaseError> {
    {
        let mut t = terms();
        t.tranches = vec![
            TrancheTerms {
                share_bps: 2_500,
                condition: ReleaseCondition::AdminApproval,
            },
            TrancheTerms {
                share_bps: 7_500,
                condition: ReleaseCondition::OracleMilestone {
                    oracle: acc(77),
                    milestone: 1,
                },
            },
        ];
        t.holdback_bps = 1_500;
        t.long_stop_ms = 20 * DAY;
        // A refusal others caused (the regulator's freeze of the position's identity): the holdback serves it at
        // once. (A position's identity is its wallet's first byte: `verified`.)
        let refusal = |who: u8| {
            Some(MintRefusal::IdentityFrozen {
                identity: u64::from(who),
            })
        };
        let mut o = OfferingData::new(admin(), t);
        let (mut delivered, mut refunded_after, mut refunds_after) = (0u32, 0u32, 0u128);
        let mut now = DAY;
        let mut balance: u128 = 0;
        let (mut refunds, mut fees, mut sponsor_paid) = (0u128, 0u128, 0u128);
        if o.contribute(lead(), 1_000, &verified(lead(), true), now)
            .is_ok()
        {
            balance += 1_000;
        }
        for op in ops {
            match op {
                Op::Contribute {
                    who,
                    tokens,
                    accredited,
                } => {
                    let amount = u128::from(tokens) * PRICE;
                    if o.contribute(acc(who), amount, &verified(acc(who), accredited), now)
                        .is_ok()
                    {
                        balance += amount;
                    }
                }
                Op::Withdraw { who } => {
                    if let Ok((_, p)) = o.withdraw(acc(who), now) {
                        balance -= p.amount;
                        refunds += p.amount;
                    }
                }
                Op::Advance { days } => now += u64::from(days) * DAY,
                Op::Finalize => {
                    if let Ok(Finalized::Succeeded { fee, sponsor, .. }) = o.finalize(acc(99), now)
                    {
                        if let Some((_, p)) = fee {
                            balance -= p.amount;
                            fees += p.amount;
                        }
                        if let Some((_, p)) = sponsor {
                            balance -= p.amount;
                            sponsor_paid += p.amount;
                        }
                    }
                }
                Op::Cancel => {
                    if cancel_allowed {
                        let _ = o.cancel(admin());
                    }
                }
                Op::Refund { who } => {
                    if let Ok((_, p)) = o.refund(acc(who)) {
                        balance -= p.amount;
                        refunds += p.amount;
                    }
                }
                Op::Deliver { who } => {
                    if o.deliver_tokens(acc(who)).is_ok() {
                        delivered += 1;
                    }
                }
                Op::Release => {
                    if let Ok((_, p)) = o.release_next_tranche(admin(), false, now) {
                        balance -= p.amount;
                        sponsor_paid += p.amount;
                    }
                }
                Op::RefundUndeliverable { who } => {
                    if let Ok((_, p)) = o.refund_undeliverable(acc(who), refusal(who), now) {
                        balance -= p.amount;
                        refunds_after += p.amount;
                        refunded_after += 1;
                    }
                }
                Op::ReleaseHoldback { admin: by_admin } => {
                    let by = if by_admin { admin() } else { acc(99) };
                    if let Ok((_, p)) = o.release_holdback(by, now) {
                        balance -= p.amount;
                        sponsor_paid += p.amount;
                    }
                }
            }
            prop_assert!(
                balance >= o.owed(),
                "balance {} < owed {}",
                balance,
                o.owed()
            );
            prop_assert!(o.status().raised <= 10_000);
        }
        // Settle everything that is left and check conservation.
        now += 60 * DAY;
        let _ = o.finalize(acc(99), now).map(|f| {
            if let Finalized::Succeeded { fee, sponsor, .. } = f {
                if let Some((_, p)) = fee {
                    balance -= p.amount;
                    fees += p.amount;
                }
                if let Some((_, p)) = sponsor {
                    balance -= p.amount;
                    sponsor_paid += p.amount;
                }
            }
        });
        for who in 4u8..20 {
            if let Ok((_, p)) = o.refund(acc(who)) {
                balance -= p.amount;
                refunds += p.amount;
            }
        }
        // Every position still open ends delivered or, while the holdback lasts, refunded; then the tranches (the
        // oracle one through the long-stop fallback) and the rest of the holdback go to the sponsor.
        if o.phase() == Phase::Succeeded {
            for who in 4u8..20 {
                if let Ok((_, p)) = o.refund_undeliverable(acc(who), refusal(who), now) {
                    balance -= p.amount;
                    refunds_after += p.amount;
                    refunded_after += 1;
                } else if o.deliver_tokens(acc(who)).is_ok() {
                    delivered += 1;
                }
            }
            prop_assert_eq!(o.status().undelivered, 0);
            prop_assert_eq!(delivered + refunded_after, o.status().investors);
        }
        now += 20 * DAY;
        while let Ok((_, p)) = o.release_next_tranche(admin(), false, now) {
            balance -= p.amount;
            sponsor_paid += p.amount;
        }
        if let Ok((_, p)) = o.release_holdback(acc(99), now) {
            balance -= p.amount;
            sponsor_paid += p.amount;
        }
        prop_assert_eq!(o.owed(), 0);
        prop_assert_eq!(
            balance,
            0,
            "refunds {} fees {} sponsor {}",
            refunds,
            fees,
            sponsor_paid
        );
        if o.phase() == Phase::Succeeded {
            prop_assert_eq!(fees + sponsor_paid + refunds_after, o.status().raised);
        }
    }
    Ok(())
}

#[test]
fn identity_totals_follow_a_wallet_relinked_between_contributions() {
    fresh(|| {
        let mut o = open_offering(terms());
        let as_a = verified(acc(20), false);
        let mut as_b = as_a;
        as_b.identity = Some(77);
        o.contribute(acc(20), 500, &as_a, DAY).unwrap();
        // The registry moves the wallet to identity 77; its earlier 500 now count towards 77, not 20.
        let (_, e) = o.contribute(acc(20), 300, &as_b, DAY).unwrap();
        assert_eq!(e.relinked_from, Some(20));
        assert_eq!(o.identity_committed(20), 0);
        assert_eq!(o.identity_committed(77), 800);
        // The retail cap (1 000) counts the carried commitment.
        assert_eq!(
            o.contribute(acc(20), 300, &as_b, DAY),
            Err(EscrowError::NonAccreditedCapExceeded {
                cap: 1_000,
                would_total: 1_100
            })
        );
        o.withdraw(acc(20), DAY).unwrap();
        assert_eq!(o.identity_committed(20), 0);
        assert_eq!(o.identity_committed(77), 0);
    })
}

#[test]
fn an_undeliverable_position_is_refunded_from_the_holdback_only_for_a_lasting_refusal() {
    fresh(|| {
        let mut t = terms();
        t.holdback_bps = 1_000;
        let mut o = open_offering(t);
        for n in 40..44u8 {
            o.contribute(acc(n), 1_000, &verified(acc(n), true), DAY)
                .unwrap();
        }
        let Finalized::Succeeded {
            succeeded,
            sponsor: paid,
            ..
        } = o.finalize(acc(99), 30 * DAY).unwrap()
        else {
            panic!("should succeed")
        };
        // 5 000 raised: 150 fee, 500 held back, 4 350 to the sponsor.
        assert_eq!(succeeded.holdback, 500);
        assert_eq!(paid.unwrap().1.amount, 4_350);
        assert_eq!(o.owed(), 500);
        assert_eq!(
            o.refund_undeliverable(acc(40), None, 30 * DAY),
            Err(EscrowError::StillDeliverable { account: acc(40) })
        );
        assert_eq!(
            o.refund_undeliverable(acc(40), Some(MintRefusal::Paused), 30 * DAY),
            Err(EscrowError::RefusalTemporary {
                reason: MintRefusal::Paused
            })
        );
        // The investor's own standing (a blocked country, a lapsed claim) waits for the long-stop.
        let own = MintRefusal::CountryBlocked { country: 250 };
        assert_eq!(
            o.refund_undeliverable(acc(40), Some(own), 30 * DAY),
            Err(EscrowError::RefusalOwn {
                reason: own,
                refundable_from: 30 * DAY + 365 * DAY
            })
        );
        // A freeze of another identity (the wallet moved there) is not the regulator's word on this position.
        let elsewhere = MintRefusal::IdentityFrozen { identity: 7 };
        assert!(matches!(
            o.refund_undeliverable(acc(40), Some(elsewhere), 30 * DAY),
            Err(EscrowError::RefusalOwn { .. })
        ));
        let blocked = Some(MintRefusal::IdentityFrozen { identity: 40 });
        assert_eq!(
            o.refund_undeliverable(acc(40), blocked, 30 * DAY),
            Err(EscrowError::HoldbackExhausted {
                holdback: 500,
                needed: 1_000
            })
        );
        // Until every position is settled the holdback stays (the admin may take it only after the long-stop).
        assert_eq!(
            o.release_holdback(acc(99), 30 * DAY),
            Err(EscrowError::HoldbackLocked {
                undelivered: 5,
                long_stop_at: 30 * DAY + 365 * DAY
            })
        );
        for n in [4u8, 40, 41, 42, 43] {
            o.deliver_tokens(acc(n)).unwrap();
        }
        assert_eq!(o.status().undelivered, 0);
        let (e, p) = o.release_holdback(acc(99), 30 * DAY).unwrap();
        assert_eq!((e.amount, p.to), (500, sponsor()));
        assert_eq!(o.owed(), 0);
        assert_eq!(
            o.release_holdback(acc(99), 30 * DAY),
            Err(EscrowError::NothingHeldBack)
        );
    })
}

#[test]
fn a_refund_from_the_holdback_settles_the_position() {
    fresh(|| {
        let mut t = terms();
        t.holdback_bps = 2_500;
        let mut o = open_offering(t);
        o.contribute(acc(40), 1_000, &verified(acc(40), true), DAY)
            .unwrap();
        o.contribute(acc(41), 3_000, &verified(acc(41), true), DAY)
            .unwrap();
        o.finalize(acc(99), 30 * DAY).unwrap();
        assert_eq!(o.owed(), 1_250);
        let blocked = Some(MintRefusal::IdentityFrozen { identity: 40 });
        let (e, p) = o.refund_undeliverable(acc(40), blocked, 30 * DAY).unwrap();
        assert_eq!((p.to, p.amount, e.holdback), (acc(40), 1_000, 250));
        assert_eq!(o.owed(), 250);
        assert_eq!(
            o.deliver_tokens(acc(40)),
            Err(EscrowError::NoPosition { account: acc(40) })
        );
        assert_eq!(o.status().undelivered, 2);
    })
}

#[test]
fn a_never_attested_milestone_tranche_is_released_by_the_admin_after_the_long_stop() {
    fresh(|| {
        let mut t = terms();
        t.tranches = vec![TrancheTerms {
            share_bps: 10_000,
            condition: ReleaseCondition::OracleMilestone {
                oracle: acc(77),
                milestone: 1,
            },
        }];
        t.long_stop_ms = 100 * DAY;
        let mut o = open_offering(t);
        o.contribute(acc(40), 3_000, &verified(acc(40), true), DAY)
            .unwrap();
        o.contribute(acc(41), 1_000, &verified(acc(41), true), DAY)
            .unwrap();
        o.finalize(acc(99), 30 * DAY).unwrap();
        let stuck = Err(EscrowError::MilestoneNotAttested {
            oracle: acc(77),
            milestone: 1,
        });
        assert_eq!(o.release_next_tranche(admin(), false, 129 * DAY), stuck);
        assert_eq!(o.release_next_tranche(acc(66), false, 130 * DAY), stuck);
        let (e, p) = o.release_next_tranche(admin(), false, 130 * DAY).unwrap();
        assert!(e.long_stop_fallback);
        assert_eq!(p.amount, 4_850);
        assert_eq!(o.owed(), 0);
    })
}

#[test]
fn an_admin_approved_tranche_never_approved_is_released_by_the_sponsor_after_the_long_stop() {
    fresh(|| {
        let mut t = terms();
        t.tranches = vec![TrancheTerms {
            share_bps: 10_000,
            condition: ReleaseCondition::AdminApproval,
        }];
        t.long_stop_ms = 100 * DAY;
        let mut o = open_offering(t);
        o.contribute(acc(40), 3_000, &verified(acc(40), true), DAY)
            .unwrap();
        o.contribute(acc(41), 1_000, &verified(acc(41), true), DAY)
            .unwrap();
        o.finalize(acc(99), 30 * DAY).unwrap();
        let not_admin = |who| Err(EscrowError::Admin(AdminError::NotAdmin { caller: who }));
        // A silent admin: before the long-stop only it may release; the sponsor may not, nor anyone else after.
        assert_eq!(
            o.release_tranche(sponsor(), 0, false, 129 * DAY),
            not_admin(sponsor())
        );
        assert_eq!(
            o.release_tranche(acc(66), 0, false, 130 * DAY),
            not_admin(acc(66))
        );
        let (e, p) = o.release_tranche(sponsor(), 0, false, 130 * DAY).unwrap();
        assert!(e.long_stop_fallback);
        assert_eq!((p.to, p.amount, o.owed()), (sponsor(), 4_850, 0));
        assert_eq!(
            o.release_tranche(sponsor(), 0, false, 131 * DAY),
            Err(EscrowError::TrancheAlreadyReleased { index: 0 })
        );
    })
}

#[test]
fn an_attested_tranche_is_released_behind_a_blocked_one() {
    fresh(|| {
        let mut t = terms();
        t.tranches = vec![
            TrancheTerms {
                share_bps: 4_000,
                condition: ReleaseCondition::AdminApproval,
            },
            TrancheTerms {
                share_bps: 6_000,
                condition: ReleaseCondition::OracleMilestone {
                    oracle: acc(77),
                    milestone: 1,
                },
            },
        ];
        t.long_stop_ms = 100 * DAY;
        let mut o = open_offering(t);
        for n in [40, 41] {
            o.contribute(acc(n), 3_000, &verified(acc(n), true), DAY)
                .unwrap();
        }
        o.finalize(acc(99), 30 * DAY).unwrap();
        let net = o.owed();
        // The admin has not approved tranche 0; the oracle attested tranche 1: anyone releases it first.
        let (e1, p1) = o.release_tranche(acc(66), 1, true, 31 * DAY).unwrap();
        assert_eq!((e1.index, p1.amount), (1, net * 6_000 / 10_000));
        assert_eq!(o.next_tranche().map(|t| t.share_bps), Some(4_000));
        assert_eq!(
            o.release_tranche(acc(66), 2, true, 31 * DAY),
            Err(EscrowError::NoSuchTranche { index: 2 })
        );
        // The last one released takes whatever rounding left: the sponsor gets exactly the net.
        let (_, p0) = o.release_next_tranche(admin(), false, 32 * DAY).unwrap();
        assert_eq!(p0.amount + p1.amount, net);
        assert_eq!(o.owed(), 0);
        assert_eq!(
            o.release_next_tranche(admin(), false, 33 * DAY),
            Err(EscrowError::NoTrancheLeft)
        );
    })
}

#[test]
fn tranches_or_a_holdback_need_a_long_stop_and_fee_plus_holdback_fit_the_raise() {
    fresh(|| {
        let mut t = terms();
        t.long_stop_ms = 0;
        assert_eq!(t.validate(0), Ok(()));
        t.holdback_bps = 1;
        assert_eq!(t.validate(0), Err(TermsError::NoLongStop));
        t.long_stop_ms = DAY;
        t.holdback_bps = 9_701;
        assert_eq!(
            t.validate(0),
            Err(TermsError::FeeAndHoldbackAboveRaise {
                fee_bps: 300,
                holdback_bps: 9_701
            })
        );
    })
}
