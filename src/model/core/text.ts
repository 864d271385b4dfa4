/**
 * The linear string helpers of src/fs/strings.ts for the layers above the model (rules may not
 * import the file layer): scans instead of regular expressions that backtrack on hostile text.
 */
export { cutAtFirst, ownCopy, trimEndChar, trimStartChar } from '../../fs/strings.js';
