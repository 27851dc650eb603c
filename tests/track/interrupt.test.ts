// `oedr send` killed (SIGKILL) while the server is receiving the message: the ledger is left saying
// `sending`, and the next run sends nothing until a person has looked. A real process, a real kill.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';
import { foiSpec, requestsFolder } from './fixtures.js';

let dir: ReturnType<typeof tempDir>;
let server: SMTPServer;
let inData: () => void;
const reachedData = new Promise<void>((resolve) => { inData = resolve; });
let messages = 0;
beforeEach(async () => {
  dir = tempDir();
  // Reads the message, then never answers: the client is stuck after the whole message went out.
  server = new SMTPServer({ disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData(stream) { stream.resume(); stream.on('end', () => { messages++; inData(); }); } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  dir.done();
});

test('a send killed mid-transaction leaves `sending`, and no later run sends the letter again', async () => {
  const folder = requestsFolder(dir.path, { 'results.yaml': foiSpec() });
  const spec = join(folder, 'results.yaml');
  const out = join(dir.path, 'letters');
  expect((await runCli('draft', spec, '--out', out, '--quiet')).code).toBe(0);
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  const env = { ...process.env, OEDR_SMTP_URL: `smtp://127.0.0.1:${port}`, OEDR_SMTP_TIMEOUT: '60' };
  const child = spawn(process.execPath, [join(root, 'bin/oedr.js'), 'send', spec, '--out', out, '--date', '2027-03-22'], { env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await reachedData;
  child.kill('SIGKILL');
  await exited;
  const ledger = readFileSync(join(folder, '_ledger.yaml'), 'utf8');
  expect(ledger).toMatch(/results:\n {4}spec: results\.yaml\n {4}sending:\n {6}started: 2027-03-22\n {6}message_id: <[0-9a-f]{24}\.results@openpollswatch\.example>\n/);
  expect(ledger).not.toContain('sent:');

  process.env.OEDR_SMTP_URL = env.OEDR_SMTP_URL;
  const again = await runCli('send', spec, '--out', out);
  expect(again.err).toMatch(/^results: not sent: a send started on 2027-03-22 \(<.*>\) was interrupted and may have gone out; check the sent mail/);
  expect(messages).toBe(1); // the killed run's, and no other
  delete process.env.OEDR_SMTP_URL;
}, 60_000);
