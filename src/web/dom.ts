/** Small DOM helpers: an element builder, and the one place where the API's HTML enters the page. */
import { ENTITY_FACETS, TYPE_OF_FACET, type EntityType, type MarkedHtml } from './api.js';

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * Builds an element. Attributes set with `setAttribute` (false/null/undefined are left out, true is
 * an empty attribute); strings become text nodes, never markup.
 *   h('a', { href: '/x', class: 'hit' }, 'Title') → <a href="/x" class="hit">Title</a>
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** The types an entity mention can have (not `author` or `section`: those are never mentions). */
const ENTITY_TYPES = new Set<string>(ENTITY_FACETS.map((f) => TYPE_OF_FACET[f]));

/**
 * The API's HTML (already escaped by the server, with `<mark>` around matches) as DOM nodes. As a
 * second line of defence only the markup the API is documented to send is kept — `<mark>`,
 * `<mark class="entity" data-type data-value>` and `<span class="alias">` — and any other element is
 * reduced to its text. Parsing happens in an inert `<template>`, so nothing in it runs.
 *
 * With `entityButtons`, entity mentions become buttons that a click handler turns into filters:
 *   <mark class="entity" data-type="person" data-value="Tony Blair">Mr Blair</mark>
 *   → <button type="button" class="entity" data-type="person" data-value="Tony Blair" title="Filter by Tony Blair">Mr Blair</button>
 */
export function markedHtml(html: MarkedHtml, options: { entityButtons?: boolean } = {}): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  copySafe(template.content, out, options.entityButtons ?? false);
  return out;
}

function copySafe(from: Node, to: Node, entityButtons: boolean): void {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(node.textContent ?? ''));
      continue;
    }
    if (!(node instanceof Element)) continue;
    const tag = node.tagName.toLowerCase();
    let copy: Element | null = null;
    if (tag === 'mark' && node.classList.contains('entity')) {
      const type = node.getAttribute('data-type') ?? '';
      const value = node.getAttribute('data-value') ?? '';
      if (ENTITY_TYPES.has(type) && value) {
        copy = entityButtons
          ? h('button', { type: 'button', class: 'entity', 'data-type': type, 'data-value': value, title: `Filter by ${value}` })
          : h('mark', { class: 'entity', 'data-type': type });
      }
    } else if (tag === 'mark') {
      copy = h('mark');
    } else if (tag === 'span' && node.classList.contains('alias')) {
      copy = h('span', { class: 'alias' });
    } else if (tag === 'script' || tag === 'style' || tag === 'template') {
      // Only reachable if the server stopped escaping; show what it said, as text.
      to.appendChild(document.createTextNode(node.outerHTML));
      continue;
    }
    if (copy) {
      copySafe(node, copy, entityButtons);
      to.appendChild(copy);
    } else {
      copySafe(node, to, entityButtons);
    }
  }
}

/** The entity a clicked mention button stands for, if the click was on one. */
export function entityOfClick(event: Event): { type: EntityType; value: string } | null {
  const target = event.target instanceof Element ? event.target.closest('button.entity') : null;
  const type = target?.getAttribute('data-type');
  const value = target?.getAttribute('data-value');
  return type && value && ENTITY_TYPES.has(type) ? { type: type as EntityType, value } : null;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `2025-08-19T10:00:00Z` → <time datetime="2025-08-19T10:00:00Z">19 Aug 2025</time> */
export function dateElement(iso: string | null): HTMLTimeElement | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : h('time', { datetime: iso }, dateFormat.format(date));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Calls `fn` once `ms` have passed without another call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
