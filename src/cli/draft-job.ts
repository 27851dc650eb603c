// One spec's letters (one, or one per recipient), on whichever thread runs it: load, apply the
// law, compose, render every format of every letter in memory, then write them atomically (or,
// for --check, compare with what is on disk).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { annexFiles, annexNames } from '../compose/annex-files.js';
import { uncoveredInSpec } from '../compose/coverage.js';
import { composeLetter } from '../compose/letter.js';
import { sha256 } from '../hash.js';
import { ExitCode, failsSpec, OedrError, uniqueDiagnostics, type Diagnostic } from '../errors.js';
import type { Timeline } from '../laws/timeline.js';
import { loadSpec, type LoadedLetter } from '../spec/load.js';
import type { SourceFile } from '../spec/profile.js';
import { starterValues } from '../spec/starter.js';
import { getWriter, type OutputFormat, type Writer } from '../writers/index.js';
import { writeFilesAtomicSync } from './files.js';
import { readLetterImages, type ReadImages } from './images.js';
import { manifestEntries } from './manifest.js';
import { journal } from './out-folder.js';
import { failedSpecCode } from '../read-file.js';

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
  /** Write the data contract annex (datapackage.json and header templates) beside letters asking for CSV/TSV. */
  annex?: boolean;
  /** Also write each letter in this language, as a reading copy (letter.reading_copy in the spec says the same). */
  readingCopy?: string;
  /** Typeset the PDFs on a thread of their own (a worker's; see pdf-thread.ts). */
  pdfThread?: boolean;
  /** What the manifest recorded for this spec's files (path -> SHA-256): a file that differs from it was edited by hand. */
  recorded?: Record<string, string>;
  /** The folder profiles and recipient lists must lie in (--root); by default the spec's. */
  root?: string;
  /** --force: draft even with placeholders left from `oedr init` (a demo), and write over files edited by hand. */
  force?: boolean;
  /** Record each spec's manifest entries in the folder's journal before renaming its files into place (out-folder.ts). */
  journal?: boolean;
}

/**
 * `edited`: the file differs from what oedr wrote (the manifest's hash), so its letter was left as
 * it is; `kept`: another file of such a letter, left as it is too.
 */
export type OutputStatus = 'written' | 'unchanged' | 'stale' | 'missing' | 'edited' | 'kept';

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
  let composing: LoadedLetter | undefined; // the letter being composed: the place of its letter.language
  try {
    const loaded = await loadSpec(job.file, job.root);
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
    // Pictures are read once per letter (recipients may differ only elsewhere, but profiles may not).
    const pictures: ReadImages[] = await Promise.all(letters.map((l) => readLetterImages(l.spec, l.yaml, job.file)));
    diagnostics.push(...pictures.flatMap((p) => p.diagnostics));
    diagnostics = uniqueDiagnostics(diagnostics);
    const failed = diagnostics.some((d) => failsSpec(d, job.strict));
    if (!letters.length || failed) return done({ code: failedSpecCode(diagnostics), diagnostics, outputs: [] });

    const rendered: Rendered[] = [];
    for (const [i, letter] of letters.entries()) {
      const name = letterStem(job.stem, letter.id);
      // Follow-ups and appeals are legal filings: no data contract beside them.
      const filing = letter.spec.letter.kind === 'follow-up' || letter.spec.letter.kind === 'appeal';
      const annex = job.annex && !filing ? annexNames(letter.spec, name) : undefined;
      composing = letter;
      const doc = composeLetter(letter.spec, {
        templateDir: job.templateDir, timeline: timelines[i], annex, images: pictures[i]!.images, ...(job.annex === false ? { readerAnnex: false } : {}),
      });
      // A reading copy beside the letter: <name>.reading-copy-<lang>.<ext>, in every format asked for.
      const copyLanguage = job.readingCopy ?? letter.spec.letter.reading_copy;
      const docs: [string, typeof doc][] = [[name, doc]];
      if (copyLanguage !== undefined) {
        docs.push([`${name}.reading-copy-${copyLanguage}`, composeLetter(letter.spec, {
          templateDir: job.templateDir, timeline: timelines[i], annex, images: pictures[i]!.images, readingCopy: copyLanguage, ...(job.annex === false ? { readerAnnex: false } : {}),
        })]);
      }
      for (const format of job.formats) {
        const writer = writers[format] ?? (await getWriter(format));
        if (writer.covers) {
          const uncovered = uncoveredInSpec(letter.yaml.data, writer.covers, letter.yaml, job.file);
          if (uncovered.length) throw new OedrError(ExitCode.render, uniqueDiagnostics(uncovered));
        }
        // The manifest keys a letter's files by format: a reading copy's key says it is one.
        for (const [stem, d] of docs) rendered.push({ path: join(job.outDir, `${stem}.${writer.extension}`), format: stem === name ? format : `${format}.reading-copy`, letter: letter.id, bytes: await writer.write(d) });
      }
      if (annex) {
        for (const f of annexFiles(letter.spec, name)) rendered.push({ path: join(job.outDir, f.name), format: f.kind, letter: letter.id, bytes: f.bytes });
      }
    }
    // Only now, with every format of every letter rendered, does anything touch the disk: all of
    // the spec's files or none (writeFilesAtomicSync), never over a letter edited by hand.
    const { outputs, edits } = compare(rendered, job);
    diagnostics.push(...edits);
    // The manifest covers the pictures' bytes as it covers the spec's: the hash is over every source.
    const sources = [...(loaded.sources ?? [])];
    for (const s of pictures.flatMap((p) => p.sources)) if (!sources.some((o) => o.file === s.file)) sources.push(s);
    const hash = sources.length > (loaded.sources?.length ?? 0) ? sha256(sources.map((s) => s.sha256).join('\n')) : loaded.sha256;
    const result = { code: edits.length ? ExitCode.invalid : ExitCode.ok, diagnostics, sha256: hash, sources, outputs };
    const writes = rendered.filter((_, i) => outputs[i]!.status === 'written');
    if (writes.length) {
      writeFilesAtomicSync(writes, job.journal ? () => journal(job.outDir, manifestEntries(job.file, result, job.outDir)) : undefined);
    }
    return done(result);
  } catch (e) {
    if (!(e instanceof OedrError)) throw e;
    // A language without templates is found when the letter is composed; it is reported at the spec's letter.language.
    const place = (d: Diagnostic): Diagnostic => (d.rule === 'no-templates' && composing
      ? { ...d, path: 'letter.language', ...composing.yaml.locate(['letter', 'language']), file: d.file ?? job.file } : d);
    return done({ code: e.code, diagnostics: [...diagnostics, ...e.diagnostics.map((d) => place(d.file ? d : { ...d, file: job.file }))], outputs: [] });
  }
}

/**
 * Each rendered file's status against the disk and the manifest. A file that differs both from the
 * new bytes and from what the manifest recorded was edited by hand: its whole letter is left as it
 * is (unless --force), and said so.
 */
function compare(rendered: readonly Rendered[], job: DraftJob): { outputs: DraftResult['outputs']; edits: Diagnostic[] } {
  const before = rendered.map((r) => onDisk(r.path, r.bytes));
  const edited = rendered.map((r, i) => before[i] === 'other' && !job.force && job.recorded?.[r.path] !== undefined
    && hashOf(r.path) !== job.recorded[r.path]);
  // --check writes nothing, so it reports each file as it is; a draft holds the whole letter back.
  const held = new Set(job.check ? [] : rendered.filter((_, i) => edited[i]).map((r) => r.letter ?? ''));
  const edits: Diagnostic[] = rendered.filter((_, i) => edited[i]).map((r) => ({
    severity: 'error', rule: 'edited', file: r.path,
    message: job.check
      ? 'edited by hand since oedr wrote it (it differs from its hash in oedr-manifest.json); `oedr draft` will keep it unless run with --force'
      : 'edited by hand since oedr wrote it (it differs from its hash in oedr-manifest.json), so this letter was not written again. '
        + 'To keep the edit, copy the file to another name; to replace it with the letter drafted from the spec, run `oedr draft --force`',
  }));
  const outputs = rendered.map((r, i) => {
    const status: OutputStatus = edited[i] ? 'edited' : held.has(r.letter ?? '') ? 'kept'
      : before[i] === 'same' ? 'unchanged' : job.check ? (before[i] === 'none' ? 'missing' : 'stale') : 'written';
    return { path: r.path, format: r.format, ...(r.letter === undefined ? {} : { letter: r.letter }), sha256: sha256(r.bytes), status };
  });
  return { outputs, edits };
}

type Rendered = { path: string; format: OutputFormat | string; letter?: string; bytes: Uint8Array };

function hashOf(path: string): string | undefined {
  try { return sha256(readFileSync(path)); } catch { return undefined; }
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
