"""How deploy.py writes each contract argument for `cargo contract` (SCON, the Rust-like notation cargo contract
parses against the contract's metadata): one function per constructor or message argument, from the project's
TOML. Field and variant names here must be the Rust ones: `test_rendering.py` checks every value rendered from
both example projects against the built metadata, so a renamed Rust field or argument fails a test instead of a
deployment.

The project's keys are the Rust names too (`TABLES`: a struct's fields, a constructor's or a message's argument
labels; enum values by their variant names), and a key no table has is refused. A value whose unit differs from the
Rust field's is a string with its unit, in one strict syntax:
  - a duration (`cooling_off_ms`, `timelock_ms`, ...): `"<N> <unit>"`, unit one of `DURATION_UNITS`: `"4 days"`;
  - a moment (`deadline`, `activation_at`, `long_stop_at`): the same, counted from the deployment:
    `"30 days after deployment"`;
  - an offering amount (`lead_commitment`, `soft_cap`, ...): whole project tokens at `price_per_token`:
    `"100_000 tokens"`.
N is a whole number (`_` may group its digits). Anything else is refused, naming the key.

Pure functions only. Accounts come in through `account(ref) -> SS58` and deployed contracts through
`addr(short) -> SS58`, so the module needs neither a chain nor a manifest.
"""
from __future__ import annotations

import json
import re
from typing import Callable

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
MINUTE_MS = 60_000
#: ClaimType's declaration order, which is the bit order of a ClaimSet.
CLAIMS = ("Kyc", "Aml", "Accredited", "Qualified")
#: The units of a duration, in milliseconds.
DURATION_UNITS = {"ms": 1, "second": 1_000, "seconds": 1_000, "minute": MINUTE_MS, "minutes": MINUTE_MS,
                  "hour": HOUR_MS, "hours": HOUR_MS, "day": DAY_MS, "days": DAY_MS}
TOKEN_UNITS = {"token": 1, "tokens": 1}
AFTER_DEPLOYMENT = " after deployment"
QUANTITY = re.compile(r"(\d+(?:_\d+)*) ([a-z]+)")

#: Every table's keys: first the Rust names its values render into (fields of the struct, or arguments of the
#: constructor or message, that the table fills; `test_rendering.py` checks them against the built metadata), then
#: the keys deploy.py turns into calls after the constructor (roles, lists, the handover). An entry of a list that
#: becomes one message call (`token.countries`, `registry.verifiers`, ...) has that message's argument labels.
TABLES = {
    "registry": ((), ("verifiers", "regulators")),  # compliance_registry::new takes none
    "registry.verifiers": (("verifier", "claim_types"), ()),  # set_verifier
    "token": (("name", "symbol", "decimals", "supply_cap",  # project_token::new
               "required_claims", "sender_needs_claims", "country_allowlist_enabled", "max_holding_bps",
               "holder_limit"),  # ComplianceRules
              ("agents", "guardians", "exempt", "countries")),
    "token.countries": (("country", "allow_list", "listed"), ()),  # set_country_listed
    "oracle": (("attestations_required",), ("roles", "feeds", "rules")),  # iot_oracle::new
    # set_role (`granted` is always true); `sponsor_side`: the account works for the sponsor (its engineer, say), so
    # its attestation of a milestone the sponsor is paid on is not independent (check_promises).
    "oracle.roles": (("account", "role"), ("sponsor_side",)),
    "oracle.feeds": (("min_value", "max_value", "quorum", "round_timeout_ms", "staleness_ms", "cumulative",
                      "period_ms"), ("devices",)),  # FeedConfig
    "oracle.rules": (("feed", "condition", "consecutive", "resume_after", "action"), ()),  # Rule
    "offering": (("sponsor", "lead_investor", "lead_commitment", "price_per_token", "soft_cap", "hard_cap",
                  "deadline", "min_ticket", "max_ticket", "non_accredited_cap", "cooling_off_ms", "required_claims",
                  "blocked_countries", "fee_receiver", "fee_bps", "tranches", "holdback_bps", "long_stop_ms"),
                 ()),  # OfferingTerms
    "offering.tranches": (("share_bps", "condition"), ()),  # TrancheTerms
    "distributor": (("payout_bps", "reserve", "tax_account", "claim_window_ms"),  # DistributorConfig
                    ("excluded", "depositors", "tax")),
    "distributor.tax": (("country", "bps"), ()),  # set_tax_rate
    "pass": (("name", "symbol", "revenue_receiver", "long_stop_at", "opening_oracle", "opening_milestone"),
             ("classes", "meters")),  # usage_pass::new
    "pass.meters": (("meter", "classes"), ()),  # set_meter (`classes`: indices, sent as a bit mask)
    "pass.classes": (("price", "initial_credit", "unit_price", "validity_ms", "renewal_price", "activation_at",
                      "transferable", "daily_cap", "points_per_unit"), ()),  # PassClass
    "governor": (("normal", "emergency", "proposal_threshold", "grace_ms",  # GovernorParams
                  "guardian", "allowed", "emergency_allowed"),  # governor::new
                 ("handover",)),
    "governor.track": (("voting_delay", "voting_period", "quorum_bps", "approval_bps", "timelock_ms"),
                       ()),  # TrackParams
}

Resolve = Callable[[str], str]


class DeployError(Exception):
    """A deployment that cannot go on (here: a project value that cannot become a contract argument); the message
    says why and names the key."""


# ------------------------------------------------------------------------------------------------ project values


def keys(table: dict, kind: str, where: str | None = None) -> dict:
    """`table` (of the kind `kind` in `TABLES`, at `where`), refused if it has a key its kind does not."""
    rust, setup = TABLES[kind]
    unknown = [k for k in table if k not in rust and k not in setup]
    if unknown:
        named = [f"{', '.join(rust)} (the contract's Rust names)"] if rust else []
        raise DeployError(f"{where or kind} has no key {', '.join(unknown)}: its keys are "
                          + " and ".join(named + ([", ".join(setup)] if setup else [])))
    return table


def quantity(value, units: dict, key: str, example: str, suffix: str = "") -> int:
    """`value`, a string `"<N> <unit><suffix>"` with a unit of `units`, times that unit."""
    m = None
    if isinstance(value, str) and value.endswith(suffix):
        m = QUANTITY.fullmatch(value[:len(value) - len(suffix)])
    if m is None or m.group(2) not in units:
        raise DeployError(f'{key} = {value!r}: write it "<N> <unit>{suffix}", a whole number and one of '
                          f'{", ".join(units)}, as in "{example}"')
    return int(m.group(1).replace("_", "")) * units[m.group(2)]


def duration_ms(value, key: str) -> int:
    """A duration, `"4 days"`, in milliseconds."""
    return quantity(value, DURATION_UNITS, key, "4 days")


def moment(value, key: str, base: int) -> int:
    """A moment, `"30 days after deployment"`: the deployment time `base` (ms) plus the duration."""
    return base + quantity(value, DURATION_UNITS, key, "30 days after deployment", AFTER_DEPLOYMENT)


def token_amount(value, price: int, key: str) -> int:
    """An offering amount given in whole tokens, `"100_000 tokens"`, in native units at `price` per token."""
    return quantity(value, TOKEN_UNITS, key, "100_000 tokens") * price


def variant(value, key: str, variants: tuple) -> tuple[str, object]:
    """An enum value written by its Rust variant name: `"Name"` (no fields), or `{ Name = fields }`. Returns the
    name and the fields (None for a bare name)."""
    if isinstance(value, str) and value in variants:
        return value, None
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in variants:
        return next(iter(value.items()))
    raise DeployError(f"{key} = {value!r}: one of the variants {', '.join(variants)}")


# ------------------------------------------------------------------------------------------------- primitives


def scon_str(s: str) -> str:
    return json.dumps(s)


def boolean(v) -> str:
    return str(bool(v)).lower()


def claims(names: list[str]) -> str:
    bits = 0
    for n in names:
        if n not in CLAIMS:
            raise DeployError(f"unknown claim {n!r}: use {', '.join(CLAIMS)}")
        bits |= 1 << CLAIMS.index(n)
    return f"ClaimSet({bits})"


def opt(v) -> str:
    return "None" if v is None else f"Some({v})"


def struct(name: str, fields: dict) -> str:
    return name + " { " + ", ".join(f"{k}: {v}" for k, v in fields.items()) + " }"


def seq(items) -> str:
    return "[" + ", ".join(items) + "]"


# ------------------------------------------------------------------------------------------------- registry


def registry_table(r: dict) -> dict:
    """[registry], refused if it has a key it does not."""
    return keys(r, "registry")


def verifier_args(v: dict, account: Resolve, where: str = "registry.verifiers") -> list[str]:
    """`compliance_registry::set_verifier` arguments from one `registry.verifiers` entry: verifier, claim types."""
    keys(v, "registry.verifiers", where)
    return [account(v["verifier"]), claims(v["claim_types"])]


# ---------------------------------------------------------------------------------------------------- token


def token_args(t: dict, registry: str) -> list[str]:
    """`project_token::new` arguments from [token]: name, symbol, decimals, registry, rules, supply cap."""
    keys(t, "token")
    return [opt(scon_str(t["name"])), opt(scon_str(t["symbol"])), str(t.get("decimals", 0)), registry,
            compliance_rules(t), opt(t.get("supply_cap"))]


def compliance_rules(t: dict) -> str:
    """`project_token::ComplianceRules` from [token]."""
    return struct("ComplianceRules", {
        "required_claims": claims(t["required_claims"]),
        "sender_needs_claims": boolean(t.get("sender_needs_claims", False)),
        "country_allowlist_enabled": boolean(t.get("country_allowlist_enabled", False)),
        "max_holding_bps": t["max_holding_bps"],
        "holder_limit": t["holder_limit"],
    })


def country_args(c: dict, where: str = "token.countries") -> list[str]:
    """`project_token::set_country_listed` arguments from one `token.countries` entry: country, allow-list or
    block-list, listed (default true)."""
    keys(c, "token.countries", where)
    return [str(c["country"]), boolean(c.get("allow_list", False)), boolean(c.get("listed", True))]


# --------------------------------------------------------------------------------------------------- oracle


def oracle_args(o: dict) -> list[str]:
    """`iot_oracle::new` arguments from [oracle]: the attestations a milestone needs."""
    keys(o, "oracle")
    return [str(o.get("attestations_required", 2))]


def is_sponsor_side(r: dict) -> bool:
    """Whether an `oracle.roles` entry is a stakeholder on the sponsor's side (the sponsor itself, or marked
    `sponsor_side`): the oracle then also gets `OracleRole::SponsorSide` for it, so the sponsor's side alone never
    attests a milestone (checked on chain as well as by `check_promises`)."""
    return r["role"] == "Stakeholder" and bool(r.get("sponsor_side") or r["account"] == "sponsor")


def role_args(r: dict, account: Resolve, where: str = "oracle.roles") -> list[str]:
    """`iot_oracle::set_role` arguments from one `oracle.roles` entry: account, role (an `OracleRole` variant),
    granted."""
    keys(r, "oracle.roles", where)
    return [account(r["account"]), r["role"], "true"]


def feed_config(f: dict, where: str = "oracle.feeds") -> str:
    """`iot_oracle::FeedConfig` from one [[oracle.feeds]]."""
    keys(f, "oracle.feeds", where)
    return struct("FeedConfig", {
        "min_value": f["min_value"], "max_value": f["max_value"], "quorum": f["quorum"],
        "round_timeout_ms": duration_ms(f["round_timeout_ms"], f"{where}.round_timeout_ms"),
        "staleness_ms": duration_ms(f["staleness_ms"], f"{where}.staleness_ms"),
        "cumulative": boolean(f.get("cumulative", False)),
        "period_ms": duration_ms(f["period_ms"], f"{where}.period_ms"),
    })


def rule(r: dict, where: str = "oracle.rules") -> str:
    """`iot_oracle::Rule` from one [[oracle.rules]]."""
    keys(r, "oracle.rules", where)
    name, value = variant(r["condition"], f"{where}.condition", ("Above", "Below", "DeviationAbove", "AverageAbove", "StepAbove"))
    if name == "AverageAbove":
        if not isinstance(value, dict) or sorted(value) != ["samples", "threshold"]:
            raise DeployError(f"{where}.condition: AverageAbove = {{ threshold = .., samples = .. }}, got {value!r}")
        cond = f"AverageAbove {{ threshold: {value['threshold']}, samples: {value['samples']} }}"
    elif isinstance(value, int) and not isinstance(value, bool):
        cond = f"{name}({value})"
    else:
        raise DeployError(f"{where}.condition: {{ {name} = <integer> }}, got {r['condition']!r}")
    action, _ = variant(r.get("action", "HaltToken"), f"{where}.action", ("HaltToken", "Alert"))
    return struct("Rule", {"feed": r["feed"], "condition": cond, "consecutive": r["consecutive"],
                           "resume_after": r.get("resume_after", 0), "action": action})


# --------------------------------------------------------------------------------------------------- escrow


def tranche(tr: dict, addr: Resolve, where: str) -> str:
    """`crowdfund_escrow::TrancheTerms` from one [[offering.tranches]]; an `OracleMilestone` is the project's
    oracle's."""
    keys(tr, "offering.tranches", where)
    name, value = variant(tr["condition"], f"{where}.condition", ("AdminApproval", "OracleMilestone"))
    if name == "AdminApproval":
        condition = "AdminApproval"
    elif isinstance(value, dict) and list(value) == ["milestone"]:
        condition = f"OracleMilestone {{ oracle: {addr('oracle')}, milestone: {value['milestone']} }}"
    else:
        raise DeployError(f"{where}.condition: OracleMilestone = {{ milestone = <id> }} (the project's oracle), got "
                          f"{value!r}")
    return struct("TrancheTerms", {"share_bps": tr["share_bps"], "condition": condition})


def offering_terms(e: dict, account: Resolve, addr: Resolve, base: int) -> str:
    """`crowdfund_escrow::OfferingTerms` from [offering]; `base` is the deployment time (ms)."""
    keys(e, "offering")
    price = e["price_per_token"]

    def tokens(key: str) -> int:
        return token_amount(e[key], price, f"offering.{key}")

    tranches = [tranche(tr, addr, f"offering.tranches[{i}]") for i, tr in enumerate(e.get("tranches", []))]
    return struct("OfferingTerms", {
        "sponsor": account(e["sponsor"]),
        "lead_investor": account(e["lead_investor"]),
        "lead_commitment": tokens("lead_commitment"),
        "price_per_token": price,
        "soft_cap": tokens("soft_cap"),
        "hard_cap": tokens("hard_cap"),
        "deadline": moment(e["deadline"], "offering.deadline", base),
        "min_ticket": tokens("min_ticket"),
        "max_ticket": tokens("max_ticket"),
        "non_accredited_cap": tokens("non_accredited_cap"),
        "cooling_off_ms": duration_ms(e["cooling_off_ms"], "offering.cooling_off_ms"),
        "required_claims": claims(e["required_claims"]),
        "blocked_countries": seq(str(c) for c in e.get("blocked_countries", [])),
        "fee_receiver": account(e["fee_receiver"]),
        "fee_bps": e["fee_bps"],
        "tranches": seq(tranches),
        "holdback_bps": e.get("holdback_bps", 0),
        "long_stop_ms": duration_ms(e.get("long_stop_ms", "365 days"), "offering.long_stop_ms"),
    })


# ---------------------------------------------------------------------------------------------- distributor


def distributor_config(d: dict, account: Resolve) -> str:
    """`dividend_distributor::DistributorConfig` from [distributor]."""
    keys(d, "distributor")
    return struct("DistributorConfig", {
        "payout_bps": d["payout_bps"], "reserve": account(d["reserve"]), "tax_account": account(d["tax_account"]),
        "claim_window_ms": duration_ms(d["claim_window_ms"], "distributor.claim_window_ms"),
    })


def tax_args(t: dict, where: str = "distributor.tax") -> list[str]:
    """`dividend_distributor::set_tax_rate` arguments from one `distributor.tax` entry: country, bps."""
    keys(t, "distributor.tax", where)
    return [str(t["country"]), str(t["bps"])]


# ----------------------------------------------------------------------------------------------- usage pass


def pass_args(u: dict, account: Resolve, base: int) -> list[str]:
    """`usage_pass::new` arguments: name, symbol, revenue receiver, long-stop date, and the oracle milestone whose
    attestation opens the facility (and releases the pre-sale money); the oracle defaults to the project's."""
    keys(u, "pass")
    milestone = u.get("opening_milestone")
    if not isinstance(milestone, int) or isinstance(milestone, bool) or not 0 <= milestone < 2**32:
        raise DeployError("pass.opening_milestone: the oracle milestone id (0 .. 2^32-1) whose attestation opens the "
                          f"facility is required, got {milestone!r}")
    return [scon_str(u["name"]), scon_str(u["symbol"]), account(u.get("revenue_receiver", "distributor")),
            str(moment(u["long_stop_at"], "pass.long_stop_at", base)), account(u.get("opening_oracle", "oracle")),
            str(milestone)]


def pass_class(c: dict, base: int, where: str = "pass.classes") -> str:
    """`usage_pass::PassClass` from one [[pass.classes]]."""
    keys(c, "pass.classes", where)
    return struct("PassClass", {
        "price": c["price"], "initial_credit": c["initial_credit"], "unit_price": opt(c.get("unit_price")),
        "validity_ms": duration_ms(c["validity_ms"], f"{where}.validity_ms"),
        "renewal_price": opt(c.get("renewal_price")),
        "activation_at": moment(c.get("activation_at", "0 days after deployment"), f"{where}.activation_at", base),
        "transferable": boolean(c.get("transferable", False)), "daily_cap": c.get("daily_cap", 0),
        "points_per_unit": c.get("points_per_unit", 0),
    })


def meter_args(m: dict, account: Resolve, where: str = "pass.meters") -> list[str]:
    """`usage_pass::set_meter` arguments from one `pass.meters` entry: meter, the classes (by index) as a bit
    mask."""
    keys(m, "pass.meters", where)
    return [account(m["meter"]), str(sum(1 << k for k in m["classes"]))]


# ------------------------------------------------------------------------------------------------- governor


def track(t: dict, where: str = "governor.normal") -> str:
    """`governor::TrackParams` from [governor.normal] or [governor.emergency]."""
    keys(t, "governor.track", where)
    return struct("TrackParams", {
        "voting_delay": t["voting_delay"], "voting_period": t["voting_period"],
        "quorum_bps": t["quorum_bps"], "approval_bps": t["approval_bps"],
        "timelock_ms": duration_ms(t["timelock_ms"], f"{where}.timelock_ms"),
    })


def governor_params(g: dict) -> str:
    """`governor::GovernorParams` from [governor]."""
    keys(g, "governor")
    return struct("GovernorParams", {
        "normal": track(g["normal"], "governor.normal"), "emergency": track(g["emergency"], "governor.emergency"),
        "proposal_threshold": g["proposal_threshold"], "grace_ms": duration_ms(g["grace_ms"], "governor.grace_ms"),
    })


def allowed_call(target_address: str, selector: str, returns: str = "ResultOk") -> str:
    """One allow-list entry: (contract, selector, ReturnKind)."""
    return f"({target_address}, {selector}, {returns})"


def check_project(p: dict):
    """Renders every argument the project's tables give, with a stand-in for each account, so a key or a value that
    cannot become an argument is refused before anything goes on chain (a missing key raises KeyError)."""
    def stand_in(_ref: str) -> str:
        return "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"

    registry_table(p["registry"])
    for i, v in enumerate(p["registry"].get("verifiers", [])):
        verifier_args(v, stand_in, f"registry.verifiers[{i}]")
    token_args(p["token"], stand_in("registry"))
    for i, c in enumerate(p["token"].get("countries", [])):
        country_args(c, f"token.countries[{i}]")
    o = p["oracle"]
    oracle_args(o)
    for i, r in enumerate(o.get("roles", [])):
        role_args(r, stand_in, f"oracle.roles[{i}]")
    for i, f in enumerate(o.get("feeds", [])):
        feed_config(f, f"oracle.feeds[{i}]")
    for i, r in enumerate(o.get("rules", [])):
        rule(r, f"oracle.rules[{i}]")
    offering_terms(p["offering"], stand_in, stand_in, 0)
    distributor_config(p["distributor"], stand_in)
    for i, t in enumerate(p["distributor"].get("tax", [])):
        tax_args(t, f"distributor.tax[{i}]")
    pass_args(p["pass"], stand_in, 0)
    for i, c in enumerate(p["pass"].get("classes", [])):
        pass_class(c, 0, f"pass.classes[{i}]")
    for i, m in enumerate(p["pass"].get("meters", [])):
        meter_args(m, stand_in, f"pass.meters[{i}]")
    governor_params(p["governor"])
    check_promises(p)


def check_promises(p: dict):
    """Refuses a project whose contracts could not keep their promises, naming the key and the reason: the token's
    limits must hold the whole offering (the escrow promises every accepted contribution at the token), pre-sold
    passes must be usable once the facility can open, and milestones must be attestable without any single
    stakeholder's consent and not by the sponsor's side alone."""
    t, e, o, u = p["token"], p["offering"], p["oracle"], p["pass"]

    def tokens(key):
        return token_amount(e[key], 1, f"offering.{key}")

    cap = t.get("supply_cap")
    if cap is not None and cap < tokens("hard_cap"):
        raise DeployError(f"token.supply_cap: {cap} tokens cannot hold the offering's hard cap of "
                          f"{tokens('hard_cap')} tokens (every accepted contribution is promised at the token)")
    max_bps = t.get("max_holding_bps", 0)
    if max_bps:
        if cap is None:
            raise DeployError("token.max_holding_bps: without token.supply_cap the maximum holding is measured "
                              "against the supply, which is zero before the offering: no contribution could be "
                              "delivered; set a supply cap")
        limit = cap * max_bps // 10_000
        for key in ("lead_commitment", "max_ticket"):
            if tokens(key) > limit:
                raise DeployError(f"offering.{key}: {tokens(key)} tokens exceed the maximum holding of {limit} "
                                  f"tokens ({max_bps} bps of the {cap}-token supply cap): the token would refuse it")
    holder_limit = t.get("holder_limit", 0)
    if holder_limit == 1:
        raise DeployError("token.holder_limit: 1 leaves no place for any investor besides the lead")
    long_stop = moment(u["long_stop_at"], "pass.long_stop_at", 0)
    for i, c in enumerate(u.get("classes", [])):
        activation = moment(c["activation_at"], f"pass.classes[{i}].activation_at", 0)
        if activation >= long_stop:
            raise DeployError(f"pass.classes[{i}].activation_at: the class activates when the pass's long-stop "
                              "has passed (the facility can no longer open then): its passes could never be used")
        if duration_ms(c["validity_ms"], f"pass.classes[{i}].validity_ms") <= 0:
            raise DeployError(f"pass.classes[{i}].validity_ms: a pass valid for no time at all")
    required = o.get("attestations_required", 2)
    stakeholders = sorted({r["account"] for r in o.get("roles", []) if r["role"] == "Stakeholder"})
    sponsor_side = sorted({r["account"] for r in o.get("roles", []) if is_sponsor_side(r)})
    milestones = [tr for tr in e.get("tranches", [])
                  if isinstance(tr["condition"], dict) and "OracleMilestone" in tr["condition"]]
    if milestones or u.get("opening_milestone") is not None:
        # One stakeholder posts, `required` others attest; one more keeps any single one from blocking it.
        if len(stakeholders) < required + 1:
            raise DeployError(f"oracle.attestations_required: {required} attestations besides the poster need at "
                              f"least {required + 1} stakeholders; oracle.roles names {len(stakeholders)}")
        if len(stakeholders) < required + 2:
            raise DeployError(f"oracle.roles: with {len(stakeholders)} stakeholders and {required} attestations "
                              "besides the poster, any one stakeholder can block every milestone; name one more")
        if len(sponsor_side) > required:
            raise DeployError(f"oracle.roles: the sponsor's side ({', '.join(sponsor_side)}) can post and attest "
                              f"a milestone alone ({required} attestations needed); it needs at least one "
                              "independent attestation")
