// `oedr validate`: load each spec, print every diagnostic, exit by the worst.
import { ExitCode, failsSpec, type Diagnostic } from '../errors.js';
import { plural, printDiagnostic, type Io } from './io.js';
import { checkLawsFile, expandInputs } from './inputs.js';
import { jobCount, runInWorkers } from './pool.js';
import { runJob, type JobResult, type ValidateJob } from './validate-job.js';

export interface ValidateOptions { json?: boolean; strict?: boolean; laws?: string; root?: string }

export async function validate(args: string[], opts: ValidateOptions, io: Io): Promise<number> {
  const files = await expandInputs(args);
  await checkLawsFile(opts.laws);
  const jobs = files.map((file) => ({ kind: 'validate', file, laws: opts.laws, root: opts.root }) as const);
  // The main thread validates too, beside one worker per other core.
  const threads = jobCount(jobs.length);
  let done: JobResult[];
  if (threads > 1) done = await runInWorkers<JobResult>(jobs, threads - 1, undefined, { local: (job) => runJob(job as ValidateJob) });
  else {
    done = [];
    for (const job of jobs) done.push(await runJob(job));
  }
  const unreadable = done.some((r) => r.code === ExitCode.input);
  const results: { file: string; valid: boolean; diagnostics: Diagnostic[] }[] = done.map(({ diagnostics }, i) => ({
    file: files[i]!,
    valid: !diagnostics.some((d) => failsSpec(d, opts.strict)),
    diagnostics,
  }));
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
