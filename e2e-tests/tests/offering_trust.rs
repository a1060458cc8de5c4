//! The escrow's delivery promise on the real Wasm: after success every contributor ends with its tokens or its
//! money, never neither. Every accepted contribution is promised at the token, which counts all promises together
//! as minted (supply cap, holder places, maximum holding counting the identity's tokens and all its positions), so
//! a contribution that would not fit beside the others is refused up front and an accepted one is delivered
//! whatever the others do; delivery is judged by the rules the position was accepted under (a later rule change,
//! a halt at contribution time, do not strand it); a position the token refuses after success for a reason others
//! caused (a freeze) is refunded from the delivery holdback or delivered to another wallet of the same identity,
//! while one refused for the investor's own standing does not draw on the holdback before the long-stop; an
//! oracle tranche never attested is released by the admin after the long-stop; identity totals follow a re-linked
//! wallet; and every shipped example project (deploy-scripts/projects/*.toml) can deliver its offering and release
//! every tranche.
use infra_suite_e2e::calls::*;
use std::collections::BTreeMap;

use compliance_registry::RegistryError;
use crowdfund_escrow::{EscrowError, OfferingTerms, Phase, ReleaseCondition, TrancheTerms};
use infra_suite_e2e::chain::{account, DAY_MS};
use infra_suite_e2e::finance::{offering_terms, OracleOutcome, PRICE};
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP,
};
use ink::primitives::AccountId;
use iot_oracle::OracleRole;
use project_token::{ComplianceRules, Role};
use suite_traits::{ClaimSet, ClaimType, IdentityId, MintRefusal};

const TOKENS: u128 = PRICE;

/// A funded wallet outside the shared actors.
fn wallet(s: &mut Suite, n: u8) -> AccountId {
    let w = account(150 + n);
    s.chain.fund(w);
    w
}

fn accredited() -> [ClaimType; 2] {
    [ClaimType::Kyc, ClaimType::Accredited]
}

fn contribute(
    s: &mut Suite,
    escrow: AccountId,
    who: AccountId,
    tokens: u128,
) -> Result<(), EscrowError> {
    let out = s.send(
        at::<Escrow>(escrow)
            .contribute()
            .transferred_value(tokens * TOKENS),
        who,
    );
    if out.value.is_err() {
        assert!(out.reverted, "a refused contribution must revert");
    }
    out.value
}

fn assert_solvent(s: &mut Suite, escrow: AccountId) {
    let owed = s.offering_status(escrow).owed;
    let held = s.chain.native_balance(escrow);
    assert!(held >= owed, "escrow holds {held} but owes {owed}");
}

fn committed(s: &mut Suite, escrow: AccountId, identity: IdentityId) -> u128 {
    s.chain
        .ask(at::<Escrow>(escrow).identity_committed(identity), mallory())
        .expect("identity_committed")
        .value
}

fn registrar(s: &mut Suite, label: &str, args: impl scale::Encode) {
    let r = s.registry;
    let out: Result<(), RegistryError> = s
        .chain
        .call(r, label, args, platform_a())
        .expect(label)
        .value;
    assert_eq!(out, Ok(()), "{label}");
}

#[test]
fn a_contribution_counts_the_identitys_tokens_and_all_its_positions_against_the_max_holding() {
    // 10% of the 1 000 000 cap: 100 000 tokens per identity.
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(lead(), GERMANY, &accredited(), 365);
    let bob_id = s.onboard(bob(), GERMANY, &accredited(), 365);
    let bob_2 = wallet(&mut s, 1);
    s.link_wallet(bob_id, bob_2);
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    terms.max_ticket = 100_000 * TOKENS;
    let escrow = s.deploy_escrow(terms);
    assert_eq!(s.mint(bob(), 30_000).value, Ok(()));
    assert_eq!(contribute(&mut s, escrow, lead(), 100_000), Ok(()));
    assert_eq!(contribute(&mut s, escrow, bob(), 50_000), Ok(()));
    // Held 30 000 + owed 50 000 + this 30 000 = 110 000: the token would refuse the mint, so the money is refused.
    assert_eq!(
        contribute(&mut s, escrow, bob_2, 30_000),
        Err(EscrowError::Undeliverable {
            tokens: 80_000,
            reason: MintRefusal::MaxHoldingExceeded {
                identity: bob_id,
                would_hold: 110_000,
                limit: 100_000
            }
        })
    );
    assert_eq!(contribute(&mut s, escrow, bob_2, 20_000), Ok(()));
    assert_eq!(committed(&mut s, escrow, bob_id), 70_000 * TOKENS);
    s.chain.advance_time(30 * DAY_MS);
    assert_eq!(
        s.send(at::<Escrow>(escrow).finalize(), mallory()).value,
        Ok(())
    );
    for who in [lead(), bob(), bob_2] {
        assert_eq!(
            s.send(at::<Escrow>(escrow).claim_tokens(who), mallory())
                .value,
            Ok(()),
            "every accepted position delivers"
        );
    }
    assert_eq!(s.identity_balance(bob_id), 100_000);
    assert_eq!(s.offering_status(escrow).undelivered, 0);
    assert_solvent(&mut s, escrow);
}

#[test]
fn a_contribution_the_token_would_refuse_by_country_freeze_or_holder_limit_is_refused() {
    let rules = ComplianceRules {
        holder_limit: 4,
        ..default_rules()
    };
    let mut s = Suite::deploy(rules, Some(SUPPLY_CAP));
    s.onboard(lead(), GERMANY, &accredited(), 365);
    s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.onboard(bob(), GERMANY, &accredited(), 365);
    s.onboard(carol(), GERMANY, &accredited(), 365);
    s.onboard(dave(), GERMANY, &accredited(), 365);
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    let escrow = s.deploy_escrow(terms);
    assert_eq!(contribute(&mut s, escrow, lead(), 100_000), Ok(()));
    // The escrow does not block France, the token does.
    s.as_admin(at::<Token>(s.token).set_country_listed(FRANCE, false, true));
    assert_eq!(
        contribute(&mut s, escrow, alice(), 1_000),
        Err(EscrowError::Undeliverable {
            tokens: 1_000,
            reason: MintRefusal::CountryBlocked { country: FRANCE }
        })
    );
    // The agent froze bob's account on the token.
    let t = s.token;
    let frozen: Result<(), project_token::TokenError> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(bob(), true, evidence(9)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(frozen, Ok(()));
    assert_eq!(
        contribute(&mut s, escrow, bob(), 1_000),
        Err(EscrowError::Undeliverable {
            tokens: 1_000,
            reason: MintRefusal::AccountFrozen
        })
    );
    // Four places at most: the lead's promise holds one, and three identities hold tokens: a fifth is refused.
    assert_eq!(s.mint(carol(), 1).value, Ok(()));
    assert_eq!(s.mint(dave(), 1).value, Ok(()));
    let erin = wallet(&mut s, 3);
    s.onboard(erin, GERMANY, &accredited(), 365);
    assert_eq!(s.mint(erin, 1).value, Ok(()));
    let frank = wallet(&mut s, 4);
    s.onboard(frank, GERMANY, &accredited(), 365);
    assert_eq!(
        contribute(&mut s, escrow, frank, 1_000),
        Err(EscrowError::Undeliverable {
            tokens: 1_000,
            reason: MintRefusal::HolderLimitReached { limit: 4 }
        })
    );
    // An identity that already holds tokens is no new identity: it may contribute (its promise counts once more
    // among the places until delivered: never fewer places than identities).
    assert_eq!(contribute(&mut s, escrow, carol(), 1_000), Ok(()));
    assert_eq!(s.offering_status(escrow).raised, 101_000 * TOKENS);
}

#[test]
fn a_position_the_token_refuses_after_success_is_refunded_from_the_holdback_or_delivered_to_another_wallet(
) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(lead(), GERMANY, &accredited(), 365);
    let alice_id = s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    let bob_id = s.onboard(bob(), GERMANY, &accredited(), 365);
    let bob_2 = wallet(&mut s, 2);
    s.link_wallet(bob_id, bob_2);
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    terms.holdback_bps = 1_000;
    let escrow = s.deploy_escrow(terms);
    assert_eq!(contribute(&mut s, escrow, lead(), 100_000), Ok(()));
    assert_eq!(contribute(&mut s, escrow, bob(), 50_000), Ok(()));
    assert_eq!(contribute(&mut s, escrow, alice(), 10_000), Ok(()));
    s.chain.advance_time(30 * DAY_MS);
    let sponsor_before = s.chain.native_balance(sponsor());
    assert_eq!(
        s.send(at::<Escrow>(escrow).finalize(), mallory()).value,
        Ok(())
    );
    let raised = 160_000 * TOKENS;
    let (fee, holdback) = (raised * 2 / 100, raised / 10);
    assert_eq!(
        s.chain.native_balance(sponsor()) - sponsor_before,
        raised - fee - holdback
    );
    assert_eq!(s.offering_status(escrow).holdback, holdback);
    assert_solvent(&mut s, escrow);

    // While the token would mint, a position is delivered, not refunded.
    assert_eq!(
        s.send(at::<Escrow>(escrow).refund_undeliverable(alice()), alice())
            .value,
        Err(EscrowError::StillDeliverable { account: alice() })
    );
    // The regulator freezes alice's identity after her contribution: a lasting refusal she did not cause by her own
    // standing (a rule change would not do: delivery is judged by the rules the position was accepted under).
    let frozen: Result<(), RegistryError> = s
        .chain
        .send(
            at::<Registry>(s.registry).freeze_identity(alice_id, evidence(3)),
            regulator(),
        )
        .unwrap()
        .value;
    assert_eq!(frozen, Ok(()));
    assert_eq!(
        s.send(at::<Escrow>(escrow).claim_tokens(alice()), mallory())
            .value,
        Err(EscrowError::MintRefused {
            reason: MintRefusal::IdentityFrozen { identity: alice_id }
        })
    );
    assert_eq!(
        s.send(
            at::<Escrow>(escrow).refund_undeliverable(alice()),
            mallory()
        )
        .value,
        Err(EscrowError::NotPositionHolder {
            caller: mallory(),
            identity: alice_id
        })
    );
    let escrow_before = s.chain.native_balance(escrow);
    let refund = s.send(at::<Escrow>(escrow).refund_undeliverable(alice()), alice());
    assert_eq!(refund.value, Ok(()));
    assert_eq!(
        escrow_before - s.chain.native_balance(escrow),
        10_000 * TOKENS,
        "alice gets all her money back"
    );
    assert_eq!(
        s.send(at::<Escrow>(escrow).claim_tokens(alice()), mallory())
            .value,
        Err(EscrowError::NoPosition { account: alice() }),
        "refunded, so no tokens"
    );
    assert_solvent(&mut s, escrow);

    // Bob's wallet is frozen on the token: his tokens go to his other wallet, and only to a wallet of his.
    let t = s.token;
    let frozen: Result<(), project_token::TokenError> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(bob(), true, evidence(9)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(frozen, Ok(()));
    assert_eq!(
        s.send(
            at::<Escrow>(escrow).claim_tokens_to(bob(), mallory()),
            mallory()
        )
        .value,
        Err(EscrowError::NotPositionHolder {
            caller: mallory(),
            identity: bob_id
        })
    );
    assert_eq!(
        s.send(at::<Escrow>(escrow).claim_tokens_to(bob(), carol()), bob())
            .value,
        Err(EscrowError::NotSameIdentity {
            wallet: carol(),
            identity: bob_id,
            wallet_identity: None
        })
    );
    assert_eq!(
        s.send(at::<Escrow>(escrow).claim_tokens_to(bob(), bob_2), bob_2)
            .value,
        Ok(())
    );
    assert_eq!(s.balance(bob_2), 50_000);
    // The holdback stays while the lead's position is undelivered.
    assert!(matches!(
        s.send(at::<Escrow>(escrow).release_holdback(), mallory())
            .value,
        Err(EscrowError::HoldbackLocked { undelivered: 1, .. })
    ));
    assert_eq!(
        s.send(at::<Escrow>(escrow).claim_tokens(lead()), mallory())
            .value,
        Ok(())
    );
    let sponsor_before = s.chain.native_balance(sponsor());
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_holdback(), mallory())
            .value,
        Ok(())
    );
    assert_eq!(
        s.chain.native_balance(sponsor()) - sponsor_before,
        holdback - 10_000 * TOKENS
    );
    let status = s.offering_status(escrow);
    assert_eq!(
        (status.owed, status.undelivered, status.holdback),
        (0, 0, 0)
    );
    assert_solvent(&mut s, escrow);
}

#[test]
fn a_milestone_tranche_never_attested_is_released_by_the_admin_after_the_long_stop() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(lead(), GERMANY, &accredited(), 365);
    let (oracle, _) = s
        .deploy_contract(&infra_suite_e2e::split::iot_oracle(), 2u32, admin())
        .expect("deploy oracle");
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    terms.long_stop_ms = 400 * DAY_MS;
    terms.tranches = vec![TrancheTerms {
        share_bps: 10_000,
        condition: ReleaseCondition::OracleMilestone {
            oracle,
            milestone: 9,
        },
    }];
    let escrow = s.deploy_escrow(terms);
    assert_eq!(contribute(&mut s, escrow, lead(), 100_000), Ok(()));
    s.chain.advance_time(30 * DAY_MS);
    assert_eq!(
        s.send(at::<Escrow>(escrow).finalize(), mallory()).value,
        Ok(())
    );
    let stuck = Err(EscrowError::MilestoneNotAttested {
        oracle,
        milestone: 9,
    });
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_tranche(), admin())
            .value,
        stuck
    );
    s.chain.advance_time(400 * DAY_MS);
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_tranche(), mallory())
            .value,
        stuck,
        "the fallback is the admin's (the governor's after handover)"
    );
    let before = s.chain.native_balance(sponsor());
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_tranche(), admin())
            .value,
        Ok(())
    );
    let net = 100_000 * TOKENS - 100_000 * TOKENS * 2 / 100;
    assert_eq!(s.chain.native_balance(sponsor()) - before, net);
    assert_eq!(s.offering_status(escrow).owed, 0);
    assert_solvent(&mut s, escrow);
}

#[test]
fn identity_totals_stay_exact_when_a_wallet_is_relinked_between_contributions() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(lead(), GERMANY, &accredited(), 365);
    let bob_id = s.onboard(bob(), GERMANY, &accredited(), 365);
    let carol_id = s.onboard(carol(), GERMANY, &accredited(), 365);
    let escrow = s.deploy_escrow(offering_terms(s.chain.now()));
    assert_eq!(contribute(&mut s, escrow, lead(), 100_000), Ok(()));
    assert_eq!(contribute(&mut s, escrow, bob(), 10_000), Ok(()));
    assert_eq!(contribute(&mut s, escrow, carol(), 30_000), Ok(()));
    // The registrar moves carol's wallet to bob's identity.
    registrar(&mut s, "remove_wallet", carol());
    registrar(&mut s, "add_wallet", (bob_id, carol()));
    // Bob's identity now owns carol's 30 000 too: 10 000 + 30 000 + 20 000 passes the 50 000 ticket, 1 more not.
    assert_eq!(
        contribute(&mut s, escrow, carol(), 10_001),
        Err(EscrowError::AboveMaxTicket {
            max_ticket: 50_000 * TOKENS,
            would_total: 50_001 * TOKENS
        })
    );
    assert_eq!(contribute(&mut s, escrow, carol(), 10_000), Ok(()));
    assert_eq!(committed(&mut s, escrow, carol_id), 0);
    assert_eq!(committed(&mut s, escrow, bob_id), 50_000 * TOKENS);
    let total: u128 = [lead(), bob(), carol()]
        .iter()
        .map(|w| {
            s.chain
                .query::<_, Option<crowdfund_escrow::Position>>(escrow, "position", *w, mallory())
                .unwrap()
                .value
                .map_or(0, |p| p.paid)
        })
        .sum();
    assert_eq!(total, s.offering_status(escrow).raised);
}

// ---------------------------------------------------------------- the shipped example projects

/// The subset of a deploy-scripts project the offering needs.
struct Project {
    name: String,
    rules: ComplianceRules,
    supply_cap: Option<u128>,
    countries: Vec<(u16, bool)>,
    attestations_required: u32,
    stakeholders: usize,
    terms: OfferingTerms,
    milestones: Vec<u32>,
}

fn int(v: &toml::Value, key: &str) -> u128 {
    let x = v
        .get(key)
        .and_then(|x| x.as_integer())
        .unwrap_or_else(|| panic!("{key} missing"));
    u128::try_from(x).expect("non-negative")
}

/// A value written with its unit, as deploy-scripts/rendering.py reads it: `"<N> <unit>"`, N a whole number whose
/// digits `_` may group. Returns N and the unit.
fn quantity<'a>(v: &'a toml::Value, key: &str) -> (u128, &'a str) {
    let s = v
        .get(key)
        .and_then(|x| x.as_str())
        .unwrap_or_else(|| panic!("{key} missing"));
    let (n, unit) = s.split_once(' ').unwrap_or_else(|| panic!("{key} = {s:?}"));
    let n = n
        .replace('_', "")
        .parse()
        .unwrap_or_else(|_| panic!("{key} = {s:?}"));
    (n, unit)
}

/// An offering amount in whole tokens: `"100_000 tokens"`.
fn tokens(v: &toml::Value, key: &str) -> u128 {
    match quantity(v, key) {
        (n, "token" | "tokens") => n,
        (_, unit) => panic!("{key}: {unit}, not tokens"),
    }
}

/// A duration (`"4 days"`) or a moment from the deployment (`"30 days after deployment"`), in ms.
fn ms(v: &toml::Value, key: &str) -> u64 {
    let (n, unit) = quantity(v, key);
    let unit_ms = match unit.strip_suffix(" after deployment").unwrap_or(unit) {
        "ms" => 1,
        "second" | "seconds" => 1_000,
        "minute" | "minutes" => 60_000,
        "hour" | "hours" => 3_600_000,
        "day" | "days" => DAY_MS,
        other => panic!("{key}: unit {other}"),
    };
    u64::try_from(n).unwrap() * unit_ms
}

fn claims(v: &toml::Value, key: &str) -> ClaimSet {
    let list: Vec<ClaimType> = v
        .get(key)
        .and_then(|x| x.as_array())
        .map(|a| {
            a.iter()
                .map(|c| match c.as_str().unwrap() {
                    "Kyc" => ClaimType::Kyc,
                    "Aml" => ClaimType::Aml,
                    "Accredited" => ClaimType::Accredited,
                    "Qualified" => ClaimType::Qualified,
                    other => panic!("claim {other}"),
                })
                .collect()
        })
        .unwrap_or_default();
    ClaimSet::of(&list)
}

fn project(path: &std::path::Path, s: &Suite) -> Project {
    let doc: toml::Value = std::fs::read_to_string(path)
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = &doc["token"];
    let e = &doc["offering"];
    let o = &doc["oracle"];
    let price = int(e, "price_per_token");
    let mut milestones = vec![];
    let tranches = e
        .get("tranches")
        .and_then(|x| x.as_array())
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|tr| TrancheTerms {
            share_bps: u16::try_from(int(tr, "share_bps")).unwrap(),
            condition: match tr["condition"].get("OracleMilestone") {
                Some(m) => {
                    let milestone = u32::try_from(int(m, "milestone")).unwrap();
                    milestones.push(milestone);
                    // The oracle's address is filled in once it is deployed.
                    ReleaseCondition::OracleMilestone {
                        oracle: s.registry,
                        milestone,
                    }
                }
                None => {
                    assert_eq!(tr["condition"].as_str(), Some("AdminApproval"));
                    ReleaseCondition::AdminApproval
                }
            },
        })
        .collect();
    let allowlist = t
        .get("country_allowlist_enabled")
        .and_then(|x| x.as_bool())
        .unwrap_or(false);
    let stakeholders = o.get("roles").and_then(|x| x.as_array()).map_or(0, |a| {
        a.iter()
            .filter(|r| r["role"].as_str() == Some("Stakeholder"))
            .count()
    });
    Project {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        rules: ComplianceRules {
            required_claims: claims(t, "required_claims"),
            sender_needs_claims: false,
            country_allowlist_enabled: allowlist,
            max_holding_bps: u16::try_from(int(t, "max_holding_bps")).unwrap(),
            holder_limit: u32::try_from(int(t, "holder_limit")).unwrap(),
        },
        supply_cap: t.get("supply_cap").map(|_| int(t, "supply_cap")),
        countries: t
            .get("countries")
            .and_then(|x| x.as_array())
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|c| {
                (
                    u16::try_from(int(c, "country")).unwrap(),
                    c.get("allow_list")
                        .and_then(|x| x.as_bool())
                        .unwrap_or(false),
                )
            })
            .collect(),
        attestations_required: u32::try_from(int(o, "attestations_required")).unwrap(),
        stakeholders,
        terms: OfferingTerms {
            sponsor: sponsor(),
            lead_investor: lead(),
            lead_commitment: tokens(e, "lead_commitment") * price,
            price_per_token: price,
            soft_cap: tokens(e, "soft_cap") * price,
            hard_cap: tokens(e, "hard_cap") * price,
            deadline: s.chain.now() + ms(e, "deadline"),
            min_ticket: tokens(e, "min_ticket") * price,
            max_ticket: tokens(e, "max_ticket") * price,
            non_accredited_cap: tokens(e, "non_accredited_cap") * price,
            cooling_off_ms: ms(e, "cooling_off_ms"),
            required_claims: claims(e, "required_claims"),
            blocked_countries: e["blocked_countries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| u16::try_from(c.as_integer().unwrap()).unwrap())
                .collect(),
            fee_receiver: platform_a(),
            fee_bps: u16::try_from(int(e, "fee_bps")).unwrap(),
            tranches,
            holdback_bps: u16::try_from(int(e, "holdback_bps")).unwrap(),
            long_stop_ms: ms(e, "long_stop_ms"),
        },
        milestones,
    }
}

/// A country every holder may live in under the project's rules.
fn home_country(p: &Project) -> u16 {
    if p.rules.country_allowlist_enabled {
        p.countries
            .iter()
            .find(|c| c.1)
            .expect("an allowed country")
            .0
    } else {
        GERMANY
    }
}

#[test]
fn every_shipped_project_can_deliver_its_offering_and_release_every_tranche() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy-scripts/projects");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 2, "both example projects");
    let mut seen = BTreeMap::new();
    for path in paths {
        let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
        let mut p = project(&path, &s);
        let name = p.name.clone();
        // A token with the project's rules and cap, the country lists, and an oracle with its stakeholders.
        let bundle = infra_suite_e2e::split::project_token();
        let args = (
            Some(String::from("T")),
            Some(String::from("T")),
            0u8,
            s.registry,
            p.rules,
            p.supply_cap,
        );
        let (token, _) = s.chain.deploy_split(&bundle, "new", args, admin()).unwrap();
        s.token = token;
        s.as_admin(at::<Token>(s.token).grant_role(issuer(), Role::Issuer));
        for (code, allow) in p.countries.clone() {
            s.as_admin(at::<Token>(s.token).set_country_listed(code, allow, true));
        }
        let (oracle, _) = s
            .deploy_contract(
                &infra_suite_e2e::split::iot_oracle(),
                p.attestations_required,
                admin(),
            )
            .unwrap();
        let stakeholders: Vec<AccountId> = (0..p.stakeholders)
            .map(|n| wallet(&mut s, 60 + n as u8))
            .collect();
        for who in &stakeholders {
            let r: OracleOutcome<()> = s.send(
                at::<Oracle>(oracle).set_role(*who, OracleRole::Stakeholder, true),
                admin(),
            );
            assert_eq!(r.value, Ok(()));
        }
        for tr in p.terms.tranches.iter_mut() {
            if let ReleaseCondition::OracleMilestone { oracle: o, .. } = &mut tr.condition {
                *o = oracle;
            }
        }
        let terms = p.terms.clone();
        let escrow = s.deploy_escrow(terms.clone());
        // Investors with every claim, at home: the lead, then full tickets up to the soft cap.
        let country = home_country(&p);
        let all_claims = [
            ClaimType::Kyc,
            ClaimType::Aml,
            ClaimType::Accredited,
            ClaimType::Qualified,
        ];
        s.onboard(lead(), country, &all_claims, 365);
        assert_eq!(
            s.send(
                at::<Escrow>(escrow)
                    .contribute()
                    .transferred_value(terms.lead_commitment),
                lead()
            )
            .value,
            Ok(()),
            "{name}: the lead's commitment must be deliverable"
        );
        let mut investors = vec![lead()];
        let mut raised = terms.lead_commitment;
        let mut n = 0u8;
        while raised < terms.soft_cap {
            let ticket = terms.max_ticket.min(terms.soft_cap - raised);
            let who = wallet(&mut s, n);
            n += 1;
            s.onboard(who, country, &all_claims, 365);
            assert_eq!(
                s.send(
                    at::<Escrow>(escrow).contribute().transferred_value(ticket),
                    who
                )
                .value,
                Ok(()),
                "{name}: a full ticket must be deliverable"
            );
            investors.push(who);
            raised += ticket;
        }
        s.chain.advance_time(terms.deadline - s.chain.now());
        assert_eq!(
            s.send(at::<Escrow>(escrow).finalize(), mallory()).value,
            Ok(())
        );
        assert_eq!(s.offering_status(escrow).phase, Phase::Succeeded);
        for who in &investors {
            assert_eq!(
                s.send(at::<Escrow>(escrow).claim_tokens(*who), mallory())
                    .value,
                Ok(()),
                "{name}: delivery"
            );
        }
        // Every tranche: the admin's, or the oracle milestone posted by one stakeholder and attested by the others.
        for (i, tr) in terms.tranches.iter().enumerate() {
            let caller = match tr.condition {
                ReleaseCondition::AdminApproval => admin(),
                ReleaseCondition::OracleMilestone { milestone, .. } => {
                    let (poster, others) = stakeholders.split_first().expect("a stakeholder");
                    let r: OracleOutcome<()> = s.send(
                        at::<Oracle>(oracle).post_milestone(milestone, evidence(1)),
                        *poster,
                    );
                    assert_eq!(r.value, Ok(()), "{name}: post milestone {milestone}");
                    for who in others {
                        let r: OracleOutcome<()> =
                            s.send(at::<Oracle>(oracle).attest_milestone(milestone), *who);
                        assert_eq!(r.value, Ok(()), "{name}: attest {milestone}");
                    }
                    mallory()
                }
            };
            assert_eq!(
                s.send(at::<Escrow>(escrow).release_tranche(), caller).value,
                Ok(()),
                "{name}: tranche {i} can be released"
            );
        }
        if terms.holdback_bps > 0 {
            assert_eq!(
                s.send(at::<Escrow>(escrow).release_holdback(), mallory())
                    .value,
                Ok(()),
                "{name}: holdback"
            );
        }
        let status = s.offering_status(escrow);
        assert_eq!((status.owed, status.undelivered), (0, 0), "{name}");
        assert!(
            s.chain.native_balance(escrow) >= status.owed,
            "{name}: solvent"
        );
        seen.insert(name, p.milestones.len());
    }
    assert!(seen.contains_key("solar-farm.toml") && seen.contains_key("toll-road.toml"));
}

// ---------------------------------------------------------------- every position deliverable together

/// A fresh offering on the demo token with `rules` and `cap`: the lead (100 000 tokens) has opened it, its soft
/// cap is the lead's commitment, and `investors` more accredited German investors are onboarded (not yet in).
fn opened_offering(
    rules: ComplianceRules,
    cap: Option<u128>,
    investors: u8,
) -> (Suite, AccountId, Vec<AccountId>) {
    let mut s = Suite::deploy(rules, cap);
    s.onboard(lead(), GERMANY, &accredited(), 365);
    let wallets: Vec<AccountId> = (0..investors)
        .map(|n| {
            let w = wallet(&mut s, 20 + n);
            s.onboard(w, GERMANY, &accredited(), 365);
            w
        })
        .collect();
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    terms.holdback_bps = 1_000;
    let escrow = s.deploy_escrow(terms);
    assert_eq!(contribute(&mut s, escrow, lead(), 100_000), Ok(()));
    (s, escrow, wallets)
}

fn finalize_after_deadline(s: &mut Suite, escrow: AccountId) {
    s.chain.advance_time(30 * DAY_MS);
    assert_eq!(
        s.send(at::<Escrow>(escrow).finalize(), mallory()).value,
        Ok(())
    );
    assert_eq!(s.offering_status(escrow).phase, Phase::Succeeded);
}

fn claim(s: &mut Suite, escrow: AccountId, investor: AccountId) -> Result<(), EscrowError> {
    s.send(at::<Escrow>(escrow).claim_tokens(investor), mallory())
        .value
}

#[test]
fn the_holder_limit_holds_for_every_position_together_so_each_accepted_one_is_delivered() {
    // Four holders at most: the lead and three investors. Nobody holds tokens during the sale, so a check of one
    // identity against the current holders alone would accept every investor and strand the fifth identity.
    let rules = ComplianceRules {
        holder_limit: 4,
        ..default_rules()
    };
    let (mut s, escrow, investors) = opened_offering(rules, Some(SUPPLY_CAP), 5);
    for who in &investors[..3] {
        assert_eq!(contribute(&mut s, escrow, *who, 1_000), Ok(()));
    }
    assert_eq!(
        contribute(&mut s, escrow, investors[3], 1_000),
        Err(EscrowError::Undeliverable {
            tokens: 1_000,
            reason: MintRefusal::HolderLimitReached { limit: 4 }
        }),
        "the four places are promised to the accepted positions"
    );
    // Nobody else takes a promised place meanwhile: not a direct mint to a new holder.
    assert_eq!(
        s.mint(investors[4], 1).value,
        Err(suite_traits::PSP22Error::Custom(String::from(
            "holder limit reached"
        ))),
        "a direct mint to a fifth identity is refused while the places are promised"
    );
    // An identity already owed tokens adds no place.
    assert_eq!(contribute(&mut s, escrow, investors[0], 2_000), Ok(()));
    finalize_after_deadline(&mut s, escrow);
    for who in [lead(), investors[0], investors[1], investors[2]] {
        assert_eq!(
            claim(&mut s, escrow, who),
            Ok(()),
            "every accepted position is delivered"
        );
    }
    assert_eq!(s.balance(investors[0]), 3_000);
    let status = s.offering_status(escrow);
    assert_eq!((status.undelivered, status.owed), (0, status.holdback));
}

#[test]
fn the_supply_cap_holds_for_every_position_together() {
    // No maximum holding here (the lead alone holds 100 000 of a 110 000 cap): only the cap is in play.
    let rules = ComplianceRules {
        max_holding_bps: 0,
        ..default_rules()
    };
    let (mut s, escrow, investors) = opened_offering(rules, Some(110_000), 2);
    // 100 000 owed to the lead; 5 000 more fit under the 110 000 cap, then 6 000 do not.
    assert_eq!(contribute(&mut s, escrow, investors[0], 5_000), Ok(()));
    assert_eq!(
        contribute(&mut s, escrow, investors[1], 6_000),
        Err(EscrowError::Undeliverable {
            tokens: 6_000,
            reason: MintRefusal::SupplyCapExceeded {
                cap: 110_000,
                would_be: 111_000
            }
        })
    );
    // The promised supply is not minted to anyone else, and the cap cannot drop below what is promised.
    assert!(s.mint(treasury(), 5_001).value.is_err(), "promised supply");
    let lowered: Result<(), project_token::TokenError> = s
        .chain
        .send(at::<Token>(s.token).set_supply_cap(Some(104_999)), admin())
        .unwrap()
        .value;
    assert!(
        lowered.is_err(),
        "the cap cannot fall below what is promised"
    );
    finalize_after_deadline(&mut s, escrow);
    assert_eq!(claim(&mut s, escrow, lead()), Ok(()));
    assert_eq!(claim(&mut s, escrow, investors[0]), Ok(()));
    assert_eq!(s.supply(), 105_000);
}

#[test]
fn a_rule_change_after_acceptance_does_not_strand_an_accepted_position() {
    let (mut s, escrow, investors) = opened_offering(default_rules(), Some(SUPPLY_CAP), 3);
    for who in &investors {
        assert_eq!(contribute(&mut s, escrow, *who, 1_000), Ok(()));
    }
    finalize_after_deadline(&mut s, escrow);
    assert_eq!(claim(&mut s, escrow, lead()), Ok(()));
    // The first holder's governance (here the admin) changes the rules right after finalize: a lower holder
    // limit, an extra required claim no investor holds, a lower max holding, the investors' country blocked.
    let stricter = ComplianceRules {
        holder_limit: 1,
        max_holding_bps: 1,
        required_claims: ClaimSet::of(&[ClaimType::Kyc, ClaimType::Qualified]),
        ..default_rules()
    };
    s.as_admin(at::<Token>(s.token).set_rules(stricter));
    s.as_admin(at::<Token>(s.token).set_country_listed(GERMANY, false, true));
    for who in &investors {
        assert_eq!(
            claim(&mut s, escrow, *who),
            Ok(()),
            "delivered under the rules it was accepted under"
        );
        assert_eq!(s.balance(*who), 1_000);
    }
    // New business follows the new rules.
    assert!(s.mint(investors[0], 1).value.is_err());
}

#[test]
fn a_contribution_while_trading_is_halted_is_accepted_and_delivered_after_the_resume() {
    let (mut s, escrow, investors) = opened_offering(default_rules(), Some(SUPPLY_CAP), 1);
    let halt: Result<(), suite_traits::HaltError> = s
        .chain
        .send(at::<Token>(s.token).halt(7, evidence(7)), guardian())
        .unwrap()
        .value;
    assert_eq!(halt, Ok(()));
    assert_eq!(
        contribute(&mut s, escrow, investors[0], 1_000),
        Ok(()),
        "a halt is temporary: it does not make a contribution undeliverable"
    );
    finalize_after_deadline(&mut s, escrow);
    assert!(matches!(
        claim(&mut s, escrow, investors[0]),
        Err(EscrowError::MintRefused { .. })
    ));
    assert!(matches!(
        s.send(
            at::<Escrow>(escrow).refund_undeliverable(investors[0]),
            investors[0]
        )
        .value,
        Err(EscrowError::RefusalTemporary { .. })
    ));
    let resumed: Result<(), suite_traits::HaltError> = s
        .chain
        .send(at::<Token>(s.token).resume(), guardian())
        .unwrap()
        .value;
    assert_eq!(resumed, Ok(()));
    assert_eq!(claim(&mut s, escrow, investors[0]), Ok(()));
}

#[test]
fn an_investor_who_lets_its_kyc_lapse_cannot_empty_the_holdback_before_those_stranded_by_others() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(lead(), GERMANY, &accredited(), 365);
    // Alice's KYC runs for 40 days only: past the 30-day sale, before she claims.
    let alice_id = s.onboard(alice(), GERMANY, &accredited(), 40);
    let bob_id = s.onboard(bob(), GERMANY, &accredited(), 365);
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    terms.holdback_bps = 1_000;
    let escrow = s.deploy_escrow(terms);
    assert_eq!(contribute(&mut s, escrow, lead(), 100_000), Ok(()));
    assert_eq!(contribute(&mut s, escrow, alice(), 10_000), Ok(()));
    assert_eq!(contribute(&mut s, escrow, bob(), 10_000), Ok(()));
    finalize_after_deadline(&mut s, escrow);
    s.chain.advance_time(11 * DAY_MS);
    assert!(claim(&mut s, escrow, alice()).is_err(), "her KYC lapsed");
    let holdback = s.offering_status(escrow).holdback;
    assert!(
        s.send(at::<Escrow>(escrow).refund_undeliverable(alice()), alice())
            .value
            .is_err(),
        "a refusal she caused herself draws nothing from the shared holdback"
    );
    assert_eq!(s.offering_status(escrow).holdback, holdback);
    // The regulator freezes bob's identity: a refusal he did not cause by his own lapse; he is refunded.
    let frozen: Result<(), RegistryError> = s
        .chain
        .send(
            at::<Registry>(s.registry).freeze_identity(bob_id, evidence(3)),
            regulator(),
        )
        .unwrap()
        .value;
    assert_eq!(frozen, Ok(()));
    assert_eq!(
        s.send(at::<Escrow>(escrow).refund_undeliverable(bob()), bob())
            .value,
        Ok(())
    );
    // Alice renews her KYC and claims her tokens: nothing was lost to her either.
    let r = s.registry;
    let renewed: Result<(), RegistryError> = s
        .chain
        .send(
            at::<Registry>(r).issue_claim(
                alice_id,
                ClaimType::Kyc,
                s.chain.now() + 365 * DAY_MS,
                evidence(4),
            ),
            platform_a(),
        )
        .unwrap()
        .value;
    assert_eq!(renewed, Ok(()));
    assert_eq!(claim(&mut s, escrow, alice()), Ok(()));
    assert_eq!(s.balance(alice()), 10_000);
}

#[test]
fn the_issuer_role_of_an_escrow_that_owes_tokens_cannot_be_revoked() {
    let (mut s, escrow, investors) = opened_offering(default_rules(), Some(SUPPLY_CAP), 1);
    assert_eq!(contribute(&mut s, escrow, investors[0], 1_000), Ok(()));
    let revoked: Result<(), project_token::TokenError> = s
        .chain
        .send(
            at::<Token>(s.token).revoke_role(escrow, Role::Issuer),
            admin(),
        )
        .unwrap()
        .value;
    assert!(
        revoked.is_err(),
        "the escrow owes tokens: its issuer role stays"
    );
    finalize_after_deadline(&mut s, escrow);
    assert_eq!(claim(&mut s, escrow, lead()), Ok(()));
    assert_eq!(claim(&mut s, escrow, investors[0]), Ok(()));
    // Nothing owed any more: the role can go.
    let revoked: Result<(), project_token::TokenError> = s
        .chain
        .send(
            at::<Token>(s.token).revoke_role(escrow, Role::Issuer),
            admin(),
        )
        .unwrap()
        .value;
    assert_eq!(revoked, Ok(()));
}

#[test]
fn from_the_long_stop_an_unclaimed_position_no_longer_holds_the_token_back() {
    // No maximum holding: the lead buys into the second offering too.
    let rules = ComplianceRules {
        max_holding_bps: 0,
        ..default_rules()
    };
    let (mut s, escrow, investors) = opened_offering(rules, Some(SUPPLY_CAP), 1);
    let investor = investors[0];
    assert_eq!(contribute(&mut s, escrow, investor, 1_000), Ok(()));
    finalize_after_deadline(&mut s, escrow);
    assert_eq!(claim(&mut s, escrow, lead()), Ok(()));
    // The investor never claims. Until the long-stop its promise stands...
    let long_stop_at = s.chain.now() + 365 * DAY_MS;
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_promises(), mallory())
            .value,
        Err(EscrowError::PromisesKeptUntil { long_stop_at })
    );
    // ... and from it anyone can release it: the token's places, supply and next offering are free again.
    s.chain.advance_time(long_stop_at - s.chain.now());
    assert_eq!(
        s.send(at::<Escrow>(escrow).release_promises(), mallory())
            .value,
        Ok(())
    );
    let (reserved, issuer): (suite_traits::Reserved, Option<AccountId>) = s
        .chain
        .ask(at::<Token>(s.token).reserved(), mallory())
        .unwrap()
        .value;
    assert_eq!((reserved.supply, reserved.places, issuer), (0, 0, None));
    let mut terms = offering_terms(s.chain.now());
    terms.soft_cap = 100_000 * TOKENS;
    let second = s.deploy_escrow(terms);
    let r = s.registry;
    let renewed: Result<(), RegistryError> = s
        .chain
        .send(
            at::<Registry>(r).issue_claim(1, ClaimType::Kyc, s.chain.now() + DAY_MS, evidence(5)),
            platform_a(),
        )
        .unwrap()
        .value;
    assert_eq!(renewed, Ok(()), "the lead renews its KYC");
    assert_eq!(
        contribute(&mut s, second, lead(), 100_000),
        Ok(()),
        "a second offering can promise again"
    );
    // The unclaimed position is still claimable, now as a mint under the token's rules of the day.
    let investor_id: IdentityId = s
        .chain
        .ask(at::<Registry>(r).identity_of(investor), mallory())
        .unwrap()
        .value
        .expect("registered");
    let renewed: Result<(), RegistryError> = s
        .chain
        .send(
            at::<Registry>(r).issue_claim(
                investor_id,
                ClaimType::Kyc,
                s.chain.now() + DAY_MS,
                evidence(6),
            ),
            platform_a(),
        )
        .unwrap()
        .value;
    assert_eq!(renewed, Ok(()));
    assert_eq!(claim(&mut s, escrow, investor), Ok(()));
    assert_eq!(s.balance(investor), 1_000);
}

/// Only an issuer makes, delivers or releases promises, and only the reserving one while its promises stand: a
/// stranger, and even the token's other issuer, is refused and changes nothing.
#[test]
fn nobody_but_the_reserving_issuer_makes_delivers_or_releases_promises() {
    let (mut s, escrow, investors) = opened_offering(default_rules(), Some(SUPPLY_CAP), 1);
    let (t, lead_id) = (s.token, 1);
    let reserved_for = |s: &mut Suite| -> u128 {
        s.chain
            .ask(at::<Token>(s.token).reserved_for(lead_id), mallory())
            .unwrap()
            .value
    };
    assert_eq!(reserved_for(&mut s), 100_000);
    for (who, refusal) in [
        (mallory(), MintRefusal::NotIssuer),
        (
            issuer(),
            MintRefusal::AnotherIssuerReserved { issuer: escrow },
        ),
    ] {
        let out = s
            .chain
            .send(at::<Token>(t).reserve(investors[0], 1), who)
            .unwrap();
        assert_eq!(out.value, Err(refusal));
        let out = s
            .chain
            .send(at::<Token>(t).release(lead_id, 1), who)
            .unwrap();
        assert_eq!(out.value, Err(refusal));
        let out = s.chain.send(at::<Token>(t).release_all(), who).unwrap();
        assert_eq!(out.value, Err(refusal));
        let out = s
            .chain
            .send(
                at::<Token>(t).mint_reserved(lead(), lead_id, 1, ClaimSet::empty()),
                who,
            )
            .unwrap();
        assert_eq!(out.value, Err(refusal));
        assert!(out.reverted && out.events == 0);
    }
    assert_eq!(reserved_for(&mut s), 100_000, "nothing changed");
    assert_eq!(s.balance(lead()), 0);
}
