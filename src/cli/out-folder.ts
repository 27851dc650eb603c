// The output folder of `oedr draft` as one run's: a lock (.oedr-lock) so that runs writing to the
// same folder take turns, and a journal (.oedr-journal-*) in which each spec's manifest entries
// are recorded just before its files are renamed into place. A run that ends early (Ctrl-C,
// kill -9, a crash) leaves its journal; the next run, or the signal handler, adds to the manifest
// what the journal says and the files on disk confirm, so the manifest agrees with the files.
import { appendFileSync, existsSync, linkSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { ExitCode, fail } from '../errors.js';
import { sha256 } from '../hash.js';
import { readRegularSync } from '../read-file.js';
import { alive, ensureDir, removeStaleTemps, writeFileAtomicSync } from './files.js';
import { MANIFEST, mergeManifest, readManifest, type Manifest, type ManifestEntry } from './manifest.js';

const LOCK = '.oedr-lock';
const JOURNAL = '.oedr-journal-';
/** How long a run waits for another to finish with the folder before giving up (exit 3). */
const WAIT_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `pid host`: a lock of this machine whose process is gone is taken over. */
const owner = (text: string) => {
  const [pid, host] = text.trim().split(' ');
  return { pid: Number(pid), host: host ?? '' };
};

/**
 * Takes the folder's lock, waiting (and saying so once) while another live oedr holds it.
 * Returns the function that releases it (and removes the folder if it made it and it stayed empty).
 */
export async function lockOutDir(outDir: string, waiting: (pid: number) => void): Promise<() => void> {
  const made = !existsSync(outDir);
  ensureDir(outDir);
  const path = join(outDir, LOCK);
  const mine = `${process.pid} ${hostname()}\n`;
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      writeFileSync(path, mine, { flag: 'wx' });
      return () => {
        try { if (readFileSync(path, 'utf8') === mine) unlinkSync(path); } catch { /* gone already */ }
        if (made) { try { rmdirSync(outDir); } catch { /* holds letters */ } }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') fail(ExitCode.input, 'write-failed', `cannot lock the output folder: ${(e as Error).message}`, { file: path });
    }
    let text = '';
    try { text = readFileSync(path, 'utf8'); } catch { continue; /* released meanwhile */ }
    const held = owner(text);
    if (held.host === hostname() && held.pid && !alive(held.pid)) {
      breakStale(path, text);
      continue;
    }
    if (Date.now() - started > WAIT_MS) {
      fail(ExitCode.input, 'out-locked', `another oedr (process ${held.pid || '?'} on ${held.host || 'an unknown machine'}) has been writing to this folder for ${WAIT_MS / 60_000} minutes; if it is no longer running, remove ${path}`, { file: outDir });
    }
    if (!told) { waiting(held.pid); told = true; }
    await sleep(100);
  }
}

/** Moves a dead process's lock away; if another run took it over in between, puts that one back. */
function breakStale(path: string, seen: string): void {
  const aside = `${path}.stale-${process.pid}`;
  try { renameSync(path, aside); } catch { return; }
  let moved = '';
  try { moved = readFileSync(aside, 'utf8'); } catch { /* nothing to compare */ }
  if (moved !== seen) { try { linkSync(aside, path); } catch { /* a third run holds it now */ } }
  try { unlinkSync(aside); } catch { /* already gone */ }
}

/** This thread's journal in the folder. */
export const journalOf = (outDir: string) => join(outDir, `${JOURNAL}${process.pid}-${threadId}`);

/** Records a spec's entries before its files are renamed into place: one line, one write. */
export function journal(outDir: string, entries: ManifestEntry[]): void {
  if (entries.length) appendFileSync(journalOf(outDir), JSON.stringify(entries) + '\n');
}

/** The journals in the folder: all of them (stale: those of processes that are gone), or this process's. */
function journals(outDir: string, which: 'stale' | 'mine'): string[] {
  let names: string[];
  try { names = readdirSync(outDir); } catch { return []; }
  return names.filter((n) => {
    const pid = Number(/^\.oedr-journal-(\d+)-\d+$/.exec(n)?.[1]);
    return pid > 0 && (which === 'mine' ? pid === process.pid : !alive(pid));
  }).sort().map((n) => join(outDir, n));
}

/**
 * Adds to the manifest what the journals of a run that ended early recorded, as far as the files
 * on disk confirm it, then removes them and the run's temp files. Returns the number of entries added.
 */
export function recoverJournals(outDir: string, version: string, which: 'stale' | 'mine'): number {
  const files = journals(outDir, which);
  removeStaleTemps(outDir);
  if (!files.length) return 0;
  const old = readManifest(outDir)?.manifest;
  const recorded: ManifestEntry[] = [];
  for (const file of files) {
    let text = '';
    try { text = readRegularSync(file).toString('utf8'); } catch { /* unreadable: nothing to add */ }
    // The last line may be cut short by the kill: it is skipped.
    for (const line of text.split('\n')) {
      try { recorded.push(...(JSON.parse(line) as ManifestEntry[])); } catch { /* a partial line */ }
    }
  }
  const confirmed = recorded.map((e) => confirm(e, old, outDir)).filter((e) => Object.keys(e.outputs).length);
  writeFileAtomicSync(join(outDir, MANIFEST), mergeManifest(version, old, confirmed));
  for (const file of files) { try { unlinkSync(file); } catch { /* already gone */ } }
  return confirmed.length;
}

/**
 * A journaled entry as the disk has it: each output the journal's hash if the file holds those
 * bytes, else the old manifest's if it still does, else left out (a file no record describes).
 */
function confirm(e: ManifestEntry, old: Manifest | undefined, outDir: string): ManifestEntry {
  const before = old?.letters.find((o) => o.spec === e.spec && o.recipient === e.recipient);
  const outputs: ManifestEntry['outputs'] = {};
  for (const [format, out] of Object.entries(e.outputs)) {
    const disk = hashOf(join(outDir, out.file));
    if (disk === out.sha256) outputs[format] = out;
    else if (before?.outputs[format] && disk === before.outputs[format]!.sha256) outputs[format] = before.outputs[format]!;
  }
  return { ...e, outputs };
}

function hashOf(path: string): string | undefined {
  try { return sha256(readRegularSync(path)); } catch { return undefined; }
}

/** This process's journals, once the manifest records everything they hold. */
export function dropJournals(outDir: string): void {
  for (const file of journals(outDir, 'mine')) { try { unlinkSync(file); } catch { /* already gone */ } }
}
