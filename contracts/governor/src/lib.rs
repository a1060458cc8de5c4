//! # Governor
//!
//! The project's token holders decide. A proposal carries calls (callee, selector, SCALE input, value) to
//! allow-listed messages and a description hash; after a voting delay, verified holders vote for, against or
//! abstain with their token balance at the snapshot block (read from the token's checkpoints: no delegation
//! needed), one identity one voter over all its wallets; a proposal that meets quorum and approval is queued
//! behind a timelock and then executed by anyone, all-or-nothing, with each callee's real result checked. An
//! emergency track (short delay, super-quorum) can be opened by the oracle. Parameters, the allow-list, the
//! guardian and the emergency openers change only through the governor's own proposals. See [`proposal`] for the
//! state machine.
//!
//! ## Roles
//! - **Verified holder** (identity in the registry with a valid KYC claim, not frozen): votes; proposes when its
//!   power at the last block reaches the threshold.
//! - **Emergency opener** (the oracle): opens emergency proposals, whose calls must be on the emergency track's
//!   own short allow-list (for example the token's `resume`) and never target the governor.
//! - **Guardian**: cancels any proposal not yet executed, except one that removes or replaces the guardian. The
//!   proposer may cancel its own until voting ends.
//! - **The governor itself** (through executed normal proposals): `set_params`, `set_allowed`,
//!   `set_emergency_allowed`, `set_guardian`, `set_emergency_opener`. Nobody else, the deployer included.
//! - **Anyone**: queues a succeeded proposal, executes a queued one after its timelock, accepts for the governor an
//!   admin role another contract offered it (`accept_admin_of`).
//!
//! ## Invariants
//! - An identity votes at most once per proposal, with what the wallets linked to it held at the snapshot (the
//!   token's identity checkpoints): a wallet re-linked later counts only for the identity it belonged to then,
//!   exempt accounts never count, and quorum is measured on the supply held by identities at the snapshot.
//! - Voting power is fixed at the snapshot, a block after the proposal: tokens bought later carry none.
//! - Every call is checked against its track's allow-list when proposed and again when executed; the emergency
//!   track can never call the governor. A queued proposal's execution window is fixed when it is queued.
//! - Execution happens once, only from `Queued` after the eta and before eta + grace, and either every call
//!   succeeds (an `Err` answer from a `Result` message is a failure) or nothing changes.
//! - Every state change emits an event; voting reads one identity checkpoint list (binary search).
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The shell build leaves out every message but `cast_vote`, and the helpers only those others use.
#![cfg_attr(
    feature = "hot-shell",
    allow(dead_code, unused_imports, unused_variables, unreachable_code)
)]

pub mod data;
pub mod errors;
pub mod events;
pub mod proposal;
#[cfg(test)]
mod tests;
pub mod types;

pub use errors::{CallFailure, GovernorError, GovernorResult, NotVerifiedReason};
pub use proposal::{
    GovernorParams, ParamsRule, Proposal, ProposalId, ProposalState, ProposedCall, ReturnKind,
    Support, Track, TrackParams,
};

#[ink::contract]
mod governor {
    use crate::data::{
        verified, GovernorData, SET_ALLOWED, SET_EMERGENCY_ALLOWED, SET_EMERGENCY_OPENER,
        SET_GUARDIAN, SET_PARAMS, SET_REGISTRY,
    };
    use crate::errors::{CallFailure, GovernorError, GovernorResult};
    use crate::events::AdminAccepted;
    use crate::proposal::{
        GovernorParams, Proposal, ProposalId, ProposalState, ProposedCall, ReturnKind, Support,
        Track,
    };
    use ink::codegen::TraitCallBuilder;
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::prelude::vec::Vec;
    use suite_traits::announce;
    use suite_traits::raw::{Encoded, Undecoded};
    use suite_traits::Admin;
    use suite_traits::{CallAnswer, CallOkAnswer};
    use suite_traits::{
        ClaimSet, ClaimType, ComplianceRegistry, EmergencyError, EmergencyProposals,
        IdentityCheckpointed, IdentityId, PartyStatus, VoterRecord,
    };

    /// The governor contract: a thin shell over [`GovernorData`].
    #[ink(storage)]
    pub struct Governor {
        data: GovernorData,
        token: AccountId,
        registry: AccountId,
        /// The block in which the registry last changed (0: never). A proposal whose snapshot is not after it was
        /// weighed in the old registry's numbers: it takes no more votes and is neither queued nor executed.
        registry_changed_at: u32,
        /// `false` only in the placeholder a shell's `deploy` writes (see `suite_traits::split`).
        split: suite_traits::split::Constructed,
    }

    /// The placeholder a shell's `deploy` writes before the full code constructs the contract
    /// (`suite_traits::split`): never one anyone uses.
    impl Default for Governor {
        fn default() -> Self {
            Self {
                data: GovernorData::default(),
                token: AccountId::from([0; 32]),
                registry: AccountId::from([0; 32]),
                registry_changed_at: 0,
                split: Default::default(),
            }
        }
    }

    impl Governor {
        /// A governor of `token`'s holders, verified in `registry`. The deployer gets no role: `allowed` is the
        /// initial allow-list `(callee, selector, how to judge its answer)`, `openers` may open emergency
        /// proposals, `guardian` may cancel.
        #[ink(constructor)]
        pub fn new(
            token: AccountId,
            registry: AccountId,
            params: GovernorParams,
            guardian: Option<AccountId>,
            allowed: Vec<(AccountId, [u8; 4], ReturnKind)>,
            emergency_allowed: Vec<(AccountId, [u8; 4], ReturnKind)>,
            openers: Vec<AccountId>,
        ) -> GovernorResult<Self> {
            Ok(Self {
                data: GovernorData::new(params, guardian, &allowed, &emergency_allowed, &openers)?,
                token,
                registry,
                registry_changed_at: 0,
                split: suite_traits::split::Constructed::YES,
            })
        }

        /// The constructor, for a shell's `deploy` (`suite_traits::split`): replaces the placeholder it wrote with
        /// the governor `new` makes. On a constructed governor it is refused (`AlreadyConstructed`).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn split_construct(
            &mut self,
            token: AccountId,
            registry: AccountId,
            params: GovernorParams,
            guardian: Option<AccountId>,
            allowed: Vec<(AccountId, [u8; 4], ReturnKind)>,
            emergency_allowed: Vec<(AccountId, [u8; 4], ReturnKind)>,
            openers: Vec<AccountId>,
        ) -> GovernorResult<()> {
            *self = self
                .split
                .construct(GovernorError::AlreadyConstructed, || {
                    Self::new(
                        token,
                        registry,
                        params,
                        guardian,
                        allowed,
                        emergency_allowed,
                        openers,
                    )
                })?;
            Ok(())
        }

        fn block(&self) -> u32 {
            self.env().block_number()
        }

        fn now(&self) -> Timestamp {
            self.env().block_timestamp()
        }

        fn ensure_self(&self) -> GovernorResult<()> {
            let caller = self.env().caller();
            if caller == self.env().account_id() {
                Ok(())
            } else {
                Err(GovernorError::NotSelf { caller })
            }
        }

        /// The verified identity of `account`.
        fn verified_identity(&self, account: AccountId) -> GovernorResult<IdentityId> {
            verified(self.registry_status(account)?)
        }

        /// `account`'s status with the KYC claim, asked of the registry.
        fn registry_status(&self, account: AccountId) -> GovernorResult<PartyStatus> {
            let registry: ink::contract_ref!(ComplianceRegistry) = self.registry.into();
            registry
                .call()
                .party_status(account, ClaimSet::of(&[ClaimType::Kyc]))
                .try_invoke()
                .answer_or(GovernorError::RegistryUnavailable)
        }

        /// What a vote on a ballot with this snapshot needs from the token, in one frame; `None` if the token
        /// cannot say (the vote then asks as before, and fails there if the token is really unavailable).
        fn voter_record(
            &self,
            voter: AccountId,
            snapshot: u32,
            with_supply: bool,
        ) -> Option<VoterRecord> {
            let token: ink::contract_ref!(IdentityCheckpointed) = self.token.into();
            token
                .call()
                .voter_record(
                    voter,
                    ClaimSet::of(&[ClaimType::Kyc]),
                    snapshot,
                    with_supply,
                )
                .try_invoke()
                .answer_ok_or(())
                .ok()
        }

        /// The token's total supply now (`None` if it cannot say).
        fn token_supply(&self) -> Option<Balance> {
            use suite_traits::PSP22;
            let token: ink::contract_ref!(PSP22) = self.token.into();
            token.call().total_supply().try_invoke().ok()?.ok()
        }

        /// The registry the token asks now (`None` if it cannot say).
        fn token_registry(&self) -> Option<AccountId> {
            build_call::<ink::env::DefaultEnvironment>()
                .call(self.token)
                .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!(
                    "registry"
                ))))
                .returns::<AccountId>()
                .try_invoke()
                .ok()?
                .ok()
        }

        /// Verifies voters in `registry` from now on; proposals weighed before are closed (see `registry_changed_at`).
        fn change_registry(&mut self, registry: AccountId) {
            self.registry = registry;
            self.registry_changed_at = self.block();
            self.env()
                .emit_event(crate::events::RegistryChanged { registry });
        }

        /// A proposal whose snapshot is not after the last registry change counted its power in the old
        /// registry's numbers: a vote, a queue or an execution of it would mix two registries' books.
        fn ensure_weighed_in_this_registry(
            &self,
            id: ProposalId,
            snapshot: u32,
        ) -> GovernorResult<()> {
            if self.registry_changed_at > 0 && snapshot <= self.registry_changed_at {
                return Err(GovernorError::RegistryChangedSinceProposal {
                    id,
                    changed_at: self.registry_changed_at,
                });
            }
            Ok(())
        }

        /// The snapshot of proposal `id`, if it exists.
        fn snapshot_of(&self, id: ProposalId) -> Option<u32> {
            self.data.proposal(id).map(|p| p.snapshot)
        }

        /// Power is read from the token's identity books with this governor's identity numbers: they name the
        /// same people only while the token asks the governor's own registry.
        fn ensure_token_on_own_registry(
            &self,
            token_registry: Option<AccountId>,
        ) -> GovernorResult<()> {
            match token_registry {
                None => Err(GovernorError::TokenUnavailable),
                Some(r) if r == self.registry => Ok(()),
                Some(token_registry) => Err(GovernorError::TokenOnAnotherRegistry {
                    token_registry,
                    registry: self.registry,
                }),
            }
        }

        /// What the wallets linked to `identity` held at the end of `block` (exempt accounts count for no one).
        fn power_at(&self, identity: IdentityId, block: u32) -> GovernorResult<Balance> {
            let token: ink::contract_ref!(IdentityCheckpointed) = self.token.into();
            token
                .call()
                .identity_balance_at(identity, block)
                .try_invoke()
                .answer_ok_or(GovernorError::TokenUnavailable)
        }

        /// Runs one call of an executed proposal and judges its real result.
        fn run(
            &mut self,
            call: &ProposedCall,
            kind: Option<ReturnKind>,
        ) -> Result<(), CallFailure> {
            let Some(kind) = kind else {
                return self.run_own(call);
            };
            let answer = build_call::<ink::env::DefaultEnvironment>()
                .call(call.callee)
                .transferred_value(call.value)
                .exec_input(
                    ExecutionInput::new(Selector::new(call.selector))
                        .push_arg(Encoded(&call.input)),
                )
                .returns::<Undecoded>()
                .try_invoke();
            judge(answer, kind)
        }

        /// A call to the governor itself is applied in place (a re-entrant call would have its storage writes
        /// overwritten by this frame's).
        fn run_own(&mut self, call: &ProposedCall) -> Result<(), CallFailure> {
            use scale::Decode;
            let input = &mut &call.input[..];
            let bad = |_| CallFailure::BadSelfInput;
            match call.selector {
                SET_PARAMS => {
                    let params = GovernorParams::decode(input).map_err(bad)?;
                    let supply = self.token_supply().ok_or(CallFailure::ReturnedErr)?;
                    let e = self
                        .data
                        .set_params(params, supply)
                        .map_err(|_| CallFailure::ReturnedErr)?;
                    self.env().emit_event(e);
                }
                SET_ALLOWED => {
                    let (callee, selector, kind) =
                        <(AccountId, [u8; 4], Option<ReturnKind>)>::decode(input).map_err(bad)?;
                    let e = self.data.set_allowed(callee, selector, kind);
                    self.env().emit_event(e);
                }
                SET_GUARDIAN => {
                    let guardian = <Option<AccountId>>::decode(input).map_err(bad)?;
                    let e = self.data.set_guardian(guardian);
                    self.env().emit_event(e);
                }
                SET_EMERGENCY_ALLOWED => {
                    let (callee, selector, kind) =
                        <(AccountId, [u8; 4], Option<ReturnKind>)>::decode(input).map_err(bad)?;
                    let e = self.data.set_emergency_allowed(callee, selector, kind);
                    self.env().emit_event(e);
                }
                SET_EMERGENCY_OPENER => {
                    let (account, allowed) = <(AccountId, bool)>::decode(input).map_err(bad)?;
                    let e = self.data.set_emergency_opener(account, allowed);
                    self.env().emit_event(e);
                }
                SET_REGISTRY => {
                    let registry = AccountId::decode(input).map_err(bad)?;
                    self.change_registry(registry);
                }
                _ => return Err(CallFailure::LangError),
            }
            Ok(())
        }

        fn open(
            &mut self,
            track: Track,
            calls: Vec<ProposedCall>,
            description_hash: Hash,
        ) -> GovernorResult<ProposalId> {
            let caller = self.env().caller();
            // The calls' shape first: a pure check, before any cross-contract call, so oversized input is refused
            // with a typed error that names the limit.
            crate::proposal::check_shape(&calls)?;
            let block = self.block();
            let power = match track {
                Track::Normal => {
                    let identity = self.verified_identity(caller)?;
                    self.ensure_token_on_own_registry(self.token_registry())?;
                    self.power_at(identity, block.saturating_sub(1))?
                }
                Track::Emergency => 0,
            };
            let me = self.env().account_id();
            let e = self
                .data
                .propose(me, caller, track, calls, description_hash, power, block)?;
            let id = e.id;
            self.env().emit_event(e);
            Ok(id)
        }

        // ---------------------------------------------------------------- views

        /// Governance parameters.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn params(&self) -> GovernorParams {
            self.data.params()
        }

        /// The guardian.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn guardian(&self) -> Option<AccountId> {
            self.data.guardian()
        }

        /// Whether `account` may open emergency proposals.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn is_emergency_opener(&self, account: AccountId) -> bool {
            self.data.is_opener(account)
        }

        /// How an allow-listed message is judged, or `None` if it is not allow-listed.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn allowed(&self, callee: AccountId, selector: [u8; 4]) -> Option<ReturnKind> {
            self.data.allowed(callee, selector)
        }

        /// How a message on the emergency track's allow-list is judged, or `None` if it is not on it.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn emergency_allowed(
            &self,
            callee: AccountId,
            selector: [u8; 4],
        ) -> Option<ReturnKind> {
            self.data.emergency_allowed(callee, selector)
        }

        /// A proposal.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
            self.data.proposal(id)
        }

        /// Number of proposals.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn proposal_count(&self) -> ProposalId {
            self.data.proposal_count()
        }

        /// A proposal's state now.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn state(&self, id: ProposalId) -> GovernorResult<ProposalState> {
            self.data.state(id, self.block(), self.now())
        }

        /// Whether `identity` voted on `id`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn has_voted(&self, id: ProposalId, identity: IdentityId) -> bool {
            self.data.has_voted(id, identity)
        }

        /// The token and the registry.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn wiring(&self) -> (AccountId, AccountId) {
            (self.token, self.registry)
        }

        // ---------------------------------------------------------------- proposals and votes

        /// A verified holder with enough power opens a normal proposal.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn propose(
            &mut self,
            calls: Vec<ProposedCall>,
            description_hash: Hash,
        ) -> GovernorResult<ProposalId> {
            self.open(Track::Normal, calls, description_hash)
        }

        /// A verified holder votes with the balance its identity's wallets held at the snapshot.
        #[ink(message)]
        pub fn cast_vote(&mut self, id: ProposalId, support: Support) -> GovernorResult<()> {
            let voter = self.env().caller();
            let ballot = self.data.open_ballot(id, self.block(), self.now());
            // The token's copy of the registry's facts, when it holds the voter, answers status, power and supply
            // in one frame; else the registry and the token are asked apart. Refusals keep their order either way:
            // not verified, then the proposal's state, then a second vote.
            let record = ballot
                .as_ref()
                .ok()
                .and_then(|b| self.voter_record(voter, b.snapshot(), b.needs_supply()));
            // The copy's answer counts only if it copies this governor's own registry.
            let kept = record.and_then(|r| Some((r.status?.of_registry(self.registry)?, r.power)));
            let (status, kept_power) = match kept {
                Some((status, power)) => (status, power),
                None => (self.registry_status(voter)?, None),
            };
            let identity = verified(status)?;
            let ballot = ballot?;
            self.ensure_weighed_in_this_registry(id, ballot.snapshot())?;
            self.ensure_token_on_own_registry(record.map(|r| r.registry))?;
            self.data.ensure_not_voted(&ballot, identity)?;
            let weight = match kept_power {
                Some(power) => power,
                None => self.power_at(identity, ballot.snapshot())?,
            };
            // Quorum is measured on the supply that can vote: held by identities, not by exempt accounts. The
            // token's answer carries it whether or not its copy held the voter.
            let supply = if ballot.needs_supply() {
                match record.and_then(|r| r.supply) {
                    Some(supply) => Some(supply),
                    None => {
                        let token: ink::contract_ref!(IdentityCheckpointed) = self.token.into();
                        Some(
                            token
                                .call()
                                .identity_supply_at(ballot.snapshot())
                                .try_invoke()
                                .answer_ok_or(GovernorError::TokenUnavailable)?,
                        )
                    }
                }
            } else {
                None
            };
            announce(
                self.data
                    .record_vote(ballot, voter, identity, support, weight, supply),
            )
        }

        /// Anyone: queue a succeeded proposal behind the timelock.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn queue(&mut self, id: ProposalId) -> GovernorResult<()> {
            if let Some(snapshot) = self.snapshot_of(id) {
                self.ensure_weighed_in_this_registry(id, snapshot)?;
            }
            announce(self.data.queue(id, self.block(), self.now()))
        }

        /// Anyone: execute a queued proposal after its timelock; all calls succeed or nothing changes.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message, payable)]
        pub fn execute(&mut self, id: ProposalId) -> GovernorResult<()> {
            let me = self.env().account_id();
            if let Some(snapshot) = self.snapshot_of(id) {
                self.ensure_weighed_in_this_registry(id, snapshot)?;
            }
            let calls = self.data.begin_execute(me, id, self.block(), self.now())?;
            for (i, (call, kind)) in calls.iter().enumerate() {
                self.run(call, *kind)
                    .map_err(|failure| GovernorError::ExecutionFailed {
                        index: u32::try_from(i).unwrap_or(u32::MAX),
                        failure,
                    })?;
            }
            // A proposal cannot leave the token on another registry than the governor's: votes could no longer
            // be weighed, and no later proposal could mend it. A migration moves both in one proposal.
            self.ensure_token_on_own_registry(self.token_registry())?;
            self.env()
                .emit_event(crate::events::ProposalExecuted { id });
            Ok(())
        }

        /// The proposer (before voting ends) or the guardian cancels.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn cancel(&mut self, id: ProposalId) -> GovernorResult<()> {
            let me = self.env().account_id();
            announce(
                self.data
                    .cancel(me, id, self.env().caller(), self.block(), self.now()),
            )
        }

        /// Anyone: accept the admin role `target` offered the governor (its `accept_admin`).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn accept_admin_of(&mut self, target: AccountId) -> GovernorResult<()> {
            let refused = |failure| GovernorError::AcceptFailed { target, failure };
            // A call to itself is not re-entered: it would trap the whole message.
            if target == self.env().account_id() {
                return Err(refused(CallFailure::Trapped));
            }
            // Governing a token that asks another registry would leave the governor unable to weigh a single
            // vote, and so to ever mend it: the token's admin must point it back first.
            if target == self.token {
                self.ensure_token_on_own_registry(self.token_registry())?;
            }
            let mut contract: ink::contract_ref!(Admin) = target.into();
            match contract.call_mut().accept_admin().try_invoke() {
                Ok(Ok(Ok(()))) => {}
                Ok(Ok(Err(_))) => return Err(refused(CallFailure::ReturnedErr)),
                Ok(Err(_)) => return Err(refused(CallFailure::LangError)),
                Err(_) => return Err(refused(CallFailure::Trapped)),
            }
            self.env().emit_event(AdminAccepted { target });
            Ok(())
        }

        // ---------------------------------------------------------------- self-configuration

        /// The governor itself (an executed proposal): new parameters for later proposals.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_params(&mut self, params: GovernorParams) -> GovernorResult<()> {
            self.ensure_self()?;
            let supply = self.token_supply().ok_or(GovernorError::TokenUnavailable)?;
            announce(self.data.set_params(params, supply))
        }

        /// The governor itself: allow (`Some(kind)`) or forbid a message.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_allowed(
            &mut self,
            callee: AccountId,
            selector: [u8; 4],
            kind: Option<ReturnKind>,
        ) -> GovernorResult<()> {
            self.ensure_self()?;
            let e = self.data.set_allowed(callee, selector, kind);
            self.env().emit_event(e);
            Ok(())
        }

        /// The governor itself (a normal proposal): allow (`Some(kind)`) or forbid a message on the emergency track.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_emergency_allowed(
            &mut self,
            callee: AccountId,
            selector: [u8; 4],
            kind: Option<ReturnKind>,
        ) -> GovernorResult<()> {
            self.ensure_self()?;
            let e = self.data.set_emergency_allowed(callee, selector, kind);
            self.env().emit_event(e);
            Ok(())
        }

        /// The governor itself: verify voters in `registry` from now on (with the token's move to it, in the same
        /// proposal).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_registry(&mut self, registry: AccountId) -> GovernorResult<()> {
            self.ensure_self()?;
            self.change_registry(registry);
            Ok(())
        }

        /// The governor itself: a new guardian.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_guardian(&mut self, guardian: Option<AccountId>) -> GovernorResult<()> {
            self.ensure_self()?;
            let e = self.data.set_guardian(guardian);
            self.env().emit_event(e);
            Ok(())
        }

        /// The governor itself: add or remove an emergency opener.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_emergency_opener(
            &mut self,
            account: AccountId,
            allowed: bool,
        ) -> GovernorResult<()> {
            self.ensure_self()?;
            let e = self.data.set_emergency_opener(account, allowed);
            self.env().emit_event(e);
            Ok(())
        }
    }

    impl EmergencyProposals for Governor {
        /// An emergency opener (the oracle) opens an emergency proposal.
        #[ink(message)]
        fn propose_emergency(
            &mut self,
            calls: Vec<ProposedCall>,
            description_hash: Hash,
        ) -> Result<u32, EmergencyError> {
            // In the shell, ink! keeps this trait message; its body is the full code's (emergencies are rare).
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            self.open(Track::Emergency, calls, description_hash)
                .map_err(|e| match e {
                    GovernorError::NotEmergencyOpener { caller } => {
                        EmergencyError::NotEmergencyOpener { caller }
                    }
                    GovernorError::TooManyCalls { max } => EmergencyError::TooManyCalls { max },
                    GovernorError::InputTooLong { index, max } => {
                        EmergencyError::InputTooLong { index, max }
                    }
                    _ => EmergencyError::CallsRefused,
                })
        }
    }

    /// Success only if the call returned, ink! accepted the input, and (for a `Result` message) the answer is `Ok`.
    fn judge(
        answer: Result<ink::MessageResult<Undecoded>, ink::env::Error>,
        kind: ReturnKind,
    ) -> Result<(), CallFailure> {
        match answer {
            Err(_) => Err(CallFailure::Trapped),
            Ok(Err(_)) => Err(CallFailure::LangError),
            Ok(Ok(Undecoded(bytes))) => match kind {
                // `Result::Ok` encodes as a leading 0; `Err` (which also reverted the callee) as 1.
                ReturnKind::ResultOk if bytes.first() == Some(&0) => Ok(()),
                ReturnKind::ResultOk => Err(CallFailure::ReturnedErr),
                ReturnKind::Plain => Ok(()),
            },
        }
    }
}

pub use crate::governor::{Governor, GovernorRef};

/// The full code that the vote shell delegates every other message to (see [`suite_traits::split`]).
#[cfg(feature = "hot-shell")]
const FULL_CODE_HASH: [u8; 32] =
    suite_traits::split::full_code_hash(option_env!("GOVERNOR_FULL_CODE_HASH"));

#[cfg(feature = "hot-shell")]
suite_traits::split_shell_entry_points!(
    governor::Governor,
    FULL_CODE_HASH,
    constructor_in_full_code
);
