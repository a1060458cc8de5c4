//! # Project token
//!
//! The security token of one infrastructure project: PSP22 (with metadata, mint and burn under their standard
//! trait names) whose every transfer, mint and burn is checked against compliance rules, with facts about both
//! parties taken from the shared [compliance registry](../compliance_registry/index.html). A token the registry
//! is bound to keeps a copy of those facts, which the registry keeps current (it tells the token of every change
//! before the change can stand), so its transfers make no cross-call; whatever the copy does not hold (a party
//! never seen since binding, an exempt party) it asks the registry for, in one cross-call.
//!
//! ## Shape
//! The contract below is a shell: each message is one line that hands its arguments to the method of the same
//! name of [`data::TokenData`], the token's whole state and rules, together with `Chain`, the chain seen through
//! [`data::Host`] (caller, clock, block, the registry's answers, events). The rules it applies are the pure
//! modules [`compliance`], [`ledger`], [`lockup`], [`documents`], [`allowances`] and [`roles`]; `data_tests.rs`
//! runs the whole state machine natively against a model chain. The deployed transfer shell (`--features
//! hot-shell`) serves its frequent messages with its own dispatcher ([`shell`]) and hands the rest to the full code.
//!
//! ## Roles
//! - **Admin** (one account, two-step handover; the governor once governance is live): rules, country lists,
//!   exemptions, registry, supply cap, documents, pause, roles.
//! - **Issuer**: `PSP22Mintable::mint`; `PSP22Burnable::burn` of any holder's free tokens (redemption). A holder
//!   may burn its own free tokens. An issuer that sells the token (the crowdfund escrow) promises what it accepts
//!   money for (`IssuerReservations`: reserve, release, deliver); one issuer's promises at a time, and its role
//!   cannot be revoked while it has any.
//! - **Agent**: account and partial freezes, lock-up schedules, forced transfers and lost-wallet recovery, each
//!   with a reason and an evidence hash.
//! - **Guardian**: halts and resumes trading (the IoT oracle); the admin may also resume.
//!
//! ## Invariants
//! - Sum of balances = total supply; each identity's total = sum of its attributed wallets' balances; the holder
//!   count = identities with a non-zero total (see [`ledger`]).
//! - No regular transfer, mint or burn completes unless [`compliance::check`] accepted it; `can_transfer` runs
//!   the very same code without writing.
//! - Promises count as minted: supply + promised ≤ cap; identities holding + identities promised ≤ holder limit
//!   (whenever a new one joins); an identity's holding + its promise ≤ maximum holding (whenever it grows). A
//!   promise is delivered by the rules it was accepted under (the recipient's standing only).
//! - Checkpoints: `balance_of_at(a, b)` and `total_supply_at(b)` equal the values at the end of block `b`.
//! - While paused or halted, only the agent's forced transfer and recovery move tokens.
//! - Every state change emits an event; every role change emits `RoleGranted`/`RoleRevoked`/`AdminChanged`.
//! - Bounded work: a transfer reads and writes a fixed number of cells (lock-ups are at most 12 tranches).
//! - The copy of the registry's facts is used only while the registry tells this token of every change
//!   (`listening`), and only entries learned in the current generation count (`facts_epoch`: a new one whenever
//!   the token starts or stops listening or changes registry); a transfer then decides exactly as it would from
//!   the registry's own answer (the same [`suite_traits::IdentityFacts::status`] evaluates both).
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The shell build leaves out the admin messages, and with them the helpers only they use.
#![cfg_attr(
    feature = "hot-shell",
    allow(dead_code, unused_imports, unused_variables, unreachable_code)
)]

pub mod allowances;
pub mod compliance;
#[cfg(test)]
mod data_tests;
pub mod documents;
pub mod errors;
pub mod events;
pub mod ledger;
pub mod lockup;
pub mod roles;
#[cfg(test)]
mod tests;
pub mod types;

pub use errors::{Party, TokenError, TokenResult, TransferRestriction};
pub use lockup::Tranche;
pub use types::{ComplianceRules, Role};

/// In the shell build, a rarely called message whose trait keeps it in the shell hands itself to the full code
/// here instead of carrying its body (ink! keeps every message of an implemented trait; only the body can go).
macro_rules! full_code_only_in_shell {
    () => {
        suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
    };
}

// After the macro above, which its hand-overs use.
pub mod data;

#[ink::contract]
mod project_token {
    pub use crate::data::{AccountState, HaltInfo, Holding};
    use crate::data::{Host, TokenData};
    use crate::documents::Document;
    use crate::errors::{TokenResult, TransferRestriction};
    use crate::lockup::Tranche;
    use crate::types::{ComplianceRules, Role};
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::{string::String, vec::Vec};
    use suite_traits::split::Constructed;
    use suite_traits::CallAnswer;
    use suite_traits::{
        AccountFreeze, CheckpointError, Checkpointed, ClaimSet, ComplianceRegistry, CountryCode,
        HaltError, Haltable, IdentityCheckpointed, IdentityId, IdentityListener,
        IssuerReservations, MintRefusal, PSP22Burnable, PSP22Error, PSP22Metadata, PSP22Mintable,
        RegistryChange, RelinkError, Reserved, VoterRecord, WalletFacts, WalletHistory, PSP22,
    };
    use suite_traits::{Admin, AdminError};

    /// The chain, as the token's rules see it ([`Host`]): ink!'s environment and the registry's messages.
    pub struct Chain;

    impl Host for Chain {
        fn caller(&self) -> AccountId {
            ink::env::caller::<Environment>()
        }

        fn account_id(&self) -> AccountId {
            ink::env::account_id::<Environment>()
        }

        fn now(&self) -> Timestamp {
            ink::env::block_timestamp::<Environment>()
        }

        fn block(&self) -> u32 {
            ink::env::block_number::<Environment>()
        }

        fn emit<E: ink::env::event::Event>(&self, event: E) {
            ink::env::emit_event::<Environment, E>(event)
        }

        fn transfer_facts(
            &self,
            registry: AccountId,
            parties: [Option<AccountId>; 2],
        ) -> Result<[WalletFacts; 2], TransferRestriction> {
            let registry: ink::contract_ref!(ComplianceRegistry) = registry.into();
            registry
                .call()
                .transfer_facts(parties)
                .try_invoke()
                .answer_or(TransferRestriction::RegistryUnavailable)
        }

        fn identity_of(
            &self,
            registry: AccountId,
            account: AccountId,
        ) -> Result<Option<IdentityId>, TransferRestriction> {
            let registry: ink::contract_ref!(ComplianceRegistry) = registry.into();
            registry
                .call()
                .identity_of(account)
                .try_invoke()
                .answer_or(TransferRestriction::RegistryUnavailable)
        }

        fn first_identity(&self, registry: AccountId) -> Result<IdentityId, TransferRestriction> {
            let registry: ink::contract_ref!(ComplianceRegistry) = registry.into();
            registry
                .call()
                .first_identity()
                .try_invoke()
                .answer_or(TransferRestriction::RegistryUnavailable)
        }
    }

    /// The project token contract.
    #[ink(storage)]
    #[derive(Default)]
    pub struct ProjectToken {
        data: TokenData,
        /// `false` only in the placeholder a shell's `deploy` writes (see `suite_traits::split`).
        split: Constructed,
    }

    impl ProjectToken {
        /// A token administered by the deployer, asking `registry` about investors.
        #[ink(constructor)]
        pub fn new(
            name: Option<String>,
            symbol: Option<String>,
            decimals: u8,
            registry: AccountId,
            rules: ComplianceRules,
            supply_cap: Option<Balance>,
        ) -> TokenResult<Self> {
            TokenData::new(&Chain, name, symbol, decimals, registry, rules, supply_cap).map(
                |data| Self {
                    data,
                    split: Constructed::YES,
                },
            )
        }

        /// The constructor, for a shell's `deploy` (`suite_traits::split`): replaces the placeholder it wrote with
        /// the token `new` makes. On a constructed token it is refused (`AlreadyConstructed`).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn split_construct(
            &mut self,
            name: Option<String>,
            symbol: Option<String>,
            decimals: u8,
            registry: AccountId,
            rules: ComplianceRules,
            supply_cap: Option<Balance>,
        ) -> TokenResult<()> {
            *self = self
                .split
                .construct(crate::TokenError::AlreadyConstructed, || {
                    Self::new(name, symbol, decimals, registry, rules, supply_cap)
                })?;
            Ok(())
        }

        /// Why a transfer of `amount` from `from` to `to` would be refused now, or `Ok` if it would pass.
        #[ink(message)]
        pub fn can_transfer(
            &self,
            from: AccountId,
            to: AccountId,
            amount: Balance,
        ) -> Result<(), TransferRestriction> {
            self.data.can_transfer(&Chain, from, to, amount)
        }

        /// Why minting `amount` to `to` would be refused now, or `Ok`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn can_mint(&self, to: AccountId, amount: Balance) -> Result<(), TransferRestriction> {
            self.data.can_mint(&Chain, to, amount)
        }

        /// Anyone: make `wallet`'s holding count towards the identity the registry links it to now (for a token
        /// the registry does not notify; a bound token hears of every link at once). Refused, changing nothing,
        /// if the identity would then break the maximum holding or the holder limit.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn sync_identity(&mut self, wallet: AccountId) -> TokenResult<()> {
            self.data.sync_identity(&Chain, wallet)
        }

        /// Admin: grant `role` to `account`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn grant_role(&mut self, account: AccountId, role: Role) -> TokenResult<()> {
            self.data.grant_role(&Chain, account, role)
        }

        /// Admin: revoke `role` from `account`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn revoke_role(&mut self, account: AccountId, role: Role) -> TokenResult<()> {
            self.data.revoke_role(&Chain, account, role)
        }

        /// Whether `account` holds `role`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn has_role(&self, account: AccountId, role: Role) -> bool {
            self.data.has_role(account, role)
        }

        /// The compliance registry asked on every transfer.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn registry(&self) -> AccountId {
            self.data.registry()
        }

        /// Admin: point the token at another registry: one that numbers its identities above every identity the
        /// books count (a successor that continues the old numbers), and only while no promise is outstanding.
        /// Wallets keep counting for their old numbers, which no identity of the new registry has, until each is
        /// re-linked (at once by a bound registry as it links it, or by anyone's `sync_identity`): no holding or
        /// vote can pass to another holder's number.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_registry(&mut self, registry: AccountId) -> TokenResult<()> {
            self.data.set_registry(&Chain, registry)
        }

        /// Current compliance rules.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn rules(&self) -> ComplianceRules {
            self.data.rules()
        }

        /// Admin: replace the compliance rules.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_rules(&mut self, rules: ComplianceRules) -> TokenResult<()> {
            self.data.set_rules(&Chain, rules)
        }

        /// Admin: put `country` on (`listed`) or off the allow list (`allow_list`) or the block list.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_country_listed(
            &mut self,
            country: CountryCode,
            allow_list: bool,
            listed: bool,
        ) -> TokenResult<()> {
            self.data
                .set_country_listed(&Chain, country, allow_list, listed)
        }

        /// Whether `country` is on the allow list and on the block list.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn country_listing(&self, country: CountryCode) -> (bool, bool) {
            self.data.country_listing(country)
        }

        /// Admin: make `account` exempt (or not) from identity, claim, country and holding rules.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_exempt(&mut self, account: AccountId, exempt: bool) -> TokenResult<()> {
            self.data.set_exempt(&Chain, account, exempt)
        }

        /// Admin: set or lift the authorised supply (never below the current supply).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_supply_cap(&mut self, cap: Option<Balance>) -> TokenResult<()> {
            self.data.set_supply_cap(&Chain, cap)
        }

        /// Authorised supply, if capped.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn supply_cap(&self) -> Option<Balance> {
            self.data.supply_cap()
        }

        /// Admin: pause every regular transfer, mint and burn.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn pause(&mut self) -> TokenResult<()> {
            self.data.pause(&Chain)
        }

        /// Admin: lift the pause.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn unpause(&mut self) -> TokenResult<()> {
            self.data.unpause(&Chain)
        }

        /// Whether the admin paused the token.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn is_paused(&self) -> bool {
            self.data.is_paused()
        }

        /// Who halted trading and why, if halted.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn halt_info(&self) -> Option<HaltInfo> {
            self.data.halt_info()
        }

        /// Agent: freeze or unfreeze `account` on this token; `reason` hashes the order.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_account_frozen(
            &mut self,
            account: AccountId,
            frozen: bool,
            reason: Hash,
        ) -> TokenResult<()> {
            self.data
                .set_account_frozen(&Chain, account, frozen, reason)
        }

        /// Agent: freeze `amount` more of `account`'s tokens.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn freeze_tokens(
            &mut self,
            account: AccountId,
            amount: Balance,
            reason: Hash,
        ) -> TokenResult<()> {
            self.data.freeze_tokens(&Chain, account, amount, reason)
        }

        /// Agent: release `amount` of `account`'s frozen tokens.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn unfreeze_tokens(
            &mut self,
            account: AccountId,
            amount: Balance,
            reason: Hash,
        ) -> TokenResult<()> {
            self.data.unfreeze_tokens(&Chain, account, amount, reason)
        }

        /// Agent: replace `account`'s lock-up schedule (an empty list removes it).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_lockup(
            &mut self,
            account: AccountId,
            tranches: Vec<Tranche>,
        ) -> TokenResult<()> {
            self.data.set_lockup(&Chain, account, tranches)
        }

        /// Tranches of `account` that still lock something.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn lockup_of(&self, account: AccountId) -> Vec<Tranche> {
            self.data.lockup_of(&Chain, account)
        }

        /// What `account` can move now: balance minus locked and frozen tokens.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn free_balance_of(&self, account: AccountId) -> Balance {
            self.data.free_balance_of(&Chain, account)
        }

        /// Token-side state of `account`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn account_state(&self, account: AccountId) -> AccountState {
            self.data.account_state(account)
        }

        /// `account`'s balance, what it can move now, its lock-ups and its state, in one read: what a front-end
        /// shows a holder (each part is what the message of that name answers).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn holding(&self, account: AccountId) -> Holding {
            self.data.holding(&Chain, account)
        }

        /// Agent: move `amount` from `from` to `to` without `from`'s signature (court order, error correction).
        /// Sender rules, lock-ups and partial freezes are overridden (frozen tokens are released as needed), except
        /// a regulator's freeze of the sender's identity; the recipient must still pass every rule. Works while
        /// paused or halted.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn forced_transfer(
            &mut self,
            from: AccountId,
            to: AccountId,
            amount: Balance,
            reason: u32,
            evidence: Hash,
        ) -> TokenResult<()> {
            self.data
                .forced_transfer(&Chain, from, to, amount, reason, evidence)
        }

        /// Agent: move a lost wallet's whole balance, lock-up, partial freeze and account freeze to `new_wallet`,
        /// which the registry must link to the same identity and which must be neither exempt nor frozen on this
        /// token. The lost wallet is then frozen on this token.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn recover_wallet(
            &mut self,
            lost: AccountId,
            new_wallet: AccountId,
            evidence: Hash,
        ) -> TokenResult<()> {
            self.data.recover_wallet(&Chain, lost, new_wallet, evidence)
        }

        /// Admin: add or replace a document.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_document(&mut self, name: String, uri: String, hash: Hash) -> TokenResult<()> {
            self.data.set_document(&Chain, name, uri, hash)
        }

        /// Admin: remove a document.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn remove_document(&mut self, name: String) -> TokenResult<()> {
            self.data.remove_document(&Chain, name)
        }

        /// A document by name.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn document(&self, name: String) -> Option<Document> {
            self.data.document(name)
        }

        /// Names of all registered documents.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn document_names(&self) -> Vec<String> {
            self.data.document_names()
        }

        /// What `identity` holds over all its wallets.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn identity_balance(&self, identity: IdentityId) -> Balance {
            self.data.identity_balance(identity)
        }

        /// Identities currently holding tokens.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn holder_count(&self) -> u32 {
            self.data.holder_count()
        }

        /// Number of balance checkpoints of `account`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn checkpoint_count(&self, account: AccountId) -> u32 {
            self.data.checkpoint_count(account)
        }
    }

    /// The admin role and its two-step handover (the suite's one `Admin` surface).
    impl Admin for ProjectToken {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            full_code_only_in_shell!();
            self.data.admin()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            full_code_only_in_shell!();
            self.data.pending_admin()
        }

        #[ink(message)]
        fn transfer_admin(&mut self, candidate: AccountId) -> Result<(), AdminError> {
            full_code_only_in_shell!();
            self.data.transfer_admin(candidate)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> Result<(), AdminError> {
            full_code_only_in_shell!();
            self.data.accept_admin()
        }
    }

    impl PSP22 for ProjectToken {
        #[ink(message)]
        fn total_supply(&self) -> Balance {
            self.data.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> Balance {
            self.data.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> Balance {
            self.data.allowance(owner, spender)
        }

        #[ink(message)]
        fn transfer(
            &mut self,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            self.data.transfer(&Chain, to, value, _data)
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: Balance,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            self.data.transfer_from(&Chain, from, to, value, _data)
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: Balance) -> Result<(), PSP22Error> {
            self.data.approve(&Chain, spender, value)
        }

        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            full_code_only_in_shell!();
            self.data.increase_allowance(&Chain, spender, delta_value)
        }

        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: Balance,
        ) -> Result<(), PSP22Error> {
            full_code_only_in_shell!();
            self.data.decrease_allowance(&Chain, spender, delta_value)
        }
    }

    impl PSP22Metadata for ProjectToken {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            full_code_only_in_shell!();
            self.data.token_name()
        }

        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            full_code_only_in_shell!();
            self.data.token_symbol()
        }

        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            full_code_only_in_shell!();
            self.data.token_decimals()
        }
    }

    impl PSP22Mintable for ProjectToken {
        /// Issuer only; the recipient must pass every compliance rule and the supply cap.
        #[ink(message)]
        fn mint(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error> {
            self.data.mint(&Chain, account, amount)
        }
    }

    impl PSP22Burnable for ProjectToken {
        /// The holder itself, or an issuer (redemption); only free tokens can be burned.
        #[ink(message)]
        fn burn(&mut self, account: AccountId, amount: Balance) -> Result<(), PSP22Error> {
            full_code_only_in_shell!();
            self.data.burn(&Chain, account, amount)
        }
    }

    impl Checkpointed for ProjectToken {
        #[ink(message)]
        fn balance_of_at(
            &self,
            account: AccountId,
            block: u32,
        ) -> Result<Balance, CheckpointError> {
            self.data.balance_of_at(&Chain, account, block)
        }

        #[ink(message)]
        fn total_supply_at(&self, block: u32) -> Result<Balance, CheckpointError> {
            self.data.total_supply_at(&Chain, block)
        }
    }

    impl AccountFreeze for ProjectToken {
        /// Whether the agent froze `account` (the dividend distributor holds a frozen holder's share).
        #[ink(message)]
        fn is_account_frozen(&self, account: AccountId) -> bool {
            full_code_only_in_shell!();
            self.data.is_account_frozen(account)
        }
    }

    impl IdentityCheckpointed for ProjectToken {
        #[ink(message)]
        fn identity_balance_at(
            &self,
            identity: IdentityId,
            block: u32,
        ) -> Result<Balance, CheckpointError> {
            self.data.identity_balance_at(&Chain, identity, block)
        }

        #[ink(message)]
        fn identity_supply_at(&self, block: u32) -> Result<Balance, CheckpointError> {
            full_code_only_in_shell!();
            self.data.identity_supply_at(&Chain, block)
        }

        /// The governor's one frame per vote (it would otherwise call the registry and this token separately).
        #[ink(message)]
        fn voter_record(
            &self,
            voter: AccountId,
            claims: ClaimSet,
            block: u32,
            with_supply: bool,
        ) -> Result<VoterRecord, CheckpointError> {
            self.data
                .voter_record(&Chain, voter, claims, block, with_supply)
        }
    }

    impl IdentityListener for ProjectToken {
        /// The registry only: `wallet` now belongs to `identity`. Its holding moves with it at once, under the
        /// maximum holding and holder limit; a refusal makes the registry refuse the link.
        #[ink(message)]
        fn wallet_relinked(
            &mut self,
            wallet: AccountId,
            identity: Option<IdentityId>,
        ) -> Result<(), RelinkError> {
            full_code_only_in_shell!();
            self.data.wallet_relinked(&Chain, wallet, identity)
        }

        /// The registry only: forget the copy of what changed, or start or stop trusting the copy at all.
        #[ink(message)]
        fn registry_changed(&mut self, change: RegistryChange) -> Result<(), RelinkError> {
            self.data.registry_changed(&Chain, change)
        }
    }

    impl Haltable for ProjectToken {
        /// Guardian only.
        #[ink(message)]
        fn halt(&mut self, reason: u32, evidence: Hash) -> Result<(), HaltError> {
            full_code_only_in_shell!();
            self.data.halt(&Chain, reason, evidence)
        }

        /// Guardian or admin.
        #[ink(message)]
        fn resume(&mut self) -> Result<(), HaltError> {
            full_code_only_in_shell!();
            self.data.resume(&Chain)
        }

        #[ink(message)]
        fn is_halted(&self) -> bool {
            self.data.is_halted()
        }
    }

    impl suite_traits::MintCheck for ProjectToken {
        /// `can_mint` for sellers of the token (the crowdfund escrow), with the reason as a suite-level enum.
        #[ink(message)]
        fn check_mint(
            &self,
            to: AccountId,
            amount: Balance,
        ) -> Result<(), suite_traits::MintRefusal> {
            self.data.check_mint(&Chain, to, amount)
        }

        /// `can_transfer` for a port that releases the tokens it holds (`contracts/xcm_port`), with the reason as
        /// a suite-level enum.
        #[ink(message)]
        fn check_transfer(
            &self,
            from: AccountId,
            to: AccountId,
            amount: Balance,
        ) -> Result<(), suite_traits::MintRefusal> {
            full_code_only_in_shell!();
            self.data
                .can_transfer(&Chain, from, to, amount)
                .map_err(suite_traits::MintRefusal::from)
        }
    }

    /// The issuer's promises (see `suite_traits::mint_check`): what an offering accepted money for counts as
    /// minted until it is delivered or released.
    impl IssuerReservations for ProjectToken {
        #[ink(message)]
        fn reserve(&mut self, to: AccountId, amount: Balance) -> Result<IdentityId, MintRefusal> {
            self.data.reserve(&Chain, to, amount)
        }

        #[ink(message)]
        fn release(&mut self, identity: IdentityId, amount: Balance) -> Result<(), MintRefusal> {
            self.data.release(&Chain, identity, amount)
        }

        #[ink(message)]
        fn release_all(&mut self) -> Result<(), MintRefusal> {
            full_code_only_in_shell!();
            self.data.release_all(&Chain)
        }

        #[ink(message)]
        fn mint_reserved(
            &mut self,
            to: AccountId,
            identity: IdentityId,
            amount: Balance,
            claims: ClaimSet,
        ) -> Result<(), MintRefusal> {
            self.data
                .mint_reserved(&Chain, to, identity, amount, claims)
        }

        #[ink(message)]
        fn check_mint_reserved(
            &self,
            to: AccountId,
            identity: IdentityId,
            amount: Balance,
            claims: ClaimSet,
        ) -> Result<(), MintRefusal> {
            full_code_only_in_shell!();
            self.data
                .check_mint_reserved(&Chain, to, identity, amount, claims)
        }

        #[ink(message)]
        fn reserved(&self) -> (Reserved, Option<AccountId>) {
            full_code_only_in_shell!();
            self.data.reserved()
        }

        #[ink(message)]
        fn reserved_for(&self, identity: IdentityId) -> Balance {
            full_code_only_in_shell!();
            self.data.reserved_for(identity)
        }
    }

    /// Who holds the halt (for the oracle, which resumes only a halt it placed itself).
    impl suite_traits::HaltStatus for ProjectToken {
        #[ink(message)]
        fn halted_by(&self) -> Option<AccountId> {
            full_code_only_in_shell!();
            self.data.halted_by()
        }

        #[ink(message)]
        fn halt_reason(&self) -> Option<(AccountId, u32)> {
            full_code_only_in_shell!();
            self.data.halt_reason()
        }
    }

    impl WalletHistory for ProjectToken {
        /// Where `recover_wallet` moved `lost`'s balance (the dividend distributor pays a lost wallet's share there).
        #[ink(message)]
        fn recovered_to(&self, lost: AccountId) -> Option<AccountId> {
            full_code_only_in_shell!();
            self.data.recovered_to(lost)
        }

        /// Block of `account`'s first balance checkpoint (the distributor starts a new holder's claims there).
        #[ink(message)]
        fn first_balance_block(&self, account: AccountId) -> Option<u32> {
            self.data.first_balance_block(account)
        }

        /// A claim's facts about `account` in one frame (the distributor would otherwise load this code once per
        /// read): balances at its record blocks, the agent's freeze, the recovery.
        #[ink(message)]
        fn holder_record(
            &self,
            account: AccountId,
            blocks: Vec<u32>,
        ) -> Result<suite_traits::HolderRecord, CheckpointError> {
            self.data.holder_record(&Chain, account, blocks)
        }
    }
}

pub use crate::data::{AccountState, HaltInfo, Holding, TokenMetadata};
pub use crate::project_token::{ProjectToken, ProjectTokenRef};

/// A restriction told from the recipient's side (see `MintCheck`): a mint has no sender, and a port releasing
/// what it holds is the sender, so a reason naming the sender (the port frozen by the agent, ...) reads `Other`
/// instead of the recipient's words.
impl From<TransferRestriction> for suite_traits::MintRefusal {
    fn from(r: TransferRestriction) -> Self {
        use crate::errors::Party::Recipient;
        use suite_traits::MintRefusal as M;
        use TransferRestriction as R;
        match r {
            R::Paused => M::Paused,
            R::Halted { reason } => M::Halted { reason },
            R::AccountFrozen { party: Recipient } => M::AccountFrozen,
            R::IdentityFrozen {
                party: Recipient,
                identity,
            } => M::IdentityFrozen { identity },
            R::NotRegistered { party: Recipient } => M::NotRegistered,
            R::MissingClaims {
                party: Recipient,
                missing,
            } => M::MissingClaims { missing },
            R::CountryBlocked {
                party: Recipient,
                country,
            } => M::CountryBlocked { country },
            R::CountryNotAllowed {
                party: Recipient,
                country,
            } => M::CountryNotAllowed { country },
            R::MaxHoldingExceeded {
                identity,
                would_hold,
                limit,
            } => M::MaxHoldingExceeded {
                identity,
                would_hold,
                limit,
            },
            R::HolderLimitReached { limit } => M::HolderLimitReached { limit },
            R::SupplyCapExceeded { cap, would_be } => M::SupplyCapExceeded { cap, would_be },
            R::RegistryUnavailable => M::RegistryUnavailable,
            R::AccountFrozen { .. }
            | R::IdentityFrozen { .. }
            | R::NotRegistered { .. }
            | R::MissingClaims { .. }
            | R::CountryBlocked { .. }
            | R::CountryNotAllowed { .. }
            | R::InsufficientBalance { .. }
            | R::InsufficientUnlocked { .. }
            | R::Overflow
            | R::RecipientIsToken
            | R::ExemptAccountLinked { .. } => M::Other,
        }
    }
}

/// The full code that the transfer shell delegates every other message to (see [`suite_traits::split`]).
#[cfg(feature = "hot-shell")]
const FULL_CODE_HASH: [u8; 32] =
    suite_traits::split::full_code_hash(option_env!("PROJECT_TOKEN_FULL_CODE_HASH"));

pub mod shell;

#[cfg(feature = "hot-shell")]
suite_traits::split_shell_deploy!(
    project_token::ProjectToken,
    FULL_CODE_HASH,
    constructor_in_full_code
);

/// The shell's `call`: its own dispatcher of the hot messages ([`shell`]), every other message to the full code.
#[cfg(all(feature = "hot-shell", target_arch = "wasm32", not(feature = "std")))]
#[no_mangle]
pub extern "C" fn call() {
    shell::call(FULL_CODE_HASH)
}
