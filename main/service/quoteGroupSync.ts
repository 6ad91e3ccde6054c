/**
 * Quote groups across shards: after every load or sync the service asks the shards what
 * statements joined or left (their QuoteLog), re-forms the groups those touch (QuoteGroups in
 * the engine), and sends each shard the marks of its passages that changed. A shard that was
 * loaded or restarted reports everything and gets all its marks again.
 */
import type { Hit, SearchResponse } from '../common/contract';
import { QuoteGroups, type GroupMark, type QuoteStatement } from '../engine/quoteGroups';
import { wordDiff } from '../engine/quoteWords';
import type { QuoteDelta } from './quoteLog';

/** What the sync needs of one shard (a worker, or a shard in-process). */
export interface GroupedShard {
  quoteDelta(): Promise<QuoteDelta>;
  setGroupMarks(changes: Array<[string, GroupMark | null]>): Promise<unknown>;
}

export class QuoteGroupSync {
  readonly groups = new QuoteGroups();
  private readonly docsOf = new Map<number, Set<string>>();

  constructor(private readonly shards: readonly GroupedShard[]) {}

  /** Brings the groups in line with what these shards now hold. */
  async refresh(owners: readonly number[]): Promise<void> {
    const deltas = await Promise.all(
      owners.map((owner) =>
        this.shards[owner]!.quoteDelta().then(
          (delta) => ({ owner, delta }),
          // A worker that crashed is reloaded by its recovery, which reports everything again.
          () => null,
        ),
      ),
    );
    const removed: string[] = [];
    const added: QuoteDelta['added'] = [];
    const reset = new Set<number>();
    for (const item of deltas) {
      if (!item) continue;
      const { owner, delta } = item;
      let docs = this.docsOf.get(owner);
      if (!docs || delta.reset) {
        if (docs) for (const docId of docs) removed.push(docId);
        docs = new Set();
        this.docsOf.set(owner, docs);
        reset.add(owner);
      }
      for (const docId of delta.removedDocs) docs.delete(docId);
      for (const docId of delta.removedDocs) removed.push(docId);
      for (const statement of delta.added) docs.add(statement.statement.docId);
      // One at a time: spreading a folder's worth of statements overflows the call stack.
      for (const statement of delta.added) added.push(statement);
    }
    const changes = this.groups.update(removed, added);
    const perOwner = new Map<number, Array<[string, GroupMark | null]>>();
    const push = (statement: QuoteStatement, mark: GroupMark | null): void => {
      let list = perOwner.get(statement.owner);
      if (!list) perOwner.set(statement.owner, (list = []));
      list.push([statement.passageId, mark]);
    };
    for (const { statement, mark } of changes.values())
      if (!reset.has(statement.owner)) push(statement, mark);
    // A reset shard has a new index without marks: it gets every mark of its passages.
    if (reset.size > 0) {
      for (const { statement, mark } of this.groups.marks())
        if (reset.has(statement.owner)) push(statement, mark);
    }
    await Promise.all(
      [...perOwner].map(([owner, list]) => this.shards[owner]!.setGroupMarks(list).catch(() => undefined)),
    );
  }

  /**
   * A group's listing (`group=` in the request): each report's words against the group's
   * earliest full version (the earliest of its longest statements), and which one that is.
   */
  async describeListing(
    response: SearchResponse,
    groupId: string,
    passageText: (docId: string, passageId: string) => Promise<string | null>,
  ): Promise<SearchResponse> {
    const reference = this.groups.reference(groupId);
    if (!reference) return response;
    const referenceText = await passageText(reference.docId, reference.passageId);
    if (referenceText === null) return response;
    const hits = response.hits.map((hit): Hit => {
      if (!hit.group || hit.group.id !== groupId) return hit;
      if (hit.id === reference.passageId) return { ...hit, group: { ...hit.group, reference: true } };
      const { parts, fragment } = wordDiff(referenceText, hit.text);
      return { ...hit, group: { ...hit.group, fragment, diff: parts } };
    });
    return { ...response, hits };
  }
}
