import { defineRule } from '../../src/engine/define-rule.js';
import {
  describeCircleStep,
  effectiveNpmIdToken,
  hasCirclePublisher,
  type CircleJob,
  type CircleStep,
  type NpmIdTokenSource,
  type UnreadStep,
} from '../../src/model/circleci/index.js';
import { NPM_OIDC_AUDIENCE } from '../../src/model/npm/oidc-audience.js';
import { leastCertain, type CircleciSite } from '../../src/model/publish.js';
import { exchangesByHand } from '../../src/model/manual-exchange.js';
import { holdsPlaceholder } from '../../src/model/circleci/template.js';

/** The line npm's documentation gives for the publishing `run` step. */
const OIDC = `circleci run oidc get --claims '{"aud":"${NPM_OIDC_AUDIENCE}"}'`;
const EXPORT = `export NPM_ID_TOKEN=$(${OIDC})`;

const SILENT =
  'npm sees no `NPM_ID_TOKEN`, skips trusted publishing without a word and falls back to whatever token is configured: the publish fails with ENEEDAUTH, or with E404 when an old token is still set';

export default defineRule({
  id: 'circleci-npm-id-token',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['circleci'],
    summary: 'CircleCI publishing steps get `NPM_ID_TOKEN` from `circleci run oidc get` in the same step, or from `$BASH_ENV` written by an earlier step',
    // The publish fails (availability); the usual reaction is to put a long-lived token back. 3.0 like
    // the GitLab and GitHub token rules.
    securitySeverity: 3.0,
    messages: {
      missing: {
        text: 'Job "{job}" {publishes} with `{command}` in {step}, but no step sets `NPM_ID_TOKEN`; expected it from `circleci run oidc get`',
        why: `On CircleCI npm reads the ID token only from the \`NPM_ID_TOKEN\` environment variable, and CircleCI issues a token with npm's audience only to a step that runs \`{oidc}\`. Without it ${SILENT}. (A context or project variable of that name would hold a stored value, not a token CircleCI issued for this job)`,
        fix: 'Start {step} with `{export}`',
      },
      missingInOrbJob: {
        text: 'Job "{job}" {publishes} with `{command}` in {step} of the orb job, but no step sets `NPM_ID_TOKEN`; expected it from `circleci run oidc get`',
        why: `On CircleCI npm reads the ID token only from the \`NPM_ID_TOKEN\` environment variable, and CircleCI issues a token with npm's audience only to a step that runs \`{oidc}\`. The orb job's own steps do not run it. Without it ${SILENT}. (A context or project variable of that name would hold a stored value, not a token CircleCI issued for this job)`,
        fix: 'The orb runs {step} itself: set the token on the publish in the package script (`NPM_ID_TOKEN=$({oidc}) {command}`), or append `{export}` to `$BASH_ENV` in a `setup:` step of the job',
      },
      earlierExport: {
        text: '`NPM_ID_TOKEN` is exported in {setStep}, but `{command}` runs in {step}, a new shell that does not see it',
        why: `CircleCI runs every \`run\` step in a shell of its own: what one step exports is gone in the next; only lines appended to \`$BASH_ENV\` are read again when a later step starts. So ${SILENT}`,
        fix: 'Move the `export` into {step}, before `{command}`, or append it to `$BASH_ENV` in {setStep}: `echo "export NPM_ID_TOKEN=$(circleci run oidc get ...)" >> "$BASH_ENV"`',
      },
      unexported: {
        text: '`NPM_ID_TOKEN` is assigned without `export` in {step}, so `{command}` does not see it',
        why: `A shell variable that is not exported stays in the shell: npm, a program the shell starts, gets only exported variables. So ${SILENT}`,
        fix: 'Write `export NPM_ID_TOKEN=...` in {step}, or set it on the command itself: `NPM_ID_TOKEN=$(circleci run oidc get ...) {command}`',
      },
      bashEnvSameStep: {
        text: '`NPM_ID_TOKEN` is written to `$BASH_ENV` in {step}, the step that runs `{command}`; CircleCI reads `$BASH_ENV` only when a step starts',
        why: `Lines appended to \`$BASH_ENV\` take effect in the following steps of the job, not in the rest of the step that writes them. So ${SILENT}`,
        fix: 'Use `{export}` in {step}, or move the `$BASH_ENV` line to an earlier step (or run `source "$BASH_ENV"` before `{command}`)',
      },
      environment: {
        text: '`NPM_ID_TOKEN` for `{command}` in job "{job}" comes from `environment:` ({value}), not from `circleci run oidc get` in the job',
        why: `npm needs an ID token CircleCI issued for this job with the audience "${NPM_OIDC_AUDIENCE}". A value written in the configuration is fixed before the job runs, and one taken from a context or project variable is invisible to tp-doctor, so it cannot tell whether this holds such a token; if it does not, ${SILENT}`,
        fix: 'Remove `NPM_ID_TOKEN` from `environment:` and start {step} with `{export}`',
        severity: 'info',
      },
      unseen: {
        text: 'Cannot tell whether `NPM_ID_TOKEN` reaches `{command}` in job "{job}": {reason}',
        why: `On CircleCI npm reads the ID token only from \`NPM_ID_TOKEN\`, which a step must set with \`circleci run oidc get\`. If nothing sets it, ${SILENT}`,
        fix: 'Make it visible: start {step} with `{export}`',
        severity: 'info',
      },
    },
  },
  hooks: {
    circleciJob(job, config, ctx) {
      if (!hasCirclePublisher(config, ctx.circleciPublishers)) return;
      // One finding per step: every publish of a step sees the same NPM_ID_TOKEN, and the fix is the
      // step's. The first publish (in source order) stands for the others.
      const judged = new Set<CircleStep>();
      // The first publish of the job that gets a token CircleCI issued (audit1207 c01): read once, when needed.
      let granted: { site: CircleciSite | undefined } | undefined;
      const grantedSite = (): CircleciSite | undefined =>
        (granted ??= {
          site: ctx.facts.trustedSites(job).find((s) => {
            const effective = effectiveNpmIdToken(ctx.facts.circleci.npmIdTokenSources(job, s.publish));
            return effective !== undefined && effective.kind !== 'environment';
          }),
        }).site;
      for (const site of ctx.facts.trustedSites(job)) {
        const step = ctx.facts.circleci.stepOf(job, site.publish);
        if (!step || judged.has(step) || exchangesByHand(ctx.facts, site)) continue;
        judged.add(step);
        const sources = ctx.facts.circleci.npmIdTokenSources(job, site.publish);
        const effective = effectiveNpmIdToken(sources);
        const command = site.publish.match.label;
        const base = { command, step: describeCircleStep(step), job: job.name };
        const certainty = site.certainty;
        const related = [{ at: site.publish.location, label: `\`${command}\` runs here` }];
        if (effective) {
          if (effective.kind === 'environment') {
            const entry = effective.env!;
            const value = entry.value ? `"${entry.value.raw}"` : 'a value that is not text';
            ctx.report({ messageId: 'environment', data: { ...base, value, export: EXPORT }, at: entry.node, certainty });
          }
          continue;
        }
        const broken = brokenSource(sources);
        if (broken) {
          const at = broken.location;
          if (broken.kind === 'earlier-export') {
            ctx.report({ messageId: 'earlierExport', data: { ...base, setStep: describeCircleStep(broken.step!) }, at, related, certainty });
          } else if (broken.kind === 'same-step-unexported') {
            ctx.report({ messageId: 'unexported', data: base, at, related, certainty });
          } else {
            ctx.report({ messageId: 'bashEnvSameStep', data: { ...base, export: EXPORT }, at, related, certainty });
          }
          continue;
        }
        const unreads = ctx.facts.circleci.unreadStepsBefore(job, site.publish);
        // A step seen to write to `$BASH_ENV` (or a script that may) says more than an orb or step tp-doctor knows nothing of.
        const unread = unreads.find((u) => u.kind !== 'orb' && u.kind !== 'unknown') ?? unreads[0];
        const reason = unseenReason(job, step, site) ?? (unread ? unreadReason(unread, unreads.length - 1) : undefined) ?? executorReason(job);
        if (reason) {
          const seen = unread && reason === unreadReason(unread, unreads.length - 1) ? [{ at: unread.location, label: 'tp-doctor cannot read what this sets' }] : [];
          ctx.report({ messageId: 'unseen', data: { ...base, reason, export: EXPORT }, at: site.publish.location, related: seen, certainty });
          continue;
        }
        // A known orb job (`node/run`): its steps are the orb's, so the token goes in the script or a `setup:` step.
        // The stand-in of an orb job tp-doctor does not know (its `pre-steps` publish) holds an orb step of its own: plain `missing`.
        const knownOrbJob = job.orb !== undefined && !job.steps.some((s) => s.orb?.job === true);
        const messageId = knownOrbJob ? 'missingInOrbJob' : 'missing';
        // A step under a `when:`/`unless:` tp-doctor cannot decide (`<< pipeline.parameters.legacy >>`)
        // may never run, beside a publish of the job that gets the token: the condition chooses which
        // of them publishes, so this one is no certain failure (docs/domain.md A.61).
        const other = step.conditional ? grantedSite() : undefined;
        const alternative = other
          ? [
              { at: step.node, label: 'a `when:`/`unless:` condition tp-doctor cannot decide (a pipeline parameter, a logic statement) decides whether this step runs' },
              { at: other.publish.location, label: `\`${other.publish.match.label}\` here gets \`NPM_ID_TOKEN\`` },
            ]
          : undefined;
        const lowered = alternative ? leastCertain([certainty ?? 'certain', 'likely']) : certainty;
        ctx.report({ messageId, data: { ...base, publishes: ctx.facts.verb(job), export: EXPORT, oidc: OIDC }, at: site.publish.location, certainty: lowered, ...(alternative ? { related: alternative } : {}) });
      }
    },
  },
});

/**
 * The last way `NPM_ID_TOKEN` is set that does not reach the publish: an export in an earlier step,
 * an unexported assignment (`set -a` makes it a working one in the model), a `$BASH_ENV` write in
 * the step itself.
 */
function brokenSource(sources: readonly NpmIdTokenSource[]): NpmIdTokenSource | undefined {
  return sources.filter((s) => s.kind === 'earlier-export' || s.kind === 'same-step-bash-env' || s.kind === 'same-step-unexported').at(-1);
}

/**
 * Why tp-doctor cannot see whether the token reaches the publish: the publish is an orb job or
 * command (the orb is not read), the step's whole command is a pipeline parameter (the trigger
 * chooses it), a package.json script in between, or a configuration's command line (`publishCmd`)
 * or a committed shell script whose sets of it tp-doctor does not read as reaching the publish,
 * mentions `NPM_ID_TOKEN`, an earlier step (or the executor) is an orb's that it does not read (other
 * than the circleci/node orb's, whose commands and `default` executor are known), or another step
 * it cannot fully read that may hand it over through `$BASH_ENV` (`unreadStepsBefore`, read by the
 * hook after this; then an orb executor, `executorReason`).
 */
function unseenReason(job: CircleJob, step: CircleStep, site: CircleciSite): string | undefined {
  const match = site.publish.match;
  // A possible publish in an orb job or command: the orb may request the token itself.
  if (step.kind === 'orb' && step.orb) {
    const orb = step.orb.ref !== undefined ? `"${step.orb.ref}"` : `"${step.orb.alias}"`;
    return `it is ${step.orb.job ? 'a job' : 'a command'} of the orb ${orb}, which tp-doctor does not fetch, so it cannot see whether the orb runs \`circleci run oidc get\` itself`;
  }
  // `run: << pipeline.parameters.cmd >>`: the command the trigger passes may set the token itself.
  const chosen = step.run?.triggerChosen;
  if (chosen) return `the trigger chooses its command (\`${chosen.name}\`), which may set \`NPM_ID_TOKEN\` itself`;
  const script = match.via.find((v) => /NPM_ID_TOKEN/.test(v.command));
  // A configuration's command line (exec's `publishCmd`): its sets that reach the publish are read (a source); this one is not such a set.
  if (script?.startDir !== undefined && script.option !== undefined) {
    return `the ${script.option} in ${script.script} sets \`NPM_ID_TOKEN\` itself, but not in a way tp-doctor can follow to the publish (an \`export\` before it in the same command)`;
  }
  // A committed script's sets that reach the publish are read (a source); this one's do not, as far as tp-doctor can follow.
  if (script?.file) return `the shell script "${script.script}" it runs sets \`NPM_ID_TOKEN\` itself, but not in a way tp-doctor can follow to the publish (an \`export\` before it in the same script)`;
  if (script) return `the package.json script "${script.script}" it runs through sets \`NPM_ID_TOKEN\` itself, and tp-doctor does not follow it`;
  if (match.runsUnread) {
    const inner = (match.via.at(-1)?.command ?? match.text).trim();
    const shown = inner.length > 60 ? `${inner.slice(0, 57)}...` : inner;
    return `it runs \`${shown}\`, which tp-doctor does not read and which may set \`NPM_ID_TOKEN\` itself`;
  }
  return undefined;
}

/**
 * The job runs on an orb executor tp-doctor does not read and passes it an argument from a
 * parameter (`token: << pipeline.parameters.token >>`): the executor's `environment:` may hand that
 * value to npm as `NPM_ID_TOKEN`, a value the trigger chooses, like a job's own `environment:` entry
 * (`environment`, info). Otherwise its `environment:` holds what the orb's author wrote and the
 * literal arguments the job passes: CircleCI does not expand variables there, so it holds no token
 * `circleci run oidc get` issued for this job, and the job is judged as on a `docker:` executor
 * (survey914a, cypress-io/cypress-example-kitchensink). A known orb executor (`node/default`) sets none.
 */
function executorReason(job: CircleJob): string | undefined {
  const use = job.executor;
  if (use?.orb === undefined || use.known || !use.node.isMap) return undefined;
  const passed = use.node.entries().find((e) => e.key !== 'name' && holdsPlaceholder(e));
  if (passed === undefined) return undefined;
  return `the job runs on the orb executor "${use.name}" and passes it \`${passed.key ?? ''}\` from a parameter, which the executor's \`environment:\` (not read) may give npm as \`NPM_ID_TOKEN\``;
}

/**
 * The reason for a step tp-doctor cannot fully read (src/model/circleci/unread-steps.ts) before the
 * publish, with `others` more. An orb command (codecov/upload) or a step it does not know is
 * something it cannot see into at all, not a sign of a token: the reason says first that no step
 * it reads sets one, and names the step as the one thing it cannot rule out.
 */
function unreadReason(unread: UnreadStep, others: number): string {
  const { kind, what } = unread;
  if (kind === 'orb' || kind === 'unknown') {
    const more = others > 0 ? ` (and ${others} more step${others > 1 ? 's' : ''} it cannot read)` : '';
    return `no step tp-doctor reads sets \`NPM_ID_TOKEN\`, but an earlier step runs ${what}${more}, which it does not ${kind === 'orb' ? 'fetch' : 'know'} and which could write it to \`$BASH_ENV\``;
  }
  if (kind === 'bash-env') return `${describeCircleStep(unread.step)} appends ${what} to \`$BASH_ENV\`, which tp-doctor cannot read and which may set it for the later steps`;
  if (kind === 'outside-script') return `${describeCircleStep(unread.step)} runs ${what}, which may write it to \`$BASH_ENV\``;
  if (kind === 'committed-script') return `${describeCircleStep(unread.step)} runs ${what}, which writes to \`$BASH_ENV\` what tp-doctor does not follow`;
  return `its step sources ${what} before it, which may set it`;
}
