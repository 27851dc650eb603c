// `oedr draft`: expand the inputs, give each letter its output name (one per spec, or one per
// recipient), draft each spec (on worker threads for a batch), report in input order, and record
// every letter written in oedr-manifest.json.
// One spec failing never stops the others; the exit code is the worst seen.
import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { visible } from '../characters.js';
import { ExitCode, fail, type Diagnostic } from '../errors.js';
import { listedRecipientIds, loadSpec } from '../spec/load.js';
import { WINDOWS_RESERVED } from '../spec/schema.js';
import { formats, type OutputFormat } from '../writers/index.js';
import { letterStem, runDraftJob, type DraftJob, type DraftResult } from './draft-job.js';
import { writeFileAtomic } from './files.js';
import { checkLawsFile, expandInputs } from './inputs.js';
import { plural, printDiagnostic, type Io } from './io.js';
import { letterKey, MANIFEST, manifestEntries, mergeManifest, readManifest, specKey, type Manifest } from './manifest.js';
import { dropJournals, lockOutDir, recoverJournals } from './out-folder.js';
import { stopWorkers } from './pool.js';
import { IN_FLIGHT } from './pdf-thread.js';
import { DRAFT_PARALLEL_THRESHOLD, jobCount, runInWorkers } from './pool.js';
import { progress } from './progress.js';

export interface DraftOptions {
  format: string;
  out: string;
  templateDir?: string;
  /** --reading-copy LANG: also write each letter in LANG, marked as a translation for the requester's records. */
  readingCopy?: string;
  strict?: boolean;
  laws?: string;
  /** Render in memory and compare with the files in the output folder; write nothing. */
  check?: boolean;
  quiet?: boolean;
  json?: boolean;
  /** The data contract annex beside letters asking for CSV/TSV (--annex / --no-annex); see ANNEX_BY_DEFAULT. */
  annex?: boolean;
  /** Write over letters edited by hand. */
  force?: boolean;
  /** The folder profiles and recipient lists must lie in; by default each spec's own. */
  root?: string;
  /** Draft what the ledger says is due next (a follow-up or an appeal), instead of the specs given. */
  next?: boolean;
  /** With --next: the date of the new letters (YYYY-MM-DD), default today. */
  date?: string;
}

/** Whether `draft` writes the contract annex when neither --annex nor --no-annex is given. */
export const ANNEX_BY_DEFAULT = true;

export function parseFormats(list: string): OutputFormat[] {
  const asked = list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  for (const f of asked) {
    if (!formats.includes(f as OutputFormat)) {
      fail(ExitCode.usage, 'unknown-format', `unknown output format "${f}"; expected a comma-separated list of ${formats.join(', ')}`);
    }
  }
  if (!asked.length) fail(ExitCode.usage, 'unknown-format', `no output format given; expected ${formats.join(', ')}`);
  return [...new Set(asked)] as OutputFormat[];
}

/** --reading-copy's language as a canonical BCP 47 tag (`EN` -> `en`), or a usage error. */
export function parseLanguage(tag: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical) return canonical;
  } catch {
    // reported below
  }
  return fail(ExitCode.usage, 'bad-language', `--reading-copy: expected a BCP 47 language tag such as en, es or ar, got "${tag}"`);
}

/** `requests/Results 2027.yaml` -> `Results-2027`: a plain file name that cannot leave the output folder. */
export function outputStem(specFile: string): string {
  const name = basename(specFile).replace(/\.ya?ml$/i, '');
  // An ASCII name, the usual case, without compiling the Unicode-property pattern (~0.5 ms at start):
  // in ASCII, letters and digits are exactly A-Z, a-z and 0-9.
  const plain = /^[\x00-\x7f]*$/.test(name) ? name.replace(/[^A-Za-z0-9._-]+/g, '-') : name.replace(/[^\p{L}\p{N}._-]+/gu, '-');
  const stem = plain.replace(/^[.-]+|-+$/g, '').slice(0, 120).replace(/-+$/, '') || 'letter';
  // `con.yaml` would write con.docx, a name Windows keeps for a device; long names pass the 255-byte limit.
  return WINDOWS_RESERVED.test(stem.split('.')[0]!) ? `${stem}-letter` : stem;
}

/**
 * The recipient ids of a spec whose letters are named one per recipient, or undefined: those of a
 * spec that loads without errors (an invalid one writes nothing, and claims only its plain stem).
 */
async function recipientIds(file: string, root?: string): Promise<string[] | undefined> {
  const letters = (await loadSpec(file, root).catch(() => undefined))?.letters;
  const ids = letters?.flatMap((l) => (l.id === undefined ? [] : [l.id]));
  return ids?.length ? ids : undefined;
}

/**
 * Whether two specs could claim the same output name, counting for a spec with listed ids both its
 * letters' names and its plain stem (what it claims if it turns out invalid). When not, the listed
 * ids name the letters exactly as loading each spec in full would, without a clash either way.
 */
function mayClash(planned: readonly { stem: string; ids?: string[] }[]): boolean {
  const owner = new Map<string, number>();
  return planned.some(({ stem, ids }, i) => [stem, ...(ids ?? []).map((id) => letterStem(stem, id))].some((name) => {
    const by = owner.get(name.toLowerCase());
    if (by !== undefined && by !== i) return true;
    owner.set(name.toLowerCase(), i);
    return false;
  }));
}

const pkgVersion = () => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * A draft worker's heap limits (node:worker_threads' resourceLimits), so that its memory stays flat
 * through a long batch; the PDF thread has its own (pdf-thread.ts).
 *
 * Young generation, in MB: left to V8 it grows to ~48 MB in a long batch, though a letter in
 * progress is a few MB. Too small costs more than memory: at 16 a whole letter (~4-5 MB allocated)
 * often met two minor GCs, which promoted what it still held, and the worker ran 10-16 full GCs per
 * 1,000 letters instead of 3 (--trace-gc-nvp). A worker that drafts without the PDF holds up to
 * IN_FLIGHT letters of ~2 MB: 24 holds them.
 *
 * Old generation, in MB: a hard limit, far above what a worker keeps (~12 MB live; the letters'
 * bytes, held until a spec's files are written, are ArrayBuffers outside it), set because V8
 * lets the old generation grow between full GCs by a factor it scales with this limit: without it,
 * 1,000 letters peaked at 198-201 MB against ~135 for 100; with 1,024 and a young generation of 24,
 * at 154-163 MB, for the same CPU time (4 alternating runs).
 */
const DRAFT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 1024 };

/**
 * Two cores split a batch by stage (pdf-thread.ts) only when its specs hold about one letter each.
 * There the drafting thread, which also reads each spec and writes its files, has about as much
 * to do per letter as the PDF thread. A spec with a recipient list is read once for many letters,
 * so the PDF thread would be the bottleneck: 9 specs of 400 recipients took 15.5 s split by stage
 * against 13.0 s drafted whole on two threads (18.3 s on one).
 */
const SPLIT_MAX_LETTERS_PER_SPEC = 1.5;

export async function draft(args: string[], opts: DraftOptions, io: Io): Promise<number> {
  const wanted = parseFormats(opts.format);
  const files = opts.next ? await (await import('./next.js')).nextSpecs(args, opts, io) : await expandInputs(args);
  if (opts.next && !files.length) {
    io.err('oedr draft --next: no follow-up or appeal is due for these requests (see `oedr status`)');
    return ExitCode.ok;
  }
  await checkLawsFile(opts.laws);
  const outDir = resolve(opts.out);
  const started = performance.now();

  // Names first, so that a clash is found before any work and never depends on timing. A spec
  // with recipients writes one letter per recipient, <stem>-<id>, so its ids are needed here too.
  // The ids are read cheaply (listedRecipientIds: no schema, on this thread before any job starts);
  // only when a clash is possible are those specs loaded in full, so that it is decided as ever.
  // One spec has nothing to clash with (and a batch of one never splits by stage): it is read once.
  const planned = files.map((file) => ({ stem: outputStem(file), ids: files.length > 1 ? listedRecipientIds(file, opts.root) : undefined }));
  if (mayClash(planned)) {
    await Promise.all(planned.map(async (p, i) => { if (p.ids) p.ids = await recipientIds(files[i]!, opts.root); }));
  }
  const taken = new Map<string, string>();
  const jobs: (DraftJob | Diagnostic)[] = files.map((file, i) => {
    const { stem, ids } = planned[i]!;
    const names = ids ? ids.map((id) => letterStem(stem, id)) : [stem];
    const clash = names.map((name) => ({ name, by: taken.get(name.toLowerCase()) })).find((c) => c.by !== undefined);
    if (clash) {
      return { severity: 'error', rule: 'output-clash', file,
        message: `the output name "${clash.name}" is already used by ${clash.by}; rename one of the specs${ids ? ' or change the recipient id' : ''}` };
    }
    for (const name of names) taken.set(name.toLowerCase(), file);
    return { kind: 'draft', file, stem, formats: wanted, outDir, templateDir: opts.templateDir, laws: opts.laws, strict: opts.strict, force: opts.force, check: opts.check, annex: opts.annex ?? ANNEX_BY_DEFAULT, ...(opts.readingCopy ? { readingCopy: parseLanguage(opts.readingCopy) } : {}) };
  });

  // One run at a time writes to a folder (out-folder.ts); what a run that ended early left is
  // added to the manifest first, so that its letters are not taken for letters edited by hand.
  const version = pkgVersion();
  const release = opts.check ? () => {} : await lockOutDir(outDir, (pid) => io.err(`Waiting for another oedr (process ${pid}) to finish writing to ${rel(outDir)} ...`));
  const stopOnSignal = opts.check ? undefined : onSignal(outDir, version, release, io);
  try {
    if (!opts.check) {
      const recovered = recoverJournals(outDir, version, 'stale');
      if (recovered) io.err(`${rel(join(outDir, MANIFEST))}: added the ${plural(recovered, 'letter')} of a run that ended early`);
    }
    const recorded = recordedBySpec(readManifest(outDir)?.manifest, outDir);
    for (const job of jobs) {
      if (!('kind' in job)) continue;
      Object.assign(job, { recorded: recorded.get(resolve(job.file)), force: opts.force, journal: !opts.check, root: opts.root });
    }
    return await run(files, jobs, planned, wanted, outDir, version, opts, io, started);
  } finally {
    if (stopOnSignal) for (const s of ['SIGINT', 'SIGTERM'] as const) process.off(s, stopOnSignal);
    release();
  }
}

async function run(files: string[], jobs: (DraftJob | Diagnostic)[], planned: { ids?: string[] }[], wanted: OutputFormat[],
  outDir: string, version: string, opts: DraftOptions, io: Io, started: number): Promise<number> {
  const show = progress(io, files.length, Boolean(opts.quiet || opts.json));
  const results: DraftResult[] = new Array(files.length);
  let worst: number = ExitCode.ok;
  let reported = 0;
  let finished = 0;
  // Results may arrive in any order from the workers; they are reported in input order.
  const arrive = (i: number, result: DraftResult) => {
    results[i] = result;
    worst = Math.max(worst, result.code);
    finished++;
    show.clear();
    while (reported < files.length && results[reported]) {
      if (!opts.json) report(io, files[reported]!, results[reported]!, opts);
      reported++;
    }
    show.tick(finished, files[i]!);
  };
  const runnable = jobs.flatMap((j, i) => ('kind' in j ? [{ i, job: j }] : []));
  for (const [i, j] of jobs.entries()) if (!('kind' in j)) arrive(i, { code: ExitCode.usage, diagnostics: [j], outputs: [], ms: 0 });
  const threads = jobCount(runnable.length, DRAFT_PARALLEL_THRESHOLD);
  const letterCount = planned.reduce((n, p) => n + (p.ids?.length ?? 1), 0);
  if (threads === 2 && wanted.includes('pdf') && letterCount <= SPLIT_MAX_LETTERS_PER_SPEC * files.length) {
    // Two cores: one worker drafts, a worker of its own typesets the PDFs, this thread waits (pdf-thread.ts).
    await runInWorkers<DraftResult>(runnable.map((r) => ({ ...r.job, pdfThread: true })), 1, (k, result) => arrive(runnable[k]!.i, result),
      { resourceLimits: DRAFT_WORKER_LIMITS, prefetch: IN_FLIGHT + 1 });
  } else if (threads > 1) {
    // More cores, or specs with recipient lists: this thread drafts whole letters too, beside one
    // worker per other core (see PoolOptions.local).
    await runInWorkers<DraftResult>(runnable.map((r) => r.job), threads - 1, (k, result) => arrive(runnable[k]!.i, result),
      { local: (job) => runDraftJob(job as DraftJob), resourceLimits: DRAFT_WORKER_LIMITS });
  } else {
    for (const { i, job } of runnable) {
      arrive(i, await runDraftJob(job));
      // Let a signal in (Ctrl-C): the jobs' awaits alone never leave the microtask queue.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  show.clear();

  const entries = results.flatMap((r, i) => manifestEntries(files[i]!, r, outDir));
  const stale = results.flatMap((r) => r.outputs.filter((o) => o.status === 'stale' || o.status === 'missing'));
  const kept = new Set(results.flatMap((r, i) => r.outputs.filter((o) => o.status === 'edited' || o.status === 'kept')
    .map((o) => letterKey(specKey(files[i]!, outDir), o.letter))));
  if (entries.length) {
    const old = readManifest(outDir);
    if (old?.damaged) {
      printDiagnostic(io, { severity: 'warning', rule: 'manifest-damaged', file: join(outDir, MANIFEST),
        message: `the manifest is damaged (${old.damaged}); ${opts.check ? 'run oedr draft to rebuild it' : 'rebuilt from its sound entries and this run\'s letters'}` });
    }
    const text = mergeManifest(version, old?.manifest, entries, kept);
    const path = join(outDir, MANIFEST);
    const before = old?.text;
    if (opts.check) {
      if (before !== text) stale.push({ path, format: 'md', sha256: '', status: before ? 'stale' : 'missing' });
    } else if (before !== text) await writeFileAtomic(path, text);
  }
  if (!opts.check) dropJournals(outDir);
  if (opts.check && stale.length) worst = Math.max(worst, ExitCode.invalid);

  const written = results.reduce((n, r) => n + r.outputs.filter((o) => o.status === 'written').length, 0);
  const unchanged = results.reduce((n, r) => n + r.outputs.filter((o) => o.status === 'unchanged').length, 0);
  const failed = results.filter((r) => r.code !== ExitCode.ok).length;
  if (opts.json) {
    io.out(JSON.stringify({
      ok: worst === ExitCode.ok, specs: files.length, failed, written, unchanged,
      stale: stale.map((o) => ({ file: rel(o.path), status: o.status })),
      ms: Math.round(performance.now() - started),
      letters: results.map((r, i) => ({ spec: files[i], code: r.code, ms: r.ms, outputs: r.outputs.map((o) => ({ file: rel(o.path), ...(o.letter === undefined ? {} : { recipient: o.letter }), sha256: o.sha256, status: o.status })), diagnostics: r.diagnostics })),
    }, null, 2));
  } else {
    if (opts.check) for (const o of stale) io.err(`${visible(rel(o.path))}: ${o.status === 'missing' ? 'missing' : 'out of date'}; run oedr draft without --check to update it [check]`);
    if ((files.length > 1 && !opts.quiet) || worst !== ExitCode.ok || opts.check) {
      const what = opts.check
        ? `${plural(unchanged, 'file')} up to date, ${stale.length} out of date or missing`
        : `${plural(written, 'file')} written${unchanged ? `, ${unchanged} unchanged` : ''}`;
      io.err(`${what} for ${plural(files.length, 'spec')}${failed ? `; ${failed} failed` : ''}`);
    }
  }
  return worst;
}

function report(io: Io, file: string, r: DraftResult, opts: DraftOptions): void {
  for (const d of r.diagnostics) printDiagnostic(io, d);
  if (opts.quiet || !r.outputs.length) return;
  const notes: Record<string, string> = { written: '', unchanged: ' (unchanged)', stale: ' (out of date)', missing: ' (missing)', edited: ' (edited by hand: kept)', kept: ' (kept with the edited file)' };
  const parts = r.outputs.map((o) => `${rel(o.path)}${notes[o.status]}`);
  io.out(visible(`${file} -> ${parts.join(', ')}`));
}

/** Paths below the working folder are shown relative to it, others in full. */
const rel = (p: string) => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};

/** Each spec's recorded files (absolute path -> SHA-256), by the spec's absolute path. */
function recordedBySpec(manifest: Manifest | undefined, outDir: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const e of manifest?.letters ?? []) {
    const spec = resolve(outDir, e.spec);
    const files = out.get(spec) ?? {};
    for (const o of Object.values(e.outputs)) files[resolve(outDir, o.file)] = o.sha256;
    out.set(spec, files);
  }
  return out;
}

/**
 * Ctrl-C (or SIGTERM) in the middle of a batch: stop the workers, record in the manifest every
 * letter written so far, free the folder, and exit 130 (143), as a shell expects.
 */
function onSignal(outDir: string, version: string, release: () => void, io: Io): (signal: NodeJS.Signals) => void {
  const handler = (signal: NodeJS.Signals) => {
    void stopWorkers().then(() => {
      const n = recoverJournals(outDir, version, 'mine');
      release();
      io.err(`oedr draft: stopped by ${signal}; ${rel(join(outDir, MANIFEST))} records the ${plural(n, 'letter')} written before`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, handler);
  return handler;
}
