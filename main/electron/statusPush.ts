/** Status events: from the open corpus's progress to the window, coalesced. */
import { STATUS_EVENT_CHANNEL } from '../common/bridge';
import type { StatusResponse } from '../common/contract';
import { liveWindow, messageOf, type OpenCorpus, type ShellActions, type ShellContext } from './shellContext';

/** Status events are coalesced to at most one per this many ms. */
const STATUS_PUSH_MS = 100;

export function statusPush(
  ctx: ShellContext,
): Pick<ShellActions, 'pushStatus' | 'scheduleStatusPush' | 'stopStatusPush'> {
  let timer: NodeJS.Timeout | null = null;
  /** The newest status not yet sent; only the last of a burst is sent. */
  let pending: { from: OpenCorpus; status: StatusResponse } | null = null;

  function sendStatus(from: OpenCorpus, status: StatusResponse): void {
    // A status of a corpus that has since been closed would mislead the page.
    if (ctx.current === from) liveWindow(ctx)?.webContents.send(STATUS_EVENT_CHANNEL, status);
  }

  return {
    scheduleStatusPush(from, status) {
      pending = { from, status };
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const next = pending;
        pending = null;
        if (next) sendStatus(next.from, next.status);
      }, STATUS_PUSH_MS);
    },
    pushStatus() {
      const open = ctx.current;
      if (!open) return;
      open.service
        .status()
        .then((status) => sendStatus(open, status))
        .catch((error: unknown) => console.error(`electron: status failed: ${messageOf(error)}`));
    },
    stopStatusPush() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
