/**
 * The `decai` command line: one binary whose sub-commands wire the components together.
 * Each command group lives in `commands/<group>.ts` and registers itself on the program (`createProgram.ts`).
 */
import { createProgram } from './createProgram.ts'

const program = await createProgram(process.argv.slice(2))
await program.parseAsync(process.argv)
