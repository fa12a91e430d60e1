export { main } from './cli.js';
export type { CliIo } from './cli-io.js';
export {
  GENERATED_HEADER,
  type GeneratedFile,
  type Generator,
  GeneratorRegistry,
  generators,
  runGenerator,
} from './generator.js';
export {
  htmlPolicyGenerator,
  htmlPolicyTableGenerator,
  mdPolicyGenerator,
  renderPolicyTable,
  tsClientGenerator,
  tsConsentGenerator,
  tsServerGenerator,
} from './generators/index.js';
