// What validate says about a filing under its law (review §0 #1-#6, §2.2, §7): each warning read
// back by its exact message, at the spec path it is about.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

/** A one-file FoI filing; `extra` adds top-level keys, `requester` and `recipient` replace parts. */
function spec(o: { law: string; extra?: string; requester?: string; recipient?: string; dataset?: string; letter?: string }): string {
  return `letter: { ${o.letter ?? 'kind: foi-request, date: 2027-03-22, language: en'}, subject: Request for results }
requester: { organisation: Example Watch, email: data@example.org, signatory: { name: A. N. Other }${o.requester ?? ''} }
recipient: { ${o.recipient ?? 'institution: National Election Commission'} }
purpose: To check the results.
law: ${o.law}
datasets: [ { title: Results, description: The official results., needed_by: 2027-12-01${o.dataset ?? ''} } ]
${o.extra ?? ''}`;
}

let n = 0;
async function warnings(text: string): Promise<string[]> {
  const file = join(tmp.path, `s${n++}.yaml`);
  writeFileSync(file, text);
  const r = await runCli('validate', file);
  return r.err.split('\n').filter(Boolean).map((l) => l.slice(file.length + 1));
}

const line = (list: string[], rule: string) => list.filter((l) => l.endsWith(`[${rule}]`));

describe('language (review §0 #1)', () => {
  test('an English filing under the Mexican law', async () => {
    expect(line(await warnings(spec({ law: 'MX' })), 'law-language')).toEqual([
      '1:58 letter.language: warning: the MX law expects filings in es, but the letter is in en; the body may ask for a translation and the clock may not start. Set `letter.language: es` (templates in that language are needed) [law-language]',
    ]);
  });
  test('French to a Tunisian body is tolerated, not accepted', async () => {
    const w = line(await warnings(spec({ law: 'TN', letter: 'kind: foi-request, date: 2027-03-22, language: fr' })), 'law-language');
    expect(w).toEqual(["1:58 letter.language: warning: the TN law's language is ar; fr is accepted in practice only, not as of right. Consider `letter.language: ar` [law-language]"]);
  });
  test('Kiswahili to a Kenyan body, and English to an Indian one, pass', async () => {
    expect(line(await warnings(spec({ law: 'KE', letter: 'kind: foi-request, date: 2027-03-22, language: sw', requester: ', standing: { basis: citizen }' })), 'law-language')).toEqual([]);
    expect(line(await warnings(spec({ law: 'IN' })), 'law-language')).toEqual([]);
  });
});

describe('standing (review §0 #4)', () => {
  test('a citizens-only law and no statement of status, even without registered_in', async () => {
    expect(line(await warnings(spec({ law: 'IN' })), 'law-standing')).toEqual([
      '2:12 requester: warning: the IN law admits requests only from citizens, and the filing must establish it: the application is made by a named citizen of India (s.3); an organisation files through a named office-bearer who states that they are a citizen of India. Add `requester.standing` (basis: citizen, resident, citizen-controlled-entity or legal-person; and person: the citizen who makes the request, e.g. "Asha Rao, Secretary") [law-standing]',
    ]);
  });
  test('an Indian NGO as such is not enough: a named citizen makes the request', async () => {
    const w = line(await warnings(spec({ law: 'IN', requester: ', registered_in: IN, standing: { basis: legal-person }' })), 'law-standing');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^2:\d+ requester\.standing: warning: the IN law does not admit organisations as requesters: .*Add `requester\.standing\.person`/);
    expect(line(await warnings(spec({ law: 'IN', requester: ', standing: { basis: citizen, person: "Asha Rao, Secretary" }' })), 'law-standing')).toEqual([]);
  });
  test('a Kenyan citizen-controlled entity states it and passes', async () => {
    expect(line(await warnings(spec({ law: 'KE', requester: ', standing: { basis: citizen-controlled-entity }' })), 'law-standing')).toEqual([]);
  });
});

describe('fees (review §0 #3)', () => {
  test('India: the Rs 10 fee must be enclosed; no public-interest waiver', async () => {
    const w = await warnings(spec({ law: 'IN', extra: 'fees: { waiver_requested: true, reason: Public interest. }' }));
    expect(line(w, 'law-fee-required')).toEqual([
      "7:7 fees: warning: the IN law requires an application fee of INR 10 with the application (s.6(1); Right to Information Rules, 2012, r.3); without it the application is not valid. Say how it is paid in `fees.paid` (Indian Postal Order, demand draft or banker's cheque payable to the Accounts Officer of the public authority, cash against a receipt, or online at rtionline.gov.in), or claim the law's exemption in `fees.waiver_ground`: the applicant is below the poverty line and encloses proof (a BPL certificate) (s.7(5); Right to Information Rules, 2012, r.5) [law-fee-required]",
    ]);
    expect(line(w, 'law-no-fee-waiver')).toEqual([
      '7:27 fees.waiver_requested: warning: the IN law has no public-interest waiver of its application fee; its only ground is: the applicant is below the poverty line and encloses proof (a BPL certificate) (s.7(5); Right to Information Rules, 2012, r.5). Set `fees.waiver_requested: false` [law-no-fee-waiver]',
    ]);
    const paid = await warnings(spec({ law: 'IN', extra: 'fees: { waiver_requested: false, paid: "Indian Postal Order No. 12F 345678 for Rs 10" }' }));
    expect(line(paid, 'law-fee-required').concat(line(paid, 'law-no-fee-waiver'))).toEqual([]);
  });
  test('South Africa: no public-interest waiver of the request fee, paid on notice', async () => {
    const w = line(await warnings(spec({ law: 'ZA', extra: 'fees: { waiver_requested: true }' })), 'law-no-fee-waiver');
    expect(w).toEqual(['7:27 fees.waiver_requested: warning: the ZA law has no public-interest waiver of its request fee; only personal requesters, who ask for their own personal information (s.22(1)) are exempt. Set `fees.waiver_requested: false` and pay the fee when the body asks (its notice can be appealed) [law-no-fee-waiver]']);
  });
  test('the US has a public-interest waiver: no warning', async () => {
    const w = await warnings(spec({ law: 'US', extra: 'fees: { waiver_requested: true }' }));
    expect(line(w, 'law-no-fee-waiver').concat(line(w, 'law-fee-required'))).toEqual([]);
  });
});

describe('identification (review §0 #4)', () => {
  test('Brazil art. 10, the Philippines s.9 and Indonesia ask for it', async () => {
    expect(line(await warnings(spec({ law: 'BR' })), 'law-identification')).toEqual([
      '2:12 requester: warning: the BR law requires the requester\'s identification in the filing: the requester\'s identification: name and the number of a valid identity document, or the CPF (CNPJ for a legal person), with an address for the answer (art. 10). Add `requester.identification` (document, and number if it goes in the letter) [law-identification]',
    ]);
    expect(line(await warnings(spec({ law: 'PH' })), 'law-identification')).toHaveLength(1);
    expect(line(await warnings(spec({ law: 'ID' })), 'law-identification')).toHaveLength(1);
    expect(line(await warnings(spec({ law: 'BR', requester: ', identification: { document: CNPJ, number: "12.345.678/0001-90" }' })), 'law-identification')).toEqual([]);
  });
});

describe('coverage (review §0 #5)', () => {
  test('EO 2 does not cover COMELEC', async () => {
    expect(line(await warnings(spec({ law: 'PH', recipient: 'institution: Commission on Elections (COMELEC)' })), 'law-coverage')).toEqual([
      "3:27 recipient.institution: warning: the PH law does not reach the recipient: EO 2 binds only offices under the executive branch (s.2); the Commission on Elections is an independent constitutional commission. Suggested route: rely on the Constitution, art. III s.7 (right to information on matters of public concern), and COMELEC's own rules on access to its records [law-coverage]",
    ]);
  });
  test('US FOIA does not reach a county election office', async () => {
    const w = line(await warnings(spec({ law: 'US', recipient: 'institution: Maricopa County Elections Department, level: local' })), 'law-coverage');
    // The level (local) and the name (County) both match; the two identical warnings are shown once.
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('FOIA reaches federal executive agencies only');
    expect(w[0]).toContain('Suggested route: file under the state\'s public-records law');
    expect(line(await warnings(spec({ law: 'US', recipient: 'institution: Federal Election Commission' })), 'law-coverage')).toEqual([]);
  });
  test('the UK full register is not released under FOIA', async () => {
    const w = line(await warnings(spec({ law: 'GB', dataset: ', category: voter-lists, granularity: individual-record, privacy: { undertaking: true }' })), 'law-coverage');
    expect(w).toEqual([expect.stringMatching(/^6:\d+ datasets\[0\]\.category: warning: the GB law does not reach dataset 1: the full electoral register is not released under FOIA.*Suggested route: buy the edited register/)]);
  });
});

describe('dates and privacy (review §3, §0 #8, §7)', () => {
  test('needed-by before the as-of date', async () => {
    const w = line(await warnings(spec({ law: 'KE', requester: ', standing: { basis: citizen }', dataset: ', as_of: 2028-01-01' })), 'needed-before-as-of');
    expect(w).toEqual([expect.stringMatching(/^6:\d+ datasets\[0\]\.needed_by: warning: the data is needed by 2027-12-01, before the date it should be correct on \(as_of: 2028-01-01\); expected a needed-by date on or after the as-of date, or an earlier as-of date \[needed-before-as-of\]$/)]);
  });
  test('individual voters with no privacy block', async () => {
    const w = line(await warnings(spec({ law: 'KE', requester: ', standing: { basis: citizen }', dataset: ', category: voter-lists, granularity: individual-record' })), 'privacy-missing');
    expect(w).toEqual([expect.stringMatching(/^6:\d+ datasets\[0\]: warning: the dataset asks for individual-level records, which hold personal data, but has no `privacy` block/)]);
  });
  test('needed-before-appeal for a law whose appeal has no time limit (UA: a complaint, decided within a month)', async () => {
    // Due 2027-03-29 (5 working days); silence is a refusal from 30 March; decided by 30 April at the earliest.
    const w = line(await warnings(spec({ law: 'UA', letter: 'kind: foi-request, date: 2027-03-22, language: uk' }).replace('needed_by: 2027-12-01', 'needed_by: 2027-04-20')), 'needed-before-appeal');
    expect(w).toEqual(['6:78 datasets[0].needed_by: warning: the data is needed by 2027-04-20; after a refusal, an appeal could be lodged from 2027-03-30 and be decided within 1 month, that is by 2027-04-30 at the earliest, so an appeal could not get you the data in time [needed-before-appeal]']);
  });
  test('a low-confidence appeal limit is a note to the user (MX)', async () => {
    const w = line(await warnings(spec({ law: 'MX', letter: 'kind: foi-request, date: 2027-03-22, language: es' })), 'law-low-confidence-limit');
    expect(w).toEqual([expect.stringContaining('the MX registry is unsure of the time limit for appeal for review (15 working days; 15 working days is the 2015 law')]);
  });
});

describe('silence (CO, CPACA art. 83)', () => {
  test('an appeal against silence before three months is too early, with the remedy', async () => {
    const text = spec({ law: 'CO', letter: 'kind: appeal, date: 2027-04-20, language: es', extra: 'earlier_request: { sent_on: 2027-03-22, response: none }' });
    const w = line(await warnings(text), 'appeal-too-early');
    expect(w).toEqual([expect.stringContaining('under the CO law silence counts as a refusal only from 2027-06-22 (CPACA (Ley 1437 de 2011) art. 83): before then an unanswered request is a breach of the right of petition; the usual remedy is an acción de tutela')]);
  });
});

describe('closures a body declares (review §4: MX días inhábiles, ID cuti bersama)', () => {
  test('without `closures`, the date may be early; with them, no warning', async () => {
    expect(line(await warnings(spec({ law: 'ID', letter: 'kind: foi-request, date: 2027-03-22, language: id', requester: ', standing: { basis: legal-person }, identification: { document: akta pendirian }' })), 'law-declared-closures')).toEqual([
      '5:6 law: warning: the ID due date counts only statutory holidays, and may be early: Cuti bersama (collective leave days set each year by a joint decree of ministers, mostly around Idul Fitri and Christmas) close government offices: give them in `closures` (see `oedr laws ID`) [law-declared-closures]',
    ]);
    const closed = spec({ law: 'MX', letter: 'kind: foi-request, date: 2027-03-22, language: es', extra: 'closures: [ { date: 2027-03-25, name: Jueves Santo }, { date: 2027-03-26, name: Viernes Santo } ]' });
    expect(line(await warnings(closed), 'law-declared-closures')).toEqual([]);
  });
});

describe('US fee category and commitment (review §2.1 US)', () => {
  test('a FOIA request without a fee category and commitment may be treated as not perfected', async () => {
    const w = line(await warnings(spec({ law: 'US' })), 'law-fee-commitment');
    expect(w).toEqual([expect.stringMatching(/^5:6 law: warning: the US law needs the filing to say the fee category claimed .* otherwise the request may be treated as not perfected\. Add `fees\.category` and `fees\.will_pay_up_to`, or `fees\.waiver_requested` with its `reason` \(the law's ground: disclosure is in the public interest/)]);
    const ok = spec({ law: 'US', extra: 'fees: { category: a representative of the news media, will_pay_up_to: "USD 50", waiver_requested: false }' });
    expect(line(await warnings(ok), 'law-fee-commitment')).toEqual([]);
  });
});

describe('a filing dated on a non-working day (review §2.1 ZA, CO)', () => {
  test('ZA 22 March 2027 (Human Rights Day observed) and CO 22 March 2027 (San José)', async () => {
    expect(line(await warnings(spec({ law: 'ZA' })), 'letter-date-not-working-day')).toEqual([
      '1:36 letter.date: warning: the letter is dated 2027-03-22, which is not a working day under the ZA law (Public Holiday); a filing that arrives then usually counts as received on the next working day, so the answer may be due a day or more after 2027-04-21. Date and send it on a working day [letter-date-not-working-day]',
    ]);
    expect(line(await warnings(spec({ law: 'CO', letter: 'kind: foi-request, date: 2027-03-22, language: es' })), 'letter-date-not-working-day')).toHaveLength(1);
    expect(line(await warnings(spec({ law: 'KE', requester: ', standing: { basis: citizen }' })), 'letter-date-not-working-day')).toEqual([]);
  });
});
