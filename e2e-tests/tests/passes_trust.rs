//! What a pass buyer must be able to trust, on the real Wasm: the money paid before opening goes only to the
//! revenue receiver named when the first pass was sold; the facility opens (releasing that money) only on the IoT
//! oracle's attested "facility opened" milestone, never on the admin's word, and an oracle that cannot be asked
//! keeps it closed and the money refundable; receipt ids are per meter and a meter never charges one twice; no
//! class gives credit or validity away for nothing.
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{account, Outcome, DAY_MS};
use infra_suite_e2e::finance::{road_pass, FACILITY_OPENED};
use infra_suite_e2e::suite::{actors::*, default_rules, Suite, SUPPLY_CAP};
use ink::primitives::{AccountId, Hash};
use usage_pass::{
    ClassId, ClassRule, Facility, OpeningMilestone, Pass, PassClass, PassError, PassId,
};

type PassOutcome<R> = Outcome<Result<R, PassError>>;

fn receipt(n: u8) -> Hash {
    Hash::from([n; 32])
}

/// A second toll gate.
fn gate_2() -> AccountId {
    account(35)
}

/// A road-pass collection (class 0 activates in 60 days, long-stop in a year) with the gate registered; it opens
/// on milestone `FACILITY_OPENED` of its own milestone oracle.
fn collection() -> (Suite, AccountId) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let now = s.chain.now();
    let pass = s.deploy_pass(now + 365 * DAY_MS);
    add_road_class(&mut s, pass);
    (s, pass)
}

fn add_road_class(s: &mut Suite, pass: AccountId) {
    let now = s.chain.now();
    let class: PassOutcome<ClassId> = s.send(
        at::<UsagePass>(pass).add_class(road_pass(now + 60 * DAY_MS)),
        admin(),
    );
    assert_eq!(class.value, Ok(0));
    let set: PassOutcome<()> = s.send(at::<UsagePass>(pass).set_meter(gate(), 1u64), admin());
    assert_eq!(set.value, Ok(()));
}

fn buy(s: &mut Suite, pass: AccountId, who: AccountId) -> PassId {
    s.send(at::<UsagePass>(pass).buy(0u32).transferred_value(400), who)
        .value
        .expect("buy")
}

fn facility(s: &mut Suite, pass: AccountId) -> Facility {
    s.chain
        .ask(at::<UsagePass>(pass).facility(), mallory())
        .unwrap()
        .value
}

fn opening(s: &mut Suite, pass: AccountId) -> OpeningMilestone {
    s.chain
        .ask(at::<UsagePass>(pass).opening_milestone(), mallory())
        .unwrap()
        .value
}

fn receiver(s: &mut Suite, pass: AccountId) -> AccountId {
    s.chain
        .ask(at::<UsagePass>(pass).revenue_receiver(), mallory())
        .unwrap()
        .value
}

#[test]
fn presale_money_goes_only_to_the_receiver_named_when_the_first_pass_was_sold() {
    let (mut s, pass) = collection();
    // Before any sale the admin may still choose where revenue goes.
    let set: PassOutcome<()> = s.send(
        at::<UsagePass>(pass).set_revenue_receiver(treasury()),
        admin(),
    );
    assert_eq!(set.value, Ok(()));
    buy(&mut s, pass, alice());
    // From the first sale until opening the receiver is locked: the held money cannot be redirected.
    let locked: bool = s
        .chain
        .ask(at::<UsagePass>(pass).revenue_receiver_locked(), mallory())
        .unwrap()
        .value;
    assert!(locked);
    let redirect: PassOutcome<()> = s.send(
        at::<UsagePass>(pass).set_revenue_receiver(mallory()),
        admin(),
    );
    assert_eq!(
        redirect.value,
        Err(PassError::RevenueReceiverLocked {
            receiver: treasury(),
            held: 400
        })
    );
    assert!(redirect.reverted && redirect.events == 0);
    assert_eq!(receiver(&mut s, pass), treasury());

    // Opening forwards the held money to the receiver the buyer saw.
    let (treasury_before, mallory_before) = (
        s.chain.native_balance(treasury()),
        s.chain.native_balance(mallory()),
    );
    s.chain.advance_time(60 * DAY_MS);
    s.attest_opening(pass);
    let opened: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), bob());
    assert_eq!(opened.value, Ok(()));
    assert_eq!(s.chain.native_balance(treasury()) - treasury_before, 400);
    assert_eq!(s.chain.native_balance(mallory()), mallory_before);
    assert_eq!(facility(&mut s, pass).held, 0);

    // After opening nothing is held (each sale is forwarded at once): the admin may direct future revenue.
    let set: PassOutcome<()> = s.send(
        at::<UsagePass>(pass).set_revenue_receiver(revenue()),
        admin(),
    );
    assert_eq!(set.value, Ok(()));
    let revenue_before = s.chain.native_balance(revenue());
    buy(&mut s, pass, bob());
    assert_eq!(s.chain.native_balance(revenue()) - revenue_before, 400);
}

#[test]
fn the_facility_opens_only_on_the_oracles_attested_milestone() {
    let (mut s, pass) = collection();
    let OpeningMilestone { oracle, milestone } = opening(&mut s, pass);
    assert_eq!(milestone, FACILITY_OPENED);
    let id = buy(&mut s, pass, alice());
    let revenue_before = s.chain.native_balance(revenue());
    s.chain.advance_time(60 * DAY_MS);
    let not_attested = Err(PassError::MilestoneNotAttested { oracle, milestone });

    // The admin's word is not enough.
    let by_admin: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), admin());
    assert_eq!(by_admin.value, not_attested);
    assert!(by_admin.reverted);
    // Nor a posted milestone with one attestation of the two required.
    let [poster, first, second] = infra_suite_e2e::finance::milestone_stakeholders();
    let posted: Outcome<Result<(), iot_oracle::OracleError>> = s.send(
        at::<Oracle>(oracle).post_milestone(milestone, infra_suite_e2e::suite::evidence(1)),
        poster,
    );
    assert_eq!(posted.value, Ok(()));
    let a1: Outcome<Result<(), iot_oracle::OracleError>> =
        s.send(at::<Oracle>(oracle).attest_milestone(milestone), first);
    assert_eq!(a1.value, Ok(()));
    let early: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), admin());
    assert_eq!(early.value, not_attested);
    let f = facility(&mut s, pass);
    assert_eq!((f.opened_at, f.held), (None, 400));
    assert_eq!(s.chain.native_balance(revenue()), revenue_before);
    let used: PassOutcome<()> =
        s.send(at::<UsagePass>(pass).consume(id, 1u128, receipt(1)), gate());
    assert_eq!(used.value, Err(PassError::FacilityNotOpen));

    // Attested: anyone may open, and the held money is forwarded.
    let a2: Outcome<Result<(), iot_oracle::OracleError>> =
        s.send(at::<Oracle>(oracle).attest_milestone(milestone), second);
    assert_eq!(a2.value, Ok(()));
    let opened: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), mallory());
    assert_eq!(opened.value, Ok(()));
    assert_eq!(opened.events, 2, "FacilityOpened and RevenueForwarded");
    assert_eq!(s.chain.native_balance(revenue()) - revenue_before, 400);
    let f = facility(&mut s, pass);
    assert_eq!((f.opened_at.is_some(), f.held, f.forwarded), (true, 0, 400));
    let used: PassOutcome<()> =
        s.send(at::<UsagePass>(pass).consume(id, 1u128, receipt(1)), gate());
    assert_eq!(used.value, Ok(()));
    let again: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), admin());
    assert_eq!(again.value, Err(PassError::AlreadyOpen));
}

#[test]
fn an_oracle_that_cannot_be_asked_keeps_the_facility_closed_and_the_money_refundable() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let long_stop = s.chain.now() + 365 * DAY_MS;
    // A plain account, and a contract that is no milestone oracle (the token).
    let token = s.token;
    for oracle in [mallory(), token] {
        let pass = s.deploy_pass_with(long_stop, oracle, FACILITY_OPENED);
        add_road_class(&mut s, pass);
        let id = buy(&mut s, pass, alice());
        let out: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), admin());
        assert_eq!(
            out.value,
            Err(PassError::OracleUnavailable { oracle }),
            "oracle {oracle:?}"
        );
        assert!(out.reverted);
        assert_eq!(facility(&mut s, pass).held, 400);
        if oracle == token {
            // Never opened by the long-stop date: the buyer gets everything back.
            s.chain.advance_time(365 * DAY_MS);
            let before = s.chain.native_balance(pass);
            let r: PassOutcome<()> = s.send(at::<UsagePass>(pass).refund(id), alice());
            assert_eq!(r.value, Ok(()));
            assert_eq!(before - s.chain.native_balance(pass), 400);
        }
    }
}

#[test]
fn receipt_ids_are_per_meter_and_a_meter_never_charges_one_twice() {
    let (mut s, pass) = collection();
    s.chain.fund(gate_2());
    let set: PassOutcome<()> = s.send(at::<UsagePass>(pass).set_meter(gate_2(), 1u64), admin());
    assert_eq!(set.value, Ok(()));
    let id = buy(&mut s, pass, alice());
    s.chain.advance_time(60 * DAY_MS);
    s.attest_opening(pass);
    let opened: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), mallory());
    assert_eq!(opened.value, Ok(()));

    // Both gates number their readings from 1.
    let one: PassOutcome<()> = s.send(at::<UsagePass>(pass).consume(id, 1u128, receipt(1)), gate());
    assert_eq!(one.value, Ok(()));
    let two: PassOutcome<()> = s.send(
        at::<UsagePass>(pass).consume(id, 1u128, receipt(1)),
        gate_2(),
    );
    assert_eq!(two.value, Ok(()));
    for meter in [gate(), gate_2()] {
        let replay: PassOutcome<()> =
            s.send(at::<UsagePass>(pass).consume(id, 1u128, receipt(1)), meter);
        assert_eq!(
            replay.value,
            Err(PassError::ReceiptAlreadyUsed {
                meter,
                receipt: receipt(1),
                pass: id
            })
        );
        let r: Option<usage_pass::Receipt> = s
            .chain
            .ask(at::<UsagePass>(pass).receipt(meter, receipt(1)), mallory())
            .unwrap()
            .value;
        assert_eq!(r.map(|r| (r.meter, r.pass, r.units)), Some((meter, id, 1)));
    }
    let p: Option<Pass> = s
        .chain
        .ask(at::<UsagePass>(pass).pass(id), mallory())
        .unwrap()
        .value;
    assert_eq!(p.map(|p| p.credit), Some(48));
}

#[test]
fn no_class_gives_credit_or_validity_away_for_nothing() {
    let (mut s, pass) = collection();
    let now = s.chain.now();
    let cases: [(fn(&mut PassClass), ClassRule); 3] = [
        (|c| c.price = 0, ClassRule::PositivePrice),
        (|c| c.unit_price = Some(0), ClassRule::PositiveUnitPrice),
        (
            |c| c.renewal_price = Some(0),
            ClassRule::PositiveRenewalPrice,
        ),
    ];
    for (change, rule) in cases {
        let mut class = road_pass(now);
        change(&mut class);
        let out: PassOutcome<ClassId> = s.send(at::<UsagePass>(pass).add_class(class), admin());
        assert_eq!(out.value, Err(PassError::InvalidClass { rule }), "{rule:?}");
    }
    let mut no_extras = road_pass(now);
    no_extras.unit_price = None;
    no_extras.renewal_price = None;
    let out: PassOutcome<ClassId> = s.send(at::<UsagePass>(pass).add_class(no_extras), admin());
    assert_eq!(
        out.value,
        Ok(1),
        "top-ups and renewals may simply not be offered"
    );
    let count: u32 = s
        .chain
        .ask(at::<UsagePass>(pass).class_count(), mallory())
        .unwrap()
        .value;
    assert_eq!(count, 2);
}

#[test]
fn a_presold_pass_is_valid_for_its_whole_period_from_the_day_the_facility_opens() {
    // The class activates on day 60 with 30 days of validity; the road opens only on day 90.
    let (mut s, pass) = collection();
    let id = buy(&mut s, pass, alice());
    s.chain.advance_time(90 * DAY_MS);
    s.attest_opening(pass);
    let opened: PassOutcome<()> = s.send(at::<UsagePass>(pass).open_facility(), mallory());
    assert_eq!(opened.value, Ok(()));
    let opened_at = facility(&mut s, pass).opened_at.expect("open");
    s.chain.advance_time(5 * DAY_MS);
    let used: PassOutcome<()> =
        s.send(at::<UsagePass>(pass).consume(id, 1u128, receipt(1)), gate());
    assert_eq!(
        used.value,
        Ok(()),
        "bought before opening: its 30 days run from the opening, not from the class's activation date"
    );
    // The last instant of its 30 days from the opening, and the first after.
    s.chain
        .advance_time(opened_at + 30 * DAY_MS - 1 - s.chain.now());
    let last: PassOutcome<()> =
        s.send(at::<UsagePass>(pass).consume(id, 1u128, receipt(2)), gate());
    assert_eq!(last.value, Ok(()));
    s.chain.advance_time(1);
    let after: PassOutcome<()> =
        s.send(at::<UsagePass>(pass).consume(id, 1u128, receipt(3)), gate());
    assert_eq!(
        after.value,
        Err(PassError::Expired {
            expired_at: opened_at + 30 * DAY_MS
        })
    );
    let p: Option<Pass> = s
        .chain
        .ask(at::<UsagePass>(pass).pass(id), mallory())
        .unwrap()
        .value;
    assert_eq!(p.map(|p| p.expires_at), Some(opened_at + 30 * DAY_MS));
}
