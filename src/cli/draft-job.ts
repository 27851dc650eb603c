// One spec's letters, on whichever thread runs it: load, apply the law, compose, render every
// format in memory, then write them atomically (or, for --check, compare with what is on disk).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uncoveredInSpec } from '../compose/coverage.js';
import { composeLetter } from '../compose/letter.js';
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { loadSpec } from '../spec/load.js';
import { getWriter, type OutputFormat } from '../writers/index.js';
import { writeFileAtomic } from './files.js';

export interface DraftJob {
  kind: 'draft';
  file: string;
  /** Output file name without extension, chosen by the caller so that names never clash. */
  stem: string;
  formats: OutputFormat[];
  outDir: string;
  templateDir?: string;
  laws?: string;
  strict?: boolean;
  /** Compare with the files on disk instead of writing. */
  check?: boolean;
}

export type OutputStatus = 'written' | 'unchanged' | 'stale' | 'missing';

export interface DraftResult {
  code: number;
  diagnostics: Diagnostic[];
  /** SHA-256 of the spec file's bytes, when it could be read. */
  sha256?: string;
  outputs: { path: string; format: OutputFormat; sha256: string; status: OutputStatus }[];
  ms: number;
}

export const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

export async function runDraftJob(job: DraftJob): Promise<DraftResult> {
  const started = performance.now();
  const done = (r: Omit<DraftResult, 'ms'>): DraftResult => ({ ...r, ms: Math.round(performance.now() - started) });
  let diagnostics: Diagnostic[] = [];
  try {
    const loaded = await loadSpec(job.file);
    const law = loaded.spec?.law ? await (await import('../laws/for-spec.js')).applyLaw(loaded, job.laws) : undefined;
    diagnostics = [...loaded.diagnostics, ...(law?.diagnostics ?? [])];
    const failed = diagnostics.some((d) => d.severity === 'error' || (job.strict && d.severity === 'warning'));
    if (!loaded.spec || failed) return done({ code: ExitCode.invalid, diagnostics, outputs: [] });

    const doc = composeLetter(loaded.spec, { templateDir: job.templateDir, timeline: law?.timeline });
    const rendered: { path: string; format: OutputFormat; bytes: Uint8Array }[] = [];
    for (const format of job.formats) {
      const writer = await getWriter(format);
      if (writer.covers) {
        const uncovered = uncoveredInSpec(loaded.yaml?.data, writer.covers, loaded.yaml, job.file);
        if (uncovered.length) throw new OedrError(ExitCode.render, uncovered);
      }
      rendered.push({ path: join(job.outDir, `${job.stem}.${writer.extension}`), format, bytes: await writer.write(doc) });
    }
    // Only now, with every format rendered, does anything touch the disk.
    const outputs: DraftResult['outputs'] = [];
    for (const r of rendered) {
      const before = await readFile(r.path).catch(() => undefined);
      const same = before !== undefined && Buffer.compare(before, r.bytes) === 0;
      const status: OutputStatus = same ? 'unchanged' : job.check ? (before ? 'stale' : 'missing') : 'written';
      if (status === 'written') await writeFileAtomic(r.path, r.bytes);
      outputs.push({ path: r.path, format: r.format, sha256: sha256(r.bytes), status });
    }
    return done({ code: ExitCode.ok, diagnostics, sha256: sha256(await readFile(job.file)), outputs });
  } catch (e) {
    if (!(e instanceof OedrError)) throw e;
    return done({ code: e.code, diagnostics: [...diagnostics, ...e.diagnostics.map((d) => (d.file ? d : { ...d, file: job.file }))], outputs: [] });
  }
}
