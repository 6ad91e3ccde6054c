/**
 * `npx tsx bench/formats/run.ts [--corpora DIR]`: pages per second for PDFs with a text layer
 * (PDF.js text and Dictum's layout, CPU time of this one thread) and for scanned pages (PDF.js
 * drawing plus tesseract.js OCR, wall time: OCR runs in its own worker thread). The PDFs are
 * White House briefings printed by Chromium; the scans are their first pages as images.
 * Writes bench/formats/RESULTS.md. A benchmark, not a test: figures depend on the machine.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright';
import { newBudget } from '../../main/corpus/formats/budget';
import { ocrPdfPages } from '../../main/corpus/formats/ocr';
import { readPdfText } from '../../main/corpus/formats/pdf';
import { makeScan } from '../../main/corpus/formats/pdfFixtures';
import { layoutPages } from '../../main/extract/readers/pageLayout';
import { originals, printPdf } from '../eval/formats';

function corporaDir(): string {
  const i = process.argv.indexOf('--corpora');
  return resolve(
    i >= 0 ? (process.argv[i + 1] ?? '') : join(__dirname, '..', '..', '..', 'shared', 'corpora'),
  );
}

async function main(): Promise<void> {
  const docs = originals(corporaDir()).filter((o) => o.split === 'train' && !o.name.startsWith('polnear/'));
  const browser = await chromium.launch({
    executablePath: process.env.DICTUM_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const pdfs: Uint8Array[] = [];
  try {
    for (const o of docs) pdfs.push(await printPdf(browser, o));
  } finally {
    await browser.close();
  }
  await readPdfText(pdfs[0]!, newBudget()); // loads PDF.js once, outside the measure
  let pages = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (const pdf of pdfs) {
    const read = await readPdfText(pdf, newBudget());
    layoutPages(read.pages);
    pages += read.pages.length;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const wallS = (performance.now() - wall0) / 1000;
  const text = `${pages} pages of ${pdfs.length} PDFs: ${(pages / cpuS).toFixed(0)} pages/s of CPU (${(pages / wallS).toFixed(0)} pages/s wall)`;
  console.log(`text PDFs: ${text}`);

  const scanPages = 3;
  const scanned = await makeScan(
    { lines: ['Typed cover page.'] },
    docs
      .slice(0, scanPages)
      .map((o) => ({ lines: o.paragraphs.slice(0, 40).flatMap((p) => p.match(/.{1,90}(\s|$)/g) ?? []) })),
  );
  const ocrWall0 = performance.now();
  const ocr = await ocrPdfPages(scanned, [2, 3, 4].slice(0, scanPages), newBudget());
  const ocrS = (performance.now() - ocrWall0) / 1000;
  const ocrLine = `${ocr.pages.length} scanned pages: ${(ocrS / ocr.pages.length).toFixed(1)} s a page wall, worker start included (${(ocr.pages.length / ocrS).toFixed(2)} pages/s)`;
  console.log(`OCR: ${ocrLine}`);
  writeFileSync(
    join(__dirname, 'RESULTS.md'),
    `# Format readers: speed (latest run)\n\nWritten by \`npx tsx bench/formats/run.ts\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, on a shared two-core machine.\n\n` +
      `- PDFs with a text layer (Chromium prints of White House briefings): ${text}.\n- OCR (tesseract.js, English, 144 dpi): ${ocrLine}.\n`,
  );
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
