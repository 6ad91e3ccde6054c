/**
 * The readers of binary formats, chosen by format: bytes in, documents for the reading
 * stages out, within a budget of time, pages and inflated bytes.
 */
import { formatOf, isBinaryFormat, type BinaryFormat, type RawDoc } from '../../extract/extractDocuments';
import { layoutPages, type DroppedText } from '../../extract/readers/pageLayout';
import { pagedRawDoc } from '../../extract/readers/pagedDocument';
import { FormatReadError, type ReadBudget } from './budget';
import { ocrPdfPages } from './ocr';
import { readPdfText } from './pdf';
import { readZipParts } from './zip';
import { readEmail } from './email';
import { docxParagraphs, odtParagraphs, officeProperties, officeRawDoc } from '../../extract/readers/officeXml';

export interface BinaryRead {
  raws: RawDoc[];
  warnings: string[];
  /** Characters left out on purpose, by reason (running headers, page numbers, …). */
  dropped: Partial<DroppedText>;
}

async function readPdf(path: string, bytes: Uint8Array, mtimeMs: number, budget: ReadBudget): Promise<BinaryRead> {
  const pdf = await readPdfText(bytes, budget);
  const warnings: string[] = [];
  if (pdf.partial) warnings.push(`partly read: ${pdf.partial}`);
  let pages = pdf.pages;
  // only pages without a text layer are OCR'd: a PDF with text is never read twice
  const scanned = pdf.imageOnlyPages.slice(0, budget.maxOcrPages);
  if (pdf.imageOnlyPages.length > scanned.length) {
    warnings.push(`${pdf.imageOnlyPages.length - scanned.length} scanned page(s) over the OCR limit of ${budget.maxOcrPages} not read`);
  }
  if (scanned.length > 0) {
    const ocrBudget = { ...budget, deadline: Date.now() + budget.ocrTimeMs, timeMs: budget.ocrTimeMs };
    const ocr = await ocrPdfPages(bytes, scanned, ocrBudget, budget.onOcrPage);
    if (ocr.partial) warnings.push(`partly read: ${ocr.partial}`);
    const byNumber = new Map(ocr.pages.map((p) => [p.page, p]));
    pages = pages.map((p) => byNumber.get(p.page) ?? p);
  }
  const layout = layoutPages(pages);
  if (layout.paragraphs.length === 0) {
    throw new FormatReadError(pdf.imageOnlyPages.length > 0 ? 'PDF has no text layer, and OCR found no text' : 'PDF has no text');
  }
  // the PDF's creation date is when the file was made, like a file's time: a fallback only
  const raw = pagedRawDoc(path, pdf.info.createdMs ?? mtimeMs, layout, pdf.info);
  return { raws: [raw], warnings, dropped: layout.dropped };
}

function readOffice(format: 'docx' | 'odt', path: string, bytes: Uint8Array, mtimeMs: number, budget: ReadBudget): BinaryRead {
  const [body, props] = format === 'docx' ? ['word/document.xml', 'docProps/core.xml'] : ['content.xml', 'meta.xml'];
  const parts = readZipParts(bytes, [body, props], budget);
  const xml = parts.get(body);
  if (xml === undefined) throw new FormatReadError(`not a ${format.toUpperCase()} file (no ${body} inside)`);
  const paragraphs = format === 'docx' ? docxParagraphs(xml) : odtParagraphs(xml);
  if (paragraphs.length === 0) throw new FormatReadError('no text');
  const properties = officeProperties(parts.get(props));
  // like a PDF's, the creation date is when the file was made: a fallback for the date only
  const raw = officeRawDoc(path, properties.createdMs ?? mtimeMs, paragraphs, properties);
  return { raws: [raw], warnings: [], dropped: {} };
}

/** Reads a file of a binary format. Throws FormatReadError with the reason it cannot. */
export function readBinary(
  format: BinaryFormat,
  path: string,
  bytes: Uint8Array,
  mtimeMs: number,
  budget: ReadBudget,
): Promise<BinaryRead> {
  switch (format) {
    case 'pdf':
      return readPdf(path, bytes, mtimeMs, budget);
    case 'docx':
    case 'odt':
      return Promise.resolve().then(() => readOffice(format, path, bytes, mtimeMs, budget));
    case 'eml':
    case 'mbox':
      return readEmail(format, path, bytes, mtimeMs, budget, async (attachedPath, attached) => {
        const inner = formatOf(attachedPath);
        return inner && isBinaryFormat(inner) && inner !== 'eml' && inner !== 'mbox'
          ? (await readBinary(inner, attachedPath, attached, mtimeMs, budget)).raws
          : [];
      }).then((r) => ({ ...r, dropped: {} }));
  }
}
