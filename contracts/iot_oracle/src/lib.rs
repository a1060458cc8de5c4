//! # IoT oracle
//!
//! What the physical asset is doing, on chain. Registered devices report readings on feeds (bridge pier
//! displacement in µm, energy in Wh, vehicles counted); a round settles on the **median** once a quorum of
//! devices reported, so one faulty device can neither fake nor hide an event. Rules on a feed (absolute threshold,
//! deviation from the last value, a time average, each needing N breaches in a row) halt the project token (the
//! oracle holds its guardian role), resume it when readings have been back in range long enough, or only alert.
//! The oracle also anchors documents (IPFS CIDs and hashes of BIM models and inspection reports, versioned, each
//! signed by a role), records progress milestones that stakeholders attest (the crowdfund escrow releases a
//! tranche on an attested milestone through `MilestoneOracle`), and keeps period totals of cumulative feeds
//! (energy, traffic) for the distributor and front-ends.
//!
//! ## Roles
//! - **Admin** (deployer, then the governor; two-step handover): feeds (add, update, remove), devices, rules (add,
//!   update, remove), roles, the token, the governor in which a halting rule without automatic resume opens an
//!   emergency proposal to resume.
//! - **Device** (per feed): `report` only, on its feed.
//! - **Engineer / Inspector**: anchor document versions.
//! - **Stakeholder**: post milestones and attest others' milestones (never its own).
//!
//! ## Invariants
//! - A settled value is the median of at least `quorum` readings from distinct devices registered when it settles,
//!   each inside the feed's bounds, all within one round's timeout (a timed-out round settles on its live readings
//!   only if they still make the quorum; a removed device's reading leaves the open round at once).
//! - A feed with a halting rule has an odd quorum of at least 3 and at least quorum + 1 devices.
//! - A rule fires once per excursion (after `consecutive` breaches in a row) and clears once (after
//!   `resume_after` in-range values in a row); a fired halting rule that finds the token resumed by someone else
//!   re-arms, so every new excursion halts again. The token is resumed only when no halting rule is still fired,
//!   and only if the halt in force is the oracle's own.
//! - A refused halt never loses the reading: the rule does not count as fired and the next breaching value
//!   retries the halt.
//! - Deviation and average rules never compare against a value settled more than `staleness_ms` earlier.
//! - Document versions only grow; a version once anchored never changes.
//! - A milestone is attested after `attestations_required` distinct stakeholders other than its poster attested.
//! - Settling a round touches at most 16 readings and 8 rules: no unbounded loop.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The shell build leaves out every message but the hot ones, and the helpers only those others use.
#![cfg_attr(
    feature = "hot-shell",
    allow(dead_code, unused_imports, unused_variables, unreachable_code)
)]

pub mod data;
pub mod errors;
pub mod events;
pub mod feeds;
pub mod rules;
#[cfg(test)]
mod tests;
pub mod types;

pub use data::{DocumentVersion, Milestone, OracleRole};
pub use errors::{OracleError, OracleResult};
pub use feeds::{FeedConfig, FeedId, FeedRule, Round, Settled};
pub use rules::{Condition, Rule, RuleAction, RuleId, RuleState};

#[ink::contract]
mod iot_oracle {
    use crate::data::{DocumentVersion, Milestone, OracleData, OracleRole, TokenAction};
    use crate::errors::OracleResult;
    use crate::events::{ResumeSkipped, TokenActionTaken};
    use crate::feeds::{FeedConfig, FeedId, Round, Settled};
    use crate::rules::{Rule, RuleId, RuleState};
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::vec::Vec;
    use suite_traits::announce;
    use suite_traits::{admin, Admin, AdminError};
    use suite_traits::{
        CallOkAnswer, EmergencyProposals, HaltError, HaltStatus, Haltable, MilestoneId,
        MilestoneOracle, ProposedCall,
    };

    /// The oracle contract: a thin shell over [`OracleData`].
    #[ink(storage)]
    pub struct IotOracle {
        data: OracleData,
    }

    impl IotOracle {
        /// An oracle administered by the deployer; milestones need `attestations_required` attestations.
        #[ink(constructor)]
        pub fn new(attestations_required: u32) -> Self {
            Self {
                data: OracleData::new(Self::env().caller(), attestations_required),
            }
        }

        fn now(&self) -> Timestamp {
            self.env().block_timestamp()
        }

        /// Halts or resumes the token.
        ///
        /// A halt counts as done when the token accepted it or was already halted; otherwise (no token, the oracle
        /// lost its guardian role, the call failed) the rule is left unfired so that the next breaching value
        /// fires it and retries. An emergency proposal to resume is opened only for a halt this oracle placed.
        /// A resume is sent only when the halt in force is this oracle's own (`HaltStatus::halted_by`).
        fn act_on_token(&mut self, action: TokenAction) -> bool {
            let token = self.data.token();
            match action {
                TokenAction::Halt {
                    rule,
                    evidence,
                    propose_resume,
                } => {
                    let result = token.map(|token| {
                        let mut t: ink::contract_ref!(Haltable) = token.into();
                        t.call_mut().halt(rule, evidence).try_invoke()
                    });
                    let placed = matches!(result, Some(Ok(Ok(Ok(())))));
                    let ok =
                        placed || matches!(result, Some(Ok(Ok(Err(HaltError::AlreadyHalted)))));
                    if !ok {
                        self.data.halt_failed(rule);
                    }
                    self.env().emit_event(TokenActionTaken {
                        rule,
                        halted: true,
                        ok,
                    });
                    if let (true, true, Some(token)) = (placed, propose_resume, token) {
                        self.propose_resume(token, rule, evidence);
                    }
                    ok
                }
                TokenAction::Resume { rule } => {
                    let me = self.env().account_id();
                    let holder = token.and_then(|token| {
                        let s: ink::contract_ref!(HaltStatus) = token.into();
                        match s.call().halted_by().try_invoke() {
                            Ok(Ok(h)) => h,
                            _ => None,
                        }
                    });
                    match (token, holder) {
                        (Some(token), Some(h)) if h == me => {
                            let mut t: ink::contract_ref!(Haltable) = token.into();
                            let result = t.call_mut().resume().try_invoke();
                            let ok = matches!(result, Ok(Ok(Ok(()) | Err(HaltError::NotHalted))));
                            self.env().emit_event(TokenActionTaken {
                                rule,
                                halted: false,
                                ok,
                            });
                            ok
                        }
                        _ => {
                            self.env().emit_event(ResumeSkipped {
                                rule,
                                halted_by: holder,
                            });
                            false
                        }
                    }
                }
            }
        }

        /// Opens an emergency proposal in the governor to resume `token` (`Haltable::resume`).
        fn propose_resume(&self, token: AccountId, rule: RuleId, evidence: Hash) {
            let Some(governor) = self.data.governor() else {
                return;
            };
            let mut g: ink::contract_ref!(EmergencyProposals) = governor.into();
            let call = ProposedCall {
                callee: token,
                selector: ink::selector_bytes!("Haltable::resume"),
                input: Vec::new(),
                value: 0,
            };
            let proposal = g
                .call_mut()
                .propose_emergency(ink::prelude::vec![call], evidence)
                .try_invoke()
                .answer_ok_or(())
                .ok();
            self.env()
                .emit_event(crate::events::EmergencyProposalOpened { rule, proposal });
        }

        // ---------------------------------------------------------------- views

        /// Whether `account` holds `role`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn has_role(&self, account: AccountId, role: OracleRole) -> bool {
            self.data.has_role(account, role)
        }

        /// The token halting rules act on.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn token(&self) -> Option<AccountId> {
            self.data.token()
        }

        /// A feed's configuration.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn feed(&self, feed: FeedId) -> Option<FeedConfig> {
            self.data.feed(feed)
        }

        /// Whether `device` reports on `feed`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn is_device(&self, feed: FeedId, device: AccountId) -> bool {
            self.data.is_device(feed, device)
        }

        /// The round being collected.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn round(&self, feed: FeedId) -> Round {
            self.data.round(feed)
        }

        /// The last settled value and whether it is stale now.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn latest(&self, feed: FeedId) -> Option<(Settled, bool)> {
            self.data.latest(feed, self.now())
        }

        /// Sum of a cumulative feed's settled values in `period`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn period_total(&self, feed: FeedId, period: u64) -> i128 {
            self.data.period_total(feed, period)
        }

        /// The period the current time falls in, for a cumulative feed.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn current_period(&self, feed: FeedId) -> Option<u64> {
            self.data.period_of(feed, self.now())
        }

        /// A rule.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn rule(&self, rule: RuleId) -> Option<Rule> {
            self.data.rule(rule)
        }

        /// A rule's progress (breaches in a row, fired).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn rule_state(&self, rule: RuleId) -> RuleState {
            self.data.rule_state(rule)
        }

        /// Version `version` of document `key`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn document(&self, key: u32, version: u32) -> Option<DocumentVersion> {
            self.data.document(key, version)
        }

        /// Latest version number of document `key` (0: none).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn document_version(&self, key: u32) -> u32 {
            self.data.document_version(key)
        }

        /// A milestone.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn milestone(&self, milestone: MilestoneId) -> Option<Milestone> {
            self.data.milestone(milestone)
        }

        // ---------------------------------------------------------------- admin

        /// Admin: grant (`true`) or revoke a role.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_role(
            &mut self,
            account: AccountId,
            role: OracleRole,
            granted: bool,
        ) -> OracleResult<()> {
            announce(
                self.data
                    .set_role(self.env().caller(), account, role, granted),
            )
        }

        /// Admin: the token halting rules act on (the token's admin must grant this oracle its guardian role).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_token(&mut self, token: Option<AccountId>) -> OracleResult<()> {
            announce(self.data.set_token(self.env().caller(), token))
        }

        /// The governor in which halting rules without automatic resume open an emergency proposal.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn governor(&self) -> Option<AccountId> {
            self.data.governor()
        }

        /// Admin: set that governor (`None`: no emergency proposals).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_governor(&mut self, governor: Option<AccountId>) -> OracleResult<()> {
            announce(self.data.set_governor(self.env().caller(), governor))
        }

        /// Admin: add a feed; returns its number.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn add_feed(&mut self, config: FeedConfig) -> OracleResult<FeedId> {
            let e = self.data.add_feed(self.env().caller(), config)?;
            let feed = e.feed;
            self.env().emit_event(e);
            Ok(feed)
        }

        /// Admin: register (`true`) or remove a device of a feed.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_device(
            &mut self,
            feed: FeedId,
            device: AccountId,
            registered: bool,
        ) -> OracleResult<()> {
            announce(
                self.data
                    .set_device(self.env().caller(), feed, device, registered),
            )
        }

        /// Admin: add a rule; returns its number.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn add_rule(&mut self, rule: Rule) -> OracleResult<RuleId> {
            let e = self.data.add_rule(self.env().caller(), rule)?;
            let id = e.rule;
            self.env().emit_event(e);
            Ok(id)
        }

        /// Admin: change a feed's bounds, quorum, timeout or staleness (a feed with a halting rule keeps an odd
        /// quorum of at least 3 and quorum + 1 devices).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn update_feed(&mut self, feed: FeedId, config: FeedConfig) -> OracleResult<()> {
            announce(self.data.update_feed(self.env().caller(), feed, config))
        }

        /// Admin: remove a feed with its rules, open round and history.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn remove_feed(&mut self, feed: FeedId) -> OracleResult<()> {
            let (e, rules) = self.data.remove_feed(self.env().caller(), feed)?;
            for r in rules {
                self.env().emit_event(r);
            }
            self.env().emit_event(e);
            Ok(())
        }

        /// Admin: replace a rule (same feed); its progress starts afresh.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn update_rule(&mut self, rule: RuleId, new: Rule) -> OracleResult<()> {
            announce(self.data.update_rule(self.env().caller(), rule, new))
        }

        /// Admin: remove a rule.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn remove_rule(&mut self, rule: RuleId) -> OracleResult<()> {
            announce(self.data.remove_rule(self.env().caller(), rule))
        }

        /// Number of devices registered now on `feed`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn device_count(&self, feed: FeedId) -> u32 {
            self.data.device_count(feed)
        }

        /// The rules of `feed`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn feed_rules(&self, feed: FeedId) -> Vec<RuleId> {
            self.data.feed_rules(feed)
        }

        // ---------------------------------------------------------------- devices, engineers, stakeholders

        /// Device: report a reading on `feed`. Settles the round at quorum (or a timed-out round on its live
        /// readings) and acts on the rules that fire or clear.
        #[ink(message)]
        pub fn report(&mut self, feed: FeedId, value: i64) -> OracleResult<()> {
            let token = self.data.token();
            let mut token_halted = move || -> bool {
                let Some(token) = token else {
                    return false;
                };
                let t: ink::contract_ref!(Haltable) = token.into();
                matches!(t.call().is_halted().try_invoke(), Ok(Ok(true)))
            };
            let (caller, now) = (self.env().caller(), self.now());
            let out = self
                .data
                .report_with(caller, feed, value, now, &mut token_halted)?;
            if let Some(e) = out.discarded {
                self.env().emit_event(e);
            }
            if let Some(e) = out.reported {
                self.env().emit_event(e);
            }
            // A timed-out round settled on its live readings first, then possibly the round this reading closed.
            for e in out.settled {
                self.env().emit_event(e);
            }
            for e in out.rearmed {
                self.env().emit_event(e);
            }
            for e in out.fired {
                self.env().emit_event(e);
            }
            for e in out.cleared {
                self.env().emit_event(e);
            }
            for a in out.actions {
                self.act_on_token(a);
            }
            Ok(())
        }

        /// Anyone: lapse fired halting rule `rule` whose feed has been silent longer than its staleness bound
        /// (see `OracleData::lapse_silent_rule`); the last automatic halting rule to go resumes the token.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn lapse_silent_rule(&mut self, rule: RuleId) -> OracleResult<()> {
            let (event, resume) = self.data.lapse_silent_rule(rule, self.now())?;
            self.env().emit_event(event);
            if let Some(action) = resume {
                self.act_on_token(action);
            }
            Ok(())
        }

        /// Anyone: retry the resume of the oracle's own halt in force, once the rule that placed it (the token's
        /// halt reason) resumes on its own and no halting rule is fired. Refused in words otherwise, and when the
        /// token still does not resume.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn retry_resume(&mut self) -> OracleResult<()> {
            let me = self.env().account_id();
            let halt = self.data.token().and_then(|token| {
                let s: ink::contract_ref!(HaltStatus) = token.into();
                match s.call().halt_reason().try_invoke() {
                    Ok(Ok(h)) => h,
                    _ => None,
                }
            });
            let rule = match halt {
                Some((guardian, rule)) if guardian == me => rule,
                _ => return Err(crate::OracleError::ResumeRefused),
            };
            let action = self.data.resume_to_retry(rule)?;
            if self.act_on_token(action) {
                Ok(())
            } else {
                Err(crate::OracleError::ResumeRefused)
            }
        }

        /// Engineer or inspector: anchor the next version of document `key`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn anchor_document(&mut self, key: u32, cid: Vec<u8>, hash: Hash) -> OracleResult<u32> {
            let e = self
                .data
                .anchor_document(self.env().caller(), key, cid, hash, self.now())?;
            let version = e.version;
            self.env().emit_event(e);
            Ok(version)
        }

        /// Stakeholder: post a progress milestone with the hash of its evidence.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn post_milestone(
            &mut self,
            milestone: MilestoneId,
            evidence: Hash,
        ) -> OracleResult<()> {
            let e =
                self.data
                    .post_milestone(self.env().caller(), milestone, evidence, self.now())?;
            self.env().emit_event(e);
            Ok(())
        }

        /// Stakeholder: attest another stakeholder's milestone.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn attest_milestone(&mut self, milestone: MilestoneId) -> OracleResult<()> {
            announce(
                self.data
                    .attest_milestone(self.env().caller(), milestone, self.now()),
            )
        }
    }

    /// The admin role and its two-step handover (the suite's one `Admin` surface).
    impl Admin for IotOracle {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            self.data.admin.admin()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            self.data.admin.pending()
        }

        #[ink(message)]
        fn transfer_admin(&mut self, candidate: AccountId) -> Result<(), AdminError> {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            admin::offer_as_caller(&mut self.data.admin, candidate)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> Result<(), AdminError> {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            admin::accept_as_caller(&mut self.data.admin)
        }
    }

    impl MilestoneOracle for IotOracle {
        #[ink(message)]
        fn is_milestone_attested(&self, milestone: MilestoneId) -> bool {
            self.data.is_milestone_attested(milestone)
        }
    }
}

pub use crate::iot_oracle::{IotOracle, IotOracleRef};

/// The full code that the report shell delegates every other message to (see [`suite_traits::split`]).
#[cfg(feature = "hot-shell")]
const FULL_CODE_HASH: [u8; 32] =
    suite_traits::split::full_code_hash(option_env!("IOT_ORACLE_FULL_CODE_HASH"));

#[cfg(feature = "hot-shell")]
suite_traits::split_shell_entry_points!(iot_oracle::IotOracle, FULL_CODE_HASH);
