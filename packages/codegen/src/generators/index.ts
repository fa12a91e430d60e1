import { generators } from '../generator.js';
import { catalogJsonGenerator } from './exports/catalog-json.js';
import { ocdCsvGenerator } from './exports/ocd-csv.js';
import { tcfDeviceStorageGenerator } from './exports/tcf-device-storage.js';
import {
  htmlPolicyTableGenerator,
  renderPolicyTable,
} from './html-policy-table/policy-table-generator.js';
import { tsDocsGenerator } from './policy-docs/docs-entry-generator.js';
import { htmlPolicyGenerator } from './policy-docs/html-policy-generator.js';
import { mdPolicyGenerator } from './policy-docs/md-policy-generator.js';
import { tsClientGenerator } from './ts-client/client-generator.js';
import { tsConsentGenerator } from './ts-consent/consent-generator.js';
import { tsServerGenerator } from './ts-server/server-generator.js';

// Every generator the CLI knows, registered once under its stable id.
generators
  .register(tsServerGenerator)
  .register(tsClientGenerator)
  .register(tsConsentGenerator)
  .register(tsDocsGenerator)
  .register(htmlPolicyTableGenerator)
  .register(mdPolicyGenerator)
  .register(htmlPolicyGenerator)
  .register(tcfDeviceStorageGenerator)
  .register(ocdCsvGenerator)
  .register(catalogJsonGenerator);

export {
  catalogJsonGenerator,
  htmlPolicyGenerator,
  htmlPolicyTableGenerator,
  mdPolicyGenerator,
  ocdCsvGenerator,
  renderPolicyTable,
  tcfDeviceStorageGenerator,
  tsClientGenerator,
  tsConsentGenerator,
  tsDocsGenerator,
  tsServerGenerator,
};
