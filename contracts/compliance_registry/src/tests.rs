//! Native tests of the registry's rules (one per rule and per refusal), and a property test of wallet links.
use crate::data::{RegistryData, MAX_WALLETS_PER_IDENTITY};
use crate::errors::RegistryError;
use ink::primitives::{AccountId, Hash};
use proptest::prelude::*;
use suite_traits::testing::fresh;
use suite_traits::AdminError;
use suite_traits::{ClaimSet, ClaimType};

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
const ADMIN: u8 = 1;
const PLATFORM_A: u8 = 2;
const PLATFORM_B: u8 = 3;
const REGULATOR: u8 = 4;
const INVESTOR: u8 = 10;
const DAY: u64 = 86_400_000;

fn evidence(n: u8) -> Hash {
    Hash::from([n; 32])
}

/// Admin plus two platforms: A verifies KYC and AML, B verifies accreditation; one regulator.
fn alliance() -> RegistryData {
    let mut r = RegistryData::new(acc(ADMIN));
    r.set_verifier(
        acc(ADMIN),
        acc(PLATFORM_A),
        ClaimSet::of(&[ClaimType::Kyc, ClaimType::Aml]),
    )
    .unwrap();
    r.set_verifier(
        acc(ADMIN),
        acc(PLATFORM_B),
        ClaimSet::of(&[ClaimType::Accredited]),
    )
    .unwrap();
    r.add_regulator(acc(ADMIN), acc(REGULATOR)).unwrap();
    r
}

#[test]
fn platforms_share_one_investor() {
    fresh(|| {
        let mut r = alliance();
        let (id, ev) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        assert_eq!(ev.identity, id);
        r.issue_claim(
            acc(PLATFORM_A),
            id,
            ClaimType::Kyc,
            10 * DAY,
            evidence(1),
            0,
        )
        .unwrap();
        // Platform B adds its own attestation to the same identity: the investor is verified once.
        r.issue_claim(
            acc(PLATFORM_B),
            id,
            ClaimType::Accredited,
            10 * DAY,
            evidence(2),
            0,
        )
        .unwrap();
        let wanted = ClaimSet::of(&[ClaimType::Kyc, ClaimType::Accredited, ClaimType::Aml]);
        let status = r.party_status(acc(INVESTOR), wanted, DAY);
        assert_eq!(status.identity, Some(id));
        assert_eq!(status.country, 250);
        assert_eq!(
            status.valid_claims,
            ClaimSet::of(&[ClaimType::Kyc, ClaimType::Accredited])
        );
        assert!(!status.identity_frozen);
    });
}

#[test]
fn claim_expires_at_its_instant() {
    fresh(|| {
        let mut r = alliance();
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        r.issue_claim(acc(PLATFORM_A), id, ClaimType::Kyc, 5 * DAY, evidence(1), 0)
            .unwrap();
        let kyc = ClaimSet::of(&[ClaimType::Kyc]);
        assert_eq!(
            r.party_status(acc(INVESTOR), kyc, 5 * DAY - 1).valid_claims,
            kyc
        );
        assert_eq!(
            r.party_status(acc(INVESTOR), kyc, 5 * DAY).valid_claims,
            ClaimSet::empty()
        );
    });
}

#[test]
fn removing_a_verifier_withdraws_its_claims() {
    fresh(|| {
        let mut r = alliance();
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        r.issue_claim(acc(PLATFORM_A), id, ClaimType::Kyc, 5 * DAY, evidence(1), 0)
            .unwrap();
        r.set_verifier(acc(ADMIN), acc(PLATFORM_A), ClaimSet::empty())
            .unwrap();
        let kyc = ClaimSet::of(&[ClaimType::Kyc]);
        assert_eq!(
            r.party_status(acc(INVESTOR), kyc, 1).valid_claims,
            ClaimSet::empty()
        );
    });
}

#[test]
fn refusals_name_the_reason() {
    fresh(|| {
        let mut r = alliance();
        let stranger = acc(99);
        assert_eq!(
            r.register_identity(stranger, acc(INVESTOR), 250, 0)
                .unwrap_err(),
            RegistryError::NotVerifier { caller: stranger }
        );
        assert_eq!(
            r.register_identity(acc(PLATFORM_A), acc(INVESTOR), 0, 0)
                .unwrap_err(),
            RegistryError::InvalidCountry { country: 0 }
        );
        assert_eq!(
            r.register_identity(acc(PLATFORM_A), acc(INVESTOR), 1000, 0)
                .unwrap_err(),
            RegistryError::InvalidCountry { country: 1000 }
        );
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        assert_eq!(
            r.register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
                .unwrap_err(),
            RegistryError::WalletAlreadyRegistered {
                wallet: acc(INVESTOR),
                identity: id
            }
        );
        assert_eq!(
            r.issue_claim(acc(PLATFORM_B), id, ClaimType::Kyc, DAY, evidence(1), 0)
                .unwrap_err(),
            RegistryError::NotTrustedForClaim {
                caller: acc(PLATFORM_B),
                claim: ClaimType::Kyc
            }
        );
        assert_eq!(
            r.issue_claim(acc(PLATFORM_A), id, ClaimType::Kyc, 5, evidence(1), 5)
                .unwrap_err(),
            RegistryError::ExpiryInPast {
                expires_at: 5,
                now: 5
            }
        );
        assert_eq!(
            r.issue_claim(acc(PLATFORM_A), 77, ClaimType::Kyc, DAY, evidence(1), 0)
                .unwrap_err(),
            RegistryError::UnknownIdentity { identity: 77 }
        );
        assert_eq!(
            r.add_wallet(acc(PLATFORM_B), id, acc(11)).unwrap_err(),
            RegistryError::NotRegistrar {
                caller: acc(PLATFORM_B),
                identity: id
            }
        );
        assert_eq!(
            r.revoke_claim(acc(PLATFORM_A), id, ClaimType::Kyc)
                .unwrap_err(),
            RegistryError::ClaimNotFound {
                identity: id,
                claim: ClaimType::Kyc
            }
        );
        r.issue_claim(acc(PLATFORM_A), id, ClaimType::Aml, DAY, evidence(1), 0)
            .unwrap();
        assert_eq!(
            r.revoke_claim(acc(PLATFORM_B), id, ClaimType::Aml)
                .unwrap_err(),
            RegistryError::NotClaimIssuer {
                caller: acc(PLATFORM_B),
                issuer: acc(PLATFORM_A)
            }
        );
        assert_eq!(
            r.freeze_identity(acc(PLATFORM_A), id, evidence(9))
                .unwrap_err(),
            RegistryError::NotRegulator {
                caller: acc(PLATFORM_A)
            }
        );
        assert_eq!(
            r.unfreeze_identity(acc(REGULATOR), id).unwrap_err(),
            RegistryError::NotFrozen { identity: id }
        );
        assert_eq!(
            r.set_verifier(acc(ADMIN), acc(5), ClaimSet(0b1_0000))
                .unwrap_err(),
            RegistryError::MalformedClaimSet { bits: 0b1_0000 }
        );
        assert_eq!(
            r.add_regulator(acc(ADMIN), acc(REGULATOR)).unwrap_err(),
            RegistryError::AlreadyRegulator {
                account: acc(REGULATOR)
            }
        );
        assert_eq!(
            r.remove_regulator(acc(ADMIN), acc(5)).unwrap_err(),
            RegistryError::UnknownRegulator { account: acc(5) }
        );
        assert_eq!(
            r.remove_wallet(acc(ADMIN), acc(55)).unwrap_err(),
            RegistryError::WalletNotRegistered { wallet: acc(55) }
        );
    });
}

#[test]
fn every_admin_operation_refuses_others() {
    fresh(|| {
        let mut r = alliance();
        let x = acc(PLATFORM_A);
        let not_admin = RegistryError::Admin(AdminError::NotAdmin { caller: x });
        assert_eq!(
            r.set_verifier(x, x, ClaimSet::of(&[ClaimType::Qualified]))
                .unwrap_err(),
            not_admin
        );
        assert_eq!(r.add_regulator(x, x).unwrap_err(), not_admin);
        assert_eq!(
            r.remove_regulator(x, acc(REGULATOR)).unwrap_err(),
            not_admin
        );
        assert_eq!(
            r.admin
                .offer(x, x)
                .map_err(RegistryError::from)
                .unwrap_err(),
            not_admin
        );
        assert_eq!(
            r.admin.accept(x).map_err(RegistryError::from).unwrap_err(),
            RegistryError::Admin(AdminError::NotPendingAdmin { caller: x })
        );
    });
}

#[test]
fn regulator_freezes_and_unfreezes() {
    fresh(|| {
        let mut r = alliance();
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        r.freeze_identity(acc(REGULATOR), id, evidence(9)).unwrap();
        assert!(
            r.party_status(acc(INVESTOR), ClaimSet::empty(), 0)
                .identity_frozen
        );
        assert_eq!(
            r.freeze_identity(acc(REGULATOR), id, evidence(9))
                .unwrap_err(),
            RegistryError::AlreadyFrozen { identity: id }
        );
        r.unfreeze_identity(acc(REGULATOR), id).unwrap();
        assert!(
            !r.party_status(acc(INVESTOR), ClaimSet::empty(), 0)
                .identity_frozen
        );
    });
}

#[test]
fn admin_handover_is_two_step_and_total() {
    fresh(|| {
        let mut r = alliance();
        let new_admin = acc(50);
        r.admin
            .offer(acc(ADMIN), new_admin)
            .map_err(RegistryError::from)
            .unwrap();
        assert_eq!(
            r.admin.admin(),
            acc(ADMIN),
            "nothing changes before acceptance"
        );
        let ev = r
            .admin
            .accept(new_admin)
            .map_err(RegistryError::from)
            .unwrap();
        assert_eq!((ev.previous, ev.new_admin), (acc(ADMIN), new_admin));
        assert_eq!(r.admin.admin(), new_admin);
        assert_eq!(r.admin.pending(), None);
        assert_eq!(
            r.add_regulator(acc(ADMIN), acc(60)).unwrap_err(),
            RegistryError::Admin(AdminError::NotAdmin { caller: acc(ADMIN) }),
            "the previous admin keeps nothing"
        );
    });
}

#[test]
fn wallet_cap_is_enforced() {
    fresh(|| {
        let mut r = alliance();
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(100), 250, 0)
            .unwrap();
        for n in 1..MAX_WALLETS_PER_IDENTITY {
            r.add_wallet(acc(PLATFORM_A), id, acc(100 + n as u8))
                .unwrap();
        }
        assert_eq!(
            r.add_wallet(acc(PLATFORM_A), id, acc(200)).unwrap_err(),
            RegistryError::TooManyWallets {
                identity: id,
                max: MAX_WALLETS_PER_IDENTITY
            }
        );
    });
}

#[test]
fn a_removed_verifier_loses_its_registrar_powers_until_the_admin_reassigns_them() {
    fresh(|| {
        let mut r = alliance();
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        r.set_verifier(acc(ADMIN), acc(PLATFORM_A), ClaimSet::empty())
            .unwrap();
        let refused = Some(RegistryError::RegistrarNotTrusted {
            registrar: acc(PLATFORM_A),
            identity: id,
        });
        assert_eq!(r.add_wallet(acc(PLATFORM_A), id, acc(40)).err(), refused);
        assert_eq!(
            r.remove_wallet(acc(PLATFORM_A), acc(INVESTOR)).err(),
            refused
        );
        assert_eq!(r.set_country(acc(PLATFORM_A), id, 276).err(), refused);
        // Only a current verifier can be given the identity, and only by the admin.
        assert_eq!(
            r.reassign_registrar(acc(ADMIN), id, acc(66)),
            Err(RegistryError::NotVerifier { caller: acc(66) })
        );
        assert_eq!(
            r.reassign_registrar(acc(PLATFORM_B), id, acc(PLATFORM_B)),
            Err(RegistryError::Admin(AdminError::NotAdmin {
                caller: acc(PLATFORM_B)
            }))
        );
        let e = r
            .reassign_registrar(acc(ADMIN), id, acc(PLATFORM_B))
            .unwrap();
        assert_eq!(
            (e.previous, e.registrar),
            (acc(PLATFORM_A), acc(PLATFORM_B))
        );
        assert!(r.add_wallet(acc(PLATFORM_B), id, acc(40)).is_ok());
        assert_eq!(r.identity(id).unwrap().registrar, acc(PLATFORM_B));
    });
}

#[test]
fn a_claim_that_counts_is_renewed_or_shortened_only_by_its_issuer() {
    fresh(|| {
        let mut r = alliance();
        r.set_verifier(acc(ADMIN), acc(PLATFORM_B), ClaimSet::of(&[ClaimType::Kyc]))
            .unwrap();
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        r.issue_claim(
            acc(PLATFORM_A),
            id,
            ClaimType::Kyc,
            10 * DAY,
            evidence(1),
            0,
        )
        .unwrap();
        let refused = Err(RegistryError::NotClaimIssuer {
            caller: acc(PLATFORM_B),
            issuer: acc(PLATFORM_A),
        });
        // Shorten or extend: both refused to another verifier trusted for the same type.
        assert_eq!(
            r.issue_claim(acc(PLATFORM_B), id, ClaimType::Kyc, DAY, evidence(2), 0),
            refused
        );
        assert_eq!(
            r.issue_claim(
                acc(PLATFORM_B),
                id,
                ClaimType::Kyc,
                100 * DAY,
                evidence(2),
                0
            ),
            refused
        );
        assert_eq!(r.claim(id, ClaimType::Kyc).unwrap().expires_at, 10 * DAY);
        // The issuer itself renews.
        assert!(r
            .issue_claim(
                acc(PLATFORM_A),
                id,
                ClaimType::Kyc,
                20 * DAY,
                evidence(3),
                0
            )
            .is_ok());
        // Once expired, another trusted verifier may issue a fresh one.
        assert!(r
            .issue_claim(
                acc(PLATFORM_B),
                id,
                ClaimType::Kyc,
                40 * DAY,
                evidence(4),
                20 * DAY
            )
            .is_ok());
        assert_eq!(r.claim(id, ClaimType::Kyc).unwrap().issuer, acc(PLATFORM_B));
        // The admin revokes any claim.
        assert!(r.revoke_claim(acc(ADMIN), id, ClaimType::Kyc).is_ok());
    });
}

#[test]
fn a_frozen_identitys_wallets_cannot_be_unlinked() {
    fresh(|| {
        let mut r = alliance();
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        r.freeze_identity(acc(REGULATOR), id, evidence(9)).unwrap();
        for caller in [PLATFORM_A, ADMIN] {
            assert_eq!(
                r.remove_wallet(acc(caller), acc(INVESTOR)),
                Err(RegistryError::IdentityIsFrozen { identity: id })
            );
        }
        assert_eq!(r.identity_of(acc(INVESTOR)), Some(id));
        r.unfreeze_identity(acc(REGULATOR), id).unwrap();
        assert!(r.remove_wallet(acc(PLATFORM_A), acc(INVESTOR)).is_ok());
    });
}

#[test]
fn only_the_admin_binds_at_most_eight_tokens() {
    fresh(|| {
        let mut r = alliance();
        assert_eq!(
            r.bind_token(acc(PLATFORM_A), acc(200)),
            Err(RegistryError::Admin(AdminError::NotAdmin {
                caller: acc(PLATFORM_A)
            }))
        );
        for t in 0..8u8 {
            r.bind_token(acc(ADMIN), acc(200 + t)).unwrap();
        }
        assert_eq!(
            r.bind_token(acc(ADMIN), acc(200)),
            Err(RegistryError::TokenAlreadyBound { token: acc(200) })
        );
        assert_eq!(
            r.bind_token(acc(ADMIN), acc(250)),
            Err(RegistryError::TooManyBoundTokens { max: 8 })
        );
        r.unbind_token(acc(ADMIN), acc(203)).unwrap();
        assert_eq!(r.bound_tokens().len(), 7);
        assert_eq!(
            r.unbind_token(acc(ADMIN), acc(203)),
            Err(RegistryError::TokenNotBound { token: acc(203) })
        );
    });
}

proptest! {
    /// Under any sequence of links and unlinks, each wallet maps to the identity whose list holds it, and each
    /// identity's count equals its list's length.
    #[test]
    fn wallet_links_stay_consistent(ops in proptest::collection::vec((0u8..3, 0u8..3, 20u8..30), 1..60)) {
        fresh(|| {
            let mut r = alliance();
            let ids: Vec<u64> = (0..3u8)
                .map(|k| r.register_identity(acc(PLATFORM_A), acc(200 + k), 250, 0).unwrap().0)
                .collect();
            for (op, who, wallet) in ops {
                let id = ids[who as usize];
                let _ = if op == 0 {
                    r.remove_wallet(acc(PLATFORM_A), acc(wallet)).map(|_| ())
                } else {
                    r.add_wallet(acc(PLATFORM_A), id, acc(wallet)).map(|_| ())
                };
            }
            for id in &ids {
                let wallets = r.wallets_of(*id);
                assert_eq!(r.identity(*id).unwrap().wallet_count as usize, wallets.len());
                for w in wallets {
                    assert_eq!(r.identity_of(w), Some(*id));
                }
            }
            for w in 20u8..30 {
                if let Some(id) = r.identity_of(acc(w)) {
                    assert!(r.wallets_of(id).contains(&acc(w)));
                }
            }
        });
    }
}

proptest! {
    /// Whatever the registry's state (claims issued, renewed, revoked, verifiers trusted or dropped, freezes,
    /// countries, links) and whatever the time, the facts a bound token keeps (`wallet_facts`) evaluate exactly
    /// as the registry's own answer (`party_status`) for every set of wanted claims: the token's copy cannot
    /// decide a transfer differently from asking.
    #[test]
    fn kept_facts_evaluate_as_the_registrys_answer(
        ops in proptest::collection::vec((0u8..8, 0u8..4, 0u8..4, 0u64..40), 1..60),
        queries in proptest::collection::vec((0u8..4, 0u8..16, 0u64..50), 1..30),
    ) {
        fresh(|| {
            let mut r = alliance();
            let verifiers = [acc(PLATFORM_A), acc(PLATFORM_B), acc(5), acc(6)];
            let wallets = [acc(20), acc(21), acc(22), acc(23)];
            let mut ids = Vec::new();
            for w in wallets.iter().take(2) {
                ids.push(r.register_identity(acc(PLATFORM_A), *w, 250, 0).unwrap().0);
            }
            for (op, a, b, t) in ops {
                let now = t * DAY;
                let id = ids[usize::from(a) % ids.len()];
                let claim = ClaimType::ALL[usize::from(b)];
                let verifier = verifiers[usize::from(b)];
                // Refusals are part of the state machine: each operation may or may not apply.
                let _ = match op {
                    0 => r.issue_claim(verifier, id, claim, now + u64::from(a + 1) * DAY, evidence(1), now).map(|_| ()),
                    1 => r.revoke_claim(acc(ADMIN), id, claim).map(|_| ()),
                    2 => r.set_verifier(acc(ADMIN), verifier, ClaimSet(b | (a << 2) & 0b1111)).map(|_| ()),
                    3 => r.freeze_identity(acc(REGULATOR), id, evidence(2)).map(|_| ()),
                    4 => r.unfreeze_identity(acc(REGULATOR), id).map(|_| ()),
                    5 => r.set_country(acc(ADMIN), id, 250 + u16::from(b)).map(|_| ()),
                    6 => r.add_wallet(acc(ADMIN), id, wallets[usize::from(b)]).map(|_| ()),
                    _ => r.remove_wallet(acc(ADMIN), wallets[usize::from(b)]).map(|_| ()),
                };
            }
            // The claims an identity is recorded as holding are exactly those stored (status queries skip the rest).
            for id in &ids {
                let held = r.identity(*id).unwrap().claims_held;
                for claim in ClaimType::ALL {
                    prop_assert_eq!(held.contains(claim), r.claim(*id, claim).is_some(), "{:?} of {}", claim, id);
                }
            }
            for (w, wanted, t) in queries {
                let wallet = wallets[usize::from(w)];
                let wanted = ClaimSet(wanted & 0b1111);
                let now = t * DAY;
                let kept = suite_traits::wallet_status(wallet, r.wallet_facts(wallet), wanted, now);
                prop_assert_eq!(kept, r.party_status(wallet, wanted, now));
            }
            Ok(())
        })?;
    }
}

#[test]
fn a_successor_registry_continues_its_predecessors_numbers_set_once_before_any_identity() {
    fresh(|| {
        let mut r = alliance();
        assert_eq!(r.first_identity(), 1);
        assert_eq!(
            r.number_identities_from(acc(PLATFORM_A), 100),
            Err(RegistryError::Admin(AdminError::NotAdmin {
                caller: acc(PLATFORM_A)
            }))
        );
        assert_eq!(
            r.number_identities_from(acc(ADMIN), 0),
            Err(RegistryError::ZeroIdentityNumber)
        );
        assert_eq!(
            r.number_identities_from(acc(ADMIN), (1 << 32) + 1),
            Err(RegistryError::FirstIdentityTooHigh {
                first: (1 << 32) + 1,
                max: 1 << 32
            })
        );
        // Before the first identity the numbering is set once: a token may have accepted the registry for it
        // (set again to 1, it could hand a new identity the number an old holder is still counted under).
        assert!(r.number_identities_from(acc(ADMIN), 100).is_ok());
        assert_eq!(
            r.number_identities_from(acc(ADMIN), 1),
            Err(RegistryError::IdentitiesAlreadyNumbered {
                first: 100,
                next: 100
            })
        );
        assert_eq!(r.first_identity(), 100);
        let (first, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, DAY)
            .unwrap();
        assert_eq!(first, 100);
        // Once an identity exists, its number and all after it stand.
        assert_eq!(
            r.number_identities_from(acc(ADMIN), 1),
            Err(RegistryError::IdentitiesAlreadyNumbered {
                first: 100,
                next: 101
            })
        );
        let (second, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR + 1), 250, DAY)
            .unwrap();
        assert_eq!(second, 101);
    });
}

/// The one-read view a front-end shows (`wallet_view`) says what the single reads say, and whether each claim
/// counts by the registry's own rule: at the expiry instant and after its issuer leaves the alliance it no longer
/// does; a wallet that leaves its identity has no view; every wallet of an identity has the same one.
#[test]
fn the_wallet_view_agrees_with_the_single_reads_and_the_claim_rule() {
    fresh(|| {
        let mut r = alliance();
        assert_eq!(
            r.wallet_view(acc(INVESTOR), 0),
            None,
            "a wallet of no identity has no view"
        );
        let (id, _) = r
            .register_identity(acc(PLATFORM_A), acc(INVESTOR), 250, 0)
            .unwrap();
        let bare = r.wallet_view(acc(INVESTOR), 0).unwrap();
        assert_eq!((bare.identity, bare.record), (id, r.identity(id).unwrap()));
        assert!(bare.claims.is_empty(), "no claim issued yet");

        r.issue_claim(acc(PLATFORM_A), id, ClaimType::Kyc, 5 * DAY, evidence(1), 0)
            .unwrap();
        r.issue_claim(
            acc(PLATFORM_B),
            id,
            ClaimType::Accredited,
            9 * DAY,
            evidence(2),
            0,
        )
        .unwrap();
        r.add_wallet(acc(PLATFORM_A), id, acc(INVESTOR + 1))
            .unwrap();
        let view = r.wallet_view(acc(INVESTOR), 1).unwrap();
        assert_eq!(
            view,
            r.wallet_view(acc(INVESTOR + 1), 1).unwrap(),
            "both wallets, one view"
        );
        assert_eq!(view.record, r.identity(id).unwrap());
        let types: Vec<ClaimType> = view.claims.iter().map(|c| c.claim_type).collect();
        assert_eq!(
            types,
            [ClaimType::Kyc, ClaimType::Accredited],
            "held claims, in ClaimType::ALL order"
        );
        for held in &view.claims {
            assert_eq!(Some(held.claim), r.claim(id, held.claim_type));
            assert!(held.counts && held.issuer_trusted);
        }

        // The expiry instant: KYC no longer counts there, one instant before it still does.
        // Each held claim's (counts, issuer_trusted) at `now`.
        let facts_at = |r: &RegistryData, now| -> Vec<(bool, bool)> {
            r.wallet_view(acc(INVESTOR), now)
                .unwrap()
                .claims
                .iter()
                .map(|c| (c.counts, c.issuer_trusted))
                .collect()
        };
        let counts_at = |r: &RegistryData, now| -> Vec<bool> {
            facts_at(r, now).into_iter().map(|f| f.0).collect()
        };
        let trusted_at = |r: &RegistryData, now| -> Vec<bool> {
            facts_at(r, now).into_iter().map(|f| f.1).collect()
        };
        assert_eq!(counts_at(&r, 5 * DAY - 1), [true, true]);
        assert_eq!(counts_at(&r, 5 * DAY), [false, true]);
        assert_eq!(
            trusted_at(&r, 5 * DAY),
            [true, true],
            "an expired claim's issuer is still trusted: it expired"
        );
        // The view's `counts` is the rule the tokens are told: the same as party_status at every instant tried.
        let wanted = ClaimSet::of(&[ClaimType::Kyc, ClaimType::Accredited]);
        for now in [0, 1, 5 * DAY - 1, 5 * DAY, 9 * DAY - 1, 9 * DAY, u64::MAX] {
            let valid = r.party_status(acc(INVESTOR), wanted, now).valid_claims;
            for held in r.wallet_view(acc(INVESTOR), now).unwrap().claims {
                assert_eq!(
                    held.counts,
                    valid.contains(held.claim_type),
                    "{:?} at {now}",
                    held.claim_type
                );
            }
        }

        // Platform B leaves the alliance: its accreditation stays stored but no longer counts.
        r.set_verifier(acc(ADMIN), acc(PLATFORM_B), ClaimSet::empty())
            .unwrap();
        assert_eq!(counts_at(&r, 1), [true, false]);
        assert_eq!(
            trusted_at(&r, 1),
            [true, false],
            "the reason: its issuer is no longer trusted"
        );
        // A revoked claim leaves the view; an unlinked wallet has none.
        r.revoke_claim(acc(PLATFORM_A), id, ClaimType::Kyc).unwrap();
        let left: Vec<ClaimType> = r
            .wallet_view(acc(INVESTOR), 1)
            .unwrap()
            .claims
            .iter()
            .map(|c| c.claim_type)
            .collect();
        assert_eq!(left, [ClaimType::Accredited]);
        r.remove_wallet(acc(PLATFORM_A), acc(INVESTOR + 1)).unwrap();
        assert_eq!(r.wallet_view(acc(INVESTOR + 1), 1), None);
    });
}
