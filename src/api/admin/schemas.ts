/**
 * The push API's bodies as schemas, for the OpenAPI document. The request body itself is read by
 * the ingest's record reader (the same fields as a JSON record for `lede index`); the answers are
 * built by push.ts, whose types these must equal (checked below at compile time).
 */
import { z } from 'zod';
import type { Job, PushResult } from './push.js';

export const pushArticleSchema = z
  .looseObject({
    id: z.union([z.string(), z.int()]).optional().meta({ description: 'Required unless `url` is given (the id is then derived from it)' }),
    title: z.string().optional(),
    body: z.string().optional().meta({ description: 'Paragraphs separated by blank lines' }),
    paragraphs: z.array(z.string()).optional(),
    publishedAt: z.union([z.string(), z.number(), z.null()]).optional().meta({ description: 'ISO 8601, or Unix seconds/ms' }),
    url: z.string().nullable().optional(),
    source: z.string().nullable().optional(),
    authors: z.union([z.string(), z.array(z.string())]).optional(),
    section: z.string().nullable().optional(),
  })
  .meta({ description: 'The fields of a JSON record for `lede index`; others are kept as metadata' });

export const pushResultSchema = z.object({
  received: z.int(),
  added: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  rejected: z.array(
    z.object({
      index: z.int().meta({ description: 'Position in the request' }),
      id: z.string().optional(),
      field: z.string().optional(),
      reason: z.string(),
    }),
  ),
});

export const jobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  received: z.int(),
  result: pushResultSchema.optional(),
  error: z.string().optional(),
  createdAt: z.string(),
});

export const jobBodySchema = z.object({ job: jobSchema });
export const deletedSchema = z.object({ deleted: z.string() });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inSync: [Same<z.output<typeof pushResultSchema>, PushResult>, Same<z.output<typeof jobSchema>, Job>] = [true, true];
void inSync;
