//! The IoT oracle on the real Wasm, holding the token's guardian role: a bridge pier moving more than 5 mm in
//! three rounds in a row halts trading and readings back in range resume it; a lone faulty sensor triggers
//! nothing; documents and attested milestones, one of which releases an escrow tranche; an unauthorised caller on
//! every restricted message.
use crowdfund_escrow::{EscrowError, ReleaseCondition, TrancheTerms};
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::DAY_MS;
use infra_suite_e2e::finance::{
    bridge, halted, offering_terms, pier_displacement, OracleOutcome, PRICE,
};
use infra_suite_e2e::suite::{actors::*, evidence, GERMANY};
use iot_oracle::{OracleError, OracleRole, Settled};
use project_token::TransferRestriction;
use suite_traits::AdminError;
use suite_traits::ClaimType;

#[test]
fn a_pier_moving_over_5_mm_three_times_halts_trading_and_a_return_to_range_resumes_it() {
    let (mut s, oracle) = bridge();
    let over = [(sensor(0), 5_400), (sensor(1), 5_600), (sensor(2), 5_500)];
    s.sensor_round(oracle, &over);
    s.sensor_round(oracle, &over);
    assert!(!halted(&mut s), "two breaches are not enough");
    assert_eq!(s.transfer(alice(), bob(), 10).value, Ok(()));
    s.sensor_round(oracle, &over);
    assert!(halted(&mut s), "the third breach in a row halts");
    assert_eq!(
        s.can_transfer(alice(), bob(), 10),
        Err(TransferRestriction::Halted { reason: 0 })
    );
    let latest: Option<(Settled, bool)> = s
        .chain
        .ask(at::<Oracle>(oracle).latest(0u32), mallory())
        .unwrap()
        .value;
    assert_eq!(
        latest.map(|(v, stale)| (v.value, v.reporters, stale)),
        Some((5_500, 3, false))
    );
    let back = [(sensor(0), 800), (sensor(1), 900), (sensor(3), 850)];
    s.sensor_round(oracle, &back);
    assert!(halted(&mut s), "one round in range is not enough");
    s.sensor_round(oracle, &back);
    assert!(!halted(&mut s), "two rounds in range resume");
    assert_eq!(s.transfer(alice(), bob(), 10).value, Ok(()));
}

#[test]
fn a_lone_faulty_sensor_cannot_trigger_anything() {
    let (mut s, oracle) = bridge();
    for _ in 0..5 {
        // Sensor 2 is stuck at 45 mm; the median follows the healthy two.
        s.sensor_round(
            oracle,
            &[(sensor(0), 1_000), (sensor(1), 1_100), (sensor(2), 45_000)],
        );
    }
    assert!(!halted(&mut s));
    let out: OracleOutcome<()> = s.send(at::<Oracle>(oracle).report(0u32, 60_000i64), sensor(2));
    assert_eq!(
        out.value,
        Err(OracleError::OutOfBounds {
            value: 60_000,
            min: -50_000,
            max: 50_000
        })
    );
    let out: OracleOutcome<()> = s.send(at::<Oracle>(oracle).report(0u32, 1_000i64), sensor(0));
    assert_eq!(out.value, Ok(()));
    let dup: OracleOutcome<()> = s.send(at::<Oracle>(oracle).report(0u32, 9_000i64), sensor(0));
    assert!(
        matches!(dup.value, Err(OracleError::AlreadyReported { .. })),
        "one vote per round"
    );
}

#[test]
fn an_attested_milestone_releases_an_escrow_tranche() {
    let (mut s, oracle) = bridge();
    for (n, who) in [(1u8, sponsor()), (2, lead()), (3, platform_a())] {
        let r: OracleOutcome<()> = s.send(
            at::<Oracle>(oracle).set_role(who, OracleRole::Stakeholder, true),
            admin(),
        );
        assert_eq!(r.value, Ok(()), "stakeholder {n}");
    }
    s.onboard(
        lead(),
        GERMANY,
        &[ClaimType::Kyc, ClaimType::Accredited],
        365,
    );
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * PRICE;
    terms.tranches = vec![
        TrancheTerms {
            share_bps: 5_000,
            condition: ReleaseCondition::AdminApproval,
        },
        TrancheTerms {
            share_bps: 5_000,
            condition: ReleaseCondition::OracleMilestone {
                oracle,
                milestone: 7,
            },
        },
    ];
    let escrow = s.deploy_escrow(terms);
    assert_eq!(s.lead_commits(escrow).value, Ok(()));
    s.chain.advance_time(30 * DAY_MS);
    assert_eq!(
        s.send(at::<Escrow>(escrow).finalize(), mallory()).value,
        Ok(())
    );
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_tranche(), admin())
            .value,
        Ok(())
    );
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_tranche(), mallory())
            .value,
        Err(EscrowError::MilestoneNotAttested {
            oracle,
            milestone: 7
        })
    );
    let posted: OracleOutcome<()> = s.send(
        at::<Oracle>(oracle).post_milestone(7u32, evidence(70)),
        sponsor(),
    );
    assert_eq!(posted.value, Ok(()));
    let own: OracleOutcome<()> = s.send(at::<Oracle>(oracle).attest_milestone(7u32), sponsor());
    assert_eq!(
        own.value,
        Err(OracleError::SelfAttestation { milestone: 7 })
    );
    let a1: OracleOutcome<()> = s.send(at::<Oracle>(oracle).attest_milestone(7u32), lead());
    assert_eq!(a1.value, Ok(()));
    assert!(
        s.send(at::<Escrow>(escrow).release_tranche(), mallory())
            .value
            .is_err(),
        "one attestation of two"
    );
    let a2: OracleOutcome<()> = s.send(at::<Oracle>(oracle).attest_milestone(7u32), platform_a());
    assert_eq!(a2.value, Ok(()));
    let before = s.chain.native_balance(sponsor());
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_tranche(), mallory())
            .value,
        Ok(())
    );
    assert_eq!(
        s.chain.native_balance(sponsor()) - before,
        49_000 * PRICE,
        "half of 98% of 100 000 tokens"
    );
}

#[test]
fn documents_are_anchored_in_versions_by_their_role() {
    let (mut s, oracle) = bridge();
    let r: OracleOutcome<()> = s.send(
        at::<Oracle>(oracle).set_role(agent(), OracleRole::Inspector, true),
        admin(),
    );
    assert_eq!(r.value, Ok(()));
    let v: OracleOutcome<u32> = s.send(
        at::<Oracle>(oracle).anchor_document(2u32, b"bafy-inspection-2027".to_vec(), evidence(5)),
        agent(),
    );
    assert_eq!(v.value, Ok(1));
    let v: OracleOutcome<u32> = s.send(
        at::<Oracle>(oracle).anchor_document(2u32, b"bafy-inspection-2028".to_vec(), evidence(6)),
        agent(),
    );
    assert_eq!(v.value, Ok(2));
    let doc: Option<iot_oracle::DocumentVersion> = s
        .chain
        .ask(at::<Oracle>(oracle).document(2u32, 1u32), mallory())
        .unwrap()
        .value;
    assert_eq!(
        doc.map(|d| (d.cid, d.role)),
        Some((b"bafy-inspection-2027".to_vec(), OracleRole::Inspector))
    );
}

#[test]
fn oracle_refuses_every_unauthorised_caller() {
    let (mut s, oracle) = bridge();
    let m = mallory();
    let not_admin = Err(OracleError::Admin(AdminError::NotAdmin { caller: m }));
    let refused = |label: &str, out: OracleOutcome<()>, expected: Result<(), OracleError>| {
        assert_eq!(out.value, expected, "{label}");
        assert!(
            out.reverted && out.events == 0,
            "{label} must revert and emit nothing"
        );
    };
    refused(
        "set_role",
        s.send(
            at::<Oracle>(oracle).set_role(m, OracleRole::Stakeholder, true),
            m,
        ),
        not_admin,
    );
    refused(
        "set_token",
        s.send(at::<Oracle>(oracle).set_token(Some(m)), m),
        not_admin,
    );
    refused(
        "set_device",
        s.send(at::<Oracle>(oracle).set_device(0u32, m, true), m),
        not_admin,
    );
    s.chain.assert_admin_refuses(oracle, m);
    refused(
        "report",
        s.send(at::<Oracle>(oracle).report(0u32, 1i64), m),
        Err(OracleError::NotDevice { caller: m, feed: 0 }),
    );
    refused(
        "post_milestone",
        s.send(at::<Oracle>(oracle).post_milestone(1u32, evidence(1)), m),
        Err(OracleError::MissingRole {
            caller: m,
            role: OracleRole::Stakeholder,
        }),
    );
    refused(
        "attest_milestone",
        s.send(at::<Oracle>(oracle).attest_milestone(1u32), m),
        Err(OracleError::MissingRole {
            caller: m,
            role: OracleRole::Stakeholder,
        }),
    );
    let feed: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_feed(pier_displacement()), m);
    assert_eq!(
        feed.value,
        Err(OracleError::Admin(AdminError::NotAdmin { caller: m }))
    );
    let rule: OracleOutcome<u32> = s.send(
        at::<Oracle>(oracle).add_rule(infra_suite_e2e::finance::bridge_rule()),
        m,
    );
    assert_eq!(
        rule.value,
        Err(OracleError::Admin(AdminError::NotAdmin { caller: m }))
    );
    let doc: OracleOutcome<u32> = s.send(
        at::<Oracle>(oracle).anchor_document(1u32, b"x".to_vec(), evidence(1)),
        m,
    );
    assert_eq!(
        doc.value,
        Err(OracleError::MissingRole {
            caller: m,
            role: OracleRole::Engineer
        })
    );
    // The oracle cannot be used to halt the token by anyone but its devices' median, and the token refuses a
    // direct halt by anyone but a guardian.
    let t = s.token;
    let direct: infra_suite_e2e::chain::Outcome<Result<(), suite_traits::HaltError>> = s
        .chain
        .send(at::<Token>(t).halt(1u32, evidence(1)), m)
        .unwrap();
    assert_eq!(
        direct.value,
        Err(suite_traits::HaltError::NotGuardian { caller: m })
    );
    assert!(!s.chain.ask(at::<Token>(t).is_halted(), m).unwrap().value);
}
