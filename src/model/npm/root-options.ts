import type { RecognizeContext } from './publish-match.js';

/**
 * What a provider's loader (GitLab, CircleCI) hands publish detection for commands that run at the
 * root of the repository (the fields of `RecognizeContext` they share), and the files to skip.
 */
export type RootRecognizeOptions = Pick<
  RecognizeContext,
  'scripts' | 'configSkipsNpm' | 'packageScripts' | 'packageDir' | 'workspaceScripts' | 'shellFile' | 'toolConfig' | 'npmrcIgnoresScripts' | 'prePost' | 'privatePackage'
> & {
  /** Repository-relative files to skip (from the config's `ignore`). */
  isIgnored?: (file: string) => boolean;
};
