// `oedr draft`: spec -> Document -> every requested format in memory -> files, written atomically
// only when every format rendered. One spec failing does not stop the others.
import { basename, join, resolve } from 'node:path';
import { composeLetter } from '../compose/letter.js';
import { uncoveredInSpec } from '../compose/coverage.js';
import { ExitCode, OedrError, fail, type Diagnostic } from '../errors.js';
import { loadSpec } from '../spec/load.js';
import { formats, getWriter, type OutputFormat } from '../writers/index.js';
import { writeFileAtomic } from './files.js';
import { plural, printDiagnostic, type Io } from './io.js';

export interface DraftOptions { format: string; out: string; templateDir?: string; strict?: boolean; laws?: string }

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

/** `requests/Results 2027.yaml` -> `Results-2027`: a plain file name that cannot leave the output folder. */
export function outputStem(specFile: string): string {
  const stem = basename(specFile).replace(/\.ya?ml$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+|-+$/g, '');
  return stem || 'letter';
}

export async function draft(files: string[], opts: DraftOptions, io: Io): Promise<number> {
  const wanted = parseFormats(opts.format);
  const outDir = resolve(opts.out);
  const taken = new Map<string, string>();
  let worst: number = ExitCode.ok;
  const note = (code: number) => { worst = Math.max(worst, code); };
  let written = 0;

  for (const file of files) {
    try {
      const loaded = await loadSpec(file);
      const law = loaded.spec?.law ? await (await import('../laws/for-spec.js')).applyLaw(loaded, opts.laws) : { diagnostics: [] };
      const diagnostics = [...loaded.diagnostics, ...law.diagnostics];
      for (const d of diagnostics) printDiagnostic(io, d);
      const failed = diagnostics.some((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'));
      if (!loaded.spec || failed) { note(ExitCode.invalid); continue; }

      const stem = outputStem(file);
      const clash = taken.get(stem);
      if (clash) fail(ExitCode.usage, 'output-clash', `the output name "${stem}" is already used by ${clash}; rename one of the specs`, { file });
      taken.set(stem, file);

      const doc = composeLetter(loaded.spec, { templateDir: opts.templateDir, timeline: 'timeline' in law ? law.timeline : undefined });
      const outputs: { path: string; bytes: Uint8Array }[] = [];
      for (const format of wanted) {
        const writer = await getWriter(format);
        if (writer.covers) {
          const uncovered = uncoveredInSpec(loaded.yaml?.data, writer.covers, loaded.yaml, file);
          if (uncovered.length) throw new OedrError(ExitCode.render, uncovered);
        }
        const path = join(outDir, `${stem}.${writer.extension}`);
        outputs.push({ path, bytes: await writer.write(doc) });
      }
      for (const o of outputs) await writeFileAtomic(o.path, o.bytes);
      written += outputs.length;
      io.out(`${file} -> ${outputs.map((o) => relative(o.path)).join(', ')}`);
    } catch (e) {
      if (!(e instanceof OedrError)) throw e;
      for (const d of e.diagnostics) printDiagnostic(io, withFile(d, file));
      note(e.code);
    }
  }
  if (files.length > 1 || worst !== ExitCode.ok) {
    io.err(`${plural(written, 'file')} written for ${plural(files.length, 'spec')}${worst ? '; some specs failed' : ''}`);
  }
  return worst;
}

const relative = (p: string) => (p.startsWith(process.cwd() + '/') ? p.slice(process.cwd().length + 1) : p);
const withFile = (d: Diagnostic, file: string): Diagnostic => (d.file ? d : { ...d, file });
