#!/usr/bin/env node
// Registers the TypeScript loader, then hands over to the CLI; decai ships its sources, not a build.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
