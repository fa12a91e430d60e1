import { generators } from '../generator.js';
import {
  htmlPolicyTableGenerator,
  renderPolicyTable,
} from './html-policy-table/policy-table-generator.js';
import { htmlPolicyGenerator } from './policy-docs/html-policy-generator.js';
import { mdPolicyGenerator } from './policy-docs/md-policy-generator.js';
import { tsClientGenerator } from './ts-client/client-generator.js';
import { tsServerGenerator } from './ts-server/server-generator.js';

// Every generator the CLI knows, registered once under its stable id.
generators
  .register(tsServerGenerator)
  .register(tsClientGenerator)
  .register(htmlPolicyTableGenerator)
  .register(mdPolicyGenerator)
  .register(htmlPolicyGenerator);

export {
  htmlPolicyGenerator,
  htmlPolicyTableGenerator,
  mdPolicyGenerator,
  renderPolicyTable,
  tsClientGenerator,
  tsServerGenerator,
};
