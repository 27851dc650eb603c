// An earlier request must come before the letter that refers to it, except an appeal written the
// day a request was sent and refused (a refusal by return email): the rule, its place and message.
import { describe, expect, test } from 'vitest';
import { parseSpec } from '../../src/spec/load.js';

const spec = (kind: string, sentOn: string, extra = '') => `oedr: 1
letter: { kind: ${kind}, date: 2027-03-01 }
law: KE
requester: { organisation: Watch, email: a@example.test, signatory: { name: A. Tester } }
recipient: { institution: Election Commission }
earlier_request: { sent_on: ${sentOn}${extra} }
datasets:
  - title: Results
    description: Votes by polling station.
    fields: [{ name: votes, description: Votes }]
`;

const dateErrors = (source: string) => parseSpec(source, 'r.yaml').diagnostics
  .filter((d) => d.rule === 'earlier-request-date').map((d) => `${d.line}:${d.col} ${d.message}`);

describe('earlier_request.sent_on against the letter date', () => {
  test('a follow-up dated the day of the request is refused, with the place and both dates', () => {
    expect(dateErrors(spec('follow-up', '2027-03-01'))).toEqual(['6:29 the earlier request (2027-03-01) must be dated before this letter (2027-03-01)']);
  });

  test('an appeal the same day is refused unless the request was answered that day', () => {
    expect(dateErrors(spec('appeal', '2027-03-01'))).toEqual(['6:29 the earlier request (2027-03-01) must be dated before this letter (2027-03-01), or answered on the day of this appeal (response_date)']);
    expect(dateErrors(spec('appeal', '2027-03-01', ', response: refused, response_date: 2027-03-01'))).toEqual([]);
  });

  test('a request dated after the letter is refused whatever the answer', () => {
    expect(dateErrors(spec('appeal', '2027-03-02', ', response: refused, response_date: 2027-03-01'))).toHaveLength(1);
    expect(dateErrors(spec('follow-up', '2027-02-01'))).toEqual([]);
  });
});

test('a follow-up after a refusal is warned about: the time to appeal keeps running', () => {
  const found = (source: string) => parseSpec(source, 'r.yaml').diagnostics.filter((d) => d.rule === 'follow-up-after-refusal');
  const [w] = found(spec('follow-up', '2027-02-01', ', response: refused, response_date: 2027-02-20'));
  expect(w).toMatchObject({ severity: 'warning', line: 2, message: 'a follow-up after a refusal asks again but does not stop the time to appeal; the next step under the law is usually an appeal (letter.kind: appeal, or `oedr draft --next`)' });
  expect(found(spec('follow-up', '2027-02-01', ', response: partial, response_date: 2027-02-20'))).toEqual([]);
  expect(found(spec('appeal', '2027-02-01', ', response: refused, response_date: 2027-02-20'))).toEqual([]);
});
