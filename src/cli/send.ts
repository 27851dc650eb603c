// `oedr send request.yaml --out letters`: emails each drafted letter of the spec to its recipient and
// records it in the folder's ledger. A letter is sent only as drafted (the manifest's hashes), at most
// once: the ledger says `sending` before the first byte leaves and `sent` after the server accepted
// it, and a `sending` left by an interrupted run stops any new attempt until a person has looked.
// --dry-run writes each message as an .eml file for any mail program instead.
import { existsSync, rmSync, statSync } from 'node:fs';
import { readRegularSync } from '../read-file.js';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { annexNames } from '../compose/annex-files.js';
import { composeLetter } from '../compose/letter.js';
import { ExitCode, OedrError, fail } from '../errors.js';
import { sha256 } from '../hash.js';
import { changeLedger } from '../spec/ledger-edit.js';
import { ledgerFor } from '../spec/ledger.js';
import { contentTypes, mailFields, type Attachment, type MailFields } from '../send/message.js';
import { sendFailure, smtpSettings, type SmtpSettings } from '../send/smtp.js';
import { toPlainText } from '../writers/text.js';
import { writeFileAtomic } from './files.js';
import { printDiagnostic, type Io } from './io.js';
import { readManifest, type ManifestEntry } from './manifest.js';
import { currentText, dayOption, localToday, specInLedger, trackedLetters, type TrackedLetter } from './tracked.js';

export interface SendOptions {
  out: string;
  recipient?: string;
  dryRun?: boolean;
  /** Send again a letter the ledger says was sent, or whose send was interrupted. */
  resend?: boolean;
  templateDir?: string;
  laws?: string;
  smtpConfig?: string;
  /** The day recorded as the sending day (YYYY-MM-DD); default today. */
  date?: string;
  /** The address to send to instead of recipient.email: for an appeal, the appeal body's. */
  to?: string;
}

export async function send(specFile: string, opts: SendOptions, io: Io): Promise<number> {
  if (opts.date !== undefined) dayOption('--date', opts.date);
  if (opts.to !== undefined && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(opts.to)) fail(ExitCode.usage, 'bad-address', `--to: expected an email address such as complaints@ombudsman.example, got ${JSON.stringify(opts.to)}`);
  const { letters, diagnostics } = await trackedLetters(specFile, { recipient: opts.recipient, laws: opts.laws });
  if (opts.to && letters.length > 1) fail(ExitCode.usage, 'which-recipient', `--to sends one letter; say which with --recipient: ${letters.map((l) => l.letter.id).join(', ')}`);
  diagnostics.filter((d) => d.severity === 'error').forEach((d) => printDiagnostic(io, d));
  const manifest = (await readManifest(opts.out))?.manifest;
  if (!manifest) fail(ExitCode.input, 'not-drafted', `no oedr-manifest.json in ${opts.out}: draft the letters first (oedr draft ${specFile} --out ${opts.out})`);
  const settings = opts.dryRun ? undefined : smtpSettings(process.env, opts.smtpConfig);
  const today = opts.date ?? localToday();
  let worst: number = ExitCode.ok;
  // The ledger as this run last read or wrote it: each letter's send starts from the one before's.
  let ledgerText = letters[0]?.ledger.text;
  for (const t of letters) {
    try {
      const refusal = alreadyGone(t, opts.resend);
      if (refusal) {
        io.err(io.color.yellow(`${t.name}: not sent: ${refusal.why}`));
        if (refusal.attention) worst = Math.max(worst, ExitCode.invalid);
        continue;
      }
      const letter = await outgoing(t, manifest.letters, specFile, opts);
      const twin = sentAsAnother(t, opts.to ?? t.letter.spec.recipient.email!, specFile);
      if (twin && !opts.resend) {
        io.err(io.color.yellow(`${t.name}: not sent: a letter to the same address was sent on ${twin.on} as ${twin.name}, whose spec ${twin.spec} is gone (renamed?); rename that ledger entry if it is this letter, or use --resend`));
        worst = Math.max(worst, ExitCode.invalid);
        continue;
      }
      const fields = mailFields(letter, settings?.from, opts.to);
      if (opts.dryRun) {
        const file = join(opts.out, `${t.name}.eml`);
        await writeFileAtomic(file, await emlBytes(fields, t.letter.spec.letter.date));
        io.out(`${file}: ${t.name} to ${fields.to}; send it from your mail program, then \`oedr record ${specFile}${t.letter.id ? ` --recipient ${t.letter.id}` : ''} --sent DATE --via email\``);
      } else {
        ledgerText = await sendOne(t, fields, settings!, today, specFile, ledgerText, opts.to ?? t.letter.spec.recipient.email!);
        io.out(`${t.name}: sent to ${fields.to} (${fields.messageId}); recorded in ${ledgerFor(specFile)}`);
      }
    } catch (e) {
      if (!(e instanceof OedrError)) throw e;
      e.diagnostics.forEach((d) => printDiagnostic(io, d.file ? d : { ...d, file: specFile }));
      worst = Math.max(worst, e.code);
    }
  }
  return worst;
}

/** Why this letter must not go out (again), and whether that needs someone's attention (exit 1). */
function alreadyGone(t: TrackedLetter, resend?: boolean): { why: string; attention: boolean } | undefined {
  const record = `oedr record ${t.specFile}${t.letter.id ? ` --recipient ${t.letter.id}` : ''}`;
  if (t.entry?.closed) return { why: `the ledger says the request was closed on ${t.entry.closed}`, attention: true };
  if (resend) return undefined;
  if (t.entry?.sent) return { why: `the ledger says it was sent on ${t.entry.sent.on} by ${t.entry.sent.via}; use --resend to send it again`, attention: false };
  if (t.entry?.sending) return { why: `a send started on ${t.entry.sending.started} (${t.entry.sending.message_id}) was interrupted and may have gone out; look for that Message-ID in the sent mail, then record it (${record} --sent DATE --via email) or send with --resend`, attention: true };
  return undefined;
}

/** A letter in the ledger sent to the same address from a spec no longer in the folder: most likely this one, renamed. */
function sentAsAnother(t: TrackedLetter, to: string, specFile: string): { name: string; on: string; spec: string } | undefined {
  for (const [name, e] of Object.entries(t.ledger.ledger?.letters ?? {})) {
    if (name !== t.name && e.sent?.to === to && !existsSync(join(dirname(specFile), e.spec))) return { name, on: e.sent.on, spec: e.spec };
  }
  return undefined;
}

/** The letter as drafted: its files checked against the manifest, its text for the body. */
async function outgoing(t: TrackedLetter, entries: ManifestEntry[], specFile: string, opts: SendOptions) {
  const specPath = relative(opts.out, resolve(specFile)).split('\\').join('/');
  const entry = entries.find((e) => e.spec === specPath && e.recipient === t.letter.id);
  const again = `oedr draft ${specFile} --out ${opts.out}`;
  if (!entry?.outputs.pdf) fail(ExitCode.input, 'not-drafted', `${t.name} has no drafted PDF in ${opts.out}: run \`${again}\` first`);
  if (entry.sha256 !== t.loaded.sha256) fail(ExitCode.input, 'draft-stale', `the spec changed since ${t.name} was drafted: run \`${again}\` and check the letter before sending it`);
  if (t.letter.spec.letter.kind === 'appeal' && !opts.to) {
    fail(ExitCode.usage, 'appeal-address', `${t.name} is an appeal: it goes to the appeal body, not to ${t.letter.spec.recipient.institution}, whose address the spec holds; give the appeal body's address with --to (for an internal review by the same body, its address again), or send it another way and record it with \`oedr record ${specFile} --sent DATE --via post\``);
  }
  if (!opts.to && !t.letter.spec.recipient.email) fail(ExitCode.invalid, 'no-recipient-email', `${t.name}: the recipient has no email address (recipient.email); send it another way and record it with \`oedr record ${specFile} --sent DATE --via post\``);
  const attachments: Attachment[] = [];
  for (const [format, out] of Object.entries(entry.outputs)) {
    if (format === 'docx' || format === 'md') continue; // the PDF is the signed copy; the body carries the text
    const path = join(opts.out, out.file);
    const bytes = readRegular(path);
    if (sha256(bytes) !== out.sha256) fail(ExitCode.input, 'draft-edited', `${path} is not the file oedr drafted (its SHA-256 differs from oedr-manifest.json): draft again with \`${again}\`, or send it from your mail program`);
    const ext = out.file.split('.').pop()!;
    attachments.push({ path, filename: basename(out.file), sha256: out.sha256, contentType: contentTypes[ext] ?? 'application/octet-stream' });
  }
  const annex = entry.outputs.datapackage ? annexNames(t.letter.spec, basename(entry.outputs.pdf.file, '.pdf')) : undefined;
  const timeline = t.letter.spec.law ? (await (await import('../laws/for-spec.js')).applyLaw(t.letter, opts.laws)).timeline : undefined;
  const body = toPlainText(composeLetter(t.letter.spec, { templateDir: opts.templateDir, timeline, annex }));
  // PDF first: most mail programs show the first attachment as the message's main one.
  attachments.sort((a, b) => Number(b.filename.endsWith('.pdf')) - Number(a.filename.endsWith('.pdf')));
  return { name: t.name, spec: t.letter.spec, body, attachments };
}

function readRegular(path: string): Buffer {
  try {
    return readRegularSync(path);
  } catch {
    return fail(ExitCode.input, 'not-drafted', `${path} is missing (or not a regular file): draft the letter again`);
  }
}

/** `sending`, then the SMTP transaction, then `sent`; on a failure the ledger is as it was. Returns the ledger's new text. */
async function sendOne(t: TrackedLetter, fields: MailFields, settings: SmtpSettings, today: string, specFile: string, before: string | undefined, to: string): Promise<string> {
  const ledgerFile = ledgerFor(specFile);
  const base = { spec: specInLedger(specFile), ...(t.letter.id === undefined ? {} : { recipient: t.letter.id }) };
  let text = changeLedger(before, t.name, base, { set: 'sending', value: { started: today, message_id: fields.messageId, to } });
  // Another run (a second `send`, a `record`) may have written since this one read: never write over it.
  if (currentText(ledgerFile) !== (before ?? '')) fail(ExitCode.input, 'ledger-changed', `${t.name} was not sent: the ledger changed while this run was preparing it; run the command again`, { file: ledgerFile });
  await writeFileAtomic(ledgerFile, text);
  try {
    const { createTransport } = await import('nodemailer');
    const transport = createTransport({
      host: settings.host, port: settings.port, secure: settings.secure,
      ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
      connectionTimeout: settings.timeoutMs, greetingTimeout: settings.timeoutMs, socketTimeout: settings.timeoutMs,
    });
    await transport.sendMail(fields);
    transport.close();
  } catch (e) {
    if (before === undefined) rmSync(ledgerFile, { force: true });
    else await writeFileAtomic(ledgerFile, before);
    fail(ExitCode.send, 'send-failed', `${t.name} was not sent: ${sendFailure(e, settings, to)}; the ledger is unchanged`);
  }
  const files = fields.attachments.map((a) => ({ file: a.filename, sha256: sha256(readRegularSync(a.path)) }));
  text = changeLedger(text, t.name, base, { set: 'sent', value: { on: today, via: 'email', to, message_id: fields.messageId, files } });
  await writeFileAtomic(ledgerFile, text);
  return text;
}

/** The message as an RFC 5322 file, dated with the letter's date and with fixed MIME boundaries: the same letter gives the same bytes. */
async function emlBytes(fields: MailFields, letterDate: string): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const mail = new MailComposer({ ...fields, date: new Date(`${letterDate}T00:00:00Z`), baseBoundary: sha256(fields.messageId).slice(0, 16) });
  return mail.compile().build();
}
