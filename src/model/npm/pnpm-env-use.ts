/**
 * `pnpm env use --global <version>` (and pnpm 11's `pnpm runtime set node <version> -g`) in a shell
 * text: the Node it installs into PNPM_HOME for the later steps (../data/node-managers.ts
 * `PNPM_NODE_INSTALLS`). The provider reads it as the job's Node (../github/pnpm-env-use.ts).
 */
import { PNPM_NODE_INSTALLS } from '../data/node-managers.js';
import { basename, strip } from './command-words.js';
import { commandEnd, scriptIndex } from './script-index.js';
import { changeWords } from './shell-scope-walk.js';

/** One such command: as written, where, the version as written (undefined: none, or one in a shell variable), and whether it may not run (`maybe`: in a branch, after `&&`/`||`). */
export interface PnpmNodeInstall {
  text: string;
  offset: number;
  end: number;
  spec: string | undefined;
  maybe: boolean;
}

/** The `pnpm env use --global <version>` commands of `text`, in order. */
export function pnpmNodeInstalls(text: string): PnpmNodeInstall[] {
  if (!text.includes('pnpm')) return [];
  const out: PnpmNodeInstall[] = [];
  for (const cmd of scriptIndex(text).commands) {
    const words = strip([...changeWords(cmd.words.map((w) => w.value))]);
    if (words[0] === undefined || basename(words[0]) !== 'pnpm') continue;
    const shape = PNPM_NODE_INSTALLS.find((s) => s.sub.every((w, i) => words[i + 1] === w));
    if (shape === undefined) continue;
    const args = words.slice(1 + shape.sub.length);
    if (!args.some((a) => shape.globalFlags.includes(a))) continue;
    const operand = args.find((a) => !a.startsWith('-'));
    const first = cmd.words[cmd.words.length - changeWords(cmd.words.map((w) => w.value)).length];
    const offset = first?.offset ?? cmd.offset;
    const spec = operand === undefined || /[$`]/.test(operand.replace(/\$\{\{[^}]*\}\}/g, '')) ? undefined : operand;
    out.push({ text: cmd.text.slice(offset - cmd.offset).trim(), offset, end: commandEnd(cmd), spec, maybe: cmd.nested === true || cmd.scope !== undefined });
  }
  return out;
}
