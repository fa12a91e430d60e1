import pc from 'picocolors';
import type { CliIo } from './cli-io.js';

/**
 * audit (a browser driver, 14 MB) and scan (ts-morph and TypeScript) are optional: a team that
 * only validates and generates does not install them. The bundle keeps them external; a command
 * that needs one loads it here, and when it is not installed says which package to add (exit 2).
 */
export async function loadOptional<T>(
  name: '@cookie-catalog/audit' | '@cookie-catalog/scan',
  command: string,
  load: () => Promise<T>,
  io: CliIo,
): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error, name)) throw error;
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    const c = pc.createColors(io.color);
    io.stderr(
      `${c.red('✗')} cookie-catalog ${command} needs ${name}, which is not installed: run \`npm install --save-dev ${name}@${version}\`\n`,
    );
    return undefined;
  }
}

/** Node's own error for an import of a package that is not in any node_modules on the way up. */
function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'ERR_MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.includes(`Cannot find package '${name}'`)
  );
}
