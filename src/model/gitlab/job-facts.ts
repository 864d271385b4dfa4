/**
 * The per-run facts of GitLab jobs, each computed once per job on first use: where each publish
 * command's script line is, which lines say something about later publishes, the job's Node, its
 * npm upgrades and the npm that runs each publish. `ProjectFacts` owns one (`ctx.facts.gitlab`), so
 * an editor session never sees an answer from an earlier run and the type shows what rules can ask.
 */
import type { NodeResolution } from '../npm/node-version.js';
import { npmAfter } from '../npm/npm-version.js';
import { scriptUpgradesBefore } from '../npm/script-upgrades.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { readJobNode, readJobUpgrades, type GitlabNpmAtPublish, type GitlabNpmUpgrade, type JobUpgrades } from './node.js';
import { findScriptLine, publishLinesOf, readScriptFacts, type JobScriptFacts } from './sites.js';
import type { GitlabJob } from './types.js';
import { gitlabCommandNode, gitlabSwitchedUpgrades, lineIndex, type SwitchFiles } from './node-switch.js';
import { publishInShell } from '../npm/node-switch.js';
import { earlierPathShim } from './path-lines.js';

export class GitlabJobFacts {
  /** `files` reads the version files a version manager reads (`.nvmrc`). */
  constructor(private readonly files?: SwitchFiles) {}

  private readonly publishLines = new Map<GitlabJob, Map<PublishCommand, number>>();
  private readonly scripts = new Map<GitlabJob, JobScriptFacts>();
  private readonly nodes = new Map<GitlabJob, NodeResolution>();
  private readonly upgrades = new Map<GitlabJob, JobUpgrades>();

  /** Index in `job.scripts` of the script line that holds a publish command (-1 when none does). */
  scriptLineOf(job: GitlabJob, publish: PublishCommand): number {
    let map = this.publishLines.get(job);
    if (!map) this.publishLines.set(job, (map = publishLinesOf(job)));
    return map.get(publish) ?? findScriptLine(job, publish);
  }

  /** The lines of a job that say something about later publishes (see `readScriptFacts`). */
  scriptFacts(job: GitlabJob): JobScriptFacts {
    let facts = this.scripts.get(job);
    if (!facts) this.scripts.set(job, (facts = readScriptFacts(job)));
    return facts;
  }

  /** The Node of a GitLab job (its `image:`, variables expanded). */
  jobNode(job: GitlabJob): NodeResolution {
    let known = this.nodes.get(job);
    if (!known) this.nodes.set(job, (known = readJobNode(job)));
    return known;
  }

  /**
   * The npm upgrades that run before a publish command: earlier script lines (`before_script` first),
   * and earlier commands of its own line.
   */
  upgradesBefore(job: GitlabJob, publish: PublishCommand): GitlabNpmUpgrade[] {
    const index = this.scriptLineOf(job, publish);
    if (index < 0) return [];
    let all = this.upgrades.get(job);
    if (!all) this.upgrades.set(job, (all = readJobUpgrades(job)));
    const out: GitlabNpmUpgrade[] = [];
    for (const i of all.lines) if (i < index) out.push(...all.perLine[i]!);
    out.push(...all.perLine[index]!.filter((u) => u.upgrade.offset < publish.match.offset));
    // Then those of the committed scripts the publish runs through.
    for (const u of scriptUpgradesBefore(publish.match)) out.push({ ...u, line: job.scripts[index]! });
    return out;
  }

  /**
   * The npm that runs a publish command of a GitLab job (`npmAfter`, as for GitHub steps): the last
   * upgrade before the publish wins, and fails on a Node its engines exclude.
   */
  npmAtPublish(job: GitlabJob, publish: PublishCommand): GitlabNpmAtPublish {
    const line = this.scriptLineOf(job, publish);
    const node = this.nodeAtPublish(job, publish);
    const pinned = publish.match.tool === 'npm' ? publish.match.pinnedVersion : undefined;
    const upgrades = node.switched ? gitlabSwitchedUpgrades(job, line, node, this.upgradesBefore(job, publish)) : this.upgradesBefore(job, publish);
    // Under `mise x node@24 --`, that Node's npm: the runner's `PATH` is read as the switch.
    // An `export PATH=<npm dir>:$PATH` on an earlier line of the job's shell (path-lines.ts) too.
    const earlier = publish.match.pathShim === undefined && line >= 0 ? earlierPathShim(job, line) : undefined;
    const runs = node.switched?.runtime ? { ...publish.match, pathShim: undefined } : earlier !== undefined ? { ...publish.match, pathShim: earlier } : publish.match;
    return { node, ...npmAfter(node, upgrades, pinned, runs) };
  }

  /**
   * The Node a publish runs on: the job's (`jobNode`), unless a version manager run before it in
   * its shell switched it (`nvm install 24` in `before_script`: ./node-switch.ts).
   */
  nodeAtPublish(job: GitlabJob, publish: PublishCommand): NodeResolution {
    return gitlabCommandNode(job, publishInShell(publish.match), this.scriptLineOf(job, publish), this.jobNode(job), this.files);
  }

  /** The Node an npm upgrade runs on: the job's, or a version manager's run before it in its shell (`nodeAtPublish`). */
  nodeAtUpgrade(job: GitlabJob, upgrade: GitlabNpmUpgrade): NodeResolution {
    if (upgrade.viaScript !== undefined) return this.jobNode(job);
    return gitlabCommandNode(job, { offset: upgrade.upgrade.offset, end: upgrade.upgrade.end }, lineIndex(job, upgrade.line), this.jobNode(job), this.files);
  }
}
