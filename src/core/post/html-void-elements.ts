/**
 * Elements an HTML parser never expects an end tag for (parse5's list, legacy names included), so
 * scans that count open elements do not count these. Shared by `deep-html.ts` and
 * `body-complexity.ts`.
 */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'image',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
