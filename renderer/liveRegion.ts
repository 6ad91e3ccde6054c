/** What the page says to assistive technology (and tests read): one polite live region. */
import { h, setText } from './dom';

export class LiveRegion {
  readonly el: HTMLDivElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    this.el = h('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
  }

  say(text: string): void {
    this.cancel();
    setText(this.el, text);
  }

  /** Said once things settle (typing, for instance), not on every change. */
  sayLater(text: string, delayMs = 700): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      setText(this.el, text);
    }, delayMs);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** A short visual confirmation; the live region says the same to screen readers. */
export function toast(message: string): void {
  const t = h('div', { class: 'toast', 'aria-hidden': 'true' }, message);
  document.body.append(t);
  setTimeout(() => t.remove(), 1600);
}
