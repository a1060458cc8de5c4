//! Native tests of the escrow's rules ([`OfferingData`]) and a solvency property under random sequences of
//! contributions, withdrawals, finalization, refunds, deliveries and tranche releases.
use ink::primitives::AccountId;
use proptest::prelude::*;
use suite_traits::testing::fresh;
use suite_traits::{ClaimSet, ClaimType, PartyStatus};

use crate::errors::EscrowError;
use crate::offering::{Finalized, OfferingData, Phase};
use crate::terms::{OfferingTerms, ReleaseCondition, TermsError, TrancheTerms};

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
            Err(EscrowError::NotAdmin { caller: acc(66) })
        );
        for n in 40..44u8 {
            o.contribute(acc(n), 1_000, &verified(acc(n), true), DAY)
                .unwrap();
        }
        o.finalize(acc(99), 30 * DAY).unwrap();
        assert_eq!(o.owed(), 4_850);
        assert_eq!(
            o.release_next_tranche(acc(66), true),
            Err(EscrowError::NotAdmin { caller: acc(66) })
        );
        let (_, p1) = o.release_next_tranche(admin(), false).unwrap();
        assert_eq!(p1.amount, 1_616); // floor(4850 * 0.3333)
        assert_eq!(
            o.release_next_tranche(acc(66), false),
            Err(EscrowError::MilestoneNotAttested {
                oracle: acc(77),
                milestone: 2
            })
        );
        let (_, p2) = o.release_next_tranche(acc(66), true).unwrap();
        assert_eq!(
            p1.amount + p2.amount,
            4_850,
            "the last tranche takes the rest"
        );
        assert_eq!(o.owed(), 0);
        assert_eq!(
            o.release_next_tranche(admin(), true),
            Err(EscrowError::NoTrancheLeft)
        );
    })
}

#[test]
fn admin_handover_is_two_step() {
    fresh(|| {
        let mut o = OfferingData::new(admin(), terms());
        assert_eq!(
            o.accept_admin(acc(9)),
            Err(EscrowError::NotPendingAdmin { caller: acc(9) })
        );
        o.start_admin_transfer(admin(), acc(9)).unwrap();
        o.accept_admin(acc(9)).unwrap();
        assert_eq!(o.admin(), acc(9));
        assert_eq!(
            o.cancel(admin()),
            Err(EscrowError::NotAdmin { caller: admin() })
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
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the sequence, the escrow's balance (what came in minus what went out) covers what it owes; and
    /// once everything is settled, every unit that came in went out to exactly one of: a refund, the fee, the
    /// sponsor.
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
                condition: ReleaseCondition::AdminApproval,
            },
        ];
        let mut o = OfferingData::new(admin(), t);
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
                    let _ = o.deliver_tokens(acc(who));
                }
                Op::Release => {
                    if let Ok((_, p)) = o.release_next_tranche(admin(), false) {
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
        while let Ok((_, p)) = o.release_next_tranche(admin(), false) {
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
            prop_assert_eq!(fees + sponsor_paid, o.status().raised);
        }
    }
    Ok(())
}
