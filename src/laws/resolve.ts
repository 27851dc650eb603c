// What a law says about one letter: the facts a filing needs, resolved against the spec's
// requester, recipient and datasets. Pure: no I/O, no dates computed (timeline.ts does those).
//
// Interface (stable; fields are added, never renamed):
//   resolveLaw(law, spec) -> ResolvedLaw
//     .name / .originalName        the law's name, and in its own language where it has one
//     .language                    { default, accepted, tolerated, letter, accepted_letter, fact }
//     .standing                    { kinds, legal_persons, needed, statement, established, fact }
//     .identification              { required, what, provision, given, fact } | null
//     .fee                         { action: enclose | pay-on-notice | waiver | none | unknown, application,
//                                    waivers, reproduction, commitment, provided, fact }
//     .body                        { kind, label, matched } | null: the recipient's kind of body under the law
//     .appeal                      ResolvedStep[]: the chain for THIS recipient (its route, steps that
//                                  do not exist for its kind removed), each with addressee, term,
//                                  provision, limit (with a machine-readable start), form, certainty
//     .coverage                    CoverageHit[]: what the law does not reach in this request, with the route
//     .response                    { certain, confidence }: whether the response period is certain
//     .silence                     the silence rule, or null
//   appealSteps(law, recipient) -> AppealStep[]: the raw steps of that chain (timeline.ts uses the first)
// A fact's `certain` is true for confidence high or medium; a letter words an uncertain one as an
// estimate ("we understand the law allows ...") and never states it flatly.
import type { RequestSpec } from '../spec/schema.js';
import type { AppealStep, Confidence, Law } from './schema.js';

export interface Fact { source: string; confidence: Confidence; certain: boolean; note?: string }

export interface ResolvedStep {
  step: AppealStep['step'];
  /** Whom the letter is addressed to, by role as the statute names it. */
  addressee: string;
  /** The addressee in the law's own language, for a letter in that language. */
  addressee_original: { text: string; lang: string } | null;
  /** The statute's term: English, and the original where it differs. */
  term: { en: string; original?: string; lang?: string } | null;
  provision: string | null;
  /** The provision in the law's own language, for a letter in that language. */
  provision_original: { text: string; lang: string } | null;
  limit: AppealStep['limit'];
  form: string | null;
  optional: boolean;
  /** The step exists only for some kinds of body and the recipient's kind is not known. */
  conditional: boolean;
  body: string;
  fact: Fact;
}

export interface CoverageHit {
  /** What matched: the recipient, or the dataset at this index. */
  target: { recipient: true } | { dataset: number };
  reason: string;
  route: string;
  fact: Fact;
}

export interface ResolvedLaw {
  code: string;
  name: string;
  originalName: { lang: string; text: string } | null;
  language: { default: string; accepted: string[]; tolerated: string[]; letter: string; accepted_letter: 'yes' | 'tolerated' | 'no' | 'unknown'; fact: Fact };
  standing: {
    kinds: Law['who_may_request']['kind'];
    legal_persons: boolean | null;
    /** The filing must establish the requester's standing (a citizens-only or residents law). */
    needed: boolean;
    /** What the law needs the filing to state, from the registry. */
    statement: string | null;
    /** The spec says who the requester is under the law (requester.standing). */
    established: boolean;
    fact: Fact;
  };
  identification: { required: boolean | null; what: string; provision: string | null; original: { what: string; provision?: string | undefined; lang: string } | null; given: boolean; fact: Fact } | null;
  fee: {
    /**
     * enclose: the law requires an application fee with the filing; pay-on-notice: a fee the body
     * asks for by notice (PAIA s.22(1)); waiver: the spec claims a ground the law has; none; unknown.
     */
    action: 'enclose' | 'pay-on-notice' | 'waiver' | 'none' | 'unknown';
    application: { amount: number | null; currency: string; due: 'with-application' | 'on-notice'; payment: string | null; exempt: string | null; provision: string; provision_original: { text: string; lang: string } | null } | null;
    waivers: { ground: string; provision: string }[];
    reproduction: string | null;
    /** What the filing must say about fees to be processed (US: category and commitment), or null. */
    commitment: string | null;
    /** The spec says how the fee is paid (fees.paid) or claims a waiver ground (fees.waiver_ground). */
    provided: boolean;
    fact: Fact;
  };
  body: { kind: string; label: string; matched: boolean } | null;
  appeal: ResolvedStep[];
  /** The law's test for restricting access, where the registry has it; a letter cites it only when `fact.certain`. */
  restriction: { provision: string; test: string; original: { lang: string; provision: string; test: string } | null; fact: Fact } | null;
  coverage: CoverageHit[];
  response: { certain: boolean; confidence: Confidence };
  silence: { after: { period: number; unit: string } | null; effect: string; remedy: string | null; provision: string; fact: Fact } | null;
}

/** The parts of a spec the law's facts depend on. */
export type ResolveInput = Pick<RequestSpec, 'letter' | 'requester' | 'recipient' | 'datasets' | 'fees'>;

type Sourced = { source?: string; confidence?: Confidence; note?: string };

function fact(law: Law, own?: Sourced): Fact {
  const confidence = own?.confidence ?? law.confidence;
  return { source: own?.source ?? law.source, confidence, certain: confidence !== 'low', ...(own?.note ? { note: own.note } : {}) };
}

export function resolveLaw(law: Law, spec: ResolveInput): ResolvedLaw {
  const body = bodyOf(law, spec.recipient);
  return {
    code: law.code,
    name: law.name,
    originalName: law.original_name ?? null,
    language: language(law, spec.letter.language ?? law.languages?.accepted[0] ?? 'en'),
    standing: standing(law, spec),
    identification: identification(law, spec),
    fee: fee(law, spec),
    body: body ? { kind: body.kind, label: body.label, matched: body.matched } : null,
    appeal: appealChain(law, body),
    restriction: law.restriction_test
      ? { provision: law.restriction_test.provision, test: law.restriction_test.test, original: law.restriction_test.original ?? null, fact: fact(law, law.restriction_test) }
      : null,
    coverage: coverage(law, spec),
    response: { certain: law.confidence !== 'low', confidence: law.confidence },
    silence: law.deadline?.silence
      ? { ...law.deadline.silence, remedy: law.deadline.silence.remedy ?? null, fact: fact(law, law.deadline.silence) }
      : null,
  };
}

/** `pt-BR` matches an accepted `pt`, and `pt` an accepted `pt-BR`: the language is what counts. */
const sameLanguage = (a: string, b: string) => a.split('-')[0]!.toLowerCase() === b.split('-')[0]!.toLowerCase();

function language(law: Law, letter: string): ResolvedLaw['language'] {
  const l = law.languages;
  const accepted = l?.accepted ?? [];
  const tolerated = l?.tolerated ?? [];
  const accepted_letter = !l ? 'unknown' : accepted.some((a) => sameLanguage(a, letter)) ? 'yes' : tolerated.some((a) => sameLanguage(a, letter)) ? 'tolerated' : 'no';
  return { default: accepted[0] ?? 'en', accepted, tolerated, letter, accepted_letter, fact: fact(law, l) };
}

function standing(law: Law, spec: ResolveInput): ResolvedLaw['standing'] {
  const r = law.requester;
  const s = spec.requester.standing;
  return {
    kinds: law.who_may_request.kind,
    legal_persons: r?.legal_persons ?? null,
    needed: law.who_may_request.kind !== 'any-person',
    statement: r?.standing ?? null,
    // A law that does not admit organisations needs a named person; one that does needs the basis.
    established: s !== undefined && (r?.legal_persons !== false || s.person !== undefined || s.basis === 'citizen'),
    fact: fact(law, r),
  };
}

function identification(law: Law, spec: ResolveInput): ResolvedLaw['identification'] {
  const id = law.requester?.identification;
  if (!id) return null;
  return { required: id.required, what: id.what, provision: id.provision ?? null, original: id.original ?? null, given: spec.requester.identification !== undefined, fact: fact(law, id) };
}

function fee(law: Law, spec: ResolveInput): ResolvedLaw['fee'] {
  const f = law.fees;
  const app = f?.application;
  const waivers = (f?.waivers ?? []).map((w) => ({ ground: w.ground, provision: w.provision }));
  const action = app === undefined ? (law.request.fee === false ? 'none' : 'unknown')
    : app === null ? 'none' : spec.fees?.waiver_ground && waivers.length ? 'waiver' : app.due === 'on-notice' ? 'pay-on-notice' : 'enclose';
  return {
    action,
    application: app ? { amount: app.amount, currency: app.currency, due: app.due ?? 'with-application', payment: app.payment ?? null, exempt: app.exempt ?? null, provision: app.provision, provision_original: app.provision_original ?? null } : null,
    waivers,
    reproduction: f?.reproduction ?? null,
    commitment: f?.commitment ?? null,
    provided: spec.fees?.paid !== undefined || (spec.fees?.waiver_ground !== undefined && waivers.length > 0),
    fact: fact(law, app ?? f),
  };
}

type Body = NonNullable<Law['bodies']>[number] & { matched: boolean };

/** The recipient's kind of body: `recipient.body_kind` if given, else the first kind whose pattern matches the institution. */
export function bodyOf(law: Law, recipient: ResolveInput['recipient']): Body | undefined {
  const kinds = law.bodies ?? [];
  if (recipient.body_kind) {
    const b = kinds.find((k) => k.kind === recipient.body_kind);
    return b ? { ...b, matched: true } : undefined;
  }
  const name = [recipient.institution, recipient.office].filter(Boolean).join(' ');
  const b = kinds.find((k) => k.match.some((p) => new RegExp(p, 'iu').test(name)));
  return b ? { ...b, matched: true } : undefined;
}

/** The law's appeal steps for this recipient: its kind of body's own route, or the row's steps that exist for it. */
export function appealSteps(law: Law, recipient: ResolveInput['recipient']): AppealStep[] {
  return stepsFor(law, bodyOf(law, recipient));
}

function stepsFor(law: Law, body: Body | undefined): AppealStep[] {
  return body?.appeal ?? law.appeal.filter((s) => !s.for || !body || s.for.includes(body.kind));
}

function appealChain(law: Law, body: Body | undefined): ResolvedStep[] {
  return stepsFor(law, body).map((s) => ({
    step: s.step,
    addressee: s.addressee ?? s.body,
    addressee_original: s.addressee_original ?? null,
    term: s.term ?? null,
    provision: s.provision ?? null,
    provision_original: s.provision_original ?? null,
    limit: s.limit,
    form: s.form ?? null,
    optional: s.optional === true,
    conditional: s.for !== undefined && !body,
    body: s.body,
    // A step of a body's own route inherits that route's source and confidence.
    fact: fact(law, { source: s.source ?? (body?.appeal ? body.source : undefined), confidence: s.confidence ?? (body?.appeal ? body.confidence : undefined), note: s.note }),
  }));
}

function coverage(law: Law, spec: ResolveInput): CoverageHit[] {
  const hits: CoverageHit[] = [];
  const name = [spec.recipient.institution, spec.recipient.office].filter(Boolean).join(' ');
  for (const c of law.coverage ?? []) {
    const hit = { reason: c.reason, route: c.route, fact: fact(law, c) };
    const bodyRule = c.institutions !== undefined || c.levels !== undefined;
    const bodyHit = (!c.institutions || c.institutions.some((p) => new RegExp(p, 'iu').test(name)))
      && (!c.levels || c.levels.includes(spec.recipient.level));
    // Two rules with one reason (a level, a name) make one finding.
    const seen = hits.some((h) => 'recipient' in h.target && h.reason === c.reason);
    if (bodyRule && !c.categories && bodyHit && !seen) hits.push({ target: { recipient: true }, ...hit });
    if (!c.categories) continue;
    spec.datasets.forEach((d, i) => {
      const inCategory = d.category !== undefined && c.categories!.includes(d.category);
      const detail = !c.granularities || (d.granularity !== undefined && c.granularities.includes(d.granularity));
      if (inCategory && detail && (!bodyRule || bodyHit)) hits.push({ target: { dataset: i }, ...hit });
    });
  }
  return hits;
}
