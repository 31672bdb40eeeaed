/**
 * The facet sidebar: one group of checkboxes per counted facet (the entity facets, then Authors and
 * Section) with disjunctive counts (OR within a facet, AND across facets — the API computes them),
 * the top values first and "show all" for the rest of the top 20, and a typeahead inside each facet
 * for values that are not listed. Authors and Section show only when the results have values for
 * them (many sources name neither), or one is selected.
 */
import { api, FACETS, TYPE_OF_FACET, type EntityValue, type Facet, type FacetValue, type SearchResult } from './api.js';
import { h, markedHtml, plural } from './dom.js';
import { FACET_LABELS } from './results.js';
import type { PageState } from './state.js';
import { Typeahead } from './typeahead.js';

/** Values shown before "show all". */
const SHOWN = 6;

/** Facets whose group is hidden while it has nothing to list. */
const ONLY_WITH_VALUES: ReadonlySet<Facet> = new Set(['authors', 'section']);

export interface FacetActions {
  setFilter(facet: Facet, value: string, selected: boolean): void;
}

export class FacetSidebar {
  readonly #lists = new Map<Facet, HTMLElement>();
  readonly #groups = new Map<Facet, HTMLElement>();
  readonly #expanded = new Set<Facet>();
  readonly #actions: FacetActions;
  #last: { facets: SearchResult['facets']; state: PageState } | undefined;

  constructor(container: HTMLElement, actions: FacetActions) {
    this.#actions = actions;
    container.replaceChildren(...FACETS.map((facet) => this.#skeleton(facet)));
    container.addEventListener('change', (event) => {
      const box = event.target;
      if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
      const facet = box.dataset.facet as Facet | undefined;
      const value = box.dataset.value;
      if (facet && value !== undefined) this.#actions.setFilter(facet, value, box.checked);
    });
    container.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-show-all]') : null;
      if (!button) return;
      const facet = button.dataset.showAll as Facet;
      if (this.#expanded.has(facet)) this.#expanded.delete(facet);
      else this.#expanded.add(facet);
      if (this.#last) this.update(this.#last.facets, this.#last.state);
      container.querySelector<HTMLButtonElement>(`button[data-show-all="${facet}"]`)?.focus();
    });
  }

  /**
   * Shows the counts of a result (exact: each is what selecting the value returns). Keyboard focus
   * stays on the same value across the re-render.
   */
  update(facets: SearchResult['facets'], state: PageState): void {
    this.#last = { facets, state };
    const focused = document.activeElement instanceof HTMLInputElement && document.activeElement.type === 'checkbox' ? document.activeElement : null;
    for (const facet of FACETS) {
      const list = this.#lists.get(facet)!;
      const values = mergeSelected(facets[facet], state.filters[facet]);
      list.replaceChildren(...this.#values(facet, values));
      this.#groups.get(facet)!.hidden = ONLY_WITH_VALUES.has(facet) && values.length === 0;
    }
    if (focused?.dataset.facet) {
      const again = [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-facet]')].find(
        (box) => box.dataset.facet === focused.dataset.facet && box.dataset.value === focused.dataset.value,
      );
      again?.focus();
    }
  }

  #skeleton(facet: Facet): HTMLElement {
    const { title, one } = FACET_LABELS[facet];
    const list = h('div', { class: 'facet-values' });
    this.#lists.set(facet, list);
    const inputId = `facet-${facet}-q`;
    const input = h('input', { id: inputId, type: 'search', class: 'facet-search-input', autocomplete: 'off', spellcheck: 'false', placeholder: `Find ${article(one)} ${one}…` });
    const popup = h('div', { id: `facet-${facet}-suggestions`, class: 'suggestions facet-suggestions', 'aria-label': `${title} matching what you typed` });
    const status = h('div', { class: 'visually-hidden', role: 'status' });
    new Typeahead<EntityValue>({
      input,
      list: popup,
      status,
      minChars: 1,
      load: async (q, signal) => {
        const { values } = await api.entities(TYPE_OF_FACET[facet], q, signal);
        return [{ label: title, options: values.map((v) => ({ item: v, content: entityOption(v) })) }];
      },
      onCommit: (value) => {
        input.value = '';
        this.#actions.setFilter(facet, value.value, true);
      },
    });
    const group = h(
      'fieldset',
      { class: 'facet', 'data-facet': facet, hidden: ONLY_WITH_VALUES.has(facet) },
      h('legend', {}, title),
      list,
      h(
        'div',
        { class: 'facet-search' },
        h('label', { for: inputId, class: 'visually-hidden' }, `Find ${article(one)} ${one} to filter by`),
        h('div', { class: 'combo' }, input, popup),
        status,
      ),
    );
    this.#groups.set(facet, group);
    return group;
  }

  #values(facet: Facet, values: ListedValue[]): Node[] {
    if (values.length === 0) return [h('p', { class: 'facet-empty' }, `No ${FACET_LABELS[facet].title.toLowerCase()} in these results.`)];
    const expanded = this.#expanded.has(facet);
    // Selected values always show, whatever their rank.
    const shown = expanded ? values : values.filter((v, i) => i < SHOWN || v.selected);
    const nodes: Node[] = [
      h(
        'ul',
        {},
        ...shown.map((v) => {
          const id = `f-${facet}-${hash(v.value)}`;
          return h(
            'li',
            {},
            h('input', { type: 'checkbox', id, checked: v.selected, 'data-facet': facet, 'data-value': v.value }),
            h(
              'label',
              { for: id },
              h('span', { class: 'facet-name' }, v.value),
              v.count === null
                ? null
                : h('span', { class: 'count' }, h('span', { class: 'visually-hidden' }, ', '), plural(v.count, 'article')),
            ),
          );
        }),
      ),
    ];
    if (values.length > SHOWN) {
      nodes.push(h('button', { type: 'button', class: 'show-all', 'data-show-all': facet, 'aria-expanded': String(expanded) }, expanded ? 'Show fewer' : `Show all ${values.length}`));
    }
    return nodes;
  }
}

/** A facet value as listed; `count` is null when the API did not report one. */
type ListedValue = Omit<FacetValue, 'count'> & { count: number | null };

/** A selected value is always listed (checked, so it can be unchecked), with its count where the API gave one. */
function mergeSelected(values: FacetValue[], selected: readonly string[]): ListedValue[] {
  const listed = new Set(values.map((v) => v.value));
  return [...selected.filter((s) => !listed.has(s)).map((value) => ({ value, count: null, selected: true })), ...values];
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function entityOption(v: EntityValue): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(h('span', { class: 'suggestion-label' }, markedHtml(v.label)), h('span', { class: 'suggestion-meta' }, plural(v.count, 'article')));
  return fragment;
}

/** A short stable id fragment for a value (ids must not contain spaces). */
function hash(value: string): string {
  let n = 5381;
  for (let i = 0; i < value.length; i++) n = ((n << 5) + n + value.charCodeAt(i)) | 0;
  return (n >>> 0).toString(36);
}
