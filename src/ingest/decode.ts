/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such; anything
 * else that is not valid UTF-8 is read as Windows-1252, the usual encoding of old newsroom files,
 * with a warning. Binary data is refused rather than indexed as noise.
 */
import iconv from 'iconv-lite';
import { InputError } from './input-error.js';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** Set when the encoding was guessed, to be shown to the user. */
  warning?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Share of control characters (other than tab, CR, LF, FF) above which a file is taken as binary. */
const MAX_CONTROL_SHARE = 0.01;

function looksBinary(text: string): boolean {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / Math.max(sample.length, 1) > MAX_CONTROL_SHARE;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  let decoded: DecodedText;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  } else {
    try {
      decoded = { text: utf8.decode(bytes), encoding: 'utf-8' };
    } catch {
      decoded = {
        text: iconv.decode(Buffer.from(bytes), 'windows-1252'),
        encoding: 'windows-1252',
        warning: 'not valid UTF-8; decoded as Windows-1252',
      };
    }
  }
  if (looksBinary(decoded.text)) {
    throw new InputError('binary data, not text', 'Only text, Markdown, JSON, JSONL and HTML articles can be indexed.');
  }
  return decoded;
}
