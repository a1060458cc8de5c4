//! Deploys the registry and the token and performs the steps every test, the scenario and the benchmark share.
use crate::calls::*;
use compliance_registry::RegistryError;
use ink::primitives::{AccountId, Hash};
use project_token::{ComplianceRules, Role, TransferRestriction};
use suite_traits::{ClaimSet, ClaimType, CountryCode, IdentityId, PSP22Error};

use crate::chain::{account, Chain, ChainError, Message, Outcome, DAY_MS};

/// The cast. Numbers are account seeds.
pub mod actors {
    use super::*;
    /// Deploys everything and administers registry and token.
    pub fn admin() -> AccountId {
        account(1)
    }
    /// Crowdfunding platform A: verifies KYC and AML.
    pub fn platform_a() -> AccountId {
        account(2)
    }
    /// Crowdfunding platform B: verifies accredited and qualified status.
    pub fn platform_b() -> AccountId {
        account(3)
    }
    /// Financial regulator: freezes identities.
    pub fn regulator() -> AccountId {
        account(4)
    }
    /// Token issuer (the escrow, later).
    pub fn issuer() -> AccountId {
        account(5)
    }
    /// Transfer agent.
    pub fn agent() -> AccountId {
        account(6)
    }
    /// Guardian (the oracle, later).
    pub fn guardian() -> AccountId {
        account(7)
    }
    /// Sponsor treasury, exempt from identity rules.
    pub fn treasury() -> AccountId {
        account(8)
    }
    /// Investors.
    pub fn alice() -> AccountId {
        account(10)
    }
    pub fn alice_2() -> AccountId {
        account(20)
    }
    pub fn bob() -> AccountId {
        account(11)
    }
    pub fn carol() -> AccountId {
        account(12)
    }
    /// Never verified.
    pub fn dave() -> AccountId {
        account(13)
    }
    /// Holds no role anywhere.
    pub fn mallory() -> AccountId {
        account(66)
    }
    /// The project sponsor: receives the offering's net proceeds.
    pub fn sponsor() -> AccountId {
        account(30)
    }
    /// The offering's lead investor (accredited).
    pub fn lead() -> AccountId {
        account(31)
    }
    /// A toll gate: the usage-pass meter.
    pub fn gate() -> AccountId {
        account(32)
    }
    /// Receives usage-pass revenue until the dividend distributor exists.
    pub fn revenue() -> AccountId {
        account(33)
    }
    /// The tax authority's account: receives withheld dividend tax.
    pub fn tax_office() -> AccountId {
        account(34)
    }
    /// Bridge pier displacement sensors.
    pub fn sensor(n: u8) -> AccountId {
        account(40 + n)
    }

    /// Everyone, for funding.
    pub fn all() -> Vec<AccountId> {
        vec![
            admin(),
            platform_a(),
            platform_b(),
            regulator(),
            issuer(),
            agent(),
            guardian(),
            treasury(),
            alice(),
            alice_2(),
            bob(),
            carol(),
            dave(),
            mallory(),
            sponsor(),
            lead(),
            gate(),
            revenue(),
            tax_office(),
            sensor(0),
            sensor(1),
            sensor(2),
            sensor(3),
        ]
    }
}

/// France, Germany, United States (ISO 3166-1 numeric).
pub const FRANCE: CountryCode = 250;
pub const GERMANY: CountryCode = 276;
pub const USA: CountryCode = 840;

/// A hash standing for off-chain evidence.
pub fn evidence(tag: u8) -> Hash {
    Hash::from([tag; 32])
}

/// Default rules of the demo token: KYC required, 10% max holding of the authorised supply, 100 holders max.
pub fn default_rules() -> ComplianceRules {
    ComplianceRules {
        required_claims: ClaimSet::of(&[ClaimType::Kyc]),
        sender_needs_claims: false,
        country_allowlist_enabled: false,
        max_holding_bps: 1_000,
        holder_limit: 100,
    }
}

/// Authorised supply of the demo token.
pub const SUPPLY_CAP: u128 = 1_000_000;

/// PSP22 message result.
pub type Psp22Result = Result<(), PSP22Error>;

/// Registry and token, deployed and wired.
pub struct Suite {
    /// The chain.
    pub chain: Chain,
    /// Compliance registry address.
    pub registry: AccountId,
    /// Project token address.
    pub token: AccountId,
    /// How the split contracts are deployed (their shells, or their full code alone).
    pub build: Build,
}

fn expect_ok<T: std::fmt::Debug, E: std::fmt::Debug>(
    what: &str,
    o: Result<Outcome<Result<T, E>>, ChainError>,
) -> Outcome<Result<T, E>> {
    let o = o.unwrap_or_else(|e| panic!("{what}: call failed: {e:?}"));
    assert!(o.value.is_ok(), "{what}: refused: {:?}", o.value);
    o
}

/// How the token and the registry are deployed: split (the suite's way) or as their full code alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Build {
    /// Each a shell over its full code (`suite_traits::split`).
    Split,
    /// Each its full code alone (every message in one code).
    Full,
}

impl Suite {
    /// Deploys the registry (platform A trusted for KYC/AML, B for accreditation, one regulator) and a token
    /// with `rules`, and grants issuer, agent and guardian roles and the treasury's exemption.
    pub fn deploy(rules: ComplianceRules, cap: Option<u128>) -> Suite {
        Suite::deploy_as(Build::Split, rules, cap)
    }

    /// [`Suite::deploy`] with the token and the registry deployed as `build`: as the suite deploys them (their
    /// shells over their full code), or as their full code alone (to compare the two).
    pub fn deploy_as(build: Build, rules: ComplianceRules, cap: Option<u128>) -> Suite {
        Suite::deploy_on(Chain::new(), build, rules, cap)
    }

    /// [`Suite::deploy_as`] on `chain` (a parachain of the XCM test network, `crate::xcm_net`).
    pub fn deploy_on(
        mut chain: Chain,
        build: Build,
        rules: ComplianceRules,
        cap: Option<u128>,
    ) -> Suite {
        for a in actors::all() {
            chain.fund(a);
        }
        let registry_bundle = crate::split::compliance_registry();
        let token_bundle = crate::split::project_token();
        let (registry, _) = match build {
            Build::Split => chain.deploy_split(&registry_bundle, "new", (), actors::admin()),
            Build::Full => chain.deploy(&registry_bundle.full(), "new", (), actors::admin()),
        }
        .expect("deploy registry");
        let mut suite = Suite {
            chain,
            registry,
            token: registry,
            build,
        };
        suite.as_admin(at::<Registry>(suite.registry).set_verifier(
            actors::platform_a(),
            ClaimSet::of(&[ClaimType::Kyc, ClaimType::Aml]),
        ));
        suite.as_admin(at::<Registry>(suite.registry).set_verifier(
            actors::platform_b(),
            ClaimSet::of(&[ClaimType::Accredited, ClaimType::Qualified]),
        ));
        suite.as_admin(at::<Registry>(suite.registry).add_regulator(actors::regulator()));
        let args = (
            Some(String::from("A12 Toll Road Bond")),
            Some(String::from("A12")),
            0u8,
            registry,
            rules,
            cap,
        );
        let (token, _) = match build {
            Build::Split => suite
                .chain
                .deploy_split(&token_bundle, "new", args, actors::admin()),
            Build::Full => suite
                .chain
                .deploy(&token_bundle.full(), "new", args, actors::admin()),
        }
        .expect("deploy token");
        suite.token = token;
        // The token hears of every link change at once (a wallet counts towards its identity from its link).
        suite.as_admin(at::<Registry>(suite.registry).bind_token(token));
        suite.as_admin(at::<Token>(suite.token).grant_role(actors::issuer(), Role::Issuer));
        suite.as_admin(at::<Token>(suite.token).grant_role(actors::agent(), Role::Agent));
        suite.as_admin(at::<Token>(suite.token).grant_role(actors::guardian(), Role::Guardian));
        suite.as_admin(at::<Token>(suite.token).set_exempt(actors::treasury(), true));
        suite
    }

    /// Deploys another registry, as this suite's (platform A and B verifiers, the regulator), numbering its
    /// identities from `first` (a successor continues its predecessor's numbers; 1 restarts them). The suite
    /// keeps using its own registry until `self.registry` is set to it.
    pub fn deploy_registry_numbered_from(&mut self, first: IdentityId) -> AccountId {
        let bundle = crate::split::compliance_registry();
        let (registry, _) = self
            .deploy_contract(&bundle, (), actors::admin())
            .expect("deploy registry");
        self.as_admin(at::<Registry>(registry).set_verifier(
            actors::platform_a(),
            ClaimSet::of(&[ClaimType::Kyc, ClaimType::Aml]),
        ));
        self.as_admin(at::<Registry>(registry).set_verifier(
            actors::platform_b(),
            ClaimSet::of(&[ClaimType::Accredited, ClaimType::Qualified]),
        ));
        self.as_admin(at::<Registry>(registry).add_regulator(actors::regulator()));
        if first != 1 {
            self.as_admin(at::<Registry>(registry).number_identities_from(first));
        }
        registry
    }

    /// Sends `message` (built with [`crate::calls::at`]) as `who` and returns its typed answer; panics only if the
    /// chain itself refused (a trap, an unknown contract, an answer that does not decode).
    pub fn send<Args: scale::Encode, R: scale::Decode>(
        &mut self,
        message: Message<Args, R>,
        who: AccountId,
    ) -> Outcome<R> {
        self.chain
            .send(message, who)
            .unwrap_or_else(|e: ChainError| panic!("a message by {who:?}: {e:?}"))
    }

    /// Sends `message` as the deployer (`actors::admin()`), for set-up: panics unless it answers `Ok`.
    pub fn as_admin<
        Args: scale::Encode,
        T: std::fmt::Debug + scale::Decode,
        E: std::fmt::Debug + scale::Decode,
    >(
        &mut self,
        message: Message<Args, Result<T, E>>,
    ) -> Outcome<Result<T, E>> {
        expect_ok(
            "a set-up message",
            self.chain.send(message, actors::admin()),
        )
    }

    /// Deploys a split contract as this suite deploys them: its shell over its full code, or the full code alone.
    pub fn deploy_contract<A: scale::Encode>(
        &mut self,
        bundle: &crate::split::SplitBundle,
        args: A,
        origin: AccountId,
    ) -> Result<(AccountId, crate::chain::Cost), crate::chain::ChainError> {
        match self.build {
            Build::Split => self.chain.deploy_split(bundle, "new", args, origin),
            Build::Full => self.chain.deploy(&bundle.full(), "new", args, origin),
        }
    }

    /// Platform A registers `wallet` in `country` with `claims` valid for `days`; claims it cannot verify are
    /// issued by platform B. Returns the identity.
    pub fn onboard(
        &mut self,
        wallet: AccountId,
        country: CountryCode,
        claims: &[ClaimType],
        days: u64,
    ) -> IdentityId {
        let r = self.registry;
        let id: IdentityId = expect_ok::<IdentityId, RegistryError>(
            "register_identity",
            self.chain.send(
                at::<Registry>(r).register_identity(wallet, country),
                actors::platform_a(),
            ),
        )
        .value
        .unwrap();
        let expires = self.chain.now() + days * DAY_MS;
        for c in claims {
            let verifier = if matches!(c, ClaimType::Kyc | ClaimType::Aml) {
                actors::platform_a()
            } else {
                actors::platform_b()
            };
            expect_ok::<(), RegistryError>(
                "issue_claim",
                self.chain.send(
                    at::<Registry>(r).issue_claim(id, *c, expires, evidence(id as u8)),
                    verifier,
                ),
            );
        }
        id
    }

    /// Links another wallet to an identity (platform A is the registrar).
    pub fn link_wallet(&mut self, identity: IdentityId, wallet: AccountId) {
        let r = self.registry;
        expect_ok::<(), RegistryError>(
            "add_wallet",
            self.chain.send(
                at::<Registry>(r).add_wallet(identity, wallet),
                actors::platform_a(),
            ),
        );
    }

    /// The issuer mints.
    pub fn mint(&mut self, to: AccountId, amount: u128) -> Outcome<Psp22Result> {
        let t = self.token;
        self.chain
            .send(at::<Token>(t).mint(to, amount), actors::issuer())
            .expect("mint call")
    }

    /// `from` transfers.
    pub fn transfer(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: u128,
    ) -> Outcome<Psp22Result> {
        let t = self.token;
        self.chain
            .send(at::<Token>(t).transfer(to, amount, Vec::<u8>::new()), from)
            .expect("transfer call")
    }

    /// The token's answer to "would this transfer pass?".
    pub fn can_transfer(
        &mut self,
        from: AccountId,
        to: AccountId,
        amount: u128,
    ) -> Result<(), TransferRestriction> {
        let t = self.token;
        self.chain
            .ask(
                at::<Token>(t).can_transfer(from, to, amount),
                actors::mallory(),
            )
            .expect("can_transfer")
            .value
    }

    /// Token balance.
    pub fn balance(&mut self, who: AccountId) -> u128 {
        let t = self.token;
        self.chain
            .ask(at::<Token>(t).balance_of(who), who)
            .expect("balance_of")
            .value
    }

    /// Total supply.
    pub fn supply(&mut self) -> u128 {
        let t = self.token;
        self.chain
            .ask(at::<Token>(t).total_supply(), actors::admin())
            .expect("total_supply")
            .value
    }

    /// What an identity holds over all its wallets.
    pub fn identity_balance(&mut self, id: IdentityId) -> u128 {
        let t = self.token;
        self.chain
            .ask(at::<Token>(t).identity_balance(id), actors::admin())
            .expect("identity_balance")
            .value
    }
}
