/**
 * publish-tool-supports-oidc's check of a login check a tool runs before the publish
 * (`PublishMatch.preCheck`, src/model/npm/release-it-workspaces.ts).
 */
import type { Finding, Target } from './tools.js';

/**
 * A release-it plugin that runs the publish checks the login first (`PublishMatch.preCheck`:
 * @release-it-plugins/workspaces' `npm|pnpm whoami`, unless its `skipChecks`), which fails under OIDC.
 */
export function preCheck(t: Target): Finding[] {
  const check = t.publish.match.preCheck;
  if (check === undefined) return [];
  const at = check.at ? [{ at: check.at, label: `${check.tool} in the release-it configuration` }] : [];
  const how = `set \`"${check.option}": true\` in the options of \`${check.tool}\` under \`plugins\` in ${check.file}`;
  if (check.unknown) {
    const data = { command: t.command, reason: `${check.tool} runs \`${check.command}\` first unless its \`${check.option}\` option is set, and its options in ${check.file} are values tp-doctor does not read`, requirement: `its \`${check.option}: true\``, consequence: `${check.tool} first runs \`${check.command}\`; under OIDC nobody is logged in yet, so it stops with "Not authenticated" before publishing`, how };
    return [{ messageId: 'unknown', data, related: at }];
  }
  const where = `${check.file} does not turn its \`${check.option}\` on`;
  return [{ messageId: 'releaseItPluginChecks', data: { command: t.command, tool: check.tool, check: check.command, option: check.option, where, file: check.file }, related: at }];
}
