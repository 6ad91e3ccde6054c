/**
 * Stage "labels and turns": speaker labels at the start of paragraphs ("MS. PSAKI:", "Q",
 * "Vladimir Putin:") or given by the source, each opening a turn that unlabelled paragraphs
 * continue. Paragraphs outside turns (news prose, the lines before the first label) go on to
 * the quote stages; captions and notes become narrative without a speaker.
 */
import { isGenericLabel, stripTitles } from '../speakers';
import { isPlaceLine, isTimeLine } from '../datelines';
import { speechSpeaker } from '../speechTitle';
import { dropped as droppedText, type DroppedText } from '../dropped';
import type { Named } from './names';
import type { Segment } from './segments';

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

export interface Label {
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

export interface Turns extends Named {
  /** The label each paragraph opens with, if any. */
  labels: Array<Label | null>;
  /** The speaker whose turn each paragraph is in, if any. */
  turnSpeakers: Array<string | null>;
  isTranscript: boolean;
  /** Turns, captions and notes, in paragraph order. */
  segments: Segment[];
  /** Indexes of the paragraphs left to the quote stages, in order. */
  newsIdx: number[];
}

export function findTurns(input: Named): Turns {
  const { raw, paras, ctx, starts } = input;
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

  // a speech without labels is the words of the speaker its title names (the State of the Union)
  const speech = isTranscript || raw.explicitSpeakers ? null : speechSpeaker(input.title, ctx);
  if (speech) {
    isTranscript = true;
    paras.forEach((p, i) => {
      if (p.role === 'body' && p.text.trim() !== input.title.trim()) turnSpeakers[i] = speech;
    });
  }

  const segments: Segment[] = [];
  const dropped: DroppedText[] = [...input.dropped];
  const newsIdx: number[] = [];
  const firstTurn = speech
    ? paras.findIndex(
        (p) =>
          p.role === 'body' &&
          !isTimeLine(p.text) &&
          !isPlaceLine(p.text) &&
          p.text.trim() !== input.title.trim(),
      )
    : turnSpeakers.findIndex((speaker) => speaker !== null);
  paras.forEach((p, i) => {
    const base = starts[i] as number;
    const beforeTurns = firstTurn < 0 || i < firstTurn;
    if (
      isTranscript &&
      p.role === 'body' &&
      !labels[i] &&
      (isTimeLine(p.text) || (beforeTurns && isPlaceLine(p.text) && p.text.trim() !== input.title.trim()))
    ) {
      dropped.push(droppedText('dateline', p.text));
      return;
    }
    if (p.role !== 'body') {
      segments.push({ kind: 'narrative', speaker: null, start: base, end: base + p.text.length });
      return;
    }
    const speaker = turnSpeakers[i];
    if (isTranscript && speaker) {
      const skip = labels[i]?.length ?? 0;
      if (skip > 0) dropped.push(droppedText('speaker label', p.text.slice(0, skip)));
      segments.push({ kind: 'turn', speaker, start: base + skip, end: base + p.text.length });
      return;
    }
    newsIdx.push(i);
  });
  return { ...input, labels, turnSpeakers, isTranscript, segments, newsIdx, dropped };
}
