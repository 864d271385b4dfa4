/**
 * The packages `probe --exchange` tries when no `--package` is given: the root package and the
 * workspace packages that are not private. The one place that reaches into the model for it.
 */
import type { Project } from '../model/project.js';

export function publishedPackageNames(project: Project): string[] {
  const names: string[] = [];
  for (const pkg of project.facts.packages.packages) {
    if (pkg.private || !pkg.name) continue;
    if (!names.includes(pkg.name)) names.push(pkg.name);
  }
  return names;
}
