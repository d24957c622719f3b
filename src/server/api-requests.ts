import { z } from 'zod';

/** Generous bounds: a person's filter never comes close, a hostile body is cut short. */
const MAX_TEXT = 1_000;
const MAX_NAMES = 200;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const names = z.array(z.string().max(MAX_TEXT)).max(MAX_NAMES);

/** A `PostFilter` as it arrives over HTTP: only known fields, each of the right shape. */
export const postFilterSchema = z.strictObject({
  areas: names.optional(),
  match: z.enum(['any', 'all']).optional(),
  categories: names.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  query: z.string().max(MAX_TEXT).optional(),
});

/** The reader pages through a result; a page of more than this many rows is refused. */
export const MAX_WINDOW_ROWS = 1_000;

/** A `TimelineWindow`: which rows of the result to send. */
export const timelineWindowSchema = z.strictObject({
  offset: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative().max(MAX_WINDOW_ROWS),
});

/** The JSON body of each `POST /api/<method>`, keyed by method name. */
export const apiRequestSchemas = {
  getStatus: z.strictObject({}),
  query: z.strictObject({ filter: postFilterSchema, window: timelineWindowSchema.optional() }),
  getPost: z.strictObject({ id: z.string().min(1).max(MAX_TEXT) }),
  findByPermalink: z.strictObject({ permalink: z.string().min(1).max(MAX_TEXT) }),
} as const;

export type ApiMethod = keyof typeof apiRequestSchemas;

/** The validated body of `POST /api/<M>`. */
export type ApiRequest<M extends ApiMethod> = z.infer<(typeof apiRequestSchemas)[M]>;

/** Whether `name` is one of the JSON API's methods. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiRequestSchemas, name);
}

/** The request the asset route takes from its query string. */
export const assetRequestSchema = z.strictObject({
  post: z.string().min(1).max(MAX_TEXT),
  src: z.string().min(1).max(MAX_TEXT),
  token: z.string().optional(),
});

/** A zod failure as one line: `filter.areas: expected array, received string; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      return `${where}: ${issue.message}`.replace(/\s+/g, ' ');
    })
    .join('; ');
}
