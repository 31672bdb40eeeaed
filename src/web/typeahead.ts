/**
 * A typeahead on a text input: the WAI-ARIA 1.2 combobox pattern (role="combobox" on the input, a
 * listbox popup of grouped options, `aria-activedescendant` for the active one). GitHub's
 * `@github/combobox-nav` does the keyboard part (↑/↓, Enter, Ctrl-N/P on macOS, click) and keeps the
 * ARIA state; this class loads options (debounced, the previous request aborted), renders the
 * groups, and handles what the library leaves to us: Escape and leaving the field close the popup,
 * Tab moves on without choosing.
 */
import Combobox from '@github/combobox-nav';
import { isAbort } from './api.js';
import { h } from './dom.js';

export interface OptionGroup<T> {
  /** Visible heading of the group, also its accessible name. */
  label: string;
  options: Array<{ item: T; content: Node }>;
}

export interface TypeaheadOptions<T> {
  input: HTMLInputElement;
  /** The popup; becomes the listbox. Hidden while closed. */
  list: HTMLElement;
  /** A polite live region that announces how many options there are. */
  status: HTMLElement;
  /** Fewer typed characters than this close the popup. */
  minChars?: number;
  /** Typing pause before a request. */
  delayMs?: number;
  load(query: string, signal: AbortSignal): Promise<Array<OptionGroup<T>>>;
  onCommit(item: T): void;
  /** A failed load (the popup just stays closed). */
  onError?(error: unknown): void;
}

export class Typeahead<T> {
  readonly #options: Required<Omit<TypeaheadOptions<T>, 'onError'>> & Pick<TypeaheadOptions<T>, 'onError'>;
  readonly #combobox: Combobox;
  readonly #items = new Map<string, T>();
  #request: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #open = false;

  constructor(options: TypeaheadOptions<T>) {
    this.#options = { minChars: 2, delayMs: 150, ...options };
    const { input, list } = options;
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    // Tab leaves the field without choosing: the APG pattern's Tab moves focus on.
    this.#combobox = new Combobox(input, list, { tabInsertsSuggestions: false, firstOptionSelectionMode: 'none' });

    input.addEventListener('input', () => this.#schedule());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#open) {
        // Only close: the native "clear the search field" would lose what was typed.
        event.preventDefault();
        event.stopPropagation();
        this.close();
      } else if (event.key === 'ArrowDown' && !this.#open && input.value.trim().length >= this.#options.minChars) {
        event.preventDefault();
        this.#load(input.value);
      }
    });
    input.addEventListener('blur', () => this.close());
    // A click on an option must not blur the input first (that would close the popup under the pointer).
    list.addEventListener('mousedown', (event) => event.preventDefault());
    list.addEventListener('combobox-commit', (event) => {
      const option = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
      const item = option ? this.#items.get(option.id) : undefined;
      if (item === undefined) return;
      this.close();
      this.#options.onCommit(item);
    });
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Closes the popup and drops any pending or in-flight request. */
  close(): void {
    clearTimeout(this.#timer);
    this.#request?.abort();
    this.#request = undefined;
    if (!this.#open) return;
    this.#open = false;
    this.#combobox.stop();
    this.#options.list.hidden = true;
    this.#options.list.replaceChildren();
    this.#items.clear();
    this.#options.status.textContent = '';
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    // A request for an older text is stale the moment the text changes.
    this.#request?.abort();
    const query = this.#options.input.value;
    if (query.trim().length < this.#options.minChars) {
      this.close();
      return;
    }
    this.#timer = setTimeout(() => this.#load(query), this.#options.delayMs);
  }

  async #load(query: string): Promise<void> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    let groups: Array<OptionGroup<T>>;
    try {
      groups = await this.#options.load(query.trim(), request.signal);
    } catch (error) {
      if (isAbort(error)) return;
      this.close();
      this.#options.onError?.(error);
      return;
    }
    if (request.signal.aborted || document.activeElement !== this.#options.input) return;
    this.#render(groups.filter((g) => g.options.length > 0));
  }

  #render(groups: Array<OptionGroup<T>>): void {
    const { list, status } = this.#options;
    if (groups.length === 0) {
      this.close();
      status.textContent = 'No suggestions.';
      return;
    }
    this.#items.clear();
    let n = 0;
    list.replaceChildren(
      ...groups.map((group, g) => {
        const labelId = `${list.id}-group-${g}`;
        return h(
          'div',
          { role: 'group', 'aria-labelledby': labelId, class: 'suggestion-group' },
          h('div', { role: 'presentation', id: labelId, class: 'suggestion-group-label' }, group.label),
          ...group.options.map(({ item, content }) => {
            const id = `${list.id}-option-${n++}`;
            this.#items.set(id, item);
            return h('div', { role: 'option', id, class: 'suggestion' }, content);
          }),
        );
      }),
    );
    list.hidden = false;
    if (!this.#open) {
      this.#open = true;
      this.#combobox.start();
    } else {
      this.#combobox.clearSelection();
    }
    status.textContent = `${n} suggestion${n === 1 ? '' : 's'}; use the up and down arrows to choose.`;
  }
}
