/** `/api/articles/:id/related`'s query: how many related articles. */
import { z } from 'zod';
import { int } from '../search/params.js';
import { RELATED_DEFAULT, RELATED_MAX } from './related.js';

export const relatedParamsSchema = z.object({ limit: int(1, RELATED_MAX, RELATED_DEFAULT).meta({ description: 'Related articles, at most.' }) }).strict();
