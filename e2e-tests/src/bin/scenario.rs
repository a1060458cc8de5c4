//! The main job: deploys the compliance registry and a toll road's security token on drink's in-process chain
//! and walks a small slice of the project's life, printing each step with its weight and writing the same report
//! as JSON (`--json PATH`, default `scenario-report.json`).
use infra_suite_e2e::chain::{Cost, Outcome, DAY_MS};
use infra_suite_e2e::report::Report;
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP, USA,
};
use project_token::{TokenError, Tranche};
use suite_traits::{CheckpointError, ClaimType, HaltError};

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
        Err(e) => format!("refused: {e:?}"),
    }
}

fn main() {
    let json_path = std::env::args()
        .skip_while(|a| a != "--json")
        .nth(1)
        .unwrap_or_else(|| "scenario-report.json".into());
    let mut r = Report::new("A12 toll road: registry and security token on the in-process chain");
    r.header();

    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
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
        show(&o),
        o.cost,
    );
    let o = s.mint(alice(), 80_000);
    r.step("issuer", "mint 80 000 to alice", show(&o), o.cost);
    let o = s.mint(alice(), 30_000);
    r.step(
        "issuer",
        "mint 30 000 more to alice (max holding 10%)",
        show(&o),
        o.cost,
    );
    let t = s.token;
    let o: Outcome<Result<(), suite_traits::PSP22Error>> = s
        .chain
        .call(
            t,
            "PSP22::transfer",
            (bob(), 40_000u128, Vec::<u8>::new()),
            treasury(),
        )
        .unwrap();
    r.step("treasury", "transfer 40 000 to bob", show(&o), o.cost);
    let record_block = s.chain.block();
    s.chain.next_blocks(1);

    let o = s.transfer(alice(), bob(), 10_000);
    r.step(
        "alice",
        "transfer 10 000 to bob (compliant)",
        show(&o),
        o.cost,
    );
    let o = s.transfer(alice(), carol(), 1_000);
    r.step(
        "alice",
        "transfer 1 000 to carol (no KYC)",
        show(&o),
        o.cost,
    );
    let why = s.can_transfer(alice(), carol(), 1_000);
    r.step(
        "front-end",
        "can_transfer(alice, carol, 1 000)",
        format!("{why:?}"),
        Cost::default(),
    );
    let o = s.transfer(alice(), dave(), 1_000);
    r.step(
        "alice",
        "transfer 1 000 to dave (never registered)",
        show(&o),
        o.cost,
    );

    let now = s.chain.now();
    let o: Outcome<Result<(), TokenError>> = s
        .chain
        .call(
            t,
            "set_lockup",
            (
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
        show(&o),
        o.cost,
    );
    let o = s.transfer(bob(), alice(), 6_000);
    r.step(
        "bob",
        "transfer 6 000 to alice (only 5 000 free)",
        show(&o),
        o.cost,
    );

    let reg = s.registry;
    let o: Outcome<Result<(), compliance_registry::RegistryError>> = s
        .chain
        .call(
            reg,
            "freeze_identity",
            (alice_id, evidence(42)),
            regulator(),
        )
        .unwrap();
    r.step(
        "regulator",
        "freeze alice's identity (court order hash)",
        show(&o),
        o.cost,
    );
    let o = s.transfer(alice(), bob(), 100);
    r.step(
        "alice",
        "transfer 100 to bob while frozen",
        show(&o),
        o.cost,
    );
    let o: Outcome<Result<(), compliance_registry::RegistryError>> = s
        .chain
        .call(reg, "unfreeze_identity", alice_id, regulator())
        .unwrap();
    r.step("regulator", "unfreeze alice", show(&o), o.cost);

    let o: Outcome<Result<(), HaltError>> = s
        .chain
        .call(t, "Haltable::halt", (1u32, evidence(7)), guardian())
        .unwrap();
    r.step(
        "guardian",
        "halt trading (sensor rule 1 fired)",
        show(&o),
        o.cost,
    );
    let o = s.transfer(alice(), bob(), 100);
    r.step(
        "alice",
        "transfer 100 to bob while halted",
        show(&o),
        o.cost,
    );
    let o: Outcome<Result<(), HaltError>> =
        s.chain.call(t, "Haltable::resume", (), guardian()).unwrap();
    r.step(
        "guardian",
        "resume trading after inspection",
        show(&o),
        o.cost,
    );

    s.chain.advance_time(31 * DAY_MS);
    let o = s.transfer(alice(), bob(), 100);
    r.step(
        "alice",
        "31 days later: transfer 100 to bob (bob's KYC expired)",
        show(&o),
        o.cost,
    );
    let o = s.transfer(alice(), alice_2(), 100);
    r.step(
        "alice",
        "transfer 100 to her second wallet (same identity)",
        show(&o),
        o.cost,
    );

    let o: Outcome<Result<u128, CheckpointError>> = s
        .chain
        .query(
            t,
            "Checkpointed::balance_of_at",
            (alice(), record_block),
            alice(),
        )
        .unwrap();
    r.step(
        "distributor",
        &format!("balance_of_at(alice, block {record_block})"),
        show(&o),
        o.cost,
    );
    let o: Outcome<Result<u128, CheckpointError>> = s
        .chain
        .query(t, "Checkpointed::total_supply_at", record_block, alice())
        .unwrap();
    r.step(
        "distributor",
        &format!("total_supply_at(block {record_block})"),
        show(&o),
        o.cost,
    );

    for (name, who) in [
        ("alice", alice()),
        ("bob", bob()),
        ("carol", carol()),
        ("treasury", treasury()),
    ] {
        let b = s.balance(who);
        r.figure(&format!("balance of {name}"), b);
    }
    let supply = s.supply();
    r.figure("total supply", supply);
    let holders: u32 = s.chain.query(t, "holder_count", (), alice()).unwrap().value;
    r.figure("holders (identities)", holders);
    r.footer();

    std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&r).expect("report serialises"),
    )
    .expect("write JSON report");
    println!("\nJSON report written to {json_path}");
}
