// The PDF thread of a two-thread batch: its letters come back as the writer would give them on this
// thread, its errors as the writer's own, and a worker that dies fails the letters waiting on it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { startPdfThread } from '../../src/cli/pdf-thread.js';
import type { Document } from '../../src/document.js';
import { ExitCode, OedrError } from '../../src/errors.js';
import { getWriter } from '../../src/writers/index.js';
import { root, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const builtWorker = pathToFileURL(join(root, 'dist/bundle/worker.js'));
const letter = (text: string): Document => ({
  meta: { title: 'T', author: 'A', subject: 'S', language: 'en', date: '2027-01-15', keywords: [], pageLabel: 'Page {page} of {pages}' },
  blocks: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }],
});

test('a letter typeset on the PDF thread is the same bytes as on this thread', async () => {
  if (!existsSync(builtWorker)) throw new Error('dist/bundle is missing: run `npm run build`');
  const pdf = await startPdfThread(builtWorker);
  try {
    const doc = letter('Request for polling-station results, Łódź 2027.');
    const [there, here] = await Promise.all([pdf.writer.write(doc), (await getWriter('pdf')).write(doc)]);
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
    expect(pdf.writer.covers?.(0x4e2d)).toBe(false);
  } finally {
    await pdf.close();
  }
});

test("the writer's error on the PDF thread is thrown here as the same OedrError", async () => {
  const pdf = await startPdfThread(builtWorker);
  try {
    const failure = await pdf.writer.write(letter('中文')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OedrError);
    expect((failure as OedrError).code).toBe(ExitCode.render);
    expect((failure as OedrError).diagnostics.map((d) => d.rule)).toEqual(['font-coverage', 'font-coverage']);
    expect((failure as OedrError).diagnostics[0]!.message).toMatch(/^the character "中" \(U\+4E2D\) is not covered by the bundled fonts/);
  } finally {
    await pdf.close();
  }
});

test('a PDF thread that exits fails the letters waiting on it, and those after, instead of hanging', async () => {
  const url = join(tmp.path, 'exits.mjs');
  writeFileSync(url, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(4));\n");
  const pdf = await startPdfThread(pathToFileURL(url));
  try {
    await expect(pdf.writer.write(letter('a'))).rejects.toThrow('the PDF worker thread stopped unexpectedly (exit code 4)');
    await expect(pdf.writer.write(letter('b'))).rejects.toThrow('the PDF worker thread stopped unexpectedly (exit code 4)');
  } finally {
    await pdf.close();
  }
}, 10_000);

test('closing the PDF thread fails the letters still waiting on it', async () => {
  const url = join(tmp.path, 'silent.mjs');
  writeFileSync(url, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {});\n");
  const pdf = await startPdfThread(pathToFileURL(url));
  // The expectation is attached before closing, so the rejection is never left unhandled.
  const waiting = expect(pdf.writer.write(letter('a'))).rejects.toThrow('the PDF thread was closed before this letter was typeset');
  await pdf.close();
  await waiting;
}, 10_000);
