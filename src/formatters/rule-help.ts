/**
 * A rule's help as SARIF carries it (`reportingDescriptor.help`): the essentials of its page, not the
 * whole page. GitHub code scanning shows `help.markdown` next to each alert; a security team that
 * uploads for hundreds of repositories pays for every byte (a SARIF upload is limited to 10 MB
 * gzip-compressed), and the longest pages are over 60 KB. The essentials: the page's lead, the start
 * of "What it checks" (whole paragraphs and list items, within `CHECKS_BUDGET` characters), "Why it
 * matters" and "How to fix", then the page's address, where every case, the examples and the
 * configuration are. Pure.
 */

/** Characters of "What it checks" carried at most (its first block always). */
export const CHECKS_BUDGET = 2000;

interface HelpRule {
  id: string;
  summary: string;
  docsUrl: string;
  helpMarkdown?: string;
}

/** The first paragraph after the page's `# title`: the page's own one-line description. */
export function pageLead(markdown: string | undefined): string | undefined {
  if (!markdown) return undefined;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let i = lines.findIndex((l) => /^#\s/.test(l));
  if (i === -1) return undefined;
  i++;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const paragraph: string[] = [];
  while (i < lines.length && lines[i]!.trim() !== '' && !/^(#|```|\||[-*] )/.test(lines[i]!)) {
    paragraph.push(lines[i]!.trim());
    i++;
  }
  return paragraph.length > 0 ? paragraph.join(' ') : undefined;
}

/** The body of each `## Heading` section of a page, trimmed, by heading. */
export function pageSections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  let heading: string | undefined;
  let body: string[] = [];
  let fenced = false;
  const flush = (): void => {
    if (heading !== undefined && !out.has(heading)) out.set(heading, body.join('\n').trim());
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (!fenced && /^##\s/.test(line)) {
      flush();
      heading = line.replace(/^##\s+/, '').trim();
      body = [];
    } else body.push(line);
  }
  flush();
  return out;
}

/** A section's blocks: paragraphs, lists and fenced code, split at blank lines outside a fence. */
function blocks(section: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let fenced = false;
  for (const line of section.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (!fenced && line.trim() === '') {
      if (current.length > 0) out.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) out.push(current.join('\n'));
  return out;
}

/** A list block's top-level items (a line starting `- `, `* ` or `1. ` with the lines under it), or undefined for another block. */
function listItems(block: string): string[] | undefined {
  const lines = block.split('\n');
  if (!/^([-*]|\d+\.) /.test(lines[0]!)) return undefined;
  const items: string[] = [];
  for (const line of lines) {
    if (/^([-*]|\d+\.) /.test(line) || items.length === 0) items.push(line);
    else items[items.length - 1] += `\n${line}`;
  }
  return items;
}

/** The start of "What it checks" within the budget, and whether anything was left out. */
export function checksStart(section: string, budget = CHECKS_BUDGET): { text: string; cut: boolean } {
  const all = blocks(section);
  const kept: string[] = [];
  let used = 0;
  for (const [i, block] of all.entries()) {
    if (i === 0 || used + block.length <= budget) {
      kept.push(block);
      used += block.length;
      continue;
    }
    // A list after "…, each with its own message:": the items that fit, then an ellipsis.
    const items = listItems(block);
    const fits: string[] = [];
    for (const item of items ?? []) {
      if (used + item.length > budget) break;
      fits.push(item);
      used += item.length;
    }
    if (fits.length > 0) kept.push(fits.join('\n'));
    // Items left out, or an introduction to a list none of whose items fit ("…, with the setting that decided it:").
    if (fits.length > 0 || kept.at(-1)!.trimEnd().endsWith(':')) kept.push('… (the rule page has the rest)');
    return { text: kept.join('\n\n'), cut: true };
  }
  return { text: kept.join('\n\n'), cut: false };
}

/** `help.text` and `help.markdown` for a rule: the essentials of its page, or its summary and address without a page. */
export function ruleHelp(rule: HelpRule): { text: string; markdown: string } {
  const page = rule.helpMarkdown?.replace(/\r\n?/g, '\n').trim();
  const lead = pageLead(page) ?? rule.summary;
  if (!page) return { text: `${lead}\n\nDocumentation: ${rule.docsUrl}`, markdown: `# ${rule.id}\n\n${rule.summary}\n\nSee the [rule documentation](${rule.docsUrl}).` };
  const sections = pageSections(page);
  const parts: { heading: string; body: string }[] = [];
  const checks = sections.get('What it checks');
  let cut = false;
  if (checks) {
    const start = checksStart(checks);
    cut = start.cut;
    parts.push({ heading: 'What it checks', body: start.text });
  }
  for (const heading of ['Why it matters', 'How to fix']) {
    const body = sections.get(heading);
    if (body) parts.push({ heading, body });
  }
  const more = cut ? 'every case it reads, examples and configuration' : 'examples and configuration';
  const markdown = [`# ${rule.id}`, lead, ...parts.map((p) => `## ${p.heading}\n\n${p.body}`), `The [rule page](${rule.docsUrl}) has ${more}.`].join('\n\n');
  const text = [lead, ...parts.map((p) => `${p.heading}:\n\n${p.body}`), `Documentation (${more}): ${rule.docsUrl}`].join('\n\n');
  return { text, markdown };
}
