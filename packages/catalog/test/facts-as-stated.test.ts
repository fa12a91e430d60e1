import { describe, expect, it } from 'vitest';
import { isFirstPartyCookie, loadCatalog, nameMatcherSource } from '../src/index.js';
import { deriveParameterExample } from '../src/parameter-example.js';
import { type Edit, editedCatalog, lineOf } from './catalog-copy.js';

/*
 * What a cookie page leaves out stays out of the catalog: who sets a cookie, its party and its
 * domain, and what a name parameter looks like. What follows from the facts that are stated is
 * derived; nothing else is guessed.
 */

/** A cookie entry as a page states it: a name, a purpose, a lifetime, and `extra` lines. */
const entry = (id: string, name: string, extra = ''): Edit => ({
  file: `cookies/${id}.yaml`,
  with: `id: ${id}\nname: ${name}\nkind: cookie\ncategory: necessary\nlifetime: 1 day\npurpose: { en: Test., sv: Test. }\n${extra}`,
});

async function load(edits: readonly Edit[]) {
  const dir = await editedCatalog(edits);
  const result = await loadCatalog(dir);
  return { dir, result, rules: result.problems.map((p) => `${p.severity} ${p.rule}`) };
}

describe('who sets an entry, its party and its domain, as the page states them', () => {
  it('an entry with none of them is the controller’s own, documented, with no generated code and a warning that names what to add', async () => {
    const { dir, result, rules } = await load([entry('session_id', 'SESSID')]);
    expect(rules.filter((r) => r.startsWith('error'))).toEqual([]);
    expect(rules).toContain('warning entry/set-by');
    const warning = result.problems.find((p) => p.rule === 'entry/set-by');
    expect(warning?.line).toBe(await lineOf(dir, 'cookies/session_id.yaml', 'name: SESSID'));
    expect(warning?.fix).toMatch(/setBy: server .* setBy: client/);
    const stated = result.catalog?.entries.find((e) => e.id === 'session_id');
    expect(stated).toMatchObject({
      party: 'first',
      setBy: undefined,
      provider: { name: result.catalog?.controller.name, domain: undefined },
    });
    expect(stated && isFirstPartyCookie(stated)).toBe(false);
  });

  it('the party follows from the domain, against the controller’s domains (website host by default)', async () => {
    const { result } = await load([
      entry('ours', 'ours', 'provider: { domain: app.billogram.com }\n'),
      entry(
        'theirs',
        'theirs',
        'provider: { name: Hotjar Ltd, domain: hotjar.com, privacyPolicy: "https://www.hotjar.com/legal/policies/privacy/" }\n',
      ),
      // A domain that only ends like ours is not ours: the match is on a dot boundary.
      entry(
        'lookalike',
        'lookalike',
        'provider: { name: Other Ltd, domain: notbillogram.com, privacyPolicy: "https://notbillogram.com/privacy" }\n',
      ),
    ]);
    expect(result.errorCount).toBe(0);
    const byId = new Map(result.catalog?.entries.map((e) => [e.id, e]));
    expect(result.catalog?.controller.domains).toEqual(['billogram.com']);
    expect(byId.get('ours')).toMatchObject({ party: 'first', setBy: undefined });
    // A third party's entry is set by its provider: on its own domain, nobody else can.
    expect(byId.get('theirs')).toMatchObject({ party: 'third', setBy: 'provider' });
    expect(byId.get('lookalike')).toMatchObject({ party: 'third', setBy: 'provider' });
  });

  it('controller.domains lists more domains of our own', async () => {
    const { result } = await load([
      {
        file: 'policy.yaml',
        find: '  website: https://billogram.com\n',
        with: '  website: https://billogram.com\n  domains: [billogram.com, billogram.se]\n',
      },
      entry('swedish', 'swedish', 'provider: { domain: www.billogram.se }\nsetBy: server\n'),
    ]);
    expect(result.errorCount).toBe(0);
    const swedish = result.catalog?.entries.find((e) => e.id === 'swedish');
    expect(swedish?.party).toBe('first');
    expect(swedish && isFirstPartyCookie(swedish)).toBe(true);
  });

  it('a stated party its domain contradicts is a warning that says which fact to change', async () => {
    const { dir, result } = await load([
      entry(
        'chat',
        'chat',
        'provider: { party: third, name: "Zendesk, Inc.", domain: billogram.com, privacyPolicy: "https://www.zendesk.com/privacy" }\nsetBy: provider\n',
      ),
    ]);
    expect(result.errorCount).toBe(0);
    const warning = result.problems.find((p) => p.rule === 'entry/party-domain');
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning?.line).toBe(await lineOf(dir, 'cookies/chat.yaml', 'party: third'));
    expect(`${warning?.message} | ${warning?.fix}`).toMatch(
      /billogram\.com is one of the controller's domains .* setBy: vendor/,
    );
  });

  it('a tool the page names without a domain is a cookie of our site that its software sets', async () => {
    const { result } = await load([entry('ga', '_ga', 'provider: { name: Google Analytics }\n')]);
    expect(result.errorCount).toBe(0);
    expect(result.catalog?.entries.find((e) => e.id === 'ga')).toMatchObject({
      party: 'first',
      setBy: undefined,
      provider: { name: 'Google Analytics', domain: undefined },
    });
  });

  it('a third party without a domain is matched by name, and the table says the domain is not stated', async () => {
    const { result } = await load([
      entry(
        'vimeo',
        'vuid',
        'provider: { party: third, name: "Vimeo, Inc.", privacyPolicy: "https://vimeo.com/privacy" }\n',
      ),
    ]);
    expect(result.errorCount).toBe(0);
    const vimeo = result.catalog?.entries.find((e) => e.id === 'vimeo');
    expect(vimeo).toMatchObject({
      party: 'third',
      setBy: 'provider',
      provider: { domain: undefined },
    });
    for (const locale of result.catalog?.locales ?? [])
      expect(result.catalog?.labels.domainNotStated[locale]).toBeTruthy();
  });

  it('two entries of one name without domains are not taken for one cookie', async () => {
    const { result } = await load([entry('a', 'same'), entry('b', 'same')]);
    expect(result.problems.filter((p) => p.rule === 'catalog/duplicate-cookie')).toEqual([]);
  });
});

describe('name parameters as the page states them', () => {
  it('a parameter the name uses needs no declaration: it is any text, with an example derived for tests', async () => {
    const { result } = await load([
      entry('hj', '_hjSession_{id}', 'provider: { domain: billogram.com }\nsetBy: client\n'),
    ]);
    expect(result.errorCount).toBe(0);
    const hj = result.catalog?.entries.find((e) => e.id === 'hj');
    expect(hj?.name.parameters).toEqual([{ name: 'id', type: 'string', example: 'example' }]);
  });

  it('a description without type or example, and an example derived from a pattern', async () => {
    const { result } = await load([
      entry(
        'ab',
        'ABTest-{testName}',
        'nameParameters:\n  testName:\n    pattern: "^[A-Z][a-z]{2,8}-v[0-9]$"\n    description: { en: the test, sv: testet }\nprovider: { domain: billogram.com }\nsetBy: client\n',
      ),
    ]);
    expect(result.errorCount).toBe(0);
    const [parameter] = result.catalog?.entries.find((e) => e.id === 'ab')?.name.parameters ?? [];
    expect(parameter?.type).toBe('string');
    expect(String(parameter?.example)).toMatch(/^[A-Z][a-z]{2,8}-v[0-9]$/);
    expect(parameter?.description).toEqual({ en: 'the test', sv: 'testet' });
  });

  it.each([
    ['^[A-Za-z0-9_-]{32,64}$', 32],
    ['^(?:GA1|GS1)\\.[0-9]\\.[0-9]+$', undefined],
    ['^[^;,\\s]{4}$', 4],
    ['^\\d{10}\\.\\d{10}$', 21],
    ['^(a|bc)+x?$', undefined],
  ])('derives an example the pattern %s accepts', (pattern, length) => {
    const example = deriveParameterExample({ pattern });
    expect(typeof example).toBe('string');
    expect(new RegExp(pattern, 'u').test(String(example))).toBe(true);
    if (length !== undefined) expect(String(example)).toHaveLength(length);
  });

  it.each([
    ['a lookahead', '^(?=a)[a-z]+$'],
    ['a back reference', '^(a)\\1$'],
    ['no token character', '^[;,]+$'],
  ])('derives none from %s, so the catalog must give one', (_what, pattern) => {
    expect(deriveParameterExample({ pattern })).toBeUndefined();
  });

  it('an integer parameter’s example is a whole number; a maxLength shortens the plain one', () => {
    expect(deriveParameterExample({ type: 'integer' })).toBe(1);
    expect(deriveParameterExample({ maxLength: 3 })).toBe('exa');
  });
});

describe('comments in a section', () => {
  const MarkdownIt = async () => new (await import('markdown-it')).default({ html: false });

  it('are legal’s notes: not in the policy, not reported as HTML, code keeps its own', async () => {
    const { result } = await load([
      {
        file: 'sections/en/changes.md',
        find: 'When we change how we use cookies,',
        with: '[//]: # (Legal: check the wording with Anna)\nWhen we change <!-- really? --> how we use cookies,',
      },
      {
        file: 'sections/en/changes.md',
        find: '## Changes to this policy\n',
        with: '## Changes to this policy\n\n<!--\nTODO before release\n-->\n\n```\n<!-- shown: it is code -->\n```\n',
      },
    ]);
    expect(result.problems.filter((p) => p.rule === 'markdown/raw-html')).toEqual([]);
    const section = result.catalog?.sections.find((s) => s.id === 'changes');
    const html = (await MarkdownIt()).render(section?.markdown.en ?? '');
    expect(html).not.toMatch(/Legal: check|really\?|TODO before release|\[\/\/\]/);
    expect(html).toContain('When we change  how we use cookies,');
    expect(html).toContain('&lt;!-- shown: it is code --&gt;');
  });
});

describe('a vendor’s group of cookies the page lists without names', () => {
  const group = (provider: string, extra = ''): Edit => ({
    file: 'cookies/player.yaml',
    with: `id: player\nkind: cookie\ncategory: necessary\nprovider: ${provider}\nlifetime: session\npurpose: { en: Test., sv: Test. }\n${extra}`,
  });
  const vimeo =
    '{ name: "Vimeo, Inc.", domain: vimeo.com, privacyPolicy: "https://vimeo.com/privacy" }';

  it('stands for every cookie of its domain: any name matches it, and it clashes with no named entry', async () => {
    const { result } = await load([group(vimeo)]);
    expect(result.errorCount).toBe(0);
    const player = result.catalog?.entries.find((e) => e.id === 'player');
    expect(player).toMatchObject({ group: true, party: 'third', setBy: 'provider' });
    const matcher = new RegExp(nameMatcherSource(player?.name ?? { parts: [], parameters: [] }));
    for (const name of ['vuid', '__cf_bm', 'player_12']) expect(matcher.test(name)).toBe(true);
  });

  it.each([
    [
      'without a domain',
      '{ name: "Vimeo, Inc.", party: third, privacyPolicy: "https://vimeo.com/privacy" }',
      '',
      /no domain is stated/,
    ],
    [
      'on our own domain',
      '{ name: Siteimprove, domain: billogram.com }',
      'setBy: vendor\n',
      /every cookie of our site/,
    ],
    ['set by our own code', '{ domain: billogram.com }', 'setBy: server\n', /needs a name/],
  ])('is refused %s, with what to write', async (_what, provider, extra, says) => {
    const { result } = await load([group(provider, extra)]);
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.rule)).toEqual(['entry/group']);
    expect(`${errors[0]?.message} | ${errors[0]?.fix}`).toMatch(says);
  });

  it('recipients are kept as the page names them', async () => {
    const { result } = await load([
      group(vimeo, 'recipients: ["Vimeo, Inc.", Google Ireland Ltd]\n'),
    ]);
    expect(result.catalog?.entries.find((e) => e.id === 'player')?.recipients).toEqual([
      'Vimeo, Inc.',
      'Google Ireland Ltd',
    ]);
  });
});

describe('labels written for some locales only', () => {
  it('keep the built-in words in the others', async () => {
    const { result } = await load([
      {
        file: 'policy.yaml',
        find: '  name: { en: Name, sv: Namn }\n',
        with: '  name: { sv: Kakans namn }\n',
      },
    ]);
    expect(result.errorCount).toBe(0);
    expect(result.catalog?.labels.name.sv).toBe('Kakans namn');
    expect(result.catalog?.labels.name.en).toBeTruthy();
    expect(result.catalog?.labels.name.en).not.toBe('Kakans namn');
  });
});

describe('declining the warnings about what a page does not state', () => {
  it('entry/set-by, with a reason, when no typed code is wanted', async () => {
    const { rules } = await load([
      entry(
        'framework',
        'fw',
        'acknowledge: { entry/set-by: "our framework sets it; we read it by name" }\n',
      ),
    ]);
    expect(rules.filter((r) => r.includes('entry/set-by'))).toEqual([]);
    expect(rules.filter((r) => r.startsWith('error'))).toEqual([]);
  });

  it('but not without a reason', async () => {
    const { rules } = await load([
      entry('framework', 'fw', 'acknowledge: { entry/set-by: " " }\n'),
    ]);
    expect(rules).toContain('error schema/value');
  });
});
