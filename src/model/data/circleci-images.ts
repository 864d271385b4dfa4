/**
 * CircleCI's Docker convenience images, as of 2026-12. The next-generation images (`cimg/node`) get
 * a new tag within days of each Node release, so `cimg/node:lts` / `:current` follow the release
 * table. The legacy images, namespace `circleci/` (`circleci/node:latest-browsers`), do not:
 * "Legacy images with the prefix circleci/ were deprecated on December 31, 2021" (CircleCI's
 * documentation, quoted in circleci/circleci-docs#6664 and #6661), and the deprecation notice
 * (discuss.circleci.com/t/legacy-convenience-image-deprecation/41034) made that day the last one any
 * tag was published or updated: existing tags stay on Docker Hub unchanged. So a moving tag of such
 * an image (`latest`, `current`, `lts`, or a variant alone) holds a Node of 2021 or earlier; which
 * one, tp-doctor cannot confirm offline, so it reads that Node as unknown, never as today's newest.
 * A numbered tag (`circleci/node:14.17-browsers`) names its Node either way.
 */

/** The Docker namespaces of CircleCI's frozen legacy images, and the day they were frozen. */
export const FROZEN_CIRCLECI_NAMESPACES: readonly { readonly namespace: string; readonly frozenOn: string }[] = [{ namespace: 'circleci', frozenOn: '2021-12-31' }];

/** The frozen namespace of an image name (`circleci/node`), when it is one. */
export function frozenNamespace(image: string): { readonly namespace: string; readonly frozenOn: string } | undefined {
  const namespace = image.split('/')[0]?.toLowerCase();
  return FROZEN_CIRCLECI_NAMESPACES.find((n) => n.namespace === namespace);
}
