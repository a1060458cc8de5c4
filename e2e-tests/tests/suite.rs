//! Every drink test of the suite, in one test binary: each file of this directory is one module (run one with
//! `cargo test --test suite -- token_guarantees::`). One binary links the drink runtime once; a binary per file
//! linked it nineteen times on every rebuild.
#[path = "access.rs"]
mod access;
#[path = "adversarial.rs"]
mod adversarial;
#[path = "cross_chain.rs"]
mod cross_chain;
#[path = "cross_chain_net.rs"]
mod cross_chain_net;
#[path = "governance.rs"]
mod governance;
#[path = "ink_e2e_backends.rs"]
mod ink_e2e_backends;
#[path = "main_job.rs"]
mod main_job;
#[path = "no_role_can.rs"]
mod no_role_can;
#[path = "offering.rs"]
mod offering;
#[path = "offering_trust.rs"]
mod offering_trust;
#[path = "oracle_trust.rs"]
mod oracle_trust;
#[path = "passes.rs"]
mod passes;
#[path = "passes_trust.rs"]
mod passes_trust;
#[path = "psp22_conformance.rs"]
mod psp22_conformance;
#[path = "registry_copy.rs"]
mod registry_copy;
#[path = "revenue.rs"]
mod revenue;
#[path = "revenue_trust.rs"]
mod revenue_trust;
#[path = "sensors.rs"]
mod sensors;
#[path = "split_contracts.rs"]
mod split_contracts;
#[path = "token_compliance.rs"]
mod token_compliance;
#[path = "token_guarantees.rs"]
mod token_guarantees;
#[path = "xcm_net.rs"]
mod xcm_net;
