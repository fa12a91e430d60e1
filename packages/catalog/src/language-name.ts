let names: Intl.DisplayNames | undefined;

/**
 * A locale's name in English for messages ("Swedish" for sv), or the code itself when ICU has no
 * name for it. Created on first use: building Intl.DisplayNames loads ICU data, which costs
 * `validate` ~15 ms of start-up on a catalog that has nothing to report.
 */
export function languageName(locale: string): string {
  names ??= new Intl.DisplayNames(['en'], { type: 'language' });
  try {
    return names.of(locale) ?? locale;
  } catch {
    return locale;
  }
}
