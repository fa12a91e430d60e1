#!/usr/bin/env node
// The committed entry point: npm links it on install, before anything is built. In a fresh
// clone, `npx cookie-catalog` right after `npm ci` finds no build yet: say so in one line.
let cli;
try {
  cli = await import('../dist/bundle/cli.js');
} catch (error) {
  const unbuilt =
    error?.code === 'ERR_MODULE_NOT_FOUND' && /[\\/]dist[\\/]/.test(String(error.message));
  if (!unbuilt) throw error;
  process.stderr.write(
    'cookie-catalog: the toolchain is not built yet; run `npm run build` once, then try again.\n',
  );
  process.exit(1);
}

// `cookie-catalog validate | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await cli.main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
});
