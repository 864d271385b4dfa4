import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import type { Location } from '../../yaml/span.js';
import { resolveStepNode } from '../github/setup-node.js';
import { loadProject } from '../project.js';
import { managerCallsIn } from './manager-commands.js';
import { switchAt, upgradesAfterSwitch, type SwitchContext } from './node-switch.js';
import { switchedNode } from './node-switch.js';
import type { NpmUpgrade } from './npm-commands.js';
import type { NodeResolution } from './node-version.js';

/** What a manager command asks for, in short: `spec 24`, `files .nvmrc`, `unknown`, `none`, or nothing when it is no manager command. */
function ask(command: string): string | undefined {
  const call = managerCallsIn(command)[0];
  if (!call) return undefined;
  const a = call.ask;
  return 'spec' in a ? `${call.command.manager} spec ${a.spec}` : 'files' in a ? `${call.command.manager} files ${a.files.names.join(',')}` : 'unknown' in a ? `${call.command.manager} unknown` : 'none';
}

describe('manager commands (data/node-managers.ts)', () => {
  const cases: [string, string | undefined][] = [
    ['nvm install 24', 'nvm spec 24'],
    ['nvm install v22.15.0', 'nvm spec v22.15.0'],
    ['nvm use 24 --silent', 'nvm spec 24'],
    ['nvm install', 'nvm files .nvmrc'],
    ['nvm use', 'nvm files .nvmrc'],
    ['nvm install --lts=jod', 'nvm spec lts/jod'],
    ['nvm install --lts', 'nvm unknown'],
    ['nvm install node', 'nvm unknown'],
    ['nvm install lts/*', 'nvm unknown'],
    ['nvm install "$NODE_VERSION"', 'nvm unknown'],
    ['nvm install ${{ matrix.node }}', 'nvm spec ${{ matrix.node }}'],
    ['nvm alias default 24', 'nvm spec 24'],
    ['nvm ls', undefined],
    ['fnm use 24', 'fnm spec 24'],
    ['fnm use', 'fnm files .node-version,.nvmrc'],
    ['fnm install --lts', 'fnm unknown'],
    ['n 24', 'n spec 24'],
    ['sudo n 22.15.0', 'n spec 22.15.0'],
    ['n install 24', 'n spec 24'],
    ['n lts', 'n unknown'],
    ['n ls', undefined],
    ['n -d 24', undefined],
    ['volta install node@24', 'volta spec 24'],
    ['volta install node', 'volta unknown'],
    ['volta install yarn@4', undefined],
    ['asdf global nodejs 24.1.0', 'asdf spec 24.1.0'],
    ['asdf set -u nodejs 24.1.0', 'asdf spec 24.1.0'],
    ['asdf install nodejs 24.1.0', undefined],
    ['nodenv local 24.1.0', 'nodenv spec 24.1.0'],
    ['mise use -g node@24', 'mise spec 24'],
    ['mise use --dry-run node@24', undefined],
    ['mise exec node@24 -- npm publish', 'mise spec 24'],
    ['npmci node install 24', 'npmci spec 24'],
    ['npmci node install stable', 'npmci unknown'],
    ['npmci node install legacy', 'npmci unknown'],
    ['npmci node install', undefined],
    ['npmci npm publish', undefined],
    ['npm publish', undefined],
  ];
  for (const [command, expected] of cases) it(`${command} → ${expected ?? 'no Node change'}`, () => expect(ask(command)).toBe(expected));
});

describe('switchAt', () => {
  const at = (text: string, before: string): string => {
    const state = switchAt(text, text.indexOf(before));
    return state.call ? `call ${state.call.text}` : state.maybe ? `maybe ${state.maybe.text}` : 'none';
  };
  it('the last manager command before the command decides; one after it does not', () => {
    expect(at('source ~/.nvm/nvm.sh\nnvm install 24\nnpm publish', 'npm publish')).toBe('call nvm install 24');
    expect(at('nvm install 24\nnvm use 22\nnpm publish', 'npm publish')).toBe('call nvm use 22');
    expect(at('npm publish\nnvm install 24', 'npm publish')).toBe('none');
    expect(at('nvm install 24 && npm publish', 'npm publish')).toBe('call nvm install 24');
  });
  it('a switch in a branch may not have run; one in a subshell ends with it; `nvm alias default` does not switch this shell', () => {
    expect(at('if [ -n "$X" ]; then nvm use 24; fi\nnpm publish', 'npm publish')).toBe('maybe nvm use 24');
    expect(at('(nvm use 24)\nnpm publish', 'npm publish')).toBe('none');
    expect(at('nvm alias default 24\nnpm publish', 'npm publish')).toBe('none');
  });
  it('records what loads a manager', () => {
    expect(switchAt('source ~/.nvm/nvm.sh\nnpm publish', 21).loads).toEqual(['nvm']);
    expect(switchAt('eval "$(fnm env --use-on-cd)"\nnpm publish', 30).loads).toEqual(['fnm']);
  });
});

describe('switchedNode', () => {
  const at: Location = { file: 'w.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
  const prior: NodeResolution = { version: '18.20.8', origins: [{ label: 'setup-node `node-version: 18`', kind: 'input', at }] };
  const files = (map: Record<string, string>, directory: string | undefined = ''): SwitchContext => {
    const fs = new MemoryFs(map);
    const project = loadProject(fs);
    return { versionFile: (f) => project.facts.nodeVersionFile(f), exists: (f) => fs.exists(f), directory };
  };
  const node = (command: string, ctx: SwitchContext = files({})): NodeResolution => {
    const call = managerCallsIn(command)[0]!;
    return switchedNode(call, at, prior, ctx, { offset: call.offset, end: call.end });
  };
  it('a version named exactly: that Node, the command its origin, never the Node before it', () => {
    const res = node('nvm install 24');
    expect([res.version, res.origins[0]?.label, res.origins[0]?.kind, res.assumed]).toEqual(['24.23.0', '`nvm install 24`', 'command', undefined]);
  });
  it('a line that moves, a variable or a range: unknown, naming the command', () => {
    for (const command of ['nvm install node', 'nvm install --lts', 'nvm use "$V"', 'mise use node@lts', 'nvm install ">=22"']) {
      const res = node(command);
      expect([res.version, res.unknown?.startsWith(`\`${command}\` before it`)]).toEqual([undefined, true]);
    }
  });
  it('.nvmrc in the directory or above it; none: unknown', () => {
    const read = node('nvm use', files({ '.nvmrc': 'v22.15.0\n' }, 'packages/a'));
    expect([read.version, read.origins.map((o) => o.label)]).toEqual(['22.15.0', ['.nvmrc', '`nvm use`']]);
    expect(node('nvm use', files({})).unknown).toContain('.nvmrc, which is not in the repository');
    expect(node('nvm use', files({ '.nvmrc': 'lts/*\n' })).unknown).toContain('names no one Node version');
    // fnm reads the directory it runs in only.
    expect(node('fnm use', files({ '.nvmrc': '24\n' }, 'packages/a')).unknown).toContain('not in the repository');
  });
  it('a shim or prefix manager is taken, not certain; n after a setup action is unknown', () => {
    expect(node('volta install node@24').assumed).toContain("Volta's shims");
    expect(node('sudo n 24').unknown).toContain('N_PREFIX');
    const call = managerCallsIn('n 24')[0]!;
    const image: NodeResolution = { version: '18.20.8', origins: [{ label: 'image "node:18"', kind: 'container', at }] };
    expect(switchedNode(call, at, image, files({}), { offset: 0, end: 4 }).version).toBe('24.23.0');
  });
});

describe('upgradesAfterSwitch', () => {
  const up = (offset: number, script?: number): { upgrade: NpmUpgrade; script?: number } => ({ upgrade: { spec: '11', offset, end: offset + 5, text: 'npm i -g npm@11', force: false, viaCorepack: false }, ...(script !== undefined ? { script } : {}) });
  const place = (u: { upgrade: NpmUpgrade; script?: number }): { script?: number; offset: number } => ({ ...(u.script !== undefined ? { script: u.script } : {}), offset: u.upgrade.offset });
  it('keeps the upgrades after the switch in its shell and in the scripts it runs after it', () => {
    const all = [up(0), up(50), up(3, 0)];
    expect(upgradesAfterSwitch(all, { offset: 20, end: 30 }, place).map((u) => u.upgrade.offset)).toEqual([50, 3]);
    // A switch inside the script: the CI file's upgrades and the script's before it changed another Node's npm.
    expect(upgradesAfterSwitch([up(50), up(3, 0), up(40, 0)], { script: 0, offset: 10, end: 20 }, place).map((u) => u.upgrade.offset)).toEqual([40]);
    expect(upgradesAfterSwitch([up(50)], { offset: 20, end: 30 }, () => 'before')).toEqual([]);
  });
});

describe('resolveStepNode after a version manager', () => {
  const W = '.github/workflows/release.yml';
  const steps = (...runs: string[]): string =>
    `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 18\n${runs.map((r) => `      - ${r}\n`).join('')}`;
  const nodeAt = (yaml: string, files: Record<string, string> = {}): string[] => {
    const project = loadProject(new MemoryFs({ [W]: yaml, ...files }));
    const job = project.workflows[0]!.jobs[0]!;
    const step = job.steps.at(-1)!;
    const offset = step.run!.text.indexOf('npm publish');
    return resolveStepNode(project, job, step, undefined, { offset }).map((n) => n.version ?? `unknown: ${n.unknown}`);
  };
  it('the same step: the switched Node (the reported false error: setup-node 18, then nvm install 24)', () => {
    expect(nodeAt(steps('run: |\n          source ~/.nvm/nvm.sh\n          nvm install 24\n          npm publish'))).toEqual(['24.23.0']);
  });
  it('control: an earlier step\'s nvm changed only its own shell: setup-node\'s Node, for certain', () => {
    expect(nodeAt(steps('run: |\n          source ~/.nvm/nvm.sh\n          nvm install 24', 'run: npm publish'))).toEqual(['18.20.8']);
    expect(nodeAt(steps('run: npm publish'))).toEqual(['18.20.8']);
  });
  it('an earlier step whose change outlives its shell, or a later shell that loads nvm: unknown', () => {
    const unknown = (yaml: string): boolean => nodeAt(yaml)[0]!.startsWith('unknown: the earlier step');
    expect(unknown(steps('run: source ~/.nvm/nvm.sh && nvm install 24', 'run: source ~/.nvm/nvm.sh && npm publish'))).toBe(true);
    expect(unknown(steps('run: source ~/.nvm/nvm.sh && nvm install 24', 'run: npm publish\n        shell: bash -l {0}'))).toBe(true);
    expect(unknown(steps('run: echo "$NVM_BIN" >> "$GITHUB_PATH"', 'run: npm publish'))).toBe(true);
    expect(unknown(steps('run: echo "PATH=/opt/node24/bin:$PATH" >> "$GITHUB_ENV"', 'run: npm publish'))).toBe(true);
    expect(unknown(steps('run: echo "$(npm prefix -g)/bin" >> "$GITHUB_PATH"', 'run: npm publish'))).toBe(true);
    expect(unknown(steps('run: source ~/.nvm/nvm.sh && nvm use 24 && echo "PATH=$PATH" >> "$GITHUB_ENV"', 'run: npm publish'))).toBe(true);
    expect(unknown(steps('run: volta install node@24', 'run: npm publish'))).toBe(true);
    expect(unknown(steps('run: asdf set -u nodejs 24.1.0', 'run: npm publish'))).toBe(true);
    // Controls: another tool's directory; a setup action after the change puts its own Node first.
    expect(nodeAt(steps('run: echo "$HOME/.cargo/bin" >> "$GITHUB_PATH"', 'run: npm publish'))).toEqual(['18.20.8']);
    expect(nodeAt(steps('run: echo "PATH=$HOME/.cargo/bin:$PATH" >> "$GITHUB_ENV"', 'run: npm publish'))).toEqual(['18.20.8']);
    const after = `${steps('run: volta install node@24')}      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n      - run: npm publish\n`;
    expect(nodeAt(after)).toEqual(['20.20.2']);
  });
});
