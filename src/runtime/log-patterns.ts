/**
 * The messages `tp-doctor diagnose` recognises in the log of a failed publish, what each means,
 * its likely causes and the static rules whose findings explain it. One row per message; every row
 * names where the message and its meaning come from (docs/domain.md section, the npm source file that
 * prints it, or the public reports it was seen in). docs/diagnose.md lists the same table.
 *
 * `kind: 'failure'` rows are errors that end the publish; `kind: 'clue'` rows are lines that tell
 * something about the cause (the npm version used, a verbose OIDC line) without being the failure.
 * `explainedBy`: rule ids, most likely cause first (the ranking follows this order).
 * `contradicts`: rule ids whose findings are unlikely to be the cause when the line appears.
 */
import { semver } from '../model/core/semver.js';

export interface LogPattern {
  id: string;
  title: string;
  kind: 'failure' | 'clue';
  regex: RegExp;
  /** Decides on a match the regex alone cannot (a version comparison). */
  accept?: (match: RegExpExecArray) => boolean;
  meaning: string;
  causes: string[];
  explainedBy: string[];
  contradicts?: string[];
  tools: string[];
  source: string;
}

/** Rules that explain "npm published without a usable credential" (ENEEDAUTH, E404 on PUT). */
const NO_OIDC = [
  'require-id-token-write',
  'gitlab-npm-id-token',
  'npm-supports-oidc',
  'publish-tool-supports-oidc',
  'publish-from-trusted-workflow',
  'trusted-workflow-exists',
  'environment-matches-publisher',
  'repository-matches-publisher',
  'require-hosted-runner',
  'gitlab-id-token-audience',
  'registry-is-npmjs',
  'publisher-config-valid',
];

const NO_ID_TOKEN_CAUSE =
  'the job had no ID token, so npm skipped trusted publishing silently (GitHub: no `id-token: write` on the job or on the job that calls it; GitLab: no `id_tokens: NPM_ID_TOKEN`; CircleCI: NPM_ID_TOKEN not exported)';
const OLD_NPM_CAUSE =
  'the npm that ran the publish is older than 11.5.1 (11.11.0 on CircleCI), or the publish tool does not do trusted publishing, so no token was exchanged (provenance can still be signed)';
const MISMATCH_CAUSE =
  'the token exchange failed: the trusted publisher on npmjs.com does not match the repository, the top-level workflow file or the environment of the run (case-sensitive), or the package does not exist on the registry yet';

export const LOG_PATTERNS: readonly LogPattern[] = [
  {
    id: 'e404-put',
    title: 'E404 Not Found - PUT',
    kind: 'failure',
    regex: /\bE?404\b.*Not Found - PUT (\S+)/i,
    meaning:
      'The registry refused the upload as if the package did not exist: npm sent no usable credential. The OIDC exchange did not happen or failed (npm logs why only at verbose level), and an old or placeholder token, or none, was sent instead',
    causes: [
      NO_ID_TOKEN_CAUSE,
      OLD_NPM_CAUSE,
      MISMATCH_CAUSE,
      'a leftover NODE_AUTH_TOKEN / NPM_TOKEN or setup-node\'s placeholder token was sent; with npm it does not block trusted publishing, but it turns the failure into E404 instead of ENEEDAUTH',
    ],
    explainedBy: [...NO_OIDC, 'no-long-lived-token'],
    tools: ['npm', 'pnpm', 'changesets', 'lerna', 'semantic-release'],
    source:
      'docs/domain.md §1.6 [obs]; message format: npm-registry-fetch lib/errors.js (HttpErrorGeneral); npm/cli#8976, pnpm/pnpm#11566',
  },
  {
    id: 'eneedauth',
    title: 'ENEEDAUTH',
    kind: 'failure',
    regex: /\bENEEDAUTH\b|This command requires you to be logged in/,
    meaning:
      'npm found no credential for the registry at all: the OIDC exchange did not happen or failed, and no token was configured to fall back to',
    causes: [NO_ID_TOKEN_CAUSE, OLD_NPM_CAUSE, MISMATCH_CAUSE],
    explainedBy: NO_OIDC,
    tools: ['npm', 'pnpm', 'changesets', 'lerna'],
    source: 'npm lib/commands/publish.js (ENEEDAUTH when no credential); docs/domain.md §1.6; npm/cli#9923',
  },
  {
    id: 'token-expired',
    title: 'Access token expired or revoked',
    kind: 'failure',
    regex: /Access token expired or revoked/i,
    meaning:
      'npm sent a token the registry no longer accepts: an old NPM_TOKEN / NODE_AUTH_TOKEN (or a placeholder) was used because trusted publishing produced no token',
    causes: [
      NO_ID_TOKEN_CAUSE,
      OLD_NPM_CAUSE,
      MISMATCH_CAUSE,
      'a long-lived token is still wired into the publish step; remove it once trusted publishing works',
    ],
    explainedBy: [...NO_OIDC, 'no-long-lived-token'],
    tools: ['npm'],
    source:
      "the registry's npm-notice header, printed by npm-registry-fetch lib/check-response.js; docs/domain.md §1.6 [obs]; npm/cli#8976, npm/cli#8730",
  },
  {
    id: 'exchange-package-not-found',
    title: 'OIDC token exchange error - package not found',
    kind: 'failure',
    regex: /OIDC token exchange error - package not found/i,
    meaning: 'npm had an ID token, but the registry found no trusted publisher for this package that matches it',
    causes: [
      'the package does not exist on the registry yet: a trusted publisher can only be added to an existing package, so its first version needs another publishing method',
      'no trusted publisher is configured for the package on npmjs.com',
      'the trusted publisher differs from the token: repository (owner case too), top-level workflow file (not the reusable workflow), environment',
      "the repository was created or renamed after GitHub's immutable-subject change (npm/cli#9969, open)",
      'on CircleCI: the job is an SSH rerun (npm/cli#9923)',
    ],
    explainedBy: [
      'publish-from-trusted-workflow',
      'trusted-workflow-exists',
      'repository-matches-publisher',
      'environment-matches-publisher',
      'publisher-config-valid',
      'require-hosted-runner',
    ],
    tools: ['npm'],
    source:
      'npm lib/utils/oidc.js ("Failed token exchange request with body message", verbose level); docs/domain.md §0, §8.9; npm/cli#9969, npm/cli#8678, npm/cli#9923',
  },
  {
    id: 'exchange-unauthorized',
    title: 'OIDC token exchange error - unauthorized',
    kind: 'failure',
    regex: /OIDC token exchange error - unauthorized/i,
    meaning: 'The registry rejected the ID token itself',
    causes: [
      'the token audience is not `npm:registry.npmjs.org` (GitLab `aud:`, CircleCI `--claims`)',
      'the token expired before the exchange',
      'a hand-made exchange did not look like npm ≥ 11.5.1 to the registry (gjsify/gjsify#512)',
    ],
    explainedBy: ['gitlab-id-token-audience', 'registry-is-npmjs', 'npm-supports-oidc'],
    tools: ['npm'],
    source: 'npm lib/utils/oidc.js (verbose level); gjsify/gjsify#512 [rep]',
  },
  {
    id: 'oidc-permission-denied',
    title: '403 OIDC permission denied for this action',
    kind: 'failure',
    regex: /OIDC permission denied for this action/i,
    meaning: "The exchange worked but the trusted publisher does not allow this action (publish or stage publish)",
    causes: [
      'the trusted publisher allows stage publish only (the npmjs.com form has defaulted to it), and the job runs `npm publish`',
      'the trusted publisher allows publish only, and the job runs `npm stage publish`',
      "an older package's publishing access setting rejects trusted publishing (webarkit/jsartoolkitNFT#620 [rep])",
    ],
    explainedBy: ['allowed-actions-match', 'repository-matches-publisher'],
    tools: ['npm', 'pnpm'],
    source: 'docs/domain.md §0 (allowed actions), §1.8, §8.10 [doc][obs]; gtrabanco/agentic-workflow#39',
  },
  {
    id: 'e422-repository-url',
    title: 'E422 repository.url does not match the provenance',
    kind: 'failure',
    regex: /(?:\bE?422\b|Unprocessable Entity|provenance).*\brepository\.url\b|\brepository\.url\b.*expected to match/i,
    meaning:
      'Trusted publishing and provenance worked, but package.json `repository.url` does not equal the repository the provenance names (exact and case-sensitive)',
    causes: [
      'package.json has no `repository` (common in monorepo packages) or it points at another repository, a fork or another letter case',
    ],
    explainedBy: ['provenance-repository-url', 'repository-matches-publisher'],
    tools: ['npm'],
    source: 'docs/domain.md §1.10 [doc][obs], §8.7',
  },
  {
    id: 'e422-visibility',
    title: 'E422 provenance from a private repository',
    kind: 'failure',
    regex: /\bE?422\b.*\bvisibility\b/i,
    meaning: 'Provenance was forced (`--provenance`, `provenance=true`) in a private repository; the registry refuses it',
    causes: ['`--provenance` or `provenance=true` in a private repository'],
    explainedBy: ['provenance-settings'],
    tools: ['npm'],
    source: 'docs/domain.md §1.10 [obs], §8.8',
  },
  {
    id: 'provenance-unsupported-provider',
    title: 'Automatic provenance generation not supported for provider',
    kind: 'failure',
    regex: /Automatic provenance generation not supported for provider:?\s*([^\n]*)/i,
    meaning: 'Provenance was requested on a CI provider npm cannot sign provenance on (CircleCI, or any CI other than GitHub Actions and GitLab)',
    causes: ['`--provenance`, `provenance=true` or NPM_CONFIG_PROVENANCE=true on CircleCI or another provider'],
    explainedBy: ['provenance-settings'],
    tools: ['npm'],
    source: 'libnpmpublish lib/publish.js (throws it); docs/domain.md §0 (CircleCI)',
  },
  {
    id: 'npm-ebadengine',
    title: 'EBADENGINE installing npm',
    kind: 'failure',
    regex: /Not compatible with your version of node\/npm: npm@(\S+)/,
    meaning: 'Installing npm itself failed: the npm release asked for does not support the Node of the job (npm checks its own engines strictly)',
    causes: [
      '`npm install -g npm@latest` on Node 20, Node 22 before 22.22.2 or Node 24 before 24.15 (npm 12 needs ^22.22.2 || ^24.15.0 || >=26)',
    ],
    explainedBy: ['npm-upgrade-compatible', 'npm-supports-oidc'],
    tools: ['npm'],
    source: 'npm lib/utils/error-message.js (EBADENGINE) and npm-install-checks; docs/domain.md §2, §8.2',
  },
  {
    id: 'nested-id-token',
    title: "Reusable workflow is only allowed 'id-token: none'",
    kind: 'failure',
    regex: /is only allowed 'id-token: none'/,
    meaning: 'The workflow did not start: a reusable workflow asks for `id-token: write` but the calling job grants less',
    causes: ['the caller job of the reusable workflow lacks `id-token: write`'],
    explainedBy: ['require-id-token-write'],
    tools: ['github'],
    source: 'docs/domain.md §3, §8.4 [obs]',
  },
  {
    id: 'semantic-release-enonpmtoken',
    title: 'ENONPMTOKEN No npm token specified',
    kind: 'failure',
    regex: /\bENONPMTOKEN\b|No npm token specified/,
    meaning:
      "semantic-release's npm plugin found neither a working trusted-publishing setup nor NPM_TOKEN",
    causes: [
      '@semantic-release/npm older than 13.1.0 (semantic-release older than 25), which always demands NPM_TOKEN; on CircleCI older than 13.2.0',
      NO_ID_TOKEN_CAUSE,
      MISMATCH_CAUSE,
    ],
    explainedBy: ['publish-tool-supports-oidc', ...NO_OIDC.filter((id) => id !== 'publish-tool-supports-oidc')],
    tools: ['semantic-release'],
    source: '@semantic-release/npm (error code ENONPMTOKEN); docs/domain.md §0, §5; semantic-release/npm#1069',
  },
  {
    id: 'semantic-release-einvalidnpmtoken',
    title: 'EINVALIDNPMTOKEN Invalid npm token',
    kind: 'failure',
    regex: /\bEINVALIDNPMTOKEN\b|Invalid npm token\./,
    meaning: "semantic-release's npm plugin checked the configured npm token (`npm whoami`) and the registry refused it",
    causes: [
      'an expired or revoked NPM_TOKEN (or an `_authToken` in an .npmrc) is still configured',
      '@semantic-release/npm older than 13.1.0 does not use trusted publishing at all',
    ],
    explainedBy: ['no-long-lived-token', 'publish-tool-supports-oidc', ...NO_OIDC.filter((id) => id !== 'publish-tool-supports-oidc')],
    tools: ['semantic-release'],
    source: '@semantic-release/npm (error code EINVALIDNPMTOKEN); docs/domain.md §5; ducktors/turborepo-remote-cache#672',
  },
  {
    id: 'yarn-no-auth',
    title: 'Yarn: No authentication configured for request',
    kind: 'failure',
    regex: /No authentication configured for request/,
    meaning: 'Yarn Berry found no credential: it did not perform trusted publishing',
    causes: [
      'Yarn older than 4.10 (4.10.3 for scoped packages), or Yarn 1, which never does trusted publishing',
      NO_ID_TOKEN_CAUSE,
      'on CircleCI: Yarn Berry does not read NPM_ID_TOKEN there yet (berry#7122)',
    ],
    explainedBy: ['publish-tool-supports-oidc', ...NO_OIDC.filter((id) => id !== 'publish-tool-supports-oidc')],
    tools: ['yarn'],
    source: 'yarnpkg/berry#6952; docs/domain.md §0 (Yarn Berry), §5',
  },
  // --- clues ------------------------------------------------------------------------------------
  {
    id: 'pnpm-placeholder-token',
    title: 'pnpm could not expand ${NODE_AUTH_TOKEN}',
    kind: 'clue',
    regex: /Failed to replace env in config: \$\{NODE_AUTH_TOKEN\}/,
    meaning: "pnpm read setup-node's .npmrc and could not expand `${NODE_AUTH_TOKEN}`; pnpm before 11.1.3 then sends the literal placeholder as the token (a 404)",
    causes: ['pnpm 11.0.x–11.1.2 with setup-node `registry-url`: upgrade pnpm, or drop `registry-url`'],
    explainedBy: ['publish-tool-supports-oidc', 'no-long-lived-token'],
    tools: ['pnpm'],
    source: 'docs/domain.md §0 (pnpm until 11.1.3); nself-org/cli#300',
  },
  {
    id: 'npm-version-too-old',
    title: 'npm older than 11.5.1 ran',
    kind: 'clue',
    regex: /\bnpm (?:info|verb(?:ose)?) using npm@(\d+\.\d+\.\d+\S*)/,
    accept: (m) => semver.valid(m[1] ?? '') !== null && semver.lt(m[1]!, '11.5.1'),
    meaning: 'The npm that ran has no trusted publishing (it arrived in 11.5.1)',
    causes: ['the Node of the job bundles npm 10 (Node 20, 22, 24 before 24.5) and nothing upgrades it before the publish'],
    explainedBy: ['npm-supports-oidc'],
    tools: ['npm'],
    source: 'npm\'s "using npm@<version>" log line; docs/domain.md §2, §8.1',
  },
  {
    id: 'npm-version-ok',
    title: 'npm 11.5.1 or later ran',
    kind: 'clue',
    regex: /\bnpm (?:info|verb(?:ose)?) using npm@(\d+\.\d+\.\d+\S*)/,
    accept: (m) => semver.valid(m[1] ?? '') !== null && semver.gte(m[1]!, '11.5.1'),
    meaning: 'The npm that ran supports trusted publishing on GitHub and GitLab',
    causes: [],
    explainedBy: [],
    contradicts: ['npm-supports-oidc'],
    tools: ['npm'],
    source: 'npm\'s "using npm@<version>" log line; docs/domain.md §2',
  },
  {
    id: 'oidc-no-permission',
    title: 'npm: OIDC skipped, no id-token permission',
    kind: 'clue',
    regex: /Skipped because incorrect permissions for id-token within GitHub workflow/,
    meaning: 'npm found neither ACTIONS_ID_TOKEN_REQUEST_URL nor its token: the job has no `id-token: write`',
    causes: [NO_ID_TOKEN_CAUSE],
    explainedBy: ['require-id-token-write'],
    tools: ['npm'],
    source: 'npm lib/utils/oidc.js (silly level)',
  },
  {
    id: 'oidc-no-id-token',
    title: 'npm: OIDC skipped, no id_token available',
    kind: 'clue',
    regex: /Skipped because no id_token available/,
    meaning: 'npm found no ID token (GitLab and CircleCI: NPM_ID_TOKEN is not set)',
    causes: [NO_ID_TOKEN_CAUSE],
    explainedBy: ['gitlab-npm-id-token', 'gitlab-id-token-audience'],
    tools: ['npm'],
    source: 'npm lib/utils/oidc.js (silly level)',
  },
  {
    id: 'oidc-exchanged',
    title: 'npm: OIDC token exchanged',
    kind: 'clue',
    regex: /oidc Successfully retrieved and set token/,
    meaning: 'Trusted publishing worked up to the exchange: the failure comes later (allowed actions, provenance, the package itself)',
    causes: [],
    explainedBy: [],
    contradicts: [
      'require-id-token-write',
      'gitlab-npm-id-token',
      'npm-supports-oidc',
      'publish-from-trusted-workflow',
      'trusted-workflow-exists',
      'environment-matches-publisher',
      'repository-matches-publisher',
      'gitlab-id-token-audience',
    ],
    tools: ['npm'],
    source: 'npm lib/utils/oidc.js (verbose level)',
  },
  {
    id: 'provenance-signed',
    title: 'Provenance was signed',
    kind: 'clue',
    regex: /Signed provenance statement with source and build information from/,
    meaning:
      'The job had an OIDC token for Sigstore, so on GitHub `id-token: write` was granted; an E404 after this points at the npm version or the publisher registration',
    causes: [],
    explainedBy: [],
    contradicts: ['require-id-token-write'],
    tools: ['npm'],
    source: 'docs/domain.md §8.1 (provenance signed, then E404); npm/cli#8976',
  },
  {
    id: 'changesets-oidc',
    title: 'changesets/action chose trusted publishing',
    kind: 'clue',
    regex: /No NPM_TOKEN found, but OIDC is available - using npm trusted publishing/,
    meaning: 'changesets/action wrote no token and left authentication to npm\'s trusted publishing',
    causes: [],
    explainedBy: [],
    tools: ['changesets'],
    source: 'changesets/action log line, seen in npm/cli#8976 and hirokisakabe/pom#518',
  },
];
