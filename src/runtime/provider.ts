/**
 * Which CI provider the job runs on, detected the way npm does: npm's OIDC routine
 * (lib/utils/oidc.js) asks ci-info for `GITHUB_ACTIONS || GITLAB || CIRCLE`, and ci-info sets those
 * from the environment variables `GITHUB_ACTIONS`, `GITLAB_CI` and `CIRCLECI` (non-empty).
 */
export type CiProvider = 'github' | 'gitlab' | 'circleci';

export const PROVIDER_NAMES: Record<CiProvider, string> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI/CD',
  circleci: 'CircleCI',
};

/** The first npm release whose OIDC routine handles the provider (docs/domain.md §0 and §2). */
export const MIN_NPM: Record<CiProvider, string> = {
  github: '11.5.1',
  gitlab: '11.5.1',
  circleci: '11.11.0',
};

/** `npm stage publish` exists from npm 11.15.0 (docs/domain.md §0). */
export const MIN_NPM_STAGE = '11.15.0';

export function detectProvider(env: NodeJS.ProcessEnv): CiProvider | undefined {
  if (env.GITHUB_ACTIONS) return 'github';
  if (env.GITLAB_CI) return 'gitlab';
  if (env.CIRCLECI) return 'circleci';
  return undefined;
}

/**
 * The provider that issued a token, from its `iss` claim (used when probe runs outside CI on a
 * token given in NPM_ID_TOKEN, to know which claims to read).
 */
export function providerFromIssuer(iss: unknown): CiProvider | undefined {
  if (typeof iss !== 'string') return undefined;
  let host: string;
  try {
    host = new URL(iss).hostname;
  } catch {
    return undefined;
  }
  if (host === 'token.actions.githubusercontent.com') return 'github';
  if (host === 'oidc.circleci.com') return 'circleci';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  return undefined;
}
