// Runs of two or more whitespace characters, or a single one that is not a plain space. Plain
// single spaces, by far the most common case, are left alone, which makes this several times
// faster than replacing every /\s+/ match.
const UNTIDY_WHITESPACE = /\s{2,}|[^\S ]/g;

/** Collapses every run of whitespace (newlines, tabs, no-break spaces…) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(UNTIDY_WHITESPACE, ' ').trim();
}
