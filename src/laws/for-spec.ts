// The law step of the pipeline for one loaded spec: its timeline and what the law says about it.
// The registry loads once per process, and only for specs that name a law.
import type { Diagnostic } from '../errors.js';
import { lawLanguage } from '../compose/language.js';
import type { LoadedSpec } from '../spec/load.js';
import type { RequestSpec } from '../spec/schema.js';
import { lawDiagnostics } from './check.js';
import { loadLaws, type Registry } from './registry.js';
import type { Law } from './schema.js';
import { requestTimeline, type Extended, type Timeline } from './timeline.js';

const registries = new Map<string, Promise<Registry>>();

export function registry(lawsFile?: string): Promise<Registry> {
  let r = registries.get(lawsFile ?? '');
  if (!r) registries.set(lawsFile ?? '', (r = loadLaws(lawsFile)));
  return r;
}

export async function applyLaw(loaded: LoadedSpec, lawsFile?: string, extended?: Extended): Promise<{ timeline?: Timeline; diagnostics: Diagnostic[] }> {
  const spec = loaded.spec;
  if (!spec?.law) return { diagnostics: [] };
  const laws = await registry(lawsFile);
  const timeline = await requestTimeline(spec, laws, extended);
  const diagnostics = lawDiagnostics(spec, laws, timeline, loaded.yaml, loaded.file);
  const language = chooseLanguage(spec, laws.get(spec.law), loaded);
  return { timeline, diagnostics: language ? [...diagnostics, language] : diagnostics };
}

/**
 * A letter with no language of its own is in its law's first language (laws.yaml \`languages\`);
 * when oedr has no templates for that one, in the next it has, else English, with a warning
 * that the filing may need a translation.
 */
function chooseLanguage(spec: RequestSpec, law: Law | undefined, loaded: LoadedSpec): Diagnostic | undefined {
  if (spec.letter.language !== undefined || !law?.languages) return undefined;
  const { language, missing } = lawLanguage(law.languages.accepted);
  spec.letter.language = language;
  if (missing === null) return undefined;
  return {
    severity: 'warning', rule: 'letter-language', file: loaded.file, path: 'law', ...loaded.yaml?.locate(['law']),
    message: `${law.code} takes filings in ${law.languages.accepted.join(', ')}, but oedr has no letter templates for "${missing}" yet, so the letter is in "${language}"; the body may ask for a translation (set letter.language, or add templates/${missing}/ with --template-dir)`,
  };
}
