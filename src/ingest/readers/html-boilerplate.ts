/**
 * News furniture that Readability keeps: what a newsroom's template puts inside the article's
 * container. Removed from Readability's output, generically (no per-site rules):
 *   - link lists ("Related", "More on this story"): lists whose text is nearly all links;
 *   - captions and credits (`figcaption`, "Photograph: …", "(AP Photo/…)");
 *   - one-line plugs and widgets: "Advertisement", "Read more", "Share this article", newsletter
 *     sign-ups, "Follow us on …".
 */
import type { parseHTML } from 'linkedom';

type HtmlDocument = ReturnType<typeof parseHTML>['document'];
type HtmlElement = NonNullable<ReturnType<HtmlDocument['querySelector']>>;

export interface ContentBlock {
  tag: string;
  text: string;
  heading: boolean;
}

const BLOCKS = 'p, li, blockquote, h1, h2, h3, h4, pre, td';

function linkDensity(element: HtmlElement): number {
  const all = (element.textContent ?? '').replace(/\s+/g, '').length;
  if (all === 0) return 0;
  let linked = 0;
  for (const a of element.querySelectorAll('a')) linked += (a.textContent ?? '').replace(/\s+/g, '').length;
  return linked / all;
}

/** A block that is furniture by its words alone. Bounded in length: reporting is longer. */
const FURNITURE: RegExp[] = [
  /^(advertisement|advertising|sponsored( content)?|ad|story continues below( advertisement)?|continue reading( below)?( ?(\.\.\.|…|»|→|›))?|scroll to continue.*)$/i,
  /^(read|see|watch|click) (more|also|next|here)\b.{0,150}$/i,
  /^(related|more)( (stories|articles|coverage|content|news|links|reading|on this( story| topic)?|from [\p{L} ]{2,40}))?\s*:?$/iu,
  /^(recommended|most (read|popular|viewed)|trending( now)?|popular right now|top stories|you (may|might) (also )?like|editors'? picks?|further reading)\s*:?$/i,
  /^\d+\s*(min|minute)s?\s*read$/i,
  /^(share|share this( article| story| page)?|share on \w+|tweet|email|print|copy link|comments?|\d+ comments?)\s*:?$/i,
  /^(photo(graph)?|picture|image|illustration|video|graphic)s?\s*(by|credit|:)\s*.{0,100}$/i,
  /^(credit|source)\s*:\s*.{0,100}$/i,
  /^\(?(AP|AFP|Reuters|Getty Images|EPA|Shutterstock)( Photo)?\/[^)]{0,60}\)?$/i,
  /^(category|tags?|topics?|filed under|release date)\s*:.{0,150}$/i,
];

/** Plugs: newsletters, apps, social accounts, subscriptions, reprint notices, comment prompts. */
const PLUG = new RegExp(
  [
    '\\b(sign up|subscribe|register)\\b.{0,120}\\b(newsletters?|inbox|free|today|now|updates|alerts)\\b',
    '\\bnewsletters?\\b.{0,120}\\b(inbox|sign up|subscribe|delivered)\\b',
    '\\b(join|get) our [\\p{L} ]{0,30}newsletter\\b',
    '\\bdownload (the|our) [\\p{L} ]{0,40}apps?\\b',
    '\\bfollow (us|the [\\p{L} ]{1,40}) on (twitter|facebook|instagram|x)\\b',
    '\\bwe want to hear what you think\\b',
    '\\badvertising disclosure\\b|\\bmay receive compensation\\b',
    '\\bcopyrighted property\\b|\\bwritten permission\\b.{0,80}\\breprint|\\ball rights reserved\\b',
    '\\bnot responsible for the opinions\\b',
    '\\bsubscribers? (also )?(receive|get|enjoy)\\b',
    '\\balready a subscriber\\b|\\blog in for (immediate )?access\\b|\\bto view the full story\\b',
    '^get the [\\p{L} ]{2,40}(daily|app|newsletter)\\b',
    '^the latest news about\\b',
  ].join('|'),
  'iu',
);
const MAX_PLUG_CHARS = 320;
const MAX_FURNITURE_CHARS = 200;

export function isFurniture(text: string): boolean {
  const value = text.replace(/\s+/g, ' ').trim();
  if (!value) return true;
  if (value.length <= MAX_FURNITURE_CHARS && FURNITURE.some((re) => re.test(value))) return true;
  return value.length <= MAX_PLUG_CHARS && PLUG.test(value);
}

/** Lists of links (related stories, tags, share buttons): nearly all their text is link text. */
const MAX_LIST_LINK_DENSITY = 0.8;

function removeFurnitureElements(content: HtmlDocument): void {
  for (const list of content.querySelectorAll('ul, ol')) {
    if (list.querySelectorAll('li').length >= 2 && linkDensity(list) >= MAX_LIST_LINK_DENSITY) list.remove();
  }
  // Captions and credits: a figure's words are the photographer's, not the story's.
  for (const caption of content.querySelectorAll('figcaption, [class*="caption"], [class*="credit"]')) caption.remove();
}

/** The text blocks of Readability's content, in order, furniture removed. */
export function contentBlocks(content: HtmlDocument): ContentBlock[] {
  removeFurnitureElements(content);
  const elements = [...content.querySelectorAll(BLOCKS)]
    // A block inside another block (p inside li or blockquote) is read with its parent.
    .filter((el: HtmlElement) => !el.parentElement?.closest(BLOCKS));
  return elements
    .map((el: HtmlElement) => ({ tag: el.tagName, text: el.textContent ?? '', heading: /^H[1-4]$/.test(el.tagName) }))
    .filter((block, i) => i === 0 && block.heading || !isFurniture(block.text));
}
