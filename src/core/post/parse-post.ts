import type { AreaSource, Post } from '@shared/post';
import { AreaCollector } from './area-names';
import { assessBody } from './body-complexity';
import { dateFromFileName } from './calendar-date';
import { decodePostBytes } from './decode-post-bytes';
import { FrontMatterFields } from './front-matter-fields';
import { extractHtmlContent } from './html-content';
import { markdownToHtml } from './markdown-to-html';
import type { AreaAliases, ParseOutcome, PostFileInput } from './parse-contract';
import { categoryFromPath, fileNameOf, isHtmlPath, titleFromFileName } from './post-path';
import { readFrontMatter, type FrontMatter } from './read-front-matter';
import { readingMinutes } from './reading-time';
import { splitFrontMatter } from './split-front-matter';
import { stripLiquid } from './strip-liquid';

/** Front matter fields that name cooperation areas, in the order their areas are listed. */
const AREA_FIELDS = ['areas', 'cooperation_areas', 'tags'] as const;

/**
 * Turns one file's bytes into a post and its plain text, or says why the file is not a post.
 * Pure and synchronous (no I/O, no `Date`, no Electron), and it never throws: whatever the bytes,
 * the answer is a post (with warnings for anything odd) or a skip reason.
 */
export function parsePostFile(input: PostFileInput, aliases: AreaAliases): ParseOutcome {
  try {
    return parse(input, aliases);
  } catch (error) {
    return bareOutcome(input, error);
  }
}

function parse(input: PostFileInput, aliases: AreaAliases): ParseOutcome {
  const decoded = decodePostBytes(input.bytes);
  if (!decoded.ok) return { kind: 'skipped', reason: decoded.reason };

  const split = splitFrontMatter(decoded.text);
  const isHtml = isHtmlPath(input.relativePath);
  if (isHtml && split.kind !== 'yaml') {
    return {
      kind: 'skipped',
      reason: 'HTML file without YAML front matter (Jekyll treats it as a page, not a post)',
    };
  }

  const warnings: string[] = [];
  let frontMatter: FrontMatter | null = null;
  if (split.kind === 'yaml') {
    const reading = readFrontMatter(split.yaml);
    frontMatter = reading.frontMatter;
    warnings.push(...reading.warnings);
  } else if (split.kind === 'foreign') {
    warnings.push(
      `front matter written in "${split.language}" is not supported (only YAML); it was ignored, not run`,
    );
  } else if (split.kind === 'unclosed') {
    warnings.push(
      'front matter is not closed (no second --- line); the whole file is read as the body',
    );
  }

  const body = stripLiquid(split.body);
  const content = extractHtmlContent(isHtml ? body : markdownToHtml(body));
  if (content.flattened) {
    warnings.push('body is nested too deeply to read its structure; only its text is used');
  }
  // Decided once here, so the reader and the print renderer never try to format such a body.
  const complexity = assessBody(body);
  // Deep HTML already has its warning above ("only its text is used"): one per cause.
  if (complexity !== null && !(content.flattened && complexity.rule === 'nesting')) {
    warnings.push(`body is shown as plain text because it ${complexity.reason}`);
  }
  const fields = new FrontMatterFields(frontMatter);

  const title =
    fields.title() ??
    (content.firstHeading !== null
      ? fields.limitTitle(content.firstHeading, 'first heading')
      : null) ??
    titleFromFileName(input.relativePath);

  let date = fields.date();
  if (date === undefined || date === null) {
    const fromFileName = dateFromFileName(fileNameOf(input.relativePath));
    if (fromFileName !== null) date = fromFileName;
    else {
      if (date === undefined)
        warnings.push('no date found (no date field and no YYYY-MM-DD- file name prefix)');
      date = null;
    }
  }

  const layout = fields.layout();
  fields.checkPublished();

  const areas = new AreaCollector(aliases);
  for (const field of AREA_FIELDS) {
    const source: AreaSource = { kind: 'front-matter', field };
    for (const name of fields.list(field)) areas.add(name, source);
  }
  for (const item of content.areaItems)
    areas.add(item.name, { kind: 'body', sentence: item.sentence });

  const post: Post = {
    id: input.relativePath,
    path: input.relativePath,
    title,
    date,
    areas: areas.areas.map((area) => area.name),
    category: fields.category() ?? categoryFromPath(input.relativePath),
    permalink: fields.permalink(),
    layout,
    external: fields.external(layout),
    description: fields.description(),
    warnings: [...warnings, ...fields.warnings],
    readingMinutes: readingMinutes(content.text),
    body,
    areaDetails: areas.areas,
    image: fields.image(),
    variant: fields.variant(),
    mtimeMs: input.mtimeMs,
    plainTextReason: complexity?.reason ?? null,
  };
  return { kind: 'post', post, text: content.text };
}

/**
 * The answer when parsing failed unexpectedly: the file as plain text under its file name, so a
 * parser bug hides nothing from the reader; a skip only if even that is impossible.
 */
function bareOutcome(input: PostFileInput, error: unknown): ParseOutcome {
  const message = error instanceof Error ? error.message : String(error);
  try {
    const decoded = decodePostBytes(input.bytes);
    if (!decoded.ok) return { kind: 'skipped', reason: decoded.reason };
    const text = decoded.text.replace(/\s+/g, ' ').trim();
    const post: Post = {
      id: input.relativePath,
      path: input.relativePath,
      title: titleFromFileName(input.relativePath),
      date: dateFromFileName(fileNameOf(input.relativePath)),
      areas: [],
      category: categoryFromPath(input.relativePath),
      permalink: null,
      layout: 'post',
      external: null,
      description: '',
      warnings: [`could not be fully read (${message.split('\n', 1)[0]}); shown as plain text`],
      readingMinutes: readingMinutes(text),
      body: decoded.text,
      areaDetails: [],
      image: null,
      variant: null,
      mtimeMs: input.mtimeMs,
      plainTextReason: 'could not be read fully',
    };
    return { kind: 'post', post, text };
  } catch {
    return { kind: 'skipped', reason: `could not be read (${message.split('\n', 1)[0]})` };
  }
}
