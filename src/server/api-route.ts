import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType } from 'zod';
import type { LibraryService } from '../core/library-service';
import { apiRequestSchemas, describeIssues, type ApiMethod, type ApiRequest } from './api-requests';
import { readBody, sendError, sendJson } from './http-responses';

/**
 * `POST /api/<method>` with a JSON body: the read-only half of the `ReaderApi`. Every body is
 * validated before the library sees it; anything malformed gets a 400 with one line saying why.
 */
export async function handleApiCall<M extends ApiMethod>(
  method: M,
  request: IncomingMessage,
  response: ServerResponse,
  library: LibraryService,
): Promise<void> {
  const contentType = request.headers['content-type'] ?? '';
  // Requiring JSON also keeps plain HTML forms (which cannot send it) away from the API.
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    sendError(response, 415, 'the API takes application/json');
    return;
  }
  const text = await readBody(request);
  if (text === null) {
    sendError(response, 413, 'request body too large');
    return;
  }
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    sendError(response, 400, `${method}: the body is not valid JSON`);
    return;
  }
  const parsed = REQUEST_SCHEMAS[method].safeParse(json);
  if (!parsed.success) {
    sendError(response, 400, `${method}: ${describeIssues(parsed.error)}`);
    return;
  }
  sendJson(response, 200, await callLibrary(method, parsed.data, library));
}

/** The schemas, typed per method so a validated body keeps its method's type. */
const REQUEST_SCHEMAS: { readonly [M in ApiMethod]: ZodType<ApiRequest<M>> } = apiRequestSchemas;

/** What each method does with its validated body. */
const API_HANDLERS: {
  readonly [M in ApiMethod]: (body: ApiRequest<M>, library: LibraryService) => Promise<unknown>;
} = {
  getStatus: async (_body, library) => library.status(),
  query: (body, library) => library.query(body.filter, body.window),
  getPost: (body, library) => library.getPost(body.id),
  findByPermalink: (body, library) => library.findByPermalink(body.permalink),
};

function callLibrary<M extends ApiMethod>(
  method: M,
  body: ApiRequest<M>,
  library: LibraryService,
): Promise<unknown> {
  return API_HANDLERS[method](body, library);
}
