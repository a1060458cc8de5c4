//! A usage pass's life on the real Wasm: pre-sale before opening (money held), opening (money forwarded),
//! consumption at a toll gate, the daily cap, a replayed receipt refused, top-up, expiry and renewal, a pass
//! bound to its buyer, refunds when the facility never opens, the PSP34 selectors in the built metadata, and an
//! unauthorised caller on every restricted message. What buyers must be able to trust (locked receiver,
//! oracle-attested opening, per-meter receipts, no free credit) is in `passes_trust.rs`.
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Outcome, DAY_MS};
use infra_suite_e2e::finance::road_pass;
use infra_suite_e2e::suite::{actors::*, default_rules, Suite, SUPPLY_CAP};
use infra_suite_e2e::BundleProvider;
use ink::primitives::{AccountId, Hash};
use suite_traits::AdminError;
use suite_traits::{Id, PSP34Error};
use usage_pass::{ClassId, Facility, Pass, PassClass, PassError, PassId};

fn receipt(n: u8) -> Hash {
    Hash::from([n; 32])
}

/// A road-pass collection (class 0 activates in 60 days, long-stop in a year) with the gate registered.
fn collection() -> (Suite, AccountId) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let now = s.chain.now();
    let pass = s.deploy_pass(now + 365 * DAY_MS);
    let class: Result<ClassId, PassError> = s
        .send(
            at::<UsagePass>(pass).add_class(road_pass(now + 60 * DAY_MS)),
            admin(),
        )
        .value;
    assert_eq!(class, Ok(0));
    let set: Result<(), PassError> = s
        .send(at::<UsagePass>(pass).set_meter(gate(), 1u64), admin())
        .value;
    assert_eq!(set, Ok(()));
    (s, pass)
}

fn buy(s: &mut Suite, pass: AccountId, who: AccountId, class: ClassId, price: u128) -> PassId {
    s.send(
        at::<UsagePass>(pass).buy(class).transferred_value(price),
        who,
    )
    .value
    .expect("buy")
}

fn consume(
    s: &mut Suite,
    pass: AccountId,
    id: PassId,
    units: u128,
    r: u8,
) -> Result<(), PassError> {
    s.send(at::<UsagePass>(pass).consume(id, units, receipt(r)), gate())
        .value
}

fn state(s: &mut Suite, pass: AccountId, id: PassId) -> Pass {
    s.chain
        .query::<_, Option<Pass>>(pass, "pass", id, mallory())
        .unwrap()
        .value
        .expect("pass exists")
}

fn facility(s: &mut Suite, pass: AccountId) -> Facility {
    s.chain
        .ask(at::<UsagePass>(pass).facility(), mallory())
        .unwrap()
        .value
}

#[test]
fn a_road_pass_from_presale_to_renewal() {
    let (mut s, pass) = collection();
    let revenue_before = s.chain.native_balance(revenue());
    // Pre-sale: the price is held in the contract, refundable until the facility opens.
    let wrong: Result<PassId, PassError> = s
        .send(
            at::<UsagePass>(pass).buy(0u32).transferred_value(399),
            alice(),
        )
        .value;
    assert_eq!(
        wrong,
        Err(PassError::WrongPayment {
            expected: 400,
            paid: 399
        })
    );
    let id = buy(&mut s, pass, alice(), 0, 400);
    assert_eq!(facility(&mut s, pass).held, 400);
    assert_eq!(s.chain.native_balance(revenue()), revenue_before);
    assert_eq!(
        consume(&mut s, pass, id, 1, 1),
        Err(PassError::FacilityNotOpen)
    );

    // Opening (on the oracle's attested milestone) forwards the held money.
    s.chain.advance_time(60 * DAY_MS);
    s.attest_opening(pass);
    let opened: Result<(), PassError> =
        s.send(at::<UsagePass>(pass).open_facility(), admin()).value;
    assert_eq!(opened, Ok(()));
    assert_eq!(s.chain.native_balance(revenue()) - revenue_before, 400);
    assert_eq!(facility(&mut s, pass).held, 0);

    // At the gate: 2 units, the receipt cannot be replayed, the daily cap holds.
    assert_eq!(consume(&mut s, pass, id, 2, 1), Ok(()));
    assert_eq!(state(&mut s, pass, id).credit, 48);
    assert_eq!(
        consume(&mut s, pass, id, 1, 1),
        Err(PassError::ReceiptAlreadyUsed {
            meter: gate(),
            receipt: receipt(1),
            pass: id
        })
    );
    assert_eq!(
        consume(&mut s, pass, id, 1, 2),
        Err(PassError::DailyCapReached {
            cap: 2,
            used_today: 2,
            requested: 1
        })
    );
    s.chain.advance_time(DAY_MS);
    assert_eq!(consume(&mut s, pass, id, 1, 2), Ok(()));

    // Top-up after opening goes straight to the revenue receiver.
    let topped: Result<(), PassError> = s
        .send(
            at::<UsagePass>(pass)
                .top_up(id, 10u128)
                .transferred_value(80),
            bob(),
        )
        .value;
    assert_eq!(topped, Ok(()));
    assert_eq!(state(&mut s, pass, id).credit, 57);
    assert_eq!(s.chain.native_balance(revenue()) - revenue_before, 480);

    // Expiry, then renewal.
    let expires_at = state(&mut s, pass, id).expires_at;
    s.chain.advance_time(expires_at - s.chain.now());
    assert_eq!(
        consume(&mut s, pass, id, 1, 3),
        Err(PassError::Expired {
            expired_at: expires_at
        })
    );
    let renewed: Result<(), PassError> = s
        .send(
            at::<UsagePass>(pass).renew(id).transferred_value(300),
            alice(),
        )
        .value;
    assert_eq!(renewed, Ok(()));
    assert_eq!(consume(&mut s, pass, id, 1, 3), Ok(()));
    assert_eq!(state(&mut s, pass, id).credit, 56);
    assert_eq!(s.chain.native_balance(revenue()) - revenue_before, 780);

    // PSP34 views.
    let owner: Option<AccountId> = s
        .chain
        .ask(at::<UsagePass>(pass).owner_of(Id::U64(id)), mallory())
        .unwrap()
        .value;
    assert_eq!(owner, Some(alice()));
    let credit: Option<Vec<u8>> = s
        .chain
        .ask(
            at::<UsagePass>(pass).get_attribute(Id::U64(id), b"credit".to_vec()),
            mallory(),
        )
        .unwrap()
        .value;
    assert_eq!(credit, Some(b"56".to_vec()));
}

#[test]
fn bound_passes_stay_with_their_buyer_and_transferable_ones_move() {
    let (mut s, pass) = collection();
    let bound = buy(&mut s, pass, alice(), 0, 400);
    let refused: Result<(), PSP34Error> = s
        .chain
        .send(
            at::<UsagePass>(pass).transfer(bob(), Id::U64(bound), Vec::<u8>::new()),
            alice(),
        )
        .unwrap()
        .value;
    assert!(matches!(refused, Err(PSP34Error::Custom(_))));
    let mut gift = road_pass(s.chain.now());
    gift.transferable = true;
    let class: Result<ClassId, PassError> =
        s.send(at::<UsagePass>(pass).add_class(gift), admin()).value;
    assert_eq!(class, Ok(1));
    let free = buy(&mut s, pass, alice(), 1, 400);
    let moved: Result<(), PSP34Error> = s
        .chain
        .send(
            at::<UsagePass>(pass).transfer(bob(), Id::U64(free), Vec::<u8>::new()),
            alice(),
        )
        .unwrap()
        .value;
    assert_eq!(moved, Ok(()));
    let owner: Option<AccountId> = s
        .chain
        .ask(at::<UsagePass>(pass).owner_of(Id::U64(free)), mallory())
        .unwrap()
        .value;
    assert_eq!(owner, Some(bob()));
    let n: u32 = s
        .chain
        .ask(at::<UsagePass>(pass).balance_of(alice()), mallory())
        .unwrap()
        .value;
    assert_eq!(n, 1);
}

#[test]
fn an_abandoned_facility_refunds_every_pass_in_full() {
    let (mut s, pass) = collection();
    let a = buy(&mut s, pass, alice(), 0, 400);
    let topped: Result<(), PassError> = s
        .send(
            at::<UsagePass>(pass).top_up(a, 5u128).transferred_value(40),
            alice(),
        )
        .value;
    assert_eq!(topped, Ok(()));
    let b = buy(&mut s, pass, bob(), 0, 400);
    assert_eq!(facility(&mut s, pass).held, 840);
    let early: Result<(), PassError> = s.send(at::<UsagePass>(pass).refund(a), alice()).value;
    assert!(matches!(early, Err(PassError::RefundNotAvailable { .. })));
    s.chain.advance_time(365 * DAY_MS);
    let late: Result<PassId, PassError> = s
        .send(
            at::<UsagePass>(pass).buy(0u32).transferred_value(400),
            carol(),
        )
        .value;
    assert!(matches!(late, Err(PassError::FacilityAbandoned { .. })));
    for (who, id, paid) in [(alice(), a, 440u128), (bob(), b, 400)] {
        let before = s.chain.native_balance(pass);
        let r: Result<(), PassError> = s.send(at::<UsagePass>(pass).refund(id), who).value;
        assert_eq!(r, Ok(()));
        assert_eq!(before - s.chain.native_balance(pass), paid);
    }
    assert_eq!(facility(&mut s, pass).held, 0);
    let supply: u128 = s
        .chain
        .ask(at::<UsagePass>(pass).total_supply(), mallory())
        .unwrap()
        .value;
    assert_eq!(supply, 0);
}

#[test]
fn psp34_selectors_match_the_specification() {
    for (label, hex) in [
        ("PSP34::collection_id", "ffa27a5f"),
        ("PSP34::balance_of", "cde7e55f"),
        ("PSP34::owner_of", "1168624d"),
        ("PSP34::allowance", "4790f55a"),
        ("PSP34::approve", "1932a8b0"),
        ("PSP34::transfer", "3128d61b"),
        ("PSP34::total_supply", "628413fe"),
        ("PSP34Metadata::get_attribute", "f19d48d1"),
    ] {
        let got = BundleProvider::UsagePass.selector_of(label);
        assert_eq!(got.as_deref(), Some(hex), "{label}");
    }
}

#[test]
fn usage_pass_refuses_every_unauthorised_caller() {
    let (mut s, pass) = collection();
    let id = buy(&mut s, pass, alice(), 0, 400);
    let opening: usage_pass::OpeningMilestone = s
        .chain
        .ask(at::<UsagePass>(pass).opening_milestone(), mallory())
        .unwrap()
        .value;
    let m = mallory();
    let not_admin = Err(PassError::Admin(AdminError::NotAdmin { caller: m }));
    let mut check = |label: &str, args: Vec<u8>, expected: Result<(), PassError>| {
        let mut data = infra_suite_e2e::chain::selector(label).to_vec();
        data.extend(args);
        let (out, reverted) = s.chain.call_raw(pass, data, m).unwrap();
        let got: Result<Result<(), PassError>, ink::LangError> =
            scale::Decode::decode(&mut &out[..]).unwrap();
        assert_eq!(got, Ok(expected), "{label}");
        assert!(reverted, "{label} must revert");
    };
    use scale::Encode;
    check("set_on_sale", (0u32, false).encode(), not_admin.clone());
    check("set_meter", (m, u64::MAX).encode(), not_admin.clone());
    check("set_revenue_receiver", m.encode(), not_admin.clone());
    // Anyone may trigger the opening, but only on the oracle's attestation.
    check(
        "open_facility",
        ().encode(),
        Err(PassError::MilestoneNotAttested {
            oracle: opening.oracle,
            milestone: opening.milestone,
        }),
    );
    check(
        "consume",
        (id, 1u128, receipt(9)).encode(),
        Err(PassError::NotMeterForClass { meter: m, class: 0 }),
    );
    check(
        "refund",
        id.encode(),
        Err(PassError::NotHolder {
            caller: m,
            pass: id,
        }),
    );
    let add: Result<ClassId, PassError> = s
        .send(at::<UsagePass>(pass).add_class(road_pass(0)), m)
        .value;
    assert_eq!(
        add,
        Err(PassError::Admin(AdminError::NotAdmin { caller: m }))
    );
    s.chain.assert_admin_refuses(pass, m);
    let approve: Result<(), PSP34Error> = s
        .chain
        .send(
            at::<UsagePass>(pass).approve(bob(), Some(Id::U64(id)), true),
            m,
        )
        .unwrap()
        .value;
    assert_eq!(approve, Err(PSP34Error::NotApproved));
    let steal: Result<(), PSP34Error> = s
        .chain
        .send(
            at::<UsagePass>(pass).transfer(m, Id::U64(id), Vec::<u8>::new()),
            m,
        )
        .unwrap()
        .value;
    assert!(steal.is_err());
    // Nothing changed.
    assert_eq!(
        s.chain
            .ask(at::<UsagePass>(pass).meter_classes(m), m)
            .unwrap()
            .value,
        0
    );
    assert_eq!(
        s.chain
            .ask(at::<UsagePass>(pass).revenue_receiver(), m)
            .unwrap()
            .value,
        revenue()
    );
    assert_eq!(facility(&mut s, pass).opened_at, None);
    let class: PassClass = s
        .chain
        .query::<_, Option<usage_pass::ClassRecord>>(pass, "class", 0u32, m)
        .unwrap()
        .value
        .unwrap()
        .terms;
    assert_eq!(class.price, 400);
}

/// The pass's shell serves payable messages (`buy`, `top_up`, `renew`), so ink!'s own per-message check guards
/// payment there (`suite_traits::split`): a payable message takes the money, and no other message, whether the
/// shell serves it (`consume`, `PSP34::transfer`) or hands it to the full code (`add_class`), takes any.
#[test]
fn the_pass_shell_takes_payment_only_where_the_full_code_does() {
    let (mut s, pass) = collection();
    let id = buy(&mut s, pass, alice(), 0, 400);
    let before = (
        s.chain.native_balance(gate()),
        s.chain.native_balance(alice()),
        s.chain.native_balance(admin()),
    );
    let consumed: Result<Outcome<Result<(), PassError>>, _> = s.chain.send(
        at::<UsagePass>(pass)
            .consume(id, 1u128, receipt(1))
            .transferred_value(5),
        gate(),
    );
    assert!(consumed.is_err(), "{:?}", consumed.map(|o| o.value));
    let moved: Result<Outcome<Result<(), PSP34Error>>, _> = s.chain.send(
        at::<UsagePass>(pass)
            .transfer(bob(), Id::U64(id), Vec::<u8>::new())
            .transferred_value(5),
        alice(),
    );
    assert!(moved.is_err(), "{:?}", moved.map(|o| o.value));
    let added: Result<Outcome<Result<ClassId, PassError>>, _> = s.chain.send(
        at::<UsagePass>(pass)
            .add_class(road_pass(s.chain.now() + 60 * DAY_MS))
            .transferred_value(5),
        admin(),
    );
    assert!(added.is_err(), "{:?}", added.map(|o| o.value));
    assert_eq!(
        before,
        (
            s.chain.native_balance(gate()),
            s.chain.native_balance(alice()),
            s.chain.native_balance(admin())
        )
    );
    // Unpaid, the same meter reading gets its typed answer (the facility has not opened yet): only the payment
    // made the calls above fail.
    assert_eq!(
        consume(&mut s, pass, id, 1, 1),
        Err(PassError::FacilityNotOpen)
    );
    assert_eq!(state(&mut s, pass, id).buyer, alice());
}
