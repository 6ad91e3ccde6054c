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
