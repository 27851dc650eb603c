// `oedr init --interactive`: asks what a first request needs and writes the spec guided.ts makes
// of the answers. The prompts come from @inquirer/prompts, loaded only here, on the streams the Io
// gives (a terminal, or a test's stream).
import { CATEGORIES, type CategoryId, type GuidedAnswers } from '../spec/guided.js';
import type { Io } from './io.js';

type Prompts = typeof import('@inquirer/prompts');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s);
const required = (what: string) => (s: string) => (s.trim() ? true : `please give ${what}`);
/** `validate` and `draft` warn below this many days between the letter and the needed-by date. */
const MIN_LEAD_DAYS = 10;

/** The answers, asked one after the other; Ctrl-C rejects with inquirer's ExitPromptError. */
export async function askGuided(prompt: NonNullable<Io['prompt']>): Promise<GuidedAnswers> {
  const { input, select } = (await import('@inquirer/prompts')) as Prompts;
  const ctx = { input: prompt.input, output: prompt.output, clearPromptOnDone: false };
  const text = (message: string, what: string, extra: Partial<Parameters<Prompts['input']>[0]> = {}) =>
    input({ message, validate: required(what), ...extra }, ctx).then((s) => s.trim());
  const organisation = await text('Your organisation:', 'the name of your organisation');
  const email = await text('Email address for replies:', 'an email address', { validate: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()) || 'expected an email address, such as data@your-group.org' });
  const name = await text('Who signs the letter (name):', 'a name');
  const title = await text('Their title:', 'a title, such as Executive Director');
  const institution = await text('The institution you write to:', 'an institution', { default: 'National Election Commission' });
  const category = await select<CategoryId>({ message: 'Which data?', choices: Object.entries(CATEGORIES).map(([value, c]) => ({ value: value as CategoryId, name: c.label })) }, ctx);
  const format = await select<GuidedAnswers['format']>({ message: 'In which format?', choices: [
    { value: 'csv', name: 'CSV (the most widely usable)' }, { value: 'xlsx', name: 'Excel (XLSX)' }, { value: 'json', name: 'JSON' }] }, ctx);
  const purpose = await text('Why you need the data (one sentence):', 'a purpose');
  const letterDate = await text('Date of the letter (YYYY-MM-DD):', 'a date', { validate: (s) => isDate(s.trim()) || 'expected a date as YYYY-MM-DD, such as 2027-07-05' });
  const neededBy = await text('Needed by (YYYY-MM-DD):', 'a date', {
    validate: (s) => !isDate(s.trim()) ? 'expected a date as YYYY-MM-DD'
      : Date.parse(s.trim()) - Date.parse(letterDate) < MIN_LEAD_DAYS * 86_400_000 ? `give the institution at least ${MIN_LEAD_DAYS} days after ${letterDate}` : true,
  });
  const law = await lawAnswer(ctx, input, select);
  return { organisation, email, signatory: { name, title }, institution, purpose, category, format, letterDate, neededBy, ...(law ? { law } : {}) };
}

/** A data request, or an FoI filing under a law of the registry, by its code. */
async function lawAnswer(ctx: object, input: Prompts['input'], select: Prompts['select']): Promise<string | undefined> {
  const kind = await select({ message: 'A data request, or a formal freedom-of-information filing?', choices: [
    { value: 'data', name: 'A data request (a letter)' }, { value: 'foi', name: 'An FoI filing under an access-to-information law' }] }, ctx);
  if (kind === 'data') return undefined;
  const { loadLaws } = await import('../laws/registry.js');
  const registry = await loadLaws();
  const code = await input({ message: 'The law, by country code (oedr laws lists them):', validate: (s) =>
    registry.get(s.trim()) ? true : `no law for "${s.trim()}"; one of ${registry.codes.join(', ')}` }, ctx);
  return code.trim().toUpperCase();
}

