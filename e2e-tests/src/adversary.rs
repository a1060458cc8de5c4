//! The suite-wide adversarial harness: deploys all seven contracts as the main job does, then runs a random
//! sequence of actions by every actor, each within its role (and, often, just outside it: the wrong caller, the
//! same wallet on both sides, zero, the maximum, a replayed receipt, a lying or silent sensor), and after every
//! step checks the suite's global invariants by reading the chain.
//!
//! A case is reproducible from its seed: a failure prints the seed, the step and the trace of actions that led
//! to it. `tests/adversarial.rs` runs a few fixed seeds in `./test.sh`; `./fuzz.sh` runs many more.
//!
//! The invariants (each a function below, named after the promise):
//! - every call returns a decodable answer: no trap, no out-of-gas, no opaque pallet error;
//! - token: supply = sum of balances; each identity's total = the balances of the wallets the registry links to
//!   it (exempt accounts aside); every holding wallet is attributed to its registry identity; the holder count
//!   is the number of identities holding;
//! - escrow: its native balance covers everything it owes; after settlement every contributor has its tokens or
//!   its refund;
//! - distributor: its native balance covers every liability (claimable, held, reserve); a holder who just
//!   claimed is paid nothing by a second claim;
//! - usage pass: its native balance covers the pre-sale money held, which is the sum of the passes' refundable
//!   amounts; a meter's receipt is never charged twice;
//! - governor: nothing executes that was not allow-listed at execution;
//! - a registry migration (the platforms copy every identity into a successor numbering above the first
//!   registry; the token follows it only with nothing promised): every holding stays with its holder (a
//!   re-linked wallet counts for its own identity's copy, any other still for its old number), and the books stay
//!   consistent with themselves while old numbers are still counted;
//! - token limits with promises: no step adds an identity to those holding or promised tokens beyond the holder
//!   limit in force, and no step raises an identity's holding plus promise above the maximum holding in force (a
//!   delivery moves a promise into the holding and raises neither; a rule change lowers the limits for what
//!   comes next, never forces anyone out).
use crate::calls::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use compliance_registry::RegistryError;
use crowdfund_escrow::{EscrowError, Phase, Position};
use dividend_distributor::{Asset, DistributorError};
use governor::{GovernorError, ProposedCall, Support};
use ink::primitives::{AccountId, Hash};
use iot_oracle::OracleError;
use project_token::{AccountState, ComplianceRules, TokenError, Tranche};
use scale::{Decode, Encode};
use suite_traits::{ClaimType, CountryCode, HaltError, IdentityId, PSP22Error};
use usage_pass::{Facility, Pass, PassError, PassId};

use crate::chain::{ChainError, DAY_MS};

/// Where the successor registry of the migration starts numbering: above every number the first registry gives
/// out in a case.
const SUCCESSOR_FIRST: IdentityId = 1_000;

/// ink!'s static buffer, which holds a message's whole input (ink 5 default, `INK_STATIC_BUFFER_SIZE`).
const INK_INPUT_BUFFER: usize = 16 * 1024;
use crate::finance::{
    distributor_config, offering_terms, proposed_call, road_pass, Governed, FACILITY_OPENED, PRICE,
};
use crate::suite::{
    actors::*, default_rules, evidence, Build, Suite, FRANCE, GERMANY, SUPPLY_CAP, USA,
};

/// A small deterministic generator (splitmix64): a case is reproducible from its seed, with no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
    /// An amount: often a boundary (0, 1, `typical`, `max`, `max + 1`, `u128::MAX`), otherwise up to `max`.
    pub fn amount(&mut self, typical: u128, max: u128) -> u128 {
        match self.below(10) {
            0 => 0,
            1 => 1,
            2 => max,
            3 => max.saturating_add(1),
            4 => u128::MAX,
            5 => typical,
            _ => (self.next() as u128) % max.max(1) + 1,
        }
    }
}

/// Figures of a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Cases run.
    pub cases: u64,
    /// Actions taken.
    pub steps: u64,
    /// Contract calls made by actions (queries of the checks not counted).
    pub calls: u64,
    /// Calls refused with a typed error.
    pub refusals: u64,
    /// Invariant checks that passed.
    pub invariants_checked: u64,
    /// Registry migrations done (the token followed a successor registry; see `migrate_registry`).
    pub migrations: u64,
}

impl Stats {
    /// Adds another run's figures.
    pub fn add(&mut self, o: &Stats) {
        self.cases += o.cases;
        self.steps += o.steps;
        self.calls += o.calls;
        self.refusals += o.refusals;
        self.invariants_checked += o.invariants_checked;
        self.migrations += o.migrations;
    }
}

/// A broken promise: the seed and step that reproduce it, what broke, and the actions that led there.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The case's seed.
    pub seed: u64,
    /// The step at which the check failed (0: deployment or the final settlement).
    pub step: u64,
    /// What broke.
    pub what: String,
    /// The last actions, oldest first.
    pub trace: Vec<String>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "seed {} step {}: {}", self.seed, self.step, self.what)?;
        writeln!(f, "actions that led there (oldest first):")?;
        for line in &self.trace {
            writeln!(f, "  {line}")?;
        }
        Ok(())
    }
}

/// Investors (and would-be investors) the harness moves around.
fn investors() -> [AccountId; 7] {
    [
        alice(),
        alice_2(),
        bob(),
        carol(),
        dave(),
        lead(),
        mallory(),
    ]
}

/// Every account that can ever hold the token in a case.
fn token_holders_possible(w: &World) -> Vec<AccountId> {
    let mut all = actors_all_unique();
    all.extend([
        w.escrow,
        w.distributor,
        w.pass,
        w.oracle,
        w.governor,
        w.s.token,
        w.s.registry,
    ]);
    all
}

fn actors_all_unique() -> Vec<AccountId> {
    let mut v = crate::suite::actors::all();
    v.sort_by_key(|a| *AsRef::<[u8; 32]>::as_ref(a));
    v.dedup();
    v
}

/// The world of one case.
pub struct World {
    /// The chain with registry and token.
    pub s: Suite,
    escrow: AccountId,
    distributor: AccountId,
    pass: AccountId,
    oracle: AccountId,
    governor: AccountId,
    rng: Rng,
    seed: u64,
    step: u64,
    trace: Vec<String>,
    stats: Stats,
    contributors: BTreeSet<AccountId>,
    passes: Vec<PassId>,
    charged_receipts: BTreeSet<(AccountId, [u8; 32])>,
    proposals: Vec<u32>,
    milestone_posted: bool,
    /// How many identities the current registry has numbered so far (from `first_identity`).
    identities: IdentityId,
    /// The current registry's first identity number: 1, or [`SUCCESSOR_FIRST`] after the migration.
    first_identity: IdentityId,
    /// After the migration: how many numbers the first registry gave out (1..=this), which the token may still
    /// count for wallets not re-linked yet.
    retired_identities: IdentityId,
    /// Each identity's (holding, promise) after the last step, for the limits invariant.
    held_and_promised: BTreeMap<IdentityId, (u128, u128)>,
    /// The first registry's identities and their copies' numbers in the successor, after the migration.
    migrated_to: BTreeMap<IdentityId, IdentityId>,
    /// Whether the registry unbound the token at some point of the case (its attributions may lag since).
    was_unbound: bool,
    /// A second registry numbering its identities from 1 again (a migration done wrong).
    restarted_registry: AccountId,
    /// A successor registry numbering from [`SUCCESSOR_FIRST`] (a migration done right), until the migration.
    successor_registry: Option<AccountId>,
    failure: Option<String>,
}

/// Deploys the suite, runs `steps` random actions from `seed`, then settles the offering; returns the figures or
/// the first broken promise.
pub fn run_case(seed: u64, steps: u64) -> Result<Stats, Failure> {
    run_case_as(Build::Split, seed, steps).map(|(stats, _)| stats)
}

/// [`run_case`] with the split contracts deployed as `build`; also returns every call's answer in order, with
/// the contracts' addresses written as `<token>`, `<registry>`, ... (they differ between builds, as their code
/// does).
pub fn run_case_as(build: Build, seed: u64, steps: u64) -> Result<(Stats, Vec<String>), Failure> {
    let mut w = World::deploy(build, seed);
    if let Some(what) = w.failure.take() {
        return Err(w.fail(what));
    }
    // The first registry, for the trace's labels once the token has moved to the successor.
    let first_registry = w.s.registry;
    for _ in 0..steps {
        w.step += 1;
        w.act();
        w.check_all();
        if let Some(what) = w.failure.take() {
            return Err(w.fail(what));
        }
        w.stats.steps += 1;
    }
    w.step = 0;
    w.settle_offering();
    w.check_all();
    if let Some(what) = w.failure.take() {
        return Err(w.fail(what));
    }
    // Settled, the offering promises nothing more, so the registry migration a case rarely reaches while
    // positions are open (the token refuses it then) happens now when it has not, and the case goes on for a
    // quarter of its steps on the successor: every holding must stay with its holder across the move, and every
    // rule hold on the copied identities.
    if w.successor_registry.is_some() {
        w.note("after settlement: the registry migration, then more steps on the successor".into());
        w.step = steps;
        w.migrate_registry();
        w.check_all();
        if let Some(what) = w.failure.take() {
            return Err(w.fail(what));
        }
        for _ in 0..steps / 4 {
            w.step += 1;
            w.act();
            w.check_all();
            if let Some(what) = w.failure.take() {
                return Err(w.fail(what));
            }
            w.stats.steps += 1;
        }
    }
    w.stats.cases = 1;
    // Every split contract's address depends on its build (an address derives from the code deployed).
    let contracts = [
        (w.s.token, "<token>"),
        (w.s.registry, "<registry>"),
        (first_registry, "<first registry>"),
        (w.escrow, "<escrow>"),
        (w.distributor, "<distributor>"),
        (w.pass, "<pass>"),
        (w.oracle, "<oracle>"),
        (w.governor, "<governor>"),
    ];
    let answers = w
        .trace
        .iter()
        .map(|line| {
            contracts
                .iter()
                .fold(line.clone(), |line, (address, label)| {
                    line.replace(&format!("{address:?}"), label)
                        .replace(&name(*address), label)
                })
        })
        .collect();
    Ok((w.stats, answers))
}

impl World {
    fn deploy(build: Build, seed: u64) -> World {
        let mut rng = Rng::new(seed);
        let mut s = Suite::deploy_as(build, default_rules(), Some(SUPPLY_CAP));
        let alice_id = s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
        s.link_wallet(alice_id, alice_2());
        s.onboard(bob(), GERMANY, &[ClaimType::Kyc, ClaimType::Accredited], 30);
        s.onboard(carol(), USA, &[ClaimType::Aml], 365);
        s.onboard(
            lead(),
            GERMANY,
            &[ClaimType::Kyc, ClaimType::Accredited],
            365,
        );
        let _ = s.mint(treasury(), 500_000);
        let mut terms = offering_terms(s.chain.now());
        terms.soft_cap = (50_000 + rng.below(150_000) as u128) * PRICE;
        terms.hard_cap = terms.soft_cap + 100_000 * PRICE;
        terms.max_ticket = 80_000 * PRICE;
        terms.non_accredited_cap = 80_000 * PRICE;
        terms.cooling_off_ms = rng.below(3) * DAY_MS;
        terms.deadline = s.chain.now() + (5 + rng.below(20)) * DAY_MS;
        terms.holdback_bps = rng.pick(&[0u16, 500]);
        let escrow = s.deploy_escrow(terms);
        let distributor = s.deploy_distributor(distributor_config());
        let oracle = s.deploy_oracle(&[sensor(0), sensor(1), sensor(2), sensor(3)]);
        s.make_stakeholders(oracle);
        let now = s.chain.now();
        let pass = s.deploy_pass_with(now + 60 * DAY_MS, oracle, FACILITY_OPENED);
        let _: crate::chain::Outcome<Result<(), PassError>> = s.send(
            at::<UsagePass>(pass).set_revenue_receiver(distributor),
            admin(),
        );
        let _: crate::chain::Outcome<Result<u32, PassError>> = s.send(
            at::<UsagePass>(pass).add_class(road_pass(now + 3 * DAY_MS)),
            admin(),
        );
        let _: crate::chain::Outcome<Result<(), PassError>> =
            s.send(at::<UsagePass>(pass).set_meter(gate(), 1u64), admin());
        let governor = s.deploy_governor(distributor, oracle);
        let restarted_registry = s.deploy_registry_numbered_from(1);
        let successor_registry = Some(s.deploy_registry_numbered_from(SUCCESSOR_FIRST));
        let governed = rng.chance(50);
        if governed {
            // Only the distributor: the admin keeps its powers elsewhere and may use them in bad faith.
            let offered: crate::chain::Outcome<Result<(), suite_traits::AdminError>> = s
                .chain
                .send(
                    at::<Distributor>(distributor).transfer_admin(governor),
                    admin(),
                )
                .expect("Admin::transfer_admin");
            assert_eq!(offered.value, Ok(()));
            let accepted: crate::chain::Outcome<Result<(), GovernorError>> = s.send(
                at::<Governor>(governor).accept_admin_of(distributor),
                mallory(),
            );
            assert_eq!(accepted.value, Ok(()));
        }
        let _ = Governed {
            escrow,
            distributor,
            pass,
            oracle,
        };
        World {
            s,
            escrow,
            distributor,
            pass,
            oracle,
            governor,
            rng,
            seed,
            step: 0,
            trace: vec![format!(
                "deploy (governor administers the distributor: {governed})"
            )],
            stats: Stats::default(),
            contributors: BTreeSet::new(),
            passes: vec![],
            charged_receipts: BTreeSet::new(),
            proposals: vec![],
            milestone_posted: false,
            identities: 4,
            first_identity: 1,
            retired_identities: 0,
            held_and_promised: BTreeMap::new(),
            restarted_registry,
            successor_registry,
            was_unbound: false,
            migrated_to: BTreeMap::new(),
            failure: None,
        }
    }

    fn fail(&self, what: String) -> Failure {
        let from = self.trace.len().saturating_sub(40);
        Failure {
            seed: self.seed,
            step: self.step,
            what,
            trace: self.trace[from..].to_vec(),
        }
    }

    fn broken(&mut self, what: String) {
        if self.failure.is_none() {
            self.failure = Some(what);
        }
    }

    fn note(&mut self, text: String) {
        self.trace.push(format!("#{} {}", self.step, text));
    }

    /// A call by an actor, built with the contract's own call builder (`label` names it in the trace): a typed
    /// answer, or a broken promise (trap, out of gas, undecodable answer).
    fn send<A: Encode, R: Decode + Debug, E: Decode + Debug>(
        &mut self,
        label: &str,
        message: Message<A, Result<R, E>>,
        who: AccountId,
    ) -> Option<Result<R, E>> {
        self.stats.calls += 1;
        let params = message.params();
        let (contract, value) = (*params.callee(), *params.transferred_value());
        let input = params.exec_input().encode();
        let input_len = input.len();
        match self
            .s
            .chain
            .call_data::<Result<R, E>>(contract, input, who, value)
        {
            Ok(o) => {
                if o.value.is_err() {
                    self.stats.refusals += 1;
                }
                self.note(format!("{label} by {} -> {:?}", name(who), o.value));
                Some(o.value)
            }
            // Past the contract's 16 KiB input buffer the pallet refuses to hand the input over
            // (`OutputBufferTooSmall`) before any contract code runs. Anything else is a broken promise.
            Err(ChainError::Dispatch(e))
                if input_len > INK_INPUT_BUFFER && e.contains("OutputBufferTooSmall") =>
            {
                self.stats.refusals += 1;
                self.note(format!(
                    "{label} by {} -> input of {input_len} bytes refused by the pallet",
                    name(who)
                ));
                None
            }
            Err(e) => {
                self.note(format!("{label} by {} -> {e:?}", name(who)));
                self.broken(format!(
                    "{label} by {} did not answer with a typed result: {e:?}",
                    name(who)
                ));
                None
            }
        }
    }

    /// A read the checks make; a read that fails is itself a broken promise.
    fn read<A: Encode, R: Decode + Default>(&mut self, view: Message<A, R>) -> R {
        match self.s.chain.ask(view, mallory()) {
            Ok(o) => o.value,
            Err(e) => {
                self.broken(format!("a view failed: {e:?}"));
                R::default()
            }
        }
    }

    /// Every identity number the token may count: the current registry's (numbered from `first_identity` in
    /// registration order; the harness counts those it saw registered) and, after the migration, the first
    /// registry's, which wallets not yet re-linked still count for.
    fn identity_numbers(&self) -> Vec<IdentityId> {
        let mut numbers: Vec<IdentityId> = (1..=self.retired_identities).collect();
        numbers.extend((0..self.identities).map(|i| self.first_identity + i));
        numbers
    }

    /// The current registry's identities, in number order.
    fn current_identities(&self) -> Vec<IdentityId> {
        (0..self.identities)
            .map(|i| self.first_identity + i)
            .collect()
    }

    /// One of the identities registered so far in the current registry.
    fn some_identity(&mut self) -> IdentityId {
        let ids = self.identities.max(1);
        self.first_identity + self.rng.below(ids)
    }
}

fn name(who: AccountId) -> String {
    let table = [
        ("admin", admin()),
        ("platformA", platform_a()),
        ("platformB", platform_b()),
        ("regulator", regulator()),
        ("issuer", issuer()),
        ("agent", agent()),
        ("guardian", guardian()),
        ("treasury", treasury()),
        ("alice", alice()),
        ("alice2", alice_2()),
        ("bob", bob()),
        ("carol", carol()),
        ("dave", dave()),
        ("mallory", mallory()),
        ("sponsor", sponsor()),
        ("lead", lead()),
        ("gate", gate()),
        ("taxoffice", tax_office()),
    ];
    for (n, a) in table {
        if a == who {
            return n.into();
        }
    }
    for i in 0..4 {
        if sensor(i) == who {
            return format!("sensor{i}");
        }
    }
    let bytes: &[u8; 32] = who.as_ref();
    format!("0x{:02x}{:02x}..", bytes[0], bytes[1])
}

type R<T, E> = Option<Result<T, E>>;

impl World {
    /// One random action.
    fn act(&mut self) {
        let t = self.s.token;
        let reg = self.s.registry;
        match self.rng.below(100) {
            // ---- the offering ----
            0..=9 => {
                let who = self.rng.pick(&investors());
                let amount = match self.rng.below(4) {
                    0 => 0,
                    1 => PRICE - 1,
                    2 => (1 + self.rng.below(90_000) as u128) * PRICE,
                    _ => (1 + self.rng.below(20_000) as u128) * PRICE,
                };
                let r: R<(), EscrowError> = self.send(
                    "contribute",
                    at::<Escrow>(self.escrow)
                        .contribute()
                        .transferred_value(amount),
                    who,
                );
                if matches!(r, Some(Ok(()))) {
                    self.contributors.insert(who);
                }
            }
            10..=11 => {
                let who = self.rng.pick(&investors());
                let _: R<(), EscrowError> =
                    self.send("withdraw", at::<Escrow>(self.escrow).withdraw(), who);
            }
            12..=13 => {
                let _: R<(), EscrowError> =
                    self.send("finalize", at::<Escrow>(self.escrow).finalize(), mallory());
            }
            14..=15 => {
                let who = self.rng.pick(&investors());
                let by = self.rng.pick(&[mallory(), who]);
                match self.rng.below(3) {
                    0 => {
                        let _: R<(), EscrowError> = self.send(
                            "claim_tokens",
                            at::<Escrow>(self.escrow).claim_tokens(who),
                            by,
                        );
                    }
                    1 => {
                        let _: R<(), EscrowError> = self.send(
                            "refund_undeliverable",
                            at::<Escrow>(self.escrow).refund_undeliverable(who),
                            by,
                        );
                    }
                    _ => {
                        let _: R<(), EscrowError> = self.send(
                            "claim_refund",
                            at::<Escrow>(self.escrow).claim_refund(),
                            who,
                        );
                    }
                }
            }
            // ---- token transfers ----
            16..=31 => {
                let holders = [
                    alice(),
                    alice_2(),
                    bob(),
                    carol(),
                    dave(),
                    lead(),
                    mallory(),
                    treasury(),
                ];
                let from = self.rng.pick(&holders);
                let to = if self.rng.chance(15) {
                    from
                } else {
                    self.rng.pick(&holders)
                };
                let balance = self.s.balance(from);
                let amount = self.rng.amount(balance / 2, balance);
                if self.rng.chance(25) {
                    let spender = self.rng.pick(&holders);
                    let _: R<(), PSP22Error> = self.send(
                        "PSP22::approve",
                        at::<Token>(t).approve(spender, amount),
                        from,
                    );
                    let _: R<(), PSP22Error> = self.send(
                        "PSP22::transfer_from",
                        at::<Token>(t).transfer_from(from, to, amount, Vec::<u8>::new()),
                        spender,
                    );
                } else {
                    let _: R<(), PSP22Error> = self.send(
                        "PSP22::transfer",
                        at::<Token>(t).transfer(to, amount, Vec::<u8>::new()),
                        from,
                    );
                }
            }
            32..=34 => {
                let to = self.rng.pick(&investors());
                let amount = self.rng.amount(10_000, 200_000);
                let by = self.rng.pick(&[issuer(), issuer(), mallory()]);
                let _: R<(), PSP22Error> =
                    self.send("PSP22Mintable::mint", at::<Token>(t).mint(to, amount), by);
            }
            // ---- the registry: registrars move wallets, verifiers issue claims, the regulator freezes ----
            35..=37 => {
                // A wallet moves between identities in one go: unlinked, then linked to another identity.
                let wallet = self.rng.pick(&investors());
                let identity = self.some_identity();
                let _: R<(), RegistryError> = self.send(
                    "remove_wallet",
                    at::<Registry>(reg).remove_wallet(wallet),
                    platform_a(),
                );
                let _: R<(), RegistryError> = self.send(
                    "add_wallet",
                    at::<Registry>(reg).add_wallet(identity, wallet),
                    platform_a(),
                );
            }
            38..=42 => {
                let wallet = self.rng.pick(&investors());
                let identity = self.some_identity();
                let by = if self.rng.chance(85) {
                    platform_a()
                } else {
                    mallory()
                };
                match self.rng.below(3) {
                    0 => {
                        let _: R<(), RegistryError> = self.send(
                            "remove_wallet",
                            at::<Registry>(reg).remove_wallet(wallet),
                            by,
                        );
                    }
                    1 => {
                        let _: R<(), RegistryError> = self.send(
                            "add_wallet",
                            at::<Registry>(reg).add_wallet(identity, wallet),
                            by,
                        );
                    }
                    _ => {
                        let country: CountryCode = self.rng.pick(&[FRANCE, GERMANY, USA]);
                        let r: R<IdentityId, RegistryError> = self.send(
                            "register_identity",
                            at::<Registry>(reg).register_identity(wallet, country),
                            by,
                        );
                        if let Some(Ok(id)) = r {
                            let count = id.saturating_sub(self.first_identity) + 1;
                            self.identities = self.identities.max(count);
                        }
                    }
                }
            }
            43..=48 => {
                let identity = self.some_identity();
                let claim = self
                    .rng
                    .pick(&[ClaimType::Kyc, ClaimType::Accredited, ClaimType::Aml]);
                let verifier = match claim {
                    ClaimType::Kyc | ClaimType::Aml => platform_a(),
                    _ => platform_b(),
                };
                let by = if self.rng.chance(85) {
                    verifier
                } else {
                    self.rng.pick(&[platform_b(), mallory()])
                };
                if self.rng.chance(20) {
                    let _: R<(), RegistryError> = self.send(
                        "revoke_claim",
                        at::<Registry>(reg).revoke_claim(identity, claim),
                        admin(),
                    );
                } else {
                    let expires = self.s.chain.now() + self.rng.below(60) * DAY_MS;
                    let _: R<(), RegistryError> = self.send(
                        "issue_claim",
                        at::<Registry>(reg).issue_claim(identity, claim, expires, evidence(9)),
                        by,
                    );
                }
            }
            49..=51 => {
                let identity = self.some_identity();
                let by = if self.rng.chance(85) {
                    regulator()
                } else {
                    platform_a()
                };
                if self.rng.chance(50) {
                    let _: R<(), RegistryError> = self.send(
                        "freeze_identity",
                        at::<Registry>(reg).freeze_identity(identity, evidence(4)),
                        by,
                    );
                } else {
                    let _: R<(), RegistryError> = self.send(
                        "unfreeze_identity",
                        at::<Registry>(reg).unfreeze_identity(identity),
                        by,
                    );
                }
            }
            // ---- the agent and the admin, within their powers ----
            52..=57 => {
                let a = self.rng.pick(&investors());
                let b = self.rng.pick(&investors());
                let by = if self.rng.chance(85) {
                    agent()
                } else {
                    mallory()
                };
                let balance = self.s.balance(a);
                match self.rng.below(5) {
                    0 => {
                        let frozen = self.rng.chance(50);
                        let _: R<(), TokenError> = self.send(
                            "set_account_frozen",
                            at::<Token>(t).set_account_frozen(a, frozen, evidence(5)),
                            by,
                        );
                    }
                    1 => {
                        let amount = self.rng.amount(balance / 2, balance);
                        let mut token = at::<Token>(t);
                        let _: R<(), TokenError> = if self.rng.chance(50) {
                            self.send(
                                "freeze_tokens",
                                token.freeze_tokens(a, amount, evidence(5)),
                                by,
                            )
                        } else {
                            self.send(
                                "unfreeze_tokens",
                                token.unfreeze_tokens(a, amount, evidence(5)),
                                by,
                            )
                        };
                    }
                    2 => {
                        let amount = self.rng.amount(balance / 2, balance);
                        let _: R<(), TokenError> = self.send(
                            "forced_transfer",
                            at::<Token>(t).forced_transfer(a, b, amount, 1u32, evidence(6)),
                            by,
                        );
                    }
                    3 => {
                        // Often the one pair that can succeed: two wallets of alice's identity.
                        let (lost, new) = match self.rng.below(3) {
                            0 => (alice(), alice_2()),
                            1 => (alice_2(), alice()),
                            _ => (a, b),
                        };
                        let _: R<(), TokenError> = self.send(
                            "recover_wallet",
                            at::<Token>(t).recover_wallet(lost, new, evidence(7)),
                            by,
                        );
                    }
                    _ => {
                        let now = self.s.chain.now();
                        let n = self.rng.below(15);
                        let tranches: Vec<Tranche> = (0..n)
                            .map(|i| Tranche {
                                amount: self.rng.amount(1_000, balance.max(1)),
                                release_at: now + (i + 1) * DAY_MS,
                            })
                            .collect();
                        let _: R<(), TokenError> =
                            self.send("set_lockup", at::<Token>(t).set_lockup(a, tranches), by);
                    }
                }
            }
            58..=60 => {
                // The admin changes parameters in bad faith but within its powers.
                match self.rng.below(9) {
                    8 if self.successor_registry.is_some() => self.migrate_registry(),
                    6 | 8 => {
                        // A registry whose numbers restart at 1: its identities would take over the holdings
                        // the token counts for the old numbers.
                        let restarted = self.restarted_registry;
                        let moved: R<(), TokenError> = self.send(
                            "set_registry",
                            at::<Token>(t).set_registry(restarted),
                            admin(),
                        );
                        if matches!(moved, Some(Ok(()))) {
                            let counted = investors().into_iter().any(|w| {
                                let state: AccountState =
                                    self.read(at::<Token>(t).account_state(w));
                                state.identity.is_some()
                            });
                            if counted {
                                self.broken(
                                    "a registry numbering from 1 again took over books that count identities"
                                        .into(),
                                );
                            }
                            let back: R<(), TokenError> = self.send(
                                "set_registry",
                                at::<Token>(t).set_registry(reg),
                                admin(),
                            );
                            if !matches!(back, Some(Ok(()))) {
                                self.broken(format!(
                                    "the token could not return to its registry: {back:?}"
                                ));
                            }
                        }
                    }
                    7 => {
                        // Anyone lapses a halt whose sensors went silent, or retries a failed resume.
                        let o = self.oracle;
                        if self.rng.chance(50) {
                            let _: R<(), OracleError> = self.send(
                                "lapse_silent_rule",
                                at::<Oracle>(o).lapse_silent_rule(0u32),
                                mallory(),
                            );
                        } else {
                            let _: R<(), OracleError> = self.send(
                                "retry_resume",
                                at::<Oracle>(o).retry_resume(),
                                mallory(),
                            );
                        }
                    }
                    4 => {
                        let unbound: R<(), RegistryError> =
                            self.send("unbind_token", at::<Registry>(reg).unbind_token(t), admin());
                        if matches!(unbound, Some(Ok(()))) {
                            self.was_unbound = true;
                        }
                    }
                    5 => {
                        let _: R<(), RegistryError> =
                            self.send("bind_token", at::<Registry>(reg).bind_token(t), admin());
                    }
                    0 => {
                        let mut rules: ComplianceRules = default_rules();
                        rules.max_holding_bps = self.rng.pick(&[0u16, 10, 1_000, 10_000]);
                        rules.holder_limit = self.rng.pick(&[0u32, 1, 2, 100]);
                        let _: R<(), TokenError> =
                            self.send("set_rules", at::<Token>(t).set_rules(rules), admin());
                    }
                    1 => {
                        let a = self.rng.pick(&investors());
                        let exempt = self.rng.chance(30);
                        let _: R<(), TokenError> =
                            self.send("set_exempt", at::<Token>(t).set_exempt(a, exempt), admin());
                    }
                    2 => {
                        let _: R<(), PassError> = self.send(
                            "set_revenue_receiver",
                            at::<UsagePass>(self.pass).set_revenue_receiver(mallory()),
                            admin(),
                        );
                    }
                    _ => {
                        let _: R<(), EscrowError> =
                            self.send("cancel", at::<Escrow>(self.escrow).cancel(), admin());
                    }
                }
            }
            // ---- sensors: honest, lying, silent; time passes ----
            61..=64 => {
                // A whole round: three or four sensors agree on a regime (a breach, back in range, one liar among
                // them, or a sensor that stays silent), then 15 minutes pass.
                let regime: i64 = self.rng.pick(&[5_600, 5_600, 700, 700, 45_000]);
                let silent = self.rng.below(5) as u8; // 4: nobody is silent
                for n in 0..4u8 {
                    if n == silent {
                        continue;
                    }
                    let lie = self.rng.chance(10);
                    let value = if lie {
                        -regime
                    } else {
                        regime + self.rng.below(100) as i64
                    };
                    let _: R<(), OracleError> = self.send(
                        "report",
                        at::<Oracle>(self.oracle).report(0u32, value),
                        sensor(n),
                    );
                }
                self.s.chain.advance_time(15 * 60_000);
                self.note(format!(
                    "sensor round at {regime} µm (sensor {silent} silent), time +15 min"
                ));
            }
            65..=68 => {
                let sensor_n = self.rng.below(4) as u8;
                let value: i64 = match self.rng.below(5) {
                    0 => 6_000,
                    1 => 700,
                    2 => i64::MAX,
                    3 => -60_000,
                    _ => (self.rng.below(20_000) as i64) - 5_000,
                };
                let _: R<(), OracleError> = self.send(
                    "report",
                    at::<Oracle>(self.oracle).report(0u32, value),
                    sensor(sensor_n),
                );
            }
            69..=74 => {
                let ms = match self.rng.below(4) {
                    0 => 15 * 60_000,
                    1 => 3_600_000,
                    2 => DAY_MS,
                    _ => 7 * DAY_MS,
                };
                self.s.chain.advance_time(ms);
                self.note(format!("time +{} min", ms / 60_000));
            }
            75..=76 => {
                let by = self.rng.pick(&[guardian(), mallory()]);
                let mut token = at::<Token>(t);
                let _: R<(), HaltError> = if self.rng.chance(50) {
                    self.send("Haltable::resume", token.resume(), by)
                } else {
                    self.send("Haltable::halt", token.halt(9u32, evidence(9)), by)
                };
            }
            // ---- revenue ----
            77..=79 => {
                let value = self.rng.pick(&[0u128, 1, 1_000, 1_000_000]);
                let by = self.rng.pick(&[admin(), mallory()]);
                let _: R<u32, DistributorError> = self.send(
                    "deposit_native",
                    at::<Distributor>(self.distributor)
                        .deposit_native(String::from("tolls"), String::from("2027"))
                        .transferred_value(value),
                    by,
                );
            }
            80..=83 => {
                let holder = self.rng.pick(&investors());
                self.claim_dividends(holder);
            }
            // ---- usage passes ----
            84..=88 => self.pass_action(),
            // ---- governance ----
            89..=96 => self.governance_action(),
            // ---- oversized input: every variable-length argument, past its limit ----
            _ => self.oversized_input(),
        }
    }

    /// Any message answering anything at all (a view or a message without a `Result`): only "no typed answer"
    /// breaks a promise.
    fn probe<A: Encode, T: Decode + Debug>(
        &mut self,
        contract: AccountId,
        label: &str,
        args: A,
        who: AccountId,
    ) {
        self.stats.calls += 1;
        match self.s.chain.call::<A, T>(contract, label, args, who) {
            Ok(o) => {
                let text = format!("{:?}", o.value);
                self.note(format!(
                    "{label} by {} -> {}",
                    name(who),
                    &text[..text.len().min(80)]
                ));
            }
            Err(e) => {
                self.note(format!("{label} by {} -> {e:?}", name(who)));
                self.broken(format!("{label} by {} did not answer: {e:?}", name(who)));
            }
        }
    }

    /// A variable-length argument past its limit (names, URIs, labels, data, call inputs, attribute keys): the
    /// answer must be a typed refusal (or, for a view, an empty answer), never an opaque pallet error.
    fn oversized_input(&mut self) {
        let len = self
            .rng
            .pick(&[33usize, 65, 97, 257, 300, 513, 1_024, 4_096, 10_000]);
        let text = "x".repeat(len);
        let bytes = vec![7u8; len];
        let t = self.s.token;
        let who = self.rng.pick(&[admin(), mallory()]);
        self.note(format!("oversized input: {len} bytes"));
        match self.rng.below(11) {
            0 => {
                let _: R<(), TokenError> = self.send(
                    "set_document",
                    at::<Token>(t).set_document(
                        text.clone(),
                        String::from("ipfs://x"),
                        evidence(1),
                    ),
                    who,
                );
            }
            1 => {
                let _: R<(), TokenError> = self.send(
                    "set_document",
                    at::<Token>(t).set_document(
                        String::from("prospectus"),
                        text.clone(),
                        evidence(1),
                    ),
                    who,
                );
            }
            2 => {
                let _: R<(), TokenError> = self.send(
                    "remove_document",
                    at::<Token>(t).remove_document(text.clone()),
                    who,
                );
            }
            3 => self.probe::<_, Option<(String, Hash, u64)>>(t, "document", text.clone(), who),
            4 => {
                let _: R<(), PSP22Error> = self.send(
                    "PSP22::transfer",
                    at::<Token>(t).transfer(bob(), 1u128, bytes.clone()),
                    alice(),
                );
            }
            5 => {
                let call = ProposedCall {
                    callee: self.distributor,
                    selector: crate::chain::selector("set_payout_bps"),
                    input: bytes.clone(),
                    value: 0,
                };
                let calls = vec![call; 1 + self.rng.below(10) as usize];
                if self.rng.chance(50) {
                    let _: R<u32, GovernorError> = self.send(
                        "propose",
                        at::<Governor>(self.governor).propose(calls, evidence(2)),
                        lead(),
                    );
                } else {
                    let _: R<u32, suite_traits::EmergencyError> = self.send(
                        "EmergencyProposals::propose_emergency",
                        at::<Governor>(self.governor).propose_emergency(calls, evidence(2)),
                        self.oracle,
                    );
                }
            }
            6 => {
                let id = self.some_pass();
                let _: R<(), suite_traits::PSP34Error> = self.send(
                    "PSP34::transfer",
                    at::<UsagePass>(self.pass).transfer(
                        carol(),
                        suite_traits::Id::U64(id),
                        bytes.clone(),
                    ),
                    bob(),
                );
            }
            7 => {
                let id = self.some_pass();
                self.probe::<_, Option<Vec<u8>>>(
                    self.pass,
                    "PSP34Metadata::get_attribute",
                    (suite_traits::Id::U64(id), bytes.clone()),
                    who,
                )
            }
            8 => {
                let _: R<u32, DistributorError> = self.send(
                    "deposit_native",
                    at::<Distributor>(self.distributor)
                        .deposit_native(text.clone(), String::from("2027")),
                    admin(),
                );
            }
            9 => {
                let _: R<u32, OracleError> = self.send(
                    "anchor_document",
                    at::<Oracle>(self.oracle).anchor_document(1u32, bytes.clone(), evidence(3)),
                    who,
                );
            }
            _ => {
                let _: R<(), PSP22Error> = self.send(
                    "PSP22::transfer_from",
                    at::<Token>(t).transfer_from(alice(), bob(), 1u128, bytes.clone()),
                    alice(),
                );
            }
        }
    }

    fn claim_dividends(&mut self, holder: AccountId) {
        let before = self.s.chain.native_balance(holder);
        let r: R<(), DistributorError> = self.send(
            "claim",
            at::<Distributor>(self.distributor).claim(holder),
            mallory(),
        );
        if matches!(r, Some(Ok(()))) {
            let paid = self.s.chain.native_balance(holder) - before;
            // The same claim at once must pay nothing more: no holder is paid twice for a distribution.
            let again_before = self.s.chain.native_balance(holder);
            let _: R<(), DistributorError> = self.send(
                "claim",
                at::<Distributor>(self.distributor).claim(holder),
                mallory(),
            );
            let again = self
                .s
                .chain
                .native_balance(holder)
                .saturating_sub(again_before);
            self.stats.invariants_checked += 1;
            if again != 0 {
                self.broken(format!(
                    "distributor paid {} twice: {paid} then {again} more at once",
                    name(holder)
                ));
            }
        }
    }

    fn pass_action(&mut self) {
        let p = self.pass;
        let buyer = self.rng.pick(&investors());
        match self.rng.below(6) {
            0 => {
                let value = self.rng.pick(&[400u128, 400, 399, 0]);
                let r: R<PassId, PassError> = self.send(
                    "buy",
                    at::<UsagePass>(p).buy(0u32).transferred_value(value),
                    buyer,
                );
                if let Some(Ok(id)) = r {
                    self.passes.push(id);
                }
            }
            1 => {
                let id = self.some_pass();
                let units = self.rng.pick(&[0u128, 1, 10, u128::MAX]);
                let value = units.saturating_mul(8).min(1_000_000);
                let _: R<(), PassError> = self.send(
                    "top_up",
                    at::<UsagePass>(p)
                        .top_up(id, units)
                        .transferred_value(value),
                    buyer,
                );
            }
            2 => {
                let id = self.some_pass();
                let receipt = [self.rng.below(6) as u8; 32];
                let units = self.rng.pick(&[0u128, 1, 1, 2, 100]);
                let meter = if self.rng.chance(85) {
                    gate()
                } else {
                    mallory()
                };
                let r: R<(), PassError> = self.send(
                    "consume",
                    at::<UsagePass>(p).consume(id, units, Hash::from(receipt)),
                    meter,
                );
                if matches!(r, Some(Ok(()))) {
                    self.stats.invariants_checked += 1;
                    if !self.charged_receipts.insert((meter, receipt)) {
                        self.broken(format!(
                            "receipt {:?} of {} charged twice",
                            receipt[0],
                            name(meter)
                        ));
                    }
                }
            }
            3 => {
                let id = self.some_pass();
                let _: R<(), PassError> = self.send("refund", at::<UsagePass>(p).refund(id), buyer);
            }
            4 => {
                // The stakeholders attest the opening, or anyone asks to open.
                if !self.milestone_posted && self.rng.chance(50) {
                    let [poster, a, b] = crate::finance::milestone_stakeholders();
                    let r: R<(), OracleError> = self.send(
                        "post_milestone",
                        at::<Oracle>(self.oracle).post_milestone(FACILITY_OPENED, evidence(1)),
                        poster,
                    );
                    if matches!(r, Some(Ok(()))) {
                        self.milestone_posted = true;
                        for who in [a, b] {
                            let _: R<(), OracleError> = self.send(
                                "attest_milestone",
                                at::<Oracle>(self.oracle).attest_milestone(FACILITY_OPENED),
                                who,
                            );
                        }
                    }
                } else {
                    let by = self.rng.pick(&[admin(), mallory()]);
                    let _: R<(), PassError> =
                        self.send("open_facility", at::<UsagePass>(p).open_facility(), by);
                }
            }
            _ => {
                let id = self.some_pass();
                let to = self.rng.pick(&investors());
                let _: R<(), suite_traits::PSP34Error> = self.send(
                    "PSP34::transfer",
                    at::<UsagePass>(p).transfer(to, suite_traits::Id::U64(id), Vec::<u8>::new()),
                    buyer,
                );
            }
        }
    }

    fn some_pass(&mut self) -> PassId {
        if self.passes.is_empty() || self.rng.chance(10) {
            self.rng.below(5)
        } else {
            let i = self.rng.below(self.passes.len() as u64) as usize;
            self.passes[i]
        }
    }

    fn governance_action(&mut self) {
        let g = self.governor;
        match self.rng.below(5) {
            0 => {
                let proposer = self.rng.pick(&[lead(), alice(), bob(), mallory()]);
                let call: ProposedCall = match self.rng.below(4) {
                    0 => proposed_call(self.distributor, "set_payout_bps", 8_500u16),
                    1 => proposed_call(self.s.token, "Haltable::resume", ()),
                    // Not allow-listed: must never execute.
                    2 => proposed_call(self.s.token, "PSP22Mintable::mint", (mallory(), 1_000u128)),
                    _ => proposed_call(self.distributor, "set_config", {
                        let mut c = distributor_config();
                        c.reserve = mallory();
                        c
                    }),
                };
                let r: R<u32, GovernorError> = self.send(
                    "propose",
                    at::<Governor>(g).propose(vec![call], evidence(3)),
                    proposer,
                );
                if let Some(Ok(id)) = r {
                    self.proposals.push(id);
                }
                self.s.chain.next_blocks(1);
            }
            1 => {
                let id = self.some_proposal();
                let voter = self.rng.pick(&investors());
                let support = self.rng.pick(&[
                    Support::For,
                    Support::For,
                    Support::Against,
                    Support::Abstain,
                ]);
                let _: R<(), GovernorError> =
                    self.send("cast_vote", at::<Governor>(g).cast_vote(id, support), voter);
                self.s.chain.next_blocks(self.rng.below(4) as u32);
            }
            2 => {
                let id = self.some_proposal();
                let _: R<(), GovernorError> =
                    self.send("queue", at::<Governor>(g).queue(id), mallory());
            }
            3 => {
                let id = self.some_proposal();
                self.execute_checked(id);
            }
            _ => {
                let id = self.some_proposal();
                let by = self.rng.pick(&[guardian(), mallory()]);
                let _: R<(), GovernorError> = self.send("cancel", at::<Governor>(g).cancel(id), by);
            }
        }
    }

    fn some_proposal(&mut self) -> u32 {
        if self.proposals.is_empty() || self.rng.chance(10) {
            self.rng.below(3) as u32
        } else {
            let i = self.rng.below(self.proposals.len() as u64) as usize;
            self.proposals[i]
        }
    }

    /// Executes proposal `id`; if it executes, every call in it must have been allow-listed for its track.
    fn execute_checked(&mut self, id: u32) {
        let g = self.governor;
        let proposal: Option<governor::Proposal> = self.read(at::<Governor>(g).proposal(id));
        let mut allowed_now = true;
        if let Some(p) = &proposal {
            for c in &p.calls {
                let gov = at::<Governor>(g);
                let kind: Option<governor::ReturnKind> = match p.track {
                    governor::Track::Normal => self.read(gov.allowed(c.callee, c.selector)),
                    governor::Track::Emergency => {
                        self.read(gov.emergency_allowed(c.callee, c.selector))
                    }
                };
                allowed_now &= kind.is_some();
            }
        }
        let r: R<(), GovernorError> =
            self.send("execute", at::<Governor>(g).execute(id), mallory());
        if matches!(r, Some(Ok(()))) {
            self.stats.invariants_checked += 1;
            if !allowed_now {
                self.broken(format!(
                    "proposal {id} executed a call that was not allow-listed"
                ));
            }
        }
    }

    /// At the end of a case: the offering is decided, every obstacle the suite's roles can lift is lifted, and
    /// then every contributor must end with its tokens or its refund.
    fn settle_offering(&mut self) {
        self.note("settlement: past the deadline, the offering is decided".into());
        self.s.chain.advance_time(40 * DAY_MS);
        let _: R<(), EscrowError> =
            self.send("finalize", at::<Escrow>(self.escrow).finalize(), mallory());
        let phase: Phase = match self
            .s
            .chain
            .ask(at::<Escrow>(self.escrow).phase(), mallory())
        {
            Ok(o) => o.value,
            Err(e) => {
                self.broken(format!("escrow phase unreadable: {e:?}"));
                return;
            }
        };
        self.note(format!("settlement: phase {phase:?}"));
        // What the roles can lift: the regulator unfreezes, the guardian resumes, the agent unfreezes accounts and
        // tokens, the verifiers renew every claim.
        for id in self.current_identities() {
            let _: R<(), RegistryError> = self.send(
                "unfreeze_identity",
                at::<Registry>(self.s.registry).unfreeze_identity(id),
                regulator(),
            );
            for (claim, verifier) in [
                (ClaimType::Kyc, platform_a()),
                (ClaimType::Accredited, platform_b()),
            ] {
                let expires = self.s.chain.now() + 365 * DAY_MS;
                let _: R<(), RegistryError> = self.send(
                    "issue_claim",
                    at::<Registry>(self.s.registry).issue_claim(id, claim, expires, evidence(9)),
                    verifier,
                );
            }
        }
        let t = self.s.token;
        let _: R<(), HaltError> =
            self.send("Haltable::resume", at::<Token>(t).resume(), guardian());
        for who in investors() {
            let _: R<(), TokenError> = self.send(
                "set_account_frozen",
                at::<Token>(t).set_account_frozen(who, false, evidence(5)),
                agent(),
            );
            // The admin's exemption of an investor's wallet (an exempt wallet belongs to no identity, so no
            // promise can be delivered to it) is lifted too.
            let state: AccountState = self.read(at::<Token>(t).account_state(who));
            if state.exempt {
                let _: R<(), TokenError> =
                    self.send("set_exempt", at::<Token>(t).set_exempt(who, false), admin());
            }
        }
        let contributors: Vec<AccountId> = self.contributors.iter().copied().collect();
        for who in contributors {
            let position: Option<Position> = self.read(at::<Escrow>(self.escrow).position(who));
            let Some(position) = position else { continue };
            if position.paid == 0 || position.settled {
                continue;
            }
            // A wallet moved to another identity since it contributed: its position (and the token's promise)
            // belongs to the identity that paid, so the registrar links the wallet back to it, as it would for
            // an investor who asks.
            let linked: Option<IdentityId> =
                self.read(at::<Registry>(self.s.registry).identity_of(who));
            // After the migration the identity that paid is known to the current registry by its copy's number.
            let paid_by = match self.migrated_to.get(&position.identity) {
                Some(copy) => *copy,
                // An identity of the first registry that had no wallet left when the platforms copied the others:
                // its investor registers again in the successor, with the claims the offering asks.
                None if self.first_identity == SUCCESSOR_FIRST
                    && position.identity < SUCCESSOR_FIRST =>
                {
                    match self.register_again(who, position.identity) {
                        Some(copy) => copy,
                        None => position.identity,
                    }
                }
                None => position.identity,
            };
            if linked != Some(paid_by) {
                let _: R<(), RegistryError> = self.send(
                    "remove_wallet",
                    at::<Registry>(self.s.registry).remove_wallet(who),
                    platform_a(),
                );
                let _: R<(), RegistryError> = self.send(
                    "add_wallet",
                    at::<Registry>(self.s.registry).add_wallet(paid_by, who),
                    platform_a(),
                );
            }
            let before = self.s.chain.native_balance(who);
            let tokens_before = self.s.balance(who);
            let done = match phase {
                Phase::Succeeded => {
                    let claimed: R<(), EscrowError> = self.send(
                        "claim_tokens",
                        at::<Escrow>(self.escrow).claim_tokens(who),
                        mallory(),
                    );
                    if matches!(claimed, Some(Ok(()))) {
                        true
                    } else {
                        let refunded: R<(), EscrowError> = self.send(
                            "refund_undeliverable",
                            at::<Escrow>(self.escrow).refund_undeliverable(who),
                            who,
                        );
                        matches!(refunded, Some(Ok(())))
                    }
                }
                _ => {
                    let refunded: R<(), EscrowError> = self.send(
                        "claim_refund",
                        at::<Escrow>(self.escrow).claim_refund(),
                        who,
                    );
                    matches!(refunded, Some(Ok(())))
                }
            };
            self.stats.invariants_checked += 1;
            let got_money = self.s.chain.native_balance(who) > before;
            let got_tokens = self.s.balance(who) > tokens_before;
            if !done || !(got_money || got_tokens) {
                self.broken(format!(
                    "after settlement ({phase:?}) {} paid {} and has neither its tokens nor a refund",
                    name(who),
                    position.paid
                ));
                return;
            }
        }
    }

    /// A registry migration done right, by the roles that would do it: the platforms copy every identity of the
    /// first registry into a successor that numbers above it (its wallets, country, the claims still valid with
    /// their expiry and evidence, a freeze), the admin points the token at the successor (refused, changing
    /// nothing, while an offering's promises are outstanding), the successor binds the token and the first
    /// registry lets it go, and anyone re-links each wallet (`sync_identity`). The promise checked here: every
    /// holding stays with its holder. A re-linked wallet counts for its own identity's copy, one the token refused
    /// to re-link (a limit) still for its old number, and no wallet counts for anyone else's identity; the global
    /// checks then keep the books consistent with themselves while old numbers may still be counted.
    fn migrate_registry(&mut self) {
        let Some(successor) = self.successor_registry else {
            return;
        };
        let (t, old) = (self.s.token, self.s.registry);
        let (reserved, _): (suite_traits::Reserved, Option<AccountId>) =
            self.read(at::<Token>(t).reserved());
        if reserved.supply > 0 {
            let refused: R<(), TokenError> = self.send(
                "set_registry (promises outstanding)",
                at::<Token>(t).set_registry(successor),
                admin(),
            );
            if !matches!(refused, Some(Err(TokenError::PromisesOutstanding { .. }))) {
                self.broken(format!(
                    "the token followed a new registry with {} tokens promised: {refused:?}",
                    reserved.supply
                ));
            }
            return;
        }
        self.note(
            "migration: the platforms copy every identity into the successor registry".into(),
        );
        self.successor_registry = None;
        let now = self.s.chain.now();
        let mut copies = BTreeMap::new();
        for id in self.current_identities() {
            let record: Option<compliance_registry::IdentityRecord> =
                self.read(at::<Registry>(old).identity(id));
            let Some(record) = record else { continue };
            let wallets: Vec<AccountId> = self.read(at::<Registry>(old).wallets_of(id));
            let Some((&first, others)) = wallets.split_first() else {
                continue;
            };
            let copy: R<IdentityId, RegistryError> = self.send(
                "register_identity (successor)",
                at::<Registry>(successor).register_identity(first, record.country),
                platform_a(),
            );
            let Some(Ok(copy)) = copy else {
                self.broken(format!("identity {id} could not be copied: {copy:?}"));
                return;
            };
            copies.insert(id, copy);
            for &wallet in others {
                let _: R<(), RegistryError> = self.send(
                    "add_wallet (successor)",
                    at::<Registry>(successor).add_wallet(copy, wallet),
                    platform_a(),
                );
            }
            for (claim, verifier) in [
                (ClaimType::Kyc, platform_a()),
                (ClaimType::Aml, platform_a()),
                (ClaimType::Accredited, platform_b()),
                (ClaimType::Qualified, platform_b()),
            ] {
                let held: Option<compliance_registry::Claim> =
                    self.read(at::<Registry>(old).claim(id, claim));
                // Only a claim that still counts is copied: unexpired, and from a verifier the first registry
                // still trusts for its type (the registry's own test of a claim).
                let trusted = match &held {
                    Some(c) => {
                        let types: suite_traits::ClaimSet =
                            self.read(at::<Registry>(old).verifier_claims(c.issuer));
                        types.contains(claim)
                    }
                    None => false,
                };
                if let Some(held) = held.filter(|c| trusted && c.expires_at > now) {
                    let _: R<(), RegistryError> = self.send(
                        "issue_claim (successor)",
                        at::<Registry>(successor).issue_claim(
                            copy,
                            claim,
                            held.expires_at,
                            held.evidence,
                        ),
                        verifier,
                    );
                }
            }
            if record.frozen {
                let _: R<(), RegistryError> = self.send(
                    "freeze_identity (successor)",
                    at::<Registry>(successor).freeze_identity(copy, evidence(4)),
                    regulator(),
                );
            }
        }
        let moved: R<(), TokenError> = self.send(
            "set_registry",
            at::<Token>(t).set_registry(successor),
            admin(),
        );
        if !matches!(moved, Some(Ok(()))) {
            self.broken(format!(
                "the token refused a successor numbering above its books with nothing promised: {moved:?}"
            ));
            return;
        }
        let bound: R<(), RegistryError> = self.send(
            "bind_token (successor)",
            at::<Registry>(successor).bind_token(t),
            admin(),
        );
        if !matches!(bound, Some(Ok(()))) {
            self.broken(format!(
                "the successor could not bind the token that follows it: {bound:?}"
            ));
            return;
        }
        let _: R<(), RegistryError> = self.send(
            "unbind_token (first registry)",
            at::<Registry>(old).unbind_token(t),
            admin(),
        );
        self.s.registry = successor;
        self.stats.migrations += 1;
        self.retired_identities = self.first_identity + self.identities - 1;
        self.first_identity = SUCCESSOR_FIRST;
        self.identities = copies
            .values()
            .map(|c| c - SUCCESSOR_FIRST + 1)
            .max()
            .unwrap_or(0);
        self.migrated_to = copies;
        // Anyone re-links each wallet; the token may refuse one (a limit), which then keeps its old number.
        let mut still_counted_for_old_numbers = false;
        for wallet in investors() {
            let before: AccountState = self.read(at::<Token>(t).account_state(wallet));
            let synced: R<(), TokenError> = self.send(
                "sync_identity",
                at::<Token>(t).sync_identity(wallet),
                mallory(),
            );
            let after: AccountState = self.read(at::<Token>(t).account_state(wallet));
            let linked: Option<IdentityId> =
                self.read(at::<Registry>(successor).identity_of(wallet));
            let own_copy = before
                .identity
                .and_then(|old_id| self.migrated_to.get(&old_id).copied());
            self.stats.invariants_checked += 1;
            let expected = match synced {
                Some(Ok(())) => linked,
                _ => before.identity,
            };
            if !after.exempt && after.identity != expected {
                self.broken(format!(
                    "after the migration {} counts for {:?}, expected {expected:?} (sync {synced:?})",
                    name(wallet),
                    after.identity
                ));
            }
            if after.identity.is_some_and(|id| id < SUCCESSOR_FIRST) && !after.exempt {
                still_counted_for_old_numbers = true;
            }
            if matches!(synced, Some(Ok(()))) && before.identity.is_some() && !self.was_unbound {
                // Not unbound before: the token's attribution was the first registry's link, whose copy the
                // wallet now counts for.
                if after.identity != own_copy && !after.exempt {
                    self.broken(format!(
                        "after the migration {} moved from identity {:?} to {:?}, not to its copy {own_copy:?}",
                        name(wallet),
                        before.identity,
                        after.identity
                    ));
                }
            }
        }
        // Every wallet re-linked and no holding left on an old number: the books follow the successor alone, and
        // the strict checks (each wallet counted for its registry identity) apply again.
        let old_totals: u128 = (1..=self.retired_identities)
            .map(|id| -> u128 { self.read(at::<Token>(t).identity_balance(id)) })
            .sum();
        if !still_counted_for_old_numbers && old_totals == 0 && !self.was_unbound {
            self.note("migration: every wallet re-linked; the strict checks apply again".into());
            self.retired_identities = 0;
        }
    }

    /// After the migration: `who` (whose identity `old` in the first registry was not copied, having no wallet
    /// left then) is registered again in the successor by a platform, with KYC and accreditation; its new number.
    fn register_again(&mut self, who: AccountId, old: IdentityId) -> Option<IdentityId> {
        let reg = self.s.registry;
        let _: R<(), RegistryError> = self.send(
            "remove_wallet (successor)",
            at::<Registry>(reg).remove_wallet(who),
            platform_a(),
        );
        let copy: R<IdentityId, RegistryError> = self.send(
            "register_identity (successor)",
            at::<Registry>(reg).register_identity(who, FRANCE),
            platform_a(),
        );
        let Some(Ok(copy)) = copy else { return None };
        let expires = self.s.chain.now() + 365 * DAY_MS;
        for (claim, verifier) in [
            (ClaimType::Kyc, platform_a()),
            (ClaimType::Accredited, platform_b()),
        ] {
            let _: R<(), RegistryError> = self.send(
                "issue_claim (successor)",
                at::<Registry>(reg).issue_claim(copy, claim, expires, evidence(9)),
                verifier,
            );
        }
        self.migrated_to.insert(old, copy);
        let count = copy.saturating_sub(self.first_identity) + 1;
        self.identities = self.identities.max(count);
        Some(copy)
    }

    /// Every global invariant, read from the chain.
    fn check_all(&mut self) {
        if self.failure.is_some() {
            return;
        }
        self.check_token_supply();
        self.check_identity_totals();
        self.check_limits_with_promises();
        self.check_escrow_solvent();
        self.check_distributor_solvent();
        self.check_pass_solvent();
    }

    fn check_token_supply(&mut self) {
        let t = self.s.token;
        let supply: u128 = self.read(at::<Token>(t).total_supply());
        let mut sum = 0u128;
        for a in token_holders_possible(self) {
            let b: u128 = self.read(at::<Token>(t).balance_of(a));
            sum += b;
        }
        self.stats.invariants_checked += 1;
        if supply != sum {
            self.broken(format!("token supply {supply} != sum of balances {sum}"));
        }
    }

    fn check_identity_totals(&mut self) {
        let t = self.s.token;
        let reg = self.s.registry;
        // An unbound token hears of no link change: until a transfer or `sync_identity` re-links a wallet, its
        // attribution may lag the registry's. Its books must still agree with themselves. Bound again, it hears of
        // every later change, but a wallet moved while it was unbound keeps lagging until it is re-linked (no
        // message loops over the holders to catch up): so once unbound, the books are checked against themselves.
        let bound: Vec<AccountId> = self.read(at::<Registry>(reg).bound_tokens());
        if !bound.contains(&t) || self.was_unbound || self.retired_identities > 0 {
            self.check_identity_totals_unbound();
            return;
        }
        let mut holders = 0u32;
        for id in self.identity_numbers() {
            let wallets: Vec<AccountId> = self.read(at::<Registry>(reg).wallets_of(id));
            let mut sum = 0u128;
            for w in wallets {
                let state: AccountState = self.read(at::<Token>(t).account_state(w));
                if state.exempt {
                    continue;
                }
                let b: u128 = self.read(at::<Token>(t).balance_of(w));
                if b > 0 && state.identity != Some(id) {
                    self.broken(format!(
                        "{} holds {b}, is linked to identity {id} in the registry, but the token counts it \
                         towards {:?}",
                        name(w),
                        state.identity
                    ));
                }
                sum += b;
            }
            let total: u128 = self.read(at::<Token>(t).identity_balance(id));
            self.stats.invariants_checked += 1;
            if total != sum {
                self.broken(format!(
                    "identity {id}: the token's total {total} != {sum} held by its linked wallets"
                ));
            }
            if total > 0 {
                holders += 1;
            }
        }
        // A wallet the registry links to no identity holds outside any identity and is attributed to none.
        for w in investors() {
            let linked: Option<IdentityId> = self.read(at::<Registry>(reg).identity_of(w));
            let state: AccountState = self.read(at::<Token>(t).account_state(w));
            if linked.is_none() && !state.exempt && state.identity.is_some() {
                let b: u128 = self.read(at::<Token>(t).balance_of(w));
                if b > 0 {
                    self.broken(format!(
                        "{} holds {b}, is linked to no identity, but the token counts it towards {:?}",
                        name(w),
                        state.identity
                    ));
                }
            }
        }
        let count: u32 = self.read(at::<Token>(t).holder_count());
        self.stats.invariants_checked += 1;
        if count != holders {
            self.broken(format!(
                "holder count {count} != {holders} identities holding"
            ));
        }
    }

    /// An unbound token's books: each identity's total is what the wallets the token attributes to it hold, and the
    /// holder count is the number of identities with a total.
    fn check_identity_totals_unbound(&mut self) {
        let t = self.s.token;
        let mut by_identity = std::collections::BTreeMap::<IdentityId, u128>::new();
        for w in token_holders_possible(self) {
            let state: AccountState = self.read(at::<Token>(t).account_state(w));
            if let (false, Some(id)) = (state.exempt, state.identity) {
                let b: u128 = self.read(at::<Token>(t).balance_of(w));
                *by_identity.entry(id).or_default() += b;
            }
        }
        let mut holders = 0u32;
        for id in self.identity_numbers() {
            let total: u128 = self.read(at::<Token>(t).identity_balance(id));
            let sum = by_identity.get(&id).copied().unwrap_or(0);
            self.stats.invariants_checked += 1;
            if total != sum {
                self.broken(format!(
                    "identity {id} (token unbound): the token's total {total} != {sum} held by the wallets it \
                     attributes to it"
                ));
            }
            if total > 0 {
                holders += 1;
            }
        }
        let count: u32 = self.read(at::<Token>(t).holder_count());
        self.stats.invariants_checked += 1;
        if count != holders {
            self.broken(format!(
                "holder count {count} != {holders} identities holding (token unbound)"
            ));
        }
    }

    /// Holder limit and maximum holding, counting promises as the token does: an identity that joins those
    /// holding or promised tokens must fit the holder limit in force, and one whose holding plus promise grows
    /// must fit the maximum holding in force.
    fn check_limits_with_promises(&mut self) {
        let t = self.s.token;
        let rules: ComplianceRules = self.read(at::<Token>(t).rules());
        let cap: Option<u128> = self.read(at::<Token>(t).supply_cap());
        let supply: u128 = self.read(at::<Token>(t).total_supply());
        let mut now = BTreeMap::new();
        for id in self.identity_numbers() {
            let held: u128 = self.read(at::<Token>(t).identity_balance(id));
            let promised: u128 = self.read(at::<Token>(t).reserved_for(id));
            now.insert(id, (held, promised));
        }
        let before = std::mem::take(&mut self.held_and_promised);
        let counted = |v: &BTreeMap<IdentityId, (u128, u128)>| {
            v.values().filter(|(h, p)| *h > 0 || *p > 0).count()
        };
        let (was, is) = (counted(&before), counted(&now));
        self.stats.invariants_checked += 1;
        if rules.holder_limit != 0 && is > was && is > rules.holder_limit as usize {
            self.broken(format!(
                "{is} identities hold or are promised tokens (were {was}), above the holder limit {}",
                rules.holder_limit
            ));
        }
        if rules.max_holding_bps != 0 {
            let reference = cap.unwrap_or(supply);
            let limit = suite_traits::bps::share(reference, rules.max_holding_bps).unwrap_or(0);
            for (id, (held, promised)) in now.iter() {
                let (h0, p0) = before.get(id).copied().unwrap_or_default();
                let (sum, sum_before) = (held + promised, h0 + p0);
                self.stats.invariants_checked += 1;
                if sum > sum_before && sum > limit {
                    self.broken(format!(
                        "identity {id}: holds {held} and is promised {promised}, up from {sum_before}, above the \
                         maximum holding {limit}"
                    ));
                }
            }
        }
        self.held_and_promised = now;
    }

    fn check_escrow_solvent(&mut self) {
        let owed: u128 = self.read(at::<Escrow>(self.escrow).owed());
        let held = self.s.chain.native_balance(self.escrow);
        self.stats.invariants_checked += 1;
        if held < owed {
            self.broken(format!("escrow holds {held} but owes {owed}"));
        }
    }

    fn check_distributor_solvent(&mut self) {
        let owed: u128 = self.read(at::<Distributor>(self.distributor).liabilities(Asset::Native));
        let held = self.s.chain.native_balance(self.distributor);
        self.stats.invariants_checked += 1;
        if held < owed {
            self.broken(format!("distributor holds {held} but owes {owed}"));
        }
    }

    fn check_pass_solvent(&mut self) {
        let facility: Facility = match self
            .s
            .chain
            .ask(at::<UsagePass>(self.pass).facility(), mallory())
        {
            Ok(o) => o.value,
            Err(e) => return self.broken(format!("facility unreadable: {e:?}")),
        };
        let held = self.s.chain.native_balance(self.pass);
        let mut refundable = 0u128;
        for id in self.passes.clone() {
            let p: Option<Pass> = self.read(at::<UsagePass>(self.pass).pass(id));
            refundable += p.map_or(0, |p| p.refundable);
        }
        self.stats.invariants_checked += 2;
        if held < facility.held {
            self.broken(format!(
                "usage pass holds {held} but owes {} of pre-sale money",
                facility.held
            ));
        }
        if facility.opened_at.is_none() && refundable != facility.held {
            self.broken(format!(
                "usage pass: passes' refundable amounts sum to {refundable}, held is {}",
                facility.held
            ));
        }
    }
}

/// Every `Failure` of `seeds` with `steps` steps each, and the figures.
pub fn run_seeds(seeds: impl IntoIterator<Item = u64>, steps: u64) -> (Stats, Vec<Failure>) {
    let mut total = Stats::default();
    let mut failures = vec![];
    for seed in seeds {
        match run_case(seed, steps) {
            Ok(s) => total.add(&s),
            Err(f) => {
                total.cases += 1;
                failures.push(f);
            }
        }
    }
    (total, failures)
}
