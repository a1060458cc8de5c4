"""How deploy.py writes each contract argument for `cargo contract` (SCON, the Rust-like notation cargo contract
parses against the contract's metadata): one function per constructor or message argument, from the project's
TOML. Field and variant names here must be the Rust ones: `test_rendering.py` checks every value rendered from
both example projects against the built metadata, so a renamed Rust field fails a test instead of a deployment.

Pure functions only. Accounts come in through `account(ref) -> SS58` and deployed contracts through
`addr(short) -> SS58`, so the module needs neither a chain nor a manifest.
"""
from __future__ import annotations

import json
from typing import Callable

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
MINUTE_MS = 60_000
#: ClaimType's declaration order, which is the bit order of a ClaimSet.
CLAIMS = ("Kyc", "Aml", "Accredited", "Qualified")

Resolve = Callable[[str], str]


class DeployError(Exception):
    """A deployment that cannot go on (here: a project value that cannot become a contract argument); the message
    says why and names the key."""


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


# ---------------------------------------------------------------------------------------------------- token


def compliance_rules(t: dict) -> str:
    """`project_token::ComplianceRules` from [token]."""
    return struct("ComplianceRules", {
        "required_claims": claims(t["required_claims"]),
        "sender_needs_claims": boolean(t.get("sender_needs_claims", False)),
        "country_allowlist_enabled": boolean(t.get("country_allowlist", False)),
        "max_holding_bps": t["max_holding_bps"],
        "holder_limit": t["holder_limit"],
    })


# --------------------------------------------------------------------------------------------------- oracle


def feed_config(f: dict) -> str:
    """`iot_oracle::FeedConfig` from one [[oracle.feeds]]."""
    return struct("FeedConfig", {
        "min_value": f["min"], "max_value": f["max"], "quorum": f["quorum"],
        "round_timeout_ms": f["round_timeout_minutes"] * MINUTE_MS,
        "staleness_ms": f["staleness_minutes"] * MINUTE_MS,
        "cumulative": boolean(f.get("cumulative", False)), "period_ms": f["period_hours"] * HOUR_MS,
    })


def rule(r: dict) -> str:
    """`iot_oracle::Rule` from one [[oracle.rules]]."""
    c = r["condition"]
    if "above" in c:
        cond = f"Above({c['above']})"
    elif "below" in c:
        cond = f"Below({c['below']})"
    elif "deviation_above" in c:
        cond = f"DeviationAbove({c['deviation_above']})"
    elif "average_above" in c:
        cond = f"AverageAbove {{ threshold: {c['average_above']}, samples: {c['samples']} }}"
    else:
        raise DeployError(f"oracle rule condition {c}: use above, below, deviation_above or average_above")
    action = {"halt": "HaltToken", "alert": "Alert"}[r.get("action", "halt")]
    return struct("Rule", {"feed": r["feed"], "condition": cond, "consecutive": r["consecutive"],
                           "resume_after": r.get("resume_after", 0), "action": action})


# --------------------------------------------------------------------------------------------------- escrow


def release(tr: dict, addr: Resolve) -> str:
    """`crowdfund_escrow::ReleaseCondition` of one tranche."""
    if "milestone" in tr:
        return f"OracleMilestone {{ oracle: {addr('oracle')}, milestone: {tr['milestone']} }}"
    return "AdminApproval"


def offering_terms(e: dict, account: Resolve, addr: Resolve, base: int) -> str:
    """`crowdfund_escrow::OfferingTerms` from [offering]; `base` is the deployment time (ms)."""
    price = e["price_per_token"]
    tranches = [struct("TrancheTerms", {"share_bps": tr["share_bps"], "condition": release(tr, addr)})
                for tr in e.get("tranches", [])]
    return struct("OfferingTerms", {
        "sponsor": account(e["sponsor"]),
        "lead_investor": account(e["lead_investor"]),
        "lead_commitment": e["lead_commitment_tokens"] * price,
        "price_per_token": price,
        "soft_cap": e["soft_cap_tokens"] * price,
        "hard_cap": e["hard_cap_tokens"] * price,
        "deadline": base + e["duration_days"] * DAY_MS,
        "min_ticket": e["min_ticket_tokens"] * price,
        "max_ticket": e["max_ticket_tokens"] * price,
        "non_accredited_cap": e["non_accredited_cap_tokens"] * price,
        "cooling_off_ms": e["cooling_off_days"] * DAY_MS,
        "required_claims": claims(e["required_claims"]),
        "blocked_countries": seq(str(c) for c in e.get("blocked_countries", [])),
        "fee_receiver": account(e["fee_receiver"]),
        "fee_bps": e["fee_bps"],
        "tranches": seq(tranches),
        "holdback_bps": e.get("holdback_bps", 0),
        "long_stop_ms": e.get("long_stop_days", 365) * DAY_MS,
    })


# ---------------------------------------------------------------------------------------------- distributor


def distributor_config(d: dict, account: Resolve) -> str:
    """`dividend_distributor::DistributorConfig` from [distributor]."""
    return struct("DistributorConfig", {
        "payout_bps": d["payout_bps"], "reserve": account(d["reserve"]),
        "tax_account": account(d["tax_account"]), "claim_window_ms": d["claim_window_days"] * DAY_MS,
    })


# ----------------------------------------------------------------------------------------------- usage pass


def pass_args(u: dict, account: Resolve, base: int) -> list[str]:
    """`usage_pass::new` arguments: name, symbol, revenue receiver, long-stop date, and the oracle milestone whose
    attestation opens the facility (and releases the pre-sale money); the oracle defaults to the project's."""
    milestone = u.get("opening_milestone")
    if not isinstance(milestone, int) or isinstance(milestone, bool) or not 0 <= milestone < 2**32:
        raise DeployError("pass.opening_milestone: the oracle milestone id (0 .. 2^32-1) whose attestation opens the "
                          f"facility is required, got {milestone!r}")
    return [scon_str(u["name"]), scon_str(u["symbol"]), account(u.get("revenue_receiver", "distributor")),
            str(base + u["long_stop_days"] * DAY_MS), account(u.get("opening_oracle", "oracle")), str(milestone)]


def pass_class(c: dict, base: int) -> str:
    """`usage_pass::PassClass` from one [[pass.classes]]."""
    return struct("PassClass", {
        "price": c["price"], "initial_credit": c["initial_credit"], "unit_price": opt(c.get("unit_price")),
        "validity_ms": c["validity_days"] * DAY_MS, "renewal_price": opt(c.get("renewal_price")),
        "activation_at": base + c.get("activation_in_days", 0) * DAY_MS,
        "transferable": boolean(c.get("transferable", False)), "daily_cap": c.get("daily_cap", 0),
        "points_per_unit": c.get("points_per_unit", 0),
    })


# ------------------------------------------------------------------------------------------------- governor


def track(t: dict) -> str:
    """`governor::TrackParams` from [governor.normal] or [governor.emergency]."""
    return struct("TrackParams", {
        "voting_delay": t["voting_delay_blocks"], "voting_period": t["voting_period_blocks"],
        "quorum_bps": t["quorum_bps"], "approval_bps": t["approval_bps"],
        "timelock_ms": int(t["timelock_hours"] * HOUR_MS),
    })


def governor_params(g: dict) -> str:
    """`governor::GovernorParams` from [governor]."""
    return struct("GovernorParams", {
        "normal": track(g["normal"]), "emergency": track(g["emergency"]),
        "proposal_threshold": g["proposal_threshold"], "grace_ms": g["grace_days"] * DAY_MS,
    })


def allowed_call(target_address: str, selector: str, returns: str = "ResultOk") -> str:
    """One allow-list entry: (contract, selector, ReturnKind)."""
    return f"({target_address}, {selector}, {returns})"
