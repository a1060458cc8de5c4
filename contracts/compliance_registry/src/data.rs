//! The registry's state and rules, free of message dispatch: each operation takes the caller and the time, checks
//! the rules, changes the state and returns the event the shell emits. Tested natively in `tests.rs`.
use ink::prelude::vec::Vec;
use ink::storage::{Lazy, Mapping};
use suite_traits::compliance::MAX_COUNTRY_CODE;
use suite_traits::{
    counts_until, AccountId, AdminRole, ClaimSet, ClaimType, CountryCode, Hash, IdentityFacts,
    IdentityId, PartyStatus, Timestamp, WalletFacts,
};

use crate::errors::{RegistryError, RegistryResult};
use crate::events::*;
use crate::types::{Claim, HeldClaim, IdentityRecord, WalletView};

/// Most wallets one identity may own: keeps wallet edits and any per-identity work bounded.
pub const MAX_WALLETS_PER_IDENTITY: u32 = 16;
/// The highest number a successor registry may start its identities at (2^32: room for billions of identities in
/// each of billions of successors).
pub const MAX_FIRST_IDENTITY: IdentityId = 1 << 32;

/// Most tokens told of every link change: each link costs one cross-call per bound token.
pub const MAX_BOUND_TOKENS: u32 = 8;

/// The registry's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct RegistryData {
    /// The admin and its two-step handover (the shell's `suite_traits::Admin` messages act on it).
    pub admin: AdminRole,
    next_identity: IdentityId,
    /// The first identity number given out (1, unless a successor registry continues a predecessor's numbers).
    first_identity: IdentityId,
    verifiers: Mapping<AccountId, ClaimSet>,
    regulators: Mapping<AccountId, ()>,
    wallet_identity: Mapping<AccountId, IdentityId>,
    identities: Mapping<IdentityId, IdentityRecord>,
    identity_wallets: Mapping<IdentityId, Vec<AccountId>>,
    claims: Mapping<(IdentityId, ClaimType), Claim>,
    bound_tokens: Lazy<Vec<AccountId>>,
}

impl RegistryData {
    /// A registry administered by `admin`, with no verifier, regulator or identity yet.
    pub fn new(admin: AccountId) -> Self {
        RegistryData {
            admin: AdminRole::new(admin),
            next_identity: 1,
            first_identity: 1,
            verifiers: Mapping::default(),
            regulators: Mapping::default(),
            wallet_identity: Mapping::default(),
            identities: Mapping::default(),
            identity_wallets: Mapping::default(),
            claims: Mapping::default(),
            bound_tokens: Lazy::new(),
        }
    }

    // ---- views ----

    /// Claim types `verifier` is trusted for (empty if none).
    pub fn verifier_claims(&self, verifier: AccountId) -> ClaimSet {
        self.verifiers.get(verifier).unwrap_or_default()
    }

    /// Whether `account` is a regulator.
    pub fn is_regulator(&self, account: AccountId) -> bool {
        self.regulators.contains(account)
    }

    /// Identity owning `wallet`.
    pub fn identity_of(&self, wallet: AccountId) -> Option<IdentityId> {
        self.wallet_identity.get(wallet)
    }

    /// Record of `identity`.
    pub fn identity(&self, identity: IdentityId) -> Option<IdentityRecord> {
        self.identities.get(identity)
    }

    /// Wallets of `identity` (at most [`MAX_WALLETS_PER_IDENTITY`]).
    pub fn wallets_of(&self, identity: IdentityId) -> Vec<AccountId> {
        self.identity_wallets.get(identity).unwrap_or_default()
    }

    /// Tokens told of every link change.
    pub fn bound_tokens(&self) -> Vec<AccountId> {
        self.bound_tokens.get().unwrap_or_default()
    }

    /// Claim of type `claim` held by `identity`, valid or not.
    pub fn claim(&self, identity: IdentityId, claim: ClaimType) -> Option<Claim> {
        self.claims.get((identity, claim))
    }

    /// `wallet`'s identity, its record and the claims it holds, each with whether it counts at `now`; `None` for a
    /// wallet of no identity.
    ///
    /// Storage reads: 2, plus 2 per claim the identity holds (at most four).
    pub fn wallet_view(&self, wallet: AccountId, now: Timestamp) -> Option<WalletView> {
        let identity = self.wallet_identity.get(wallet)?;
        let record = self.identities.get(identity)?;
        let claims = ClaimType::ALL
            .into_iter()
            .filter(|claim_type| record.claims_held.contains(*claim_type))
            .filter_map(|claim_type| {
                let claim = self.claims.get((identity, claim_type))?;
                let trusted_for = self.verifier_claims(claim.issuer);
                Some(HeldClaim {
                    claim_type,
                    claim,
                    counts: claim.is_valid(claim_type, now, trusted_for),
                    issuer_trusted: trusted_for.contains(claim_type),
                })
            })
            .collect();
        Some(WalletView {
            identity,
            record,
            claims,
        })
    }

    /// What a token needs to know about `account` now, checking only the claims in `wanted`.
    ///
    /// Storage reads: 2, plus 2 per wanted claim that the identity holds.
    pub fn party_status(
        &self,
        account: AccountId,
        wanted: ClaimSet,
        now: Timestamp,
    ) -> PartyStatus {
        let Some(identity) = self.wallet_identity.get(account) else {
            return PartyStatus::unregistered(account);
        };
        let Some(record) = self.identities.get(identity) else {
            return PartyStatus::unregistered(account);
        };
        let mut valid = ClaimSet::empty();
        for claim_type in wanted.iter().filter(|c| record.claims_held.contains(*c)) {
            if let Some(claim) = self.claims.get((identity, claim_type)) {
                if claim.is_valid(claim_type, now, self.verifier_claims(claim.issuer)) {
                    valid = valid.with(claim_type);
                }
            }
        }
        PartyStatus {
            account,
            identity: Some(identity),
            country: record.country,
            identity_frozen: record.frozen,
            valid_claims: valid,
        }
    }

    /// Everything that decides `account`'s transfers, for a token to evaluate with its own rules and keep.
    ///
    /// Storage reads: 2, plus 2 per claim the identity holds.
    pub fn wallet_facts(&self, account: AccountId) -> WalletFacts {
        let identity = self.wallet_identity.get(account)?;
        let record = self.identities.get(identity)?;
        let mut facts = IdentityFacts {
            country: record.country,
            frozen: record.frozen,
            claims_count_until: [0; 4],
        };
        for (until, claim_type) in facts.claims_count_until.iter_mut().zip(ClaimType::ALL) {
            if !record.claims_held.contains(claim_type) {
                continue;
            }
            if let Some(claim) = self.claims.get((identity, claim_type)) {
                *until = counts_until(
                    claim_type,
                    claim.expires_at,
                    self.verifier_claims(claim.issuer),
                );
            }
        }
        Some((identity, facts))
    }

    // ---- admin ----

    /// Trust `verifier` for exactly `claim_types` (empty removes it from the alliance).
    pub fn set_verifier(
        &mut self,
        caller: AccountId,
        verifier: AccountId,
        claim_types: ClaimSet,
    ) -> RegistryResult<VerifierUpdated> {
        self.admin.ensure(caller)?;
        if !claim_types.is_well_formed() {
            return Err(RegistryError::MalformedClaimSet {
                bits: claim_types.0,
            });
        }
        if claim_types.is_empty() {
            self.verifiers.remove(verifier);
        } else {
            self.verifiers.insert(verifier, &claim_types);
        }
        Ok(VerifierUpdated {
            verifier,
            claim_types,
        })
    }

    /// Number identities from `first` (a successor registry continuing its predecessor's numbers, so no number
    /// is given twice to different people across the migration). Once, before the first identity is registered:
    /// a token that accepted the registry for its numbers must be able to rely on them (set again to a lower
    /// start, they could name the holders the token still counts by their old numbers). At most
    /// [`MAX_FIRST_IDENTITY`], so no registry can push a token's numbers out of reach of every successor.
    pub fn number_identities_from(
        &mut self,
        caller: AccountId,
        first: IdentityId,
    ) -> RegistryResult<IdentityNumbering> {
        self.admin.ensure(caller)?;
        if self.next_identity != self.first_identity || self.first_identity != 1 {
            return Err(RegistryError::IdentitiesAlreadyNumbered {
                first: self.first_identity,
                next: self.next_identity,
            });
        }
        if first == 0 {
            return Err(RegistryError::ZeroIdentityNumber);
        }
        if first > MAX_FIRST_IDENTITY {
            return Err(RegistryError::FirstIdentityTooHigh {
                first,
                max: MAX_FIRST_IDENTITY,
            });
        }
        self.first_identity = first;
        self.next_identity = first;
        Ok(IdentityNumbering { first })
    }

    /// The lowest identity number this registry gives out.
    pub fn first_identity(&self) -> IdentityId {
        self.first_identity
    }

    /// Make `account` a regulator.
    pub fn add_regulator(
        &mut self,
        caller: AccountId,
        account: AccountId,
    ) -> RegistryResult<RegulatorAdded> {
        self.admin.ensure(caller)?;
        if self.regulators.contains(account) {
            return Err(RegistryError::AlreadyRegulator { account });
        }
        self.regulators.insert(account, &());
        Ok(RegulatorAdded { regulator: account })
    }

    /// Remove `account` from the regulators.
    pub fn remove_regulator(
        &mut self,
        caller: AccountId,
        account: AccountId,
    ) -> RegistryResult<RegulatorRemoved> {
        self.admin.ensure(caller)?;
        if !self.regulators.contains(account) {
            return Err(RegistryError::UnknownRegulator { account });
        }
        self.regulators.remove(account);
        Ok(RegulatorRemoved { regulator: account })
    }

    /// Tell `token` of every link change from now on (it then refuses links that would break its rules).
    pub fn bind_token(
        &mut self,
        caller: AccountId,
        token: AccountId,
    ) -> RegistryResult<TokenBound> {
        self.admin.ensure(caller)?;
        let mut tokens = self.bound_tokens();
        if tokens.contains(&token) {
            return Err(RegistryError::TokenAlreadyBound { token });
        }
        if tokens.len() >= MAX_BOUND_TOKENS as usize {
            return Err(RegistryError::TooManyBoundTokens {
                max: MAX_BOUND_TOKENS,
            });
        }
        tokens.push(token);
        self.bound_tokens.set(&tokens);
        Ok(TokenBound { token })
    }

    /// Stop telling `token` of link changes.
    pub fn unbind_token(
        &mut self,
        caller: AccountId,
        token: AccountId,
    ) -> RegistryResult<TokenUnbound> {
        self.admin.ensure(caller)?;
        let mut tokens = self.bound_tokens();
        let before = tokens.len();
        tokens.retain(|t| *t != token);
        if tokens.len() == before {
            return Err(RegistryError::TokenNotBound { token });
        }
        self.bound_tokens.set(&tokens);
        Ok(TokenUnbound { token })
    }

    /// Give `identity`'s registrar powers to `registrar`, a current verifier (for example after the previous
    /// registrar left the alliance).
    pub fn reassign_registrar(
        &mut self,
        caller: AccountId,
        identity: IdentityId,
        registrar: AccountId,
    ) -> RegistryResult<RegistrarReassigned> {
        self.admin.ensure(caller)?;
        if self.verifier_claims(registrar).is_empty() {
            return Err(RegistryError::NotVerifier { caller: registrar });
        }
        let mut record = self
            .identities
            .get(identity)
            .ok_or(RegistryError::UnknownIdentity { identity })?;
        let previous = record.registrar;
        record.registrar = registrar;
        self.identities.insert(identity, &record);
        Ok(RegistrarReassigned {
            identity,
            previous,
            registrar,
        })
    }

    // ---- identities ----

    fn ensure_country(country: CountryCode) -> RegistryResult<()> {
        if country == 0 || country > MAX_COUNTRY_CODE {
            Err(RegistryError::InvalidCountry { country })
        } else {
            Ok(())
        }
    }

    fn ensure_registrar(
        &self,
        caller: AccountId,
        identity: IdentityId,
    ) -> RegistryResult<IdentityRecord> {
        let record = self
            .identities
            .get(identity)
            .ok_or(RegistryError::UnknownIdentity { identity })?;
        if caller == self.admin.admin() {
            return Ok(record);
        }
        if caller != record.registrar {
            return Err(RegistryError::NotRegistrar { caller, identity });
        }
        // A verifier removed from the alliance keeps no power over the identities it registered.
        if self.verifier_claims(caller).is_empty() {
            return Err(RegistryError::RegistrarNotTrusted {
                registrar: caller,
                identity,
            });
        }
        Ok(record)
    }

    fn ensure_wallet_free(&self, wallet: AccountId) -> RegistryResult<()> {
        match self.wallet_identity.get(wallet) {
            Some(identity) => Err(RegistryError::WalletAlreadyRegistered { wallet, identity }),
            None => Ok(()),
        }
    }

    /// A verifier registers a new identity owning `wallet`.
    pub fn register_identity(
        &mut self,
        caller: AccountId,
        wallet: AccountId,
        country: CountryCode,
        now: Timestamp,
    ) -> RegistryResult<(IdentityId, IdentityRegistered)> {
        if self.verifier_claims(caller).is_empty() {
            return Err(RegistryError::NotVerifier { caller });
        }
        Self::ensure_country(country)?;
        self.ensure_wallet_free(wallet)?;
        let identity = self.next_identity;
        self.next_identity = identity
            .checked_add(1)
            .ok_or(RegistryError::IdentityIdOverflow)?;
        let record = IdentityRecord {
            registrar: caller,
            country,
            frozen: false,
            wallet_count: 1,
            created_at: now,
            claims_held: ClaimSet::empty(),
        };
        self.identities.insert(identity, &record);
        self.identity_wallets
            .insert(identity, &ink::prelude::vec![wallet]);
        self.wallet_identity.insert(wallet, &identity);
        Ok((
            identity,
            IdentityRegistered {
                identity,
                registrar: caller,
                wallet,
                country,
            },
        ))
    }

    /// Link another wallet to `identity`; refused while a regulator freezes the identity.
    pub fn add_wallet(
        &mut self,
        caller: AccountId,
        identity: IdentityId,
        wallet: AccountId,
    ) -> RegistryResult<WalletLinked> {
        let mut record = self.ensure_registrar(caller, identity)?;
        // A frozen identity gains no wallet either: wallets move neither out of nor into it while the freeze lasts
        // (and no address can be parked where nobody but a regulator could take it out again).
        if record.frozen {
            return Err(RegistryError::IdentityIsFrozen { identity });
        }
        self.ensure_wallet_free(wallet)?;
        if record.wallet_count >= MAX_WALLETS_PER_IDENTITY {
            return Err(RegistryError::TooManyWallets {
                identity,
                max: MAX_WALLETS_PER_IDENTITY,
            });
        }
        let mut wallets = self.wallets_of(identity);
        wallets.push(wallet);
        record.wallet_count = u32::try_from(wallets.len()).unwrap_or(u32::MAX);
        self.identity_wallets.insert(identity, &wallets);
        self.identities.insert(identity, &record);
        self.wallet_identity.insert(wallet, &identity);
        Ok(WalletLinked { identity, wallet })
    }

    /// Unlink `wallet` from its identity (a lost or retired wallet); refused while a regulator freezes the
    /// identity, so a freeze cannot be escaped by moving wallets into a fresh identity. Bound tokens are told at
    /// once (by the contract shell).
    pub fn remove_wallet(
        &mut self,
        caller: AccountId,
        wallet: AccountId,
    ) -> RegistryResult<WalletUnlinked> {
        let identity = self
            .wallet_identity
            .get(wallet)
            .ok_or(RegistryError::WalletNotRegistered { wallet })?;
        let mut record = self.ensure_registrar(caller, identity)?;
        if record.frozen {
            return Err(RegistryError::IdentityIsFrozen { identity });
        }
        let mut wallets = self.wallets_of(identity);
        wallets.retain(|w| *w != wallet);
        record.wallet_count = u32::try_from(wallets.len()).unwrap_or(u32::MAX);
        self.identity_wallets.insert(identity, &wallets);
        self.identities.insert(identity, &record);
        self.wallet_identity.remove(wallet);
        Ok(WalletUnlinked { identity, wallet })
    }

    /// Change an identity's country.
    pub fn set_country(
        &mut self,
        caller: AccountId,
        identity: IdentityId,
        country: CountryCode,
    ) -> RegistryResult<CountryChanged> {
        let mut record = self.ensure_registrar(caller, identity)?;
        Self::ensure_country(country)?;
        let previous = record.country;
        record.country = country;
        self.identities.insert(identity, &record);
        Ok(CountryChanged {
            identity,
            previous,
            country,
        })
    }

    // ---- claims ----

    /// A verifier trusted for `claim` issues (or renews) it for `identity`, valid until `expires_at`.
    pub fn issue_claim(
        &mut self,
        caller: AccountId,
        identity: IdentityId,
        claim: ClaimType,
        expires_at: Timestamp,
        evidence: Hash,
        now: Timestamp,
    ) -> RegistryResult<ClaimIssued> {
        if !self.verifier_claims(caller).contains(claim) {
            return Err(RegistryError::NotTrustedForClaim { caller, claim });
        }
        let mut record = self
            .identities
            .get(identity)
            .ok_or(RegistryError::UnknownIdentity { identity })?;
        if expires_at <= now {
            return Err(RegistryError::ExpiryInPast { expires_at, now });
        }
        // Only its issuer renews or shortens a claim that still counts; another verifier may replace it once it
        // has expired or its issuer is no longer trusted for it.
        if let Some(existing) = self.claims.get((identity, claim)) {
            if existing.issuer != caller
                && existing.is_valid(claim, now, self.verifier_claims(existing.issuer))
            {
                return Err(RegistryError::NotClaimIssuer {
                    caller,
                    issuer: existing.issuer,
                });
            }
        }
        self.claims.insert(
            (identity, claim),
            &Claim {
                issuer: caller,
                issued_at: now,
                expires_at,
                evidence,
            },
        );
        if !record.claims_held.contains(claim) {
            record.claims_held = record.claims_held.with(claim);
            self.identities.insert(identity, &record);
        }
        Ok(ClaimIssued {
            identity,
            issuer: caller,
            claim,
            expires_at,
            evidence,
        })
    }

    /// The claim's issuer or the admin revokes it.
    pub fn revoke_claim(
        &mut self,
        caller: AccountId,
        identity: IdentityId,
        claim: ClaimType,
    ) -> RegistryResult<ClaimRevoked> {
        let existing = self
            .claims
            .get((identity, claim))
            .ok_or(RegistryError::ClaimNotFound { identity, claim })?;
        if caller != existing.issuer && caller != self.admin.admin() {
            return Err(RegistryError::NotClaimIssuer {
                caller,
                issuer: existing.issuer,
            });
        }
        self.claims.remove((identity, claim));
        if let Some(mut record) = self.identities.get(identity) {
            record.claims_held = ClaimSet(record.claims_held.0 & !claim.bit());
            self.identities.insert(identity, &record);
        }
        Ok(ClaimRevoked {
            identity,
            by: caller,
            claim,
        })
    }

    // ---- regulator ----

    fn ensure_regulator(&self, caller: AccountId) -> RegistryResult<()> {
        if self.regulators.contains(caller) {
            Ok(())
        } else {
            Err(RegistryError::NotRegulator { caller })
        }
    }

    /// A regulator freezes `identity` on every token that uses this registry.
    pub fn freeze_identity(
        &mut self,
        caller: AccountId,
        identity: IdentityId,
        reason: Hash,
    ) -> RegistryResult<IdentityFrozen> {
        self.ensure_regulator(caller)?;
        let mut record = self
            .identities
            .get(identity)
            .ok_or(RegistryError::UnknownIdentity { identity })?;
        if record.frozen {
            return Err(RegistryError::AlreadyFrozen { identity });
        }
        record.frozen = true;
        self.identities.insert(identity, &record);
        Ok(IdentityFrozen {
            identity,
            regulator: caller,
            reason,
        })
    }

    /// A regulator lifts the freeze.
    pub fn unfreeze_identity(
        &mut self,
        caller: AccountId,
        identity: IdentityId,
    ) -> RegistryResult<IdentityUnfrozen> {
        self.ensure_regulator(caller)?;
        let mut record = self
            .identities
            .get(identity)
            .ok_or(RegistryError::UnknownIdentity { identity })?;
        if !record.frozen {
            return Err(RegistryError::NotFrozen { identity });
        }
        record.frozen = false;
        self.identities.insert(identity, &record);
        Ok(IdentityUnfrozen {
            identity,
            regulator: caller,
        })
    }
}
