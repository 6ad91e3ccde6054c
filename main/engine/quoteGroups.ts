/**
 * Quote groups: statements with the same words in different documents. Two statements are
 * linked when the shorter one's word shingles are nearly all (CONTAINMENT) in the longer one,
 * so a fragment joins the quote it was cut from; statements of fewer than MIN_WORDS words are
 * never linked, so common short phrases do not merge unrelated quotes. A group is a connected
 * set of linked statements from at least two documents.
 *
 * Kept up to date document by document: removing or adding a document re-links only its own
 * statements and re-forms only the groups they touched. Links depend on the two statements
 * alone, so the groups after any sequence of updates equal those of a fresh build.
 */
import type { ExtractedDocument } from '../common/contract';
import { fnv1a } from '../common/hash';
import { quoteWords, sharedCount, shinglesOf } from './quoteWords';

/** Statements shorter than this are left out of groups. */
export const MIN_WORDS = 10;
/** Share of the shorter statement's shingles the longer must hold for the two to link. */
export const CONTAINMENT = 0.7;
/** A statement with this share of the longest one's shingles counts as a full version. */
const FULL_VERSION = 0.8;

/** One statement that may belong to a group, with what a group lists about it. */
export interface QuoteStatement {
  passageId: string;
  docId: string;
  kind: string;
  speaker: string | null;
  date: string | null;
  title: string;
  source: string | null;
  path: string;
  /** Which shard (or other owner) holds it: the caller routes group changes by it. */
  owner: number;
}

/** What a statement of a group carries in the index: the group, its size, its place in it. */
export interface GroupMark {
  group: string;
  /** Documents that report the group's words. */
  sources: number;
  /** The statement's place in the group's order: earliest date first (undated last), then id. */
  ordinal: number;
  /** The first report: its date and who published it (the source, else the title). */
  firstDate: string | null;
  firstBy: string;
}

export interface QuoteGroup {
  id: string;
  /** The statements, in the group's order (the first is the first report). */
  members: QuoteStatement[];
  speakers: string[];
  sources: number;
}

interface Entry extends QuoteStatement {
  shingles: Uint32Array;
  links: Set<Entry>;
  group: QuoteGroup | null;
  /** Its place in its group's order. */
  ordinal: number;
}

/** Words worth grouping: the statement's text reduced to shingles, or null when too short. */
export function groupingShingles(text: string): Uint32Array | null {
  const words = quoteWords(text);
  if (words.length < MIN_WORDS) return null;
  return shinglesOf(words);
}

/** Of a statement with `n` shingles, the smallest hashes any linked statement must share one of. */
function prefixLength(n: number): number {
  return n - Math.ceil(CONTAINMENT * n) + 1;
}

function linked(a: Entry, b: Entry): boolean {
  if (a.docId === b.docId && a.passageId === b.passageId) return false;
  const shorter = Math.min(a.shingles.length, b.shingles.length);
  return sharedCount(a.shingles, b.shingles) >= Math.ceil(CONTAINMENT * shorter);
}

function memberOrder(a: QuoteStatement, b: QuoteStatement): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return compareIds(a.docId, b.docId) || compareIds(a.passageId, b.passageId);
}

export class QuoteGroups {
  private readonly byDoc = new Map<string, Entry[]>();
  /** Every shingle → the statements that have it. */
  private readonly full = new Map<number, Set<Entry>>();
  /** Shingle → the statements whose prefix (smallest hashes) has it. */
  private readonly prefix = new Map<number, Set<Entry>>();
  private readonly groups = new Map<string, QuoteGroup>();

  get groupCount(): number {
    return this.groups.size;
  }

  group(id: string): QuoteGroup | undefined {
    return this.groups.get(id);
  }

  /**
   * The group's earliest full version: the first report among those nearly as long as its
   * longest statement (a fragment is never the reference of the quote it was cut from).
   */
  reference(id: string): QuoteStatement | undefined {
    const members = this.groups.get(id)?.members as Entry[] | undefined;
    if (!members) return undefined;
    const longest = Math.max(...members.map((m) => m.shingles.length));
    return members.find((m) => m.shingles.length >= FULL_VERSION * longest);
  }

  allGroups(): IterableIterator<QuoteGroup> {
    return this.groups.values();
  }

  /**
   * Replaces the statements of the given documents (a document absent from `added` is removed)
   * and re-forms the groups they touch. Returns every statement whose mark changed: its new
   * mark, or null when it no longer belongs to a group.
   */
  update(
    removedDocs: Iterable<string>,
    added: Array<{ statement: QuoteStatement; shingles: Uint32Array }>,
  ): Map<string, { statement: QuoteStatement; mark: GroupMark | null }> {
    const touched = new Set<Entry>();
    const oldGroups = new Set<QuoteGroup>();
    for (const docId of removedDocs) {
      for (const entry of this.byDoc.get(docId) ?? []) {
        for (const other of entry.links) {
          other.links.delete(entry);
          touched.add(other);
        }
        if (entry.group) oldGroups.add(entry.group);
        touched.delete(entry);
        this.unindex(entry);
      }
      this.byDoc.delete(docId);
    }
    // Longest first: a statement added later is then never longer than those of this batch,
    // so it looks for shorter ones only among the statements held before (often none).
    let shortestBefore = Infinity;
    for (const list of this.byDoc.values())
      for (const e of list) shortestBefore = Math.min(shortestBefore, e.shingles.length);
    const batch = [...added].sort((a, b) => b.shingles.length - a.shingles.length);
    for (const { statement, shingles } of batch) {
      const entry: Entry = { ...statement, shingles, links: new Set(), group: null, ordinal: 0 };
      for (const other of this.candidates(entry, shortestBefore < shingles.length)) {
        if (linked(entry, other)) {
          entry.links.add(other);
          other.links.add(entry);
          touched.add(other);
        }
      }
      this.index(entry);
      touched.add(entry);
    }
    for (const entry of touched) if (entry.group) oldGroups.add(entry.group);

    const before = new Map<Entry, GroupMark | null>();
    const markOf = (entry: Entry): GroupMark | null =>
      entry.group ? markIn(entry.group, entry.ordinal) : null;
    const affected = new Set<Entry>(touched);
    for (const g of oldGroups) {
      this.groups.delete(g.id);
      for (const member of g.members as Entry[]) affected.add(member);
    }
    const removedMarks = new Map<string, { statement: QuoteStatement; mark: GroupMark | null }>();
    for (const g of oldGroups) {
      for (const member of g.members as Entry[]) {
        if (!this.byDoc.get(member.docId)?.includes(member)) {
          // A removed statement: its old mark goes with it.
          removedMarks.set(key(member), { statement: member, mark: null });
          affected.delete(member);
        }
      }
    }
    for (const entry of affected) {
      before.set(entry, markOf(entry));
      entry.group = null;
    }
    const seen = new Set<Entry>();
    for (const start of affected) {
      if (seen.has(start)) continue;
      const component = this.componentOf(start, seen);
      const docs = new Set(component.map((entry) => entry.docId));
      if (docs.size < 2) continue;
      component.sort(memberOrder);
      const minId = component.reduce((m, e) => (compareIds(key(e), m) < 0 ? key(e) : m), key(component[0]!));
      const id = groupId(minId);
      const speakers = [...new Set(component.map((e) => e.speaker).filter((s): s is string => s !== null))];
      const group: QuoteGroup = { id, members: component, speakers, sources: docs.size };
      this.groups.set(id, group);
      component.forEach((entry, ordinal) => {
        entry.group = group;
        entry.ordinal = ordinal;
      });
    }
    const changes = removedMarks;
    for (const [entry, old] of before) {
      const now = markOf(entry);
      if (JSON.stringify(now) !== JSON.stringify(old))
        changes.set(key(entry), { statement: entry, mark: now });
    }
    return changes;
  }

  /** Every statement in a group, with its mark. */
  marks(): Array<{ statement: QuoteStatement; mark: GroupMark }> {
    const out: Array<{ statement: QuoteStatement; mark: GroupMark }> = [];
    for (const g of this.groups.values()) {
      g.members.forEach((statement, ordinal) => out.push({ statement, mark: markIn(g, ordinal) }));
    }
    return out;
  }

  private componentOf(start: Entry, seen: Set<Entry>): Entry[] {
    const out: Entry[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const entry = stack.pop()!;
      out.push(entry);
      for (const other of entry.links) {
        if (!seen.has(other)) {
          seen.add(other);
          stack.push(other);
        }
      }
    }
    return out;
  }

  /** Statements that may link with `entry`: prefix filtering in both directions. */
  private candidates(entry: Entry, shorterHeld: boolean): Set<Entry> {
    const found = new Set<Entry>();
    const n = entry.shingles.length;
    // As the shorter one: a longer statement holding enough of its shingles has one of its prefix.
    for (let i = 0; i < prefixLength(n); i++) {
      for (const other of this.full.get(entry.shingles[i]!) ?? [])
        if (other.shingles.length >= n) found.add(other);
    }
    // As the longer one: a shorter statement it holds has one of its prefix shingles here.
    if (!shorterHeld) return found;
    for (const shingle of entry.shingles) {
      for (const other of this.prefix.get(shingle) ?? []) if (other.shingles.length <= n) found.add(other);
    }
    return found;
  }

  private index(entry: Entry): void {
    const list = this.byDoc.get(entry.docId);
    if (list) list.push(entry);
    else this.byDoc.set(entry.docId, [entry]);
    for (const s of entry.shingles) addTo(this.full, s, entry);
    for (let i = 0; i < prefixLength(entry.shingles.length); i++)
      addTo(this.prefix, entry.shingles[i]!, entry);
  }

  private unindex(entry: Entry): void {
    for (const s of entry.shingles) removeFrom(this.full, s, entry);
    for (let i = 0; i < prefixLength(entry.shingles.length); i++)
      removeFrom(this.prefix, entry.shingles[i]!, entry);
  }
}

function markIn(g: QuoteGroup, ordinal: number): GroupMark {
  const first = g.members[0]!;
  return {
    group: g.id,
    sources: g.sources,
    ordinal,
    firstDate: first.date,
    firstBy: first.source ?? first.title,
  };
}

function key(statement: QuoteStatement): string {
  return statement.passageId;
}

/** A stable id from the group's smallest statement id. */
function groupId(minPassageId: string): string {
  const a = fnv1a(minPassageId).toString(16).padStart(8, '0');
  const b = fnv1a(`${minPassageId}\u0000`).toString(16).padStart(8, '0');
  return `g${a}${b}`;
}

function addTo(map: Map<number, Set<Entry>>, k: number, entry: Entry): void {
  const set = map.get(k);
  if (set) set.add(entry);
  else map.set(k, new Set([entry]));
}

function removeFrom(map: Map<number, Set<Entry>>, k: number, entry: Entry): void {
  const set = map.get(k);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) map.delete(k);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A statement with the shingles it is grouped by. */
export interface GroupableStatement {
  statement: QuoteStatement;
  shingles: Uint32Array;
}

/**
 * Kinds of statements that are grouped: quoted words, the ones outlets repeat. Transcript turns
 * are left out: a folder of briefings holds hundreds of thousands of them, and their set phrases
 * ("thank you all for coming…") chained unrelated occasions into one group while the grouping
 * held every turn's shingles in memory (1.5 GB and minutes before the first answer on 1,850
 * White House briefings).
 */
const GROUPED_KINDS = new Set(['quote']);

/** The statements of a document that may join quote groups. */
export function groupableStatements(doc: ExtractedDocument, owner: number): GroupableStatement[] {
  const out: GroupableStatement[] = [];
  for (const passage of doc.passages) {
    if (!GROUPED_KINDS.has(passage.kind)) continue;
    const shingles = groupingShingles(passage.text);
    if (!shingles) continue;
    out.push({
      statement: {
        passageId: passage.id,
        docId: doc.document.id,
        kind: passage.kind,
        speaker: passage.speaker,
        date: passage.date ?? doc.document.date ?? null,
        title: doc.document.title,
        source: doc.document.source ?? null,
        path: doc.document.path,
        owner,
      },
      shingles,
    });
  }
  return out;
}
