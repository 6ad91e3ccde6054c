/**
 * A shard's side of quote groups: which documents left or joined its index since the service
 * last asked, so the service (which forms groups across every shard) re-forms only the groups
 * they touch. After a load or a restart the whole shard is reported again.
 */
import type { ExtractedDocument } from '../common/contract';
import { groupableStatements, type GroupableStatement } from '../engine/quoteGroups';
import type { SearchIndex } from '../engine/searchIndex';

/** What changed in a shard's statements; `reset`: forget every statement of the shard first. */
export interface QuoteDelta {
  reset: boolean;
  removedDocs: string[];
  added: GroupableStatement[];
}

export class QuoteLog {
  private reset = true;
  private readonly removed = new Set<string>();
  private readonly added = new Map<string, ExtractedDocument>();

  constructor(private readonly owner: number) {}

  /** The index was replaced (loaded, emptied): everything is reported again. */
  replaced(): void {
    this.reset = true;
    this.removed.clear();
    this.added.clear();
  }

  /** Before a source's documents are removed from `index`. */
  removingSource(index: SearchIndex, sourceKey: string): void {
    if (this.reset) return;
    for (const docId of index.sourceDocumentIds(sourceKey)) {
      this.removed.add(docId);
      this.added.delete(docId);
    }
  }

  addedDocuments(docs: readonly ExtractedDocument[]): void {
    if (this.reset) return;
    for (const doc of docs) {
      this.removed.add(doc.document.id);
      this.added.set(doc.document.id, doc);
    }
  }

  /** The changes since the last call (all of the index after a reset), and starts anew. */
  take(index: SearchIndex): QuoteDelta {
    let delta: QuoteDelta;
    if (this.reset) {
      const added: GroupableStatement[] = [];
      for (const source of index.sourceKeys()) {
        for (const docId of index.sourceDocumentIds(source)) {
          const doc = index.getDocument(docId);
          if (doc) for (const statement of groupableStatements(doc, this.owner)) added.push(statement);
        }
      }
      delta = { reset: true, removedDocs: [], added };
    } else {
      delta = {
        reset: false,
        removedDocs: [...this.removed],
        added: [...this.added.values()].flatMap((doc) => groupableStatements(doc, this.owner)),
      };
    }
    this.reset = false;
    this.removed.clear();
    this.added.clear();
    return delta;
  }
}
