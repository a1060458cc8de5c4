//! A bound token keeps a copy of the registry's facts (links, countries, freezes, claims, verifiers' trust) so its
//! transfers make no cross-call. These tests attack that copy on the real Wasm: every change the registry makes
//! must decide the very next transfer, as if the token had asked; a copy from before an unbind, a re-pointing or
//! a re-bind must never count; time alone must expire a kept claim at its instant; a change that a bound token
//! cannot hear must not stand.
use compliance_registry::RegistryError;
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::DAY_MS;
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP, USA,
};
use ink::primitives::AccountId;
use project_token::{Party, TokenError, TransferRestriction as R};
use suite_traits::{
    CheckpointError, ClaimSet, ClaimType, IdentityId, KeptStatus, PSP22Error, PartyStatus,
    RegistryChange, RelinkError, VoterRecord,
};

fn kyc() -> &'static [ClaimType] {
    &[ClaimType::Kyc]
}

fn refused(reason: R) -> Result<(), PSP22Error> {
    Err(PSP22Error::Custom(reason.describe().into()))
}

/// Alice (France) and Bob (Germany), both with KYC for a year; Alice holds 1 000; one transfer each way so the
/// token has learned both parties.
fn two_known_investors() -> (Suite, IdentityId, IdentityId) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let a = s.onboard(alice(), FRANCE, kyc(), 365);
    let b = s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(s.transfer(alice(), bob(), 10).value, Ok(()));
    assert_eq!(s.transfer(bob(), alice(), 10).value, Ok(()));
    (s, a, b)
}

/// What the token's copy says of `wallet` (asked with `claims`), as the governor and the distributor read it.
fn kept(
    s: &mut Suite,
    token: AccountId,
    wallet: AccountId,
    claims: ClaimSet,
) -> Option<KeptStatus> {
    let block = s.chain.block();
    let record: Result<VoterRecord, CheckpointError> = s
        .chain
        .ask(
            at::<Token>(token).voter_record(wallet, claims, block, false),
            mallory(),
        )
        .unwrap()
        .value;
    record.expect("the current block is answered").status
}

/// What the registry itself answers for `wallet` with `claims`.
fn asked(s: &mut Suite, wallet: AccountId, claims: ClaimSet) -> PartyStatus {
    let r = s.registry;
    s.chain
        .ask(at::<Registry>(r).party_status(wallet, claims), mallory())
        .unwrap()
        .value
}

#[test]
fn a_bound_token_decides_known_parties_without_asking_the_registry() {
    let (mut s, _, _) = two_known_investors();
    // An unbound twin asks the registry on every transfer: the registry frame is what the copy saves.
    let known = s.transfer(alice(), bob(), 1).cost;
    let t = s.token;
    s.send(at::<Registry>(s.registry).unbind_token(t), admin())
        .value
        .unwrap();
    let asking = s.transfer(alice(), bob(), 1).cost;
    assert!(
        known.ref_time + 500_000_000 < asking.ref_time
            && known.proof_size + 7_000 < asking.proof_size,
        "known {known:?} vs asking {asking:?}"
    );
}

#[test]
fn a_revoked_claim_refuses_the_very_next_transfer() {
    let (mut s, _, b) = two_known_investors();
    s.send(
        at::<Registry>(s.registry).revoke_claim(b, ClaimType::Kyc),
        platform_a(),
    )
    .value
    .unwrap();
    let missing = R::MissingClaims {
        party: Party::Recipient,
        missing: ClaimSet::of(&[ClaimType::Kyc]),
    };
    assert_eq!(s.transfer(alice(), bob(), 1).value, refused(missing));
    assert_eq!(s.can_transfer(alice(), bob(), 1), Err(missing));
    // Re-issued, it counts again at once.
    let expires = s.chain.now() + 30 * DAY_MS;
    s.send(
        at::<Registry>(s.registry).issue_claim(b, ClaimType::Kyc, expires, evidence(9)),
        platform_a(),
    )
    .value
    .unwrap();
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
}

#[test]
fn a_freeze_stops_both_sides_at_once_and_its_lifting_too() {
    let (mut s, a, b) = two_known_investors();
    s.send(
        at::<Registry>(s.registry).freeze_identity(b, evidence(3)),
        regulator(),
    )
    .value
    .unwrap();
    let frozen = |party| R::IdentityFrozen { party, identity: b };
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        refused(frozen(Party::Recipient))
    );
    assert_eq!(
        s.transfer(bob(), alice(), 1).value,
        refused(frozen(Party::Sender))
    );
    s.send(at::<Registry>(s.registry).unfreeze_identity(b), regulator())
        .value
        .unwrap();
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
    assert_eq!(s.transfer(bob(), alice(), 1).value, Ok(()));
    // The other identity was never touched.
    s.send(
        at::<Registry>(s.registry).freeze_identity(a, evidence(4)),
        regulator(),
    )
    .value
    .unwrap();
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        refused(R::IdentityFrozen {
            party: Party::Sender,
            identity: a
        })
    );
}

#[test]
fn a_verifier_dropped_from_the_alliance_withdraws_its_claims_from_the_copy_at_once() {
    let (mut s, _, _) = two_known_investors();
    let none = ClaimSet::empty();
    s.send(
        at::<Registry>(s.registry).set_verifier(platform_a(), none),
        admin(),
    )
    .value
    .unwrap();
    let missing = R::MissingClaims {
        party: Party::Recipient,
        missing: ClaimSet::of(&[ClaimType::Kyc]),
    };
    assert_eq!(s.transfer(alice(), bob(), 1).value, refused(missing));
    let trust = ClaimSet::of(&[ClaimType::Kyc, ClaimType::Aml]);
    s.send(
        at::<Registry>(s.registry).set_verifier(platform_a(), trust),
        admin(),
    )
    .value
    .unwrap();
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
}

#[test]
fn a_kept_claim_expires_at_its_instant_with_no_registry_change() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 2);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
    // One millisecond before Bob's claim expires it still counts; at the instant it does not.
    s.chain.advance_time(2 * DAY_MS - 1);
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
    s.chain.advance_time(1);
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        refused(R::MissingClaims {
            party: Party::Recipient,
            missing: ClaimSet::of(&[ClaimType::Kyc]),
        })
    );
}

#[test]
fn a_country_change_meets_the_tokens_blocklist_at_once() {
    let (mut s, _, b) = two_known_investors();
    assert_eq!(
        s.send(
            at::<Token>(s.token).set_country_listed(USA, false, true),
            admin()
        )
        .value,
        Ok(())
    );
    s.send(at::<Registry>(s.registry).set_country(b, USA), platform_a())
        .value
        .unwrap();
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        refused(R::CountryBlocked {
            party: Party::Recipient,
            country: USA
        })
    );
}

#[test]
fn an_unlinked_wallet_is_unregistered_at_once_and_a_relinked_one_takes_its_new_identitys_facts() {
    let (mut s, a, b) = two_known_investors();
    s.send(
        at::<Registry>(s.registry).remove_wallet(bob()),
        platform_a(),
    )
    .value
    .unwrap();
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        refused(R::NotRegistered {
            party: Party::Recipient
        })
    );
    // Linked to Alice's identity, Bob's wallet now has Alice's facts: freeze Alice, and Bob's wallet is frozen.
    s.link_wallet(a, bob());
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
    s.send(
        at::<Registry>(s.registry).freeze_identity(a, evidence(5)),
        regulator(),
    )
    .value
    .unwrap();
    assert_eq!(
        s.transfer(bob(), alice(), 1).value,
        refused(R::IdentityFrozen {
            party: Party::Sender,
            identity: a
        })
    );
    let _ = b;
}

#[test]
fn a_copy_from_before_an_unbind_never_counts_after_a_rebind() {
    let (mut s, _, b) = two_known_investors();
    let t = s.token;
    s.send(at::<Registry>(s.registry).unbind_token(t), admin())
        .value
        .unwrap();
    // While unbound the token is told nothing: Bob loses KYC behind its back, and it asks (so it refuses).
    s.send(
        at::<Registry>(s.registry).revoke_claim(b, ClaimType::Kyc),
        platform_a(),
    )
    .value
    .unwrap();
    let missing = R::MissingClaims {
        party: Party::Recipient,
        missing: ClaimSet::of(&[ClaimType::Kyc]),
    };
    assert_eq!(s.transfer(alice(), bob(), 1).value, refused(missing));
    // Bound again, the copy it kept from before (Bob with KYC) must not come back.
    s.send(at::<Registry>(s.registry).bind_token(t), admin())
        .value
        .unwrap();
    assert_eq!(s.transfer(alice(), bob(), 1).value, refused(missing));
    assert_eq!(s.can_transfer(alice(), bob(), 1), Err(missing));
}

#[test]
fn a_token_pointed_away_trusts_no_old_copy_and_never_comes_back_to_numbers_it_counts() {
    let (mut s, _, b) = two_known_investors();
    let r = s.registry;
    let successor = s.deploy_registry_numbered_from(100);
    assert_eq!(
        s.send(at::<Token>(s.token).set_registry(successor), admin())
            .value,
        Ok(())
    );
    // The old registry still lists the token as bound, but the token refuses its notices: a freeze goes ahead.
    s.send(
        at::<Registry>(s.registry).freeze_identity(b, evidence(6)),
        regulator(),
    )
    .value
    .unwrap();
    // The copy of the old registry's facts is not trusted: the successor, which knows neither, is asked.
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        refused(R::NotRegistered {
            party: Party::Sender
        })
    );
    // Back to the old registry: its numbers are those the books count, so it could name one holder's tokens for
    // another's identity. Refused.
    assert_eq!(
        s.send(at::<Token>(s.token).set_registry(r), admin()).value,
        Err(TokenError::RegistryNumbersOverlap {
            first_identity: 1,
            highest_counted: b
        })
    );
}

#[test]
fn a_change_that_a_bound_address_cannot_hear_does_not_stand() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let a = s.onboard(alice(), FRANCE, kyc(), 365);
    // An address with no listener cannot be bound: it could never be told of a change.
    assert_eq!(
        s.send(at::<Registry>(s.registry).bind_token(mallory()), admin())
            .value,
        Err(RegistryError::TokenUnreachable { token: mallory() })
    );
    // A token that asks another registry cannot be bound to this one.
    let other_token = s.token;
    let successor = s.deploy_registry_numbered_from(100);
    assert_eq!(
        s.send(at::<Token>(s.token).set_registry(successor), admin())
            .value,
        Ok(())
    );
    let t = s.token;
    s.send(at::<Registry>(s.registry).unbind_token(t), admin())
        .value
        .unwrap();
    assert_eq!(
        s.send(at::<Registry>(s.registry).bind_token(other_token), admin())
            .value,
        Err(RegistryError::TokenUsesAnotherRegistry { token: other_token })
    );
    // Nothing of the refused bindings stood.
    let r = s.registry;
    let bound: Vec<AccountId> = s
        .chain
        .ask(at::<Registry>(r).bound_tokens(), admin())
        .unwrap()
        .value;
    assert!(bound.is_empty(), "{bound:?}");
    let _ = a;
}

#[test]
fn only_the_tokens_registry_can_make_it_forget_or_trust_its_copy() {
    let (mut s, _, b) = two_known_investors();
    let t = s.token;
    // Mallory (and any other account or contract) is refused each change; the copy and its trust stay as they were.
    for change in [
        RegistryChange::Identity(b),
        RegistryChange::Verifier(platform_a()),
        RegistryChange::Bound,
        RegistryChange::Unbound,
    ] {
        let forged: Result<(), RelinkError> = s
            .chain
            .send(at::<Token>(t).registry_changed(change), mallory())
            .unwrap()
            .value;
        assert_eq!(forged, Err(RelinkError::NotRegistry { caller: mallory() }));
    }
    // Still bound and trusting its copy: a freeze told by the registry takes effect, as before.
    s.send(
        at::<Registry>(s.registry).freeze_identity(b, evidence(7)),
        regulator(),
    )
    .value
    .unwrap();
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        refused(R::IdentityFrozen {
            party: Party::Recipient,
            identity: b
        })
    );
}

/// Random registry changes (claims issued with random expiries and revoked, verifiers trusted and dropped,
/// freezes, countries including a blocked one, wallets linked and unlinked, time passing) interleaved with real
/// transfers: after every step a bound token (deciding from its copy) and an unbound twin over the same registry
/// (asking the registry every time) give the same answer to every transfer between the wallets. Generous holding
/// rules make the answers depend on the registry's facts alone.
#[test]
fn a_bound_token_answers_as_an_asking_twin_under_random_registry_changes() {
    use infra_suite_e2e::adversary::Rng;
    use project_token::ComplianceRules;
    let rules = ComplianceRules {
        required_claims: ClaimSet::of(&[ClaimType::Kyc, ClaimType::Aml]),
        sender_needs_claims: true,
        country_allowlist_enabled: false,
        max_holding_bps: 10_000,
        holder_limit: 1_000,
    };
    for seed in 1..=3u64 {
        let mut rng = Rng::new(seed);
        let mut s = Suite::deploy(rules, None);
        let bound = s.token;
        let args = (
            Some(String::from("Twin")),
            Some(String::from("TWN")),
            0u8,
            s.registry,
            rules,
            None::<u128>,
        );
        let (twin, _) = s
            .chain
            .deploy_split(
                &infra_suite_e2e::split::project_token(),
                "new",
                args,
                admin(),
            )
            .expect("deploy the twin");
        let grant: Result<(), TokenError> = s
            .chain
            .send(
                at::<Token>(twin).grant_role(issuer(), project_token::Role::Issuer),
                admin(),
            )
            .unwrap()
            .value;
        assert_eq!(grant, Ok(()));
        for token in [bound, twin] {
            let blocked: Result<(), TokenError> = s
                .chain
                .send(
                    at::<Token>(token).set_country_listed(USA, false, true),
                    admin(),
                )
                .unwrap()
                .value;
            assert_eq!(blocked, Ok(()));
        }
        let s_twin_call =
            |s: &mut Suite, label: &str, args: (AccountId, u128)| -> Result<(), PSP22Error> {
                s.chain.call(twin, label, args, issuer()).unwrap().value
            };
        let wallets = [alice(), bob(), carol(), dave()];
        let mut ids = Vec::new();
        for (n, w) in wallets.iter().take(3).enumerate() {
            let id = s.onboard(
                *w,
                [FRANCE, GERMANY, FRANCE][n],
                &[ClaimType::Kyc, ClaimType::Aml],
                30,
            );
            ids.push(id);
            assert_eq!(s.mint(*w, 1_000).value, Ok(()));
            assert_eq!(
                s_twin_call(&mut s, "PSP22Mintable::mint", (*w, 1_000)),
                Ok(())
            );
        }
        for step in 0..40 {
            let id = ids[rng.below(ids.len() as u64) as usize];
            let wallet = wallets[rng.below(4) as usize];
            let claim = [ClaimType::Kyc, ClaimType::Aml][rng.below(2) as usize];
            let verifier = [platform_a(), platform_b()][rng.below(2) as usize];
            let now = s.chain.now();
            // Each change may be refused by the registry's own rules; either way both tokens see the same registry.
            let _ = match rng.below(9) {
                0 => {
                    s.send(
                        at::<Registry>(s.registry).issue_claim(
                            id,
                            claim,
                            now + rng.below(3) * DAY_MS + 1,
                            evidence(1),
                        ),
                        verifier,
                    )
                    .value
                }
                1 => {
                    s.send(at::<Registry>(s.registry).revoke_claim(id, claim), admin())
                        .value
                }
                2 => {
                    s.send(
                        at::<Registry>(s.registry)
                            .set_verifier(verifier, ClaimSet((rng.below(16)) as u8)),
                        admin(),
                    )
                    .value
                }
                3 => {
                    s.send(
                        at::<Registry>(s.registry).freeze_identity(id, evidence(2)),
                        regulator(),
                    )
                    .value
                }
                4 => {
                    s.send(
                        at::<Registry>(s.registry).unfreeze_identity(id),
                        regulator(),
                    )
                    .value
                }
                5 => {
                    s.send(
                        at::<Registry>(s.registry)
                            .set_country(id, [FRANCE, GERMANY, USA][rng.below(3) as usize]),
                        admin(),
                    )
                    .value
                }
                6 => {
                    s.send(at::<Registry>(s.registry).add_wallet(id, wallet), admin())
                        .value
                }
                7 => {
                    s.send(at::<Registry>(s.registry).remove_wallet(wallet), admin())
                        .value
                }
                _ => {
                    s.chain.advance_time(rng.below(2) * DAY_MS + rng.below(3));
                    Ok(())
                }
            };
            // A real transfer on both (the bound token learns what it did not hold).
            let (from, to) = (
                wallets[rng.below(4) as usize],
                wallets[rng.below(4) as usize],
            );
            let on_bound = s.transfer(from, to, 1).value;
            let on_twin: Result<(), PSP22Error> = s
                .chain
                .call(twin, "PSP22::transfer", (to, 1u128, Vec::<u8>::new()), from)
                .unwrap()
                .value;
            assert_eq!(
                on_bound, on_twin,
                "seed {seed} step {step}: transfer {from:?} -> {to:?}"
            );
            // What the governor and the distributor read from the copy, when it holds a wallet, is exactly the
            // registry's answer; the unbound twin never claims to hold one.
            for w in wallets {
                for claims in [rules.required_claims, ClaimSet::empty()] {
                    if let Some(k) = kept(&mut s, bound, w, claims) {
                        let r = s.registry;
                        assert_eq!(k.registry, r);
                        assert_eq!(
                            k.status,
                            asked(&mut s, w, claims),
                            "seed {seed} step {step}: {w:?}"
                        );
                    }
                    assert_eq!(kept(&mut s, twin, w, claims), None);
                }
            }
            for a in wallets {
                for b in wallets {
                    let asked: Result<(), R> = s
                        .chain
                        .ask(at::<Token>(twin).can_transfer(a, b, 1u128), mallory())
                        .unwrap()
                        .value;
                    assert_eq!(
                        s.can_transfer(a, b, 1),
                        asked,
                        "seed {seed} step {step}: {a:?} -> {b:?}"
                    );
                }
            }
        }
    }
}

/// The governor takes a voter's status, weight and the voting supply from the token's copy when the copy holds the
/// voter (one frame instead of a registry frame and a token frame): a claim revoked or an identity frozen after
/// the token learned the voter refuses its very next vote, a kept claim expires at its instant, a vote weighs
/// what the identity held at the snapshot, a second wallet of a voter is refused, and a governor that trusts
/// another registry than the token's asks its own.
#[test]
fn a_vote_reads_the_copy_only_while_current_and_only_of_the_governors_own_registry() {
    use governor::{GovernorError, NotVerifiedReason, Proposal, Support};
    use infra_suite_e2e::finance::proposed_call;
    use ink::primitives::Hash;
    let (mut s, a, b) = two_known_investors();
    assert_eq!(s.mint(bob(), 500).value, Ok(()));
    let c = s.onboard(carol(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(carol(), 300).value, Ok(()));
    // Alice's second wallet, and dave, whose KYC lasts one day.
    s.link_wallet(a, alice_2());
    s.onboard(dave(), GERMANY, kyc(), 1);
    assert_eq!(s.mint(dave(), 200).value, Ok(()));
    let t = s.token;
    let kyc_set = ClaimSet::of(kyc());
    // A block not yet produced is refused, as every checkpoint read refuses it.
    let now = s.chain.block();
    let future: Result<VoterRecord, CheckpointError> = s
        .chain
        .ask(
            at::<Token>(t).voter_record(alice(), kyc_set, now + 1, true),
            mallory(),
        )
        .unwrap()
        .value;
    assert_eq!(
        future,
        Err(CheckpointError::FutureBlock {
            requested: now + 1,
            current: now
        })
    );
    for w in [alice(), alice_2(), bob(), carol(), dave()] {
        assert!(
            kept(&mut s, t, w, kyc_set).is_some(),
            "the token holds {w:?}"
        );
    }
    let calls = vec![proposed_call(t, "set_rules", default_rules())];
    let gov = s.deploy_governor(dave(), dave());
    // Proposing counts what the proposer held at the end of the previous block.
    s.chain.next_blocks(1);
    let id: u32 = s
        .send(
            at::<Governor>(gov).propose(calls.clone(), Hash::from([7; 32])),
            alice(),
        )
        .value
        .expect("alice proposes");
    // A governor over a second registry, where alice is verified and bob is unknown.
    let (other, _) = s
        .chain
        .deploy_split(
            &infra_suite_e2e::split::compliance_registry(),
            "new",
            (),
            admin(),
        )
        .expect("a second registry");
    let ours = s.registry;
    s.registry = other;
    s.as_admin(at::<Registry>(s.registry).set_verifier(platform_a(), ClaimSet::of(kyc())));
    s.onboard(alice(), FRANCE, kyc(), 365);
    let other_gov = s.deploy_governor(dave(), dave());
    s.registry = ours;
    // The token's identity books are numbered by our registry: alice's number there names someone else's
    // holding, so the other governor weighs nothing by it.
    assert_eq!(
        s.send(
            at::<Governor>(other_gov).propose(calls, Hash::from([8; 32])),
            alice(),
        )
        .value,
        Err(GovernorError::TokenOnAnotherRegistry {
            token_registry: ours,
            registry: other
        })
    );
    // (Refusals keep their order: a voter who is not verified is told so before anything about the proposal.)
    let other_id = 1;
    s.chain.next_blocks(2);
    let vote =
        |s: &mut Suite, gov: AccountId, id: u32, who: AccountId| -> Result<(), GovernorError> {
            s.send(at::<Governor>(gov).cast_vote(id, Support::For), who)
                .value
        };
    // The token holds bob as verified in its registry; the other governor's registry does not know him.
    assert!(kept(&mut s, t, bob(), kyc_set).is_some());
    assert_eq!(
        vote(&mut s, other_gov, other_id, bob()),
        Err(GovernorError::NotVerified {
            account: bob(),
            reason: NotVerifiedReason::NotRegistered
        })
    );
    // Changes told to the token decide the very next vote.
    s.send(
        at::<Registry>(s.registry).revoke_claim(b, ClaimType::Kyc),
        platform_a(),
    )
    .value
    .unwrap();
    assert_eq!(
        vote(&mut s, gov, id, bob()),
        Err(GovernorError::NotVerified {
            account: bob(),
            reason: NotVerifiedReason::MissingKyc
        })
    );
    s.send(
        at::<Registry>(s.registry).freeze_identity(c, evidence(8)),
        regulator(),
    )
    .value
    .unwrap();
    assert_eq!(
        vote(&mut s, gov, id, carol()),
        Err(GovernorError::NotVerified {
            account: carol(),
            reason: NotVerifiedReason::Frozen
        })
    );
    // Time alone expires a claim the copy holds, at its instant, with no registry change.
    s.chain.advance_time(DAY_MS);
    assert!(kept(&mut s, t, dave(), kyc_set).is_some());
    assert_eq!(
        vote(&mut s, gov, id, dave()),
        Err(GovernorError::NotVerified {
            account: dave(),
            reason: NotVerifiedReason::MissingKyc
        })
    );
    // Alice, held by the copy, votes with what her identity held at the snapshot; the first vote records the
    // supply that can vote then (alice 1 000, bob 500, carol 300, dave 200).
    assert!(kept(&mut s, t, alice(), kyc_set).is_some());
    assert_eq!(vote(&mut s, gov, id, alice()), Ok(()));
    let p: Option<Proposal> = s
        .chain
        .ask(at::<Governor>(gov).proposal(id), mallory())
        .unwrap()
        .value;
    let p = p.unwrap();
    assert_eq!((p.for_votes, p.supply), (1_000, 2_000));
    // One identity, one vote, from whichever of its wallets the copy holds.
    for w in [alice(), alice_2()] {
        assert_eq!(
            vote(&mut s, gov, id, w),
            Err(GovernorError::AlreadyVoted { identity: a })
        );
    }
}

/// A bad-input sweep found `bind_token` of an address that is not a token trapping. Every kind of non-token (an
/// account without code, a contract of the suite with other messages, the registry itself) must get a typed
/// refusal, and nothing is bound.
#[test]
fn binding_an_address_that_is_not_a_token_is_refused_in_words() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let escrow = s.deploy_escrow(infra_suite_e2e::finance::offering_terms(s.chain.now()));
    let registry = s.registry;
    for (what, address) in [
        ("an account without code", mallory()),
        ("the escrow", escrow),
        ("the registry itself", registry),
    ] {
        let out = s
            .chain
            .send(at::<Registry>(registry).bind_token(address), admin())
            .unwrap_or_else(|e| panic!("binding {what}: no typed answer: {e:?}"));
        assert!(
            matches!(
                out.value,
                Err(RegistryError::TokenUnreachable { .. })
                    | Err(RegistryError::TokenUsesAnotherRegistry { .. })
            ),
            "binding {what}: {:?}",
            out.value
        );
        assert!(out.reverted, "binding {what} changed nothing");
    }
    let bound: Vec<AccountId> = s
        .chain
        .ask(at::<Registry>(registry).bound_tokens(), mallory())
        .unwrap()
        .value;
    assert!(!bound.contains(&escrow) && !bound.contains(&mallory()));
}
