import { extname } from 'node:path';

/**
 * Images a post may show, by extension. SVG is deliberately absent: it is a document that can
 * carry script, so post SVGs are never served with an image type.
 */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/** Files the built renderer consists of. These are the app's own, so SVG icons are fine here. */
const RENDERER_TYPES: Readonly<Record<string, string>> = {
  ...IMAGE_TYPES,
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The content type of a post image, or `null` if the file is not an image the reader serves. */
export function imageContentType(path: string): string | null {
  return IMAGE_TYPES[extname(path).toLowerCase()] ?? null;
}

/** The content type of a file of the built renderer, or `null` if it is not one it should have. */
export function rendererContentType(path: string): string | null {
  return RENDERER_TYPES[extname(path).toLowerCase()] ?? null;
}
