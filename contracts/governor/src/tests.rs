//! Native tests of the governor's state machine and vote counting ([`GovernorData`]), and a property test of the
//! quorum and approval arithmetic.
use ink::primitives::{AccountId, Hash};
use proptest::prelude::*;
use suite_traits::testing::fresh;

use crate::data::{GovernorData, SELF_SELECTORS};
use crate::errors::GovernorError;
use crate::proposal::{
    at_least, GovernorParams, ParamsRule, ProposalState, ProposedCall, ReturnKind, Support, Track,
    TrackParams,
};

const HOUR: u64 = 3_600_000;
/// The token's supply when parameters change in these tests.
const SUPPLY: u128 = 100_000;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
fn me() -> AccountId {
    acc(100)
}
fn token() -> AccountId {
    acc(50)
}
fn guardian() -> AccountId {
    acc(7)
}
fn oracle() -> AccountId {
    acc(9)
}
const SET_RULES: [u8; 4] = [1, 2, 3, 4];
const RESUME: [u8; 4] = [5, 6, 7, 8];

fn params() -> GovernorParams {
    GovernorParams {
        normal: TrackParams {
            voting_delay: 2,
            voting_period: 10,
            quorum_bps: 2_000,
            approval_bps: 5_001,
            timelock_ms: 48 * HOUR,
        },
        emergency: TrackParams {
            voting_delay: 1,
            voting_period: 3,
            quorum_bps: 5_000,
            approval_bps: 6_667,
            timelock_ms: HOUR,
        },
        proposal_threshold: 1_000,
        grace_ms: 7 * 24 * HOUR,
    }
}

fn governor() -> GovernorData {
    GovernorData::new(
        params(),
        Some(guardian()),
        &[(token(), SET_RULES, ReturnKind::ResultOk)],
        &[(token(), RESUME, ReturnKind::ResultOk)],
        &[oracle()],
    )
    .unwrap()
}

fn call() -> ProposedCall {
    ProposedCall {
        callee: token(),
        selector: SET_RULES,
        input: vec![],
        value: 0,
    }
}

/// A normal proposal by acc(10) at block 10: snapshot 12, votes in blocks 13..=22.
fn proposed(g: &mut GovernorData) -> u32 {
    g.propose(
        me(),
        acc(10),
        Track::Normal,
        vec![call()],
        Hash::from([1; 32]),
        5_000,
        10,
    )
    .unwrap()
    .id
}

fn vote(g: &mut GovernorData, id: u32, identity: u64, support: Support, weight: u128, block: u32) {
    let ballot = g.begin_vote(id, identity, block, 0).unwrap();
    g.record_vote(
        ballot,
        acc(identity as u8),
        identity,
        support,
        weight,
        Some(100_000),
    )
    .unwrap();
}

#[test]
fn parameters_are_checked() {
    let mut p = params();
    p.normal.voting_delay = 0;
    assert_eq!(p.validate(), Err(ParamsRule::ZeroBlocks));
    p = params();
    p.emergency.quorum_bps = 10_001;
    assert_eq!(p.validate(), Err(ParamsRule::BadBps));
    p = params();
    p.grace_ms = 0;
    assert_eq!(p.validate(), Err(ParamsRule::ZeroGrace));
}

#[test]
fn proposing_checks_threshold_allow_list_and_openers() {
    fresh(|| {
        let mut g = governor();
        assert_eq!(
            g.propose(
                me(),
                acc(10),
                Track::Normal,
                vec![call()],
                Hash::default(),
                999,
                10
            )
            .map(|_| ()),
            Err(GovernorError::BelowThreshold {
                power: 999,
                threshold: 1_000
            })
        );
        let mut other = call();
        other.selector = [9, 9, 9, 9];
        assert_eq!(
            g.propose(
                me(),
                acc(10),
                Track::Normal,
                vec![other],
                Hash::default(),
                5_000,
                10
            )
            .map(|_| ()),
            Err(GovernorError::CallNotAllowed {
                callee: token(),
                selector: [9, 9, 9, 9]
            })
        );
        assert_eq!(
            g.propose(
                me(),
                acc(10),
                Track::Normal,
                vec![],
                Hash::default(),
                5_000,
                10
            )
            .map(|_| ()),
            Err(GovernorError::NoCalls)
        );
        assert_eq!(
            g.propose(
                me(),
                acc(10),
                Track::Emergency,
                vec![call()],
                Hash::default(),
                0,
                10
            )
            .map(|_| ()),
            Err(GovernorError::NotEmergencyOpener { caller: acc(10) })
        );
        let own = ProposedCall {
            callee: me(),
            selector: SELF_SELECTORS[0],
            input: vec![],
            value: 0,
        };
        let e = g
            .propose(
                me(),
                acc(10),
                Track::Normal,
                vec![own],
                Hash::default(),
                5_000,
                10,
            )
            .unwrap();
        assert_eq!((e.snapshot, e.vote_end), (12, 22));
        let resume = ProposedCall {
            selector: RESUME,
            ..call()
        };
        let e = g
            .propose(
                me(),
                oracle(),
                Track::Emergency,
                vec![resume],
                Hash::default(),
                0,
                10,
            )
            .unwrap();
        assert_eq!((e.snapshot, e.vote_end), (11, 14));
    })
}

#[test]
fn every_state_in_order() {
    fresh(|| {
        let mut g = governor();
        let id = proposed(&mut g);
        let grace = params().grace_ms;
        assert_eq!(g.state(id, 12, 0), Ok(ProposalState::Pending));
        assert!(matches!(
            g.begin_vote(id, 1, 12, 0),
            Err(GovernorError::WrongState {
                state: ProposalState::Pending,
                ..
            })
        ));
        assert_eq!(g.state(id, 13, 0), Ok(ProposalState::Active));
        vote(&mut g, id, 1, Support::For, 15_000, 13);
        vote(&mut g, id, 2, Support::Abstain, 6_000, 14);
        vote(&mut g, id, 3, Support::Against, 14_000, 22);
        assert_eq!(
            g.begin_vote(id, 1, 15, 0),
            Err(GovernorError::AlreadyVoted { identity: 1 })
        );
        assert_eq!(g.state(id, 23, 0), Ok(ProposalState::Succeeded));
        let q = g.queue(id, 23, 1_000).unwrap();
        assert_eq!(q.eta, 1_000 + 48 * HOUR);
        assert_eq!(g.state(id, 23, 1_000), Ok(ProposalState::Queued));
        assert_eq!(
            g.begin_execute(me(), id, 23, q.eta - 1),
            Err(GovernorError::TimelockNotElapsed { eta: q.eta })
        );
        assert_eq!(g.begin_execute(me(), id, 23, q.eta).unwrap().len(), 1);
        assert_eq!(g.state(id, 23, q.eta), Ok(ProposalState::Executed));
        assert!(matches!(
            g.begin_execute(me(), id, 23, q.eta),
            Err(GovernorError::WrongState {
                state: ProposalState::Executed,
                ..
            })
        ));
        // A second proposal queued and never executed expires after the grace period.
        let id2 = proposed(&mut g);
        vote(&mut g, id2, 1, Support::For, 30_000, 13);
        let q2 = g.queue(id2, 23, 0).unwrap();
        assert_eq!(g.state(id2, 23, q2.eta + grace), Ok(ProposalState::Expired));
        assert!(g.begin_execute(me(), id2, 23, q2.eta + grace).is_err());
    })
}

#[test]
fn defeated_by_quorum_or_by_approval() {
    fresh(|| {
        let mut g = governor();
        let low = proposed(&mut g);
        // 19 999 of 100 000 is below the 20% quorum.
        vote(&mut g, low, 1, Support::For, 19_999, 13);
        assert_eq!(g.state(low, 23, 0), Ok(ProposalState::Defeated));
        let split = proposed(&mut g);
        vote(&mut g, split, 1, Support::For, 15_000, 13);
        vote(&mut g, split, 2, Support::Against, 15_000, 13);
        assert_eq!(
            g.state(split, 23, 0),
            Ok(ProposalState::Defeated),
            "a tie is not a majority"
        );
        assert!(matches!(
            g.queue(split, 23, 0),
            Err(GovernorError::WrongState {
                state: ProposalState::Defeated,
                ..
            })
        ));
        let none = proposed(&mut g);
        let ballot = g.begin_vote(none, 1, 13, 0).unwrap();
        assert_eq!(
            g.record_vote(ballot, acc(1), 1, Support::For, 0, Some(100_000)),
            Err(GovernorError::NoVotingPower { identity: 1 })
        );
    })
}

#[test]
fn cancellation_by_proposer_until_voting_ends_and_by_guardian_until_execution() {
    fresh(|| {
        let mut g = governor();
        let a = proposed(&mut g);
        assert_eq!(
            g.cancel(me(), a, acc(66), 13, 0),
            Err(GovernorError::NotProposerOrGuardian { caller: acc(66) })
        );
        assert!(g.cancel(me(), a, acc(10), 13, 0).is_ok());
        assert_eq!(g.state(a, 13, 0), Ok(ProposalState::Cancelled));
        let b = proposed(&mut g);
        vote(&mut g, b, 1, Support::For, 30_000, 13);
        g.queue(b, 23, 0).unwrap();
        assert_eq!(
            g.cancel(me(), b, acc(10), 23, 0),
            Err(GovernorError::NotProposerOrGuardian { caller: acc(10) })
        );
        assert!(g.cancel(me(), b, guardian(), 23, 0).is_ok());
        assert!(g.begin_execute(me(), b, 23, 48 * HOUR).is_err());
    })
}

#[test]
fn nobody_cancels_a_proposal_that_is_already_final() {
    fresh(|| {
        let mut g = governor();
        // Cancelled: a second cancellation, by the proposer or the guardian, is refused.
        let cancelled = proposed(&mut g);
        g.cancel(me(), cancelled, acc(10), 13, 0).unwrap();
        // Executed.
        let (executed, eta) = queued_with(&mut g, vec![call()]);
        g.begin_execute(me(), executed, 23, eta).unwrap();
        assert_eq!(g.state(executed, 23, eta), Ok(ProposalState::Executed));
        // Expired: queued, never executed within the grace window.
        let (expired, eta_expired) = queued_with(&mut g, vec![call()]);
        let late = eta_expired + params().grace_ms;
        for (id, state, now) in [
            (cancelled, ProposalState::Cancelled, late),
            (executed, ProposalState::Executed, late),
            (expired, ProposalState::Expired, late),
        ] {
            assert_eq!(g.state(id, 23, now), Ok(state));
            for who in [acc(10), guardian(), acc(66)] {
                assert_eq!(
                    g.cancel(me(), id, who, 23, now),
                    Err(GovernorError::WrongState { id, state }),
                    "{state:?} proposal {id}, cancelled by {who:?}"
                );
            }
            assert_eq!(g.state(id, 23, now), Ok(state), "still {state:?}");
        }
    })
}

fn own_call(selector: [u8; 4], input: Vec<u8>) -> ProposedCall {
    ProposedCall {
        callee: me(),
        selector,
        input,
        value: 0,
    }
}

/// A proposal by acc(10) with `calls`, voted through and queued at time 0.
fn queued_with(g: &mut GovernorData, calls: Vec<ProposedCall>) -> (u32, u64) {
    let e = g
        .propose(
            me(),
            acc(10),
            Track::Normal,
            calls,
            Hash::from([2; 32]),
            5_000,
            10,
        )
        .unwrap();
    vote(g, e.id, 1, Support::For, 30_000, 13);
    let q = g.queue(e.id, 23, 0).unwrap();
    (e.id, q.eta)
}

#[test]
fn the_grace_period_of_a_queued_proposal_is_fixed_when_it_is_queued() {
    fresh(|| {
        let mut g = governor();
        let (id, eta) = queued_with(&mut g, vec![call()]);
        let grace = params().grace_ms;
        let mut shorter = params();
        shorter.grace_ms = 1;
        g.set_params(shorter, SUPPLY).unwrap();
        assert_eq!(g.state(id, 23, eta + 1), Ok(ProposalState::Queued));
        let mut longer = params();
        longer.grace_ms = 100 * grace;
        g.set_params(longer, SUPPLY).unwrap();
        assert_eq!(g.state(id, 23, eta + grace), Ok(ProposalState::Expired));
    })
}

#[test]
fn no_parameter_change_can_leave_governance_unable_to_decide() {
    use crate::proposal::bounds::*;
    fresh(|| {
        let mut g = governor();
        let refused = |g: &mut GovernorData, p: GovernorParams| match g.set_params(p, SUPPLY) {
            Err(GovernorError::InvalidParams { rule }) => rule,
            other => panic!("accepted {p:?}: {other:?}"),
        };
        let mut p = params();
        p.normal.voting_delay = MAX_VOTING_DELAY + 1;
        assert_eq!(
            refused(&mut g, p),
            ParamsRule::DelayTooLong {
                max: MAX_VOTING_DELAY
            }
        );
        let mut p = params();
        p.emergency.voting_period = MAX_VOTING_PERIOD + 1;
        assert_eq!(
            refused(&mut g, p),
            ParamsRule::PeriodTooLong {
                max: MAX_VOTING_PERIOD
            }
        );
        let mut p = params();
        p.normal.timelock_ms = MAX_TIMELOCK_MS + 1;
        assert_eq!(
            refused(&mut g, p),
            ParamsRule::TimelockTooLong {
                max: MAX_TIMELOCK_MS
            }
        );
        let mut p = params();
        p.normal.quorum_bps = 10_000;
        assert_eq!(
            refused(&mut g, p),
            ParamsRule::QuorumTooHigh {
                max_bps: MAX_QUORUM_BPS
            }
        );
        for approval in [4_999, 10_000] {
            let mut p = params();
            p.normal.approval_bps = approval;
            assert_eq!(
                refused(&mut g, p),
                ParamsRule::ApprovalOutOfRange {
                    min_bps: MIN_APPROVAL_BPS,
                    max_bps: MAX_APPROVAL_BPS
                }
            );
        }
        // A threshold above 5% of the supply: nobody but a whale could ever propose again.
        let mut p = params();
        p.proposal_threshold = SUPPLY / 20 + 1;
        assert_eq!(
            refused(&mut g, p),
            ParamsRule::ThresholdTooHigh { max: SUPPLY / 20 }
        );
        // Every bound itself is accepted.
        let mut p = params();
        p.normal.voting_delay = MAX_VOTING_DELAY;
        p.normal.voting_period = MAX_VOTING_PERIOD;
        p.normal.timelock_ms = MAX_TIMELOCK_MS;
        p.normal.quorum_bps = MAX_QUORUM_BPS;
        p.normal.approval_bps = MAX_APPROVAL_BPS;
        p.proposal_threshold = SUPPLY / 20;
        assert!(g.set_params(p, SUPPLY).is_ok());
    })
}

#[test]
fn a_passed_proposal_not_queued_within_its_voting_period_expires() {
    fresh(|| {
        let mut g = governor();
        let e = g
            .propose(
                me(),
                acc(1),
                Track::Normal,
                vec![call()],
                Hash::from([1; 32]),
                5_000,
                10,
            )
            .unwrap();
        vote(&mut g, e.id, 1, Support::For, 30_000, 13);
        // Voting ends at block 22 (snapshot 12 + 10); it may be queued until block 32.
        assert_eq!(g.state(e.id, 32, 0), Ok(ProposalState::Succeeded));
        assert_eq!(g.state(e.id, 33, 0), Ok(ProposalState::Expired));
        assert_eq!(
            g.queue(e.id, 33, 0),
            Err(GovernorError::WrongState {
                id: e.id,
                state: ProposalState::Expired
            })
        );
        assert!(g.queue(e.id, 32, 0).is_ok(), "in time it can");
    })
}

#[test]
fn a_call_removed_from_the_allow_list_no_longer_executes() {
    fresh(|| {
        let mut g = governor();
        let (id, eta) = queued_with(&mut g, vec![call()]);
        g.set_allowed(token(), SET_RULES, None);
        assert_eq!(
            g.begin_execute(me(), id, 23, eta),
            Err(GovernorError::CallNotAllowed {
                callee: token(),
                selector: SET_RULES
            })
        );
        assert_eq!(g.state(id, 23, eta), Ok(ProposalState::Queued));
    })
}

#[test]
fn the_emergency_track_has_its_own_list_and_never_reconfigures_the_governor() {
    fresh(|| {
        let mut g = governor();
        let open = |g: &mut GovernorData, c: ProposedCall| {
            g.propose(
                me(),
                oracle(),
                Track::Emergency,
                vec![c],
                Hash::from([3; 32]),
                0,
                10,
            )
        };
        let resume = ProposedCall {
            selector: RESUME,
            ..call()
        };
        assert!(open(&mut g, resume.clone()).is_ok());
        assert_eq!(
            open(&mut g, call()),
            Err(GovernorError::CallNotAllowed {
                callee: token(),
                selector: SET_RULES
            }),
            "the normal allow-list does not open the emergency track"
        );
        for selector in SELF_SELECTORS {
            assert_eq!(
                open(&mut g, own_call(selector, vec![])),
                Err(GovernorError::CallNotAllowed {
                    callee: me(),
                    selector
                })
            );
        }
        // Even a governor listed on the emergency allow-list is refused.
        g.set_emergency_allowed(me(), SELF_SELECTORS[0], Some(ReturnKind::ResultOk));
        assert!(open(&mut g, own_call(SELF_SELECTORS[0], vec![])).is_err());
        assert_eq!(g.permitted(me(), Track::Normal, token(), RESUME), None);
    })
}

#[test]
fn the_guardian_cannot_cancel_a_proposal_that_replaces_it() {
    fresh(|| {
        let mut g = governor();
        use scale::Encode;
        let set = |who: Option<AccountId>| own_call(crate::data::SET_GUARDIAN, who.encode());
        for new_guardian in [Some(acc(66)), None] {
            let (id, _) = queued_with(&mut g, vec![set(new_guardian)]);
            assert_eq!(
                g.cancel(me(), id, guardian(), 23, 0),
                Err(GovernorError::GuardianCannotCancel { id })
            );
        }
        // Neither a no-op `set_guardian` nor a replacement bundled with other calls shields anything.
        for calls in [
            vec![call(), set(Some(guardian()))],
            vec![call(), set(Some(acc(66)))],
            vec![call()],
        ] {
            let (other, _) = queued_with(&mut g, calls);
            assert!(g.cancel(me(), other, guardian(), 23, 0).is_ok());
        }
    })
}

proptest! {
    /// `at_least(part, whole, bps)` is exactly `part × 10 000 ≥ whole × bps`.
    #[test]
    fn threshold_comparison_is_exact(part in any::<u64>(), whole in any::<u64>(), bps in 0u16..=10_000) {
        let exact = u128::from(part) * 10_000 >= u128::from(whole) * u128::from(bps);
        prop_assert_eq!(at_least(u128::from(part), u128::from(whole), bps), exact);
    }
}

#[test]
fn a_proposals_track_parameters_are_fixed_when_it_is_created() {
    fresh(|| {
        let mut g = governor();
        let id = proposed(&mut g);
        // Right after it is created, the parameters change: a later start, a longer vote, half the supply as
        // quorum, twice the timelock.
        let mut stricter = params();
        stricter.normal.voting_delay += 5;
        stricter.normal.voting_period += 20;
        stricter.normal.quorum_bps = 5_000;
        stricter.normal.timelock_ms *= 2;
        g.set_params(stricter, 1_000_000).unwrap();
        // The proposal keeps its own goalposts: open at block 13 and decided at 23 (not 18 and 48), 35% of the
        // supply voting meets its 20% quorum, and its timelock is 48 hours.
        assert_eq!(g.state(id, 13, 0), Ok(ProposalState::Active));
        vote(&mut g, id, 1, Support::For, 15_000, 13);
        vote(&mut g, id, 2, Support::Abstain, 6_000, 14);
        vote(&mut g, id, 3, Support::Against, 14_000, 22);
        assert_eq!(g.state(id, 23, 0), Ok(ProposalState::Succeeded));
        let q = g.queue(id, 23, 1_000).unwrap();
        assert_eq!(q.eta, 1_000 + 48 * HOUR);
        // A proposal created after the change takes the new ones.
        let later = proposed(&mut g);
        assert_eq!(g.state(later, 13, 0), Ok(ProposalState::Pending));
    });
}
