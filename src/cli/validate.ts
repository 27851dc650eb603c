// `oedr validate`: load each spec, print every diagnostic, exit by the worst.
import { ExitCode, OedrError, type Diagnostic } from '../errors.js';
import { loadSpec } from '../spec/load.js';
import { plural, printDiagnostic, type Io } from './io.js';

export interface ValidateOptions { json?: boolean; strict?: boolean }

export async function validate(files: string[], opts: ValidateOptions, io: Io): Promise<number> {
  const results: { file: string; valid: boolean; diagnostics: Diagnostic[] }[] = [];
  let unreadable = false;
  for (const file of files) {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = (await loadSpec(file)).diagnostics;
    } catch (e) {
      if (!(e instanceof OedrError)) throw e;
      diagnostics = e.diagnostics;
      if (e.code === ExitCode.input) unreadable = true;
    }
    const failing = diagnostics.some((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'));
    results.push({ file, valid: !failing, diagnostics });
  }
  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const invalid = results.filter((r) => !r.valid).length;

  if (opts.json) {
    io.out(JSON.stringify({ valid: invalid === 0, errors, warnings, files: results }, null, 2));
  } else {
    for (const d of all) printDiagnostic(io, d);
    const counts = all.length ? ` (${plural(errors, 'error')}, ${plural(warnings, 'warning')})` : '';
    const summary = invalid === 0
      ? `${files.length === 1 ? `${files[0]} is valid` : `all ${files.length} specs are valid`}${counts}`
      : `${plural(invalid, 'spec')} of ${files.length} failed${counts}`;
    io.out(invalid === 0 ? io.color.green(summary) : io.color.red(summary));
  }
  if (unreadable) return ExitCode.input;
  return invalid ? ExitCode.invalid : ExitCode.ok;
}
