import { benchClassify } from './classify.js';

/** `npm run bench`: prints figures; never asserts times. */
console.log(`Pillar benchmarks on Node ${process.version}, ${new Date().toISOString()}\n`);
benchClassify();
