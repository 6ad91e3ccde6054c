/**
 * RTF as plain paragraphs: a small tokenizer over groups, control words and text. Font and
 * colour tables, pictures, headers, footers, footnotes and field instructions are skipped;
 * `\par` ends a paragraph; `\'hh` is a Windows-1252 byte and `\uN` a Unicode character.
 * The title and author come from the `\info` group.
 */
import type { RawDoc } from '../document';
import { emptyRawDoc, FormatError } from '../formats';

export interface RtfText {
  paragraphs: string[];
  title: string | null;
  author: string | null;
}

/** Groups whose text is not the document's body. */
const SKIPPED = new Set(
  (
    'fonttbl colortbl stylesheet listtable listoverridetable rsidtbl generator pict object objdata themedata ' +
    'colorschememapping datastore latentstyles xmlnsdecls header headerl headerr headerf footer footerl footerr ' +
    'footerf footnote fldinst info pgdsctbl revtbl mmathPr'
  ).split(' '),
);

const CP1252 = new TextDecoder('windows-1252');

export function readRtf(source: string): RtfText {
  if (!source.startsWith('{\\rtf')) throw new Error('not an RTF file (it does not start with {\\rtf)');
  const paragraphs: string[] = [];
  const info: Record<string, string> = {};
  let line = '';
  // per group: skipped?, Unicode skip count, the info field it fills
  const stack: Array<{ skip: boolean; uc: number; field: string | null }> = [];
  let state = { skip: false, uc: 1, field: null as string | null };
  let pendingSkip = 0;
  let i = 0;
  const emit = (text: string) => {
    if (pendingSkip > 0) {
      const n = Math.min(pendingSkip, text.length);
      pendingSkip -= n;
      text = text.slice(n);
    }
    if (!text) return;
    if (state.field) info[state.field] = (info[state.field] ?? '') + text;
    else if (!state.skip) line += text;
  };
  const endParagraph = () => {
    const t = line.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (t) paragraphs.push(t);
    line = '';
  };
  let groupStart = false;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '{') {
      stack.push(state);
      state = { ...state };
      groupStart = true;
      i++;
      continue;
    }
    if (c === '}') {
      state = stack.pop() ?? state;
      groupStart = false;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next === '*' && groupStart) {
        state.skip = true;
        i += 2;
        continue;
      }
      if (next === "'") {
        emit(CP1252.decode(Uint8Array.of(parseInt(source.slice(i + 2, i + 4), 16) || 32)));
        i += 4;
        continue;
      }
      if (/[\\{}]/.test(next)) {
        emit(next);
        i += 2;
        continue;
      }
      if (next === '~') emit('\u00a0');
      if (!/[a-zA-Z]/.test(next)) {
        if (next === '\n' || next === '\r') endParagraph();
        i += 2;
        continue;
      }
      const m = /^([a-zA-Z]+)(-?\d+)? ?/.exec(source.slice(i + 1, i + 40)) as RegExpExecArray;
      const [whole, word, arg] = [m[0], m[1] as string, m[2]];
      i += 1 + whole.length;
      const first = groupStart;
      groupStart = false;
      if (first && SKIPPED.has(word)) state.skip = true;
      if (word === 'info') state.skip = true;
      if (first && (word === 'title' || word === 'author')) state.field = word;
      switch (word) {
        case 'par':
        case 'sect':
        case 'page':
          if (!state.skip) endParagraph();
          break;
        case 'line':
          emit(' ');
          break;
        case 'tab':
          emit('\t');
          break;
        case 'uc':
          state.uc = Number(arg ?? 1);
          break;
        case 'u': {
          const code = Number(arg ?? 0);
          emit(String.fromCharCode(code < 0 ? code + 65536 : code));
          pendingSkip = state.uc;
          break;
        }
        case 'emdash':
          emit('—');
          break;
        case 'endash':
          emit('–');
          break;
        case 'lquote':
          emit('‘');
          break;
        case 'rquote':
          emit('’');
          break;
        case 'ldblquote':
          emit('“');
          break;
        case 'rdblquote':
          emit('”');
          break;
      }
      continue;
    }
    groupStart = false;
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    const run = /^[^\\{}\r\n]+/.exec(source.slice(i, i + 4096))?.[0] ?? c;
    emit(run);
    i += run.length;
  }
  endParagraph();
  const clean = (v: string | undefined) => v?.replace(/\s+/g, ' ').trim() || null;
  return { paragraphs, title: clean(info.title), author: clean(info.author) };
}

/** An RTF file as the reading stages take it: plain paragraphs, read like text. */
export function rtfRawDocs(path: string, source: string, mtimeMs: number): RawDoc[] {
  let read: RtfText;
  try {
    read = readRtf(source.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FormatError(e instanceof Error ? e.message : String(e));
  }
  const doc = emptyRawDoc(path, mtimeMs);
  doc.title = read.title;
  doc.author = read.author;
  doc.paragraphs = read.paragraphs.map((text) => ({ text }));
  doc.news = true;
  return [doc];
}
