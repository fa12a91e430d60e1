import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openConsentRecords } from '@billogram/cookies-consent';
import { createDemoServer, loadClientScript } from './demo-server.js';

const port = Number(process.env.PORT ?? 3000);
// Every answer is recorded in the embedded store (PGlite, a folder): CONSENT_RECORDS names
// another folder, or a postgres:// address (then CONSENT_SPOOL a local folder for answers that
// wait while the database is away); `none` records nothing (the bench's baseline).
const store = process.env.CONSENT_RECORDS ?? resolve('.consent-records');
const records =
  store === 'none'
    ? null
    : await openConsentRecords({
        store,
        ...(process.env.CONSENT_SPOOL && { spool: process.env.CONSENT_SPOOL }),
      });
// TLS_CERT and TLS_KEY (PEM files): HTTPS, to reach the demo under the catalog's own domain.
const tls =
  process.env.TLS_CERT && process.env.TLS_KEY
    ? {
        cert: await readFile(process.env.TLS_CERT, 'utf8'),
        key: await readFile(process.env.TLS_KEY, 'utf8'),
      }
    : undefined;
const server = createDemoServer({ clientScript: await loadClientScript(), records, tls });
server.listen(port, '127.0.0.1', () => {
  const scheme = tls ? 'https' : 'http';
  console.log(`Invoice demo on ${scheme}://127.0.0.1:${port}/ (Secure cookies work on 127.0.0.1)`);
  console.log(`Help centre (the catalog's second service) on ${scheme}://help.localhost:${port}/`);
  if (records)
    console.log(
      `Consent records: ${store} (npx cookie-catalog consent show <id> --store ${store})`,
    );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    server.close();
    void (records?.close() ?? Promise.resolve()).then(() => process.exit(0));
  });
