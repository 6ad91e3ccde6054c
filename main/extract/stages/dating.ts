/**
 * Stage "dates": the document's date, from its metadata or file name, else a dateline in its
 * opening, else the file's time (marked as such).
 */
import type { DateSource } from '../../common/contract';
import { dateFromMtime, dateFromPath, dateFromText } from '../dates';
import type { Paragraphs } from './paragraphs';

export interface Dated extends Paragraphs {
  date: string | null;
  dateSource: DateSource | null;
}

export function dateDocument(input: Paragraphs): Dated {
  const { raw, paras } = input;
  // a date in the file name ("2021-12-08-remarks.md", "nyt_2016-03-01_slug.txt") is metadata too
  let date = raw.date ?? dateFromPath(raw.path);
  let dateSource: DateSource | null = date ? 'metadata' : null;
  const textDate = (referenceMs: number): string | null => {
    const body = paras.filter((p) => p.role === 'body');
    // a given title often carries the date ("Press Briefing ..., December 1, 2021"); an
    // inferred one is the body's first sentence and adds nothing
    // datelines sit at the top: the title, short lines like "(June 14, 2021)", and the start
    // of the first paragraph ("WASHINGTON, Feb 26 -", "In a video call on December 15, ...")
    const top = body.slice(0, 6);
    const firstLong = top.find((p) => p.text.length > 100);
    const opening = [
      ...(raw.title ? [raw.title] : []),
      ...top.filter((p) => p.text.length <= 100).map((p) => p.text),
      ...(firstLong ? [firstLong.text.slice(0, 200)] : []),
    ].join('\n');
    const context = body
      .slice(0, 200)
      .map((p) => p.text)
      .join('\n');
    return dateFromText(opening, context, referenceMs);
  };
  if (!date) {
    date = textDate(raw.mtimeMs);
    if (date) dateSource = 'text';
    else {
      date = dateFromMtime(raw.mtimeMs);
      if (date) dateSource = 'file';
    }
  } else if (date.length < 10) {
    // Metadata that knows only the month or year is made precise by a dateline inside it
    // ("In a video call on December 15" in an article dated 2021-12), never overruled.
    // The metadata's own year and month anchor a dateline that names no year.
    const [year, month] = date.split('-').map(Number);
    const refined = textDate(Date.UTC(year ?? 1970, month ? month - 1 : 11, 28));
    if (refined && refined.length > date.length && refined.startsWith(date)) {
      date = refined;
      dateSource = 'text';
    }
  }

  return { ...input, date, dateSource };
}
