//! A thin, typed layer over drink's in-process sandbox chain (pallet-contracts running the real Wasm).
//!
//! Calls are SCALE-encoded by hand (`selector ++ args`) and results decoded into the contracts' own Rust types,
//! so a test compares `Err(TransferRestriction::MissingClaims { .. })`, not strings. Every call reports the weight
//! it consumed (`ref_time`, `proof_size`), which the report and the benchmark print.
use drink::minimal::MinimalSandbox;
use drink::session::ContractBundle;
use drink::{AccountId32, Weight};
use ink::primitives::AccountId;
use scale::{Decode, Encode};

/// Native balance given to every actor the tests use (enough for storage deposits).
pub const ACTOR_FUNDS: u128 = 1_000_000_000_000_000;

/// 2027-01-01T00:00:00Z in milliseconds: the chain's clock starts here, so dates in tests are deterministic.
pub const GENESIS_TIME_MS: u64 = 1_798_761_600_000;

/// One day in milliseconds.
pub const DAY_MS: u64 = 86_400_000;

/// The 4-byte selector ink! derives for a message or constructor `label` (e.g. `"PSP22::transfer"`, `"new"`).
pub fn selector(label: &str) -> [u8; 4] {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(label.as_bytes(), &mut out);
    [out[0], out[1], out[2], out[3]]
}

/// A message built with a contract's own call builder (`at::<CrowdfundEscrow>(escrow).contribute()`): its
/// selector, argument types and return type come from the contract's code, so a misspelled message or a wrong
/// argument fails to compile. Value goes with ink!'s own `.transferred_value(v)`.
pub type Message<Args, R> = ink::env::call::CallBuilder<
    ink::env::DefaultEnvironment,
    ink::env::call::utils::Set<ink::env::call::Call<ink::env::DefaultEnvironment>>,
    ink::env::call::utils::Set<ink::env::call::ExecutionInput<Args>>,
    ink::env::call::utils::Set<ink::env::call::utils::ReturnType<R>>,
>;

/// The call builder of contract `C` deployed at `address`: `at::<UsagePass>(pass).buy(0)`.
pub fn at<C>(address: AccountId) -> <C as ink::codegen::ContractCallBuilder>::Type
where
    C: ink::codegen::ContractCallBuilder,
    <C as ink::codegen::ContractCallBuilder>::Type:
        ink::env::call::FromAccountId<ink::env::DefaultEnvironment>,
{
    <<C as ink::codegen::ContractCallBuilder>::Type as ink::env::call::FromAccountId<
        ink::env::DefaultEnvironment,
    >>::from_account_id(address)
}

/// A deterministic test account.
pub fn account(seed: u8) -> AccountId {
    AccountId::from([seed; 32])
}

/// The runtime's account type for a contract-side account.
pub fn to_runtime(a: AccountId) -> AccountId32 {
    AccountId32::new(*AsRef::<[u8; 32]>::as_ref(&a))
}

/// The contract-side account type for a runtime account.
pub fn from_runtime(a: &AccountId32) -> AccountId {
    AccountId::from(*AsRef::<[u8; 32]>::as_ref(a))
}

/// Weight consumed by one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Cost {
    /// Computation, in picoseconds of reference hardware.
    pub ref_time: u64,
    /// Proof size (bytes of state a light client needs), the scarce resource on parachains.
    pub proof_size: u64,
}

impl From<Weight> for Cost {
    fn from(w: Weight) -> Self {
        Cost {
            ref_time: w.ref_time(),
            proof_size: w.proof_size(),
        }
    }
}

/// What a call did.
#[derive(Debug, Clone)]
pub struct Outcome<R> {
    /// The decoded return value of the message.
    pub value: R,
    /// Weight consumed.
    pub cost: Cost,
    /// Whether the contract reverted (its state changes were rolled back; an `Err` return does this).
    pub reverted: bool,
    /// Number of contract events emitted.
    pub events: usize,
    /// The topics of each contract event emitted, in order (the first is the event's signature topic).
    pub topics: Vec<Vec<[u8; 32]>>,
}

/// Why a call could not even be decoded.
#[derive(Debug)]
pub enum ChainError {
    /// The runtime refused the call (a trap, out of gas, unknown contract ...).
    Dispatch(String),
    /// ink! refused the input (unknown selector, undecodable arguments).
    Lang(ink::LangError),
    /// The output did not decode as the expected type.
    Decode(String),
}

/// What a [`Chain`] needs of an in-process runtime: drink's minimal sandbox, or a parachain of the XCM test
/// network (`crate::xcm_net`). Object-safe, so one `Chain` type drives either.
pub trait Backend {
    /// Sets the current block's timestamp (ms).
    fn set_timestamp(&mut self, ms: u64);
    /// Gives `who` `amount` native units.
    fn mint_into(&mut self, who: &AccountId32, amount: u128);
    fn free_balance(&mut self, who: &AccountId32) -> u128;
    fn block_number(&mut self) -> u32;
    /// Finalises the current block and starts `n` new ones (the last is current).
    fn build_blocks(&mut self, n: u32);
    /// `Contracts::remove_code` by `origin`.
    fn remove_code(&mut self, origin: AccountId32, code_hash: [u8; 32]) -> Result<(), String>;
    /// Uploads `wasm` (a no-op if it is on chain); its code hash.
    fn upload(&mut self, wasm: Vec<u8>, origin: AccountId32) -> Result<[u8; 32], String>;
    /// Uploads and instantiates `wasm` with constructor input `data`.
    fn instantiate(
        &mut self,
        wasm: Vec<u8>,
        data: Vec<u8>,
        salt: Vec<u8>,
        origin: AccountId32,
    ) -> RawInstantiate;
    /// Calls `contract`, keeping the effects only if `commit`.
    fn call(
        &mut self,
        contract: AccountId32,
        value: u128,
        data: Vec<u8>,
        origin: AccountId32,
        commit: bool,
    ) -> RawCall;
    /// The backend itself, for what only one kind offers (the XCM network's message queues).
    fn as_any(&mut self) -> &mut dyn std::any::Any;
}

/// What instantiating a contract did, as the runtime said it.
pub struct RawInstantiate {
    /// The contract's account and whether its constructor reverted (with its output), or why the runtime refused.
    pub result: Result<(AccountId32, bool, Vec<u8>), String>,
    pub gas_consumed: Weight,
}

/// What a call did, as the runtime said it.
pub struct RawCall {
    /// The output and whether the contract reverted, or why the runtime refused (with the debug buffer).
    pub result: Result<(Vec<u8>, bool), String>,
    pub gas_consumed: Weight,
    /// The topics of each event the contracts emitted during the call.
    pub topics: Vec<Vec<[u8; 32]>>,
}

/// Implements [`Backend`] for a drink sandbox `$sandbox` whose runtime is in module `$runtime` (with `System`,
/// `RuntimeEvent` and `Contracts`).
#[macro_export]
macro_rules! drink_backend {
    ($sandbox:ty, $runtime:ty, $event:path) => {
        impl $crate::chain::Backend for $sandbox {
            fn set_timestamp(&mut self, ms: u64) {
                use $crate::drink::sandbox_api::prelude::*;
                TimestampAPI::set_timestamp(self, ms);
            }
            fn mint_into(&mut self, who: &$crate::drink::AccountId32, amount: u128) {
                use $crate::drink::sandbox_api::prelude::*;
                let _ = BalanceAPI::mint_into(self, who, amount);
            }
            fn free_balance(&mut self, who: &$crate::drink::AccountId32) -> u128 {
                use $crate::drink::sandbox_api::prelude::*;
                BalanceAPI::free_balance(self, who)
            }
            fn block_number(&mut self) -> u32 {
                use $crate::drink::sandbox_api::prelude::*;
                SystemAPI::block_number(self)
            }
            fn build_blocks(&mut self, n: u32) {
                use $crate::drink::sandbox_api::prelude::*;
                SystemAPI::build_blocks(self, n);
            }
            fn remove_code(
                &mut self,
                origin: $crate::drink::AccountId32,
                code_hash: [u8; 32],
            ) -> Result<(), String> {
                use $crate::drink::Sandbox;
                self.execute_with(|| {
                    $crate::drink::pallet_contracts::Pallet::<$runtime>::remove_code(
                        $crate::drink::frame_support::dispatch::RawOrigin::Signed(origin).into(),
                        code_hash.into(),
                    )
                })
                .map(|_| ())
                .map_err(|e| format!("{:?}", e.error))
            }
            fn upload(
                &mut self,
                wasm: Vec<u8>,
                origin: $crate::drink::AccountId32,
            ) -> Result<[u8; 32], String> {
                use $crate::drink::sandbox_api::prelude::*;
                ContractAPI::upload_contract(
                    self,
                    wasm,
                    origin,
                    None,
                    $crate::drink::pallet_contracts::Determinism::Enforced,
                )
                .map(|u| u.code_hash.into())
                .map_err(|e| format!("{e:?}"))
            }
            fn instantiate(
                &mut self,
                wasm: Vec<u8>,
                data: Vec<u8>,
                salt: Vec<u8>,
                origin: $crate::drink::AccountId32,
            ) -> $crate::chain::RawInstantiate {
                use $crate::drink::sandbox_api::prelude::*;
                use $crate::drink::Sandbox;
                let result = ContractAPI::deploy_contract(
                    self,
                    wasm,
                    0,
                    data,
                    salt,
                    origin,
                    <$sandbox>::default_gas_limit(),
                    None,
                );
                $crate::chain::RawInstantiate {
                    gas_consumed: result.gas_consumed,
                    result: result
                        .result
                        .map(|ok| (ok.account_id, ok.result.did_revert(), ok.result.data))
                        .map_err(|e| {
                            format!("{e:?}: {}", $crate::chain::debug_text(&result.debug_message))
                        }),
                }
            }
            fn call(
                &mut self,
                contract: $crate::drink::AccountId32,
                value: u128,
                data: Vec<u8>,
                origin: $crate::drink::AccountId32,
                commit: bool,
            ) -> $crate::chain::RawCall {
                use $crate::drink::sandbox_api::prelude::*;
                use $crate::drink::Sandbox;
                let run = |sandbox: &mut Self| {
                    ContractAPI::call_contract(
                        sandbox,
                        contract,
                        value,
                        data,
                        origin,
                        <$sandbox>::default_gas_limit(),
                        None,
                        $crate::drink::pallet_contracts::Determinism::Enforced,
                    )
                };
                // The sandbox returns every event of the current block; keep only those this call added.
                let before = self.execute_with(|| {
                    $crate::ink_sandbox::frame_system::Pallet::<$runtime>::event_count()
                }) as usize;
                let result = if commit {
                    run(self)
                } else {
                    Sandbox::dry_run(self, run)
                };
                let topics = result
                    .events
                    .as_ref()
                    .map(|evs| {
                        evs.iter()
                            .skip(before)
                            .filter(|e| {
                                matches!(
                                    e.event,
                                    $event($crate::drink::pallet_contracts::Event::ContractEmitted { .. })
                                )
                            })
                            .map(|e| e.topics.iter().map(|t| t.0).collect())
                            .collect()
                    })
                    .unwrap_or_default();
                $crate::chain::RawCall {
                    gas_consumed: result.gas_consumed,
                    topics,
                    result: result
                        .result
                        .map(|ok| (ok.data.clone(), ok.did_revert()))
                        .map_err(|e| {
                            format!("{e:?}: {}", $crate::chain::debug_text(&result.debug_message))
                        }),
                }
            }
            fn as_any(&mut self) -> &mut dyn std::any::Any {
                self
            }
        }
    };
}

drink_backend!(
    MinimalSandbox,
    drink::minimal::MinimalSandboxRuntime,
    drink::minimal::RuntimeEvent::Contracts
);

/// The in-process chain with a controllable clock.
pub struct Chain {
    sandbox: Box<dyn Backend>,
    salt: u64,
    now: u64,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A fresh chain at block 1, time [`GENESIS_TIME_MS`].
    pub fn new() -> Self {
        Chain::on(Box::new(MinimalSandbox::default()))
    }

    /// A chain over `backend` (a parachain of the XCM test network), its clock at [`GENESIS_TIME_MS`].
    pub fn on(backend: Box<dyn Backend>) -> Self {
        let mut chain = Chain {
            sandbox: backend,
            salt: 0,
            now: GENESIS_TIME_MS,
        };
        chain.sandbox.set_timestamp(GENESIS_TIME_MS);
        chain
    }

    /// The backend (to reach what only one kind of backend offers).
    pub fn backend(&mut self) -> &mut dyn Backend {
        &mut *self.sandbox
    }

    /// Gives `who` native currency for fees and storage deposits.
    pub fn fund(&mut self, who: AccountId) {
        self.sandbox.mint_into(&to_runtime(who), ACTOR_FUNDS);
    }

    /// Native balance of `who`.
    pub fn native_balance(&mut self, who: AccountId) -> u128 {
        self.sandbox.free_balance(&to_runtime(who))
    }

    /// Current block number.
    pub fn block(&mut self) -> u32 {
        self.sandbox.block_number()
    }

    /// Current time (ms).
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Produces `n` blocks, keeping the clock where it is.
    pub fn next_blocks(&mut self, n: u32) {
        self.sandbox.build_blocks(n);
        // The sandbox stamps new blocks with wall-clock time; put our clock back.
        self.sandbox.set_timestamp(self.now);
    }

    /// Produces one block whose time is `ms_later` after the current one.
    pub fn advance_time(&mut self, ms_later: u64) {
        self.now += ms_later;
        self.sandbox.build_blocks(1);
        self.sandbox.set_timestamp(self.now);
    }

    /// Deploys a split contract (`suite_traits::split`): uploads its full code (a no-op when already on chain),
    /// then instantiates its shell, which locks the full code as its delegate dependency.
    pub fn deploy_split<A: Encode>(
        &mut self,
        bundle: &crate::split::SplitBundle,
        constructor: &str,
        args: A,
        origin: AccountId,
    ) -> Result<(AccountId, Cost), ChainError> {
        self.upload_code(bundle.full_code.clone(), origin)?;
        self.deploy(&bundle.shell, constructor, args, origin)
    }

    /// Asks pallet-contracts to remove uploaded code, as its uploader `origin` may when no contract depends on it.
    pub fn remove_code(
        &mut self,
        code_hash: [u8; 32],
        origin: AccountId,
    ) -> Result<(), ChainError> {
        self.sandbox
            .remove_code(to_runtime(origin), code_hash)
            .map_err(|e| ChainError::Dispatch(format!("remove_code: {e}")))
    }

    /// Puts `wasm` on chain without instantiating it (the full code of a split contract).
    pub fn upload_code(
        &mut self,
        wasm: Vec<u8>,
        origin: AccountId,
    ) -> Result<[u8; 32], ChainError> {
        self.sandbox
            .upload(wasm, to_runtime(origin))
            .map_err(|e| ChainError::Dispatch(format!("upload_code: {e}")))
    }

    /// Uploads and instantiates `bundle` with constructor `constructor` and SCALE-encoded `args`.
    pub fn deploy<A: Encode>(
        &mut self,
        bundle: &ContractBundle,
        constructor: &str,
        args: A,
        origin: AccountId,
    ) -> Result<(AccountId, Cost), ChainError> {
        let mut data = selector(constructor).to_vec();
        args.encode_to(&mut data);
        self.salt += 1;
        let raw = self.sandbox.instantiate(
            bundle.wasm.clone(),
            data,
            self.salt.encode(),
            to_runtime(origin),
        );
        let cost = Cost::from(raw.gas_consumed);
        let (account, reverted, output) = raw.result.map_err(ChainError::Dispatch)?;
        if reverted {
            let text = String::from_utf8_lossy(&output).to_string();
            return Err(ChainError::Dispatch(format!(
                "constructor reverted: {text}"
            )));
        }
        Ok((from_runtime(&account), cost))
    }

    fn raw_call(
        &mut self,
        contract: AccountId,
        data: Vec<u8>,
        origin: AccountId,
        value: u128,
        commit: bool,
    ) -> Result<(Vec<u8>, Cost, bool, Vec<Vec<[u8; 32]>>), ChainError> {
        let raw = self.sandbox.call(
            to_runtime(contract),
            value,
            data,
            to_runtime(origin),
            commit,
        );
        let cost = Cost::from(raw.gas_consumed);
        let (out, reverted) = raw.result.map_err(ChainError::Dispatch)?;
        Ok((out, cost, reverted, raw.topics))
    }

    /// Asserts that `stranger` can neither take `contract`'s admin role (`Admin::transfer_admin`) nor accept a role
    /// it was not offered (`Admin::accept_admin`): each refused with its reason, reverted, and announcing nothing.
    pub fn assert_admin_refuses(&mut self, contract: AccountId, stranger: AccountId) {
        use suite_traits::AdminError;
        let offer: Outcome<Result<(), AdminError>> = self
            .call(contract, "Admin::transfer_admin", stranger, stranger)
            .expect("Admin::transfer_admin");
        let accept: Outcome<Result<(), AdminError>> = self
            .call(contract, "Admin::accept_admin", (), stranger)
            .expect("Admin::accept_admin");
        let expected = [
            Err(AdminError::NotAdmin { caller: stranger }),
            Err(AdminError::NotPendingAdmin { caller: stranger }),
        ];
        for (out, expected) in [offer, accept].into_iter().zip(expected) {
            assert_eq!(out.value, expected, "admin of {contract:?}");
            assert!(
                out.reverted && out.events == 0,
                "{expected:?} must revert silently"
            );
        }
    }

    /// Sends `message` (see [`Message`]) as `origin`, keeping its effects, and decodes its typed answer.
    pub fn send<Args: Encode, R: Decode>(
        &mut self,
        message: Message<Args, R>,
        origin: AccountId,
    ) -> Result<Outcome<R>, ChainError> {
        self.invoke_message(message, origin, true)
    }

    /// Runs `message` as `origin` without keeping its effects (a read, or a "what would happen").
    pub fn ask<Args: Encode, R: Decode>(
        &mut self,
        message: Message<Args, R>,
        origin: AccountId,
    ) -> Result<Outcome<R>, ChainError> {
        self.invoke_message(message, origin, false)
    }

    fn invoke_message<Args: Encode, R: Decode>(
        &mut self,
        message: Message<Args, R>,
        origin: AccountId,
        commit: bool,
    ) -> Result<Outcome<R>, ChainError> {
        let params = message.params();
        let (contract, value) = (*params.callee(), *params.transferred_value());
        let data = params.exec_input().encode();
        decoded(self.raw_call(contract, data, origin, value, commit)?)
    }

    /// Sends call data already encoded (a message's selector and arguments) with `value`, keeping its effects,
    /// and decodes the answer as `R`.
    pub fn call_data<R: Decode>(
        &mut self,
        contract: AccountId,
        data: Vec<u8>,
        origin: AccountId,
        value: u128,
    ) -> Result<Outcome<R>, ChainError> {
        decoded(self.raw_call(contract, data, origin, value, true)?)
    }

    /// Calls message `label` of `contract` as `origin` and decodes its return value as `R`.
    pub fn call<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        label: &str,
        args: A,
        origin: AccountId,
    ) -> Result<Outcome<R>, ChainError> {
        self.call_with_value(contract, label, args, origin, 0)
    }

    /// Like [`Chain::call`], transferring `value` native units with the call.
    pub fn call_with_value<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        label: &str,
        args: A,
        origin: AccountId,
        value: u128,
    ) -> Result<Outcome<R>, ChainError> {
        self.invoke(contract, label, args, origin, value, true)
    }

    /// Runs message `label` without keeping its effects (a read, or a "what would happen").
    pub fn query<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        label: &str,
        args: A,
        origin: AccountId,
    ) -> Result<Outcome<R>, ChainError> {
        self.invoke(contract, label, args, origin, 0, false)
    }

    fn invoke<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        label: &str,
        args: A,
        origin: AccountId,
        value: u128,
        commit: bool,
    ) -> Result<Outcome<R>, ChainError> {
        let mut data = selector(label).to_vec();
        args.encode_to(&mut data);
        decoded(self.raw_call(contract, data, origin, value, commit)?)
    }

    /// Sends raw call data (a selector chosen by hand plus arguments); returns the raw output.
    pub fn call_raw(
        &mut self,
        contract: AccountId,
        data: Vec<u8>,
        origin: AccountId,
    ) -> Result<(Vec<u8>, bool), ChainError> {
        let (out, _, reverted, _) = self.raw_call(contract, data, origin, 0, true)?;
        Ok((out, reverted))
    }
}

/// The typed outcome of a raw call's answer.
fn decoded<R: Decode>(
    (out, cost, reverted, topics): (Vec<u8>, Cost, bool, Vec<Vec<[u8; 32]>>),
) -> Result<Outcome<R>, ChainError> {
    Ok(Outcome {
        value: decode_message_result::<R>(&out)?,
        cost,
        reverted,
        events: topics.len(),
        topics,
    })
}

fn decode_message_result<R: Decode>(out: &[u8]) -> Result<R, ChainError> {
    let decoded = <Result<R, ink::LangError>>::decode(&mut &out[..])
        .map_err(|e| ChainError::Decode(e.to_string()))?;
    decoded.map_err(ChainError::Lang)
}

/// The debug buffer of a call, as text.
pub fn debug_text(buffer: &[u8]) -> String {
    String::from_utf8_lossy(buffer).trim().to_string()
}
