export { axeViolations } from './axe.js';
export { type Browser, CHROMIUM, type ChromiumOptions, launchChromium } from './chromium.js';
export { type LocalServer, startLocalServer } from './local-server.js';
export {
  findPostgresBin,
  type PostgresServer,
  type PostgresServerOptions,
  postgresReachableFolder,
  postgresUnavailable,
  startPostgresServer,
} from './postgres-server.js';
export { startTestRegistry, type TestRegistry, type TestRegistryOptions } from './registry.js';
export { serveStatic } from './static-server.js';
export { type TestCertificate, testCertificate } from './test-certificate.js';
