import { benchClassify } from './classify.js';
import { benchScan } from './scan.js';
import { benchStorm } from './storm.js';

/** `npm run bench`: prints figures; never asserts times. */
console.log(`Pillar benchmarks on Node ${process.version}, ${new Date().toISOString()}\n`);
const only = process.argv[2];
if (!only || only === 'classify') benchClassify();
if (!only || only === 'storm') await benchStorm();
if (!only || only === 'scan') benchScan();
