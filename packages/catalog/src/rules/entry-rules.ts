import {
  COOKIE_VALUE_PATTERN,
  cookiePrefixOf,
  describeCharacter,
  firstNonCookieOctet,
  firstNonTokenChar,
  MAX_ATTRIBUTE_VALUE_BYTES,
  MAX_LIFETIME_SECONDS,
  MAX_NAME_VALUE_BYTES,
  utf8Length,
} from '../cookie-grammar.js';
import { type EffectiveAttributes, effectiveAttributes, isOwnCookie } from '../defaults.js';
import { exceedsBrowserCap, parseDuration } from '../lifetime.js';
import { checkLink } from '../links.js';
import { parseNamePattern } from '../name-pattern.js';
import { catastrophicBacktracking } from '../pattern-safety.js';
import { RULES, type RuleId } from '../rule-ids.js';
import type { EntryInput, ValueInput } from '../schema.js';
import type { CatalogContext, FileReport } from './check-context.js';
import { checkCookieDomain } from './cookie-domain.js';
import { checkLocalizedText } from './text-rules.js';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/;
/** Names that usually carry a credential or a session: the ones the __Host- prefix protects most. */
const SENSITIVE_NAME = /csrf|xsrf|session|sess|token|auth|login/i;

/** Every rule that one entry file must satisfy on its own. */
export function checkEntry(report: FileReport, context: CatalogContext, entry: EntryInput): void {
  if (!ID_PATTERN.test(entry.id)) {
    report.add(
      'entry/id',
      ['id'],
      `the id "${entry.id}" cannot be turned into function names`,
      'use ASCII letters and digits, words separated by "_" or "-", starting with a letter, e.g. access_token',
    );
  }
  checkName(report, entry);
  checkParty(report, entry);
  checkLifetime(report, entry);
  if (isOwnCookie(entry)) checkAttributes(report, entry, effectiveAttributes(entry));
  if (entry.value) checkValue(report, entry, entry.value);
  for (const key of ['purpose', 'stores', 'note'] as const) {
    checkLocalizedText(report, context, [key], entry[key]);
  }
  if (typeof entry.lifetime === 'object') {
    checkLocalizedText(report, context, ['lifetime', 'note'], entry.lifetime.note);
  }
  for (const [name, parameter] of Object.entries(entry.nameParameters ?? {})) {
    checkLocalizedText(
      report,
      context,
      ['nameParameters', name, 'description'],
      parameter.description,
    );
  }
  if (entry.provider.name !== undefined && /^\s*TODO\b/.test(entry.provider.name)) {
    report.add(
      'text/todo',
      ['provider', 'name'],
      `the provider is still a placeholder: "${entry.provider.name.trim().slice(0, 80)}"`,
      'write the name of the company whose software sets it',
    );
  }
  if (/^\s*TODO\b/.test(entry.category)) {
    report.add(
      'text/todo',
      ['category'],
      `the category is still a placeholder: "${entry.category.trim().slice(0, 80)}"`,
      `choose one of ${[...(context.categories ?? [])].join(', ')}`,
    );
  } else if (context.categories && !context.categories.has(entry.category)) {
    report.add(
      'catalog/unknown-category',
      ['category'],
      `the category "${entry.category}" is not declared in policy.yaml`,
      `use one of ${[...context.categories].join(', ')}, or declare it under categories in policy.yaml`,
    );
  }
  checkAcknowledgements(report, entry);
  checkAdvice(report, entry);
}

/** Only advice can be declined, and only with a reason a reviewer can read. */
function checkAcknowledgements(report: FileReport, entry: EntryInput): void {
  for (const [rule, reason] of Object.entries(entry.acknowledge ?? {})) {
    if (
      !(rule in RULES) ||
      RULES[rule as RuleId].severity !== 'warning' ||
      !rule.startsWith('advice/')
    ) {
      report.add(
        'schema/value',
        ['acknowledge', rule],
        `"${rule}" is not advice that can be declined; errors must be fixed`,
        `use one of ${Object.keys(RULES)
          .filter((id) => id.startsWith('advice/'))
          .join(', ')}`,
        { key: true },
      );
    } else if (reason.trim() === '') {
      report.add(
        'schema/value',
        ['acknowledge', rule],
        'say why the advice is declined',
        'write the reason',
        {},
      );
    }
  }
}

function checkName(report: FileReport, entry: EntryInput): void {
  const { name, kind } = entry;
  if (name === '') {
    report.add(
      'cookie/name',
      ['name'],
      'the name is empty',
      'write the name exactly as it is sent',
    );
    return;
  }
  const lineBreak = /[\t\n\r\u2028\u2029]/.exec(name);
  if (lineBreak) {
    // Any kind: a name is shown on one line in tables, diffs and pull-request comments.
    report.add(
      'cookie/name',
      ['name'],
      `the name "${printable(name)}" contains ${describeCharacter(lineBreak[0])}`,
      'write the name on one line, exactly as it is stored',
    );
    return;
  }
  const wildcard = /\*|\[[^\]]*\]/.exec(name);
  if (wildcard) {
    const written = name.replace(
      /\*|\[([^\]]*)\]/g,
      (_match, inside: string | undefined) => `{${parameterNameOf(inside)}}`,
    );
    const parameters = [...written.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    report.add(
      'cookie/name-wildcard',
      ['name'],
      `"${printable(name)}" stands for many names, but "${wildcard[0]}" would be taken literally (and a setter generated for exactly that name)`,
      `write the varying part as a parameter: name: "${written}" with ${parameters
        .map((p) => `nameParameters.${p}: { type: string, example: …, description: … }`)
        .join(' and ')}`,
      { charIndex: wildcard.index },
    );
    return;
  }
  const parsed = parseNamePattern(name);
  if (!parsed.ok) {
    report.add(
      'cookie/name-pattern',
      ['name'],
      `the name "${name}" has ${parsed.reason}`,
      parsed.fix,
      {
        charIndex: parsed.index,
      },
    );
    return;
  }
  const used = parsed.parts.flatMap((p) => (p.type === 'parameter' ? [p.name] : []));
  const declared = Object.keys(entry.nameParameters ?? {});
  for (const parameter of used.filter((p) => !declared.includes(p))) {
    report.add(
      'cookie/name-pattern',
      ['name'],
      `the name uses {${parameter}}, which is not declared`,
      `add nameParameters.${parameter} with its type and description`,
    );
  }
  for (const parameter of declared.filter((p) => !used.includes(p))) {
    report.add(
      'cookie/name-pattern',
      ['nameParameters', parameter],
      `the parameter "${parameter}" is not used in the name "${name}"`,
      `remove it, or write {${parameter}} in the name`,
      { key: true },
    );
  }
  for (const [parameter, spec] of Object.entries(entry.nameParameters ?? {})) {
    if (spec.pattern !== undefined)
      checkRegExp(report, ['nameParameters', parameter, 'pattern'], spec.pattern);
    checkParameterExample(report, parameter, spec);
    if (spec.type === 'integer' && spec.pattern !== undefined) {
      report.add(
        'cookie/name-pattern',
        ['nameParameters', parameter, 'pattern'],
        'an integer parameter cannot have a pattern',
        'remove pattern, or make the parameter a string',
      );
    }
  }
  if (kind !== 'cookie') return; // storage keys and pixels are not cookie names
  let offset = 0;
  for (const part of parsed.parts) {
    if (part.type === 'literal') {
      const bad = firstNonTokenChar(part.text);
      if (bad) {
        report.add(
          'cookie/name',
          ['name'],
          `the cookie name "${printable(name)}" contains ${describeCharacter(bad.char)}, which is not allowed in a cookie name`,
          "use only ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~",
          { charIndex: offset + bad.index },
        );
        return;
      }
      offset += part.text.length;
    } else {
      offset += part.name.length + 2;
    }
  }
}

function checkParty(report: FileReport, entry: EntryInput): void {
  const { provider, setBy, kind } = entry;
  const ownCookie = isOwnCookie(entry);
  if (provider.party === 'third') {
    if (setBy !== 'provider') {
      report.add(
        'entry/party',
        ['setBy'],
        `a third-party entry is set by its provider, not by ${setBy === 'vendor' ? 'a vendor on our domain' : `our ${setBy}`}`,
        'write setBy: provider, or change provider.party to first if it is on our own domain',
      );
    }
    if (!provider.name) {
      report.add(
        'entry/party',
        ['provider'],
        'a third party needs its company name',
        'add provider.name',
        {
          key: true,
        },
      );
    }
    if (!provider.privacyPolicy) {
      report.add(
        'entry/party',
        ['provider'],
        'a third party needs a link to its privacy policy (people must be able to read who processes their data)',
        'add provider.privacyPolicy: https://…',
        { key: true },
      );
    }
  } else if (setBy === 'provider') {
    report.add(
      'entry/party',
      ['setBy'],
      "a first-party entry is set on our own domain: by our server, our page scripts, or a vendor's software",
      'write setBy: server, client or vendor, or change provider.party to third',
    );
  } else if (setBy === 'vendor' && !provider.name) {
    report.add(
      'entry/party',
      ['provider'],
      'setBy: vendor needs the name of the company whose software sets it (the policy shows it)',
      'add provider.name, e.g. Cloudflare, Inc.',
      { key: true },
    );
  }
  for (const key of ['privacyPolicy', 'cookiePolicy'] as const) {
    const link = provider[key];
    if (link === undefined) continue;
    if (/^\s*TODO\b/.test(link)) {
      report.add(
        'text/todo',
        ['provider', key],
        `the ${key === 'privacyPolicy' ? 'privacy policy' : 'cookie policy'} link is still a placeholder`,
        'write the https:// link to the provider’s own page',
      );
      continue;
    }
    const checked = checkLink(link);
    if (!checked.ok)
      report.add('link/scheme', ['provider', key], checked.reason, 'write an https:// link');
  }
  const domain = checkProviderDomain(provider.domain);
  if (domain)
    report.add(
      'cookie/domain',
      ['provider', 'domain'],
      domain,
      'write the bare domain, e.g. example.com',
    );

  // Cookies our code sets may leave attributes and value out: the safe defaults apply
  // (defaults.ts). What others set is described, never configured, by us.
  const vendorLocation =
    setBy === 'vendor' &&
    kind === 'cookie' &&
    entry.attributes !== undefined &&
    Object.keys(entry.attributes).every((key) => key === 'path' || key === 'domain');
  if (vendorLocation) {
    const path = entry.attributes?.path;
    if (path !== undefined && !path.startsWith('/')) {
      report.add(
        'cookie/path',
        ['attributes', 'path'],
        `the path "${path}" does not start with /`,
        'write the path the vendor sets, e.g. /',
      );
    }
  } else if (!ownCookie && entry.attributes) {
    report.add(
      'entry/attributes',
      ['attributes'],
      kind !== 'cookie'
        ? `a ${kind} entry has no cookie attributes`
        : setBy === 'vendor'
          ? `${provider.name ?? 'the vendor'}'s software sets this cookie, so its attributes are not ours to declare`
          : 'we cannot decide the attributes of a cookie a third party sets',
      setBy === 'vendor' && kind === 'cookie'
        ? 'keep only path and domain (where the vendor sets it, so that withdrawing consent can delete it), or remove the attributes: block'
        : 'remove the attributes: block',
      { key: true },
    );
  }
  if (!ownCookie && kind === 'cookie' && entry.value) {
    report.add(
      'entry/value',
      ['value'],
      'only cookies our own code sets declare their value: setters and readers are generated for them alone',
      'remove value:',
      { key: true },
    );
  }
  if (kind === 'pixel' && entry.value) {
    report.add(
      'entry/value',
      ['value'],
      'a pixel stores nothing, so it has no value',
      'remove value:',
      {
        key: true,
      },
    );
  }
}

function checkProviderDomain(domain: string): string | undefined {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain)
    ? undefined
    : `"${printable(domain)}" is not a domain name`;
}

function checkLifetime(report: FileReport, entry: EntryInput): void {
  const { lifetime, kind } = entry;
  // What another company's software sets is described as that company states it.
  const theirs = entry.setBy === 'provider' || entry.setBy === 'vendor';
  const allowed: Record<string, readonly string[]> = {
    cookie: ['session', 'a duration'],
    localStorage: ['persistent', 'a duration'],
    sessionStorage: ['session'],
    indexedDB: ['persistent', 'a duration'],
    pixel: ['none'],
  };
  const fits = (form: string) => (allowed[kind] ?? []).includes(form);
  if (typeof lifetime === 'object') {
    if (!theirs) {
      report.add(
        'cookie/lifetime-kind',
        ['lifetime'],
        "statedByProvider is only for what another company's software sets (setBy: provider or vendor); our own cookies have an exact lifetime",
        'write our own lifetime, e.g. "30 days" or session',
        { key: true },
      );
      return;
    }
    const stated = lifetime.statedByProvider;
    const parts: [string, readonly (string | number)[]][] =
      stated === 'forever' || stated === 'session'
        ? []
        : typeof stated === 'object'
          ? [
              [stated.from, ['lifetime', 'statedByProvider', 'from']],
              [stated.to, ['lifetime', 'statedByProvider', 'to']],
            ]
          : [[stated, ['lifetime', 'statedByProvider']]];
    if (lifetime.orInactiveFor !== undefined)
      parts.push([lifetime.orInactiveFor, ['lifetime', 'orInactiveFor']]);
    const seconds: number[] = [];
    for (const [text, path] of parts) {
      const parsed = parseDuration(text);
      if (!parsed.ok) report.add('cookie/lifetime', path, parsed.reason, parsed.fix);
      else seconds.push(parsed.duration.seconds);
    }
    if (
      typeof stated === 'object' &&
      seconds.length >= 2 &&
      (seconds[0] ?? 0) > (seconds[1] ?? 0)
    ) {
      report.add(
        'cookie/lifetime',
        ['lifetime', 'statedByProvider', 'from'],
        `the range starts at "${stated.from}", after its end "${stated.to}"`,
        'swap from and to',
      );
    }
    return;
  }
  if (lifetime === 'unknown') {
    if (!theirs) {
      report.add(
        'cookie/lifetime',
        ['lifetime'],
        'our own code sets this, so its lifetime is ours to state: "unknown" is only for what another company\'s software sets',
        'write the lifetime the code uses, e.g. "30 days" or session',
      );
      return;
    }
    report.add(
      'lifetime/unknown',
      ['lifetime'],
      `the lifetime is "unknown": the policy will say it is not stated by ${entry.provider.name ?? 'the provider'}`,
      'ask the provider, or look it up in their cookie documentation, then write it here',
    );
    return;
  }
  if (lifetime === 'session' || lifetime === 'persistent' || lifetime === 'none') {
    if (!fits(lifetime)) {
      report.add(
        'cookie/lifetime-kind',
        ['lifetime'],
        `a ${kind} entry cannot have the lifetime "${lifetime}"`,
        `use ${(allowed[kind] ?? []).join(' or ')}`,
      );
    }
    return;
  }
  if (lifetime === 'forever') {
    report.add(
      'cookie/lifetime-cap',
      ['lifetime'],
      'no cookie lives forever: browsers keep a cookie at most 400 days (RFC 6265bis §5.5)',
      theirs
        ? 'write lifetime: { statedByProvider: forever, note: … } to show what browsers actually keep'
        : 'use at most "400 days"',
    );
    return;
  }
  if (/^\s*TODO\b/.test(lifetime)) {
    report.add(
      'text/todo',
      ['lifetime'],
      `the lifetime is still a placeholder: "${lifetime.trim().slice(0, 80)}"`,
      theirs
        ? 'write what the provider states, e.g. { statedByProvider: 13 months }, or unknown when they do not say'
        : 'write the lifetime our code uses, e.g. "30 days" or session',
    );
    return;
  }
  const parsed = parseDuration(lifetime);
  if (!parsed.ok) {
    report.add('cookie/lifetime', ['lifetime'], parsed.reason, parsed.fix);
    return;
  }
  if (!fits('a duration')) {
    report.add(
      'cookie/lifetime-kind',
      ['lifetime'],
      `a ${kind} entry cannot have a duration`,
      `use ${(allowed[kind] ?? []).join(' or ')}`,
    );
    return;
  }
  if (exceedsBrowserCap(parsed.duration)) {
    report.add(
      'cookie/lifetime-cap',
      ['lifetime'],
      `lifetime "${lifetime}" is longer than browsers keep a cookie (400 days = ${MAX_LIFETIME_SECONDS.toLocaleString('en')} s)`,
      theirs
        ? `write lifetime: { statedByProvider: "${lifetime}" } so the policy shows both`
        : 'use at most "400 days"',
    );
  }
}

function checkAttributes(
  report: FileReport,
  entry: EntryInput,
  attributes: EffectiveAttributes,
): void {
  const { secure, httpOnly, sameSite, path, domain, partitioned } = attributes;
  if (sameSite === 'None' && !secure) {
    report.add(
      'cookie/same-site',
      ['attributes', 'sameSite'],
      'SameSite=None without Secure is rejected by browsers',
      'set secure: true, or use sameSite: Lax',
    );
  }
  if (partitioned && !secure) {
    report.add(
      'cookie/partitioned',
      ['attributes', 'partitioned'],
      'a Partitioned cookie must also be Secure, or browsers drop it',
      'set secure: true',
    );
  }
  if (httpOnly && entry.setBy === 'client') {
    report.add(
      'cookie/http-only-script',
      ['attributes', 'httpOnly'],
      'page scripts cannot set an HttpOnly cookie',
      'set httpOnly: false, or setBy: server',
    );
  }
  if (entry.attributes?.path !== undefined) {
    const bad = firstUnsafeAttributeChar(path);
    if (!path.startsWith('/')) {
      report.add(
        'cookie/path',
        ['attributes', 'path'],
        `the path "${printable(path)}" does not start with "/"`,
        `write "/${path}"`,
      );
    } else if (bad) {
      report.add(
        'cookie/path',
        ['attributes', 'path'],
        `the path contains ${describeCharacter(bad.char)}, which would end or corrupt the Set-Cookie header`,
        'remove it; percent-encode anything unusual',
        { charIndex: bad.index },
      );
    } else if (/[^\x20-\x7e]/u.test(path)) {
      // A header carries bytes: Node refuses U+2028 outright (ERR_INVALID_CHAR) and sends "ä" as
      // one Latin-1 byte, while the browser compares paths as percent-encoded UTF-8.
      const index = path.search(/[^\x20-\x7e]/u);
      report.add(
        'cookie/path',
        ['attributes', 'path'],
        `the path contains ${describeCharacter([...path.slice(index)][0] ?? '')}; a Set-Cookie header carries only ASCII`,
        `write it percent-encoded, as the browser's address bar does: "${encodeURI(path.replace(/[\u2028\u2029]/g, ''))}"`,
        { charIndex: index },
      );
    } else if (utf8Length(path) > MAX_ATTRIBUTE_VALUE_BYTES) {
      report.add(
        'cookie/path',
        ['attributes', 'path'],
        `the path is ${utf8Length(path)} bytes; browsers ignore attributes over ${MAX_ATTRIBUTE_VALUE_BYTES} bytes`,
        'use a shorter path',
      );
    }
  }
  if (domain !== undefined) {
    const checked = checkCookieDomain(domain);
    if (!checked.ok)
      report.add('cookie/domain', ['attributes', 'domain'], checked.reason, checked.fix);
  }
  checkPatternPrefix(report, entry, attributes);
  const prefix = cookiePrefixOf(entry.name);
  if (prefix) {
    const needs: string[] = [];
    if (!secure) needs.push('secure: true');
    if (prefix.startsWith('__Host-') && path !== '/') needs.push('path: /');
    if (prefix.startsWith('__Host-') && domain !== undefined) needs.push('no domain');
    if (prefix.endsWith('Http-') && !httpOnly) needs.push('httpOnly: true');
    if (needs.length > 0) {
      report.add(
        'cookie/prefix',
        ['name'],
        `a name starting with "${entry.name.slice(0, prefix.length)}" (the ${prefix} prefix; browsers match it in any case) needs ${needs.join(', ')}, or browsers reject the cookie`,
        `set ${needs.join(', ')} in attributes`,
      );
    }
  }
}

const PREFIXES = ['__Host-Http-', '__Host-', '__Http-', '__Secure-'] as const;

/**
 * A name pattern whose parameter can complete a cookie prefix (`__{kind}-s` can be `__Host-s`,
 * `{x}` can be anything): browsers would then demand the prefix's attributes (bis §4.1.3), and
 * the generated setter would send a cookie they reject. Fine when the attributes already meet
 * every prefix the pattern can reach.
 */
function checkPatternPrefix(
  report: FileReport,
  entry: EntryInput,
  attributes: NonNullable<EntryInput['attributes']>,
): void {
  const parsed = parseNamePattern(entry.name);
  if (!parsed.ok) return;
  const first = parsed.parts[0];
  const lead = (first?.type === 'literal' ? first.text : '').toLowerCase();
  if (!parsed.parts.some((part) => part.type === 'parameter')) return;
  // Prefixes the name could still turn into once a parameter fills in the rest.
  const reachable = PREFIXES.filter(
    (prefix) => lead.length < prefix.length && prefix.toLowerCase().startsWith(lead),
  );
  const needs = new Set<string>();
  const { secure, httpOnly, path = '/', domain } = attributes;
  for (const prefix of reachable) {
    if (!secure) needs.add('secure: true');
    if (prefix.startsWith('__Host-') && path !== '/') needs.add('path: /');
    if (prefix.startsWith('__Host-') && domain !== undefined) needs.add('no domain');
    if (prefix.endsWith('Http-') && !httpOnly) needs.add('httpOnly: true');
  }
  if (needs.size === 0) return;
  report.add(
    'cookie/prefix',
    ['name'],
    `the name pattern "${printable(entry.name)}" can produce a name starting with ${reachable.join(' or ')} (browsers match prefixes in any case), which needs ${[...needs].join(', ')}, or browsers reject the cookie`,
    'start the name with fixed text that no prefix begins with, e.g. "app-{…}", or set the attributes the prefix needs',
  );
}

/** Control characters and ";" end or corrupt a Set-Cookie attribute (bis §4.1.1). */
function firstUnsafeAttributeChar(text: string): { char: string; index: number } | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const match = /[\u0000-\u001f\u007f;]/.exec(text);
  return match ? { char: match[0], index: match.index } : undefined;
}

function checkValue(report: FileReport, entry: EntryInput, value: ValueInput): void {
  const nameBytes = maxNameBytes(entry);
  const budget = MAX_NAME_VALUE_BYTES - nameBytes;
  switch (value.type) {
    case 'string': {
      if (value.pattern !== undefined) checkRegExp(report, ['value', 'pattern'], value.pattern);
      checkStringExample(report, value);
      if (value.maxLength !== undefined) {
        const perChar = { raw: 1, uri: 9, base64url: 4 }[value.encoding ?? 'raw'];
        const worst = value.maxLength * perChar;
        if (worst > budget) {
          report.add(
            'cookie/size',
            ['value', 'maxLength'],
            `a value of ${value.maxLength} characters can take ${worst} bytes once ${value.encoding ?? 'raw'}-encoded; with the name that exceeds ${MAX_NAME_VALUE_BYTES} bytes`,
            `lower maxLength to at most ${Math.floor(budget / perChar)}`,
          );
        }
      }
      return;
    }
    case 'enum': {
      value.values.forEach((option, index) => {
        const bad = firstNonCookieOctet(option);
        if (bad || !COOKIE_VALUE_PATTERN.test(option) || option === '') {
          report.add(
            'cookie/value',
            ['value', 'values', index],
            option === ''
              ? 'an enum value is empty'
              : `the value "${printable(option)}" contains ${describeCharacter(bad?.char ?? '')}, which a cookie cannot carry as is`,
            'use ASCII letters, digits and - _ . only',
          );
        }
      });
      if (new Set(value.values).size !== value.values.length) {
        report.add(
          'schema/value',
          ['value', 'values'],
          'an enum value is listed twice',
          'remove the duplicate',
        );
      }
      return;
    }
    case 'integer':
      if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
        report.add(
          'schema/value',
          ['value', 'min'],
          `min ${value.min} is above max ${value.max}`,
          'swap them',
        );
      }
      return;
    case 'json':
      if (Object.keys(value.shape).length === 0) {
        report.add(
          'schema/value',
          ['value', 'shape'],
          'the JSON shape has no fields',
          'list each field and its type',
        );
      }
      return;
    case 'boolean':
      return;
  }
}

function checkStringExample(
  report: FileReport,
  value: Extract<ValueInput, { type: 'string' }>,
): void {
  const { example } = value;
  const bad = (value.encoding ?? 'raw') === 'raw' ? firstNonCookieOctet(example) : undefined;
  const problem =
    value.maxLength !== undefined && example.length > value.maxLength
      ? `is longer than maxLength (${value.maxLength})`
      : value.pattern !== undefined && !matches(value.pattern, example)
        ? `does not match the pattern ${value.pattern}`
        : bad
          ? `contains ${describeCharacter(bad.char)}, which a raw cookie value cannot carry`
          : undefined;
  if (problem) {
    report.add(
      'entry/value',
      ['value', 'example'],
      `the example "${printable(example)}" ${problem}`,
      'write an example the declaration accepts',
    );
  }
}

function checkParameterExample(
  report: FileReport,
  parameter: string,
  spec: NonNullable<EntryInput['nameParameters']>[string],
): void {
  const { example } = spec;
  const problem =
    spec.type === 'integer'
      ? typeof example !== 'number' || example < 0
        ? 'is not a whole number of 0 or more'
        : undefined
      : typeof example !== 'string'
        ? 'is not text'
        : firstNonTokenChar(example)
          ? 'contains characters a cookie name cannot carry'
          : spec.maxLength !== undefined && example.length > spec.maxLength
            ? `is longer than maxLength (${spec.maxLength})`
            : spec.pattern !== undefined && !matches(spec.pattern, example)
              ? `does not match the pattern ${spec.pattern}`
              : undefined;
  if (problem) {
    report.add(
      'cookie/name-pattern',
      ['nameParameters', parameter, 'example'],
      `the example ${JSON.stringify(example)} of {${parameter}} ${problem}`,
      'write an example the declaration accepts',
    );
  }
}

function matches(pattern: string, text: string): boolean {
  // An invalid or catastrophic pattern is reported on its own, and never run: an example could
  // make it run for minutes.
  if (catastrophicBacktracking(pattern)) return true;
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true;
  }
}

function maxNameBytes(entry: EntryInput): number {
  const parsed = parseNamePattern(entry.name);
  if (!parsed.ok) return entry.name.length;
  return parsed.parts.reduce((total, part) => {
    if (part.type === 'literal') return total + utf8Length(part.text);
    const spec = entry.nameParameters?.[part.name];
    return total + (spec?.maxLength ?? (spec?.type === 'integer' ? 16 : 0));
  }, 0);
}

function checkRegExp(report: FileReport, path: readonly (string | number)[], source: string): void {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    report.add(
      'schema/value',
      path,
      `the pattern is not a valid regular expression: ${(error as Error).message}`,
      'fix the regular expression (JavaScript syntax, u flag)',
    );
    return;
  }
  const backtracking = catastrophicBacktracking(source);
  if (backtracking) {
    report.add(
      'pattern/backtracking',
      path,
      `the pattern ${JSON.stringify(source)} can take exponentially long on some values (${backtracking}); generated code runs it on every request's Cookie header`,
      'write it so each character can be matched in only one way: no repetition inside a repetition such as ^(a+)+$, no alternatives that match the same text such as ^(a|a)*$; e.g. ^[a-z0-9_.-]+$',
    );
  }
}

function checkAdvice(report: FileReport, entry: EntryInput): void {
  if (!isOwnCookie(entry) || report.hasErrors) return;
  const attributes = effectiveAttributes(entry);
  const declined = (rule: string) => entry.acknowledge?.[rule] !== undefined;
  const hostOnlyRoot = attributes.path === '/' && attributes.domain === undefined;
  if (
    !declined('advice/host-prefix') &&
    attributes.secure &&
    hostOnlyRoot &&
    !cookiePrefixOf(entry.name) &&
    (attributes.httpOnly || SENSITIVE_NAME.test(entry.name))
  ) {
    report.add(
      'advice/host-prefix',
      ['name'],
      `consider naming it "__Host-${entry.name}": the __Host- prefix stops subdomains and insecure pages from overwriting this cookie`,
      'rename it when clients can migrate; the prefix is a wire-name change',
    );
  }
  if (attributes.domain !== undefined && !declined('advice/host-only')) {
    report.add(
      'advice/host-only',
      ['attributes', 'domain'],
      `Domain=${attributes.domain} sends the cookie to every subdomain too`,
      'leave out domain unless subdomains must read it',
    );
  }
  if (!attributes.secure && !declined('advice/secure')) {
    report.add(
      'advice/secure',
      ['attributes', 'secure'],
      'without Secure, the cookie is also sent over plain HTTP',
      'set secure: true',
    );
  }
}

/** `Test name` → `testName`; nothing (a bare `*`) → `suffix`. */
function parameterNameOf(words: string | undefined): string {
  const parts = (words ?? '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (parts.length === 0 || !/^[A-Za-z]/.test(parts[0] ?? '')) return 'suffix';
  return parts
    .map((part, i) =>
      i === 0 ? part.toLowerCase() : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase(),
    )
    .join('');
}

/** Shows control characters escaped, so an error message cannot itself inject a line. */
function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
