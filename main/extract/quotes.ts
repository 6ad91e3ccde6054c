/**
 * Direct quotations in news prose and who said them.
 *
 * A quote is a span inside quotation marks (straight or curly; a quote may run over
 * several paragraphs, each reopened with a mark). Its speaker comes from the speech verb
 * next to it ("," Xi remarked', '," said Putin', '," he added'), a speech verb earlier in
 * the sentence ("Trump said the plan was "a disaster""), "according to X", or a possessive
 * speech noun ("the Russian president's admission that ... "..."). Short quotes with none of
 * these are scare quotes ("wedge") and stay narrative. All regexes here are anchored or
 * bounded to one sentence-sized window, so the work stays linear in the text.
 */

export interface QuoteSpan {
  /** Paragraph index and offsets of the quoted words (marks excluded) in that paragraph. */
  para: number;
  start: number;
  end: number;
  /** Quote group (a quote continued over paragraphs shares one group). */
  group: number;
}

const OPEN = new Set(['“', '"', '«', '„']);
const CLOSE_OF: Record<string, string> = { '“': '”', '"': '"', '«': '»', '„': '“' };

/**
 * Finds quoted spans in each paragraph. Straight quotes alternate; an unclosed quote at
 * the end of a paragraph continues into the next paragraph when that one opens with a mark.
 */
export function findQuotes(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let group = 0;
  let carried = false;
  for (let p = 0; p < paragraphs.length; p++) {
    const text = paragraphs[p] as string;
    let i = 0;
    let openAt = -1;
    let closeMark = '';
    const startsWithMark = /^\s*["“«„]/.test(text);
    if (carried && !startsWithMark) carried = false;
    while (i < text.length) {
      const ch = text[i] as string;
      if (openAt < 0) {
        if (OPEN.has(ch) && isOpening(text, i)) {
          openAt = i + 1;
          closeMark = CLOSE_OF[ch] ?? '"';
          if (!(carried && spans.length > 0 && i === text.search(/\S/))) group++;
          carried = false;
        }
      } else if (ch === closeMark || (closeMark === '"' && ch === '”') || (closeMark === '”' && ch === '"')) {
        if (i > openAt) spans.push({ para: p, start: openAt, end: i, group });
        openAt = -1;
      } else if (ch === '“' && closeMark === '”' && i > openAt) {
        // a new opening mark before a close: the previous quote was never closed
        openAt = i + 1;
        group++;
      }
      i++;
    }
    if (openAt >= 0 && openAt < text.length) {
      spans.push({ para: p, start: openAt, end: text.length, group });
      carried = true;
    } else carried = false;
  }
  return spans;
}

function isOpening(text: string, i: number): boolean {
  const ch = text[i];
  if (ch !== '"') return true;
  const prev = i > 0 ? (text[i - 1] as string) : ' ';
  const next = i + 1 < text.length ? (text[i + 1] as string) : ' ';
  // a straight mark right after a letter and before a space is a closing one (or inches)
  return !(/\S/.test(prev) && !/[([{—–\-/]/.test(prev)) || !/\s/.test(next);
}

/** Speech verbs that introduce or follow a quote (past and present forms). */
export const CUE_VERBS =
  'said|says|say|remarked|remarks|added|adds|stressed|stresses|noted|notes|told|tells|asked|asks|' +
  'shot back|fired back|hit back|pushed back|went after|lashed out|states|claims|comments|' +
  'explained|explains|insisted|insists|declared|declares|stated|wrote|writes|tweeted|Tweeted|tweets|' +
  'warned|warns|argued|argues|continued|continues|replied|replies|responded|responds|claimed|' +
  'emphasized|emphasised|emphasizes|emphasises|observed|observes|announced|announces|recalled|recalls|' +
  'urged|urges|suggested|suggests|acknowledged|acknowledges|admitted|admits|conceded|concedes|joked|jokes|' +
  'quipped|concluded|concludes|commented|maintained|maintains|contended|contends|predicted|' +
  'vowed|pledged|promised|complained|complains|countered|counters|lamented|laments|' +
  'boasted|boasts|affirmed|affirms|reiterated|reiterates|underlined|underlines|underscored|underscores|' +
  'highlighted|mentioned|posted|shouted|yelled|exclaimed|wondered|wonders|chimed in|' +
  'testified|testifies|confirmed|confirms|denied|denies|assured|assures|proclaimed|proclaims|' +
  'pointed out|points out|went on|goes on|cautioned|cautions|demanded|demands|retorted|mused|muses|' +
  'reported|reports|recounted|recounts|elaborated|elaborates|spoke|speaks|read|reads|' +
  'described|describes|called|calls|dubbed|labeled|labelled|branded|praised|accused|blasted|slammed|' +
  'criticized|criticised|charged|alleged|alleges|thundered|pleaded|pleads|begged|agreed|agrees|' +
  'decried|needled|referred to|brought up|interjected|mocked|ridiculed|teased|warned|' +
  'offered|opined|griped|snapped|scoffed|sneered|whispered|sighed|hinted|hints|texted|emailed|' +
  'messaged|explained|remembered|answered|answers|interjected|interrupted|cried|screamed|declined|' +
  'estimated|estimates|believes|believed|thinks|thought|feels|felt|hopes|hoped|expects|expected|' +
  'worried|worries|fears|feared|acknowledged';

/** -ing forms and nouns of speech that mark a sentence as reporting its subject's words. */
const CUE_LOOSE =
  `${CUE_VERBS}|saying|telling|adding|noting|arguing|writing|tweeting|declaring|stating|calling|` +
  'describing|insisting|warning|explaining|asking|claiming|urging|suggesting|vowing|promising|' +
  'repeating|recalling|dismissing|accusing|blasting|praising|labeling|dubbing|announcing|' +
  'questioning|wondering|charging|complaining|predicting|boasting|joking|lamenting|conceding|' +
  'acknowledging|admitting|contending|asserting|maintaining|' +
  'in a statement|in an interview|in a tweet|in an email|in a speech|on Twitter|on twitter';

const CUE = `(?:${CUE_VERBS})`;
/** Verbs that may also stand right after a quote without introducing a new statement. */
const CUE_STRICT = `(?:${CUE_VERBS.split('|')
  .filter(
    (v) =>
      !/^(?:described|describes|called|calls|dubbed|labeled|labelled|branded|praised|accused|blasted|slammed|criticized|criticised|charged|believes|believed|thinks|thought|feels|felt|hopes|hoped|expects|expected|worried|worries|fears|feared|read|reads|offered|declined|agreed|agrees|estimated|estimates)$/.test(
        v,
      ),
  )
  .join('|')})`;
const ROLE_NOUNS =
  'president|minister|premier|chancellor|secretary|spokesman|spokeswoman|spokesperson|official|officials|' +
  'leader|chairman|chairwoman|senator|governor|candidate|nominee|ambassador|director|king|queen|mayor|' +
  'source|aide|adviser|advisor|analyst|congressman|congresswoman|representative|lawmaker|businessman|' +
  'billionaire|mogul|frontrunner|front-runner|speaker|chief|general|commander|diplomat|envoy|expert|' +
  'professor|economist|strategist|manager|spokesmen|leaders|lawyer|attorney|judge|statement|report|campaign|' +
  'businesswoman|pollster|host|anchor|justice|nominee|contender|rival|incumbent|challenger|mogul';
/** A name word: initials, abbreviated titles, or a capitalised word (not after a hyphen). */
const NAME_WORD = `(?:\\p{Lu}\\.|(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Jr|Sr|Capt|Rev|Sgt|Prof|Amb|Adm)\\.|\\p{Lu}[\\p{L}’'\\-]*)`;
const NAME = `(?<![\\p{L}\\-])${NAME_WORD}(?:\\s+(?:${NAME_WORD}|(?:de|van|von|bin|al|da|del|der|la|le)(?=\\s+\\p{Lu}))){0,5}`;
const ROLE = `(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\\s+(?:[\\p{L}.’'\\-]+\\s+){0,3}?(?:${ROLE_NOUNS})`;
const PRON = `(?:he|she|they|He|She|They)`;
const MENTION = `(${ROLE}|${NAME}|${PRON})`;
/**
 * An appositive or a party tag between a name and its verb: "Weingarten, a longtime Clinton
 * supporter,"; "Dean Johnson, a salesman from Sumter, South Carolina," (a place inside it).
 */
const APPOS = `(?:\\s*\\([^()"“”]{1,40}\\))?(?:,\\s+[^,"“”]{2,110}?(?:,\\s+[^,"“”]{2,40}?)?,)?`;
/** Adverbs and auxiliaries between a name and its verb: "Trump also said", "he has told". */
const ADV =
  `(?:(?:\\p{Ll}+ly|also|then|later|once|again|recently|previously|further|even|still|often|first|` +
  `has|had|have|was|is|would|will|did|does|could|might|may|quickly|then|had\\s+previously|once\\s+again|` +
  `on\\s+\\p{Lu}\\p{Ll}+day|\\p{Lu}\\p{Ll}+day)\\s+){0,2}`;
const SPEECH_NOUNS =
  'admission|remark|remarks|comment|comments|statement|claim|assertion|warning|promise|pledge|words|' +
  'insistence|argument|suggestion|declaration|observation|reminder|answer|reply|response|message|call|' +
  'speech|address|announcement|vow|boast|complaint|tweet|quip|retort|question|contention|description';

/** Right after the closing mark: '," Xi remarked' / '," said Putin ...' / ', according to X'. */
const AFTER_MENTION_CUE = new RegExp(`^[\\s,?!.…—–-]*${MENTION}${APPOS}\\s+${ADV}(?:${CUE_STRICT})\\b`, 'u');
const AFTER_CUE = new RegExp(`^[\\s,?!…—–-]*(?:${CUE_STRICT})\\s+([^,;:!?"“”()]{1,120})`, 'u');
const AFTER_ACCORDING = new RegExp(`^[\\s,…—–-]*[Aa]ccording\\s+to\\s+${MENTION}`, 'u');
const AFTER_DASH = new RegExp(`^\\s*[—–-]{1,2}\\s*(${NAME_WORD}(?:\\s+${NAME_WORD}){0,4})`, 'u');
/** Before the opening mark, in the same sentence. */
const BEFORE_MENTION_CUE = new RegExp(`${MENTION}${APPOS}\\s+${ADV}(?:${CUE})\\b`, 'gu');
const BEFORE_ACCORDING = new RegExp(`[Aa]ccording\\s+to\\s+${MENTION}`, 'gu');
const BEFORE_POSSESSIVE = new RegExp(
  `${MENTION}[’']s\\s+(?:[\\p{L}\\-]+\\s+){0,2}?(?:${SPEECH_NOUNS})\\b`,
  'gu',
);
const BEFORE_CUE_MENTION_COLON = new RegExp(`(?:${CUE_STRICT})\\s+${MENTION}\\s*[:,]\\s*$`, 'u');
/** Lower-case words ending in a role noun, between a qualifying name and the speaker's. */
const ROLE_GAP = new RegExp(`^(?:[’']s)?\\s+(?:[\\p{Ll}\\-]+\\s+){0,4}?(?:${ROLE_NOUNS})\\s+$`, 'u');
const LOOSE_CUE = new RegExp(`\\b(?:${CUE_LOOSE})\\b`, 'u');
const NAME_IN_CHUNK = new RegExp(NAME, 'gu');
const CHUNK_LEAD = new RegExp(`^\\s*(?:${PRON}\\b|${ROLE}\\b)`, 'u');

export interface Attribution {
  /** The mention as written ("Xi", "he", "the Russian president"); null = the sentence's subject. */
  mention: string | null;
  /** Offset of the mention (or of the speech cue, for a subject) in the paragraph. */
  at: number;
  /** Candidates in order, for a mention found in a phrase after the verb. */
  candidates?: Array<{ text: string; at: number }>;
  /** Where the sentence starts, for finding its subject. */
  sentenceStart: number;
  how: 'after' | 'before' | 'according' | 'possessive' | 'subject' | 'colon' | 'dash';
}

/** How far either side of a quote we look for its speech verb. */
const WINDOW = 220;

/**
 * Finds the speaker mention for a quote that opens at `open` (index of the first quoted
 * character) and closes at `close` (index of the closing mark, or text length) in `text`.
 */
export function attributeQuote(
  text: string,
  open: number,
  close: number,
  closes: boolean,
  prevQuoteEnd: number,
  nextQuoteStart: number,
): Attribution | null {
  const headStart = Math.max(0, prevQuoteEnd + 1, open - 1 - WINDOW);
  const rawHead = text.slice(headStart, Math.max(headStart, open - 1));
  const sentenceBreak = lastSentenceBreak(rawHead);
  const sentenceStart = headStart + sentenceBreak;
  if (closes) {
    const tailEnd = Math.min(
      text.length,
      close + 1 + WINDOW,
      nextQuoteStart > close ? nextQuoteStart : text.length,
    );
    const tail = text.slice(close + 1, tailEnd);
    const inner = text.slice(Math.max(open, close - 3), close);
    // '"... end." He said' starts a new sentence: the words after belong to what follows
    const endsSentence = /[.]\s*$/.test(inner) && /^\s*\p{Lu}/u.test(tail);
    if (!endsSentence) {
      const m1 = AFTER_MENTION_CUE.exec(tail);
      if (m1 && m1[1])
        return { mention: m1[1], at: close + 1 + m1[0].indexOf(m1[1]), sentenceStart, how: 'after' };
      const m2 = AFTER_CUE.exec(tail);
      if (m2 && m2[1]) {
        // the phrase after the verb ends at a full stop that is not an initial or abbreviation
        const stop =
          /(?<!\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Jr|Sr|Capt|Rev|Sgt|Prof|Amb|Adm|\p{Lu}))\./u.exec(
            m2[1],
          );
        const chunk = stop ? m2[1].slice(0, stop.index) : m2[1];
        const chunkAt = close + 1 + m2[0].length - chunk.length;
        const lead = CHUNK_LEAD.exec(chunk);
        if (lead) {
          const t = lead[0].trim();
          return { mention: t, at: chunkAt + lead[0].indexOf(t), sentenceStart, how: 'after' };
        }
        const candidates: Array<{ text: string; at: number }> = [];
        NAME_IN_CHUNK.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = NAME_IN_CHUNK.exec(chunk)) !== null)
          candidates.push({ text: m[0], at: chunkAt + m.index });
        // "said Clinton's top foreign policy aide Jake Sullivan", "said Huckabee campaign
        // spokesman Hogan Gidley": a name that only qualifies a role is not the speaker
        const speakers = candidates.filter((c, i) => {
          const next = candidates[i + 1];
          if (!next) return true;
          const gap = chunk.slice(c.at - chunkAt + c.text.length, next.at - chunkAt);
          return !ROLE_GAP.test(gap);
        });
        const first = speakers[0];
        if (first)
          return { mention: first.text, at: first.at, candidates: speakers, sentenceStart, how: 'after' };
      }
      const m3 = AFTER_ACCORDING.exec(tail);
      if (m3 && m3[1])
        return { mention: m3[1], at: close + 1 + m3[0].lastIndexOf(m3[1]), sentenceStart, how: 'according' };
    }
    const dash = AFTER_DASH.exec(tail);
    if (dash && dash[1])
      return { mention: dash[1], at: close + 1 + dash[0].indexOf(dash[1]), sentenceStart, how: 'dash' };
  }
  const head = rawHead.slice(sentenceBreak);
  const colon = BEFORE_CUE_MENTION_COLON.exec(head);
  if (colon && colon[1])
    return {
      mention: colon[1],
      at: sentenceStart + head.lastIndexOf(colon[1]),
      sentenceStart,
      how: 'before',
    };
  // within the quote's sentence the closest speech verb counts; when the quote opens a new
  // sentence, the previous sentence's main clause ('Clinton said, referencing a PAC called ...')
  const opensSentence = /[.!?]["”’)]?\s*$/.test(head);
  let best: Attribution | null = null;
  for (const [re, how] of [
    [BEFORE_MENTION_CUE, 'before'],
    [BEFORE_ACCORDING, 'according'],
    [BEFORE_POSSESSIVE, 'possessive'],
  ] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(head)) !== null) {
      const at = sentenceStart + m.index;
      if (m[1] && (!best || (opensSentence ? at < best.at : at >= best.at))) {
        best = { mention: m[1], at, sentenceStart, how };
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  // 'Ryan said Obama's words "amount to ..."': a possessive after a speaker's verb is part
  // of what the speaker said, not the source
  if (best && best.how === 'possessive') {
    BEFORE_MENTION_CUE.lastIndex = 0;
    const subject = BEFORE_MENTION_CUE.exec(head);
    if (subject && subject[1] && sentenceStart + subject.index < best.at)
      best = { mention: subject[1], at: sentenceStart + subject.index, sentenceStart, how: 'before' };
  }
  if (best) return best;
  // 'Republican pollster Daron Shaw: "..."', 'X released the following statement: "..."'
  if (/:\s*$/.test(head))
    return { mention: null, at: sentenceStart + head.length, sentenceStart, how: 'colon' };
  const loose = LOOSE_CUE.exec(head);
  if (loose) return { mention: null, at: sentenceStart + loose.index, sentenceStart, how: 'subject' };
  return null;
}

/** Index just after the last sentence end in `s` (0 if none). */
function lastSentenceBreak(s: string): number {
  // a break right before the quote does not count: 'Smith spoke. "We are done."' is Smith's
  const re = /[.!?]["”’)]?\s+(?=["“]?\p{Lu})/gu;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    // "Mr. Putin", "U.S. President": an abbreviation is not a sentence end
    const before = s.slice(Math.max(0, m.index - 4), m.index + 1);
    if (/(?:\b(?:Mr|Ms|Mrs|Dr|St|Sen|Rep|Gov|Gen|Jr|Sr|Lt|Col|vs)\.|\b\p{Lu}\.)$/u.test(before)) continue;
    last = m.index + m[0].length;
  }
  return last;
}

/** Number of words in a span, for telling scare quotes from statements. */
export function wordCount(s: string): number {
  const m = s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}
