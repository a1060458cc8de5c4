//! The IoT oracle's trust guarantees on the real Wasm: a halting rule halts again on every new excursion (also
//! after the token's admin or governor resumed it) and resumes only a halt the oracle placed itself, a refused
//! halt is retried; one device can neither fake nor hide an event (odd quorum of at least 3 and a spare device
//! for halting feeds, readings of a removed device do not count, a timed-out round settles on a quorum of live
//! devices); the admin edits and removes feeds and rules; deviation and average rules ignore stale history.
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::Outcome;
use infra_suite_e2e::finance::{bridge, halt_info, halted, pier_displacement, OracleOutcome, MIN};
use infra_suite_e2e::suite::{actors::*, evidence, Suite};
use ink::primitives::AccountId;
use iot_oracle::{
    Condition, FeedConfig, FeedRule, OracleError, Round, Rule, RuleAction, RuleState, Settled,
};
use project_token::Role;
use suite_traits::AdminError;
use suite_traits::HaltError;

fn token_halt(s: &mut Suite, who: AccountId, reason: u32) -> Result<(), HaltError> {
    let t = s.token;
    let o: Outcome<Result<(), HaltError>> = s
        .chain
        .send(at::<Token>(t).halt(reason, evidence(9)), who)
        .unwrap();
    o.value
}

fn token_resume(s: &mut Suite, who: AccountId) -> Result<(), HaltError> {
    let t = s.token;
    let o: Outcome<Result<(), HaltError>> = s.chain.send(at::<Token>(t).resume(), who).unwrap();
    o.value
}

fn admin_ok<A: scale::Encode>(s: &mut Suite, oracle: AccountId, label: &str, args: A) {
    let o: OracleOutcome<()> = s.chain.call(oracle, label, args, admin()).unwrap();
    assert_eq!(o.value, Ok(()), "{label}");
    assert!(o.events >= 1, "{label} emits an event");
}

fn add_rule(s: &mut Suite, oracle: AccountId, rule: Rule) -> Result<u32, OracleError> {
    s.send(at::<Oracle>(oracle).add_rule(rule), admin()).value
}

fn rule_state(s: &mut Suite, oracle: AccountId, rule: u32) -> RuleState {
    s.chain
        .ask(at::<Oracle>(oracle).rule_state(rule), mallory())
        .unwrap()
        .value
}

fn latest(s: &mut Suite, oracle: AccountId, feed: u32) -> Option<(Settled, bool)> {
    s.chain
        .ask(at::<Oracle>(oracle).latest(feed), mallory())
        .unwrap()
        .value
}

fn report(
    s: &mut Suite,
    oracle: AccountId,
    feed: u32,
    who: AccountId,
    v: i64,
) -> OracleOutcome<()> {
    s.send(at::<Oracle>(oracle).report(feed, v), who)
}

fn rule(condition: Condition, consecutive: u32, resume_after: u32, action: RuleAction) -> Rule {
    Rule {
        feed: 0,
        condition,
        consecutive,
        resume_after,
        action,
    }
}

#[test]
fn a_halting_rule_fires_again_on_every_new_excursion_including_after_a_governance_resume() {
    let (mut s, oracle) = bridge();
    // A 20 mm jump halts at once and leaves the resume to the token's admin (the holders' governor).
    let jump_rule = rule(Condition::Above(20_000), 1, 0, RuleAction::HaltToken);
    assert_eq!(add_rule(&mut s, oracle, jump_rule), Ok(1));
    let jump = [
        (sensor(0), 25_000),
        (sensor(1), 24_000),
        (sensor(2), 26_000),
    ];
    let calm = [(sensor(0), 1_000), (sensor(1), 1_100), (sensor(3), 900)];
    s.sensor_round(oracle, &jump);
    assert!(halted(&mut s), "the jump halts");
    assert_eq!(
        token_resume(&mut s, admin()),
        Ok(()),
        "resumed after an inspection"
    );
    s.sensor_round(oracle, &calm);
    assert!(!halted(&mut s));
    s.sensor_round(oracle, &jump);
    assert!(
        halted(&mut s),
        "a new excursion after the resume halts again"
    );
    assert_eq!(
        halt_info(&mut s).map(|h| (h.guardian, h.reason)),
        Some((oracle, 1))
    );
    // Resumed while the pier is still out of range: the next breaching round is a new excursion.
    assert_eq!(token_resume(&mut s, admin()), Ok(()));
    s.sensor_round(oracle, &jump);
    assert!(
        halted(&mut s),
        "still breaching after the resume halts again"
    );
}

#[test]
fn the_oracle_resumes_only_a_halt_it_placed_itself() {
    let (mut s, oracle) = bridge();
    let over = [(sensor(0), 5_400), (sensor(1), 5_600), (sensor(2), 5_500)];
    let back = [(sensor(0), 800), (sensor(1), 900), (sensor(3), 850)];
    for _ in 0..3 {
        s.sensor_round(oracle, &over);
    }
    assert_eq!(halt_info(&mut s).map(|h| h.guardian), Some(oracle));
    // The admin lifts the oracle's halt; the token's other guardian halts for its own reason.
    assert_eq!(token_resume(&mut s, admin()), Ok(()));
    assert_eq!(token_halt(&mut s, guardian(), 77), Ok(()));
    s.sensor_round(oracle, &back);
    s.sensor_round(oracle, &back);
    assert!(!rule_state(&mut s, oracle, 0).fired, "the rule cleared");
    assert_eq!(
        halt_info(&mut s).map(|h| (h.guardian, h.reason)),
        Some((guardian(), 77)),
        "the guardian's halt is not the oracle's to lift"
    );
    assert!(halted(&mut s));
}

#[test]
fn a_failed_halt_is_retried_on_the_next_breaching_reading() {
    let (mut s, oracle) = bridge();
    s.as_admin(at::<Token>(s.token).revoke_role(oracle, Role::Guardian));
    let over = [(sensor(0), 5_400), (sensor(1), 5_600), (sensor(2), 5_500)];
    for _ in 0..3 {
        s.sensor_round(oracle, &over);
    }
    assert!(!halted(&mut s), "the token refused the halt");
    assert!(
        !rule_state(&mut s, oracle, 0).fired,
        "a refused halt does not count as fired"
    );
    s.as_admin(at::<Token>(s.token).grant_role(oracle, Role::Guardian));
    s.sensor_round(oracle, &over);
    assert!(halted(&mut s), "the next breaching round halts");
    assert!(rule_state(&mut s, oracle, 0).fired);
}

#[test]
fn a_halting_feed_needs_an_odd_quorum_of_at_least_three_and_a_spare_device() {
    let (mut s, oracle) = bridge();
    let halting = |feed: u32| Rule {
        feed,
        ..rule(Condition::Above(5_000), 1, 1, RuleAction::HaltToken)
    };
    // Feed 1: quorum 3 but only three devices; a silent one would hide every event.
    let f: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_feed(pier_displacement()), admin());
    assert_eq!(f.value, Ok(1));
    for n in 0..3 {
        admin_ok(&mut s, oracle, "set_device", (1u32, sensor(n), true));
    }
    let r: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_rule(halting(1)), admin());
    assert_eq!(
        r.value,
        Err(OracleError::TooFewDevicesForHalting {
            feed: 1,
            devices: 3,
            needed: 4
        })
    );
    assert!(r.reverted && r.events == 0);
    let alert = Rule {
        action: RuleAction::Alert,
        ..halting(1)
    };
    assert!(
        add_rule(&mut s, oracle, alert).is_ok(),
        "an alert needs no spare"
    );
    // Feed 2: an even quorum lets one device move the median of two.
    let mut two = pier_displacement();
    two.quorum = 2;
    let f: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_feed(two), admin());
    assert_eq!(f.value, Ok(2));
    for n in 0..4 {
        admin_ok(&mut s, oracle, "set_device", (2u32, sensor(n), true));
    }
    assert_eq!(
        add_rule(&mut s, oracle, halting(2)),
        Err(OracleError::HaltingQuorumInvalid { feed: 2, quorum: 2 })
    );
    // Feed 0 carries a halting rule: it keeps its spare device and an odd quorum of 3 or more.
    let o: OracleOutcome<()> = s.send(
        at::<Oracle>(oracle).set_device(0u32, sensor(3), false),
        admin(),
    );
    assert_eq!(
        o.value,
        Err(OracleError::TooFewDevicesForHalting {
            feed: 0,
            devices: 3,
            needed: 4
        })
    );
    for (quorum, expected) in [
        (1, OracleError::HaltingQuorumInvalid { feed: 0, quorum: 1 }),
        (2, OracleError::HaltingQuorumInvalid { feed: 0, quorum: 2 }),
        (4, OracleError::HaltingQuorumInvalid { feed: 0, quorum: 4 }),
        (
            5,
            OracleError::TooFewDevicesForHalting {
                feed: 0,
                devices: 4,
                needed: 6,
            },
        ),
    ] {
        let cfg = FeedConfig {
            quorum,
            ..pier_displacement()
        };
        let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).update_feed(0u32, cfg), admin());
        assert_eq!(o.value, Err(expected), "quorum {quorum}");
    }
    let q: Option<FeedConfig> = s
        .chain
        .ask(at::<Oracle>(oracle).feed(0u32), mallory())
        .unwrap()
        .value;
    assert_eq!(q.map(|c| c.quorum), Some(3));
    let o: OracleOutcome<()> = s.send(
        at::<Oracle>(oracle).set_device(0u32, mallory(), false),
        admin(),
    );
    assert_eq!(
        o.value,
        Err(OracleError::UnknownDevice {
            feed: 0,
            device: mallory()
        })
    );
}

#[test]
fn readings_of_a_device_removed_mid_round_do_not_count() {
    let (mut s, oracle) = bridge();
    s.chain.fund(sensor(4));
    admin_ok(&mut s, oracle, "set_device", (0u32, sensor(4), true));
    // Sensor 1 is found tampered with after reporting along with the faulty sensor 0.
    assert_eq!(report(&mut s, oracle, 0, sensor(0), 9_000).value, Ok(()));
    assert_eq!(report(&mut s, oracle, 0, sensor(1), 9_000).value, Ok(()));
    admin_ok(&mut s, oracle, "set_device", (0u32, sensor(1), false));
    let round: Round = s
        .chain
        .ask(at::<Oracle>(oracle).round(0u32), mallory())
        .unwrap()
        .value;
    assert_eq!(round.reporters, vec![sensor(0)]);
    assert_eq!(report(&mut s, oracle, 0, sensor(2), 100).value, Ok(()));
    assert_eq!(
        latest(&mut s, oracle, 0),
        None,
        "two live readings are no quorum"
    );
    assert_eq!(report(&mut s, oracle, 0, sensor(3), 110).value, Ok(()));
    assert_eq!(
        latest(&mut s, oracle, 0).map(|(v, _)| (v.value, v.reporters)),
        Some((110, 3))
    );
    assert_eq!(
        report(&mut s, oracle, 0, sensor(1), 100).value,
        Err(OracleError::NotDevice {
            caller: sensor(1),
            feed: 0
        })
    );
}

#[test]
fn a_timed_out_round_settles_on_what_it_has_if_that_is_a_quorum_of_live_devices() {
    let (mut s, oracle) = bridge();
    // Feed 1 (no halting rule): quorum 3 of sensors 0..=3.
    let f: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_feed(pier_displacement()), admin());
    assert_eq!(f.value, Ok(1));
    for n in 0..4 {
        admin_ok(&mut s, oracle, "set_device", (1u32, sensor(n), true));
    }
    assert_eq!(report(&mut s, oracle, 1, sensor(0), 100).value, Ok(()));
    assert_eq!(report(&mut s, oracle, 1, sensor(1), 200).value, Ok(()));
    // Two of the sensors are dismantled: the admin lowers the quorum to 2 and the round times out.
    let cfg = FeedConfig {
        quorum: 2,
        ..pier_displacement()
    };
    admin_ok(&mut s, oracle, "update_feed", (1u32, cfg));
    s.chain.advance_time(11 * MIN);
    assert_eq!(report(&mut s, oracle, 1, sensor(2), 900).value, Ok(()));
    assert_eq!(
        latest(&mut s, oracle, 1).map(|(v, _)| (v.value, v.round, v.reporters)),
        Some((150, 1, 2)),
        "the timed-out round settled on its two live readings"
    );
    let round: Round = s
        .chain
        .ask(at::<Oracle>(oracle).round(1u32), mallory())
        .unwrap()
        .value;
    assert_eq!((round.number, round.values), (2, vec![900]));
    // A timed-out round whose live readings are no quorum is discarded.
    admin_ok(&mut s, oracle, "set_device", (1u32, sensor(2), false));
    assert_eq!(report(&mut s, oracle, 1, sensor(3), 300).value, Ok(()));
    s.chain.advance_time(11 * MIN);
    assert_eq!(report(&mut s, oracle, 1, sensor(0), 400).value, Ok(()));
    let round: Round = s
        .chain
        .ask(at::<Oracle>(oracle).round(1u32), mallory())
        .unwrap()
        .value;
    assert_eq!((round.number, round.values), (2, vec![400]));
    assert_eq!(latest(&mut s, oracle, 1).map(|(v, _)| v.round), Some(1));
}

#[test]
fn the_admin_edits_and_removes_rules_and_feeds_with_events() {
    let (mut s, oracle) = bridge();
    let m = mallory();
    let stricter = rule(Condition::Above(10_000), 1, 1, RuleAction::HaltToken);
    let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).update_rule(0u32, stricter), m);
    assert_eq!(
        o.value,
        Err(OracleError::Admin(AdminError::NotAdmin { caller: m }))
    );
    admin_ok(&mut s, oracle, "update_rule", (0u32, stricter));
    let r: Option<Rule> = s
        .chain
        .ask(at::<Oracle>(oracle).rule(0u32), m)
        .unwrap()
        .value;
    assert_eq!(r, Some(stricter));
    let six = [(sensor(0), 6_000), (sensor(1), 6_000), (sensor(2), 6_000)];
    let twelve = [
        (sensor(0), 12_000),
        (sensor(1), 12_000),
        (sensor(2), 12_000),
    ];
    let calm = [(sensor(0), 100), (sensor(1), 100), (sensor(2), 100)];
    for _ in 0..3 {
        s.sensor_round(oracle, &six);
    }
    assert!(!halted(&mut s), "the edited threshold is 10 mm");
    s.sensor_round(oracle, &twelve);
    assert!(halted(&mut s));
    s.sensor_round(oracle, &calm);
    assert!(!halted(&mut s), "the edited rule resumes after one round");
    let moved = Rule {
        feed: 1,
        ..stricter
    };
    let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).update_rule(0u32, moved), admin());
    assert_eq!(
        o.value,
        Err(OracleError::RuleFeedFixed { rule: 0, feed: 0 })
    );
    let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).remove_rule(0u32), m);
    assert_eq!(
        o.value,
        Err(OracleError::Admin(AdminError::NotAdmin { caller: m }))
    );
    admin_ok(&mut s, oracle, "remove_rule", 0u32);
    let r: Option<Rule> = s
        .chain
        .ask(at::<Oracle>(oracle).rule(0u32), m)
        .unwrap()
        .value;
    assert_eq!(r, None);
    let rules: Vec<u32> = s
        .chain
        .ask(at::<Oracle>(oracle).feed_rules(0u32), m)
        .unwrap()
        .value;
    assert!(rules.is_empty());
    s.sensor_round(oracle, &twelve);
    assert!(!halted(&mut s), "a removed rule does nothing");
    let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).remove_rule(0u32), admin());
    assert_eq!(o.value, Err(OracleError::UnknownRule { rule: 0 }));
    // Feeds: wider bounds, a fixed totals period, removal.
    let wider = FeedConfig {
        max_value: 60_000,
        ..pier_displacement()
    };
    let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).update_feed(0u32, wider), m);
    assert_eq!(
        o.value,
        Err(OracleError::Admin(AdminError::NotAdmin { caller: m }))
    );
    admin_ok(&mut s, oracle, "update_feed", (0u32, wider));
    assert_eq!(report(&mut s, oracle, 0, sensor(0), 55_000).value, Ok(()));
    let cumulative = FeedConfig {
        cumulative: true,
        ..wider
    };
    let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).update_feed(0u32, cumulative), admin());
    assert_eq!(
        o.value,
        Err(OracleError::InvalidFeed {
            rule: FeedRule::PeriodFixed
        })
    );
    let o: OracleOutcome<()> = s.send(at::<Oracle>(oracle).remove_feed(0u32), m);
    assert_eq!(
        o.value,
        Err(OracleError::Admin(AdminError::NotAdmin { caller: m }))
    );
    admin_ok(&mut s, oracle, "remove_feed", 0u32);
    let f: Option<FeedConfig> = s
        .chain
        .ask(at::<Oracle>(oracle).feed(0u32), m)
        .unwrap()
        .value;
    assert_eq!(f, None);
    assert_eq!(
        report(&mut s, oracle, 0, sensor(1), 100).value,
        Err(OracleError::UnknownFeed { feed: 0 })
    );
    let next: OracleOutcome<u32> =
        s.send(at::<Oracle>(oracle).add_feed(pier_displacement()), admin());
    assert_eq!(next.value, Ok(1), "feed numbers are never reused");
}

#[test]
fn step_and_average_rules_ignore_stale_history() {
    let (mut s, oracle) = bridge();
    let step = rule(Condition::StepAbove(1_000), 1, 0, RuleAction::Alert);
    assert_eq!(add_rule(&mut s, oracle, step), Ok(1));
    let average = rule(
        Condition::AverageAbove {
            threshold: 5_000,
            samples: 2,
        },
        2,
        0,
        RuleAction::Alert,
    );
    assert_eq!(add_rule(&mut s, oracle, average), Ok(2));
    let all = |v: i64| [(sensor(0), v), (sensor(1), v), (sensor(2), v)];
    s.sensor_round(oracle, &all(100));
    // The feed is stale after an hour; two hours later a 3 mm reading is no 2.9 mm step.
    s.chain.advance_time(120 * MIN);
    s.sensor_round(oracle, &all(3_000));
    assert!(
        !rule_state(&mut s, oracle, 1).fired,
        "no step from a stale value"
    );
    s.sensor_round(oracle, &all(100));
    assert!(
        rule_state(&mut s, oracle, 1).fired,
        "a fresh 2.9 mm step fires"
    );
    // 20 mm once: the mean of the last two (100, 20 000) breaches once.
    s.sensor_round(oracle, &all(20_000));
    assert_eq!(rule_state(&mut s, oracle, 2).breaches, 1);
    s.chain.advance_time(120 * MIN);
    s.sensor_round(oracle, &all(0));
    let avg = rule_state(&mut s, oracle, 2);
    assert_eq!(
        (avg.fired, avg.breaches),
        (false, 0),
        "a stale 20 mm is not averaged with a fresh 0"
    );
}

#[test]
fn a_halt_whose_feed_goes_silent_ends_after_the_staleness_bound_and_a_failed_resume_is_retried() {
    let (mut s, oracle) = bridge();
    let over = [(sensor(0), 5_400), (sensor(1), 5_600), (sensor(2), 5_500)];
    for _ in 0..3 {
        s.sensor_round(oracle, &over);
    }
    assert!(halted(&mut s));
    // The sensors go silent. Within the feed's staleness bound (an hour after the last settled value, which
    // `sensor_round` left 15 minutes behind) the halt stands.
    s.chain.advance_time(30 * 60_000);
    let early = s
        .send(at::<Oracle>(oracle).lapse_silent_rule(0u32), mallory())
        .value;
    assert!(
        matches!(early, Err(OracleError::FeedNotSilent { feed: 0, .. })),
        "{early:?}"
    );
    assert!(
        halted(&mut s),
        "silence alone does not resume within the bound"
    );
    // Past it anyone lapses the rule. The oracle meanwhile lost its guardian role, so the resume fails...
    s.chain.advance_time(20 * 60_000);
    s.as_admin(at::<Token>(s.token).revoke_role(oracle, Role::Guardian));
    assert_eq!(
        s.send(at::<Oracle>(oracle).lapse_silent_rule(0u32), mallory())
            .value,
        Ok(())
    );
    assert!(!rule_state(&mut s, oracle, 0).fired, "the rule lapsed");
    assert!(halted(&mut s), "the token refused the resume");
    assert_eq!(
        s.send(at::<Oracle>(oracle).retry_resume(), mallory()).value,
        Err(OracleError::ResumeRefused)
    );
    // ... and anyone retries it once the role is back.
    s.as_admin(at::<Token>(s.token).grant_role(oracle, Role::Guardian));
    assert_eq!(
        s.send(at::<Oracle>(oracle).retry_resume(), mallory()).value,
        Ok(())
    );
    assert!(!halted(&mut s));
    // A halt that is not the oracle's own is never lifted by a retry.
    assert_eq!(token_halt(&mut s, guardian(), 77), Ok(()));
    assert_eq!(
        s.send(at::<Oracle>(oracle).retry_resume(), mallory()).value,
        Err(OracleError::ResumeRefused)
    );
    assert!(halted(&mut s));
}

#[test]
fn a_halt_left_to_people_is_never_lifted_by_silence_or_a_retry() {
    let (mut s, oracle) = bridge();
    // A 20 mm jump halts at once and leaves the resume to people (resume_after 0).
    let jump_rule = rule(Condition::Above(20_000), 1, 0, RuleAction::HaltToken);
    assert_eq!(add_rule(&mut s, oracle, jump_rule), Ok(1));
    let jump = [
        (sensor(0), 25_000),
        (sensor(1), 24_000),
        (sensor(2), 26_000),
    ];
    s.sensor_round(oracle, &jump);
    assert_eq!(
        halt_info(&mut s).map(|h| (h.guardian, h.reason)),
        Some((oracle, 1))
    );
    // The sensors are destroyed in the incident: silence for a day.
    s.chain.advance_time(24 * 60 * 60_000);
    assert_eq!(
        s.send(at::<Oracle>(oracle).lapse_silent_rule(1u32), mallory())
            .value,
        Err(OracleError::ResumeLeftToPeople { rule: 1 })
    );
    // The bridge rule (0) fired too on the same readings? Not yet (it needs three rounds): nothing else to lapse.
    assert_eq!(
        s.send(at::<Oracle>(oracle).lapse_silent_rule(0u32), mallory())
            .value,
        Err(OracleError::RuleNotFired { rule: 0 })
    );
    assert_eq!(
        s.send(at::<Oracle>(oracle).retry_resume(), mallory()).value,
        Err(OracleError::ResumeLeftToPeople { rule: 1 })
    );
    assert!(
        halted(&mut s),
        "the halt stays for the holders or the guardian to lift"
    );
    // Removed by the admin, the rule's halt still stays (and a retry cannot find a rule that resumes on its own).
    admin_ok(&mut s, oracle, "remove_rule", 1u32);
    assert_eq!(
        s.send(at::<Oracle>(oracle).retry_resume(), mallory()).value,
        Err(OracleError::UnknownRule { rule: 1 })
    );
    assert!(halted(&mut s));
}
