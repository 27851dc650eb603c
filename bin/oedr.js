#!/usr/bin/env node
// Thin shim: the CLI lives in the built, bundled code (npm run build) so `npx oedr` starts fast.
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
