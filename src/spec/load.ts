// Spec text -> RequestSpec, or every problem in it at once, each with file:line:col and path.
import { formatPath, type Diagnostic } from '../errors.js';
import { diagnoseIssues } from './diagnose.js';
import { readSpecFile } from './read.js';
import { checkRules } from './rules.js';
import { Spec, type RequestSpec } from './schema.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

export interface LoadedSpec {
  file: string;
  /** Present when the spec has no errors (it may have warnings). */
  spec?: RequestSpec;
  diagnostics: Diagnostic[];
  yaml?: ParsedYaml;
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  return parseSpec(await readSpecFile(file), file);
}

export function parseSpec(source: string, file: string): LoadedSpec {
  const yaml = parseYaml(source, file);
  if (yaml.diagnostics.length) return { file, diagnostics: yaml.diagnostics, yaml };

  const result = Spec.safeParse(yaml.data, { reportInput: true });
  // How the YAML was read (a comment cutting a value short) comes first, as warnings.
  const diagnostics = [...yaml.warnings, ...(result.success ? [] : diagnoseIssues(result.error.issues, Spec, yaml, file))];
  for (const f of checkRules(yaml.data, yaml.sourceAt)) {
    diagnostics.push({ severity: f.severity, rule: f.rule, message: f.message, file, ...yaml.locate(f.path), path: formatPath(f.path) || undefined });
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return { file, spec: result.success && !hasError ? result.data : undefined, diagnostics, yaml };
}
