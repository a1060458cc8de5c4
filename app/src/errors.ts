// Every contract error the app can meet, as a sentence. The contracts' errors arrive decoded by Dedot as
// `{ type: 'Variant', value }` (fields of a variant with several fields as a tuple, in declaration order) or, for
// enums without fields, as the variant's name.
import { amount, claimSet, country, date, short } from './format';

type Variant = { type: string; value?: any } | string;

const units = { native: 12, unit: 'UNIT', tokenDecimals: 0, tokenSymbol: 'tokens' };
export function setUnits(u: Partial<typeof units>) {
  Object.assign(units, u);
}
const tok = (v: bigint) => `${amount(v, units.tokenDecimals)} ${units.tokenSymbol}`;
const nat = (v: bigint) => amount(v, units.native, units.unit);
const who = (a: unknown) =>
  short(a && typeof (a as { address?: unknown }).address === 'function' ? (a as { address: () => string }).address() : String(a));
const party = (p: string) => (p === 'Sender' ? 'the sender' : 'the recipient');
const Party = (p: string) => (p === 'Sender' ? 'The sender' : 'The recipient');

function split(e: Variant): [string, any] {
  return typeof e === 'string' ? [e, undefined] : [e.type, e.value];
}

/** The token's `TransferRestriction` (from `can_transfer`, `can_mint`, or a refused transfer). */
export function transferRestriction(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Paused': return 'The token is paused by its admin: no transfers for now.';
    case 'Halted': return `Trading is halted by a guardian (reason code ${v}).`;
    case 'InsufficientBalance': return `The sender holds ${tok(v[0])}, less than the ${tok(v[1])} to send.`;
    case 'InsufficientUnlocked':
      return `The sender holds ${tok(v[0])}, but ${tok(v[1])} are locked up and ${tok(v[2])} frozen, leaving less than the ${tok(v[3])} to send.`;
    case 'AccountFrozen': return `${Party(v)}'s account is frozen on this token by its agent.`;
    case 'IdentityFrozen': return `${Party(v[0])}'s identity #${v[1]} is frozen by a regulator.`;
    case 'NotRegistered': return `${Party(v)} is not registered: the wallet belongs to no identity in the compliance registry.`;
    case 'MissingClaims': return `${Party(v[0])} lacks a valid claim the token requires: ${claimSet(v[1])}.`;
    case 'CountryBlocked': return `${Party(v[0])}'s country, ${country(v[1])}, is blocked from holding this token.`;
    case 'CountryNotAllowed': return `${Party(v[0])}'s country, ${country(v[1])}, is not on the token's allow-list.`;
    case 'MaxHoldingExceeded':
      return `Identity #${v[0]} would hold ${tok(v[1])}, above the maximum of ${tok(v[2])} one identity may hold.`;
    case 'HolderLimitReached': return `The token already has its maximum of ${v} holders; a new holder cannot be added.`;
    case 'SupplyCapExceeded': return `The supply would reach ${tok(v[1])}, above the cap of ${tok(v[0])}.`;
    case 'RegistryUnavailable': return 'The compliance registry could not be asked.';
    case 'Overflow': return 'The amount is too large for the token’s arithmetic.';
    case 'RecipientIsToken': return 'Tokens sent to the token contract itself would be lost.';
    case 'ExemptAccountLinked':
      return `${Party(v[0])} is exempt on this token, yet the registry links it to identity #${v[1]}: exemption does not escape an identity's rules.`;
  }
  return generic(e);
}

export function mintRefusal(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Paused': return 'the token is paused';
    case 'Halted': return `trading is halted (reason code ${v})`;
    case 'AccountFrozen': return 'the account is frozen on the token';
    case 'IdentityFrozen': return `identity #${v} is frozen`;
    case 'NotRegistered': return 'the wallet is not registered';
    case 'MissingClaims': return `a required claim is missing: ${claimSet(v)}`;
    case 'CountryBlocked': return `${country(v)} is blocked`;
    case 'CountryNotAllowed': return `${country(v)} is not allowed`;
    case 'MaxHoldingExceeded': return `identity #${v[0]} would hold ${tok(v[1])}, above the ${tok(v[2])} limit`;
    case 'HolderLimitReached': return `the token has its maximum of ${v} holders`;
    case 'SupplyCapExceeded': return `the supply would reach ${tok(v[1])}, above the cap of ${tok(v[0])}`;
    case 'RegistryUnavailable': return 'the registry could not be asked';
    case 'ZeroAmount': return 'the amount is zero';
    case 'NotIssuer': return 'the offering no longer holds the token\'s issuer role';
    case 'AnotherIssuerReserved': return `another offering (${who(v)}) holds the token's promises`;
    case 'NotReserved': return `identity #${v[0]} is promised ${tok(v[1])}, not ${tok(v[2])}`;
    case 'WalletOfAnotherIdentity':
      return `the wallet no longer belongs to identity #${v[0]}: claim to another wallet of that identity`;
    case 'NotBacked': return `the port holds only ${tok(v[0])} for the other chain, not ${tok(v[1])}`;
  }
  return 'the token refuses for another reason';
}

export function psp22Error(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Custom': return `The token refused: ${v}.`;
    case 'InsufficientBalance': return 'The balance is too low.';
    case 'InsufficientAllowance': return 'The allowance is too low.';
    case 'ZeroRecipientAddress': return 'The recipient is the zero address.';
    case 'ZeroSenderAddress': return 'The sender is the zero address.';
    case 'SafeTransferCheckFailed': return `The recipient contract refused the tokens: ${v}.`;
  }
  return generic(e);
}

export function tokenError(e: Variant): string {
  const [t, v] = split(e);
  if (t === 'Restricted') return transferRestriction(v);
  if (t === 'Halt') return haltError(v);
  if (t === 'Admin') return adminError(v, 'token');
  if (t === 'AlreadyConstructed') return 'The token is constructed already.';
  return generic(e);
}

/**
 * The `AdminError` every administered contract's error wraps in its `Admin` variant (`Admin(NotAdmin(..))`), for
 * the contract named `contract` ("offering", "distributor", ...).
 */
export function adminError(e: Variant, contract: string): string {
  const [t, v] = split(e);
  if (t === 'NotAdmin') return `${who(v)} is not the ${contract}'s admin.`;
  if (t === 'NotPendingAdmin') return `${who(v)} is not the ${contract}'s pending admin.`;
  return generic(e);
}

function haltError(e: Variant): string {
  const [t, v] = split(e);
  if (t === 'NotGuardian') return `${who(v)} is not a guardian of the token.`;
  if (t === 'AlreadyHalted') return 'Trading is already halted.';
  if (t === 'NotHalted') return 'Trading is not halted.';
  return generic(e);
}

const PHASES: Record<string, string> = {
  AwaitingLead: 'waiting for the lead investor', Open: 'open', Succeeded: 'succeeded', Failed: 'failed',
  Cancelled: 'cancelled',
};
export const phaseName = (p: string) => PHASES[p] ?? p;

export function escrowError(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Admin': return adminError(v, 'offering');
    case 'WrongPhase': return `Not possible while the offering is ${phaseName(v)}.`;
    case 'LeadInvestorFirst': return `The lead investor (${who(v)}) must commit first.`;
    case 'LeadCommitmentTooSmall': return `The lead investor must commit at least ${nat(v[0])}; ${nat(v[1])} was offered.`;
    case 'SaleClosed': return `The sale closed at ${date(v)}.`;
    case 'ZeroAmount': return 'Send a non-zero amount.';
    case 'NotWholeTokens': return `${nat(v[0])} does not buy a whole number of tokens at ${nat(v[1])} each.`;
    case 'BelowMinTicket': return `The minimum ticket is ${nat(v[0])}; ${nat(v[1])} was offered.`;
    case 'AboveMaxTicket': return `The maximum ticket is ${nat(v[0])}; this would bring the identity to ${nat(v[1])}.`;
    case 'NonAccreditedCapExceeded':
      return `An investor without an accredited-investor claim may commit at most ${nat(v[0])}; this would bring it to ${nat(v[1])}.`;
    case 'HardCapExceeded': return `This would pass the hard cap of ${nat(v[0])}: only ${nat(v[1])} is left.`;
    case 'NotRegistered': return `${who(v)} is not registered in the compliance registry: it cannot invest.`;
    case 'IdentityFrozen': return `Identity #${v} is frozen by a regulator.`;
    case 'MissingClaims': return `A required claim is missing or expired: ${claimSet(v)}.`;
    case 'CountryBlocked': return `Investors from ${country(v)} may not take part in this offering.`;
    case 'RegistryUnavailable': return 'The compliance registry could not be asked.';
    case 'NotYetFinalizable':
      return `The offering cannot be finalised yet: the deadline is ${date(v[0])}, cooling-off runs until ${date(v[1])} (now ${date(v[2])}).`;
    case 'NoPosition': return `${who(v)} has no position in this offering.`;
    case 'NoCoolingOffRight': return `${who(v)} has no cooling-off right (only retail investors have one).`;
    case 'CoolingOffOver': return `The cooling-off window ended at ${date(v)}.`;
    case 'NoTrancheLeft': return 'No tranche is left to release.';
    case 'MilestoneNotAttested': return `Milestone ${v[1]} is not attested yet.`;
    case 'OracleUnavailable': return 'The oracle could not be asked.';
    case 'MintRefused': return `The token refused to deliver the tokens: ${mintRefusal(v)}.`;
    case 'ReleaseRefused': return `The token refused to take back the promise: ${mintRefusal(v)}.`;
    case 'PromisesKeptUntil': return `The token's promises for this offering stand until its long-stop, ${date(v)}.`;
    case 'RefusalOwn':
      return `The refusal (${mintRefusal(v[0])}) comes from the investor's own standing: mend it and claim the tokens; a refund from the holdback is possible from ${date(v[1])}.`;
    case 'NoSuchTranche': return `There is no tranche ${v}.`;
    case 'TrancheAlreadyReleased': return `Tranche ${v} has been released already.`;
    case 'TokenUnavailable': return 'The token could not be asked.';
    case 'PaymentFailed': return `Paying ${nat(v[1])} to ${who(v[0])} failed.`;
    case 'Undeliverable': return `The token would not deliver ${tok(v[0])}: ${mintRefusal(v[1])}.`;
    case 'StillDeliverable': return `${who(v)}'s tokens can still be delivered: claim them instead.`;
    case 'RefusalTemporary': return `The token refuses only for now (${mintRefusal(v)}): try again later.`;
    case 'HoldbackExhausted': return `The holdback (${nat(v[0])}) cannot cover ${nat(v[1])}.`;
    case 'NothingHeldBack': return 'Nothing is held back.';
    case 'HoldbackLocked': return `The holdback stays locked: ${v[0]} positions undelivered until ${date(v[1])}.`;
    case 'NotPositionHolder': return `${who(v[0])} does not hold identity #${v[1]}'s position.`;
    case 'NotSameIdentity': return `${who(v[0])} does not belong to identity #${v[1]}.`;
    case 'Overflow': return 'An amount overflowed.';
    case 'InvalidTerms': return `The offering's terms are invalid (${generic(v)}).`;
  }
  return generic(e);
}

/** Why governance parameters were refused: each bound keeps governance able to decide again. */
function paramsRule(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'ZeroBlocks': return 'a period of zero blocks';
    case 'BadBps': return 'a share above 100%';
    case 'ZeroGrace': return 'a zero grace period';
    case 'DelayTooLong': return `a voting delay above ${v} blocks`;
    case 'PeriodTooLong': return `a voting period above ${v} blocks`;
    case 'TimelockTooLong': return `a timelock above ${Number(v) / 3_600_000} hours`;
    case 'QuorumTooHigh': return `a quorum above ${Number(v) / 100}% of the supply`;
    case 'ApprovalOutOfRange': return `an approval share outside ${Number((v as unknown[])[0]) / 100}%–${Number((v as unknown[])[1]) / 100}%`;
    case 'ThresholdTooHigh': return `a proposal threshold above ${tok(v)}, 5% of the supply`;
  }
  return generic(e);
}

export function distributorError(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Admin': return adminError(v, 'distributor');
    case 'NotDepositor': return `${who(v)} may not deposit revenue.`;
    case 'InvalidBps': return `${v} basis points is more than 100%.`;
    case 'ZeroClaimWindow': return 'The claim window cannot be zero.';
    case 'TooManyExcluded': return `At most ${v} accounts may be excluded.`;
    case 'TaxRateTooHigh': return `A tax rate of ${v[0]} basis points is above the maximum of ${v[1]}.`;
    case 'NotRecovered': return `${who(v)} was not recovered to another wallet.`;
    case 'InvalidCountry': return `${v} is not a valid country code.`;
    case 'DepositRefused': return 'The deposit was refused (the asset could not be received).';
    case 'Overflow': return 'An amount overflowed.';
    case 'ZeroAmount': return 'Send a non-zero amount.';
    case 'LabelTooLong': return `A label is ${v[0]} bytes, above the ${v[1]} allowed.`;
    case 'NoEligibleSupply': return `No tokens were eligible at block ${v}: nobody to distribute to.`;
    case 'UnknownDistribution': return `There is no distribution #${v}.`;
    case 'NotExpired': return `Distribution #${v[0]} is claimable until ${date(v[1])}.`;
    case 'AlreadyClosed': return `Distribution #${v} is closed.`;
    case 'HolderFrozen': return `${who(v)} is frozen: its share is held for it.`;
    case 'NothingToClaim': return `${who(v)} has nothing to claim.`;
    case 'BatchTooLarge': return `At most ${v[1]} holders at once (${v[0]} given).`;
    case 'PaymentFailed': return `Paying ${nat(v[2])} to ${who(v[1])} failed.`;
    case 'TokenUnavailable': return 'The token could not be asked.';
    case 'RegistryUnavailable': return 'The compliance registry could not be asked.';
    case 'AlreadyConstructed': return 'The distributor is constructed already.';
  }
  return generic(e);
}

export function governorError(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'NotSelf': return 'Only the governor itself (through a proposal) may do this.';
    case 'NotProposerOrGuardian': return `${who(v)} is neither the proposer nor the guardian.`;
    case 'NotEmergencyOpener': return `${who(v)} may not open an emergency proposal.`;
    case 'TooManyCalls': return `A proposal may make at most ${v} calls.`;
    case 'InputTooLong': return `The input of call #${v[0]} is longer than ${v[1]} bytes.`;
    case 'InvalidParams': return `The governance parameters are invalid (${paramsRule(v)}).`;
    case 'AcceptFailed': return `Accepting the admin role of ${who(v[0])} failed (${v[1]}).`;
    case 'Overflow': return 'An amount overflowed.';
    case 'BelowThreshold': return `Proposing needs ${tok(v[1])}; this identity holds ${tok(v[0])}.`;
    case 'NoCalls': return 'A proposal needs at least one call.';
    case 'CallNotAllowed': return `The governor may not call that message (${v[1]}) on ${who(v[0])}.`;
    case 'UnknownProposal': return `There is no proposal #${v}.`;
    case 'WrongState': return `Proposal #${v[0]} is ${String(v[1]).toLowerCase()}: not possible now.`;
    case 'NotVerified': {
      const reason = { NotRegistered: 'it is not registered', MissingKyc: 'it has no valid KYC claim', Frozen: 'its identity is frozen' }[v[1] as string] ?? v[1];
      return `${who(v[0])} may not vote: ${reason}.`;
    }
    case 'AlreadyVoted': return `Identity #${v} has already voted on this proposal.`;
    case 'NoVotingPower': return `Identity #${v} held no tokens at the proposal's snapshot: no voting power.`;
    case 'TimelockNotElapsed': return `The timelock runs until ${date(v)}.`;
    case 'ExecutionFailed': return `Call #${v[0]} of the proposal failed (${v[1]}).`;
    case 'TokenUnavailable': return 'The token could not be asked.';
    case 'RegistryUnavailable': return 'The compliance registry could not be asked.';
    case 'GuardianCannotCancel': return `The guardian cannot cancel proposal #${v}.`;
    case 'RegistryChangedSinceProposal': return `The registry changed (block ${v[1]}) after proposal #${v[0]} was weighed: propose it again.`;
    case 'AlreadyConstructed': return 'The governor is constructed already.';
    case 'TokenOnAnotherRegistry': return `The token asks another registry (${who(v[0])}) than the governor (${who(v[1])}): votes cannot be weighed, and a proposal must move both together.`;
  }
  return generic(e);
}

export function registryError(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Admin': return adminError(v, 'registry');
    case 'NotVerifier': return `${who(v)} is not a verifier.`;
    case 'NotTrustedForClaim': return `${who(v[0])} may not issue ${v[1]} claims.`;
    case 'WalletAlreadyRegistered': return `${who(v[0])} already belongs to identity #${v[1]}.`;
    case 'WalletNotRegistered': return `${who(v)} is not registered.`;
    case 'ExpiryInPast': return `The expiry ${date(v[0])} is in the past (now ${date(v[1])}).`;
    case 'UnknownIdentity': return `There is no identity #${v}.`;
    case 'IdentityIsFrozen': return `Identity #${v} is frozen.`;
    case 'NotRegistrar': return `${who(v[0])} is not the registrar of identity #${v[1]}: only the platform that registered it (or the admin) may change its wallets.`;
    case 'NotRegulator': return `${who(v)} is not a regulator of this registry.`;
    case 'NotClaimIssuer': return `Only the claim's issuer ${who(v[1])} or the admin may revoke it, not ${who(v[0])}.`;
    case 'InvalidCountry': return `${v} is not an ISO 3166-1 numeric country code (1 to 999).`;
    case 'TooManyWallets': return `Identity #${v[0]} already has ${v[1]} wallets, the most one identity may have.`;
    case 'ClaimNotFound': return `Identity #${v[0]} holds no ${v[1]} claim.`;
    case 'AlreadyFrozen': return `Identity #${v} is already frozen.`;
    case 'NotFrozen': return `Identity #${v} is not frozen.`;
    case 'RegistrarNotTrusted': return `${who(v[0])}, the registrar of identity #${v[1]}, is no longer a verifier of the alliance.`;
    case 'TokenRefusedLink': return `The token ${who(v[0])} refused the change for ${who(v[1])} (${typeof v[2] === 'string' ? v[2] : v[2]?.type}): the wallet's balance would break the token's rules under its new identity.`;
    case 'TokenUnreachable': return `The token ${who(v)} could not be told of the change, so it was not made.`;
  }
  return generic(e);
}

export function passError(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Admin': return adminError(v, 'pass');
    case 'UnknownClass': return `There is no pass class #${v}.`;
    case 'NotOnSale': return `Class #${v} is not on sale.`;
    case 'WrongPayment': return `This costs ${nat(v[0])}; ${nat(v[1])} was paid.`;
    case 'NotOffered': return `Class #${v} does not offer this (no top-up or renewal in its terms).`;
    case 'FacilityAbandoned': return `The facility did not open by its long-stop (${date(v)}): passes are refunded, no longer sold.`;
    case 'RefundNotAvailable': return `No refund yet: passes are refunded only if the facility has not opened by its long-stop, ${date(v)}.`;
    case 'UnknownPass': return `There is no pass #${v}.`;
    case 'NotHolder': return `${who(v[0])} does not hold pass #${v[1]}.`;
    case 'NotActiveYet': return `Pass #${v} is not active yet: its validity starts when the facility opens.`;
    case 'Expired': return `Pass #${v} has expired.`;
    case 'InsufficientCredit': return `The pass has ${v[0]} units of credit; ${v[1]} are needed.`;
    case 'DailyCapReached': return `The pass's daily cap is ${v[0]} units; ${v[1]} are used today and ${v[2]} more were asked.`;
    case 'PaymentFailed': return `The payment of ${nat(v[1])} to ${who(v[0])} could not be made.`;
  }
  return generic(e);
}

/** The IoT oracle's `OracleError` (milestones and documents; the sensors' refusals read generically). */
export function oracleError(e: Variant): string {
  const [t, v] = split(e);
  switch (t) {
    case 'Admin': return adminError(v, 'oracle');
    case 'MissingRole': return `${who(v[0])} is not a ${String(v[1]).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} of this oracle.`;
    case 'UnknownMilestone': return `No milestone #${v} has been posted.`;
    case 'MilestoneExists': return `Milestone #${v} is attested: its evidence is final.`;
    case 'EvidenceAwaitingAttestation': return `Another stakeholder's evidence for milestone #${v[0]} awaits attestation: only its poster may replace it before ${date(v[1])}.`;
    case 'SelfAttestation': return `The poster of milestone #${v} cannot attest it.`;
    case 'AlreadyAttested': return `${who(v[1])} already attested milestone #${v[0]}.`;
    case 'CidTooLong': return `The document's address is ${v[0]} bytes; at most ${v[1]}.`;
  }
  return generic(e);
}

/** Fallback for variants without a sentence above: "NotAdmin(5Grw…utQY)" -> "Not admin (5Grw…utQY)." */
export function generic(e: Variant): string {
  const [t, v] = split(e);
  const words = t.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const head = words.charAt(0).toUpperCase() + words.slice(1);
  if (v === undefined) return `${head}.`;
  const show = (x: unknown): string =>
    typeof x === 'bigint' ? x.toString() : typeof x === 'object' && x !== null
      ? ('type' in (x as object) ? (x as any).type : JSON.stringify(x, (_, y) => (typeof y === 'bigint' ? y.toString() : y)))
      : typeof x === 'string' && x.length > 20 ? short(x) : String(x);
  return `${head} (${Array.isArray(v) ? v.map(show).join(', ') : show(v)}).`;
}
