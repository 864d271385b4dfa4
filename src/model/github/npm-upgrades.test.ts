import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import type { NpmAtPublish } from '../npm/npm-version.js';
import { npmAtPublish } from './npm-upgrades.js';

/** `npmAtPublish` answers each command once per project, job and step (issue 17: rules asked twice per publish). */
const W = '.github/workflows/release.yml';
const RELEASE = `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 20.19.3
      - run: npm publish
      - uses: actions/setup-node@v5
        with:
          node-version: 24.13.0
      - run: echo done
`;

const show = (a: NpmAtPublish): string => `Node ${a.node.version ?? '?'}: npm ${a.npm?.min ?? '?'}`;

describe('npmAtPublish, asked again', () => {
  const project = loadProject(new MemoryFs({ 'package.json': '{"name":"widget","version":"1.0.0"}', [W]: RELEASE }));
  const job = project.workflows[0]!.jobs[0]!;
  const site = project.facts.jobSites(job)[0]!;

  it('gives the same answer in a new array each time: a caller that changes its copy changes no other', () => {
    const first = npmAtPublish(project, job, site.step, site.publish);
    expect(first.map(show)).toEqual(['Node 20.19.3: npm 10.8.2']);
    first.pop();
    const again = npmAtPublish(project, job, site.step, site.publish);
    expect(again).not.toBe(first);
    expect(again.map(show)).toEqual(['Node 20.19.3: npm 10.8.2']);
  });

  it('answers for the step it is given, not the step of an earlier ask about the same command', () => {
    expect(npmAtPublish(project, job, site.step, site.publish).map(show)).toEqual(['Node 20.19.3: npm 10.8.2']);
    expect(npmAtPublish(project, job, job.steps[3]!, site.publish).map(show)).toEqual(['Node 24.13.0: npm 11.6.2']);
    expect(npmAtPublish(project, job, site.step, site.publish).map(show)).toEqual(['Node 20.19.3: npm 10.8.2']);
  });

  it('answers for the project it is given (its files: `.nvmrc`)', () => {
    const files = (nvmrc: string): Record<string, string> => ({ '.nvmrc': nvmrc, [W]: RELEASE.replace('node-version: 20.19.3', 'node-version-file: .nvmrc') });
    const a = loadProject(new MemoryFs(files('20.19.3\n')));
    const b = loadProject(new MemoryFs(files('22.17.0\n')));
    const aJob = a.workflows[0]!.jobs[0]!;
    const aSite = a.facts.jobSites(aJob)[0]!;
    expect(npmAtPublish(a, aJob, aSite.step, aSite.publish).map(show)).toEqual(['Node 20.19.3: npm 10.8.2']);
    expect(npmAtPublish(b, aJob, aSite.step, aSite.publish).map(show)).toEqual(['Node 22.17.0: npm 10.9.2']);
  });
});
