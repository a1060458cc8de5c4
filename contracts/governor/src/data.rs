//! The governor's state and rules, free of message dispatch and cross-calls: the shell passes in the block, the
//! time and what the token and registry said. Tested natively in `tests.rs`.
use ink::prelude::vec::Vec;
use ink::storage::Mapping;
use suite_traits::{
    AccountId, Balance, BlockNumber, ClaimType, Hash, IdentityId, PartyStatus, Timestamp,
};

use crate::errors::{GovernorError, GovernorResult, NotVerifiedReason};
use crate::events::*;
use crate::proposal::{
    GovernorParams, Proposal, ProposalId, ProposalState, ProposedCall, ReturnKind, Support, Track,
};

/// Selector of the governor's `set_params`.
pub const SET_PARAMS: [u8; 4] = ink::selector_bytes!("set_params");
/// Selector of the governor's `set_allowed`.
pub const SET_ALLOWED: [u8; 4] = ink::selector_bytes!("set_allowed");
/// Selector of the governor's `set_guardian`.
pub const SET_GUARDIAN: [u8; 4] = ink::selector_bytes!("set_guardian");
/// Selector of the governor's `set_emergency_opener`.
pub const SET_EMERGENCY_OPENER: [u8; 4] = ink::selector_bytes!("set_emergency_opener");
/// Selector of the governor's `set_emergency_allowed`.
pub const SET_EMERGENCY_ALLOWED: [u8; 4] = ink::selector_bytes!("set_emergency_allowed");
/// Selector of the governor's `set_registry`.
pub const SET_REGISTRY: [u8; 4] = ink::selector_bytes!("set_registry");

/// Selectors of the governor's own configuration messages, which a normal proposal may call on the governor
/// itself (an emergency proposal never may).
pub const SELF_SELECTORS: [[u8; 4]; 6] = [
    SET_PARAMS,
    SET_ALLOWED,
    SET_GUARDIAN,
    SET_EMERGENCY_OPENER,
    SET_EMERGENCY_ALLOWED,
    SET_REGISTRY,
];

/// An allow-listed message: contract and selector.
pub type Target = (AccountId, [u8; 4]);

/// Most entries of the initial allow-list.
pub const MAX_INITIAL_ALLOWED: u32 = 32;

/// Who may propose and vote: a wallet of a registered identity that is not frozen and holds a valid KYC claim
/// (`status` asked with the KYC claim, of the registry or of the token's copy of it).
pub fn verified(status: PartyStatus) -> GovernorResult<IdentityId> {
    let not_verified = |reason| GovernorError::NotVerified {
        account: status.account,
        reason,
    };
    let identity = status
        .identity
        .ok_or(not_verified(NotVerifiedReason::NotRegistered))?;
    if status.identity_frozen {
        return Err(not_verified(NotVerifiedReason::Frozen));
    }
    if !status.valid_claims.contains(ClaimType::Kyc) {
        return Err(not_verified(NotVerifiedReason::MissingKyc));
    }
    Ok(identity)
}

/// A proposal open for votes, read once by `cast_vote` and written back once by [`GovernorData::record_vote`]. Not
/// `Clone`: a ballot is spent by the one vote recorded on it, so a stale copy can never overwrite a later tally.
#[derive(Debug, PartialEq, Eq)]
pub struct Ballot {
    /// The proposal voted on.
    pub id: ProposalId,
    proposal: Proposal,
}

impl Ballot {
    /// Votes count the balance held at the end of this block.
    pub fn snapshot(&self) -> BlockNumber {
        self.proposal.snapshot
    }

    /// Whether the snapshot's voting supply is still to be recorded (this is the proposal's first vote).
    pub fn needs_supply(&self) -> bool {
        self.proposal.supply == 0
    }
}

/// The governor's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct GovernorData {
    params: GovernorParams,
    guardian: Option<AccountId>,
    openers: Mapping<AccountId, ()>,
    allowed: Mapping<Target, ReturnKind>,
    /// The emergency track's own, short allow-list (for example the token's `resume`).
    emergency_allowed: Mapping<Target, ReturnKind>,
    count: ProposalId,
    proposals: Mapping<ProposalId, Proposal>,
    voted: Mapping<(ProposalId, IdentityId), ()>,
}

/// The placeholder a shell's `deploy` writes before the full code constructs the contract (`suite_traits::split`): never one anyone uses.
impl Default for GovernorData {
    fn default() -> Self {
        GovernorData {
            params: Default::default(),
            guardian: Default::default(),
            openers: Default::default(),
            allowed: Default::default(),
            emergency_allowed: Default::default(),
            count: Default::default(),
            proposals: Default::default(),
            voted: Default::default(),
        }
    }
}

impl GovernorData {
    /// A governor with `params`, a guardian who may cancel, an initial allow-list and emergency openers.
    pub fn new(
        params: GovernorParams,
        guardian: Option<AccountId>,
        allowed: &[(AccountId, [u8; 4], ReturnKind)],
        emergency_allowed: &[(AccountId, [u8; 4], ReturnKind)],
        openers: &[AccountId],
    ) -> GovernorResult<Self> {
        params
            .validate()
            .map_err(|rule| GovernorError::InvalidParams { rule })?;
        if allowed.len() > MAX_INITIAL_ALLOWED as usize
            || emergency_allowed.len() > MAX_INITIAL_ALLOWED as usize
            || openers.len() > MAX_INITIAL_ALLOWED as usize
        {
            return Err(GovernorError::TooManyCalls {
                max: MAX_INITIAL_ALLOWED,
            });
        }
        let mut g = GovernorData {
            params,
            guardian,
            openers: Mapping::default(),
            allowed: Mapping::default(),
            emergency_allowed: Mapping::default(),
            count: 0,
            proposals: Mapping::default(),
            voted: Mapping::default(),
        };
        for (callee, selector, kind) in allowed {
            g.allowed.insert((*callee, *selector), kind);
        }
        for (callee, selector, kind) in emergency_allowed {
            g.emergency_allowed.insert((*callee, *selector), kind);
        }
        for o in openers {
            g.openers.insert(*o, &());
        }
        Ok(g)
    }

    // ---- views ----

    pub fn params(&self) -> GovernorParams {
        self.params
    }
    pub fn guardian(&self) -> Option<AccountId> {
        self.guardian
    }
    pub fn is_opener(&self, account: AccountId) -> bool {
        self.openers.contains(account)
    }
    pub fn allowed(&self, callee: AccountId, selector: [u8; 4]) -> Option<ReturnKind> {
        self.allowed.get((callee, selector))
    }
    /// How a call on the emergency allow-list is judged, if it is on it.
    pub fn emergency_allowed(&self, callee: AccountId, selector: [u8; 4]) -> Option<ReturnKind> {
        self.emergency_allowed.get((callee, selector))
    }
    /// How `track` may call `callee`'s `selector` now: `Some(None)` for one of the governor's own configuration
    /// messages (applied in place), `Some(Some(kind))` for an allow-listed call, `None` if not allowed.
    pub fn permitted(
        &self,
        me: AccountId,
        track: Track,
        callee: AccountId,
        selector: [u8; 4],
    ) -> Option<Option<ReturnKind>> {
        match track {
            Track::Normal if callee == me => SELF_SELECTORS.contains(&selector).then_some(None),
            Track::Normal => self.allowed(callee, selector).map(Some),
            // The emergency track can never reconfigure the governor, whatever its list says.
            Track::Emergency if callee == me => None,
            Track::Emergency => self.emergency_allowed(callee, selector).map(Some),
        }
    }
    pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
        self.proposals.get(id)
    }
    pub fn proposal_count(&self) -> ProposalId {
        self.count
    }
    pub fn has_voted(&self, id: ProposalId, identity: IdentityId) -> bool {
        self.voted.contains((id, identity))
    }
    pub fn state(
        &self,
        id: ProposalId,
        block: BlockNumber,
        now: Timestamp,
    ) -> GovernorResult<ProposalState> {
        Ok(self.get(id)?.state(block, now))
    }

    fn get(&self, id: ProposalId) -> GovernorResult<Proposal> {
        self.proposals
            .get(id)
            .ok_or(GovernorError::UnknownProposal { id })
    }

    // ---- proposals ----

    /// Checks `calls` against `track`'s allow-list (`me` is the governor's own address).
    pub fn check_calls(
        &self,
        me: AccountId,
        track: Track,
        calls: &[ProposedCall],
    ) -> GovernorResult<()> {
        crate::proposal::check_shape(calls)?;
        for c in calls {
            if self.permitted(me, track, c.callee, c.selector).is_none() {
                return Err(GovernorError::CallNotAllowed {
                    callee: c.callee,
                    selector: c.selector,
                });
            }
        }
        Ok(())
    }

    /// Opens a proposal. `power` is the proposer's voting power at the last block (checked against the threshold
    /// on the normal track); an emergency proposal needs an emergency opener as caller instead.
    #[allow(clippy::too_many_arguments)]
    pub fn propose(
        &mut self,
        me: AccountId,
        caller: AccountId,
        track: Track,
        calls: Vec<ProposedCall>,
        description_hash: Hash,
        power: Balance,
        block: BlockNumber,
    ) -> GovernorResult<ProposalCreated> {
        match track {
            Track::Normal => {
                if power < self.params.proposal_threshold {
                    return Err(GovernorError::BelowThreshold {
                        power,
                        threshold: self.params.proposal_threshold,
                    });
                }
            }
            Track::Emergency => {
                if !self.is_opener(caller) {
                    return Err(GovernorError::NotEmergencyOpener { caller });
                }
            }
        }
        self.check_calls(me, track, &calls)?;
        let params = self.params.track(track);
        let snapshot = block
            .checked_add(params.voting_delay)
            .ok_or(GovernorError::Overflow)?;
        let vote_end = snapshot
            .checked_add(params.voting_period)
            .ok_or(GovernorError::Overflow)?;
        let id = self.count;
        let n = u32::try_from(calls.len()).unwrap_or(u32::MAX);
        self.proposals.insert(
            id,
            &Proposal {
                proposer: caller,
                track,
                calls,
                description_hash,
                snapshot,
                vote_end,
                params,
                supply: 0,
                for_votes: 0,
                against_votes: 0,
                abstain_votes: 0,
                cancelled: false,
                eta: None,
                expires_at: None,
                executed: false,
            },
        );
        self.count = id.checked_add(1).ok_or(GovernorError::Overflow)?;
        Ok(ProposalCreated {
            id,
            proposer: caller,
            track,
            calls: n,
            description_hash,
            snapshot,
            vote_end,
        })
    }

    /// The proposal `id`, if it is open for votes (`Active`): what a vote reads once and writes back once.
    pub fn open_ballot(
        &self,
        id: ProposalId,
        block: BlockNumber,
        now: Timestamp,
    ) -> GovernorResult<Ballot> {
        let proposal = self.get(id)?;
        let state = proposal.state(block, now);
        if state != ProposalState::Active {
            return Err(GovernorError::WrongState { id, state });
        }
        Ok(Ballot { id, proposal })
    }

    /// Refuses a second vote by the same identity, whichever of its wallets casts it.
    pub fn ensure_not_voted(&self, ballot: &Ballot, identity: IdentityId) -> GovernorResult<()> {
        if self.has_voted(ballot.id, identity) {
            return Err(GovernorError::AlreadyVoted { identity });
        }
        Ok(())
    }

    /// [`Self::open_ballot`] for an identity that has not voted on it yet.
    pub fn begin_vote(
        &self,
        id: ProposalId,
        identity: IdentityId,
        block: BlockNumber,
        now: Timestamp,
    ) -> GovernorResult<Ballot> {
        let ballot = self.open_ballot(id, block, now)?;
        self.ensure_not_voted(&ballot, identity)?;
        Ok(ballot)
    }

    /// Records `identity`'s vote of `weight` (what the wallets linked to it held at the snapshot) on an open
    /// ballot; `supply` is the snapshot's voting supply, recorded by the first vote.
    #[allow(clippy::too_many_arguments)]
    pub fn record_vote(
        &mut self,
        ballot: Ballot,
        voter: AccountId,
        identity: IdentityId,
        support: Support,
        weight: Balance,
        supply: Option<Balance>,
    ) -> GovernorResult<VoteCast> {
        if weight == 0 {
            return Err(GovernorError::NoVotingPower { identity });
        }
        let Ballot {
            id,
            proposal: mut p,
        } = ballot;
        if let Some(s) = supply {
            p.supply = s;
        }
        let tally = match support {
            Support::For => &mut p.for_votes,
            Support::Against => &mut p.against_votes,
            Support::Abstain => &mut p.abstain_votes,
        };
        *tally = tally.checked_add(weight).ok_or(GovernorError::Overflow)?;
        self.proposals.insert(id, &p);
        self.voted.insert((id, identity), &());
        Ok(VoteCast {
            id,
            voter,
            identity,
            support,
            weight,
        })
    }

    /// Anyone queues a succeeded proposal behind its track's timelock.
    pub fn queue(
        &mut self,
        id: ProposalId,
        block: BlockNumber,
        now: Timestamp,
    ) -> GovernorResult<ProposalQueued> {
        let mut p = self.get(id)?;
        let state = p.state(block, now);
        if state != ProposalState::Succeeded {
            return Err(GovernorError::WrongState { id, state });
        }
        let eta = now
            .checked_add(p.params.timelock_ms)
            .ok_or(GovernorError::Overflow)?;
        // The execution window is fixed now: a later change of the grace period moves no queued proposal's end.
        let expires_at = eta
            .checked_add(self.params.grace_ms)
            .ok_or(GovernorError::Overflow)?;
        p.eta = Some(eta);
        p.expires_at = Some(expires_at);
        self.proposals.insert(id, &p);
        Ok(ProposalQueued { id, eta })
    }

    /// Marks a queued proposal whose timelock elapsed as executed and returns its calls with how each is judged
    /// (`None`: one of the governor's own messages); the shell makes them and reverts everything if one fails.
    /// Every call must still be allowed on its track now: a call removed from the allow-list after the vote no
    /// longer executes.
    #[allow(clippy::type_complexity)]
    pub fn begin_execute(
        &mut self,
        me: AccountId,
        id: ProposalId,
        block: BlockNumber,
        now: Timestamp,
    ) -> GovernorResult<Vec<(ProposedCall, Option<ReturnKind>)>> {
        let mut p = self.get(id)?;
        let state = p.state(block, now);
        if state != ProposalState::Queued {
            return Err(GovernorError::WrongState { id, state });
        }
        let eta = p.eta.unwrap_or(0);
        if now < eta {
            return Err(GovernorError::TimelockNotElapsed { eta });
        }
        let mut calls = Vec::with_capacity(p.calls.len());
        for c in &p.calls {
            let kind = self.permitted(me, p.track, c.callee, c.selector).ok_or(
                GovernorError::CallNotAllowed {
                    callee: c.callee,
                    selector: c.selector,
                },
            )?;
            calls.push((c.clone(), kind));
        }
        p.executed = true;
        self.proposals.insert(id, &p);
        Ok(calls)
    }

    /// The proposer cancels before voting ends; the guardian cancels any proposal not yet executed, except one
    /// that removes or replaces the guardian (holders can always vote their guardian out).
    pub fn cancel(
        &mut self,
        me: AccountId,
        id: ProposalId,
        caller: AccountId,
        block: BlockNumber,
        now: Timestamp,
    ) -> GovernorResult<ProposalCancelled> {
        let mut p = self.get(id)?;
        let state = p.state(block, now);
        if matches!(
            state,
            ProposalState::Cancelled | ProposalState::Executed | ProposalState::Expired
        ) {
            return Err(GovernorError::WrongState { id, state });
        }
        let by_guardian = self.guardian == Some(caller);
        let by_proposer =
            caller == p.proposer && matches!(state, ProposalState::Pending | ProposalState::Active);
        if !by_guardian && !by_proposer {
            return Err(GovernorError::NotProposerOrGuardian { caller });
        }
        if !by_proposer && self.replaces_guardian_only(me, &p.calls) {
            return Err(GovernorError::GuardianCannotCancel { id });
        }
        p.cancelled = true;
        self.proposals.insert(id, &p);
        Ok(ProposalCancelled { id, by: caller })
    }

    /// Whether `calls` do nothing but remove or replace the guardian (at least one of them with another guardian
    /// than the current one). Only such a proposal is out of the guardian's reach: a no-op `set_guardian` or one
    /// bundled with other calls cannot shield anything else from its veto.
    pub fn replaces_guardian_only(&self, me: AccountId, calls: &[ProposedCall]) -> bool {
        use scale::Decode;
        let mut changes = false;
        for c in calls {
            if c.callee != me || c.selector != SET_GUARDIAN {
                return false;
            }
            match <Option<AccountId>>::decode(&mut &c.input[..]) {
                Ok(new) if new != self.guardian => changes = true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        changes
    }

    // ---- self-configuration (reached only through an executed proposal) ----

    /// New parameters, within the bounds that keep governance able to decide (`proposal::bounds`), the proposal
    /// threshold measured against the token's `supply` now.
    pub fn set_params(
        &mut self,
        params: GovernorParams,
        supply: Balance,
    ) -> GovernorResult<ParamsChanged> {
        params
            .validate_with_supply(supply)
            .map_err(|rule| GovernorError::InvalidParams { rule })?;
        self.params = params;
        Ok(ParamsChanged {
            proposal_threshold: params.proposal_threshold,
        })
    }

    pub fn set_allowed(
        &mut self,
        callee: AccountId,
        selector: [u8; 4],
        kind: Option<ReturnKind>,
    ) -> AllowListChanged {
        match kind {
            Some(k) => {
                self.allowed.insert((callee, selector), &k);
            }
            None => self.allowed.remove((callee, selector)),
        }
        AllowListChanged {
            callee,
            selector,
            kind,
        }
    }

    pub fn set_emergency_allowed(
        &mut self,
        callee: AccountId,
        selector: [u8; 4],
        kind: Option<ReturnKind>,
    ) -> EmergencyAllowListChanged {
        match kind {
            Some(k) => {
                self.emergency_allowed.insert((callee, selector), &k);
            }
            None => self.emergency_allowed.remove((callee, selector)),
        }
        EmergencyAllowListChanged {
            callee,
            selector,
            kind,
        }
    }

    pub fn set_guardian(&mut self, guardian: Option<AccountId>) -> GuardianChanged {
        self.guardian = guardian;
        GuardianChanged { guardian }
    }

    pub fn set_emergency_opener(
        &mut self,
        account: AccountId,
        allowed: bool,
    ) -> EmergencyOpenerChanged {
        if allowed {
            self.openers.insert(account, &());
        } else {
            self.openers.remove(account);
        }
        EmergencyOpenerChanged { account, allowed }
    }
}
