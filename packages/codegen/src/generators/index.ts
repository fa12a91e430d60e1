import { generators } from '../generator.js';
import {
  htmlPolicyTableGenerator,
  renderPolicyTable,
} from './html-policy-table/policy-table-generator.js';
import { tsClientGenerator } from './ts-client/client-generator.js';
import { tsServerGenerator } from './ts-server/server-generator.js';

// Every generator the CLI knows, registered once under its stable id.
generators
  .register(tsServerGenerator)
  .register(tsClientGenerator)
  .register(htmlPolicyTableGenerator);

export { htmlPolicyTableGenerator, renderPolicyTable, tsClientGenerator, tsServerGenerator };
