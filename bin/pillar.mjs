#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm ci` is the only set-up step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every start that future versions will need Node 22; Pillar supports
// Node 20 with the versions it locks, so that one warning is noise on a terminal.
const printWarning = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'NodeVersionSupportWarning' || warning.message.startsWith('NodeVersionSupportWarning'))
    return;
  for (const listener of printWarning) listener(warning);
});

register();
const { main } = await import('../src/app/cli.ts');
process.exitCode = await main(process.argv);
