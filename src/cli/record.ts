// `oedr record request.yaml --answer partial --on 2027-04-12 --exemption "s.6(1)(c)"`: adds one event
// to the folder's ledger, checked like the file itself, so nobody edits YAML by hand under pressure.
// Nothing is written when the ledger would not be valid afterwards.
import { ExitCode, fail } from '../errors.js';
import { changeLedger, type LedgerChange } from '../spec/ledger-edit.js';
import { answerKinds, ledgerFor, parseLedger, sendChannels, type AnswerKind } from '../spec/ledger.js';
import { writeFileAtomic } from './files.js';
import { printDiagnostic, type Io } from './io.js';
import { currentText, dayOption, localToday, specInLedger, trackedLetters } from './tracked.js';

export interface RecordOptions {
  recipient?: string;
  sent?: string;
  via?: string;
  to?: string;
  received?: string;
  answer?: string;
  on?: string;
  reference?: string;
  exemption?: string;
  until?: string;
  file?: string[];
  note?: string;
  closed?: string;
  laws?: string;
}

export async function record(specFile: string, opts: RecordOptions, io: Io): Promise<number> {
  const change = changeFrom(opts);
  // The ledger records what has happened: a date ahead is most likely a slip of the keyboard.
  const when = 'add' in change ? change.value.on : 'set' in change && typeof change.value === 'object' && 'on' in change.value ? change.value.on : 'set' in change && typeof change.value === 'string' ? change.value : undefined;
  if (when && when > localToday()) io.err(io.color.yellow(`warning: ${when} is after today (${localToday()}); recorded as given, but check the date [future-date]`));
  const { letters } = await trackedLetters(specFile, { recipient: opts.recipient, laws: opts.laws, one: true });
  const t = letters[0]!;
  const ledgerFile = ledgerFor(specFile);
  const before = t.ledger.text;
  const after = changeLedger(before, t.name, { spec: specInLedger(specFile), ...(t.letter.id === undefined ? {} : { recipient: t.letter.id }) }, change);
  const check = parseLedger(after, ledgerFile);
  if (!check.ledger) {
    check.diagnostics.forEach((d) => printDiagnostic(io, d));
    io.err(io.color.red(`oedr record: nothing written: ${ledgerFile} would not be valid with this change`));
    return ExitCode.invalid;
  }
  // Another run may have changed the file since it was read: never write over what it recorded.
  if (currentText(ledgerFile) !== (before ?? '')) fail(ExitCode.input, 'ledger-changed', 'the ledger changed while this record was being made; run the command again', { file: ledgerFile });
  await writeFileAtomic(ledgerFile, after);
  io.out(`${ledgerFile}: ${t.name}: ${describe(change)}`);
  return ExitCode.ok;
}

const day = dayOption;

/** One event per call: the options that go with it, and nothing else. */
function changeFrom(o: RecordOptions): LedgerChange {
  const events = (['sent', 'received', 'answer', 'closed'] as const).filter((k) => o[k] !== undefined);
  if (events.length !== 1) {
    fail(ExitCode.usage, 'record-what', events.length
      ? `record one event at a time; got ${events.map((e) => `--${e}`).join(' and ')}`
      : 'say what to record: --sent DATE --via CHANNEL, --received DATE, --answer KIND --on DATE, or --closed DATE');
  }
  const stray = (allowed: (keyof RecordOptions)[]) => {
    const extra = (['via', 'to', 'on', 'reference', 'exemption', 'until', 'file', 'note'] as const).filter((k) => o[k] !== undefined && !allowed.includes(k));
    if (extra.length) fail(ExitCode.usage, 'record-option', `${extra.map((k) => `--${k}`).join(', ')} do${extra.length === 1 ? 'es' : ''} not go with --${events[0]}`);
  };
  switch (events[0]) {
    case 'sent': {
      stray(['via', 'to', 'reference']);
      if (!o.via || !(sendChannels as readonly string[]).includes(o.via)) fail(ExitCode.usage, 'record-via', `--sent needs --via, one of: ${sendChannels.join(', ')}${o.via ? `; got ${JSON.stringify(o.via)}` : ''}`);
      return { set: 'sent', value: { on: day('--sent', o.sent), via: o.via as (typeof sendChannels)[number], ...(o.to ? { to: o.to } : {}), ...(o.reference ? { reference: o.reference } : {}) } };
    }
    case 'received': stray([]); return { set: 'received_on', value: day('--received', o.received) };
    case 'closed': stray([]); return { set: 'closed', value: day('--closed', o.closed) };
    default: {
      stray(['on', 'reference', 'exemption', 'until', 'file', 'note']);
      if (!(answerKinds as readonly string[]).includes(o.answer!)) fail(ExitCode.usage, 'record-answer', `--answer must be one of: ${answerKinds.join(', ')}; got ${JSON.stringify(o.answer)}`);
      const kind = o.answer as AnswerKind;
      if (o.until !== undefined && kind !== 'extended') fail(ExitCode.usage, 'record-option', '--until is the new date of an extension: it goes with --answer extended');
      if (o.exemption !== undefined && kind !== 'refused' && kind !== 'partial') fail(ExitCode.usage, 'record-option', '--exemption goes with --answer refused or partial');
      return {
        add: 'answer',
        value: {
          on: day('--on', o.on), kind, ...(o.reference ? { reference: o.reference } : {}), ...(o.exemption ? { exemption: o.exemption } : {}),
          ...(o.until ? { until: day('--until', o.until) } : {}), ...(o.file?.length ? { files: o.file } : {}), ...(o.note ? { note: o.note } : {}),
        },
      };
    }
  }
}

function describe(c: LedgerChange): string {
  if ('drop' in c) return `dropped ${c.drop}`;
  if ('add' in c) return `answer recorded: ${c.value.kind} on ${c.value.on}`;
  if (c.set === 'sent') return `sent on ${c.value.on} by ${c.value.via}`;
  return `${c.set.replace('_on', '')} ${typeof c.value === 'string' ? c.value : ''}`.trim();
}

