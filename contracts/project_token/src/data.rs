//! The token's state and rules, free of message dispatch: every message of [`crate::ProjectToken`] is one line
//! that hands its arguments, and the chain ([`Host`]), to the method of the same name here. What a message needs
//! from the chain (its caller, the time, the registry's answers, events) comes through [`Host`], so the whole
//! token runs natively against a plain model of the chain (`data_tests.rs`) exactly as the contract runs it.
//!
//! The rules themselves are in the modules this one calls: [`crate::compliance`] (every transfer's checks),
//! [`crate::ledger`] (balances, identity totals, holder count, checkpoints), [`crate::lockup`],
//! [`crate::documents`], [`crate::allowances`] and [`crate::roles`].
use crate::compliance::{self, BooksAfterRelinks, Facts, PartyFacts, Purpose, RelinkFacts};
use crate::documents::{self, Document, MAX_DOCUMENTS};
use crate::errors::{Party, TokenError, TokenResult, TransferRestriction};
use crate::events::*;
use crate::ledger::{Holder, Ledger};
use crate::lockup::{self, Tranche, MAX_TRANCHES};
use crate::roles::RoleSet;
use crate::types::{ComplianceRules, Role};
use ink::prelude::{string::String, vec::Vec};
use ink::storage::{Lazy, Mapping};
use suite_traits::compliance::MAX_COUNTRY_CODE;
use suite_traits::{admin, AdminError, AdminRole};
use suite_traits::{
    wallet_status, AccountId, Balance, CheckpointError, ClaimSet, CountryCode, HaltError, Hash,
    IdentityFacts, IdentityId, KeptStatus, MintRefusal, PSP22Error, PartyStatus, RegistryChange,
    RelinkError, Reserved, Timestamp, VoterRecord, WalletFacts,
};

/// What the token's rules need from the chain, and nothing more: the contract implements it on the chain
/// (`project_token::Chain`), the native tests with a plain model.
pub trait Host {
    /// The account that called the message.
    fn caller(&self) -> AccountId;
    /// The token's own account.
    fn account_id(&self) -> AccountId;
    /// The current block's timestamp.
    fn now(&self) -> Timestamp;
    /// The current block number.
    fn block(&self) -> u32;
    /// Emits `event`.
    fn emit<E: ink::env::event::Event>(&self, event: E);
    /// The registry's facts about each given party (sender, recipient), in one cross-call.
    fn transfer_facts(
        &self,
        registry: AccountId,
        parties: [Option<AccountId>; 2],
    ) -> Result<[WalletFacts; 2], TransferRestriction>;
    /// The identity `registry` links `account` to.
    fn identity_of(
        &self,
        registry: AccountId,
        account: AccountId,
    ) -> Result<Option<IdentityId>, TransferRestriction>;
    /// The first identity number `registry` gives out.
    fn first_identity(&self, registry: AccountId) -> Result<IdentityId, TransferRestriction>;
}

/// What a front-end shows a holder, in one read: what `balance_of`, `free_balance_of`, `lockup_of` and
/// `account_state` answer, each by the same rule, at the same block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Holding {
    /// The wallet's balance.
    pub balance: Balance,
    /// What it can move now: the balance minus tokens still locked and tokens frozen by the agent.
    pub free: Balance,
    /// Its tranches that still lock something.
    pub lockups: Vec<Tranche>,
    /// Its token-side state (freeze, exemption, identity as last seen).
    pub state: AccountState,
}

/// Token-side state of one account (one storage cell, read once per party per transfer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct AccountState {
    /// Identity this wallet's balance is counted towards (as last seen in the registry).
    pub identity: Option<IdentityId>,
    /// Frozen by the agent: may neither send nor receive.
    pub frozen: bool,
    /// Exempt from identity, claim, country and holding rules (treasury, escrow, distributor).
    pub exempt: bool,
    /// Tokens frozen by the agent (partial freeze).
    pub frozen_tokens: Balance,
    /// Whether a lock-up schedule exists (saves a read when not).
    pub has_lockup: bool,
    /// Generation of the registry-facts copy in which `identity` was learned as the registry's link (0:
    /// never); the link counts as current only in the current generation.
    pub link_epoch: u32,
}

/// Who halted trading, why, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct HaltInfo {
    /// The guardian.
    pub guardian: AccountId,
    /// The guardian's reason code.
    pub reason: u32,
    /// Hash of the triggering data.
    pub evidence: Hash,
    /// When.
    pub since: u64,
}

/// Name, symbol and decimals, kept out of the root cell so transfers do not load them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct TokenMetadata {
    pub name: Option<String>,
    pub symbol: Option<String>,
    pub decimals: u8,
}

/// Whether the rules that protect holders apply to the sender (regular) or are overridden (agent), and
/// whether the operation is an issuer's promise or its delivery (see [`Purpose`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Regular,
    Forced,
    /// A promise: the rules of a mint, every promise counted; a pause or halt does not refuse it.
    Promise,
    /// A promise delivered: the recipient's standing with these claims; paused or halted refuses it.
    Delivery(ClaimSet),
}

/// An operation that passed compliance, ready to be written.
struct Prepared {
    from: Option<(AccountId, AccountState, Option<IdentityId>)>,
    to: Option<(AccountId, AccountState, Option<IdentityId>)>,
    amount: Balance,
    /// The facts the registry gave about each party (sender, recipient) that the copy did not hold.
    learned: [Option<WalletFacts>; 2],
}

/// Each party's status (sender, recipient), and the registry's facts learned while finding them.
type PartyAnswers = ([Option<PartyStatus>; 2], [Option<WalletFacts>; 2]);

/// The token's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct TokenData {
    ledger: Ledger,
    metadata: Lazy<TokenMetadata>,
    /// Read only by admin messages and `resume` (the admin or a guardian), so a transfer never loads it.
    admin: Lazy<AdminRole>,
    roles: Mapping<AccountId, RoleSet>,
    registry: AccountId,
    rules: ComplianceRules,
    allowed_countries: Mapping<CountryCode, ()>,
    blocked_countries: Mapping<CountryCode, ()>,
    accounts: Mapping<AccountId, AccountState>,
    lockups: Mapping<AccountId, Vec<Tranche>>,
    supply_cap: Option<Balance>,
    paused: bool,
    halt: Option<HaltInfo>,
    documents: Mapping<String, Document>,
    document_names: Lazy<Vec<String>>,
    /// Lost wallet -> the wallet `recover_wallet` moved its balance to (read by the dividend distributor).
    recovered_to: Mapping<AccountId, AccountId>,
    /// Whether the registry tells this token of every change (it is bound): only then is the copy trusted.
    listening: bool,
    /// Generation of the copy of the registry's facts; entries of an earlier generation are stale.
    facts_epoch: u32,
    /// Copy of each identity's facts, with the generation they were learned in.
    identity_facts: Mapping<IdentityId, (u32, IdentityFacts)>,
    /// The outstanding promises of the reserving issuer (an offering's accepted contributions), counted as
    /// minted by every rule: read with the root, so a transfer that needs them pays no extra read.
    reserved: Reserved,
    /// The issuer whose promises are outstanding (one at a time).
    reserving_issuer: Lazy<AccountId>,
    /// What each identity is promised, with the generation of promises it belongs to.
    promised: Mapping<IdentityId, (u32, Balance)>,
    /// The highest identity number the books ever counted a wallet for: a registry the token is pointed at
    /// must number above it, so identity numbers never repeat in the books.
    highest_identity: Lazy<IdentityId>,
}

/// The placeholder a shell's `deploy` writes before the full code constructs the token
/// (`suite_traits::split`): never a token anyone uses.
impl Default for TokenData {
    fn default() -> Self {
        TokenData {
            ledger: Default::default(),
            metadata: Default::default(),
            admin: Default::default(),
            roles: Default::default(),
            registry: AccountId::from([0; 32]),
            rules: Default::default(),
            allowed_countries: Default::default(),
            blocked_countries: Default::default(),
            accounts: Default::default(),
            lockups: Default::default(),
            supply_cap: Default::default(),
            paused: Default::default(),
            halt: Default::default(),
            documents: Default::default(),
            document_names: Default::default(),
            recovered_to: Default::default(),
            listening: Default::default(),
            facts_epoch: Default::default(),
            identity_facts: Default::default(),
            reserved: Default::default(),
            reserving_issuer: Default::default(),
            promised: Default::default(),
            highest_identity: Default::default(),
        }
    }
}

fn validate_rules(rules: &ComplianceRules) -> TokenResult<()> {
    if rules.max_holding_bps > suite_traits::bps::BPS_DENOMINATOR {
        return Err(TokenError::InvalidBps {
            bps: rules.max_holding_bps,
        });
    }
    if !rules.required_claims.is_well_formed() {
        return Err(TokenError::MalformedClaimSet {
            bits: rules.required_claims.0,
        });
    }
    Ok(())
}

impl TokenData {
    /// A token administered by the deployer, asking `registry` about investors.
    pub fn new<H: Host>(
        host: &H,
        name: Option<String>,
        symbol: Option<String>,
        decimals: u8,
        registry: AccountId,
        rules: ComplianceRules,
        supply_cap: Option<Balance>,
    ) -> TokenResult<Self> {
        validate_rules(&rules)?;
        let mut admin = Lazy::new();
        admin.set(&AdminRole::new(host.caller()));
        let mut metadata = Lazy::new();
        metadata.set(&TokenMetadata {
            name,
            symbol,
            decimals,
        });
        Ok(Self {
            ledger: Ledger::default(),
            metadata,
            admin,
            roles: Mapping::default(),
            registry,
            rules,
            allowed_countries: Mapping::default(),
            blocked_countries: Mapping::default(),
            accounts: Mapping::default(),
            lockups: Mapping::default(),
            supply_cap,
            paused: false,
            halt: None,
            documents: Mapping::default(),
            document_names: Lazy::new(),
            recovered_to: Mapping::default(),
            listening: false,
            // Generation 0 is what an account never learned about carries: it never counts.
            facts_epoch: 1,
            identity_facts: Mapping::default(),
            reserved: Reserved::default(),
            reserving_issuer: Lazy::new(),
            promised: Mapping::default(),
            highest_identity: Lazy::new(),
        })
    }

    /// The admin role (always set by the constructor).
    fn admin_role(&self) -> AdminRole {
        self.admin
            .get()
            .unwrap_or_else(|| AdminRole::new(AccountId::from([0; 32])))
    }

    fn ensure_admin<H: Host>(&self, host: &H) -> TokenResult<AccountId> {
        let caller = host.caller();
        self.admin_role().ensure(caller)?;
        Ok(caller)
    }

    fn ensure_role<H: Host>(&self, host: &H, role: Role) -> TokenResult<AccountId> {
        let caller = host.caller();
        if self.roles.get(caller).unwrap_or_default().has(role) {
            Ok(caller)
        } else {
            Err(TokenError::MissingRole { caller, role })
        }
    }

    fn state_of(&self, account: AccountId) -> AccountState {
        self.accounts.get(account).unwrap_or_default()
    }

    fn store_state(&mut self, account: AccountId, state: &AccountState) {
        if *state == AccountState::default() {
            self.accounts.remove(account);
        } else {
            self.accounts.insert(account, state);
        }
    }

    /// Checkpoints answer only for blocks that have been produced.
    fn ensure_past<H: Host>(&self, host: &H, block: u32) -> Result<(), CheckpointError> {
        let current = host.block();
        if block > current {
            return Err(CheckpointError::FutureBlock {
                requested: block,
                current,
            });
        }
        Ok(())
    }

    /// What `read` finds in the ledger for `block`, which must have been produced.
    fn at_past_block<H: Host, T>(
        &self,
        host: &H,
        block: u32,
        read: impl FnOnce(&Ledger) -> T,
    ) -> Result<T, CheckpointError> {
        self.ensure_past(host, block)?;
        Ok(read(&self.ledger))
    }

    /// A party's status with the claims in `wanted`, from this token's copy of the registry's facts, if the
    /// copy holds it now.
    fn known_status(
        &self,
        account: AccountId,
        state: &AccountState,
        wanted: ClaimSet,
        now: Timestamp,
    ) -> Option<PartyStatus> {
        let epoch = self.facts_epoch;
        if !self.listening || state.exempt || state.link_epoch != epoch {
            return None;
        }
        let Some(identity) = state.identity else {
            return Some(PartyStatus::unregistered(account));
        };
        match self.identity_facts.get(identity) {
            Some((learned_in, facts)) if learned_in == epoch => {
                Some(facts.status(account, identity, wanted, now))
            }
            _ => None,
        }
    }

    /// What the governor and the distributor read instead of asking the registry: `account`'s status with
    /// `wanted` claims from the copy, tagged with the registry it copies (`None`: the copy does not hold it).
    fn kept_status<H: Host>(
        &self,
        host: &H,
        account: AccountId,
        state: &AccountState,
        wanted: ClaimSet,
    ) -> Option<KeptStatus> {
        self.known_status(account, state, wanted, host.now())
            .map(|status| KeptStatus {
                registry: self.registry,
                status,
            })
    }

    /// The status of each given party (sender, recipient): from the copy when it holds it, else from the
    /// registry's facts, asked for in one cross-call, which are returned too so a transfer can keep them.
    fn party_statuses<H: Host>(
        &self,
        host: &H,
        parties: [Option<(AccountId, AccountState)>; 2],
        wanted: ClaimSet,
    ) -> Result<PartyAnswers, TransferRestriction> {
        let now = host.now();
        let mut statuses = [None, None];
        let mut missing = [None, None];
        let mut any_missing = false;
        for ((party, status), ask) in parties.iter().zip(&mut statuses).zip(&mut missing) {
            if let Some((account, state)) = party {
                *status = self.known_status(*account, state, wanted, now);
                if status.is_none() {
                    *ask = Some(*account);
                    any_missing = true;
                }
            }
        }
        if !any_missing {
            return Ok((statuses, [None, None]));
        }
        let learned = host.transfer_facts(self.registry, missing)?;
        let mut kept = [None, None];
        for (((status, ask), facts), keep) in
            statuses.iter_mut().zip(missing).zip(learned).zip(&mut kept)
        {
            if let Some(account) = ask {
                *status = Some(wallet_status(account, facts, wanted, now));
                *keep = Some(facts);
            }
        }
        Ok((statuses, kept))
    }

    /// Keeps what the registry said about `account` (a transfer's party) while it tells this token of every
    /// change: the identity's facts, and that the account's link is current.
    fn remember(&mut self, account: AccountId, facts: WalletFacts) {
        if !self.listening {
            return;
        }
        if let Some((identity, identity_facts)) = facts {
            self.identity_facts
                .insert(identity, &(self.facts_epoch, identity_facts));
        }
        self.mark_link_current(account);
    }

    /// Records that `account`'s attribution is the registry's current link (a party settled by a transfer, or
    /// a link the registry just told of). Exempt accounts are attributed to no identity whatever the
    /// registry says, so theirs never counts as the link.
    fn mark_link_current(&mut self, account: AccountId) {
        if !self.listening {
            return;
        }
        let mut state = self.state_of(account);
        if !state.exempt && state.link_epoch != self.facts_epoch {
            state.link_epoch = self.facts_epoch;
            self.store_state(account, &state);
        }
    }

    /// Starts a new generation of the copy (every entry learned before becomes stale) and sets whether it is
    /// trusted. Should the generations ever run out, the copy is never trusted again: transfers then ask.
    fn restart_copy(&mut self, listening: bool) {
        match self.facts_epoch.checked_add(1) {
            Some(next) => {
                self.facts_epoch = next;
                self.listening = listening;
            }
            None => self.listening = false,
        }
    }

    fn party_facts(&self, state: &AccountState, status: Option<PartyStatus>) -> PartyFacts {
        let (country_blocked, country_allowed) = match status {
            Some(s) if s.identity.is_some() => (
                self.blocked_countries.contains(s.country),
                !self.rules.country_allowlist_enabled || self.allowed_countries.contains(s.country),
            ),
            _ => (false, false),
        };
        PartyFacts {
            exempt: state.exempt,
            account_frozen: state.frozen,
            status,
            country_blocked,
            country_allowed,
        }
    }

    /// The facts of re-linking `account` (attributed as `state` says) to `identity`, on `books` (the stored
    /// books, or those after an operation's earlier re-link).
    fn relink_facts(
        &self,
        account: AccountId,
        state: &AccountState,
        identity: Option<IdentityId>,
        books: &BooksAfterRelinks,
    ) -> RelinkFacts {
        let total = |id: IdentityId| books.total(id, self.ledger.identity_total(id));
        RelinkFacts {
            rules: self.rules,
            new_identity: identity,
            new_identity_total: identity.map_or(0, total),
            new_identity_reserved: identity.map_or(0, |id| self.promised_to(id)),
            reserved_places: self.reserved.places,
            old_identity: state.identity,
            old_identity_total: state.identity.map_or(0, total),
            balance: self.ledger.balance_of(account),
            holder_count: books.holder_count,
            supply: self.ledger.total_supply(),
            supply_cap: self.supply_cap,
        }
    }

    /// The books after re-linking, as `commit` will, each party whose attribution is not its identity now,
    /// and the first re-link refusal (reported after the operation's own checks, as before one picture).
    fn books_after_relinks(
        &self,
        sides: [Option<(AccountId, AccountState, Option<IdentityId>)>; 2],
    ) -> Result<(BooksAfterRelinks, Result<(), TransferRestriction>), TransferRestriction> {
        let mut books = BooksAfterRelinks::new(self.ledger.holder_count());
        let mut refusal = Ok(());
        for (account, state, identity) in sides.into_iter().flatten() {
            if state.identity == identity {
                continue;
            }
            let facts = self.relink_facts(account, &state, identity, &books);
            refusal = refusal.and(compliance::check_relink(&facts));
            books.apply(&facts)?;
        }
        Ok((books, refusal))
    }

    /// Gathers the facts of an operation and runs the compliance check. Writes nothing.
    fn prepare<H: Host>(
        &self,
        host: &H,
        from: Option<AccountId>,
        to: Option<AccountId>,
        amount: Balance,
        mode: Mode,
    ) -> Result<Prepared, TransferRestriction> {
        if matches!(mode, Mode::Regular | Mode::Delivery(_)) {
            if let Some(h) = self.halt {
                return Err(TransferRestriction::Halted { reason: h.reason });
            }
            if self.paused {
                return Err(TransferRestriction::Paused);
            }
        }
        let from_state = from.map(|a| self.state_of(a));
        let to_state = to.map(|a| self.state_of(a));
        // Between exempt accounts the registry is not asked (so the treasury and the suite's contracts can
        // settle among themselves even while it is unreachable). Otherwise both parties are, in the one call:
        // an exempt party the registry links to an identity (a link this token was not told of) is refused.
        let regular = from_state.is_some_and(|s| !s.exempt) || to_state.is_some_and(|s| !s.exempt);
        let parties = if regular {
            [from.zip(from_state), to.zip(to_state)]
        } else {
            [None, None]
        };
        let (wanted, purpose) = match mode {
            Mode::Regular | Mode::Forced => (self.rules.required_claims, Purpose::Move),
            Mode::Promise => (self.rules.required_claims, Purpose::Promise),
            Mode::Delivery(claims) => (claims, Purpose::Delivery { claims }),
        };
        let ([from_status, to_status], learned) = self.party_statuses(host, parties, wanted)?;
        for (party, state, status) in [
            (Party::Sender, from_state, from_status),
            (Party::Recipient, to_state, to_status),
        ] {
            if let (Some(s), Some(identity)) = (state, status.and_then(|st| st.identity)) {
                if s.exempt {
                    return Err(TransferRestriction::ExemptAccountLinked { party, identity });
                }
            }
        }
        // The regulator's freeze outranks the agent: a forced transfer does not leave a frozen identity (the
        // recipient's freeze is checked below for every transfer). The regulator lifts its freeze when it orders
        // a seizure.
        if let (Mode::Forced, Some(status)) = (mode, from_status) {
            if let (true, Some(identity)) = (status.identity_frozen, status.identity) {
                return Err(TransferRestriction::IdentityFrozen {
                    party: Party::Sender,
                    identity,
                });
            }
        }

        // One picture of the books: the operation is judged on them after the re-links `commit` makes first
        // (exempt parties count towards no identity, matching their attribution).
        let from_identity = from_status.and_then(|s| s.identity);
        let to_identity = to_status.and_then(|s| s.identity);
        let from_side = from
            .zip(from_state)
            .map(|(a, s)| (a, s, if s.exempt { None } else { from_identity }));
        let to_side = to
            .zip(to_state)
            .map(|(a, s)| (a, s, if s.exempt { None } else { to_identity }));
        let (books, relink_refusal) = self.books_after_relinks([from_side, to_side])?;
        let total_after = |id: Option<IdentityId>| {
            id.map_or(0, |id| books.total(id, self.ledger.identity_total(id)))
        };

        let now = host.now();
        let (mut sender_balance, mut sender_locked, mut sender_frozen) = (0, 0, 0);
        let mut sender = None;
        let mut sender_identity_total = 0;
        if let (Some(account), Some(state)) = (from, from_state) {
            sender_balance = self.ledger.balance_of(account);
            sender_frozen = state.frozen_tokens;
            if state.has_lockup {
                sender_locked =
                    lockup::locked_at(&self.lockups.get(account).unwrap_or_default(), now);
            }
            sender_identity_total = total_after(from_identity);
            let facts = self.party_facts(&state, from_status);
            sender = Some(match mode {
                // The agent overrides the sender's rules; only the balance must suffice.
                Mode::Forced => PartyFacts {
                    exempt: true,
                    account_frozen: false,
                    ..facts
                },
                // (Promises and deliveries are mints: they have no sender.)
                Mode::Regular | Mode::Promise | Mode::Delivery(_) => facts,
            });
        }
        let mut recipient = None;
        let mut recipient_identity_total = 0;
        if let Some(state) = to_state {
            recipient_identity_total = total_after(to_identity);
            recipient = Some(self.party_facts(&state, to_status));
        }
        let supply_after = crate::ledger::supply_after(
            self.ledger.total_supply(),
            from.is_none(),
            to.is_none(),
            amount,
        )?;
        let sender_identity = from_state.filter(|s| !s.exempt).and(from_identity);
        let reserved = self.reserved;
        let recipient_reserved = match (reserved.supply, to_state) {
            (0, _) => 0,
            (_, Some(state)) if !state.exempt => to_identity.map_or(0, |id| self.promised_to(id)),
            _ => 0,
        };
        let facts = Facts {
            rules: self.rules,
            amount,
            sender,
            sender_balance,
            sender_locked,
            sender_frozen,
            enforce_free_balance: mode == Mode::Regular,
            recipient,
            recipient_identity_total,
            sender_identity,
            sender_identity_total,
            holder_count: books.holder_count,
            supply_after,
            supply_cap: self.supply_cap,
            reserved_supply: reserved.supply,
            reserved_places: reserved.places,
            recipient_reserved,
            purpose,
        };
        compliance::check(&facts)?;
        relink_refusal?;
        Ok(Prepared {
            from: from_side,
            to: to_side,
            amount,
            learned,
        })
    }

    /// Writes a prepared operation and emits `Transfer`.
    fn commit<H: Host>(&mut self, host: &H, p: Prepared) -> Result<(), TransferRestriction> {
        // A party whose attribution is not the registry's link (only a token the registry does not tell of
        // links, or one that has not seen the party since it was bound, can find one) is re-linked first,
        // under the same maximum-holding and holder-limit checks as a link (`prepare` ran them and judged the
        // operation on the books after them; `relink` runs them again). The relink rules live in the full
        // code: the shell hands it the whole message, before writing anything. `prepare` already gives exempt
        // parties no identity, matching their attribution.
        let sides = [p.from, p.to];
        if Self::relinks(&p) {
            full_code_only_in_shell!();
            for (account, state, identity) in sides.into_iter().flatten() {
                if state.identity != identity {
                    self.relink(host, account, identity)?;
                }
            }
        }
        let [from, to] =
            sides.map(|side| side.map(|(account, _, identity)| Holder { account, identity }));
        let [from_learned, to_learned] = p.learned;
        for (holder, learned) in [(from, from_learned), (to, to_learned)] {
            if let (Some(holder), Some(facts)) = (holder, learned) {
                self.remember(holder.account, facts);
            }
        }
        let block = host.block();
        self.ledger.transfer(from, to, p.amount, block)?;
        host.emit(Transfer {
            from: from.map(|h| h.account),
            to: to.map(|h| h.account),
            value: p.amount,
        });
        Ok(())
    }

    /// Whether `commit` re-links a party of the operation first (which only the full code does).
    fn relinks(p: &Prepared) -> bool {
        [p.from, p.to]
            .iter()
            .flatten()
            .any(|(_, state, identity)| state.identity != *identity)
    }

    /// Writes an allowance and emits its `Approval`.
    fn set_allowance_with_event<H: Host>(
        &mut self,
        host: &H,
        owner: AccountId,
        spender: AccountId,
        amount: Balance,
    ) {
        self.ledger.set_allowance(owner, spender, amount);
        host.emit(Approval {
            owner,
            spender,
            amount,
        });
    }

    /// Whether an operation moves nothing: a zero amount, or a wallet sending to itself. Such an operation
    /// succeeds without checks, writes or events (as the reference PSP22 does), which also keeps a wallet's
    /// re-link from being settled twice.
    fn is_noop(from: Option<AccountId>, to: Option<AccountId>, amount: Balance) -> bool {
        amount == 0 || (from.is_some() && from == to)
    }

    /// Every check of an operation, writing nothing: `None` for a no-op, else what `commit` writes. Real
    /// operations and `can_transfer`/`can_mint` go through here, so the two can never disagree.
    fn plan<H: Host>(
        &self,
        host: &H,
        from: Option<AccountId>,
        to: Option<AccountId>,
        amount: Balance,
        mode: Mode,
    ) -> Result<Option<Prepared>, TransferRestriction> {
        if to == Some(host.account_id()) {
            return Err(TransferRestriction::RecipientIsToken);
        }
        if Self::is_noop(from, to, amount) {
            return Ok(None);
        }
        self.prepare(host, from, to, amount, mode).map(Some)
    }

    fn move_tokens<H: Host>(
        &mut self,
        host: &H,
        from: Option<AccountId>,
        to: Option<AccountId>,
        amount: Balance,
        mode: Mode,
    ) -> TokenResult<()> {
        if let Some(prepared) = self.plan(host, from, to, amount, mode)? {
            self.commit(host, prepared)?;
        }
        Ok(())
    }

    /// Why a transfer of `amount` from `from` to `to` would be refused now, or `Ok` if it would pass.
    pub fn can_transfer<H: Host>(
        &self,
        host: &H,
        from: AccountId,
        to: AccountId,
        amount: Balance,
    ) -> Result<(), TransferRestriction> {
        self.plan(host, Some(from), Some(to), amount, Mode::Regular)
            .map(|_| ())
    }

    /// Why minting `amount` to `to` would be refused now, or `Ok`.
    #[cfg(not(feature = "hot-shell"))]
    pub fn can_mint<H: Host>(
        &self,
        host: &H,
        to: AccountId,
        amount: Balance,
    ) -> Result<(), TransferRestriction> {
        self.plan(host, None, Some(to), amount, Mode::Regular)
            .map(|_| ())
    }

    /// What `identity` is promised in the current generation of promises.
    fn promised_to(&self, identity: IdentityId) -> Balance {
        match self.promised.get(identity) {
            Some((epoch, amount)) if epoch == self.reserved.epoch => amount,
            _ => 0,
        }
    }

    /// The caller, if it may make, deliver or release promises: an issuer, and the reserving one while
    /// promises are outstanding.
    fn ensure_promising_issuer<H: Host>(&self, host: &H) -> Result<AccountId, MintRefusal> {
        let caller = host.caller();
        if !self.holds_role(caller, Role::Issuer) {
            return Err(MintRefusal::NotIssuer);
        }
        match self.reserving_issuer.get() {
            Some(issuer) if issuer != caller && self.reserved.supply > 0 => {
                Err(MintRefusal::AnotherIssuerReserved { issuer })
            }
            _ => Ok(caller),
        }
    }

    /// Takes `amount` off the promise to `identity` (delivered or released); the identity's place goes with
    /// the last of it.
    fn settle_promise<H: Host>(
        &mut self,
        host: &H,
        issuer: AccountId,
        identity: IdentityId,
        amount: Balance,
        delivered: bool,
    ) -> Result<(), MintRefusal> {
        let before = self.promised_to(identity);
        if amount == 0 {
            return Err(MintRefusal::ZeroAmount);
        }
        let left = before.checked_sub(amount).ok_or(MintRefusal::NotReserved {
            identity,
            reserved: before,
            asked: amount,
        })?;
        let mut reserved = self.reserved;
        reserved.supply = reserved
            .supply
            .checked_sub(amount)
            .ok_or(MintRefusal::Other)?;
        if left == 0 {
            reserved.places = reserved.places.checked_sub(1).ok_or(MintRefusal::Other)?;
            self.promised.remove(identity);
        } else {
            self.promised.insert(identity, &(reserved.epoch, left));
        }
        self.reserved = reserved;
        host.emit(PromiseSettled {
            issuer,
            identity,
            amount,
            delivered,
            promised: left,
        });
        Ok(())
    }

    /// The checks of a delivery, writing nothing: what to commit, for a wallet of the promised identity.
    fn plan_delivery<H: Host>(
        &self,
        host: &H,
        to: AccountId,
        identity: IdentityId,
        amount: Balance,
        claims: ClaimSet,
    ) -> Result<Prepared, MintRefusal> {
        if amount == 0 {
            return Err(MintRefusal::ZeroAmount);
        }
        let promised = self.promised_to(identity);
        if promised < amount {
            return Err(MintRefusal::NotReserved {
                identity,
                reserved: promised,
                asked: amount,
            });
        }
        let prepared = self
            .plan(host, None, Some(to), amount, Mode::Delivery(claims))?
            .ok_or(MintRefusal::Other)?;
        let wallet_identity = prepared.to.and_then(|(_, _, id)| id);
        if wallet_identity != Some(identity) {
            return Err(MintRefusal::WalletOfAnotherIdentity {
                promised_to: identity,
                wallet_identity,
            });
        }
        Ok(prepared)
    }

    /// Moves `account`'s holding to `identity` after the registry re-linked it, refusing (and writing
    /// nothing) if the joined identity would break the maximum holding or the holder limit. Exempt accounts
    /// count towards no identity.
    fn relink<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        identity: Option<IdentityId>,
    ) -> Result<(), TransferRestriction> {
        let mut state = self.state_of(account);
        let identity = if state.exempt { None } else { identity };
        if state.identity == identity {
            return Ok(());
        }
        let books = BooksAfterRelinks::new(self.ledger.holder_count());
        compliance::check_relink(&self.relink_facts(account, &state, identity, &books))?;
        if let Some(id) = identity {
            if id > self.highest_identity.get().unwrap_or(0) {
                self.highest_identity.set(&id);
            }
        }
        let block = host.block();
        self.ledger
            .reattribute(account, state.identity, identity, block)?;
        host.emit(HoldingReattributed {
            account,
            previous: state.identity,
            identity,
        });
        state.identity = identity;
        self.store_state(account, &state);
        Ok(())
    }

    fn registry_identity_of<H: Host>(
        &self,
        host: &H,
        account: AccountId,
    ) -> Result<Option<IdentityId>, TransferRestriction> {
        host.identity_of(self.registry, account)
    }

    /// Anyone: make `wallet`'s holding count towards the identity the registry links it to now (for a token
    /// the registry does not notify; a bound token hears of every link at once). Refused, changing nothing,
    /// if the identity would then break the maximum holding or the holder limit.
    #[cfg(not(feature = "hot-shell"))]
    pub fn sync_identity<H: Host>(&mut self, host: &H, wallet: AccountId) -> TokenResult<()> {
        let identity = self.registry_identity_of(host, wallet)?;
        if let (true, Some(identity)) = (self.state_of(wallet).exempt, identity) {
            return Err(TokenError::ExemptLinkedWallet {
                account: wallet,
                identity,
            });
        }
        self.relink(host, wallet, identity)?;
        Ok(())
    }

    /// Admin: grant `role` to `account`.
    #[cfg(not(feature = "hot-shell"))]
    pub fn grant_role<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        role: Role,
    ) -> TokenResult<()> {
        let by = self.ensure_admin(host)?;
        let roles = self.roles.get(account).unwrap_or_default().with(role);
        self.roles.insert(account, &roles);
        host.emit(RoleGranted { account, role, by });
        Ok(())
    }

    /// Admin: revoke `role` from `account`.
    #[cfg(not(feature = "hot-shell"))]
    pub fn revoke_role<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        role: Role,
    ) -> TokenResult<()> {
        let by = self.ensure_admin(host)?;
        if role == Role::Issuer
            && self.reserved.supply > 0
            && self.reserving_issuer.get() == Some(account)
        {
            return Err(TokenError::IssuerHasPromises {
                issuer: account,
                promised: self.reserved.supply,
            });
        }
        let roles = self.roles.get(account).unwrap_or_default().without(role);
        if roles == RoleSet::default() {
            self.roles.remove(account);
        } else {
            self.roles.insert(account, &roles);
        }
        host.emit(RoleRevoked { account, role, by });
        Ok(())
    }

    fn holds_role(&self, account: AccountId, role: Role) -> bool {
        self.roles.get(account).unwrap_or_default().has(role)
    }

    /// Whether `account` holds `role`.
    #[cfg(not(feature = "hot-shell"))]
    pub fn has_role(&self, account: AccountId, role: Role) -> bool {
        self.holds_role(account, role)
    }

    /// The compliance registry asked on every transfer.
    #[cfg(not(feature = "hot-shell"))]
    pub fn registry(&self) -> AccountId {
        self.registry
    }

    /// Admin: point the token at another registry: one that numbers its identities above every identity the
    /// books count (a successor that continues the old numbers), and only while no promise is outstanding.
    /// Wallets keep counting for their old numbers, which no identity of the new registry has, until each is
    /// re-linked (at once by a bound registry as it links it, or by anyone's `sync_identity`): no holding or
    /// vote can pass to another holder's number.
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_registry<H: Host>(&mut self, host: &H, registry: AccountId) -> TokenResult<()> {
        self.ensure_admin(host)?;
        if self.reserved.supply > 0 {
            return Err(TokenError::PromisesOutstanding {
                promised: self.reserved.supply,
            });
        }
        if registry != self.registry {
            let first_identity = host
                .first_identity(registry)
                .map_err(TokenError::Restricted)?;
            let highest_counted = self.highest_identity.get().unwrap_or(0);
            if first_identity <= highest_counted {
                return Err(TokenError::RegistryNumbersOverlap {
                    first_identity,
                    highest_counted,
                });
            }
        }
        self.registry = registry;
        // The copy of the old registry's facts says nothing about the new one's; the new one binds the token
        // to have it listen again.
        self.restart_copy(false);
        host.emit(RegistryChanged { registry });
        Ok(())
    }

    /// Current compliance rules.
    #[cfg(not(feature = "hot-shell"))]
    pub fn rules(&self) -> ComplianceRules {
        self.rules
    }

    /// Admin: replace the compliance rules.
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_rules<H: Host>(&mut self, host: &H, rules: ComplianceRules) -> TokenResult<()> {
        self.ensure_admin(host)?;
        validate_rules(&rules)?;
        self.rules = rules;
        host.emit(ComplianceRulesChanged { rules });
        Ok(())
    }

    /// Admin: put `country` on (`listed`) or off the allow list (`allow_list`) or the block list.
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_country_listed<H: Host>(
        &mut self,
        host: &H,
        country: CountryCode,
        allow_list: bool,
        listed: bool,
    ) -> TokenResult<()> {
        self.ensure_admin(host)?;
        if country == 0 || country > MAX_COUNTRY_CODE {
            return Err(TokenError::InvalidCountry { country });
        }
        // The two lists are distinct storage types (each field has its own storage key), hence no shared `&mut`.
        match (allow_list, listed) {
            (true, true) => drop(self.allowed_countries.insert(country, &())),
            (true, false) => self.allowed_countries.remove(country),
            (false, true) => drop(self.blocked_countries.insert(country, &())),
            (false, false) => self.blocked_countries.remove(country),
        }
        host.emit(CountryListChanged {
            country,
            allow_list,
            listed,
        });
        Ok(())
    }

    /// Whether `country` is on the allow list and on the block list.
    #[cfg(not(feature = "hot-shell"))]
    pub fn country_listing(&self, country: CountryCode) -> (bool, bool) {
        (
            self.allowed_countries.contains(country),
            self.blocked_countries.contains(country),
        )
    }

    /// Admin: make `account` exempt (or not) from identity, claim, country and holding rules.
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_exempt<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        exempt: bool,
    ) -> TokenResult<()> {
        self.ensure_admin(host)?;
        // An exempt account's holding counts towards no identity; one that stops being exempt counts towards
        // its registry identity at once, under the same rules as a link. Only an account the registry links to
        // no identity may be exempted: an identity's wallet would otherwise escape its caps and a regulator's
        // freeze.
        let linked = self.registry_identity_of(host, account)?;
        if let (true, Some(identity)) = (exempt, linked) {
            return Err(TokenError::ExemptLinkedWallet { account, identity });
        }
        let identity = if exempt { None } else { linked };
        let mut state = self.state_of(account);
        state.exempt = false;
        self.store_state(account, &state);
        self.relink(host, account, identity)?;
        let mut state = self.state_of(account);
        state.exempt = exempt;
        // Learned again from the registry at the account's next transfer.
        state.link_epoch = 0;
        self.store_state(account, &state);
        host.emit(ExemptionChanged { account, exempt });
        Ok(())
    }

    /// Admin: set or lift the authorised supply (never below the current supply).
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_supply_cap<H: Host>(&mut self, host: &H, cap: Option<Balance>) -> TokenResult<()> {
        self.ensure_admin(host)?;
        let supply = self.ledger.total_supply();
        if let Some(c) = cap {
            if c < supply {
                return Err(TokenError::CapBelowSupply { supply, cap: c });
            }
            let promised = self.reserved.supply;
            if c.saturating_sub(supply) < promised {
                return Err(TokenError::CapBelowPromised {
                    supply,
                    promised,
                    cap: c,
                });
            }
        }
        self.supply_cap = cap;
        host.emit(SupplyCapChanged { cap });
        Ok(())
    }

    /// Authorised supply, if capped.
    #[cfg(not(feature = "hot-shell"))]
    pub fn supply_cap(&self) -> Option<Balance> {
        self.supply_cap
    }

    /// Admin: pause every regular transfer, mint and burn.
    #[cfg(not(feature = "hot-shell"))]
    pub fn pause<H: Host>(&mut self, host: &H) -> TokenResult<()> {
        let by = self.ensure_admin(host)?;
        if self.paused {
            return Err(TokenError::AlreadyPaused);
        }
        self.paused = true;
        host.emit(Paused { by });
        Ok(())
    }

    /// Admin: lift the pause.
    #[cfg(not(feature = "hot-shell"))]
    pub fn unpause<H: Host>(&mut self, host: &H) -> TokenResult<()> {
        let by = self.ensure_admin(host)?;
        if !self.paused {
            return Err(TokenError::NotPaused);
        }
        self.paused = false;
        host.emit(Unpaused { by });
        Ok(())
    }

    /// Whether the admin paused the token.
    #[cfg(not(feature = "hot-shell"))]
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Who halted trading and why, if halted.
    #[cfg(not(feature = "hot-shell"))]
    pub fn halt_info(&self) -> Option<HaltInfo> {
        self.halt
    }

    /// Agent: freeze or unfreeze `account` on this token; `reason` hashes the order.
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_account_frozen<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        frozen: bool,
        reason: Hash,
    ) -> TokenResult<()> {
        self.ensure_role(host, Role::Agent)?;
        let mut state = self.state_of(account);
        state.frozen = frozen;
        self.store_state(account, &state);
        host.emit(AccountFreezeChanged {
            account,
            frozen,
            reason,
        });
        Ok(())
    }

    /// Agent: freeze `amount` more of `account`'s tokens.
    #[cfg(not(feature = "hot-shell"))]
    pub fn freeze_tokens<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        amount: Balance,
        reason: Hash,
    ) -> TokenResult<()> {
        self.ensure_role(host, Role::Agent)?;
        let mut state = self.state_of(account);
        let balance = self.ledger.balance_of(account);
        let requested = state.frozen_tokens.saturating_add(amount);
        if requested > balance {
            return Err(TokenError::FreezeExceedsBalance { balance, requested });
        }
        state.frozen_tokens = requested;
        self.store_state(account, &state);
        host.emit(TokensFrozenChanged {
            account,
            frozen: requested,
            reason,
        });
        Ok(())
    }

    /// Agent: release `amount` of `account`'s frozen tokens.
    #[cfg(not(feature = "hot-shell"))]
    pub fn unfreeze_tokens<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        amount: Balance,
        reason: Hash,
    ) -> TokenResult<()> {
        self.ensure_role(host, Role::Agent)?;
        let mut state = self.state_of(account);
        let frozen = state.frozen_tokens;
        state.frozen_tokens =
            frozen
                .checked_sub(amount)
                .ok_or(TokenError::UnfreezeExceedsFrozen {
                    frozen,
                    requested: amount,
                })?;
        self.store_state(account, &state);
        host.emit(TokensFrozenChanged {
            account,
            frozen: state.frozen_tokens,
            reason,
        });
        Ok(())
    }

    /// Agent: replace `account`'s lock-up schedule (an empty list removes it).
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_lockup<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        tranches: Vec<Tranche>,
    ) -> TokenResult<()> {
        self.ensure_role(host, Role::Agent)?;
        if tranches.len() > MAX_TRANCHES as usize {
            return Err(TokenError::TooManyTranches { max: MAX_TRANCHES });
        }
        let now = host.now();
        if let Some(index) = tranches
            .iter()
            .position(|t| t.amount == 0 || t.release_at <= now)
        {
            return Err(TokenError::InvalidTranche {
                index: u32::try_from(index).unwrap_or(u32::MAX),
            });
        }
        let mut state = self.state_of(account);
        state.has_lockup = !tranches.is_empty();
        if tranches.is_empty() {
            self.lockups.remove(account);
        } else {
            self.lockups.insert(account, &tranches);
        }
        self.store_state(account, &state);
        let locked = lockup::locked_at(&tranches, now);
        host.emit(LockupSet {
            account,
            tranches: u32::try_from(tranches.len()).unwrap_or(u32::MAX),
            locked,
        });
        Ok(())
    }

    /// Tranches of `account` that still lock something.
    #[cfg(not(feature = "hot-shell"))]
    pub fn lockup_of<H: Host>(&self, host: &H, account: AccountId) -> Vec<Tranche> {
        lockup::pending(self.lockups.get(account).unwrap_or_default(), host.now())
    }

    /// What `account` can move now: balance minus locked and frozen tokens.
    #[cfg(not(feature = "hot-shell"))]
    pub fn free_balance_of<H: Host>(&self, host: &H, account: AccountId) -> Balance {
        let state = self.state_of(account);
        let locked = lockup::locked_at(&self.lockups.get(account).unwrap_or_default(), host.now());
        lockup::free_balance(self.ledger.balance_of(account), locked, state.frozen_tokens)
    }

    /// Token-side state of `account`.
    #[cfg(not(feature = "hot-shell"))]
    pub fn account_state(&self, account: AccountId) -> AccountState {
        self.state_of(account)
    }

    /// `account`'s balance, what it can move now, its lock-ups and its state, in one read: what a front-end
    /// shows a holder (each part is what the message of that name answers).
    #[cfg(not(feature = "hot-shell"))]
    pub fn holding<H: Host>(&self, host: &H, account: AccountId) -> Holding {
        let state = self.state_of(account);
        let schedule = self.lockups.get(account).unwrap_or_default();
        let now = host.now();
        let balance = self.ledger.balance_of(account);
        let locked = lockup::locked_at(&schedule, now);
        Holding {
            balance,
            free: lockup::free_balance(balance, locked, state.frozen_tokens),
            lockups: lockup::pending(schedule, now),
            state,
        }
    }

    /// Agent: move `amount` from `from` to `to` without `from`'s signature (court order, error correction).
    /// Sender rules, lock-ups and partial freezes are overridden (frozen tokens are released as needed), except
    /// a regulator's freeze of the sender's identity; the recipient must still pass every rule. Works while
    /// paused or halted.
    #[cfg(not(feature = "hot-shell"))]
    pub fn forced_transfer<H: Host>(
        &mut self,
        host: &H,
        from: AccountId,
        to: AccountId,
        amount: Balance,
        reason: u32,
        evidence: Hash,
    ) -> TokenResult<()> {
        let agent = self.ensure_role(host, Role::Agent)?;
        if Self::is_noop(Some(from), Some(to), amount) {
            return Ok(());
        }
        self.move_tokens(host, Some(from), Some(to), amount, Mode::Forced)?;
        self.release_frozen_beyond_balance(host, from, evidence);
        host.emit(ForcedTransfer {
            agent,
            from,
            to,
            amount,
            reason,
            evidence,
        });
        Ok(())
    }

    /// After tokens left `account` by force, its partial freeze cannot exceed what it still holds.
    fn release_frozen_beyond_balance<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        reason: Hash,
    ) {
        let mut state = self.state_of(account);
        let balance = self.ledger.balance_of(account);
        if state.frozen_tokens > balance {
            state.frozen_tokens = balance;
            self.store_state(account, &state);
            host.emit(TokensFrozenChanged {
                account,
                frozen: balance,
                reason,
            });
        }
    }

    /// Agent: move a lost wallet's whole balance, lock-up, partial freeze and account freeze to `new_wallet`,
    /// which the registry must link to the same identity and which must be neither exempt nor frozen on this
    /// token. The lost wallet is then frozen on this token.
    #[cfg(not(feature = "hot-shell"))]
    pub fn recover_wallet<H: Host>(
        &mut self,
        host: &H,
        lost: AccountId,
        new_wallet: AccountId,
        evidence: Hash,
    ) -> TokenResult<()> {
        self.ensure_role(host, Role::Agent)?;
        if lost == new_wallet {
            return Err(TokenError::RecoverySameWallet);
        }
        if new_wallet == host.account_id() {
            return Err(TransferRestriction::RecipientIsToken.into());
        }
        let lost_state = self.state_of(lost);
        let new_state = self.state_of(new_wallet);
        if new_state.exempt {
            return Err(TokenError::RecoveryToExemptWallet { wallet: new_wallet });
        }
        if new_state.frozen {
            return Err(TokenError::RecoveryToFrozenWallet { wallet: new_wallet });
        }
        let new_identity = self.registry_identity_of(host, new_wallet)?;
        // The registry's view of the lost wallet counts too: a wallet it moved to another identity is not
        // recovered for the identity the token last saw.
        let lost_identity = self.registry_identity_of(host, lost)?;
        if lost_identity.is_some() && lost_identity != lost_state.identity {
            return Err(TokenError::RecoveryIdentityMismatch {
                lost: lost_identity,
                new: new_identity,
            });
        }
        if lost_state.identity.is_none() || lost_state.identity != new_identity {
            return Err(TokenError::RecoveryIdentityMismatch {
                lost: lost_state.identity,
                new: new_identity,
            });
        }
        let now = host.now();
        let schedule = self.lockups.get(lost).unwrap_or_default();
        let mut merged = self.lockups.get(new_wallet).unwrap_or_default();
        merged.extend(schedule);
        let merged = lockup::pending(merged, now);
        if merged.len() > MAX_TRANCHES as usize {
            return Err(TokenError::RecoveryTooManyTranches {
                tranches: u32::try_from(merged.len()).unwrap_or(u32::MAX),
                max: MAX_TRANCHES,
            });
        }
        // Both wallets count towards the same identity before anything moves.
        self.relink(host, new_wallet, new_identity)?;
        let amount = self.ledger.balance_of(lost);
        let block = host.block();
        self.ledger.transfer(
            Some(Holder {
                account: lost,
                identity: lost_state.identity,
            }),
            Some(Holder {
                account: new_wallet,
                identity: new_identity,
            }),
            amount,
            block,
        )?;
        host.emit(Transfer {
            from: Some(lost),
            to: Some(new_wallet),
            value: amount,
        });

        self.lockups.remove(lost);
        let mut new_state = self.state_of(new_wallet);
        new_state.frozen_tokens = new_state
            .frozen_tokens
            .saturating_add(lost_state.frozen_tokens);
        new_state.has_lockup = !merged.is_empty();
        if merged.is_empty() {
            self.lockups.remove(new_wallet);
        } else {
            self.lockups.insert(new_wallet, &merged);
        }
        // A freeze follows the holding: recovery is no way around an agent's freeze.
        new_state.frozen = lost_state.frozen;
        self.store_state(new_wallet, &new_state);
        if lost_state.frozen {
            host.emit(AccountFreezeChanged {
                account: new_wallet,
                frozen: true,
                reason: evidence,
            });
        }
        self.store_state(
            lost,
            &AccountState {
                frozen: true,
                identity: lost_state.identity,
                ..AccountState::default()
            },
        );
        host.emit(AccountFreezeChanged {
            account: lost,
            frozen: true,
            reason: evidence,
        });
        self.recovered_to.insert(lost, &new_wallet);
        host.emit(WalletRecovered {
            lost,
            new_wallet,
            identity: new_identity,
            amount,
            evidence,
        });
        Ok(())
    }

    /// Admin: add or replace a document.
    #[cfg(not(feature = "hot-shell"))]
    pub fn set_document<H: Host>(
        &mut self,
        host: &H,
        name: String,
        uri: String,
        hash: Hash,
    ) -> TokenResult<()> {
        self.ensure_admin(host)?;
        documents::validate(&name, &uri)?;
        if !self.documents.contains(&name) {
            let mut names = self.document_names.get().unwrap_or_default();
            if names.len() >= MAX_DOCUMENTS as usize {
                return Err(TokenError::TooManyDocuments { max: MAX_DOCUMENTS });
            }
            names.push(name.clone());
            self.document_names.set(&names);
        }
        let doc = Document {
            uri: uri.clone(),
            hash,
            updated_at: host.now(),
        };
        self.documents.insert(&name, &doc);
        host.emit(DocumentUpdated { name, uri, hash });
        Ok(())
    }

    /// Admin: remove a document.
    #[cfg(not(feature = "hot-shell"))]
    pub fn remove_document<H: Host>(&mut self, host: &H, name: String) -> TokenResult<()> {
        self.ensure_admin(host)?;
        // A name longer than any stored one is refused as too long (it would not even fit a storage key).
        if name.len() > documents::MAX_NAME_LEN as usize {
            return Err(TokenError::DocumentFieldTooLong {
                field: String::from("name"),
                max: documents::MAX_NAME_LEN,
            });
        }
        if self.documents.take(&name).is_none() {
            return Err(TokenError::UnknownDocument);
        }
        let mut names = self.document_names.get().unwrap_or_default();
        names.retain(|n| *n != name);
        self.document_names.set(&names);
        host.emit(DocumentRemoved { name });
        Ok(())
    }

    /// A document by name.
    #[cfg(not(feature = "hot-shell"))]
    pub fn document(&self, name: String) -> Option<Document> {
        // No stored name is longer than the limit; a longer one would not even fit a storage key.
        if name.len() > documents::MAX_NAME_LEN as usize {
            return None;
        }
        self.documents.get(&name)
    }

    /// Names of all registered documents.
    #[cfg(not(feature = "hot-shell"))]
    pub fn document_names(&self) -> Vec<String> {
        self.document_names.get().unwrap_or_default()
    }

    /// What `identity` holds over all its wallets.
    #[cfg(not(feature = "hot-shell"))]
    pub fn identity_balance(&self, identity: IdentityId) -> Balance {
        self.ledger.identity_total(identity)
    }

    /// Identities currently holding tokens.
    #[cfg(not(feature = "hot-shell"))]
    pub fn holder_count(&self) -> u32 {
        self.ledger.holder_count()
    }

    /// Number of balance checkpoints of `account`.
    #[cfg(not(feature = "hot-shell"))]
    pub fn checkpoint_count(&self, account: AccountId) -> u32 {
        self.ledger.checkpoint_count(account)
    }

    pub fn admin(&self) -> AccountId {
        self.admin_role().admin()
    }

    pub fn pending_admin(&self) -> Option<AccountId> {
        self.admin_role().pending()
    }

    pub fn transfer_admin(&mut self, candidate: AccountId) -> Result<(), AdminError> {
        let mut role = self.admin_role();
        admin::offer_as_caller(&mut role, candidate)?;
        self.admin.set(&role);
        Ok(())
    }

    pub fn accept_admin(&mut self) -> Result<(), AdminError> {
        let mut role = self.admin_role();
        admin::accept_as_caller(&mut role)?;
        self.admin.set(&role);
        Ok(())
    }

    pub fn total_supply(&self) -> Balance {
        self.ledger.total_supply()
    }

    pub fn balance_of(&self, owner: AccountId) -> Balance {
        self.ledger.balance_of(owner)
    }

    pub fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
        self.ledger.allowance(owner, spender)
    }

    pub fn transfer<H: Host>(
        &mut self,
        host: &H,
        to: AccountId,
        value: Balance,
        _data: Vec<u8>,
    ) -> Result<(), PSP22Error> {
        let from = host.caller();
        self.move_tokens(host, Some(from), Some(to), value, Mode::Regular)?;
        Ok(())
    }

    pub fn transfer_from<H: Host>(
        &mut self,
        host: &H,
        from: AccountId,
        to: AccountId,
        value: Balance,
        _data: Vec<u8>,
    ) -> Result<(), PSP22Error> {
        let spender = host.caller();
        if spender == from {
            // Moving one's own tokens needs no allowance.
            self.move_tokens(host, Some(from), Some(to), value, Mode::Regular)?;
            return Ok(());
        }
        let allowance = self.ledger.allowance(from, spender);
        if allowance < value && !Self::is_noop(Some(from), Some(to), value) {
            return Err(TokenError::InsufficientAllowance {
                allowance,
                required: value,
            }
            .into());
        }
        let Some(prepared) = self
            .plan(host, Some(from), Some(to), value, Mode::Regular)
            .map_err(TokenError::from)?
        else {
            return Ok(());
        };
        // As the PSP22 v2 reference: the allowance's `Approval`, then the `Transfer` (a refusal by `commit`
        // reverts both). A transfer that re-links a party goes to the full code before anything is written
        // here: the shell's hand-over re-runs the whole message there, which must find the allowance untouched.
        if Self::relinks(&prepared) {
            full_code_only_in_shell!();
        }
        self.set_allowance_with_event(host, from, spender, allowance.saturating_sub(value));
        self.commit(host, prepared).map_err(TokenError::from)?;
        Ok(())
    }

    pub fn approve<H: Host>(
        &mut self,
        host: &H,
        spender: AccountId,
        value: Balance,
    ) -> Result<(), PSP22Error> {
        let owner = host.caller();
        if let Some(amount) = crate::allowances::approved(owner, spender, value) {
            self.set_allowance_with_event(host, owner, spender, amount);
        }
        Ok(())
    }

    pub fn increase_allowance<H: Host>(
        &mut self,
        host: &H,
        spender: AccountId,
        delta_value: Balance,
    ) -> Result<(), PSP22Error> {
        let owner = host.caller();
        let current = self.ledger.allowance(owner, spender);
        if let Some(amount) = crate::allowances::increased(owner, spender, current, delta_value) {
            self.set_allowance_with_event(host, owner, spender, amount);
        }
        Ok(())
    }

    pub fn decrease_allowance<H: Host>(
        &mut self,
        host: &H,
        spender: AccountId,
        delta_value: Balance,
    ) -> Result<(), PSP22Error> {
        let owner = host.caller();
        let current = self.ledger.allowance(owner, spender);
        if let Some(amount) = crate::allowances::decreased(owner, spender, current, delta_value)? {
            self.set_allowance_with_event(host, owner, spender, amount);
        }
        Ok(())
    }

    pub fn token_name(&self) -> Option<String> {
        self.metadata.get().and_then(|m| m.name)
    }

    pub fn token_symbol(&self) -> Option<String> {
        self.metadata.get().and_then(|m| m.symbol)
    }

    pub fn token_decimals(&self) -> u8 {
        self.metadata.get().map_or(0, |m| m.decimals)
    }

    /// Issuer only; the recipient must pass every compliance rule and the supply cap.
    pub fn mint<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        amount: Balance,
    ) -> Result<(), PSP22Error> {
        self.ensure_role(host, Role::Issuer)?;
        self.move_tokens(host, None, Some(account), amount, Mode::Regular)?;
        Ok(())
    }

    /// The holder itself, or an issuer (redemption); only free tokens can be burned.
    pub fn burn<H: Host>(
        &mut self,
        host: &H,
        account: AccountId,
        amount: Balance,
    ) -> Result<(), PSP22Error> {
        if host.caller() != account {
            self.ensure_role(host, Role::Issuer)?;
        }
        self.move_tokens(host, Some(account), None, amount, Mode::Regular)?;
        Ok(())
    }

    pub fn balance_of_at<H: Host>(
        &self,
        host: &H,
        account: AccountId,
        block: u32,
    ) -> Result<Balance, CheckpointError> {
        self.at_past_block(host, block, |ledger| ledger.balance_of_at(account, block))
    }

    pub fn total_supply_at<H: Host>(
        &self,
        host: &H,
        block: u32,
    ) -> Result<Balance, CheckpointError> {
        self.at_past_block(host, block, |ledger| ledger.total_supply_at(block))
    }

    /// Whether the agent froze `account` (the dividend distributor holds a frozen holder's share).
    pub fn is_account_frozen(&self, account: AccountId) -> bool {
        self.state_of(account).frozen
    }

    pub fn identity_balance_at<H: Host>(
        &self,
        host: &H,
        identity: IdentityId,
        block: u32,
    ) -> Result<Balance, CheckpointError> {
        self.at_past_block(host, block, |ledger| {
            ledger.identity_total_at(identity, block)
        })
    }

    pub fn identity_supply_at<H: Host>(
        &self,
        host: &H,
        block: u32,
    ) -> Result<Balance, CheckpointError> {
        self.at_past_block(host, block, |ledger| ledger.identity_supply_at(block))
    }

    /// The governor's one frame per vote (it would otherwise call the registry and this token separately).
    pub fn voter_record<H: Host>(
        &self,
        host: &H,
        voter: AccountId,
        claims: ClaimSet,
        block: u32,
        with_supply: bool,
    ) -> Result<VoterRecord, CheckpointError> {
        self.ensure_past(host, block)?;
        let status = self.kept_status(host, voter, &self.state_of(voter), claims);
        let power = status
            .and_then(|kept| kept.status.identity)
            .map(|identity| self.ledger.identity_total_at(identity, block));
        let supply = with_supply.then(|| self.ledger.identity_supply_at(block));
        Ok(VoterRecord {
            status,
            power,
            supply,
            registry: self.registry,
        })
    }

    /// The registry only: `wallet` now belongs to `identity`. Its holding moves with it at once, under the
    /// maximum holding and holder limit; a refusal makes the registry refuse the link.
    pub fn wallet_relinked<H: Host>(
        &mut self,
        host: &H,
        wallet: AccountId,
        identity: Option<IdentityId>,
    ) -> Result<(), RelinkError> {
        let caller = host.caller();
        if caller != self.registry {
            return Err(RelinkError::NotRegistry { caller });
        }
        // An exempt account stays outside every identity (see `set_exempt`): the registry may not link it.
        if identity.is_some() && self.state_of(wallet).exempt {
            return Err(RelinkError::ExemptAccount { account: wallet });
        }
        let relinked = self.relink(host, wallet, identity).map_err(|r| match r {
            TransferRestriction::MaxHoldingExceeded {
                identity,
                would_hold,
                limit,
            } => RelinkError::MaxHoldingExceeded {
                identity,
                would_hold,
                limit,
            },
            TransferRestriction::HolderLimitReached { limit } => {
                RelinkError::HolderLimitReached { limit }
            }
            _ => RelinkError::Overflow,
        });
        if relinked.is_ok() {
            self.mark_link_current(wallet);
        }
        relinked
    }

    /// The registry only: forget the copy of what changed, or start or stop trusting the copy at all.
    pub fn registry_changed<H: Host>(
        &mut self,
        host: &H,
        change: RegistryChange,
    ) -> Result<(), RelinkError> {
        let caller = host.caller();
        if caller != self.registry {
            return Err(RelinkError::NotRegistry { caller });
        }
        match change {
            RegistryChange::Identity(identity) => self.identity_facts.remove(identity),
            // A verifier's trust decides the claims it issued to any number of identities: the whole copy
            // goes (each party is learned again at its next transfer; trust changes are rare).
            RegistryChange::Verifier(_) => {
                let listening = self.listening;
                self.restart_copy(listening);
            }
            RegistryChange::Bound => self.restart_copy(true),
            RegistryChange::Unbound => self.restart_copy(false),
        }
        Ok(())
    }

    /// Guardian only.
    pub fn halt<H: Host>(
        &mut self,
        host: &H,
        reason: u32,
        evidence: Hash,
    ) -> Result<(), HaltError> {
        let guardian = host.caller();
        if !self.holds_role(guardian, Role::Guardian) {
            return Err(HaltError::NotGuardian { caller: guardian });
        }
        if self.halt.is_some() {
            return Err(HaltError::AlreadyHalted);
        }
        self.halt = Some(HaltInfo {
            guardian,
            reason,
            evidence,
            since: host.now(),
        });
        host.emit(Halted {
            guardian,
            reason,
            evidence,
        });
        Ok(())
    }

    /// Guardian or admin.
    pub fn resume<H: Host>(&mut self, host: &H) -> Result<(), HaltError> {
        let by = host.caller();
        if by != self.admin_role().admin() && !self.holds_role(by, Role::Guardian) {
            return Err(HaltError::NotGuardian { caller: by });
        }
        if self.halt.is_none() {
            return Err(HaltError::NotHalted);
        }
        self.halt = None;
        host.emit(Resumed { by });
        Ok(())
    }

    pub fn is_halted(&self) -> bool {
        self.halt.is_some()
    }

    /// `can_mint` for sellers of the token (the crowdfund escrow), with the reason as a suite-level enum.
    pub fn check_mint<H: Host>(
        &self,
        host: &H,
        to: AccountId,
        amount: Balance,
    ) -> Result<(), suite_traits::MintRefusal> {
        self.plan(host, None, Some(to), amount, Mode::Regular)
            .map(|_| ())
            .map_err(Into::into)
    }

    pub fn reserve<H: Host>(
        &mut self,
        host: &H,
        to: AccountId,
        amount: Balance,
    ) -> Result<IdentityId, MintRefusal> {
        let issuer = self.ensure_promising_issuer(host)?;
        if amount == 0 {
            return Err(MintRefusal::ZeroAmount);
        }
        let prepared = self
            .plan(host, None, Some(to), amount, Mode::Promise)?
            .ok_or(MintRefusal::Other)?;
        // An exempt account (treasury, a contract) is no investor: nothing is promised to it.
        let identity = prepared
            .to
            .and_then(|(_, _, id)| id)
            .ok_or(MintRefusal::NotRegistered)?;
        let before = self.promised_to(identity);
        let promised = before.checked_add(amount).ok_or(MintRefusal::Other)?;
        let mut reserved = self.reserved;
        reserved.supply = reserved
            .supply
            .checked_add(amount)
            .ok_or(MintRefusal::Other)?;
        if before == 0 {
            reserved.places = reserved.places.checked_add(1).ok_or(MintRefusal::Other)?;
        }
        self.reserved = reserved;
        self.promised.insert(identity, &(reserved.epoch, promised));
        self.reserving_issuer.set(&issuer);
        host.emit(Promised {
            issuer,
            identity,
            wallet: to,
            amount,
            promised,
        });
        Ok(identity)
    }

    pub fn release<H: Host>(
        &mut self,
        host: &H,
        identity: IdentityId,
        amount: Balance,
    ) -> Result<(), MintRefusal> {
        let issuer = self.ensure_promising_issuer(host)?;
        self.settle_promise(host, issuer, identity, amount, false)
    }

    pub fn release_all<H: Host>(&mut self, host: &H) -> Result<(), MintRefusal> {
        let issuer = self.ensure_promising_issuer(host)?;
        let before = self.reserved;
        // A new generation: every entry of the old one counts as nothing.
        let epoch = before.epoch.checked_add(1).ok_or(MintRefusal::Other)?;
        self.reserved = Reserved {
            epoch,
            supply: 0,
            places: 0,
        };
        host.emit(AllPromisesReleased {
            issuer,
            supply: before.supply,
            places: before.places,
        });
        Ok(())
    }

    pub fn mint_reserved<H: Host>(
        &mut self,
        host: &H,
        to: AccountId,
        identity: IdentityId,
        amount: Balance,
        claims: ClaimSet,
    ) -> Result<(), MintRefusal> {
        let issuer = self.ensure_promising_issuer(host)?;
        let prepared = self.plan_delivery(host, to, identity, amount, claims)?;
        // A delivery that re-links a party goes to the full code before anything is written here (the shell's
        // hand-over re-runs the whole message there, which must find the promise unsettled).
        if Self::relinks(&prepared) {
            full_code_only_in_shell!();
        }
        self.settle_promise(host, issuer, identity, amount, true)?;
        self.commit(host, prepared)?;
        Ok(())
    }

    pub fn check_mint_reserved<H: Host>(
        &self,
        host: &H,
        to: AccountId,
        identity: IdentityId,
        amount: Balance,
        claims: ClaimSet,
    ) -> Result<(), MintRefusal> {
        self.ensure_promising_issuer(host)?;
        self.plan_delivery(host, to, identity, amount, claims)
            .map(|_| ())
    }

    pub fn reserved(&self) -> (Reserved, Option<AccountId>) {
        let issuer = self
            .reserving_issuer
            .get()
            .filter(|_| self.reserved.supply > 0);
        (self.reserved, issuer)
    }

    pub fn reserved_for(&self, identity: IdentityId) -> Balance {
        self.promised_to(identity)
    }

    pub fn halted_by(&self) -> Option<AccountId> {
        self.halt.map(|h| h.guardian)
    }

    pub fn halt_reason(&self) -> Option<(AccountId, u32)> {
        self.halt.map(|h| (h.guardian, h.reason))
    }

    /// Where `recover_wallet` moved `lost`'s balance (the dividend distributor pays a lost wallet's share there).
    pub fn recovered_to(&self, lost: AccountId) -> Option<AccountId> {
        self.recovered_to.get(lost)
    }

    /// Block of `account`'s first balance checkpoint (the distributor starts a new holder's claims there).
    pub fn first_balance_block(&self, account: AccountId) -> Option<u32> {
        self.ledger.first_checkpoint_block(account)
    }

    /// A claim's facts about `account` in one frame (the distributor would otherwise load this code once per
    /// read): balances at its record blocks, the agent's freeze, the recovery.
    pub fn holder_record<H: Host>(
        &self,
        host: &H,
        account: AccountId,
        blocks: Vec<u32>,
    ) -> Result<suite_traits::HolderRecord, CheckpointError> {
        let asked = u32::try_from(blocks.len()).unwrap_or(u32::MAX);
        if asked > suite_traits::MAX_RECORD_BLOCKS {
            return Err(CheckpointError::TooManyBlocks {
                asked,
                max: suite_traits::MAX_RECORD_BLOCKS,
            });
        }
        let mut balances = Vec::with_capacity(blocks.len());
        for block in blocks {
            self.ensure_past(host, block)?;
            balances.push(self.ledger.balance_of_at(account, block));
        }
        // One read of the account's state for its freeze and its kept status.
        let state = self.state_of(account);
        Ok(suite_traits::HolderRecord {
            balances,
            account_frozen: state.frozen,
            recovered_to: self.recovered_to.get(account),
            first_balance_block: self.ledger.first_checkpoint_block(account),
            status: self.kept_status(host, account, &state, ClaimSet::empty()),
        })
    }
}
