/**
 * The saved index: `DICTUMIX`, a format version, a JSON header (the small dictionaries and
 * the section table) and the typed arrays as raw little-endian bytes, each 8-byte aligned, so
 * loading is mostly taking views on the file's bytes. The vocabulary, the document ids and
 * the document sources are each one UTF-8 block split on a separator (one decode, no JSON
 * parse of hundreds of thousands of strings). Documents are one UTF-8 blob, last, that a
 * loaded index decodes lazily (docStore.ts) and may leave on disk.
 */
import { ByteSink, utf8Length } from './byteSink';
import { Grow } from './columns';
import { FLAG_INHERITED_DATE, FLAG_INHERITED_TOPICS, GENERATED_ID, type FrozenDocs } from './docStore';
import { Vocabulary } from './vocabulary';
import { materialize, Postings } from './postings';
import type { PassageTable } from './passageTable';

export const FORMAT_VERSION = 5;
const MAGIC = 'DICTUMIX';

type SectionType = 'u8' | 'u16' | 'u32';
interface SectionInfo {
  name: string;
  type: SectionType;
  offset: number;
  length: number;
}

/** Separates the terms of the vocabulary block: no analysed term holds a line break. */
const TERM_SEPARATOR = '\n';
/** Separates document ids and sources (paths): no path holds a NUL; an empty entry is null. */
const ID_SEPARATOR = '\u0000';

interface Header {
  termCount: number;
  documentCount: number;
  speakers: string[];
  topics: string[];
  dates: string[];
  lengthSum: number;
  lengthCount: number;
  segmentTerms: number;
  /** Postings in the segment (the ids are saved delta- and varint-encoded). */
  idsCount: number;
  /** Where the document blob starts in the file: everything before it is read up front. */
  documentsOffset: number;
  sections: SectionInfo[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function writeIndex(index: PassageTable): Uint8Array {
  const nDocs = index.docFirst.length;
  const nP = index.pDoc.length;
  // Size the blob once: texts are mostly ASCII, so their length is close to their bytes.
  const frozen = index.docs.frozen;
  let estimate = frozen ? frozen.blobLength : 0;
  for (let d = 0; d < nDocs; d++) estimate += (index.docs.liveDoc(d)?.text.length ?? 0) * 1.05 + 512;
  const blob = new ByteSink(Math.ceil(estimate));
  const metaOff = new Uint32Array(nDocs);
  const metaLen = new Uint32Array(nDocs);
  const textOff = new Uint32Array(nDocs);
  const textLen = new Uint32Array(nDocs);
  const pidOff = new Uint32Array(nP);
  const pidLen = new Uint32Array(nP);
  const ptextOff = new Uint32Array(nP);
  const ptextLen = new Uint32Array(nP);
  const pStart = new Uint32Array(nP);
  const pEnd = new Uint32Array(nP);
  const pFlags = new Uint8Array(nP);
  const docIds: Array<string | null> = new Array<string | null>(nDocs).fill(null);
  for (let d = 0; d < nDocs; d++) {
    if (!index.docs.has(d)) continue;
    const first = index.docFirst.data[d]!;
    const live = index.docs.liveDoc(d);
    if (!live && frozen) {
      // A document loaded from a saved index: copy its bytes as they are.
      docIds[d] = index.docs.id(d, index) ?? null;
      const base = blob.length;
      const from = frozen.metaOff[d]!;
      const to = frozen.textOff[d]! + frozen.textLen[d]!;
      blob.bytes(frozen.read(from, to - from));
      metaOff[d] = base;
      metaLen[d] = frozen.metaLen[d]!;
      textOff[d] = base + (frozen.textOff[d]! - from);
      textLen[d] = frozen.textLen[d]!;
      for (let p = first; p < first + index.docPassages.data[d]!; p++) {
        pStart[p] = frozen.pStart[p]!;
        pEnd[p] = frozen.pEnd[p]!;
        pFlags[p] = frozen.pFlags[p]!;
        if (frozen.pidLen[p] === GENERATED_ID) pidLen[p] = GENERATED_ID;
        else [pidOff[p], pidLen[p]] = blob.str(index.docs.passageId(d, p - first, index));
        const po = frozen.ptextOff[p]!;
        if (po >= from && po + frozen.ptextLen[p]! <= to) {
          ptextOff[p] = base + (po - from);
          ptextLen[p] = frozen.ptextLen[p]!;
        } else {
          ptextLen[p] = frozen.ptextLen[p]!;
          ptextOff[p] = blob.bytes(frozen.read(po, frozen.ptextLen[p]!));
        }
      }
      continue;
    }
    const doc = live;
    if (!doc) continue;
    docIds[d] = doc.document.id;
    [metaOff[d], metaLen[d]] = blob.str(JSON.stringify(doc.document));
    const text = String(doc.text ?? '');
    [textOff[d], textLen[d]] = blob.str(text);
    let charPos = 0;
    let bytePos = 0;
    const idPrefix = `${doc.document.id}#`;
    for (let within = 0; within < doc.passages.length; within++) {
      const passage = doc.passages[within]!;
      const p = first + within;
      const pid = String(passage.id);
      // Ids of the usual form "<document id>#<n>" are not stored.
      if (
        pid.length === idPrefix.length + String(within).length &&
        pid.startsWith(idPrefix) &&
        pid.endsWith(String(within))
      ) {
        pidLen[p] = GENERATED_ID;
      } else {
        [pidOff[p], pidLen[p]] = blob.str(pid);
      }
      const s = passage.start;
      const e = passage.end;
      pStart[p] = Number.isInteger(s) && s >= 0 ? s : 0;
      pEnd[p] = Number.isInteger(e) && e >= 0 ? e : 0;
      if (
        Number.isInteger(s) &&
        Number.isInteger(e) &&
        s >= 0 &&
        e <= text.length &&
        s <= e &&
        text.slice(s, e) === passage.text
      ) {
        // Point into the document's text instead of storing the passage again.
        if (s < charPos) {
          charPos = 0;
          bytePos = 0;
        }
        bytePos += utf8Length(text, charPos, s);
        charPos = s;
        ptextOff[p] = textOff[d]! + bytePos;
        ptextLen[p] = utf8Length(text, s, e);
      } else {
        [ptextOff[p], ptextLen[p]] = blob.str(String(passage.text ?? ''));
      }
      let flags = 0;
      if (passage.date === null || passage.date === undefined) flags |= FLAG_INHERITED_DATE;
      if (!Array.isArray(passage.topics) || passage.topics.length === 0) flags |= FLAG_INHERITED_TOPICS;
      pFlags[p] = flags;
    }
  }
  const seg0 = index.postings.segments[0];
  if (seg0) materialize(seg0);
  const seg = index.postings.segments[0] ?? {
    terms: 0,
    offsets: new Uint32Array(1),
    ids: new Uint32Array(0),
    impacts: new Uint8Array(0),
  };
  const idsVarint = encodeIds(seg);
  const arrays: Array<[string, SectionType, Uint8Array | Uint16Array | Uint32Array]> = [
    ['terms', 'u8', encoder.encode(joinBlock(index.vocab.terms, TERM_SEPARATOR))],
    ['docIds', 'u8', encoder.encode(joinBlock(docIds, ID_SEPARATOR))],
    ['docSource', 'u8', encoder.encode(joinBlock(index.docSource.slice(0, nDocs), ID_SEPARATOR))],
    ['termsSorted', 'u32', index.vocab.sortedIds()],
    ['seg.offsets', 'u32', seg.offsets],
    ['seg.idsVarint', 'u8', idsVarint.bytes],
    ['seg.idsByteOffsets', 'u32', idsVarint.byteOffsets],
    ['seg.impacts', 'u8', seg.impacts],
    ['pDoc', 'u32', index.pDoc.data.subarray(0, nP)],
    ['pKind', 'u8', index.pKind.data.subarray(0, nP)],
    ['pSpeaker', 'u32', index.pSpeaker.data.subarray(0, nP)],
    ['pDate', 'u32', index.pDate.data.subarray(0, nP)],
    ['pTopicStart', 'u32', index.pTopicStart.data.subarray(0, nP + 1)],
    ['pTopics', 'u16', index.pTopics.data.subarray(0, index.pTopics.length)],
    ['pAlive', 'u8', index.pAlive.data.subarray(0, nP)],
    ['pLength', 'u32', index.pLength.data.subarray(0, nP)],
    ['docFirst', 'u32', index.docFirst.data.subarray(0, nDocs)],
    ['docPassages', 'u32', index.docPassages.data.subarray(0, nDocs)],
    ['metaOff', 'u32', metaOff],
    ['metaLen', 'u32', metaLen],
    ['textOff', 'u32', textOff],
    ['textLen', 'u32', textLen],
    ['pidOff', 'u32', pidOff],
    ['pidLen', 'u32', pidLen],
    ['ptextOff', 'u32', ptextOff],
    ['ptextLen', 'u32', ptextLen],
    ['pStart', 'u32', pStart],
    ['pEnd', 'u32', pEnd],
    ['pFlags', 'u8', pFlags],
    // Last, so that a loaded index can leave the documents on disk (see `bytesNeeded`).
    ['blob', 'u8', blob.buf.subarray(0, blob.length)],
  ];
  const sections: SectionInfo[] = [];
  let offset = 0;
  for (const [name, type, a] of arrays) {
    sections.push({ name, type, offset, length: a.length });
    offset += align8(a.byteLength);
  }
  const stats = index.postings.stats;
  const header: Header = {
    termCount: index.vocab.terms.length,
    documentCount: nDocs,
    speakers: index.speakers,
    topics: index.topics,
    dates: index.dates,
    lengthSum: stats.lengthSum,
    lengthCount: stats.lengthCount,
    segmentTerms: seg.terms,
    idsCount: seg.ids.length,
    documentsOffset: 0,
    sections,
  };
  // documentsOffset depends on the header's own length: leave room for its digits.
  let headerBytes = encoder.encode(JSON.stringify(header));
  header.documentsOffset = align8(16 + headerBytes.length + 32) + sections[sections.length - 1]!.offset;
  headerBytes = encoder.encode(JSON.stringify(header));
  const dataStart = header.documentsOffset - sections[sections.length - 1]!.offset;
  if (dataStart < 16 + headerBytes.length) throw new Error('engine: saved index header grew unexpectedly');
  const out = new Uint8Array(dataStart + offset);
  out.set(encoder.encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, FORMAT_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  for (let i = 0; i < arrays.length; i++) {
    const a = arrays[i]![2];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), dataStart + sections[i]!.offset);
  }
  return out;
}

/** Postings ids as varints of the gap to the previous id of the same term (about a third of the bytes). */
function encodeIds(seg: { terms: number; offsets: Uint32Array; ids: Uint32Array }): {
  bytes: Uint8Array;
  byteOffsets: Uint32Array;
} {
  const out = new Uint8Array(Math.max(16, seg.ids.length * 5));
  const byteOffsets = new Uint32Array(seg.terms + 1);
  let n = 0;
  for (let t = 0; t < seg.terms; t++) {
    byteOffsets[t] = n;
    let prev = 0;
    for (let i = seg.offsets[t]!; i < seg.offsets[t + 1]!; i++) {
      let v = seg.ids[i]! - prev;
      prev = seg.ids[i]!;
      while (v >= 0x80) {
        out[n++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      out[n++] = v;
    }
  }
  byteOffsets[seg.terms] = n;
  return { bytes: out.subarray(0, n), byteOffsets };
}

/** Strings joined by a separator none of them holds; null is written as the empty string. */
function joinBlock(items: ReadonlyArray<string | null>, separator: string): string {
  for (const item of items)
    if (item !== null && item.includes(separator))
      throw new Error('engine: a saved name holds its separator');
  return items.map((item) => item ?? '').join(separator);
}

/** The strings of a block; `count` says how many (zero strings and one empty string differ). */
function splitBlock(bytes: Uint8Array, separator: string, count: number): string[] {
  if (count === 0) return [];
  const parts = decoder.decode(bytes).split(separator);
  if (parts.length !== count) fail('has a corrupt name block');
  return parts;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function fail(message: string): never {
  throw new Error(`engine: saved index ${message}; rebuild it`);
}

/**
 * How many bytes from the start of a saved index `deserialize` needs in memory when the
 * documents are read on demand (`readDocuments`). Give it at least the first 16 bytes; while
 * it returns more than `head.length`, read that many and ask again (the header comes next).
 */
export function bytesNeeded(head: Uint8Array): number {
  if (head.length < 16) return 16;
  if (decoder.decode(head.subarray(0, 8)) !== MAGIC) fail('is not a Dictum index (bad magic)');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const version = view.getUint32(8, true);
  if (version !== FORMAT_VERSION)
    fail(`has format version ${version}, this Dictum reads version ${FORMAT_VERSION}`);
  const headerEnd = 16 + view.getUint32(12, true);
  if (head.length < headerEnd) return headerEnd;
  return parseHeader(head.subarray(16, headerEnd)).documentsOffset;
}

function parseHeader(bytes: Uint8Array): Header {
  let header: Header;
  try {
    header = JSON.parse(decoder.decode(bytes)) as Header;
  } catch {
    fail('has a corrupt header');
  }
  if (
    !header ||
    !Number.isInteger(header.termCount) ||
    !Number.isInteger(header.documentCount) ||
    !Array.isArray(header.sections) ||
    !Number.isInteger(header.documentsOffset) ||
    !Number.isInteger(header.idsCount)
  ) {
    fail('has a corrupt header');
  }
  return header;
}

export function readIndex(
  index: PassageTable,
  input: Uint8Array,
  readDocuments?: (offset: number, length: number) => Uint8Array,
): void {
  if (!(input instanceof Uint8Array) || input.length < 16) fail('is empty or truncated');
  if (decoder.decode(input.subarray(0, 8)) !== MAGIC) fail('is not a Dictum index (bad magic)');
  // Typed views need aligned offsets; a misaligned buffer is copied once.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== FORMAT_VERSION)
    fail(`has format version ${version}, this Dictum reads version ${FORMAT_VERSION}`);
  const headerLen = view.getUint32(12, true);
  if (16 + headerLen > bytes.length) fail('is truncated (header)');
  const header = parseHeader(bytes.subarray(16, 16 + headerLen));
  const blobInfo = header.sections[header.sections.length - 1];
  if (!blobInfo || blobInfo.name !== 'blob') fail('lacks its document blob');
  const dataStart = header.documentsOffset - blobInfo.offset;
  if (dataStart < 16 + headerLen) fail('has a corrupt header');
  const sec = new Map(header.sections.map((s) => [s.name, s]));
  const size: Record<SectionType, number> = { u8: 1, u16: 2, u32: 4 };
  function get(name: string, type: 'u8'): Uint8Array;
  function get(name: string, type: 'u16'): Uint16Array;
  function get(name: string, type: 'u32'): Uint32Array;
  function get(name: string, type: SectionType): Uint8Array | Uint16Array | Uint32Array {
    const s = sec.get(name);
    if (!s || s.type !== type || !Number.isInteger(s.offset) || !Number.isInteger(s.length))
      fail(`lacks section ${name}`);
    const start = bytes.byteOffset + dataStart + s.offset;
    if (dataStart + s.offset + s.length * size[type] > bytes.length) fail(`is truncated (section ${name})`);
    if (type === 'u8') return new Uint8Array(bytes.buffer, start, s.length);
    if (type === 'u16') return new Uint16Array(bytes.buffer, start, s.length);
    return new Uint32Array(bytes.buffer, start, s.length);
  }
  const offsets = get('seg.offsets', 'u32');
  const impacts = get('seg.impacts', 'u8');
  const nP = get('pDoc', 'u32').length;
  const nDocs = get('docFirst', 'u32').length;
  if (offsets.length !== header.segmentTerms + 1 || offsets[offsets.length - 1] !== header.idsCount) {
    fail('has corrupt postings');
  }
  if (impacts.length !== header.idsCount || header.segmentTerms > header.termCount)
    fail('has corrupt postings');
  for (let t = 0; t < header.segmentTerms; t++)
    if (offsets[t]! > offsets[t + 1]!) fail('has corrupt postings');
  const idsBytes = get('seg.idsVarint', 'u8');
  const byteOffsets = get('seg.idsByteOffsets', 'u32');
  if (
    byteOffsets.length !== header.segmentTerms + 1 ||
    byteOffsets[header.segmentTerms] !== idsBytes.length
  ) {
    fail('has corrupt postings');
  }
  for (let t = 0; t < header.segmentTerms; t++)
    if (byteOffsets[t]! > byteOffsets[t + 1]!) fail('has corrupt postings');
  // Ids are decoded per term on first use (postings.ts); the array is zero pages until then.
  const ids = new Uint32Array(header.idsCount);
  const lazy = { bytes: idsBytes, byteOffsets, decoded: new Uint8Array(header.segmentTerms) };
  // Passage ids in the postings are not checked one by one (too slow for a cold start); a
  // corrupt one makes a search fail with a note, never a crash.
  const sizes: Array<[string, SectionType, number]> = [
    ['pKind', 'u8', nP],
    ['pSpeaker', 'u32', nP],
    ['pDate', 'u32', nP],
    ['pTopicStart', 'u32', nP + 1],
    ['pAlive', 'u8', nP],
    ['pLength', 'u32', nP],
    ['docPassages', 'u32', nDocs],
  ];
  for (const [name, type, n] of sizes)
    if (sec.get(name)?.length !== n || sec.get(name)?.type !== type) fail(`has a corrupt section ${name}`);
  if (header.documentCount !== nDocs) fail('has a corrupt document table');
  const terms = splitBlock(get('terms', 'u8'), TERM_SEPARATOR, header.termCount);
  const docIds = splitBlock(get('docIds', 'u8'), ID_SEPARATOR, nDocs).map((id) => (id === '' ? null : id));
  const docSource = splitBlock(get('docSource', 'u8'), ID_SEPARATOR, nDocs).map((source) =>
    source === '' ? null : source,
  );

  const sorted = get('termsSorted', 'u32');
  if (sorted.length !== terms.length) fail('has a corrupt vocabulary');
  for (let i = 0; i < sorted.length; i++) if (sorted[i]! >= sorted.length) fail('has a corrupt vocabulary');
  index.vocab = Vocabulary.restore(terms, sorted);
  index.speakers = header.speakers;
  index.topics = header.topics;
  index.dates = header.dates;
  index.docSource = docSource;
  index.postings = Postings.restore(
    { terms: header.segmentTerms, offsets, ids, impacts, lazy },
    header.lengthSum,
    header.lengthCount,
  );
  // Terms added after saving extend df; keep one entry per known term.
  while (index.postings.df.length < terms.length) index.postings.df.push(0);
  index.pDoc = Grow.adopt(Uint32Array, get('pDoc', 'u32'));
  index.pKind = Grow.adopt(Uint8Array, get('pKind', 'u8'));
  index.pSpeaker = Grow.adopt(Uint32Array, get('pSpeaker', 'u32'));
  index.pDate = Grow.adopt(Uint32Array, get('pDate', 'u32'));
  index.pTopicStart = Grow.adopt(Uint32Array, get('pTopicStart', 'u32'));
  index.pTopics = Grow.adopt(Uint16Array, get('pTopics', 'u16'));
  index.pAlive = Grow.adopt(Uint8Array, get('pAlive', 'u8'));
  index.pLength = Grow.adopt(Uint32Array, get('pLength', 'u32'));
  index.docFirst = Grow.adopt(Uint32Array, get('docFirst', 'u32'));
  index.docPassages = Grow.adopt(Uint32Array, get('docPassages', 'u32'));
  // The blob: in memory when the bytes hold it, else read on demand.
  const blobStart = header.documentsOffset;
  const blobLength = blobInfo.length;
  let read: FrozenDocs['read'];
  if (bytes.length >= blobStart + blobLength) {
    const blob = new Uint8Array(bytes.buffer, bytes.byteOffset + blobStart, blobLength);
    read = (offset, length) => blob.subarray(offset, offset + length);
  } else if (readDocuments) {
    read = (offset, length) => {
      if (offset + length > blobLength) throw new Error('engine: document read past the saved blob');
      return readDocuments(blobStart + offset, length);
    };
  } else {
    fail('is truncated (documents)');
  }
  const frozen: FrozenDocs = {
    read,
    blobLength,
    metaOff: get('metaOff', 'u32'),
    metaLen: get('metaLen', 'u32'),
    textOff: get('textOff', 'u32'),
    textLen: get('textLen', 'u32'),
    pidOff: get('pidOff', 'u32'),
    pidLen: get('pidLen', 'u32'),
    ptextOff: get('ptextOff', 'u32'),
    ptextLen: get('ptextLen', 'u32'),
    pStart: get('pStart', 'u32'),
    pEnd: get('pEnd', 'u32'),
    pFlags: get('pFlags', 'u8'),
  };
  for (let d = 0; d < nDocs; d++) {
    if (
      frozen.metaOff[d]! + frozen.metaLen[d]! > blobLength ||
      frozen.textOff[d]! + frozen.textLen[d]! > blobLength
    ) {
      fail('has a corrupt document table');
    }
  }
  index.docs.setFrozen(frozen, docIds);
  index.restoreMaps();
}
