/** Where a configuration was read from, and the error type every part of loading reports. */
import type { Location } from '../yaml/span.js';
import { FILE_START } from '../yaml/span.js';

export interface ConfigError {
  /** Names the key path and what was expected, e.g. "`publishers[0].provider` must be one of ...". */
  message: string;
  location?: Location;
}

/** Where the configuration was read from. */
export interface ConfigSource {
  /** Repository-relative path (forward slashes), or the absolute path for a file outside it. */
  file: string;
  text: string;
  /** Set when the configuration is a key of the file (package.json `tpDoctor`). */
  key?: string;
}

/** A value quoted as code in a message. */
export function code(text: string): string {
  return `\`${text}\``;
}

/** The start of a file, for errors about the whole file. */
export function startOf(file: string): Location {
  return { file, ...FILE_START };
}
