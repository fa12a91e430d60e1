import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  type ChainedRecord,
  type ConsentRecordInput,
  canonicalJson,
  GENESIS,
  openConsentLog,
  openConsentStore,
  type Rendering,
  renderingHash,
} from '@cookie-catalog/runtime/consent-records';
import {
  type Browser,
  launchChromium,
  type PostgresServer,
  postgresUnavailable,
  startPostgresServer,
} from '@cookie-catalog/test-support';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_CATALOG } from '../../catalog/test/catalog-copy.js';

/*
 * `cookie-catalog consent …` run as the built binary, on a real store: the embedded PGlite one
 * made by the runtime's own ConsentLog, and a real PostgreSQL server. What is asserted is what a
 * user sees: the words shown (not the tags), JSON that parses, exit codes, and that text from the
 * store never reaches the terminal as control characters.
 */

// Each run of the CLI opens the store afresh (PGlite starts in about two seconds alone, several
// times that on two cores shared with the other test files), and a test runs it up to ten times.
vi.setConfig({ testTimeout: 240_000 });

const BIN = fileURLToPath(new URL('../bin/cookie-catalog.js', import.meta.url));
/** What a terminal would act on: C0 controls but tab and line feed, DEL, C1, bidi controls. */
const TERMINAL_CONTROL_CLASS =
  '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';
const TERMINAL_CONTROL = new RegExp(`[${TERMINAL_CONTROL_CLASS}]`);
/** Characters XML 1.0 cannot hold at all. */
const NOT_XML_CLASS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f';
const NOT_XML = new RegExp(`[${NOT_XML_CLASS}]`);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.COOKIE_CATALOG_CONSENT_STORE;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? tmpdir(),
      env: { ...env, ...options.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const tempFolder = () => mkdtemp(join(tmpdir(), 'cli-consent-'));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const newId = () => randomBytes(16).toString('hex');

function rendering(
  kind: string,
  locale: string,
  text: string,
  format: Rendering['format'] = 'html',
): Rendering {
  return {
    hash: renderingHash(text),
    kind,
    locale,
    format,
    text,
    source: '@exempel/cookies-consent@4.1.0',
  };
}

// As the generated consent package renders them (codegen's ts/consent templates), with the
// per-request slots (form action, hidden fields, GPC notice) left out of the stored text.
const BANNER_SV = rendering(
  'banner',
  'sv',
  '<div class="cookie-consent" role="region" aria-label="Kakor hos Exempel AB" lang="sv"><h2 class="cookie-consent-title">Kakor hos Exempel AB</h2><p>Vi använder kakor som tjänsten behöver. Vi vill också använda kakor för statistik &amp; chatt, men bara om du säger ja.</p><form method="post" action=""><button type="submit" name="cookies" value="accept">Godkänn valfria kakor</button> <button type="submit" name="cookies" value="reject">Avvisa valfria kakor</button> <a class="cookie-consent-choose" href="/kakor">Välj vilka kakor vi använder</a></form></div>',
);
const PREFERENCES_SV = rendering(
  'preferences',
  'sv',
  '<div class="cookie-consent-preferences" lang="sv"><form method="post" action=""><input type="hidden" name="cookies" value="save"><fieldset class="cookie-consent-category"><legend>Statistik (valfria)</legend><p>Vi räknar besök för att se vilka sidor som behöver bli bättre.</p><input type="radio" name="consent-statistik" id="consent-statistik-yes" value="yes"> <label for="consent-statistik-yes">Ja</label> <input type="radio" name="consent-statistik" id="consent-statistik-no" value="no" checked> <label for="consent-statistik-no">Nej</label></fieldset><button type="submit">Spara inställningar för kakor</button></form></div>',
);
const BANNER_EN = rendering(
  'banner',
  'en',
  '<div class="cookie-consent" role="region" aria-label="Cookies on Example Ltd" lang="en"><h2 class="cookie-consent-title">Cookies on Example Ltd</h2><p>We&#x27;d like to use optional cookies for statistics.</p><form method="post" action=""><button type="submit" name="cookies" value="accept">Accept optional cookies</button> <button type="submit" name="cookies" value="reject">Reject optional cookies</button></form></div>',
);
const POLICY_SV = rendering(
  'policy',
  'sv',
  '# Kakpolicy för Exempel AB\n\nVersion 7. Vi sparar ditt svar i kakan `samtycke`.',
  'markdown',
);
// Written into the store by someone who should not have: ESC sequences, BEL, a bidirectional
// override, and an ESC spelled as an HTML entity, which decoding would turn into the real one.
const HOSTILE = rendering(
  'banner',
  'en',
  '<h2>Cookies\u001b[31m red\u001b]0;owned\u0007</h2><p>a\u202eevil\u2066 &#27;[2J cleared</p>',
);
const HOSTILE_CATEGORY = '\u001b[31m<script>alert("x")</script>';

function answer(overrides: Partial<ConsentRecordInput>): ConsentRecordInput {
  return {
    consentId: newId(),
    action: 'accept',
    categories: { statistik: true, chatt: false },
    consentVersion: 7,
    policyVersion: '2026-10-01',
    packages: { '@exempel/cookies-consent': '4.1.0', '@exempel/cookies-server': '4.1.0' },
    locale: 'sv',
    service: 'www.exempel.se',
    gpc: false,
    shown: BANNER_SV.hash,
    slots: ['hidden'],
    policy: POLICY_SV.hash,
    ...overrides,
  };
}

/** A writer's chain made by hand, one record a day from 2020-01-01: old enough to prune. */
function oldChain(writer: string, count: number): ChainedRecord[] {
  const records: ChainedRecord[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= count; seq++) {
    const at = new Date(Date.UTC(2020, 0, seq)).toISOString();
    const input = answer({ consentVersion: 6, policyVersion: '2019-12-01' });
    const content = canonicalJson({ ...input, at });
    const contentHash = sha256(content);
    const hash = sha256(prev + contentHash);
    records.push({
      writer,
      seq,
      at,
      consentId: input.consentId,
      content,
      contentHash,
      prev,
      hash,
      checkpoint: false,
    });
    prev = hash;
  }
  return records;
}

const person = newId();
const other = newId();
const hostile = newId();
const unshown = newId();
let base: string;

/** A copy of the store made once: each test changes its own. */
async function storeCopy(): Promise<string> {
  const folder = join(await tempFolder(), 'store');
  await cp(base, folder, { recursive: true });
  return folder;
}

/** Raw SQL on an embedded store's files, as someone with access to them (the store is closed). */
async function editStore(folder: string, sql: string, params: unknown[] = []): Promise<number> {
  const db = await PGlite.create(join(folder, 'pgdata'));
  try {
    return (await db.query(sql, params)).affectedRows ?? 0;
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  base = join(await tempFolder(), 'store');
  const log = await openConsentLog({ store: base, writer: 'web-1' });
  await log.addRenderings([BANNER_SV, PREFERENCES_SV, BANNER_EN, POLICY_SV, HOSTILE]);
  const answers: ConsentRecordInput[] = [
    answer({ consentId: person }),
    answer({
      consentId: person,
      action: 'save',
      shown: PREFERENCES_SV.hash,
      categories: { statistik: false, chatt: false },
    }),
    answer({
      consentId: person,
      action: 'withdraw',
      shown: null,
      gpc: true,
      slots: [],
      categories: { statistik: false, chatt: false },
    }),
    answer({
      consentId: other,
      action: 'reject',
      locale: 'en',
      shown: BANNER_EN.hash,
      categories: { statistik: false, chatt: false },
    }),
    answer({
      consentId: hostile,
      locale: 'en\u001b[2J',
      shown: HOSTILE.hash,
      categories: { [HOSTILE_CATEGORY]: true },
    }),
    answer({ consentId: unshown, shown: sha256('a banner this store never got') }),
  ];
  for (const item of answers) expect((await log.record(item)).durable).toBe('store');
  await log.close();
  const store = await openConsentStore(base);
  try {
    await store.append(oldChain('web-0', 10));
  } finally {
    await store.close();
  }
}, 180_000);

describe('cookie-catalog consent show', () => {
  it('prints a person’s records oldest first, with the words shown in their language and no tags', async () => {
    const { code, stdout, stderr } = await cli(['consent', 'show', person, '--store', base]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Consent id [0-9a-f]{32}: 3 records, oldest first\./);
    const [accept, save, withdraw] = ['accept', 'save', 'withdraw'].map((action) =>
      stdout.search(new RegExp(`^\\d\\. \\S+ \\S+ UTC  ${action}$`, 'm')),
    );
    expect(accept).toBeGreaterThan(0);
    expect(save).toBeGreaterThan(accept as number);
    expect(withdraw).toBeGreaterThan(save as number);
    // The banner's words: heading, question, both buttons, the link, entities decoded.
    expect(stdout).toContain('│ Kakor hos Exempel AB');
    expect(stdout).toContain(
      '│ Vi använder kakor som tjänsten behöver. Vi vill också använda kakor för statistik & chatt, men bara om du säger ja.',
    );
    expect(stdout).toContain(
      '│ [ Godkänn valfria kakor ] [ Avvisa valfria kakor ] Välj vilka kakor vi använder (link: /kakor)',
    );
    // The preferences form: the category's question and its radio choices.
    expect(stdout).toContain('│ Statistik (valfria)');
    expect(stdout).toContain('│ ( ) Ja (•) Nej');
    expect(stdout).toContain('│ [ Spara inställningar för kakor ]');
    expect(stdout).not.toMatch(/<\/?[a-z]|&amp;/);
    expect(stdout).toContain(`sha256 ${BANNER_SV.hash}`);
    expect(stdout).toContain('categories: chatt no, statistik yes');
    expect(stdout).toContain('consent version 7, policy version 2026-10-01');
    expect(stdout).toContain('@exempel/cookies-consent@4.1.0, @exempel/cookies-server@4.1.0');
    expect(stdout).toContain('locale sv, service www.exempel.se, Global Privacy Control not sent');
    expect(stdout).toContain('Global Privacy Control sent (Sec-GPC: 1)');
    expect(stdout).toContain("filled per request (not part of the text's hash): hidden");
    // The policy: its hash and how to get it, or the document itself with --policy.
    expect(stdout).toContain(`sha256 ${POLICY_SV.hash}`);
    expect(stdout).toContain(`cookie-catalog consent show ${person} --policy`);
    expect(stdout).not.toContain('Kakpolicy för Exempel AB');
    const withPolicy = await cli(['consent', 'show', person, '--store', base, '--policy']);
    expect(withPolicy.code).toBe(0);
    expect(withPolicy.stdout.match(/# Kakpolicy för Exempel AB/g)).toHaveLength(1);
    expect(withPolicy.stdout).toContain('Vi sparar ditt svar i kakan `samtycke`.');
  });

  it('says plainly when a text the record names is not in the store', async () => {
    const { code, stdout } = await cli(['consent', 'show', unshown, '--store', base]);
    expect(code).toBe(0);
    expect(stdout).toContain('the store does not hold this text');
    expect(stdout).toMatch(/1 text the records name is not in the store: [0-9a-f]{64}/);
  });

  it('gives JSON with the records, the renderings and their words', async () => {
    const { code, stdout } = await cli(['consent', 'show', person, '--format', 'json'], {
      env: { COOKIE_CATALOG_CONSENT_STORE: base },
    });
    expect(code).toBe(0);
    const shown = JSON.parse(stdout) as {
      consentId: string;
      records: { record: { action: string } }[];
      renderings: Record<string, { text: string; words: string }>;
    };
    expect(shown.consentId).toBe(person);
    expect(shown.records.map((r) => r.record.action)).toEqual(['accept', 'save', 'withdraw']);
    expect(shown.renderings[BANNER_SV.hash]?.text).toBe(BANNER_SV.text);
    expect(shown.renderings[BANNER_SV.hash]?.words).toContain('[ Godkänn valfria kakor ]');
  });

  it('escapes what the store holds: no ESC, BEL or bidirectional control reaches the terminal', async () => {
    for (const format of ['text', 'json']) {
      const { code, stdout } = await cli([
        'consent',
        'show',
        hostile,
        '--store',
        base,
        '--format',
        format,
      ]);
      expect(code).toBe(0);
      expect(stdout).not.toMatch(TERMINAL_CONTROL);
    }
    const { stdout } = await cli(['consent', 'show', hostile, '--store', base]);
    expect(stdout).toContain('│ Cookies\\u{1B}[31m red\\u{1B}]0;owned\\u{7}');
    expect(stdout).toContain('│ a\\u{202E}evil\\u{2066} \\u{1B}[2J cleared');
    expect(stdout).toContain('categories: \\u{1B}[31m<script>alert("x")</script> yes');
    expect(stdout).toContain('locale en\\u{1B}[2J');
  });

  it('answers an unknown id with exit 1, and a missing store or a bad id with exit 2 and the fix', async () => {
    const unknown = await cli(['consent', 'show', newId(), '--store', base]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/holds no consent records for [0-9a-f]{32}: check the id/);
    const bad = await cli(['consent', 'show', 'not-an-id', '--store', base]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"not-an-id" is not a consent id: it is 32 hexadecimal characters/);
    const noStore = await cli(['consent', 'show', person]);
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toBe(
      'cookie-catalog: consent needs the store the servers record into: --store <folder | postgres://…>, or set COOKIE_CATALOG_CONSENT_STORE\n',
    );
    const missing = await cli(['consent', 'verify', '--store', join(await tempFolder(), 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^cookie-catalog: there is no consent store in \S+nope: point --store/,
    );
    const otherScheme = await cli(['consent', 'verify', '--store', 'mysql://db/consent']);
    expect(otherScheme.code).toBe(2);
    expect(otherScheme.stderr).toMatch(
      /is not a consent store location: use a postgres:\/\/ URL or a folder/,
    );
    for (const run of [unknown, bad, noStore, missing, otherScheme])
      expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a store the database refuses', () => {
  it('is one line naming the store and what the database said, exit 2, no stack trace', async () => {
    const store = await storeCopy();
    await editStore(store, 'DROP TABLE consent_checkpoints');
    const run = await cli(['consent', 'verify', '--store', store]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^cookie-catalog: the consent store \S+ failed: relation "consent_checkpoints" does not exist; nothing more was done\n$/,
    );
  });
});

describe('cookie-catalog consent export', () => {
  it('gives the person’s records as JSON, to stdout or a file, never through a symbolic link', async () => {
    const printed = await cli(['consent', 'export', person, '--store', base]);
    expect(printed.code).toBe(0);
    const exported = JSON.parse(printed.stdout) as {
      consentId: string;
      records: { action: string; categories: Record<string, boolean> }[];
      renderings: { hash: string }[];
    };
    expect(exported.consentId).toBe(person);
    expect(exported.records.map((r) => r.action)).toEqual(['accept', 'save', 'withdraw']);
    expect(exported.records[1]?.categories).toEqual({ statistik: false, chatt: false });
    expect(exported.renderings.map((r) => r.hash).sort()).toEqual(
      [BANNER_SV.hash, PREFERENCES_SV.hash, POLICY_SV.hash].sort(),
    );

    const cwd = await tempFolder();
    const written = await cli(
      ['consent', 'export', person, '--store', base, '--out', 'art15.json'],
      {
        cwd,
      },
    );
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('wrote art15.json');
    expect(JSON.parse(await readFile(join(cwd, 'art15.json'), 'utf8')).consentId).toBe(person);
    expect((await stat(join(cwd, 'art15.json'))).mode & 0o077).toBe(0); // one person's data

    const elsewhere = join(await tempFolder(), 'victim.json');
    await writeFile(elsewhere, 'keep me');
    await symlink(elsewhere, join(cwd, 'linked.json'));
    const refused = await cli(
      ['consent', 'export', person, '--store', base, '--out', 'linked.json'],
      { cwd },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/linked\.json is a symbolic link .*nothing was written/);
    expect(await readFile(elsewhere, 'utf8')).toBe('keep me');
  });
});

describe('cookie-catalog consent verify, erase and prune', () => {
  it('passes on the store as written, and names the writer and seq of a record edited in SQL', async () => {
    const store = await storeCopy();
    const intact = await cli(['consent', 'verify', '--store', store]);
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^✓ every chain holds: 2 writers, 16 records in /m);

    // Someone with database access turns a "save" into an "accept".
    const edited = await editStore(
      store,
      `UPDATE consent_records SET content = replace(content, '"action":"save"', '"action":"accept"')
       WHERE writer = 'web-1' AND seq = 2`,
    );
    expect(edited).toBe(1);
    const broken = await cli(['consent', 'verify', '--store', store]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /^✗ writer web-1 seq 2: its content does not match its content hash or columns \(content-edited\)$/m,
    );
    expect(broken.stdout).toMatch(
      /^✗ 1 problem: 2 writers, 16 records in .*edited, removed or reordered/m,
    );

    // Content rewritten into another shape altogether: show still prints what is there.
    await editStore(
      store,
      `UPDATE consent_records SET content = $1 WHERE writer = 'web-1' AND seq = 3`,
      [JSON.stringify({ action: { x: '\u001b[2J' }, categories: 'all', slots: 7, at: 5 })],
    );
    const odd = await cli(['consent', 'show', person, '--store', store]);
    expect(odd.stderr).toBe('');
    expect(odd.code).toBe(0);
    expect(odd.stdout).toMatch(/^3\. \S+ \S+ UTC {2}\{"x":"\\u001b\[2J"\}$/m);
    expect(odd.stdout).not.toMatch(TERMINAL_CONTROL);
  });

  it('erases a person’s records (tombstones), show says so and when, and the chain still verifies', async () => {
    const store = await storeCopy();
    const erased = await cli(['consent', 'erase', person, '--store', store]);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain(`erased 3 records of ${person}`);
    const again = await cli(['consent', 'erase', person, '--store', store]);
    expect(again.stdout).toContain('erased 0 records');
    expect(again.stdout).toContain('(3 records erased before)');
    const shown = await cli(['consent', 'show', person, '--store', store]);
    expect(shown.code).toBe(0);
    expect(shown.stdout.match(/ {2}erased$/gm)).toHaveLength(3);
    expect(shown.stdout).toMatch(
      /erased on request \(GDPR Art\. 17\) at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
    expect(shown.stdout).not.toContain('Godkänn valfria kakor');
    expect((await cli(['consent', 'verify', '--store', store])).code).toBe(0);
    const unknown = await cli(['consent', 'erase', newId(), '--store', store]);
    expect(unknown.code).toBe(1);
  });

  it('prunes records before a date, says from which checkpoint the chain verifies, and verify passes', async () => {
    const store = await storeCopy();
    const dry = await cli([
      'consent',
      'prune',
      '--before',
      '2020-01-06',
      '--dry-run',
      '--store',
      store,
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      'would delete about 5 records before 2020-01-06T00:00:00.000Z; nothing was deleted (--dry-run)\n',
    );
    const pruned = await cli(['consent', 'prune', '--before', '2020-01-06', '--store', store]);
    expect(pruned.stderr).toBe('');
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('deleted 5 records before 2020-01-06T00:00:00.000Z');
    expect(pruned.stdout).toContain('writer web-0 now verifies from its checkpoint at seq 5');
    const verified = await cli(['consent', 'verify', '--store', store]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('2 writers, 11 records');

    // The default period comes from the catalog: the 2020 records are past any of them.
    const byPolicy = await cli([
      'consent',
      'prune',
      '--catalog',
      FIXTURE_CATALOG,
      '--store',
      store,
    ]);
    expect(byPolicy.code).toBe(0);
    expect(byPolicy.stdout).toMatch(
      /deleted 5 records older than the [\d,]+ days the policy keeps them/,
    );
    expect((await cli(['consent', 'verify', '--store', store])).code).toBe(0);
    const recent = await cli(['consent', 'show', person, '--store', store]);
    expect(recent.code).toBe(0);

    const mistakes = [
      ['--older-than', '4 parsecs'],
      ['--before', 'last tuesday'],
      ['--older-than', '4 years', '--before', '2020-01-01'],
      ['--before', '2999-01-01'],
    ];
    for (const args of mistakes) {
      const run = await cli(['consent', 'prune', ...args, '--store', store]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const words = await cli(['consent', 'prune', '--older-than', '30 days', '--store', store]);
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/deleted 0 records older than 30 days \(before \d{4}-/);
  });
});

describe('cookie-catalog consent stats', () => {
  it('counts answers per consent version and category as a table, JSON and an SVG chart', async () => {
    const json = await cli(['consent', 'stats', '--format', 'json', '--store', base]);
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.stdout) as {
      answers: number;
      byConsentVersion: { consentVersion: number; answers: number }[];
      byCategory: {
        consentVersion: number;
        category: string;
        accepted: number;
        rejected: number;
      }[];
    };
    expect(stats.answers).toBe(16);
    expect(stats.byConsentVersion).toEqual([
      expect.objectContaining({ consentVersion: 6, answers: 10 }),
      expect.objectContaining({ consentVersion: 7, answers: 6 }),
    ]);
    expect(stats.byCategory).toContainEqual({
      consentVersion: 7,
      category: 'statistik',
      accepted: 2,
      rejected: 3,
    });

    const text = await cli(['consent', 'stats', '--since', '2025-01-01', '--store', base]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Consent answers, answers since 2025-01-01T00:00:00\.000Z: 6 answers\./,
    );
    expect(text.stdout).toMatch(/^version {2}answers {2}accept {2}reject {2}save {2}withdraw$/m);
    expect(text.stdout).toMatch(/^ {6}7 {8}6 {7}3 {7}1 {5}1 {9}1$/m);
    expect(text.stdout).toMatch(/^ +7 {2}statistik +2 +3 +40 %$/m);
    expect(text.stdout).toContain('\\u{1B}[31m<script>alert("x")</script>');
    expect(text.stdout).not.toMatch(TERMINAL_CONTROL);

    const cwd = await tempFolder();
    const svg = await cli(
      ['consent', 'stats', '--format', 'svg', '--out', 'answers.svg', '--store', base],
      { cwd },
    );
    expect(svg.code).toBe(0);
    const chart = await readFile(join(cwd, 'answers.svg'), 'utf8');
    expect(chart).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" role="img" aria-labelledby="consent-stats-title consent-stats-desc"/,
    );
    expect(chart).toContain('<title id="consent-stats-title">');
    expect(chart).toMatch(
      /<desc id="consent-stats-desc">[^<]*Version 7, statistik: 2 accepted, 3 rejected \(40 % accepted\)/,
    );
    expect(chart).toContain('>statistik</text>');
    // The hostile category name is text, escaped: no element, no attribute broken out of.
    expect(chart).toContain('\\u{1B}[31m&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(chart).not.toMatch(/<script|\bhref=|xlink|\bon[a-z]+=|url\(|@import/i);
    expect(chart).not.toMatch(NOT_XML);
    // Well-formed as far as a tag balance shows: every element opened is closed.
    const opened = chart.match(/<(?!\/)[a-z]+(?=[\s>])(?![^>]*\/>)/g)?.length ?? 0;
    expect(chart.match(/<\/[a-z]+>/g)?.length ?? 0).toBe(opened);
  });
});

describe('the SVG chart in a browser', () => {
  let browser: Browser | undefined;
  afterAll(() => browser?.close());

  it('is well-formed XML to Chromium’s parser: an image with its title and description, the hostile name only text', async () => {
    const { code, stdout } = await cli(['consent', 'stats', '--format', 'svg', '--store', base]);
    expect(code).toBe(0);
    browser = await launchChromium({ javaScriptEnabled: true });
    const page = await browser.context.newPage();
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        role: root.getAttribute('role'),
        title: doc.getElementById('consent-stats-title')?.textContent ?? null,
        desc: doc.getElementById('consent-stats-desc')?.textContent ?? '',
        scripts: doc.getElementsByTagName('script').length,
        texts: [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? ''),
        references: [...doc.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes]
            .filter((a) => /href|^on|src/i.test(a.name) || /url\(/.test(a.value))
            .map((a) => `${e.localName} ${a.name}`),
        ),
      };
    }, stdout);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.role).toBe('img');
    expect(parsed.title).toBe('Consent answers per consent version and category');
    expect(parsed.desc).toContain('Version 7, statistik: 2 accepted, 3 rejected (40 % accepted).');
    expect(parsed.scripts).toBe(0);
    expect(parsed.references).toEqual([]);
    expect(parsed.texts).toContain('\\u{1B}[31m<script>alert("x")</scri…');
    expect(parsed.texts).toContain('2 yes, 3 no (40 % yes)');
  });
});

describe('cookie-catalog consent --help', () => {
  it('lists the subcommands, explains each, and the top-level help lists consent', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^ {2}consent show\|export\|verify\|erase\|prune\|stats$/m);
    const consent = await cli(['consent', '--help']);
    expect(consent.code).toBe(0);
    for (const sub of ['show ID', 'export ID', 'verify', 'erase ID', 'prune', 'stats'])
      expect(consent.stdout).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
    const prune = await cli(['consent', 'prune', '--help']);
    expect(prune.code).toBe(0);
    expect(prune.stdout).toMatch(
      /^Usage: cookie-catalog consent prune \[--older-than DURATION \| --before DATE\]/,
    );
    const bare = await cli(['consent']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: cookie-catalog consent <subcommand>');
    const unknown = await cli(['consent', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/consent has no subcommand "frobnicate"/);
    const stray = await cli(['consent', 'verify', '--since', '2026-01-01', '--store', base]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/consent verify does not take --since/);
  });
});

/*
 * PostgreSQL: Debian's server in a temporary folder (test-support). Locally without it the test
 * is skipped; in CI (CI=1) .ci/run installs it, so a missing server fails.
 */
const postgresMissing = postgresUnavailable();
describe.skipIf(postgresMissing !== undefined && !process.env.CI)(
  'cookie-catalog consent on PostgreSQL',
  () => {
    let server: PostgresServer | undefined;
    let url = '';
    beforeAll(async () => {
      server = await startPostgresServer();
      const admin = new pg.Client(server.url);
      await admin.connect();
      await admin.query('CREATE DATABASE cli_consent');
      await admin.end();
      url = server.url.replace(/\/postgres$/, '/cli_consent');
      const log = await openConsentLog({
        store: url,
        spool: await tempFolder(),
        writer: 'pg-web-1',
      });
      await log.addRenderings([BANNER_SV, POLICY_SV]);
      // Stored either way: what the log reports as durable is the runtime's to test.
      await log.record(answer({ consentId: person }));
      await log.record(answer({ consentId: person, action: 'reject' }));
      await log.close();
    }, 180_000);
    afterAll(() => server?.close());

    it('shows the words shown and verifies the chain', async () => {
      const shown = await cli(['consent', 'show', person, '--store', url]);
      expect(shown.stderr).toBe('');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/^Consent id [0-9a-f]{32}: 2 records, oldest first\./);
      expect(shown.stdout).toContain('│ [ Godkänn valfria kakor ] [ Avvisa valfria kakor ]');
      const verified = await cli(['consent', 'verify'], {
        env: { COOKIE_CATALOG_CONSENT_STORE: url },
      });
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(/✓ every chain holds: 1 writer, 2 records in postgres:\/\//);

      const client = new pg.Client(url);
      await client.connect();
      await client.query(
        `UPDATE consent_records SET content = replace(content, '"reject"', '"accept"') WHERE seq = 2`,
      );
      await client.end();
      const broken = await cli(['consent', 'verify', '--store', url]);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('writer pg-web-1 seq 2: its content does not match');
    });

    it('says in one line when the server cannot be reached, with no password and no stack trace', async () => {
      const closed = `postgres://postgres:secret@127.0.0.1:${(server as PostgresServer).port + 1}/cli_consent`;
      const run = await cli(['consent', 'verify', '--store', closed]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^cookie-catalog: cannot open the consent store postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/cli_consent: .*check that the PostgreSQL server is running/,
      );
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toContain('secret');
    });
  },
);
