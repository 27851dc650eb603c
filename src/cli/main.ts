// The command table. The only place that maps errors to exit codes; commands load lazily so that
// `oedr validate` never pays for the document libraries.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, OedrError } from '../errors.js';
import { printDiagnostic, processIo, type Io } from './io.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code: number = ExitCode.ok;
  const run = (load: () => Promise<(...a: never[]) => Promise<number>>) =>
    async (...args: unknown[]) => {
      const command = await load();
      code = await (command as (...a: unknown[]) => Promise<number>)(...args.slice(0, -1), io);
    };

  const program = new Command('oedr')
    .description('Open election data requests: turn a YAML request spec into letters and FoI filings.')
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: (s, write) => write(io.color.red(s)) })
    .addHelpText('after', `
Examples:
  $ oedr init request.yaml           write a starter spec
  $ oedr validate request.yaml       check it, with file:line:col for each problem
  $ oedr draft request.yaml          write request.docx and request.pdf

Exit codes: 0 ok, 1 invalid spec, 2 bad command line, 3 file unreadable or unwritable,
4 template or rendering failed, 5 a letter could not be sent, 70 internal error.`);

  program.command('validate')
    .description('check request specs and report every problem with file:line:col')
    .argument('<spec...>', 'request spec files, folders (every *.yaml / *.yml below, except _*.yaml) or quoted globs')
    .option('--json', 'print the diagnostics as JSON (for CI)')
    .option('--strict', 'fail on warnings about the spec too (not on notes about the law registry, such as low confidence)')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code (see `oedr laws`)')
    .option('--root <dir>', 'a folder profiles and recipient lists may come from (default: the folder of each spec)')
    .addHelpText('after', '\nExample:\n  $ oedr validate examples/*.yaml --strict')
    .action(run(async () => (await import('./validate.js')).validate));

  program.command('init')
    .description('write a commented starter spec that validates as written')
    .argument('[file]', 'where to write it', 'request.yaml')
    .option('-f, --force', 'overwrite the file if it exists')
    .option('-i, --interactive', 'ask who you are, to whom, which data, in which format, by when and under which law, and write the spec from the answers')
    .addHelpText('after', '\nExamples:\n  $ oedr init requests/results-2027.yaml\n  $ oedr init --interactive request.yaml')
    .action(run(async () => (await import('./init.js')).init));

  program.command('schema')
    .description('print the JSON Schema of the spec format (draft-07), for editor completion')
    .option('-o, --out <file>', 'write it to a file instead of standard output')
    .option('--ledger', 'the schema of the ledger (_ledger.yaml) instead of the spec')
    .addHelpText('after', `
Example:
  $ oedr schema --out oedr.schema.json
  then start a spec with:  # yaml-language-server: $schema=./oedr.schema.json`)
    .action(run(async () => (await import('./schema.js')).schema));

  program.command('draft')
    .description('write the letter for each spec as DOCX, PDF and/or Markdown')
    .argument('<spec...>', 'request spec files, folders (every *.yaml / *.yml below, except _*.yaml) or quoted globs')
    .addOption(new Option('-f, --format <list>', 'comma-separated formats: docx, pdf, md').default('docx,pdf'))
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-t, --template-dir <dir>', 'folder whose templates and partials override the built-in ones by name')
    .option('--strict', 'fail on warnings about the spec too (not on notes about the law registry, such as low confidence)')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code (see `oedr laws`)')
    .option('--check', 'write nothing; exit 1 naming every letter in the output folder that is missing, out of date or edited by hand')
    .option('--force', 'draft anyway: with placeholder values left from `oedr init` (Example Election Watch, example.org addresses…), for a demo, and over letters edited by hand since oedr wrote them (by default they are kept, and draft exits 1)')
    .option('--annex', 'beside each letter asking for CSV/TSV, also write <name>.datapackage.json (a Frictionless Data Package) and <name>.<dataset>.template.csv (the header row)')
    .option('--no-annex', 'write the letters only, without the data contract annex')
    .option('--reading-copy <lang>', "also write each letter in this language (e.g. en), marked on every page as a translation for the requester's records: <name>.reading-copy-<lang>.<ext>")
    .option('-q, --quiet', 'print only problems')
    .option('--json', 'print a machine-readable summary: inputs, outputs with hashes, diagnostics, timings')
    .option('--root <dir>', 'a folder profiles and recipient lists may come from (default: the folder of each spec)')
    .option('--next', 'draft what the ledger says is due for these requests: a follow-up or an appeal (see `oedr status`)')
    .option('--date <date>', 'with --next: the date of the new letters, YYYY-MM-DD (default today)')
    .addHelpText('after', `
Examples:
  $ oedr draft examples/polling-station-results.yaml --format pdf,md --out letters
  $ oedr draft requests/ --out letters              every spec below requests/
  $ oedr draft 'requests/**/*.yaml' --check         in CI: are the committed letters current?
  $ oedr draft requests/ --next --out letters       the follow-ups and appeals now due

Each run also writes oedr-manifest.json in the output folder: every spec and letter with its SHA-256.`)
    .action(run(async () => (await import('./draft.js')).draft));

  program.command('templates')
    .description('list the templates, their partials and the variables they can use')
    .option('-l, --language <tag>', 'language of the templates', 'en')
    .option('-t, --template-dir <dir>', 'also list overrides from this folder')
    .addHelpText('after', '\nExample:\n  $ oedr templates --template-dir house-style/')
    .action(run(async () => (await import('./templates.js')).templates));

  program.command('laws')
    .description('list the access-to-information laws oedr knows, or show one in full with its sources')
    .argument('[code]', 'country code (ISO 3166-1 alpha-2, or EU)')
    .option('--json', 'print the registry rows as JSON')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code')
    .addHelpText('after', `
Examples:
  $ oedr laws                  every law: period, appeal steps, confidence (LOW rows need checking)
  $ oedr laws KE               one law in full, with its sources
  $ oedr laws --laws my-laws.yaml --json

A --laws file holds \`laws:\` (rows as \`oedr laws KE --json\` prints them) and, for a calendar
oedr ships no table for, \`holidays:\`, each table used by deadline, validate, draft and calendar:
  holidays:
    - calendar: XX
      source: Official Gazette, notice 12 of 2026
      coverage: { from: 2027-01-01, to: 2027-12-31 }
      holidays:
        - { date: 2027-01-01, name: New Year's Day }`)
    .action(run(async () => (await import('./laws.js')).laws));

  program.command('deadline')
    .description('compute when the answer to a request is due under the law')
    .requiredOption('--law <code>', 'country code of the law, e.g. KE (see `oedr laws`)')
    .requiredOption('--from <date>', 'the day the body received the request, YYYY-MM-DD (not counted)')
    .option('--extension', 'add the longest extension the law allows')
    .option('--closed <date[=name]>', 'an extra non-working day, e.g. 2027-08-09=General election (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('--explain', 'list every day counted or skipped, with holiday names')
    .option('--json', 'print the result as JSON')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code')
    .addHelpText('after', `
Examples:
  $ oedr deadline --law KE --from 2026-12-18
  $ oedr deadline --law GB --from 2026-12-18 --explain
  $ oedr deadline --law KE --from 2027-08-02 --extension --closed 2027-08-09="General election"

Exit codes: 0 a date was computed; 1 no statutory date (period not verified, no holiday data,
or dates beyond the holiday tables); 2 bad command line.`)
    .action(run(async () => (await import('./deadline.js')).deadline));

  program.command('calendar')
    .description('write an iCalendar file with each request\'s response date, follow-up reminder and appeal deadline')
    .argument('<spec...>', 'request spec files (YAML) that name a law')
    .option('-o, --out <file>', 'the .ics file to write; - or none prints it')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code (see `oedr laws`)')
    .option('--root <dir>', 'a folder profiles and recipient lists may come from (default: the folder of each spec)')
    .addHelpText('after', '\nExample:\n  $ oedr calendar requests/*.yaml --out requests.ics')
    .action(run(async () => (await import('./calendar.js')).calendar));

  program.command('check')
    .description('check delivered data files against what a request spec asked for: format, encoding, dialect, fields, values')
    .argument('<file...>', 'delivered data: CSV or TSV files, XLSX, ODS or XLS workbooks (sheet by sheet), ZIP archives or folders of them (as one delivery); other formats are named')
    .requiredOption('-a, --against <spec>', 'the request spec (YAML) the data was asked with')
    .option('-d, --dataset <number|title>', 'which dataset of the spec the files hold (1 is the first); needed when it has several')
    .option('-s, --summary <file>', 'the summary of totals sent with the data (CSV): check that the detail rows add up to it')
    .option('--map <delivered=requested>', 'a delivered column that stands for a requested field, e.g. --map "Total Votes=votes" (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--json', 'print the reports as JSON (for CI)')
    .option('--follow-up', 'also draft a letter that thanks the institution and lists each difference found')
    .addOption(new Option('-f, --format <list>', 'formats of the follow-up letter: docx, pdf, md').default('docx,pdf'))
    .option('-o, --out <dir>', 'folder for the follow-up letter', 'out')
    .option('--date <date>', "date of the follow-up letter, YYYY-MM-DD (default: the request's date)")
    .option('-r, --recipient <id>', 'with a spec that has `recipients`: the recipient whose data this is (the follow-up goes to them)')
    .option('--root <dir>', 'a folder profiles and recipient lists may come from (default: the folder of each spec)')
    .addHelpText('after', `
Examples:
  $ oedr check results.csv --against requests/results-2027.yaml
  $ oedr check results.csv --against request.yaml --follow-up --date 2027-09-01 --format pdf
  $ oedr check delivered/*.csv --against request.yaml --dataset 2 --json
  $ oedr check results.csv --summary county-totals.csv --against request.yaml
  $ oedr check results.xlsx per-county.zip --against request.yaml --map "Total Votes=votes"

Exit codes: 0 every file matches the request; 1 a file differs from it (or the spec has errors);
2 bad command line; 3 a file could not be read.`)
    .action(run(async () => (await import('./check.js')).check));

  program.command('send')
    .description('email each drafted letter of a spec to its recipient and record it in the ledger (_ledger.yaml)')
    .argument('<spec>', 'the request spec whose letters were drafted')
    .option('-o, --out <dir>', 'the folder the letters were drafted into', 'out')
    .option('-r, --recipient <id>', 'only the letter to this recipient (a spec with recipients)')
    .option('--dry-run', 'write each message as <letter>.eml in the output folder instead of sending it')
    .option('--resend', 'send even if the ledger says the letter was sent, or its sending was interrupted')
    .option('-t, --template-dir <dir>', 'the template folder the letters were drafted with')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code')
    .option('--smtp-config <file>', 'SMTP settings (JSON) kept outside the repository; default ~/.config/oedr/smtp.json')
    .option('--date <date>', 'the day to record as the sending day, YYYY-MM-DD (default today)')
    .option('--to <address>', "send to this address instead of the recipient's: for an appeal, the appeal body's")
    .addHelpText('after', `
Examples:
  $ OEDR_SMTP_URL=smtp://me%40example.org:PASSWORD@smtp.example.org:587 oedr send requests/results-2027.yaml --out letters
  $ oedr send requests/results-2027.yaml --out letters --dry-run     write .eml files instead
  $ oedr send requests/results-2027.appeal.yaml --out letters --to complaints@ombudsman.example

SMTP settings come from OEDR_SMTP_URL, or OEDR_SMTP_HOST with OEDR_SMTP_PORT, OEDR_SMTP_USER,
OEDR_SMTP_PASS, OEDR_SMTP_SECURE and OEDR_SMTP_FROM, or the --smtp-config file; never put a
password in the repository. A letter is sent at most once: see the ledger.`)
    .action(run(async () => (await import('./send.js')).send));

  program.command('record')
    .description('record in the ledger (_ledger.yaml) that a letter was sent, received, answered or closed')
    .argument('<spec>', 'the request spec the letter was drafted from')
    .option('-r, --recipient <id>', 'which recipient\'s letter (a spec with recipients)')
    .option('--sent <date>', 'the letter was sent on this day (with --via, optionally --to and --reference)')
    .option('--via <channel>', 'how it was sent: email, post, portal, hand or fax')
    .option('--to <where>', 'the address, portal or office it went to')
    .option('--received <date>', 'the body received it on this day (periods count from it)')
    .option('--answer <kind>', 'an answer: acknowledged, extended, partial, refused, delivered or transferred (with --on)')
    .option('--on <date>', 'the date of the answer')
    .option('--reference <ref>', "the institution's reference (or the portal's, with --sent)")
    .option('--exemption <provision>', 'for refused or partial: the provision the body cited')
    .option('--until <date>', 'for extended: the new date the body gave')
    .option('--file <name>', 'a file that came with the answer (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--note <text>', 'a note on the answer')
    .option('--closed <date>', 'the request is settled: nothing more is due')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code')
    .addHelpText('after', `
Examples:
  $ oedr record requests/results-2027.yaml --sent 2027-03-22 --via portal --reference PNT-330031
  $ oedr record requests/results-2027.yaml --answer partial --on 2027-04-12 --exemption "s.6(1)(c)" --reference IEBC/ATI/15`)
    .action(run(async () => (await import('./record.js')).record));

  program.command('status')
    .description('where each request stands: sent, due, days left, last answer and the next step under its law')
    .argument('<spec...>', 'request spec files or folders (each folder\'s _ledger.yaml is read)')
    .option('--json', 'print the rows as JSON')
    .option('--markdown', 'print a Markdown table (for a CI job summary)')
    .option('--today <date>', 'count to this day instead of today, YYYY-MM-DD')
    .option('--check', 'exit 1 when a letter needs action now: a follow-up, an appeal, or an interrupted send to check')
    .option('--laws <file>', 'a YAML file of laws that adds or replaces laws by code')
    .addHelpText('after', `
Examples:
  $ oedr status requests/
  $ oedr status requests/ --markdown >> "$GITHUB_STEP_SUMMARY"
  $ oedr status requests/ --check            in a scheduled CI job: fail when something is overdue`)
    .action(run(async () => (await import('./status.js')).status));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (e instanceof OedrError) {
      for (const d of e.diagnostics) printDiagnostic(io, d);
      return e.code;
    }
    io.err(io.color.red(`oedr: internal error: ${(e as Error).message}`));
    io.err('This is a bug in oedr; please report it with the command you ran.' + (process.env.OEDR_DEBUG ? '' : ' Set OEDR_DEBUG=1 for details.'));
    if (process.env.OEDR_DEBUG) io.err(String((e as Error).stack));
    return ExitCode.internal;
  }
}
