import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A certificate for a test server, and what a test browser needs to trust it. */
export interface TestCertificate {
  /** PEM, for node:https (`{ cert, key }`). */
  readonly cert: string;
  readonly key: string;
  /**
   * The base64 SHA-256 of its public key: Chromium trusts this certificate, and no other, with
   * `--ignore-certificate-errors-spki-list` (launchChromium's `hosts.certificate`).
   */
  readonly spki: string;
}

/**
 * A self-signed certificate for `names` (host names; `*.example.com` allowed), valid for two days,
 * made with the openssl command (Debian's openssl package). For serving a site under a real
 * domain's names on 127.0.0.1 in a browser test: some domains, billogram.com among them, are
 * preloaded HSTS in Chromium, so plain HTTP under their names never reaches the server.
 */
export async function testCertificate(names: readonly string[]): Promise<TestCertificate> {
  if (names.length === 0) throw new Error('testCertificate: give at least one host name');
  const folder = await mkdtemp(join(tmpdir(), 'cookie-catalog-certificate-'));
  try {
    const keyFile = join(folder, 'key.pem');
    const certFile = join(folder, 'cert.pem');
    await exec('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]).catch((error: NodeJS.ErrnoException) => {
      throw new Error(
        error.code === 'ENOENT'
          ? 'testCertificate needs the openssl command: apt-get install openssl'
          : `openssl could not make a test certificate: ${error.message}`,
      );
    });
    const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    const publicKey = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    return { cert, key, spki: createHash('sha256').update(publicKey).digest('base64') };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
