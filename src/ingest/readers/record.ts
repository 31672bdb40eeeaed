/**
 * A JSON or JSONL article record → RawArticle. The schema names the fields lede reads; every other
 * field is kept as metadata. A record with the wrong types is refused with a reason per field.
 */
import { z } from 'zod';
import { articleIdFromField } from '../article-id.js';
import { InputError } from '../input-error.js';
import type { RawArticle } from '../types.js';

const isoDate = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const date = typeof value === 'number' ? new Date(value < 1e11 ? value * 1000 : value) : parseDate(value);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: `not a date: ${JSON.stringify(value).slice(0, 40)}` });
      return z.NEVER;
    }
    return date.toISOString();
  });

/** ISO 8601 with or without a zone (no zone means UTC, as the Reuters corpus writes them). */
export function parseDate(value: string): Date | undefined {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const withZone = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed) ? `${trimmed}Z` : trimmed;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const recordSchema = z
  .object({
    id: z.union([z.string().min(1), z.number().int()]).optional(),
    title: z.string().optional(),
    body: z.string().optional(),
    paragraphs: z.array(z.string()).optional(),
    publishedAt: isoDate.optional().nullable(),
    url: z.string().optional().nullable(),
    source: z.string().optional().nullable(),
    authors: z.union([z.string(), z.array(z.string())]).optional().nullable(),
    section: z.string().optional().nullable(),
  })
  .loose()
  .refine((r) => r.body !== undefined || r.paragraphs !== undefined, { message: 'needs a "body" string or a "paragraphs" array' });

const KNOWN = new Set(['id', 'title', 'body', 'paragraphs', 'publishedAt', 'url', 'source', 'authors', 'section']);

/** Splits a body on blank lines, the paragraph separator of the corpora and of plain text. */
export function splitBlocks(body: string): string[] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
}

function authorList(value: string | string[] | null | undefined): string[] | undefined {
  const names = (typeof value === 'string' ? value.split(/\s*(?:,|;|\band\b)\s*/) : (value ?? [])).map((n) => n.trim()).filter(Boolean);
  return names.length ? [...new Set(names)] : undefined;
}

export function recordToArticle(value: unknown, fallbackId: string, origin: RawArticle['origin']): RawArticle {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => (i.path.length ? `"${i.path.join('.')}": ${i.message}` : i.message));
    throw new InputError(`invalid article record: ${reasons.join('; ')}`, 'Fix the record (fields: id, title, body or paragraphs, publishedAt, url, source, authors, section).');
  }
  const r = parsed.data;
  const paragraphs = r.paragraphs ?? splitBlocks(r.body ?? '');
  const title = r.title?.trim() || '';
  const metadata = Object.fromEntries(Object.entries(value).filter(([k]) => !KNOWN.has(k)));
  return {
    id: r.id !== undefined ? articleIdFromField(r.id) : fallbackId,
    title,
    paragraphs,
    publishedAt: r.publishedAt ?? undefined,
    url: r.url ?? undefined,
    source: r.source ?? undefined,
    authors: authorList(r.authors),
    section: r.section?.trim() || undefined,
    metadata: Object.keys(metadata).length ? metadata : undefined,
    origin,
  };
}
