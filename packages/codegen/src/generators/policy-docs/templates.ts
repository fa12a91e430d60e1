import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * A template that lives next to its generator, compiled once per process in an isolated
 * handlebars environment: strict (a missing field is an error, not an empty string), built-in
 * helpers only, prototype access off (the default).
 */
export function template<View>(directory: URL, name: string): HandlebarsTemplateDelegate<View> {
  const url = new URL(name, directory);
  let found = compiled.get(url.href);
  if (!found) {
    found = Handlebars.create().compile(readFileSync(url, 'utf8'), {
      strict: true,
      knownHelpersOnly: true,
    });
    compiled.set(url.href, found);
  }
  return found as HandlebarsTemplateDelegate<View>;
}
