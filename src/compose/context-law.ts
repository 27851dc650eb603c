// The law as a letter cites it: its name (once, in its own language with a translation), the
// response period and whether it is certain, standing, identification, the application fee, and
// the appeal step for this recipient with the statute's own term and provision. Facts come from
// the registry resolved for this spec (laws/resolve.ts); nothing here is printed as prose.
import { readFileSync } from 'node:fs';
import type { Timeline } from '../laws/timeline.js';
import type { RequestSpec } from '../spec/schema.js';
import { localDigits, word, wordOr, type Words } from './context.js';
import { languageOf } from './language.js';

/** The part of laws/resolve.ts's ResolvedLaw a letter reads (tests may give just this much). */
export interface LawFacts {
  name: string;
  originalName: { lang: string; text: string } | null;
  standing: { needed: boolean };
  identification: { required: boolean | null; what: string; provision: string | null; original?: { what: string; provision?: string | undefined; lang: string } | null } | null;
  fee: {
    action: 'enclose' | 'pay-on-notice' | 'waiver' | 'none' | 'unknown';
    application: { amount: number | null; currency: string; payment: string | null; provision: string; provision_original?: Localized | null } | null;
    waivers: { ground: string; provision: string }[];
  };
  appeal: { step: string; addressee: string; addressee_original?: { text: string; lang: string } | null; body: string; term: { en: string; original?: string; lang?: string } | null; provision: string | null; limit: { period: number; unit: string; starts?: string } | null; form: string | null; fact?: { certain: boolean }; provision_original?: { text: string; lang: string } | null; optional?: boolean }[];
  response: { certain: boolean };
  restriction?: { provision: string; test: string; original: { lang: string; provision: string; test: string } | null; fact: { certain: boolean } } | null;
}

type DateText = (iso?: string) => string | null;
type Localized = { text: string; lang: string };
const lang = (tag: string) => tag.split('-')[0]!.toLowerCase();
/** A provision as the letter's language cites it ("الفصل 30", "दफा ९"): the registry's version in that language, else as given. */
const provisionIn = (provision: string | null | undefined, original: Localized | null | undefined, letterLang: string) =>
  (original && lang(original.lang) === letterLang ? original.text : provision) ?? null;

/** CLDR plural categories, in the order a words.yaml lists a unit's forms ("день|дня|дней|дня"). */
const PLURAL_ORDER = ['one', 'two', 'few', 'many', 'other'];

/**
 * "10 working days": the unit's form for n. A unit given as one word is used for every n; one given as
 * forms split by "|" ("рабочий день|рабочих дня|рабочих дней") is chosen by the language's CLDR plural
 * category (Intl.PluralRules: 1 and 21 one, 2-4 few, 5-20 many), the last form standing for any it lacks.
 */
function unitForm(words: Words, unit: string, n: number, tag: string): string {
  const forms = word(words, 'units', unit).split('|');
  if (forms.length === 1) return forms[0]!;
  const rules = new Intl.PluralRules(tag);
  const present = PLURAL_ORDER.filter((c) => rules.resolvedOptions().pluralCategories.includes(c as Intl.LDMLPluralRule));
  return forms[present.indexOf(rules.select(n))] ?? forms.at(-1)!;
}

/** Commission-like steps: after an internal first step, the one a follow-up may name as coming next. */
const complaintSteps = ['information-commission', 'ombudsman', 'oversight-body'];

/** "the Access to Information Act, 2016"; names cited by number or in another language read bare. */
export function inText(name: string, words: Words, pattern: 'the_law' | 'the_institution'): string {
  const bare = typeof words.no_article === 'string' && new RegExp(words.no_article, 'u').test(name);
  if (bare) return name;
  // Spanish institutions take "el" or "la" by gender: words.yaml `feminine_names` lists the feminine ones.
  const feminine = pattern === 'the_institution' && typeof words.feminine_names === 'string' && new RegExp(words.feminine_names, 'u').test(name);
  return word(words, 'phrases', feminine ? 'the_institution_feminine' : pattern).replace('{name}', name);
}

/**
 * How the letter names the law, once: the spec's legal_basis as written, else the law's own name
 * (in its language; with the registry's name as the translation when the letter is in another).
 */
function statute(spec: RequestSpec, t: Timeline | undefined, facts: LawFacts | undefined, words: Words) {
  const basis = spec.legal_basis ? spec.legal_basis.trim().replace(/(?<!\.)\.$/, '') : null;
  const own = lawName(spec, t, facts, words);
  return basis || !own ? { statute: basis, statute_translation: null } : { statute: own.title, statute_translation: own.translation };
}

/**
 * The law's own name as it reads in a sentence, with the registry's name as its translation where
 * the languages differ. An original in a script the bundled fonts cannot show (an English letter
 * citing an Arabic or Georgian title) gives way to the registry's name: every format of a letter
 * says the same, and the PDF could not.
 */
function lawName(spec: RequestSpec, t: Timeline | undefined, facts: LawFacts | undefined, words: Words) {
  if (!t) return null;
  const original = facts?.originalName ?? (t.law.original_name ? { lang: t.law.original_name.lang, text: t.law.original_name.text } : null);
  // A letter in the law's own language, or in one the registry has its name in (Canada's French
  // title, Tunisia's French one), names it by that name, with no translation.
  const own = [...(original ? [original] : []), ...(t.law.other_names ?? [])].find((n) => lang(n.lang) === lang(languageOf(spec)));
  if (own) return { title: inText(own.text, words, 'the_law'), translation: null };
  if (original && facts && showable(original.text)) return { title: original.text, translation: facts.name };
  return { title: inText(t.law.name, words, 'the_law'), translation: null };
}

/**
 * "10 days", in the unit's form for n (unitForm) and the letter's digits. Romanian joins 20 and more to the noun with "de" unless the last two digits are 01-19
 * ("20 de zile", "101 zile"): a language that does so gives words.phrases.count_20_up ("{n} de {unit}").
 */
export function countText(words: Words, n: number, u: string, tag: string): string {
  const unit = unitForm(words, u, n, tag);
  const big = wordOr(words, 'phrases', 'count_20_up');
  const de = big && n >= 20 && (n % 100 === 0 || n % 100 >= 20);
  const digits = localDigits(n, words);
  return de ? big.replace('{n}', digits).replace('{unit}', unit) : `${digits} ${unit}`;
}

export function lawContext(spec: RequestSpec, t: Timeline | undefined, facts: LawFacts | undefined, words: Words, d: DateText) {
  const due = t?.response.status === 'due' ? t.response : undefined;
  const unit = (u: string, n: number) => countText(words, n, u, languageOf(spec));
  const named = statute(spec, t, facts, words);
  const own = lawName(spec, t, facts, words);
  const appealed = appeal(spec, t, facts, words, d);
  return {
    ...named,
    law: {
      code: t?.law.code ?? null,
      name: t?.law.name ?? null,
      /** The law's own name in a sentence, without the spec's sections: for citing a provision "of" it. */
      title: own?.title ?? null,
      title_translation: own?.translation ?? null,
      citation: t?.law.citation ?? null,
      period_text: t?.law.response ? unit(t.law.response.unit, t.law.response.period) : null,
      /** False where the registry's period is low-confidence: the letter then words it as an estimate. */
      period_certain: facts ? facts.response.certain : t?.law.confidence !== 'low',
      due_text: due ? d(due.due) : null,
      due_passed: due ? spec.letter.date > due.due : false,
      follow_up_text: d(t?.followUp),
      counted_from_text: d(t?.from),
      purpose_required: t?.law.request.purpose_required === true,
      standing_needed: facts ? facts.standing.needed : (t ? t.law.who_may_request.kind !== 'any-person' : false),
      identification: identification(spec, facts),
      fee: fee(spec, facts, lang(languageOf(spec)), words),
      appeal: appealed,
      complaint: complaint(appealed, spec, facts, words),
      restriction: restriction(facts, lang(languageOf(spec))),
    },
  };
}

/**
 * The law's test for restricting access, in the letter's language: the registry's own wording where
 * the letter is in the law's language, its English one in an English letter; none where it is uncertain.
 */
function restriction(facts: LawFacts | undefined, letterLang: string) {
  const r = facts?.restriction;
  const own = r?.fact.certain ? (r.original && lang(r.original.lang) === letterLang ? r.original : letterLang === 'en' ? r : null) : null;
  return { provision: own?.provision ?? null, test: own?.test ?? null };
}

/** What identification the law requires, in the law's own words where the letter is in its language. */
function identification(spec: RequestSpec, facts: LawFacts | undefined) {
  const id = facts?.identification;
  const own = id?.original && lang(id.original.lang) === lang(languageOf(spec)) ? id.original : null;
  return { required: id?.required === true, what: id?.required ? (own?.what ?? id.what) : null, provision: own ? own.provision ?? null : id?.provision ?? null };
}

/** The application fee the law requires (enclosed), a waiver only on a ground the law provides. */
function fee(spec: RequestSpec, facts: LawFacts | undefined, letterLang: string, words: Words) {
  const f = facts?.fee;
  const given = spec.fees;
  const app = f?.action === 'enclose' || f?.action === 'pay-on-notice' || f?.action === 'waiver' ? f.application : null;
  const claimed = given?.waiver_ground ?? null;
  const ground = claimed && f?.waivers.length ? f.waivers[0]! : null;
  return {
    enclose: f?.action === 'enclose',
    /** The law's request fee is paid when the body asks for it by notice (PAIA s.22(1)). */
    on_notice: f?.action === 'pay-on-notice',
    amount_text: app?.amount !== null && app?.amount !== undefined ? money(app.amount, app.currency, words) : null,
    provision: provisionIn(app?.provision, app?.provision_original, letterLang),
    payment: app?.payment ?? null,
    paid: given?.paid ?? null,
    /** The law provides a waiver ground and the spec claims it. */
    waiver: Boolean(ground),
    waiver_ground: ground ? claimed : null,
    waiver_provision: ground?.provision ?? null,
    /** The registry knows the law's fees and it provides no waiver: a letter then never asks for one. */
    no_waiver: Boolean(f && f.action !== 'unknown' && f.waivers.length === 0),
  };
}

/**
 * "INR 10", or as words.yaml `money` writes an amount ("5 $" in Canadian French: `format` with
 * {amount} and {symbol}, `symbols` by currency code, the code where none is given).
 */
function money(amount: number, currency: string, words: Words): string {
  const m = words.money as { format?: string; symbols?: Record<string, string> } | undefined;
  // Nepali and Bangla write the amount in their own digits (words.yaml digits).
  if (!m?.format) return `${currency} ${localDigits(amount, words)}`;
  return m.format.replace('{amount}', localDigits(amount, words)).replace('{symbol}', m.symbols?.[currency] ?? currency);
}

type Step = LawFacts['appeal'][number];

/** The first step of the recipient's appeal route: whom to address, the statute's term and provision. */
function appeal(spec: RequestSpec, t: Timeline | undefined, facts: LawFacts | undefined, words: Words, d: DateText) {
  const raw = t?.appeal?.step;
  const first = facts?.appeal[0];
  const letterLang = lang(languageOf(spec));
  const step: Step | undefined = first ? { ...first, addressee: addresseeIn(first, letterLang, words) } : raw ? {
    step: raw.step, addressee: raw.addressee ?? word(words, 'appeal_bodies', raw.step), body: raw.body, term: null, provision: null, limit: raw.limit, form: null,
  } : undefined;
  const kind = step?.step;
  const internal = kind === 'internal-review' || kind === 'higher-authority';
  const term = step ? termIn(step, letterLang, words) : null;
  return {
    kind: kind ?? null,
    addressee: step?.addressee ?? null,
    addressee_in_text: step ? inText(step.addressee, words, 'the_institution') : null,
    term,
    /** The term opening a heading: "Internal review", "First Appeal". */
    term_heading: term ? capitalise(term) : null,
    /** The term as a heading in capitals, where the script has them: "RECURSO DE REVISIÓN". */
    term_title: term ? term.toLocaleUpperCase(languageOf(spec)) : null,
    /** The statute's own term, where the letter is in another language: "recurso de revisión". */
    term_original: step?.term?.original && step.term.lang && lang(step.term.lang) !== letterLang ? step.term.original : null,
    provision: step ? provisionIn(step.provision, step.provision_original, letterLang) : null,
    form: step?.form ?? null,
    // Internal review and the higher authority are reached through the institution; a court is not
    // written to: the letter is then a notice to the institution before going to court.
    external: Boolean(step) && !internal,
    court: kind === 'court' || kind === 'tribunal',
    internal,
    /** False where the registry is unsure of the limit: the letter then does not claim to be in time as a fact. */
    limit_certain: step?.fact ? step.fact.certain : true,
    limit_text: step?.limit ? countText(words, step.limit.period, step.limit.unit, letterLang) : null,
    lodge_by_text: d(t?.appeal?.lodgeBy),
    // In time only by the period itself: a weekend or holiday that moved the last day on is not relied on.
    in_time: Boolean(t?.appeal?.lodgeByUnrolled && spec.letter.date <= t.appeal.lodgeByUnrolled),
    next: next(facts, letterLang, words),
  };
}

/** The step after the first that the route always has (not an optional ombudsman): what the appeal may say comes next. */
function next(facts: LawFacts | undefined, letterLang: string, words: Words) {
  const { addressee_in_text, court } = laterStep(facts?.appeal.slice(1).find((s) => !s.optional), letterLang, words);
  return { addressee_in_text, court };
}

/** A step after the first as a letter names it: whom, in the text and in the letter's language, and under which provision. */
function laterStep(step: Step | undefined, letterLang: string, words: Words) {
  if (!step) return { addressee_in_text: null, provision: null, court: false };
  return {
    addressee_in_text: inText(addresseeIn(step, letterLang, words), words, 'the_institution'),
    provision: provisionIn(step.provision, step.provision_original, letterLang),
    court: step.step === 'court' || step.step === 'tribunal',
  };
}

/**
 * Whom a letter in `letterLang` addresses for a step: the statute's own name in that language where
 * the registry has it; else the registry's English name for an English letter. The resolver falls
 * back to the step's `body` note where the registry names no addressee, and a note is not a name to
 * write to: the letter then uses the plain description of the step in its own words, as it does in
 * any other language.
 */
function addresseeIn(step: Step, letterLang: string, words: Words): string {
  if (step.addressee_original && lang(step.addressee_original.lang) === letterLang) return step.addressee_original.text;
  if (letterLang === 'en' && step.addressee !== step.body) return step.addressee;
  return word(words, 'appeal_bodies', step.step);
}


/** The step's name in the letter's language: the statute's own where the letter is in the law's language. */
function termIn(step: Step, letterLang: string, words: Words): string {
  const term = step.term;
  if (term?.original && term.lang && lang(term.lang) === letterLang) return term.original;
  if (term && letterLang === 'en') return term.en;
  return word(words, 'appeal_terms', step.step);
}

/**
 * The step a follow-up names as the one it may take if no answer comes: the first step of this
 * recipient's route, the one an appeal letter would take (whatever its kind: an internal review or
 * a keberatan comes before any commission, and skipping it gets a complaint returned), but only
 * where it lies against silence: a step whose limit runs from the decision or its notification
 * (Brazil's recurso, Colombia's reposición, Georgia's complaint) has nothing to attack when no answer
 * came, and the follow-up then names none. `after`: where that step is internal, the commission or
 * ombudsman that follows it, for letters that name both.
 */
function complaint(appealed: ReturnType<typeof appeal>, spec: RequestSpec, facts: LawFacts | undefined, words: Words) {
  const starts = facts?.appeal[0]?.limit?.starts;
  if (starts === 'decision' || starts === 'notification') {
    return { kind: null, internal: false, external: false, court: false, term: null, addressee_in_text: null, provision: null, after: { addressee_in_text: null, provision: null } };
  }
  const { kind, internal, external, court, term, addressee_in_text, provision } = appealed;
  const after = laterStep(internal ? facts?.appeal.find((s, i) => i > 0 && complaintSteps.includes(s.step)) : undefined, lang(languageOf(spec)), words);
  return { kind, internal, external, court, term, addressee_in_text, provision, after: { addressee_in_text: after.addressee_in_text, provision: after.provision } };
}

/**
 * "internal review" opens a heading as "Internal review" (an orthographic change, the same in every
 * script with case). Georgian is left alone: JavaScript upper-cases Mkhedruli to Mtavruli
 * ("ა" -> "Ა"), which Georgian never uses to open a sentence.
 */
export const capitalise = (s: string) => (/^[\u10d0-\u10ff]/u.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1));

let ranges: [number, number][] | undefined;
/** Whether the bundled fonts draw every character (fonts/coverage.json, read only for text beyond Latin). */
function showable(text: string): boolean {
  if (!/[^\u0000-\u024f]/u.test(text)) return true;
  ranges ??= (JSON.parse(readFileSync(new URL('../../fonts/coverage.json', import.meta.url), 'utf8')) as { ranges: [number, number][] }).ranges;
  return [...text].every((ch) => {
    const cp = ch.codePointAt(0)!;
    return ranges!.some(([a, b]) => cp >= a && cp <= b);
  });
}
