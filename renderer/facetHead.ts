/** What every facet starts with: its title, the keys that reach it, and its Clear button. */
import { h } from './dom';

/** The facet's Clear button, hidden until the facet filters something. */
export function facetClearButton(title: string, onClear: () => void): HTMLButtonElement {
  const clear = h(
    'button',
    {
      type: 'button',
      class: 'link-button facet-clear',
      hidden: true,
      'aria-label': `Clear ${title.toLowerCase()} filter`,
    },
    'Clear',
  );
  clear.addEventListener('click', onClear);
  return clear;
}

/** The head of the facet whose section has this id: its h2 (which names the section) and Clear. */
export function facetHead(id: string, title: string, keys: string, clear: HTMLButtonElement): HTMLDivElement {
  return h(
    'div',
    { class: 'facet-head' },
    h(
      'h2',
      { id: `${id}-title`, class: 'facet-title', title: keys ? `${title} (${keys})` : title },
      title,
      keys ? h('kbd', { class: 'key-hint', 'aria-hidden': 'true' }, keys) : null,
    ),
    clear,
  );
}
