//! Native tests of the pass economy ([`PassData`]) and ownership ([`NftData`]), property tests on credit and
//! receipts, and a compile-time check that the contract dispatches the PSP34 specification's selectors.
use ink::primitives::{AccountId, Hash};
use proptest::prelude::*;
use suite_traits::testing::fresh;
use suite_traits::AdminError;
use suite_traits::PSP34Error;

use crate::classes::PassClass;
use crate::data::{OpeningMilestone, PassData, Proceeds, DAY_MS};
use crate::errors::ClassRule;
use crate::errors::PassError;

const OPENING: u64 = 100 * DAY_MS;
const LONG_STOP: u64 = 400 * DAY_MS;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
fn admin() -> AccountId {
    acc(1)
}
fn receiver() -> AccountId {
    acc(2)
}
fn gate() -> AccountId {
    acc(3)
}
fn alice() -> AccountId {
    acc(10)
}
fn bob() -> AccountId {
    acc(11)
}
fn receipt(n: u32) -> Hash {
    let mut b = [0u8; 32];
    b[..4].copy_from_slice(&n.to_le_bytes());
    Hash::from(b)
}

/// A 30-day road pass with 40 trips, 4 trips a day, top-ups at 5 per trip, renewals at 90, bound to the buyer.
fn road_pass() -> PassClass {
    PassClass {
        price: 100,
        initial_credit: 40,
        unit_price: Some(5),
        validity_ms: 30 * DAY_MS,
        renewal_price: Some(90),
        activation_at: OPENING,
        transferable: false,
        daily_cap: 4,
        points_per_unit: 0,
    }
}

fn oracle() -> AccountId {
    acc(77)
}
const OPENED: u32 = 5;

fn new_book() -> PassData {
    PassData::new(
        admin(),
        receiver(),
        LONG_STOP,
        OpeningMilestone {
            oracle: oracle(),
            milestone: OPENED,
        },
    )
}

/// A facility with class 0 (road pass) and a gate registered for it.
fn facility() -> PassData {
    let mut b = new_book();
    b.add_class(admin(), road_pass()).unwrap();
    b.set_meter(admin(), gate(), 0b1).unwrap();
    b
}

#[test]
fn class_terms_are_checked() {
    fresh(|| {
        let mut b = new_book();
        let mut c = road_pass();
        c.validity_ms = 0;
        assert_eq!(
            b.add_class(admin(), c),
            Err(PassError::InvalidClass {
                rule: ClassRule::PositiveValidity
            })
        );
        c = road_pass();
        c.activation_at = LONG_STOP;
        assert_eq!(
            b.add_class(admin(), c),
            Err(PassError::InvalidClass {
                rule: ClassRule::ActivationBeforeLongStop
            })
        );
        c = road_pass();
        c.price = 0;
        assert_eq!(
            b.add_class(admin(), c),
            Err(PassError::InvalidClass {
                rule: ClassRule::PositivePrice
            })
        );
        // Free top-ups or renewals would give credit or validity away.
        c = road_pass();
        c.unit_price = Some(0);
        assert_eq!(
            b.add_class(admin(), c),
            Err(PassError::InvalidClass {
                rule: ClassRule::PositiveUnitPrice
            })
        );
        c = road_pass();
        c.renewal_price = Some(0);
        assert_eq!(
            b.add_class(admin(), c),
            Err(PassError::InvalidClass {
                rule: ClassRule::PositiveRenewalPrice
            })
        );
        c = road_pass();
        c.unit_price = None;
        c.renewal_price = None;
        assert_eq!(b.add_class(admin(), c).map(|e| e.class), Ok(0));
        assert_eq!(
            b.add_class(acc(66), road_pass()),
            Err(PassError::Admin(AdminError::NotAdmin { caller: acc(66) }))
        );
        assert_eq!(b.class_count(), 1);
    })
}

#[test]
fn presale_money_is_held_then_forwarded_at_opening() {
    fresh(|| {
        let mut b = facility();
        assert_eq!(
            b.buy(alice(), 0, 99, DAY_MS).map(|_| ()),
            Err(PassError::WrongPayment {
                expected: 100,
                paid: 99
            })
        );
        let (_, bought, proceeds) = b.buy(alice(), 0, 100, DAY_MS).unwrap();
        assert_eq!(proceeds, Proceeds::Held);
        // A pre-sold pass's validity starts when the facility opens, whenever that is: not known at the sale.
        assert_eq!((bought.valid_from, bought.expires_at), (0, 0));
        assert_eq!(
            b.pass(bought.pass).unwrap().validity_from_opening,
            30 * DAY_MS
        );
        b.top_up(bought.pass, 10, 50, DAY_MS).unwrap();
        assert_eq!(b.facility().held, 150);
        assert_eq!(b.pass(bought.pass).unwrap().refundable, 150);
        // Not usable before opening.
        assert_eq!(
            b.consume(gate(), bought.pass, 1, receipt(1), OPENING),
            Err(PassError::FacilityNotOpen)
        );
        // The admin's word is not enough: the oracle must have attested the opening milestone.
        assert_eq!(
            b.open_facility(admin(), OPENING, false).map(|_| ()),
            Err(PassError::MilestoneNotAttested {
                oracle: oracle(),
                milestone: OPENED
            })
        );
        assert_eq!(b.facility().held, 150);
        assert_eq!(b.facility().opened_at, None);
        // Once it has, anyone may open.
        let (opened, payout) = b.open_facility(acc(66), OPENING, true).unwrap();
        assert_eq!(
            (opened.by, opened.oracle, opened.milestone),
            (acc(66), oracle(), OPENED)
        );
        assert_eq!(opened.forwarded, 150);
        // Its 30 days now run from the opening (the class activated then too).
        let pass = b.pass(bought.pass).unwrap();
        assert_eq!(
            (pass.expires_at, pass.validity_from_opening),
            (OPENING + 30 * DAY_MS, 0)
        );
        assert_eq!(payout.unwrap().amount, 150);
        assert_eq!(b.facility().held, 0);
        // After opening, sales are forwarded at once.
        let (_, _, p) = b.buy(bob(), 0, 100, OPENING).unwrap();
        assert!(matches!(p, Proceeds::Forward(x) if x.to == receiver() && x.amount == 100));
        assert_eq!(
            b.open_facility(admin(), OPENING, true).map(|_| ()),
            Err(PassError::AlreadyOpen)
        );
    })
}

#[test]
fn revenue_receiver_is_locked_from_the_first_sale_until_opening() {
    fresh(|| {
        let mut b = facility();
        assert!(!b.revenue_receiver_locked());
        b.set_revenue_receiver(admin(), acc(40)).unwrap();
        b.buy(alice(), 0, 100, DAY_MS).unwrap();
        assert!(b.revenue_receiver_locked());
        assert_eq!(
            b.set_revenue_receiver(admin(), acc(66)),
            Err(PassError::RevenueReceiverLocked {
                receiver: acc(40),
                held: 100
            })
        );
        let (_, payout) = b.open_facility(bob(), OPENING, true).unwrap();
        assert_eq!(payout.map(|p| (p.to, p.amount)), Some((acc(40), 100)));
        // After opening nothing is held: the admin may direct future revenue elsewhere.
        assert!(!b.revenue_receiver_locked());
        b.set_revenue_receiver(admin(), receiver()).unwrap();
        let (_, _, p) = b.buy(bob(), 0, 100, OPENING).unwrap();
        assert!(matches!(p, Proceeds::Forward(x) if x.to == receiver()));
    })
}

#[test]
fn receipt_ids_are_scoped_per_meter() {
    fresh(|| {
        let mut b = facility();
        let other = acc(4);
        b.set_meter(admin(), other, 0b1).unwrap();
        let (_, p, _) = b.buy(alice(), 0, 100, DAY_MS).unwrap();
        b.open_facility(admin(), OPENING, true).unwrap();
        b.consume(gate(), p.pass, 1, receipt(1), OPENING).unwrap();
        b.consume(other, p.pass, 1, receipt(1), OPENING).unwrap();
        assert_eq!(
            b.consume(other, p.pass, 1, receipt(1), OPENING),
            Err(PassError::ReceiptAlreadyUsed {
                meter: other,
                receipt: receipt(1),
                pass: p.pass
            })
        );
        assert_eq!(b.receipt(gate(), receipt(1)).map(|r| r.meter), Some(gate()));
        assert_eq!(b.receipt(other, receipt(1)).map(|r| r.meter), Some(other));
        assert_eq!(b.pass(p.pass).unwrap().credit, 38);
    })
}

#[test]
fn metering_checks_meter_activation_expiry_credit_cap_and_receipts() {
    fresh(|| {
        let mut b = facility();
        let mut early = road_pass();
        early.activation_at = OPENING + 10 * DAY_MS;
        b.add_class(admin(), early).unwrap();
        let (_, p, _) = b.buy(alice(), 0, 100, DAY_MS).unwrap();
        let (_, q, _) = b.buy(alice(), 1, 100, DAY_MS).unwrap();
        b.open_facility(admin(), OPENING, true).unwrap();
        let t = OPENING + DAY_MS / 2;
        // Bought before the opening: valid from it.
        let expires = b.pass(p.pass).unwrap().expires_at;
        assert_eq!(expires, OPENING + 30 * DAY_MS);
        assert_eq!(
            b.consume(acc(66), p.pass, 1, receipt(1), t),
            Err(PassError::NotMeterForClass {
                meter: acc(66),
                class: 0
            })
        );
        b.set_meter(admin(), gate(), 0b11).unwrap();
        assert_eq!(
            b.consume(gate(), q.pass, 1, receipt(1), t),
            Err(PassError::NotActiveYet {
                activation_at: OPENING + 10 * DAY_MS
            })
        );
        let c = b.consume(gate(), p.pass, 3, receipt(1), t).unwrap();
        assert_eq!(c.credit_left, 37);
        assert_eq!(
            b.consume(gate(), p.pass, 1, receipt(1), t),
            Err(PassError::ReceiptAlreadyUsed {
                meter: gate(),
                receipt: receipt(1),
                pass: p.pass
            })
        );
        assert_eq!(
            b.consume(gate(), p.pass, 2, receipt(2), t),
            Err(PassError::DailyCapReached {
                cap: 4,
                used_today: 3,
                requested: 2
            })
        );
        // The cap resets the next UTC day.
        b.consume(gate(), p.pass, 4, receipt(3), t + DAY_MS)
            .unwrap();
        assert_eq!(
            b.consume(gate(), p.pass, 1, receipt(4), expires),
            Err(PassError::Expired {
                expired_at: expires
            })
        );
        b.renew(p.pass, 90, expires).unwrap();
        assert_eq!(b.pass(p.pass).unwrap().expires_at, expires + 30 * DAY_MS);
        assert_eq!(
            b.consume(gate(), p.pass, 0, receipt(5), expires),
            Err(PassError::ZeroUnits)
        );
        assert_eq!(
            b.consume(gate(), p.pass, 34, receipt(5), expires),
            Err(PassError::InsufficientCredit {
                credit: 33,
                requested: 34
            })
        );
    })
}

#[test]
fn reward_points_accrue_per_unit() {
    fresh(|| {
        let mut b = facility();
        let mut charging = road_pass();
        charging.points_per_unit = 3;
        charging.daily_cap = 0;
        b.add_class(admin(), charging).unwrap();
        b.set_meter(admin(), gate(), 0b10).unwrap();
        b.open_facility(admin(), OPENING, true).unwrap();
        let (_, p, _) = b.buy(alice(), 1, 100, OPENING).unwrap();
        b.consume(gate(), p.pass, 25, receipt(9), OPENING).unwrap();
        assert_eq!(b.pass(p.pass).unwrap().points, 75);
    })
}

#[test]
fn abandoned_facility_refunds_every_holder_and_stops_sales() {
    fresh(|| {
        let mut b = facility();
        let (_, p, _) = b.buy(alice(), 0, 100, DAY_MS).unwrap();
        b.renew(p.pass, 90, DAY_MS).unwrap();
        assert_eq!(
            b.refund(alice(), p.pass, LONG_STOP - 1).map(|_| ()),
            Err(PassError::RefundNotAvailable {
                long_stop_at: LONG_STOP
            })
        );
        assert_eq!(
            b.buy(bob(), 0, 100, LONG_STOP).map(|_| ()),
            Err(PassError::FacilityAbandoned {
                long_stop_at: LONG_STOP
            })
        );
        assert_eq!(
            b.open_facility(admin(), LONG_STOP, true).map(|_| ()),
            Err(PassError::FacilityAbandoned {
                long_stop_at: LONG_STOP
            })
        );
        assert_eq!(
            b.refund(bob(), p.pass, LONG_STOP).map(|_| ()),
            Err(PassError::NotHolder {
                caller: bob(),
                pass: p.pass
            })
        );
        let (r, _, payout) = b.refund(alice(), p.pass, LONG_STOP).unwrap();
        assert_eq!((r.amount, payout.to, payout.amount), (190, alice(), 190));
        assert_eq!(b.facility().held, 0);
        assert_eq!(b.nft().owner_of(p.pass), None);
        assert_eq!(b.nft().total_supply(), 0);
    })
}

#[test]
fn psp34_ownership_and_approvals() {
    fresh(|| {
        let mut b = facility();
        let (_, p, _) = b.buy(alice(), 0, 100, DAY_MS).unwrap();
        let n = b.nft_mut();
        assert_eq!(n.balance_of(alice()), 1);
        assert_eq!(
            n.transfer(bob(), bob(), p.pass).map(|_| ()),
            Err(PSP34Error::NotApproved)
        );
        assert_eq!(
            n.approve(alice(), alice(), None, true).map(|_| ()),
            Err(PSP34Error::SelfApprove)
        );
        assert_eq!(
            n.approve(bob(), acc(12), Some(p.pass), true).map(|_| ()),
            Err(PSP34Error::NotApproved)
        );
        n.approve(alice(), bob(), Some(p.pass), true).unwrap();
        assert!(n.allowance(alice(), bob(), Some(p.pass)));
        n.transfer(bob(), acc(12), p.pass).unwrap();
        assert_eq!(n.owner_of(p.pass), Some(acc(12)));
        // The approval did not survive the change of owner.
        assert!(!n.allowance(acc(12), bob(), Some(p.pass)));
        assert_eq!(
            n.transfer(bob(), bob(), p.pass).map(|_| ()),
            Err(PSP34Error::NotApproved)
        );
        assert_eq!((n.balance_of(alice()), n.balance_of(acc(12))), (0, 1));
        assert_eq!(
            n.transfer(alice(), alice(), 999).map(|_| ()),
            Err(PSP34Error::TokenNotExists)
        );
    })
}

#[test]
fn psp34_specification_selectors_are_dispatched() {
    use crate::UsagePass;
    use ink::reflect::DispatchableMessageInfo;
    // Each line fails to compile if the contract has no message with that selector (values from the PSP34
    // specification), and the label proves which message it is.
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0xffa27a5f>>::LABEL,
        "PSP34::collection_id"
    );
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0xcde7e55f>>::LABEL,
        "PSP34::balance_of"
    );
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0x1168624d>>::LABEL,
        "PSP34::owner_of"
    );
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0x4790f55a>>::LABEL,
        "PSP34::allowance"
    );
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0x1932a8b0>>::LABEL,
        "PSP34::approve"
    );
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0x3128d61b>>::LABEL,
        "PSP34::transfer"
    );
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0x628413fe>>::LABEL,
        "PSP34::total_supply"
    );
    assert_eq!(
        <UsagePass as DispatchableMessageInfo<0xf19d48d1>>::LABEL,
        "PSP34Metadata::get_attribute"
    );
}

#[derive(Debug, Clone)]
enum Op {
    TopUp {
        pass: u8,
        units: u8,
    },
    Consume {
        pass: u8,
        units: u8,
        meter: u8,
        receipt: u8,
    },
    Advance {
        hours: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0u8..4, 0u8..20).prop_map(|(pass, units)| Op::TopUp { pass, units }),
        4 => (0u8..4, 0u8..8, 0u8..2, 0u8..40)
            .prop_map(|(pass, units, meter, receipt)| Op::Consume { pass, units, meter, receipt }),
        1 => (0u8..30).prop_map(|hours| Op::Advance { hours }),
    ]
}

fn credit_case(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut b = facility();
    let meters = [gate(), acc(4)];
    b.set_meter(admin(), meters[1], 0b1).unwrap();
    let mut ids = vec![];
    for who in 0..4u8 {
        ids.push(b.buy(acc(20 + who), 0, 100, DAY_MS).unwrap().1.pass);
    }
    b.open_facility(admin(), OPENING, true).unwrap();
    let mut now = OPENING;
    let mut loaded = [40u128; 4];
    let mut used = [0u128; 4];
    let mut charged = std::collections::HashSet::new();
    for op in ops {
        match op {
            Op::TopUp { pass, units } => {
                let i = usize::from(pass);
                let u = u128::from(units);
                if b.top_up(ids[i], u, u * 5, now).is_ok() {
                    loaded[i] += u;
                }
            }
            Op::Consume {
                pass,
                units,
                meter,
                receipt: r,
            } => {
                let i = usize::from(pass);
                let before = b.pass(ids[i]).unwrap().credit;
                match b.consume(
                    meters[usize::from(meter)],
                    ids[i],
                    u128::from(units),
                    receipt(u32::from(r)),
                    now,
                ) {
                    Ok(c) => {
                        prop_assert!(
                            charged.insert((meter, r)),
                            "meter {} charged receipt {} twice",
                            meter,
                            r
                        );
                        prop_assert_eq!(c.credit_left + u128::from(units), before);
                        used[i] += u128::from(units);
                    }
                    Err(PassError::ReceiptAlreadyUsed { .. }) => {
                        prop_assert!(charged.contains(&(meter, r)))
                    }
                    Err(_) => prop_assert_eq!(b.pass(ids[i]).unwrap().credit, before),
                }
            }
            Op::Advance { hours } => now += u64::from(hours) * 3_600_000,
        }
        for i in 0..4 {
            // Credit is exactly what was loaded minus what was used, and so never "negative".
            prop_assert_eq!(b.pass(ids[i]).unwrap().credit + used[i], loaded[i]);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Under any sequence of top-ups, consumptions by two meters and time, each pass's credit equals what was
    /// loaded minus what was charged, and no meter ever charges the same receipt id twice.
    #[test]
    fn credit_is_conserved_and_receipts_never_replay(ops in prop::collection::vec(op(), 1..120)) {
        fresh(|| credit_case(ops))?;
    }
}
