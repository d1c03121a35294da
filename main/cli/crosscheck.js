#!/usr/bin/env node
// Launcher for the CLI: the pre-built bundle when `npm run build` made it from the current sources,
// otherwise the TypeScript sources, which Node >= 22.18 runs directly (type stripping).
// CROSSCHECK_CLI_FROM_SOURCE=1 runs the sources whatever the bundle.
// Kept as plain JavaScript so an older Node gets a clear message instead of a syntax error.
import nodeModule from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `crosscheck needs Node.js 22.18 or newer; this is ${process.version}. ` +
      'Run it through npm (npx crosscheck, npm start), which uses the Node 22 the project installs.\n',
  );
  process.exit(1);
}
// A reader that stops early (`crosscheck … | head -1`) closes the pipe: that ends the output, quietly, not in a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// Keeps compiled code between runs in the system's temporary folder: a fifth off the start (bench:cli-start).
nodeModule.enableCompileCache?.();
const { currentBundleEntry } = await import('./bundledCli.js');
const bundle = process.env.CROSSCHECK_CLI_FROM_SOURCE === '1' ? null : currentBundleEntry();
const { main } = await import(bundle ?? './cli.ts');
process.exitCode = await main(process.argv.slice(2));
