// `oedr schema`: the draft-07 JSON Schema that editors read, with a description for every key.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../helpers.js';
import { specJsonSchema } from '../../src/spec/json-schema.js';

const run = runCli;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'oedr-schema-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface JsonSchema {
  $schema?: string;
  title?: string;
  description?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean;
}

/** Paths of properties without a description, anywhere in the schema. */
function undescribed(s: JsonSchema, at = ''): string[] {
  const out: string[] = [];
  for (const [key, p] of Object.entries(s.properties ?? {})) {
    if (!p.description?.trim()) out.push(`${at}.${key}`);
    out.push(...undescribed(p, `${at}.${key}`));
  }
  if (s.items) out.push(...undescribed(s.items, `${at}[]`));
  return out;
}

test('prints draft-07 JSON with a description for every key', async () => {
  const r = await run('schema');
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
  const schema = JSON.parse(r.out) as JsonSchema;
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  expect(schema.title).toBe('oedr request spec, version 1');
  expect(schema.type).toBe('object');
  // requester and recipient may come from a profile (extends) or a recipient list; the loader
  // requires them after merging.
  expect(schema.required).toEqual(['letter', 'datasets']);
  expect(Object.keys(schema.properties!)).toEqual(expect.arrayContaining(['requester', 'recipient', 'extends', 'recipients']));
  expect(schema.additionalProperties).toBe(false); // editors flag misspelt keys too
  expect(Object.keys(schema.properties!)).toContain('datasets');
  expect(undescribed(schema)).toEqual([]);
  expect(schema.properties!.datasets!.items!.properties!.encoding!.description).toMatch(/UTF-8/);
});

test('--out writes the same schema to a file and says so on stderr', async () => {
  const file = join(tmp, 'nested', 'oedr.schema.json');
  expect(await run('schema', '--out', file)).toEqual({ code: 0, out: '', err: `wrote ${file}` });
  expect(await readFile(file, 'utf8')).toBe(specJsonSchema());
  expect((await run('schema', '-o', file)).code).toBe(0);
});

test('--out onto a directory fails with exit 3', async () => {
  const dir = join(tmp, 'dir.json');
  await mkdir(dir);
  const r = await run('schema', '--out', dir);
  expect(r.code).toBe(3);
  expect(r.err).toMatch(/\[write-failed\]$/);
});
