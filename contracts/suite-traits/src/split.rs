//! Split contracts: a small *shell* that holds a contract's hot messages, and its *full code* that the shell
//! reaches by delegate call for every other message.
//!
//! pallet-contracts charges every call frame for loading its code, by the byte, in both weight and proof size. A
//! contract that most users reach only through a few messages (a token's transfers, a registry's status queries)
//! pays for all of its admin code on each of them. A split contract is built twice from one source:
//!
//! - the **full code**: every message, exactly as an ordinary build (it is also a complete contract on its own);
//! - the **shell** (`--features hot-shell`): the same storage with only the hot messages (and the constructor, or
//!   a hand-over of it to the full code: [`split_shell_deploy!`]); the
//!   full code's hash is a constant compiled into it (the `*_FULL_CODE_HASH` variable at build time), so the
//!   shell's own code hash pins the code it delegates to, and no role can point it elsewhere.
//!
//! The shell's `call` decodes the input with the hot messages' decoder; an input it cannot decode (an admin
//! message, or a hot selector whose arguments do not decode) goes, input and all, to the full code by a tail
//! delegate call: the full code runs on the shell's
//! storage with the original caller and value, and its output (a typed error, a revert) is the shell's output.
//! Both builds share one storage layout because they are one source. The shell's `deploy` locks the full
//! code as a delegate dependency, so the code cannot be removed from the chain while the shell exists; the
//! constructor runs in the shell, or, for a contract whose constructor is big, in the full code on a placeholder
//! root (see [`split_shell_deploy!`]: the token, the distributor and the governor).
//!
//! Front-ends and deploy tools use the full code's metadata with the shell's Wasm: every selector is the same.

/// The full code's hash given at build time, or all zeros when none was given (a `cargo check` or clippy run with
/// every feature on): a shell with the zero hash cannot be instantiated, because locking its delegate dependency
/// traps when no such code is on chain.
pub const fn full_code_hash(given: Option<&str>) -> [u8; 32] {
    match given {
        Some(text) => code_hash_from_hex(text),
        None => [0; 32],
    }
}

/// A 32-byte code hash from 64 hex digits (an optional `0x` before them), evaluated at compile time: a
/// malformed value fails the build instead of producing a shell that forwards to nothing.
pub const fn code_hash_from_hex(text: &str) -> [u8; 32] {
    let bytes = text.as_bytes();
    let start = if bytes.len() >= 2 && bytes[0] == b'0' && (bytes[1] == b'x' || bytes[1] == b'X') {
        2
    } else {
        0
    };
    if bytes.len().saturating_sub(start) != 64 || bytes.len() < start {
        panic!("a code hash is 64 hex digits");
    }
    // Index arithmetic stays below 66 (checked above); `wrapping_*` only satisfies the arithmetic lint.
    let mut out = [0u8; 32];
    let mut i: usize = 0;
    while i < 32 {
        let high = start.wrapping_add(i.wrapping_mul(2));
        out[i] = (hex_digit(bytes[high]) << 4) | hex_digit(bytes[high.wrapping_add(1)]);
        i = i.wrapping_add(1);
    }
    out
}

const fn hex_digit(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c.wrapping_sub(b'0'),
        b'a'..=b'f' => c.wrapping_sub(b'a').wrapping_add(10),
        b'A'..=b'F' => c.wrapping_sub(b'A').wrapping_add(10),
        _ => panic!("a code hash is hex digits only"),
    }
}

/// Hands the current call, input, caller and value, to `full_code` and ends this frame with its output (a tail
/// delegate call). Traps, like the message it stands for would, if the full code trapped.
pub fn forward_to_full_code(full_code: [u8; 32]) -> ! {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::{CallFlags, DefaultEnvironment};
    // The selector below is never sent: FORWARD_INPUT passes the caller's own input instead.
    let _ = build_call::<DefaultEnvironment>()
        .delegate(ink::primitives::Hash::from(full_code))
        .call_flags(CallFlags::FORWARD_INPUT | CallFlags::TAIL_CALL)
        .exec_input(ExecutionInput::new(Selector::new([0; 4])))
        .returns::<()>()
        .try_invoke();
    // A tail call that succeeded never returns here; only a trapped full code does.
    panic!("the full code trapped")
}

/// First statement of a trait message that a split contract's shell must keep (ink! keeps every message of an
/// implemented trait; only the body can go): in the shell it hands the call to the full code whose hash is
/// `$full_code`, elsewhere it is nothing. `cfg` is evaluated in the calling crate, so its `hot-shell` feature decides.
#[macro_export]
macro_rules! full_code_only_in_shell {
    ($full_code:expr) => {
        #[cfg(feature = "hot-shell")]
        $crate::split::forward_to_full_code($full_code);
    };
}

/// The shell's `call` and `deploy` exports for the storage type `$storage` whose full code has hash `$full_code`
/// (a `[u8; 32]`). Use only under `--features hot-shell` (which also turns on `ink-as-dependency`, so ink!
/// generates no exports of its own).
///
/// Payment: ink! checks it per message in its dispatch only when some message of the contract is payable, and
/// otherwise once in `call`, which the shell replaces. So by default `call` refuses payment for every message the
/// shell serves (right for a contract with no payable message, and harmless for one whose payable messages all
/// stay in the full code); a shell that serves a payable message passes `payable_messages_checked_by_ink`, and
/// ink!'s per-message check then refuses payment to each of its other messages.
#[macro_export]
macro_rules! split_shell_entry_points {
    ($storage:ty, $full_code:expr) => {
        $crate::split_shell_entry_points!(@exports $storage, $full_code, true, constructor_in_shell);
    };
    ($storage:ty, $full_code:expr, payable_messages_checked_by_ink) => {
        $crate::split_shell_entry_points!(@exports $storage, $full_code, false, constructor_in_shell);
    };
    ($storage:ty, $full_code:expr, constructor_in_full_code) => {
        $crate::split_shell_entry_points!(@exports $storage, $full_code, true, constructor_in_full_code);
    };
    (@exports $storage:ty, $full_code:expr, $deny_every_payment:expr, $constructor:ident) => {
        #[cfg(all(target_arch = "wasm32", not(feature = "std")))]
        const _: () = {
            #[no_mangle]
            pub extern "C" fn call() {
                // The full code checks payment for its own messages.
                match ::ink::env::decode_input::<<$storage as ::ink::reflect::ContractMessageDecoder>::Type>() {
                    ::core::result::Result::Ok(message) => {
                        if $deny_every_payment {
                            ::ink::codegen::deny_payment::<::ink::env::DefaultEnvironment>()
                                .unwrap_or_else(|error| ::core::panic!("{}", error));
                        }
                        <<$storage as ::ink::reflect::ContractMessageDecoder>::Type as ::ink::reflect::ExecuteDispatchable>::execute_dispatchable(message)
                            .unwrap_or_else(|error| ::core::panic!("dispatching ink! message failed: {}", error))
                    }
                    ::core::result::Result::Err(_) => $crate::split::forward_to_full_code($full_code),
                }
            }
        };
        $crate::split_shell_deploy!($storage, $full_code, $constructor);
    };
}

/// A shell's own dispatcher (a `call` written for the contract instead of ink!'s decoder of every message its
/// traits declare): the contract's storage, loaded as ink!'s dispatch loads it before a message.
///
/// ink!'s generated `call` decodes and answers every message of every implemented trait, even those whose body
/// only hands the call on, and each such arm costs the shell code that every transfer loads. A dispatcher that
/// matches only the hot selectors, calls the very same message methods and answers with [`answer`] behaves as
/// ink!'s would for those selectors and hands every other input to the full code.
pub fn load_storage<S>() -> S
where
    S: ink::storage::traits::Storable + ink::storage::traits::StorageKey,
{
    match ink::env::get_contract_storage::<ink::primitives::Key, S>(&S::KEY) {
        Ok(Some(storage)) => storage,
        // As ink!'s dispatch: a contract always has its root cell once instantiated.
        Ok(None) => panic!("storage entry was empty"),
        Err(_) => panic!("could not properly decode storage entry"),
    }
}

/// Ends a message served by a shell's own dispatcher exactly as ink!'s dispatch ends it: a message returning
/// `Err` reverts (and its storage is not written back), any other outcome writes the root cell back when the
/// message takes `&mut self`, and the answer is the message's output wrapped in `MessageResult::Ok`.
pub fn answer<S, R>(storage: &S, output: &R, reverted: bool, mutates: bool) -> !
where
    S: ink::storage::traits::Storable + ink::storage::traits::StorageKey,
    R: scale::Encode,
{
    let mut flags = ink::env::ReturnFlags::REVERT;
    if !reverted {
        flags = ink::env::ReturnFlags::empty();
        if mutates {
            ink::env::set_contract_storage::<ink::primitives::Key, S>(&S::KEY, storage);
        }
    }
    ink::env::return_value::<Result<&R, ink::LangError>>(flags, &Ok(output))
}

/// The shell's `deploy` export alone, for a shell whose `call` is its own dispatcher (see [`load_storage`]); the
/// same as [`split_shell_entry_points!`]'s. It pins the full code on chain (a delegate dependency: traps if the
/// code was not uploaded), then constructs the contract in one of two ways:
///
/// - `constructor_in_shell` (the default): ink!'s constructor dispatch, here in the shell.
/// - `constructor_in_full_code`: for a contract whose constructor is big, since a constructor is code every call
///   of the shell loads (the token's was 3.3 KB of its 57 KB shell, the governor's 2.5 KB of 22 KB). `deploy` writes
///   the storage type's [`Default`] as a placeholder root (the full code's dispatch loads a root before any
///   message) and hands the constructor's arguments to the full code's `split_construct` message (the same arguments,
///   in order; it returns what the constructor returns without `Self`, refused with the contract's
///   `AlreadyConstructed` on a constructed one) by a tail
///   delegate call; that message runs the very constructor on the placeholder and replaces it whole, and is
///   refused on a contract constructed already ([`Constructed`]). Only the input of `new`, the one constructor of
///   every split contract, is handed on: any other is refused as ink!'s dispatch refuses it, before anything is
///   written.
#[macro_export]
macro_rules! split_shell_deploy {
    ($storage:ty, $full_code:expr) => {
        $crate::split_shell_deploy!($storage, $full_code, constructor_in_shell);
    };
    ($storage:ty, $full_code:expr, constructor_in_shell) => {
        #[cfg(all(target_arch = "wasm32", not(feature = "std")))]
        const _: () = {
            #[no_mangle]
            pub extern "C" fn deploy() {
                $crate::split::refuse_payment_and_pin(&$full_code);
                let constructor = match ::ink::env::decode_input::<
                    <$storage as ::ink::reflect::ContractConstructorDecoder>::Type,
                >() {
                    ::core::result::Result::Ok(constructor) => constructor,
                    ::core::result::Result::Err(_) => ::ink::env::return_value::<::ink::ConstructorResult<()>>(
                        ::ink::env::ReturnFlags::REVERT,
                        &::ink::ConstructorResult::Err(::ink::LangError::CouldNotReadInput),
                    ),
                };
                <<$storage as ::ink::reflect::ContractConstructorDecoder>::Type as ::ink::reflect::ExecuteDispatchable>::execute_dispatchable(constructor)
                    .unwrap_or_else(|error| ::core::panic!("dispatching ink! constructor failed: {}", error))
            }
        };
    };
    ($storage:ty, $full_code:expr, constructor_in_full_code) => {
        // The hand-over passes on only `new`'s input: the contract must have a constructor of that name (a rename
        // fails the build here instead of refusing every deployment).
        const _: [u8; 4] = <$storage as ::ink::reflect::DispatchableConstructorInfo<
            { ::ink::selector_id!("new") },
        >>::SELECTOR;
        #[cfg(all(target_arch = "wasm32", not(feature = "std")))]
        const _: () = {
            #[no_mangle]
            pub extern "C" fn deploy() {
                $crate::split::refuse_payment_and_pin(&$full_code);
                $crate::split::construct_in_full_code::<$storage>($full_code)
            }
        };
    };
}

/// The start of every shell's `deploy`: no constructor of a split contract takes payment, and the full code is pinned
/// on chain for as long as the contract lives (a delegate dependency: traps if the code was not uploaded).
pub fn refuse_payment_and_pin(full_code: &[u8; 32]) {
    ink::codegen::deny_payment::<ink::env::DefaultEnvironment>()
        .unwrap_or_else(|error| panic!("{}", error));
    ink::env::lock_delegate_dependency::<ink::env::DefaultEnvironment>(
        &ink::primitives::Hash::from(*full_code),
    );
}

/// Whether a split contract's storage holds a constructed contract: `false` only in the placeholder root a
/// shell's `deploy` writes for the moment its full code constructs it. Every constructor sets it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Constructed(bool);

impl Constructed {
    /// What a constructor stores.
    pub const YES: Constructed = Constructed(true);

    pub fn is_constructed(&self) -> bool {
        self.0
    }

    /// The body of every `split_construct`: the contract `new` makes, on the placeholder only; on a constructed
    /// contract the refusal `already` (the message reverts and writes nothing).
    pub fn construct<S, E>(self, already: E, new: impl FnOnce() -> Result<S, E>) -> Result<S, E> {
        if self.0 {
            return Err(already);
        }
        new()
    }
}

/// The body of a shell's `deploy` after the full code is pinned (see [`split_shell_deploy!`]). Every split
/// contract has one constructor, `new`; any other input is refused as ink!'s dispatch refuses it.
pub fn construct_in_full_code<S>(full_code: [u8; 32]) -> !
where
    S: Default + ink::storage::traits::Storable + ink::storage::traits::StorageKey,
{
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::{CallFlags, DefaultEnvironment};
    let input = ink::env::decode_input::<crate::raw::Undecoded>().map(|raw| raw.0);
    let arguments = match &input {
        Ok(bytes) if bytes.get(..4) == Some(&ink::selector_bytes!("new")[..]) => &bytes[4..],
        _ => ink::env::return_value::<ink::ConstructorResult<()>>(
            ink::env::ReturnFlags::REVERT,
            &Err(ink::LangError::CouldNotReadInput),
        ),
    };
    ink::env::set_contract_storage::<ink::primitives::Key, S>(&S::KEY, &S::default());
    // The message's output (the constructor's result without `Self`, in `MessageResult`) is encoded as the
    // constructor's would be (in `ConstructorResult`), revert flag and all: it is this frame's output.
    let _ = build_call::<DefaultEnvironment>()
        .delegate(ink::primitives::Hash::from(full_code))
        .call_flags(CallFlags::TAIL_CALL)
        .exec_input(
            ExecutionInput::new(Selector::new(ink::selector_bytes!("split_construct")))
                .push_arg(crate::raw::Encoded(arguments)),
        )
        .returns::<()>()
        .try_invoke();
    // A tail call that succeeded never returns here; only a trapped full code does.
    panic!("the full code trapped")
}

#[cfg(test)]
mod tests {
    use super::{code_hash_from_hex, Constructed};

    #[test]
    fn only_the_placeholder_is_constructed_and_only_once() {
        let placeholder = Constructed::default();
        assert!(!placeholder.is_constructed());
        assert_eq!(placeholder.construct("already", || Ok::<_, &str>(7)), Ok(7));
        // What `new` refuses stays refused; a constructed contract is never built again (`new` is not even run).
        assert_eq!(
            placeholder.construct("already", || Err::<u8, _>("bad rules")),
            Err("bad rules")
        );
        let mut ran = false;
        let again = Constructed::YES.construct("already", || {
            ran = true;
            Ok::<_, &str>(8)
        });
        assert_eq!((again, ran), (Err("already"), false));
    }

    #[test]
    fn code_hash_from_hex_reads_both_spellings() {
        let mut expected = [0u8; 32];
        expected[0] = 0xab;
        expected[31] = 0x0f;
        let digits =
            "ab000000000000000000000000000000000000000000000000000000000000 0f".replace(' ', "");
        assert_eq!(code_hash_from_hex(&digits), expected);
        assert_eq!(
            code_hash_from_hex(&format!("0x{}", digits.to_uppercase())),
            expected
        );
    }

    #[test]
    #[should_panic(expected = "64 hex digits")]
    fn code_hash_from_hex_refuses_a_short_hash() {
        code_hash_from_hex("0xabcd");
    }

    #[test]
    #[should_panic(expected = "hex digits only")]
    fn code_hash_from_hex_refuses_other_characters() {
        code_hash_from_hex(&"g".repeat(64));
    }
}
