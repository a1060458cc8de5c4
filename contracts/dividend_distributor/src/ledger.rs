//! The distributor's books, free of message dispatch and of cross-calls: the shell asks the token and the registry
//! and passes the answers in as plain values. Tested natively in `tests.rs`.
//!
//! Accounting of one distribution `d` (all in its asset):
//! `d.to_holders = Σ gross paid or held + (unclaimed at close → reserve) + (dust at close → carried forward)`, and a
//! holder's gross share is `floor(d.to_holders × balance_at(record_block) / d.eligible_supply)`. The floors leave a
//! remainder per claim; their sum over claimed holders, divided by the eligible supply, is the whole units of
//! rounding dust, which the next distribution of the same asset inherits. Nothing is ever paid out that was not
//! deposited, and nothing deposited is ever lost.
use ink::prelude::{string::String, vec::Vec};
use ink::storage::Mapping;
use suite_traits::bps::{share, BPS_DENOMINATOR};
use suite_traits::math::{mul_div, mul_rem};
use suite_traits::{AccountId, AdminRole, Balance, BlockNumber, CountryCode, Timestamp};

use crate::errors::{DistributorError, DistributorResult};
use crate::events::*;

/// Number of a distribution (from 0).
pub type DistributionId = u32;

/// Most distributions one claim processes: a holder with a longer backlog claims again (bounded weight).
pub const MAX_PER_CLAIM: u32 = 12;
/// Most accounts left out of the denominator.
pub const MAX_EXCLUDED: u32 = 16;
/// Longest source or period label, in bytes.
pub const MAX_LABEL_LEN: u32 = 32;
/// Most holders one push batch pays.
pub const MAX_BATCH: u32 = 16;

/// What a distribution pays in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Asset {
    /// The chain's native currency.
    Native,
    /// A PSP22 token (a stablecoin).
    Psp22(AccountId),
}

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
}

/// A payment the shell must make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    pub asset: Asset,
    pub to: AccountId,
    pub amount: Balance,
}

/// What the registry and token say about a claiming holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolderFacts {
    /// Country for withholding tax (0: unknown, no tax).
    pub country: CountryCode,
    /// Frozen by the regulator (identity) or the token's agent (account).
    pub frozen: bool,
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
    admin: AdminRole,
    config: DistributorConfig,
    depositors: Mapping<AccountId, ()>,
    excluded: Vec<AccountId>,
    tax_bps: Mapping<CountryCode, u16>,
    count: DistributionId,
    distributions: Mapping<DistributionId, Distribution>,
    cursor: Mapping<AccountId, DistributionId>,
    held: Mapping<(AccountId, Asset), Balance>,
    carried_dust: Mapping<Asset, Balance>,
    /// Funds of each asset the books account for (pools not yet paid, held shares, carried dust): the
    /// distributor's balance of that asset never falls below it.
    liabilities: Mapping<Asset, Balance>,
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
            tax_bps: Mapping::default(),
            count: 0,
            distributions: Mapping::default(),
            cursor: Mapping::default(),
            held: Mapping::default(),
            carried_dust: Mapping::default(),
            liabilities: Mapping::default(),
        })
    }

    // ---- views ----

    pub fn admin(&self) -> AccountId {
        self.admin.admin()
    }
    pub fn pending_admin(&self) -> Option<AccountId> {
        self.admin.pending()
    }
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
    pub fn tax_rate(&self, country: CountryCode) -> u16 {
        self.tax_bps.get(country).unwrap_or(0)
    }
    pub fn distribution_count(&self) -> DistributionId {
        self.count
    }
    pub fn distribution(&self, id: DistributionId) -> Option<Distribution> {
        self.distributions.get(id)
    }
    /// First distribution the holder has not claimed yet.
    pub fn cursor(&self, holder: AccountId) -> DistributionId {
        self.cursor.get(holder).unwrap_or(0)
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

    fn ensure_admin(&self, caller: AccountId) -> DistributorResult<()> {
        self.admin.ensure(caller).map_err(Into::into)
    }

    pub fn start_admin_transfer(
        &mut self,
        caller: AccountId,
        candidate: AccountId,
    ) -> DistributorResult<AdminTransferStarted> {
        self.admin.offer(caller, candidate).map_err(Into::into)
    }

    pub fn accept_admin(&mut self, caller: AccountId) -> DistributorResult<AdminChanged> {
        self.admin.accept(caller).map_err(Into::into)
    }

    /// Admin changes the settings (the payout ratio applies to later deposits only).
    pub fn set_config(
        &mut self,
        caller: AccountId,
        config: DistributorConfig,
    ) -> DistributorResult<ConfigChanged> {
        self.ensure_admin(caller)?;
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
        self.ensure_admin(caller)?;
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
        self.ensure_admin(caller)?;
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
        self.ensure_admin(caller)?;
        if country == 0 || country > suite_traits::compliance::MAX_COUNTRY_CODE {
            return Err(DistributorError::InvalidCountry { country });
        }
        if bps > BPS_DENOMINATOR {
            return Err(DistributorError::InvalidBps { bps });
        }
        if bps == 0 {
            self.tax_bps.remove(country);
        } else {
            self.tax_bps.insert(country, &bps);
        }
        Ok(TaxRateSet { country, bps })
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
            },
        );
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
            },
            reserve,
        ))
    }

    // ---- claims ----

    /// The distributions a claim by `holder` will process now, with their record blocks: from its cursor, at most
    /// [`MAX_PER_CLAIM`]. The shell reads the holder's balance at each record block.
    pub fn claim_plan(&self, holder: AccountId) -> Vec<(DistributionId, BlockNumber)> {
        let from = self.cursor(holder);
        let to = from.saturating_add(MAX_PER_CLAIM).min(self.count);
        (from..to)
            .filter_map(|id| self.distributions.get(id).map(|d| (id, d.record_block)))
            .collect()
    }

    /// Pays `holder` its share of the planned distributions, given its balance at each record block. Expired or
    /// closed distributions are skipped (their funds went, or will go, to the reserve). A frozen holder's net share
    /// is held for it, not lost; tax is withheld by country either way.
    pub fn claim(
        &mut self,
        holder: AccountId,
        balances: &[(DistributionId, Balance)],
        facts: HolderFacts,
        now: Timestamp,
    ) -> DistributorResult<ClaimOutcome> {
        let tax_bps = self.tax_rate(facts.country);
        // Totals per asset, in the order met (at most two assets in practice).
        let mut totals: Vec<(Asset, Balance)> = Vec::new();
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
            d.claimed = d
                .claimed
                .checked_add(gross)
                .ok_or(DistributorError::Overflow)?;
            d.remainders = d
                .remainders
                .checked_add(rem)
                .ok_or(DistributorError::Overflow)?;
            self.distributions.insert(id, &d);
            match totals.iter_mut().find(|(a, _)| *a == d.asset) {
                Some((_, t)) => *t = t.checked_add(gross).ok_or(DistributorError::Overflow)?,
                None => totals.push((d.asset, gross)),
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
        for (asset, gross) in totals {
            let tax = share(gross, tax_bps).ok_or(DistributorError::Overflow)?;
            let net = gross.checked_sub(tax).ok_or(DistributorError::Overflow)?;
            if tax > 0 {
                self.sub_liability(asset, tax)?;
                out.payouts.push(Payout {
                    asset,
                    to: self.config.tax_account,
                    amount: tax,
                });
            }
            if facts.frozen {
                let h = self
                    .held(holder, asset)
                    .checked_add(net)
                    .ok_or(DistributorError::Overflow)?;
                self.held.insert((holder, asset), &h);
            } else if net > 0 {
                self.sub_liability(asset, net)?;
                out.payouts.push(Payout {
                    asset,
                    to: holder,
                    amount: net,
                });
            }
            out.claimed.push(Claimed {
                holder,
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

    /// Pays a holder the share held while it was frozen, once it no longer is.
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
            to: self.config.reserve,
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
