// The law step of the pipeline for one loaded spec: its timeline and what the law says about it.
// The registry loads once per process, and only for specs that name a law.
import type { Diagnostic } from '../errors.js';
import type { LoadedSpec } from '../spec/load.js';
import { lawDiagnostics } from './check.js';
import { loadLaws, type Registry } from './registry.js';
import { requestTimeline, type Timeline } from './timeline.js';

const registries = new Map<string, Promise<Registry>>();

export function registry(lawsFile?: string): Promise<Registry> {
  let r = registries.get(lawsFile ?? '');
  if (!r) registries.set(lawsFile ?? '', (r = loadLaws(lawsFile)));
  return r;
}

export async function applyLaw(loaded: LoadedSpec, lawsFile?: string): Promise<{ timeline?: Timeline; diagnostics: Diagnostic[] }> {
  const spec = loaded.spec;
  if (!spec?.law) return { diagnostics: [] };
  const laws = await registry(lawsFile);
  const timeline = await requestTimeline(spec, laws);
  return { timeline, diagnostics: lawDiagnostics(spec, laws, timeline, loaded.yaml, loaded.file) };
}
