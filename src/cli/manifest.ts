// oedr-manifest.json in the output folder: each spec with the hash of its content and each letter
// with its hash, so a reviewer sees in a diff what changed. No timings, no dates: it is itself
// reproducible. Entries for specs not drafted in this run are kept.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DraftResult } from './draft-job.js';

export const MANIFEST = 'oedr-manifest.json';

export interface ManifestEntry { spec: string; sha256: string; outputs: Record<string, { file: string; sha256: string }> }
export interface Manifest { oedr: string; letters: ManifestEntry[] }

export function manifestEntry(spec: string, result: DraftResult, outDir: string): ManifestEntry | undefined {
  if (!result.sha256 || !result.outputs.length) return undefined;
  const outputs: ManifestEntry['outputs'] = {};
  for (const o of result.outputs) outputs[o.format] = { file: relative(outDir, o.path).split('\\').join('/'), sha256: o.sha256 };
  return { spec: relative('.', spec).split('\\').join('/'), sha256: result.sha256, outputs };
}

export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  const text = await readFile(join(outDir, MANIFEST), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text) as Manifest;
    return Array.isArray(m.letters) ? m : undefined;
  } catch {
    return undefined; // a damaged manifest is rebuilt, not trusted
  }
}

export function mergeManifest(version: string, old: Manifest | undefined, entries: ManifestEntry[]): string {
  const bySpec = new Map((old?.letters ?? []).map((e) => [e.spec, e]));
  for (const e of entries) bySpec.set(e.spec, e);
  const letters = [...bySpec.values()].sort((a, b) => (a.spec < b.spec ? -1 : a.spec > b.spec ? 1 : 0));
  return JSON.stringify({ oedr: version, letters }, null, 2) + '\n';
}
