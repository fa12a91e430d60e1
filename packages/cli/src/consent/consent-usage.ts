/** `cookie-catalog consent --help`, and each subcommand's own help. */

const STORE = `  --store S          the consent store: the folder of the embedded store, or a postgres:// URL
                     (default: the environment variable COOKIE_CATALOG_CONSENT_STORE)`;

export const CONSENT_SUBCOMMANDS: Readonly<Record<string, string>> = {
  show: `Usage: cookie-catalog consent show ID [--format text|json] [--policy] [--store S]

A person's consent records, oldest first: when, what they answered (each category yes or no),
the consent and policy versions, the package versions, locale, service, Global Privacy Control,
and the exact words they were shown, in their language, with the SHA-256 of that text.
ID is the consent id the person can quote (it is in their consent cookie).

Options:
  --format text|json the words as readable text (default), or everything as JSON
  --policy           also print the policy document that was in force (Markdown)
${STORE}

Exit 0 when records were found, 1 when the store has none for ID, 2 for a usage mistake or a
store that cannot be opened.
`,
  export: `Usage: cookie-catalog consent export ID [--out FILE] [--store S]

A person's records and the texts they were shown, as JSON: the answer to their access request
(GDPR Art. 15). Erased records are listed by time only.

Options:
  --out FILE         write the JSON to this file (never through a symbolic link) instead of
                     printing it
${STORE}
`,
  verify: `Usage: cookie-catalog consent verify [--store S]

Checks every writer's hash chain: each record's content against its hash and each link against
the one before, so an edited, removed or reordered record is found and named (writer, seq).
Records erased on request and chains pruned from a checkpoint still verify.

Options:
${STORE}

Exit 0 when every chain holds, 1 when a problem was found.
`,
  erase: `Usage: cookie-catalog consent erase ID [--store S]

Erases a person's records on their request (GDPR Art. 17): the contents of each record are
removed and a tombstone keeps its place in the chain, so verify still passes. What the person
was shown stays (a text shared by many, with nothing about them).

Options:
${STORE}

Exit 1 when the store has no records for ID.
`,
  prune: `Usage: cookie-catalog consent prune [--older-than DURATION | --before DATE] [--catalog DIR]
                                   [--dry-run] [--store S]

Deletes the records older than the period they are kept for, and leaves each chain verifiable
from a checkpoint at the last record deleted.

Options:
  --older-than D     records older than this, e.g. "4 years" or "30 days"
  --before DATE      records before this day or time (ISO 8601, e.g. 2023-01-01)
  --catalog DIR      without either: the period from the catalog's policy, by default the
                     consent cookie's lifetime plus three years (default DIR: catalog)
  --dry-run          say how many records would be deleted, and delete nothing
${STORE}
`,
  stats: `Usage: cookie-catalog consent stats [--since DATE] [--format text|json|svg] [--out FILE]
                                   [--store S]

How many answers each version of the consent question got, and per category how many accepted
and rejected: a table (text), JSON, or an SVG bar chart for a report. Erased answers are not
counted.

Options:
  --since DATE       only answers from this day or time on (ISO 8601, e.g. 2026-01-01)
  --format F         text (default), json or svg
  --out FILE         write to this file instead of printing (never through a symbolic link)
${STORE}
`,
};

export const CONSENT_USAGE = `Usage: cookie-catalog consent <subcommand> [options]

Proof of consent (GDPR Art. 7(1)): every answer to the consent question is a record in a
hash-chained store, with the exact words the person was shown.

Subcommands:
  show ID            a person's records and the words they were shown (--policy: the policy too)
  export ID          a person's records as JSON, for their access request (GDPR Art. 15)
  verify             check that no record was edited, removed or reordered (exit 1 if one was)
  erase ID           erase a person's records on their request (GDPR Art. 17)
  prune              delete records older than the period they are kept for
  stats              answers per consent version and category: a table, JSON or an SVG chart

Options:
${STORE}
  -h, --help         show this help; \`cookie-catalog consent show --help\` for a subcommand's
`;
