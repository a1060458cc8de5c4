//! An unauthorised caller on every restricted message of the registry and the token, on the real Wasm: each is
//! refused with the typed error naming the caller, and nothing changes. Plus the two-step admin handovers.
use compliance_registry::RegistryError;
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Chain, ChainError, Outcome};
use infra_suite_e2e::suite::{actors::*, default_rules, evidence, Suite, FRANCE, SUPPLY_CAP};
use ink::primitives::AccountId;
use project_token::{ComplianceRules, Role, TokenError, Tranche};
use scale::{Decode, Encode};
use suite_traits::AdminError;
use suite_traits::{ClaimSet, ClaimType, HaltError, PSP22Error};

fn call<A: Encode, R: Decode>(
    chain: &mut Chain,
    to: AccountId,
    label: &str,
    args: A,
    who: AccountId,
) -> Outcome<R> {
    chain
        .call(to, label, args, who)
        .unwrap_or_else(|e: ChainError| panic!("{label}: {e:?}"))
}

fn setup() -> (Suite, u64) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let alice_id = s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.onboard(bob(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    (s, alice_id)
}

#[test]
fn registry_refuses_every_unauthorised_caller() {
    let (mut s, id) = setup();
    let r = s.registry;
    let s_token = s.token;
    let m = mallory();
    let c = &mut s.chain;
    let not_admin = Err(RegistryError::Admin(AdminError::NotAdmin { caller: m }));
    macro_rules! refused {
        ($label:expr, $args:expr, $expected:expr) => {{
            let out: Outcome<Result<(), RegistryError>> = call(c, r, $label, $args, m);
            assert_eq!(out.value, $expected, "{}", $label);
            assert!(out.reverted, "{} must revert", $label);
            assert_eq!(out.events, 0, "{} must emit nothing", $label);
        }};
    }
    c.assert_admin_refuses(r, m);
    refused!(
        "set_verifier",
        (m, ClaimSet::of(&[ClaimType::Kyc])),
        not_admin
    );
    refused!("add_regulator", m, not_admin);
    refused!("remove_regulator", regulator(), not_admin);
    refused!("bind_token", m, not_admin);
    refused!("unbind_token", s_token, not_admin);
    refused!("reassign_registrar", (id, platform_b()), not_admin);
    refused!(
        "add_wallet",
        (id, m),
        Err(RegistryError::NotRegistrar {
            caller: m,
            identity: id
        })
    );
    refused!(
        "remove_wallet",
        alice(),
        Err(RegistryError::NotRegistrar {
            caller: m,
            identity: id
        })
    );
    refused!(
        "set_country",
        (id, 840u16),
        Err(RegistryError::NotRegistrar {
            caller: m,
            identity: id
        })
    );
    refused!(
        "issue_claim",
        (id, ClaimType::Accredited, u64::MAX, evidence(1)),
        Err(RegistryError::NotTrustedForClaim {
            caller: m,
            claim: ClaimType::Accredited
        })
    );
    refused!(
        "revoke_claim",
        (id, ClaimType::Kyc),
        Err(RegistryError::NotClaimIssuer {
            caller: m,
            issuer: platform_a()
        })
    );
    refused!(
        "freeze_identity",
        (id, evidence(1)),
        Err(RegistryError::NotRegulator { caller: m })
    );
    refused!(
        "unfreeze_identity",
        id,
        Err(RegistryError::NotRegulator { caller: m })
    );
    let registered: Result<u64, RegistryError> = c
        .send(at::<Registry>(r).register_identity(m, FRANCE), m)
        .unwrap()
        .value;
    assert_eq!(registered, Err(RegistryError::NotVerifier { caller: m }));
    // A verifier trusted for KYC only cannot issue accreditation: trust is per claim type.
    let cross: Result<(), RegistryError> = c
        .send(
            at::<Registry>(r).issue_claim(id, ClaimType::Accredited, u64::MAX, evidence(1)),
            platform_a(),
        )
        .unwrap()
        .value;
    assert_eq!(
        cross,
        Err(RegistryError::NotTrustedForClaim {
            caller: platform_a(),
            claim: ClaimType::Accredited
        })
    );
    // The regulator can freeze but holds no admin power.
    let reg: Result<(), RegistryError> = c
        .send(
            at::<Registry>(r).set_verifier(regulator(), ClaimSet::of(&[ClaimType::Kyc])),
            regulator(),
        )
        .unwrap()
        .value;
    assert_eq!(
        reg,
        Err(RegistryError::Admin(AdminError::NotAdmin {
            caller: regulator()
        }))
    );
    // Nothing changed.
    let claims: ClaimSet = c
        .ask(at::<Registry>(r).verifier_claims(m), m)
        .unwrap()
        .value;
    assert_eq!(claims, ClaimSet::empty());
    let is_reg: bool = c
        .ask(at::<Registry>(r).is_regulator(regulator()), m)
        .unwrap()
        .value;
    assert!(is_reg);
}

#[test]
fn token_refuses_every_unauthorised_caller() {
    let (mut s, _) = setup();
    let t = s.token;
    let m = mallory();
    let c = &mut s.chain;
    let not_admin = Err(TokenError::Admin(AdminError::NotAdmin { caller: m }));
    let not_agent = Err(TokenError::MissingRole {
        caller: m,
        role: Role::Agent,
    });
    macro_rules! refused {
        ($label:expr, $args:expr, $expected:expr) => {{
            let out: Outcome<Result<(), TokenError>> = call(c, t, $label, $args, m);
            assert_eq!(out.value, $expected, "{}", $label);
            assert!(out.reverted, "{} must revert", $label);
            assert_eq!(out.events, 0, "{} must emit nothing", $label);
        }};
    }
    c.assert_admin_refuses(t, m);
    refused!("grant_role", (m, Role::Issuer), not_admin.clone());
    refused!("revoke_role", (issuer(), Role::Issuer), not_admin.clone());
    refused!("set_registry", m, not_admin.clone());
    refused!("set_rules", ComplianceRules::default(), not_admin.clone());
    refused!(
        "set_country_listed",
        (FRANCE, false, true),
        not_admin.clone()
    );
    refused!("set_exempt", (m, true), not_admin.clone());
    refused!("set_supply_cap", Some(u128::MAX), not_admin.clone());
    refused!("pause", (), not_admin.clone());
    refused!("unpause", (), not_admin.clone());
    refused!(
        "set_document",
        (String::from("x"), String::from("y"), evidence(1)),
        not_admin.clone()
    );
    refused!("remove_document", String::from("x"), not_admin.clone());
    refused!(
        "set_account_frozen",
        (alice(), true, evidence(1)),
        not_agent.clone()
    );
    refused!(
        "freeze_tokens",
        (alice(), 1u128, evidence(1)),
        not_agent.clone()
    );
    refused!(
        "unfreeze_tokens",
        (alice(), 1u128, evidence(1)),
        not_agent.clone()
    );
    refused!(
        "set_lockup",
        (
            alice(),
            vec![Tranche {
                amount: 1,
                release_at: u64::MAX
            }]
        ),
        not_agent.clone()
    );
    refused!(
        "forced_transfer",
        (alice(), m, 1u128, 0u32, evidence(1)),
        not_agent.clone()
    );
    refused!(
        "recover_wallet",
        (alice(), m, evidence(1)),
        not_agent.clone()
    );

    let mint: Outcome<Result<(), PSP22Error>> = c.send(at::<Token>(t).mint(m, 1u128), m).unwrap();
    assert_eq!(mint.value, Err(PSP22Error::Custom("unauthorised".into())));
    let burn: Outcome<Result<(), PSP22Error>> =
        c.send(at::<Token>(t).burn(alice(), 1u128), m).unwrap();
    assert_eq!(burn.value, Err(PSP22Error::Custom("unauthorised".into())));
    let steal: Outcome<Result<(), PSP22Error>> = c
        .send(
            at::<Token>(t).transfer_from(alice(), m, 1u128, Vec::<u8>::new()),
            m,
        )
        .unwrap();
    assert_eq!(steal.value, Err(PSP22Error::InsufficientAllowance));
    let halt: Outcome<Result<(), HaltError>> =
        c.send(at::<Token>(t).halt(1u32, evidence(1)), m).unwrap();
    assert_eq!(halt.value, Err(HaltError::NotGuardian { caller: m }));
    let resume: Outcome<Result<(), HaltError>> = c.send(at::<Token>(t).resume(), m).unwrap();
    assert_eq!(resume.value, Err(HaltError::NotGuardian { caller: m }));
    // The issuer can mint but not administer; the guardian can halt but not mint.
    let issuer_admin: Result<(), TokenError> =
        c.send(at::<Token>(t).pause(), issuer()).unwrap().value;
    assert_eq!(
        issuer_admin,
        Err(TokenError::Admin(AdminError::NotAdmin { caller: issuer() }))
    );
    let guardian_mint: Result<(), PSP22Error> = c
        .send(at::<Token>(t).mint(alice(), 1u128), guardian())
        .unwrap()
        .value;
    assert_eq!(
        guardian_mint,
        Err(PSP22Error::Custom("unauthorised".into()))
    );
    // Nothing changed.
    let balance: u128 = c.ask(at::<Token>(t).balance_of(alice()), m).unwrap().value;
    assert_eq!(balance, 1_000);
    let paused: bool = c.ask(at::<Token>(t).is_paused(), m).unwrap().value;
    assert!(!paused);
}

#[test]
fn admin_handover_leaves_the_deployer_nothing() {
    let (mut s, _) = setup();
    let (t, r) = (s.token, s.registry);
    let successor = carol();
    // Each step of the handover announces itself once (`AdminTransferStarted`, then `AdminChanged`).
    let offered = s.as_admin(at::<Token>(s.token).transfer_admin(successor));
    assert_eq!(offered.events, 1);
    let offered = s.as_admin(at::<Registry>(s.registry).transfer_admin(successor));
    assert_eq!(offered.events, 1);
    let c = &mut s.chain;
    let accepted = c.send(at::<Token>(t).accept_admin(), successor).unwrap();
    assert_eq!((accepted.value, accepted.events), (Ok(()), 1));
    let accepted = c.send(at::<Registry>(r).accept_admin(), successor).unwrap();
    assert_eq!((accepted.value, accepted.events), (Ok(()), 1));
    let old: Result<(), TokenError> = c.send(at::<Token>(t).pause(), admin()).unwrap().value;
    assert_eq!(
        old,
        Err(TokenError::Admin(AdminError::NotAdmin { caller: admin() }))
    );
    let old: Result<(), RegistryError> = c
        .send(at::<Registry>(r).add_regulator(mallory()), admin())
        .unwrap()
        .value;
    assert_eq!(
        old,
        Err(RegistryError::Admin(AdminError::NotAdmin {
            caller: admin()
        }))
    );
    let new: Outcome<Result<(), TokenError>> = c
        .send(at::<Token>(t).grant_role(dave(), Role::Agent), successor)
        .unwrap();
    assert_eq!(new.value, Ok(()));
    assert_eq!(new.events, 1, "RoleGranted emitted");
}

/// The admin surface is one trait: every administered contract's metadata carries exactly the four `Admin`
/// messages with the selectors `docs/roles.md` lists (so one front-end call and one governor proposal shape work on
/// all six), and the governor, which has no admin, carries none.
#[test]
fn every_administered_contract_has_the_one_admin_surface() {
    use infra_suite_e2e::BundleProvider;
    let expected = [
        ("Admin::admin", "c6b8a12a"),
        ("Admin::pending_admin", "fbed03a8"),
        ("Admin::transfer_admin", "eba532d1"),
        ("Admin::accept_admin", "3fe188b3"),
    ];
    let admin_labels = |provider: BundleProvider| -> Vec<(String, String)> {
        let messages = provider.messages().into_iter();
        messages
            .filter(|(label, _)| label.contains("admin") && !label.ends_with("_of"))
            .collect()
    };
    for provider in [
        BundleProvider::ComplianceRegistry,
        BundleProvider::ProjectToken,
        BundleProvider::CrowdfundEscrow,
        BundleProvider::UsagePass,
        BundleProvider::DividendDistributor,
        BundleProvider::IotOracle,
    ] {
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(l, h)| (l.to_string(), h.to_string()))
            .collect();
        assert_eq!(admin_labels(provider), want);
    }
    assert_eq!(admin_labels(BundleProvider::Governor), vec![]);
}
