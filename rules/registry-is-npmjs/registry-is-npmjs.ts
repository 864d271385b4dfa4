import { defineRule } from '../../src/engine/define-rule.js';
import { isNpmjsAlias, registryHost } from '../../src/model/npm/registry.js';
import { leastCertain, type Certainty, type PublishSite, type RegistrySetting } from '../../src/model/publish.js';

interface Finding {
  setting: RegistrySetting;
  alias: boolean;
  packages: Set<string>;
  site: PublishSite;
  certainty: Certainty;
  /** A credential of the publish's own that tp-doctor cannot read (`ProjectFacts.unreadCredential`). */
  credential: string | undefined;
}

export default defineRule({
  id: 'registry-is-npmjs',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'A trusted publish goes to https://registry.npmjs.org, the only registry with trusted publishing',
    // The publish fails, or goes to another registry with whatever token is there: mostly a
    // reliability problem, slightly above pure naming mismatches because a package may end up elsewhere.
    securitySeverity: 3.0,
    messages: {
      otherRegistry: {
        text: 'Trusted publish of {packages} goes to "{registry}" ({source}), not to https://registry.npmjs.org',
        why: 'npm asks for an OIDC token with audience "npm:{host}" and exchanges it at that registry; trusted publishing only exists on registry.npmjs.org, so the exchange fails silently and the publish ends in E404 or ENEEDAUTH (or goes to "{host}" with whatever token is configured there)',
        fix: 'Point {source} at https://registry.npmjs.org/ or remove it for this publish; publish to another registry from a separate step that has its own token',
      },
      otherRegistryIdToken: {
        text: 'Trusted publish of {packages} goes to "{registry}" ({source}), not to https://registry.npmjs.org',
        why: 'npm exchanges the job\'s `NPM_ID_TOKEN` at the registry it publishes to; trusted publishing only exists on registry.npmjs.org, so the exchange fails silently and the publish ends in E404 or ENEEDAUTH (or goes to "{host}" with whatever token is configured there)',
        fix: 'Point {source} at https://registry.npmjs.org/ or remove it for this publish; publish to another registry from a separate job that has its own token',
      },
      otherRegistryOwnCredential: {
        text: 'Publish of {packages} goes to "{registry}" ({source}) with a credential of its own ({credential}), not through trusted publishing on https://registry.npmjs.org',
        why: 'A trusted publisher is declared for {packages}, but this publish goes to "{host}" and reads a credential tp-doctor cannot see ({credential}): npm\'s OIDC exchange there fails silently and the publish most likely goes through with that credential, so the declared trusted publisher is never used by it',
        fix: 'If the package is meant to reach npm through "{host}" (a proxy that forwards it), declare no trusted publisher for it; otherwise point {source} at https://registry.npmjs.org/ and drop the credential',
      },
      npmjsAlias: {
        text: 'Trusted publish of {packages} goes to "{registry}" ({source}), an alias of the npm registry that trusted publishing does not accept',
        why: 'npm derives the OIDC audience from the registry host, so it asks for "npm:{host}"; npm only accepts tokens for "npm:registry.npmjs.org", so the exchange fails silently and the publish ends in E404 or ENEEDAUTH',
        fix: 'Set {source} to https://registry.npmjs.org/',
      },
    },
  },
  hooks: {
    project(_project, ctx) {
      // Every package a site targets, whichever registry it goes to (`published` counts npmjs only).
      const byDir = new Map(ctx.coverage().map((p) => [p.dir, p]));
      const findings = new Map<string, Finding>();
      const toNpmjs = new Set<string>();
      const pending: { key: string; finding: Omit<Finding, 'packages'>; dir: string; name: string }[] = [];
      for (const site of ctx.facts.sites) {
        for (const [dir, decision] of site.packageRegistries) {
          const pkg = byDir.get(dir);
          const trust = pkg && ctx.facts.trustedPublish(ctx.publishers, site, pkg);
          if (!pkg || !trust) continue;
          const setting = decision.setting;
          // Yarn Berry asks for the npmjs audience for registry.yarnpkg.com (`npmjsAudience`): no alias to it.
          const alias = setting !== undefined && isNpmjsAlias(setting.url) && decision.npmjsAudience !== true;
          if (decision.registry === 'npmjs' && !alias) toNpmjs.add(dir);
          if (!setting || decision.registry === 'unknown' || (decision.registry === 'npmjs' && !alias)) continue;
          // On GitLab and CircleCI the job's ID token carries the audience it was minted with, not
          // one npm derives from the host: whether an alias of the npm registry accepts it is not known.
          if (alias && site.provider !== 'github') continue;
          // A user configuration or action credential tp-doctor cannot read: the publish most likely
          // goes to that registry with it (no rejection to be sure of), and an inferred publisher
          // never counts it (`passesOwnToken`).
          const credential = alias ? undefined : ctx.facts.unreadCredential(site);
          const certainty = credential === undefined ? trust : leastCertain([trust, 'likely']);
          pending.push({ key: keyOf(setting), finding: { setting, alias, site, certainty, credential }, dir, name: pkg.name ?? pkg.pkg.file });
        }
      }
      // A package that a trusted publish sends to npmjs may also go elsewhere (GitHub Packages) from another step.
      for (const { key, finding, dir, name } of pending) {
        if (toNpmjs.has(dir)) continue;
        const entry = findings.get(key) ?? { ...finding, packages: new Set<string>() };
        entry.packages.add(`"${name}"`);
        findings.set(key, entry);
      }
      for (const { setting, alias, packages, site, certainty, credential } of findings.values()) {
        const data = {
          packages: [...packages].sort().join(', '),
          registry: setting.url,
          host: registryHost(setting.url) ?? setting.url,
          source: setting.source,
          credential: credential ?? '',
        };
        const related = setting.at === site.publish.location ? [] : [{ at: site.publish.location, label: `publish command (${site.publish.match.label})` }];
        const messageId = alias ? 'npmjsAlias' : credential !== undefined ? 'otherRegistryOwnCredential' : site.provider === 'github' ? 'otherRegistry' : 'otherRegistryIdToken';
        ctx.report({ messageId, data, at: setting.at, atValue: setting.atValue, related, certainty });
      }
    },
  },
});

function keyOf(setting: RegistrySetting): string {
  const at = 'start' in setting.at ? setting.at : { file: setting.at.file, ...setting.at.span };
  return `${at.file}:${at.start.line}:${at.start.column}:${setting.url}`;
}
