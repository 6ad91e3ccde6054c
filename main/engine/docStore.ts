/**
 * Where the index keeps its documents. Documents added live are the caller's objects (no
 * copy). A loaded index keeps them as one UTF-8 blob with offsets and decodes a document,
 * a passage's text or id only when a search or `getDocument` asks, so loading a million
 * passages does not build a million objects and no text is held twice.
 */
import type { DocumentMeta, ExtractedDocument, Passage } from '../common/contract';
import { PASSAGE_KINDS } from '../common/contract';
import { placeAt } from '../common/pages';

/** The columns of the index the store reads to rebuild passages of a loaded document. */
export interface PassageColumns {
  docFirst: { data: Uint32Array };
  docPassages: { data: Uint32Array };
  pKind: { data: Uint8Array };
  pSpeaker: { data: Uint32Array };
  pDate: { data: Uint32Array };
  pTopicStart: { data: Uint32Array };
  pTopics: { data: Uint16Array };
  speakers: string[];
  topics: string[];
  dates: string[];
}

/** A loaded index's documents; offsets are byte offsets into the blob `read` gives access to. */
export interface FrozenDocs {
  /** Bytes of the blob; the whole blob may be in memory or read on demand from the file. */
  read: (offset: number, length: number) => Uint8Array;
  blobLength: number;
  /** Per document: meta JSON and clean text. */
  metaOff: Uint32Array;
  metaLen: Uint32Array;
  textOff: Uint32Array;
  textLen: Uint32Array;
  /** Per passage slot: id and text bytes, character offsets in the document, flags. */
  pidOff: Uint32Array;
  pidLen: Uint32Array;
  ptextOff: Uint32Array;
  ptextLen: Uint32Array;
  pStart: Uint32Array;
  pEnd: Uint32Array;
  /** Bit 0: the passage had no date of its own; bit 1: no topics of its own. */
  pFlags: Uint8Array;
}

export const FLAG_INHERITED_DATE = 1;
export const FLAG_INHERITED_TOPICS = 2;
/** `pidLen` of a passage whose id is "<document id>#<index in document>" (not stored). */
export const GENERATED_ID = 0xffffffff;

const decoder = new TextDecoder();

export class DocStore {
  private live: Array<ExtractedDocument | null | undefined> = [];
  /** Documents `< frozenCount` not replaced or removed live come from `frozen`. */
  frozen: FrozenDocs | null = null;
  private frozenGone = new Set<number>();
  /** Ids of the loaded documents, so loading decodes no document metadata. */
  private frozenIds: Array<string | null> = [];
  private metaCache = new Map<number, DocumentMeta>();

  setLive(d: number, doc: ExtractedDocument): void {
    this.live[d] = doc;
  }

  setFrozen(frozen: FrozenDocs, ids: Array<string | null>): void {
    this.frozen = frozen;
    this.frozenIds = ids;
    this.live = [];
    this.frozenGone.clear();
    for (let d = 0; d < ids.length; d++) if (typeof ids[d] !== 'string') this.frozenGone.add(d);
  }

  private isFrozen(d: number): boolean {
    return (
      this.frozen !== null &&
      d < this.frozen.metaOff.length &&
      this.live[d] === undefined &&
      !this.frozenGone.has(d)
    );
  }

  has(d: number): boolean {
    const l = this.live[d];
    if (l) return true;
    return this.isFrozen(d);
  }

  remove(d: number): void {
    if (this.live[d] !== undefined) this.live[d] = null;
    if (this.frozen !== null && d < this.frozen.metaOff.length) this.frozenGone.add(d);
    this.metaCache.delete(d);
  }

  meta(d: number, _cols: PassageColumns): DocumentMeta {
    const l = this.live[d];
    if (l) return l.document;
    let m = this.metaCache.get(d);
    if (m === undefined) {
      const f = this.frozen!;
      m = JSON.parse(decoder.decode(f.read(f.metaOff[d]!, f.metaLen[d]!))) as DocumentMeta;
      if (this.metaCache.size > 512) this.metaCache.clear();
      this.metaCache.set(d, m);
    }
    return m;
  }

  id(d: number, cols: PassageColumns): string | undefined {
    if (!this.has(d)) return undefined;
    if (this.isFrozen(d)) return this.frozenIds[d] ?? undefined;
    return this.meta(d, cols).id;
  }

  passageId(d: number, within: number, cols: PassageColumns): string {
    const l = this.live[d];
    if (l) return String(l.passages[within]?.id ?? '');
    const f = this.frozen!;
    const p = cols.docFirst.data[d]! + within;
    if (f.pidLen[p] === GENERATED_ID) return `${this.frozenIds[d] ?? ''}#${within}`;
    return decoder.decode(f.read(f.pidOff[p]!, f.pidLen[p]!));
  }

  passageText(d: number, within: number, cols: PassageColumns): string {
    const l = this.live[d];
    if (l) return String(l.passages[within]?.text ?? '');
    const f = this.frozen;
    if (!f) return '';
    const p = cols.docFirst.data[d]! + within;
    return decoder.decode(f.read(f.ptextOff[p]!, f.ptextLen[p]!));
  }

  /** The passage's character offsets in its document's clean text. */
  passageStart(d: number, within: number, cols: PassageColumns): number {
    const l = this.live[d];
    if (l) return l.passages[within]?.start ?? 0;
    return this.frozen?.pStart[cols.docFirst.data[d]! + within] ?? 0;
  }

  passageEnd(d: number, within: number, cols: PassageColumns): number {
    const l = this.live[d];
    if (l) return l.passages[within]?.end ?? 0;
    return this.frozen?.pEnd[cols.docFirst.data[d]! + within] ?? 0;
  }

  /** The whole document, rebuilt from the blob and the index's columns when it was loaded. */
  get(d: number, cols: PassageColumns): ExtractedDocument | undefined {
    const l = this.live[d];
    if (l) return l;
    if (!this.isFrozen(d)) return undefined;
    const f = this.frozen!;
    const document = { ...this.meta(d, cols), topics: [...this.meta(d, cols).topics] };
    const text = decoder.decode(f.read(f.textOff[d]!, f.textLen[d]!));
    const first = cols.docFirst.data[d]!;
    const n = cols.docPassages.data[d]!;
    const passages: Passage[] = [];
    for (let p = first; p < first + n; p++) {
      const within = p - first;
      const flags = f.pFlags[p]!;
      const topics: string[] = [];
      if ((flags & FLAG_INHERITED_TOPICS) === 0) {
        for (let j = cols.pTopicStart.data[p]!; j < cols.pTopicStart.data[p + 1]!; j++) {
          topics.push(cols.topics[cols.pTopics.data[j]!]!);
        }
      }
      const dateId = cols.pDate.data[p]!;
      const spk = cols.pSpeaker.data[p]!;
      passages.push({
        id: this.passageId(d, within, cols),
        kind: PASSAGE_KINDS[cols.pKind.data[p]!] ?? 'narrative',
        speaker: spk === 0 ? null : cols.speakers[spk]!,
        text: this.passageText(d, within, cols),
        start: f.pStart[p]!,
        end: f.pEnd[p]!,
        topics,
        date: (flags & FLAG_INHERITED_DATE) !== 0 || dateId === 0 ? null : cols.dates[dateId]!,
        ...placeAt(document.pages, f.pStart[p]!),
      });
    }
    return { document, text, passages };
  }

  /** The live object, if the document was added live (serialisation reads it directly). */
  liveDoc(d: number): ExtractedDocument | null {
    return this.live[d] ?? null;
  }
}
