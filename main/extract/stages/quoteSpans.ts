/**
 * Stage "quotes": the quoted spans of the paragraphs outside turns, each in a quote group (a
 * quote continued over paragraphs shares one group).
 */
import type { CleanPara } from '../cleanup';
import { findQuotes, type QuoteSpan } from '../quotes';
import type { Turns } from './turns';

export interface Quoted extends Turns {
  spans: QuoteSpan[];
  /** The spans of each paragraph left to the quote stages (by its position in newsIdx). */
  byPara: Map<number, QuoteSpan[]>;
  /** How many spans each quote group has. */
  groupSize: Map<number, number>;
}

export function findQuoteSpans(input: Turns): Quoted {
  const { paras, newsIdx } = input;
  const quoteParas = newsIdx.map((i) => (paras[i] as CleanPara).text);
  const spans = findQuotes(quoteParas);
  const byPara = new Map<number, QuoteSpan[]>();
  const groupSize = new Map<number, number>();
  for (const s of spans) {
    groupSize.set(s.group, (groupSize.get(s.group) ?? 0) + 1);
    const list = byPara.get(s.para) ?? [];
    list.push(s);
    byPara.set(s.para, list);
  }
  return { ...input, spans, byPara, groupSize };
}
