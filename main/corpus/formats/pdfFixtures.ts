/**
 * Small PDFs made in tests (pdf-lib, standard fonts): pages of lines, with an optional
 * running header and "Page N of M" footer, and an optional title in the document info.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface FixturePage {
  /** Lines from the top; '' leaves a blank line (a paragraph break). */
  lines: string[];
}

export interface FixtureOptions {
  title?: string;
  header?: string;
  pageFooter?: boolean;
  /** Adds this many more pages with one line each (a long document). */
  extraPages?: number;
}

export async function makePdf(pages: FixturePage[], options: FixtureOptions = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (options.title) pdf.setTitle(options.title);
  pdf.setCreationDate(new Date(Date.UTC(2019, 4, 6)));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const all = [...pages, ...Array.from({ length: options.extraPages ?? 0 }, (_, i) => ({ lines: [`Filler page ${i + 1}.`] }))];
  all.forEach((content, i) => {
    const page = pdf.addPage([612, 792]);
    if (options.header) page.drawText(options.header, { x: 60, y: 760, size: 8, font });
    if (options.pageFooter) page.drawText(`Page ${i + 1} of ${all.length}`, { x: 500, y: 30, size: 8, font });
    let y = 700;
    for (const line of content.lines) {
      if (line) page.drawText(line, { x: 60, y, size: 11, font });
      y -= 15;
    }
  });
  return pdf.save();
}

/**
 * A PDF whose first page keeps its text layer and whose other pages are pictures of the
 * given pages (as a scanner makes them): drawn by PDF.js, embedded as PNG images.
 */
export async function makeScan(textPage: FixturePage, scannedPages: FixturePage[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  const font = await out.embedFont(StandardFonts.Helvetica);
  const first = out.addPage([612, 792]);
  let y = 700;
  for (const line of textPage.lines) {
    if (line) first.drawText(line, { x: 60, y, size: 11, font });
    y -= 15;
  }
  await addPicturesOf(out, await makePdf(scannedPages));
  return out.save();
}

/** A PDF of pictures of every page of `pdf`: no text layer left, as a scanner makes it. */
export async function imageOnly(pdf: Uint8Array): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  await addPicturesOf(out, pdf);
  return out.save();
}

async function addPicturesOf(out: PDFDocument, pdf: Uint8Array): Promise<void> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const source = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  for (let n = 1; n <= source.numPages; n++) {
    const page = await source.getPage(n);
    const viewport = page.getViewport({ scale: 2 });
    const canvas = createCanvas(viewport.width, viewport.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, viewport.width, viewport.height);
    await page.render({ canvas, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
    const image = await out.embedPng(canvas.toBuffer('image/png'));
    const [w, h] = [viewport.width / 2, viewport.height / 2];
    out.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  }
  await source.destroy();
}

/**
 * `pdf` locked with a user password (the standard security handler, RC4 40-bit): an update
 * appended to the file names an encryption dictionary whose password check no empty password
 * passes, as a reader finds it in a PDF it cannot open without the password.
 */
export async function passwordLocked(pdf: Uint8Array): Promise<Uint8Array> {
  const plain = Buffer.from(await (await PDFDocument.load(pdf)).save({ useObjectStreams: false }));
  const text = plain.toString('latin1');
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1];
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size (\d+)/.exec(trailer)?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)?.[1];
  if (!prev || !root || !Number.isFinite(size)) throw new Error('pdfFixtures: no classic trailer to update');
  const hex = (byte: number) => byte.toString(16).padStart(2, '0').repeat(32);
  const objectAt = plain.length + 1;
  const object = `\n${size} 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <${hex(0x4f)}> /U <${hex(0x55)}> /P -44 >>\nendobj\n`;
  const xrefAt = plain.length + object.length;
  const update =
    `${object}xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} /Encrypt ${size} 0 R /ID [<${hex(0x11).slice(0, 32)}> <${hex(0x11).slice(0, 32)}>] >>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([plain, Buffer.from(update, 'latin1')]));
}
