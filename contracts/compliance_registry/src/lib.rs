//! # Compliance registry
//!
//! One registry serves an alliance of crowdfunding platforms and every token they issue: an investor is verified
//! once, by any trusted platform, and can then hold any token whose rules their claims satisfy.
//!
//! ## Roles
//! - **Admin** (one account, handed over in two steps): trusts verifiers per claim type, appoints regulators, and
//!   may manage any identity's wallets and country and revoke any claim.
//! - **Verifier** (a platform, trusted for a set of claim types): registers identities (becoming their
//!   registrar), links and unlinks their wallets, sets their country, issues and revokes claims of its types.
//!   A verifier removed from the alliance loses its registrar powers at once; the admin reassigns them
//!   (`reassign_registrar`). A claim that still counts is renewed or shortened only by its issuer.
//! - **Regulator**: freezes and unfreezes identities. It can neither mint nor move funds, nor change claims.
//!
//! ## Invariants
//! - A wallet belongs to at most one identity; an identity owns at most [`data::MAX_WALLETS_PER_IDENTITY`] wallets
//!   and `wallet_count` always equals the length of its wallet list.
//! - A claim counts only while `now < expires_at` **and** its issuer is still trusted for its type; removing a
//!   verifier withdraws all its claims at once.
//! - Countries are ISO 3166-1 numeric codes in 1..=999.
//! - Every bound token (`bind_token`, at most 8) hears of each link change in the same transaction and can refuse
//!   it: a wallet counts towards its identity's holding from the moment it is linked.
//! - Every bound token hears of every change that decides transfers (a link, an identity's country, freeze or
//!   claims, a verifier's trust) in the same transaction, or the change is refused (`TokenUnreachable`): a bound
//!   token keeps a copy of these facts and never a stale one. Only a token that answers that it asks another
//!   registry is passed over (for an unlink or a status change; a link still needs it unbound first).
//! - A wallet of a frozen identity cannot be unlinked: a freeze is not escaped by moving wallets.
//! - No personal data is stored: claims carry only an evidence hash.
//! - Every state change emits exactly one event; every message that can fail returns a [`RegistryError`].
//! - No message loops over users: every read or write touches a bounded number of storage cells.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The shell build leaves out every message but the status queries, and the helpers only those others use.
#![cfg_attr(
    feature = "hot-shell",
    allow(dead_code, unused_imports, unused_variables, unreachable_code)
)]

pub mod data;
pub mod errors;
pub mod events;
#[cfg(test)]
mod tests;
pub mod types;

pub use errors::{RegistryError, RegistryResult};
pub use types::{Claim, HeldClaim, IdentityRecord, WalletView};

#[ink::contract]
mod compliance_registry {
    use crate::data::RegistryData;
    use crate::errors::{RegistryError, RegistryResult};
    use crate::types::{Claim, IdentityRecord, WalletView};
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::vec::Vec;
    use suite_traits::announce;
    use suite_traits::CallAnswer;
    use suite_traits::{admin, Admin, AdminError};
    use suite_traits::{
        ClaimSet, ClaimType, ComplianceRegistry, CountryCode, IdentityId, IdentityListener,
        PartyStatus, RegistryChange, RelinkError, WalletFacts,
    };

    /// The registry contract: a thin shell over [`RegistryData`].
    #[ink(storage)]
    pub struct ComplianceRegistryContract {
        data: RegistryData,
    }

    impl ComplianceRegistryContract {
        /// A registry whose admin is the deployer.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {
                data: RegistryData::new(Self::env().caller()),
            }
        }

        fn now(&self) -> Timestamp {
            self.env().block_timestamp()
        }

        /// Tells every bound token that `wallet` now belongs to `identity` (`None`: unlinked); any refusal refuses
        /// the change (the message returns `Err`, which reverts everything it wrote). A token that answers that it
        /// asks another registry keeps no copy of this one's facts: an unlink goes ahead without it, a link does
        /// not (it must first be unbound).
        fn notify_tokens(
            &self,
            wallet: AccountId,
            identity: Option<IdentityId>,
        ) -> RegistryResult<()> {
            for token in self.data.bound_tokens() {
                let mut listener: ink::contract_ref!(IdentityListener) = token.into();
                let answer = listener
                    .call_mut()
                    .wallet_relinked(wallet, identity)
                    .try_invoke()
                    .answer_or(RegistryError::TokenUnreachable { token })?;
                match answer {
                    Ok(()) => {}
                    Err(RelinkError::NotRegistry { .. }) if identity.is_none() => {}
                    Err(reason) => {
                        return Err(RegistryError::TokenRefusedLink {
                            token,
                            wallet,
                            reason,
                        })
                    }
                }
            }
            Ok(())
        }

        /// Tells one token of `change`; `Ok(false)` if it answers that it asks another registry.
        fn tell_token(&self, token: AccountId, change: RegistryChange) -> RegistryResult<bool> {
            let mut listener: ink::contract_ref!(IdentityListener) = token.into();
            match listener
                .call_mut()
                .registry_changed(change)
                .try_invoke()
                .answer_or(RegistryError::TokenUnreachable { token })?
            {
                Ok(()) => Ok(true),
                Err(_) => Ok(false),
            }
        }

        /// Tells every bound token of `change` before it can stand: a token that cannot hear it refuses it (so
        /// no token keeps a stale copy of the facts that decide its transfers).
        fn notify_change(&self, change: RegistryChange) -> RegistryResult<()> {
            for token in self.data.bound_tokens() {
                self.tell_token(token, change)?;
            }
            Ok(())
        }

        /// Admin: tell `token` of every link change from now on (at most 8 tokens).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn bind_token(&mut self, token: AccountId) -> RegistryResult<()> {
            let event = self.data.bind_token(self.env().caller(), token)?;
            // The registry cannot be its own token: a call to itself is not re-entered, it would trap.
            if token == self.env().account_id() {
                return Err(RegistryError::TokenUnreachable { token });
            }
            // The token starts keeping a copy of this registry's facts only once it has heard it is bound.
            if !self.tell_token(token, RegistryChange::Bound)? {
                return Err(RegistryError::TokenUsesAnotherRegistry { token });
            }
            self.env().emit_event(event);
            Ok(())
        }

        /// Admin: stop telling `token` of link changes.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn unbind_token(&mut self, token: AccountId) -> RegistryResult<()> {
            let event = self.data.unbind_token(self.env().caller(), token)?;
            // The token stops trusting its copy of the facts. Unbinding must work even for an address that is not
            // a token at all (bound by mistake), so whether it heard is not checked.
            let _ = self.tell_token(token, RegistryChange::Unbound);
            self.env().emit_event(event);
            Ok(())
        }

        /// Tokens told of every link change.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn bound_tokens(&self) -> Vec<AccountId> {
            self.data.bound_tokens()
        }

        /// Admin: give `identity`'s registrar powers to the verifier `registrar`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn reassign_registrar(
            &mut self,
            identity: IdentityId,
            registrar: AccountId,
        ) -> RegistryResult<()> {
            announce(
                self.data
                    .reassign_registrar(self.env().caller(), identity, registrar),
            )
        }

        /// Admin, before the first identity is registered: number identities from `first`, so a registry that
        /// succeeds another continues its numbers (a token refuses a registry whose numbers it already counts).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn number_identities_from(&mut self, first: IdentityId) -> RegistryResult<()> {
            let event = self
                .data
                .number_identities_from(self.env().caller(), first)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Admin: trust `verifier` for exactly `claim_types` (an empty set removes it).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_verifier(
            &mut self,
            verifier: AccountId,
            claim_types: ClaimSet,
        ) -> RegistryResult<()> {
            let event = self
                .data
                .set_verifier(self.env().caller(), verifier, claim_types)?;
            self.notify_change(RegistryChange::Verifier(verifier))?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Claim types `verifier` is trusted for.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn verifier_claims(&self, verifier: AccountId) -> ClaimSet {
            self.data.verifier_claims(verifier)
        }

        /// Admin: appoint a regulator.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn add_regulator(&mut self, account: AccountId) -> RegistryResult<()> {
            announce(self.data.add_regulator(self.env().caller(), account))
        }

        /// Admin: dismiss a regulator.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn remove_regulator(&mut self, account: AccountId) -> RegistryResult<()> {
            announce(self.data.remove_regulator(self.env().caller(), account))
        }

        /// Whether `account` is a regulator.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn is_regulator(&self, account: AccountId) -> bool {
            self.data.is_regulator(account)
        }

        /// Verifier: register a new identity owning `wallet`, resident in `country`. Returns its number.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn register_identity(
            &mut self,
            wallet: AccountId,
            country: CountryCode,
        ) -> RegistryResult<IdentityId> {
            let now = self.now();
            let (identity, event) =
                self.data
                    .register_identity(self.env().caller(), wallet, country, now)?;
            self.notify_tokens(wallet, Some(identity))?;
            self.env().emit_event(event);
            Ok(identity)
        }

        /// Registrar or admin: link another wallet to `identity`.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn add_wallet(
            &mut self,
            identity: IdentityId,
            wallet: AccountId,
        ) -> RegistryResult<()> {
            let event = self
                .data
                .add_wallet(self.env().caller(), identity, wallet)?;
            self.notify_tokens(wallet, Some(identity))?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Registrar or admin: unlink `wallet` from its identity.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn remove_wallet(&mut self, wallet: AccountId) -> RegistryResult<()> {
            let event = self.data.remove_wallet(self.env().caller(), wallet)?;
            self.notify_tokens(wallet, None)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Registrar or admin: change the identity's country.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_country(
            &mut self,
            identity: IdentityId,
            country: CountryCode,
        ) -> RegistryResult<()> {
            let event = self
                .data
                .set_country(self.env().caller(), identity, country)?;
            self.notify_change(RegistryChange::Identity(identity))?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Verifier trusted for `claim`: issue or renew it until `expires_at` (ms), with an evidence hash.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn issue_claim(
            &mut self,
            identity: IdentityId,
            claim: ClaimType,
            expires_at: Timestamp,
            evidence: Hash,
        ) -> RegistryResult<()> {
            let now = self.now();
            let event = self.data.issue_claim(
                self.env().caller(),
                identity,
                claim,
                expires_at,
                evidence,
                now,
            )?;
            self.notify_change(RegistryChange::Identity(identity))?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The claim's issuer or the admin: revoke it.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn revoke_claim(
            &mut self,
            identity: IdentityId,
            claim: ClaimType,
        ) -> RegistryResult<()> {
            let event = self
                .data
                .revoke_claim(self.env().caller(), identity, claim)?;
            self.notify_change(RegistryChange::Identity(identity))?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Regulator: freeze an identity on every token using this registry; `reason` hashes the order.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn freeze_identity(
            &mut self,
            identity: IdentityId,
            reason: Hash,
        ) -> RegistryResult<()> {
            let event = self
                .data
                .freeze_identity(self.env().caller(), identity, reason)?;
            self.notify_change(RegistryChange::Identity(identity))?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Regulator: lift an identity's freeze.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn unfreeze_identity(&mut self, identity: IdentityId) -> RegistryResult<()> {
            let event = self.data.unfreeze_identity(self.env().caller(), identity)?;
            self.notify_change(RegistryChange::Identity(identity))?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Record of an identity.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn identity(&self, identity: IdentityId) -> Option<IdentityRecord> {
            self.data.identity(identity)
        }

        /// A claim of an identity, valid or not.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn claim(&self, identity: IdentityId, claim: ClaimType) -> Option<Claim> {
            self.data.claim(identity, claim)
        }

        /// `wallet`'s identity, its record and every claim it holds with whether the claim counts now: what a
        /// front-end shows an investor, in one read (`None`: the wallet belongs to no identity).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn wallet_view(&self, wallet: AccountId) -> Option<WalletView> {
            self.data.wallet_view(wallet, self.env().block_timestamp())
        }
    }

    /// The admin role and its two-step handover (the suite's one `Admin` surface).
    impl Admin for ComplianceRegistryContract {
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

    impl ComplianceRegistry for ComplianceRegistryContract {
        #[ink(message)]
        fn wallets_of(&self, identity: IdentityId) -> Vec<AccountId> {
            self.data.wallets_of(identity)
        }

        #[ink(message)]
        fn party_status(&self, account: AccountId, claims: ClaimSet) -> PartyStatus {
            self.data.party_status(account, claims, self.now())
        }

        #[ink(message)]
        fn transfer_facts(&self, parties: [Option<AccountId>; 2]) -> [WalletFacts; 2] {
            parties.map(|party| party.and_then(|account| self.data.wallet_facts(account)))
        }

        #[ink(message)]
        fn identity_of(&self, account: AccountId) -> Option<IdentityId> {
            self.data.identity_of(account)
        }

        #[ink(message)]
        fn first_identity(&self) -> IdentityId {
            self.data.first_identity()
        }
    }

    impl Default for ComplianceRegistryContract {
        fn default() -> Self {
            Self::new()
        }
    }
}

pub use crate::compliance_registry::{ComplianceRegistryContract, ComplianceRegistryContractRef};

/// The full code that the status shell delegates every other message to (see [`suite_traits::split`]).
#[cfg(feature = "hot-shell")]
const FULL_CODE_HASH: [u8; 32] =
    suite_traits::split::full_code_hash(option_env!("COMPLIANCE_REGISTRY_FULL_CODE_HASH"));

#[cfg(feature = "hot-shell")]
suite_traits::split_shell_entry_points!(
    compliance_registry::ComplianceRegistryContract,
    FULL_CODE_HASH
);
