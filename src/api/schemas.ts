/** Response bodies shared by every route: the error body and the health answer (see openapi.ts). */
import { z } from 'zod';

/** `{ error: { code, message, param?, suggestion? } }`: LedeError#toJSON, sent by error-handler.ts. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    param: z.string().optional().meta({ description: 'The parameter at fault (400)' }),
    suggestion: z.string().optional().meta({ description: 'What to do next' }),
    details: z.unknown().optional(),
  }),
});

export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  service: z.string(),
  meilisearch: z.enum(['available', 'unavailable']),
  documents: z.int().nullable(),
});

export type ErrorBody = z.output<typeof errorBodySchema>;
export type Health = z.output<typeof healthSchema>;
