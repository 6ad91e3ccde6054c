/**
 * OCR of PDF pages that have no text layer (scans): each page is drawn by PDF.js on a canvas
 * (@napi-rs/canvas, prebuilt in its npm package) and read by tesseract.js in its own worker
 * thread. The English data comes from the @tesseract.js-data/eng package on disk: nothing is
 * fetched at run time and nothing is cached to disk.
 */
import { dirname, join } from 'node:path';
import type { PageItem, PageText } from '../../extract/readers/pageLayout';
import type { ReadBudget } from './budget';
import { loadPdfJs } from './pdf';

/** Pixels per PDF point when a page is drawn for OCR (144 dpi). */
const SCALE = 2;

export interface OcrResult {
  pages: PageText[];
  /** Set when not every page was read (the time budget). */
  partial: string | null;
}

/** Called after each page: pages done and pages to do. */
export type OcrProgress = (done: number, total: number) => void;

function englishData(): string {
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

interface OcrLine {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/** OCR lines to page items in PDF points (y up from the bottom); one size for ordinary lines. */
function itemsOf(lines: OcrLine[], heightPx: number): PageItem[] {
  const heights = lines.map((l) => l.bbox.y1 - l.bbox.y0).sort((a, b) => a - b);
  const common = heights[Math.floor(heights.length / 2)] ?? 12;
  return lines.flatMap((l) => {
    const text = l.text.replace(/\s+/g, ' ').trim();
    if (!text) return [];
    const h = l.bbox.y1 - l.bbox.y0;
    // ascenders and descenders make line boxes differ a little; only a clearly larger line is a heading
    const size = (h > common * 1.4 ? h : common) / SCALE;
    return [{ text, x: l.bbox.x0 / SCALE, y: (heightPx - l.bbox.y1) / SCALE, width: (l.bbox.x1 - l.bbox.x0) / SCALE, size }];
  });
}

/** Reads the given pages (1-based) of a PDF by OCR, within the budget. */
export async function ocrPdfPages(
  bytes: Uint8Array,
  pageNumbers: readonly number[],
  budget: ReadBudget,
  onProgress?: OcrProgress,
): Promise<OcrResult> {
  const { getDocument } = await loadPdfJs();
  const { createWorker, OEM } = await import('tesseract.js');
  // loaded when a scan is met: the canvas library holds about 24 MB that reading text never needs
  const { createCanvas } = await import('@napi-rs/canvas');
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 });
  const worker = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: englishData(),
    gzip: true,
    cacheMethod: 'none',
  });
  const pages: PageText[] = [];
  let partial: string | null = null;
  try {
    const doc = await task.promise;
    for (const [i, n] of pageNumbers.entries()) {
      if (Date.now() > budget.deadline) {
        partial = `time budget of ${Math.round(budget.timeMs / 1000)} s used up after OCR of ${i} of ${pageNumbers.length} scanned pages`;
        break;
      }
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: SCALE });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      // PDF.js types its canvas as the DOM's; in Node it draws on any canvas with that interface
      const params = { canvas, viewport } as unknown as Parameters<typeof page.render>[0];
      await page.render(params).promise;
      page.cleanup();
      const png = canvas.toBuffer('image/png');
      const { data } = await worker.recognize(png, {}, { blocks: true });
      const lines = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines)) as OcrLine[];
      pages.push({
        page: n,
        width: viewport.width / SCALE,
        height: viewport.height / SCALE,
        items: itemsOf(lines, canvas.height),
        ocrConfidence: Math.round(data.confidence) / 100,
      });
      onProgress?.(i + 1, pageNumbers.length);
    }
  } finally {
    await worker.terminate().catch(() => undefined);
    await task.destroy().catch(() => undefined);
  }
  return { pages, partial };
}
