// `oedr laws CODE`: one law in full - who may file and how, in which language, what it costs, the
// appeal route for each kind of body, what the law does not reach, the deadline rules, and sources.
import type { AppealStep, Law } from '../laws/schema.js';
import type { Io } from './io.js';
import { periodText, unitText } from './laws.js';

const DAY = { mon: 'a Monday', tue: 'a Tuesday', wed: 'a Wednesday', thu: 'a Thursday', fri: 'a Friday', sat: 'a Saturday', sun: 'a Sunday' } as const;

type Sourced = { source?: string; confidence?: string; note?: string };

export function describeLaw(l: Law, origin: string, io: Io): string {
  const c = io.color;
  const yn = (v: boolean | null) => (v === null ? 'not known' : v ? 'yes' : 'no');
  const conf = l.confidence === 'low' ? c.yellow('LOW - check the statute before quoting this row') : l.confidence;
  const ext = l.extension ? `+${l.extension.period} ${unitText(l.extension.unit, l.extension.period)}` : 'no fixed extension';
  const lines = [
    c.bold(`${l.code}  ${l.name}`),
    ...(l.original_name ? [`${l.original_name.text} (${l.original_name.lang})`] : []),
    `${l.citation} (${l.year}), ${l.region}`,
    `Confidence:       ${conf}`,
    ...languageLines(l),
    `Who may request:  ${l.who_may_request.kind}${l.who_may_request.note ? ` - ${l.who_may_request.note}` : ''}`,
    ...requesterLines(l),
    `Request:          written: ${yn(l.request.written)}; prescribed form: ${yn(l.request.prescribed_form)}; application fee: ${yn(l.request.fee)}; purpose statement required: ${yn(l.request.purpose_required)}`,
    `                  ${l.request.text}`,
    ...feeLines(l),
    `Response:         ${l.response ? `${periodText(l.response)} after receipt (the day of receipt is not counted)` : 'no verified statutory period: letters cite the law without a date'}`,
    `Extension:        ${ext}${l.extension_note ? ` - ${l.extension_note}` : ''}`,
    ...(l.restriction_test ? [`Restrictions:     ${l.restriction_test.provision}: ${l.restriction_test.test}${facts(l.restriction_test)}`] : []),
    ...deadlineLines(l),
    'Appeal route:',
    ...l.appeal.map((s, i) => `  ${i + 1}. ${appealText(s)}`),
    ...(l.bodies ?? []).flatMap((b) => [
      `Body kind ${b.kind}: ${b.label}${b.match.length ? ` (matched on: ${b.match.join(', ')})` : ''}${facts(b)}`,
      ...(b.appeal ? ['  Its own appeal route:', ...b.appeal.map((s, i) => `    ${i + 1}. ${appealText(s)}`)] : []),
    ]),
    ...(l.coverage ?? []).map((v) => `Not covered:      ${coverageTarget(v)}: ${v.reason}. Route: ${v.route}${facts(v)}`),
    `Weekend:          ${l.weekend.join(', ')}`,
    `Holidays:         ${l.holidays.calendars.length ? l.holidays.calendars.join(', ') : 'no holiday data'}${l.holidays.bank ? ' (bank holidays count)' : ''}${l.holidays.note ? ` - ${l.holidays.note}` : ''}`,
    `Source:           ${l.source}`,
    ...(l.checked ? [`Checked:          ${l.checked}`] : []),
    ...(l.notes ? [`Notes:            ${l.notes}`] : []),
    c.dim(`Row from ${origin}`),
  ];
  return lines.join('\n');
}

/** A fact's own confidence, source and note, where the row's do not apply. */
function facts(f: Sourced): string {
  const parts = [f.confidence ? `confidence ${f.confidence}` : '', f.note?.replace(/\.\s*$/, '') ?? '', f.source ? `source: ${f.source}` : ''].filter(Boolean);
  return parts.length ? ` [${parts.join('; ')}]` : '';
}

function languageLines(l: Law): string[] {
  const g = l.languages;
  if (!g) return ['Languages:        not recorded'];
  return [`Languages:        ${g.accepted.join(', ')} (default ${g.accepted[0]})${g.tolerated?.length ? `; tolerated in practice: ${g.tolerated.join(', ')}` : ''}${g.provision ? ` - ${g.provision}` : ''}${facts(g)}`];
}

function requesterLines(l: Law): string[] {
  const r = l.requester;
  if (!r) return [];
  const out = [`Organisations:    ${r.legal_persons === null ? 'not known' : r.legal_persons ? 'may request in their own name' : 'may not request in their own name: a named person files'}${facts(r)}`];
  if (r.standing) out.push(`Standing:         the filing states that ${r.standing}`);
  if (r.identification) out.push(`Identification:   ${r.identification.required ? 'required' : r.identification.required === false ? 'not required' : 'not known'}: ${r.identification.what}${r.identification.provision ? ` (${r.identification.provision})` : ''}${facts(r.identification)}`);
  return out;
}

function feeLines(l: Law): string[] {
  const f = l.fees;
  if (!f) return [];
  const out = [`Fees:             ${f.text}${facts(f)}`];
  const a = f.application;
  if (a === null) out.push('  Application fee: none');
  else if (a) {
    out.push(`  Application fee: ${a.amount === null ? 'amount not recorded' : `${a.currency} ${a.amount}`}, ${a.due === 'on-notice' ? 'paid when the body asks for it' : 'enclosed with the application'} (${a.provision})${a.payment ? `; how: ${a.payment}` : ''}${a.exempt ? `; exempt: ${a.exempt}` : ''}${facts(a)}`);
  }
  if (f.reproduction) out.push(`  Reproduction:    ${f.reproduction}`);
  if (f.waivers) out.push(`  Waivers:         ${f.waivers.length ? f.waivers.map((w) => `${w.ground} (${w.provision})`).join('; ') : 'none in the law'}`);
  return out;
}

function deadlineLines(l: Law): string[] {
  const d = l.deadline;
  if (!d) return [];
  const out: string[] = [];
  if (d.last_day) out.push(`Last day:         a calendar-day period cannot end on ${[...d.last_day.not_on.map((w) => DAY[w]), ...(d.last_day.holidays ? ['a public holiday'] : [])].join(' or ')} (${d.last_day.provision})${facts(d.last_day)}`);
  for (const s of d.states ?? []) {
    out.push(`Legal state:      ${s.name} from ${s.from}${s.to ? ` to ${s.to}` : ' (in force)'}: public holidays are ${s.holidays_off ? 'days off' : 'working days'} (${s.provision})${facts(s)}`);
  }
  if (d.silence) {
    out.push(`Silence:          ${d.silence.effect}${d.silence.after ? ` (after ${d.silence.after.period} ${d.silence.after.unit.replace('-', ' ')})` : ''} - ${d.silence.provision}${d.silence.remedy ? `; ${d.silence.remedy}` : ''}`);
  }
  if (d.declared_closures) out.push(`Closures:         ${d.declared_closures}`);
  return out;
}

function coverageTarget(v: NonNullable<Law['coverage']>[number]): string {
  const parts = [
    v.institutions ? `institutions matching ${v.institutions.join(', ')}` : '',
    v.levels ? `${v.levels.join(' or ')} bodies` : '',
    v.categories ? `${v.categories.join(', ')} records${v.granularities ? ` at ${v.granularities.join(', ')} level` : ''}` : '',
  ].filter(Boolean);
  return parts.join('; ');
}

function appealText(s: AppealStep): string {
  const limit = s.limit
    ? `within ${s.limit.period} ${s.limit.unit === 'months' ? `month${s.limit.period === 1 ? '' : 's'}` : unitText(s.limit.unit, s.limit.period)} of ${s.limit.from}`
    : 'no time limit recorded';
  const term = s.term ? `${s.term.en}${s.term.original ? ` (${s.term.original})` : ''}` : s.step;
  // "complaint to the Information Regulator" already names whom it goes to.
  const who = s.addressee && !term.includes(s.addressee.replace(/^the /, ''))
    ? ` to ${s.addressee}${s.addressee_original ? ` (${s.addressee_original.text})` : ''}` : '';
  const extras = [
    s.provision ?? '',
    s.form ? `form: ${s.form}` : '',
    s.for ? `only for: ${s.for.join(', ')}` : '',
    s.optional ? 'optional' : '',
    s.decision ? `decided within ${s.decision.period} ${s.decision.unit.replace('-', ' ')}` : '',
  ].filter(Boolean);
  return `${term}${who} - ${s.body} - ${limit}${extras.length ? ` [${extras.join('; ')}]` : ''}${facts(s)}`;
}
