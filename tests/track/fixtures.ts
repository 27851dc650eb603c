// Specs for the send / record / status tests: fictional groups writing to fictional offices, with
// real laws so that the statutory dates are the registry's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function foiSpec(opts: { law?: string; date?: string; email?: string | null; institution?: string; basis?: string } = {}): string {
  const email = opts.email === undefined ? 'ati@iebc.example' : opts.email;
  return `letter:
  kind: foi-request
  date: ${opts.date ?? '2027-03-22'}
  reference: OPW/ATI/2027/04
  subject: Polling-station results of the 2027 by-elections
requester:
  organisation: Open Polls Watch
  email: office@openpollswatch.example
  contact_person: { name: Wanjirũ Kamau, email: wanjiru@openpollswatch.example }
  signatory: { name: Wanjirũ Kamau, title: Programme Director }
recipient:
  institution: ${opts.institution ?? 'Independent Electoral and Boundaries Commission'}
  office: Access to Information Office
${email ? `  email: ${email}\n` : ''}law: ${opts.law ?? 'KE'}
legal_basis: ${opts.basis ?? 'the Access to Information Act, 2016, section 4'}
purpose: To check the published constituency totals against the polling-station results.
datasets:
  - title: Results by polling station
    description: The official result of the by-elections at each polling station.
    format: csv
    granularity: polling-station
    fields:
      - { name: polling_station_code, description: The code of the polling station }
      - { name: votes_cast, description: Number of ballots cast, type: integer }
    needed_by: 2027-05-31
`;
}

/** Writes `specs` (name -> text) below `dir`/requests and returns the folder. */
export function requestsFolder(dir: string, specs: Record<string, string>): string {
  const folder = join(dir, 'requests');
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(specs)) writeFileSync(join(folder, name), text);
  return folder;
}
