// A request from draft to appeal, as the README's walk-through tells it: draft, send (to an SMTP
// server on 127.0.0.1), record a partial answer, `draft --next` writes and drafts the appeal to the
// law's first appeal step within its limit, and `status` shows each step. KE: the Commission on
// Administrative Justice, 30 days from the decision (s.14): from 20 Dec 2026, by 19 Jan 2027.
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { foiSpec, requestsFolder } from './fixtures.js';

let dir: ReturnType<typeof tempDir>;
let server: SMTPServer;
let delivered = 0;
const saved = { ...process.env };
beforeEach(async () => {
  dir = tempDir();
  server = new SMTPServer({ disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData(stream, _s, cb) { stream.resume(); stream.on('end', () => { delivered++; cb(); }); } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  process.env.OEDR_SMTP_URL = `smtp://127.0.0.1:${port}`;
});
afterEach(async () => {
  process.env = { ...saved };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  dir.done();
});

const json = async (folder: string, today: string) => JSON.parse((await runCli('status', folder, '--today', today, '--json')).out).letters as { name: string; institution: string; next: { action: string; by?: string; to?: string; why: string } }[];

test('draft, send, record a partial answer, draft the appeal that is due, and see it in status', async () => {
  const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec({ date: '2026-12-03' }) });
  const spec = join(folder, 'results.yaml');
  const out = join(dir.path, 'letters');
  expect((await runCli('draft', spec, '--out', out, '--quiet')).code).toBe(0);
  const sent = await runCli('send', spec, '--out', out, '--date', '2026-12-03');
  expect(sent.code, sent.err).toBe(0);
  expect(delivered).toBe(1);
  expect((await runCli('record', spec, '--answer', 'partial', '--on', '2026-12-20', '--reference', 'IEBC/ATI/15', '--exemption', 's.6(1)(c)')).code).toBe(0);

  let rows = await json(folder, '2026-12-21');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.next).toEqual({ action: 'appeal', by: '2027-01-19', to: 'Commission on Administrative Justice', why: 'answered in part on 2026-12-20; lodge the appeal by 2027-01-19' });

  const next = await runCli('draft', folder, '--next', '--date', '2026-12-21', '--out', out, '--format', 'md');
  expect(next.code, next.err).toBe(0);
  const appealSpec = join(folder, 'results.appeal.yaml');
  expect(readFileSync(appealSpec, 'utf8')).toContain('extends: results.yaml\nletter:\n  kind: appeal\n  date: 2026-12-21\nearlier_request:\n  reference: OPW/ATI/2027/04\n  sent_on: 2026-12-03\n  response: partial\n  response_date: 2026-12-20\n  response_reference: IEBC/ATI/15\n');
  const letter = readFileSync(join(out, 'results.appeal.md'), 'utf8');
  expect(letter).toContain('Commission on Administrative Justice');
  expect(letter).toContain('by 19 January 2027');
  expect(letter).toContain('reference IEBC/ATI/15');

  rows = await json(folder, '2026-12-21');
  expect(rows.map((r) => [r.name, r.institution, r.next.action])).toEqual([
    ['results.appeal', 'Commission on Administrative Justice', 'send'],
    ['results', 'Independent Electoral and Boundaries Commission', 'appeal'],
  ]);
  // The appeal is sent by post (the CAJ's address in the spec has no email): recorded by hand.
  expect((await runCli('record', appealSpec, '--sent', '2026-12-22', '--via', 'hand')).code).toBe(0);
  rows = await json(folder, '2026-12-23');
  expect(rows.map((r) => [r.name, r.next.action, r.next.why])).toEqual([
    ['results.appeal', 'wait', "appeal lodged on 2026-12-22; the request's own row says what comes next"],
    ['results', 'wait', 'appealed on 2026-12-22 to Commission on Administrative Justice (results.appeal)'],
  ]);
  // Nothing more is due, so --next drafts nothing and says so.
  const none = await runCli('draft', folder, '--next', '--date', '2026-12-23', '--out', out);
  expect(none.code).toBe(0);
  expect(none.err).toBe('oedr draft --next: no follow-up or appeal is due for these requests (see `oedr status`)');
  expect(existsSync(join(folder, 'results.follow-up.yaml'))).toBe(false);
});

test('an unanswered request past its date gets a follow-up spec, kept as the user edits it', async () => {
  const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec({ date: '2026-12-03' }) });
  const spec = join(folder, 'results.yaml');
  expect((await runCli('record', spec, '--sent', '2026-12-03', '--via', 'email')).code).toBe(0);
  expect((await runCli('record', spec, '--received', '2026-12-04')).code).toBe(0);
  const out = join(dir.path, 'letters');
  const r = await runCli('draft', folder, '--next', '--date', '2026-12-29', '--out', out, '--format', 'md');
  expect(r.code, r.err).toBe(0);
  const followUp = join(folder, 'results.follow-up.yaml');
  const text = readFileSync(followUp, 'utf8');
  expect(text).toContain('# The follow-up due for results.yaml: the answer was due by 2026-12-28; appeal by 2027-01-27 at the latest.');
  expect(text).toContain('  response: none\n');
  expect(readFileSync(join(out, 'results.follow-up.md'), 'utf8')).toContain('3 December 2026');
  // A second run keeps the file as it is.
  const { writeFileSync } = await import('node:fs');
  writeFileSync(followUp, text.replace('date: 2026-12-29', 'date: 2026-12-30'));
  await runCli('draft', folder, '--next', '--date', '2026-12-31', '--out', out, '--format', 'md');
  expect(readFileSync(followUp, 'utf8')).toContain('date: 2026-12-30');
});
