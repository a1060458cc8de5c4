//! The dividend distributor's promises to holders on the real Wasm: money owed follows the terms its distribution
//! was created with whatever the admin (or the governor) changes later; tax rates are capped; a payment that cannot
//! be made is held for its recipient and never blocks anyone else's; a recovered wallet's share reaches the
//! recovery wallet; a hostile coin that burns all the gas it is given blocks no claim or push of the other
//! distributions; and a new holder's first claim costs the same however long the history before it.
use dividend_distributor::{Asset, Distribution, DistributorError};
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Cost, Outcome, DAY_MS};
use infra_suite_e2e::finance::{distributor_config, DistributorOutcome};
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP,
};
use ink::primitives::AccountId;
use project_token::{ComplianceRules, Role, TokenError};
use suite_traits::{ClaimSet, ClaimType, IdentityId, PSP22Error};

/// Alice (France) 60 000, bob (Germany, 25% withholding) 20 000, the excluded treasury 20 000; a distributor.
/// Returns alice's identity.
fn holders() -> (Suite, AccountId, IdentityId) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let alice_id = s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.onboard(bob(), GERMANY, &[ClaimType::Kyc], 365);
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
    (s, d, alice_id)
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
fn claim(s: &mut Suite, d: AccountId, holder: AccountId) -> DistributorOutcome<()> {
    s.send(at::<Distributor>(d).claim(holder), mallory())
}

fn held(s: &mut Suite, d: AccountId, who: AccountId, asset: Asset) -> u128 {
    s.chain
        .ask(at::<Distributor>(d).held(who, asset), mallory())
        .unwrap()
        .value
}

fn liabilities(s: &mut Suite, d: AccountId, asset: Asset) -> u128 {
    s.chain
        .ask(at::<Distributor>(d).liabilities(asset), mallory())
        .unwrap()
        .value
}

/// The distributor holds at least what its books owe in `asset`.
fn assert_solvent(s: &mut Suite, d: AccountId, asset: Asset) {
    let owed = liabilities(s, d, asset);
    let holds = match asset {
        Asset::Native => s.chain.native_balance(d),
        Asset::Psp22(coin) => coin_balance(s, coin, d),
    };
    assert!(holds >= owed, "distributor holds {holds} but owes {owed}");
}

fn coin_balance(s: &mut Suite, coin: AccountId, who: AccountId) -> u128 {
    s.chain
        .query(coin, "PSP22::balance_of", who, who)
        .unwrap()
        .value
}

#[test]
fn money_owed_to_holders_follows_the_terms_its_distribution_was_created_with() {
    let (mut s, d, _) = holders();
    deposit(&mut s, d, 100_000, "2027-03");
    // The admin (the governor, or whoever captured it) points reserve and tax account at dave and raises the
    // German rate to the cap.
    let mut grab = distributor_config();
    grab.reserve = dave();
    grab.tax_account = dave();
    let set: DistributorOutcome<()> = s.send(at::<Distributor>(d).set_config(grab), admin());
    assert_eq!(set.value, Ok(()));
    let rate: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).set_tax_rate(GERMANY, 5_000u16),
        admin(),
    );
    assert_eq!(rate.value, Ok(()));
    let dist: Option<Distribution> = s
        .chain
        .ask(at::<Distributor>(d).distribution(0u32), mallory())
        .unwrap()
        .value;
    let dist = dist.unwrap();
    assert_eq!((dist.reserve, dist.tax_account), (treasury(), tax_office()));
    let old_rate: u16 = s
        .chain
        .ask(at::<Distributor>(d).tax_rate_for(GERMANY, 0u32), mallory())
        .unwrap()
        .value;
    assert_eq!(old_rate, 2_500);

    // Bob: 20k of 80k eligible × 80 000 = 20 000 gross, 25% withheld to the tax office, as when deposited.
    let (bob_before, tax_before, dave_before) = (
        s.chain.native_balance(bob()),
        s.chain.native_balance(tax_office()),
        s.chain.native_balance(dave()),
    );
    assert_eq!(claim(&mut s, d, bob()).value, Ok(()));
    assert_eq!(s.chain.native_balance(bob()) - bob_before, 15_000);
    assert_eq!(s.chain.native_balance(tax_office()) - tax_before, 5_000);
    // Alice's unclaimed 60 000 goes, at expiry, to the reserve the distribution was created with.
    s.chain.advance_time(91 * DAY_MS);
    let treasury_before = s.chain.native_balance(treasury());
    let closed: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert_eq!(closed.value, Ok(()));
    assert_eq!(s.chain.native_balance(treasury()) - treasury_before, 60_000);
    assert_eq!(
        s.chain.native_balance(dave()),
        dave_before,
        "the new reserve and tax account got nothing owed under the old terms"
    );
    assert_solvent(&mut s, d, Asset::Native);

    // A distribution created after the change follows the new terms.
    s.chain.next_blocks(1);
    let later = deposit(&mut s, d, 10_000, "2027-04");
    let dist: Option<Distribution> = s
        .chain
        .ask(at::<Distributor>(d).distribution(later), mallory())
        .unwrap()
        .value;
    let dist = dist.unwrap();
    assert_eq!((dist.reserve, dist.tax_account), (dave(), dave()));
}

#[test]
fn a_later_exclusion_or_claim_window_change_does_not_reach_an_existing_distribution() {
    let (mut s, d, _) = holders();
    // Alice 60 000 and bob 20 000 eligible; the treasury's 20 000 excluded.
    deposit(&mut s, d, 100_000, "2027-03");
    let before: Distribution = s
        .chain
        .query::<_, Option<Distribution>>(d, "distribution", 0u32, mallory())
        .unwrap()
        .value
        .unwrap();
    // The admin (or whoever captured it) lets the treasury in, shuts bob out and shortens the claim window to a day.
    for (who, excluded) in [(treasury(), false), (bob(), true)] {
        let out: DistributorOutcome<()> =
            s.send(at::<Distributor>(d).set_excluded(who, excluded), admin());
        assert_eq!(out.value, Ok(()));
    }
    let mut short = distributor_config();
    short.claim_window_ms = DAY_MS;
    let set: DistributorOutcome<()> = s.send(at::<Distributor>(d).set_config(short), admin());
    assert_eq!(set.value, Ok(()));
    let after: Distribution = s
        .chain
        .query::<_, Option<Distribution>>(d, "distribution", 0u32, mallory())
        .unwrap()
        .value
        .unwrap();
    assert_eq!(
        after, before,
        "the distribution keeps the terms it was created with"
    );

    // Two days on, the distribution is still open under its own 90-day window.
    s.chain.advance_time(2 * DAY_MS);
    let closed: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert!(
        matches!(closed.value, Err(DistributorError::NotExpired { .. })),
        "{:?}",
        closed.value
    );
    // Bob is paid his share (20 000 gross, 25% German tax withheld) as when the deposit was made ...
    let bob_before = s.chain.native_balance(bob());
    assert_eq!(claim(&mut s, d, bob()).value, Ok(()));
    assert_eq!(s.chain.native_balance(bob()) - bob_before, 15_000);
    // ... and the treasury, excluded then, takes nothing from it.
    let treasury_before = s.chain.native_balance(treasury());
    let _ = claim(&mut s, d, treasury());
    assert_eq!(s.chain.native_balance(treasury()), treasury_before);
    let alice_before = s.chain.native_balance(alice());
    assert_eq!(claim(&mut s, d, alice()).value, Ok(()));
    assert_eq!(s.chain.native_balance(alice()) - alice_before, 60_000);
    assert_solvent(&mut s, d, Asset::Native);
}

#[test]
fn tax_rates_above_half_are_refused() {
    let (mut s, d, _) = holders();
    let refused: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).set_tax_rate(GERMANY, 5_001u16),
        admin(),
    );
    assert_eq!(
        refused.value,
        Err(DistributorError::TaxRateTooHigh {
            bps: 5_001,
            max: 5_000
        })
    );
    assert!(refused.reverted && refused.events == 0);
    let all: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).set_tax_rate(GERMANY, 10_000u16),
        admin(),
    );
    assert!(matches!(
        all.value,
        Err(DistributorError::TaxRateTooHigh { .. })
    ));
    let cap: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).set_tax_rate(GERMANY, 5_000u16),
        admin(),
    );
    assert_eq!(cap.value, Ok(()));
}

/// A regulated stablecoin: a second deployment of the project token (KYC required, no holding cap) with the same
/// registry. The distributor and the depositor are exempt; the treasury and the tax office are not registered, so
/// the coin refuses to pay them; the admin holds 1 000 000 and approved the distributor.
fn regulated_stablecoin(s: &mut Suite, d: AccountId) -> AccountId {
    let bundle = infra_suite_e2e::split::project_token();
    let rules = ComplianceRules {
        required_claims: ClaimSet::of(&[ClaimType::Kyc]),
        sender_needs_claims: false,
        country_allowlist_enabled: false,
        max_holding_bps: 0,
        holder_limit: 0,
    };
    let args = (
        Some(String::from("Euro Stable")),
        Some(String::from("EURS")),
        2u8,
        s.registry,
        rules,
        None::<u128>,
    );
    let (coin, _) = s
        .chain
        .deploy_split(&bundle, "new", args, admin())
        .expect("deploy stablecoin");
    let admin_call = |s: &mut Suite, label: &str, args: (AccountId, bool)| {
        let out: Outcome<Result<(), TokenError>> =
            s.chain.call(coin, label, args, admin()).unwrap();
        assert_eq!(out.value, Ok(()), "{label}");
    };
    admin_call(s, "set_exempt", (d, true));
    admin_call(s, "set_exempt", (admin(), true));
    for (who, role) in [(admin(), Role::Issuer), (agent(), Role::Agent)] {
        let out: Outcome<Result<(), TokenError>> = s
            .chain
            .send(at::<Token>(coin).grant_role(who, role), admin())
            .unwrap();
        assert_eq!(out.value, Ok(()));
    }
    let minted: Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(at::<Token>(coin).mint(admin(), 1_000_000u128), admin())
        .unwrap();
    assert_eq!(minted.value, Ok(()));
    let approved: Outcome<Result<(), PSP22Error>> = s
        .chain
        .call(coin, "PSP22::approve", (d, 1_000_000u128), admin())
        .unwrap();
    assert_eq!(approved.value, Ok(()));
    coin
}

fn set_coin_frozen(s: &mut Suite, coin: AccountId, who: AccountId, frozen: bool) {
    let out: Outcome<Result<(), TokenError>> = s
        .chain
        .send(
            at::<Token>(coin).set_account_frozen(who, frozen, evidence(9)),
            agent(),
        )
        .unwrap();
    assert_eq!(out.value, Ok(()));
}

#[test]
fn a_payment_that_cannot_be_made_is_held_and_never_blocks_other_payouts() {
    let (mut s, d, _) = holders();
    let coin = regulated_stablecoin(&mut s, d);
    let usd = Asset::Psp22(coin);
    // The coin's agent freezes bob on the coin: it refuses to pay him.
    set_coin_frozen(&mut s, coin, bob(), true);

    // The reserve's 20% cannot be paid (the treasury is not registered on the coin): held, the deposit stands.
    let dep: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).deposit_psp22(
            coin,
            100_000u128,
            String::from("tolls"),
            String::from("2027-03"),
        ),
        admin(),
    );
    assert_eq!(dep.value, Ok(0));
    assert_eq!(held(&mut s, d, treasury(), usd), 20_000);

    // One push for bob, alice and carol (who held nothing): bob's net and his tax are refused by the coin and held;
    // alice is paid in the same batch.
    let pushed: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).push(vec![bob(), alice(), carol()]),
        mallory(),
    );
    assert_eq!(pushed.value, Ok(2));
    assert!(!pushed.reverted);
    assert_eq!(coin_balance(&mut s, coin, alice()), 60_000);
    assert_eq!(coin_balance(&mut s, coin, bob()), 0);
    assert_eq!(held(&mut s, d, bob(), usd), 15_000);
    assert_eq!(held(&mut s, d, tax_office(), usd), 5_000);
    // Everything held is still owed, and covered.
    assert_eq!(liabilities(&mut s, d, usd), 20_000 + 15_000 + 5_000);
    assert_eq!(coin_balance(&mut s, coin, d), 40_000);
    assert_solvent(&mut s, d, usd);

    // While the coin still refuses bob, releasing fails and keeps the money held.
    let early: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).release_held(bob(), usd), mallory());
    assert_eq!(
        early.value,
        Err(DistributorError::PaymentFailed {
            asset: usd,
            to: bob(),
            amount: 15_000
        })
    );
    assert_eq!(held(&mut s, d, bob(), usd), 15_000);
    // Once the coin accepts them, each recipient takes what was held for it.
    set_coin_frozen(&mut s, coin, bob(), false);
    s.onboard(tax_office(), FRANCE, &[ClaimType::Kyc], 365);
    // The treasury is exempt on the project token, so the registry links it to no identity; the coin's admin
    // exempts it on the coin as well.
    let exempt: Outcome<Result<(), TokenError>> = s
        .chain
        .send(at::<Token>(coin).set_exempt(treasury(), true), admin())
        .unwrap();
    assert_eq!(exempt.value, Ok(()));
    for (who, amount) in [(bob(), 15_000), (tax_office(), 5_000), (treasury(), 20_000)] {
        let released: DistributorOutcome<()> =
            s.send(at::<Distributor>(d).release_held(who, usd), mallory());
        assert_eq!(released.value, Ok(()));
        assert_eq!(coin_balance(&mut s, coin, who), amount);
        assert_eq!(held(&mut s, d, who, usd), 0);
    }
    assert_eq!(liabilities(&mut s, d, usd), 0);
    assert_solvent(&mut s, d, usd);
}

#[test]
fn a_recovered_wallets_dividends_reach_its_recovery_wallet() {
    let (mut s, d, alice_id) = holders();
    s.link_wallet(alice_id, alice_2());
    let t = s.token;
    deposit(&mut s, d, 100_000, "2027-03");
    // Alice reports her key lost: the agent freezes the wallet; a claim made meanwhile holds her share.
    let frozen: Outcome<Result<(), TokenError>> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(alice(), true, evidence(4)),
            agent(),
        )
        .unwrap();
    assert_eq!(frozen.value, Ok(()));
    assert_eq!(claim(&mut s, d, alice()).value, Ok(()));
    assert_eq!(held(&mut s, d, alice(), Asset::Native), 60_000);
    s.chain.next_blocks(1);
    deposit(&mut s, d, 50_000, "2027-04");
    s.chain.next_blocks(1);
    let not_yet: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).redirect_recovered(alice(), Asset::Native),
        mallory(),
    );
    assert_eq!(
        not_yet.value,
        Err(DistributorError::NotRecovered { wallet: alice() })
    );
    // The agent recovers the wallet to alice's second wallet.
    let recovered: Outcome<Result<(), TokenError>> = s
        .chain
        .send(
            at::<Token>(t).recover_wallet(alice(), alice_2(), evidence(5)),
            agent(),
        )
        .unwrap();
    assert_eq!(recovered.value, Ok(()));
    // The lost wallet's account freeze carried over to the new wallet (recovery is no way around a freeze); the
    // agent, satisfied the new key is alice's, lifts it.
    let unfrozen: Outcome<Result<(), TokenError>> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(alice_2(), false, evidence(6)),
            agent(),
        )
        .unwrap();
    assert_eq!(unfrozen.value, Ok(()));

    // April was recorded before the recovery, on the lost wallet: its share (30 000) goes to the new wallet.
    let before = s.chain.native_balance(alice_2());
    assert_eq!(claim(&mut s, d, alice()).value, Ok(()));
    assert_eq!(s.chain.native_balance(alice_2()) - before, 30_000);
    // What was held for the lost wallet goes there too, on anyone's call.
    let redirected: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).redirect_recovered(alice(), Asset::Native),
        mallory(),
    );
    assert_eq!(redirected.value, Ok(()));
    assert_eq!(s.chain.native_balance(alice_2()) - before, 90_000);
    assert_eq!(held(&mut s, d, alice(), Asset::Native), 0);
    // Nothing twice: the new wallet held nothing at either record block.
    assert_eq!(
        claim(&mut s, d, alice_2()).value,
        Err(DistributorError::NothingToClaim { holder: alice_2() })
    );
    let bob_redirect: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).redirect_recovered(bob(), Asset::Native),
        mallory(),
    );
    assert_eq!(
        bob_redirect.value,
        Err(DistributorError::NotRecovered { wallet: bob() })
    );
    assert_solvent(&mut s, d, Asset::Native);
}

/// Alice holds from the start; `past` distributions are made; then carol first receives tokens and one more
/// distribution is made. Returns the cost of carol's first claim and what it paid her.
fn first_claim_after(past: u32) -> (Cost, u128) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.onboard(carol(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 60_000).value, Ok(()));
    let d = s.deploy_distributor(distributor_config());
    s.chain.next_blocks(1);
    for i in 0..past {
        deposit(&mut s, d, 1_000, &format!("p{i}"));
        s.chain.next_blocks(1);
    }
    assert_eq!(s.mint(carol(), 20_000).value, Ok(()));
    s.chain.next_blocks(1);
    deposit(&mut s, d, 100_000, "now");
    s.chain.next_blocks(1);
    let before = s.chain.native_balance(carol());
    let out = claim(&mut s, d, carol());
    assert_eq!(out.value, Ok(()));
    (out.cost, s.chain.native_balance(carol()) - before)
}

#[test]
fn a_new_holders_first_claim_costs_the_same_after_one_or_many_past_distributions() {
    let window = dividend_distributor::MAX_PER_CLAIM;
    // While every distribution fits one claim, the token answers from which block carol held in the same frame as
    // her balances; past that, it is asked first (one more frame), and the cost no longer grows with history.
    let (few, paid_few) = first_claim_after(1);
    let (beyond, paid_beyond) = first_claim_after(window);
    let (many, paid_many) = first_claim_after(48);
    eprintln!("first claim after 1 past distribution: {few:?}; after {window}: {beyond:?}; after 48: {many:?}");
    // 20k of 80k × 80 000, in the one claim, however long the history before carol held tokens.
    assert_eq!((paid_few, paid_beyond, paid_many), (20_000, 20_000, 20_000));
    assert!(
        few.ref_time < beyond.ref_time && few.proof_size < beyond.proof_size,
        "one frame less while the history fits one claim: {few:?} vs {beyond:?}"
    );
    assert!(
        many.ref_time * 4 <= beyond.ref_time * 5,
        "ref_time grew with history: {beyond:?} -> {many:?}"
    );
    assert!(
        many.proof_size * 4 <= beyond.proof_size * 5,
        "proof_size grew with history: {beyond:?} -> {many:?}"
    );
}

/// A PSP22 "coin" as an attacker would deploy it, hand-written: it answers `PSP22::transfer_from` (selector
/// 0x54b3c76e) with `Ok(Ok(()))`, so a deposit in it is booked, and burns every unit of gas it is given on any
/// other call, the payments of that deposit included.
const GAS_BURNING_COIN: &str = r#"
(module
  (import "seal0" "seal_input" (func $input (param i32 i32)))
  (import "seal0" "seal_return" (func $return (param i32 i32 i32)))
  (import "env" "memory" (memory 1 1))
  (func (export "deploy"))
  (func (export "call")
    (i32.store (i32.const 0) (i32.const 256))
    (call $input (i32.const 16) (i32.const 0))
    (if (i32.eq (i32.load (i32.const 16)) (i32.const 0x6ec7b354))
      (then (call $return (i32.const 0) (i32.const 8) (i32.const 2))))
    (loop $forever (br $forever))))
"#;

#[test]
fn a_coin_that_burns_all_gas_blocks_no_claim_or_push_of_other_distributions() {
    let (mut s, d, _) = holders();
    let template = infra_suite_e2e::BundleProvider::MinimalPsp22
        .cached()
        .expect("a bundle for the transcoder");
    let hostile = drink::session::ContractBundle {
        wasm: wat::parse_str(GAS_BURNING_COIN).expect("the hostile coin's Wasm"),
        transcoder: template.transcoder,
    };
    let (coin, _) = s.chain.deploy(&hostile, "new", (), mallory()).unwrap();
    deposit(&mut s, d, 100_000, "2027-03");
    // The depositor is fooled into a deposit in the coin: booked; the reserve's share cannot be paid, so it is held.
    let dep: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).deposit_psp22(
            coin,
            100_000u128,
            String::from("tolls"),
            String::from("2027-04"),
        ),
        admin(),
    );
    assert_eq!(dep.value, Ok(1));
    assert_eq!(held(&mut s, d, treasury(), Asset::Psp22(coin)), 20_000);
    // Alice's one claim pays both distributions: the native share arrives, the coin's is held for her.
    let before = s.chain.native_balance(alice());
    let claimed = claim(&mut s, d, alice());
    assert_eq!(claimed.value, Ok(()));
    assert!(!claimed.reverted);
    assert_eq!(s.chain.native_balance(alice()) - before, 60_000);
    assert_eq!(held(&mut s, d, alice(), Asset::Psp22(coin)), 60_000);
    // A push for bob goes through the same way.
    let before = s.chain.native_balance(bob());
    let pushed: DistributorOutcome<u32> = s.send(at::<Distributor>(d).push(vec![bob()]), mallory());
    assert_eq!(pushed.value, Ok(1));
    assert_eq!(s.chain.native_balance(bob()) - before, 15_000);
    assert_solvent(&mut s, d, Asset::Native);
    // Nor is the distributor itself a coin (a call to itself is not re-entered: it trapped the deposit before).
    let itself: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).deposit_psp22(d, 1u128, String::from("x"), String::from("y")),
        admin(),
    );
    assert_eq!(
        itself.value,
        Err(DistributorError::DepositRefused {
            asset: Asset::Psp22(d)
        })
    );
}

#[test]
fn a_later_claim_window_or_exclusion_change_reaches_no_distribution_already_made() {
    let (mut s, d, _) = holders();
    deposit(&mut s, d, 100_000, "2027-03");
    let expires_at = s.chain.now() + 90 * DAY_MS;
    // The admin shortens the claim window to a minute and excludes bob, right after the deposit.
    let mut short = distributor_config();
    short.claim_window_ms = 60_000;
    let set: DistributorOutcome<()> = s.send(at::<Distributor>(d).set_config(short), admin());
    assert_eq!(set.value, Ok(()));
    let excluded: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).set_excluded(bob(), true), admin());
    assert_eq!(excluded.value, Ok(()));
    // A day later the distribution is still open, on its own 90-day window...
    s.chain.advance_time(DAY_MS);
    let closed: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert_eq!(
        closed.value,
        Err(DistributorError::NotExpired { id: 0, expires_at })
    );
    // ... and bob, a holder when it was made, is paid his share (20k of 80k × 80 000, 25% withheld).
    let before = s.chain.native_balance(bob());
    assert_eq!(claim(&mut s, d, bob()).value, Ok(()));
    assert_eq!(s.chain.native_balance(bob()) - before, 15_000);
    // The next distribution follows the new terms: bob is left out of it.
    deposit(&mut s, d, 100_000, "2027-04");
    let before = s.chain.native_balance(bob());
    // (His claim moves his cursor past it and pays nothing.)
    assert_eq!(claim(&mut s, d, bob()).value, Ok(()));
    assert_eq!(s.chain.native_balance(bob()), before);
    assert_solvent(&mut s, d, Asset::Native);
}

#[test]
fn a_close_whose_reserve_payment_is_refused_still_closes_and_holds_the_money() {
    let (mut s, d, _) = holders();
    let coin = regulated_stablecoin(&mut s, d);
    let usd = Asset::Psp22(coin);
    // The treasury (the reserve) is not registered on the coin: the coin refuses every payment to it.
    let dep: DistributorOutcome<u32> = s.send(
        at::<Distributor>(d).deposit_psp22(
            coin,
            100_000u128,
            String::from("tolls"),
            String::from("2027-03"),
        ),
        admin(),
    );
    assert_eq!(dep.value, Ok(0));
    assert_eq!(held(&mut s, d, treasury(), usd), 20_000);
    // Nobody claims; at expiry the holders' 80 000 goes to the reserve, which the coin still refuses.
    s.chain.advance_time(91 * DAY_MS);
    let closed: DistributorOutcome<()> =
        s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert_eq!(closed.value, Ok(()));
    assert!(!closed.reverted);
    assert_eq!(held(&mut s, d, treasury(), usd), 100_000);
    assert_eq!(liabilities(&mut s, d, usd), 100_000);
    assert_eq!(coin_balance(&mut s, coin, d), 100_000);
    assert_solvent(&mut s, d, usd);
    // Closed once.
    let again: DistributorOutcome<()> = s.send(at::<Distributor>(d).close_expired(0u32), mallory());
    assert_eq!(again.value, Err(DistributorError::AlreadyClosed { id: 0 }));
}

#[test]
fn a_push_takes_at_most_sixteen_holders_and_the_exclusion_list_at_most_sixteen_accounts() {
    let (mut s, d, _) = holders();
    deposit(&mut s, d, 100_000, "2027-03");
    let batch = |n: u8| -> Vec<AccountId> {
        (0..n)
            .map(|i| infra_suite_e2e::chain::account(200u8.wrapping_add(i)))
            .collect()
    };
    let pushed: DistributorOutcome<u32> = s.send(at::<Distributor>(d).push(batch(17)), mallory());
    assert_eq!(
        pushed.value,
        Err(DistributorError::BatchTooLarge { len: 17, max: 16 })
    );
    let pushed: DistributorOutcome<u32> = s.send(at::<Distributor>(d).push(batch(16)), mallory());
    assert!(pushed.value.is_ok(), "{:?}", pushed.value);
    // The exclusion list: the deployment excluded the treasury; fifteen more fit, the seventeenth does not.
    let listed: Vec<AccountId> = s
        .chain
        .ask(at::<Distributor>(d).excluded(), mallory())
        .unwrap()
        .value;
    let room = 16 - listed.len();
    for account in batch(u8::try_from(room).unwrap()) {
        let out: DistributorOutcome<()> =
            s.send(at::<Distributor>(d).set_excluded(account, true), admin());
        assert_eq!(out.value, Ok(()));
    }
    let out: DistributorOutcome<()> = s.send(
        at::<Distributor>(d).set_excluded(infra_suite_e2e::chain::account(250), true),
        admin(),
    );
    assert_eq!(
        out.value,
        Err(DistributorError::TooManyExcluded { max: 16 })
    );
}
