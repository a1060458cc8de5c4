//! Native tests of the oracle's rules ([`OracleData`]): median and its robustness, rounds, rules firing and
//! clearing, documents, milestones and period totals.
use ink::primitives::{AccountId, Hash};
use proptest::prelude::*;
use suite_traits::testing::fresh;
use suite_traits::AdminError;

use crate::data::{OracleData, OracleRole, TokenAction};
use crate::errors::OracleError;
use crate::feeds::{median, FeedConfig, FeedRule};
use crate::rules::{Condition, Rule, RuleAction};

const MIN: u64 = 60_000;
const DAY: u64 = 86_400_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
fn admin() -> AccountId {
    acc(1)
}
fn sensor(n: u8) -> AccountId {
    acc(40 + n)
}

/// Pier displacement in µm: plausible within ±50 mm, 3 of the sensors must agree within 10 minutes.
fn displacement() -> FeedConfig {
    FeedConfig {
        min_value: -50_000,
        max_value: 50_000,
        quorum: 3,
        round_timeout_ms: 10 * MIN,
        staleness_ms: 60 * MIN,
        cumulative: false,
        period_ms: DAY,
    }
}

/// Feed 0 with sensors 0..4 and the bridge rule: above 5 mm three rounds in a row halts; two in range resume.
fn bridge() -> OracleData {
    let mut o = OracleData::new(admin(), 2);
    o.add_feed(admin(), displacement()).unwrap();
    for n in 0..4 {
        o.set_device(admin(), 0, sensor(n), true).unwrap();
    }
    o.add_rule(
        admin(),
        Rule {
            feed: 0,
            condition: Condition::Above(5_000),
            consecutive: 3,
            resume_after: 2,
            action: RuleAction::HaltToken,
        },
    )
    .unwrap();
    o
}

/// Three sensors report `values` at `t`; returns the actions of the settling report.
fn round(o: &mut OracleData, values: [i64; 3], t: u64) -> Vec<TokenAction> {
    let mut actions = vec![];
    for (n, v) in values.into_iter().enumerate() {
        let out = o.report(sensor(n as u8), 0, v, t).unwrap();
        actions = out.actions;
    }
    actions
}

#[test]
fn median_of_odd_even_and_negative_sets() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[7]), Some(7));
    assert_eq!(median(&[9, 1, 5]), Some(5));
    assert_eq!(median(&[4, 1, 3, 2]), Some(2));
    assert_eq!(median(&[-3, -1]), Some(-2));
    assert_eq!(median(&[i64::MAX, i64::MAX]), Some(i64::MAX));
}

#[test]
fn feed_configuration_is_checked() {
    fresh(|| {
        let mut o = OracleData::new(admin(), 2);
        let mut f = displacement();
        f.quorum = 0;
        assert_eq!(
            o.add_feed(admin(), f),
            Err(OracleError::InvalidFeed {
                rule: FeedRule::QuorumOutOfRange
            })
        );
        f = displacement();
        f.max_value = f.min_value;
        assert_eq!(
            o.add_feed(admin(), f),
            Err(OracleError::InvalidFeed {
                rule: FeedRule::BoundsInverted
            })
        );
        assert_eq!(
            o.add_feed(acc(66), displacement()),
            Err(OracleError::Admin(AdminError::NotAdmin { caller: acc(66) }))
        );
    })
}

#[test]
fn readings_are_checked_and_a_round_settles_on_the_median_at_quorum() {
    fresh(|| {
        let mut o = bridge();
        assert_eq!(
            o.report(acc(66), 0, 1, 0),
            Err(OracleError::NotDevice {
                caller: acc(66),
                feed: 0
            })
        );
        assert_eq!(
            o.report(sensor(0), 0, 60_000, 0),
            Err(OracleError::OutOfBounds {
                value: 60_000,
                min: -50_000,
                max: 50_000
            })
        );
        assert!(o.report(sensor(0), 0, 1_200, 0).unwrap().settled.is_empty());
        assert_eq!(
            o.report(sensor(0), 0, 1_300, 0),
            Err(OracleError::AlreadyReported {
                device: sensor(0),
                round: 1
            })
        );
        o.report(sensor(1), 0, 900, MIN).unwrap();
        let out = o.report(sensor(2), 0, 1_000, 2 * MIN).unwrap();
        let settled = &out.settled[0];
        assert_eq!(
            (settled.value, settled.round, settled.reporters),
            (1_000, 1, 3)
        );
        let (latest, stale) = o.latest(0, 2 * MIN).unwrap();
        assert_eq!((latest.value, stale), (1_000, false));
        assert!(
            o.latest(0, 2 * MIN + 61 * MIN).unwrap().1,
            "stale after an hour"
        );
        assert_eq!(o.round(0).number, 2);
    })
}

#[test]
fn a_round_that_misses_its_quorum_in_time_is_discarded() {
    fresh(|| {
        let mut o = bridge();
        o.report(sensor(0), 0, 9_000, 0).unwrap();
        o.report(sensor(1), 0, 9_000, MIN).unwrap();
        let out = o.report(sensor(2), 0, 100, 10 * MIN).unwrap();
        assert_eq!(out.discarded.map(|d| d.readings), Some(2));
        assert!(out.settled.is_empty());
        assert_eq!(o.round(0).values, vec![100]);
    })
}

#[test]
fn three_breaches_halt_and_two_rounds_in_range_resume() {
    fresh(|| {
        let mut o = bridge();
        assert!(round(&mut o, [6_000, 6_100, 5_900], 0).is_empty());
        assert!(round(&mut o, [6_000, 6_100, 5_900], 15 * MIN).is_empty());
        assert_eq!(o.rule_state(0).breaches, 2);
        let actions = round(&mut o, [7_000, 6_100, 5_900], 30 * MIN);
        assert!(matches!(
            actions.as_slice(),
            [TokenAction::Halt { rule: 0, .. }]
        ));
        assert!(o.rule_state(0).fired);
        // Still above: no second halt.
        assert!(round(&mut o, [7_000, 7_100, 7_200], 45 * MIN).is_empty());
        assert!(round(&mut o, [1_000, 1_100, 900], 60 * MIN).is_empty());
        assert_eq!(
            round(&mut o, [1_000, 1_100, 900], 75 * MIN),
            vec![TokenAction::Resume { rule: 0 }]
        );
        assert!(!o.rule_state(0).fired);
    })
}

#[test]
fn a_lone_faulty_device_triggers_nothing() {
    fresh(|| {
        let mut o = bridge();
        for i in 0..5u64 {
            // Sensor 0 is stuck at 45 mm; the two healthy sensors read 1 mm.
            let actions = round(&mut o, [45_000, 1_000, 1_050], i * 15 * MIN);
            assert!(actions.is_empty());
            assert_eq!(o.latest(0, i * 15 * MIN).unwrap().0.value, 1_050);
        }
        assert_eq!(o.rule_state(0).breaches, 0);
    })
}

#[test]
fn step_and_average_rules_alert() {
    fresh(|| {
        let mut o = bridge();
        o.add_rule(
            admin(),
            Rule {
                feed: 0,
                condition: Condition::StepAbove(2_000),
                consecutive: 1,
                resume_after: 0,
                action: RuleAction::Alert,
            },
        )
        .unwrap();
        o.add_rule(
            admin(),
            Rule {
                feed: 0,
                condition: Condition::AverageAbove {
                    threshold: 3_000,
                    samples: 3,
                },
                consecutive: 1,
                resume_after: 0,
                action: RuleAction::Alert,
            },
        )
        .unwrap();
        let fired = |values: [i64; 3], t: u64, o: &mut OracleData| -> Vec<u32> {
            let mut last = vec![];
            for (n, v) in values.into_iter().enumerate() {
                last = o.report(sensor(n as u8), 0, v, t).unwrap().fired;
            }
            last.into_iter().map(|f| f.rule).collect()
        };
        assert!(fired([1_000; 3], 0, &mut o).is_empty());
        assert_eq!(fired([3_500; 3], 15 * MIN, &mut o), vec![1]);
        // Mean of 1 000, 3 500, 4 800 = 3 100 > 3 000: the average rule fires; the step of 1 300 does not.
        assert_eq!(fired([4_800; 3], 30 * MIN, &mut o), vec![2]);
    })
}

#[test]
fn cumulative_feeds_keep_period_totals() {
    fresh(|| {
        let mut o = OracleData::new(admin(), 2);
        let mut energy = displacement();
        energy.cumulative = true;
        energy.quorum = 1;
        energy.min_value = 0;
        energy.max_value = 1_000_000_000;
        o.add_feed(admin(), energy).unwrap();
        o.set_device(admin(), 0, sensor(0), true).unwrap();
        o.report(sensor(0), 0, 5_000, DAY + 1).unwrap();
        o.report(sensor(0), 0, 7_000, DAY + 2 * MIN).unwrap();
        o.report(sensor(0), 0, 1_000, 2 * DAY).unwrap();
        assert_eq!(o.period_total(0, 1), 12_000);
        assert_eq!(o.period_total(0, 2), 1_000);
        assert_eq!(o.period_of(0, 2 * DAY + 5), Some(2));
    })
}

#[test]
fn documents_are_versioned_and_signed_by_a_role() {
    fresh(|| {
        let mut o = OracleData::new(admin(), 2);
        assert_eq!(
            o.anchor_document(acc(66), 1, b"bafy...".to_vec(), Hash::from([1; 32]), 0),
            Err(OracleError::MissingRole {
                caller: acc(66),
                role: OracleRole::Engineer
            })
        );
        o.set_role(admin(), acc(20), OracleRole::Engineer, true)
            .unwrap();
        o.set_role(admin(), acc(21), OracleRole::Inspector, true)
            .unwrap();
        let v1 = o
            .anchor_document(acc(20), 1, b"bafy-bim-v1".to_vec(), Hash::from([1; 32]), 5)
            .unwrap();
        let v2 = o
            .anchor_document(
                acc(21),
                1,
                b"bafy-inspection".to_vec(),
                Hash::from([2; 32]),
                6,
            )
            .unwrap();
        assert_eq!((v1.version, v2.version), (1, 2));
        assert_eq!(o.document(1, 1).unwrap().cid, b"bafy-bim-v1".to_vec());
        assert_eq!(o.document(1, 2).unwrap().role, OracleRole::Inspector);
        assert_eq!(o.document_version(1), 2);
        assert_eq!(
            o.anchor_document(acc(20), 1, vec![b'x'; 97], Hash::from([3; 32]), 7),
            Err(OracleError::CidTooLong { len: 97, max: 96 })
        );
    })
}

#[test]
fn evidence_can_be_posted_again_until_attested_and_old_attestations_do_not_count() {
    fresh(|| {
        let mut o = OracleData::new(admin(), 2);
        for n in [20, 21, 22, 23] {
            o.set_role(admin(), acc(n), OracleRole::Stakeholder, true)
                .unwrap();
        }
        o.post_milestone(acc(20), 1, Hash::from([1; 32]), 0)
            .unwrap();
        assert!(!o.attest_milestone(acc(21), 1, 1).unwrap().attested);
        // Another stakeholder cannot reset it while it is fresh (it could keep every milestone from being attested).
        let week = crate::data::REPOST_BY_OTHERS_AFTER_MS;
        assert_eq!(
            o.post_milestone(acc(22), 1, Hash::from([2; 32]), week - 1),
            Err(OracleError::EvidenceAwaitingAttestation {
                milestone: 1,
                until: week
            })
        );
        // The poster may correct its own at once.
        o.post_milestone(acc(20), 1, Hash::from([4; 32]), 2)
            .unwrap();
        // A week unattested: another stakeholder posts the right evidence; 21's attestation was of the old one.
        let e = o
            .post_milestone(acc(22), 1, Hash::from([2; 32]), 2 + week)
            .unwrap();
        assert_eq!((e.poster, e.evidence), (acc(22), Hash::from([2; 32])));
        assert_eq!(
            o.attest_milestone(acc(22), 1, 3),
            Err(OracleError::SelfAttestation { milestone: 1 })
        );
        assert!(!o.attest_milestone(acc(21), 1, 3).unwrap().attested);
        assert_eq!(
            o.attest_milestone(acc(21), 1, 3),
            Err(OracleError::AlreadyAttested {
                milestone: 1,
                by: acc(21)
            })
        );
        // The first poster, no longer the poster, may attest the new evidence: two attestations, attested.
        assert!(o.attest_milestone(acc(20), 1, 4).unwrap().attested);
        assert_eq!(
            o.post_milestone(acc(23), 1, Hash::from([3; 32]), 5),
            Err(OracleError::MilestoneExists { milestone: 1 }),
            "attested evidence is final"
        );
    })
}

#[test]
fn milestones_need_distinct_stakeholders_other_than_the_poster() {
    fresh(|| {
        let mut o = OracleData::new(admin(), 2);
        for n in [20, 21, 22] {
            o.set_role(admin(), acc(n), OracleRole::Stakeholder, true)
                .unwrap();
        }
        assert_eq!(
            o.post_milestone(acc(66), 1, Hash::from([9; 32]), 0),
            Err(OracleError::MissingRole {
                caller: acc(66),
                role: OracleRole::Stakeholder
            })
        );
        o.post_milestone(acc(20), 1, Hash::from([9; 32]), 0)
            .unwrap();
        assert_eq!(
            o.attest_milestone(acc(20), 1, 1),
            Err(OracleError::SelfAttestation { milestone: 1 })
        );
        assert!(!o.attest_milestone(acc(21), 1, 1).unwrap().attested);
        assert_eq!(
            o.attest_milestone(acc(21), 1, 1),
            Err(OracleError::AlreadyAttested {
                milestone: 1,
                by: acc(21)
            })
        );
        assert!(!o.is_milestone_attested(1));
        assert!(o.attest_milestone(acc(22), 1, 2).unwrap().attested);
        assert!(o.is_milestone_attested(1));
        assert_eq!(
            o.attest_milestone(acc(22), 7, 2),
            Err(OracleError::UnknownMilestone { milestone: 7 })
        );
    })
}

#[test]
fn a_token_resumed_by_someone_else_rearms_a_fired_halting_rule() {
    fresh(|| {
        let mut o = bridge();
        for t in 0..3u64 {
            round(&mut o, [6_000; 3], t * 15 * MIN);
        }
        assert!(o.rule_state(0).fired);
        // The token's admin resumed: the next breaching value counts as breach 1 of a new excursion.
        let mut resumed = || false;
        let out = o
            .report_with(sensor(0), 0, 6_000, 45 * MIN, &mut resumed)
            .unwrap();
        assert!(out.rearmed.is_empty(), "no round settled yet");
        o.report(sensor(1), 0, 6_000, 45 * MIN).unwrap();
        let out = o
            .report_with(sensor(2), 0, 6_000, 45 * MIN, &mut resumed)
            .unwrap();
        assert_eq!(out.rearmed.len(), 1);
        assert_eq!(o.rule_state(0).breaches, 1);
        assert_eq!(o.halting_fired(), 0);
        round(&mut o, [6_000; 3], 60 * MIN);
        let actions = round(&mut o, [6_000; 3], 75 * MIN);
        assert!(matches!(
            actions.as_slice(),
            [TokenAction::Halt { rule: 0, .. }]
        ));
    })
}

#[test]
fn a_refused_halt_leaves_the_rule_unfired_and_retries() {
    fresh(|| {
        let mut o = bridge();
        for t in 0..3u64 {
            round(&mut o, [6_000; 3], t * 15 * MIN);
        }
        o.halt_failed(0);
        assert!(!o.rule_state(0).fired);
        assert_eq!(o.halting_fired(), 0);
        let actions = round(&mut o, [6_000; 3], 45 * MIN);
        assert!(matches!(
            actions.as_slice(),
            [TokenAction::Halt { rule: 0, .. }]
        ));
    })
}

#[test]
fn halting_feeds_keep_an_odd_quorum_and_a_spare_device() {
    fresh(|| {
        let mut o = bridge();
        assert_eq!(
            o.set_device(admin(), 0, sensor(3), false),
            Err(OracleError::TooFewDevicesForHalting {
                feed: 0,
                devices: 3,
                needed: 4
            })
        );
        let mut two = displacement();
        two.quorum = 2;
        assert_eq!(
            o.update_feed(admin(), 0, two),
            Err(OracleError::HaltingQuorumInvalid { feed: 0, quorum: 2 })
        );
        // Registering twice does not count twice.
        o.set_device(admin(), 0, sensor(0), true).unwrap();
        assert_eq!(o.device_count(0), 4);
        o.remove_rule(admin(), 0).unwrap();
        o.set_device(admin(), 0, sensor(3), false).unwrap();
        assert_eq!(o.device_count(0), 3);
    })
}

#[test]
fn stale_history_is_not_compared_against() {
    fresh(|| {
        let mut o = bridge();
        o.add_rule(
            admin(),
            Rule {
                feed: 0,
                condition: Condition::StepAbove(1_000),
                consecutive: 1,
                resume_after: 0,
                action: RuleAction::Alert,
            },
        )
        .unwrap();
        round(&mut o, [100; 3], 0);
        round(&mut o, [3_000; 3], 61 * MIN);
        assert!(!o.rule_state(1).fired);
        round(&mut o, [100; 3], 70 * MIN);
        assert!(o.rule_state(1).fired);
    })
}

#[test]
fn a_deviation_rule_fires_on_the_spread_between_the_sensors_of_one_round() {
    fresh(|| {
        let mut o = bridge();
        o.add_rule(
            admin(),
            Rule {
                feed: 0,
                condition: Condition::DeviationAbove(1_000),
                consecutive: 1,
                resume_after: 0,
                action: RuleAction::Alert,
            },
        )
        .unwrap();
        // A steady median but one sensor 1 000 µm off: a spread of exactly 1 000 is not above it.
        round(&mut o, [100, 100, 1_100], 0);
        assert!(!o.rule_state(1).fired);
        // The same median, the sensors 1 001 apart: the rule fires although no value stepped.
        round(&mut o, [99, 100, 1_100], MIN);
        assert!(o.rule_state(1).fired, "fires on the spread between sensors");
    })
}

#[test]
fn a_step_rule_ignores_the_spread_and_a_deviation_rule_ignores_the_step() {
    fresh(|| {
        let mut o = bridge();
        for condition in [
            Condition::StepAbove(1_000),
            Condition::DeviationAbove(1_000),
        ] {
            o.add_rule(
                admin(),
                Rule {
                    feed: 0,
                    condition,
                    consecutive: 1,
                    resume_after: 0,
                    action: RuleAction::Alert,
                },
            )
            .unwrap();
        }
        round(&mut o, [0; 3], 0);
        // Everyone agrees on a 5 mm jump: a step, no spread.
        round(&mut o, [5_000; 3], MIN);
        assert!(o.rule_state(1).fired, "the step rule fires");
        assert!(
            !o.rule_state(2).fired,
            "no spread: the deviation rule does not"
        );
    })
}

proptest! {
    /// The spread is never negative, is 0 for agreeing readings, and is the largest pairwise difference.
    #[test]
    fn spread_is_the_largest_pairwise_difference(readings in prop::collection::vec(any::<i64>(), 1..9)) {
        let s = crate::rules::spread(&readings);
        let largest = readings
            .iter()
            .flat_map(|a| readings.iter().map(move |b| (i128::from(*a) - i128::from(*b)).unsigned_abs()))
            .max()
            .unwrap();
        prop_assert_eq!(s, largest);
    }

    /// The median lies between the smallest and largest reading; with at least three readings, one arbitrary
    /// outlier cannot move it outside the range of the honest readings.
    #[test]
    fn median_is_robust_to_one_outlier(
        honest in prop::collection::vec(-50_000i64..50_000, 2..15),
        outlier in any::<i64>(),
    ) {
        let m = median(&honest).unwrap();
        let (lo, hi) = (*honest.iter().min().unwrap(), *honest.iter().max().unwrap());
        prop_assert!(lo <= m && m <= hi);
        let mut all = honest.clone();
        all.push(outlier);
        let m2 = median(&all).unwrap();
        prop_assert!(lo <= m2 && m2 <= hi, "median {} outside honest range [{}, {}]", m2, lo, hi);
    }
}

#[test]
fn a_halt_whose_feed_goes_silent_lapses_after_the_staleness_bound_and_only_then() {
    fresh(|| {
        let mut o = bridge();
        // A second halting rule that leaves the resume to people.
        o.add_rule(
            admin(),
            Rule {
                feed: 0,
                condition: Condition::Above(20_000),
                consecutive: 1,
                resume_after: 0,
                action: RuleAction::HaltToken,
            },
        )
        .unwrap();
        // A rule that does not halt has no halt to lapse; a halting rule not fired neither.
        assert_eq!(
            o.lapse_silent_rule(0, 0),
            Err(OracleError::RuleNotFired { rule: 0 })
        );
        assert_eq!(
            o.lapse_silent_rule(9, 0),
            Err(OracleError::UnknownRule { rule: 9 })
        );
        let mut t = 0;
        for _ in 0..3 {
            t += 15 * MIN;
            round(&mut o, [25_000, 24_000, 26_000], t);
        }
        assert!(o.rule_state(0).fired && o.rule_state(1).fired);
        // The sensors go silent. Up to the staleness bound (60 minutes) after the last settled value: refused.
        let silent_after = t + 60 * MIN;
        for now in [t, silent_after] {
            assert_eq!(
                o.lapse_silent_rule(0, now),
                Err(OracleError::FeedNotSilent {
                    feed: 0,
                    silent_after
                })
            );
        }
        // No retry while halting rules are fired.
        assert_eq!(
            o.resume_to_retry(0),
            Err(OracleError::HaltingRulesFired { fired: 2 })
        );
        // One moment later the automatic rule lapses, but does not resume while rule 1 is fired.
        let (lapsed, resume) = o.lapse_silent_rule(0, silent_after + 1).unwrap();
        assert_eq!(lapsed.silent_since, t);
        assert_eq!(resume, None, "rule 1 is still fired");
        assert!(!o.rule_state(0).fired);
        assert_eq!(
            o.lapse_silent_rule(0, silent_after + 1),
            Err(OracleError::RuleNotFired { rule: 0 })
        );
        // Rule 1 leaves the resume to people: silence never lifts it, nor a retry, nor another rule's clearing.
        assert_eq!(
            o.lapse_silent_rule(1, silent_after + 1),
            Err(OracleError::ResumeLeftToPeople { rule: 1 })
        );
        assert_eq!(
            o.resume_to_retry(1),
            Err(OracleError::ResumeLeftToPeople { rule: 1 })
        );
        assert_eq!(
            o.resume_to_retry(0),
            Err(OracleError::HaltingRulesFired { fired: 1 })
        );
        // Readings that come back are judged afresh: three breaches fire rule 0 again; rule 1 stays fired.
        t = silent_after;
        for _ in 0..3 {
            t += 15 * MIN;
            round(&mut o, [6_000, 6_000, 6_000], t);
        }
        assert!(o.rule_state(0).fired && o.rule_state(1).fired);
    });
}

#[test]
fn the_last_automatic_halting_rule_to_lapse_asks_for_the_resume() {
    fresh(|| {
        let mut o = bridge();
        let mut t = 0;
        for _ in 0..3 {
            t += 15 * MIN;
            round(&mut o, [25_000, 24_000, 26_000], t);
        }
        let (_, resume) = o.lapse_silent_rule(0, t + 60 * MIN + 1).unwrap();
        assert_eq!(resume, Some(TokenAction::Resume { rule: 0 }));
        // Nothing fired now: the resume can be retried for the rule that halted.
        assert_eq!(o.resume_to_retry(0), Ok(TokenAction::Resume { rule: 0 }));
        assert_eq!(
            o.resume_to_retry(7),
            Err(OracleError::UnknownRule { rule: 7 })
        );
    });
}

#[test]
fn the_sponsors_side_alone_never_attests_a_milestone() {
    fresh(|| {
        // Two attestations needed. The sponsor (20) and its engineer (21, 22) are on the sponsor's side; the
        // lender's engineer (23) is not.
        let mut o = OracleData::new(admin(), 2);
        for n in [20, 21, 22, 23] {
            o.set_role(admin(), acc(n), OracleRole::Stakeholder, true)
                .unwrap();
        }
        for n in [20, 21, 22] {
            o.set_role(admin(), acc(n), OracleRole::SponsorSide, true)
                .unwrap();
        }
        o.post_milestone(acc(20), 1, Hash::from([9; 32]), 0)
            .unwrap();
        assert!(!o.attest_milestone(acc(21), 1, 1).unwrap().attested);
        let second = o.attest_milestone(acc(22), 1, 2).unwrap();
        assert_eq!((second.attestations, second.attested), (2, false));
        assert!(
            !o.is_milestone_attested(1),
            "two attestations, all the sponsor's side"
        );
        assert!(o.attest_milestone(acc(23), 1, 3).unwrap().attested);
        assert!(o.is_milestone_attested(1));
        // Posted by an independent stakeholder, two sponsor-side attestations are still not enough.
        o.post_milestone(acc(23), 2, Hash::from([8; 32]), 4)
            .unwrap();
        o.attest_milestone(acc(20), 2, 5).unwrap();
        o.attest_milestone(acc(21), 2, 5).unwrap();
        assert!(!o.is_milestone_attested(2));
        // A mark lifted later does not rewrite an attestation already made: acc(21)'s still counts as the
        // sponsor's side. (Without any mark every attestation is independent:
        // `milestones_need_distinct_stakeholders_other_than_the_poster`.)
        o.set_role(admin(), acc(21), OracleRole::SponsorSide, false)
            .unwrap();
        assert!(!o.is_milestone_attested(2));
        o.attest_milestone(acc(22), 2, 6).unwrap();
        assert!(!o.is_milestone_attested(2));
    });
}
