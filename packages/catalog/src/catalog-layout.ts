/** Where things live inside a catalog directory. */
export const POLICY_FILE = 'policy.yaml';
export const ENTRIES_DIR = 'cookies';
export const SECTIONS_DIR = 'sections';
/** The place in `sections:` where the generated cookie tables go; it has no Markdown file. */
export const TABLE_SECTION = 'cookie-table';
/** What each translation was last reviewed against (written by `cookie-catalog translations reviewed`). */
export const TRANSLATIONS_FILE = 'translations.yaml';
