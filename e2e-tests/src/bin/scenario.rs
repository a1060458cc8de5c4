//! The main job: deploys the compliance registry, a toll road's security token, its crowdfund escrow, its
//! usage-pass collection, its dividend distributor, its IoT oracle and its governor on drink's in-process chain
//! and walks the project's life, printing each step with its weight and writing the same report
//! as JSON (`--json PATH`, default `scenario-report.json`).
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Cost, Outcome, DAY_MS};
use infra_suite_e2e::finance::{
    distributor_config, milestone_stakeholders, offering_terms, proposed_call, road_pass, Governed,
    FACILITY_OPENED, PRICE,
};
use infra_suite_e2e::report::{Report, Verdict};
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP, USA,
};
use ink::primitives::AccountId;
use project_token::{Party, TokenError, Tranche, TransferRestriction};
use suite_traits::{CheckpointError, ClaimType, HaltError, IdentityId};

fn show<T: std::fmt::Debug, E: std::fmt::Debug>(o: &Outcome<Result<T, E>>) -> String {
    match &o.value {
        Ok(v) => {
            let s = format!("{v:?}");
            if s == "()" {
                "ok".into()
            } else {
                format!("ok: {s}")
            }
        }
        Err(e) => format!("refused: {}", readable(&format!("{e:?}"))),
    }
}

/// The outcome, expected to be a success.
fn ok<T: std::fmt::Debug, E: std::fmt::Debug>(o: &Outcome<Result<T, E>>) -> Verdict {
    Verdict::check(show(o), o.value.is_ok(), "ok")
}

/// The outcome, expected to be a refusal whose reason mentions `reason`.
fn refused<T: std::fmt::Debug, E: std::fmt::Debug>(
    o: &Outcome<Result<T, E>>,
    reason: &str,
) -> Verdict {
    let text = show(o);
    let holds = o.value.is_err() && text.contains(reason);
    Verdict::check(text, holds, &format!("refused: {reason}"))
}

/// The outcome, expected to be a refusal mentioning `refusal` when it is `Some`, a success otherwise.
fn expected<T: std::fmt::Debug, E: std::fmt::Debug>(
    o: &Outcome<Result<T, E>>,
    refusal: Option<&str>,
) -> Verdict {
    match refusal {
        Some(reason) => refused(o, reason),
        None => ok(o),
    }
}

/// Replaces the Debug form of the cast's account ids (32 repeated bytes) and of hashes with names.
fn readable(text: &str) -> String {
    let mut out = text.to_string();
    for (name, who) in [
        ("admin", admin()),
        ("alice", alice()),
        ("bob", bob()),
        ("carol", carol()),
        ("dave", dave()),
        ("lead", lead()),
        ("mallory", mallory()),
    ] {
        out = out.replace(&format!("{who:?}"), name);
    }
    if let Some(start) = out.find("Hash([") {
        if let Some(len) = out[start..].find("])") {
            out.replace_range(start..start + len + 2, "Hash(..)");
        }
    }
    out
}

/// Chapter 1: the registry and the token; investors verified once by the platforms; the treasury minted.
fn onboarding(r: &mut Report, s: &mut Suite) -> IdentityId {
    r.step(
        "admin",
        "deploy registry + token, trust platforms A (KYC/AML) and B (accred.)",
        "ok",
        Cost::default(),
    );
    r.step(
        "admin",
        "grant issuer, agent, guardian roles; exempt the treasury",
        "ok",
        Cost::default(),
    );

    let alice_id = s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    r.step(
        "platform A",
        "register alice (France) with KYC valid 1 year",
        format!("identity {alice_id}"),
        Cost::default(),
    );
    s.link_wallet(alice_id, alice_2());
    r.step(
        "platform A",
        "link alice's second wallet to her identity",
        "ok",
        Cost::default(),
    );
    let bob_id = s.onboard(bob(), GERMANY, &[ClaimType::Kyc, ClaimType::Accredited], 30);
    r.step(
        "platform A+B",
        "register bob (Germany): KYC 30 days, accredited by B",
        format!("identity {bob_id}"),
        Cost::default(),
    );
    let carol_id = s.onboard(carol(), USA, &[ClaimType::Aml], 365);
    r.step(
        "platform A",
        "register carol (USA) with AML only, no KYC",
        format!("identity {carol_id}"),
        Cost::default(),
    );

    let o = s.mint(treasury(), 500_000);
    r.step(
        "issuer",
        "mint 500 000 to the sponsor treasury (exempt)",
        ok(&o),
        o.cost,
    );
    alice_id
}

/// Chapter 2: the escrow sells the tokens, the lead investor first; success, delivery, the sponsor paid.
fn offering(r: &mut Report, s: &mut Suite) -> AccountId {
    // ---- the offering: the escrow sells the tokens, the lead investor first ----
    let lead_id = s.onboard(
        lead(),
        GERMANY,
        &[ClaimType::Kyc, ClaimType::Accredited],
        365,
    );
    r.step(
        "platform A+B",
        "register the lead investor (Germany, KYC + accredited)",
        format!("identity {lead_id}"),
        Cost::default(),
    );
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 150_000 * PRICE;
    terms.hard_cap = 180_000 * PRICE;
    terms.max_ticket = 80_000 * PRICE;
    terms.non_accredited_cap = 80_000 * PRICE;
    terms.cooling_off_ms = 2 * DAY_MS;
    let escrow = s.deploy_escrow(terms);
    r.step(
        "admin",
        "deploy the crowdfund escrow (soft 150 000, hard 180 000 tokens at 1 000 each, 2% fee); grant it the issuer role",
        "ok",
        Cost::default(),
    );
    let o = s.send(
        at::<Escrow>(escrow)
            .contribute()
            .transferred_value(10_000 * PRICE),
        alice(),
    );
    r.step(
        "alice",
        "contribute 10 000 tokens' worth before the lead",
        refused(&o, "LeadInvestorFirst"),
        o.cost,
    );
    let o = s.send(
        at::<Escrow>(escrow)
            .contribute()
            .transferred_value(100_000 * PRICE),
        lead(),
    );
    r.step(
        "lead",
        "commit 100 000 tokens' worth: the sale opens",
        ok(&o),
        o.cost,
    );
    let o = s.send(
        at::<Escrow>(escrow)
            .contribute()
            .transferred_value(1_000 * PRICE),
        carol(),
    );
    r.step(
        "carol",
        "contribute 1 000 tokens' worth (no KYC)",
        refused(&o, "MissingClaims"),
        o.cost,
    );
    let o = s.send(
        at::<Escrow>(escrow)
            .contribute()
            .transferred_value(80_000 * PRICE),
        alice(),
    );
    r.step(
        "alice",
        "contribute 80 000 tokens' worth (retail, cooling-off 2 days)",
        ok(&o),
        o.cost,
    );
    let status = s.offering_status(escrow);
    r.step(
        "front-end",
        "offering status",
        format!(
            "{:?}, raised {} (hard cap hit), escrow owes {}",
            status.phase, status.raised, status.owed
        ),
        Cost::default(),
    );
    let o = s.send(at::<Escrow>(escrow).finalize(), mallory());
    r.step(
        "anyone",
        "finalize at the hard cap, inside alice's cooling-off",
        refused(&o, "NotYetFinalizable"),
        o.cost,
    );
    s.chain.advance_time(2 * DAY_MS);
    let sponsor_before = s.chain.native_balance(sponsor());
    let o = s.send(at::<Escrow>(escrow).finalize(), mallory());
    let paid = s.chain.native_balance(sponsor()) - sponsor_before;
    r.step(
        "anyone",
        "2 days later: finalize (fee to platform A, net to the sponsor)",
        ok(&o).and(format!(" (sponsor received {paid})")).and_check(
            paid == status.raised * 98 / 100,
            "the sponsor to receive the raise less the 2% fee",
        ),
        o.cost,
    );
    let o = s.send(at::<Escrow>(escrow).claim_tokens(alice()), alice());
    r.step(
        "alice",
        "claim her 80 000 tokens (minted by the escrow)",
        ok(&o),
        o.cost,
    );
    let o = s.send(at::<Escrow>(escrow).claim_tokens(lead()), mallory());
    r.step(
        "anyone",
        "deliver the lead's 100 000 tokens",
        ok(&o),
        o.cost,
    );
    let o = s.send(at::<Escrow>(escrow).claim_refund(), alice());
    r.step(
        "alice",
        "ask for a refund of a successful offering",
        refused(&o, "WrongPhase"),
        o.cost,
    );
    escrow
}

/// Chapter 3: transfers under the rules, refusals with their reasons, freezes, the halt, checkpoints.
fn trading(r: &mut Report, s: &mut Suite, alice_id: IdentityId) {
    let o = s.mint(alice(), 30_000);
    r.step(
        "issuer",
        "mint 30 000 more to alice (max holding 10%)",
        refused(&o, "max holding"),
        o.cost,
    );
    let t = s.token;
    let o: Outcome<Result<(), suite_traits::PSP22Error>> = s
        .chain
        .send(
            at::<Token>(t).transfer(bob(), 40_000u128, Vec::<u8>::new()),
            treasury(),
        )
        .unwrap();
    r.step("treasury", "transfer 40 000 to bob", ok(&o), o.cost);
    let record_block = s.chain.block();
    s.chain.next_blocks(1);

    let o = s.transfer(alice(), bob(), 10_000);
    r.step(
        "alice",
        "transfer 10 000 to bob (compliant)",
        ok(&o),
        o.cost,
    );
    let o = s.transfer(alice(), carol(), 1_000);
    r.step(
        "alice",
        "transfer 1 000 to carol (no KYC)",
        refused(&o, "lacks required claims"),
        o.cost,
    );
    let why = s.can_transfer(alice(), carol(), 1_000);
    r.step(
        "front-end",
        "can_transfer(alice, carol, 1 000)",
        Verdict::check(
            format!("{why:?}"),
            matches!(
                why,
                Err(TransferRestriction::MissingClaims {
                    party: Party::Recipient,
                    ..
                })
            ),
            "the recipient's missing claims",
        ),
        Cost::default(),
    );
    let o = s.transfer(alice(), dave(), 1_000);
    r.step(
        "alice",
        "transfer 1 000 to dave (never registered)",
        refused(&o, "not registered"),
        o.cost,
    );

    let now = s.chain.now();
    let o: Outcome<Result<(), TokenError>> = s
        .chain
        .send(
            at::<Token>(t).set_lockup(
                bob(),
                vec![Tranche {
                    amount: 45_000,
                    release_at: now + 60 * DAY_MS,
                }],
            ),
            agent(),
        )
        .unwrap();
    r.step(
        "agent",
        "lock 45 000 of bob's tokens for 60 days",
        ok(&o),
        o.cost,
    );
    let o = s.transfer(bob(), alice(), 6_000);
    r.step(
        "bob",
        "transfer 6 000 to alice (only 5 000 free)",
        refused(&o, "locked"),
        o.cost,
    );

    let reg = s.registry;
    let o: Outcome<Result<(), compliance_registry::RegistryError>> = s
        .chain
        .send(
            at::<Registry>(reg).freeze_identity(alice_id, evidence(42)),
            regulator(),
        )
        .unwrap();
    r.step(
        "regulator",
        "freeze alice's identity (court order hash)",
        ok(&o),
        o.cost,
    );
    let o = s.transfer(alice(), bob(), 100);
    r.step(
        "alice",
        "transfer 100 to bob while frozen",
        refused(&o, "frozen"),
        o.cost,
    );
    let o: Outcome<Result<(), compliance_registry::RegistryError>> = s
        .chain
        .send(at::<Registry>(reg).unfreeze_identity(alice_id), regulator())
        .unwrap();
    r.step("regulator", "unfreeze alice", ok(&o), o.cost);

    let o: Outcome<Result<(), HaltError>> = s
        .chain
        .send(at::<Token>(t).halt(1u32, evidence(7)), guardian())
        .unwrap();
    r.step(
        "guardian",
        "halt trading (sensor rule 1 fired)",
        ok(&o),
        o.cost,
    );
    let o = s.transfer(alice(), bob(), 100);
    r.step(
        "alice",
        "transfer 100 to bob while halted",
        refused(&o, "halted"),
        o.cost,
    );
    let o: Outcome<Result<(), HaltError>> =
        s.chain.send(at::<Token>(t).resume(), guardian()).unwrap();
    r.step(
        "guardian",
        "resume trading after inspection",
        ok(&o),
        o.cost,
    );

    s.chain.advance_time(31 * DAY_MS);
    let o = s.transfer(alice(), bob(), 100);
    r.step(
        "alice",
        "31 days later: transfer 100 to bob (bob's KYC expired)",
        refused(&o, "lacks required claims"),
        o.cost,
    );
    let o = s.transfer(alice(), alice_2(), 100);
    r.step(
        "alice",
        "transfer 100 to her second wallet (same identity)",
        ok(&o),
        o.cost,
    );

    let o: Outcome<Result<u128, CheckpointError>> = s
        .chain
        .ask(at::<Token>(t).balance_of_at(alice(), record_block), alice())
        .unwrap();
    r.step(
        "distributor",
        &format!("balance_of_at(alice, block {record_block})"),
        ok(&o),
        o.cost,
    );
    let o: Outcome<Result<u128, CheckpointError>> = s
        .chain
        .ask(at::<Token>(t).total_supply_at(record_block), alice())
        .unwrap();
    r.step(
        "distributor",
        &format!("total_supply_at(block {record_block})"),
        ok(&o),
        o.cost,
    );
}

/// Chapter 4: the distributor and the oracle the passes depend on; pre-sold road passes, the opening, the toll gate.
fn passes(r: &mut Report, s: &mut Suite) -> (AccountId, AccountId, AccountId) {
    // ---- the dividend distributor: 80% of revenue to holders ----
    let distributor = s.deploy_distributor(distributor_config());
    r.step(
        "admin",
        "deploy the dividend distributor (80% to holders, 20% reserve, treasury excluded)",
        "ok",
        Cost::default(),
    );
    let o: Outcome<Result<(), dividend_distributor::DistributorError>> = s.send(
        at::<Distributor>(distributor).set_tax_rate(USA, 3_000u16),
        admin(),
    );
    r.step(
        "admin",
        "withholding tax 30% for US residents",
        ok(&o),
        o.cost,
    );

    // ---- the IoT oracle: the bridge sensors, and the milestones its stakeholders attest ----
    let oracle = s.deploy_oracle(&[sensor(0), sensor(1), sensor(2), sensor(3)]);
    r.step(
        "admin",
        "deploy the IoT oracle as the token's guardian: pier displacement, 3-of-4 sensors, halt above 5 mm x3",
        "ok",
        Cost::default(),
    );
    s.make_stakeholders(oracle);
    r.step(
        "admin",
        "oracle stakeholders: sponsor, lead investor, platform A (a milestone needs 2 attestations)",
        "ok",
        Cost::default(),
    );

    // ---- usage passes: pre-sold road passes, the road opening on the oracle's milestone, the toll gate ----
    let now = s.chain.now();
    let pass = s.deploy_pass_with(now + 365 * DAY_MS, oracle, FACILITY_OPENED);
    r.step(
        "admin",
        &format!(
            "deploy the road-pass collection: opens on oracle milestone {FACILITY_OPENED} (road opened), \
             long-stop in a year"
        ),
        "ok",
        Cost::default(),
    );
    let o: Outcome<Result<(), usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass).set_revenue_receiver(distributor),
        admin(),
    );
    r.step(
        "admin",
        "usage-pass revenue goes to the distributor (before the first sale)",
        ok(&o),
        o.cost,
    );
    let o: Outcome<Result<u32, usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass).add_class(road_pass(now + 30 * DAY_MS)),
        admin(),
    );
    r.step(
        "admin",
        "usage pass: class 0 = 50 trips / 30 days, max 2 a day, opens in 30 days",
        ok(&o),
        o.cost,
    );
    let o: Outcome<Result<(), usage_pass::PassError>> =
        s.send(at::<UsagePass>(pass).set_meter(gate(), 1u64), admin());
    r.step(
        "admin",
        "register toll gate 1 as a meter for class 0",
        ok(&o),
        o.cost,
    );
    let o: Outcome<Result<u64, usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass).buy(0u32).transferred_value(400),
        bob(),
    );
    let pass_id = o.value.clone().unwrap_or(0);
    r.step(
        "bob",
        "pre-buy a road pass for 400 (held until opening)",
        ok(&o),
        o.cost,
    );
    let receipt = evidence(90);
    let o: Outcome<Result<(), usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass).consume(pass_id, 1u128, receipt),
        gate(),
    );
    r.step(
        "gate 1",
        "charge 1 trip before the road opens",
        refused(&o, "FacilityNotOpen"),
        o.cost,
    );
    let o: Outcome<Result<(), usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass).set_revenue_receiver(mallory()),
        admin(),
    );
    r.step(
        "admin",
        "redirect the held pre-sale money to mallory",
        refused(&o, "RevenueReceiverLocked"),
        o.cost,
    );
    s.chain.advance_time(30 * DAY_MS);
    let revenue_before = s.chain.native_balance(distributor);
    let o: Outcome<Result<(), usage_pass::PassError>> =
        s.send(at::<UsagePass>(pass).open_facility(), admin());
    r.step(
        "admin",
        "30 days later: declare the road open on its own word",
        refused(&o, "MilestoneNotAttested"),
        o.cost,
    );
    let [poster, first, second] = milestone_stakeholders();
    let o: Outcome<Result<(), iot_oracle::OracleError>> = s.send(
        at::<Oracle>(oracle).post_milestone(FACILITY_OPENED, evidence(91)),
        poster,
    );
    r.step(
        "sponsor",
        "post oracle milestone: road opened (hash of the opening certificate)",
        ok(&o),
        o.cost,
    );
    for (name, who) in [("lead", first), ("platform A", second)] {
        let o: Outcome<Result<(), iot_oracle::OracleError>> =
            s.send(at::<Oracle>(oracle).attest_milestone(FACILITY_OPENED), who);
        r.step(name, "attest the road-opened milestone", ok(&o), o.cost);
    }
    let o: Outcome<Result<(), usage_pass::PassError>> =
        s.send(at::<UsagePass>(pass).open_facility(), mallory());
    let forwarded = s.chain.native_balance(distributor) - revenue_before;
    r.step(
        "anyone",
        "the milestone is attested: open the road",
        ok(&o)
            .and(format!(" (pre-sale revenue forwarded: {forwarded})"))
            .and_check(forwarded == 400, "the 400 of pre-sale money forwarded"),
        o.cost,
    );
    let o: Outcome<Result<(), usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass).consume(pass_id, 1u128, receipt),
        gate(),
    );
    r.step("gate 1", "charge 1 trip (receipt 0x5a5a..)", ok(&o), o.cost);
    let o: Outcome<Result<(), usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass).consume(pass_id, 1u128, receipt),
        gate(),
    );
    r.step(
        "gate 1",
        "replay the same receipt",
        refused(&o, "ReceiptAlreadyUsed"),
        o.cost,
    );
    let o: Outcome<Result<(), usage_pass::PassError>> = s.send(
        at::<UsagePass>(pass)
            .top_up(pass_id, 10u128)
            .transferred_value(80),
        bob(),
    );
    r.step(
        "bob",
        "top up 10 trips for 80 (forwarded at once)",
        ok(&o),
        o.cost,
    );
    let credit = s
        .chain
        .query::<_, Option<usage_pass::Pass>>(pass, "pass", pass_id, bob())
        .unwrap()
        .value
        .map_or(0, |p| p.credit);
    r.figure("road pass credit left (trips)", credit);
    r.figure(
        "usage-pass revenue forwarded to the distributor",
        s.chain.native_balance(distributor) - revenue_before,
    );

    (distributor, oracle, pass)
}

/// Chapter 5: pass sales and a month of tolls, paid to holders.
fn revenue(r: &mut Report, s: &mut Suite, distributor: AccountId) {
    // ---- revenue: pass sales and a month of tolls, paid to holders ----
    s.chain.next_blocks(1);
    let o: Outcome<Result<u32, dividend_distributor::DistributorError>> = s.send(
        at::<Distributor>(distributor)
            .book_received(String::from("road passes"), String::from("2027-Q1")),
        admin(),
    );
    r.step(
        "operator",
        "book the forwarded road-pass sales as a distribution",
        ok(&o),
        o.cost,
    );
    let o: Outcome<Result<u32, dividend_distributor::DistributorError>> = s.send(
        at::<Distributor>(distributor)
            .deposit_native(String::from("tolls"), String::from("2027-03"))
            .transferred_value(1_000_000),
        admin(),
    );
    r.step(
        "operator",
        "deposit March tolls: 1 000 000 (200 000 to the reserve)",
        ok(&o),
        o.cost,
    );
    s.chain.next_blocks(1);
    let o = s.transfer(alice(), alice_2(), 1_000);
    r.step(
        "alice",
        "after the record block: move 1 000 to her second wallet",
        ok(&o),
        o.cost,
    );
    for (name, who) in [("alice", alice()), ("bob", bob()), ("lead", lead())] {
        let before = s.chain.native_balance(who);
        let o: Outcome<Result<(), dividend_distributor::DistributorError>> =
            s.send(at::<Distributor>(distributor).claim(who), mallory());
        let got = s.chain.native_balance(who) - before;
        r.step(
            "anyone",
            &format!("claim {name}'s dividends (both distributions, one call)"),
            ok(&o)
                .and(format!(" (paid {got})"))
                .and_check(got > 0, "a dividend paid"),
            o.cost,
        );
    }
}

/// Chapter 6: the bridge sensors: a breach halts trading, a return to range resumes it.
fn sensors(r: &mut Report, s: &mut Suite, oracle: AccountId) {
    let t = s.token;
    // ---- the bridge sensors (the oracle deployed above): a breach halts trading, a return to range resumes it ----
    for round in 1..=3 {
        // The rule needs three rounds in a row above 5 mm: the third halts.
        let should_halt = round == 3;
        let c = s.sensor_round(
            oracle,
            &[(sensor(0), 5_400), (sensor(1), 5_600), (sensor(2), 45_000)],
        );
        let halted: bool = s
            .chain
            .ask(at::<Token>(t).is_halted(), mallory())
            .unwrap()
            .value;
        r.step(
            "sensors",
            &format!("round {round}: 5.4 mm, 5.6 mm and a faulty 45 mm (median 5.6 mm)"),
            Verdict::check(
                format!("token halted: {halted}"),
                halted == should_halt,
                &format!("token halted: {should_halt}"),
            ),
            c,
        );
    }
    let o = s.transfer(bob(), alice(), 100);
    r.step(
        "bob",
        "transfer 100 to alice while the bridge is halted",
        refused(&o, "halted"),
        o.cost,
    );
    for round in 1..=2 {
        // Two rounds back in range resume: the halt holds through the first.
        let should_halt = round == 1;
        let c = s.sensor_round(
            oracle,
            &[(sensor(0), 700), (sensor(1), 650), (sensor(3), 720)],
        );
        let halted: bool = s
            .chain
            .ask(at::<Token>(t).is_halted(), mallory())
            .unwrap()
            .value;
        r.step(
            "sensors",
            &format!("back in range, round {round}: 0.7 mm"),
            Verdict::check(
                format!("token halted: {halted}"),
                halted == should_halt,
                &format!("token halted: {should_halt}"),
            ),
            c,
        );
    }
    let o = s.transfer(bob(), alice(), 100);
    r.step(
        "bob",
        "transfer 100 to alice after the resume",
        ok(&o),
        o.cost,
    );
}

/// Chapter 7: every admin role handed to the token holders; a proposal voted and executed.
/// The contracts the governor takes over.
#[derive(Clone, Copy)]
struct Deployed {
    escrow: AccountId,
    distributor: AccountId,
    oracle: AccountId,
    pass: AccountId,
}

fn governance(r: &mut Report, s: &mut Suite, d: &Deployed) {
    let Deployed {
        escrow,
        distributor,
        oracle,
        pass,
    } = *d;
    let t = s.token;
    // ---- governance: every admin role to the token holders ----
    let governor = s.deploy_governor(distributor, oracle);
    let o: Outcome<Result<(), iot_oracle::OracleError>> = s
        .chain
        .send(at::<Oracle>(oracle).set_governor(Some(governor)), admin())
        .unwrap();
    r.step(
        "admin",
        "deploy the governor (20% quorum, 2-day timelock; emergency 50%, 1 h); the oracle may open emergencies",
        ok(&o),
        o.cost,
    );
    s.hand_over(
        governor,
        &Governed {
            escrow,
            distributor,
            pass,
            oracle,
        },
    );
    r.step(
        "admin",
        "hand the admin role of registry, token, escrow, distributor, pass and oracle to the governor",
        "ok (each accepted by the governor)",
        Cost::default(),
    );
    let o: Outcome<Result<(), TokenError>> = s
        .chain
        .send(at::<Token>(t).set_rules(default_rules()), admin())
        .unwrap();
    r.step(
        "admin",
        "the deployer tries to change the token's rules",
        refused(&o, "NotAdmin"),
        o.cost,
    );
    s.chain.next_blocks(1);
    let calls = vec![proposed_call(distributor, "set_payout_bps", 8_500u16)];
    let o: Outcome<Result<u32, governor::GovernorError>> = s.send(
        at::<Governor>(governor).propose(calls, evidence(85)),
        lead(),
    );
    let proposal = o.value.clone().unwrap_or(0);
    r.step(
        "lead",
        "propose: pay 85% of revenue to holders",
        ok(&o),
        o.cost,
    );
    s.chain.next_blocks(2);
    for (name, who, support, refusal) in [
        ("lead", lead(), governor::Support::For, None),
        ("alice", alice(), governor::Support::For, None),
        // Bob's KYC expired 31 days in: an unverified identity cannot vote.
        (
            "bob",
            bob(),
            governor::Support::Against,
            Some("NotVerified"),
        ),
    ] {
        let o: Outcome<Result<(), governor::GovernorError>> =
            s.send(at::<Governor>(governor).cast_vote(proposal, support), who);
        r.step(
            name,
            &format!("vote {support:?}"),
            expected(&o, refusal),
            o.cost,
        );
    }
    s.chain.next_blocks(5);
    let o: Outcome<Result<(), governor::GovernorError>> =
        s.send(at::<Governor>(governor).queue(proposal), mallory());
    r.step(
        "anyone",
        "queue the succeeded proposal (2-day timelock)",
        ok(&o),
        o.cost,
    );
    let o: Outcome<Result<(), governor::GovernorError>> =
        s.send(at::<Governor>(governor).execute(proposal), mallory());
    r.step(
        "anyone",
        "execute at once",
        refused(&o, "TimelockNotElapsed"),
        o.cost,
    );
    s.chain.advance_time(2 * DAY_MS);
    let o: Outcome<Result<(), governor::GovernorError>> =
        s.send(at::<Governor>(governor).execute(proposal), mallory());
    let config: dividend_distributor::DistributorConfig = s
        .chain
        .ask(at::<Distributor>(distributor).config(), mallory())
        .unwrap()
        .value;
    r.step(
        "anyone",
        "2 days later: execute",
        ok(&o)
            .and(format!(" (payout ratio now {} bps)", config.payout_bps))
            .and_check(
                config.payout_bps == 8_500,
                "the payout ratio changed to 8 500 bps",
            ),
        o.cost,
    );
}

/// The closing figures: balances, supply, holders.
fn closing(r: &mut Report, s: &mut Suite) {
    let t = s.token;
    for (name, who) in [
        ("alice", alice()),
        ("bob", bob()),
        ("carol", carol()),
        ("lead investor", lead()),
        ("treasury", treasury()),
    ] {
        let b = s.balance(who);
        r.figure(&format!("balance of {name}"), b);
    }
    let supply = s.supply();
    r.figure("total supply", supply);
    let holders: u32 = s
        .chain
        .ask(at::<Token>(t).holder_count(), alice())
        .unwrap()
        .value;
    r.figure("holders (identities)", holders);
    r.footer();
}

fn main() {
    let json_path = std::env::args()
        .skip_while(|a| a != "--json")
        .nth(1)
        .unwrap_or_else(|| "scenario-report.json".into());
    let mut r = Report::new(
        "A12 toll road: all seven contracts on the in-process chain, from crowdfund to governance",
    );
    r.header();

    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let alice_id = onboarding(&mut r, &mut s);
    let escrow = offering(&mut r, &mut s);
    trading(&mut r, &mut s, alice_id);
    let (distributor, oracle, pass) = passes(&mut r, &mut s);
    revenue(&mut r, &mut s, distributor);
    sensors(&mut r, &mut s, oracle);
    let deployed = Deployed {
        escrow,
        distributor,
        oracle,
        pass,
    };
    governance(&mut r, &mut s, &deployed);
    closing(&mut r, &mut s);

    std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&r).expect("report serialises"),
    )
    .expect("write JSON report");
    println!("\nJSON report written to {json_path}");
    // The walk checks itself: any step whose outcome differs from what it expects fails the main job.
    if let Err(wrong) = r.verdict() {
        eprintln!(
            "\nFAILED: {} step(s) did not go as the walk expects:",
            wrong.len()
        );
        for line in &wrong {
            eprintln!("  {line}");
        }
        std::process::exit(1);
    }
    println!("Every step went as the walk expects.");
}
