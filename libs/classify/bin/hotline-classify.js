#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI (../src/cli.ts) in-process, compiling it on the fly.
require('./register-ts');
const { main } = require('../src/cli.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`hotline-classify: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
