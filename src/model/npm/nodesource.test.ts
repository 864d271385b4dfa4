import { describe, expect, it } from 'vitest';
import { imageWithoutNode, nodeSourceSpec } from '../data/nodesource.js';
import { nodeSourceIn } from './nodesource.js';

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
