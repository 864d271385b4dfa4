/**
 * The Node a Docker image names: CircleCI's convenience images (`cimg/node`), the legacy
 * `circleci/node` images (frozen: `data/circleci-images.ts`) and Docker's `node` images. The same
 * image holds the same Node wherever it runs: a CircleCI `docker:` image and a GitLab `image:`
 * (survey700a D3) are both read here.
 */
import { frozenNamespace } from '../data/circleci-images.js';
import { imageWithoutNode } from '../data/nodesource.js';
import { parseNodeImage } from './node-version.js';

/**
 * The Node spec of an image: CircleCI's convenience images `cimg/node:<version>` (`24.15`,
 * `24.15.0`, `lts`, `current`, with variants such as `-browsers`), the legacy `circleci/node:<tag>`
 * images with a numbered tag, and Docker's `node:<tag>` (through `parseNodeImage`). Undefined for
 * other images, and for a legacy image's moving tag (`circleci/node:latest`: `frozenNodeImage`).
 */
export function parseKnownNodeImage(image: string): string | undefined {
  const m = circleNodeImage(image);
  if (!m) return parseNodeImage(image.trim().replace(/@sha256:[0-9a-f]+$/i, ''));
  if (/^\d+(\.\d+){0,2}$/.test(m.head)) return m.head;
  // A frozen legacy image's moving tag holds a Node of its last publishing day (`frozenNodeImage`).
  if (frozenNamespace(m.namespace) !== undefined) return undefined;
  if (m.head === 'lts') return 'lts/*';
  // `current`, `latest`, and variant-only tags follow the newest release.
  return 'latest';
}

/** `cimg/node:<tag>` or `circleci/node:<tag>`: the namespace and the tag's first part (`lts` of `lts-browsers`). */
function circleNodeImage(image: string): { namespace: string; head: string } | undefined {
  const clean = image.trim().replace(/@sha256:[0-9a-f]+$/i, '');
  const m = /^(?:(?:docker\.io|index\.docker\.io)\/)?(cimg|circleci)\/node(?::([^/\s]+))?$/i.exec(clean);
  if (!m) return undefined;
  const tag = (m[2] ?? 'latest').toLowerCase();
  return { namespace: m[1]!.toLowerCase(), head: tag.split('-')[0] ?? '' };
}

/**
 * Why the Node of a legacy `circleci/node` image with a moving tag (`latest`, `current`, `lts`, a
 * variant alone) is unknown: the namespace was frozen (`data/circleci-images.ts`), so the tag holds a
 * Node of that day or earlier, not today's newest, and which one tp-doctor cannot confirm. Undefined
 * for any other image, and for a numbered tag.
 */
export function frozenNodeImage(image: string): string | undefined {
  const m = circleNodeImage(image);
  const frozen = m && !/^\d+(\.\d+){0,2}$/.test(m.head) ? frozenNamespace(m.namespace) : undefined;
  if (!m || !frozen) return undefined;
  const tag = m.head === '' ? 'variant' : `\`${m.head}\``;
  return `the job runs in image "${image.trim()}", one of CircleCI's legacy \`${frozen.namespace}/\` images, which have not changed since ${frozen.frozenOn}: its ${tag} tag holds a Node released by then, not today's newest, and tp-doctor cannot tell which`;
}


/** `NodeResolution.noNode` of an image that is not a Node image: `certain` when it is known to ship no Node (`imageWithoutNode`). */
export function noNodeIn(image: string): 'certain' | 'assumed' {
  return imageWithoutNode(image) ? 'certain' : 'assumed';
}
