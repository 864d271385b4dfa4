import { describe, expect, it } from 'vitest';
import { imageWithoutNode, nodeSourceSpec } from '../data/nodesource.js';
import type { Location } from '../../yaml/span.js';
import type { NodeResolution } from './node-version.js';
import { nodeSourceIn, nodeSourceSteps, type NodeSourceStep } from './nodesource.js';

const SETUP = 'curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash -';

describe('nodeSourceIn', () => {
  it('finds the setup pipeline with its line and the nodejs install after it, both sure', () => {
    const text = `${SETUP}\nsudo apt-get install -y nodejs\nnpm publish\n`;
    const found = nodeSourceIn(text);
    expect([found.setup?.text, found.setup?.line, found.setup?.sure, found.install?.text, found.install?.sure]).toEqual([SETUP, '22', true, 'sudo apt-get install -y nodejs', true]);
    // Cut before the install: the setup alone.
    expect(nodeSourceIn(text, text.indexOf('sudo apt')).install).toBeUndefined();
  });

  it('a continued line, an && chain, and not sure in a branch or before ||', () => {
    expect(nodeSourceIn('curl -fsSL https://deb.nodesource.com/setup_lts.x | \\\n  bash - && apt-get install -y nodejs').install?.sure).toBe(true);
    expect(nodeSourceIn(`if true; then\n  ${SETUP}\nfi\napt-get install -y nodejs`).setup?.sure).toBe(false);
    expect(nodeSourceIn(`${SETUP}\napt-get install -y nodejs || true`).install?.sure).toBe(false);
  });

  it('control: a setup script saved to a file, another package, or another address are not read', () => {
    expect(nodeSourceIn('curl -fsSL https://deb.nodesource.com/setup_22.x -o setup.sh\napt-get install -y nodejs').setup).toBeUndefined();
    expect(nodeSourceIn(`${SETUP}\napt-get install -y nodejs-doc`).install).toBeUndefined();
    expect(nodeSourceIn('curl -fsSL https://example.com/setup_22.x | bash -').setup).toBeUndefined();
  });
});

describe('imageWithoutNode / nodeSourceSpec', () => {
  it('language and distribution images without their Node variants', () => {
    expect(['cimg/python:3.13', 'python:3.13-slim', 'ubuntu:24.04', 'docker.io/library/debian:12'].map(imageWithoutNode)).toEqual([true, true, true, true]);
    expect(['cimg/python:3.13-node', 'cimg/ruby:3.3-browsers', 'node:22', 'acme/builder:1'].map(imageWithoutNode)).toEqual([false, false, false, false]);
    expect(['22', 'lts', 'current'].map(nodeSourceSpec)).toEqual(['22', 'lts/*', 'current']);
  });
});

describe('nodeSourceSteps', () => {
  const base: NodeResolution = { unknown: 'no Node', origins: [], noNode: 'certain' };
  const locate = (): Location => ({ file: 'ci.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } });
  const step = (text: string, conditional = false): NodeSourceStep => ({ text, locate, conditional, afterSetupAction: true });
  it('a setup or install in a conditional step is not sure: unknown; an unconditional one is certain', () => {
    const read = (steps: NodeSourceStep[]): NodeResolution | undefined => {
      const next = nodeSourceSteps(base);
      for (const s of steps) {
        const got = next(s);
        if (got) return got;
      }
      return undefined;
    };
    expect(read([step('apt-get install -y nodejs'), step(SETUP, true)])?.unknown).toContain('is in a step that runs only under a condition');
    expect(read([step('apt-get install -y nodejs', true), step(SETUP)])?.unknown).toContain('`apt-get install -y nodejs` is in a step');
    expect(read([step('apt-get install -y nodejs'), step(SETUP)])?.version).toMatch(/^22\./);
    // A sure install between the setup and a later conditional one installs the Node.
    expect(read([step('apt-get install -y nodejs', true), step('apt-get install -y nodejs'), step(SETUP)])?.version).toMatch(/^22\./);
    expect(read([step(SETUP, true)])).toBeUndefined();
    expect(read([step('apt-get install -y nodejs'), { ...step(SETUP), afterSetupAction: false }])).toBeUndefined();
  });
});
