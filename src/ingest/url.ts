/**
 * Article URLs become links on the page, so only web addresses are kept: an absolute http(s) URL.
 *   "https://www.bbc.co.uk/news/1"      → kept
 *   "javascript:alert(document.domain)" → null (so are data:, vbscript:, file: and relative paths)
 */
export function webUrl(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:' ? text : null;
  } catch {
    return null;
  }
}

/** Whether an input names a web address (a feed URL) rather than a file. */
export function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}
