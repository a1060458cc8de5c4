//! The governor on the real Wasm: the deployer hands every admin role (registry, token, escrow, distributor,
//! pass, oracle) to the governor and is refused everywhere afterwards; a passed proposal changes the
//! distributor's payout ratio, the token's max holding and the governor's own parameters after the timelock; a
//! proposal that fails in execution changes nothing; every state path; voting power at the snapshot only, for
//! verified identities only, once per identity; the oracle opening an emergency proposal that resumes a halted
//! token; an unauthorised caller on every restricted message.
use dividend_distributor::{DistributorConfig, DistributorError};
use governor::{
    CallFailure, GovernorError, NotVerifiedReason, Proposal, ProposalState, Support, Track,
};
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Outcome, DAY_MS};
use infra_suite_e2e::finance::{
    governed_world as world, governor_params, proposed_call, road_pass, GovernedWorld as World,
    GovernorOutcome,
};
use infra_suite_e2e::suite::{actors::*, default_rules, evidence, FRANCE};
use ink::primitives::{AccountId, Hash};
use iot_oracle::{Condition, OracleError, Rule, RuleAction};
use project_token::{ComplianceRules, TokenError};
use suite_traits::AdminError;
use suite_traits::{ClaimType, EmergencyError, HaltError};

fn rules_with_max_holding(bps: u16) -> ComplianceRules {
    let mut r = default_rules();
    r.max_holding_bps = bps;
    r
}

fn propose(
    w: &mut World,
    calls: Vec<governor::ProposedCall>,
    who: AccountId,
) -> Result<u32, GovernorError> {
    let gov = w.gov;
    w.s.send(at::<Governor>(gov).propose(calls, Hash::from([7; 32])), who)
        .value
}

fn vote(w: &mut World, id: u32, who: AccountId, support: Support) -> Result<(), GovernorError> {
    let gov = w.gov;
    w.s.send(at::<Governor>(gov).cast_vote(id, support), who)
        .value
}

fn state(w: &mut World, id: u32) -> ProposalState {
    let gov = w.gov;
    let r: Result<ProposalState, GovernorError> =
        w.s.chain
            .ask(at::<Governor>(gov).state(id), mallory())
            .unwrap()
            .value;
    r.unwrap()
}

/// Anyone (mallory) calls the governor's `label` (`queue`, `execute`, ...) on proposal `id`.
fn call(w: &mut World, label: &str, id: u32) -> Result<(), GovernorError> {
    let gov = w.gov;
    w.s.chain.call(gov, label, id, mallory()).unwrap().value
}

/// Proposes `calls` as alice, lets alice and carol vote for, and queues it after the vote.
fn pass_and_queue(w: &mut World, calls: Vec<governor::ProposedCall>) -> u32 {
    let id = propose(w, calls, alice()).expect("propose");
    w.s.chain.next_blocks(2);
    assert_eq!(vote(w, id, alice(), Support::For), Ok(()));
    assert_eq!(vote(w, id, carol(), Support::For), Ok(()));
    w.s.chain.next_blocks(5);
    assert_eq!(state(w, id), ProposalState::Succeeded);
    assert_eq!(call(w, "queue", id), Ok(()));
    id
}

#[test]
fn handover_leaves_the_deployer_nothing_and_a_passed_proposal_takes_effect_after_the_timelock() {
    let mut w = world();
    let (token, registry, d) = (w.s.token, w.s.registry, w.g.distributor);
    // The deployer is refused everywhere.
    let t: Outcome<Result<(), TokenError>> =
        w.s.chain
            .send(
                at::<Token>(token).set_rules(rules_with_max_holding(5_000)),
                admin(),
            )
            .unwrap();
    assert_eq!(
        t.value,
        Err(TokenError::Admin(AdminError::NotAdmin { caller: admin() }))
    );
    let r: Outcome<Result<(), compliance_registry::RegistryError>> =
        w.s.chain
            .send(at::<Registry>(registry).add_regulator(admin()), admin())
            .unwrap();
    assert_eq!(
        r.value,
        Err(compliance_registry::RegistryError::Admin(
            AdminError::NotAdmin { caller: admin() }
        ))
    );
    let e: Outcome<Result<(), crowdfund_escrow::EscrowError>> =
        w.s.chain
            .send(at::<Escrow>(w.g.escrow).cancel(), admin())
            .unwrap();
    assert_eq!(
        e.value,
        Err(crowdfund_escrow::EscrowError::Admin(AdminError::NotAdmin {
            caller: admin()
        }))
    );
    let dd: Outcome<Result<(), DistributorError>> =
        w.s.chain
            .send(at::<Distributor>(d).set_payout_bps(10_000u16), admin())
            .unwrap();
    assert_eq!(
        dd.value,
        Err(DistributorError::Admin(AdminError::NotAdmin {
            caller: admin()
        }))
    );
    let p: Outcome<Result<u32, usage_pass::PassError>> =
        w.s.chain
            .send(at::<UsagePass>(w.g.pass).add_class(road_pass(0)), admin())
            .unwrap();
    assert_eq!(
        p.value,
        Err(usage_pass::PassError::Admin(AdminError::NotAdmin {
            caller: admin()
        }))
    );
    let o: Outcome<Result<(), OracleError>> =
        w.s.chain
            .send(
                at::<Oracle>(w.g.oracle).set_token(None::<AccountId>),
                admin(),
            )
            .unwrap();
    assert_eq!(
        o.value,
        Err(OracleError::Admin(AdminError::NotAdmin { caller: admin() }))
    );
    let gp: GovernorOutcome<()> =
        w.s.send(at::<Governor>(w.gov).set_params(governor_params()), admin());
    assert_eq!(gp.value, Err(GovernorError::NotSelf { caller: admin() }));
    for target in [registry, token, w.g.escrow, d, w.g.pass, w.g.oracle] {
        let a: AccountId =
            w.s.chain
                .query(target, "Admin::admin", (), mallory())
                .unwrap()
                .value;
        assert_eq!(a, w.gov, "admin of {target:?}");
    }

    // Payout 80% -> 90%, max holding 10% -> 20%, and the governor's own threshold, in one proposal.
    let mut params = governor_params();
    // (At most 5% of the 90 000 supply: a higher threshold is refused, see `proposal::bounds`.)
    params.proposal_threshold = 4_000;
    let gov = w.gov;
    let id = pass_and_queue(
        &mut w,
        vec![
            proposed_call(d, "set_payout_bps", 9_000u16),
            proposed_call(token, "set_rules", rules_with_max_holding(2_000)),
            proposed_call(gov, "set_params", params),
        ],
    );
    let p: Option<Proposal> =
        w.s.chain
            .ask(at::<Governor>(gov).proposal(id), mallory())
            .unwrap()
            .value;
    let eta = p.unwrap().eta.unwrap();
    assert_eq!(
        call(&mut w, "execute", id),
        Err(GovernorError::TimelockNotElapsed { eta })
    );
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", id), Ok(()));
    assert_eq!(state(&mut w, id), ProposalState::Executed);
    let c: DistributorConfig =
        w.s.chain
            .ask(at::<Distributor>(d).config(), mallory())
            .unwrap()
            .value;
    assert_eq!(c.payout_bps, 9_000);
    let rules: ComplianceRules =
        w.s.chain
            .ask(at::<Token>(token).rules(), mallory())
            .unwrap()
            .value;
    assert_eq!(rules.max_holding_bps, 2_000);
    let now: governor::GovernorParams =
        w.s.chain
            .ask(at::<Governor>(gov).params(), mallory())
            .unwrap()
            .value;
    assert_eq!(now.proposal_threshold, 4_000);
    assert_eq!(
        call(&mut w, "execute", id),
        Err(GovernorError::WrongState {
            id,
            state: ProposalState::Executed
        })
    );
}

#[test]
fn a_proposal_that_fails_in_execution_changes_nothing() {
    let mut w = world();
    let (token, d) = (w.s.token, w.g.distributor);
    let id = pass_and_queue(
        &mut w,
        vec![
            proposed_call(d, "set_payout_bps", 9_000u16),
            // The token refuses a max holding above 100%: its `Err` must not pass for success.
            proposed_call(token, "set_rules", rules_with_max_holding(10_001)),
        ],
    );
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(
        call(&mut w, "execute", id),
        Err(GovernorError::ExecutionFailed {
            index: 1,
            failure: CallFailure::ReturnedErr
        })
    );
    let c: DistributorConfig =
        w.s.chain
            .ask(at::<Distributor>(d).config(), mallory())
            .unwrap()
            .value;
    assert_eq!(c.payout_bps, 8_000, "the first call was undone too");
    assert_eq!(state(&mut w, id), ProposalState::Queued);
}

#[test]
fn every_state_path() {
    let mut w = world();
    let d = w.g.distributor;
    let change = || vec![proposed_call(d, "set_payout_bps", 7_000u16)];
    // Pending -> Cancelled by its proposer.
    let a = propose(&mut w, change(), alice()).unwrap();
    assert_eq!(state(&mut w, a), ProposalState::Pending);
    assert_eq!(
        vote(&mut w, a, alice(), Support::For),
        Err(GovernorError::WrongState {
            id: a,
            state: ProposalState::Pending
        })
    );
    assert_eq!(
        call(&mut w, "cancel", a),
        Err(GovernorError::NotProposerOrGuardian { caller: mallory() })
    );
    let gov = w.gov;
    assert_eq!(
        w.s.send(at::<Governor>(gov).cancel(a), alice()).value,
        Ok(())
    );
    assert_eq!(state(&mut w, a), ProposalState::Cancelled);
    // Active -> Defeated (bob against outweighs carol for).
    let b = propose(&mut w, change(), bob()).unwrap();
    w.s.chain.next_blocks(2);
    assert_eq!(state(&mut w, b), ProposalState::Active);
    assert_eq!(vote(&mut w, b, bob(), Support::Against), Ok(()));
    assert_eq!(vote(&mut w, b, carol(), Support::For), Ok(()));
    w.s.chain.next_blocks(5);
    assert_eq!(state(&mut w, b), ProposalState::Defeated);
    assert!(call(&mut w, "queue", b).is_err());
    // Active -> Defeated for lack of quorum (carol alone: 10 000 of 90 000 < 20%).
    let c = propose(&mut w, change(), carol()).unwrap();
    w.s.chain.next_blocks(2);
    assert_eq!(vote(&mut w, c, carol(), Support::For), Ok(()));
    w.s.chain.next_blocks(5);
    assert_eq!(state(&mut w, c), ProposalState::Defeated);
    // Succeeded -> Queued -> Expired.
    let e = pass_and_queue(&mut w, change());
    assert_eq!(state(&mut w, e), ProposalState::Queued);
    w.s.chain.advance_time(9 * DAY_MS + 1);
    assert_eq!(state(&mut w, e), ProposalState::Expired);
    assert!(call(&mut w, "execute", e).is_err());
    // Queued -> Cancelled by the guardian.
    let f = pass_and_queue(&mut w, change());
    assert_eq!(
        w.s.send(at::<Governor>(gov).cancel(f), guardian()).value,
        Ok(())
    );
    assert_eq!(state(&mut w, f), ProposalState::Cancelled);
}

#[test]
fn voting_power_is_the_snapshot_balance_of_a_verified_identity_counted_once() {
    let mut w = world();
    let d = w.g.distributor;
    let id = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 7_000u16)],
        alice(),
    )
    .unwrap();
    w.s.chain.next_blocks(2);
    // After the snapshot, bob sells everything to carol: carol's new tokens carry no power, bob keeps his; a new
    // investor who only bought after the snapshot has no power at all.
    let grace = AccountId::from([92; 32]);
    w.s.chain.fund(grace);
    let grace_id = w.s.onboard(grace, FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(w.s.transfer(alice(), grace, 5_000).value, Ok(()));
    assert_eq!(
        vote(&mut w, id, grace, Support::For),
        Err(GovernorError::NoVotingPower { identity: grace_id })
    );
    assert_eq!(w.s.transfer(bob(), carol(), 20_000).value, Ok(()));
    assert_eq!(vote(&mut w, id, carol(), Support::Against), Ok(()));
    assert_eq!(vote(&mut w, id, bob(), Support::Against), Ok(()));
    let p: Option<Proposal> =
        w.s.chain
            .ask(at::<Governor>(w.gov).proposal(id), mallory())
            .unwrap()
            .value;
    assert_eq!(
        p.unwrap().against_votes,
        30_000,
        "carol 10 000 + bob 20 000, as at the snapshot"
    );
    // One identity, one voter: alice votes with both wallets (60 000) and cannot vote again from the other.
    assert_eq!(vote(&mut w, id, alice_2(), Support::For), Ok(()));
    let id_alice = w.alice_id;
    assert_eq!(
        vote(&mut w, id, alice(), Support::For),
        Err(GovernorError::AlreadyVoted { identity: id_alice })
    );
    let p: Option<Proposal> =
        w.s.chain
            .ask(at::<Governor>(w.gov).proposal(id), mallory())
            .unwrap()
            .value;
    assert_eq!(p.unwrap().for_votes, 60_000);
    // Unverified: never registered, or frozen by the regulator.
    assert_eq!(
        vote(&mut w, id, dave(), Support::For),
        Err(GovernorError::NotVerified {
            account: dave(),
            reason: NotVerifiedReason::NotRegistered
        })
    );
    let frank = AccountId::from([90; 32]);
    w.s.chain.fund(frank);
    let frank_id = w.s.onboard(frank, FRANCE, &[ClaimType::Kyc], 365);
    let r = w.s.registry;
    let frozen: Outcome<Result<(), compliance_registry::RegistryError>> =
        w.s.chain
            .send(
                at::<Registry>(r).freeze_identity(frank_id, evidence(1)),
                regulator(),
            )
            .unwrap();
    assert_eq!(frozen.value, Ok(()));
    assert_eq!(
        vote(&mut w, id, frank, Support::For),
        Err(GovernorError::NotVerified {
            account: frank,
            reason: NotVerifiedReason::Frozen
        })
    );
}

#[test]
fn the_oracle_opens_an_emergency_proposal_that_resumes_a_halted_token() {
    let mut w = world();
    let (oracle, gov, token) = (w.g.oracle, w.gov, w.s.token);
    // The governor (now the oracle's admin) adds a rule without automatic resume: a 20 mm jump halts and asks
    // the holders to decide on resuming.
    let rule = Rule {
        feed: 0,
        condition: Condition::Above(20_000),
        consecutive: 1,
        resume_after: 0,
        action: RuleAction::HaltToken,
    };
    let id = pass_and_queue(&mut w, vec![proposed_call(oracle, "add_rule", rule)]);
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", id), Ok(()));

    w.s.sensor_round(
        oracle,
        &[
            (sensor(0), 25_000),
            (sensor(1), 24_000),
            (sensor(2), 26_000),
        ],
    );
    let halted: bool =
        w.s.chain
            .ask(at::<Token>(token).is_halted(), mallory())
            .unwrap()
            .value;
    assert!(halted);
    let count: u32 =
        w.s.chain
            .ask(at::<Governor>(gov).proposal_count(), mallory())
            .unwrap()
            .value;
    let emergency = count - 1;
    let p: Option<Proposal> =
        w.s.chain
            .ask(at::<Governor>(gov).proposal(emergency), mallory())
            .unwrap()
            .value;
    let p = p.unwrap();
    assert_eq!((p.track, p.proposer), (Track::Emergency, oracle));
    // After the inspection, holders vote: the super-quorum (50%) needs alice and carol.
    w.s.chain.next_blocks(2);
    assert_eq!(vote(&mut w, emergency, alice(), Support::For), Ok(()));
    assert_eq!(vote(&mut w, emergency, carol(), Support::For), Ok(()));
    w.s.chain.next_blocks(2);
    assert_eq!(call(&mut w, "queue", emergency), Ok(()));
    w.s.chain.advance_time(3_600_000);
    assert_eq!(call(&mut w, "execute", emergency), Ok(()));
    let halted: bool =
        w.s.chain
            .ask(at::<Token>(token).is_halted(), mallory())
            .unwrap()
            .value;
    assert!(!halted, "the emergency proposal resumed trading");
    assert_eq!(w.s.transfer(alice(), bob(), 10).value, Ok(()));
}

#[test]
fn governor_refuses_every_unauthorised_caller() {
    let mut w = world();
    let (gov, d, token) = (w.gov, w.g.distributor, w.s.token);
    let m = mallory();
    let not_self = Err(GovernorError::NotSelf { caller: m });
    let checks: Vec<(&str, GovernorOutcome<()>)> = vec![
        (
            "set_params",
            w.s.send(at::<Governor>(gov).set_params(governor_params()), m),
        ),
        (
            "set_allowed",
            w.s.send(
                at::<Governor>(gov).set_allowed(token, [0u8; 4], Some(governor::ReturnKind::Plain)),
                m,
            ),
        ),
        (
            "set_guardian",
            w.s.send(at::<Governor>(gov).set_guardian(Some(m)), m),
        ),
        (
            "set_emergency_opener",
            w.s.send(at::<Governor>(gov).set_emergency_opener(m, true), m),
        ),
        (
            "set_emergency_allowed",
            w.s.send(
                at::<Governor>(gov).set_emergency_allowed(
                    m,
                    [0u8; 4],
                    Some(governor::ReturnKind::ResultOk),
                ),
                m,
            ),
        ),
    ];
    for (label, out) in checks {
        assert_eq!(out.value, not_self, "{label}");
        assert!(out.reverted && out.events == 0, "{label}");
    }
    let em: Outcome<Result<u32, suite_traits::EmergencyError>> =
        w.s.chain
            .send(
                at::<Governor>(gov).propose_emergency(
                    vec![proposed_call(d, "set_payout_bps", 1u16)],
                    Hash::default(),
                ),
                m,
            )
            .unwrap();
    assert_eq!(
        em.value,
        Err(suite_traits::EmergencyError::NotEmergencyOpener { caller: m })
    );
    assert_eq!(
        propose(&mut w, vec![proposed_call(d, "set_payout_bps", 1u16)], m),
        Err(GovernorError::NotVerified {
            account: m,
            reason: NotVerifiedReason::NotRegistered
        })
    );
    // Verified but below the threshold.
    let small = AccountId::from([91; 32]);
    w.s.chain.fund(small);
    w.s.onboard(small, FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(
        propose(
            &mut w,
            vec![proposed_call(d, "set_payout_bps", 1u16)],
            small
        ),
        Err(GovernorError::BelowThreshold {
            power: 0,
            threshold: 1_000
        })
    );
    // A call outside the allow-list (the token's mint) cannot even be proposed.
    let mint = proposed_call(token, "PSP22Mintable::mint", (alice(), 1u128));
    let sel = mint.selector;
    assert_eq!(
        propose(&mut w, vec![mint], alice()),
        Err(GovernorError::CallNotAllowed {
            callee: token,
            selector: sel
        })
    );
    let id = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 1u16)],
        alice(),
    )
    .unwrap();
    assert_eq!(
        call(&mut w, "cancel", id),
        Err(GovernorError::NotProposerOrGuardian { caller: m })
    );
    // The token refuses halting by anyone but its guardians (the oracle), resume by anyone but guardian/admin.
    let resume: Outcome<Result<(), HaltError>> =
        w.s.chain
            .send(at::<Token>(token).resume(), admin())
            .unwrap();
    assert_eq!(
        resume.value,
        Err(HaltError::NotGuardian { caller: admin() })
    );
}

fn tally(w: &mut World, id: u32) -> Proposal {
    let gov = w.gov;
    let p: Option<Proposal> =
        w.s.chain
            .ask(at::<Governor>(gov).proposal(id), mallory())
            .unwrap()
            .value;
    p.unwrap()
}

fn identity_of(w: &mut World, wallet: AccountId) -> u64 {
    let r = w.s.registry;
    let id: Option<u64> =
        w.s.chain
            .ask(at::<Registry>(r).identity_of(wallet), mallory())
            .unwrap()
            .value;
    id.unwrap()
}

#[test]
fn voting_power_counts_only_the_wallets_linked_to_the_voter_at_the_snapshot() {
    let mut w = world();
    let d = w.g.distributor;
    let bob_id = identity_of(&mut w, bob());
    let id = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 7_000u16)],
        alice(),
    )
    .unwrap();
    w.s.chain.next_blocks(2);
    // After the snapshot alice_2 (20 000) moves from alice's identity to bob's.
    let r = w.s.registry;
    let moved: Outcome<Result<(), compliance_registry::RegistryError>> =
        w.s.chain
            .send(at::<Registry>(r).remove_wallet(alice_2()), platform_a())
            .unwrap();
    assert_eq!(moved.value, Ok(()));
    w.s.link_wallet(bob_id, alice_2());
    assert_eq!(
        w.s.identity_balance(bob_id),
        40_000,
        "the move counts at once"
    );
    // Bob votes with what his identity held at the snapshot; alice with both wallets she held then.
    assert_eq!(vote(&mut w, id, bob(), Support::Against), Ok(()));
    assert_eq!(vote(&mut w, id, alice(), Support::For), Ok(()));
    let p = tally(&mut w, id);
    assert_eq!((p.for_votes, p.against_votes), (60_000, 20_000));
}

#[test]
fn exempt_accounts_never_vote_and_quorum_counts_only_the_supply_that_can_vote() {
    let mut w = world();
    let d = w.g.distributor;
    // The sponsor's treasury is exempt on the token, so the registry cannot make it an identity's wallet.
    assert_eq!(w.s.mint(treasury(), 500_000).value, Ok(()));
    let (r, t) = (w.s.registry, w.s.token);
    let registered: Outcome<Result<u64, compliance_registry::RegistryError>> =
        w.s.chain
            .send(
                at::<Registry>(r).register_identity(treasury(), FRANCE),
                platform_a(),
            )
            .unwrap();
    assert_eq!(
        registered.value,
        Err(compliance_registry::RegistryError::TokenRefusedLink {
            token: t,
            wallet: treasury(),
            reason: suite_traits::RelinkError::ExemptAccount {
                account: treasury()
            }
        })
    );
    w.s.chain.next_blocks(1);
    let id = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 7_000u16)],
        alice(),
    )
    .unwrap();
    w.s.chain.next_blocks(2);
    assert!(matches!(
        vote(&mut w, id, treasury(), Support::Against),
        Err(GovernorError::NotVerified { .. })
    ));
    // Alice's 60 000 of the 90 000 that can vote meets the 20% quorum; the treasury's 500 000 do not dilute it.
    assert_eq!(vote(&mut w, id, alice(), Support::For), Ok(()));
    w.s.chain.next_blocks(5);
    assert_eq!(tally(&mut w, id).supply, 90_000);
    assert_eq!(state(&mut w, id), ProposalState::Succeeded);
}

#[test]
fn the_guardian_cannot_cancel_a_proposal_that_removes_or_replaces_it() {
    let mut w = world();
    let (gov, d) = (w.gov, w.g.distributor);
    for new_guardian in [Some(mallory()), None] {
        let id = pass_and_queue(
            &mut w,
            vec![proposed_call(gov, "set_guardian", new_guardian)],
        );
        assert_eq!(
            w.s.send(at::<Governor>(gov).cancel(id), guardian()).value,
            Err(GovernorError::GuardianCannotCancel { id })
        );
        assert_eq!(state(&mut w, id), ProposalState::Queued);
    }
    // Any other proposal it can still cancel, also one hiding behind a `set_guardian` that changes nothing or
    // bundling other calls with a replacement.
    for calls in [
        vec![proposed_call(d, "set_payout_bps", 7_000u16)],
        vec![
            proposed_call(d, "set_payout_bps", 7_000u16),
            proposed_call(gov, "set_guardian", Some(guardian())),
        ],
        vec![
            proposed_call(d, "set_payout_bps", 7_000u16),
            proposed_call(gov, "set_guardian", Some(mallory())),
        ],
    ] {
        let other = pass_and_queue(&mut w, calls);
        assert_eq!(
            w.s.send(at::<Governor>(gov).cancel(other), guardian())
                .value,
            Ok(())
        );
    }
}

#[test]
fn a_queued_proposals_grace_period_is_fixed_when_it_is_queued() {
    let mut w = world();
    let (gov, d) = (w.gov, w.g.distributor);
    let payout = pass_and_queue(&mut w, vec![proposed_call(d, "set_payout_bps", 7_000u16)]);
    let mut short = governor_params();
    short.grace_ms = 60_000;
    let shorten = pass_and_queue(&mut w, vec![proposed_call(gov, "set_params", short)]);
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", shorten), Ok(()));
    // An hour later the first proposal is still inside the 7-day window it was queued with.
    w.s.chain.advance_time(3_600_000);
    assert_eq!(state(&mut w, payout), ProposalState::Queued);
    assert_eq!(call(&mut w, "execute", payout), Ok(()));
    let c: DistributorConfig =
        w.s.chain
            .ask(at::<Distributor>(d).config(), mallory())
            .unwrap()
            .value;
    assert_eq!(c.payout_bps, 7_000);
}

#[test]
fn a_call_removed_from_the_allow_list_no_longer_executes() {
    let mut w = world();
    let (gov, d) = (w.gov, w.g.distributor);
    let payout = pass_and_queue(&mut w, vec![proposed_call(d, "set_payout_bps", 7_000u16)]);
    let set_payout = infra_suite_e2e::chain::selector("set_payout_bps");
    let forbid = pass_and_queue(
        &mut w,
        vec![proposed_call(
            gov,
            "set_allowed",
            (d, set_payout, Option::<governor::ReturnKind>::None),
        )],
    );
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", forbid), Ok(()));
    assert_eq!(
        call(&mut w, "execute", payout),
        Err(GovernorError::CallNotAllowed {
            callee: d,
            selector: set_payout
        })
    );
    assert_eq!(state(&mut w, payout), ProposalState::Queued);
    let c: DistributorConfig =
        w.s.chain
            .ask(at::<Distributor>(d).config(), mallory())
            .unwrap()
            .value;
    assert_eq!(c.payout_bps, 8_000);
}

#[test]
fn the_emergency_track_has_its_own_short_list_and_never_reconfigures_the_governor() {
    let mut w = world();
    let (token, d) = (w.s.token, w.g.distributor);
    // A second governor whose emergency opener is an account we can sign for.
    let gov = w.s.deploy_governor(d, guardian());
    let open = |w: &mut World,
                calls: Vec<governor::ProposedCall>|
     -> Result<u32, suite_traits::EmergencyError> {
        w.s.chain
            .send(
                at::<Governor>(gov).propose_emergency(calls, Hash::from([8; 32])),
                guardian(),
            )
            .unwrap()
            .value
    };
    let refused = Err(suite_traits::EmergencyError::CallsRefused);
    assert_eq!(
        open(
            &mut w,
            vec![proposed_call(gov, "set_params", governor_params())]
        ),
        refused
    );
    assert_eq!(
        open(
            &mut w,
            vec![proposed_call(gov, "set_guardian", Some(mallory()))]
        ),
        refused
    );
    assert_eq!(
        open(
            &mut w,
            vec![proposed_call(token, "set_rules", default_rules())]
        ),
        refused,
        "on the normal allow-list only"
    );
    assert_eq!(
        open(&mut w, vec![proposed_call(token, "Haltable::resume", ())]),
        Ok(0)
    );
}

#[test]
fn oversized_proposals_get_a_typed_refusal_that_names_the_limit() {
    let mut w = world();
    let (gov, oracle, d) = (w.gov, w.g.oracle, w.g.distributor);
    let big_call = |len: usize| governor::ProposedCall {
        callee: d,
        selector: infra_suite_e2e::chain::selector("set_payout_bps"),
        input: vec![7u8; len],
        value: 0,
    };
    for len in [513usize, 1_024, 4_096, 10_000, 16_000] {
        let out: GovernorOutcome<u32> = w.s.send(
            at::<Governor>(gov).propose(vec![big_call(len)], evidence(1)),
            alice(),
        );
        assert_eq!(
            out.value,
            Err(GovernorError::InputTooLong { index: 0, max: 512 }),
            "propose with a call input of {len} bytes"
        );
        // The oracle is an emergency opener; its track answers with the same limit.
        let out: Outcome<Result<u32, EmergencyError>> =
            w.s.chain
                .send(
                    at::<Governor>(gov).propose_emergency(vec![big_call(len)], evidence(1)),
                    oracle,
                )
                .unwrap();
        assert_eq!(
            out.value,
            Err(EmergencyError::InputTooLong { index: 0, max: 512 }),
            "propose_emergency with a call input of {len} bytes"
        );
    }
    let nine = vec![proposed_call(d, "set_payout_bps", 8_000u16); 9];
    let out: GovernorOutcome<u32> = w.s.send(
        at::<Governor>(gov).propose(nine.clone(), evidence(1)),
        alice(),
    );
    assert_eq!(out.value, Err(GovernorError::TooManyCalls { max: 8 }));
    let out: Outcome<Result<u32, EmergencyError>> =
        w.s.chain
            .send(
                at::<Governor>(gov).propose_emergency(nine, evidence(1)),
                oracle,
            )
            .unwrap();
    assert_eq!(out.value, Err(EmergencyError::TooManyCalls { max: 8 }));
    // Past the contract's 16 KiB input buffer the pallet refuses to hand the input over: no contract code runs.
    let out = w.s.chain.call::<_, Result<u32, GovernorError>>(
        gov,
        "propose",
        (vec![big_call(17_000)], evidence(1)),
        alice(),
    );
    assert!(
        matches!(&out, Err(infra_suite_e2e::chain::ChainError::Dispatch(e)) if e.contains("OutputBufferTooSmall")),
        "{out:?}"
    );
}

/// `accept_admin_of` is open to anyone, so it must take nothing that was not offered: a contract that never
/// offered the governor its role refuses (`ReturnedErr`), an account with no code cannot answer (`Trapped`), and
/// in both cases the governor records nothing and the contract keeps its admin.
#[test]
fn the_governor_takes_no_admin_role_that_was_not_offered() {
    let mut w = world();
    let gov = w.gov;
    // A second distributor, deployed after the handover: its admin is the deployer, who never offered the role.
    let not_offered =
        w.s.deploy_distributor(infra_suite_e2e::finance::distributor_config());
    let taken =
        w.s.send(at::<Governor>(gov).accept_admin_of(not_offered), mallory());
    assert_eq!(
        taken.value,
        Err(GovernorError::AcceptFailed {
            target: not_offered,
            failure: CallFailure::ReturnedErr
        })
    );
    assert!(taken.reverted && taken.events == 0);
    let admin_now =
        w.s.chain
            .ask(at::<Distributor>(not_offered).admin(), mallory())
            .unwrap();
    assert_eq!(admin_now.value, admin(), "the distributor keeps its admin");
    let no_code =
        w.s.send(at::<Governor>(gov).accept_admin_of(bob()), mallory());
    assert_eq!(
        no_code.value,
        Err(GovernorError::AcceptFailed {
            target: bob(),
            failure: CallFailure::Trapped
        })
    );
    assert!(no_code.reverted && no_code.events == 0);
    // Nor its own (a call to itself is not re-entered: it trapped the whole message before).
    let itself =
        w.s.send(at::<Governor>(gov).accept_admin_of(gov), mallory());
    assert_eq!(
        itself.value,
        Err(GovernorError::AcceptFailed {
            target: gov,
            failure: CallFailure::Trapped
        })
    );
    assert!(itself.reverted && itself.events == 0);
}

#[test]
fn a_migration_moves_the_token_and_the_governor_together_and_every_holder_keeps_its_power() {
    let mut w = world();
    let (gov, token, old) = (w.gov, w.s.token, w.s.registry);
    let allow = pass_and_queue(
        &mut w,
        vec![proposed_call(
            gov,
            "set_allowed",
            (
                token,
                infra_suite_e2e::chain::selector("set_registry"),
                Some(governor::ReturnKind::ResultOk),
            ),
        )],
    );
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", allow), Ok(()));
    // The successor registry continues the old numbers.
    let successor = w.s.deploy_registry_numbered_from(100);
    // Moving the token alone would leave the governor weighing votes with numbers of another registry: the
    // proposal does not execute, and the token stays.
    let token_alone = pass_and_queue(
        &mut w,
        vec![proposed_call(token, "set_registry", successor)],
    );
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(
        call(&mut w, "execute", token_alone),
        Err(GovernorError::TokenOnAnotherRegistry {
            token_registry: successor,
            registry: old
        })
    );
    let asks: AccountId =
        w.s.chain
            .ask(at::<Token>(token).registry(), mallory())
            .unwrap()
            .value;
    assert_eq!(asks, old);
    // Both in one proposal.
    let both = pass_and_queue(
        &mut w,
        vec![
            proposed_call(token, "set_registry", successor),
            proposed_call(gov, "set_registry", successor),
        ],
    );
    // A proposal under vote while the migration executes: alice has voted, bob has not yet.
    let d = w.g.distributor;
    let pending = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 6_000u16)],
        alice(),
    )
    .unwrap();
    w.s.chain.next_blocks(2);
    assert_eq!(vote(&mut w, pending, alice(), Support::For), Ok(()));
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", both), Ok(()));
    let changed_at = w.s.chain.block();
    // The alliance re-registers the holders in the successor, bound to the token: each wallet's holding moves
    // to its holder's new number as it is linked.
    w.s.as_admin(at::<Registry>(successor).bind_token(token));
    w.s.registry = successor;
    let bob_new = w.s.onboard(bob(), FRANCE, &[ClaimType::Kyc], 365);
    let alice_new = w.s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    w.s.link_wallet(alice_new, alice_2());
    w.s.onboard(carol(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(
        (
            w.s.identity_balance(alice_new),
            w.s.identity_balance(bob_new)
        ),
        (60_000, 20_000)
    );
    assert_eq!(w.s.identity_balance(w.alice_id), 0);
    // The proposal under vote was weighed in the old registry's numbers: it takes no more votes (bob's would
    // count nothing in it) and can never be queued or executed.
    let closed = Err(GovernorError::RegistryChangedSinceProposal {
        id: pending,
        changed_at,
    });
    assert_eq!(vote(&mut w, pending, bob(), Support::Against), closed);
    w.s.chain.next_blocks(5);
    assert_eq!(call(&mut w, "queue", pending), closed);
    w.s.chain.next_blocks(1);
    let id = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 7_000u16)],
        alice(),
    )
    .unwrap();
    w.s.chain.next_blocks(2);
    assert_eq!(vote(&mut w, id, alice(), Support::For), Ok(()));
    assert_eq!(vote(&mut w, id, bob(), Support::Against), Ok(()));
    let p = tally(&mut w, id);
    assert_eq!((p.for_votes, p.against_votes), (60_000, 20_000));
}

#[test]
fn a_call_whose_input_the_callee_refuses_fails_the_whole_execution() {
    let mut w = world();
    let d = w.g.distributor;
    // The first call is sound; the second carries one byte where `set_payout_bps` takes a u16.
    let refused = governor::ProposedCall {
        callee: d,
        selector: infra_suite_e2e::chain::selector("set_payout_bps"),
        input: vec![0xff],
        value: 0,
    };
    let id = pass_and_queue(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 7_000u16), refused],
    );
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(
        call(&mut w, "execute", id),
        Err(GovernorError::ExecutionFailed {
            index: 1,
            failure: CallFailure::LangError
        })
    );
    // The first call is undone with it, and the proposal can still be executed (it stays queued).
    let c: DistributorConfig =
        w.s.chain
            .ask(at::<Distributor>(d).config(), mallory())
            .unwrap()
            .value;
    assert_eq!(c.payout_bps, 8_000);
    assert_eq!(state(&mut w, id), ProposalState::Queued);
}

#[test]
fn the_governor_takes_no_token_that_asks_another_registry() {
    use infra_suite_e2e::finance::distributor_config;
    use infra_suite_e2e::suite::{Suite, SUPPLY_CAP};
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 10_000).value, Ok(()));
    let distributor = s.deploy_distributor(distributor_config());
    let sensors: Vec<AccountId> = (0..4).map(sensor).collect();
    let oracle = s.deploy_oracle(&sensors);
    let gov = s.deploy_governor(distributor, oracle);
    let (token, registry) = (s.token, s.registry);
    // Before the handover the deployer points the token at a successor registry.
    let successor = s.deploy_registry_numbered_from(100);
    s.as_admin(at::<Token>(token).set_registry(successor));
    let offered: Outcome<Result<(), AdminError>> = s
        .chain
        .send(at::<Token>(token).transfer_admin(gov), admin())
        .unwrap();
    assert_eq!(offered.value, Ok(()));
    // The governor would weigh votes in its registry's numbers against books kept in another's: it could never
    // pass a proposal, this one's fix included. It refuses the token.
    let accepted: Outcome<Result<(), GovernorError>> = s
        .chain
        .send(at::<Governor>(gov).accept_admin_of(token), mallory())
        .unwrap();
    assert_eq!(
        accepted.value,
        Err(GovernorError::TokenOnAnotherRegistry {
            token_registry: successor,
            registry
        })
    );
}

#[test]
fn only_the_governors_own_proposal_changes_its_registry() {
    let mut w = world();
    let gov = w.gov;
    for who in [admin(), mallory(), alice(), guardian()] {
        let out: Outcome<Result<(), GovernorError>> =
            w.s.chain
                .send(at::<Governor>(gov).set_registry(mallory()), who)
                .unwrap();
        assert_eq!(out.value, Err(GovernorError::NotSelf { caller: who }));
        assert!(out.reverted && out.events == 0);
    }
    // Nothing changed: votes are still weighed in the registry the token asks.
    let d = w.g.distributor;
    let id = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 7_000u16)],
        alice(),
    )
    .unwrap();
    w.s.chain.next_blocks(2);
    assert_eq!(vote(&mut w, id, alice(), Support::For), Ok(()));
}
