// The resolver: a law's facts against one spec's requester, recipient and datasets.
import { describe, expect, test } from 'vitest';
import { loadLaws } from '../../src/laws/registry.js';
import { resolveLaw, type ResolveInput } from '../../src/laws/resolve.js';

const registry = await loadLaws();

function input(over: Partial<ResolveInput> = {}): ResolveInput {
  return {
    letter: { kind: 'foi-request', date: '2027-03-22', language: 'en', subject: 'Results' },
    requester: { organisation: 'Watch', email: 'a@b.example', signatory: { name: 'A' }, co_signers: [] },
    recipient: { institution: 'Electoral Commission', level: 'national' },
    datasets: [{ title: 'Results', description: 'Results', format: 'csv', fields: [], documentation: true }],
    ...over,
  } as ResolveInput;
}

describe('resolveLaw', () => {
  test('every built-in law resolves for a plain spec', () => {
    for (const law of registry.laws) {
      const r = resolveLaw(law, input());
      expect(r.appeal.length, law.code).toBeGreaterThan(0);
      expect(r.code).toBe(law.code);
    }
  });
});

const law = (code: string) => registry.get(code)!;
const steps = (code: string, recipient: Partial<ResolveInput['recipient']>) =>
  resolveLaw(law(code), input({ recipient: { institution: 'X', level: 'national', ...recipient } as ResolveInput['recipient'] })).appeal;

describe('the appeal chain for this recipient (review §0 #2, §2.2)', () => {
  test('ZA: the Electoral Commission has no internal appeal; the first step is the Information Regulator (s.77A)', () => {
    const chain = steps('ZA', { institution: 'Electoral Commission of South Africa' });
    expect(chain.map((s) => s.addressee)).toEqual(['the Information Regulator', 'the High Court']);
    expect(chain[0]).toMatchObject({ provision: 'section 77A', form: 'Form 5 (PAIA Regulations 2021)', conditional: false, limit: { period: 180, starts: 'decision-or-deemed-refusal' } });
  });
  test('ZA: a national department has the internal appeal on Form 4 (s.74(1)); an unknown body keeps it as conditional', () => {
    const dept = steps('ZA', { institution: 'Department of Home Affairs' });
    expect(dept[0]).toMatchObject({ addressee: 'the relevant authority', provision: 'section 74(1)', form: 'Form 4 (PAIA Regulations 2021)', conditional: false, term: { en: 'internal appeal' } });
    expect(steps('ZA', { institution: 'Some Board' })[0]).toMatchObject({ provision: 'section 74(1)', conditional: true });
    expect(steps('ZA', { institution: 'Some Board', body_kind: 'constitutional-institution' })[0]!.provision).toBe('section 77A');
  });
  test('IN: the first appeal goes to the First Appellate Authority under s.19(1), not to the CPIO', () => {
    expect(steps('IN', { institution: 'Election Commission of India' })[0]).toMatchObject({ addressee: 'the First Appellate Authority', provision: 'section 19(1)', term: { en: 'first appeal' } });
  });
  test("MX: INE's route is its own autoridad garante (its Órgano Interno de Control), as data; the limit is an estimate", () => {
    const ine = steps('MX', { institution: 'Instituto Nacional Electoral (INE)' });
    expect(ine[0]).toMatchObject({ addressee: "the Órgano Interno de Control of the Instituto Nacional Electoral, as the Institute's autoridad garante", term: { en: 'appeal for review', original: 'recurso de revisión', lang: 'es' } });
    expect(ine[0]!.fact).toMatchObject({ confidence: 'low', certain: false });
    expect(steps('MX', { institution: 'Secretaría de Gobernación' })[0]!.addressee).toBe('the competent autoridad garante');
  });
  test("BR: the TSE uses the electoral justice's chain, without the CGU and CMRI", () => {
    const tse = steps('BR', { institution: 'Tribunal Superior Eleitoral' });
    expect(tse.map((s) => s.addressee)).toEqual(['the authority hierarchically superior to the one that refused access (at the TSE, the Diretor-Geral for administrative records)', 'the President of the Tribunal']);
    expect(steps('BR', { institution: 'Ministério da Saúde' }).map((s) => s.addressee)).toContain('the Controladoria-Geral da União');
  });
  test('UA: the CEC has no higher body, so the complaint goes to its Head', () => {
    expect(steps('UA', { institution: 'Central Election Commission of Ukraine' })[0]).toMatchObject({ addressee: 'the Head of the Central Election Commission', term: { original: 'скарга' }, provision: 'article 23' });
  });
  test('ID: the keberatan goes to the atasan PPID; TN: the recours gracieux to the head of the body', () => {
    expect(steps('ID', { institution: 'Komisi Pemilihan Umum' })[0]).toMatchObject({ addressee: 'the atasan PPID (the superior of the information and documentation officer)', term: { original: 'keberatan' }, provision: 'articles 35 and 36' });
    expect(steps('TN', { institution: 'ISIE' })[0]).toMatchObject({ addressee: 'the head of the body', provision: 'article 30' });
  });
  test('every step of the 14 reviewed laws names its addressee and the statute\'s term', () => {
    for (const code of ['KE', 'MX', 'BR', 'UA', 'US', 'GB', 'ZA', 'IN', 'GE', 'TN', 'CO', 'ID', 'NG', 'PH']) {
      for (const s of [...law(code).appeal, ...(law(code).bodies ?? []).flatMap((b) => b.appeal ?? [])]) {
        expect(s.addressee, `${code} ${s.body}`).toMatch(/^the /);
        expect(s.term?.en, `${code} ${s.body}`).toBeTruthy();
      }
    }
  });
});

describe('fees, standing, language', () => {
  test('IN: enclose INR 10; a BPL applicant may claim the law\'s own exemption', () => {
    const r = resolveLaw(law('IN'), input());
    expect(r.fee).toMatchObject({ action: 'enclose', application: { amount: 10, currency: 'INR', provision: 's.6(1); Right to Information Rules, 2012, r.3' }, provided: false });
    const bpl = resolveLaw(law('IN'), input({ fees: { waiver_requested: true, waiver_ground: 'BPL certificate enclosed' } }));
    expect(bpl.fee).toMatchObject({ action: 'waiver', provided: true });
  });
  test('ZA: the request fee is paid on notice; KE and MX have none', () => {
    expect(resolveLaw(law('ZA'), input()).fee.action).toBe('pay-on-notice');
    expect(resolveLaw(law('KE'), input()).fee.action).toBe('none');
    expect(resolveLaw(law('MX'), input()).fee.action).toBe('none');
  });
  test('standing: needed for IN and KE, not for ZA; IN needs a named citizen', () => {
    expect(resolveLaw(law('ZA'), input()).standing.needed).toBe(false);
    const org = input({ requester: { ...input().requester, standing: { basis: 'legal-person' } } });
    expect(resolveLaw(law('IN'), org).standing).toMatchObject({ needed: true, established: false, legal_persons: false });
    expect(resolveLaw(law('KE'), org).standing.established).toBe(true);
  });
  test('languages: default first, the letter checked by language not region', () => {
    expect(resolveLaw(law('MX'), input()).language).toMatchObject({ default: 'es', accepted_letter: 'no' });
    expect(resolveLaw(law('BR'), input({ letter: { ...input().letter, language: 'pt' } })).language).toMatchObject({ default: 'pt-BR', accepted_letter: 'yes' });
    expect(resolveLaw(law('KE'), input({ letter: { ...input().letter, language: 'sw' } })).language.accepted_letter).toBe('yes');
  });
  test('the law\'s name in its own language', () => {
    expect(resolveLaw(law('MX'), input()).originalName).toEqual({ lang: 'es', text: 'Ley General de Transparencia y Acceso a la Información Pública' });
    expect(resolveLaw(law('KE'), input()).originalName).toBeNull();
  });
  test('silence: CO only after three months, CPACA art. 83', () => {
    expect(resolveLaw(law('CO'), input()).silence).toMatchObject({ after: { period: 3, unit: 'months' }, provision: 'CPACA (Ley 1437 de 2011) art. 83' });
    expect(resolveLaw(law('KE'), input()).silence).toBeNull();
  });
});

describe('the timeline follows the recipient\'s route', () => {
  test('ZA: an appeal against the IEC is a complaint to the Regulator, 180 days from the decision (s.77A)', async () => {
    const { requestTimeline } = await import('../../src/laws/timeline.js');
    const spec = {
      ...input({ recipient: { institution: 'Electoral Commission', level: 'national' } as ResolveInput['recipient'] }),
      letter: { kind: 'appeal', date: '2027-05-10', language: 'en', subject: 'x' },
      law: 'ZA', closures: [],
      earlier_request: { sent_on: '2027-03-25', response: 'refused', response_date: '2027-04-20' },
    } as unknown as Parameters<typeof requestTimeline>[0];
    const t = (await requestTimeline(spec, registry))!;
    expect(t.appeal?.step.provision).toBe('section 77A');
    // 20 Apr 2027 + 180 days = Sun 17 Oct 2027: a Sunday cannot end the period (Interpretation Act s.4) -> Mon 18 Oct.
    expect(t.appeal?.lodgeBy).toBe('2027-10-18');
    // The response itself: day 30 is Saturday 24 April, which may end the period.
    expect(t.response.status === 'due' && t.response.due).toBe('2027-04-24');
  });
});
