import { describe, expect, it } from 'vitest';
import { unreadContent } from './unread-steps.js';

describe('unreadContent: what a line writing to $BASH_ENV writes that tp-doctor cannot read', () => {
  it.each([
    ['cat /workspace/generated_bash_env >> $BASH_ENV', 'the output of `cat /workspace/generated_bash_env`'],
    ['./gen-env.sh > "$BASH_ENV"', 'the output of `./gen-env.sh`'],
    ['echo "$ENV_LINES" | tee -a $BASH_ENV', 'the value of `$ENV_LINES`'],
    ['echo "source /opt/ci/env" >> $BASH_ENV', 'a line that sources `/opt/ci/env`'],
  ])('%s: unread', (line, what) => expect(unreadContent(line)).toBe(what));
  it.each([
    `echo 'export PATH="$HOME/.local/bin:$PATH"' >> $BASH_ENV`,
    'printf "export FOO=bar\\n" >> "$BASH_ENV"',
    'cat <<EOF >> $BASH_ENV',
    // The token lines are run.ts's (`CircleNpmIdTokenSet`).
    'echo "export NPM_ID_TOKEN=$(circleci run oidc get)" >> $BASH_ENV',
  ])('%s: read', (line) => expect(unreadContent(line)).toBeUndefined());
});
