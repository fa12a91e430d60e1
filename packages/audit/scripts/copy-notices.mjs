// The Open Cookie Database's licence and our NOTICE ship beside the table derived from it
// (dist/report/ocd-organisations.js), as the Apache License 2.0 §4 asks of a redistribution.
import { copyFile } from 'node:fs/promises';

for (const name of ['NOTICE', 'OPEN-COOKIE-DATABASE-LICENSE'])
  await copyFile(
    new URL(`../src/report/${name}`, import.meta.url),
    new URL(`../dist/report/${name}`, import.meta.url),
  );
