//! (A helper module of the test binary, not a test file: the XCM crates are dev-dependencies, so the main job and
//! the benchmark do not build them.)
//!
//! Two parachains in one process, each running pallet-contracts that sends by pallet-xcm, with the suite's real
//! optimised Wasm on both (issue #28, `docs/cross-chain.md`).
//!
//! The runtime configuration is our own (the polkadot-sdk mock runtimes are GPL-3.0 and none of their code is
//! here); every choice a target chain must make the same way is marked **required**:
//! - **required:** pallet-contracts with `Xcm = pallet_xcm::Pallet` (with `()` a contract's send succeeds and
//!   nothing leaves) and, in pallet-contracts 31, `UnsafeUnstableInterface = true` (`xcm_send` is unstable there:
//!   without it the port's code is refused at upload).
//! - **required:** `LocationToAccountId` with `HashedDescription<AccountId, DescribeFamily<DescribeAllTerminal>>`:
//!   a sibling's contract `(1, [Parachain(p), AccountId32(c)])` becomes the account the ports check their caller
//!   against (`suite_traits::cross_chain::sibling_account`), and `SovereignSignedViaLocation` turns a `Transact`
//!   with `OriginKind::SovereignAccount` into a signed call from it.
//! - **required:** a barrier that lets that location pay for its execution after pallet-xcm's `DescendOrigin`
//!   (`WithComputedOrigin<AllowTopLevelPaidExecutionFrom<_>, ..>`), and an asset transactor and trader for the
//!   chain's native token (`FungibleAdapter` over Balances, `FixedRateOfFungible`).
//! - Chosen here: only `Contracts::call` may be dispatched by `Transact` (`SafeCallFilter`); no teleports, reserve
//!   transfers or `execute` from accounts; the relay network is `None` (as pallet-xcm's `DescendOrigin` of a
//!   contract says `network: None`).
//!
//! Messages do not travel by themselves: the router ([`LocalOutbox`]) appends each to a queue in the sending
//! chain's own storage (so a call that reverts sends nothing, as on a real chain), and the test takes them out
//! ([`XcmNet::take_outbox`]) and delivers them when and as often as it wants ([`XcmNet::deliver`]): in flight,
//! reordered, duplicated, lost, late.
use frame_support::{
    derive_impl, parameter_types,
    traits::{ConstBool, ConstU128, ConstU32, ConstU64, Contains, Everything, Get, Nothing},
    weights::Weight,
};
use infra_suite_e2e::chain::{to_runtime, Chain};
use ink::primitives::AccountId;
use scale::{Decode, Encode};
use sp_runtime::{traits::Convert, AccountId32, Perbill};
use xcm::latest::prelude::*;
use xcm::VersionedXcm;
use xcm_builder::{
    AccountId32Aliases, AllowTopLevelPaidExecutionFrom, DescribeAllTerminal, DescribeFamily,
    EnsureXcmOrigin, FixedRateOfFungible, FixedWeightBounds, FrameTransactionalProcessor,
    FungibleAdapter, HashedDescription, IsConcrete, SignedToAccountId32,
    SovereignSignedViaLocation, WithComputedOrigin,
};
use xcm_executor::XcmExecutor;

/// The home chain's parachain id in the tests.
pub const HOME_PARA: u32 = 1000;
/// The other chain's parachain id in the tests.
pub const AWAY_PARA: u32 = 2000;

type Balance = u128;

// `construct_runtime!` tests `feature = "std"`, which this test crate does not declare.
#[allow(unexpected_cfgs)]
mod construct {
    use frame_support::construct_runtime;
    construct_runtime!(
        pub enum ParaRuntime {
            System: frame_system,
            Balances: pallet_balances,
            Timestamp: pallet_timestamp,
            Contracts: pallet_contracts,
            PolkadotXcm: pallet_xcm,
        }
    );
}
pub use construct::*;
// Named, so that it wins over the XCM prelude's `PalletInfo`.
pub use construct::PalletInfo;

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig as frame_system::DefaultConfig)]
impl frame_system::Config for ParaRuntime {
    type Block = frame_system::mocking::MockBlockU32<ParaRuntime>;
    type Version = ();
    type BlockHashCount = ConstU32<250>;
    type AccountData = pallet_balances::AccountData<Balance>;
}

impl pallet_balances::Config for ParaRuntime {
    type RuntimeEvent = RuntimeEvent;
    type WeightInfo = ();
    type Balance = Balance;
    type DustRemoval = ();
    type ExistentialDeposit = ConstU128<1>;
    type AccountStore = System;
    type ReserveIdentifier = [u8; 8];
    type FreezeIdentifier = ();
    type MaxLocks = ConstU32<50>;
    type MaxReserves = ();
    type MaxFreezes = ();
    type RuntimeHoldReason = RuntimeHoldReason;
    type RuntimeFreezeReason = RuntimeFreezeReason;
}

impl pallet_timestamp::Config for ParaRuntime {
    type Moment = u64;
    type OnTimestampSet = ();
    type MinimumPeriod = ConstU64<1>;
    type WeightInfo = ();
}

/// Contracts of this network ask for no randomness.
pub enum NoRandomness {}
impl frame_support::traits::Randomness<sp_core::H256, u32> for NoRandomness {
    fn random(_subject: &[u8]) -> (sp_core::H256, u32) {
        (sp_core::H256::zero(), 0)
    }
}

impl Convert<Weight, Balance> for ParaRuntime {
    fn convert(w: Weight) -> Balance {
        w.ref_time().into()
    }
}

parameter_types! {
    pub ContractsSchedule: pallet_contracts::Schedule<ParaRuntime> = Default::default();
    pub const DefaultDepositLimit: Balance = 10_000_000_000;
    pub const CodeHashLockupDepositPercent: Perbill = Perbill::from_percent(0);
    pub const MaxDelegateDependencies: u32 = 32;
}

impl pallet_contracts::Config for ParaRuntime {
    type Time = Timestamp;
    type Randomness = NoRandomness;
    type Currency = Balances;
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type CallFilter = Nothing;
    type WeightPrice = Self;
    type WeightInfo = ();
    type ChainExtension = ();
    type Schedule = ContractsSchedule;
    type CallStack = [pallet_contracts::Frame<Self>; 5];
    type DepositPerByte = ConstU128<1>;
    type DepositPerItem = ConstU128<1>;
    type AddressGenerator = pallet_contracts::DefaultAddressGenerator;
    type MaxCodeLen = ConstU32<{ 123 * 1024 }>;
    type MaxStorageKeyLen = ConstU32<128>;
    // Required in pallet-contracts 31: `xcm_send` is an unstable host function there.
    type UnsafeUnstableInterface = ConstBool<true>;
    type UploadOrigin = frame_system::EnsureSigned<Self::AccountId>;
    type InstantiateOrigin = frame_system::EnsureSigned<Self::AccountId>;
    type MaxDebugBufferLen = ConstU32<{ 2 * 1024 * 1024 }>;
    type Migrations = ();
    type DefaultDepositLimit = DefaultDepositLimit;
    type Debug = ();
    type CodeHashLockupDepositPercent = CodeHashLockupDepositPercent;
    type MaxDelegateDependencies = MaxDelegateDependencies;
    type RuntimeHoldReason = RuntimeHoldReason;
    type Environment = ();
    // Required: a contract's `xcm_send` goes through pallet-xcm (with `()` it would silently go nowhere).
    type Xcm = PolkadotXcm;
    type ApiVersion = ();
}

/// This chain's parachain id, kept in its own storage (both chains run this one runtime).
pub struct ThisPara;
const PARA_ID_KEY: &[u8] = b":infra-suite:para-id:";
impl Get<u32> for ThisPara {
    fn get() -> u32 {
        frame_support::storage::unhashed::get(PARA_ID_KEY).unwrap_or(0)
    }
}

/// Where this chain is in the consensus universe: a parachain of some relay.
pub struct ThisLocation;
impl Get<InteriorLocation> for ThisLocation {
    fn get() -> InteriorLocation {
        [
            GlobalConsensus(NetworkId::Rococo),
            Parachain(ThisPara::get()),
        ]
        .into()
    }
}

parameter_types! {
    pub const RelayNetwork: Option<NetworkId> = None;
    pub HereLocation: Location = Location::here();
    /// The native token buys execution: 1 unit per 10^6 ps of ref_time, 1 unit per byte of proof.
    pub NativePerSecond: (AssetId, u128, u128) = (AssetId(Location::here()), 1_000_000, 1024 * 1024);
    pub const UnitWeightCost: Weight = Weight::from_parts(1_000_000, 64);
    pub const MaxInstructions: u32 = 100;
}

/// Required: how a location becomes an account here. A sibling's contract becomes the hashed account the ports
/// check; a local 32-byte account is itself.
pub type LocationToAccountId = (
    HashedDescription<AccountId32, DescribeFamily<DescribeAllTerminal>>,
    AccountId32Aliases<RelayNetwork, AccountId32>,
);

/// The native token as an XCM asset.
pub type NativeTransactor =
    FungibleAdapter<Balances, IsConcrete<HereLocation>, LocationToAccountId, AccountId32, ()>;

/// Chosen: `Transact` may dispatch only `Contracts::call` (a port's message), nothing else of the runtime.
pub struct OnlyContractCalls;
impl Contains<RuntimeCall> for OnlyContractCalls {
    fn contains(call: &RuntimeCall) -> bool {
        matches!(
            call,
            RuntimeCall::Contracts(pallet_contracts::Call::call { .. })
        )
    }
}

/// Required: a location that pays may execute, also after leading `DescendOrigin`s (how pallet-xcm says which
/// account of the sending chain sent it).
pub type Barrier =
    WithComputedOrigin<AllowTopLevelPaidExecutionFrom<Everything>, ThisLocation, ConstU32<8>>;

pub struct XcmConfig;
impl xcm_executor::Config for XcmConfig {
    type RuntimeCall = RuntimeCall;
    type XcmSender = LocalOutbox;
    type AssetTransactor = NativeTransactor;
    type OriginConverter = SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>;
    type IsReserve = ();
    type IsTeleporter = ();
    type Aliasers = Nothing;
    type UniversalLocation = ThisLocation;
    type Barrier = Barrier;
    type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
    type Trader = FixedRateOfFungible<NativePerSecond, ()>;
    type ResponseHandler = PolkadotXcm;
    type AssetTrap = PolkadotXcm;
    type AssetLocker = ();
    type AssetExchanger = ();
    type AssetClaims = PolkadotXcm;
    type SubscriptionService = PolkadotXcm;
    type PalletInstancesInfo = AllPalletsWithSystem;
    type MaxAssetsIntoHolding = ConstU32<4>;
    type FeeManager = ();
    type MessageExporter = ();
    type UniversalAliases = Nothing;
    type CallDispatcher = RuntimeCall;
    type SafeCallFilter = OnlyContractCalls;
    type TransactionalProcessor = FrameTransactionalProcessor;
    type HrmpNewChannelOpenRequestHandler = ();
    type HrmpChannelAcceptedHandler = ();
    type HrmpChannelClosingHandler = ();
}

/// A signed origin (a contract's or an account's) sends as its own 32-byte account.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId32, RelayNetwork>;

impl pallet_xcm::Config for ParaRuntime {
    type RuntimeEvent = RuntimeEvent;
    type SendXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
    type XcmRouter = LocalOutbox;
    type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
    type XcmExecuteFilter = Nothing;
    type XcmExecutor = XcmExecutor<XcmConfig>;
    type XcmTeleportFilter = Nothing;
    type XcmReserveTransferFilter = Nothing;
    type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
    type UniversalLocation = ThisLocation;
    type RuntimeOrigin = RuntimeOrigin;
    type RuntimeCall = RuntimeCall;
    const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
    type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
    type AdminOrigin = frame_system::EnsureRoot<AccountId32>;
    type Currency = Balances;
    type CurrencyMatcher = IsConcrete<HereLocation>;
    type TrustedLockers = ();
    type SovereignAccountOf = LocationToAccountId;
    type MaxLockers = ConstU32<0>;
    type MaxRemoteLockConsumers = ConstU32<0>;
    type RemoteLockConsumerIdentifier = ();
    type WeightInfo = pallet_xcm::TestWeightInfo;
}

/// The storage key of a chain's queue of sent messages.
const OUTBOX_KEY: &[u8] = b":infra-suite:xcm-outbox:";

/// The router: a message to a sibling parachain is appended to this chain's outbox (its own storage, so it is
/// rolled back with the call that sent it); anything else is not routable.
pub struct LocalOutbox;
impl SendXcm for LocalOutbox {
    type Ticket = (u32, Xcm<()>);

    fn validate(
        destination: &mut Option<Location>,
        message: &mut Option<Xcm<()>>,
    ) -> SendResult<Self::Ticket> {
        // Only the network's two parachains have a channel; any other destination has no route.
        let para = match destination.as_ref().map(|d| d.unpack()) {
            Some((1, [Parachain(para)])) if [HOME_PARA, AWAY_PARA].contains(para) => *para,
            _ => return Err(SendError::NotApplicable),
        };
        let message = message.take().ok_or(SendError::MissingArgument)?;
        Ok(((para, message), Assets::new()))
    }

    fn deliver((para, message): Self::Ticket) -> Result<XcmHash, SendError> {
        let encoded = VersionedXcm::<()>::V4(message).encode();
        let hash = sp_io::hashing::blake2_256(&encoded);
        let mut queue: Vec<(u32, Vec<u8>)> =
            frame_support::storage::unhashed::get(OUTBOX_KEY).unwrap_or_default();
        queue.push((para, encoded));
        frame_support::storage::unhashed::put(OUTBOX_KEY, &queue);
        Ok(hash)
    }
}

/// One parachain of the network, as a drink sandbox.
pub struct ParaSandbox {
    ext: sp_io::TestExternalities,
    para: u32,
}

impl ParaSandbox {
    /// A fresh chain with parachain id `para`, at block 1.
    pub fn new(para: u32) -> Self {
        let mut ext = ink_sandbox::BlockBuilder::<ParaRuntime>::new_ext(vec![]);
        ext.execute_with(|| frame_support::storage::unhashed::put(PARA_ID_KEY, &para));
        ParaSandbox { ext, para }
    }

    /// This chain's parachain id.
    pub fn para(&self) -> u32 {
        self.para
    }
}

impl infra_suite_e2e::drink::Sandbox for ParaSandbox {
    type Runtime = ParaRuntime;

    fn execute_with<T>(&mut self, execute: impl FnOnce() -> T) -> T {
        self.ext.execute_with(execute)
    }

    fn dry_run<T>(&mut self, action: impl FnOnce(&mut Self) -> T) -> T {
        let before = self.ext.as_backend();
        let result = action(self);
        self.ext.commit_all().expect("the dry run's changes commit");
        self.ext.backend = before;
        result
    }

    fn register_extension<
        E: std::any::Any + infra_suite_e2e::drink::sp_externalities::Extension,
    >(
        &mut self,
        ext: E,
    ) {
        self.ext.register_extension(ext);
    }

    fn initialize_block(height: u32, parent_hash: sp_core::H256) {
        ink_sandbox::BlockBuilder::<ParaRuntime>::initialize_block(height, parent_hash)
    }

    fn finalize_block(height: u32) -> sp_core::H256 {
        ink_sandbox::BlockBuilder::<ParaRuntime>::finalize_block(height)
    }

    fn default_actor() -> AccountId32 {
        AccountId32::new([1u8; 32])
    }

    fn get_metadata() -> ink_sandbox::RuntimeMetadataPrefixed {
        ParaRuntime::metadata()
    }

    fn convert_account_to_origin(account: AccountId32) -> RuntimeOrigin {
        Some(account).into()
    }

    fn take_snapshot(&mut self) -> ink_sandbox::Snapshot {
        unimplemented!("the XCM network takes no snapshots")
    }

    fn restore_snapshot(&mut self, _snapshot: ink_sandbox::Snapshot) {
        unimplemented!("the XCM network takes no snapshots")
    }
}

infra_suite_e2e::drink_backend!(ParaSandbox, ParaRuntime, RuntimeEvent::Contracts);

/// What executing one message did at its destination.
#[derive(Debug)]
pub struct Delivery {
    /// The executor's verdict (complete with the weight used, incomplete with the failing instruction, or
    /// refused by the barrier). A `Transact` whose call failed still completes: see `calls`.
    pub outcome: xcm::v4::Outcome,
    /// How many contract calls the message made that succeeded (`Contracts::Called`): 0 when the port's
    /// `receive` reverted.
    pub calls: usize,
    /// The topics of each contract event the message caused.
    pub topics: Vec<Vec<[u8; 32]>>,
}

impl Delivery {
    /// The weight the destination charged for the message (what it used, after the `Transact`'s refund of the
    /// call's unused gas); zero if the barrier refused it.
    pub fn weight(&self) -> infra_suite_e2e::chain::Cost {
        use xcm::v4::Outcome;
        match self.outcome {
            Outcome::Complete { used } | Outcome::Incomplete { used, .. } => used.into(),
            Outcome::Error { .. } => infra_suite_e2e::chain::Cost::default(),
        }
    }
}

/// A message taken from a chain's outbox: its destination and its bytes (a `VersionedXcm<()>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub from: u32,
    pub to: u32,
    pub bytes: Vec<u8>,
}

/// The network's operations on its chains (the chains themselves belong to [`TwoChains`] or to a test).
pub struct XcmNet;

fn para_of(chain: &mut Chain) -> &mut ParaSandbox {
    chain
        .backend()
        .as_any()
        .downcast_mut::<ParaSandbox>()
        .expect("a chain of the XCM network")
}

impl XcmNet {
    /// Takes every message `chain` sent since the last call, oldest first.
    pub fn take_outbox(chain: &mut Chain) -> Vec<Sent> {
        let para = para_of(chain);
        let from = para.para();
        let queue: Vec<(u32, Vec<u8>)> =
            infra_suite_e2e::drink::Sandbox::execute_with(para, || {
                frame_support::storage::unhashed::take(OUTBOX_KEY).unwrap_or_default()
            });
        queue
            .into_iter()
            .map(|(to, bytes)| Sent { from, to, bytes })
            .collect()
    }

    /// Executes `message` at its destination, as the XCMP queue would: from the sending parachain's location,
    /// through the barrier, with no weight credit.
    pub fn deliver_to(chain: &mut Chain, message: &Sent) -> Delivery {
        let para = para_of(chain);
        let from = message.from;
        let bytes = message.bytes.clone();
        let (outcome, calls, topics) = infra_suite_e2e::drink::Sandbox::execute_with(para, || {
            let before = frame_system::Pallet::<ParaRuntime>::event_count() as usize;
            let versioned = VersionedXcm::<RuntimeCall>::decode(&mut &bytes[..])
                .expect("a message the router encoded");
            let xcm: Xcm<RuntimeCall> = versioned.try_into().expect("an XCM v4 message");
            let mut id = sp_io::hashing::blake2_256(&bytes);
            let outcome = <XcmExecutor<XcmConfig> as ExecuteXcm<RuntimeCall>>::prepare_and_execute(
                Location::new(1, [Parachain(from)]),
                xcm,
                &mut id,
                Weight::MAX,
                Weight::zero(),
            );
            let events = frame_system::Pallet::<ParaRuntime>::events();
            let calls = events
                .iter()
                .skip(before)
                .filter(|e| {
                    matches!(
                        e.event,
                        RuntimeEvent::Contracts(pallet_contracts::Event::Called { .. })
                    )
                })
                .count();
            let topics = events
                .into_iter()
                .skip(before)
                .filter(|e| {
                    matches!(
                        e.event,
                        RuntimeEvent::Contracts(pallet_contracts::Event::ContractEmitted { .. })
                    )
                })
                .map(|e| e.topics.iter().map(|t| t.0).collect())
                .collect();
            (outcome, calls, topics)
        });
        Delivery {
            outcome,
            calls,
            topics,
        }
    }

    /// The account `chain` derives for `account` of the sibling parachain `para` (by the runtime's own converter).
    pub fn sibling_account_on(chain: &mut Chain, para: u32, account: AccountId) -> AccountId {
        use xcm_executor::traits::ConvertLocation;
        let location = Location::new(
            1,
            [
                Parachain(para),
                Junction::AccountId32 {
                    network: None,
                    id: *AsRef::<[u8; 32]>::as_ref(&account),
                },
            ],
        );
        let derived = infra_suite_e2e::drink::Sandbox::execute_with(para_of(chain), || {
            LocationToAccountId::convert_location(&location)
        })
        .expect("a sibling's account converts");
        infra_suite_e2e::chain::from_runtime(&derived)
    }

    /// Gives `who` native currency on `chain` (for a port's account on the peer chain: fees and deposits).
    pub fn fund(chain: &mut Chain, who: AccountId) {
        chain
            .backend()
            .mint_into(&to_runtime(who), infra_suite_e2e::chain::ACTOR_FUNDS);
    }

    /// The native balance of `who` on `chain`.
    pub fn native(chain: &mut Chain, who: AccountId) -> u128 {
        chain.native_balance(who)
    }

    /// Sends `message` to the parachain `to` from a plain account `origin` of `chain` through pallet-xcm (how an
    /// attacker on a sibling would try to reach a port).
    pub fn send_as(
        chain: &mut Chain,
        origin: AccountId,
        to: u32,
        message: Xcm<()>,
    ) -> Result<(), String> {
        let para = para_of(chain);
        infra_suite_e2e::drink::Sandbox::execute_with(para, || {
            #[allow(deprecated)]
            // `send_blob` takes the same message encoded; `send` says what it sends.
            pallet_xcm::Pallet::<ParaRuntime>::send(
                RuntimeOrigin::signed(to_runtime(origin)),
                Box::new(xcm::VersionedLocation::V4(Location::new(
                    1,
                    [Parachain(to)],
                ))),
                Box::new(VersionedXcm::V4(message)),
            )
            .map_err(|e| format!("{e:?}"))
        })
    }
}

/// The suite on both chains, wired for cross-chain legs: on each a registry and a token (the away token is the
/// mirror: no supply cap, the away port its issuer), a port on each naming the other, each port's account on the
/// other chain funded for its messages' fees and deposits.
pub struct TwoChains {
    pub home: infra_suite_e2e::suite::Suite,
    pub away: infra_suite_e2e::suite::Suite,
    pub home_port: AccountId,
    pub away_port: AccountId,
}

/// The rules of both tokens in the cross-chain tests: KYC required, no maximum holding (the mirror starts empty,
/// and a share of a small supply would refuse its first mints).
pub fn cross_chain_rules() -> project_token::ComplianceRules {
    project_token::ComplianceRules {
        max_holding_bps: 10_000,
        ..infra_suite_e2e::suite::default_rules()
    }
}

/// The gas limit a port gives its peer's `receive` (ref_time, proof_size).
pub const RECEIVE_GAS: (u64, u64) = (30_000_000_000, 512 * 1024);

/// The ports' terms on this network: the peer's `Contracts::call` prefix (read from the runtime's own call
/// encoding), the gas, the weight and the fee.
pub fn port_terms() -> xcm_port::XcmTerms {
    use frame_support::dispatch::GetDispatchInfo;
    let call = RuntimeCall::Contracts(pallet_contracts::Call::call {
        dest: sp_runtime::MultiAddress::Id(AccountId32::new([0; 32])),
        value: 0,
        gas_limit: Weight::from_parts(RECEIVE_GAS.0, RECEIVE_GAS.1),
        storage_deposit_limit: None,
        data: vec![],
    });
    // `Transact` is charged `require_weight_at_most` and refunded only what the call leaves of its own dispatch
    // weight (`Contracts::call`'s base + the gas limit): any margin above that is paid and never refunded, so the
    // port asks for exactly the call's weight.
    let dispatch = call.get_dispatch_info().weight;
    let call = call.encode();
    xcm_port::XcmTerms {
        fee: 50_000_000,
        contracts_call: [call[0], call[1]],
        gas_limit: RECEIVE_GAS,
        transact_weight: (dispatch.ref_time(), dispatch.proof_size()),
        // pallet-contracts 31 reads a contract's message as a blob.
        encoding: xcm_port::SendEncoding::Blob,
    }
}

/// A port's configuration on this network.
pub fn port_config(token: AccountId, mode: xcm_port::Mode, own_para: u32) -> xcm_port::PortConfig {
    xcm_port::PortConfig {
        token,
        mode,
        own_para,
        timeout: LEG_TIMEOUT_MS,
        min_amount: 1,
        xcm: port_terms(),
    }
}

/// How long a leg waits before its holder may ask to cancel it.
pub const LEG_TIMEOUT_MS: u64 = infra_suite_e2e::chain::DAY_MS;

impl TwoChains {
    /// Both suites, both ports, wired.
    pub fn deploy() -> Self {
        use infra_suite_e2e::calls::*;
        use infra_suite_e2e::suite::{actors, Build, Suite};
        let rules = cross_chain_rules();
        let mut home = Suite::deploy_on(
            Chain::on(Box::new(ParaSandbox::new(HOME_PARA))),
            Build::Split,
            rules,
            Some(infra_suite_e2e::suite::SUPPLY_CAP),
        );
        let mut away = Suite::deploy_on(
            Chain::on(Box::new(ParaSandbox::new(AWAY_PARA))),
            Build::Split,
            rules,
            None,
        );
        let bundle = infra_suite_e2e::BundleProvider::XcmPort
            .cached()
            .expect("the port's bundle");
        let config = |token, mode, own_para| port_config(token, mode, own_para);
        let (home_port, _) = home
            .chain
            .deploy(
                &bundle,
                "new",
                config(home.token, xcm_port::Mode::Lock, HOME_PARA),
                actors::admin(),
            )
            .expect("deploy the home port");
        let (away_port, _) = away
            .chain
            .deploy(
                &bundle,
                "new",
                config(away.token, xcm_port::Mode::Mint, AWAY_PARA),
                actors::admin(),
            )
            .expect("deploy the away port");
        home.as_admin(at::<XcmPort>(home_port).set_peer(xcm_port::Peer {
            para: AWAY_PARA,
            port: away_port,
        }));
        away.as_admin(at::<XcmPort>(away_port).set_peer(xcm_port::Peer {
            para: HOME_PARA,
            port: home_port,
        }));
        // The port holds what is abroad: it counts towards no identity and no holder limit.
        home.as_admin(at::<Token>(home.token).set_exempt(home_port, true));
        // The mirror's supply is the port's alone: no other issuer.
        away.as_admin(at::<Token>(away.token).grant_role(away_port, project_token::Role::Issuer));
        away.as_admin(
            at::<Token>(away.token).revoke_role(actors::issuer(), project_token::Role::Issuer),
        );
        let home_there = XcmNet::sibling_account_on(&mut away.chain, HOME_PARA, home_port);
        XcmNet::fund(&mut away.chain, home_there);
        let away_there = XcmNet::sibling_account_on(&mut home.chain, AWAY_PARA, away_port);
        XcmNet::fund(&mut home.chain, away_there);
        TwoChains {
            home,
            away,
            home_port,
            away_port,
        }
    }

    /// The chain a message goes to.
    fn destination(&mut self, message: &Sent) -> &mut Chain {
        if message.to == HOME_PARA {
            &mut self.home.chain
        } else {
            &mut self.away.chain
        }
    }

    /// Takes every message both chains sent since the last call.
    pub fn take_all(&mut self) -> Vec<Sent> {
        let mut all = XcmNet::take_outbox(&mut self.home.chain);
        all.extend(XcmNet::take_outbox(&mut self.away.chain));
        all
    }

    /// Executes `message` at its destination.
    pub fn deliver(&mut self, message: &Sent) -> Delivery {
        XcmNet::deliver_to(self.destination(message), message)
    }

    /// Delivers everything in flight, and the answers, until nothing is left, each executed whole (its call may
    /// revert: a second answer for a settled leg does); returns how many messages.
    pub fn drain(&mut self) -> usize {
        self.deliver_until_quiet(false)
    }

    /// Delivers everything in flight, and the answers, until nothing is left, each one's call succeeding; returns
    /// how many messages.
    pub fn settle_all(&mut self) -> usize {
        self.deliver_until_quiet(true)
    }

    fn deliver_until_quiet(&mut self, calls_succeed: bool) -> usize {
        let mut delivered = 0;
        loop {
            let sent = self.take_all();
            if sent.is_empty() {
                return delivered;
            }
            for message in &sent {
                let d = self.deliver(message);
                let complete = matches!(d.outcome, xcm::v4::Outcome::Complete { .. });
                assert!(
                    complete && (d.calls > 0 || !calls_succeed),
                    "message {message:?} did not complete, or its call reverted: {d:?}"
                );
                delivered += 1;
            }
        }
    }
}
