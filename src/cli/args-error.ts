/**
 * The message of a command-line error thrown by Node's `parseArgs`, said the way tp-doctor's other
 * usage errors are: Node's own texts name the option by its help pattern (`Option '-f, --format
 * <value>' argument missing`) and end an unknown option's hint with an unbalanced quote. A message
 * this does not recognise is passed on unchanged.
 */
export function argsErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /^Unknown option '([^']*)'/.exec(message)?.[1];
    if (name !== undefined) return `unknown option "${name}"; a directory or file whose name starts with "-" goes after "--" (-- ${name})`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const missing = /^Option '(?:-[^ ,']+, )?([^ ']+) <value>' argument missing/.exec(message)?.[1];
    if (missing !== undefined) return `option ${missing} needs a value`;
    const flag = /^Option '(?:-[^ ,']+, )?([^ ']+)' does not take an argument/.exec(message)?.[1];
    if (flag !== undefined) return `option ${flag} takes no value`;
    const ambiguous = /^Option '([^ ']+)' argument is ambiguous[^]*?use '([^'=]+)=-XYZ'/.exec(message);
    if (ambiguous) {
      const [, raw, long] = ambiguous;
      return `option ${raw} needs a value, and the next argument is an option; a value that starts with "-" is written ${long}=-value`;
    }
  }
  return message;
}
