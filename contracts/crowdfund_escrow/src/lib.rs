//! # Crowdfund escrow
//!
//! One offering of a project's security tokens, for native currency. The lead investor's commitment arrives
//! first and opens the sale; investors verified in the shared [compliance registry] contribute until the hard cap
//! or the deadline; if the soft cap is met the platform takes its fee, the sponsor is paid (at once or in
//! milestone tranches) and every investor pulls its tokens, minted by this escrow (which holds the token's issuer
//! role); otherwise everyone, the lead included, pulls a full refund. States and transitions are drawn in
//! [`data`].
//!
//! ## Roles
//! - **Admin** (deployer, then the governor; two-step handover): cancels before finalization, approves
//!   admin-approved tranches; after the long-stop, releases an oracle tranche never attested and the rest of the
//!   delivery holdback. It cannot change the terms, touch an investor's money, or mint.
//! - **Sponsor** (named in the terms): after the long-stop, releases an admin-approved tranche the admin never
//!   approved (to itself; no tranche is locked forever).
//! - **Lead investor** (named in the terms): its first deposit, at least the agreed commitment, opens the sale.
//! - **Investor**: any wallet whose identity holds the required claims, is not frozen and is not from a blocked
//!   country; non-accredited (retail) investors may withdraw within the cooling-off window.
//! - **Position holder** (the position's wallet or another wallet of its identity): after success, has the tokens
//!   minted to another wallet of the identity, or — if the token refuses them for a lasting reason — takes the
//!   money back from the delivery holdback (at once for a refusal others caused, a freeze; from the long-stop on
//!   for one of its own standing, a lapsed claim or an unlinked wallet, which it can mend and claim instead).
//! - **Anyone**: finalizes a decided offering, delivers an investor's tokens to that investor, releases an
//!   oracle-attested tranche (in any order), releases the holdback once every position is settled, releases the
//!   token's promises of a failed or cancelled offering. None of these can send money or tokens anywhere but to
//!   their fixed recipient.
//!
//! ## Invariants
//! - Solvency: the escrow's balance always covers [`OfferingData::owed`] — every unpaid refund before success,
//!   every unreleased tranche and the delivery holdback after (property-tested in `tests.rs` and checked on chain
//!   in the drink tests).
//! - Every accepted contribution stays deliverable: it is promised at the token (`IssuerReservations::reserve`),
//!   which checked the identity's whole promise and counts every promise as minted for the supply cap, the holder
//!   limit and the maximum holding, and delivers it by the rules it was accepted under (the investor's standing
//!   and the offering's claims; a later rule change does not refuse it). After success each position ends
//!   delivered or refunded from the holdback, once.
//! - Tokens are minted only after success, to the contributor, once (`Position::settled`); so nobody can both
//!   hold tokens and be refunded.
//! - Raised never exceeds the hard cap; each identity's total never exceeds the maximum ticket (the lead
//!   excepted) nor, for retail, the non-accredited cap; every contribution is a whole number of tokens.
//! - No finalization cuts a cooling-off window short.
//! - Sponsor + fee + refunds after success = raised exactly once everything is settled (the last tranche takes
//!   any rounding).
//! - Every state change emits an event; no message loops over investors.
//!
//! [compliance registry]: ../compliance_registry/index.html
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;
pub mod terms;
#[cfg(test)]
mod tests;
pub mod types;

pub use data::{OfferingStatus, Position};
pub use errors::{EscrowError, EscrowResult, TermsError};
pub use terms::{OfferingTerms, ReleaseCondition, TrancheTerms};
pub use types::{ListKind, Phase};

#[ink::contract]
mod crowdfund_escrow {
    use crate::data::{Finalized, OfferingData, OfferingStatus, Payout, Position};
    use crate::errors::{EscrowError, EscrowResult};
    use crate::terms::{OfferingTerms, ReleaseCondition, TrancheTerms};
    use crate::types::Phase;
    use ink::codegen::TraitCallBuilder;
    use suite_traits::CallAnswer;
    use suite_traits::{admin, Admin, AdminError};
    use suite_traits::{
        ClaimType, ComplianceRegistry, IdentityId, IssuerReservations, MilestoneOracle, MintCheck,
        MintRefusal, PSP22Mintable, PartyStatus,
    };

    /// The escrow contract: a thin shell over [`OfferingData`].
    #[ink(storage)]
    pub struct CrowdfundEscrow {
        data: OfferingData,
        token: AccountId,
        registry: AccountId,
    }

    impl CrowdfundEscrow {
        /// An offering of `token`'s units on `terms`, checking investors in `registry`. The deployer is the admin.
        /// The token's admin must then grant this escrow the issuer role.
        #[ink(constructor)]
        pub fn new(
            token: AccountId,
            registry: AccountId,
            terms: OfferingTerms,
        ) -> EscrowResult<Self> {
            terms
                .validate(Self::env().block_timestamp())
                .map_err(EscrowError::InvalidTerms)?;
            Ok(Self {
                data: OfferingData::new(Self::env().caller(), terms),
                token,
                registry,
            })
        }

        fn pay(&self, payout: Payout) -> EscrowResult<()> {
            if payout.amount == 0 {
                return Ok(());
            }
            self.env()
                .transfer(payout.to, payout.amount)
                .map_err(|_| EscrowError::PaymentFailed {
                    to: payout.to,
                    amount: payout.amount,
                })
        }

        fn investor_status(&self, investor: AccountId) -> EscrowResult<PartyStatus> {
            let registry: ink::contract_ref!(ComplianceRegistry) = self.registry.into();
            let claims = self
                .data
                .terms()
                .required_claims
                .with(ClaimType::Accredited);
            registry
                .call()
                .party_status(investor, claims)
                .try_invoke()
                .answer_or(EscrowError::RegistryUnavailable)
        }

        fn token(&self) -> ink::contract_ref!(IssuerReservations) {
            self.token.into()
        }

        /// Promises `tokens` more to the identity of `to` at the token (`Ok(Err(..))`: the token refuses, and why).
        fn promise(
            &mut self,
            to: AccountId,
            tokens: Balance,
        ) -> EscrowResult<Result<IdentityId, MintRefusal>> {
            self.token()
                .call_mut()
                .reserve(to, tokens)
                .try_invoke()
                .answer_or(EscrowError::TokenUnavailable)
        }

        /// Takes back `tokens` of the promise to `identity` (a withdrawal, a refund from the holdback).
        fn release_promise(&mut self, identity: IdentityId, tokens: Balance) -> EscrowResult<()> {
            self.token()
                .call_mut()
                .release(identity, tokens)
                .try_invoke()
                .answer_or(EscrowError::TokenUnavailable)?
                .map_err(|reason| EscrowError::ReleaseRefused { reason })
        }

        /// Takes back every promise at once (the offering failed or was cancelled).
        fn release_all_promises(&mut self) -> EscrowResult<()> {
            self.token()
                .call_mut()
                .release_all()
                .try_invoke()
                .answer_or(EscrowError::TokenUnavailable)?
                .map_err(|reason| EscrowError::ReleaseRefused { reason })
        }

        /// The token's answer to "would you deliver `tokens` of the promise to `identity` to `to` now?" (`Ok(None)`
        /// if it would), judged as a delivery is: by the offering's required claims and the investor's standing;
        /// once the promises are released, as a mint under the token's rules of the day.
        fn delivery_refusal(
            &self,
            to: AccountId,
            identity: IdentityId,
            tokens: Balance,
        ) -> EscrowResult<Option<MintRefusal>> {
            let answer = if self.data.promises_released() {
                let token: ink::contract_ref!(MintCheck) = self.token.into();
                token
                    .call()
                    .check_mint(to, tokens)
                    .try_invoke()
                    .answer_or(EscrowError::TokenUnavailable)?
            } else {
                self.token()
                    .call()
                    .check_mint_reserved(to, identity, tokens, self.data.terms().required_claims)
                    .try_invoke()
                    .answer_or(EscrowError::TokenUnavailable)?
            };
            Ok(answer.err())
        }

        fn identity_of(&self, wallet: AccountId) -> EscrowResult<Option<IdentityId>> {
            let registry: ink::contract_ref!(ComplianceRegistry) = self.registry.into();
            registry
                .call()
                .identity_of(wallet)
                .try_invoke()
                .answer_or(EscrowError::RegistryUnavailable)
        }

        /// The caller is the position's wallet or another wallet of the position's identity.
        fn ensure_position_holder(
            &self,
            investor: AccountId,
            identity: IdentityId,
        ) -> EscrowResult<()> {
            let caller = self.env().caller();
            if caller == investor || self.identity_of(caller)? == Some(identity) {
                Ok(())
            } else {
                Err(EscrowError::NotPositionHolder { caller, identity })
            }
        }

        /// Mints `tokens` of the promise to `identity` to its wallet `to` (once the promises are released, a plain
        /// mint under the token's rules of the day).
        fn deliver(
            &mut self,
            to: AccountId,
            identity: IdentityId,
            tokens: Balance,
        ) -> EscrowResult<()> {
            if self.data.promises_released() {
                if let Some(reason) = self.delivery_refusal(to, identity, tokens)? {
                    return Err(EscrowError::MintRefused { reason });
                }
                let mut token: ink::contract_ref!(PSP22Mintable) = self.token.into();
                return token
                    .call_mut()
                    .mint(to, tokens)
                    .try_invoke()
                    .answer_or(EscrowError::TokenUnavailable)?
                    .map_err(|_| EscrowError::MintRefused {
                        reason: MintRefusal::Other,
                    });
            }
            let claims = self.data.terms().required_claims;
            self.token()
                .call_mut()
                .mint_reserved(to, identity, tokens, claims)
                .try_invoke()
                .answer_or(EscrowError::TokenUnavailable)?
                .map_err(|reason| EscrowError::MintRefused { reason })
        }

        // ---------------------------------------------------------------- views

        /// The offering's terms.
        #[ink(message)]
        pub fn terms(&self) -> OfferingTerms {
            self.data.terms().clone()
        }

        /// Phase, amounts raised, owed, refunded, delivered and released.
        #[ink(message)]
        pub fn status(&self) -> OfferingStatus {
            self.data.status()
        }

        /// Current phase.
        #[ink(message)]
        pub fn phase(&self) -> Phase {
            self.data.phase()
        }

        /// A wallet's position, if it contributed.
        #[ink(message)]
        pub fn position(&self, investor: AccountId) -> Option<Position> {
            self.data.position(investor)
        }

        /// What an identity has committed over all its wallets.
        #[ink(message)]
        pub fn identity_committed(&self, identity: IdentityId) -> Balance {
            self.data.identity_committed(identity)
        }

        /// Native currency the escrow still owes (its balance never falls below it).
        #[ink(message)]
        pub fn owed(&self) -> Balance {
            self.data.owed()
        }

        /// The next tranche awaiting release, if any.
        #[ink(message)]
        pub fn next_tranche(&self) -> Option<TrancheTerms> {
            self.data.next_tranche()
        }

        /// The token sold and the registry asked.
        #[ink(message)]
        pub fn wiring(&self) -> (AccountId, AccountId) {
            (self.token, self.registry)
        }

        // ---------------------------------------------------------------- admin

        /// Admin: cancel an offering that has not been finalized; everyone may then claim a refund.
        #[ink(message)]
        pub fn cancel(&mut self) -> EscrowResult<()> {
            let e = self.data.cancel(self.env().caller())?;
            self.env().emit_event(e);
            let _ = self.data.release_promises(self.env().block_timestamp());
            // Best effort: a token that cannot answer must not block the refunds (`release_promises` retries).
            let _ = self.release_all_promises();
            Ok(())
        }

        // ---------------------------------------------------------------- investors

        /// Commit the transferred value. The first contribution must be the lead investor's commitment.
        #[ink(message, payable)]
        pub fn contribute(&mut self) -> EscrowResult<()> {
            let investor = self.env().caller();
            let amount = self.env().transferred_value();
            let status = self.investor_status(investor)?;
            let now = self.env().block_timestamp();
            let (opened, contributed) = self.data.contribute(investor, amount, &status, now)?;
            // Every accepted token is promised at the token, which counts it as minted for every rule (supply cap,
            // holder places, maximum holding) until delivered: an accepted position stays deliverable whatever the
            // others do. A wallet re-linked since its last contribution takes its earlier position with it. On
            // refusal the message returns an error, which reverts everything above.
            let identity = contributed.identity;
            let mut carried = 0;
            if let Some(previous) = contributed.relinked_from {
                carried = self
                    .data
                    .tokens_for(contributed.position.saturating_sub(amount));
                self.release_promise(previous, carried)?;
            }
            let tokens = carried
                .checked_add(self.data.tokens_for(amount))
                .ok_or(EscrowError::Overflow)?;
            let owed = self.data.identity_tokens_owed(identity);
            match self.promise(investor, tokens)? {
                Ok(promised_to) if promised_to == identity => {}
                // The token asks another registry than the escrow: its identity is not the position's.
                Ok(promised_to) => {
                    return Err(EscrowError::Undeliverable {
                        tokens: owed,
                        reason: MintRefusal::WalletOfAnotherIdentity {
                            promised_to: identity,
                            wallet_identity: Some(promised_to),
                        },
                    })
                }
                Err(reason) => {
                    return Err(EscrowError::Undeliverable {
                        tokens: owed,
                        reason,
                    })
                }
            }
            if let Some(e) = opened {
                self.env().emit_event(e);
            }
            self.env().emit_event(contributed);
            Ok(())
        }

        /// A retail investor takes its whole commitment back within the cooling-off window.
        #[ink(message)]
        pub fn withdraw(&mut self) -> EscrowResult<()> {
            let (e, payout) = self
                .data
                .withdraw(self.env().caller(), self.env().block_timestamp())?;
            self.release_promise(e.identity, self.data.tokens_for(e.amount))?;
            self.pay(payout)?;
            self.env().emit_event(e);
            Ok(())
        }

        /// Anyone: close a decided offering (after the deadline or at the hard cap, once every cooling-off
        /// window has ended). On success pays the fee and, without tranches, the sponsor.
        #[ink(message)]
        pub fn finalize(&mut self) -> EscrowResult<()> {
            let caller = self.env().caller();
            match self.data.finalize(caller, self.env().block_timestamp())? {
                Finalized::Succeeded {
                    succeeded,
                    fee,
                    sponsor,
                } => {
                    self.env().emit_event(succeeded);
                    if let Some((e, p)) = fee {
                        self.pay(p)?;
                        self.env().emit_event(e);
                    }
                    if let Some((e, p)) = sponsor {
                        self.pay(p)?;
                        self.env().emit_event(e);
                    }
                }
                Finalized::Failed(e) => {
                    self.env().emit_event(e);
                    let _ = self.data.release_promises(self.env().block_timestamp());
                    // Best effort: a token that cannot answer must not block the refunds (`release_promises`
                    // retries).
                    let _ = self.release_all_promises();
                }
            }
            Ok(())
        }

        /// Anyone: mint `investor`'s tokens to `investor` after success. If the token refuses (a compliance rule,
        /// for example an expired KYC) nothing changes and the claim can be retried.
        #[ink(message)]
        pub fn claim_tokens(&mut self, investor: AccountId) -> EscrowResult<()> {
            let identity = self.data.open_position_identity(investor)?;
            let e = self.data.deliver_tokens(investor)?;
            self.deliver(investor, identity, e.tokens)?;
            self.env().emit_event(e);
            Ok(())
        }

        /// The position's wallet (or another wallet of its identity): have `investor`'s tokens minted to `to`,
        /// another wallet the registry links to the same identity — for a wallet the token refuses (frozen,
        /// lost).
        #[ink(message)]
        pub fn claim_tokens_to(&mut self, investor: AccountId, to: AccountId) -> EscrowResult<()> {
            let identity = self.data.open_position_identity(investor)?;
            self.ensure_position_holder(investor, identity)?;
            let wallet_identity = self.identity_of(to)?;
            if wallet_identity != Some(identity) {
                return Err(EscrowError::NotSameIdentity {
                    wallet: to,
                    identity,
                    wallet_identity,
                });
            }
            let e = self.data.deliver_tokens_to(investor, to)?;
            self.deliver(to, identity, e.tokens)?;
            self.env().emit_event(e);
            Ok(())
        }

        /// The position's wallet (or another wallet of its identity): take `investor`'s money back, in full and
        /// from the delivery holdback, because the token refuses to mint its tokens for a lasting reason (rules
        /// changed after the contribution). Refused while the token would mint, or refuses only temporarily.
        #[ink(message)]
        pub fn refund_undeliverable(&mut self, investor: AccountId) -> EscrowResult<()> {
            let identity = self.data.open_position_identity(investor)?;
            self.ensure_position_holder(investor, identity)?;
            let tokens = self
                .data
                .position(investor)
                .map_or(0, |p| self.data.tokens_for(p.paid));
            let refusal = self.delivery_refusal(investor, identity, tokens)?;
            let now = self.env().block_timestamp();
            let (e, payout) = self.data.refund_undeliverable(investor, refusal, now)?;
            if !self.data.promises_released() {
                self.release_promise(identity, tokens)?;
            }
            self.pay(payout)?;
            self.env().emit_event(e);
            Ok(())
        }

        /// Releases the rest of the delivery holdback to the sponsor: anyone once every position is delivered or
        /// refunded; the admin (the governor after handover) after the long-stop.
        #[ink(message)]
        pub fn release_holdback(&mut self) -> EscrowResult<()> {
            let (e, payout) = self
                .data
                .release_holdback(self.env().caller(), self.env().block_timestamp())?;
            self.pay(payout)?;
            self.env().emit_event(e);
            Ok(())
        }

        /// Anyone, after failure or cancellation: take back at the token every promise of this offering (done by
        /// `finalize` and `cancel` already, unless the token could not answer then), so the holder places and the
        /// supply they held are free again. After success, from the long-stop on: the promises of positions never
        /// claimed go (they stay claimable, as mints under the token's rules of the day), so an investor who never
        /// claims cannot hold the token's places, supply and next offering back for ever.
        #[ink(message)]
        pub fn release_promises(&mut self) -> EscrowResult<()> {
            self.data.release_promises(self.env().block_timestamp())?;
            self.release_all_promises()
        }

        /// The caller takes its full refund after failure or cancellation.
        #[ink(message)]
        pub fn claim_refund(&mut self) -> EscrowResult<()> {
            let (e, payout) = self.data.refund(self.env().caller())?;
            self.pay(payout)?;
            self.env().emit_event(e);
            Ok(())
        }

        /// Releases the next tranche to the sponsor: the admin for an admin-approved tranche, anyone for an
        /// oracle milestone the oracle reports as attested, and the admin for an oracle milestone never attested
        /// once the long-stop has passed (the governed fallback: no tranche is locked forever).
        #[ink(message)]
        pub fn release_tranche(&mut self) -> EscrowResult<()> {
            let index = self.data.next_tranche_index()?;
            self.release_tranche_at(index)
        }

        /// Releases tranche `index`, in any order (one blocked tranche does not hold back the others), under the
        /// same conditions as `release_tranche`; from the long-stop on, the sponsor may also release an
        /// admin-approved tranche the admin never approved.
        #[ink(message)]
        pub fn release_tranche_at(&mut self, index: u32) -> EscrowResult<()> {
            let caller = self.env().caller();
            let now = self.env().block_timestamp();
            let attested = match self.data.tranche(index).map(|t| t.condition) {
                Some(ReleaseCondition::OracleMilestone { oracle, milestone }) => {
                    let o: ink::contract_ref!(MilestoneOracle) = oracle.into();
                    let answer = o
                        .call()
                        .is_milestone_attested(milestone)
                        .try_invoke()
                        .answer_or(EscrowError::OracleUnavailable { oracle });
                    match answer {
                        Ok(attested) => attested,
                        // A broken oracle cannot block the governed fallback.
                        Err(_) if self.data.long_stop_fallback_open(caller, now) => false,
                        Err(e) => return Err(e),
                    }
                }
                _ => false,
            };
            let (e, payout) = self.data.release_tranche(caller, index, attested, now)?;
            self.pay(payout)?;
            self.env().emit_event(e);
            Ok(())
        }
    }

    /// The admin role and its two-step handover (the suite's one `Admin` surface).
    impl Admin for CrowdfundEscrow {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            self.data.admin.admin()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            self.data.admin.pending()
        }

        #[ink(message)]
        fn transfer_admin(&mut self, candidate: AccountId) -> Result<(), AdminError> {
            admin::offer_as_caller(&mut self.data.admin, candidate)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> Result<(), AdminError> {
            admin::accept_as_caller(&mut self.data.admin)
        }
    }
}

pub use crate::crowdfund_escrow::{CrowdfundEscrow, CrowdfundEscrowRef};
