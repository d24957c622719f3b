/** The app's version, part of every cache key so an upgrade never reads an older index. */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
