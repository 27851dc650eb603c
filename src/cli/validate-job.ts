// The validate job: what `oedr validate` runs for each spec, on the main thread and in the pool's
// workers alike, so both say the same. Apart from worker.ts so that validate, which imports it,
// does not load node:worker_threads (~0.7 ms of a cold start) for the worker's message loop.
import { bundledFontsCover, uncoveredInSpec } from '../compose/coverage.js';
import { builtinLanguages } from '../compose/template-dir.js';
import { ExitCode, OedrError, uniqueDiagnostics, type Diagnostic } from '../errors.js';
import { failedSpecCode } from '../read-file.js';
import { loadSpec, sortDiagnostics, type LoadedSpec } from '../spec/load.js';
import { starterValues } from '../spec/starter.js';

export type ValidateJob = { kind: 'validate'; file: string; laws?: string; root?: string };
export type JobResult = { diagnostics: Diagnostic[]; code: number };

/** The same work on any thread; errors in the input become diagnostics, bugs stay errors. */
export async function runJob(job: ValidateJob): Promise<JobResult> {
  try {
    const loaded = await loadSpec(job.file, job.root);
    // With recipients, each letter may have its own language and law: check each, say each thing once.
    const letters: LoadedSpec[] = loaded.letters ?? [loaded];
    const diagnostics = [...loaded.diagnostics];
    if (loaded.yaml?.data) diagnostics.push(...starterValues(loaded.yaml, job.file, 'warning'));
    for (const letter of letters) {
      diagnostics.push(...draftWouldRefuse(letter));
      if (!letter.spec?.law) continue;
      // Only specs that name a law pay for the registry and holiday tables.
      const { applyLaw } = await import('../laws/for-spec.js');
      diagnostics.push(...(await applyLaw(letter, job.laws)).diagnostics);
    }
    return { diagnostics: sortDiagnostics(uniqueDiagnostics(diagnostics), loaded.sources?.map((s) => s.file) ?? [job.file]), code: failedSpecCode(diagnostics) === ExitCode.input ? ExitCode.input : ExitCode.ok };
  } catch (e) {
    if (e instanceof OedrError) return { diagnostics: e.diagnostics, code: e.code };
    throw e;
  }
}

/**
 * What `oedr draft` would refuse although the spec is valid: a language without built-in templates,
 * and characters the PDF fonts cannot draw. Warnings, since --template-dir or --format docx,md
 * may avoid them; validate names the place so nobody learns it only when drafting.
 */
function draftWouldRefuse(loaded: LoadedSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const language = loaded.spec?.letter.language;
  const available = builtinLanguages();
  if (language && !available.includes(language) && !available.includes(language.split('-')[0]!)) {
    out.push({
      severity: 'warning', rule: 'no-templates', file: loaded.file, path: 'letter.language', ...loaded.yaml?.locate(['letter', 'language']),
      message: `no built-in letter templates for language "${language}" (available: ${available.join(', ')}); \`oedr draft\` needs --template-dir with a folder ${language}/ for it`,
    });
  }
  if (loaded.yaml?.data) {
    out.push(...uncoveredInSpec(loaded.yaml.data, bundledFontsCover, loaded.yaml, loaded.file, { severity: 'warning', rule: 'pdf-font-coverage' }));
  }
  return out;
}
