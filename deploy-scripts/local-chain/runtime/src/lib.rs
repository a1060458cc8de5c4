//! Links `contracts-parachain-runtime` (built without `std`) into a cdylib: its `impl_runtime_apis!` exports are
//! the runtime Wasm's entry points.
#![no_std]
pub use contracts_parachain_runtime::*;
