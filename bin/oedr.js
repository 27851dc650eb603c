#!/usr/bin/env node
// Thin shim: the CLI lives in the built code so that `npx oedr` starts without a compiler.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
