/** The one place that knows where rule pages are published. */
export const REPOSITORY_URL = 'https://github.com/tp-doctor/tp-doctor';

export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${ruleId}/${ruleId}.md`;
}
