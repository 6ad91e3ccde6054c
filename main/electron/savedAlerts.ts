/**
 * Desktop notifications for saved searches: when the folder changes and a saved search has
 * new matches, the system shows a notification; clicking it brings the window forward with
 * the list of saved searches open.
 */
import { Notification } from 'electron';
import type { SavedSearchAlert } from '../common/savedSearches';
import { MENU_COMMAND_CHANNEL } from './channels';
import { liveWindow, type ShellActions, type ShellContext } from './shellContext';

/** The words of a notification: what matched, and how many are waiting. */
export function alertText(alert: SavedSearchAlert): { title: string; body: string } {
  const plural = (n: number) => (n === 1 ? 'match' : 'matches');
  return {
    title: `${alert.added} new ${plural(alert.added)} for “${alert.name}”`,
    body:
      alert.newCount === alert.added
        ? 'New in the folder since you last opened this saved search.'
        : `${alert.newCount} new ${plural(alert.newCount)} since you last opened this saved search.`,
  };
}

export function savedAlerts(ctx: ShellContext): Pick<ShellActions, 'notifySavedMatch'> {
  function notifySavedMatch(alert: SavedSearchAlert): void {
    if (ctx.quitState !== 'running' || !Notification.isSupported()) return;
    const notification = new Notification(alertText(alert));
    notification.on('click', () => {
      ctx.actions.focusWindow();
      liveWindow(ctx)?.webContents.send(MENU_COMMAND_CHANNEL, 'saved-searches');
    });
    notification.show();
  }
  return { notifySavedMatch };
}
