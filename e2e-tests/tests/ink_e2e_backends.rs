//! The same two flows through ink_e2e 5.1.1 on both of its backends: the in-process runtime (always) and a real
//! node (with the `node-tests` feature, against `CONTRACTS_NODE_URL` or a `CONTRACTS_NODE` binary; see
//! `../../chain.sh`). On a node every call is a signed extrinsic in a block, so these prove that the registry and
//! the token deploy, cross-call and refuse the same way outside the sandbox.
//!
//! - compliance: a platform registers and KYCs an investor; the token mints to them through its registry check,
//!   and refuses a transfer to an unregistered wallet with the reason;
//! - two-step admin: an offered admin role takes effect only when accepted, and the old admin loses it.
use compliance_registry::{
    ComplianceRegistryContract, ComplianceRegistryContractRef, RegistryError,
};
use ink::env::DefaultEnvironment;
use ink::primitives::{AccountId, Hash};
use ink_e2e::{ChainBackend, ContractsBackend, E2EBackend, Keypair};
use project_token::{
    ComplianceRules, Party, ProjectToken, ProjectTokenRef, Role, TransferRestriction,
};
use suite_traits::{ClaimSet, ClaimType, IdentityId, PSP22Mintable, PSP22};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const FRANCE: u16 = 250;
const YEAR_MS: u64 = 365 * 24 * 3_600_000;
/// Native balance each test account starts with: 100 UNIT of the contracts node (12 decimals), room for the
/// storage deposits (0.1 UNIT per item) and the code of the two contracts.
const FUNDING: u128 = 100_000_000_000_000;

fn id(k: &Keypair) -> AccountId {
    AccountId::from(k.public_key().0)
}

/// Failure of a submitted call, readable whatever the backend's error type.
fn failed<E: std::fmt::Debug>(what: &str) -> impl FnOnce(E) -> Box<dyn std::error::Error> + '_ {
    move |e| format!("{what}: {e:?}").into()
}

/// Fresh funded accounts, so reruns against one long-lived node never share state.
async fn accounts<C>(client: &mut C, n: usize) -> Vec<Keypair>
where
    C: ChainBackend,
    C::Balance: From<u128>,
{
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(
            client
                .create_and_fund_account(&ink_e2e::alice(), FUNDING.into())
                .await,
        );
    }
    out
}

async fn compliance_flow<C>(client: &mut C) -> TestResult
where
    C: E2EBackend<DefaultEnvironment>,
    <C as ContractsBackend<DefaultEnvironment>>::Error: std::fmt::Debug,
    <C as ChainBackend>::Balance: From<u128>,
{
    let keys = accounts(client, 4).await;
    let (sponsor, platform, investor, outsider) = (&keys[0], &keys[1], &keys[2], &keys[3]);

    let mut registry_new = ComplianceRegistryContractRef::new();
    let registry = client
        .instantiate("compliance_registry", sponsor, &mut registry_new)
        .submit()
        .await
        .map_err(failed("instantiate registry"))?;
    let mut reg = registry.call_builder::<ComplianceRegistryContract>();
    let kyc = ClaimSet::of(&[ClaimType::Kyc]);
    client
        .call(sponsor, &reg.set_verifier(id(platform), kyc))
        .submit()
        .await
        .map_err(failed("set_verifier"))?;
    let identity: IdentityId = client
        .call(platform, &reg.register_identity(id(investor), FRANCE))
        .submit()
        .await
        .map_err(failed("register_identity"))?
        .return_value()
        .map_err(|e| format!("register_identity refused: {e:?}"))?;
    let far_future = u64::MAX - YEAR_MS;
    client
        .call(
            platform,
            &reg.issue_claim(identity, ClaimType::Kyc, far_future, Hash::from([7; 32])),
        )
        .submit()
        .await
        .map_err(failed("issue_claim"))?;

    let rules = ComplianceRules {
        required_claims: kyc,
        sender_needs_claims: false,
        country_allowlist_enabled: false,
        max_holding_bps: 10_000,
        holder_limit: 100,
    };
    let mut token_new = ProjectTokenRef::new(
        Some("Node Road".into()),
        Some("NRD".into()),
        0,
        registry.account_id,
        rules,
        Some(1_000_000),
    );
    let token = client
        .instantiate("project_token", sponsor, &mut token_new)
        .submit()
        .await
        .map_err(failed("instantiate token"))?;
    let mut tok = token.call_builder::<ProjectToken>();
    let granted = client
        .call(sponsor, &tok.grant_role(id(sponsor), Role::Issuer))
        .submit()
        .await
        .map_err(failed("grant_role"))?
        .return_value();
    assert_eq!(granted, Ok(()));

    // The mint crosses into the registry: the investor is verified, so it goes through.
    let minted = client
        .call(sponsor, &tok.mint(id(investor), 1_000))
        .submit()
        .await
        .map_err(failed("mint"))?
        .return_value();
    assert_eq!(minted, Ok(()));
    let balance = client
        .call(outsider, &tok.balance_of(id(investor)))
        .dry_run()
        .await
        .map_err(failed("balance_of"))?
        .return_value();
    assert_eq!(balance, 1_000);

    // The outsider never registered: the token names the reason, and a transfer to them reverts on chain.
    let verdict = client
        .call(outsider, &tok.can_transfer(id(investor), id(outsider), 10))
        .dry_run()
        .await
        .map_err(failed("can_transfer"))?
        .return_value();
    assert_eq!(
        verdict,
        Err(TransferRestriction::NotRegistered {
            party: Party::Recipient
        })
    );
    let refused = client
        .call(investor, &tok.transfer(id(outsider), 10, Vec::new()))
        .submit()
        .await;
    // The node backend refuses a reverting call at its dry run; the in-process one returns the reverted result.
    if let Ok(result) = refused {
        assert!(
            result.return_value().is_err(),
            "a non-compliant transfer was accepted"
        );
    }
    let still = client
        .call(outsider, &tok.balance_of(id(investor)))
        .dry_run()
        .await
        .map_err(failed("balance_of"))?
        .return_value();
    assert_eq!(still, 1_000);
    Ok(())
}

async fn two_step_admin_flow<C>(client: &mut C) -> TestResult
where
    C: E2EBackend<DefaultEnvironment>,
    <C as ContractsBackend<DefaultEnvironment>>::Error: std::fmt::Debug,
    <C as ChainBackend>::Balance: From<u128>,
{
    let keys = accounts(client, 3).await;
    let (deployer, successor, mallory) = (&keys[0], &keys[1], &keys[2]);
    let mut registry_new = ComplianceRegistryContractRef::new();
    let registry = client
        .instantiate("compliance_registry", deployer, &mut registry_new)
        .submit()
        .await
        .map_err(failed("instantiate registry"))?;
    let mut reg = registry.call_builder::<ComplianceRegistryContract>();

    let offered = client
        .call(deployer, &reg.transfer_admin(id(successor)))
        .submit()
        .await
        .map_err(failed("transfer_admin"))?
        .return_value();
    assert_eq!(offered, Ok(()));
    // Until accepted, the deployer is still the admin.
    let admin = client
        .call(mallory, &reg.admin())
        .dry_run()
        .await
        .map_err(failed("admin"))?
        .return_value();
    assert_eq!(admin, id(deployer));

    // Only the candidate can accept.
    let stolen = client
        .call(mallory, &reg.accept_admin())
        .dry_run()
        .await
        .map_err(failed("accept_admin dry run"))?
        .return_value();
    assert_eq!(
        stolen,
        Err(RegistryError::NotPendingAdmin {
            caller: id(mallory)
        })
    );
    client
        .call(successor, &reg.accept_admin())
        .submit()
        .await
        .map_err(failed("accept_admin"))?;
    let admin = client
        .call(mallory, &reg.admin())
        .dry_run()
        .await
        .map_err(failed("admin"))?
        .return_value();
    assert_eq!(admin, id(successor));
    let old = client
        .call(deployer, &reg.add_regulator(id(mallory)))
        .dry_run()
        .await
        .map_err(failed("add_regulator dry run"))?
        .return_value();
    assert_eq!(
        old,
        Err(RegistryError::NotAdmin {
            caller: id(deployer)
        })
    );
    Ok(())
}

#[ink_e2e::test(backend(runtime_only))]
async fn in_process_compliance_and_cross_calls(mut client: Client) -> TestResult {
    compliance_flow(&mut client).await
}

#[ink_e2e::test(backend(runtime_only))]
async fn in_process_two_step_admin(mut client: Client) -> TestResult {
    two_step_admin_flow(&mut client).await
}

#[cfg(feature = "node-tests")]
#[ink_e2e::test]
async fn node_compliance_and_cross_calls(mut client: Client) -> TestResult {
    compliance_flow(&mut client).await
}

#[cfg(feature = "node-tests")]
#[ink_e2e::test]
async fn node_two_step_admin(mut client: Client) -> TestResult {
    two_step_admin_flow(&mut client).await
}
