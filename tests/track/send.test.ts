// `oedr send` against a real SMTP server on 127.0.0.1 (smtp-server), the message read back with
// mailparser: headers, the body in the letter's words, and the attachments byte for byte against
// oedr-manifest.json. Then what the ledger says, and that nothing goes out twice.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { foiSpec, requestsFolder } from './fixtures.js';

interface Inbox { server: SMTPServer; port: number; received: ParsedMail[]; envelopes: string[][] }

/** A server that accepts one login, and refuses `refused@…` as a recipient. */
async function inbox(opts: { rejectAuth?: boolean } = {}): Promise<Inbox> {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (opts.rejectAuth || auth.username !== 'observer' || auth.password !== 's3cret') return cb(new Error('Invalid username or password'));
      cb(null, { user: auth.username });
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('refused@')) return cb(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        envelopes.push(session.envelope.rcptTo.map((r) => r.address));
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return { server, port, received, envelopes };
}

let dir: ReturnType<typeof tempDir>;
let box: Inbox;
const saved = { ...process.env };
beforeEach(async () => {
  dir = tempDir();
  box = await inbox();
  process.env.OEDR_SMTP_URL = `smtp://observer:s3cret@127.0.0.1:${box.port}`;
  process.env.OEDR_SMTP_TIMEOUT = '5';
  delete process.env.OEDR_SMTP_HOST;
});
afterEach(async () => {
  process.env = { ...saved };
  await new Promise<void>((resolve) => box.server.close(() => resolve()));
  dir.done();
});

async function drafted(spec = foiSpec()): Promise<{ spec: string; out: string; folder: string }> {
  const folder = requestsFolder(dir.path, { 'results.yaml': spec });
  const out = join(dir.path, 'letters');
  const r = await runCli('draft', join(folder, 'results.yaml'), '--out', out, '--quiet');
  expect(r.code, r.err).toBe(0);
  return { spec: join(folder, 'results.yaml'), out, folder };
}

describe('oedr send', () => {
  test('sends the drafted PDF and contract files with the letter as the body, and records it', async () => {
    const { spec, out, folder } = await drafted();
    const r = await runCli('send', spec, '--out', out, '--date', '2027-03-22');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(box.received).toHaveLength(1);
    const mail = box.received[0]!;
    expect(box.envelopes[0]).toEqual(['ati@iebc.example']);
    expect(mail.subject).toBe('Polling-station results of the 2027 by-elections [OPW/ATI/2027/04]');
    expect(mail.from?.text).toBe('"Open Polls Watch" <office@openpollswatch.example>');
    expect(mail.messageId).toMatch(/^<[0-9a-f]{24}\.results@openpollswatch\.example>$/);
    // The body is the letter itself, as plain text: no Markdown marks.
    expect(mail.text).toContain('Dear Sir or Madam,');
    expect(mail.text).toContain('Open Polls Watch requests access to the following records');
    expect(mail.text).not.toMatch(/\*\*|\\\./);
    const manifest = JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8')) as { letters: { outputs: Record<string, { file: string; sha256: string }> }[] };
    const outputs = manifest.letters[0]!.outputs;
    const { createHash } = await import('node:crypto');
    const attached = Object.fromEntries(mail.attachments.map((a) => [a.filename, createHash('sha256').update(a.content).digest('hex')]));
    expect(attached).toEqual({
      [outputs.pdf!.file]: outputs.pdf!.sha256,
      [outputs.datapackage!.file]: outputs.datapackage!.sha256,
      [outputs['template.results-by-polling-station']!.file]: outputs['template.results-by-polling-station']!.sha256,
    });
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    const ledger = readFileSync(join(folder, '_ledger.yaml'), 'utf8');
    expect(ledger).toContain('results:\n    spec: results.yaml\n    sent:\n      on: 2027-03-22\n      via: email\n      to: ati@iebc.example\n');
    expect(ledger).toContain(`message_id: ${mail.messageId}\n`);
    expect(ledger).not.toContain('sending');
  });

  test('is not sent twice: a second run says so and sends nothing', async () => {
    const { spec, out } = await drafted();
    expect((await runCli('send', spec, '--out', out, '--date', '2027-03-22')).code).toBe(0);
    const again = await runCli('send', spec, '--out', out);
    expect(again.code).toBe(0);
    expect(again.err).toBe('results: not sent: the ledger says it was sent on 2027-03-22 by email; use --resend to send it again');
    expect(box.received).toHaveLength(1);
  });

  test('an interrupted send (a `sending` left in the ledger) stops any new attempt', async () => {
    const { spec, out, folder } = await drafted();
    writeFileSync(join(folder, '_ledger.yaml'), 'letters:\n  results:\n    spec: results.yaml\n    sending: { started: 2027-03-22, message_id: "<x@y>" }\n');
    const r = await runCli('send', spec, '--out', out);
    expect(r.err).toContain('results: not sent: a send started on 2027-03-22 (<x@y>) was interrupted and may have gone out; check the sent mail');
    expect(box.received).toHaveLength(0);
    const status = await runCli('status', folder, '--today', '2027-03-23', '--json');
    expect(JSON.parse(status.out).letters[0].next.action).toBe('check-sending');
  });

  test.each([
    ['a refused login', () => { process.env.OEDR_SMTP_URL = `smtp://observer:wrong@127.0.0.1:${box.port}`; }, /^results was not sent: the SMTP server 127\.0\.0\.1:\d+ refused the login \(.*Invalid username or password.*\); check the user and password \(OEDR_SMTP_URL\); the ledger is unchanged/],
    ['a refused recipient', async () => { await drafted(foiSpec({ email: 'refused@iebc.example' })); }, /^results was not sent: the SMTP server refused to send to refused@iebc\.example: .*550.*; the ledger is unchanged/],
    ['no server', () => { process.env.OEDR_SMTP_URL = 'smtp://observer:s3cret@127.0.0.1:1'; }, /^results was not sent: cannot connect to the SMTP server 127\.0\.0\.1:1: .*; the ledger is unchanged/],
  ])('%s is a clear error (exit 5) and leaves the ledger as it was', async (_name, arrange, message) => {
    let { spec, out, folder } = await drafted();
    await arrange();
    ({ spec, out, folder } = { spec, out, folder });
    const r = await runCli('send', spec, '--out', out);
    expect(r.code).toBe(5);
    const line = r.err.split('\n').find((l) => l.includes('was not sent'))!;
    expect(line.replace(/^.*?results\.yaml: /, '').replace(/ \[send-failed\]$/, '')).toMatch(message);
    expect(existsSync(join(folder, '_ledger.yaml'))).toBe(false);
    expect(box.received).toHaveLength(0);
  });

  test('--dry-run writes an RFC 5322 .eml, the same bytes each time, and records nothing', async () => {
    const { spec, out, folder } = await drafted();
    const r = await runCli('send', spec, '--out', out, '--dry-run');
    expect(r.code, r.err).toBe(0);
    const eml = readFileSync(join(out, 'results.eml'));
    const mail = await simpleParser(eml);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('"Independent Electoral and Boundaries Commission" <ati@iebc.example>');
    expect(mail.date?.toISOString()).toBe('2027-03-22T00:00:00.000Z');
    expect(mail.attachments.map((a) => a.filename)).toContain('results.pdf');
    await runCli('send', spec, '--out', out, '--dry-run');
    expect(readFileSync(join(out, 'results.eml')).equals(eml)).toBe(true);
    expect(existsSync(join(folder, '_ledger.yaml'))).toBe(false);
    expect(box.received).toHaveLength(0);
  });

  test('refuses a letter whose spec changed since it was drafted, or whose PDF was replaced', async () => {
    const { spec, out } = await drafted();
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('2027 by-elections', '2027 by-elections (amended)'));
    let r = await runCli('send', spec, '--out', out);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`the spec changed since results was drafted: run \`oedr draft ${spec} --out ${out}\` and check the letter before sending it [draft-stale]`);
    await runCli('draft', spec, '--out', out, '--quiet');
    writeFileSync(join(out, 'results.pdf'), 'not the drafted PDF');
    r = await runCli('send', spec, '--out', out);
    expect(r.code).toBe(3);
    expect(r.err).toContain('is not the file oedr drafted (its SHA-256 differs from oedr-manifest.json)');
    expect(box.received).toHaveLength(0);
  });

  test('without SMTP settings it says where to put them', async () => {
    const { spec, out } = await drafted();
    delete process.env.OEDR_SMTP_URL;
    process.env.XDG_CONFIG_HOME = join(dir.path, 'config');
    const r = await runCli('send', spec, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no SMTP settings: set OEDR_SMTP_URL (smtp://user:password@host:587) or OEDR_SMTP_HOST and its companions, or write ${join(dir.path, 'config', 'oedr', 'smtp.json')}; or use --dry-run`);
  });

  test('a settings file inside a git repository is refused (it holds a password)', async () => {
    const { spec, out } = await drafted();
    delete process.env.OEDR_SMTP_URL;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir.path, '.git'));
    writeFileSync(join(dir.path, 'smtp.json'), JSON.stringify({ host: '127.0.0.1', port: box.port, user: 'observer', pass: 's3cret' }));
    const r = await runCli('send', spec, '--out', out, '--smtp-config', join(dir.path, 'smtp.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('the SMTP settings file is inside a git repository');
    expect(box.received).toHaveLength(0);
  });
});
