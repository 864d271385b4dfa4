/**
 * PowerShell cmdlets in a `shell: pwsh` step (src/model/data/publish-tools.ts
 * `POWERSHELL_CMDLETS_NEVER_PUBLISHING`, `POWERSHELL_LOCATION_CMDLETS`), matched case-insensitively:
 * they publish nothing, and `Set-Location`/`Push-Location`/`Pop-Location` move like `cd`/`pushd`/`popd`
 * (survey910a F2's leftover: sbroenne/mcp-server-excel's `Set-Location src/ExcelMcp.McpServer/.mcp`
 * in a step named "Publish to MCP Registry" was a possible npm publish, 2 infos).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const workflow = (name: string, run: string[]): string => [
  'on: push',
  'jobs:',
  '  publish-mcp-registry:',
  '    runs-on: windows-latest',
  '    permissions: { id-token: write, contents: read }',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - uses: actions/setup-node@v5',
  '        with: { node-version: 24 }',
  `      - name: ${name}`,
  '        shell: pwsh',
  '        run: |',
  ...run.map((line) => `          ${line}`),
  '',
].join('\n');

const files = (name: string, run: string[]): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', version: '1.0.0', private: true, repository: 'github:acme/widget', workspaces: ['packages/*'] }),
  'packages/x/package.json': JSON.stringify({ name: 'x', version: '1.0.0', repository: 'github:acme/widget' }),
  '.github/workflows/release.yml': workflow(name, run),
});

const sites = (name: string, run: string[]): string[] =>
  loadProject(new MemoryFs(files(name, run))).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `'${s.directory ?? '?'}' ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });

describe('PowerShell cmdlets never publish', () => {
  it.each([
    'Set-Location src/ExcelMcp.McpServer/.mcp',
    'set-location -Path src',
    'Write-Host "Publishing"',
    'write-output done',
    'Get-ChildItem dist',
    'Copy-Item a b',
    'Remove-Item -Recurse dist',
    'New-Item -ItemType Directory out',
    'Test-Path package.json',
    'Invoke-WebRequest -Uri "https://example.com/x.tar.gz" -OutFile "x.tar.gz"',
    'Expand-Archive x.zip',
    'Compress-Archive -Path dist -DestinationPath out.zip',
    'Import-Module ./build.psm1',
    'Get-Content server.json | Select-String version',
    'Push-Location src',
    'Pop-Location',
  ])('%s', (script) => {
    expect(analyzeScript(script)).toEqual({ matches: [], unread: [] });
  });

  it('sbroenne/mcp-server-excel: a publish-named pwsh step of mcp-publisher and Set-Location is no possible npm publish', () => {
    const run = ['./mcp-publisher.exe login github-oidc', 'Set-Location src/ExcelMcp.McpServer/.mcp', '../../../mcp-publisher.exe publish --verbose'];
    expect(sites('Publish to MCP Registry', run)).toEqual([]);
  });

  it('control: an unknown cmdlet-shaped command in the same step still is one', () => {
    expect(analyzeScript('Publish-Module -Name X').unread.map((u) => u.text)).toEqual(['Publish-Module -Name X']);
  });

  it('control: npm publish in a pwsh step is still a publish', () => {
    expect(sites('Publish', ['Write-Host "publishing"', 'npm publish'])).toEqual(["'' single[]"]);
  });

  it.each([
    ['Set-Location packages/x'],
    ['Set-Location -Path packages/x'],
    ['set-location packages/x'],
    ['Push-Location packages/x'],
  ])('%s then npm publish publishes packages/x, not the private root', async (move) => {
    expect(sites('Publish', [move, 'npm publish'])).toEqual(["'packages/x' single[x]"]);
    const ds = await lintFiles(files('Publish', [move, 'npm publish']));
    expect(ds.filter((d) => d.ruleId === 'no-private-package')).toEqual([]);
  });

  it('control: Pop-Location returns to the root, whose publish is the private root\'s error', async () => {
    const run = ['Push-Location packages/x', 'Pop-Location', 'npm publish'];
    expect(sites('Publish', run)).toEqual(["'' single[]"]);
    const ds = await lintFiles(files('Publish', run));
    expect(ds.filter((d) => d.ruleId === 'no-private-package').map((d) => d.messageId)).toEqual(['publishedPrivate']);
  });
});
