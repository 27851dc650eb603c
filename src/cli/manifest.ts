// oedr-manifest.json in the output folder: each letter with the hash of its spec's content and the
// hash of each file written for it, so a reviewer sees in a diff what changed. A spec with
// `recipients` has one entry per recipient; one with a profile or a recipient list also lists
// those files (`sources`), and its hash covers them, so a change to a shared profile shows.
// No timings, no dates: it is itself reproducible. Paths are relative to the output folder, so the
// file is the same from whichever folder oedr runs. Entries for specs not drafted in this run are kept.
import type { OedrError } from '../errors.js';
import { readRegularSync } from '../read-file.js';
import { join, relative, resolve } from 'node:path';
import type { DraftResult } from './draft-job.js';

export const MANIFEST = 'oedr-manifest.json';

export interface ManifestEntry {
  spec: string;
  /** The recipient's id, for a spec with `recipients`. */
  recipient?: string;
  sha256: string;
  /** With a profile or a recipient list: every file the spec was built from, the spec first. */
  sources?: { file: string; sha256: string }[];
  outputs: Record<string, { file: string; sha256: string }>;
}
export interface Manifest { oedr: string; letters: ManifestEntry[] }

const slashes = (p: string) => p.split('\\').join('/');

/** One entry per letter of the spec, in the order drafted. */
export function manifestEntries(spec: string, result: Pick<DraftResult, 'sha256' | 'sources' | 'outputs'>, outDir: string): ManifestEntry[] {
  if (!result.sha256 || !result.outputs.length) return [];
  const byLetter = new Map<string | undefined, ManifestEntry>();
  const sources = result.sources && result.sources.length > 1
    ? result.sources.map((s) => ({ file: slashes(relative(outDir, resolve(s.file))), sha256: s.sha256 }))
    : undefined;
  for (const o of result.outputs) {
    // A letter left as it is (edited by hand) keeps the entry it had.
    if (o.status === 'edited' || o.status === 'kept') continue;
    let entry = byLetter.get(o.letter);
    if (!entry) {
      entry = { spec: specKey(spec, outDir), ...(o.letter === undefined ? {} : { recipient: o.letter }), sha256: result.sha256, ...(sources ? { sources } : {}), outputs: {} };
      byLetter.set(o.letter, entry);
    }
    entry.outputs[o.format] = { file: slashes(relative(outDir, o.path)), sha256: o.sha256 };
  }
  return [...byLetter.values()];
}

export interface ReadManifest {
  manifest: Manifest;
  text: string;
  /** Why the file was not a manifest as oedr writes it: it is rebuilt from its sound entries, with a warning. */
  damaged?: string;
}

/** The manifest in the output folder, parsed and as written (read once: for 1,000 letters it is ~0.5 MB). */
export function readManifest(outDir: string): ReadManifest | undefined {
  let text: string;
  try {
    text = readRegularSync(join(outDir, MANIFEST)).toString('utf8');
  } catch (e) {
    return (e as OedrError).diagnostics?.[0]?.rule === 'file-missing' ? undefined
      : { manifest: { oedr: '', letters: [] }, text: '', damaged: (e as OedrError).diagnostics?.[0]?.message ?? String(e) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { manifest: { oedr: '', letters: [] }, text, damaged: 'it is not valid JSON' };
  }
  const letters = (parsed as { letters?: unknown })?.letters;
  if (!Array.isArray(letters)) return { manifest: { oedr: '', letters: [] }, text, damaged: 'it has no list of letters' };
  const sound = letters.filter(isEntry);
  const damaged = sound.length === letters.length ? undefined : `${letters.length - sound.length} of its ${letters.length} entries are not letters as oedr records them`;
  return { manifest: { oedr: String((parsed as Manifest).oedr), letters: sound }, text, damaged };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isFile = (v: unknown) => isRecord(v) && typeof v.file === 'string' && typeof v.sha256 === 'string';

function isEntry(e: unknown): e is ManifestEntry {
  return isRecord(e) && typeof e.spec === 'string' && typeof e.sha256 === 'string' && (e.recipient === undefined || typeof e.recipient === 'string')
    && (e.sources === undefined || (Array.isArray(e.sources) && e.sources.every(isFile)))
    && isRecord(e.outputs) && Object.values(e.outputs).every(isFile);
}

const order = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/**
 * The entries of every spec drafted now replace all of that spec's old entries (a recipient may
 * have gone), except those of letters `kept` as they were (`spec` NUL `recipient`: edited by hand).
 */
export function mergeManifest(version: string, old: Manifest | undefined, entries: ManifestEntry[], kept: ReadonlySet<string> = new Set()): string {
  const drafted = new Set(entries.map((e) => e.spec));
  const letters = [...(old?.letters ?? []).filter((e) => !drafted.has(e.spec) || kept.has(letterKey(e.spec, e.recipient))), ...entries]
    .sort((a, b) => order(a.spec, b.spec) || order(a.recipient, b.recipient));
  return JSON.stringify({ oedr: version, letters }, null, 2) + '\n';
}

/** One letter of the manifest: its spec and recipient. */
export const letterKey = (spec: string, recipient: string | undefined) => `${spec}\0${recipient ?? ''}`;

/** A spec as the manifest names it: relative to the output folder, with `/`. */
export const specKey = (spec: string, outDir: string) => slashes(relative(outDir, resolve(spec)));
