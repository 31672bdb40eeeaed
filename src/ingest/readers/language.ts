/**
 * The language of an article's text, detected by franc (trigram profiles of 82 languages) and
 * written as ISO 639-1 where there is such a code ("eng" → "en"). A page's declared language
 * (`<html lang="en-GB">`) is kept, region and all, when the text agrees with it or is too short
 * to tell; it is overruled when the text is plainly another language (templates declare "en" on
 * every page of a multilingual site).
 */
import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3';

/** Below this many letters a trigram guess is not worth more than the page's own word. */
const MIN_CHARS = 100;
/** Enough text to judge: detection reads at most this much. */
const SAMPLE_CHARS = 4000;

export function detectLanguage(text: string, declared?: string): string | undefined {
  const declaredTag = declared?.trim() ? declared.trim() : undefined;
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  if (sample.replace(/[^\p{L}]/gu, '').length < MIN_CHARS) return declaredTag;
  const code = franc(sample, { minLength: MIN_CHARS });
  if (code === 'und') return declaredTag;
  const detected = iso6393To1[code] ?? code;
  if (declaredTag && declaredTag.toLowerCase().split('-')[0] === detected) return declaredTag;
  return detected;
}
