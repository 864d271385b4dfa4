/**
 * The Node a CircleCI step starts with when earlier steps wrote a version manager command to
 * `$BASH_ENV`: every `run` step's bash sources that file first (docs/domain.md A.53), so `echo 'nvm
 * use 24.15.0' >> $BASH_ENV` switches every later step to that Node, as `nvm use 24.15.0` at the top
 * of its script would. The lines written are read as one shell text in the order written (an `echo`
 * or `printf` of literal text, a variable the writing step sets to a literal and expands there, a
 * heredoc's body) and the manager call in effect at its end is resolved like one in the step's own
 * shell (../npm/node-switch.ts `switchedNode`; a version file where the step starts). Only when the
 * last line that may touch the Node is that call, written for sure (not in a branch, a step under
 * `when:`), with no unread text appended after it and no orb or unknown step between, by a manager
 * the later shells can run (loaded in the text written, or run by an earlier step as its shell
 * started), for an `nvm use` of a version an `nvm install` of the same version installed for sure,
 * by a writing step that runs before the publish for sure (not `when: on_fail`, not `background`),
 * and for a publishing step whose shell is bash (`sh` never reads `$BASH_ENV`): otherwise
 * undefined, and the caller keeps saying it cannot tell.
 */
import type { Location } from '../../yaml/span.js';
import { NODE_DIRECTORY } from '../data/node-managers.js';
import type { NodeContext, NodeResolution } from '../npm/node-version.js';
import { managerCommandsIn, type ManagerAsk } from '../npm/manager-commands.js';
import { switchAt, switchedNode, type SwitchContext } from '../npm/node-switch.js';
import { commandEnd } from '../npm/script-index.js';
import { resolveVariable } from '../npm/shell-definitions.js';
import { splitCommands } from '../npm/shell.js';
import { circleStepDirectory } from './checkout-dir.js';
import { locate } from './run.js';
import { circleStepMayNotRun } from './sites.js';
import type { CircleJob, CircleStep } from './types.js';
import { BASH_ENV_WRITE, unreadContent } from './unread-steps.js';

/** A piece of text appended to `$BASH_ENV` (`unread`: text tp-doctor cannot read), where it is written, and whether it is written for sure. */
interface Written {
  text: string;
  step: CircleStep;
  at: Location;
  sure: boolean;
  unread?: true;
}

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/;
const TRUNCATES = /(?:^|[^>])>\s*["']?\$\{?BASH_ENV\b/;
const REFERENCE = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g;

/** What the `run` steps before `publishing` append to `$BASH_ENV`, in the order they run. */
function writtenBefore(job: CircleJob, publishing: CircleStep): Written[] {
  const out: Written[] = [];
  for (const step of job.steps.slice(0, publishing.index)) {
    const command = step.run?.command;
    if (command === undefined || !command.text.includes('BASH_ENV')) continue;
    const text = command.text;
    const lines = text.split('\n');
    const commands = splitCommands(text);
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const start = offset;
      offset += line.length + 1;
      if (!BASH_ENV_WRITE.test(line)) continue;
      const at = locate(command, start + (line.length - line.trimStart().length), start + line.trimEnd().length);
      const writer = commands.find((c) => !c.substitution && c.offset >= start && c.offset < start + line.length && c.words[0]?.value !== 'tee');
      // Nested only in its own pipe to `tee` (`echo … | tee -a $BASH_ENV`) is written for sure too.
      const onLine = commands.filter((c) => !c.substitution && c.offset >= start && c.offset < start + line.length);
      const piped = writer?.offset === start + line.length - line.trimStart().length && onLine.every((c) => c === writer || c.words[0]?.value === 'tee') && !/&&|\|\||;/.test(line);
      const sure = !circleStepMayNotRun(step) && writer !== undefined && (writer.nested !== true || piped);
      // `echo … > $BASH_ENV` replaces what was written before.
      if (TRUNCATES.test(line)) out.length = 0;
      const heredoc = HEREDOC.exec(line);
      if (heredoc) {
        // The body as written (an unquoted delimiter expands `$` now: left as is, it reads as a variable tp-doctor cannot resolve).
        for (i++; i < lines.length && lines[i]!.trim() !== heredoc[2]; i++) {
          const bodyStart = offset;
          offset += lines[i]!.length + 1;
          out.push({ text: lines[i]!, step, at: locate(command, bodyStart, bodyStart + lines[i]!.length), sure });
        }
        offset += (lines[i]?.length ?? 0) + 1;
        continue;
      }
      if (writer === undefined || !/^(?:echo|printf)$/.test(writer.words[0]?.value ?? '')) {
        out.push({ text: line, step, at, sure, unread: true });
        continue;
      }
      // `echo "nvm use $NODE_VERSION" >> $BASH_ENV`: a variable the step sets to a literal is expanded as it is written.
      const place = { text, offset: writer.offset, end: commandEnd(writer) };
      const printed = printedText(writer.words.map((w) => w.value));
      const written = (printed ?? '').replace(REFERENCE, (ref: string) => resolveVariable(ref, place) ?? ref);
      // Text it cannot read (a `printf` directive, a backslash left as written), unless it only loads a manager (`echo 'source ~/.nvm/nvm.sh' >> $BASH_ENV`).
      const loadsOnly = managerCommandsIn(written).some((c) => c.load !== undefined && c.load.load !== 'profile');
      if ((printed === undefined || written.includes('\\') || unreadContent(line) !== undefined) && !loadsOnly) {
        out.push({ text: line, step, at, sure, unread: true });
        continue;
      }
      out.push({ text: written, step, at, sure });
    }
  }
  return out;
}

/**
 * What `echo` or `printf` prints, its words as read: `echo` turns `\n` into a line break only
 * with `-e` (bash's `echo` leaves it as written otherwise); `printf` prints its format once when
 * it has no `%` directive. Undefined for a format with one (`printf 'nvm use %s\n' 20`).
 */
function printedText(words: readonly string[]): string | undefined {
  const [bin, ...args] = words;
  if (bin === 'printf') {
    const format = args[0];
    if (format === undefined || format.startsWith('-') || format.includes('%')) return undefined;
    return format.replace(/\\n/g, '\n');
  }
  let escapes = false;
  let k = 0;
  for (; k < args.length && /^-[neE]+$/.test(args[k]!); k++) for (const f of args[k]!.slice(1)) if (f !== 'n') escapes = f === 'e';
  const text = args.slice(k).join(' ');
  return escapes ? text.replace(/\\n/g, '\n') : text;
}

/**
 * True when an earlier `run` step runs a command of `manager` for sure, before any command that
 * loads it in its shell (`nvm install 24.15.0` on a machine image whose `$BASH_ENV` loads nvm): the
 * shells of the job's steps have it as they start, or that step failed (CircleCI runs `bash -eo
 * pipefail`) and the publish never runs.
 */
function ranAtStart(job: CircleJob, publishing: CircleStep, manager: string): boolean {
  return job.steps.slice(0, publishing.index).some((step) => {
    const text = step.run?.command.text;
    if (text === undefined || circleStepMayNotRun(step) || !text.includes(manager)) return false;
    for (const { cmd, call, load } of managerCommandsIn(text)) {
      if (load?.load === manager || load?.load === 'profile') return false;
      if (call?.command.manager !== manager) continue;
      const end = commandEnd(cmd);
      return cmd.nested !== true && !/^[ \t]*\|\|/.test(text.slice(end, end + 64));
    }
    return false;
  });
}

/**
 * True when the publishing step's shell is certainly bash, the one shell that sources `$BASH_ENV`:
 * its `shell:`, else the job's, else its executor's, whose command word is `bash` (`/bin/bash`,
 * `bash -eo pipefail`, `/usr/bin/env bash`), or none written (CircleCI's `/bin/bash -eo pipefail`).
 * `/bin/sh`, or a value tp-doctor cannot read, is not.
 */
function runsBash(job: CircleJob, publishing: CircleStep): boolean {
  const run = publishing.node.get('run');
  const shell = (run?.isMap === true ? run.get('shell') : undefined) ?? job.node.get('shell') ?? job.executor?.definition?.get('shell');
  if (shell === undefined) return true;
  const words = (shell.isScalar ? String(shell.value ?? '') : '').trim().split(/\s+/);
  const bin = words[0] !== undefined && /(?:^|\/)env$/.test(words[0]) ? words[1] : words[0];
  return bin !== undefined && /(?:^|\/)bash$/.test(bin);
}

/** The same version asked for: the same spec as written (a leading `v` aside), or the same version files. */
function sameAsk(a: ManagerAsk, b: ManagerAsk): boolean {
  if ('spec' in a && 'spec' in b) return a.spec.replace(/^v/i, '') === b.spec.replace(/^v/i, '');
  return 'files' in a && 'files' in b && JSON.stringify(a.files) === JSON.stringify(b.files);
}

/**
 * True when `nvm use` of `ask`, read at `offset` of the text written, finds that Node installed: an
 * `nvm install` of the same version earlier in the text written, or run for sure by an earlier step
 * (from the directory the publishing step starts in, for a version file). Otherwise `nvm use` fails,
 * bash goes on, and the Node stays the one before.
 */
function installedFor(job: CircleJob, publishing: CircleStep, prelude: string, offset: number, ask: ManagerAsk): boolean {
  const installs = (text: string, before: number): boolean =>
    managerCommandsIn(text).some(({ cmd, call }) => {
      if (call === undefined || call.offset >= before || call.command.manager !== 'nvm' || call.command.sub[0] !== 'install' || cmd.nested === true) return false;
      const end = commandEnd(cmd);
      if (/^[ \t]*\|\|/.test(text.slice(end, end + 64))) return false;
      // `nvm install "$NODE_VERSION"` with the variable set to a literal before it in its step.
      const expanded = 'unknown' in call.ask ? call.text.replace(REFERENCE, (ref: string) => resolveVariable(ref, { text, offset: cmd.offset, end }) ?? ref) : undefined;
      const asked = expanded === undefined ? call.ask : managerCommandsIn(expanded).find((c) => c.call !== undefined)?.call?.ask;
      return asked !== undefined && sameAsk(asked, ask);
    });
  if (installs(prelude, offset)) return true;
  const directory = circleStepDirectory(job, publishing);
  return job.steps.slice(0, publishing.index).some((step) => {
    const text = step.run?.command.text;
    if (text === undefined || circleStepMayNotRun(step) || !text.includes('nvm')) return false;
    return ('spec' in ask || circleStepDirectory(job, step) === directory) && installs(text, Infinity);
  });
}

/**
 * The Node a manager call written to `$BASH_ENV` before `publishing` gives it (see the file's
 * comment); undefined when there is none or tp-doctor cannot resolve it for sure.
 */
export function bashEnvNode(job: CircleJob, publishing: CircleStep, base: NodeResolution, files: NodeContext | undefined): NodeResolution | undefined {
  // `sh` (a step's or the job's `shell:`) never reads `$BASH_ENV`.
  if (!runsBash(job, publishing)) return undefined;
  const written = writtenBefore(job, publishing);
  const last = written.findLastIndex((w) => w.unread === true || NODE_DIRECTORY.test(w.text));
  const deciding = written[last];
  if (deciding === undefined || deciding.unread === true || !deciding.sure) return undefined;
  // An orb command or a step tp-doctor does not know may append to `$BASH_ENV` after it.
  if (job.steps.slice(deciding.step.index + 1, publishing.index).some((s) => s.kind === 'orb' || s.kind === 'unknown')) return undefined;
  let prelude = '';
  let from = 0;
  for (const [k, w] of written.entries()) {
    if (k === last) from = prelude.length;
    prelude += `${w.text}\n`;
  }
  const state = switchAt(prelude, prelude.length);
  const call = state.call;
  if (call === undefined || state.maybe !== undefined || call.offset < from) return undefined;
  // A manager the later shells cannot run fails there without stopping them (bash goes on after a
  // failing command of `$BASH_ENV`), and the Node stays the one before: it must be loaded in the
  // text written (`source ~/.nvm/nvm.sh`), or an earlier step must have run it as its shell started.
  const manager = call.command.manager;
  if (!switchAt(prelude, call.offset).loads.includes(manager) && !ranAtStart(job, publishing, manager)) return undefined;
  // `nvm use X` of a Node nobody installed fails the same way.
  if (manager === 'nvm' && call.command.sub[0] === 'use' && !installedFor(job, publishing, prelude, call.offset, call.ask)) return undefined;
  const ctx: SwitchContext = {
    versionFile: (file) => files?.facts.nodeVersionFile(file) ?? { unknown: 'not read' },
    exists: (file) => files?.fs.exists(file) ?? false,
    // Bash sources `$BASH_ENV` as the step starts, in its working directory.
    directory: files === undefined ? undefined : circleStepDirectory(job, publishing),
  };
  const spec = 'spec' in call.ask ? call.ask.spec : undefined;
  const res = switchedNode(call, deciding.at, base, ctx, { offset: 0, end: 0, bashEnv: { step: deciding.step.index, at: deciding.at, manager, ...(spec !== undefined ? { spec } : {}) } });
  return res.unknown === undefined ? res : undefined;
}
