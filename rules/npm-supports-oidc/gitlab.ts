/**
 * Where a GitLab finding of this rule points: the line the user edits to change the npm that runs
 * the publish. The upgrade line when an upgrade decides, the publish command when it pins npm
 * (`npx npm@X publish`), else the version manager's command that switched the Node (`nvm install
 * 22` in the script), else the variable that gave the image its Node version, else the `image:`
 * value (in the template or `default:` that sets it), else the job itself (which needs an `image:`).
 * The job is a related location whenever the place is outside it.
 */
import type { PublishCommand } from '../../src/model/github/types.js';
import { editPath, jobRelated } from '../../src/model/gitlab/jobs.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';
import type { GitlabNpmAtPublish } from '../../src/model/gitlab/node.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

type Target = YNode | Location;

export interface GitlabPlace {
  at: Target;
  atValue: boolean;
  related: { at: Target; label: string }[];
  /** The YAML path to change the Node version (the image, or the variable behind it). */
  imagePath: string;
}

export function gitlabPlace(job: GitlabJob, publish: PublishCommand, at: GitlabNpmAtPublish): GitlabPlace {
  const image = job.image;
  const variable = at.node.origins.find((o) => o.kind === 'env' || o.kind === 'matrix');
  // A version manager's command in the job's script chose the Node (`nvm install 22`): that line.
  const switched = at.node.switched === undefined ? undefined : at.node.origins.find((o) => o.kind === 'command');
  const imagePath = image ? editPath(job, image.origin, 'image') : `${job.name}.image`;
  let target: Target;
  let atValue = true;
  if (at.source === 'upgrade' && at.upgrade) target = at.upgrade.location;
  else if (at.source === 'pinned') target = publish.location;
  else if (switched !== undefined) target = switched.at;
  else if (variable && at.node.version !== undefined) target = variable.at;
  else if (image) target = image.origin.node;
  else {
    target = job.node;
    atValue = false;
  }
  const related: { at: Target; label: string }[] = [];
  for (const o of at.node.origins.slice(0, 3)) if (o.at !== target) related.push({ at: o.at, label: `Node version: ${o.label}` });
  if (target !== job.node) related.push(...jobRelated(job, target));
  if (target !== publish.location) related.push({ at: publish.location, label: `publish command "${publish.match.text}"` });
  return { at: target, atValue, related, imagePath };
}
