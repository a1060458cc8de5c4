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
use infra_suite_e2e::BundleProvider;
use ink::env::DefaultEnvironment;
use ink::primitives::{AccountId, Hash};
use ink_e2e::{CallBuilderFinal, ChainBackend, ContractsBackend, E2EBackend, Keypair};
use project_token::{
    ComplianceRules, Party, ProjectToken, ProjectTokenRef, Role, TransferRestriction,
};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use suite_traits::{Admin, AdminError};
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

/// What the flows need of a backend; both of ink_e2e's backends have it.
trait Backend:
    E2EBackend<DefaultEnvironment>
    + ContractsBackend<DefaultEnvironment, Error: std::fmt::Debug>
    + ChainBackend<Balance: From<u128>>
{
}

impl<T> Backend for T where
    T: E2EBackend<DefaultEnvironment>
        + ContractsBackend<DefaultEnvironment, Error: std::fmt::Debug>
        + ChainBackend<Balance: From<u128>>
{
}

/// `who` calls `message` and gets its decoded answer: submitted (on a node, a signed extrinsic in a block) when
/// `in_block`, otherwise only dry-run.
async fn answer<C: Backend, Args, R>(
    client: &mut C,
    who: &Keypair,
    message: &CallBuilderFinal<DefaultEnvironment, Args, R>,
    what: &str,
    in_block: bool,
) -> Result<R, Box<dyn std::error::Error>>
where
    Args: Sync + scale::Encode + Clone,
    R: Send + scale::Decode,
{
    let mut call = client.call(who, message);
    Ok(if in_block {
        call.submit().await.map_err(failed(what))?.return_value()
    } else {
        call.dry_run().await.map_err(failed(what))?.return_value()
    })
}

/// Fresh funded accounts, so reruns against one long-lived node never share state.
async fn accounts<C: Backend>(client: &mut C, n: usize) -> Vec<Keypair> {
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

async fn compliance_flow<C: Backend>(client: &mut C) -> TestResult {
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
    let trusted = answer(
        client,
        sponsor,
        &reg.set_verifier(id(platform), kyc),
        "set_verifier",
        true,
    )
    .await?;
    assert_eq!(trusted, Ok(()));
    let identity: IdentityId = answer(
        client,
        platform,
        &reg.register_identity(id(investor), FRANCE),
        "register_identity",
        true,
    )
    .await?
    .map_err(|e| format!("register_identity refused: {e:?}"))?;
    let far_future = u64::MAX - YEAR_MS;
    let claimed = answer(
        client,
        platform,
        &reg.issue_claim(identity, ClaimType::Kyc, far_future, Hash::from([7; 32])),
        "issue_claim",
        true,
    )
    .await?;
    assert_eq!(claimed, Ok(()));

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
    let granted = answer(
        client,
        sponsor,
        &tok.grant_role(id(sponsor), Role::Issuer),
        "grant_role",
        true,
    )
    .await?;
    assert_eq!(granted, Ok(()));

    // The mint crosses into the registry: the investor is verified, so it goes through.
    let minted = answer(
        client,
        sponsor,
        &tok.mint(id(investor), 1_000),
        "mint",
        true,
    )
    .await?;
    assert_eq!(minted, Ok(()));
    let balance = answer(
        client,
        outsider,
        &tok.balance_of(id(investor)),
        "balance_of",
        false,
    )
    .await?;
    assert_eq!(balance, 1_000);

    // The outsider never registered: the token names the reason, and a transfer to them reverts on chain.
    let verdict = answer(
        client,
        outsider,
        &tok.can_transfer(id(investor), id(outsider), 10),
        "can_transfer",
        false,
    )
    .await?;
    assert_eq!(
        verdict,
        Err(TransferRestriction::NotRegistered {
            party: Party::Recipient
        })
    );
    // The node backend refuses a reverting call at its dry run (an error here); the in-process one returns the
    // reverted result, which must be the refusal.
    if let Ok(result) = answer(
        client,
        investor,
        &tok.transfer(id(outsider), 10, Vec::new()),
        "transfer",
        true,
    )
    .await
    {
        assert!(result.is_err(), "a non-compliant transfer was accepted");
    }
    let still = answer(
        client,
        outsider,
        &tok.balance_of(id(investor)),
        "balance_of",
        false,
    )
    .await?;
    assert_eq!(still, 1_000);
    Ok(())
}

async fn two_step_admin_flow<C: Backend>(client: &mut C) -> TestResult {
    let keys = accounts(client, 3).await;
    let (deployer, successor, mallory) = (&keys[0], &keys[1], &keys[2]);
    let mut registry_new = ComplianceRegistryContractRef::new();
    let registry = client
        .instantiate("compliance_registry", deployer, &mut registry_new)
        .submit()
        .await
        .map_err(failed("instantiate registry"))?;
    let mut reg = registry.call_builder::<ComplianceRegistryContract>();

    let offered = answer(
        client,
        deployer,
        &reg.transfer_admin(id(successor)),
        "Admin::transfer_admin",
        true,
    )
    .await?;
    assert_eq!(offered, Ok(()));
    // Until accepted, the deployer is still the admin.
    assert_eq!(
        answer(client, mallory, &reg.admin(), "admin", false).await?,
        id(deployer)
    );

    // Only the candidate can accept.
    let stolen = answer(
        client,
        mallory,
        &reg.accept_admin(),
        "accept_admin by mallory",
        false,
    )
    .await?;
    assert_eq!(
        stolen,
        Err(AdminError::NotPendingAdmin {
            caller: id(mallory)
        })
    );
    let accepted = answer(
        client,
        successor,
        &reg.accept_admin(),
        "Admin::accept_admin",
        true,
    )
    .await?;
    assert_eq!(accepted, Ok(()));
    assert_eq!(
        answer(client, mallory, &reg.admin(), "admin", false).await?,
        id(successor)
    );
    let old = answer(
        client,
        deployer,
        &reg.add_regulator(id(mallory)),
        "add_regulator",
        false,
    )
    .await?;
    assert_eq!(
        old,
        Err(RegistryError::Admin(AdminError::NotAdmin {
            caller: id(deployer)
        }))
    );
    Ok(())
}

/// The release Wasm of the two contracts the flows deploy, exactly as drink's bundle macro built it when this crate
/// compiled (the code the drink tests, the main job and the benchmark run), written where ink_e2e's contract
/// registry reads it (a contract is known by its file name). `#[ink_e2e::test]` would instead build every contract
/// this crate depends on a second time, in debug, when the test starts: about 16 minutes on 2 cores after every
/// contract change, for a build nothing else uses. The clients below are the ones that macro makes, fed this code.
fn built_contracts() -> Vec<PathBuf> {
    static WRITTEN: OnceLock<Vec<PathBuf>> = OnceLock::new();
    WRITTEN
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("ink-e2e-contracts-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("a folder for the contracts' Wasm");
            [
                ("compliance_registry", BundleProvider::ComplianceRegistry),
                ("project_token", BundleProvider::ProjectToken),
            ]
            .into_iter()
            .map(|(name, provider)| {
                let bundle = provider.cached().expect("the drink build's bundle");
                let path = dir.join(format!("{name}.wasm"));
                std::fs::write(&path, &bundle.wasm).expect("the contract's Wasm written");
                path
            })
            .collect()
        })
        .clone()
}

/// Runs `flow` to its end on a current-thread runtime, as `#[ink_e2e::test]` does.
fn block_on<F: std::future::Future<Output = TestResult>>(flow: F) -> TestResult {
    ink_e2e::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(flow)
}

/// ink_e2e's in-process backend (the `runtime_only` one of `#[ink_e2e::test]`: the same sandbox runtime as drink).
fn in_process_client() -> ink_e2e::SandboxClient<AccountId, Hash, ink_e2e::DefaultSandbox> {
    ink_e2e::SandboxClient::new(built_contracts())
}

#[test]
fn in_process_compliance_and_cross_calls() -> TestResult {
    block_on(async { compliance_flow(&mut in_process_client()).await })
}

#[test]
fn in_process_two_step_admin() -> TestResult {
    block_on(async { two_step_admin_flow(&mut in_process_client()).await })
}

/// ink_e2e's node backend: the node at `CONTRACTS_NODE_URL`, or a `CONTRACTS_NODE` binary it starts (as
/// `#[ink_e2e::test]` does), with the release Wasm above.
#[cfg(feature = "node-tests")]
async fn with_node_client<F, Fut>(flow: F) -> TestResult
where
    F: FnOnce(ink_e2e::Client<ink_e2e::PolkadotConfig, DefaultEnvironment>) -> Fut,
    Fut: std::future::Future<Output = TestResult>,
{
    match std::env::var("CONTRACTS_NODE_URL") {
        Ok(url) => {
            let rpc = ink_e2e::RpcClient::from_url(&url)
                .await
                .map_err(failed("connecting to CONTRACTS_NODE_URL"))?;
            let client = ink_e2e::Client::new(rpc, built_contracts())
                .await
                .map_err(failed("the node client"))?;
            flow(client).await
        }
        Err(_) => {
            // Kept alive until the flow ends: dropping it stops the node.
            let node =
                ink_e2e::TestNodeProcess::<ink_e2e::PolkadotConfig>::build_with_env_or_default()
                    .spawn()
                    .await
                    .map_err(failed("starting CONTRACTS_NODE"))?;
            let client = ink_e2e::Client::new(node.rpc(), built_contracts())
                .await
                .map_err(failed("the node client"))?;
            flow(client).await
        }
    }
}

#[cfg(feature = "node-tests")]
#[test]
fn node_compliance_and_cross_calls() -> TestResult {
    block_on(with_node_client(|mut client| async move {
        compliance_flow(&mut client).await
    }))
}

#[cfg(feature = "node-tests")]
#[test]
fn node_two_step_admin() -> TestResult {
    block_on(with_node_client(|mut client| async move {
        two_step_admin_flow(&mut client).await
    }))
}
