//! Deploys the financing instruments (crowdfund escrow, usage pass), the dividend distributor and the IoT oracle
//! next to the registry and token, with the terms the tests, the scenario and the benchmark share.
use crate::calls::*;
use crowdfund_escrow::{EscrowError, OfferingStatus, OfferingTerms};
use dividend_distributor::{DistributorConfig, DistributorError};
use governor::{GovernorError, GovernorParams, ProposedCall, ReturnKind, TrackParams};
use ink::primitives::AccountId;
use iot_oracle::{Condition, FeedConfig, OracleError, OracleRole, Rule, RuleAction};
use project_token::Role;
use suite_traits::{ClaimSet, ClaimType, MilestoneId};
use usage_pass::PassClass;

use crate::chain::{selector, Cost, Outcome, DAY_MS};
use crate::suite::{actors, evidence, Suite, USA};
use crate::BundleProvider;

/// Native units per token unit in the demo offering.
pub const PRICE: u128 = 1_000;

/// Demo offering: 30 days, lead commits 100 000 tokens' worth, soft cap 200 000 tokens, hard cap 400 000, tickets
/// 1–50 000 tokens per identity, retail at most 10 000 tokens, 4-day cooling-off, KYC required, US residents
/// excluded, 2% platform fee to platform A, proceeds paid at once (no tranches), no delivery holdback, a one-year
/// long-stop.
pub fn offering_terms(now: u64) -> OfferingTerms {
    OfferingTerms {
        sponsor: actors::sponsor(),
        lead_investor: actors::lead(),
        lead_commitment: 100_000 * PRICE,
        price_per_token: PRICE,
        soft_cap: 200_000 * PRICE,
        hard_cap: 400_000 * PRICE,
        deadline: now + 30 * DAY_MS,
        min_ticket: PRICE,
        max_ticket: 50_000 * PRICE,
        non_accredited_cap: 10_000 * PRICE,
        cooling_off_ms: 4 * DAY_MS,
        required_claims: ClaimSet::of(&[ClaimType::Kyc]),
        blocked_countries: vec![USA],
        fee_receiver: actors::platform_a(),
        fee_bps: 200,
        tranches: vec![],
        holdback_bps: 0,
        long_stop_ms: 365 * DAY_MS,
    }
}

/// Demo road pass: 50 units, 30 days, 2 units a day, top-ups at 8 per unit, renewal 300, bound to the buyer.
pub fn road_pass(activation_at: u64) -> PassClass {
    PassClass {
        price: 400,
        initial_credit: 50,
        unit_price: Some(8),
        validity_ms: 30 * DAY_MS,
        renewal_price: Some(300),
        activation_at,
        transferable: false,
        daily_cap: 2,
        points_per_unit: 0,
    }
}

/// Escrow message result.
pub type EscrowOutcome = Outcome<Result<(), EscrowError>>;

impl Suite {
    /// The lead investor commits the demo offering's 100 000 tokens, which opens the sale.
    pub fn lead_commits(&mut self, escrow: AccountId) -> EscrowOutcome {
        let commitment = at::<Escrow>(escrow)
            .contribute()
            .transferred_value(100_000 * PRICE);
        self.send(commitment, actors::lead())
    }

    /// Deploys an escrow selling this suite's token on `terms` and grants it the token's issuer role.
    pub fn deploy_escrow(&mut self, terms: OfferingTerms) -> AccountId {
        let bundle = BundleProvider::CrowdfundEscrow
            .cached()
            .expect("escrow bundle");
        let (escrow, _) = self
            .chain
            .deploy(
                &bundle,
                "new",
                (self.token, self.registry, terms),
                actors::admin(),
            )
            .expect("deploy escrow");
        self.as_admin(at::<Token>(self.token).grant_role(escrow, Role::Issuer));
        escrow
    }

    /// The escrow's figures.
    pub fn offering_status(&mut self, escrow: AccountId) -> OfferingStatus {
        self.chain
            .ask(at::<Escrow>(escrow).status(), actors::mallory())
            .expect("status")
            .value
    }

    /// Deploys a usage-pass collection whose revenue goes to `actors::revenue()` and that must open before
    /// `long_stop_at`. It opens on milestone [`FACILITY_OPENED`] of a milestone oracle deployed for it (see
    /// [`Suite::deploy_milestone_oracle`]); [`Suite::attest_opening`] attests it.
    pub fn deploy_pass(&mut self, long_stop_at: u64) -> AccountId {
        let oracle = self.deploy_milestone_oracle();
        self.deploy_pass_with(long_stop_at, oracle, FACILITY_OPENED)
    }

    /// Deploys a usage-pass collection whose revenue goes to `actors::revenue()`, that must open before
    /// `long_stop_at` and opens once `oracle` reports `milestone` attested.
    pub fn deploy_pass_with(
        &mut self,
        long_stop_at: u64,
        oracle: AccountId,
        milestone: MilestoneId,
    ) -> AccountId {
        let bundle = crate::split::usage_pass();
        let args = (
            String::from("A12 Road Pass"),
            String::from("A12P"),
            actors::revenue(),
            long_stop_at,
            oracle,
            milestone,
        );
        let (pass, _) = self
            .deploy_contract(&bundle, args, actors::admin())
            .expect("deploy usage pass");
        pass
    }
}

/// 80% of revenue to holders, the rest to the treasury as operating reserve; tax to the registry admin's account
/// standing for the tax authority; claims open for 90 days.
pub fn distributor_config() -> DistributorConfig {
    DistributorConfig {
        payout_bps: 8_000,
        reserve: actors::treasury(),
        tax_account: actors::tax_office(),
        claim_window_ms: 90 * DAY_MS,
    }
}

/// Bridge pier displacement in µm: plausible within ±50 mm, 3 sensors must agree within 10 minutes.
pub fn pier_displacement() -> FeedConfig {
    FeedConfig {
        min_value: -50_000,
        max_value: 50_000,
        quorum: 3,
        round_timeout_ms: 10 * 60_000,
        staleness_ms: 60 * 60_000,
        cumulative: false,
        period_ms: DAY_MS,
    }
}

/// The bridge rule on feed 0: above 5 mm in three rounds in a row halts trading; two rounds back in range resume.
pub fn bridge_rule() -> Rule {
    Rule {
        feed: 0,
        condition: Condition::Above(5_000),
        consecutive: 3,
        resume_after: 2,
        action: RuleAction::HaltToken,
    }
}

/// Distributor message result.
pub type DistributorOutcome<R> = Outcome<Result<R, DistributorError>>;
/// Oracle message result.
pub type OracleOutcome<R> = Outcome<Result<R, OracleError>>;

impl Suite {
    /// Deploys the distributor for this suite's token and registry; the treasury is excluded from dividends.
    pub fn deploy_distributor(&mut self, config: DistributorConfig) -> AccountId {
        let bundle = crate::split::dividend_distributor();
        let (distributor, _) = self
            .deploy_contract(
                &bundle,
                (self.token, self.registry, config),
                actors::admin(),
            )
            .expect("deploy distributor");
        let out: DistributorOutcome<()> = self.send(
            at::<Distributor>(distributor).set_excluded(actors::treasury(), true),
            actors::admin(),
        );
        assert_eq!(out.value, Ok(()));
        distributor
    }

    /// Deploys the oracle (milestones need 2 attestations), points it at the token and makes it the token's
    /// guardian; adds the pier-displacement feed with sensors `sensors` and the bridge rule (a halting rule needs
    /// quorum + 1 = 4 sensors).
    pub fn deploy_oracle(&mut self, sensors: &[AccountId]) -> AccountId {
        let bundle = crate::split::iot_oracle();
        let (oracle, _) = self
            .deploy_contract(&bundle, 2u32, actors::admin())
            .expect("deploy oracle");
        self.as_admin(at::<Token>(self.token).grant_role(oracle, Role::Guardian));
        let token = self.token;
        let set: OracleOutcome<()> =
            self.send(at::<Oracle>(oracle).set_token(Some(token)), actors::admin());
        assert_eq!(set.value, Ok(()));
        let feed: OracleOutcome<u32> = self.send(
            at::<Oracle>(oracle).add_feed(pier_displacement()),
            actors::admin(),
        );
        assert_eq!(feed.value, Ok(0));
        for s in sensors {
            let d: OracleOutcome<()> = self.send(
                at::<Oracle>(oracle).set_device(0u32, *s, true),
                actors::admin(),
            );
            assert_eq!(d.value, Ok(()));
        }
        let rule: OracleOutcome<u32> = self.send(
            at::<Oracle>(oracle).add_rule(bridge_rule()),
            actors::admin(),
        );
        assert_eq!(rule.value, Ok(0));
        oracle
    }

    /// Each of `sensors` reports its value on feed 0, then the clock moves on 15 minutes (one round).
    pub fn sensor_round(&mut self, oracle: AccountId, sensors: &[(AccountId, i64)]) -> Cost {
        let mut last = Cost::default();
        for (s, v) in sensors {
            let out: OracleOutcome<()> = self.send(at::<Oracle>(oracle).report(0u32, *v), *s);
            assert_eq!(out.value, Ok(()), "report by {s:?}");
            last = out.cost;
        }
        self.chain.advance_time(15 * 60_000);
        last
    }
}

/// Normal track: 1-block delay, 5 blocks of voting, 20% quorum, simple majority, 2-day timelock; emergency track:
/// 1-block delay, 2 blocks, 50% quorum, two-thirds majority, 1-hour timelock; 1 000 tokens to propose; 7 days
/// of grace.
pub fn governor_params() -> GovernorParams {
    GovernorParams {
        normal: TrackParams {
            voting_delay: 1,
            voting_period: 5,
            quorum_bps: 2_000,
            approval_bps: 5_001,
            timelock_ms: 2 * DAY_MS,
        },
        emergency: TrackParams {
            voting_delay: 1,
            voting_period: 2,
            quorum_bps: 5_000,
            approval_bps: 6_667,
            timelock_ms: 3_600_000,
        },
        proposal_threshold: 1_000,
        grace_ms: 7 * DAY_MS,
    }
}

/// A call for a proposal: `label` of `callee` with SCALE-encoded `args`.
pub fn proposed_call<A: scale::Encode>(callee: AccountId, label: &str, args: A) -> ProposedCall {
    ProposedCall {
        callee,
        selector: selector(label),
        input: args.encode(),
        value: 0,
    }
}

/// Governor message result.
pub type GovernorOutcome<R> = Outcome<Result<R, GovernorError>>;

/// The contracts a governor takes over.
pub struct Governed {
    pub escrow: AccountId,
    pub distributor: AccountId,
    pub pass: AccountId,
    pub oracle: AccountId,
}

impl Suite {
    /// Deploys a governor over this suite's token. Allow-listed: the distributor's `set_payout_bps`, the token's
    /// `set_rules` and `Haltable::resume`, the oracle's `add_rule`; `openers` may open emergency proposals; the
    /// guardian account may cancel.
    pub fn deploy_governor(&mut self, distributor: AccountId, oracle: AccountId) -> AccountId {
        self.deploy_governor_with(distributor, oracle, governor_params())
    }

    /// [`Suite::deploy_governor`] with other parameters.
    pub fn deploy_governor_with(
        &mut self,
        distributor: AccountId,
        oracle: AccountId,
        params: GovernorParams,
    ) -> AccountId {
        let bundle = crate::split::governor();
        let allowed = vec![
            (
                distributor,
                selector("set_payout_bps"),
                ReturnKind::ResultOk,
            ),
            (self.token, selector("set_rules"), ReturnKind::ResultOk),
            (
                self.token,
                selector("Haltable::resume"),
                ReturnKind::ResultOk,
            ),
            (oracle, selector("add_rule"), ReturnKind::ResultOk),
        ];
        // The emergency track may only resume the token.
        let emergency_allowed = vec![(
            self.token,
            selector("Haltable::resume"),
            ReturnKind::ResultOk,
        )];
        let args = (
            self.token,
            self.registry,
            params,
            Some(actors::guardian()),
            allowed,
            emergency_allowed,
            vec![oracle],
        );
        let (governor, _) = self
            .deploy_contract(&bundle, args, actors::admin())
            .expect("deploy governor");
        governor
    }

    /// The deployer offers the admin role of the registry, the token and every contract in `g` to `governor`, and
    /// the governor accepts each (anyone may trigger `accept_admin_of`). Afterwards the deployer holds nothing.
    pub fn hand_over(&mut self, governor: AccountId, g: &Governed) {
        let targets = [
            self.registry,
            self.token,
            g.escrow,
            g.distributor,
            g.pass,
            g.oracle,
        ];
        for target in targets {
            let offered: Outcome<Result<(), suite_traits::AdminError>> = self
                .chain
                .call(target, "Admin::transfer_admin", governor, actors::admin())
                .expect("Admin::transfer_admin");
            assert_eq!(offered.value, Ok(()), "transfer_admin of {target:?}");
            let accepted: GovernorOutcome<()> = self.send(
                at::<Governor>(governor).accept_admin_of(target),
                actors::mallory(),
            );
            assert_eq!(accepted.value, Ok(()), "accept_admin_of {target:?}");
        }
    }
}

/// The oracle milestone "facility opened" that opens the test and scenario pass collections.
pub const FACILITY_OPENED: MilestoneId = 1;

/// The milestone stakeholders of [`Suite::make_stakeholders`]: the first posts, the other two attest.
pub fn milestone_stakeholders() -> [AccountId; 3] {
    [actors::sponsor(), actors::lead(), actors::platform_a()]
}

impl Suite {
    /// Deploys a bare IoT oracle (milestones need 2 attestations; no feeds, no token) whose stakeholders are
    /// [`milestone_stakeholders`]: what a usage pass asks whether the facility opened.
    pub fn deploy_milestone_oracle(&mut self) -> AccountId {
        let bundle = crate::split::iot_oracle();
        let (oracle, _) = self
            .deploy_contract(&bundle, 2u32, actors::admin())
            .expect("deploy milestone oracle");
        self.make_stakeholders(oracle);
        oracle
    }

    /// The oracle's admin makes [`milestone_stakeholders`] stakeholders of `oracle`.
    pub fn make_stakeholders(&mut self, oracle: AccountId) {
        for who in milestone_stakeholders() {
            let r: OracleOutcome<()> = self.send(
                at::<Oracle>(oracle).set_role(who, OracleRole::Stakeholder, true),
                actors::admin(),
            );
            assert_eq!(r.value, Ok(()), "stakeholder {who:?}");
        }
    }

    /// The first stakeholder posts `milestone` on `oracle` with evidence, the other two attest it: attested.
    pub fn attest_milestone(&mut self, oracle: AccountId, milestone: MilestoneId) {
        let [poster, a, b] = milestone_stakeholders();
        let posted: OracleOutcome<()> = self.send(
            at::<Oracle>(oracle).post_milestone(milestone, evidence(0xa0)),
            poster,
        );
        assert_eq!(posted.value, Ok(()), "post milestone {milestone}");
        for who in [a, b] {
            let r: OracleOutcome<()> =
                self.send(at::<Oracle>(oracle).attest_milestone(milestone), who);
            assert_eq!(r.value, Ok(()), "attest milestone {milestone}");
        }
    }

    /// Attests the opening milestone of `pass` in its oracle (whose stakeholders must be
    /// [`milestone_stakeholders`]), so that anyone can open it.
    pub fn attest_opening(&mut self, pass: AccountId) {
        let opening: usage_pass::OpeningMilestone = self
            .chain
            .ask(at::<UsagePass>(pass).opening_milestone(), actors::mallory())
            .expect("opening_milestone")
            .value;
        self.attest_milestone(opening.oracle, opening.milestone);
    }
}

/// A suite whose governor holds every admin role: alice 60 000 (two wallets), bob 20 000, carol 10 000, all
/// verified; escrow, distributor, pass and oracle deployed, wired and handed over; the oracle may open emergencies.
pub struct GovernedWorld {
    pub s: Suite,
    pub gov: AccountId,
    pub g: Governed,
    pub alice_id: suite_traits::IdentityId,
}

/// Deploys a [`GovernedWorld`].
pub fn governed_world() -> GovernedWorld {
    use crate::suite::{default_rules, FRANCE, GERMANY, SUPPLY_CAP};
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let alice_id = s.onboard(actors::alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.link_wallet(alice_id, actors::alice_2());
    s.onboard(actors::bob(), GERMANY, &[ClaimType::Kyc], 365);
    s.onboard(actors::carol(), FRANCE, &[ClaimType::Kyc], 365);
    for (who, amount) in [
        (actors::alice(), 40_000),
        (actors::alice_2(), 20_000),
        (actors::bob(), 20_000),
        (actors::carol(), 10_000),
    ] {
        assert_eq!(s.mint(who, amount).value, Ok(()));
    }
    let escrow = s.deploy_escrow(offering_terms(s.chain.now()));
    let distributor = s.deploy_distributor(distributor_config());
    let pass = s.deploy_pass(s.chain.now() + 365 * DAY_MS);
    let sensors: Vec<AccountId> = (0..4).map(actors::sensor).collect();
    let oracle = s.deploy_oracle(&sensors);
    let gov = s.deploy_governor(distributor, oracle);
    let set: OracleOutcome<()> = s.send(
        at::<Oracle>(oracle).set_governor(Some(gov)),
        actors::admin(),
    );
    assert_eq!(set.value, Ok(()));
    let g = Governed {
        escrow,
        distributor,
        pass,
        oracle,
    };
    s.hand_over(gov, &g);
    s.chain.next_blocks(1);
    GovernedWorld {
        s,
        gov,
        g,
        alice_id,
    }
}

/// One minute in milliseconds.
pub const MIN: u64 = 60_000;

/// Token (alice 10 000; alice and bob verified in France) and the oracle on feed 0 (pier displacement, quorum 3)
/// with sensors 0..=3 and the bridge rule (above 5 mm three rounds in a row halts, two rounds in range resume).
pub fn bridge() -> (Suite, AccountId) {
    use crate::suite::{default_rules, FRANCE, SUPPLY_CAP};
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(actors::alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.onboard(actors::bob(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(actors::alice(), 10_000).value, Ok(()));
    let sensors: Vec<AccountId> = (0..4).map(actors::sensor).collect();
    let oracle = s.deploy_oracle(&sensors);
    (s, oracle)
}

/// Whether the suite's token is halted.
pub fn halted(s: &mut Suite) -> bool {
    let t = s.token;
    s.chain
        .ask(at::<Token>(t).is_halted(), actors::mallory())
        .expect("is_halted")
        .value
}

/// Who halted the suite's token, why and since when.
pub fn halt_info(s: &mut Suite) -> Option<project_token::HaltInfo> {
    let t = s.token;
    s.chain
        .ask(at::<Token>(t).halt_info(), actors::mallory())
        .expect("halt_info")
        .value
}
