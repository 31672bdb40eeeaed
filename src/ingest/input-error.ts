import { LedeError } from '../errors.js';

/**
 * A problem with one input (a file, a JSONL line, a record): reported with its place and reason,
 * and the rest of the batch goes on.
 */
export class InputError extends LedeError {
  constructor(reason: string, suggestion?: string, cause?: unknown) {
    super({ code: 'invalid_input', message: reason, suggestion, cause });
    this.name = 'InputError';
  }
}
