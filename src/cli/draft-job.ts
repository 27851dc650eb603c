// One spec's letters (one, or one per recipient), on whichever thread runs it: load, apply the
// law, compose, render every format of every letter in memory, then write them atomically (or,
// for --check, compare with what is on disk).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { annexFiles, annexNames } from '../compose/annex-files.js';
import { uncoveredInSpec } from '../compose/coverage.js';
import { composeLetter } from '../compose/letter.js';
import { sha256 } from '../hash.js';
import { ExitCode, failsSpec, OedrError, uniqueDiagnostics, type Diagnostic } from '../errors.js';
import type { Timeline } from '../laws/timeline.js';
import { loadSpec } from '../spec/load.js';
import type { SourceFile } from '../spec/profile.js';
import { starterValues } from '../spec/starter.js';
import { getWriter, type OutputFormat, type Writer } from '../writers/index.js';
import { writeFileAtomicSync } from './files.js';

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
  /** Draft even with placeholders left from `oedr init` (a demo). */
  force?: boolean;
  /** Compare with the files on disk instead of writing. */
  check?: boolean;
  /** Write the data contract annex (datapackage.json and header templates) beside letters asking for CSV/TSV. */
  annex?: boolean;
  /** Typeset the PDFs on a thread of their own (a worker's; see pdf-thread.ts). */
  pdfThread?: boolean;
}

export type OutputStatus = 'written' | 'unchanged' | 'stale' | 'missing';

export interface DraftResult {
  code: number;
  diagnostics: Diagnostic[];
  /** SHA-256 of the spec file's bytes, or of its sources' hashes with a profile or recipient list. */
  sha256?: string;
  /** The spec, its profiles and its recipient list, each with its hash. */
  sources?: SourceFile[];
  /**
   * `letter` is the recipient's id, for a spec with `recipients`. `format` is a writer's format, or
   * for the contract annex `datapackage` or `template.<dataset>`: the key the manifest records it under.
   */
  outputs: { path: string; format: OutputFormat | string; letter?: string; sha256: string; status: OutputStatus }[];
  ms: number;
}


/** `writers` stands in for the writer registry's, per format (the PDF thread's writer, pdf-thread.ts). */
export async function runDraftJob(job: DraftJob, writers: Partial<Record<OutputFormat, Writer>> = {}): Promise<DraftResult> {
  const started = performance.now();
  const done = (r: Omit<DraftResult, 'ms'>): DraftResult => ({ ...r, ms: Math.round(performance.now() - started) });
  let diagnostics: Diagnostic[] = [];
  try {
    const loaded = await loadSpec(job.file);
    diagnostics = [...loaded.diagnostics];
    const letters = loaded.letters ?? [];
    if (letters.length && !job.force) diagnostics.push(...starterValues(loaded.yaml!, job.file, 'error'));
    // Recipients may name different laws; each letter gets its own timeline.
    const timelines: (Timeline | undefined)[] = [];
    for (const letter of letters) {
      const law = letter.spec.law ? await (await import('../laws/for-spec.js')).applyLaw(letter, job.laws) : undefined;
      diagnostics.push(...(law?.diagnostics ?? []));
      timelines.push(law?.timeline);
    }
    diagnostics = uniqueDiagnostics(diagnostics);
    const failed = diagnostics.some((d) => failsSpec(d, job.strict));
    if (!letters.length || failed) return done({ code: ExitCode.invalid, diagnostics, outputs: [] });

    const rendered: { path: string; format: OutputFormat | string; letter?: string; bytes: Uint8Array }[] = [];
    for (const [i, letter] of letters.entries()) {
      const name = letterStem(job.stem, letter.id);
      const annex = job.annex ? annexNames(letter.spec, name) : undefined;
      const doc = composeLetter(letter.spec, { templateDir: job.templateDir, timeline: timelines[i], annex });
      for (const format of job.formats) {
        const writer = writers[format] ?? (await getWriter(format));
        if (writer.covers) {
          const uncovered = uncoveredInSpec(letter.yaml.data, writer.covers, letter.yaml, job.file);
          if (uncovered.length) throw new OedrError(ExitCode.render, uniqueDiagnostics(uncovered));
        }
        rendered.push({ path: join(job.outDir, `${name}.${writer.extension}`), format, letter: letter.id, bytes: await writer.write(doc) });
      }
      if (annex) {
        for (const f of annexFiles(letter.spec, name)) rendered.push({ path: join(job.outDir, f.name), format: f.kind, letter: letter.id, bytes: f.bytes });
      }
    }
    // Only now, with every format of every letter rendered, does anything touch the disk.
    const outputs: DraftResult['outputs'] = [];
    let readyFolder: string | undefined; // checked (or made) once for this spec's files, not per file
    for (const r of rendered) {
      const before = onDisk(r.path, r.bytes);
      const status: OutputStatus = before === 'same' ? 'unchanged' : job.check ? (before === 'none' ? 'missing' : 'stale') : 'written';
      if (status === 'written') {
        const folder = dirname(r.path);
        writeFileAtomicSync(r.path, r.bytes, true, folder === readyFolder);
        readyFolder = folder;
      }
      outputs.push({ path: r.path, format: r.format, ...(r.letter === undefined ? {} : { letter: r.letter }), sha256: sha256(r.bytes), status });
    }
    return done({ code: ExitCode.ok, diagnostics, sha256: loaded.sha256, sources: loaded.sources, outputs });
  } catch (e) {
    if (!(e instanceof OedrError)) throw e;
    return done({ code: e.code, diagnostics: [...diagnostics, ...e.diagnostics.map((d) => (d.file ? d : { ...d, file: job.file }))], outputs: [] });
  }
}

/**
 * Whether the file at `path` holds exactly `bytes`; only a file of the same size is read. Synchronous,
 * like the writes after it: a few system calls cost less than their promises and thread-pool round trips.
 */
function onDisk(path: string, bytes: Uint8Array): 'same' | 'other' | 'none' {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info?.isFile()) return 'none';
    return info.size === bytes.length && Buffer.compare(readFileSync(path), bytes) === 0 ? 'same' : 'other';
  } catch {
    return 'none'; // unreadable: written over, or reported missing by --check, as before
  }
}

/** `results-2027` and recipient `nairobi` -> `results-2027-nairobi`. */
export const letterStem = (stem: string, id: string | undefined) => (id === undefined ? stem : `${stem}-${id}`);
