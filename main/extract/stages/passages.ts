/**
 * Stage "passages": segments become passages (trimmed, tagged with topics, numbered, placed
 * on their pages), and the document is described: its topics are those that dominate it.
 */
import type { DocumentMeta, ExtractedDocument, Passage } from '../../common/contract';
import type { Prepared } from '../options';
import { pageRuns, placePassages } from '../pages';
import { rank } from '../topics';
import type { Attributed } from './attribution';
import { trimSpan } from './segments';

const MAX_PEOPLE = 40;

export function buildPassages(input: Attributed, prepared: Prepared): ExtractedDocument {
  const { raw, paras, starts, text, title, author, date, dateSource, segments } = input;
  const passages: Passage[] = [];
  const docTopics = new Map<string, number>();
  const metaTopics = raw.topics;
  for (const segment of segments) {
    const [start, end] = trimSpan(text, segment.start, segment.end);
    if (end <= start) continue;
    const slice = text.slice(start, end);
    if (!/[\p{L}\p{N}]/u.test(slice)) continue;
    const counts = prepared.tagger.count(slice);
    for (const [t, n] of counts) docTopics.set(t, (docTopics.get(t) ?? 0) + n);
    // a passage is tagged by its own words; one that names no topic takes the document's
    // metadata topics, so that a topic filter still finds the whole of a tagged document
    const own = rank(counts, 1, 4);
    const topics = own.length > 0 ? own : [...metaTopics];
    passages.push({
      id: '',
      kind: segment.kind,
      speaker: segment.speaker,
      text: slice,
      start,
      end,
      topics,
      date,
    });
  }

  passages.sort((a, b) => a.start - b.start);
  passages.forEach((ps, n) => (ps.id = `${raw.id}:${n}`));
  const pages = pageRuns(
    paras.map((p, i) => ({ start: starts[i] as number, para: raw.paragraphs[p.source] })),
  );
  placePassages(passages, pages);

  // a document is about the topics that dominate it: at least REL of the strongest one
  const strongest = Math.max(0, ...docTopics.values());
  const keywordTopics = rank(
    docTopics,
    Math.max(2, Math.ceil(passages.length / 20), Math.ceil(strongest * 0.5)),
    3,
  );
  // persons named in the text, for the corpus names pass
  const people = input.ctx.people(MAX_PEOPLE);
  const document: DocumentMeta = {
    id: raw.id,
    path: raw.path,
    title,
    author: author ?? null,
    source: raw.source,
    url: raw.url,
    date,
    dateSource,
    topics: [...new Set([...metaTopics, ...keywordTopics])],
    ...(pages ? { pages } : {}),
    ...(raw.attachedTo ? { attachedTo: raw.attachedTo } : {}),
    ...(people.length > 0 ? { people } : {}),
  };
  return { document, text, passages };
}
