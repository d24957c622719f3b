import type { ReaderApi } from '@shared/reader-api';

/**
 * Every member of `ReaderApi`, listed once. The preload exposes exactly these (tests compare the
 * exposed object with this list) and the type checks below fail the build if the contract gains
 * or loses a member without this list following.
 */
export const READER_API_MEMBERS = [
  'capabilities',
  'getStatus',
  'query',
  'getPost',
  'findByPermalink',
  'assetUrl',
  'openExternal',
  'printToPdf',
  'exportDigestPdf',
  'openFolder',
  'openRecentFolder',
  'getRecentFolders',
  'onDidChangeStatus',
  'onDidChangePosts',
  'onDidInvokeMenuCommand',
] as const satisfies readonly (keyof ReaderApi)[];

type Listed = (typeof READER_API_MEMBERS)[number];
type Unlisted = Exclude<keyof ReaderApi, Listed>;
/** Compile-time proof that no `ReaderApi` member is missing from the list. */
export const EVERY_MEMBER_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
