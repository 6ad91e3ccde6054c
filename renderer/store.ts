/**
 * The store: the one current search state, changed only by dispatching a new state (built by
 * the pure functions of `model/state.ts`), mirrored in the URL fragment so a search can be
 * bookmarked and reloaded. Views subscribe and render from it.
 */
import { statesEqual, type UiState } from './model/state';
import { stateFromUrl, urlFromState } from './model/url';

export type StateListener = (state: UiState, previous: UiState) => void;

export class Store {
  private current: UiState;
  private readonly listeners: StateListener[] = [];

  constructor() {
    this.current = stateFromUrl(location.hash);
    // A fragment the user typed or went back to is taken as it is, without writing it again.
    window.addEventListener('hashchange', () => this.set(stateFromUrl(location.hash), false));
  }

  get state(): UiState {
    return this.current;
  }

  /** Listeners run in the order they subscribed, after every change. */
  subscribe(listener: StateListener): void {
    this.listeners.push(listener);
  }

  dispatch(next: UiState): void {
    this.set(next, true);
  }

  private set(next: UiState, writeUrl: boolean): void {
    if (statesEqual(next, this.current)) return;
    const previous = this.current;
    this.current = next;
    // Listeners first: a keystroke's search goes out before the address is rewritten (which
    // takes a millisecond or two). A listener that dispatched again has written its own.
    for (const listener of this.listeners) listener(next, previous);
    if (writeUrl && this.current === next) {
      const url = urlFromState(next);
      if (url !== location.hash && !(url === '' && location.hash === '')) {
        history.replaceState(null, '', url === '' ? location.pathname + location.search : url);
      }
    }
  }
}
