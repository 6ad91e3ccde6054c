/**
 * Formats: documents turned into PDF (Chromium's print to PDF, with a running header and a
 * "Page N of M" footer) and DOCX, read back by Dictum, and compared with Dictum's reading of
 * the original text.
 *
 * - word recall: the original's words (title, date line, text) found again, as a multiset;
 * - noise: words read from the converted file that are not in the original (headers,
 *   footers, page numbers);
 * - speaker agreement: of the original's turns found again (by their opening words), those
 *   read with the same speaker;
 * - title and date: the same as the original's;
 * - page: PDF passages that know their page.
 * White House briefings (Markdown) are transcripts; PolNeAR articles (text) are news and are
 * used here only to measure, never shipped. Train and frozen held-out parts as elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import type { ExtractedDocument } from '../../main/common/contract';
import { newBudget } from '../../main/corpus/formats/budget';
import { makeDocx } from '../../main/corpus/formats/officeFixtures';
import { imageOnly } from '../../main/corpus/formats/pdfFixtures';
import { readBinary } from '../../main/corpus/formats/readBinary';
import { buildRawDocuments, type BinaryFormat } from '../../main/extract/extractDocuments';
import { extract, options, ratio, spread, type Row } from './common';
import { heldOut, whFiles, type Split } from './heldout';

export interface Original {
  name: string;
  split: Split;
  doc: ExtractedDocument;
  /** Paragraphs as a reader would see them on paper: title, date line, body. */
  paragraphs: string[];
  url: string;
}

const PER_PART = 8;

function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

function humanDate(iso: string | null): string {
  if (!iso || iso.length < 10) return iso ?? '';
  const d = new Date(`${iso}T12:00:00Z`);
  return d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

function original(name: string, split: Split, path: string, text: string, url: string): Original | null {
  const doc = extract(name, text)[0];
  if (!doc) return null;
  // the body as the original reader split it: its passages' paragraphs, in order
  const body = doc.text.split('\n\n').filter((p) => p.trim().length > 0);
  const paragraphs = [doc.document.title, humanDate(doc.document.date), ...body].filter((p) => p.length > 0);
  return { name: path, split, doc, paragraphs, url };
}

export function originals(corpora: string): Original[] {
  const out: Original[] = [];
  const whDir = join(corpora, 'wh_briefings');
  const whHeld = heldOut('wh');
  const wh = whFiles(whDir);
  const polDir = join(corpora, 'polnear', 'train', 'text');
  const polHeld = heldOut('polnear');
  const pol = readdirSync(polDir)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  for (const split of ['train', 'held-out'] as const) {
    const isHeld = (set: Set<string>, key: string) => set.has(key) === (split === 'held-out');
    for (const rel of spread(
      wh.filter((p) => isHeld(whHeld, p)),
      PER_PART,
    )) {
      const o = original(rel, split, rel, readFileSync(join(whDir, rel), 'utf8'), 'whitehouse.gov');
      if (o) out.push(o);
    }
    for (const name of spread(
      pol.filter((n) => isHeld(polHeld, n.replace(/\.txt$/, ''))),
      PER_PART,
    )) {
      const o = original(
        name,
        split,
        `polnear/${name}`,
        readFileSync(join(polDir, name), 'utf8'),
        'news.example',
      );
      if (o) out.push(o);
    }
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function printPdf(browser: Browser, o: Original): Promise<Uint8Array> {
  const [title, ...rest] = o.paragraphs;
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title ?? '')}</title>` +
    `<style>body{font:11pt Georgia,serif} h1{font-size:19pt}</style></head><body>` +
    `<h1>${esc(title ?? '')}</h1>${rest.map((p) => `<p>${esc(p)}</p>`).join('')}</body></html>`;
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    return await page.pdf({
      format: 'Letter',
      displayHeaderFooter: true,
      margin: { top: '70px', bottom: '70px', left: '60px', right: '60px' },
      headerTemplate: `<div style="font-size:8pt;width:100%;padding:0 60px"><span class="title"></span></div>`,
      footerTemplate:
        `<div style="font-size:8pt;width:100%;padding:0 60px;display:flex;justify-content:space-between">` +
        `<span>${esc(o.url)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await page.close();
  }
}

function docx(o: Original): Uint8Array {
  const [title, ...rest] = o.paragraphs;
  return makeDocx([{ text: title ?? '', style: 'Title' }, ...rest.map((text) => ({ text }))], {
    title: title ?? '',
    header: o.url,
  });
}

function rfc2822(iso: string | null): string {
  const d = iso && iso.length >= 10 ? new Date(`${iso.slice(0, 10)}T12:00:00Z`) : new Date(0);
  return d.toUTCString().replace('GMT', '+0000');
}

function eml(o: Original): Uint8Array {
  const [title, ...rest] = o.paragraphs;
  const body = rest.join('\r\n\r\n');
  const subject = `=?utf-8?B?${Buffer.from(title ?? '').toString('base64')}?=`;
  return new TextEncoder().encode(
    `From: Press Office <press@${o.url}>\r\nTo: desk@example.org\r\nSubject: ${subject}\r\n` +
      `Date: ${rfc2822(o.doc.document.date)}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${Buffer.from(body)
        .toString('base64')
        .replace(/(.{76})/g, '$1\r\n')}\r\n`,
  );
}

/** The opening of a document, for scans: OCR takes many seconds a page. */
function opening(o: Original, paragraphs: number): Original {
  const cut = o.paragraphs.slice(0, paragraphs);
  const text = cut.slice(2).join('\n\n');
  const passages = o.doc.passages.filter((p) => p.start < text.length);
  return { ...o, paragraphs: cut, doc: { ...o.doc, passages } };
}

async function readBack(
  format: BinaryFormat,
  name: string,
  bytes: Uint8Array,
): Promise<ExtractedDocument | null> {
  try {
    const read = await readBinary(format, name, bytes, 0, newBudget());
    const r = buildRawDocuments(read.raws, null, options, read.warnings);
    return r.ok ? (r.documents[0] ?? null) : null;
  } catch {
    return null;
  }
}

interface Tally {
  docs: number;
  found: number;
  origWords: number;
  recalled: number;
  readWords: number;
  noise: number;
  turns: number;
  turnsFound: number;
  sameSpeaker: number;
  titles: number;
  dates: number;
  passages: number;
  paged: number;
  pages: number;
  readMs: number;
}

function tally(): Tally {
  return {
    docs: 0,
    found: 0,
    origWords: 0,
    recalled: 0,
    readWords: 0,
    noise: 0,
    turns: 0,
    turnsFound: 0,
    sameSpeaker: 0,
    titles: 0,
    dates: 0,
    passages: 0,
    paged: 0,
    pages: 0,
    readMs: 0,
  };
}

const normTitle = (s: string) => words(s).join(' ');

function compare(o: Original, read: ExtractedDocument | null, t: Tally): void {
  t.docs++;
  const origWords = words(o.paragraphs.join('\n'));
  t.origWords += origWords.length;
  const turns = o.doc.passages.filter((p) => p.kind === 'turn');
  t.turns += turns.length;
  if (!read) return;
  t.found++;
  const readList = words(`${read.document.title}\n${read.text}`);
  const have = counts(readList);
  const want = counts(origWords);
  for (const [w, n] of want) t.recalled += Math.min(n, have.get(w) ?? 0);
  t.readWords += readList.length;
  for (const [w, n] of have) t.noise += Math.max(0, n - (want.get(w) ?? 0));
  const readPassages = read.passages.map((p) => ({ p, key: ` ${words(p.text).join(' ')} ` }));
  for (const turn of turns) {
    const opening = ` ${words(turn.text).slice(0, 10).join(' ')} `;
    const match = readPassages.find((r) => r.key.startsWith(opening));
    if (!match) continue;
    t.turnsFound++;
    if (match.p.speaker === turn.speaker) t.sameSpeaker++;
  }
  if (normTitle(read.document.title) === normTitle(o.doc.document.title)) t.titles++;
  if (read.document.date === o.doc.document.date) t.dates++;
  t.passages += read.passages.length;
  t.paged += read.passages.filter((p) => typeof p.page === 'number').length;
  t.pages += Math.max(0, ...read.passages.map((p) => p.page ?? 0));
}

function rowsOf(
  label: string,
  split: Split,
  t: Tally,
  rows: Row[],
  paged: boolean,
  targets = { recall: '0.97', noise: '0.03' },
): void {
  const section = `Formats: ${label}`;
  const n = `${t.docs} (${split})`;
  rows.push(
    {
      section,
      metric: `word recall (${split})`,
      value: ratio(t.recalled, t.origWords),
      n,
      note: `${t.found} of ${t.docs} files read; target ≥ ${targets.recall}`,
    },
    {
      section,
      metric: `noise (${split})`,
      value: ratio(t.noise, t.readWords),
      n,
      note: `words read that are not in the original; target ≤ ${targets.noise}`,
    },
    {
      section,
      metric: `speaker agreement (${split})`,
      value: ratio(t.sameSpeaker, t.turnsFound),
      n: `${t.turnsFound} of ${t.turns} turns`,
      note: 'turns found again: a passage read that starts with its first 10 words; target ≥ 0.95',
    },
    {
      section,
      metric: `title and date right (${split})`,
      value: `${t.titles}/${t.docs}, ${t.dates}/${t.docs}`,
      n,
      note: 'target ≥ 9 in 10',
    },
  );
  if (paged) {
    rows.push({
      section,
      metric: `passages with a page (${split})`,
      value: ratio(t.paged, t.passages),
      n: `${t.passages} passages`,
      note: `target ≥ 0.95; read at ${Math.round(t.pages / (t.readMs / 1000))} pages/s (wall, shared machine)`,
    });
  }
}

/** Converts, reads back and compares; adds a section of rows per format. */
export async function evalFormats(corpora: string, rows: Row[]): Promise<void> {
  const docs = originals(corpora);
  const browser = await chromium.launch({
    executablePath: process.env.DICTUM_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    for (const split of ['train', 'held-out'] as const) {
      const pdf = tally();
      const word = tally();
      const mail = tally();
      const scans = tally();
      const part = docs.filter((d) => d.split === split);
      // scans: the opening of two briefings and two articles, every page an image
      for (const o of [
        ...part.filter((d) => !d.name.startsWith('polnear/')).slice(0, 2),
        ...part.filter((d) => d.name.startsWith('polnear/')).slice(0, 2),
      ]) {
        const short = opening(o, 14);
        const s = performance.now();
        const read = await readBack(
          'pdf',
          `${o.name}.scan.pdf`,
          await imageOnly(await printPdf(browser, short)),
        );
        scans.readMs += performance.now() - s;
        compare(short, read, scans);
      }
      for (const o of part) {
        const bytes = await printPdf(browser, o);
        const s = performance.now();
        const read = await readBack('pdf', `${o.name}.pdf`, bytes);
        pdf.readMs += performance.now() - s;
        compare(o, read, pdf);
        compare(o, await readBack('docx', `${o.name}.docx`, docx(o)), word);
        compare(o, await readBack('eml', `${o.name}.eml`, eml(o)), mail);
      }
      rowsOf('PDF (Chromium print)', split, pdf, rows, true);
      rowsOf('DOCX', split, word, rows, false);
      rowsOf('E-mail (.eml)', split, mail, rows, false);
      rowsOf('scans (image-only PDF, OCR)', split, scans, rows, true, { recall: '0.90', noise: '0.08' });
    }
  } finally {
    await browser.close();
  }
}
