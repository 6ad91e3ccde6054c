/**
 * Stage "attribution": who said each quote (the speech verb or noun next to it, a colon, the
 * voice carried from the quote before), and the prose around the quotes as the author's
 * narrative. The attribution left once a quote is taken out ("he added.") is no statement.
 */
import type { CleanPara } from '../cleanup';
import { personMentions, personName, stripStarters, type Mention } from '../mentions';
import { attributeQuote, wordCount, type Attribution, type QuoteSpan } from '../quotes';
import type { SpeakerContext } from '../speakers';
import { isPronoun, isTitleWord, ORG_WORDS } from '../speakers';
import { dropped as droppedText, type DroppedText } from '../dropped';
import type { Quoted } from './quoteSpans';
import { trimSpan, type Segment } from './segments';

export interface Attributed extends Quoted {
  /** Every segment of the document: turns, captions and notes first, then quotes and prose. */
  segments: Segment[];
}

export function attributeQuotes(input: Quoted): Attributed {
  const { paras, starts, text, author, ctx, newsIdx, spans, byPara, groupSize } = input;
  const segments: Segment[] = [...input.segments];
  const dropped: DroppedText[] = [...input.dropped];
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
    if (followsQuote && isAttributionTag(text.slice(start, end))) {
      dropped.push(droppedText('attribution', text.slice(start, end)));
      return;
    }
    segments.push({ kind: 'narrative', speaker: narrativeSpeaker, start, end });
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
            // a person named after the verb is its object ("adding that Trump "attacks us"")
            !mentions.some((m) => m.at > prev.s.end && m.at < a.at);
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
      segments.push({ kind: 'quote', speaker: st.speaker, start: base + st.s.start, end: base + st.s.end });
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
    for (const ps of segments) {
      if (ps.kind !== 'quote' || ps.speaker) continue;
      // a quote passage starts at its span's start, or a little after it (trimmed)
      const [start] = trimSpan(text, ps.start, ps.end);
      for (let d = 0; d <= 2; d++) {
        const g = groupAt.get(start - d);
        if (g === undefined) continue;
        const sp = groupSpeaker.get(g);
        if (sp) ps.speaker = sp;
        break;
      }
    }
  }
  return { ...input, segments, dropped };
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
  // "At one point on Sunday, Trump ... tweeted", "president and CEO of ... stated": a day, a
  // month or a bare title acronym is when or what, never who ("King" and "May" may be names)
  if (TIME_WORD.test(name) || name.split(/\s+/).every((w) => isTitleWord(w) && /^\p{Lu}{2,}$/u.test(w)))
    return null;
  return ctx.resolve(name);
}

const TIME_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)$/;

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
