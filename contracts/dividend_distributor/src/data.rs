//! The distributor's books, free of message dispatch and of cross-calls: the shell asks the token and the registry
//! and passes the answers in as plain values. Tested natively in `tests.rs`.
//!
//! Accounting of one distribution `d` (all in its asset):
//! `d.to_holders = Σ gross paid or held + (unclaimed at close → reserve) + (dust at close → carried forward)`, and a
//! holder's gross share is `floor(d.to_holders × balance_at(record_block) / d.eligible_supply)`. The floors leave a
//! remainder per claim; their sum over claimed holders, divided by the eligible supply, is the whole units of
//! rounding dust, which the next distribution of the same asset inherits. Nothing is ever paid out that was not
//! deposited, and nothing deposited is ever lost.
//!
//! Terms are fixed when a distribution is created: its reserve, its tax account and the tax rates in force then
//! (a rate set later applies from the next distribution on, see [`DistributorData::tax_rate_for`]), so no later
//! admin change reaches money already owed. A payment the shell cannot make is credited to the recipient's held
//! balance ([`DistributorData::hold_failed`]) instead of reverting, so it never blocks anyone else's payment.
pub use crate::types::{Asset, DistributionId};
use ink::prelude::{string::String, vec::Vec};
use ink::storage::Mapping;
use suite_traits::bps::{share, BPS_DENOMINATOR};
use suite_traits::checkpoints::{self, Checkpoint, Slot};
use suite_traits::math::{mul_div, mul_rem};
use suite_traits::{
    AccountId, AdminRole, Balance, BlockNumber, CountryCode, PartyStatus, Timestamp,
};

use crate::errors::{DistributorError, DistributorResult};
use crate::events::*;

/// Most distributions one claim processes: a holder with a longer backlog claims again (bounded weight).
pub const MAX_PER_CLAIM: u32 = 12;
// A claim reads all its record blocks in one `holder_record` call.
const _: () = assert!(MAX_PER_CLAIM <= suite_traits::MAX_RECORD_BLOCKS);
/// Most accounts left out of the denominator.
pub const MAX_EXCLUDED: u32 = 16;
/// Longest source or period label, in bytes.
pub const MAX_LABEL_LEN: u32 = 32;
/// Most holders one push batch pays.
pub const MAX_BATCH: u32 = 16;
/// Highest withholding-tax rate the admin may set, in basis points (50%): a rate is a withholding, not a taking.
pub const MAX_TAX_BPS: u16 = 5_000;

/// Settings the admin (then the governor) controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct DistributorConfig {
    /// Share of each deposit paid to holders, in basis points (the rest goes to the reserve).
    pub payout_bps: u16,
    /// Operating reserve: receives the non-distributed share and unclaimed funds.
    pub reserve: AccountId,
    /// Receives withheld tax.
    pub tax_account: AccountId,
    /// How long holders may claim a distribution (ms).
    pub claim_window_ms: Timestamp,
}

/// One revenue distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Distribution {
    pub asset: Asset,
    pub source: String,
    pub period: String,
    pub deposited: Balance,
    /// Pool shared by holders (their share of the deposit plus carried dust).
    pub to_holders: Balance,
    pub record_block: BlockNumber,
    /// Supply at the record block less the excluded accounts' balances.
    pub eligible_supply: Balance,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// Gross amounts paid or held so far.
    pub claimed: Balance,
    /// Sum of `(to_holders × balance) mod eligible_supply` over claims: rounding remainders.
    pub remainders: Balance,
    pub closed: bool,
    /// Accounts left out of this distribution's denominator (and so out of its payments), as at its creation.
    pub excluded: Vec<AccountId>,
    /// Receives what is not claimed at expiry: the reserve configured when the distribution was created.
    pub reserve: AccountId,
    /// Receives the tax withheld from this distribution's shares: the tax account configured at its creation.
    pub tax_account: AccountId,
}

/// A payment the shell must make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    pub asset: Asset,
    pub to: AccountId,
    pub amount: Balance,
}

/// What the registry and token say about the account a claim pays (the holder, or the wallet a lost holder wallet
/// was recovered to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolderFacts {
    /// Country for withholding tax (0: unknown, no tax).
    pub country: CountryCode,
    /// Frozen by the regulator (identity) or the token's agent (account).
    pub frozen: bool,
}

impl HolderFacts {
    /// The facts from the account's status in the registry (asked with no claims) and the token's account freeze.
    pub fn from_status(status: PartyStatus, account_frozen: bool) -> Self {
        HolderFacts {
            country: status.country,
            frozen: status.identity_frozen || account_frozen,
        }
    }
}

/// What a claim by one holder covers, as far as the distributor alone can tell ([`DistributorData::plan`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimPlan {
    /// The holder claimed before: the distributions from its cursor, at most [`MAX_PER_CLAIM`].
    Ready(Vec<(DistributionId, BlockNumber)>),
    /// The holder never claimed and every distribution fits one claim: all of them, to be trimmed with
    /// [`DistributorData::trim_opening`] to those recorded at or after the holder's first balance block, which
    /// the token answers in the same frame as the balances (one frame instead of two).
    Opening(Vec<(DistributionId, BlockNumber)>),
    /// The holder never claimed and there are more distributions than one claim takes: the token must first say
    /// from which block the holder held tokens.
    NeedsFirstBalance,
}

/// Everything one claim caused.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ClaimOutcome {
    pub claimed: Vec<Claimed>,
    pub payouts: Vec<Payout>,
}

/// The distributor's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct DistributorData {
    /// The admin and its two-step handover (the shell's `suite_traits::Admin` messages act on it).
    pub admin: AdminRole,
    config: DistributorConfig,
    depositors: Mapping<AccountId, ()>,
    excluded: Vec<AccountId>,
    /// Rate history of each country: `(country, i)` -> `{ block: first distribution it applies to, value: bps }`.
    tax_history: Mapping<(CountryCode, u32), Checkpoint>,
    tax_history_len: Mapping<CountryCode, u32>,
    count: DistributionId,
    distributions: Mapping<DistributionId, Distribution>,
    /// Record block of each distribution (non-decreasing in the id), read by a new holder's binary search.
    record_blocks: Mapping<DistributionId, BlockNumber>,
    cursor: Mapping<AccountId, DistributionId>,
    /// Net shares set aside for frozen holders, and payments that could not be made (to a holder, the reserve or
    /// the tax account), until released to their owner.
    held: Mapping<(AccountId, Asset), Balance>,
    carried_dust: Mapping<Asset, Balance>,
    /// Funds of each asset the books account for (pools not yet paid, held shares, carried dust): the
    /// distributor's balance of that asset never falls below it.
    liabilities: Mapping<Asset, Balance>,
}

/// The placeholder a shell's `deploy` writes before the full code constructs the contract (`suite_traits::split`): never one anyone uses.
impl Default for DistributorData {
    fn default() -> Self {
        DistributorData {
            admin: AdminRole::new(AccountId::from([0; 32])),
            config: DistributorConfig {
                payout_bps: 0,
                reserve: AccountId::from([0; 32]),
                tax_account: AccountId::from([0; 32]),
                claim_window_ms: 0,
            },
            depositors: Default::default(),
            excluded: Default::default(),
            tax_history: Default::default(),
            tax_history_len: Default::default(),
            count: Default::default(),
            distributions: Default::default(),
            record_blocks: Default::default(),
            cursor: Default::default(),
            held: Default::default(),
            carried_dust: Default::default(),
            liabilities: Default::default(),
        }
    }
}

fn check_label(label: &str) -> DistributorResult<()> {
    let len = u32::try_from(label.len()).unwrap_or(u32::MAX);
    if len > MAX_LABEL_LEN {
        return Err(DistributorError::LabelTooLong {
            len,
            max: MAX_LABEL_LEN,
        });
    }
    Ok(())
}

fn check_config(c: &DistributorConfig) -> DistributorResult<()> {
    if c.payout_bps > BPS_DENOMINATOR {
        return Err(DistributorError::InvalidBps { bps: c.payout_bps });
    }
    if c.claim_window_ms == 0 {
        return Err(DistributorError::ZeroClaimWindow);
    }
    Ok(())
}

impl DistributorData {
    /// A distributor administered by `admin`.
    pub fn new(admin: AccountId, config: DistributorConfig) -> DistributorResult<Self> {
        check_config(&config)?;
        Ok(DistributorData {
            admin: AdminRole::new(admin),
            config,
            depositors: Mapping::default(),
            excluded: Vec::new(),
            tax_history: Mapping::default(),
            tax_history_len: Mapping::default(),
            count: 0,
            distributions: Mapping::default(),
            record_blocks: Mapping::default(),
            cursor: Mapping::default(),
            held: Mapping::default(),
            carried_dust: Mapping::default(),
            liabilities: Mapping::default(),
        })
    }

    // ---- views ----

    pub fn config(&self) -> DistributorConfig {
        self.config
    }
    pub fn is_depositor(&self, account: AccountId) -> bool {
        self.depositors.contains(account)
    }
    pub fn excluded(&self) -> Vec<AccountId> {
        self.excluded.clone()
    }
    pub fn is_excluded(&self, account: AccountId) -> bool {
        self.excluded.contains(&account)
    }
    /// Rate that will apply to `country`'s residents in the next distribution.
    pub fn tax_rate(&self, country: CountryCode) -> u16 {
        self.tax_rate_for(country, DistributionId::MAX)
    }
    /// Rate that applies to `country`'s residents in distribution `id`: the last one set before it was created.
    pub fn tax_rate_for(&self, country: CountryCode, id: DistributionId) -> u16 {
        let len = self.tax_history_len.get(country).unwrap_or(0);
        let bps = checkpoints::value_at(len, id, |i| self.tax_history.get((country, i)));
        u16::try_from(bps).map_or(MAX_TAX_BPS, |b| b.min(MAX_TAX_BPS))
    }
    pub fn distribution_count(&self) -> DistributionId {
        self.count
    }
    pub fn distribution(&self, id: DistributionId) -> Option<Distribution> {
        self.distributions.get(id)
    }
    /// First distribution the holder has not claimed yet (0 for a holder that never claimed).
    pub fn cursor(&self, holder: AccountId) -> DistributionId {
        self.cursor.get(holder).unwrap_or(0)
    }
    /// First distribution whose record block is at or after `block` (the count if none): `O(log count)` reads.
    pub fn first_recorded_at_or_after(&self, block: BlockNumber) -> DistributionId {
        let (mut lo, mut hi) = (0, self.count);
        // Invariant: every id < lo was recorded before `block`; every id >= hi at or after it.
        while lo < hi {
            let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
            // A missing entry cannot happen; treating it as "at or after" only starts the holder earlier.
            if self.record_blocks.get(mid).is_some_and(|b| b < block) {
                lo = mid.saturating_add(1);
            } else {
                hi = mid;
            }
        }
        lo
    }
    pub fn held(&self, holder: AccountId, asset: Asset) -> Balance {
        self.held.get((holder, asset)).unwrap_or(0)
    }
    pub fn carried_dust(&self, asset: Asset) -> Balance {
        self.carried_dust.get(asset).unwrap_or(0)
    }
    /// What the distributor owes in `asset`; its balance never falls below it.
    pub fn liabilities(&self, asset: Asset) -> Balance {
        self.liabilities.get(asset).unwrap_or(0)
    }

    fn add_liability(&mut self, asset: Asset, amount: Balance) -> DistributorResult<()> {
        let v = self
            .liabilities(asset)
            .checked_add(amount)
            .ok_or(DistributorError::Overflow)?;
        self.liabilities.insert(asset, &v);
        Ok(())
    }

    fn sub_liability(&mut self, asset: Asset, amount: Balance) -> DistributorResult<()> {
        let v = self
            .liabilities(asset)
            .checked_sub(amount)
            .ok_or(DistributorError::Overflow)?;
        self.liabilities.insert(asset, &v);
        Ok(())
    }

    // ---- admin ----

    /// Admin changes the settings. All of them apply to later distributions only: each distribution keeps the
    /// reserve, tax account and claim window it was created with.
    pub fn set_config(
        &mut self,
        caller: AccountId,
        config: DistributorConfig,
    ) -> DistributorResult<ConfigChanged> {
        self.admin.ensure(caller)?;
        check_config(&config)?;
        self.config = config;
        Ok(ConfigChanged {
            payout_bps: config.payout_bps,
            reserve: config.reserve,
            tax_account: config.tax_account,
            claim_window_ms: config.claim_window_ms,
        })
    }

    /// Admin allows or stops an account depositing revenue (the operator, the usage pass's forwarding).
    pub fn set_depositor(
        &mut self,
        caller: AccountId,
        account: AccountId,
        allowed: bool,
    ) -> DistributorResult<DepositorSet> {
        self.admin.ensure(caller)?;
        if allowed {
            self.depositors.insert(account, &());
        } else {
            self.depositors.remove(account);
        }
        Ok(DepositorSet { account, allowed })
    }

    /// Admin leaves an account (treasury, escrow) out of the denominator of later distributions, and out of
    /// their payments.
    pub fn set_excluded(
        &mut self,
        caller: AccountId,
        account: AccountId,
        excluded: bool,
    ) -> DistributorResult<ExclusionSet> {
        self.admin.ensure(caller)?;
        let present = self.excluded.contains(&account);
        if excluded && !present {
            if self.excluded.len() >= MAX_EXCLUDED as usize {
                return Err(DistributorError::TooManyExcluded { max: MAX_EXCLUDED });
            }
            self.excluded.push(account);
        } else if !excluded && present {
            self.excluded.retain(|a| *a != account);
        }
        Ok(ExclusionSet { account, excluded })
    }

    /// Admin sets the withholding-tax rate of residents of `country`.
    pub fn set_tax_rate(
        &mut self,
        caller: AccountId,
        country: CountryCode,
        bps: u16,
    ) -> DistributorResult<TaxRateSet> {
        self.admin.ensure(caller)?;
        if country == 0 || country > suite_traits::compliance::MAX_COUNTRY_CODE {
            return Err(DistributorError::InvalidCountry { country });
        }
        if bps > MAX_TAX_BPS {
            return Err(DistributorError::TaxRateTooHigh {
                bps,
                max: MAX_TAX_BPS,
            });
        }
        // The rate applies from the next distribution on; earlier ones keep theirs.
        let from_distribution = self.count;
        let len = self.tax_history_len.get(country).unwrap_or(0);
        let last = len
            .checked_sub(1)
            .and_then(|i| self.tax_history.get((country, i)));
        let entry = Checkpoint {
            block: from_distribution,
            value: Balance::from(bps),
        };
        match checkpoints::slot_for(len, last, from_distribution) {
            Slot::Overwrite(i) => self.tax_history.insert((country, i), &entry),
            Slot::Append(i) => {
                self.tax_history.insert((country, i), &entry);
                self.tax_history_len.insert(
                    country,
                    &i.checked_add(1).ok_or(DistributorError::Overflow)?,
                )
            }
        };
        Ok(TaxRateSet {
            country,
            bps,
            from_distribution,
        })
    }

    // ---- deposits ----

    /// Checks a depositor's deposit before the shell asks the token for the eligible supply.
    pub fn check_deposit(
        &self,
        caller: AccountId,
        amount: Balance,
        source: &str,
        period: &str,
    ) -> DistributorResult<()> {
        if !self.is_depositor(caller) && caller != self.admin.admin() {
            return Err(DistributorError::NotDepositor { caller });
        }
        if amount == 0 {
            return Err(DistributorError::ZeroAmount);
        }
        check_label(source)?;
        check_label(period)
    }

    /// Books a deposit of `amount` in `asset` as a new distribution whose record block is `record_block` and whose
    /// eligible supply the shell read from the token. The reserve's share is paid at once.
    #[allow(clippy::too_many_arguments)]
    pub fn deposit(
        &mut self,
        caller: AccountId,
        asset: Asset,
        amount: Balance,
        source: String,
        period: String,
        record_block: BlockNumber,
        eligible_supply: Balance,
        now: Timestamp,
    ) -> DistributorResult<(DistributionCreated, Option<Payout>)> {
        self.check_deposit(caller, amount, &source, &period)?;
        if eligible_supply == 0 {
            return Err(DistributorError::NoEligibleSupply { record_block });
        }
        let holders_share =
            share(amount, self.config.payout_bps).ok_or(DistributorError::Overflow)?;
        let to_reserve = amount
            .checked_sub(holders_share)
            .ok_or(DistributorError::Overflow)?;
        let dust = self.carried_dust(asset);
        self.carried_dust.remove(asset);
        let to_holders = holders_share
            .checked_add(dust)
            .ok_or(DistributorError::Overflow)?;
        let expires_at = now
            .checked_add(self.config.claim_window_ms)
            .ok_or(DistributorError::Overflow)?;
        let id = self.count;
        self.distributions.insert(
            id,
            &Distribution {
                asset,
                source: source.clone(),
                period: period.clone(),
                deposited: amount,
                to_holders,
                record_block,
                eligible_supply,
                created_at: now,
                expires_at,
                claimed: 0,
                remainders: 0,
                closed: false,
                excluded: self.excluded.clone(),
                reserve: self.config.reserve,
                tax_account: self.config.tax_account,
            },
        );
        self.record_blocks.insert(id, &record_block);
        self.count = id.checked_add(1).ok_or(DistributorError::Overflow)?;
        // The carried dust was already a liability; only the holders' new share is added.
        self.add_liability(asset, holders_share)?;
        let reserve = (to_reserve > 0).then_some(Payout {
            asset,
            to: self.config.reserve,
            amount: to_reserve,
        });
        Ok((
            DistributionCreated {
                id,
                asset,
                source,
                period,
                deposited: amount,
                to_holders,
                to_reserve,
                record_block,
                eligible_supply,
                expires_at,
                reserve: self.config.reserve,
                tax_account: self.config.tax_account,
            },
            reserve,
        ))
    }

    // ---- claims ----

    /// The distributions a claim by `holder` will process now, with their record blocks: from its cursor, at most
    /// [`MAX_PER_CLAIM`]. A holder that never claimed starts at the first distribution recorded at or after its
    /// first balance checkpoint (`first_balance_block`, asked of the token only then; `None`: it never held
    /// anything), so its first claim does not walk the distributions made before it held tokens. The shell reads
    /// the holder's balance at each record block.
    pub fn claim_plan(
        &self,
        holder: AccountId,
        first_balance_block: impl FnOnce() -> Option<BlockNumber>,
    ) -> Vec<(DistributionId, BlockNumber)> {
        match self.plan(holder) {
            ClaimPlan::Ready(plan) => plan,
            ClaimPlan::Opening(all) => self.trim_opening(all, first_balance_block()),
            ClaimPlan::NeedsFirstBalance => {
                self.plan_from(self.start_after_first_balance(first_balance_block()))
            }
        }
    }

    /// What a claim by `holder` covers, as far as the distributor alone can tell (see [`ClaimPlan`]); the shell
    /// completes it as [`Self::claim_plan`] does, asking the token for the holder's first balance block in the
    /// same frame as its balances whenever it can.
    pub fn plan(&self, holder: AccountId) -> ClaimPlan {
        match self.cursor.get(holder) {
            Some(from) => ClaimPlan::Ready(self.plan_from(from)),
            None if self.count <= MAX_PER_CLAIM => ClaimPlan::Opening(self.plan_from(0)),
            None => ClaimPlan::NeedsFirstBalance,
        }
    }

    /// An opening plan without the distributions recorded before `holder` first held tokens: exactly what
    /// [`Self::claim_plan`] plans for a holder with that first balance block.
    pub fn trim_opening(
        &self,
        all: Vec<(DistributionId, BlockNumber)>,
        first_balance_block: Option<BlockNumber>,
    ) -> Vec<(DistributionId, BlockNumber)> {
        let start = self.start_after_first_balance(first_balance_block);
        all.into_iter().filter(|(id, _)| *id >= start).collect()
    }

    /// The first distribution a holder that never claimed is owed anything from, given the block from which it held
    /// tokens (`None`: it never held any).
    pub fn start_after_first_balance(
        &self,
        first_balance_block: Option<BlockNumber>,
    ) -> DistributionId {
        match first_balance_block {
            Some(block) => self.first_recorded_at_or_after(block),
            None => self.count,
        }
    }

    fn plan_from(&self, from: DistributionId) -> Vec<(DistributionId, BlockNumber)> {
        let to = from.saturating_add(MAX_PER_CLAIM).min(self.count);
        (from..to)
            .filter_map(|id| self.record_blocks.get(id).map(|b| (id, b)))
            .collect()
    }

    /// Pays `holder`'s share of the planned distributions, given its balance at each record block, to
    /// `beneficiary` (the holder itself, or the wallet a lost holder wallet was recovered to; `facts` are the
    /// beneficiary's). Expired or closed distributions are skipped (their funds went, or will go, to the reserve).
    /// Tax is withheld at the rate each distribution was created with and paid to its own tax account; a frozen
    /// beneficiary's net share is held for it, not lost.
    pub fn claim(
        &mut self,
        holder: AccountId,
        beneficiary: AccountId,
        balances: &[(DistributionId, Balance)],
        facts: HolderFacts,
        now: Timestamp,
    ) -> DistributorResult<ClaimOutcome> {
        // Gross and tax per asset, and tax per (asset, tax account), in the order met (a handful in practice).
        let mut totals: Vec<(Asset, Balance, Balance)> = Vec::new();
        let mut taxes: Vec<(Asset, AccountId, Balance)> = Vec::new();
        let (mut first, mut last) = (None, None);
        for &(id, balance) in balances {
            let mut d = self
                .distributions
                .get(id)
                .ok_or(DistributorError::UnknownDistribution { id })?;
            first = first.or(Some(id));
            last = Some(id);
            if d.excluded.contains(&holder) || d.closed || now >= d.expires_at || balance == 0 {
                continue;
            }
            // Never more than the pool still holds, whatever the token reports (defence in depth).
            let unclaimed = d.to_holders.saturating_sub(d.claimed);
            let gross = mul_div(d.to_holders, balance, d.eligible_supply)
                .ok_or(DistributorError::Overflow)?
                .min(unclaimed);
            let rem = mul_rem(d.to_holders, balance, d.eligible_supply)
                .ok_or(DistributorError::Overflow)?;
            let tax = share(gross, self.tax_rate_for(facts.country, id))
                .ok_or(DistributorError::Overflow)?;
            d.claimed = d
                .claimed
                .checked_add(gross)
                .ok_or(DistributorError::Overflow)?;
            d.remainders = d
                .remainders
                .checked_add(rem)
                .ok_or(DistributorError::Overflow)?;
            self.distributions.insert(id, &d);
            match totals.iter_mut().find(|(a, _, _)| *a == d.asset) {
                Some((_, g, t)) => {
                    *g = g.checked_add(gross).ok_or(DistributorError::Overflow)?;
                    *t = t.checked_add(tax).ok_or(DistributorError::Overflow)?;
                }
                None => totals.push((d.asset, gross, tax)),
            }
            match taxes
                .iter_mut()
                .find(|(a, to, _)| *a == d.asset && *to == d.tax_account)
            {
                Some((_, _, t)) => *t = t.checked_add(tax).ok_or(DistributorError::Overflow)?,
                None => taxes.push((d.asset, d.tax_account, tax)),
            }
        }
        let (Some(from), Some(to)) = (first, last) else {
            return Err(DistributorError::NothingToClaim { holder });
        };
        self.cursor.insert(
            holder,
            &to.checked_add(1).ok_or(DistributorError::Overflow)?,
        );
        let mut out = ClaimOutcome::default();
        for (asset, tax_account, tax) in taxes {
            if tax > 0 {
                self.sub_liability(asset, tax)?;
                out.payouts.push(Payout {
                    asset,
                    to: tax_account,
                    amount: tax,
                });
            }
        }
        for (asset, gross, tax) in totals {
            let net = gross.checked_sub(tax).ok_or(DistributorError::Overflow)?;
            if facts.frozen {
                self.credit_held(beneficiary, asset, net)?;
            } else if net > 0 {
                self.sub_liability(asset, net)?;
                out.payouts.push(Payout {
                    asset,
                    to: beneficiary,
                    amount: net,
                });
            }
            out.claimed.push(Claimed {
                holder,
                paid_to: beneficiary,
                from,
                to,
                asset,
                gross,
                tax,
                net,
                held: facts.frozen,
            });
        }
        Ok(out)
    }

    /// Adds `amount` to what is held for `account` (it stays a liability).
    fn credit_held(
        &mut self,
        account: AccountId,
        asset: Asset,
        amount: Balance,
    ) -> DistributorResult<()> {
        if amount == 0 {
            return Ok(());
        }
        let h = self
            .held(account, asset)
            .checked_add(amount)
            .ok_or(DistributorError::Overflow)?;
        self.held.insert((account, asset), &h);
        Ok(())
    }

    /// The shell could not make `payout` (a native amount below the existential deposit, a stablecoin refusing the
    /// recipient, ...): the money is held for the recipient, who (or anyone for it) takes it later with
    /// `release_held`. Nothing reverts, so one refused payment never blocks another's.
    pub fn hold_failed(&mut self, payout: Payout) -> DistributorResult<PaymentHeld> {
        self.credit_held(payout.to, payout.asset, payout.amount)?;
        self.add_liability(payout.asset, payout.amount)?;
        Ok(PaymentHeld {
            to: payout.to,
            asset: payout.asset,
            amount: payout.amount,
        })
    }

    /// Moves what is held for the lost wallet `lost` to `target`, the wallet the token recovered it to: paid to
    /// `target` at once, or held for it if it is frozen.
    pub fn redirect_held(
        &mut self,
        lost: AccountId,
        target: AccountId,
        asset: Asset,
        target_frozen: bool,
    ) -> DistributorResult<(HeldRedirected, Option<Payout>)> {
        let amount = self.held(lost, asset);
        if amount == 0 {
            return Err(DistributorError::NothingToClaim { holder: lost });
        }
        self.held.remove((lost, asset));
        let payout = if target_frozen {
            self.credit_held(target, asset, amount)?;
            None
        } else {
            self.sub_liability(asset, amount)?;
            Some(Payout {
                asset,
                to: target,
                amount,
            })
        };
        Ok((
            HeldRedirected {
                lost,
                to: target,
                asset,
                amount,
                held: target_frozen,
            },
            payout,
        ))
    }

    /// Pays an account what is held for it (a share set aside while it was frozen, or a payment that failed), once
    /// it is not frozen.
    pub fn release_held(
        &mut self,
        holder: AccountId,
        asset: Asset,
        frozen: bool,
    ) -> DistributorResult<(HeldReleased, Payout)> {
        if frozen {
            return Err(DistributorError::HolderFrozen { holder });
        }
        let amount = self.held(holder, asset);
        if amount == 0 {
            return Err(DistributorError::NothingToClaim { holder });
        }
        self.held.remove((holder, asset));
        self.sub_liability(asset, amount)?;
        Ok((
            HeldReleased {
                holder,
                asset,
                amount,
            },
            Payout {
                asset,
                to: holder,
                amount,
            },
        ))
    }

    /// Anyone closes an expired distribution: whole units of rounding dust are carried into the next distribution
    /// of the same asset; the rest of what was not claimed goes to the reserve.
    pub fn close_expired(
        &mut self,
        id: DistributionId,
        now: Timestamp,
    ) -> DistributorResult<(DistributionClosed, Option<Payout>)> {
        let mut d = self
            .distributions
            .get(id)
            .ok_or(DistributorError::UnknownDistribution { id })?;
        if d.closed {
            return Err(DistributorError::AlreadyClosed { id });
        }
        if now < d.expires_at {
            return Err(DistributorError::NotExpired {
                id,
                expires_at: d.expires_at,
            });
        }
        let left = d
            .to_holders
            .checked_sub(d.claimed)
            .ok_or(DistributorError::Overflow)?;
        let dust = d
            .remainders
            .checked_div(d.eligible_supply)
            .unwrap_or(0)
            .min(left);
        let to_reserve = left.checked_sub(dust).ok_or(DistributorError::Overflow)?;
        d.closed = true;
        self.distributions.insert(id, &d);
        let carried = self
            .carried_dust(d.asset)
            .checked_add(dust)
            .ok_or(DistributorError::Overflow)?;
        if carried > 0 {
            self.carried_dust.insert(d.asset, &carried);
        }
        self.sub_liability(d.asset, to_reserve)?;
        let payout = (to_reserve > 0).then_some(Payout {
            asset: d.asset,
            to: d.reserve,
            amount: to_reserve,
        });
        Ok((
            DistributionClosed {
                id,
                unclaimed_to_reserve: to_reserve,
                dust_carried: dust,
            },
            payout,
        ))
    }
}
