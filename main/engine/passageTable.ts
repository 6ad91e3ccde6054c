/**
 * The passage table: one row per passage slot in typed columns (document, kind, speaker,
 * date, topics, liveness, length), the dictionaries those columns point into, the documents
 * and the postings of every passage's words. Updates go through here; searching only reads.
 * Saving and loading (serialize.ts) read and fill these fields directly: they are the
 * saved format's source of truth.
 */
import type { ExtractedDocument, PassageKind } from '../common/contract';
import { isoDateRange } from '../common/query';
import { fold, forEachToken, STOP_WORDS } from './analyzer';
import { Grow } from './columns';
import { DocStore } from './docStore';
import { Postings } from './postings';
import { Vocabulary } from './vocabulary';

/** Field boost of a speaker's name folded into the passage's term frequencies. */
const SPEAKER_WEIGHT = 2;
/** Seal pending passages once this many are waiting, even without a search. */
const SEAL_EVERY = 50_000;

export const KIND_CODE: Record<PassageKind, number> = { quote: 0, turn: 1, narrative: 2 };

export class PassageTable {
  vocab = new Vocabulary();
  postings = new Postings();

  // Per-passage columns (slot = passage number; removed passages stay as dead slots)
  pDoc = new Grow(Uint32Array);
  pKind = new Grow(Uint8Array);
  pSpeaker = new Grow(Uint32Array);
  pDate = new Grow(Uint32Array);
  pTopicStart = Grow.from(Uint32Array, new Uint32Array(1));
  pTopics = new Grow(Uint16Array);
  pAlive = new Grow(Uint8Array);
  pLength = new Grow(Uint32Array);

  // Dictionaries; id 0 of speakers and dates means "none"
  speakers: string[] = [''];
  speakerIds = new Map<string, number>();
  speakerFolded: string[] = [''];
  speakerCount = new Grow(Uint32Array);
  topics: string[] = [];
  topicIds = new Map<string, number>();
  /** Live passages per topic, as speakerCount per speaker: dictionaries keep removed values. */
  topicCount = new Grow(Uint32Array);
  dates: string[] = [''];
  dateIds = new Map<string, number>();
  dateMin = Grow.from(Int32Array, new Int32Array(1));
  dateMax = Grow.from(Int32Array, new Int32Array(1));

  // Documents
  docs = new DocStore();
  docFirst = new Grow(Uint32Array);
  docPassages = new Grow(Uint32Array);
  docIndex = new Map<string, number>();
  docSource: Array<string | null> = [];
  sources = new Map<string, number[]>();

  liveDocs = 0;
  livePassages = 0;

  private scratchTf = new Uint32Array(1024);
  // Per-passage term counting, reused across passages (no allocation per passage).
  private touched: number[] = [];
  private curLength = 0;
  private curTfs = new Uint32Array(256);
  private speakerTerms: number[][] = [[]];

  constructor() {
    this.speakerCount.push(0);
  }

  /** Adds all documents read from one source file; replaces what that source had before. */
  addSource(sourceKey: string, docs: ExtractedDocument[]): void {
    this.removeSource(sourceKey);
    const added: number[] = [];
    for (const doc of docs) {
      if (!doc || !doc.document || typeof doc.document.id !== 'string' || !Array.isArray(doc.passages))
        continue;
      const prior = this.docIndex.get(doc.document.id);
      if (prior !== undefined) this.removeDoc(prior);
      added.push(this.addDoc(sourceKey, doc));
    }
    this.sources.set(sourceKey, added);
    if (this.postings.pending >= SEAL_EVERY) this.seal();
  }

  removeSource(sourceKey: string): boolean {
    const list = this.sources.get(sourceKey);
    if (!list) return false;
    // Detach the list before removing its documents: `removeDoc` unlinks a document from its
    // source's list, which would otherwise shorten the list under this loop and skip every other.
    this.sources.delete(sourceKey);
    for (const d of list) this.removeDoc(d);
    return true;
  }

  getDocument(docId: string): ExtractedDocument | undefined {
    const d = this.docIndex.get(docId);
    return d === undefined ? undefined : this.docs.get(d, this);
  }

  /** The sources in the index, for the service to diff against the disk. */
  sourceKeys(): string[] {
    return [...this.sources.keys()];
  }

  private internTerm(term: string): number {
    return this.vocab.intern(term);
  }

  private internSpeaker(name: string | null): number {
    if (name === null || typeof name !== 'string' || name.trim() === '') return 0;
    let id = this.speakerIds.get(name);
    if (id === undefined) {
      id = this.speakers.length;
      this.speakers.push(name);
      this.speakerIds.set(name, id);
      this.speakerFolded.push(fold(name));
      this.speakerCount.push(0);
    }
    return id;
  }

  private internTopic(topic: string): number {
    let id = this.topicIds.get(topic);
    if (id === undefined) {
      id = this.topics.length;
      this.topics.push(topic);
      this.topicIds.set(topic, id);
      this.topicCount.push(0);
    }
    return id;
  }

  private internDate(date: string | null): number {
    if (date === null || typeof date !== 'string') return 0;
    let id = this.dateIds.get(date);
    if (id === undefined) {
      const r = isoDateRange(date.slice(0, 10));
      if (!r) return 0;
      id = this.dates.length;
      this.dates.push(date);
      this.dateIds.set(date, id);
      this.dateMin.push(r.min);
      this.dateMax.push(r.max);
    }
    return id;
  }

  private countTerm(id: number, w: number): void {
    if (this.vocab.size >= this.scratchTf.length) {
      const next = new Uint32Array(this.vocab.size * 2);
      next.set(this.scratchTf);
      this.scratchTf = next;
    }
    if (this.scratchTf[id] === 0) this.touched.push(id);
    this.scratchTf[id]! += w;
    // Two-letter prefixes are the costliest words to search as typed (`re` expands to
    // thousands of terms and half the corpus), so every longer term also counts towards a
    // pseudo-term for its first two letters, whose postings answer such a prefix directly.
    const pre = this.vocab.prefixTermOf(id);
    if (pre >= 0) {
      if (this.scratchTf[pre] === 0) this.touched.push(pre);
      this.scratchTf[pre]! += w;
    }
  }

  private readonly onTextTerm = (term: string): void => {
    if (STOP_WORDS.has(term)) return;
    this.curLength++;
    this.countTerm(this.internTerm(term), 1);
  };

  private readonly onPlainTerm = (text: string, start: number, end: number): void => {
    const id = this.vocab.internRange(text, start, end);
    if (id < 0) return;
    this.curLength++;
    this.countTerm(id, 1);
  };

  private termsOf(text: string): number[] {
    const out: number[] = [];
    forEachToken(text, (term) => {
      if (!STOP_WORDS.has(term)) out.push(this.internTerm(term));
    });
    return out;
  }

  private addDoc(sourceKey: string, doc: ExtractedDocument): number {
    const d = this.docFirst.length;
    const first = this.pDoc.length;
    this.docFirst.push(first);
    this.docPassages.push(doc.passages.length);
    this.docs.setLive(d, doc);
    this.docSource.push(sourceKey);
    this.docIndex.set(doc.document.id, d);
    this.liveDocs++;
    const touched = this.touched;
    for (const passage of doc.passages) {
      const p = this.pDoc.length;
      this.pDoc.push(d);
      this.pKind.push(KIND_CODE[passage.kind] ?? 2);
      const spk = this.internSpeaker(passage.speaker);
      this.pSpeaker.push(spk);
      this.speakerCount.data[spk]!++;
      this.pDate.push(this.internDate(passage.date ?? doc.document.date));
      const topics =
        Array.isArray(passage.topics) && passage.topics.length > 0 ? passage.topics : doc.document.topics;
      const topicFrom = this.pTopics.length;
      for (const t of topics ?? []) {
        if (typeof t !== 'string' || t === '') continue;
        const id = this.internTopic(t);
        let dup = false;
        for (let j = topicFrom; j < this.pTopics.length; j++) if (this.pTopics.data[j] === id) dup = true;
        if (!dup) {
          this.pTopics.push(id);
          this.topicCount.data[id]!++;
        }
      }
      this.pTopicStart.push(this.pTopics.length);
      this.pAlive.push(1);
      this.livePassages++;

      // Term frequencies: the passage's own words, then its speaker's name with a field boost.
      // The document's title is not counted: a statement matches by what was said and who
      // said it, so "olympics" never returns "he added." from an article titled "…Olympics".
      touched.length = 0;
      this.curLength = 0;
      forEachToken(String(passage.text ?? ''), this.onTextTerm, this.onPlainTerm);
      if (spk !== 0) {
        let st = this.speakerTerms[spk];
        if (st === undefined) {
          st = this.termsOf(this.speakers[spk]!);
          this.speakerTerms[spk] = st;
        }
        for (const id of st) this.countTerm(id, SPEAKER_WEIGHT);
      }
      if (this.curTfs.length < touched.length) this.curTfs = new Uint32Array(touched.length * 2);
      const tfs = this.curTfs;
      for (let i = 0; i < touched.length; i++) {
        tfs[i] = this.scratchTf[touched[i]!]!;
        this.scratchTf[touched[i]!] = 0;
      }
      this.pLength.push(this.curLength);
      this.postings.add(p, touched, tfs, touched.length, this.curLength);
    }
    return d;
  }

  private removeDoc(d: number): void {
    if (!this.docs.has(d)) return;
    const first = this.docFirst.get(d);
    const n = this.docPassages.get(d);
    for (let p = first; p < first + n; p++) {
      if (this.pAlive.data[p] !== 1) continue;
      this.pAlive.data[p] = 0;
      this.speakerCount.data[this.pSpeaker.data[p]!]!--;
      for (let j = this.pTopicStart.data[p]!; j < this.pTopicStart.data[p + 1]!; j++)
        this.topicCount.data[this.pTopics.data[j]!]!--;
      this.postings.forgetLength(this.pLength.data[p]!);
      this.livePassages--;
    }
    const id = this.docs.id(d, this);
    if (id !== undefined && this.docIndex.get(id) === d) this.docIndex.delete(id);
    const src = this.docSource[d];
    if (src !== null && src !== undefined) {
      const list = this.sources.get(src);
      if (list) {
        const i = list.indexOf(d);
        if (i >= 0) list.splice(i, 1);
      }
    }
    this.docSource[d] = null;
    this.docs.remove(d);
    this.liveDocs--;
  }

  /** How many passages a term is in (dead ones until the postings are compacted). */
  df(term: number): number {
    return this.postings.df.data[term] ?? 0;
  }

  seal(): void {
    this.postings.seal(this.vocab.size, this.pAlive.data);
  }

  passageText(p: number): string {
    return this.docs.passageText(this.pDoc.data[p]!, p - this.docFirst.data[this.pDoc.data[p]!]!, this);
  }

  /** Rebuilds the look-up maps after `readIndex` filled the arrays. */
  restoreMaps(): void {
    this.speakerIds = new Map();
    this.speakerTerms = [[]];
    this.speakerFolded = [''];
    for (let i = 1; i < this.speakers.length; i++) {
      this.speakerIds.set(this.speakers[i]!, i);
      this.speakerFolded.push(fold(this.speakers[i]!));
    }
    this.topicIds = new Map(this.topics.map((t, i) => [t, i]));
    this.dateIds = new Map();
    this.dateMin = Grow.from(Int32Array, new Int32Array(1));
    this.dateMax = Grow.from(Int32Array, new Int32Array(1));
    for (let i = 1; i < this.dates.length; i++) {
      const r = isoDateRange(this.dates[i]!.slice(0, 10)) ?? { min: 0, max: 0 };
      this.dateIds.set(this.dates[i]!, i);
      this.dateMin.push(r.min);
      this.dateMax.push(r.max);
    }
    this.speakerCount = new Grow(Uint32Array, this.speakers.length + 16);
    for (let i = 0; i < this.speakers.length; i++) this.speakerCount.push(0);
    this.topicCount = new Grow(Uint32Array, this.topics.length + 16);
    for (let i = 0; i < this.topics.length; i++) this.topicCount.push(0);
    this.livePassages = 0;
    for (let p = 0; p < this.pDoc.length; p++) {
      if (this.pAlive.data[p] !== 1) continue;
      this.livePassages++;
      this.speakerCount.data[this.pSpeaker.data[p]!]!++;
      for (let j = this.pTopicStart.data[p]!; j < this.pTopicStart.data[p + 1]!; j++)
        this.topicCount.data[this.pTopics.data[j]!]!++;
    }
    this.docIndex = new Map();
    this.sources = new Map();
    this.liveDocs = 0;
    for (let d = 0; d < this.docFirst.length; d++) {
      const src = this.docSource[d];
      if (src === null || src === undefined || !this.docs.has(d)) continue;
      this.liveDocs++;
      const id = this.docs.id(d, this);
      if (id !== undefined) this.docIndex.set(id, d);
      let list = this.sources.get(src);
      if (!list) this.sources.set(src, (list = []));
      list.push(d);
    }
  }
}
