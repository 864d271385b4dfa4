/**
 * Image names that are Docker Hub's official images behind another registry name, as of 2026-12:
 * the image's Node is the one its Docker Hub tag names (`node:20`), so tp-doctor reads the name after
 * the prefix as a Docker Hub name. A registry not listed here (`registry.example.com/node:20`) may
 * hold anything under that name and stays what it is: not Docker's `node` image.
 */

/** Prefixes of registries that serve Docker Hub's images under their Docker Hub names, lower case. */
export const DOCKER_HUB_MIRROR_PREFIXES: readonly string[] = [
  // Google's pull-through cache of Docker Hub: `mirror.gcr.io/library/node:20` and `mirror.gcr.io/node:20`.
  'mirror.gcr.io/',
  // Amazon ECR Public's copy of Docker Hub's official images ("Docker Official Images" on gallery.ecr.aws).
  'public.ecr.aws/docker/library/',
  // Docker Hub's registry under its older host name.
  'registry.hub.docker.com/',
];

/**
 * GitLab's Dependency Proxy (docs.gitlab.com, "Dependency Proxy for container images"): the
 * predefined variables `CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX` and
 * `CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX` hold `<host>[:port]/<group>/dependency_proxy/containers`
 * (the direct one with the group's own path, not a subgroup's), in front of a Docker Hub image name;
 * GitLab pulls that image from Docker Hub and caches it.
 */
export const GITLAB_DEPENDENCY_PROXY_VARIABLES: readonly string[] = ['CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX', 'CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX'];

/** The path part of an expanded Dependency Proxy prefix. */
const PROXY_PATH = '/dependency_proxy/containers/';

/**
 * The Docker Hub name of an image named through a mirror or GitLab's Dependency Proxy
 * (`${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:20`, `gitlab.com:443/acme/dependency_proxy/containers/node:20`,
 * `mirror.gcr.io/library/node:20` → `node:20` or `library/node:20`); other names unchanged.
 */
/**
 * An image as Docker Hub names it, for matching against an image name: without a digest, a mirror
 * or proxy prefix (`dockerHubName`), the `docker.io` host or `library/`
 * (`docker.io/library/node:24@sha256:…` → `node:24`).
 */
export function hubImageName(image: string): string {
  return dockerHubName(image.trim().replace(/@sha256:[0-9a-f]+$/i, ''))
    .replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//i, '')
    .replace(/^library\//i, '');
}

export function dockerHubName(image: string): string {
  const lower = image.toLowerCase();
  const mirror = DOCKER_HUB_MIRROR_PREFIXES.find((p) => lower.startsWith(p));
  if (mirror !== undefined) return image.slice(mirror.length);
  for (const name of GITLAB_DEPENDENCY_PROXY_VARIABLES) {
    for (const written of [`\${${name}}/`, `$${name}/`]) if (image.startsWith(written)) return image.slice(written.length);
  }
  const at = lower.indexOf(PROXY_PATH);
  // `<host>/<group path>` before it: a host (with a dot or a port) and at least one path segment, no spaces.
  const before = at > 0 ? image.slice(0, at) : '';
  const slash = before.indexOf('/');
  if (slash > 0 && slash < before.length - 1 && /[.:]/.test(before.slice(0, slash)) && !/\s/.test(before)) return image.slice(at + PROXY_PATH.length);
  return image;
}
