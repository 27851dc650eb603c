// What the law a spec names says about the request: warnings for `validate` and `draft` (the
// guide's test of whether there is time for an FoI route), and errors for what would make a
// filing invalid. Positions come from the spec's YAML.
import { formatPath, type Diagnostic } from '../errors.js';
import type { RequestSpec } from '../spec/schema.js';
import { closest } from '../spec/suggest.js';
import type { ParsedYaml } from '../spec/yaml.js';
import type { Registry } from './registry.js';
import { addDays, addMonths } from './dates.js';
import { clause } from './deadline.js';
import { filingChecks } from './filing-checks.js';
import type { Timeline } from './timeline.js';

export function lawDiagnostics(spec: RequestSpec, registry: Registry, timeline: Timeline | undefined, yaml: ParsedYaml | undefined, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (severity: Diagnostic['severity'], rule: string, path: (string | number)[], message: string) =>
    out.push({ severity, rule, message, file, ...yaml?.locate(path), path: formatPath(path) });
  if (!spec.law) return out;
  if (!timeline) {
    const guess = closest(spec.law, registry.codes);
    at('error', 'unknown-law', ['law'], `expected the code of a law in \`oedr laws\`${guess ? ` (did you mean \`${guess}\`?)` : ''}; got "${spec.law}" (add a law with --laws FILE)`);
    return out;
  }
  const { law, response } = timeline;
  const filing = spec.letter.kind !== 'data-request';
  filingChecks(spec, law, at);
  if (law.confidence === 'low') {
    at('warning', 'law-low-confidence', ['law'], `the ${law.code} row of the law registry has low confidence; check the statute before relying on it (\`oedr laws ${law.code}\`)`);
  }
  const home = spec.requester.registered_in;
  if (law.who_may_request.kind !== 'any-person' && home && home !== law.code && !(law.code === 'EU' && EU_MEMBERS.has(home))) {
    at('warning', 'law-citizens-only', ['requester', 'registered_in'],
      `the ${law.code} law admits requests only from ${law.who_may_request.kind.replace(/-/g, ' ')}${law.who_may_request.note ? ` (${law.who_may_request.note.replace(/\.$/, '')})` : ''}, and your organisation is registered in ${spec.requester.registered_in}; file through a partner that qualifies, e.g. a co-signer`);
  }
  if (!filing) return out;
  if (response.status !== 'due') {
    at('warning', 'law-no-statutory-date', ['law'], `no statutory response date: ${response.reason}; the letter asks for a reply within the time the law allows`);
  }
  if (spec.letter.kind === 'appeal') appealTiming(spec, timeline, at);
  if (law.request.purpose_required && !spec.purpose && spec.letter.kind === 'foi-request') {
    at('error', 'law-purpose-required', ['law'], `the ${law.code} law requires the request to state its purpose; expected \`purpose\``);
  }
  if (law.request.prescribed_form && spec.letter.kind === 'foi-request') {
    at('warning', 'law-prescribed-form', ['law'], `the ${law.code} law prescribes a request form (${law.request.text.replace(/\.$/, '')}); fill it in and attach this letter to it`);
  }
  if (response.status !== 'due' || spec.letter.kind !== 'foi-request') return out;
  if (timeline.fromClosed) {
    at('warning', 'letter-date-not-working-day', ['letter', 'date'],
      `the letter is dated ${spec.letter.date}, which is not a working day under the ${law.code} law (${timeline.fromClosed}); a filing that arrives then usually counts as received on the next working day, so the answer may be due a day or more after ${response.due}. Date and send it on a working day`);
  }
  spec.datasets.forEach((d, i) => {
    if (!d.needed_by) return;
    if (d.needed_by < response.due) {
      at('warning', 'needed-before-statutory-date', ['datasets', i, 'needed_by'],
        `the data is needed by ${d.needed_by}, but under the ${law.code} law the answer is due only by ${response.due}; the institution may lawfully answer after you need it`);
    } else if (timeline.appeal?.lodgeBy && d.needed_by < timeline.appeal.lodgeBy) {
      at('warning', 'needed-before-appeal', ['datasets', i, 'needed_by'],
        `the data is needed by ${d.needed_by}; after a refusal, an appeal could be lodged until ${timeline.appeal.lodgeBy} and would end later still, so an appeal could not get you the data in time`);
    } else if (timeline.appeal && !timeline.appeal.lodgeBy && timeline.deemedRefusal) {
      const earliest = appealDecided(timeline);
      if (d.needed_by < earliest.date) {
        at('warning', 'needed-before-appeal', ['datasets', i, 'needed_by'],
          `the data is needed by ${d.needed_by}; after a refusal, an appeal could be lodged from ${timeline.deemedRefusal}${earliest.how}, so an appeal could not get you the data in time`);
      }
    }
  });
  return out;
}

/** EU institutions' access law (Regulation 1049/2001) covers citizens and residents of every member state. */
const EU_MEMBERS = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV',
  'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);

/**
 * The earliest day an appeal without a time limit could be decided: lodged the day silence becomes a
 * refusal, decided within the time the law gives the appeal body (months and days as calendar time;
 * working days as calendar days, which is early, so the warning errs on the side of silence).
 */
function appealDecided(t: Timeline): { date: string; how: string } {
  const from = t.deemedRefusal!;
  const d = t.appeal!.step.decision;
  if (!d) return { date: from, how: ' and the law sets no time for deciding it' };
  const date = d.unit === 'months' ? addMonths(from, d.period) : addDays(from, d.period);
  const unit = d.unit === 'months' ? `month${d.period === 1 ? '' : 's'}` : d.unit.replace('-', ' ');
  return { date, how: ` and be decided within ${d.period} ${unit}, that is by ${date} at the earliest` };
}

/** An appeal before the answer was due, or after the last day to lodge it, says so. */
function appealTiming(spec: RequestSpec, t: Timeline, at: (s: Diagnostic['severity'], r: string, p: (string | number)[], m: string) => void): void {
  const date = spec.letter.date;
  const silent = spec.earlier_request?.response === 'none';
  const silence = t.law.deadline?.silence;
  if (silent && t.response.status === 'due' && date <= t.response.due) {
    at('error', 'appeal-too-early', ['letter', 'date'],
      `the appeal is dated ${date}, but the answer to the request is due only by ${t.response.due}; until then no refusal can be assumed (send a follow-up instead)`);
  } else if (silent && silence && t.deemedRefusal && date < t.deemedRefusal) {
    at('error', 'appeal-too-early', ['letter', 'date'],
      `the appeal is dated ${date}, but under the ${t.law.code} law silence counts as a refusal only from ${t.deemedRefusal} (${silence.provision}): ${clause(silence.remedy ?? 'until then, send a follow-up instead')}`);
  }
  const step = t.appeal?.step.step;
  if (step === 'court' || step === 'tribunal') {
    at('warning', 'appeal-is-court', ['letter', 'kind'],
      `the first appeal step under the ${t.law.code} law is an application to ${step === 'court' ? 'a court' : 'a tribunal'}; treat this letter as a draft for a lawyer, not as the filing itself`);
  }
  if (t.appeal?.lodgeBy && date > t.appeal.lodgeBy) {
    at('warning', 'appeal-late', ['letter', 'date'],
      `the appeal is dated ${date}, after the last day to lodge it under the ${t.law.code} law (${t.appeal.lodgeBy}, ${t.appeal.step.limit?.period} ${t.appeal.step.limit?.unit.replace('-', ' ')} from ${t.appeal.from}); check whether a late appeal is admitted`);
  }
}

