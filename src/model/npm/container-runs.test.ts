/** `docker run` / `podman run` as a command runner (command-runners.ts `parseContainer`, data/container-runs.ts). */
import { describe, expect, it } from 'vitest';
import { matchRunner } from './command-runners.js';

const hit = (line: string): ReturnType<typeof matchRunner> => {
  const words = line.split(' ');
  return matchRunner(words, words[0]!);
};

describe('container runners', () => {
  it('`docker run [options] <image> <command…>`: the command after the image, the image and the variables passed in', () => {
    expect(hit('docker run --rm -v $PWD:/w -w /w node:20 npm publish')).toEqual({ rest: ['npm', 'publish'], pins: {}, otherPackages: false, container: { runner: 'docker run', image: 'node:20', env: [] } });
    const h = hit('docker run -it -e ACTIONS_ID_TOKEN_REQUEST_URL --env=ACTIONS_ID_TOKEN_REQUEST_TOKEN=$T --name=x node:24 sh -c x');
    expect([h?.rest, h?.container]).toEqual([['sh', '-c', 'x'], { runner: 'docker run', image: 'node:24', env: ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] }]);
  });

  it('`--env-file`, a variable as the name: passed variables tp-doctor cannot read; `--env-host`: all of them', () => {
    expect(hit('docker run --env-file .env -e $VARS node:22 npm publish')?.container).toEqual({ runner: 'docker run', image: 'node:22', env: [], unread: '--env-file .env' });
    expect(hit('docker run -e $VARS node:22 npm publish')?.container).toEqual({ runner: 'docker run', image: 'node:22', env: [], unread: '-e $VARS' });
    expect(hit('podman container run --env-host node:22 npm publish')?.container).toEqual({ runner: 'podman run', image: 'node:22', env: [], all: true });
  });

  it('a combined short option whose last letter takes a value (`-ite NAME`)', () => {
    expect(hit('docker run -ite NPM_ID_TOKEN -u 1000 node:24 npm publish')).toMatchObject({ rest: ['npm', 'publish'], container: { image: 'node:24', env: ['NPM_ID_TOKEN'] } });
  });

  it('other docker commands are no runner; `docker run <image>` alone runs the image\'s own command', () => {
    expect(hit('docker build -t x .')).toBeUndefined();
    expect(hit('docker push x')).toBeUndefined();
    expect(hit('docker run node:20')).toMatchObject({ rest: [], container: { image: 'node:20' } });
  });
});
