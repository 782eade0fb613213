import type { Command } from 'commander'
import type { Address } from 'viem'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { noDevnetToDefaultTo, readDevnetDefaults } from '../context/devnetDefaults.ts'
import { addLedgerOptions, type LedgerOptions, openLedger } from '../context/ledgerOptions.ts'
import { printJson, printRows } from '../context/output.ts'
import { parseAddress, parseNonNegativeInteger } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addSignerOptions, resolveSigner, type SignerOptions } from '../context/signerOptions.ts'
import { querySession } from '../query/querySession.ts'
import { sendDebugRelay } from '../relay/sendDebugRelay.ts'

type SendOptions = LedgerOptions &
  SignerOptions & {
    prompt: string
    application?: Address
    service?: string
    supplier?: Address
    endpoint?: string
    maxTokens: number
    json?: boolean
  }

/** `decai relay send`: one signed relay straight to a relayminer, for debugging a supplier. */
export function registerRelayCommands(program: Command): void {
  const relay = program
    .command('relay')
    .description('Relays by hand: send one signed relay to a relayminer (debugging)')
  addSignerOptions(addLedgerOptions(relay.command('send')))
    .description(
      'Sign one chat relay as the application (or a gateway it delegated to), send it to a supplier of the current session, and verify the signed answer',
    )
    .requiredOption('--prompt <text>', 'the user message')
    .option(
      '--application <address>',
      'the application paying (default: the devnet application)',
      parseAddress,
    )
    .option('--service <id>', 'the service (default: the devnet service)')
    .option('--supplier <operator>', "the supplier (default: the session's first)", parseAddress)
    .option('--endpoint <url>', 'reach the relayminer here instead of its registered endpoint')
    .option('--max-tokens <n>', 'output token bound the relay signs', parseNonNegativeInteger, 32)
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nOn a devnet: decai relay send --as gateway --prompt "Hello"')
    .action(runAction(sendAction))
}

async function sendAction(options: SendOptions): Promise<void> {
  const devnet = await readDevnetDefaults(options.devnetDir)
  const application = options.application ?? devnet?.keys.application.address
  const serviceId = options.service ?? devnet?.serviceId
  if (!application || !serviceId) throw noDevnetToDefaultTo(options.devnetDir, '--application and --service')
  const signerKey = await resolveSigner(options, 'relay send', process.env)
  const ledger = await openLedger(options, signerKey)
  const session = await querySession(ledger, { application, serviceId })
  const { supplier, endpoint } = pickSupplier(session, options)
  const result = await sendDebugRelay({
    ledger,
    signerKey,
    application,
    serviceId,
    supplier,
    endpoint,
    body: { messages: [{ role: 'user', content: options.prompt }], max_tokens: options.maxTokens },
    maxInputTokens: 4_096,
    maxOutputTokens: options.maxTokens,
  })
  if (options.json) return printJson(result)
  const body = result.body as { choices?: { message?: { content?: string } }[] }
  printRows([
    ['session', result.session],
    ['supplier', supplier],
    ['answer', JSON.stringify(body.choices?.[0]?.message?.content ?? '')],
    ['usage', `${result.response.inputTokens} in, ${result.response.outputTokens} out (signed)`],
    ['signature', 'verified: signed by the supplier over this request and this answer'],
    ['relay hash', result.relayHash],
    [
      'mined',
      result.isMined ? "yes: it will be in the supplier's claim" : 'no: below the difficulty, not claimed',
    ],
  ])
}

// The supplier the relay is for and where to reach it: a member of the session at its registered endpoint,
// or, with --endpoint, any relayminer, which then needs --supplier to know whose signature to expect.
function pickSupplier(
  session: Awaited<ReturnType<typeof querySession>>,
  options: Pick<SendOptions, 'supplier' | 'endpoint'>,
): { supplier: Address; endpoint: string } {
  const wanted = options.supplier?.toLowerCase()
  const member = wanted
    ? session.suppliers.find((s) => s.operator.toLowerCase() === wanted)
    : session.suppliers[0]
  const notInSession = options.supplier
    ? `${options.supplier} is not in session ${session.session}`
    : `session ${session.session} has no supplier`
  if (!options.endpoint && !member)
    throw new CliInvalidArgumentError({
      option: '--supplier',
      reason: notInSession,
      hint: 'See `decai query session`; or pass --endpoint <url> with --supplier <operator> to try anyway.',
    })
  const supplier = options.supplier ?? (member?.operator as Address | undefined)
  if (!supplier)
    throw new CliInvalidArgumentError({
      option: '--endpoint',
      reason: `${notInSession}, so the relayminer at ${options.endpoint} needs its operator`,
      hint: 'Pass --supplier <operator> with --endpoint (see `decai query session`).',
    })
  return { supplier, endpoint: options.endpoint ?? member!.endpoint }
}
