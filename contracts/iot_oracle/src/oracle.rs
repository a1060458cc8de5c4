//! The oracle's state and rules, free of message dispatch: feeds, devices, rounds, rules, documents and
//! milestones. Each operation takes the caller and the time, checks, writes, and returns the events to emit and
//! (for readings) the token actions to take. Tested natively in `tests.rs`.
use ink::prelude::vec::Vec;
use ink::storage::Mapping;
use suite_traits::{AccountId, AdminRole, Hash, MilestoneId, Timestamp};

use crate::errors::{OracleError, OracleResult};
use crate::events::*;
use crate::feeds::{median, FeedConfig, FeedId, Round, Settled, HISTORY};
use crate::rules::{breaches, step, Rule, RuleAction, RuleId, RuleState, Transition};

/// Most feeds one oracle holds.
pub const MAX_FEEDS: u32 = 32;
/// Most rules on one feed (bounds the work of settling a round).
pub const MAX_RULES_PER_FEED: u32 = 8;
/// Longest document CID, in bytes (a CIDv1 in base32 is about 60).
pub const MAX_CID_LEN: u32 = 96;

/// Roles besides the admin (bit mask per account).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum OracleRole {
    /// Posts and attests progress milestones (sponsor, contractor, lender's engineer, ...).
    Stakeholder,
    /// Anchors design documents (BIM models, drawings).
    Engineer,
    /// Anchors inspection reports.
    Inspector,
}

impl OracleRole {
    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

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
    pub settled: Option<RoundSettled>,
    pub fired: Vec<RuleFired>,
    pub cleared: Vec<RuleCleared>,
    pub actions: Vec<TokenAction>,
}

/// The oracle's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct OracleData {
    admin: AdminRole,
    roles: Mapping<AccountId, u8>,
    token: Option<AccountId>,
    governor: Option<AccountId>,
    feed_count: u32,
    feeds: Mapping<FeedId, FeedConfig>,
    devices: Mapping<(FeedId, AccountId), ()>,
    rounds: Mapping<FeedId, Round>,
    latest: Mapping<FeedId, Settled>,
    history: Mapping<FeedId, Vec<i64>>,
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
    attested_by: Mapping<(MilestoneId, AccountId), ()>,
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
            feeds: Mapping::default(),
            devices: Mapping::default(),
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

    pub fn admin(&self) -> AccountId {
        self.admin.admin()
    }
    pub fn pending_admin(&self) -> Option<AccountId> {
        self.admin.pending()
    }
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
    pub fn is_device(&self, feed: FeedId, device: AccountId) -> bool {
        self.devices.contains((feed, device))
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

    fn ensure_admin(&self, caller: AccountId) -> OracleResult<()> {
        self.admin.ensure(caller).map_err(Into::into)
    }

    fn ensure_role(&self, caller: AccountId, role: OracleRole) -> OracleResult<()> {
        if self.has_role(caller, role) {
            Ok(())
        } else {
            Err(OracleError::MissingRole { caller, role })
        }
    }

    pub fn start_admin_transfer(
        &mut self,
        caller: AccountId,
        candidate: AccountId,
    ) -> OracleResult<AdminTransferStarted> {
        self.admin.offer(caller, candidate).map_err(Into::into)
    }

    pub fn accept_admin(&mut self, caller: AccountId) -> OracleResult<AdminChanged> {
        self.admin.accept(caller).map_err(Into::into)
    }

    /// Admin grants or revokes a role.
    pub fn set_role(
        &mut self,
        caller: AccountId,
        account: AccountId,
        role: OracleRole,
        granted: bool,
    ) -> OracleResult<RoleChanged> {
        self.ensure_admin(caller)?;
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
        self.ensure_admin(caller)?;
        self.token = token;
        Ok(TokenSet { token })
    }

    /// Admin sets the governor in which halting rules without automatic resume open an emergency proposal.
    pub fn set_governor(
        &mut self,
        caller: AccountId,
        governor: Option<AccountId>,
    ) -> OracleResult<GovernorSet> {
        self.ensure_admin(caller)?;
        self.governor = governor;
        Ok(GovernorSet { governor })
    }

    /// Admin adds a feed.
    pub fn add_feed(&mut self, caller: AccountId, config: FeedConfig) -> OracleResult<FeedAdded> {
        self.ensure_admin(caller)?;
        config
            .validate()
            .map_err(|rule| OracleError::InvalidFeed { rule })?;
        if self.feed_count >= MAX_FEEDS {
            return Err(OracleError::TooManyFeeds { max: MAX_FEEDS });
        }
        let feed = self.feed_count;
        self.feeds.insert(feed, &config);
        self.feed_count = feed.checked_add(1).ok_or(OracleError::Overflow)?;
        Ok(FeedAdded {
            feed,
            quorum: config.quorum,
        })
    }

    /// Admin registers or removes a reporting device of a feed.
    pub fn set_device(
        &mut self,
        caller: AccountId,
        feed: FeedId,
        device: AccountId,
        registered: bool,
    ) -> OracleResult<DeviceSet> {
        self.ensure_admin(caller)?;
        self.feed_config(feed)?;
        if registered {
            self.devices.insert((feed, device), &());
        } else {
            self.devices.remove((feed, device));
        }
        Ok(DeviceSet {
            feed,
            device,
            registered,
        })
    }

    /// Admin adds a rule to a feed.
    pub fn add_rule(&mut self, caller: AccountId, rule: Rule) -> OracleResult<RuleAdded> {
        self.ensure_admin(caller)?;
        self.feed_config(rule.feed)?;
        let mut list = self.feed_rules.get(rule.feed).unwrap_or_default();
        if list.len() >= MAX_RULES_PER_FEED as usize {
            return Err(OracleError::TooManyRules {
                feed: rule.feed,
                max: MAX_RULES_PER_FEED,
            });
        }
        let id = self.rule_count;
        list.push(id);
        self.feed_rules.insert(rule.feed, &list);
        self.rules.insert(id, &rule);
        self.rule_count = id.checked_add(1).ok_or(OracleError::Overflow)?;
        Ok(RuleAdded {
            rule: id,
            feed: rule.feed,
            action: rule.action,
        })
    }

    fn feed_config(&self, feed: FeedId) -> OracleResult<FeedConfig> {
        self.feeds
            .get(feed)
            .ok_or(OracleError::UnknownFeed { feed })
    }

    // ---- readings ----

    /// A registered device reports `value` on `feed`. When the round reaches its quorum it settles on the median
    /// and every rule of the feed is evaluated.
    pub fn report(
        &mut self,
        device: AccountId,
        feed: FeedId,
        value: i64,
        now: Timestamp,
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
        let mut round = self.round(feed);
        if round.number == 0 {
            round.number = 1;
        }
        let timed_out = !round.values.is_empty()
            && now >= round.opened_at.saturating_add(config.round_timeout_ms);
        if timed_out {
            out.discarded = Some(RoundDiscarded {
                feed,
                round: round.number,
                readings: u32::try_from(round.values.len()).unwrap_or(u32::MAX),
            });
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
        let settled_value = median(&round.values).ok_or(OracleError::Overflow)?;
        let reporters = u32::try_from(round.values.len()).unwrap_or(u32::MAX);
        let settled = Settled {
            value: settled_value,
            at: now,
            round: round.number,
            reporters,
        };
        let evidence = round_evidence(feed, &round);
        let previous = self.latest.get(feed).map(|s| s.value);
        self.latest.insert(feed, &settled);
        let mut history = self.history.get(feed).unwrap_or_default();
        if history.len() >= HISTORY {
            history.remove(0);
        }
        history.push(settled_value);
        self.history.insert(feed, &history);
        if config.cumulative {
            let period = now.checked_div(config.period_ms).unwrap_or(0);
            let total = self
                .period_total(feed, period)
                .checked_add(i128::from(settled_value))
                .ok_or(OracleError::Overflow)?;
            self.totals.insert((feed, period), &total);
        }
        out.settled = Some(RoundSettled {
            feed,
            round: round.number,
            value: settled_value,
            reporters,
        });
        self.rounds.insert(
            feed,
            &Round {
                number: round.number.checked_add(1).ok_or(OracleError::Overflow)?,
                opened_at: 0,
                reporters: Vec::new(),
                values: Vec::new(),
            },
        );
        self.evaluate_rules(
            feed,
            settled_value,
            previous,
            &history,
            evidence,
            now,
            &mut out,
        );
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn evaluate_rules(
        &mut self,
        feed: FeedId,
        value: i64,
        previous: Option<i64>,
        history: &[i64],
        evidence: Hash,
        now: Timestamp,
        out: &mut ReportOutcome,
    ) {
        for id in self.feed_rules.get(feed).unwrap_or_default() {
            let Some(rule) = self.rules.get(id) else {
                continue;
            };
            let mut state = self.rule_state(id);
            let breached = breaches(rule.condition, value, previous, history);
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
        if self.milestones.contains(milestone) {
            return Err(OracleError::MilestoneExists { milestone });
        }
        self.milestones.insert(
            milestone,
            &Milestone {
                poster: caller,
                evidence,
                posted_at: now,
                attestations: 0,
                attested_at: None,
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
        if self.attested_by.contains((milestone, caller)) {
            return Err(OracleError::AlreadyAttested {
                milestone,
                by: caller,
            });
        }
        self.attested_by.insert((milestone, caller), &());
        m.attestations = m.attestations.checked_add(1).ok_or(OracleError::Overflow)?;
        if m.attested_at.is_none() && m.attestations >= self.attestations_required {
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

/// A hash of a round's readings, passed to the token as the halt's evidence.
fn round_evidence(feed: FeedId, round: &Round) -> Hash {
    let mut input = Vec::new();
    scale::Encode::encode_to(&(feed, round.number, &round.values), &mut input);
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&input, &mut out);
    Hash::from(out)
}
