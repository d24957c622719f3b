import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { parseExternalUrl } from './external-url';

/**
 * Argument schemas for every IPC channel. The page is treated as compromised until proven
 * otherwise: every value is bounded in size, typed exactly, and unknown fields are rejected.
 */

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const noControlCharacters = (value: string) => !CONTROL_CHARACTERS.test(value);

/** A post id: a relative path with forward slashes, as the library hands out. */
export const postIdSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine(noControlCharacters, 'contains control characters')
  .refine((id) => !id.startsWith('/') && !id.includes('\\'), 'is not a relative path')
  .refine(
    (id) => !id.split('/').some((segment) => segment === '..' || segment === '.'),
    'contains a dot segment',
  );

/** A front-matter permalink such as `/my-post/`. */
export const permalinkSchema = z
  .string()
  .min(1)
  .max(2048)
  .refine(noControlCharacters, 'contains control characters');

/** An address for `shell.openExternal`: `http(s):` with a host, or `mailto:`. */
export const externalUrlSchema = z
  .string()
  .max(2048)
  .transform((url, context) => {
    const parsed = parseExternalUrl(url);
    if (parsed === null) {
      context.addIssue({ code: 'custom', message: 'is not an http(s) or mailto address' });
      return z.NEVER;
    }
    return parsed;
  });

/** An absolute folder path from the page (a recent entry or a dropped folder). */
export const folderPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine(noControlCharacters, 'contains control characters')
  .refine((folder) => isAbsolute(folder), 'is not an absolute path');

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a YYYY-MM-DD date');
const nameListSchema = z.array(z.string().min(1).max(200).refine(noControlCharacters)).max(500);

/** `PostFilter` exactly: no extra fields, bounded lists and strings. */
export const postFilterSchema = z.strictObject({
  areas: nameListSchema.optional(),
  match: z.enum(['any', 'all']).optional(),
  categories: nameListSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  query: z.string().max(500).optional(),
});

/** `TimelineWindow`: whole rows from the start of the result, at most 1,000 per page. */
export const timelineWindowSchema = z.strictObject({
  offset: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative().max(1000),
});

export const noArgumentsSchema = z.tuple([]);
