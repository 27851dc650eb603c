// Which language a letter is written in: the spec's (letter.language, or its recipient's), else
// the first language its law accepts that oedr has templates for, else English.
import { builtinLanguages } from './template-dir.js';

export const DEFAULT_LANGUAGE = 'en';

/** The letter's language once the law has had its say (applyLaw fills letter.language in). */
export function languageOf(spec: { letter: { language?: string | undefined } }): string {
  return spec.letter.language ?? DEFAULT_LANGUAGE;
}

/**
 * The language for a letter under a law that accepts `accepted` (the default first): the first with
 * built-in templates (`pt-BR` matching a `pt` folder too), and the one preferred but missing, if any.
 */
export function lawLanguage(accepted: readonly string[]): { language: string; missing: string | null } {
  const have = new Set(builtinLanguages());
  const found = accepted.find((a) => have.has(a) || have.has(a.split('-')[0]!));
  if (found === accepted[0] && found !== undefined) return { language: found, missing: null };
  return { language: found ?? DEFAULT_LANGUAGE, missing: accepted[0] ?? null };
}
