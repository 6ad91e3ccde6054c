/**
 * A SearchService whose corpus folder can change while the server runs: requests go to the
 * folder open now, and progress listeners (event streams) follow the switch without
 * reconnecting. What `dictum serve` and the no-Electron `dictum app` hand the server, so that
 * the browser UI can open another folder (POST /api/open-folder).
 */
import { resolve } from 'node:path';
import type { ExtractedDocument, SearchRequest, SearchResponse, StatusResponse } from '../common/contract';
import type { TimelineRequest, TimelineResponse } from '../common/timeline';
import type { SavedSearchAlert } from '../common/savedSearches';
import type { SearchService } from '../service/index';
import type { SavedSearchService } from '../service/savedSearchStore';
import type { ServedService } from './index';

export class SwitchableService implements ServedService {
  private current: SearchService;
  private stopFollowing: () => void;
  private readonly listeners = new Set<(status: StatusResponse) => void>();
  private readonly alertListeners = new Set<(alert: SavedSearchAlert) => void>();
  /** Switches run one after another; requests wait for the one in progress. */
  private switching: Promise<void> = Promise.resolve();

  constructor(
    private readonly create: (corpusDir: string) => SearchService,
    corpusDir: string,
  ) {
    this.current = create(corpusDir);
    this.stopFollowing = this.follow(this.current);
  }

  private follow(service: SearchService): () => void {
    const stopStatus = service.onProgress((status) => {
      // A late status of a folder already closed would mislead the page.
      if (service === this.current) for (const listener of this.listeners) listener(status);
    });
    const stopAlerts = service.saved.onAlert((alert) => {
      if (service === this.current) for (const listener of this.alertListeners) listener(alert);
    });
    return () => {
      stopStatus();
      stopAlerts();
    };
  }

  /** The saved searches of the folder open now; alert listeners follow a switch. */
  readonly saved: SavedSearchService = {
    listSaved: async () => (await this.now()).saved.listSaved(),
    createSaved: async (input) => (await this.now()).saved.createSaved(input),
    updateSaved: async (id, patch) => (await this.now()).saved.updateSaved(id, patch),
    deleteSaved: async (id) => (await this.now()).saved.deleteSaved(id),
    openSaved: async (id) => (await this.now()).saved.openSaved(id),
    onAlert: (listener) => {
      this.alertListeners.add(listener);
      return () => this.alertListeners.delete(listener);
    },
  };

  private async now(): Promise<SearchService> {
    await this.switching;
    return this.current;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return (await this.now()).search(request);
  }

  /** The export's larger pages, from the folder open now. */
  async exportSearch(request: SearchRequest): Promise<SearchResponse> {
    return (await this.now()).exportSearch(request);
  }

  async document(id: string): Promise<ExtractedDocument> {
    return (await this.now()).document(id);
  }

  async status(): Promise<StatusResponse> {
    return (await this.now()).status();
  }

  async timeline(request: TimelineRequest): Promise<TimelineResponse> {
    return (await this.now()).timeline(request);
  }

  onProgress(listener: (status: StatusResponse) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the folder open now and opens `corpusDir`; listeners hear the new folder's status. */
  open(corpusDir: string): Promise<StatusResponse['corpus']> {
    const next = this.switching.then(async () => {
      const previous = this.current;
      if (resolve(corpusDir) === previous.corpusDir) return;
      this.stopFollowing();
      this.current = this.create(corpusDir);
      this.stopFollowing = this.follow(this.current);
      await previous.close().catch(() => undefined);
    });
    this.switching = next.catch(() => undefined);
    return next.then(async () => {
      const status = await this.current.status();
      for (const listener of this.listeners) listener(status);
      return status.corpus;
    });
  }

  async close(): Promise<void> {
    await this.switching;
    this.stopFollowing();
    await this.current.close();
  }
}
