/**
 * Wire datelines: "CHATTANOOGA, Tenn., March 9" → place Chattanooga, country United States.
 * The dateline says where the story was filed; wire copy prints it at the head of the first
 * paragraph, so its place belongs to that paragraph's facets (it has no mention: the reader's
 * JSON keeps it in a separate field).
 */
import { phraseKey } from './tokenize.js';
import type { Gazetteer, GazetteerEntry } from './types.js';

// Whole month names or abbreviations only: "MARTINSVILLE" is a town, not March.
const DATE_PART = /\d|^\s*(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?\s*$/i;

export function datelinePlace(dateline: string, gazetteer: Gazetteer): GazetteerEntry | undefined {
  const parts = dateline.split(',').map((p) => p.trim()).filter((p) => p !== '' && !DATE_PART.test(p));
  const [city, region] = parts;
  if (!city) return undefined;
  const cityKey = phraseKey(city);
  const regionKey = region ? phraseKey(region) : '';
  const regionEntry = region ? (gazetteer.abbreviations.get(regionKey) ?? gazetteer.phrases.get(regionKey)) : undefined;
  const country = regionEntry?.country;
  const candidates = [gazetteer.phrases.get(cityKey), gazetteer.datelineCities.get(cityKey)].filter(
    (e): e is GazetteerEntry => e !== undefined && (e.kind === 'place' || e.kind === 'country'),
  );
  if (!country) return candidates[0];
  const inCountry = candidates.find((e) => e.country === country);
  if (inCountry) return inCountry;
  // A town too small for the gazetteer, in a state it does know: "MUNCIE, IND."
  return { kind: 'place', value: titleCase(city), country, source: regionEntry.source };
}

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s.-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
