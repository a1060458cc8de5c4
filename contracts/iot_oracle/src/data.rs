//! The oracle's state and rules, free of message dispatch: feeds, devices, rounds, rules, documents and
//! milestones. Each operation takes the caller and the time, checks, writes, and returns the events to emit and
//! (for readings) the token actions to take. Tested natively in `tests.rs`.
pub use crate::types::OracleRole;
use ink::prelude::vec::Vec;
use ink::storage::Mapping;
use suite_traits::{AccountId, AdminRole, Hash, MilestoneId, Timestamp};

use crate::errors::{OracleError, OracleResult};
use crate::events::*;
use crate::feeds::{median, FeedConfig, FeedId, FeedRule, Round, Sample, Settled, HISTORY};
use crate::rules::{
    breaches, spread, step, Observation, Rule, RuleAction, RuleId, RuleState, Transition,
};

/// How long posted milestone evidence stands unattested before a stakeholder other than its poster may replace it.
pub const REPOST_BY_OTHERS_AFTER_MS: Timestamp = 7 * 86_400_000;

/// Most feeds one oracle holds.
pub const MAX_FEEDS: u32 = 32;
/// Most rules on one feed (bounds the work of settling a round).
pub const MAX_RULES_PER_FEED: u32 = 8;
/// Longest document CID, in bytes (a CIDv1 in base32 is about 60).
pub const MAX_CID_LEN: u32 = 96;

/// An anchored document version. The document itself lives on IPFS; the chain keeps its CID and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct DocumentVersion {
    pub cid: Vec<u8>,
    pub hash: Hash,
    pub signer: AccountId,
    pub role: OracleRole,
    pub at: Timestamp,
}

/// A progress milestone and its attestations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Milestone {
    pub poster: AccountId,
    pub evidence: Hash,
    pub posted_at: Timestamp,
    pub attestations: u32,
    /// When it reached the required attestations.
    pub attested_at: Option<Timestamp>,
    /// How many times its evidence was posted (1 for the first posting): attestations count for the latest only.
    pub version: u32,
    /// Attestations of the latest evidence by stakeholders not on the sponsor's side: at least one is needed.
    pub independent: u32,
}

/// A token action a settled reading asks the shell to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenAction {
    /// Halt the token with the rule's number as reason and this evidence (hash of the round); when the rule has
    /// no automatic resume and a governor is set, also open an emergency proposal to resume it (holders decide,
    /// after an inspection).
    Halt {
        rule: RuleId,
        evidence: Hash,
        propose_resume: bool,
    },
    /// Resume the token: the last halting rule cleared.
    Resume { rule: RuleId },
}

/// Everything one reading caused.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ReportOutcome {
    pub discarded: Option<RoundDiscarded>,
    pub reported: Option<Reported>,
    /// A timed-out round settling on its live readings, then possibly the round this reading completed.
    pub settled: Vec<RoundSettled>,
    pub rearmed: Vec<RuleRearmed>,
    pub fired: Vec<RuleFired>,
    pub cleared: Vec<RuleCleared>,
    pub actions: Vec<TokenAction>,
}

/// The oracle's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct OracleData {
    /// The admin and its two-step handover (the shell's `suite_traits::Admin` messages act on it).
    pub admin: AdminRole,
    roles: Mapping<AccountId, u8>,
    token: Option<AccountId>,
    governor: Option<AccountId>,
    feed_count: u32,
    /// Feeds not removed (bounded by `MAX_FEEDS`); feed numbers are never reused.
    live_feeds: u32,
    feeds: Mapping<FeedId, FeedConfig>,
    devices: Mapping<(FeedId, AccountId), ()>,
    device_count: Mapping<FeedId, u32>,
    rounds: Mapping<FeedId, Round>,
    latest: Mapping<FeedId, Settled>,
    history: Mapping<FeedId, Vec<Sample>>,
    totals: Mapping<(FeedId, u64), i128>,
    rule_count: u32,
    rules: Mapping<RuleId, Rule>,
    rule_states: Mapping<RuleId, RuleState>,
    feed_rules: Mapping<FeedId, Vec<RuleId>>,
    /// Halting rules currently fired: the token is resumed only when none is.
    halting_fired: u32,
    documents: Mapping<(u32, u32), DocumentVersion>,
    document_versions: Mapping<u32, u32>,
    attestations_required: u32,
    milestones: Mapping<MilestoneId, Milestone>,
    /// The evidence version each stakeholder attested.
    attested_by: Mapping<(MilestoneId, AccountId), u32>,
}

impl OracleData {
    /// An oracle administered by `admin`; a milestone counts as attested after `attestations_required`
    /// attestations by stakeholders other than its poster.
    pub fn new(admin: AccountId, attestations_required: u32) -> Self {
        OracleData {
            admin: AdminRole::new(admin),
            roles: Mapping::default(),
            token: None,
            governor: None,
            feed_count: 0,
            live_feeds: 0,
            feeds: Mapping::default(),
            devices: Mapping::default(),
            device_count: Mapping::default(),
            rounds: Mapping::default(),
            latest: Mapping::default(),
            history: Mapping::default(),
            totals: Mapping::default(),
            rule_count: 0,
            rules: Mapping::default(),
            rule_states: Mapping::default(),
            feed_rules: Mapping::default(),
            halting_fired: 0,
            documents: Mapping::default(),
            document_versions: Mapping::default(),
            attestations_required: attestations_required.max(1),
            milestones: Mapping::default(),
            attested_by: Mapping::default(),
        }
    }

    // ---- views ----

    pub fn token(&self) -> Option<AccountId> {
        self.token
    }
    pub fn governor(&self) -> Option<AccountId> {
        self.governor
    }
    pub fn has_role(&self, account: AccountId, role: OracleRole) -> bool {
        self.roles.get(account).unwrap_or(0) & role.bit() != 0
    }
    pub fn feed(&self, feed: FeedId) -> Option<FeedConfig> {
        self.feeds.get(feed)
    }
    /// Whether `device` is registered, now, on the existing feed `feed` (a *live* device).
    pub fn is_device(&self, feed: FeedId, device: AccountId) -> bool {
        self.feeds.contains(feed) && self.devices.contains((feed, device))
    }
    /// Number of devices registered now on `feed`.
    pub fn device_count(&self, feed: FeedId) -> u32 {
        self.device_count.get(feed).unwrap_or(0)
    }
    /// The rules of `feed`.
    pub fn feed_rules(&self, feed: FeedId) -> Vec<RuleId> {
        self.feed_rules.get(feed).unwrap_or_default()
    }
    /// Halting rules that have fired and not cleared (the oracle resumes the token only when none is left).
    pub fn halting_fired(&self) -> u32 {
        self.halting_fired
    }
    pub fn round(&self, feed: FeedId) -> Round {
        self.rounds.get(feed).unwrap_or_default()
    }
    /// The last settled value and whether it is stale at `now`.
    pub fn latest(&self, feed: FeedId, now: Timestamp) -> Option<(Settled, bool)> {
        let s = self.latest.get(feed)?;
        let stale = self
            .feeds
            .get(feed)
            .is_none_or(|f| now.saturating_sub(s.at) > f.staleness_ms);
        Some((s, stale))
    }
    /// Sum of the settled values of a cumulative feed in `period` (period `n` covers
    /// `[n * period_ms, (n + 1) * period_ms)`).
    pub fn period_total(&self, feed: FeedId, period: u64) -> i128 {
        self.totals.get((feed, period)).unwrap_or(0)
    }
    /// The period `at` falls in, for a cumulative feed.
    pub fn period_of(&self, feed: FeedId, at: Timestamp) -> Option<u64> {
        let f = self.feeds.get(feed)?;
        at.checked_div(f.period_ms)
    }
    pub fn rule(&self, rule: RuleId) -> Option<Rule> {
        self.rules.get(rule)
    }
    pub fn rule_state(&self, rule: RuleId) -> RuleState {
        self.rule_states.get(rule).unwrap_or_default()
    }
    pub fn document(&self, key: u32, version: u32) -> Option<DocumentVersion> {
        self.documents.get((key, version))
    }
    pub fn document_version(&self, key: u32) -> u32 {
        self.document_versions.get(key).unwrap_or(0)
    }
    pub fn milestone(&self, milestone: MilestoneId) -> Option<Milestone> {
        self.milestones.get(milestone)
    }
    pub fn is_milestone_attested(&self, milestone: MilestoneId) -> bool {
        self.milestones
            .get(milestone)
            .is_some_and(|m| m.attested_at.is_some())
    }

    // ---- admin ----

    fn ensure_role(&self, caller: AccountId, role: OracleRole) -> OracleResult<()> {
        if self.has_role(caller, role) {
            Ok(())
        } else {
            Err(OracleError::MissingRole { caller, role })
        }
    }

    /// Admin grants or revokes a role.
    pub fn set_role(
        &mut self,
        caller: AccountId,
        account: AccountId,
        role: OracleRole,
        granted: bool,
    ) -> OracleResult<RoleChanged> {
        self.admin.ensure(caller)?;
        let bits = self.roles.get(account).unwrap_or(0);
        let bits = if granted {
            bits | role.bit()
        } else {
            bits & !role.bit()
        };
        if bits == 0 {
            self.roles.remove(account);
        } else {
            self.roles.insert(account, &bits);
        }
        Ok(RoleChanged {
            account,
            role,
            granted,
        })
    }

    /// Admin sets the token the halting rules act on.
    pub fn set_token(
        &mut self,
        caller: AccountId,
        token: Option<AccountId>,
    ) -> OracleResult<TokenSet> {
        self.admin.ensure(caller)?;
        self.token = token;
        Ok(TokenSet { token })
    }

    /// Admin sets the governor in which halting rules without automatic resume open an emergency proposal.
    pub fn set_governor(
        &mut self,
        caller: AccountId,
        governor: Option<AccountId>,
    ) -> OracleResult<GovernorSet> {
        self.admin.ensure(caller)?;
        self.governor = governor;
        Ok(GovernorSet { governor })
    }

    /// Admin adds a feed.
    pub fn add_feed(&mut self, caller: AccountId, config: FeedConfig) -> OracleResult<FeedAdded> {
        self.admin.ensure(caller)?;
        config
            .validate()
            .map_err(|rule| OracleError::InvalidFeed { rule })?;
        if self.live_feeds >= MAX_FEEDS {
            return Err(OracleError::TooManyFeeds { max: MAX_FEEDS });
        }
        let feed = self.feed_count;
        self.feed_count = feed.checked_add(1).ok_or(OracleError::Overflow)?;
        self.live_feeds = self.live_feeds.saturating_add(1);
        self.feeds.insert(feed, &config);
        Ok(FeedAdded {
            feed,
            quorum: config.quorum,
        })
    }

    /// Admin registers or removes a reporting device of a feed. Registering a registered device changes nothing
    /// (but is confirmed by the event). A removed device's reading leaves the open round at once: readings of a
    /// device removed mid-round never count. A feed with a halting rule keeps at least quorum + 1 devices.
    pub fn set_device(
        &mut self,
        caller: AccountId,
        feed: FeedId,
        device: AccountId,
        registered: bool,
    ) -> OracleResult<DeviceSet> {
        self.admin.ensure(caller)?;
        let config = self.feed_config(feed)?;
        let count = self.device_count(feed);
        let was = self.devices.contains((feed, device));
        let mut dropped_reading = None;
        if registered {
            if !was {
                let count = count.checked_add(1).ok_or(OracleError::Overflow)?;
                self.devices.insert((feed, device), &());
                self.device_count.insert(feed, &count);
            }
        } else {
            if !was {
                return Err(OracleError::UnknownDevice { feed, device });
            }
            let after = count.saturating_sub(1);
            if self.has_halting_rule(feed) {
                check_halting_feed(feed, config.quorum, after)?;
            }
            self.devices.remove((feed, device));
            self.device_count.insert(feed, &after);
            let mut round = self.round(feed);
            if let Some(i) = round.reporters.iter().position(|r| *r == device) {
                if i < round.values.len() {
                    round.reporters.remove(i);
                    dropped_reading = Some(round.values.remove(i));
                    self.rounds.insert(feed, &round);
                }
            }
        }
        Ok(DeviceSet {
            feed,
            device,
            registered,
            dropped_reading,
        })
    }

    /// Admin changes a feed's bounds, quorum, timeout or staleness (not whether it is cumulative nor its period).
    /// A feed with a halting rule must keep an odd quorum of at least 3 and quorum + 1 devices. The open round
    /// keeps its readings and settles under the new quorum.
    pub fn update_feed(
        &mut self,
        caller: AccountId,
        feed: FeedId,
        config: FeedConfig,
    ) -> OracleResult<FeedUpdated> {
        self.admin.ensure(caller)?;
        let old = self.feed_config(feed)?;
        config
            .validate()
            .map_err(|rule| OracleError::InvalidFeed { rule })?;
        if config.cumulative != old.cumulative
            || (config.cumulative && config.period_ms != old.period_ms)
        {
            return Err(OracleError::InvalidFeed {
                rule: FeedRule::PeriodFixed,
            });
        }
        if self.has_halting_rule(feed) {
            check_halting_feed(feed, config.quorum, self.device_count(feed))?;
        }
        self.feeds.insert(feed, &config);
        Ok(FeedUpdated {
            feed,
            quorum: config.quorum,
        })
    }

    /// Admin removes a feed with its rules, open round and history (its last settled value and period totals stay
    /// readable; `latest` reports it stale). A halt one of its rules placed stays until the token is resumed.
    pub fn remove_feed(
        &mut self,
        caller: AccountId,
        feed: FeedId,
    ) -> OracleResult<(FeedRemoved, Vec<RuleRemoved>)> {
        self.admin.ensure(caller)?;
        self.feed_config(feed)?;
        let ids = self.feed_rules(feed);
        let mut removed = Vec::new();
        for id in ids.iter().copied() {
            removed.push(self.drop_rule(id, feed));
        }
        self.feed_rules.remove(feed);
        self.feeds.remove(feed);
        self.rounds.remove(feed);
        self.history.remove(feed);
        self.device_count.remove(feed);
        self.live_feeds = self.live_feeds.saturating_sub(1);
        Ok((FeedRemoved { feed, rules: ids }, removed))
    }

    /// Admin adds a rule to a feed. A halting rule needs a feed with an odd quorum of at least 3 and at least
    /// quorum + 1 devices.
    pub fn add_rule(&mut self, caller: AccountId, rule: Rule) -> OracleResult<RuleAdded> {
        self.admin.ensure(caller)?;
        let config = self.feed_config(rule.feed)?;
        if rule.action == RuleAction::HaltToken {
            check_halting_feed(rule.feed, config.quorum, self.device_count(rule.feed))?;
        }
        let mut list = self.feed_rules(rule.feed);
        if list.len() >= MAX_RULES_PER_FEED as usize {
            return Err(OracleError::TooManyRules {
                feed: rule.feed,
                max: MAX_RULES_PER_FEED,
            });
        }
        let id = self.rule_count;
        self.rule_count = id.checked_add(1).ok_or(OracleError::Overflow)?;
        list.push(id);
        self.feed_rules.insert(rule.feed, &list);
        self.rules.insert(id, &rule);
        Ok(RuleAdded {
            rule: id,
            feed: rule.feed,
            action: rule.action,
        })
    }

    /// Admin replaces rule `id` (same feed); its progress starts afresh. If it had fired as a halting rule, a
    /// halt it placed stays until the token is resumed or another of the oracle's halting rules clears.
    pub fn update_rule(
        &mut self,
        caller: AccountId,
        id: RuleId,
        rule: Rule,
    ) -> OracleResult<RuleUpdated> {
        self.admin.ensure(caller)?;
        let old = self
            .rules
            .get(id)
            .ok_or(OracleError::UnknownRule { rule: id })?;
        if rule.feed != old.feed {
            return Err(OracleError::RuleFeedFixed {
                rule: id,
                feed: old.feed,
            });
        }
        let config = self.feed_config(rule.feed)?;
        if rule.action == RuleAction::HaltToken {
            check_halting_feed(rule.feed, config.quorum, self.device_count(rule.feed))?;
        }
        if old.action == RuleAction::HaltToken && self.rule_state(id).fired {
            self.halting_fired = self.halting_fired.saturating_sub(1);
        }
        self.rule_states.remove(id);
        self.rules.insert(id, &rule);
        Ok(RuleUpdated {
            rule: id,
            feed: rule.feed,
            action: rule.action,
        })
    }

    /// Admin removes rule `id`. A halt it placed stays until the token is resumed or another of the oracle's
    /// halting rules clears.
    pub fn remove_rule(&mut self, caller: AccountId, id: RuleId) -> OracleResult<RuleRemoved> {
        self.admin.ensure(caller)?;
        let rule = self
            .rules
            .get(id)
            .ok_or(OracleError::UnknownRule { rule: id })?;
        let mut list = self.feed_rules(rule.feed);
        list.retain(|r| *r != id);
        self.feed_rules.insert(rule.feed, &list);
        Ok(self.drop_rule(id, rule.feed))
    }

    /// Forgets rule `id` and its progress (the caller updates the feed's rule list).
    fn drop_rule(&mut self, id: RuleId, feed: FeedId) -> RuleRemoved {
        let was_fired = self.rule_state(id).fired;
        if was_fired
            && self
                .rules
                .get(id)
                .is_some_and(|r| r.action == RuleAction::HaltToken)
        {
            self.halting_fired = self.halting_fired.saturating_sub(1);
        }
        self.rules.remove(id);
        self.rule_states.remove(id);
        RuleRemoved {
            rule: id,
            feed,
            was_fired,
        }
    }

    fn has_halting_rule(&self, feed: FeedId) -> bool {
        self.feed_rules(feed).into_iter().any(|id| {
            self.rules
                .get(id)
                .is_some_and(|r| r.action == RuleAction::HaltToken)
        })
    }

    /// The shell reports that the token refused the halt `rule` asked for (or no token is set): the rule does not
    /// count as fired, keeps its breaches, and fires again (retrying the halt) on the next breaching value.
    pub fn halt_failed(&mut self, rule: RuleId) {
        let mut state = self.rule_state(rule);
        if state.fired {
            state.fired = false;
            state.in_range = 0;
            self.rule_states.insert(rule, &state);
            self.halting_fired = self.halting_fired.saturating_sub(1);
        }
    }

    fn feed_config(&self, feed: FeedId) -> OracleResult<FeedConfig> {
        self.feeds
            .get(feed)
            .ok_or(OracleError::UnknownFeed { feed })
    }

    // ---- readings ----

    /// [`OracleData::report_with`] for a token that stays halted while a halting rule is fired (native tests).
    pub fn report(
        &mut self,
        device: AccountId,
        feed: FeedId,
        value: i64,
        now: Timestamp,
    ) -> OracleResult<ReportOutcome> {
        self.report_with(device, feed, value, now, &mut || true)
    }

    /// A registered device reports `value` on `feed`. When the round reaches its quorum it settles on the median
    /// and every rule of the feed is evaluated. A round whose timeout passed before this reading settles on the
    /// readings of its live devices (registered now) if they still make the feed's quorum, and is discarded
    /// otherwise; this reading then opens the next round.
    ///
    /// `token_halted` tells whether the token is halted now; it is asked at most once, and only when a fired
    /// halting rule of the feed is evaluated: a token found resumed by someone else re-arms such a rule.
    pub fn report_with(
        &mut self,
        device: AccountId,
        feed: FeedId,
        value: i64,
        now: Timestamp,
        token_halted: &mut dyn FnMut() -> bool,
    ) -> OracleResult<ReportOutcome> {
        let config = self.feed_config(feed)?;
        if !self.is_device(feed, device) {
            return Err(OracleError::NotDevice {
                caller: device,
                feed,
            });
        }
        if value < config.min_value || value > config.max_value {
            return Err(OracleError::OutOfBounds {
                value,
                min: config.min_value,
                max: config.max_value,
            });
        }
        let mut out = ReportOutcome::default();
        let mut halted = HaltView {
            known: None,
            ask: token_halted,
        };
        let mut round = self.round(feed);
        if round.number == 0 {
            round.number = 1;
        }
        let timed_out = !round.values.is_empty()
            && now >= round.opened_at.saturating_add(config.round_timeout_ms);
        if timed_out {
            let live: Vec<i64> = round
                .reporters
                .iter()
                .zip(round.values.iter())
                .filter(|(r, _)| self.is_device(feed, **r))
                .map(|(_, v)| *v)
                .collect();
            if !live.is_empty() && live.len() >= config.quorum as usize {
                let closed_at = round
                    .opened_at
                    .saturating_add(config.round_timeout_ms)
                    .min(now);
                self.settle(
                    feed,
                    &config,
                    round.number,
                    &live,
                    closed_at,
                    &mut halted,
                    &mut out,
                )?;
                round.number = round.number.checked_add(1).ok_or(OracleError::Overflow)?;
            } else {
                out.discarded = Some(RoundDiscarded {
                    feed,
                    round: round.number,
                    readings: u32::try_from(round.values.len()).unwrap_or(u32::MAX),
                });
            }
            round.values.clear();
            round.reporters.clear();
        }
        if round.reporters.contains(&device) {
            return Err(OracleError::AlreadyReported {
                device,
                round: round.number,
            });
        }
        if round.values.is_empty() {
            round.opened_at = now;
        }
        round.reporters.push(device);
        round.values.push(value);
        out.reported = Some(Reported {
            feed,
            device,
            value,
            round: round.number,
        });
        if round.values.len() < config.quorum as usize {
            self.rounds.insert(feed, &round);
            return Ok(out);
        }
        self.settle(
            feed,
            &config,
            round.number,
            &round.values,
            now,
            &mut halted,
            &mut out,
        )?;
        self.rounds.insert(
            feed,
            &Round {
                number: round.number.checked_add(1).ok_or(OracleError::Overflow)?,
                opened_at: 0,
                reporters: Vec::new(),
                values: Vec::new(),
            },
        );
        Ok(out)
    }

    /// Settles round `number` of `feed` on the median of `values` at `now`, records it and evaluates the rules.
    #[allow(clippy::too_many_arguments)]
    fn settle(
        &mut self,
        feed: FeedId,
        config: &FeedConfig,
        number: u64,
        values: &[i64],
        now: Timestamp,
        halted: &mut HaltView<'_>,
        out: &mut ReportOutcome,
    ) -> OracleResult<()> {
        let settled_value = median(values).ok_or(OracleError::Overflow)?;
        let reporters = u32::try_from(values.len()).unwrap_or(u32::MAX);
        let evidence = round_evidence(feed, number, values);
        let fresh = |at: Timestamp| now.saturating_sub(at) <= config.staleness_ms;
        // Only fresh history is compared against: a value settled longer than the staleness bound ago says
        // nothing about a deviation or an average now.
        let previous = self
            .latest
            .get(feed)
            .filter(|s| fresh(s.at))
            .map(|s| s.value);
        self.latest.insert(
            feed,
            &Settled {
                value: settled_value,
                at: now,
                round: number,
                reporters,
            },
        );
        let mut history = self.history.get(feed).unwrap_or_default();
        if history.len() >= HISTORY {
            history.remove(0);
        }
        history.push(Sample {
            value: settled_value,
            at: now,
        });
        self.history.insert(feed, &history);
        let recent: Vec<i64> = history
            .iter()
            .filter(|h| fresh(h.at))
            .map(|h| h.value)
            .collect();
        if config.cumulative {
            let period = now.checked_div(config.period_ms).unwrap_or(0);
            let total = self
                .period_total(feed, period)
                .checked_add(i128::from(settled_value))
                .ok_or(OracleError::Overflow)?;
            self.totals.insert((feed, period), &total);
        }
        out.settled.push(RoundSettled {
            feed,
            round: number,
            value: settled_value,
            reporters,
        });
        let observation = Observation {
            value: settled_value,
            spread: spread(values),
            previous,
            history: &recent,
        };
        self.evaluate_rules(feed, &observation, evidence, now, halted, out);
        Ok(())
    }

    fn evaluate_rules(
        &mut self,
        feed: FeedId,
        observation: &Observation<'_>,
        evidence: Hash,
        now: Timestamp,
        halted: &mut HaltView<'_>,
        out: &mut ReportOutcome,
    ) {
        for id in self.feed_rules(feed) {
            let Some(rule) = self.rules.get(id) else {
                continue;
            };
            let mut state = self.rule_state(id);
            if rule.action == RuleAction::HaltToken && state.fired && !halted.get() {
                // Someone other than this oracle's rules resumed the token: that excursion was handled, the
                // next one must halt again.
                state = RuleState::default();
                self.halting_fired = self.halting_fired.saturating_sub(1);
                out.rearmed.push(RuleRearmed { rule: id, feed });
            }
            let breached = breaches(rule.condition, observation);
            let value = observation.value;
            match step(&rule, &mut state, breached, now) {
                Transition::Fired => {
                    out.fired.push(RuleFired {
                        rule: id,
                        feed,
                        value,
                        action: rule.action,
                    });
                    if rule.action == RuleAction::HaltToken {
                        self.halting_fired = self.halting_fired.saturating_add(1);
                        // The shell halts the token before anything else can resume it.
                        halted.known = Some(true);
                        out.actions.push(TokenAction::Halt {
                            rule: id,
                            evidence,
                            propose_resume: rule.resume_after == 0 && self.governor.is_some(),
                        });
                    }
                }
                Transition::Cleared => {
                    out.cleared.push(RuleCleared {
                        rule: id,
                        feed,
                        value,
                    });
                    if rule.action == RuleAction::HaltToken {
                        self.halting_fired = self.halting_fired.saturating_sub(1);
                        if self.halting_fired == 0 {
                            out.actions.push(TokenAction::Resume { rule: id });
                        }
                    }
                }
                Transition::None => {}
            }
            self.rule_states.insert(id, &state);
        }
    }

    // ---- silent feeds and failed resumes ----

    /// Rule `id`, if it halts the token and resumes on its own: the only rules silence may lapse or a retry resume.
    fn self_resuming_halt_rule(&self, id: RuleId) -> OracleResult<Rule> {
        let rule = self
            .rules
            .get(id)
            .ok_or(OracleError::UnknownRule { rule: id })?;
        if rule.action != RuleAction::HaltToken {
            return Err(OracleError::NotHaltingRule { rule: id });
        }
        if rule.resume_after == 0 {
            return Err(OracleError::ResumeLeftToPeople { rule: id });
        }
        Ok(rule)
    }

    /// Anyone: a fired halting rule that resumes on its own (`resume_after > 0`) whose feed has settled nothing for
    /// longer than the feed's staleness bound (counted from its last settled value, or from the firing if later)
    /// lapses: no live reading supports the halt any more, and it does what its clearing does (the last halting
    /// rule to go asks the shell to resume the token). A rule without automatic resume never lapses: its halt is
    /// the holders' (the emergency proposal opened at the halt) or the token guardian's to lift, and while it is
    /// fired no other rule resumes the token. Readings that come back later are judged afresh.
    pub fn lapse_silent_rule(
        &mut self,
        id: RuleId,
        now: Timestamp,
    ) -> OracleResult<(RuleLapsed, Option<TokenAction>)> {
        let rule = self.self_resuming_halt_rule(id)?;
        let state = self.rule_state(id);
        if !state.fired {
            return Err(OracleError::RuleNotFired { rule: id });
        }
        let config = self.feed_config(rule.feed)?;
        let silent_since = self
            .latest
            .get(rule.feed)
            .map_or(state.fired_at, |s| s.at.max(state.fired_at));
        let silent_after = silent_since.saturating_add(config.staleness_ms);
        if now <= silent_after {
            return Err(OracleError::FeedNotSilent {
                feed: rule.feed,
                silent_after,
            });
        }
        self.rule_states.remove(id);
        self.halting_fired = self.halting_fired.saturating_sub(1);
        let resume = (self.halting_fired == 0).then_some(TokenAction::Resume { rule: id });
        Ok((
            RuleLapsed {
                rule: id,
                feed: rule.feed,
                silent_since,
            },
            resume,
        ))
    }

    /// Anyone: the resume a halting rule's clearing (or lapse) asked for, again, after it failed (the token
    /// refused it, or the call ran out of gas). `id` is the rule whose halt is in force (the shell reads it from
    /// the token's halt reason, and resumes only a halt the oracle placed itself): it must still exist, resume on
    /// its own and no longer be fired, and none of the oracle's halting rules may be fired.
    pub fn resume_to_retry(&self, id: RuleId) -> OracleResult<TokenAction> {
        self.self_resuming_halt_rule(id)?;
        if self.halting_fired > 0 {
            return Err(OracleError::HaltingRulesFired {
                fired: self.halting_fired,
            });
        }
        Ok(TokenAction::Resume { rule: id })
    }

    // ---- documents and milestones ----

    /// An engineer or inspector anchors the next version of document `key` (an IPFS CID and the file's hash).
    pub fn anchor_document(
        &mut self,
        caller: AccountId,
        key: u32,
        cid: Vec<u8>,
        hash: Hash,
        now: Timestamp,
    ) -> OracleResult<DocumentAnchored> {
        let role = if self.has_role(caller, OracleRole::Engineer) {
            OracleRole::Engineer
        } else if self.has_role(caller, OracleRole::Inspector) {
            OracleRole::Inspector
        } else {
            return Err(OracleError::MissingRole {
                caller,
                role: OracleRole::Engineer,
            });
        };
        let len = u32::try_from(cid.len()).unwrap_or(u32::MAX);
        if len > MAX_CID_LEN {
            return Err(OracleError::CidTooLong {
                len,
                max: MAX_CID_LEN,
            });
        }
        let version = self
            .document_version(key)
            .checked_add(1)
            .ok_or(OracleError::Overflow)?;
        self.documents.insert(
            (key, version),
            &DocumentVersion {
                cid: cid.clone(),
                hash,
                signer: caller,
                role,
                at: now,
            },
        );
        self.document_versions.insert(key, &version);
        Ok(DocumentAnchored {
            key,
            version,
            cid,
            hash,
            signer: caller,
            role,
        })
    }

    /// A stakeholder posts milestone `milestone` with the hash of its evidence.
    pub fn post_milestone(
        &mut self,
        caller: AccountId,
        milestone: MilestoneId,
        evidence: Hash,
        now: Timestamp,
    ) -> OracleResult<MilestonePosted> {
        self.ensure_role(caller, OracleRole::Stakeholder)?;
        // Until it is attested, evidence can be posted again (a wrong certificate corrected, or a poster whose
        // evidence the others will not attest replaced by another stakeholder's): attestations of the earlier
        // evidence then no longer count. Once attested, the evidence is final.
        // Another stakeholder than the poster may replace it only once it has stood a week unattested: so nobody
        // can keep resetting the attestations of evidence the others are about to attest.
        let version = match self.milestones.get(milestone) {
            Some(m) if m.attested_at.is_some() => {
                return Err(OracleError::MilestoneExists { milestone })
            }
            Some(m) => {
                let open_to_others = m.posted_at.saturating_add(REPOST_BY_OTHERS_AFTER_MS);
                if caller != m.poster && now < open_to_others {
                    return Err(OracleError::EvidenceAwaitingAttestation {
                        milestone,
                        until: open_to_others,
                    });
                }
                m.version.checked_add(1).ok_or(OracleError::Overflow)?
            }
            None => 1,
        };
        self.milestones.insert(
            milestone,
            &Milestone {
                poster: caller,
                evidence,
                posted_at: now,
                attestations: 0,
                attested_at: None,
                version,
                independent: 0,
            },
        );
        Ok(MilestonePosted {
            milestone,
            poster: caller,
            evidence,
        })
    }

    /// Another stakeholder attests a posted milestone.
    pub fn attest_milestone(
        &mut self,
        caller: AccountId,
        milestone: MilestoneId,
        now: Timestamp,
    ) -> OracleResult<MilestoneAttested> {
        self.ensure_role(caller, OracleRole::Stakeholder)?;
        let mut m = self
            .milestones
            .get(milestone)
            .ok_or(OracleError::UnknownMilestone { milestone })?;
        if m.poster == caller {
            return Err(OracleError::SelfAttestation { milestone });
        }
        if self.attested_by.get((milestone, caller)) == Some(m.version) {
            return Err(OracleError::AlreadyAttested {
                milestone,
                by: caller,
            });
        }
        self.attested_by.insert((milestone, caller), &m.version);
        m.attestations = m.attestations.checked_add(1).ok_or(OracleError::Overflow)?;
        if !self.has_role(caller, OracleRole::SponsorSide) {
            m.independent = m.independent.checked_add(1).ok_or(OracleError::Overflow)?;
        }
        // A milestone releases money to the sponsor: the sponsor's side alone never attests it.
        if m.attested_at.is_none()
            && m.attestations >= self.attestations_required
            && m.independent > 0
        {
            m.attested_at = Some(now);
        }
        self.milestones.insert(milestone, &m);
        Ok(MilestoneAttested {
            milestone,
            by: caller,
            attestations: m.attestations,
            attested: m.attested_at.is_some(),
            at: now,
        })
    }
}

/// Whether the token is halted, asked of the shell at most once per report.
struct HaltView<'a> {
    known: Option<bool>,
    ask: &'a mut dyn FnMut() -> bool,
}

impl HaltView<'_> {
    fn get(&mut self) -> bool {
        match self.known {
            Some(h) => h,
            None => {
                let h = (self.ask)();
                self.known = Some(h);
                h
            }
        }
    }
}

/// A feed with a halting rule needs an odd quorum of at least 3 and at least quorum + 1 devices.
fn check_halting_feed(feed: FeedId, quorum: u32, devices: u32) -> OracleResult<()> {
    if quorum < 3 || quorum.is_multiple_of(2) {
        return Err(OracleError::HaltingQuorumInvalid { feed, quorum });
    }
    let needed = quorum.saturating_add(1);
    if devices < needed {
        return Err(OracleError::TooFewDevicesForHalting {
            feed,
            devices,
            needed,
        });
    }
    Ok(())
}

/// A hash of a round's readings, passed to the token as the halt's evidence.
fn round_evidence(feed: FeedId, number: u64, values: &[i64]) -> Hash {
    let mut input = Vec::new();
    scale::Encode::encode_to(&(feed, number, values), &mut input);
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&input, &mut out);
    Hash::from(out)
}
