//! The split contracts (`suite_traits::split`): the token's transfer shell, the registry's status shell, the
//! distributor's claim shell and the governor's vote shell hand every other message to their full code by
//! delegate call. Each promise of the split, attacked on the real Wasm:
//! the caller and the typed refusals survive the hand-over, an input neither build knows is refused in words, the
//! full code cannot be taken off the chain under a live shell, a shell never runs without it, and the shell is
//! bound to one full code by its own bytes.
use compliance_registry::RegistryError;
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Chain, ChainError, Outcome};
use infra_suite_e2e::finance::distributor_config;
use infra_suite_e2e::split::{self, code_hash, SplitBundle};
use infra_suite_e2e::suite::{actors::*, default_rules, Suite, FRANCE, SUPPLY_CAP};
use project_token::{Role, TokenError};
use scale::Decode;
use suite_traits::AdminError;
use suite_traits::{ClaimType, PSP22Error};

fn all_split() -> [(&'static str, SplitBundle); 6] {
    [
        ("project_token", split::project_token()),
        ("compliance_registry", split::compliance_registry()),
        ("dividend_distributor", split::dividend_distributor()),
        ("governor", split::governor()),
        ("iot_oracle", split::iot_oracle()),
        ("usage_pass", split::usage_pass()),
    ]
}

#[test]
fn each_shell_is_bound_to_its_full_code_by_its_own_bytes() {
    for (name, bundle) in all_split() {
        let full_hash = code_hash(&bundle.full_code);
        // The hash is a constant in the shell's code, so the shell's own code hash (what a deployment names)
        // pins the code every admin message runs.
        assert!(
            bundle.shell.wasm.windows(32).any(|w| w == full_hash),
            "{name}: the shell does not carry its full code's hash"
        );
        assert!(
            bundle.shell.wasm.len() < bundle.full_code.len(),
            "{name}: the shell is no smaller than its full code"
        );
    }
}

#[test]
fn admin_messages_reach_the_full_code_with_the_callers_identity() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let t = s.token;
    // The same delegated message: refused for mallory with her own address in the error, accepted for the admin.
    let refused: Outcome<Result<(), TokenError>> = s
        .chain
        .send(
            at::<Token>(t).grant_role(mallory(), Role::Issuer),
            mallory(),
        )
        .unwrap();
    assert_eq!(
        refused.value,
        Err(TokenError::Admin(AdminError::NotAdmin {
            caller: mallory()
        }))
    );
    assert!(refused.reverted, "a refused delegated message reverts");
    let has: Outcome<bool> = s
        .chain
        .ask(at::<Token>(t).has_role(mallory(), Role::Issuer), dave())
        .unwrap();
    assert!(!has.value, "the refusal left no role behind");
    let granted: Outcome<Result<(), TokenError>> = s
        .chain
        .send(at::<Token>(t).grant_role(dave(), Role::Issuer), admin())
        .unwrap();
    assert_eq!(granted.value, Ok(()));
    // What the full code wrote, the shell reads: dave now mints through the shell's hot path.
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    let minted: Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(at::<Token>(t).mint(alice(), 5u128), dave())
        .unwrap();
    assert_eq!(minted.value, Ok(()));

    let r = s.registry;
    let refused: Outcome<Result<(), RegistryError>> = s
        .chain
        .send(at::<Registry>(r).add_regulator(mallory()), mallory())
        .unwrap();
    assert!(
        matches!(refused.value, Err(RegistryError::Admin(AdminError::NotAdmin { caller })) if caller == mallory()),
        "{:?}",
        refused.value
    );
}

#[test]
fn an_input_neither_build_knows_is_refused_in_words() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    for contract in [s.token, s.registry] {
        // An unknown selector, a stub, nothing, and a hot message's selector without its arguments (the shell
        // cannot decode it and hands it over; the full code cannot either).
        let bare_transfer = infra_suite_e2e::chain::selector("PSP22::transfer").to_vec();
        for data in [
            vec![0xde, 0xad, 0xbe, 0xef],
            vec![0x01],
            Vec::new(),
            bare_transfer,
        ] {
            let (out, reverted) = s.chain.call_raw(contract, data.clone(), mallory()).unwrap();
            assert!(reverted, "{data:?}");
            let answer =
                <Result<(), ink::LangError>>::decode(&mut &out[..]).expect("an ink! answer");
            assert_eq!(answer, Err(ink::LangError::CouldNotReadInput), "{data:?}");
        }
    }
}

#[test]
fn the_full_code_stays_on_chain_while_a_shell_uses_it() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let distributor = s.deploy_distributor(distributor_config());
    let oracle = s.deploy_oracle(&[alice(), bob(), carol(), dave()]);
    let governor = s.deploy_governor(distributor, oracle);
    let now = s.chain.now();
    let pass = s.deploy_pass(now + 365 * infra_suite_e2e::chain::DAY_MS);
    for (name, bundle) in all_split() {
        // The suite uploaded both full codes as `admin`, who as uploader could otherwise remove them.
        let removed = s.chain.remove_code(code_hash(&bundle.full_code), admin());
        assert!(
            matches!(&removed, Err(ChainError::Dispatch(e)) if e.contains("CodeInUse")),
            "{name}: {removed:?}"
        );
    }
    // And the token still answers its admin messages.
    let t = s.token;
    let admin_now: Outcome<ink::primitives::AccountId> =
        s.chain.ask(at::<Token>(t).admin(), dave()).unwrap();
    assert_eq!(admin_now.value, admin());
    // So do the distributor and the governor (every message but the hot ones lives in their full code).
    let admin_now: Outcome<ink::primitives::AccountId> = s
        .chain
        .ask(at::<Distributor>(distributor).admin(), dave())
        .unwrap();
    assert_eq!(admin_now.value, admin());
    let proposals: Outcome<u32> = s
        .chain
        .ask(at::<Governor>(governor).proposal_count(), dave())
        .unwrap();
    assert_eq!(proposals.value, 0);
    for contract in [oracle, pass] {
        let admin_now: Outcome<ink::primitives::AccountId> =
            s.chain.query(contract, "Admin::admin", (), dave()).unwrap();
        assert_eq!(admin_now.value, admin());
    }
}

#[test]
fn a_shell_never_runs_without_its_full_code() {
    let mut chain = Chain::new();
    chain.fund(admin());
    let registry = split::compliance_registry();
    let refused = chain.deploy(&registry.shell, "new", (), admin());
    assert!(
        refused.is_err(),
        "a shell instantiated without its full code on chain"
    );
    // With the full code uploaded first, the same shell instantiates.
    let (registry_address, _) = chain.deploy_split(&registry, "new", (), admin()).unwrap();
    let token = split::project_token();
    let args = (
        Some(String::from("T")),
        Some(String::from("T")),
        0u8,
        registry_address,
        default_rules(),
        None::<u128>,
    );
    let refused = chain.deploy(&token.shell, "new", args.clone(), admin());
    assert!(
        refused.is_err(),
        "a token shell instantiated without its full code on chain"
    );
    assert!(chain.deploy_split(&token, "new", args, admin()).is_ok());
}

#[test]
fn no_message_takes_payment_through_a_shell() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.onboard(bob(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 10).value, Ok(()));
    let t = s.token;
    let before = s.chain.native_balance(alice());
    // A hot message (the shell's own) and a delegated one (the full code's): both refuse a payment.
    let hot: Result<Outcome<Result<(), PSP22Error>>, _> = s.chain.send(
        at::<Token>(t)
            .transfer(bob(), 1u128, Vec::<u8>::new())
            .transferred_value(5),
        alice(),
    );
    assert!(hot.is_err(), "{:?}", hot.map(|o| o.value));
    let cold: Result<Outcome<Result<(), TokenError>>, _> = s.chain.send(
        at::<Token>(t)
            .grant_role(bob(), Role::Issuer)
            .transferred_value(5),
        admin(),
    );
    assert!(cold.is_err(), "{:?}", cold.map(|o| o.value));
    assert_eq!(s.chain.native_balance(alice()), before);
    let balance: Outcome<u128> = s
        .chain
        .ask(at::<Token>(t).balance_of(bob()), dave())
        .unwrap();
    assert_eq!(balance.value, 0);
}

/// Messages the shell must keep (their trait is implemented there) but hands to the full code unread: the
/// metadata, the halt and its holder. Through the shell they answer as the full code does on its own, and the
/// full code still checks who halts.
#[test]
fn messages_kept_only_as_a_hand_over_answer_as_the_full_code_does() {
    use suite_traits::HaltError;
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let t = s.token;
    let token = split::project_token();
    let args = (
        Some(String::from("A12 Toll Road Bond")),
        Some(String::from("A12")),
        0u8,
        s.registry,
        default_rules(),
        Some(SUPPLY_CAP),
    );
    let full_bundle = drink::session::ContractBundle {
        wasm: token.full_code.clone(),
        transcoder: token.shell.transcoder.clone(),
    };
    let (full, _) = s.chain.deploy(&full_bundle, "new", args, admin()).unwrap();
    for contract in [t, full] {
        let name: Outcome<Option<String>> = s
            .chain
            .ask(at::<Token>(contract).token_name(), dave())
            .unwrap();
        assert_eq!(name.value.as_deref(), Some("A12 Toll Road Bond"));
        let symbol: Outcome<Option<String>> = s
            .chain
            .ask(at::<Token>(contract).token_symbol(), dave())
            .unwrap();
        assert_eq!(symbol.value.as_deref(), Some("A12"));
        let decimals: Outcome<u8> = s
            .chain
            .ask(at::<Token>(contract).token_decimals(), dave())
            .unwrap();
        assert_eq!(decimals.value, 0);
    }
    // Mallory may not halt through the shell; the guardian may, and the shell reports who holds the halt.
    let refused: Outcome<Result<(), HaltError>> = s
        .chain
        .send(at::<Token>(t).halt(7u32, evidence_hash()), mallory())
        .unwrap();
    assert!(refused.value.is_err(), "{:?}", refused.value);
    let halted: Outcome<Result<(), HaltError>> = s
        .chain
        .send(at::<Token>(t).halt(7u32, evidence_hash()), guardian())
        .unwrap();
    assert_eq!(halted.value, Ok(()));
    let by: Outcome<Option<ink::primitives::AccountId>> =
        s.chain.ask(at::<Token>(t).halted_by(), dave()).unwrap();
    assert_eq!(by.value, Some(guardian()));
    let resumed: Outcome<Result<(), HaltError>> =
        s.chain.send(at::<Token>(t).resume(), guardian()).unwrap();
    assert_eq!(resumed.value, Ok(()));
    let by: Outcome<Option<ink::primitives::AccountId>> =
        s.chain.ask(at::<Token>(t).halted_by(), dave()).unwrap();
    assert_eq!(by.value, None);
}

fn evidence_hash() -> ink::primitives::Hash {
    infra_suite_e2e::suite::evidence(3)
}

/// "Nobody can change the code behind the admin messages" rests on what neither build can ask the chain to do:
/// replace its own code, release the full code's lock, or end the contract. None of those host functions is
/// imported by either build of either split contract.
#[test]
fn neither_build_can_replace_unlock_or_end_itself() {
    for (name, bundle) in all_split() {
        for (build, wasm) in [
            ("shell", &bundle.shell.wasm),
            ("full code", &bundle.full_code),
        ] {
            let imports = wasm_imports(wasm);
            assert!(
                imports.iter().any(|i| i.ends_with("get_storage")),
                "{name} {build}: imports not read: {imports:?}"
            );
            for forbidden in ["set_code_hash", "unlock_delegate_dependency", "terminate"] {
                assert!(
                    !imports.iter().any(|i| i.contains(forbidden)),
                    "{name} {build} imports {forbidden}"
                );
            }
        }
    }
}

/// The names of a Wasm module's imported functions (its import section).
fn wasm_imports(wasm: &[u8]) -> Vec<String> {
    fn leb(bytes: &[u8], at: &mut usize) -> usize {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = bytes[*at];
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }
    fn name(bytes: &[u8], at: &mut usize) -> String {
        let len = leb(bytes, at);
        let text = String::from_utf8_lossy(&bytes[*at..*at + len]).to_string();
        *at += len;
        text
    }
    let mut at = 8; // magic and version
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at);
        let end = at + size;
        if id == 2 {
            let mut out = Vec::new();
            let count = leb(wasm, &mut at);
            for _ in 0..count {
                let module = name(wasm, &mut at);
                let field = name(wasm, &mut at);
                let kind = wasm[at];
                at += 1;
                match kind {
                    0 => {
                        leb(wasm, &mut at);
                    }
                    2 => {
                        let flags = wasm[at];
                        at += 1;
                        leb(wasm, &mut at);
                        if flags & 1 == 1 {
                            leb(wasm, &mut at);
                        }
                    }
                    _ => panic!("unexpected import kind {kind}"),
                }
                out.push(format!("{module}::{field}"));
            }
            return out;
        }
        at = end;
    }
    Vec::new()
}

/// `can_mint` lives only in the full code: through the shell it answers as a mint would be decided.
#[test]
fn can_mint_through_the_shell_answers_as_a_mint_is_decided() {
    use project_token::TransferRestriction;
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    let t = s.token;
    let ok: Outcome<Result<(), TransferRestriction>> = s
        .chain
        .ask(at::<Token>(t).can_mint(alice(), 10u128), dave())
        .unwrap();
    assert_eq!(ok.value, Ok(()));
    let refused: Outcome<Result<(), TransferRestriction>> = s
        .chain
        .ask(at::<Token>(t).can_mint(dave(), 10u128), dave())
        .unwrap();
    assert!(refused.value.is_err(), "{:?}", refused.value);
    // The real mint agrees with both answers.
    assert_eq!(s.mint(alice(), 10).value, Ok(()));
    assert!(s.mint(dave(), 10).value.is_err());
}

/// A fresh machine has no build cache: the shell build and keep must create every directory they use. (On one, the
/// main job built for 42 minutes and then failed keeping the first shell: `target/ink-split/<crate>` had never
/// been created.) Built in a new directory, then asked again with the build directory gone: the second answer
/// comes from the kept file, not from a second build. The build reuses the suite's compiled wasm32 dependencies
/// (`split::reuse_compiled_dependencies`) and its clippy check directory (a link, as for every shell build): the
/// directories where the shell is built and kept are still new, but the compiled dependencies are not; a build
/// from nothing at all is what every cold run (`fresh-run.sh`, a new machine) does.
#[test]
fn a_shell_builds_and_is_kept_from_an_empty_cache_directory() {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos();
    let root = std::env::temp_dir().join(format!(
        "infra-suite-empty-cache-{}-{nanos}",
        std::process::id()
    ));
    assert!(!root.exists());
    split::reuse_compiled_dependencies(&root);
    assert!(!root.join("iot_oracle").exists());
    let full = infra_suite_e2e::BundleProvider::IotOracle
        .cached()
        .expect("the oracle's full code");

    let (wasm, kept) = split::oracle_shell_in(&root, &full.wasm);
    assert!(
        wasm.windows(32).any(|w| w == code_hash(&full.wasm)),
        "the shell built from nothing carries its full code's hash"
    );
    assert_eq!(
        std::fs::read(&kept).expect("the shell is kept"),
        wasm,
        "what is kept is what was built"
    );

    std::fs::remove_dir_all(root.join("build")).expect("the shell was built under the root");
    let (again, _) = split::oracle_shell_in(&root, &full.wasm);
    assert_eq!(again, wasm);
    assert!(
        !root.join("build").exists(),
        "the second answer rebuilt the shell instead of reading the kept one"
    );
    std::fs::remove_dir_all(&root).expect("removing the test's cache directory");
}

/// The token's shell serves its frequent messages itself (`project_token::shell`): its dispatcher's selectors are
/// the full code's (a wrong one would quietly send that message to the full code), and a transfer, a mint, an
/// issuer's promise, its delivery and its release, and a checkpoint read through the shell prove less than the
/// shell and the full code together, which a frame handed to the full code proves at least.
#[test]
fn the_token_shell_serves_its_hot_messages_itself() {
    use infra_suite_e2e::BundleProvider;
    use suite_traits::IssuerReservations;
    for (label, selector) in project_token::shell::HOT_MESSAGES {
        let hex: String = selector.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            BundleProvider::ProjectToken.selector_of(label),
            Some(hex),
            "{label}: the shell's selector is not the full code's"
        );
    }
    let token = split::project_token();
    let both = (token.shell.wasm.len() + token.full_code.len()) as u64;
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    let bob_identity = s.onboard(bob(), FRANCE, &[ClaimType::Kyc], 365);
    let t = s.token;
    let minted = s.mint(alice(), 100);
    assert_eq!(minted.value, Ok(()));
    let moved = s.transfer(alice(), bob(), 10);
    assert_eq!(moved.value, Ok(()));
    let promised: Outcome<Result<u64, suite_traits::MintRefusal>> = s
        .chain
        .send(at::<Token>(t).reserve(bob(), 5u128), issuer())
        .unwrap();
    assert_eq!(promised.value, Ok(bob_identity));
    let delivered: Outcome<Result<(), suite_traits::MintRefusal>> = s
        .chain
        .send(
            at::<Token>(t).mint_reserved(bob(), bob_identity, 3u128, kyc()),
            issuer(),
        )
        .unwrap();
    assert_eq!(delivered.value, Ok(()));
    let released: Outcome<Result<(), suite_traits::MintRefusal>> = s
        .chain
        .send(at::<Token>(t).release(bob_identity, 2u128), issuer())
        .unwrap();
    assert_eq!(released.value, Ok(()));
    let transfer_block = s.chain.block();
    s.chain.next_blocks(1);
    let read: Outcome<Result<u128, suite_traits::CheckpointError>> = s
        .chain
        .ask(at::<Token>(t).balance_of_at(bob(), transfer_block), dave())
        .unwrap();
    assert_eq!(read.value, Ok(13));
    for (what, proof) in [
        ("mint", minted.cost.proof_size),
        ("transfer", moved.cost.proof_size),
        ("reserve", promised.cost.proof_size),
        ("mint_reserved", delivered.cost.proof_size),
        ("release", released.cost.proof_size),
        ("balance_of_at", read.cost.proof_size),
    ] {
        assert!(
            proof < both,
            "{what} proved {proof} bytes: the full code was loaded as well as the shell ({both} bytes)"
        );
    }
    // A cold message does load both: the comparison above can fail.
    let cold: Outcome<u32> = s.chain.ask(at::<Token>(t).holder_count(), dave()).unwrap();
    assert!(cold.cost.proof_size > both, "{}", cold.cost.proof_size);
}

fn kyc() -> suite_traits::ClaimSet {
    suite_traits::ClaimSet::of(&[ClaimType::Kyc])
}

/// A delivery and a spender's transfer that re-link a party go from the shell to the full code, which runs the
/// whole message again on the same storage: the promise is settled once, the allowance spent once, and each event
/// said once (a token the registry does not tell of links learns a new party's link at its first operation).
#[test]
fn a_message_the_shell_hands_over_for_a_relink_is_applied_once() {
    use suite_traits::IssuerReservations;
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.as_admin(at::<Registry>(s.registry).unbind_token(s.token));
    let alice_identity = s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.onboard(bob(), FRANCE, &[ClaimType::Kyc], 365);
    let carol_identity = s.onboard(carol(), FRANCE, &[ClaimType::Kyc], 365);
    let t = s.token;
    let promised: Outcome<Result<u64, suite_traits::MintRefusal>> = s
        .chain
        .send(at::<Token>(t).reserve(alice(), 100u128), issuer())
        .unwrap();
    assert_eq!(promised.value, Ok(alice_identity));
    // Alice's first tokens: the token counts her wallet towards her identity first (the full code's re-link).
    let delivered: Outcome<Result<(), suite_traits::MintRefusal>> = s
        .chain
        .send(
            at::<Token>(t).mint_reserved(alice(), alice_identity, 100u128, kyc()),
            issuer(),
        )
        .unwrap();
    assert_eq!(delivered.value, Ok(()));
    // PromiseSettled, HoldingReattributed, Transfer: once each.
    assert_eq!(delivered.events, 3);
    let reserved: Outcome<(suite_traits::Reserved, Option<ink::primitives::AccountId>)> =
        s.chain.ask(at::<Token>(t).reserved(), dave()).unwrap();
    assert_eq!((reserved.value.0.supply, reserved.value.0.places), (0, 0));
    assert_eq!(s.balance(alice()), 100);
    assert_eq!(s.identity_balance(alice_identity), 100);
    // Bob spends alice's allowance on carol, whom the token has never seen.
    let approved: Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(at::<Token>(t).approve(bob(), 50u128), alice())
        .unwrap();
    assert_eq!(approved.value, Ok(()));
    let spent: Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(
            at::<Token>(t).transfer_from(alice(), carol(), 20u128, Vec::<u8>::new()),
            bob(),
        )
        .unwrap();
    assert_eq!(spent.value, Ok(()));
    // Approval, HoldingReattributed, Transfer: once each.
    assert_eq!(spent.events, 3);
    let left: Outcome<u128> = s
        .chain
        .ask(at::<Token>(t).allowance(alice(), bob()), dave())
        .unwrap();
    assert_eq!(left.value, 30);
    assert_eq!((s.balance(alice()), s.balance(carol())), (80, 20));
    assert_eq!(s.identity_balance(carol_identity), 20);
}

/// The token's, the distributor's and the governor's constructors run in their full codes (`suite_traits::split`):
/// the full code's `split_construct` message replaces the placeholder root the shell's `deploy` wrote. On a live
/// contract it must be refused and change nothing, whoever calls it with whatever arguments: otherwise anyone could
/// construct the contract again, as its admin.
#[test]
fn the_constructor_message_changes_nothing_on_a_live_contract() {
    use infra_suite_e2e::finance::{distributor_config, governor_params};
    use ink::primitives::AccountId;
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let distributor = s.deploy_distributor(distributor_config());
    let oracle = s.deploy_oracle(&[alice(), bob(), carol(), dave()]);
    let governor = s.deploy_governor(distributor, oracle);
    let token = s.token;
    let mut other_params = governor_params();
    other_params.proposal_threshold = 1;
    let m = mallory();
    let name_before: Outcome<Option<String>> = s
        .chain
        .ask(at::<Token>(token).token_name(), dave())
        .unwrap();
    let config_before: Outcome<dividend_distributor::DistributorConfig> = s
        .chain
        .ask(at::<Distributor>(distributor).config(), dave())
        .unwrap();
    let params_before: Outcome<governor::GovernorParams> = s
        .chain
        .ask(at::<Governor>(governor).params(), dave())
        .unwrap();
    // Each with the arguments of a deployment that would make mallory its admin (and everything else hers).
    let mut other_config = distributor_config();
    other_config.reserve = m;
    let calls: Vec<(AccountId, Vec<u8>)> = vec![
        (
            token,
            scale::Encode::encode(&(
                Some(String::from("MAL")),
                Some(String::from("MAL")),
                0u8,
                m,
                default_rules(),
                None::<u128>,
            )),
        ),
        (distributor, scale::Encode::encode(&(m, m, other_config))),
        (
            governor,
            scale::Encode::encode(&(
                m,
                m,
                other_params,
                Some(m),
                Vec::<(AccountId, [u8; 4], governor::ReturnKind)>::new(),
                Vec::<(AccountId, [u8; 4], governor::ReturnKind)>::new(),
                vec![m],
            )),
        ),
    ];
    // With a payment too: no constructor takes one, and the full code's dispatch refuses it before anything runs.
    let paid: Result<Outcome<Result<(), TokenError>>, _> = s.chain.call_with_value(
        token,
        "split_construct",
        (
            Some(String::from("MAL")),
            Some(String::from("MAL")),
            0u8,
            m,
            default_rules(),
            None::<u128>,
        ),
        m,
        5,
    );
    assert!(paid.is_err(), "{:?}", paid.map(|o| o.value));
    for (contract, arguments) in calls {
        let mut data = infra_suite_e2e::chain::selector("split_construct").to_vec();
        data.extend(arguments);
        let (out, reverted) = s.chain.call_raw(contract, data, m).unwrap();
        assert!(reverted, "{contract:?}");
        // `Ok(Err(AlreadyConstructed))`, the error's last variant.
        assert_eq!(out[..2], [0, 1], "{contract:?}");
        let error = &out[2..];
        if contract == token {
            let e = project_token::TokenError::decode(&mut &error[..]).unwrap();
            assert_eq!(e, project_token::TokenError::AlreadyConstructed);
        } else if contract == distributor {
            let e = dividend_distributor::DistributorError::decode(&mut &error[..]).unwrap();
            assert_eq!(
                e,
                dividend_distributor::DistributorError::AlreadyConstructed
            );
        } else {
            let e = governor::GovernorError::decode(&mut &error[..]).unwrap();
            assert_eq!(e, governor::GovernorError::AlreadyConstructed);
        }
    }
    for contract in [token, distributor] {
        let admin_now: Outcome<AccountId> =
            s.chain.ask(at::<Token>(contract).admin(), dave()).unwrap();
        assert_eq!(admin_now.value, admin(), "{contract:?}");
    }
    let name: Outcome<Option<String>> = s
        .chain
        .ask(at::<Token>(token).token_name(), dave())
        .unwrap();
    assert_eq!(name.value, name_before.value);
    let config: Outcome<dividend_distributor::DistributorConfig> = s
        .chain
        .ask(at::<Distributor>(distributor).config(), dave())
        .unwrap();
    assert_eq!(config.value, config_before.value);
    let params: Outcome<governor::GovernorParams> = s
        .chain
        .ask(at::<Governor>(governor).params(), dave())
        .unwrap();
    assert_eq!(params.value, params_before.value);
    assert_ne!(params.value, other_params);
    // The token still works as before: the registry it was bound to still answers for it.
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 5).value, Ok(()));
}

/// A shell whose constructor runs in its full code hands only `new`'s input on: any other input is refused as
/// ink!'s dispatch refuses it (nothing is left behind for anyone to construct later), and what `new` refuses is
/// refused through the shell too.
#[test]
fn a_shell_constructs_only_through_new_and_refuses_what_new_refuses() {
    let mut chain = Chain::new();
    chain.fund(admin());
    let (registry, _) = chain
        .deploy_split(&split::compliance_registry(), "new", (), admin())
        .unwrap();
    let token = split::project_token();
    chain.upload_code(token.full_code.clone(), admin()).unwrap();
    let args = |rules: project_token::ComplianceRules| {
        (
            Some(String::from("T")),
            Some(String::from("T")),
            0u8,
            registry,
            rules,
            None::<u128>,
        )
    };
    for label in ["other", "split_construct", "grant_role"] {
        let refused = chain.deploy(&token.shell, label, args(default_rules()), admin());
        assert!(
            matches!(&refused, Err(ChainError::Dispatch(text)) if text.contains("constructor reverted")),
            "{label}: {refused:?}"
        );
    }
    let mut bad_rules = default_rules();
    bad_rules.max_holding_bps = 10_001;
    let refused = chain.deploy(&token.shell, "new", args(bad_rules), admin());
    assert!(
        matches!(&refused, Err(ChainError::Dispatch(text)) if text.contains("constructor reverted")),
        "{refused:?}"
    );
    // Nothing of a refused deployment stays: not even its lock on the full code, which its uploader can remove.
    chain
        .remove_code(code_hash(&token.full_code), admin())
        .expect("no refused deployment holds the full code");
    chain.upload_code(token.full_code.clone(), admin()).unwrap();
    assert!(chain
        .deploy(&token.shell, "new", args(default_rules()), admin())
        .is_ok());

    // The distributor's and the governor's shells (ink!'s decoder, the same hand-over): the same refusals.
    use infra_suite_e2e::finance::{distributor_config, governor_params};
    let reverted = |out: &Result<_, ChainError>| matches!(out, Err(ChainError::Dispatch(text)) if text.contains("constructor reverted"));
    let distributor = split::dividend_distributor();
    chain
        .upload_code(distributor.full_code.clone(), admin())
        .unwrap();
    let mut bad_config = distributor_config();
    bad_config.payout_bps = 10_001;
    let good = (registry, registry, distributor_config());
    for (label, out) in [
        (
            "other",
            chain.deploy(&distributor.shell, "other", good, admin()),
        ),
        (
            "bad config",
            chain.deploy(
                &distributor.shell,
                "new",
                (registry, registry, bad_config),
                admin(),
            ),
        ),
    ] {
        assert!(reverted(&out), "distributor {label}: {out:?}");
    }
    assert!(chain
        .deploy(&distributor.shell, "new", good, admin())
        .is_ok());
    let governor = split::governor();
    chain
        .upload_code(governor.full_code.clone(), admin())
        .unwrap();
    let governor_args = |params: governor::GovernorParams| {
        (
            registry,
            registry,
            params,
            None::<ink::primitives::AccountId>,
            Vec::<(ink::primitives::AccountId, [u8; 4], governor::ReturnKind)>::new(),
            Vec::<(ink::primitives::AccountId, [u8; 4], governor::ReturnKind)>::new(),
            Vec::<ink::primitives::AccountId>::new(),
        )
    };
    for (label, out) in [
        (
            "other",
            chain.deploy(
                &governor.shell,
                "other",
                governor_args(governor_params()),
                admin(),
            ),
        ),
        (
            "zero params",
            chain.deploy(
                &governor.shell,
                "new",
                governor_args(governor::GovernorParams::default()),
                admin(),
            ),
        ),
    ] {
        assert!(reverted(&out), "governor {label}: {out:?}");
    }
    assert!(chain
        .deploy(
            &governor.shell,
            "new",
            governor_args(governor_params()),
            admin()
        )
        .is_ok());
}
