#!/usr/bin/env node
// A committed entry for the bin, so installing the workspace before the first build links it without a warning.
await import('../dist/cli.js')
