// The generators and their registry: pure `(catalog, options) → files`. Nothing here prints,
// exits or writes a file; the `cookie-catalog` CLI (@cookie-catalog/cli) does that.
export {
  GENERATED_HEADER,
  type GeneratedFile,
  type Generator,
  GeneratorRegistry,
  generators,
  runGenerator,
} from './generator.js';
export { CATALOG_JSON_FILE, CATALOG_SCHEMA_FILE } from './generators/exports/catalog-json.js';
export {
  importOcdCsv,
  type OcdImport,
  type OcdImportContext,
} from './generators/exports/ocd-import.js';
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
} from './generators/index.js';
export { exportNotes } from './notes.js';
