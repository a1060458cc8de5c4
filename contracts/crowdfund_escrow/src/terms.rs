//! The terms of one offering, fixed at deployment and checked once by [`OfferingTerms::validate`].
//!
//! Terms never change after deployment: investors commit against them, so the admin cannot move a cap, a price
//! or a deadline under their feet. The only admin levers are cancellation (everyone is refunded), approving
//! admin-approved tranches after success and, after the long-stop, releasing a tranche whose oracle milestone
//! was never attested and the remaining delivery holdback.
use ink::prelude::vec::Vec;
use suite_traits::bps::BPS_DENOMINATOR;
use suite_traits::{AccountId, Balance, ClaimSet, CountryCode, MilestoneId, Timestamp};

use crate::errors::TermsError;
use crate::types::ListKind;

/// Most milestone tranches an offering may have.
pub const MAX_TRANCHES: u32 = 12;
/// Most countries an offering may block.
pub const MAX_BLOCKED_COUNTRIES: u32 = 32;

/// Who unlocks a milestone tranche of the sponsor's money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ReleaseCondition {
    /// The escrow's admin (the governor, once governance is live) approves the release.
    AdminApproval,
    /// Anyone may release it once `oracle` reports `milestone` as attested.
    OracleMilestone {
        /// Contract implementing `MilestoneOracle` (the project's IoT oracle).
        oracle: AccountId,
        /// Milestone the oracle must have attested.
        milestone: MilestoneId,
    },
}

/// One slice of the sponsor's net proceeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct TrancheTerms {
    /// Share of the net proceeds, in basis points; the shares of all tranches add up to 10 000.
    pub share_bps: u16,
    /// What unlocks it.
    pub condition: ReleaseCondition,
}

/// Everything an investor agrees to when contributing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct OfferingTerms {
    /// Receives the net proceeds on success.
    pub sponsor: AccountId,
    /// The lead investor, whose commitment must arrive first and opens the sale.
    pub lead_investor: AccountId,
    /// Smallest first deposit of the lead investor.
    pub lead_commitment: Balance,
    /// Native units paid per token unit; every contribution is a whole number of tokens.
    pub price_per_token: Balance,
    /// Least amount raised (lead included) for the offering to succeed.
    pub soft_cap: Balance,
    /// Most that can be raised.
    pub hard_cap: Balance,
    /// End of the subscription period (ms).
    pub deadline: Timestamp,
    /// Smallest single contribution of an investor other than the lead.
    pub min_ticket: Balance,
    /// Most one identity (all its wallets together) may commit, the lead excepted.
    pub max_ticket: Balance,
    /// Most one non-accredited (retail) identity may commit.
    pub non_accredited_cap: Balance,
    /// How long after its last contribution a retail investor may still withdraw in full (ms).
    pub cooling_off_ms: Timestamp,
    /// Claims (KYC, AML, ...) an investor must hold in the registry to contribute.
    pub required_claims: ClaimSet,
    /// Countries whose residents may not contribute.
    pub blocked_countries: Vec<CountryCode>,
    /// The platform that runs the offering; receives the fee on success.
    pub fee_receiver: AccountId,
    /// Platform fee on the amount raised, in basis points.
    pub fee_bps: u16,
    /// Milestone tranches of the net proceeds; empty pays the sponsor everything at success.
    pub tranches: Vec<TrancheTerms>,
    /// Delivery holdback, in basis points of the amount raised: kept back from the sponsor's net proceeds at
    /// success to refund, in full, a position the token still refuses to mint (rules changed after the
    /// contribution). Released to the sponsor once every position is settled, or by the admin after the
    /// long-stop. `fee_bps + holdback_bps` may not exceed 10 000.
    pub holdback_bps: u16,
    /// Long-stop after success (ms): from then on the admin (the governor after handover) may release an
    /// oracle-milestone tranche the oracle never attested, and the remaining holdback. Required (non-zero) when
    /// there are tranches or a holdback.
    pub long_stop_ms: Timestamp,
}

fn whole_tokens(amount: Balance, price: Balance) -> Result<(), TermsError> {
    if amount.checked_rem(price) == Some(0) {
        Ok(())
    } else {
        Err(TermsError::NotWholeTokens { amount, price })
    }
}

impl OfferingTerms {
    /// Checks the terms are coherent; `now` is the deployment time.
    pub fn validate(&self, now: Timestamp) -> Result<(), TermsError> {
        let price = self.price_per_token;
        if price == 0 {
            return Err(TermsError::ZeroPrice);
        }
        if self.soft_cap == 0 || self.soft_cap > self.hard_cap {
            return Err(TermsError::CapsInverted {
                soft_cap: self.soft_cap,
                hard_cap: self.hard_cap,
            });
        }
        if self.lead_commitment == 0 || self.lead_commitment > self.hard_cap {
            return Err(TermsError::LeadCommitmentOutOfRange {
                lead_commitment: self.lead_commitment,
                hard_cap: self.hard_cap,
            });
        }
        if self.min_ticket == 0 || self.min_ticket > self.max_ticket {
            return Err(TermsError::TicketsInverted {
                min_ticket: self.min_ticket,
                max_ticket: self.max_ticket,
            });
        }
        for amount in [
            self.soft_cap,
            self.hard_cap,
            self.lead_commitment,
            self.min_ticket,
            self.max_ticket,
            self.non_accredited_cap,
        ] {
            whole_tokens(amount, price)?;
        }
        if self.deadline <= now {
            return Err(TermsError::DeadlinePassed {
                deadline: self.deadline,
                now,
            });
        }
        if self.fee_bps > BPS_DENOMINATOR {
            return Err(TermsError::InvalidBps { bps: self.fee_bps });
        }
        if self.holdback_bps > BPS_DENOMINATOR
            || u32::from(self.fee_bps).saturating_add(u32::from(self.holdback_bps))
                > u32::from(BPS_DENOMINATOR)
        {
            return Err(TermsError::FeeAndHoldbackAboveRaise {
                fee_bps: self.fee_bps,
                holdback_bps: self.holdback_bps,
            });
        }
        if self.long_stop_ms == 0 && (!self.tranches.is_empty() || self.holdback_bps > 0) {
            return Err(TermsError::NoLongStop);
        }
        if !self.required_claims.is_well_formed() {
            return Err(TermsError::MalformedClaims {
                bits: self.required_claims.0,
            });
        }
        if self.blocked_countries.len() > MAX_BLOCKED_COUNTRIES as usize {
            return Err(TermsError::TooMany {
                what: ListKind::BlockedCountries,
                max: MAX_BLOCKED_COUNTRIES,
            });
        }
        if self.tranches.len() > MAX_TRANCHES as usize {
            return Err(TermsError::TooMany {
                what: ListKind::Tranches,
                max: MAX_TRANCHES,
            });
        }
        if !self.tranches.is_empty() {
            let mut total: u32 = 0;
            for t in &self.tranches {
                if t.share_bps > BPS_DENOMINATOR {
                    return Err(TermsError::InvalidBps { bps: t.share_bps });
                }
                total = total.saturating_add(u32::from(t.share_bps));
            }
            if total != u32::from(BPS_DENOMINATOR) {
                return Err(TermsError::TrancheSharesDoNotAddUp { total_bps: total });
            }
        }
        Ok(())
    }

    /// Whether residents of `country` are barred.
    pub fn is_blocked(&self, country: CountryCode) -> bool {
        self.blocked_countries.contains(&country)
    }
}
