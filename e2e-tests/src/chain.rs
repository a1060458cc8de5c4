//! A thin, typed layer over drink's in-process sandbox chain (pallet-contracts running the real Wasm).
//!
//! Calls are SCALE-encoded by hand (`selector ++ args`) and results decoded into the contracts' own Rust types,
//! so a test compares `Err(TransferRestriction::MissingClaims { .. })`, not strings. Every call reports the weight
//! it consumed (`ref_time`, `proof_size`), which the report and the benchmark print.
use drink::minimal::{MinimalSandbox, MinimalSandboxRuntime};
use drink::pallet_contracts::Determinism;
use drink::sandbox_api::prelude::*;
use drink::session::ContractBundle;
use drink::{AccountId32, Sandbox, Weight};
use ink::primitives::AccountId;
use scale::{Decode, Encode};

/// Runtime of the sandbox chain.
pub type Runtime = MinimalSandboxRuntime;

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

fn to_runtime(a: AccountId) -> AccountId32 {
    AccountId32::new(*AsRef::<[u8; 32]>::as_ref(&a))
}

fn from_runtime(a: &AccountId32) -> AccountId {
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

/// The in-process chain with a controllable clock.
pub struct Chain {
    sandbox: MinimalSandbox,
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
        let mut chain = Chain {
            sandbox: MinimalSandbox::default(),
            salt: 0,
            now: GENESIS_TIME_MS,
        };
        chain.sandbox.set_timestamp(GENESIS_TIME_MS);
        chain
    }

    /// Gives `who` native currency for fees and storage deposits.
    pub fn fund(&mut self, who: AccountId) {
        let _ = self.sandbox.mint_into(&to_runtime(who), ACTOR_FUNDS);
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
        self.sandbox.build_block();
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
        use drink::pallet_contracts::Pallet as Contracts;
        let origin = to_runtime(origin);
        self.sandbox
            .execute_with(|| {
                Contracts::<MinimalSandboxRuntime>::remove_code(
                    drink::frame_support::dispatch::RawOrigin::Signed(origin).into(),
                    code_hash.into(),
                )
            })
            .map(|_| ())
            .map_err(|e| ChainError::Dispatch(format!("remove_code: {:?}", e.error)))
    }

    /// Puts `wasm` on chain without instantiating it (the full code of a split contract).
    pub fn upload_code(
        &mut self,
        wasm: Vec<u8>,
        origin: AccountId,
    ) -> Result<[u8; 32], ChainError> {
        let uploaded = self
            .sandbox
            .upload_contract(
                wasm,
                to_runtime(origin),
                None,
                drink::pallet_contracts::Determinism::Enforced,
            )
            .map_err(|e| ChainError::Dispatch(format!("upload_code: {e:?}")))?;
        Ok(uploaded.code_hash.into())
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
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            0,
            data,
            self.salt.encode(),
            to_runtime(origin),
            MinimalSandbox::default_gas_limit(),
            None,
        );
        let cost = Cost::from(result.gas_consumed);
        let ok = result.result.map_err(|e| {
            ChainError::Dispatch(format!("{e:?}: {}", debug_text(&result.debug_message)))
        })?;
        if ok.result.did_revert() {
            let text = String::from_utf8_lossy(&ok.result.data).to_string();
            return Err(ChainError::Dispatch(format!(
                "constructor reverted: {text}"
            )));
        }
        Ok((from_runtime(&ok.account_id), cost))
    }

    fn raw_call(
        &mut self,
        contract: AccountId,
        data: Vec<u8>,
        origin: AccountId,
        value: u128,
        commit: bool,
    ) -> Result<(Vec<u8>, Cost, bool, Vec<Vec<[u8; 32]>>), ChainError> {
        let run = |sandbox: &mut MinimalSandbox| {
            sandbox.call_contract(
                to_runtime(contract),
                value,
                data,
                to_runtime(origin),
                MinimalSandbox::default_gas_limit(),
                None,
                Determinism::Enforced,
            )
        };
        // The sandbox returns every event of the current block; count only those this call added.
        let before = self
            .sandbox
            .execute_with(|| drink::minimal::System::event_count()) as usize;
        let result = if commit {
            run(&mut self.sandbox)
        } else {
            self.sandbox.dry_run(run)
        };
        let cost = Cost::from(result.gas_consumed);
        let events: Vec<Vec<[u8; 32]>> = result
            .events
            .as_ref()
            .map(|evs| {
                evs.iter()
                    .skip(before)
                    .filter(|e| {
                        matches!(
                            e.event,
                            drink::minimal::RuntimeEvent::Contracts(
                                drink::pallet_contracts::Event::ContractEmitted { .. }
                            )
                        )
                    })
                    .map(|e| e.topics.iter().map(|t| t.0).collect())
                    .collect()
            })
            .unwrap_or_default();
        let ok = result.result.map_err(|e| {
            ChainError::Dispatch(format!("{e:?}: {}", debug_text(&result.debug_message)))
        })?;
        let reverted = ok.did_revert();
        Ok((ok.data, cost, reverted, events))
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

fn debug_text(buffer: &[u8]) -> String {
    String::from_utf8_lossy(buffer).trim().to_string()
}
