/**
 * Option schemas for the commands. Commander hands options over as strings (or booleans); each
 * command parses them with a schema here, and a bad value is a usage error (exit 2) that names
 * the option and says why, never a silent default or a stack trace.
 */
import { z } from 'zod';
import { LedeError } from '../errors.js';

/** A whole number in [min, max], given as text: "10" → 10; "abc", "1.5", "-3" → refused. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be from ${min} to ${max}`).max(max, `must be from ${min} to ${max}`));
}

/** The option's flag as typed: batchSize → --batch-size. */
function flag(key: PropertyKey): string {
  return `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Parses a command's options with `schema`.
 *
 * @throws LedeError(`usage`) naming every bad option, e.g. `--limit "abc": must be a whole number from 1 to 100`.
 */
export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown, command: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const values = (raw ?? {}) as Record<string, unknown>;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path[0];
    if (key === undefined) return issue.message;
    const given = values[key as string];
    return `${flag(key)}${typeof given === 'string' ? ` ${JSON.stringify(given)}` : ''}: ${issue.message}`;
  });
  throw new LedeError({
    code: 'usage',
    param: problems.length === 1 ? flag(parsed.error.issues[0]!.path[0] ?? '') : undefined,
    message: `Invalid option${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`,
    suggestion: `See \`lede ${command} --help\`.`,
  });
}
