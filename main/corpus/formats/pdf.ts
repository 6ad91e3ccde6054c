/**
 * PDF: the text layer of every page through PDF.js (pdfjs-dist, its Node build), laid out
 * into paragraphs by the pure page layout in main/extract/readers. Pages with no text layer
 * are handed to OCR when an OCR reader is given. Encrypted and broken files, and files over
 * the page or time budget, say so.
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageItem, PageText } from '../../extract/readers/pageLayout';
import type { ReadBudget } from './budget';
import { FormatReadError, overBudget } from './budget';

export interface PdfInfo {
  title: string | null;
  author: string | null;
  /** Milliseconds since the epoch, from CreationDate (else ModDate). */
  createdMs: number | null;
}

export interface PdfText {
  info: PdfInfo;
  pageCount: number;
  pages: PageText[];
  /** Pages (1-based) that have no text layer: scans, for OCR. */
  imageOnlyPages: number[];
  /** Set when not every page was read. */
  partial: string | null;
}

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;
/** PDF.js is an ES module: loaded once, on the first PDF. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

function infoString(info: Record<string, unknown>, key: string): string | null {
  const v = info[key];
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : null;
}

/** A title a producer wrote for the file, not for the document, is no title. */
function usefulTitle(title: string | null): string | null {
  if (!title) return null;
  if (/^(?:untitled|document\d*|microsoft (?:word|powerpoint) - .*|about:blank)$/i.test(title)) return null;
  if (/\.(?:docx?|odt|rtf|pdf|txt|md|html?)$/i.test(title) || /^(?:https?|file):\/\//i.test(title)) return null;
  return title;
}

/** "D:20180506195924Z00'00'" → epoch milliseconds. */
export function pdfDateMs(value: string | null): number | null {
  const m = value ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?/.exec(value) : null;
  if (!m) return null;
  const n = (i: number, d: number) => (m[i] ? Number(m[i]) : d);
  const ms = Date.UTC(n(1, 1970), n(2, 1) - 1, n(3, 1), n(4, 0), n(5, 0), n(6, 0));
  return Number.isFinite(ms) && n(1, 0) >= 1980 ? ms : null;
}

function reasonOf(e: unknown): string {
  const name = (e as { name?: string }).name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return 'encrypted PDF (it needs a password)';
  if (name === 'InvalidPDFException') return `broken PDF (${message})`;
  return `cannot read PDF: ${message}`;
}

/** Reads every page's text items, within the budget. Throws FormatReadError with a reason. */
export async function readPdfText(bytes: Uint8Array, budget: ReadBudget): Promise<PdfText> {
  const { getDocument } = await loadPdfJs();
  // PDF.js takes ownership of the buffer it is given: hand it a copy
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const doc = await overBudget(task.promise, budget, 'opening the PDF').catch((e: unknown) => {
      throw e instanceof FormatReadError ? e : new FormatReadError(reasonOf(e));
    });
    const meta = await doc.getMetadata().catch(() => null);
    const raw = (meta?.info ?? {}) as Record<string, unknown>;
    const info: PdfInfo = {
      title: usefulTitle(infoString(raw, 'Title')),
      author: infoString(raw, 'Author'),
      createdMs: pdfDateMs(infoString(raw, 'CreationDate')) ?? pdfDateMs(infoString(raw, 'ModDate')),
    };
    const pages: PageText[] = [];
    const imageOnlyPages: number[] = [];
    let partial: string | null = null;
    const last = Math.min(doc.numPages, budget.maxPages);
    for (let n = 1; n <= last; n++) {
      if (Date.now() > budget.deadline) {
        partial = `time budget of ${Math.round(budget.timeMs / 1000)} s used up after ${n - 1} of ${doc.numPages} pages`;
        break;
      }
      const page = await overBudget(doc.getPage(n), budget, `page ${n}`);
      const content = await overBudget(page.getTextContent(), budget, `page ${n}`);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const items: PageItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.length === 0) continue;
        const [a, b, , , e, f] = item.transform as number[];
        items.push({
          text: item.str,
          x: (e as number) - x0,
          y: (f as number) - y0,
          width: item.width,
          size: Math.hypot(a as number, b as number) || item.height,
        });
      }
      page.cleanup();
      if (!items.some((it) => /[\p{L}\p{N}]/u.test(it.text))) imageOnlyPages.push(n);
      pages.push({ page: n, width: x1 - x0, height: y1 - y0, items });
    }
    if (!partial && last < doc.numPages) partial = `only the first ${last} of ${doc.numPages} pages read (page limit)`;
    return { info, pageCount: doc.numPages, pages, imageOnlyPages, partial };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
