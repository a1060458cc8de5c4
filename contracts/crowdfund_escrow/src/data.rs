//! The offering's state machine and books, free of message dispatch: each operation takes the caller, the time
//! and the facts the shell gathered (registry status, paid value), checks the rules, updates the books and returns
//! the events to emit and the payments to make. Tested natively in `tests.rs`.
//!
//! ```text
//!                 lead deposits                  deadline (or hard cap) passed, cooling-off over
//!  AwaitingLead ───────────────▶ Open ───────────────────────────────────────────▶ Succeeded (raised >= soft cap)
//!       │                          │                                            └▶ Failed    (raised <  soft cap)
//!       │ deadline passed          │ admin cancels
//!       ▼                          ▼
//!     Failed                   Cancelled          (AwaitingLead may be cancelled too)
//! ```
//! Succeeded: investors pull their tokens, the sponsor is paid in tranches. Failed / Cancelled: everyone, the lead
//! investor included, pulls a full refund.
use crate::types::Phase;
use ink::storage::Mapping;
use suite_traits::bps::share;
use suite_traits::{
    AccountId, AdminRole, Balance, ClaimType, IdentityId, MintRefusal, PartyStatus, Timestamp,
};

use crate::errors::{EscrowError, EscrowResult};
use crate::events::*;
use crate::terms::{OfferingTerms, ReleaseCondition, TrancheTerms};

/// One wallet's stake in the offering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Position {
    /// Identity the wallet belonged to when it contributed.
    pub identity: IdentityId,
    /// Native currency committed and still held for this wallet.
    pub paid: Balance,
    /// Non-accredited at its last contribution: has a cooling-off right.
    pub retail: bool,
    /// End of the cooling-off window (retail only).
    pub cooling_off_until: Timestamp,
    /// Tokens delivered (success) or refund paid (failure): nothing more is owed to this wallet.
    pub settled: bool,
}

/// A native-currency payment the shell must make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    /// Recipient.
    pub to: AccountId,
    /// Amount.
    pub amount: Balance,
}

/// What finalization decided.
// Built once per offering and consumed at once, never stored: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, PartialEq, Eq)]
pub enum Finalized {
    /// Soft cap met: emit `succeeded`, pay the fee and (without tranches) the sponsor.
    Succeeded {
        succeeded: OfferingSucceeded,
        fee: Option<(FeePaid, Payout)>,
        sponsor: Option<(TrancheReleased, Payout)>,
    },
    /// Soft cap missed or no lead.
    Failed(OfferingFailed),
}

/// Figures of the offering, for views and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct OfferingStatus {
    pub phase: Phase,
    /// Committed and not withdrawn (the lead included).
    pub raised: Balance,
    /// Wallets with a position.
    pub investors: u32,
    /// Latest end of a retail cooling-off window: finalization waits for it.
    pub cooling_off_until: Timestamp,
    /// Native currency the escrow must still pay out (refunds before success; fee and tranches after).
    pub owed: Balance,
    /// Refunds paid so far (withdrawals and failure refunds).
    pub refunded: Balance,
    /// Tokens minted to investors so far.
    pub tokens_delivered: Balance,
    /// Net proceeds released to the sponsor so far.
    pub released: Balance,
    /// Tranches released so far.
    pub tranches_released: u32,
    /// Delivery holdback left (after success): refunds positions the token refuses to mint.
    pub holdback: Balance,
    /// Positions neither delivered nor refunded (after success).
    pub undelivered: u32,
}

/// The escrow's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct OfferingData {
    /// The admin and its two-step handover (the shell's `suite_traits::Admin` messages act on it).
    pub admin: AdminRole,
    terms: OfferingTerms,
    phase: Phase,
    positions: Mapping<AccountId, Position>,
    identity_committed: Mapping<IdentityId, Balance>,
    investors: u32,
    raised: Balance,
    cooling_off_until: Timestamp,
    /// Refunds owed and not yet paid (before success).
    refundable: Balance,
    refunded: Balance,
    fee_unpaid: Balance,
    net_unreleased: Balance,
    sponsor_net: Balance,
    released: Balance,
    tranches_released: u32,
    /// Bit `i` set: tranche `i` is released (tranches may be released out of order: one blocked tranche does not
    /// hold back the others).
    released_tranches: u32,
    tokens_delivered: Balance,
    /// Delivery holdback left after success.
    holdback: Balance,
    /// Positions neither delivered nor refunded after success.
    undelivered: u32,
    /// When the offering succeeded (the long-stop runs from here).
    succeeded_at: Timestamp,
    /// The token's promises for this offering were released (after failure, cancellation, or the long-stop): a
    /// position still undelivered is then minted under the token's rules of the day.
    promises_released: bool,
}

impl OfferingData {
    /// A fresh offering on `terms` (already validated), administered by `admin`.
    pub fn new(admin: AccountId, terms: OfferingTerms) -> Self {
        OfferingData {
            admin: AdminRole::new(admin),
            terms,
            phase: Phase::AwaitingLead,
            positions: Mapping::default(),
            identity_committed: Mapping::default(),
            investors: 0,
            raised: 0,
            cooling_off_until: 0,
            refundable: 0,
            refunded: 0,
            fee_unpaid: 0,
            net_unreleased: 0,
            sponsor_net: 0,
            released: 0,
            tranches_released: 0,
            released_tranches: 0,
            tokens_delivered: 0,
            holdback: 0,
            undelivered: 0,
            succeeded_at: 0,
            promises_released: false,
        }
    }

    // ---- views ----

    /// The terms.
    pub fn terms(&self) -> &OfferingTerms {
        &self.terms
    }

    /// Current phase (stored; a sale past its deadline stays `Open` until someone finalizes it).
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// A wallet's position.
    pub fn position(&self, account: AccountId) -> Option<Position> {
        self.positions.get(account)
    }

    /// What an identity has committed over all its wallets.
    pub fn identity_committed(&self, identity: IdentityId) -> Balance {
        self.identity_committed.get(identity).unwrap_or(0)
    }

    /// Native currency the escrow owes: unpaid refunds before success; unpaid fee and unreleased tranches after.
    /// The escrow's balance never falls below it.
    pub fn owed(&self) -> Balance {
        match self.phase {
            Phase::Succeeded => self
                .fee_unpaid
                .saturating_add(self.net_unreleased)
                .saturating_add(self.holdback),
            _ => self.refundable,
        }
    }

    /// Figures for views and reports.
    pub fn status(&self) -> OfferingStatus {
        OfferingStatus {
            phase: self.phase,
            raised: self.raised,
            investors: self.investors,
            cooling_off_until: self.cooling_off_until,
            owed: self.owed(),
            refunded: self.refunded,
            tokens_delivered: self.tokens_delivered,
            released: self.released,
            tranches_released: self.tranches_released,
            holdback: self.holdback,
            undelivered: self.undelivered,
        }
    }

    /// Tokens the escrow would owe `identity` over all its wallets (every position is undelivered before
    /// success). The shell asks the token whether it would mint that much to the contributor.
    pub fn identity_tokens_owed(&self, identity: IdentityId) -> Balance {
        self.tokens_for(self.identity_committed(identity))
    }

    /// End of the long-stop (after success): from then on the admin may release a never-attested milestone
    /// tranche and the remaining holdback.
    pub fn long_stop_at(&self) -> Timestamp {
        self.succeeded_at.saturating_add(self.terms.long_stop_ms)
    }

    /// Whether `caller` may use the long-stop fallback now.
    pub fn long_stop_fallback_open(&self, caller: AccountId, now: Timestamp) -> bool {
        self.phase == Phase::Succeeded && caller == self.admin.admin() && now >= self.long_stop_at()
    }

    /// Tokens a commitment of `paid` buys.
    pub fn tokens_for(&self, paid: Balance) -> Balance {
        paid.checked_div(self.terms.price_per_token).unwrap_or(0)
    }

    // ---- admin ----

    // ---- subscription ----

    /// Checks a contributor's registry facts; returns whether it is retail (non-accredited).
    fn check_investor(&self, status: &PartyStatus) -> EscrowResult<(IdentityId, bool)> {
        let identity = status.identity.ok_or(EscrowError::NotRegistered {
            account: status.account,
        })?;
        if status.identity_frozen {
            return Err(EscrowError::IdentityFrozen { identity });
        }
        let missing = self.terms.required_claims.missing_from(status.valid_claims);
        if !missing.is_empty() {
            return Err(EscrowError::MissingClaims { missing });
        }
        if self.terms.is_blocked(status.country) {
            return Err(EscrowError::CountryBlocked {
                country: status.country,
            });
        }
        Ok((
            identity,
            !status.valid_claims.contains(ClaimType::Accredited),
        ))
    }

    /// `investor` pays `amount` into the offering. `status` is the registry's answer about `investor` for the
    /// offering's required claims plus `Accredited`.
    pub fn contribute(
        &mut self,
        investor: AccountId,
        amount: Balance,
        status: &PartyStatus,
        now: Timestamp,
    ) -> EscrowResult<(Option<SaleOpened>, Contributed)> {
        let t = &self.terms;
        let is_lead = investor == t.lead_investor;
        match self.phase {
            Phase::AwaitingLead if !is_lead => {
                return Err(EscrowError::LeadInvestorFirst {
                    lead: t.lead_investor,
                })
            }
            Phase::AwaitingLead | Phase::Open => {}
            current => return Err(EscrowError::WrongPhase { current }),
        }
        if now >= t.deadline {
            return Err(EscrowError::SaleClosed {
                deadline: t.deadline,
            });
        }
        if amount == 0 {
            return Err(EscrowError::ZeroAmount);
        }
        if amount.checked_rem(t.price_per_token) != Some(0) {
            return Err(EscrowError::NotWholeTokens {
                amount,
                price: t.price_per_token,
            });
        }
        let (identity, accredited_missing) = self.check_investor(status)?;
        // The lead is a professional investor bound by its commitment: no ticket limits, no cooling-off.
        let retail = accredited_missing && !is_lead;
        let opening = self.phase == Phase::AwaitingLead;
        if opening && amount < t.lead_commitment {
            return Err(EscrowError::LeadCommitmentTooSmall {
                required: t.lead_commitment,
                offered: amount,
            });
        }
        // A wallet the registry re-linked to another identity since its last contribution carries its earlier
        // commitment over: every identity's total stays the sum of the positions of its wallets.
        let existing = self.positions.get(investor);
        let relinked = existing.filter(|p| p.identity != identity && p.paid > 0);
        let carried = relinked.map_or(0, |p| p.paid);
        let committed = self.identity_committed(identity);
        let would_total = committed
            .checked_add(carried)
            .and_then(|c| c.checked_add(amount))
            .ok_or(EscrowError::Overflow)?;
        if !is_lead {
            if amount < t.min_ticket {
                return Err(EscrowError::BelowMinTicket {
                    min_ticket: t.min_ticket,
                    offered: amount,
                });
            }
            if would_total > t.max_ticket {
                return Err(EscrowError::AboveMaxTicket {
                    max_ticket: t.max_ticket,
                    would_total,
                });
            }
            if retail && would_total > t.non_accredited_cap {
                return Err(EscrowError::NonAccreditedCapExceeded {
                    cap: t.non_accredited_cap,
                    would_total,
                });
            }
        }
        let raised = self
            .raised
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        if raised > t.hard_cap {
            return Err(EscrowError::HardCapExceeded {
                hard_cap: t.hard_cap,
                remaining: t.hard_cap.saturating_sub(self.raised),
            });
        }
        let cooling_off_until = if retail {
            now.checked_add(t.cooling_off_ms)
                .ok_or(EscrowError::Overflow)?
        } else {
            0
        };
        let mut position = existing.unwrap_or(Position {
            identity,
            paid: 0,
            retail,
            cooling_off_until: 0,
            settled: false,
        });
        let relinked_from = relinked.map(|p| p.identity);
        if let Some(previous) = relinked_from {
            let left = self.identity_committed(previous).saturating_sub(carried);
            if left == 0 {
                self.identity_committed.remove(previous);
            } else {
                self.identity_committed.insert(previous, &left);
            }
        }
        position.identity = identity;
        if position.paid == 0 {
            self.investors = self.investors.checked_add(1).ok_or(EscrowError::Overflow)?;
        }
        position.paid = position
            .paid
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        position.retail = retail;
        position.cooling_off_until = cooling_off_until;
        let lead_investor = t.lead_investor;
        self.positions.insert(investor, &position);
        self.identity_committed.insert(identity, &would_total);
        self.raised = raised;
        self.refundable = self
            .refundable
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        self.cooling_off_until = self.cooling_off_until.max(cooling_off_until);
        let opened = if opening {
            self.phase = Phase::Open;
            Some(SaleOpened {
                lead_investor,
                commitment: amount,
            })
        } else {
            None
        };
        Ok((
            opened,
            Contributed {
                investor,
                identity,
                amount,
                position: position.paid,
                retail,
                cooling_off_until,
                raised,
                relinked_from,
            },
        ))
    }

    /// A retail investor takes its whole commitment back inside the cooling-off window.
    pub fn withdraw(
        &mut self,
        investor: AccountId,
        now: Timestamp,
    ) -> EscrowResult<(Withdrawn, Payout)> {
        if self.phase != Phase::Open {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        let position = self
            .positions
            .get(investor)
            .ok_or(EscrowError::NoPosition { account: investor })?;
        if !position.retail {
            return Err(EscrowError::NoCoolingOffRight { account: investor });
        }
        if now >= position.cooling_off_until {
            return Err(EscrowError::CoolingOffOver {
                ended_at: position.cooling_off_until,
            });
        }
        let amount = position.paid;
        let committed = self
            .identity_committed(position.identity)
            .saturating_sub(amount);
        if committed == 0 {
            self.identity_committed.remove(position.identity);
        } else {
            self.identity_committed
                .insert(position.identity, &committed);
        }
        self.positions.remove(investor);
        self.investors = self.investors.saturating_sub(1);
        self.raised = self
            .raised
            .checked_sub(amount)
            .ok_or(EscrowError::Overflow)?;
        self.refundable = self
            .refundable
            .checked_sub(amount)
            .ok_or(EscrowError::Overflow)?;
        self.refunded = self
            .refunded
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        Ok((
            Withdrawn {
                investor,
                identity: position.identity,
                amount,
                raised: self.raised,
            },
            Payout {
                to: investor,
                amount,
            },
        ))
    }

    // ---- closing ----

    /// Anyone closes the subscription once it is decided: after the deadline (or as soon as the hard cap is
    /// reached) and after the last retail cooling-off window, so no withdrawal right is cut short.
    pub fn finalize(&mut self, caller: AccountId, now: Timestamp) -> EscrowResult<Finalized> {
        let t = &self.terms;
        match self.phase {
            Phase::AwaitingLead => {
                if now < t.deadline {
                    return Err(EscrowError::NotYetFinalizable {
                        deadline: t.deadline,
                        cooling_off_until: 0,
                        now,
                    });
                }
                self.phase = Phase::Failed;
                return Ok(Finalized::Failed(OfferingFailed {
                    raised: 0,
                    soft_cap: t.soft_cap,
                    lead_arrived: false,
                }));
            }
            Phase::Open => {}
            current => return Err(EscrowError::WrongPhase { current }),
        }
        let closed = now >= t.deadline || self.raised == t.hard_cap;
        if !closed || now < self.cooling_off_until {
            return Err(EscrowError::NotYetFinalizable {
                deadline: t.deadline,
                cooling_off_until: self.cooling_off_until,
                now,
            });
        }
        if self.raised < t.soft_cap {
            self.phase = Phase::Failed;
            return Ok(Finalized::Failed(OfferingFailed {
                raised: self.raised,
                soft_cap: t.soft_cap,
                lead_arrived: true,
            }));
        }
        let fee = share(self.raised, t.fee_bps).ok_or(EscrowError::Overflow)?;
        let net_total = self.raised.checked_sub(fee).ok_or(EscrowError::Overflow)?;
        let holdback = share(self.raised, t.holdback_bps)
            .ok_or(EscrowError::Overflow)?
            .min(net_total);
        let net = net_total
            .checked_sub(holdback)
            .ok_or(EscrowError::Overflow)?;
        let (sponsor, fee_receiver) = (t.sponsor, t.fee_receiver);
        let no_tranches = t.tranches.is_empty();
        let tokens_sold = self.tokens_for(self.raised);
        self.phase = Phase::Succeeded;
        self.succeeded_at = now;
        self.holdback = holdback;
        self.undelivered = self.investors;
        self.refundable = 0;
        self.sponsor_net = net;
        self.net_unreleased = net;
        // The fee is paid at once (the platform's service is complete); `fee_unpaid` stays 0 afterwards.
        self.fee_unpaid = 0;
        let fee_payment = (fee > 0).then_some((
            FeePaid {
                receiver: fee_receiver,
                amount: fee,
            },
            Payout {
                to: fee_receiver,
                amount: fee,
            },
        ));
        let sponsor_payment = if no_tranches {
            self.net_unreleased = 0;
            self.released = net;
            (net > 0).then_some((
                TrancheReleased {
                    index: 0,
                    sponsor,
                    amount: net,
                    by: caller,
                    long_stop_fallback: false,
                },
                Payout {
                    to: sponsor,
                    amount: net,
                },
            ))
        } else {
            None
        };
        Ok(Finalized::Succeeded {
            succeeded: OfferingSucceeded {
                raised: self.raised,
                tokens_sold,
                fee,
                sponsor_net: net,
                holdback,
            },
            fee: fee_payment,
            sponsor: sponsor_payment,
        })
    }

    /// The admin cancels a sale that has not been finalized; everyone is refunded.
    pub fn cancel(&mut self, caller: AccountId) -> EscrowResult<OfferingCancelled> {
        self.admin.ensure(caller)?;
        match self.phase {
            Phase::AwaitingLead | Phase::Open => {}
            current => return Err(EscrowError::WrongPhase { current }),
        }
        self.phase = Phase::Cancelled;
        Ok(OfferingCancelled {
            by: caller,
            raised: self.raised,
        })
    }

    // ---- settlement ----

    fn open_position(&self, investor: AccountId) -> EscrowResult<Position> {
        let position = self
            .positions
            .get(investor)
            .filter(|p| !p.settled)
            .ok_or(EscrowError::NoPosition { account: investor })?;
        Ok(position)
    }

    /// Marks `investor`'s tokens as delivered and returns how many to mint. The shell mints them and reverts
    /// everything if the token refuses.
    pub fn deliver_tokens(&mut self, investor: AccountId) -> EscrowResult<TokensDelivered> {
        self.deliver_tokens_to(investor, investor)
    }

    /// The identity an open position after success belongs to, for the shell's registry checks.
    pub fn open_position_identity(&self, investor: AccountId) -> EscrowResult<IdentityId> {
        if self.phase != Phase::Succeeded {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        Ok(self.open_position(investor)?.identity)
    }

    /// Marks `investor`'s tokens as delivered to `to` (the shell has checked that `to` is a wallet of the same
    /// identity) and returns how many to mint.
    pub fn deliver_tokens_to(
        &mut self,
        investor: AccountId,
        to: AccountId,
    ) -> EscrowResult<TokensDelivered> {
        if self.phase != Phase::Succeeded {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        let mut position = self.open_position(investor)?;
        let tokens = self.tokens_for(position.paid);
        position.settled = true;
        self.positions.insert(investor, &position);
        self.tokens_delivered = self
            .tokens_delivered
            .checked_add(tokens)
            .ok_or(EscrowError::Overflow)?;
        self.undelivered = self.undelivered.saturating_sub(1);
        Ok(TokensDelivered {
            investor,
            tokens,
            to,
        })
    }

    /// Refunds in full, from the delivery holdback, a position the token refuses to mint for a lasting reason
    /// (`refusal`, the token's answer the shell just obtained; `None` if the token would mint).
    ///
    /// The holdback serves first the positions others made undeliverable (a regulator's or the agent's freeze):
    /// a refusal of the investor's own standing, which it can mend and then claim its tokens, draws on it only
    /// from the long-stop on.
    pub fn refund_undeliverable(
        &mut self,
        investor: AccountId,
        refusal: Option<MintRefusal>,
        now: Timestamp,
    ) -> EscrowResult<(UndeliverableRefunded, Payout)> {
        if self.phase != Phase::Succeeded {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        let mut position = self.open_position(investor)?;
        let reason = refusal.ok_or(EscrowError::StillDeliverable { account: investor })?;
        if reason.is_temporary() {
            return Err(EscrowError::RefusalTemporary { reason });
        }
        // A freeze of the position's own identity is the regulator's doing; a freeze of one wallet, or a wallet that
        // now belongs to another identity (frozen or not), the investor mends by claiming to another wallet of its
        // identity (`claim_tokens_to`).
        let own = reason.is_recipients_own()
            || matches!(reason, MintRefusal::IdentityFrozen { identity } if identity != position.identity);
        if own && now < self.long_stop_at() {
            return Err(EscrowError::RefusalOwn {
                reason,
                refundable_from: self.long_stop_at(),
            });
        }
        let amount = position.paid;
        let holdback = self
            .holdback
            .checked_sub(amount)
            .ok_or(EscrowError::HoldbackExhausted {
                holdback: self.holdback,
                needed: amount,
            })?;
        position.settled = true;
        self.positions.insert(investor, &position);
        self.holdback = holdback;
        self.undelivered = self.undelivered.saturating_sub(1);
        self.refunded = self
            .refunded
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        Ok((
            UndeliverableRefunded {
                investor,
                amount,
                reason,
                holdback,
            },
            Payout {
                to: investor,
                amount,
            },
        ))
    }

    /// Releases the rest of the holdback to the sponsor: anyone once every position is settled; the admin after
    /// the long-stop even if some are not (those stay claimable as tokens).
    pub fn release_holdback(
        &mut self,
        caller: AccountId,
        now: Timestamp,
    ) -> EscrowResult<(HoldbackReleased, Payout)> {
        if self.phase != Phase::Succeeded {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        if self.holdback == 0 {
            return Err(EscrowError::NothingHeldBack);
        }
        if self.undelivered > 0 && !self.long_stop_fallback_open(caller, now) {
            return Err(EscrowError::HoldbackLocked {
                undelivered: self.undelivered,
                long_stop_at: self.long_stop_at(),
            });
        }
        let amount = self.holdback;
        self.holdback = 0;
        self.released = self
            .released
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        let sponsor = self.terms.sponsor;
        Ok((
            HoldbackReleased {
                sponsor,
                amount,
                by: caller,
                undelivered: self.undelivered,
            },
            Payout {
                to: sponsor,
                amount,
            },
        ))
    }

    /// Whether the token's promises for this offering were released.
    pub fn promises_released(&self) -> bool {
        self.promises_released
    }

    /// Marks the token's promises for this offering as released: after failure or cancellation (nothing will be
    /// delivered), or after success once the long-stop has passed (so a position its investor never claims cannot
    /// hold the token's places, supply and the next offering back for ever; it stays claimable, under the token's
    /// rules of the day).
    pub fn release_promises(&mut self, now: Timestamp) -> EscrowResult<()> {
        match self.phase {
            Phase::Failed | Phase::Cancelled => {}
            Phase::Succeeded if now >= self.long_stop_at() => {}
            Phase::Succeeded => {
                return Err(EscrowError::PromisesKeptUntil {
                    long_stop_at: self.long_stop_at(),
                })
            }
            current => return Err(EscrowError::WrongPhase { current }),
        }
        self.promises_released = true;
        Ok(())
    }

    /// Refunds `investor` in full after failure or cancellation.
    pub fn refund(&mut self, investor: AccountId) -> EscrowResult<(Refunded, Payout)> {
        if !matches!(self.phase, Phase::Failed | Phase::Cancelled) {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        let mut position = self.open_position(investor)?;
        position.settled = true;
        self.positions.insert(investor, &position);
        let amount = position.paid;
        self.refundable = self
            .refundable
            .checked_sub(amount)
            .ok_or(EscrowError::Overflow)?;
        self.refunded = self
            .refunded
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        Ok((
            Refunded { investor, amount },
            Payout {
                to: investor,
                amount,
            },
        ))
    }

    /// The first tranche not yet released, if any.
    pub fn next_tranche(&self) -> Option<TrancheTerms> {
        self.first_unreleased()
            .and_then(|index| self.terms.tranches.get(index as usize).copied())
    }

    /// Index of the first tranche not yet released.
    pub fn first_unreleased(&self) -> Option<u32> {
        let count = u32::try_from(self.terms.tranches.len()).unwrap_or(u32::MAX);
        (0..count).find(|i| !self.is_tranche_released(*i))
    }

    /// Whether tranche `index` has been released.
    pub fn is_tranche_released(&self, index: u32) -> bool {
        1u32.checked_shl(index)
            .is_some_and(|bit| self.released_tranches & bit != 0)
    }

    /// Tranche `index`'s terms.
    pub fn tranche(&self, index: u32) -> Option<TrancheTerms> {
        self.terms.tranches.get(index as usize).copied()
    }

    /// The first tranche not yet released, once the offering succeeded.
    pub fn next_tranche_index(&self) -> EscrowResult<u32> {
        if self.phase != Phase::Succeeded {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        self.first_unreleased().ok_or(EscrowError::NoTrancheLeft)
    }

    /// Releases the first tranche not yet released (see [`OfferingData::release_tranche`]).
    pub fn release_next_tranche(
        &mut self,
        caller: AccountId,
        oracle_attested: bool,
        now: Timestamp,
    ) -> EscrowResult<(TrancheReleased, Payout)> {
        let index = self.next_tranche_index()?;
        self.release_tranche(caller, index, oracle_attested, now)
    }

    /// Releases tranche `index` to the sponsor, in any order. `oracle_attested` is the oracle's answer when the
    /// tranche's condition is an oracle milestone (the shell asks it); an admin-approved tranche needs the admin as
    /// caller. No tranche is locked forever: from the long-stop on, the admin may release an oracle-milestone
    /// tranche the oracle never attested, and the sponsor an admin-approved tranche the admin never approved (a
    /// silent or captured admin cannot keep the sponsor's money in the escrow for ever).
    pub fn release_tranche(
        &mut self,
        caller: AccountId,
        index: u32,
        oracle_attested: bool,
        now: Timestamp,
    ) -> EscrowResult<(TrancheReleased, Payout)> {
        if self.phase != Phase::Succeeded {
            return Err(EscrowError::WrongPhase {
                current: self.phase,
            });
        }
        let tranche = self
            .tranche(index)
            .ok_or(EscrowError::NoSuchTranche { index })?;
        if self.is_tranche_released(index) {
            return Err(EscrowError::TrancheAlreadyReleased { index });
        }
        let mut long_stop_fallback = false;
        match tranche.condition {
            ReleaseCondition::AdminApproval => {
                let sponsor_after_long_stop = caller == self.terms.sponsor
                    && self.phase == Phase::Succeeded
                    && now >= self.long_stop_at();
                if caller != self.admin.admin() && sponsor_after_long_stop {
                    long_stop_fallback = true;
                } else {
                    self.admin.ensure(caller)?;
                }
            }
            ReleaseCondition::OracleMilestone { oracle, milestone } => {
                if !oracle_attested {
                    if !self.long_stop_fallback_open(caller, now) {
                        return Err(EscrowError::MilestoneNotAttested { oracle, milestone });
                    }
                    long_stop_fallback = true;
                }
            }
        }
        let released_after = self
            .tranches_released
            .checked_add(1)
            .ok_or(EscrowError::Overflow)?;
        let last = released_after as usize == self.terms.tranches.len();
        // The last tranche released takes whatever rounding left, so the sponsor receives exactly the net proceeds.
        let amount = if last {
            self.net_unreleased
        } else {
            share(self.sponsor_net, tranche.share_bps)
                .ok_or(EscrowError::Overflow)?
                .min(self.net_unreleased)
        };
        self.net_unreleased = self
            .net_unreleased
            .checked_sub(amount)
            .ok_or(EscrowError::Overflow)?;
        self.released = self
            .released
            .checked_add(amount)
            .ok_or(EscrowError::Overflow)?;
        self.tranches_released = released_after;
        self.released_tranches |= 1u32.checked_shl(index).ok_or(EscrowError::Overflow)?;
        let sponsor = self.terms.sponsor;
        Ok((
            TrancheReleased {
                index,
                sponsor,
                amount,
                by: caller,
                long_stop_fallback,
            },
            Payout {
                to: sponsor,
                amount,
            },
        ))
    }
}
