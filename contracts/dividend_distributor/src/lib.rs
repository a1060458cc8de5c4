//! # Dividend distributor
//!
//! Pays a project token's holders their share of what the asset earns. A depositor (the operator, or the usage
//! pass's forwarded sales once booked) deposits revenue in native currency or a PSP22 stablecoin, tagged with a
//! source and a period ("tolls", "2027-03"); the payout ratio (say 80%) goes to holders and the rest to the
//! reserve at once. Each deposit becomes a distribution with a **record block** (the block before the deposit)
//! and reads supply and balances from the token's checkpoints, so transfers need no hook and a holder who sells
//! after the record block is still paid for what it held then. One claim pays many distributions (a cursor per
//! holder, starting for a new holder at the first distribution after it first held tokens); withholding tax by
//! the holder's country (from the registry) goes to the tax account; a frozen holder's share is held until it is
//! unfrozen; a lost wallet's share goes to the wallet the token recovered it to; distributions expire and their
//! unclaimed funds go to the reserve, while the rounding dust is carried into the next distribution. Reserve, tax
//! account and tax rates are fixed per distribution when it is created. A payment that cannot be made is held for
//! its recipient, never reverted. See [`data`] for the accounting.
//!
//! ## Roles
//! - **Admin** (deployer, then the governor; two-step handover): payout ratio, reserve, tax account, claim
//!   window, tax rates (at most 50%), excluded accounts, depositors, all for later distributions only. It can
//!   never take holders' funds.
//! - **Depositor** (and the admin): deposits revenue; books native currency sent by plain transfer.
//! - **Anyone**: claims for a holder (paid to the holder only, or to the wallet the token recovered it to),
//!   pushes a batch of such claims, releases what is held for an account (to that account, once not frozen),
//!   redirects what is held for a recovered wallet (to its recovery wallet), closes an expired distribution (to
//!   its reserve).
//!
//! ## Invariants
//! - What is claimable never exceeds what is held: for each asset the distributor's balance ≥
//!   [`DistributorData::liabilities`] (pools not yet paid, held shares, carried dust).
//! - Per distribution: paid + held + tax (the gross claims) + unclaimed at close + dust carried = the holders'
//!   pool; property-tested in `tests.rs` under random transfers between distributions.
//! - A holder's share uses its balance at the record block and the eligible supply then (excluded accounts left
//!   out of both); a claim never pays a distribution twice (cursor).
//! - Every state change emits an event; a claim processes at most 12 distributions and a push at most 16 holders;
//!   a new holder's first claim starts after the distributions made before it held tokens (binary search).
//! - Reserve, tax account and tax rates are fixed per distribution at its creation; tax rates are at most 50%.
//! - A payment that cannot be made is held for its recipient (`PaymentHeld`) and never reverts a claim, a push,
//!   a deposit or a close.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The shell build leaves out every message but `claim` and `push`, and the helpers only those others use.
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

pub use data::{Asset, Distribution, DistributionId, DistributorConfig, MAX_PER_CLAIM};
pub use errors::{DistributorError, DistributorResult};

/// Most weight one PSP22 payment may use (ref_time in picoseconds, proof size in bytes): about four times a
/// compliant transfer of a regulated coin that asks its registry (the project token as a coin: 5.1e9 / 78 KB, see
/// `docs/benchmarks.md`), fifteen times a plain PSP22 transfer's. So a coin that burns all the gas it is given
/// fails only its own payment (held for its recipient), and a claim of 12 distributions all in such coins still
/// fits a parachain block (2.4e11 ref_time, 3 MiB proof).
pub const COIN_CALL_REF_TIME: u64 = 20_000_000_000;
pub const COIN_CALL_PROOF_SIZE: u64 = 256 * 1024;

#[ink::contract]
mod dividend_distributor {
    use crate::data::{
        Asset, ClaimPlan, Distribution, DistributionId, DistributorConfig, DistributorData,
        HolderFacts, Payout, MAX_BATCH,
    };
    use crate::errors::{DistributorError, DistributorResult};
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::{string::String, vec::Vec};
    use suite_traits::announce;
    use suite_traits::{admin, Admin, AdminError};
    use suite_traits::{
        AccountFreeze, Checkpointed, ClaimSet, ComplianceRegistry, CountryCode, WalletHistory,
        PSP22,
    };
    use suite_traits::{CallAnswer, CallOkAnswer};

    /// Most recoveries in a row a claim follows from a lost wallet (a recovery wallet itself lost and recovered).
    pub const MAX_RECOVERY_HOPS: u32 = 4;

    /// The distributor contract: a thin shell over [`DistributorData`].
    #[ink(storage)]
    pub struct DividendDistributor {
        data: DistributorData,
        token: AccountId,
        registry: AccountId,
        /// `false` only in the placeholder a shell's `deploy` writes (see `suite_traits::split`).
        split: suite_traits::split::Constructed,
    }

    /// The placeholder a shell's `deploy` writes before the full code constructs the contract
    /// (`suite_traits::split`): never one anyone uses.
    impl Default for DividendDistributor {
        fn default() -> Self {
            Self {
                data: DistributorData::default(),
                token: AccountId::from([0; 32]),
                registry: AccountId::from([0; 32]),
                split: Default::default(),
            }
        }
    }

    impl DividendDistributor {
        /// A distributor for `token`'s holders, asking `registry` for their country and freeze; the deployer is
        /// the admin.
        #[ink(constructor)]
        pub fn new(
            token: AccountId,
            registry: AccountId,
            config: DistributorConfig,
        ) -> DistributorResult<Self> {
            Ok(Self {
                data: DistributorData::new(Self::env().caller(), config)?,
                token,
                registry,
                split: suite_traits::split::Constructed::YES,
            })
        }

        /// The constructor, for a shell's `deploy` (`suite_traits::split`): replaces the placeholder it wrote with
        /// the distributor `new` makes. On a constructed distributor it is refused (`AlreadyConstructed`).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn split_construct(
            &mut self,
            token: AccountId,
            registry: AccountId,
            config: DistributorConfig,
        ) -> DistributorResult<()> {
            *self = self
                .split
                .construct(DistributorError::AlreadyConstructed, || {
                    Self::new(token, registry, config)
                })?;
            Ok(())
        }

        fn now(&self) -> Timestamp {
            self.env().block_timestamp()
        }

        /// Makes one payment; whether it went through.
        fn try_pay(&self, p: Payout) -> bool {
            if p.amount == 0 {
                return true;
            }
            match p.asset {
                Asset::Native => self.env().transfer(p.to, p.amount).is_ok(),
                Asset::Psp22(coin) => {
                    // With a weight limit: a hostile coin that burns all the gas it is given fails this payment
                    // alone (held for its recipient), not the claim or push that pays other distributions too.
                    let mut c: ink::contract_ref!(PSP22) = coin.into();
                    c.call_mut()
                        .transfer(p.to, p.amount, Vec::new())
                        .ref_time_limit(crate::COIN_CALL_REF_TIME)
                        .proof_size_limit(crate::COIN_CALL_PROOF_SIZE)
                        .try_invoke()
                        .answer_ok_or(())
                        .is_ok()
                }
            }
        }

        /// Makes a payment the recipient asked for itself (`release_held`): a failure refuses the call, and the
        /// money stays held.
        fn pay(&self, p: Payout) -> DistributorResult<()> {
            if self.try_pay(p) {
                Ok(())
            } else {
                Err(DistributorError::PaymentFailed {
                    asset: p.asset,
                    to: p.to,
                    amount: p.amount,
                })
            }
        }

        /// Makes a payment owed as part of someone else's operation (a claim, a push, a deposit, a close): if it
        /// cannot be made it is held for its recipient (`PaymentHeld`), so it never blocks the rest.
        fn pay_or_hold(&mut self, p: Payout) -> DistributorResult<()> {
            if !self.try_pay(p) {
                let e = self.data.hold_failed(p)?;
                self.env().emit_event(e);
            }
            Ok(())
        }

        /// The record block of a deposit made now, and the eligible supply then.
        fn record(&self) -> DistributorResult<(u32, Balance)> {
            let record_block = self.env().block_number().saturating_sub(1);
            let token: ink::contract_ref!(Checkpointed) = self.token.into();
            let mut eligible = token
                .call()
                .total_supply_at(record_block)
                .try_invoke()
                .answer_ok_or(DistributorError::TokenUnavailable)?;
            for account in self.data.excluded() {
                let b = token
                    .call()
                    .balance_of_at(account, record_block)
                    .try_invoke()
                    .answer_ok_or(DistributorError::TokenUnavailable)?;
                eligible = eligible.saturating_sub(b);
            }
            Ok((record_block, eligible))
        }

        fn book(
            &mut self,
            asset: Asset,
            amount: Balance,
            source: String,
            period: String,
        ) -> DistributorResult<DistributionId> {
            let caller = self.env().caller();
            self.data.check_deposit(caller, amount, &source, &period)?;
            let (record_block, eligible) = self.record()?;
            let (e, reserve) = self.data.deposit(
                caller,
                asset,
                amount,
                source,
                period,
                record_block,
                eligible,
                self.now(),
            )?;
            let id = e.id;
            self.env().emit_event(e);
            if let Some(p) = reserve {
                self.pay_or_hold(p)?;
            }
            Ok(id)
        }

        /// The registry's facts about `holder` (country, identity freeze), with the token's freeze of the account.
        fn facts_with(
            &self,
            holder: AccountId,
            account_frozen: bool,
        ) -> DistributorResult<HolderFacts> {
            let registry: ink::contract_ref!(ComplianceRegistry) = self.registry.into();
            let status = registry
                .call()
                .party_status(holder, ClaimSet::empty())
                .try_invoke()
                .answer_or(DistributorError::RegistryUnavailable)?;
            Ok(HolderFacts::from_status(status, account_frozen))
        }

        fn holder_facts(&self, holder: AccountId) -> DistributorResult<HolderFacts> {
            let token: ink::contract_ref!(AccountFreeze) = self.token.into();
            let account_frozen = token
                .call()
                .is_account_frozen(holder)
                .try_invoke()
                .answer_or(DistributorError::TokenUnavailable)?;
            self.facts_with(holder, account_frozen)
        }

        /// Where the token moved a lost wallet's balance (`None` if not recovered, or if the token cannot say).
        fn recovered_to(&self, wallet: AccountId) -> Option<AccountId> {
            let token: ink::contract_ref!(WalletHistory) = self.token.into();
            token
                .call()
                .recovered_to(wallet)
                .try_invoke()
                .answer_or(None)
                .unwrap_or_else(|fallback| fallback)
        }

        /// The block from which `holder` ever held tokens (`None`: never). A token that cannot say gives block 0,
        /// so the holder's claims walk every distribution: slower, never wrong.
        fn first_balance_block(&self, holder: AccountId) -> Option<u32> {
            let token: ink::contract_ref!(WalletHistory) = self.token.into();
            token
                .call()
                .first_balance_block(holder)
                .try_invoke()
                .answer_or(Some(0))
                .unwrap_or_else(|fallback| fallback)
        }

        /// Who `holder`'s share goes to, and the facts about that account: the holder itself, unless it is
        /// frozen and the token recovered it to another wallet of the same identity (followed up to
        /// [`MAX_RECOVERY_HOPS`] times).
        fn beneficiary(&self, holder: AccountId) -> DistributorResult<(AccountId, HolderFacts)> {
            let facts = self.holder_facts(holder)?;
            self.follow_recovery(holder, facts, None)
        }

        /// [`Self::beneficiary`] from `holder`'s facts already read, and its recovery when already known.
        fn follow_recovery(
            &self,
            holder: AccountId,
            holder_facts: HolderFacts,
            holder_recovered_to: Option<Option<AccountId>>,
        ) -> DistributorResult<(AccountId, HolderFacts)> {
            let mut who = holder;
            let mut facts = holder_facts;
            let mut known = holder_recovered_to;
            for _ in 0..MAX_RECOVERY_HOPS {
                if !facts.frozen {
                    break;
                }
                let next = known.take().unwrap_or_else(|| self.recovered_to(who));
                match next {
                    Some(next) if next != who && next != holder => {
                        who = next;
                        facts = self.holder_facts(who)?;
                    }
                    _ => break,
                }
            }
            Ok((who, facts))
        }

        fn claim_for(&mut self, holder: AccountId) -> DistributorResult<()> {
            // A holder that never claimed starts at the first distribution recorded after it first held tokens.
            // While every distribution fits one claim, the token says from when it held in the same frame as the
            // balances (and the plan is trimmed below); otherwise it is asked first.
            let (plan, opening) = match self.data.plan(holder) {
                ClaimPlan::Ready(plan) => (plan, false),
                ClaimPlan::Opening(all) => (all, true),
                ClaimPlan::NeedsFirstBalance => (
                    self.data
                        .claim_plan(holder, || self.first_balance_block(holder)),
                    false,
                ),
            };
            if plan.is_empty() {
                return Err(DistributorError::NothingToClaim { holder });
            }
            // Balances at every record block, the account freeze and the recovery in one token frame.
            let token: ink::contract_ref!(WalletHistory) = self.token.into();
            let blocks: Vec<u32> = plan.iter().map(|(_, block)| *block).collect();
            let record = token
                .call()
                .holder_record(holder, blocks)
                .try_invoke()
                .answer_or(DistributorError::TokenUnavailable)?
                .ok()
                .filter(|record| record.balances.len() == plan.len())
                .ok_or(DistributorError::TokenUnavailable)?;
            let start = if opening {
                self.data
                    .start_after_first_balance(record.first_balance_block)
            } else {
                0
            };
            let balances: Vec<(DistributionId, Balance)> = plan
                .iter()
                .map(|(id, _)| *id)
                .zip(record.balances.iter().copied())
                .filter(|(id, _)| *id >= start)
                .collect();
            if balances.is_empty() {
                return Err(DistributorError::NothingToClaim { holder });
            }
            // The token's copy of the registry's facts, when it holds the holder, spares the registry frame.
            let kept = record.status.and_then(|k| k.of_registry(self.registry));
            let facts = match kept {
                Some(status) => HolderFacts::from_status(status, record.account_frozen),
                None => self.facts_with(holder, record.account_frozen)?,
            };
            let (beneficiary, facts) =
                self.follow_recovery(holder, facts, Some(record.recovered_to))?;
            let out = self
                .data
                .claim(holder, beneficiary, &balances, facts, self.now())?;
            for e in out.claimed {
                self.env().emit_event(e);
            }
            for p in out.payouts {
                self.pay_or_hold(p)?;
            }
            Ok(())
        }

        // ---------------------------------------------------------------- views

        /// Payout ratio, reserve, tax account, claim window.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn config(&self) -> DistributorConfig {
            self.data.config()
        }

        /// Whether `account` may deposit.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn is_depositor(&self, account: AccountId) -> bool {
            self.data.is_depositor(account)
        }

        /// Accounts left out of later distributions.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn excluded(&self) -> Vec<AccountId> {
            self.data.excluded()
        }

        /// Withholding-tax rate of `country` for the next distribution, in basis points.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn tax_rate(&self, country: CountryCode) -> u16 {
            self.data.tax_rate(country)
        }

        /// Withholding-tax rate of `country` in distribution `id` (the one in force when it was created).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn tax_rate_for(&self, country: CountryCode, id: DistributionId) -> u16 {
            self.data.tax_rate_for(country, id)
        }

        /// Number of distributions so far.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn distribution_count(&self) -> DistributionId {
            self.data.distribution_count()
        }

        /// One distribution.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn distribution(&self, id: DistributionId) -> Option<Distribution> {
            self.data.distribution(id)
        }

        /// The first distribution `holder` has not claimed.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn cursor(&self, holder: AccountId) -> DistributionId {
            self.data.cursor(holder)
        }

        /// What is held for `holder` in `asset` (its share while frozen, and payments to it that failed).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn held(&self, holder: AccountId, asset: Asset) -> Balance {
            self.data.held(holder, asset)
        }

        /// Dust of `asset` waiting for the next distribution.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn carried_dust(&self, asset: Asset) -> Balance {
            self.data.carried_dust(asset)
        }

        /// What the distributor owes in `asset` (its balance never falls below it).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn liabilities(&self, asset: Asset) -> Balance {
            self.data.liabilities(asset)
        }

        /// The token and the registry.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn wiring(&self) -> (AccountId, AccountId) {
            (self.token, self.registry)
        }

        // ---------------------------------------------------------------- admin

        /// Admin: change the settings (all of them apply to later distributions only; each distribution keeps the
        /// reserve, tax account and claim window it was created with).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_config(&mut self, config: DistributorConfig) -> DistributorResult<()> {
            announce(self.data.set_config(self.env().caller(), config))
        }

        /// Admin: the payout ratio alone (the parameter governance changes most).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_payout_bps(&mut self, payout_bps: u16) -> DistributorResult<()> {
            let mut config = self.data.config();
            config.payout_bps = payout_bps;
            self.set_config(config)
        }

        /// Admin: allow or stop a depositor.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_depositor(
            &mut self,
            account: AccountId,
            allowed: bool,
        ) -> DistributorResult<()> {
            announce(
                self.data
                    .set_depositor(self.env().caller(), account, allowed),
            )
        }

        /// Admin: leave an account out of later distributions (treasury, escrow).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_excluded(
            &mut self,
            account: AccountId,
            excluded: bool,
        ) -> DistributorResult<()> {
            announce(
                self.data
                    .set_excluded(self.env().caller(), account, excluded),
            )
        }

        /// Admin: withholding-tax rate of `country`'s residents, at most [`crate::data::MAX_TAX_BPS`] (50%), for
        /// distributions created from now on.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_tax_rate(&mut self, country: CountryCode, bps: u16) -> DistributorResult<()> {
            announce(self.data.set_tax_rate(self.env().caller(), country, bps))
        }

        // ---------------------------------------------------------------- revenue

        /// Depositor: distribute the transferred native value.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message, payable)]
        pub fn deposit_native(
            &mut self,
            source: String,
            period: String,
        ) -> DistributorResult<DistributionId> {
            let amount = self.env().transferred_value();
            self.book(Asset::Native, amount, source, period)
        }

        /// Depositor: distribute native currency that reached the distributor by plain transfer (the usage
        /// pass's forwarded sales) and is not yet on the books.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn book_received(
            &mut self,
            source: String,
            period: String,
        ) -> DistributorResult<DistributionId> {
            let amount = self
                .env()
                .balance()
                .saturating_sub(self.data.liabilities(Asset::Native));
            self.book(Asset::Native, amount, source, period)
        }

        /// Depositor: pull `amount` of the PSP22 `coin` (approved beforehand) and distribute it.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn deposit_psp22(
            &mut self,
            coin: AccountId,
            amount: Balance,
            source: String,
            period: String,
        ) -> DistributorResult<DistributionId> {
            let caller = self.env().caller();
            self.data.check_deposit(caller, amount, &source, &period)?;
            let me = self.env().account_id();
            // The distributor is no coin: a call to itself is not re-entered, it would trap.
            if coin == me {
                return Err(DistributorError::DepositRefused {
                    asset: Asset::Psp22(coin),
                });
            }
            let mut c: ink::contract_ref!(PSP22) = coin.into();
            c.call_mut()
                .transfer_from(caller, me, amount, Vec::new())
                .try_invoke()
                .answer_ok_or(DistributorError::DepositRefused {
                    asset: Asset::Psp22(coin),
                })?;
            self.book(Asset::Psp22(coin), amount, source, period)
        }

        // ---------------------------------------------------------------- holders

        /// Anyone: pay `holder` (only `holder`, or the wallet the token recovered it to) its share of up to 12
        /// unclaimed distributions. A payment that cannot be made is held for its recipient, not reverted.
        #[ink(message)]
        pub fn claim(&mut self, holder: AccountId) -> DistributorResult<()> {
            self.claim_for(holder)
        }

        /// Anyone (the operator's push payments): claim for each of up to 16 holders; a holder with nothing to
        /// claim is skipped, and a payment that cannot be made is held, so one holder never blocks the batch.
        /// Returns how many were paid or held.
        #[ink(message)]
        pub fn push(&mut self, holders: Vec<AccountId>) -> DistributorResult<u32> {
            let len = u32::try_from(holders.len()).unwrap_or(u32::MAX);
            if len > MAX_BATCH {
                return Err(DistributorError::BatchTooLarge {
                    len,
                    max: MAX_BATCH,
                });
            }
            let mut done: u32 = 0;
            for h in holders {
                match self.claim_for(h) {
                    Ok(()) => done = done.saturating_add(1),
                    Err(DistributorError::NothingToClaim { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(done)
        }

        /// Anyone: pay `holder` what is held for it in `asset` (its share while frozen, or a payment that failed),
        /// once it is not frozen. If the payment fails again the call is refused and the money stays held.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn release_held(&mut self, holder: AccountId, asset: Asset) -> DistributorResult<()> {
            let facts = self.holder_facts(holder)?;
            let (e, p) = self.data.release_held(holder, asset, facts.frozen)?;
            self.pay(p)?;
            self.env().emit_event(e);
            Ok(())
        }

        /// Anyone: what is held in `asset` for `lost`, a wallet the token's agent recovered, goes to the wallet it
        /// was recovered to (paid, or held for it if that wallet is frozen).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn redirect_recovered(
            &mut self,
            lost: AccountId,
            asset: Asset,
        ) -> DistributorResult<()> {
            let (target, facts) = self.beneficiary(lost)?;
            if target == lost {
                return Err(DistributorError::NotRecovered { wallet: lost });
            }
            let (e, p) = self.data.redirect_held(lost, target, asset, facts.frozen)?;
            self.env().emit_event(e);
            if let Some(p) = p {
                self.pay_or_hold(p)?;
            }
            Ok(())
        }

        /// Anyone: close an expired distribution (unclaimed to the reserve, dust carried forward).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn close_expired(&mut self, id: DistributionId) -> DistributorResult<()> {
            let (e, p) = self.data.close_expired(id, self.now())?;
            self.env().emit_event(e);
            if let Some(p) = p {
                self.pay_or_hold(p)?;
            }
            Ok(())
        }
    }

    /// The admin role and its two-step handover (the suite's one `Admin` surface).
    impl Admin for DividendDistributor {
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
}

pub use crate::dividend_distributor::{DividendDistributor, DividendDistributorRef};

/// The full code that the claim shell delegates every other message to (see [`suite_traits::split`]).
#[cfg(feature = "hot-shell")]
const FULL_CODE_HASH: [u8; 32] =
    suite_traits::split::full_code_hash(option_env!("DIVIDEND_DISTRIBUTOR_FULL_CODE_HASH"));

#[cfg(feature = "hot-shell")]
suite_traits::split_shell_entry_points!(
    dividend_distributor::DividendDistributor,
    FULL_CODE_HASH,
    constructor_in_full_code
);
