/**
 * Cleaning: drops boilerplate paragraphs, unwraps markup, normalises quotes and whitespace, and
 * keeps each exact paragraph once. Pure: RawArticle in, CleanArticle out.
 *
 *   "Sign up now: Get ST's newsletters delivered to your inbox"   → dropped (newsletter plug)
 *   "Smoke rises … ATTENTION EDITORS - THIS IMAGE HAS BEEN …"      → dropped (photo caption)
 *   "Russia's Foreign Ministry has ruled out …" + "PHOTO: REUTERS" → both dropped (caption + credit)
 *   "… an imperial-style land grab. REUTERS"                      → "… an imperial-style land grab."
 *   "&lt;Texaco Inc> said …"  → "Texaco Inc said …";  "DISNEY <DIS> SETS …" → "DISNEY SETS …"
 */
import { decodeHTML } from 'entities';
import type { CleanArticle, RawArticle } from './types.js';
import { webUrl } from './url.js';

/** Whole paragraphs that are page furniture, not reporting. */
const BOILERPLATE: RegExp[] = [
  /^sign up (now|here|today)?\b.{0,120}$/i,
  /^(get|receive) .{0,60}newsletters?\b.{0,80}$/i,
  /^subscribe (now|today|to)\b.{0,120}$/i,
  /^follow (topic|us|this topic)\b.{0,60}$/i,
  /^see more on\b.{0,80}$/i,
  /^(read|see) (more|also)\s*:.{0,150}$/i,
  /^(also read|related|recommended|advertisement|share this( article)?|click here\b.{0,80})\s*:?$/i,
  /^(photo|picture|image|video|graphic)s?\s*(credit)?\s*:\s*.{0,80}$/i,
  // "REUTER^M": Reuters-21578 keeps the end-of-story control character as a caret and M.
  /^(reuters|reuter|afp|ap|bloomberg|dpa)\.?(\^M)?$/i,
  /^copyright\b.{0,120}$/i,
  /^©.{0,120}$/,
];

/** Phrases that only photo captions and agency picture notes carry. */
const CAPTION_MARKERS: RegExp[] = [
  /\bATTENTION EDITORS\b/,
  /\bTHIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY\b/,
  /\bMUST NOT OBSCURE LOGO\b/,
  /\bTPX IMAGES OF THE DAY\b/,
  /\bin this handout (picture|photo|image)\b/i,
  /\b(REUTERS|AFP|EPA|Getty Images|AP Photo)\/[A-Z][a-z]+ [A-Z][a-z]+\s*$/,
];

const PHOTO_CREDIT = /^(photo|picture|image)s?\s*(credit)?\s*:/i;

/** Trailing wire sign-off after the last sentence: "… land grab. REUTERS" → "… land grab." */
const SIGN_OFF = /(?<=[.!?"')\]])\s+(REUTERS|REUTER|Reuter|AFP|AP|dpa)(\^M)?\s*$/;

/**
 * Reuters markup: `<Texaco Inc>` names a company (unwrap it); `<DIS>` is a ticker tag (drop it).
 * Tickers are short upper-case codes, possibly with a dot: <DIS>, <BRK.A>, <T.TO>.
 */
const TICKER = /\s*<[A-Z0-9]{1,6}(\.[A-Z]{1,3})?>/g;
// Capitalised, so HTML-like text such as `<script>` in a paragraph stays as written (and is escaped on output).
const COMPANY = /<([A-Z][^<>\n/=]{1,79})>/g;

/** Text that is plain printable ASCII without entities or markup needs none of the replacements. */
const NEEDS_NORMALISING = /[^\x20-\x7e\n\r\t]|[&<]/;

export function normaliseText(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return decodeHTML(text)
    .replace(TICKER, '')
    .replace(COMPANY, '$1')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2013\u2014]/g, (dash) => (dash === '\u2013' ? '-' : ' - '))
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '');
}

/** Whitespace inside a paragraph: wire tables keep their line breaks, prose is one line. */
export function normaliseWhitespace(paragraph: string): string {
  if (!paragraph.includes('\n') && !/\s\s|^\s|\s$|\t/.test(paragraph)) return paragraph;
  const lines = paragraph.split(/\r?\n/).map((line) => line.replace(/[ \t]+/g, ' ').trim()).filter(Boolean);
  if (lines.length > 1 && isTable(lines)) return lines.join('\n');
  return lines.join(' ').replace(/ {2,}/g, ' ').trim();
}

/** A block of short lines, most with figures, is a wire table (prices, results): keep its rows. */
function isTable(lines: string[]): boolean {
  const short = lines.filter((l) => l.length < 90).length;
  const numeric = lines.filter((l) => /\d/.test(l)).length;
  return lines.length >= 3 && short / lines.length > 0.8 && numeric / lines.length > 0.5;
}

/** Every boilerplate pattern is bounded in length; longer paragraphs only need the caption check. */
const MAX_BOILERPLATE_CHARS = 200;
const ANY_CAPTION_MARKER = new RegExp(CAPTION_MARKERS.map((re) => `(?:${re.source})`).join('|'), 'i');

export function isBoilerplate(paragraph: string): boolean {
  if (paragraph.length <= MAX_BOILERPLATE_CHARS && BOILERPLATE.some((re) => re.test(paragraph))) return true;
  return ANY_CAPTION_MARKER.test(paragraph) && CAPTION_MARKERS.some((re) => re.test(paragraph));
}

export function cleanTitle(title: string): string {
  return normaliseWhitespace(normaliseText(title)).replace(/\n/g, ' ');
}

export function cleanArticle(raw: RawArticle): CleanArticle {
  const normalised = raw.paragraphs.map((p) => normaliseWhitespace(normaliseText(p))).filter((p) => p !== '');
  const kept: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < normalised.length; i++) {
    const paragraph = normalised[i]!;
    // The line just above a photo credit is the photo's caption.
    if (PHOTO_CREDIT.test(normalised[i + 1] ?? '') && paragraph.length < 400) continue;
    if (isBoilerplate(paragraph)) continue;
    const text = i === normalised.length - 1 || kept.length === 0 ? paragraph.replace(SIGN_OFF, '') : paragraph;
    if (seen.has(text)) continue;
    seen.add(text);
    kept.push(text);
  }
  // A sign-off may sit on the last kept paragraph when boilerplate followed it ("… grab. REUTERS" then "See more on").
  if (kept.length > 0) kept[kept.length - 1] = kept[kept.length - 1]!.replace(SIGN_OFF, '');
  return { ...raw, title: cleanTitle(raw.title), paragraphs: kept, url: webUrl(raw.url) ?? undefined };
}
