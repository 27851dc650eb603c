// What a filing needs under its law, checked against the spec through the resolver: the language,
// the requester's standing, the fee, identification, coverage (bodies and records the law does not
// reach) and facts the registry is unsure of. Each warning says what to change in the spec.
import type { Diagnostic } from '../errors.js';
import type { RequestSpec } from '../spec/schema.js';
import { clause } from './deadline.js';
import { resolveLaw, type ResolvedLaw } from './resolve.js';
import type { Law } from './schema.js';

type At = (severity: Diagnostic['severity'], rule: string, path: (string | number)[], message: string) => void;

/** Letter kinds that are filings under the law (a data request only mentions it). */
const FILINGS = new Set(['foi-request', 'follow-up', 'appeal']);

export function filingChecks(spec: RequestSpec, law: Law, at: At): ResolvedLaw {
  const r = resolveLaw(law, spec);
  const filing = FILINGS.has(spec.letter.kind);
  languageCheck(r, at);
  coverageCheck(r, at);
  if (!filing) return r;
  standingCheck(spec, r, at);
  if (spec.letter.kind === 'foi-request') {
    feeCheck(spec, r, at);
    identificationCheck(r, at);
  }
  if (law.deadline?.declared_closures && spec.closures.length === 0) {
    at('warning', 'law-declared-closures', ['law'],
      `the ${r.code} due date counts only statutory holidays, and may be early: ${clause(law.deadline.declared_closures)} (see \`oedr laws ${r.code}\`)`);
  }
  const step = r.appeal[0];
  if (step?.limit && !step.fact.certain) {
    at('warning', 'law-low-confidence-limit', ['law'], `the ${r.code} registry is unsure of the time limit for ${step.term?.en ?? 'the first appeal'} (${step.limit.period} ${step.limit.unit.replace('-', ' ')}${step.fact.note ? `; ${clause(step.fact.note)}` : ''}); letters word it as an estimate: check the statute before relying on it`);
  }
  return r;
}

const list = (tags: string[]) => tags.join(', ');

function languageCheck(r: ResolvedLaw, at: At): void {
  const l = r.language;
  if (l.accepted_letter === 'no') {
    at('warning', 'law-language', ['letter', 'language'],
      `the ${r.code} law expects filings in ${list(l.accepted)}${l.tolerated.length ? ` (${list(l.tolerated)} tolerated in practice)` : ''}, but the letter is in ${l.letter}; the body may ask for a translation and the clock may not start. Set \`letter.language: ${l.default}\` (templates in that language are needed)`);
  } else if (l.accepted_letter === 'tolerated') {
    at('warning', 'law-language', ['letter', 'language'],
      `the ${r.code} law's language is ${list(l.accepted)}; ${l.letter} is accepted in practice only, not as of right. Consider \`letter.language: ${l.default}\``);
  }
}

function standingCheck(spec: RequestSpec, r: ResolvedLaw, at: At): void {
  const s = r.standing;
  if (!s.needed) return;
  const standing = spec.requester.standing;
  const what = s.statement ?? `the requester qualifies under the law (${s.kinds.replace(/-/g, ' ')})`;
  if (!standing) {
    at('warning', 'law-standing', ['requester'],
      `the ${r.code} law admits requests only from ${s.kinds.replace(/-/g, ' ')}, and the filing must establish it: ${clause(what)}. Add \`requester.standing\` (basis: citizen, resident, citizen-controlled-entity or legal-person${s.legal_persons === false ? '; and person: the citizen who makes the request, e.g. "Asha Rao, Secretary"' : ''})`);
  } else if (!s.established) {
    at('warning', 'law-standing', ['requester', 'standing'],
      `the ${r.code} law does not admit organisations as requesters: ${clause(what)}. Add \`requester.standing.person\`: the citizen who makes the request, e.g. an office-bearer ("Asha Rao, Secretary")`);
  }
}

function feeCheck(spec: RequestSpec, r: ResolvedLaw, at: At): void {
  const f = r.fee;
  const app = f.application;
  const grounds = f.waivers.map((w) => `${w.ground} (${w.provision})`).join('; ');
  const fees = spec.fees;
  // Point at the fee statement when there is one, else at the law that asks for it.
  const where = fees ? ['fees'] : ['law'];
  if (f.action === 'enclose' && app && !f.provided) {
    const amount = app.amount === null ? 'an application fee' : `an application fee of ${app.currency} ${app.amount}`;
    at('warning', 'law-fee-required', where,
      `the ${r.code} law requires ${amount} with the application (${app.provision}); without it the application is not valid. Say how it is paid in \`fees.paid\`${app.payment ? ` (${clause(app.payment)})` : ''}${grounds ? `, or claim the law's exemption in \`fees.waiver_ground\`: ${grounds}` : ''}`);
  }
  if (f.commitment && !(fees?.category && (fees.will_pay_up_to || (fees.waiver_requested && fees.reason)))) {
    at('warning', 'law-fee-commitment', where,
      `the ${r.code} law needs the filing to say ${clause(f.commitment)}; otherwise the request may be treated as not perfected. Add \`fees.category\` and \`fees.will_pay_up_to\`, or \`fees.waiver_requested\` with its \`reason\`${grounds ? ` (the law's ground: ${grounds})` : ''}`);
  }
  if (spec.fees?.waiver_requested && app && !spec.fees.waiver_ground) {
    at('warning', 'law-no-fee-waiver', ['fees', 'waiver_requested'],
      `the ${r.code} law has no public-interest waiver of its ${app.due === 'on-notice' ? 'request' : 'application'} fee${grounds ? `; its only ground is: ${grounds}` : app.exempt ? `; only ${clause(app.exempt)} are exempt` : ''}. Set \`fees.waiver_requested: false\`${app.due === 'on-notice' ? ' and pay the fee when the body asks (its notice can be appealed)' : ''}`);
  }
}

function identificationCheck(r: ResolvedLaw, at: At): void {
  const id = r.identification;
  if (!id?.required || id.given) return;
  at('warning', 'law-identification', ['requester'],
    `the ${r.code} law requires the requester's identification in the filing: ${clause(id.what)}${id.provision ? ` (${id.provision})` : ''}. Add \`requester.identification\` (document, and number if it goes in the letter)`);
}

function coverageCheck(r: ResolvedLaw, at: At): void {
  for (const hit of r.coverage) {
    const path = 'recipient' in hit.target ? ['recipient', 'institution'] : ['datasets', hit.target.dataset, 'category'];
    const what = 'recipient' in hit.target ? 'the recipient' : `dataset ${hit.target.dataset + 1}`;
    at('warning', 'law-coverage', path, `the ${r.code} law does not reach ${what}: ${clause(hit.reason)}. Suggested route: ${clause(hit.route)}`);
  }
}
