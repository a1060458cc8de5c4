//! The dividend distributor on the real Wasm, reading the token's checkpoints and the registry: revenue in, 80%
//! to holders and 20% to the reserve, holders who traded after the record block paid for what they held then, tax
//! withheld by country, a frozen holder's share held and released, a PSP22 stablecoin as second asset, usage-pass
//! sales forwarded and booked, expiry to the reserve, and an unauthorised caller on every restricted message.
use dividend_distributor::{Asset, DistributorError};
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Outcome, DAY_MS};
use infra_suite_e2e::finance::{distributor_config, road_pass, DistributorOutcome};
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP,
};
use infra_suite_e2e::BundleProvider;
use ink::primitives::AccountId;
use suite_traits::AdminError;
use suite_traits::{ClaimType, PSP22Error};

/// Alice (France) 60 000, bob (Germany, 25% withholding) 20 000, the excluded treasury 20 000; a distributor.
fn holders() -> (Suite, AccountId, u64) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    let bob_id = s.onboard(bob(), GERMANY, &[ClaimType::Kyc], 365);
    s.onboard(carol(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 60_000).value, Ok(()));
    assert_eq!(s.mint(bob(), 20_000).value, Ok(()));
    assert_eq!(s.mint(treasury(), 20_000).value, Ok(()));
    let d = s.deploy_distributor(distributor_config());
    let tax: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).set_tax_rate(GERMANY, 2_500u16),
        admin(),
    );
    assert_eq!(tax.value, Ok(()));
    s.chain.next_blocks(1);
    (s, d, bob_id)
}

fn deposit(s: &mut Suite, d: AccountId, amount: u128, period: &str) -> u32 {
    let out: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d)
            .deposit_native(String::from("tolls"), String::from(period))
            .transferred_value(amount),
        admin(),
    );
    out.value.expect("deposit")
}

/// `mallory` triggers the claim so the holder's own balance moves only by what it is paid.
fn claim(s: &mut Suite, d: AccountId, holder: AccountId) -> Result<(), DistributorError> {
    s.send(at::<Distributor>(d).claim(holder), mallory()).value
}

fn assert_solvent(s: &mut Suite, d: AccountId) {
    let owed: u128 = s
        .chain
        .ask(at::<Distributor>(d).liabilities(Asset::Native), mallory())
        .unwrap()
        .value;
    let held = s.chain.native_balance(d);
    assert!(held >= owed, "distributor holds {held} but owes {owed}");
}

#[test]
fn holders_who_traded_after_the_record_block_are_paid_for_what_they_held_then() {
    let (mut s, d, _) = holders();
    let treasury_before = s.chain.native_balance(treasury());
    let first = deposit(&mut s, d, 100_000, "2027-03");
    assert_eq!(
        s.chain.native_balance(treasury()) - treasury_before,
        20_000,
        "20% to the reserve"
    );
    assert_solvent(&mut s, d);
    // After the record block alice sells half to carol: the March distribution still follows the record block.
    s.chain.next_blocks(1);
    assert_eq!(s.transfer(alice(), carol(), 30_000).value, Ok(()));
    s.chain.next_blocks(1);
    let second = deposit(&mut s, d, 50_000, "2027-04");
    assert_eq!((first, second), (0, 1));

    let alice_before = s.chain.native_balance(alice());
    assert_eq!(claim(&mut s, d, alice()), Ok(()));
    // March: 60k of 80k eligible × 80 000 = 60 000; April: 30k of 80k × 40 000 = 15 000. One claim, both.
    assert_eq!(s.chain.native_balance(alice()) - alice_before, 75_000);
    let carol_before = s.chain.native_balance(carol());
    assert_eq!(claim(&mut s, d, carol()), Ok(()));
    assert_eq!(s.chain.native_balance(carol()) - carol_before, 15_000);
    // Bob in Germany: 20k of 80k in both → 20 000 + 10 000 gross, 25% withheld.
    let (bob_before, tax_before) = (
        s.chain.native_balance(bob()),
        s.chain.native_balance(tax_office()),
    );
    assert_eq!(claim(&mut s, d, bob()), Ok(()));
    assert_eq!(s.chain.native_balance(bob()) - bob_before, 22_500);
    assert_eq!(s.chain.native_balance(tax_office()) - tax_before, 7_500);
    // Nothing twice; the excluded treasury gets nothing.
    assert_eq!(
        claim(&mut s, d, alice()),
        Err(DistributorError::NothingToClaim { holder: alice() })
    );
    let t = s.chain.native_balance(treasury());
    let _ = claim(&mut s, d, treasury());
    assert_eq!(s.chain.native_balance(treasury()), t);
    assert_solvent(&mut s, d);
    let owed: u128 = s
        .chain
        .ask(at::<Distributor>(d).liabilities(Asset::Native), mallory())
        .unwrap()
        .value;
    assert_eq!(
        owed, 0,
        "every eligible token was paid: 80 000 + 40 000 out"
    );
}

#[test]
fn a_frozen_holders_share_is_held_until_the_regulator_unfreezes_it() {
    let (mut s, d, bob_id) = holders();
    deposit(&mut s, d, 100_000, "2027-03");
    let r = s.registry;
    let frozen: Outcome<Result<(), compliance_registry::RegistryError>> = s
        .chain
        .send(
            at::<Registry>(r).freeze_identity(bob_id, evidence(3)),
            regulator(),
        )
        .unwrap();
    assert_eq!(frozen.value, Ok(()));
    let bob_before = s.chain.native_balance(bob());
    assert_eq!(claim(&mut s, d, bob()), Ok(()));
    assert_eq!(
        s.chain.native_balance(bob()),
        bob_before,
        "nothing paid while frozen"
    );
    let held: u128 = s
        .chain
        .ask(at::<Distributor>(d).held(bob(), Asset::Native), mallory())
        .unwrap()
        .value;
    assert_eq!(held, 15_000);
    let early: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).release_held(bob(), Asset::Native),
        mallory(),
    );
    assert_eq!(
        early.value,
        Err(DistributorError::HolderFrozen { holder: bob() })
    );
    // Expiry does not take held money.
    s.chain.advance_time(91 * DAY_MS);
    let closed: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert_eq!(closed.value, Ok(()));
    let unfrozen: Outcome<Result<(), compliance_registry::RegistryError>> = s
        .chain
        .send(at::<Registry>(r).unfreeze_identity(bob_id), regulator())
        .unwrap();
    assert_eq!(unfrozen.value, Ok(()));
    let released: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).release_held(bob(), Asset::Native),
        mallory(),
    );
    assert_eq!(released.value, Ok(()));
    assert_eq!(s.chain.native_balance(bob()) - bob_before, 15_000);
    assert_solvent(&mut s, d);
}

#[test]
fn unclaimed_funds_go_to_the_reserve_at_expiry() {
    let (mut s, d, _) = holders();
    deposit(&mut s, d, 100_000, "2027-03");
    assert_eq!(claim(&mut s, d, alice()), Ok(()));
    let early: DistributorOutcome<()> = s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert!(matches!(
        early.value,
        Err(DistributorError::NotExpired { .. })
    ));
    s.chain.advance_time(90 * DAY_MS);
    assert_eq!(
        claim(&mut s, d, bob()),
        Ok(()),
        "the claim moves bob's cursor past the expired distribution"
    );
    let treasury_before = s.chain.native_balance(treasury());
    let closed: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert_eq!(closed.value, Ok(()));
    assert_eq!(
        s.chain.native_balance(treasury()) - treasury_before,
        20_000,
        "bob's unclaimed share"
    );
    assert_solvent(&mut s, d);
}

#[test]
fn a_psp22_stablecoin_is_a_second_payment_asset() {
    let (mut s, d, _) = holders();
    let coin_bundle = BundleProvider::MinimalPsp22.bundle().unwrap();
    let (coin, _) = s
        .chain
        .deploy(&coin_bundle, "new", 1_000_000u128, admin())
        .unwrap();
    let approved: Outcome<Result<(), PSP22Error>> = s
        .chain
        .call(coin, "PSP22::approve", (d, 10_000u128), admin())
        .unwrap();
    assert_eq!(approved.value, Ok(()));
    let too_much: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).deposit_psp22(
            coin,
            20_000u128,
            String::from("tolls"),
            String::from("2027-03"),
        ),
        admin(),
    );
    assert_eq!(
        too_much.value,
        Err(DistributorError::DepositRefused {
            asset: Asset::Psp22(coin)
        })
    );
    let ok: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).deposit_psp22(
            coin,
            10_000u128,
            String::from("tolls"),
            String::from("2027-03"),
        ),
        admin(),
    );
    assert_eq!(ok.value, Ok(0));
    assert_eq!(claim(&mut s, d, alice()), Ok(()));
    let coin_balance = |s: &mut Suite, who: AccountId| -> u128 {
        s.chain
            .query(coin, "PSP22::balance_of", who, who)
            .unwrap()
            .value
    };
    assert_eq!(coin_balance(&mut s, alice()), 6_000);
    assert_eq!(coin_balance(&mut s, treasury()), 2_000);
    let owed: u128 = s
        .chain
        .ask(
            at::<Distributor>(d).liabilities(Asset::Psp22(coin)),
            mallory(),
        )
        .unwrap()
        .value;
    assert_eq!(coin_balance(&mut s, d), owed);
    assert_eq!(owed, 2_000, "bob's share waits");
}

#[test]
fn usage_pass_sales_forwarded_to_the_distributor_are_booked_and_distributed() {
    let (mut s, d, _) = holders();
    let now = s.chain.now();
    let pass = s.deploy_pass(now + 365 * DAY_MS);
    let set: Result<(), usage_pass::PassError> = s
        .send(at::<UsagePass>(pass).set_revenue_receiver(d), admin())
        .value;
    assert_eq!(set, Ok(()));
    let class: Result<u32, usage_pass::PassError> = s
        .send(at::<UsagePass>(pass).add_class(road_pass(now)), admin())
        .value;
    assert_eq!(class, Ok(0));
    s.attest_opening(pass);
    let opened: Result<(), usage_pass::PassError> =
        s.send(at::<UsagePass>(pass).open_facility(), admin()).value;
    assert_eq!(opened, Ok(()));
    for who in [alice(), bob(), carol(), dave(), mallory()] {
        let bought: Result<u64, usage_pass::PassError> = s
            .send(at::<UsagePass>(pass).buy(0u32).transferred_value(400), who)
            .value;
        assert!(bought.is_ok());
    }
    s.chain.next_blocks(1);
    let booked: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).book_received(String::from("road passes"), String::from("2027-Q1")),
        admin(),
    );
    assert_eq!(booked.value, Ok(0));
    let dist: Option<dividend_distributor::Distribution> = s
        .chain
        .ask(at::<Distributor>(d).distribution(0u32), mallory())
        .unwrap()
        .value;
    let dist = dist.unwrap();
    assert_eq!(dist.deposited, 2_000);
    assert_eq!(dist.to_holders, 1_600);
    let again: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).book_received(String::from("x"), String::from("y")),
        admin(),
    );
    assert_eq!(
        again.value,
        Err(DistributorError::ZeroAmount),
        "nothing unbooked is left"
    );
    assert_solvent(&mut s, d);
}

#[test]
fn distributor_refuses_every_unauthorised_caller() {
    let (mut s, d, _) = holders();
    let m = mallory();
    let not_admin = Err(DistributorError::Admin(AdminError::NotAdmin { caller: m }));
    let refused =
        |label: &str, out: DistributorOutcome<()>, expected: Result<(), DistributorError>| {
            assert_eq!(out.value, expected, "{label}");
            assert!(
                out.reverted && out.events == 0,
                "{label} must revert and emit nothing"
            );
        };
    refused(
        "set_config",
        s.send(at::<Distributor>(d).set_config(distributor_config()), m),
        not_admin.clone(),
    );
    refused(
        "set_payout_bps",
        s.send(at::<Distributor>(d).set_payout_bps(10_000u16), m),
        not_admin.clone(),
    );
    refused(
        "set_depositor",
        s.send(at::<Distributor>(d).set_depositor(m, true), m),
        not_admin.clone(),
    );
    refused(
        "set_excluded",
        s.send(at::<Distributor>(d).set_excluded(alice(), true), m),
        not_admin.clone(),
    );
    refused(
        "set_tax_rate",
        s.send(at::<Distributor>(d).set_tax_rate(FRANCE, 10_000u16), m),
        not_admin.clone(),
    );
    s.chain.assert_admin_refuses(d, m);
    let dep: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d)
            .deposit_native(String::from("x"), String::from("y"))
            .transferred_value(1_000),
        m,
    );
    assert_eq!(dep.value, Err(DistributorError::NotDepositor { caller: m }));
    let book: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).book_received(String::from("x"), String::from("y")),
        m,
    );
    assert_eq!(
        book.value,
        Err(DistributorError::NotDepositor { caller: m })
    );
    let psp: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).deposit_psp22(alice(), 1u128, String::from("x"), String::from("y")),
        m,
    );
    assert_eq!(psp.value, Err(DistributorError::NotDepositor { caller: m }));
    let config: dividend_distributor::DistributorConfig =
        s.chain.ask(at::<Distributor>(d).config(), m).unwrap().value;
    assert_eq!(config, distributor_config(), "nothing changed");
}
