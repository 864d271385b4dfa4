/**
 * Start-up of the built binary: a run loads no Node built-in module it does not need. Node creates
 * process.stdout on first use (loading node:stream, and node:net for a pipe), compiles its
 * parse_args modules on the first util.parseArgs call, and os is needed only by a parallel run and
 * `--online`: a clean run, which prints nothing into a pipe, a file or /dev/null, loads none of
 * them. `process.moduleLoadList` (printed by a preload) lists the built-ins a run loaded.
 *
 * Both start-up paths of bin/tp-doctor.js are run: the Node 20 one (tp-doctor's code cache,
 * dist/cli/code-cache.cjs) and, with a preload that gives node:module an `enableCompileCache`,
 * the Node 22 one (a plain require of the bundle).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/tp-doctor.js');
const BUILT = existsSync(path.join(ROOT, 'dist/cli/main.cjs'));
const NODE_HAS_COMPILE_CACHE = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-startup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The bench's typical repository: one release workflow that publishes with OIDC, nothing to report.
const RELEASE = `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: npm
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish --access public
`;
function repository(name: string, release: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, '.git'), { recursive: true });
  mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(path.join(dir, '.github/workflows/release.yml'), release);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@acme/widget', version: '1.4.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } }));
  writeFileSync(path.join(dir, 'tp-doctor.yml'), 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm\n');
  return dir;
}
const CLEAN = repository('clean', RELEASE);
// The same without `id-token: write`: require-id-token-write reports an error.
const FINDINGS = repository('findings', RELEASE.replace('      id-token: write\n', ''));

// Writes the built-ins the run loaded to $TP_TEST_MODULE_LIST when the process exits.
const LIST_PRELOAD = path.join(tmp, 'list-modules.cjs');
writeFileSync(LIST_PRELOAD, "process.on('exit', () => require('fs').writeFileSync(process.env.TP_TEST_MODULE_LIST, process.moduleLoadList.join('\\n')));\n");
// Makes the bin take its Node 22 path (node:module has enableCompileCache) on Node 20.
const NODE22_PRELOAD = path.join(tmp, 'node22-path.cjs');
writeFileSync(NODE22_PRELOAD, "const m = require('module'); if (typeof m.enableCompileCache !== 'function') m.enableCompileCache = () => undefined;\n");

type Target = 'pipe' | 'file' | 'null' | 'shell pipe';
interface Loaded {
  status: number | null;
  stdout: string;
  stderr: string;
  modules: string[];
}

let runs = 0;
/** Runs the built CLI with standard output into `target`; the report and the built-ins it loaded. */
function runBin(args: string[], target: Target, preloads: string[] = []): Loaded {
  const list = path.join(tmp, `modules-${++runs}.txt`);
  const node = [...[LIST_PRELOAD, ...preloads].flatMap((p) => ['--require', p]), BIN, ...args];
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TP_DOCTOR_DEBUG: undefined, TP_DOCTOR_THREADS: undefined, TP_TEST_MODULE_LIST: list };
  let status: number | null;
  let stdout = '';
  let stderr: string;
  if (target === 'shell pipe') {
    // `tp-doctor | cat`: a real pipe (spawnSync's own "pipe" is a socket).
    const quoted = [process.execPath, ...node].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    ({ status, stdout, stderr } = spawnSync('bash', ['-c', `${quoted} | cat; exit "\${PIPESTATUS[0]}"`], { encoding: 'utf8', env, timeout: 60_000 }));
  } else if (target === 'pipe') {
    ({ status, stdout, stderr } = spawnSync(process.execPath, node, { encoding: 'utf8', env, timeout: 60_000 }));
  } else {
    const file = target === 'null' ? '/dev/null' : path.join(tmp, `out-${runs}.txt`);
    const fd = openSync(file, 'w');
    try {
      ({ status, stderr } = spawnSync(process.execPath, node, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env, timeout: 60_000 }));
    } finally {
      closeSync(fd);
    }
    if (target === 'file') stdout = readFileSync(file, 'utf8');
  }
  const modules = readFileSync(list, 'utf8').split('\n').filter((l) => l.startsWith('NativeModule ')).map((l) => l.slice('NativeModule '.length));
  return { status, stdout, stderr, modules };
}

const STREAMS = ['stream', 'net', 'internal/fs/sync_write_stream'];
const PARSE_ARGS = 'internal/util/parse_args/parse_args';

describe.runIf(BUILT)('start-up of the built CLI', () => {
  const paths: [string, string[]][] = [
    [NODE_HAS_COMPILE_CACHE ? "Node's compile cache" : "tp-doctor's code cache (Node 20)", []],
    ["the Node 22 path (a plain require)", [NODE22_PRELOAD]],
  ];

  for (const [name, preloads] of paths) {
    describe(name, () => {
      for (const target of ['pipe', 'shell pipe', 'file', 'null'] as const) {
        it(`a clean run into ${target === 'null' ? '/dev/null' : `a ${target}`} prints nothing and loads no stream, parse_args${preloads.length > 0 ? ' or os' : ''} module`, () => {
          const r = runBin([CLEAN], target, preloads);
          expect(r.status).toBe(0);
          expect(r.stdout).toBe('');
          expect(r.stderr).toBe('');
          expect(r.modules).toContain('fs');
          expect(r.modules.filter((m) => STREAMS.includes(m) || m === PARSE_ARGS)).toEqual([]);
          // dist/cli/code-cache.cjs (Node 20's loader) may need os itself; the lint run does not.
          if (preloads.length > 0) expect(r.modules).not.toContain('os');
        });
      }

      it('a run with findings into a pipe writes its report (and so creates standard output)', () => {
        const r = runBin([FINDINGS], 'shell pipe', preloads);
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('require-id-token-write');
        expect(r.stdout).toContain('1 problem (1 error, 0 warnings, 0 infos)');
        expect(r.stderr).toBe('');
        expect(r.modules).toContain('stream');
        expect(r.modules).not.toContain(PARSE_ARGS);
      });

      it('options still go through parseArgs, with its errors', () => {
        const ok = runBin([CLEAN, '--quiet'], 'pipe', preloads);
        expect(ok.status).toBe(0);
        expect(ok.modules).toContain(PARSE_ARGS);
        const bad = runBin([CLEAN, '--frobnicate'], 'pipe', preloads);
        expect(bad.status).toBe(2);
        expect(bad.stderr).toBe('tp-doctor: unknown option "--frobnicate"; a directory or file whose name starts with "-" goes after "--" (-- --frobnicate)\nRun "tp-doctor --help" for usage.\n');
      });
    });
  }

  it('a full standard output (> /dev/full) on the Node 22 path is still one line and exit 2', () => {
    const list = path.join(tmp, 'modules-full.txt');
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['--require', NODE22_PRELOAD, BIN, FINDINGS], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', TP_DOCTOR_DEBUG: undefined, TP_TEST_MODULE_LIST: list },
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('tp-doctor: cannot write to standard output: ENOSPC\n');
    } finally {
      closeSync(full);
    }
  });
});
