//! The token's compliance rules and their evaluation: pure functions over plain values, so every refusal reason
//! is unit-tested without a chain. The contract gathers the facts (its own storage plus one registry cross-call)
//! into a [`Facts`] and calls [`check`].
use suite_traits::{bps, Balance, ClaimSet, IdentityId, PartyStatus};

use crate::errors::{Party, TransferRestriction};
use crate::lockup::free_balance;
use crate::types::ComplianceRules;

/// Token-side facts about one party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartyFacts {
    /// Exempt accounts (treasury, escrow, distributor) skip identity, claim, country and holding rules.
    pub exempt: bool,
    /// Frozen by the agent on this token.
    pub account_frozen: bool,
    /// The registry's answer (absent for exempt parties, which are not asked about).
    pub status: Option<PartyStatus>,
    /// Whether the party's country is block-listed on this token.
    pub country_blocked: bool,
    /// Whether the party's country is allow-listed on this token.
    pub country_allowed: bool,
}

/// What an operation is for: the rules differ for a promise (a reservation by the issuer) and its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A transfer, mint or burn: every rule, counting every outstanding promise as if minted.
    Move,
    /// The issuer promises `amount` to the recipient's identity: the same rules as a mint of it, with what the
    /// identity is already promised counted too (a pause or halt does not refuse a promise).
    Promise,
    /// The issuer delivers a promise: judged by the rules the promise was accepted under, so only the recipient's
    /// standing counts (registered, not frozen, holding `claims`, the claims the issuer names); the supply cap,
    /// the holder limit and the maximum holding counted the promise when it was made, and the token's later rules
    /// (claims, countries, limits) do not apply to it.
    Delivery { claims: ClaimSet },
}

/// Everything [`check`] needs about one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// The token's rules.
    pub rules: ComplianceRules,
    /// Amount moved, minted or burned.
    pub amount: Balance,
    /// The sender; `None` for a mint.
    pub sender: Option<PartyFacts>,
    /// The sender's balance, locked and frozen tokens (zero for a mint).
    pub sender_balance: Balance,
    pub sender_locked: Balance,
    pub sender_frozen: Balance,
    /// Whether lock-ups and partial freezes apply (a forced transfer overrides them).
    pub enforce_free_balance: bool,
    /// The recipient; `None` for a burn.
    pub recipient: Option<PartyFacts>,
    /// What the recipient's identity holds now, over all its wallets.
    pub recipient_identity_total: Balance,
    /// The identity the sender's balance counts towards (`None` for a mint or an exempt sender). Given
    /// explicitly because a forced transfer overrides the sender's rules but not the identity arithmetic.
    pub sender_identity: Option<IdentityId>,
    /// What the sender's identity holds now, over all its wallets.
    pub sender_identity_total: Balance,
    /// Identities currently holding tokens.
    pub holder_count: u32,
    /// Total supply after the operation.
    pub supply_after: Balance,
    /// Authorised supply, if capped.
    pub supply_cap: Option<Balance>,
    /// Every outstanding promise of the issuer (tokens, identities holding a place).
    pub reserved_supply: Balance,
    pub reserved_places: u32,
    /// What the recipient's identity is promised now.
    pub recipient_reserved: Balance,
    pub purpose: Purpose,
}

fn identity_of(p: Option<&PartyFacts>) -> Option<IdentityId> {
    p.and_then(|p| {
        if p.exempt {
            None
        } else {
            p.status.and_then(|s| s.identity)
        }
    })
}

/// Rules about one party on its own: freezes, registration, claims, country.
pub fn check_party(
    rules: &ComplianceRules,
    party: Party,
    facts: &PartyFacts,
    needs_claims: bool,
) -> Result<(), TransferRestriction> {
    let claims = if needs_claims {
        rules.required_claims
    } else {
        ClaimSet::empty()
    };
    let Some(status) = check_standing(party, facts, claims)? else {
        return Ok(()); // exempt
    };
    if facts.country_blocked {
        return Err(TransferRestriction::CountryBlocked {
            party,
            country: status.country,
        });
    }
    if rules.country_allowlist_enabled && !facts.country_allowed {
        return Err(TransferRestriction::CountryNotAllowed {
            party,
            country: status.country,
        });
    }
    Ok(())
}

/// A party's own standing: not frozen (account or identity), registered, holding `claims`. Returns the registry's
/// status (`None` for an exempt party, which has no identity rules).
pub fn check_standing(
    party: Party,
    facts: &PartyFacts,
    claims: ClaimSet,
) -> Result<Option<PartyStatus>, TransferRestriction> {
    if facts.account_frozen {
        return Err(TransferRestriction::AccountFrozen { party });
    }
    if facts.exempt {
        return Ok(None);
    }
    let status = facts
        .status
        .ok_or(TransferRestriction::NotRegistered { party })?;
    let identity = status
        .identity
        .ok_or(TransferRestriction::NotRegistered { party })?;
    if status.identity_frozen {
        return Err(TransferRestriction::IdentityFrozen { party, identity });
    }
    let missing = claims.missing_from(status.valid_claims);
    if !missing.is_empty() {
        return Err(TransferRestriction::MissingClaims { party, missing });
    }
    Ok(Some(status))
}

/// Every rule, in a fixed order (sender, balance, recipient, supply cap, holding, holder count), so the reason
/// reported is deterministic.
pub fn check(f: &Facts) -> Result<(), TransferRestriction> {
    if let Some(sender) = &f.sender {
        check_party(&f.rules, Party::Sender, sender, f.rules.sender_needs_claims)?;
        if f.sender_balance < f.amount {
            return Err(TransferRestriction::InsufficientBalance {
                balance: f.sender_balance,
                required: f.amount,
            });
        }
        if f.enforce_free_balance
            && free_balance(f.sender_balance, f.sender_locked, f.sender_frozen) < f.amount
        {
            return Err(TransferRestriction::InsufficientUnlocked {
                balance: f.sender_balance,
                locked: f.sender_locked,
                frozen: f.sender_frozen,
                required: f.amount,
            });
        }
    }
    let Some(recipient) = &f.recipient else {
        return Ok(());
    };
    if let Purpose::Delivery { claims } = f.purpose {
        // The promise counted in the supply cap, the holder limit and the maximum holding when it was made.
        check_standing(Party::Recipient, recipient, claims)?;
        return Ok(());
    }
    check_party(&f.rules, Party::Recipient, recipient, true)?;
    if let Some(cap) = f.supply_cap {
        // Promised supply counts as minted: what is promised can always be delivered.
        let would_be = f
            .supply_after
            .checked_add(f.reserved_supply)
            .ok_or(TransferRestriction::Overflow)?;
        if would_be > cap {
            return Err(TransferRestriction::SupplyCapExceeded { cap, would_be });
        }
    }
    let Some(to_identity) = identity_of(Some(recipient)) else {
        return Ok(()); // exempt recipient: no identity-level rules
    };
    let from_identity = f.sender_identity;
    if from_identity == Some(to_identity) {
        return Ok(()); // between two wallets of one identity: its holding and the holder count do not change
    }
    identity_limits(&IdentityGain {
        rules: &f.rules,
        identity: to_identity,
        total_before: f.recipient_identity_total,
        reserved: f.recipient_reserved,
        amount: f.amount,
        other_leaves: from_identity.is_some() && f.sender_identity_total == f.amount,
        places_taken: f.holder_count.saturating_add(f.reserved_places),
        reference: f.supply_cap.unwrap_or(f.supply_after),
    })
}

/// An identity about to hold `amount` more: what the identity-level rules need to know.
struct IdentityGain<'a> {
    rules: &'a ComplianceRules,
    identity: IdentityId,
    /// What the identity holds before, and what it is promised (counted as held).
    total_before: Balance,
    reserved: Balance,
    amount: Balance,
    /// Whether another identity stops holding by the same operation (the holder count then does not grow).
    other_leaves: bool,
    /// Places under the holder limit taken: identities holding tokens plus identities promised tokens (an
    /// identity both holding and promised counts twice: never fewer places than identities).
    places_taken: u32,
    /// The supply the maximum holding is measured against (the cap when set).
    reference: Balance,
}

/// The identity-level rules, one implementation for transfers, mints and links: maximum holding, holder limit.
fn identity_limits(g: &IdentityGain) -> Result<(), TransferRestriction> {
    let would_hold = g
        .total_before
        .checked_add(g.reserved)
        .and_then(|held| held.checked_add(g.amount))
        .ok_or(TransferRestriction::Overflow)?;
    if g.rules.max_holding_bps != 0
        && !bps::within(would_hold, g.reference, g.rules.max_holding_bps)
    {
        let limit = bps::share(g.reference, g.rules.max_holding_bps).unwrap_or(0);
        return Err(TransferRestriction::MaxHoldingExceeded {
            identity: g.identity,
            would_hold,
            limit,
        });
    }
    // An identity that holds nothing and is promised nothing takes a new place.
    if g.rules.holder_limit != 0 && g.total_before == 0 && g.reserved == 0 && g.amount > 0 {
        let after = g
            .places_taken
            .saturating_add(1)
            .saturating_sub(u32::from(g.other_leaves));
        if after > g.rules.holder_limit {
            return Err(TransferRestriction::HolderLimitReached {
                limit: g.rules.holder_limit,
            });
        }
    }
    Ok(())
}

/// Everything [`check_relink`] needs: a wallet holding `balance` moves from one identity to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelinkFacts {
    /// The token's rules.
    pub rules: ComplianceRules,
    /// The identity the wallet joins (`None`: unlinked, which no rule refuses).
    pub new_identity: Option<IdentityId>,
    /// What the joined identity holds now over its other wallets, and what it is promised.
    pub new_identity_total: Balance,
    pub new_identity_reserved: Balance,
    /// The identity the wallet leaves, and what it holds now (this wallet included).
    pub old_identity: Option<IdentityId>,
    pub old_identity_total: Balance,
    /// The wallet's balance.
    pub balance: Balance,
    /// Identities currently holding tokens, and identities holding a place by a promise.
    pub holder_count: u32,
    pub reserved_places: u32,
    /// Current supply and authorised supply.
    pub supply: Balance,
    pub supply_cap: Option<Balance>,
}

/// The identity-level rules (maximum holding, holder limit) applied to a wallet changing identity: a holding that
/// moves with its wallet counts towards the new identity at once, so a link may not do what a transfer may not.
pub fn check_relink(f: &RelinkFacts) -> Result<(), TransferRestriction> {
    let Some(to_identity) = f.new_identity else {
        return Ok(());
    };
    if f.balance == 0 || f.old_identity == Some(to_identity) {
        return Ok(());
    }
    identity_limits(&IdentityGain {
        rules: &f.rules,
        identity: to_identity,
        total_before: f.new_identity_total,
        reserved: f.new_identity_reserved,
        amount: f.balance,
        other_leaves: f.old_identity.is_some() && f.old_identity_total == f.balance,
        places_taken: f.holder_count.saturating_add(f.reserved_places),
        reference: f.supply_cap.unwrap_or(f.supply),
    })
}

/// The identity totals and holder count an operation is judged on: the books after the re-links it settles first
/// (at most two wallets, its sender and its recipient, each leaving one identity and joining another). A transfer
/// that re-links a wallet is thereby judged on the state after the re-link, as its writes will leave it, and
/// `can_transfer` sees the same state as the transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BooksAfterRelinks {
    /// Identities whose totals the re-links changed, with their new totals.
    changed: [Option<(IdentityId, Balance)>; 4],
    /// Identities holding tokens after the re-links.
    pub holder_count: u32,
}

impl BooksAfterRelinks {
    /// The books as stored: nothing re-linked yet.
    pub fn new(holder_count: u32) -> Self {
        Self {
            changed: [None; 4],
            holder_count,
        }
    }

    /// What `identity` holds after the re-links, given what it holds in the stored books.
    pub fn total(&self, identity: IdentityId, stored: Balance) -> Balance {
        self.changed
            .iter()
            .flatten()
            .find(|(id, _)| *id == identity)
            .map_or(stored, |(_, total)| *total)
    }

    fn set(&mut self, identity: IdentityId, total: Balance) -> Result<(), TransferRestriction> {
        let slot = match self
            .changed
            .iter()
            .position(|entry| entry.is_some_and(|(id, _)| id == identity))
        {
            Some(index) => self.changed.get_mut(index),
            None => self.changed.iter_mut().find(|entry| entry.is_none()),
        }
        // Two re-links touch four identities at most: a fifth is a caller's error, refused rather than trapped.
        .ok_or(TransferRestriction::Overflow)?;
        *slot = Some((identity, total));
        Ok(())
    }

    /// Counts a re-link that [`check_relink`] allowed (`f` as it saw it: totals after the earlier re-links) as the
    /// ledger's `reattribute` will write it: the wallet's balance leaves the old identity and joins the new one.
    pub fn apply(&mut self, f: &RelinkFacts) -> Result<(), TransferRestriction> {
        if f.balance == 0 || f.old_identity == f.new_identity {
            return Ok(());
        }
        if let Some(old) = f.old_identity {
            let left = f.old_identity_total.saturating_sub(f.balance);
            if left == 0 {
                self.holder_count = self.holder_count.saturating_sub(1);
            }
            self.set(old, left)?;
        }
        if let Some(new) = f.new_identity {
            let joined = f
                .new_identity_total
                .checked_add(f.balance)
                .ok_or(TransferRestriction::Overflow)?;
            if f.new_identity_total == 0 {
                self.holder_count = self
                    .holder_count
                    .checked_add(1)
                    .ok_or(TransferRestriction::Overflow)?;
            }
            self.set(new, joined)?;
        }
        Ok(())
    }
}
