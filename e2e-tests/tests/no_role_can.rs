//! What no role can do, on the real Wasm: the promises `docs/roles.md` listed as not yet covered by a test, each
//! attacked as a wrong caller or an admin acting in bad faith within its powers would. The token's admin cannot
//! set the supply cap below the current supply (it may still raise or lift it); the escrow's admin cannot release
//! the delivery holdback before the long-stop while a position is open; a later `set_params` executed by the
//! governor moves no live proposal's voting delay, voting period, quorum, approval or timelock; the oracle does not
//! resume the token while another of its halting rules (on the same feed or another) is still fired; an approved
//! operator cannot move a pass of a class bound to its buyer.
use crowdfund_escrow::{EscrowError, Phase};
use governor::{GovernorError, GovernorParams, Proposal, ProposalState, Support, TrackParams};
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Outcome, DAY_MS};
use infra_suite_e2e::finance::{
    bridge, governed_world as world, governor_params, halt_info, halted, offering_terms,
    pier_displacement, proposed_call, road_pass, GovernedWorld as World, OracleOutcome, MIN, PRICE,
};
use infra_suite_e2e::suite::{actors::*, default_rules, Suite, FRANCE, GERMANY, SUPPLY_CAP};
use ink::primitives::{AccountId, Hash};
use iot_oracle::{Condition, Rule, RuleAction, RuleState};
use project_token::{TokenError, TransferRestriction};
use suite_traits::AdminError;
use suite_traits::{ClaimType, Id, PSP34Error};
use usage_pass::{ClassId, PassError, PassId};

const TOKENS: u128 = PRICE;

// ---------------------------------------------------------------------------------------------------------------
// 1. The token's supply cap
// ---------------------------------------------------------------------------------------------------------------

fn set_cap(s: &mut Suite, cap: Option<u128>, who: AccountId) -> Outcome<Result<(), TokenError>> {
    let t = s.token;
    s.chain
        .send(at::<Token>(t).set_supply_cap(cap), who)
        .unwrap()
}

fn cap(s: &mut Suite) -> Option<u128> {
    let t = s.token;
    s.chain
        .ask(at::<Token>(t).supply_cap(), mallory())
        .unwrap()
        .value
}

#[test]
fn the_supply_cap_cannot_be_set_below_the_current_supply_not_even_by_the_admin() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 50_000).value, Ok(()));
    assert_eq!(s.mint(treasury(), 400_000).value, Ok(()));
    assert_eq!(s.supply(), 450_000);

    // No other role may touch the cap at all.
    for who in [mallory(), issuer(), agent(), guardian(), alice()] {
        let out = set_cap(&mut s, Some(1), who);
        assert_eq!(
            out.value,
            Err(TokenError::Admin(AdminError::NotAdmin { caller: who }))
        );
        assert!(out.reverted && out.events == 0);
    }
    // The admin tries to shrink the authorised supply under what is already issued: refused, whatever the figure.
    for below in [0u128, 1, 50_000, 449_999] {
        let out = set_cap(&mut s, Some(below), admin());
        assert_eq!(
            out.value,
            Err(TokenError::CapBelowSupply {
                supply: 450_000,
                cap: below
            }),
            "cap {below}"
        );
        assert!(out.reverted && out.events == 0, "cap {below}");
        assert_eq!(cap(&mut s), Some(SUPPLY_CAP), "cap {below} left no trace");
    }
    // Exactly the current supply is allowed (not below it): nothing more can be minted then.
    let out = set_cap(&mut s, Some(450_000), admin());
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events, 1, "SupplyCapChanged");
    assert_eq!(cap(&mut s), Some(450_000));
    assert_eq!(
        s.mint(treasury(), 1).value,
        Err(suite_traits::PSP22Error::Custom(
            TransferRestriction::SupplyCapExceeded {
                cap: 450_000,
                would_be: 450_001
            }
            .describe()
            .into()
        ))
    );
    // Raising and lifting work.
    let out = set_cap(&mut s, Some(2_000_000), admin());
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events, 1);
    assert_eq!(cap(&mut s), Some(2_000_000));
    assert_eq!(s.mint(treasury(), 1_000_000).value, Ok(()));
    let out = set_cap(&mut s, None, admin());
    assert_eq!(out.value, Ok(()));
    assert_eq!(out.events, 1);
    assert_eq!(cap(&mut s), None);
    assert_eq!(s.mint(treasury(), 1_000_000).value, Ok(()));
    assert_eq!(s.supply(), 2_450_000);
    // Once lifted, the cap still cannot come back below what was issued meanwhile.
    let out = set_cap(&mut s, Some(SUPPLY_CAP), admin());
    assert_eq!(
        out.value,
        Err(TokenError::CapBelowSupply {
            supply: 2_450_000,
            cap: SUPPLY_CAP
        })
    );
    assert_eq!(cap(&mut s), None);
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The escrow's delivery holdback
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn the_escrow_admin_cannot_release_the_holdback_before_the_long_stop_while_a_position_is_open() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    // Claims valid beyond the long-stop, so that bob's open position stays deliverable throughout.
    let accredited = [ClaimType::Kyc, ClaimType::Accredited];
    s.onboard(lead(), GERMANY, &accredited, 800);
    s.onboard(bob(), GERMANY, &accredited, 800);
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    terms.holdback_bps = 1_000;
    let escrow = s.deploy_escrow(terms);
    for (who, tokens) in [(lead(), 100_000u128), (bob(), 50_000)] {
        let out = s.send(
            at::<Escrow>(escrow)
                .contribute()
                .transferred_value(tokens * TOKENS),
            who,
        );
        assert_eq!(out.value, Ok(()));
    }
    s.chain.advance_time(30 * DAY_MS);
    assert_eq!(
        s.send(at::<Escrow>(escrow).finalize(), mallory()).value,
        Ok(())
    );
    let long_stop_at = s.chain.now() + 365 * DAY_MS;
    let holdback = 150_000 * TOKENS / 10;
    assert_eq!(s.offering_status(escrow).holdback, holdback);
    // The lead's position is delivered; bob's stays open.
    assert_eq!(
        s.send(at::<Escrow>(escrow).claim_tokens(lead()), mallory())
            .value,
        Ok(())
    );
    assert_eq!(s.offering_status(escrow).undelivered, 1);

    let locked = Err(EscrowError::HoldbackLocked {
        undelivered: 1,
        long_stop_at,
    });
    let sponsor_before = s.chain.native_balance(sponsor());
    let escrow_before = s.chain.native_balance(escrow);
    // The admin asks at once, and the sponsor (the payee) and anyone else too.
    for who in [admin(), sponsor(), mallory(), bob()] {
        let out = s.send(at::<Escrow>(escrow).release_holdback(), who);
        assert_eq!(out.value, locked, "{who:?} at finalization");
        assert!(out.reverted && out.events == 0);
    }
    // It cannot cancel its way to the money either: the offering is decided.
    assert_eq!(
        s.send(at::<Escrow>(escrow).cancel(), admin()).value,
        Err(EscrowError::WrongPhase {
            current: Phase::Succeeded
        })
    );
    // One millisecond before the long-stop the admin is still refused.
    s.chain.advance_time(365 * DAY_MS - 1);
    assert_eq!(s.chain.now(), long_stop_at - 1);
    let out = s.send(at::<Escrow>(escrow).release_holdback(), admin());
    assert_eq!(out.value, locked, "the admin just before the long-stop");
    assert!(out.reverted && out.events == 0);
    assert_eq!(s.chain.native_balance(sponsor()), sponsor_before);
    assert_eq!(s.chain.native_balance(escrow), escrow_before);
    let status = s.offering_status(escrow);
    assert_eq!((status.holdback, status.undelivered), (holdback, 1));

    // At the long-stop the fallback is the admin's alone.
    s.chain.advance_time(1);
    for who in [sponsor(), mallory(), bob()] {
        assert_eq!(
            s.send(at::<Escrow>(escrow).release_holdback(), who).value,
            locked,
            "{who:?} at the long-stop"
        );
    }
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_holdback(), admin())
            .value,
        Ok(())
    );
    assert_eq!(s.chain.native_balance(sponsor()) - sponsor_before, holdback);
    assert_eq!(s.offering_status(escrow).holdback, 0);
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_holdback(), admin())
            .value,
        Err(EscrowError::NothingHeldBack)
    );
    // Bob's position is still delivered in tokens.
    assert_eq!(
        s.send(at::<Escrow>(escrow).claim_tokens(bob()), mallory())
            .value,
        Ok(())
    );
    assert_eq!(s.balance(bob()), 50_000);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. A live proposal keeps its track's parameters
// ---------------------------------------------------------------------------------------------------------------

fn propose(w: &mut World, calls: Vec<governor::ProposedCall>, who: AccountId) -> u32 {
    let gov = w.gov;
    w.s.send(at::<Governor>(gov).propose(calls, Hash::from([7; 32])), who)
        .value
        .expect("propose")
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

fn proposal(w: &mut World, id: u32) -> Proposal {
    let gov = w.gov;
    let p: Option<Proposal> =
        w.s.chain
            .ask(at::<Governor>(gov).proposal(id), mallory())
            .unwrap()
            .value;
    p.unwrap()
}

fn payout_bps(w: &mut World) -> u16 {
    let d = w.g.distributor;
    let c: dividend_distributor::DistributorConfig =
        w.s.chain
            .ask(at::<Distributor>(d).config(), mallory())
            .unwrap()
            .value;
    c.payout_bps
}

#[test]
fn a_later_set_params_does_not_move_a_live_proposals_quorum_approval_voting_period_or_timelock() {
    let mut w = world();
    let (gov, d) = (w.gov, w.g.distributor);
    let before = governor_params();
    // A majority in bad faith rewrites the normal track as far as the bounds let it (`proposal::bounds`: no
    // parameter set can lock governance): a snapshot 20 blocks out, 50 blocks of voting, a quorum of half the
    // supply, a two-thirds approval, a 30-day timelock.
    let rigged = GovernorParams {
        normal: TrackParams {
            voting_delay: 20,
            voting_period: 50,
            quorum_bps: 5_000,
            approval_bps: 6_667,
            timelock_ms: 30 * DAY_MS,
        },
        ..before
    };
    let rig = propose(
        &mut w,
        vec![proposed_call(gov, "set_params", rigged)],
        alice(),
    );
    w.s.chain.next_blocks(2);
    assert_eq!(vote(&mut w, rig, alice(), Support::For), Ok(()));
    assert_eq!(vote(&mut w, rig, carol(), Support::For), Ok(()));
    w.s.chain.next_blocks(5);
    assert_eq!(call(&mut w, "queue", rig), Ok(()));

    // Two proposals opened under the old parameters, while the rigging waits out its timelock: carol's alone
    // misses the 20% quorum; alice's carries 75%.
    let thin = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 6_000u16)],
        carol(),
    );
    let contested = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 7_000u16)],
        alice(),
    );
    let opened_at = w.s.chain.block();
    let thin_before = proposal(&mut w, thin);
    let contested_before = proposal(&mut w, contested);
    for p in [&thin_before, &contested_before] {
        assert_eq!(p.params, before.normal);
        assert_eq!((p.snapshot, p.vote_end), (opened_at + 1, opened_at + 6));
    }

    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", rig), Ok(()));
    let now: GovernorParams =
        w.s.chain
            .ask(at::<Governor>(gov).params(), mallory())
            .unwrap()
            .value;
    assert_eq!(now, rigged, "the new parameters are in force");

    // The live proposals kept theirs: snapshot, end of voting, quorum, approval and timelock.
    for (id, was) in [(thin, &thin_before), (contested, &contested_before)] {
        let p = proposal(&mut w, id);
        assert_eq!(p.params, before.normal, "proposal {id}");
        assert_eq!((p.snapshot, p.vote_end), (was.snapshot, was.vote_end));
    }
    w.s.chain.next_blocks(1);
    assert_eq!(w.s.chain.block(), opened_at + 2);
    assert_eq!(
        state(&mut w, thin),
        ProposalState::Active,
        "voting opened after the old one-block delay, not the new 20"
    );
    assert_eq!(state(&mut w, contested), ProposalState::Active);
    assert_eq!(vote(&mut w, thin, carol(), Support::For), Ok(()));
    assert_eq!(vote(&mut w, contested, alice(), Support::For), Ok(()));
    assert_eq!(vote(&mut w, contested, bob(), Support::Against), Ok(()));
    w.s.chain.next_blocks(4);
    assert_eq!(
        state(&mut w, thin),
        ProposalState::Active,
        "last voting block"
    );
    w.s.chain.next_blocks(1);
    // Voting closed after the old five blocks, not the new fifty; each judged on the old quorum and approval.
    assert_eq!(
        state(&mut w, thin),
        ProposalState::Defeated,
        "10 000 of 90 000 misses the old 20% quorum"
    );
    assert_eq!(
        call(&mut w, "queue", thin),
        Err(GovernorError::WrongState {
            id: thin,
            state: ProposalState::Defeated
        })
    );
    assert_eq!(
        state(&mut w, contested),
        ProposalState::Succeeded,
        "60 000 for, 20 000 against meets the old simple majority"
    );
    let queued_at = w.s.chain.now();
    assert_eq!(call(&mut w, "queue", contested), Ok(()));
    let p = proposal(&mut w, contested);
    let eta = queued_at + 2 * DAY_MS;
    assert_eq!(
        p.eta,
        Some(eta),
        "the old two-day timelock, not thirty days"
    );
    assert_eq!(p.expires_at, Some(eta + before.grace_ms));
    assert_eq!(
        call(&mut w, "execute", contested),
        Err(GovernorError::TimelockNotElapsed { eta })
    );
    w.s.chain.advance_time(2 * DAY_MS);
    assert_eq!(call(&mut w, "execute", contested), Ok(()));
    assert_eq!(payout_bps(&mut w), 7_000);

    // A proposal opened now gets the new parameters.
    let later = propose(
        &mut w,
        vec![proposed_call(d, "set_payout_bps", 8_000u16)],
        bob(),
    );
    let b = w.s.chain.block();
    let p = proposal(&mut w, later);
    assert_eq!(p.params, rigged.normal);
    assert_eq!((p.snapshot, p.vote_end), (b + 20, b + 70));
}

// ---------------------------------------------------------------------------------------------------------------
// 4. The oracle resumes only once no halting rule is fired
// ---------------------------------------------------------------------------------------------------------------

fn rule_state(s: &mut Suite, oracle: AccountId, rule: u32) -> RuleState {
    s.chain
        .ask(at::<Oracle>(oracle).rule_state(rule), mallory())
        .unwrap()
        .value
}

fn fired(s: &mut Suite, oracle: AccountId) -> (bool, bool) {
    (
        rule_state(s, oracle, 0).fired,
        rule_state(s, oracle, 1).fired,
    )
}

/// Sensors 0, 1 and 2 report `v` on `feed`, then the clock moves on 15 minutes.
fn round(s: &mut Suite, oracle: AccountId, feed: u32, v: i64) {
    for n in 0..3 {
        let out: OracleOutcome<()> = s.send(at::<Oracle>(oracle).report(feed, v), sensor(n));
        assert_eq!(out.value, Ok(()), "report by sensor {n} on feed {feed}");
    }
    s.chain.advance_time(15 * MIN);
}

fn assert_halted_by(s: &mut Suite, oracle: AccountId, rule: u32, why: &str) {
    assert!(halted(s), "{why}");
    assert_eq!(
        halt_info(s).map(|h| (h.guardian, h.reason)),
        Some((oracle, rule)),
        "{why}"
    );
    assert_eq!(
        s.can_transfer(alice(), bob(), 10),
        Err(TransferRestriction::Halted { reason: rule }),
        "{why}"
    );
}

#[test]
fn the_oracle_does_not_resume_while_another_halting_rule_on_the_same_feed_is_still_fired() {
    let (mut s, oracle) = bridge();
    // Rule 1: a jump above 8 mm halts at once and clears after one round below it.
    let jump = Rule {
        feed: 0,
        condition: Condition::Above(8_000),
        consecutive: 1,
        resume_after: 1,
        action: RuleAction::HaltToken,
    };
    let added: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_rule(jump), admin());
    assert_eq!(added.value, Ok(1));
    round(&mut s, oracle, 0, 9_000);
    assert_halted_by(&mut s, oracle, 1, "the jump halts");
    assert_eq!(fired(&mut s, oracle), (false, true));
    round(&mut s, oracle, 0, 9_000);
    round(&mut s, oracle, 0, 9_000);
    assert_eq!(
        fired(&mut s, oracle),
        (true, true),
        "three rounds above 5 mm fire rule 0 on the halted token"
    );
    // The pier settles back to 6 mm: the jump rule (which placed the halt) clears, the 5 mm rule does not.
    for n in 0..4 {
        round(&mut s, oracle, 0, 6_000);
        assert_eq!(fired(&mut s, oracle), (true, false), "round {n} at 6 mm");
        assert_halted_by(&mut s, oracle, 1, "rule 0 is still fired");
    }
    assert_eq!(
        s.transfer(alice(), bob(), 10).value,
        Err(suite_traits::PSP22Error::Custom(
            TransferRestriction::Halted { reason: 1 }.describe().into()
        ))
    );
    round(&mut s, oracle, 0, 800);
    assert_halted_by(
        &mut s,
        oracle,
        1,
        "one round in range is not enough for rule 0",
    );
    round(&mut s, oracle, 0, 800);
    assert_eq!(fired(&mut s, oracle), (false, false));
    assert!(
        !halted(&mut s),
        "the last fired halting rule cleared: resumed"
    );
    assert_eq!(halt_info(&mut s), None);
    assert_eq!(s.transfer(alice(), bob(), 10).value, Ok(()));
}

#[test]
fn the_oracle_does_not_resume_while_a_halting_rule_on_another_feed_is_still_fired() {
    let (mut s, oracle) = bridge();
    // Feed 1: a second pier, the same four sensors; rule 1 halts on one round above 5 mm, clears after one below.
    let f: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_feed(pier_displacement()), admin());
    assert_eq!(f.value, Ok(1));
    for n in 0..4 {
        let d: OracleOutcome<()> = s.send(
            at::<Oracle>(oracle).set_device(1u32, sensor(n), true),
            admin(),
        );
        assert_eq!(d.value, Ok(()));
    }
    let second_pier = Rule {
        feed: 1,
        condition: Condition::Above(5_000),
        consecutive: 1,
        resume_after: 1,
        action: RuleAction::HaltToken,
    };
    let added: OracleOutcome<u32> = s.send(at::<Oracle>(oracle).add_rule(second_pier), admin());
    assert_eq!(added.value, Ok(1));
    // Pier 0 halts the token (rule 0), then pier 1 moves too (rule 1 fires on the halted token).
    for _ in 0..3 {
        round(&mut s, oracle, 0, 5_500);
    }
    assert_halted_by(&mut s, oracle, 0, "pier 0 halts");
    round(&mut s, oracle, 1, 7_000);
    assert_eq!(fired(&mut s, oracle), (true, true));
    // Pier 0 is back in range: rule 0 (which placed the halt) clears, pier 1 is still out.
    round(&mut s, oracle, 0, 800);
    round(&mut s, oracle, 0, 800);
    assert_eq!(fired(&mut s, oracle), (false, true));
    assert_halted_by(&mut s, oracle, 0, "pier 1's rule is still fired");
    round(&mut s, oracle, 0, 700);
    assert_halted_by(
        &mut s,
        oracle,
        0,
        "more calm rounds on pier 0 change nothing",
    );
    // Pier 1 back in range: nothing is fired any more, the oracle resumes its own halt.
    round(&mut s, oracle, 1, 900);
    assert_eq!(fired(&mut s, oracle), (false, false));
    assert!(!halted(&mut s), "resumed once both rules cleared");
    assert_eq!(s.transfer(alice(), bob(), 10).value, Ok(()));
}

// ---------------------------------------------------------------------------------------------------------------
// 5. A bound pass never changes hands, not even through an operator
// ---------------------------------------------------------------------------------------------------------------

fn buy(s: &mut Suite, pass: AccountId, who: AccountId, class: ClassId) -> PassId {
    s.send(at::<UsagePass>(pass).buy(class).transferred_value(400), who)
        .value
        .expect("buy")
}

fn approve(
    s: &mut Suite,
    pass: AccountId,
    owner: AccountId,
    operator: AccountId,
    id: Option<PassId>,
) {
    let out: Outcome<Result<(), PSP34Error>> = s
        .chain
        .send(
            at::<UsagePass>(pass).approve(operator, id.map(Id::U64), true),
            owner,
        )
        .unwrap();
    assert_eq!(out.value, Ok(()));
}

fn psp34_transfer(
    s: &mut Suite,
    pass: AccountId,
    who: AccountId,
    to: AccountId,
    id: PassId,
) -> Outcome<Result<(), PSP34Error>> {
    s.chain
        .send(
            at::<UsagePass>(pass).transfer(to, Id::U64(id), Vec::<u8>::new()),
            who,
        )
        .unwrap()
}

fn owner_of(s: &mut Suite, pass: AccountId, id: PassId) -> Option<AccountId> {
    s.chain
        .ask(at::<UsagePass>(pass).owner_of(Id::U64(id)), mallory())
        .unwrap()
        .value
}

fn allowed(
    s: &mut Suite,
    pass: AccountId,
    owner: AccountId,
    operator: AccountId,
    id: PassId,
) -> bool {
    s.chain
        .ask(
            at::<UsagePass>(pass).allowance(owner, operator, Some(Id::U64(id))),
            mallory(),
        )
        .unwrap()
        .value
}

#[test]
fn an_approved_operator_cannot_move_a_bound_pass() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let now = s.chain.now();
    let pass = s.deploy_pass(now + 365 * DAY_MS);
    let bound_class: Result<ClassId, PassError> = s
        .send(
            at::<UsagePass>(pass).add_class(road_pass(now + 60 * DAY_MS)),
            admin(),
        )
        .value;
    assert_eq!(bound_class, Ok(0));
    let bound = buy(&mut s, pass, alice(), 0);

    // Alice approves mallory for the bound pass itself, and carol for all her passes.
    approve(&mut s, pass, alice(), mallory(), Some(bound));
    approve(&mut s, pass, alice(), carol(), None);
    assert!(allowed(&mut s, pass, alice(), mallory(), bound));
    assert!(allowed(&mut s, pass, alice(), carol(), bound));
    let refusal = Err(PSP34Error::Custom(format!(
        "pass {bound} is bound to its holder: class 0 is not transferable"
    )));
    for (operator, to) in [
        (mallory(), mallory()),
        (mallory(), bob()),
        (carol(), carol()),
        (carol(), bob()),
    ] {
        let out = psp34_transfer(&mut s, pass, operator, to, bound);
        assert_eq!(out.value, refusal, "{operator:?} to {to:?}");
        assert!(out.reverted && out.events == 0);
        assert_eq!(owner_of(&mut s, pass, bound), Some(alice()));
    }
    // The admin adding a transferable class changes nothing for a pass already sold in the bound one.
    let mut gift = road_pass(now + 60 * DAY_MS);
    gift.transferable = true;
    let free_class: Result<ClassId, PassError> =
        s.send(at::<UsagePass>(pass).add_class(gift), admin()).value;
    assert_eq!(free_class, Ok(1));
    assert_eq!(
        psp34_transfer(&mut s, pass, carol(), bob(), bound).value,
        refusal
    );
    assert_eq!(owner_of(&mut s, pass, bound), Some(alice()));
    // The same kinds of approval do move a transferable pass: it is the binding that refuses, not a missing
    // approval.
    let free = buy(&mut s, pass, alice(), 1);
    approve(&mut s, pass, alice(), mallory(), Some(free));
    assert_eq!(
        psp34_transfer(&mut s, pass, mallory(), mallory(), free).value,
        Ok(())
    );
    assert_eq!(owner_of(&mut s, pass, free), Some(mallory()));
    assert_eq!(
        psp34_transfer(&mut s, pass, carol(), carol(), bound).value,
        refusal,
        "carol's approval for all of alice's passes still moves nothing bound"
    );
    let count: u32 = s
        .chain
        .ask(at::<UsagePass>(pass).balance_of(alice()), mallory())
        .unwrap()
        .value;
    assert_eq!(count, 1);
    assert_eq!(owner_of(&mut s, pass, bound), Some(alice()));
}

#[test]
fn no_message_changes_an_offerings_terms_after_deployment() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(
        lead(),
        GERMANY,
        &[ClaimType::Kyc, ClaimType::Accredited],
        365,
    );
    let terms = infra_suite_e2e::finance::offering_terms(s.chain.now());
    let escrow = s.deploy_escrow(terms.clone());
    let read = |s: &mut Suite| -> crowdfund_escrow::OfferingTerms {
        s.chain
            .ask(at::<Escrow>(escrow).terms(), mallory())
            .expect("terms")
            .value
    };
    assert_eq!(read(&mut s), terms);
    // Every message the escrow has, by the admin and by others, through the whole life of a successful offering.
    assert_eq!(s.lead_commits(escrow).value, Ok(()));
    for who in [admin(), mallory(), lead()] {
        for label in [
            "release_tranche",
            "release_holdback",
            "withdraw",
            "claim_refund",
            "finalize",
            "Admin::accept_admin",
        ] {
            // Whatever each answers (a refusal, or a success that must leave the terms alone).
            s.chain
                .call::<_, ()>(escrow, label, (), who)
                .unwrap_or_else(|e| panic!("{label} by {who:?} did not run: {e:?}"));
            assert_eq!(read(&mut s), terms, "{label} by {who:?}");
        }
        for label in ["claim_tokens", "refund_undeliverable"] {
            s.chain
                .call::<_, ()>(escrow, label, lead(), who)
                .unwrap_or_else(|e| panic!("{label} by {who:?} did not run: {e:?}"));
            assert_eq!(read(&mut s), terms, "{label} by {who:?}");
        }
    }
    s.chain.advance_time(31 * DAY_MS);
    let _ = s.send(at::<Escrow>(escrow).finalize(), mallory());
    let _ = s.send(at::<Escrow>(escrow).claim_tokens(lead()), mallory());
    // A new admin (the governor after the handover) has the same messages, and no more.
    let _ = s.send(at::<Escrow>(escrow).transfer_admin(mallory()), admin());
    let _ = s.send(at::<Escrow>(escrow).accept_admin(), mallory());
    for label in ["cancel", "release_tranche", "release_holdback"] {
        s.chain
            .call::<_, ()>(escrow, label, (), mallory())
            .unwrap_or_else(|e| panic!("{label} did not run: {e:?}"));
    }
    assert_eq!(read(&mut s), terms);
}
