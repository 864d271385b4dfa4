/**
 * The npm upgrades that orb commands run (`ORB_NPM_UPGRADES` in ../data/orbs.ts): the circleci/node
 * orb's `install-npm`, and its `install` (which runs `install-npm`), in the orb's majors 1 to 4. Each
 * is read as the `sudo npm install -g npm@<spec>` the orb runs, at the orb step, so the npm at a later
 * publish and the upgrade's engine check are judged as for a `run` step's upgrade.
 */
import type { NpmUpgrade } from '../npm/publish-commands.js';
import { orbNpmUpgrade } from '../data/orbs.js';
import { pipelineDefaults } from './template.js';
import type { CircleJob, CircleNpmUpgrade, CircleStep } from './types.js';

/** An orb command's npm upgrade: what a `run` step's upgrade holds, and the orb step it comes from. */
export interface CircleOrbNpmUpgrade extends CircleNpmUpgrade {
  /** `node/install-npm` (the alias as written), the parameter that gives its spec, and the orb as pinned. */
  viaOrb: { command: string; parameter: string; ref: string; installsNode: boolean };
  /** The spec (or the switch) comes from a pipeline parameter's default: a trigger may pass another. */
  assumed?: true;
}

/** CircleCI's spellings of a boolean parameter's values. */
export const TRUE = /^(?:true|yes|on)$/i;
export const FALSE = /^(?:false|no|off)$/i;

/** `namespace`, `name` and `version` of an orb reference `namespace/name@version`. */
export function orbRefParts(ref: string | undefined): { namespace?: string; name?: string; version?: string } {
  const m = /^([^/@\s]+)\/([^/@\s]+)(?:@(\S+))?$/.exec(ref ?? '');
  return m ? { namespace: m[1]!, name: m[2]!, ...(m[3] !== undefined ? { version: m[3] } : {}) } : {};
}

/**
 * The npm upgrade an orb step runs, when it is one of `ORB_NPM_UPGRADES` in the orb version pinned;
 * with `upgrade.unknown` when tp-doctor cannot tell the orb's version or read the parameters (the npm
 * after it is then unknown, never the bundled one). Undefined for any other step, for an orb version
 * whose command upgrades no npm, and for `install-npm: false`.
 */
export function orbNpmUpgradeOf(step: CircleStep, job: CircleJob): CircleOrbNpmUpgrade | undefined {
  const orb = step.orb;
  if (step.kind !== 'orb' || !orb || orb.job) return undefined;
  const parts = orbRefParts(orb.ref);
  const known = orbNpmUpgrade(parts.namespace, parts.name, parts.version, orb.command);
  if (!known) return undefined;
  const { entry, major } = known;
  const command = `${orb.alias}/${orb.command}`;
  const ref = orb.ref ?? orb.alias;
  const assumed: string[] = [];
  const unknown = (why: string, spec = entry.specDefault): CircleOrbNpmUpgrade => build(spec, why);
  const build = (spec: string, why?: string): CircleOrbNpmUpgrade => {
    const text = `${command} (sudo npm install -g npm@${spec})`;
    const upgrade: NpmUpgrade = { spec, offset: 0, end: 0, text, force: false, viaCorepack: false };
    if (why !== undefined) upgrade.unknown = why;
    const out: CircleOrbNpmUpgrade = {
      upgrade,
      sudo: true,
      location: { file: step.node.file, ...((step.node.isMap ? step.node.entries()[0]?.keySpan : undefined) ?? step.node.span) },
      viaOrb: { command, parameter: entry.specParameter, ref, installsNode: entry.enableParameter !== undefined },
    };
    if (assumed.length > 0) out.assumed = true;
    return out;
  };
  if (major === undefined) {
    return unknown(`\`${command}\` upgrades npm in versions ${entry.majors[0]}.x to ${entry.majors[1]}.x of ${entry.orb} (to \`${entry.specDefault}\` by default), and tp-doctor cannot tell which version "${ref}" is`);
  }
  if (entry.enableParameter !== undefined) {
    const enable = orb.texts.get(entry.enableParameter);
    if (enable) {
      if (enable.unknown.length > 0 || !(TRUE.test(enable.text.trim()) || FALSE.test(enable.text.trim()))) {
        return unknown(`\`${command}\` upgrades npm unless \`${entry.enableParameter}\` is false, and tp-doctor cannot resolve \`${entry.enableParameter}: ${enable.raw.trim()}\``);
      }
      if (pipelineDefaults(enable).length > 0) assumed.push(entry.enableParameter);
      if (FALSE.test(enable.text.trim())) return undefined;
    }
  }
  const alpine = entry.alpinePackageMajors;
  if (alpine && major >= alpine[0] && major <= alpine[1] && /alpine/i.test(job.docker[0]?.image.text ?? '')) {
    return unknown(`\`${command}\` of ${entry.orb} ${major}.x installs Alpine's \`npm\` package on an Alpine image, whose version tp-doctor does not know`);
  }
  const given = orb.texts.get(entry.specParameter);
  if (!given) return build(entry.specDefault);
  if (given.unknown.length > 0) return unknown(`\`${command}\` installs npm \`${entry.specParameter}: ${given.raw.trim()}\`, which tp-doctor cannot resolve`, given.raw.trim());
  if (pipelineDefaults(given).length > 0) assumed.push(entry.specParameter);
  return build(given.text.trim());
}
