import { defineRule } from '../../src/engine/define-rule.js';
import { registryHost } from '../../src/model/npm/registry.js';
import { coveredPackages, isTrustedPublish, publishSites, type PublishSite } from '../../src/model/npm/workspaces.js';
import { YNode } from '../../src/yaml/parse.js';
import { classify, effectiveRegistry, type RegistryKind, type RegistrySetting } from './resolve.js';

interface Finding {
  setting: RegistrySetting;
  kind: Exclude<RegistryKind, 'npmjs' | 'unknown'>;
  packages: Set<string>;
  site: PublishSite;
}

export default defineRule({
  id: 'registry-is-npmjs',
  meta: {
    severity: 'error',
    providers: ['github'],
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
      npmjsAlias: {
        text: 'Trusted publish of {packages} goes to "{registry}" ({source}), an alias of the npm registry that trusted publishing does not accept',
        why: 'npm derives the OIDC audience from the registry host, so it asks for "npm:{host}"; npm only accepts tokens for "npm:registry.npmjs.org", so the exchange fails silently and the publish ends in E404 or ENEEDAUTH',
        fix: 'Set {source} to https://registry.npmjs.org/',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      const covered = coveredPackages(project, ctx.publishers).filter((p) => p.published);
      const owner = ownerOf(ctx.githubPublishers.find((p) => !p.inferred)?.repository ?? project.gitRemote?.path);
      const findings = new Map<string, Finding>();
      const toNpmjs = new Set<string>();
      const pending: { key: string; finding: Omit<Finding, 'packages'>; dir: string; name: string }[] = [];
      for (const site of publishSites(project)) {
        const targets = site.targets.kind === 'unknown' ? covered : covered.filter((p) => site.targets.packages.some((t) => t.dir === p.dir));
        for (const pkg of targets) {
          if (!isTrustedPublish(project, ctx.publishers, site, pkg)) continue;
          const setting = effectiveRegistry(project, site, pkg, owner);
          const kind = setting ? classify(setting.url) : 'npmjs';
          if (kind === 'npmjs') toNpmjs.add(pkg.dir);
          if (!setting || kind === 'npmjs' || kind === 'unknown') continue;
          pending.push({ key: keyOf(setting), finding: { setting, kind, site }, dir: pkg.dir, name: pkg.name ?? pkg.pkg.file });
        }
      }
      // A package that a trusted publish sends to npmjs may also go elsewhere (GitHub Packages) from another step.
      for (const { key, finding, dir, name } of pending) {
        if (toNpmjs.has(dir)) continue;
        const entry = findings.get(key) ?? { ...finding, packages: new Set<string>() };
        entry.packages.add(`"${name}"`);
        findings.set(key, entry);
      }
      for (const { setting, kind, packages, site } of findings.values()) {
        const data = {
          packages: [...packages].sort().join(', '),
          registry: setting.url,
          host: registryHost(setting.url) ?? setting.url,
          source: setting.source,
        };
        const related = setting.at === site.publish.location ? [] : [{ at: site.publish.location, label: `publish command (${site.publish.match.label})` }];
        ctx.report({ messageId: kind === 'alias' ? 'npmjsAlias' : 'otherRegistry', data, at: setting.at, atValue: setting.atValue, related });
      }
    },
  },
});

function ownerOf(repository: string | undefined): string | undefined {
  return repository?.split('/')[0];
}

function keyOf(setting: RegistrySetting): string {
  const at = setting.at instanceof YNode ? { file: setting.at.file, ...setting.at.span } : setting.at;
  return `${at.file}:${at.start.line}:${at.start.column}:${setting.url}`;
}
