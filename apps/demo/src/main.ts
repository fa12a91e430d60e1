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
const server = createDemoServer({ clientScript: await loadClientScript(), records });
server.listen(port, '127.0.0.1', () => {
  console.log(`Invoice demo on http://127.0.0.1:${port}/ (Secure cookies work on 127.0.0.1)`);
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
