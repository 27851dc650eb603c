// Indonesian letters under UU 14/2008 (ID): `oedr draft` writes each kind in Indonesian by default, in
// the surat dinas frame (place and date, Nomor, Perihal, Kepada Yth., Dengan hormat, Hormat kami),
// read back from the PDF, the DOCX and Markdown; appeals go to the atasan PPID citing Pasal 35 dan
// Pasal 36; a reading copy in English on request; the same bytes twice.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { UNANSWERED, checkFollowUp, draftAll, earlier, expectNoEnglish, expectSameBytes, flat, kindSpec, readingCopy, refusedCiting } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const LAW = 'Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik';
/** English words a careless Indonesian letter would keep from the registry or the English template. */
const REGISTRY_ENGLISH = ['objection', 'article', 'Public Information Disclosure Act', 'atasan PPID (the superior', 'calendar days'];
/** The fixture as `kind`, in a folder `dir` of its own. */
const spec = (kind: string, dir = kind) => kindSpec(join(tmp.path, dir), 'lang/id-kpu', kind, { stem: kind, extra: earlier(kind, refusedCiting('Pasal 17 huruf h'), UNANSWERED) });
/** The fixture as `kind`, drafted into `<dir>/out`, with the data contract annex unless `annex` is false. */
const draft = (kind: string, dir = kind, annex = true, ...args: string[]) => draftAll(spec(kind, dir), join(tmp.path, dir, 'out'), ...(annex ? ['--annex'] : []), ...args);

describe('Indonesian letters (ID)', () => {
  it('writes a request for public information in the surat dinas frame, read back from PDF, DOCX and Markdown', async () => {
    const { pdf, docx, md, pages, raw } = await draft('foi-request');
    for (const text of [pdf, docx, md]) {
      for (const want of [LAW, 'Jakarta, 12 April 2027', 'Kepada Yth.', 'Pejabat Pengelola Informasi dan Dokumentasi (PPID)', 'Nomor: 012/PI-TMF/IV/2027',
        'Perihal: Permohonan informasi publik data sumbangan dana kampanye 2026–2027', 'Dengan hormat,', 'Hormat kami,',
        // The statutory period and its last day, counted in working days from the letter's date.
        'paling lambat dalam 10 hari kerja sejak permohonan diterima', '26 April 2027', 'misalnya 25000000',
        // A Perkumpulan proves its identity by its akta pendirian and the SK pengesahan, not a KTP.
        'salinan akta pendirian Perkumpulan Forum Transparansi Dana Politik beserta surat keputusan pengesahan badan hukumnya']) expect(text).toContain(want);
      expectNoEnglish(text, 'foi-request', REGISTRY_ENGLISH);
    }
    // Place and date, Nomor and Perihal, then the address, which "Kepada Yth." opens on a line of its own.
    expect(pdf).toContain('Jakarta, 12 April 2027 Nomor: 012/PI-TMF/IV/2027 Perihal: Permohonan informasi publik data sumbangan dana kampanye 2026–2027 Kepada Yth. Pejabat Pengelola Informasi dan Dokumentasi (PPID) Komisi Pemilihan Umum');
    expect(raw.md).toContain('Kepada Yth.\\\nPejabat Pengelola');
    pages.forEach((page, i) => expect(page).toContain(`Halaman ${i + 1} dari ${pages.length}`));
  });

  it('writes every kind in Indonesian, with the closing and no English template words', async () => {
    for (const kind of ['data-request', 'foi-request', 'follow-up', 'appeal']) {
      const { md, docx } = await draft(kind, `every-${kind}`, false);
      for (const text of [md, docx]) {
        expect(text, kind).toContain('Dengan hormat,');
        expect(text, kind).toContain('Hormat kami,');
        expectNoEnglish(text, kind, REGISTRY_ENGLISH);
      }
    }
  });

  it('addresses the keberatan to the atasan PPID of the KPU, citing Pasal 35 dan Pasal 36, and answers the refusal', async () => {
    const { pdf, raw } = await draft('appeal');
    for (const want of ['Kepada Yth. Atasan Pejabat Pengelola Informasi dan Dokumentasi (PPID) Komisi Pemilihan Umum',
      `Keberatan berdasarkan Pasal 35 dan Pasal 36 ${LAW}`, 'Penolakan tersebut didasarkan pada Pasal 17 huruf h',
      'Keberatan ini diajukan dalam tenggang waktu: undang-undang memberikan waktu 30 hari kerja',
      // The atasan PPID decides the keberatan and orders the PPID to give the information.
      'atasan Pejabat Pengelola Informasi dan Dokumentasi (PPID) menerima keberatan ini dan memerintahkan Pejabat Pengelola Informasi dan Dokumentasi (PPID) Komisi Pemilihan Umum untuk memberikan']) expect(pdf).toContain(want);
    expect(raw.md).toContain('Lampiran: salinan permohonan kami tanggal 1 Maret 2027 dan jawaban yang kami terima.');
  });

  it('says when the follow-up\'s statutory period ended, and names the keberatan to the atasan PPID as the next step', async () => {
    const { raw } = await draft('follow-up');
    expect(flat(raw.md)).toContain('jangka waktu tersebut telah berakhir pada 15 Februari 2027');
    // An unanswered request is a ground for keberatan (Pasal 35 ayat (1) huruf c); the Komisi Informasi
    // comes only after the atasan PPID has answered (Pasal 37), so the follow-up must not skip to it.
    expect(flat(raw.md)).toContain(`mengajukan keberatan kepada atasan Pejabat Pengelola Informasi dan Dokumentasi (PPID) berdasarkan Pasal 35 dan Pasal 36 ${LAW} atas tidak ditanggapinya permohonan kami`);
    expect(raw.md).not.toContain('Komisi Informasi');
  });

  it('writes a reading copy in English marked as a translation of an Indonesian letter', async () => {
    const { letter, copy } = await readingCopy(spec('foi-request', 'copy'), join(tmp.path, 'copy', 'out'));
    const mark = "Translation for the requester's records; the letter sent is in Indonesian.";
    for (const page of copy.pages) expect(page).toContain(mark);
    expect(copy.docx).toContain('Yours sincerely,');
    expect(letter.raw.md).toContain('Hormat kami,');
  });

  it('writes the same bytes for the same input', async () => {
    await expectSameBytes(spec('appeal', 'same'), tmp.path, '--annex');
  });

  it('writes the check follow-up in Indonesian, each difference in Indonesian, counts with dot thousands', async () => {
    await draft('data-request', 'check');
    // Semicolons for commas, and 1,204 rows whose amount is no whole number.
    const { pdf } = await checkFollowUp(join(tmp.path, 'check', 'data-request.yaml'), join(tmp.path, 'check', 'delivered.csv'), ['nama_partai;jumlah_rp', ...Array.from({ length: 1204 }, (_, i) => `Partai ${i};banyak`)].join('\n') + '\n', join(tmp.path, 'check', 'follow-up'));
    for (const want of ['Jakarta, 1 September 2027', 'Dengan hormat,', 'Kami mengucapkan terima kasih atas data yang telah Bapak/Ibu sampaikan', 'Hormat kami,',
      'Pemisah kolom. Yang kami mohon: kolom yang dipisahkan dengan koma (","). Kolom dipisahkan dengan titik koma (";").',
      'Nilai. Yang kami mohon: bilangan bulat pada setiap baris jumlah_rp. Nilai yang tidak sesuai: 1.204, misalnya']) expect(pdf).toContain(want);
    for (const english of ['We asked for', 'Separator between fields', 'Values that are not']) expect(pdf).not.toContain(english);
  });
});
