/**
 * From a read document (metadata + paragraphs) to Dictum's ExtractedDocument: clean text,
 * passages (quotes, transcript turns, narrative), canonical speakers, topics and a date.
 */
import type { DateSource, DocumentMeta, ExtractedDocument, Passage, PassageKind } from '../common/contract';
import { cleanupNews, inferTitle, type CleanPara } from './cleanup';
import { boundedPieces, MAX_PARAGRAPH_CHARS } from './passageBound';
import { dateFromMtime, dateFromPath, dateFromText } from './dates';
import type { Prepared } from './options';
import { attributeQuote, findQuotes, wordCount, type Attribution, type QuoteSpan } from './quotes';
import { isGenericLabel, isPronoun, isTitleWord, ORG_WORDS, SpeakerContext, stripTitles } from './speakers';
import { rank } from './topics';
import { pageRuns, placePassages } from './pages';

export interface RawPara {
  text: string;
  /** Speaker label given by the source (JSON paragraphs); undefined when not given. */
  speaker?: string | null;
  /** 1-based page the paragraph starts on, in a paged format (PDF). */
  page?: number;
  /** OCR's confidence (0–1) when the paragraph was read from a scan. */
  ocrConfidence?: number;
}

export interface RawDoc {
  id: string;
  path: string;
  title: string | null;
  author: string | null;
  source: string | null;
  url: string | null;
  /** Normalised metadata date. */
  date: string | null;
  topics: string[];
  /** A speaker for the whole document (a speech): every paragraph is their turn. */
  speaker: string | null;
  paragraphs: RawPara[];
  /** Apply the scraped-news cleanup (plain text without structure). */
  news: boolean;
  /** Paragraph speakers come from the source (do not look for labels). */
  explicitSpeakers: boolean;
  mtimeMs: number;
}

/** Labels that look like speakers but are not ("NOTE:", "Photo:"). */
const NOT_LABELS = new Set(
  (
    'note|notes|photo|photos|source|sources|update|updated|correction|related|read|watch|video|caption|credit|' +
    'credits|tags|topics|subject|date|title|from|to|sent|summary|background|transcript|location|time|place|' +
    "editor|editors|editor’s note|editor's note|warning|disclaimer|reporting|writing|editing|ps|p.s|cc|re|" +
    'important|breaking|exclusive|live|opinion|analysis|update|contact|email|phone|fax|web|website|url|http|https|' +
    'example|q&a|faq|step|tip|bonus|agenda|attendees|present|absent|location|venue|via teleconference'
  ).split('|'),
);

const UPPER_LABEL =
  /^[ \t]*((?:[A-Z][A-Z.'’-]*[ \t]+){0,6}[A-Z][A-Z.'’-]*[A-Z.](?:[ \t]+\([^)\n]{1,60}\))?)[ \t]*:[ \t]*/;
const Q_LABEL = /^[ \t]*(Q)(?:[ \t]*:[ \t]*|\.[ \t]+|[ \t]+)(?=\S)/;
const MIXED_LABEL =
  /^[ \t]*((?:\p{Lu}[\p{L}.'’-]*[ \t]+(?:(?:of|the|de|von|van|al|bin)[ \t]+){0,2}){0,6}\p{Lu}[\p{L}.'’-]*)(?:[ \t]+\([\p{Ll} ]{1,30}\))?[ \t]*:[ \t]+(?=\S)/u;

/** A label that ends in a name: "President of Russia Vladimir Putin", "CEO of Shell Ben van Beurden". */
const NAME_AT_END =
  /\p{Lu}[\p{L}'’-]+(?: (?:van|von|de|der|den|da|di|du|le|la|al|bin|ibn|el))* \p{Lu}[\p{L}'’-]+$/u;

interface Label {
  label: string;
  /** Length of the label including colon and spaces. */
  length: number;
}

function labelOf(text: string, allowMixed: boolean): Label | null {
  const q = Q_LABEL.exec(text);
  if (q) return { label: 'Q', length: q[0].length };
  const u = UPPER_LABEL.exec(text);
  if (u && u[1] && /[A-Z]{2}/.test(u[1]) && !NOT_LABELS.has(u[1].toLowerCase())) {
    return { label: u[1].replace(/\s+/g, ' ').trim(), length: u[0].length };
  }
  if (allowMixed) {
    const m = MIXED_LABEL.exec(text);
    if (m && m[1] && !NOT_LABELS.has(m[1].toLowerCase()) && m[1].length <= 60) {
      return { label: m[1].replace(/\s+/g, ' ').trim(), length: m[0].length };
    }
  }
  return null;
}

/** Leading capitalised words that start sentences, not names. */
const STARTERS = new Set(
  (
    'the a an but and or so in on at as when while after before if then this that these those however ' +
    'meanwhile still yet also now today yesterday tomorrow it he she they we i his her their our my its both ' +
    'for from with without since although though because under over during last next earlier later finally ' +
    'instead indeed asked speaking according while where what why how who whom whose there here all some ' +
    'many most more one two three several no not even only just until unlike like despite given ' +
    'by to into of about among between against thus hence moreover furthermore besides otherwise ' +
    'yes well oh sure thanks thank please mr. ms. mrs. dr.'
  ).split(' '),
);

function stripStarters(phrase: string): string {
  const words = phrase.split(/\s+/);
  let i = 0;
  while (i < words.length && STARTERS.has((words[i] as string).toLowerCase().replace(/,$/, ''))) i++;
  return words.slice(i).join(' ');
}

const NAME_RUN =
  /(?:\p{Lu}\.|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Rev|Sgt|Prof|Amb|Adm)\.|\p{Lu}[\p{L}’'-]*)(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?(?:\p{Lu}\.|\p{Lu}[\p{L}’'-]*))*/gu;

interface Mention {
  at: number;
  name: string;
}

/** Persons named in a stretch of text, in order, for pronoun resolution. */
function personMentions(text: string, ctx: SpeakerContext, from: number, to: number): Mention[] {
  const out: Mention[] = [];
  NAME_RUN.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = NAME_RUN.exec(text)) !== null && m.index < to) {
    const name = personName(m[0], ctx);
    if (name) out.push({ at: m.index, name });
  }
  return out;
}

/** The canonical person a capitalised run names, or null when it is not clearly a person. */
function personName(run: string, ctx: SpeakerContext): string | null {
  const phrase = stripStarters(run.replace(/[’']s$/, ''));
  if (phrase.length === 0) return null;
  const { name } = stripTitles(phrase);
  if (name.length === 0 || name.some((w) => ORG_WORDS.has(w.toLowerCase()) || /-\p{Ll}/u.test(w)))
    return null;
  const resolved = ctx.resolve(phrase);
  if (!resolved) return null;
  return resolved.includes(' ') || name.length >= 2 ? resolved : null;
}

/** Paragraphs longer than the bound, cut at sentences; the pieces read on as one paragraph. */
function boundParagraphs(paras: CleanPara[]): CleanPara[] {
  if (paras.every((p) => p.text.length <= MAX_PARAGRAPH_CHARS)) return paras;
  const out: CleanPara[] = [];
  for (const p of paras) {
    if (p.text.length <= MAX_PARAGRAPH_CHARS) {
      out.push(p);
      continue;
    }
    boundedPieces(p.text).forEach(([start, end], n) => {
      out.push({ ...p, text: p.text.slice(start, end), ...(n > 0 ? { joinsPrevious: true } : {}) });
    });
  }
  return out;
}

export interface BuildResult {
  document: ExtractedDocument;
}

/** Builds the extracted document. Never throws on odd text. */
export function buildDocument(raw: RawDoc, prepared: Prepared): ExtractedDocument {
  // 1. cleanup
  let paras: CleanPara[];
  let author = raw.author;
  if (raw.news) {
    const cleaned = cleanupNews(raw.paragraphs.map((p) => p.text));
    paras = cleaned.paragraphs;
    author ??= cleaned.author;
  } else {
    paras = [];
    raw.paragraphs.forEach((p, i) => {
      const text = p.text.trim();
      if (text.length > 0) paras.push({ text, role: 'body', source: i });
    });
  }

  paras = boundParagraphs(paras);

  const title =
    raw.title && raw.title.trim().length > 0
      ? raw.title.replace(/\s+/g, ' ').trim()
      : inferTitle(paras, raw.path.split('/').pop() ?? raw.path);

  // 2. clean text and paragraph offsets
  const starts: number[] = [];
  let text = '';
  for (const p of paras) {
    if (text.length > 0) text += p.joinsPrevious ? ' ' : '\n\n';
    starts.push(text.length);
    text += p.text;
  }

  // 3. date
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

  // 4. speakers known in this document
  // from what the document says, never from where it is filed
  const whiteHouse =
    /whitehouse\b/i.test(`${raw.url ?? ''} ${raw.source ?? ''}`) ||
    /\bWhite House\b/.test(`${title}\n${text.slice(0, 5000)}`);
  const ctx = new SpeakerContext(prepared.aliases, date, whiteHouse);
  // titles are in title case ("Remarks by President Biden Laying Out ..."): names are learned
  // from the body, where capitals mean names; the title only binds offices (below)
  const introEnd = Math.min(text.length, 200_000);
  NAME_RUN.lastIndex = 0;
  for (const m of text.slice(0, introEnd).matchAll(NAME_RUN)) {
    if (!m[0].includes(' ')) continue;
    let run = stripStarters(m[0]);
    // after "for"/"of" the first capitalised word names a field or place: "Envoy for Climate John Kerry"
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (/\b(?:for|of) $/.test(before) && run.split(' ').length === 3) run = run.split(' ').slice(1).join(' ');
    ctx.learn(run);
  }
  // a title names people with their office ("Press Briefing by Press Secretary Jen Psaki"):
  // a run that starts with a title word gives the full name that the labels ("MS. PSAKI:") shorten
  // (title case runs on: "Vice President Harris During Tour of ..." is no name)
  for (const m of title.matchAll(NAME_RUN)) {
    const words = m[0].split(/\s+/);
    const { role, name } = stripTitles(m[0]);
    const titled = role.some((w) => isTitleWord(w) && !/^(?:of|the)$/i.test(w));
    if (words.length <= 6 && titled && name.length >= 2) ctx.learn(m[0]);
  }
  const officeInTitle =
    /\b(Vice President|President|First Lady|Second Gentleman)\s+((?:\p{Lu}[\p{L}’'-]+\s*){1,3})/u.exec(title);
  if (officeInTitle) {
    const office = (
      {
        'Vice President': 'vice-president',
        President: 'president',
        'First Lady': 'first-lady',
        'Second Gentleman': 'second-gentleman',
      } as const
    )[officeInTitle[1] as 'President'];
    ctx.learnOffice(office, (officeInTitle[2] as string).trim().split(/\s+/));
  }

  // 5. transcript turns
  const labels: Array<Label | null> = new Array<Label | null>(paras.length).fill(null);
  const turnSpeakers: Array<string | null> = new Array<string | null>(paras.length).fill(null);
  let isTranscript = false;
  if (raw.explicitSpeakers) {
    let current: string | null = null;
    let detectedRun = false;
    paras.forEach((p, i) => {
      const given = raw.paragraphs[p.source]?.speaker;
      if (given !== undefined && given !== null && given.trim().length > 0) {
        const resolved = ctx.resolve(given, true);
        current = resolved;
        isTranscript = true;
        // the label often stays at the start of the text ("Vladimir Putin: ...")
        const g = given.trim();
        if (p.text.startsWith(g)) {
          const m = /^\s*:\s*/.exec(p.text.slice(g.length));
          if (m) labels[i] = { label: given, length: g.length + m[0].length };
        }
      } else if (given === null || given === undefined) {
        // the source found no label here; a "Name Surname (retranslated):" label it missed
        // starts a turn, and unlabelled paragraphs after it continue that turn
        const l = labelOf(p.text, true);
        if (l && /\s/.test(l.label)) {
          current = ctx.resolve(l.label.replace(/\s*\([^)]*\)$/, ''), true) ?? l.label;
          labels[i] = l;
          detectedRun = true;
        } else if (!detectedRun) current = null;
      }
      if (given !== null && given !== undefined) detectedRun = false;
      turnSpeakers[i] = current;
    });
  } else if (raw.speaker) {
    const who = ctx.resolve(raw.speaker, true) ?? raw.speaker;
    paras.forEach((p, i) => {
      if (p.role === 'body') turnSpeakers[i] = who;
    });
    isTranscript = true;
  } else {
    const upper = paras.map((p) => labelOf(p.text, false));
    const upperCount = upper.filter((l) => l !== null).length;
    let found = upper;
    if (upperCount < 2) {
      const mixed = paras.map((p) => labelOf(p.text, true));
      const counts = new Map<string, number>();
      for (const l of mixed) if (l) counts.set(l.label, (counts.get(l.label) ?? 0) + 1);
      const repeated = [...counts.values()].some((n) => n >= 2);
      // "President of China Xi Jinping (retranslated):" then "Vladimir Putin:": full names
      // a "Remark:" or "Question:" among them is an interviewer's turn, not prose; one odd
      // label ("VladimirPutin:") among names does not make the rest prose
      const found2 = mixed.filter((l) => l !== null);
      const plausible = found2.filter((l) => NAME_AT_END.test(l.label) || isGenericLabel(l.label)).length;
      const allNames = plausible >= 2 && plausible * 3 >= found2.length * 2;
      // one label alone is a speaker's when it is a title then a name ("President of Russia
      // Vladimir Putin:" opening remarks, the rest of the meeting closed to the press)
      // ... but not a headline ("Dr. Ben Carson: Hillary Clinton 'Not Fit To Serve'") that opens the text
      const at = mixed.findIndex((l) => l !== null);
      const titledName =
        found2.length === 1 &&
        at > 0 &&
        at < paras.length - 1 &&
        NAME_AT_END.test(found2[0]!.label) &&
        stripTitles(found2[0]!.label).role.some((w) => w.toLowerCase() !== 'of' && w.toLowerCase() !== 'the');
      found =
        ((repeated || allNames) && found2.length >= 2) || (upperCount === 0 && titledName)
          ? mixed.map((l) => (l && (counts.get(l.label) ?? 0) >= 1 ? l : null))
          : upper;
    }
    const count = found.filter((l) => l !== null).length;
    // one label is enough when it is clearly a speaker's ("THE PRESIDENT:", "MS. PSAKI:")
    const single =
      count === 1 &&
      (found !== upper ||
        found.some(
          (l) =>
            l !== null &&
            /^(?:THE |MR\.|MS\.|MRS\.|DR\.|PRESIDENT|VICE PRESIDENT|SECRETARY|SENATOR|GOVERNOR|AMBASSADOR|PRIME MINISTER|ADMINISTRATOR|CHAIR)\b/.test(
              l.label,
            ),
        ));
    if (count >= 2 || single) {
      isTranscript = true;
      let current: string | null = null;
      found.forEach((l, i) => {
        if (l) {
          labels[i] = l;
          current = ctx.resolve(l.label, true) ?? l.label;
        }
        turnSpeakers[i] = current;
      });
    }
  }

  // 6. passages
  const passages: Passage[] = [];
  const docTopics = new Map<string, number>();
  const metaTopics = raw.topics;
  const push = (kind: PassageKind, speaker: string | null, start: number, end: number) => {
    // trim whitespace and dangling punctuation at the edges
    while (start < end && /[\s,;:]/.test(text[start] as string)) start++;
    while (end > start && /[\s,;]/.test(text[end - 1] as string)) end--;
    if (end <= start) return;
    const slice = text.slice(start, end);
    if (!/[\p{L}\p{N}]/u.test(slice)) return;
    const counts = prepared.tagger.count(slice);
    for (const [t, n] of counts) docTopics.set(t, (docTopics.get(t) ?? 0) + n);
    // a passage is tagged by its own words; one that names no topic takes the document's
    // metadata topics, so that a topic filter still finds the whole of a tagged document
    const own = rank(counts, 1, 4);
    const topics = own.length > 0 ? own : [...metaTopics];
    passages.push({ id: '', kind, speaker, text: slice, start, end, topics, date });
  };

  const newsIdx: number[] = [];
  paras.forEach((p, i) => {
    const base = starts[i] as number;
    if (p.role !== 'body') {
      push('narrative', null, base, base + p.text.length);
      return;
    }
    const speaker = turnSpeakers[i];
    if (isTranscript && speaker) {
      const skip = labels[i]?.length ?? 0;
      push('turn', speaker, base + skip, base + p.text.length);
      return;
    }
    newsIdx.push(i);
  });

  // news paragraphs (and transcript paragraphs before the first turn): quotes + narrative
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
  // the attribution of a group is found where it closes (or opens)
  const groupSpeaker = new Map<number, string | null>();
  const groupAttributed = new Map<number, boolean>();
  let lastPerson: string | null = null;
  let carrySpeaker: string | null = null;
  /** The person a paragraph ending in a colon introduces ("Cruz continued:"), for the quote after it. */
  let introSpeaker: string | null = null;
  const narrativeSpeaker = author;
  // What is left of a sentence once its quote is taken out ("he added.", "said Putin at the
  // meeting.") is only the attribution: it says nothing a search should return. Only a
  // remnant that follows a quote can be one; a paragraph of its own ("Putin noted that the
  // talks went well.") is prose, however short.
  const pushNarrative = (start: number, end: number, followsQuote: boolean) => {
    if (followsQuote && isAttributionTag(text.slice(start, end))) return;
    push('narrative', narrativeSpeaker, start, end);
  };
  newsIdx.forEach((paraIndex, k) => {
    const p = paras[paraIndex] as CleanPara;
    const base = starts[paraIndex] as number;
    const ptext = p.text;
    const qs = byPara.get(k) ?? [];
    const mentions = personMentions(ptext, ctx, 0, ptext.length).filter(
      (m) => !qs.some((q) => m.at >= q.start && m.at < q.end),
    );
    const lastBefore = (at: number): string | null => {
      let who: string | null = lastPerson;
      for (const m of mentions) if (m.at < at) who = m.name;
      return who;
    };
    const statements: Array<{ s: QuoteSpan; speaker: string | null }> = [];
    qs.forEach((q, j) => {
      const closes = q.end < ptext.length;
      const prevEnd = j > 0 ? (qs[j - 1] as QuoteSpan).end : -1;
      const nextStart = j + 1 < qs.length ? (qs[j + 1] as QuoteSpan).start - 1 : ptext.length;
      let attributed = groupAttributed.get(q.group) ?? false;
      let speaker = groupSpeaker.get(q.group) ?? null;
      if (!attributed || closes) {
        const a = attributeQuote(ptext, q.start, q.end, closes, prevEnd, nextStart);
        const who = a ? speakerOf(a, ptext, mentions, ctx, lastBefore) : null;
        // a speech verb whose subject is no person ("was called a "bold step"") attributes nothing
        if (a && (who || (a.how !== 'subject' && a.how !== 'colon'))) {
          speaker = who;
          attributed = true;
          if (speaker) {
            mentions.push({ at: a.at, name: speaker });
            mentions.sort((x, y) => x.at - y.at);
          }
        } else if (!attributed && j > 0 && statements.length > 0) {
          // '"...," Hewitt said. "You meant ..."': a quote right after an attributed one,
          // with only the attribution between them, goes on in the same voice
          const prev = statements[statements.length - 1] as { s: QuoteSpan; speaker: string | null };
          const between = ptext.slice(prev.s.end + 1, q.start - 1);
          const opensSentence = /(?:^|[.!?])\s*$/.test(between);
          // '... as "a bright leader" but described his skills as a "work in progress"': a
          // speech verb with no subject of its own in the same sentence shares the first's
          const coordinated =
            a?.how === 'subject' &&
            between.length < 200 &&
            !/[.!?;]/.test(between) &&
            !mentions.some((m) => m.at > prev.s.end && m.at < q.start);
          if (
            prev.s === qs[j - 1] &&
            prev.speaker &&
            ((between.length < 90 && opensSentence) || coordinated) &&
            !/["“”]/.test(between)
          ) {
            speaker = prev.speaker;
            attributed = true;
          }
        } else if (
          !attributed &&
          j === 0 &&
          carrySpeaker &&
          /^\s*$/.test(ptext.slice(0, Math.max(0, q.start - 1)))
        ) {
          // a paragraph that opens with an unattributed quote, right after a paragraph that
          // ended on an attributed quote, continues that speaker (news style)
          speaker = carrySpeaker;
          attributed = true;
        } else if (
          !attributed &&
          j === 0 &&
          introSpeaker &&
          /^\s*$/.test(ptext.slice(0, Math.max(0, q.start - 1)))
        ) {
          // a quote that opens the paragraph after "Cruz continued:" is what Cruz said
          speaker = introSpeaker;
          attributed = true;
        }
        if (attributed) {
          groupAttributed.set(q.group, true);
          groupSpeaker.set(q.group, speaker);
        }
      }
      const quoted = ptext.slice(q.start, q.end);
      const multi = (groupSize.get(q.group) ?? 1) > 1;
      if (attributed || (wordCount(quoted) >= 4 && /[.!?,]\s*$/.test(quoted)) || multi) {
        statements.push({ s: q, speaker });
      }
    });
    // a quote group continued into later paragraphs gets its speaker when it closes:
    // fix up earlier parts once known (they were pushed with the group's speaker so far)
    let cursor = 0;
    for (const st of statements) {
      if (st.s.start - 1 > cursor) pushNarrative(base + cursor, base + st.s.start - 1, cursor > 0);
      push('quote', st.speaker, base + st.s.start, base + st.s.end);
      cursor = Math.min(ptext.length, st.s.end + 1);
    }
    if (cursor < ptext.length) pushNarrative(base + cursor, base + ptext.length, cursor > 0);
    introSpeaker = introducedBy(ptext, mentions, lastPerson);
    const last = mentions[mentions.length - 1];
    if (last) lastPerson = last.name;
    // carry the voice of a paragraph that ends with an attributed quote (and its attribution)
    const final = statements[statements.length - 1];
    carrySpeaker =
      final && final.speaker && final.s === qs[qs.length - 1] && ptext.length - final.s.end < 100
        ? final.speaker
        : null;
  });

  // quotes of a multi-paragraph group take the speaker found where the group closed
  if (groupSpeaker.size > 0) {
    const groupAt = new Map<number, number>();
    for (const s of spans) groupAt.set((starts[newsIdx[s.para] as number] as number) + s.start, s.group);
    for (const ps of passages) {
      if (ps.kind !== 'quote' || ps.speaker) continue;
      // a quote passage starts at its span's start, or a little after it (trimmed)
      for (let d = 0; d <= 2; d++) {
        const g = groupAt.get(ps.start - d);
        if (g === undefined) continue;
        const sp = groupSpeaker.get(g);
        if (sp) ps.speaker = sp;
        break;
      }
    }
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
  };
  return { document, text, passages };
}

const INTRO_VERB =
  /\b(?:said|says|say|added|adds|continued|continues|wrote|writes|tweeted|posted|told|responded|replied|stated|states|explained|declared|announced|argued|insisted|noted|asked|remarked|recalled|warned|put it|went on)\b/i;

/**
 * The person a paragraph introduces when it ends in a colon outside any quote ("Cruz
 * continued:", "Breitbart News responded:", "He added:"): the last person named in its last
 * sentence, or for a sentence led by "he"/"she" the person named before.
 */
function introducedBy(ptext: string, mentions: Mention[], before: string | null): string | null {
  const trimmed = ptext.trimEnd();
  if (!trimmed.endsWith(':') || /["“”]\s*:$/.test(trimmed)) return null;
  let sentenceStart = 0;
  for (const m of trimmed.matchAll(/[.!?]["”’)]?\s+(?=\S)/g)) sentenceStart = m.index + m[0].length;
  // only speech introduces a quote: "Here they are:" or a list of qualities does not
  if (!INTRO_VERB.test(trimmed.slice(sentenceStart))) return null;
  let who: string | null = null;
  for (const m of mentions) if (m.at >= sentenceStart) who = m.name;
  if (who) return who;
  return /^\s*(?:he|she)\b/i.test(trimmed.slice(sentenceStart)) ? before : null;
}

/** The speaker an attribution points to, resolved in the document's context. */
function speakerOf(
  a: Attribution,
  ptext: string,
  mentions: Mention[],
  ctx: SpeakerContext,
  lastBefore: (at: number) => string | null,
): string | null {
  if (a.how === 'colon') {
    // the person named last before the colon
    let who: string | null = null;
    for (const m of mentions) if (m.at >= a.sentenceStart && m.at < a.at) who = m.name;
    return who;
  }
  if (a.how === 'subject' || a.mention === null) {
    // the subject of a sentence that reports speech: its first person mention
    const subject = mentions.find((m) => m.at >= a.sentenceStart && m.at < a.at);
    if (subject) return subject.name;
    const lead = ptext.slice(a.sentenceStart, a.at);
    if (/^\s*(?:[\p{Lu}][\p{L}]*,?\s+){0,3}?(?:he|she|He|She)\b/u.test(lead))
      return lastBefore(a.sentenceStart + 1);
    return null;
  }
  if (a.candidates && a.candidates.length > 1) {
    for (const c of a.candidates) {
      const who = personName(c.text, ctx);
      if (who) return who;
    }
  }
  if (a.how === 'before' && /^\p{Lu}/u.test(a.mention)) {
    const owner = ownerOf(ptext, a.mention, a.at);
    if (owner.at !== a.at) return resolveMention(owner.mention, owner.at, ctx, lastBefore);
  }
  if (a.how === 'after' && a.candidates) {
    // a single capitalised word after the verb: a person or an outlet, not a weekday or place
    const word = stripStarters(a.mention);
    if (word.split(/\s+/).every((w) => ORG_WORDS.has(w.toLowerCase()))) return null;
  }
  return resolveMention(a.mention, a.at, ctx, lastBefore);
}

/** "Tom Cole of Oklahoma", "Aris Shirvanian of the Armenian Patriarchate of Jerusalem": the person comes first. */
const OF_BEFORE = /(\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*){0,3})\s+of\s+(?:the\s+)?$/u;

function ownerOf(ptext: string, mention: string, at: number): { mention: string; at: number } {
  let current = { mention, at };
  for (let hops = 0; hops < 3; hops++) {
    const m = OF_BEFORE.exec(ptext.slice(Math.max(0, current.at - 80), current.at));
    if (!m || !m[1]) break;
    current = { mention: m[1], at: current.at - m[0].length };
  }
  return current;
}

function resolveMention(
  mention: string,
  at: number,
  ctx: SpeakerContext,
  lastBefore: (at: number) => string | null,
): string | null {
  const m = mention.trim();
  if (isPronoun(m)) {
    const lower = m.toLowerCase();
    return lower === 'he' || lower === 'she' ? lastBefore(at) : null;
  }
  if (/^(?:the|a|an|his|her|their)\s/i.test(m)) {
    const role = m.replace(/^(?:the|a|an|his|her|their)\s+/i, '');
    return ctx.resolveRole(role);
  }
  const name = stripStarters(m.replace(/[’']s$/, ''));
  if (name.length === 0) return null;
  return ctx.resolve(name);
}

const ATTRIBUTION_VERB =
  /\b(?:said|says|say|remarked|added|adds|stressed|noted|notes|told|asked|explained|insisted|argued|declared|continued|wrote|writes|replied|recalled|emphasi[sz]ed|underlined|pointed out|according to)\b/i;
/** ", the director of the port": a description of the speaker set off by commas. */
const APPOSITIVE = /^(?:the|a|an|his|her|their|its)\s/i;
/** ", at a news conference": where or when it was said. */
const CIRCUMSTANCE = /^(?:at|in|on|during|after|before|from|to|with|via|when)\s/i;
/** Words that open a clause of its own: what follows says more than who spoke. */
const CLAUSE_WORD = /\b(?:that|which|who|whom|whose|because|but|and|while|although|adding|saying|noting)\b/i;

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/**
 * A short remnant that is only "who said it", such as "Xi remarked at the meeting." or
 * "said Jane Doe, the director of the port."
 */
export function isAttributionTag(slice: string): boolean {
  const trimmed = slice.trim().replace(/^[,;:—–-]+\s*/, '');
  if (!/[.!?]$/.test(trimmed) || /[.!?]\s/.test(trimmed.slice(0, -1))) return false;
  const [clause, ...rest] = trimmed.slice(0, -1).split(',');
  if (clause === undefined || words(clause) > 8 || !ATTRIBUTION_VERB.test(clause)) return false;
  return rest.every((part) => {
    const p = part.trim();
    if (p.length === 0 || CLAUSE_WORD.test(p) || ATTRIBUTION_VERB.test(p)) return false;
    return (APPOSITIVE.test(p) && words(p) <= 12) || (CIRCUMSTANCE.test(p) && words(p) <= 6);
  });
}
