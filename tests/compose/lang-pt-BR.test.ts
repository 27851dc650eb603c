// Letters in Brazilian Portuguese: under BR with no letter.language, `oedr draft` writes every kind
// in pt-BR (templates/pt-BR), read back from the PDF (unpdf), the DOCX (mammoth) and the Markdown:
// the law by its own name, Brazilian dates (1º), the form of address, salutation and closing, the
// appeal to the authority art. 15 names; a reading copy in English; the same bytes twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { checkTseDelivery, draftAll, draftKind, expectIn, expectPageLabels, expectSameBytes, kindSpec, readingCopy, templateFiles, wordKeys } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());
/** The fixture as `kind`, `extra` YAML appended, `edit` applied, drafted with `args`. */
const draft = (kind: string, extra = '', args: string[] = [], edit?: (yaml: string) => string) => draftKind(tmp.path, 'languages/br-tse', kind, { extra, edit }, ...args);

const LAW = 'Lei de Acesso à Informação (Lei nº 12.527, de 18 de novembro de 2011)';
const NO_ANSWER = 'earlier_request: { reference: OTE/LAI/2027/003, sent_on: 2027-02-01, response: none }';
const REFUSED = 'earlier_request: { reference: OTE/LAI/2027/003, sent_on: 2027-03-01, response: refused, response_date: 2027-04-05, refusal: { ground: personal-data, provision: "o art. 31 da Lei nº 12.527/2011" } }';

describe('letters in Brazilian Portuguese (BR)', () => {
  it('writes a filing to the TSE in Portuguese: the law, the dates, the address, salutation and closing, the identification art. 10 asks for', async () => {
    const d = await draft('foi-request');
    expectIn(d, [
      `vem, com fundamento na ${LAW}, requerer acesso à seguinte informação em poder desse órgão`,
      '12 de abril de 2027', 'de 1º de outubro de 2026 a 31 de outubro de 2026',
      'Ao Senhor Ricardo Almeida Vasconcelos Diretor-Geral', 'Assunto: Pedido de acesso à informação', 'Prezado Senhor Vasconcelos,',
      'Identificação do requerente, conforme exige o art. 10: CNPJ nº 12.345.678/0001-90.', 'Brasília - DF, 12 de abril de 2027.',
      'no prazo legal de 20 dias corridos contados do recebimento (até 3 de maio de 2027', 'Atenciosamente,',
      'Nossa referência: OTE/LAI/2027/014', 'ponto e vírgula (";") entre os campos',
    ]);
    expectPageLabels(d, (p, n) => `Página ${p} de ${n}`);
  });

  it('writes a data request, a follow-up and an appeal in Portuguese, each with its own wording', async () => {
    const data = await draft('data-request');
    expectIn(data, ['solicita a esse órgão um conjunto de dados: Resultados por seção eleitoral', 'Relevância do pedido',
      'artigos 19 e 25 do Pacto Internacional sobre Direitos Civis e Políticos, bem como no artigo 13 da Convenção Americana sobre Direitos Humanos',
      // The note quotes the texts as promulgated (Decretos 592 and 678/1992) and says the rest is unofficial.
      '“a liberdade de procurar, receber e difundir informações e idéias de qualquer natureza”', '“de participar da condução dos assuntos públicos”',
      'a liberdade “de buscar, receber e difundir informações e idéias de toda natureza”', 'Os trechos entre aspas reproduzem o texto oficial em português; os demais são paráfrases ou traduções livres.',
      'Atenciosamente,']);
    const follow = await draft('follow-up', NO_ANSWER);
    expectIn(follow, ['Em 1º de fevereiro de 2027, Observatório da Transparência Eleitoral dirigiu a esse órgão (nossa referência OTE/LAI/2027/003)',
      'esse prazo terminou em 22 de fevereiro de 2027', 'Agradecemos a atenção dispensada.', 'Atenciosamente,']);
    // Art. 15: the recurso goes to the authority above the one that decided, named as the statute names it.
    const appeal = await draft('appeal', REFUSED);
    expectIn(appeal, ['Autoridade hierarquicamente superior à que exarou a decisão impugnada Tribunal Superior Eleitoral',
      'Prezado(a) Senhor(a),', `Recurso com fundamento no art. 15 da ${LAW}`, 'vem, respeitosamente, interpor recurso contra a negativa de acesso dada pelo órgão requerido',
      'Em 5 de abril de 2027, recebemos a negativa de acesso', 'A decisão invocou o art. 31 da Lei nº 12.527/2011.',
      'O recurso é tempestivo: a lei concede 10 dias corridos para sua interposição, de modo que pode ser apresentado até 15 de abril de 2027.',
      'Requer-se a Vossa Senhoria o fornecimento das informações', 'Anexos: nosso pedido de 1º de março de 2027 e a resposta recebida.']);
    for (const d of [data, follow, appeal]) expectPageLabels(d, (p, n) => `Página ${p} de ${n}`);
  });

  it('names no appeal after silence: the art. 15 recurso lies against a decision, and the CGU comes only after it', async () => {
    // The federal executive's route (a ministry, not a court): the recurso to the higher authority
    // (art. 15) runs from the notice of a refusal, so with no answer there is no «decisão impugnada»
    // to name (a Brasília reader found the sentence wrong in law), and the CGU (art. 16) must not be skipped to.
    const ministry = (s: string) => s.replace('institution: Tribunal Superior Eleitoral', 'institution: Ministério da Justiça e Segurança Pública');
    const d = await draft('follow-up', NO_ANSWER, [], ministry);
    expect(d.md).toContain('Os campos e o formato estão detalhados em nosso pedido original.');
    expect(d.md).not.toContain('decisão impugnada');
    expect(d.md).not.toContain('art. 15');
    expect(d.md).not.toContain('Controladoria-Geral da União');
  });

  it('lists the differences `oedr check` found in Portuguese, with Brazilian thousands', async () => {
    const d = await checkTseDelivery(tmp.path, 'pt-BR', 'Sra. Maria Lima');
    expectIn(d, ['1º de setembro de 2027', 'À Senhora Maria Lima', 'Prezada Senhora Lima,', 'Dados enviados em resposta ao nosso pedido de 1º de março de 2027',
      'Separador de campos. Solicitamos campos separados por vírgulas (","). Os campos estão separados por ponto e vírgula (";").',
      'Nomes das colunas. Solicitamos estas colunas, com exatamente estes nomes: secao, candidato, votos. Colunas com outro nome: "Secao" em vez de "secao".',
      'Linhas sem valor: 1.204 (linhas 4, 5, 6, 7, 8, … (1.204 no total)).', 'Valores que não o são: 1, por exemplo linha 3 ("muitos").',
      'Agradecemos, mais uma vez, a colaboração.', 'Atenciosamente,']);
    for (const english of ['We asked for', 'Fields are separated', 'in all', 'line 3']) expect(d.md).not.toContain(english);
  });

  it('writes a reading copy in English, marked on every page as a translation of the Portuguese letter', async () => {
    const { letter: d, copy } = await readingCopy(kindSpec(tmp.path, 'languages/br-tse', 'foi-request'), join(tmp.path, 'copy'));
    const mark = "Translation for the requester's records; the letter sent is in Portuguese.";
    for (const page of copy.pages) expect(page).toContain(mark);
    expect(copy.docx).toContain(mark);
    expect(copy.pdf).toContain('Yours sincerely,');
    expect(d.md).not.toContain('Translation');
  });

  it('gives the same bytes for the same input', async () => {
    const spec = kindSpec(tmp.path, 'languages/br-tse', 'appeal', { extra: NO_ANSWER });
    const a = await draftAll(spec, join(tmp.path, 'appeal'));
    // No answer in time: the recurso under art. 15 is against the tacit refusal, as Brazilian practice frames silence.
    expectIn(a, ['interpor recurso contra a negativa tácita de acesso, configurada pela falta de resposta do órgão requerido, Tribunal Superior Eleitoral, no prazo legal, ao nosso pedido de 1º de fevereiro de 2027']);
    await expectSameBytes(spec, tmp.path);
  });

  it('has every word the English templates have, and every template and partial', async () => {
    const pt = new Set(wordKeys('pt-BR'));
    expect(wordKeys('en').filter((k) => !pt.has(k))).toEqual([]);
    expect(templateFiles('pt-BR')).toEqual(templateFiles('en'));
  });
});
