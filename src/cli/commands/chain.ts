import { type Command, Option } from 'commander'
import { type Address, formatUnits, numberToHex } from 'viem'
import {
  closeFaucet,
  createDecaiClients,
  deployDecai,
  getParams,
  isFaucetOpen,
  mintFromFaucet,
  readDeploymentManifest,
  readLedger,
  verifyDeployment,
} from '../../chain/index.ts'
import { CliInvalidArgumentError } from '../context/cliErrors.ts'
import { createCliLogger } from '../context/createCliLogger.ts'
import {
  addLedgerOptions,
  type LedgerOptions,
  openLedger,
  resolveLedgerLocation,
} from '../context/ledgerOptions.ts'
import { loadParamsPreset } from '../context/loadParamsPreset.ts'
import { formatTokens, printJson, printRows } from '../context/output.ts'
import { parseAddress, parseTokenAmount } from '../context/parsers.ts'
import { runAction } from '../context/runAction.ts'
import { addSignerOptions, resolveSigner, type SignerOptions } from '../context/signerOptions.ts'

type DeployOptions = LedgerOptions &
  SignerOptions & { params: string; out: string; governance?: Address; dao?: Address; json?: boolean }

/** `decai chain …`: deploy the ledger contracts to any EVM chain and read where it stands. */
export function registerChainCommands(program: Command): void {
  const chain = program.command('chain').description('The ledger contracts on an EVM chain: deploy, status')
  addSignerOptions(addLedgerOptions(chain.command('deploy')))
    .description('Deploy the decai ledger (ten contracts) and write its deployment manifest')
    .option(
      '--params <preset|file>',
      'parameter preset (devnet, production) or a JSON overrides file',
      'devnet',
    )
    .option('--out <file>', 'where to write the deployment manifest', 'deployment.json')
    .option(
      '--governance <address>',
      'owner of the parameters and the faucet (default: the deployer)',
      parseAddress,
    )
    .option('--dao <address>', 'receives the DAO share of settlements (default: governance)', parseAddress)
    .option('--json', 'print the manifest as JSON')
    .action(runAction(deployAction))
  addSignerOptions(addLedgerOptions(chain.command('faucet')))
    .description(
      'Mint tokens from the faucet while governance keeps it open (a devnet, or the initial distribution of a real deployment); the governance key signs',
    )
    .requiredOption('--to <address>', 'who receives them (repeatable)', collectAddresses, [])
    // Defaults in base units are bigints, which commander's help cannot print: each says how it reads.
    .addOption(
      new Option('--amount <tokens>', 'tokens to mint')
        .argParser(parseTokenAmount)
        .default(1_000_000_000n, '1000'),
    )
    .addOption(
      new Option('--eth <ether>', 'also set its ETH balance (anvil only; 0 = leave it)')
        .argParser(parseTokenAmount)
        .default(0n, '0'),
    )
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nOn a devnet: decai chain faucet --as deployer --to 0x… --amount 1000 --eth 10\nOn a real chain: decai chain faucet --key deployer --rpc-url … --manifest deployment.json --to 0x… --amount 60000',
    )
    .action(runAction(faucetAction))
  addSignerOptions(addLedgerOptions(chain.command('close-faucet')))
    .description(
      'Close the token faucet for good once the initial distribution is done (irreversible; the governance key signs); from then on DECAI is minted only by settlement',
    )
    .option('--yes', 'confirm: the faucet can never be opened again')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExample: decai chain close-faucet --key deployer --rpc-url … --manifest deployment.json --yes',
    )
    .action(runAction(closeFaucetAction))
  addLedgerOptions(chain.command('status'))
    .description('Check the deployment and show the chain, the current session and the governed parameters')
    .option('--json', 'print one JSON object')
    .action(runAction(statusAction))
}

async function deployAction(options: DeployOptions): Promise<void> {
  const privateKey = await resolveSigner(options, 'chain deploy', process.env)
  const rpcUrl = options.rpcUrl ?? resolveLedgerLocation({ ...options, manifest: options.out }).rpcUrl
  const logger = createCliLogger(options.verbose ? 'debug' : 'silent')
  const clients = createDecaiClients({ rpcUrl, account: privateKey, logger })
  const manifest = await deployDecai({
    clients,
    params: await loadParamsPreset(options.params),
    governance: options.governance,
    dao: options.dao,
    manifestPath: options.out,
  })
  if (options.json) return printJson(manifest)
  console.log(`deployed the decai ledger on chain ${manifest.chainId} at block ${manifest.deployBlock}`)
  printRows(Object.entries(manifest.contracts))
  console.log(`manifest written to ${options.out}`)
}

async function faucetAction(
  options: LedgerOptions & SignerOptions & { to: Address[]; amount: bigint; eth: bigint; json?: boolean },
) {
  const ledger = await openLedger(options, await resolveSigner(options, 'chain faucet', process.env))
  // --eth is parsed with 6 decimals like tokens; scale to wei (18).
  const wei = options.eth * 10n ** 12n
  const minted = []
  // One signer: its mints go one after the other.
  for (const to of options.to) {
    if (wei > 0n)
      await ledger.clients.publicClient.request({
        method: 'anvil_setBalance' as never,
        params: [to, numberToHex(wei)] as never,
      })
    const result = await mintFromFaucet(ledger, { to, amount: options.amount })
    minted.push({ ...result, to, amount: options.amount, wei })
    if (!options.json)
      console.log(
        `minted ${formatTokens(options.amount)} to ${to}${wei > 0n ? ` and set its balance to ${formatUnits(wei, 18)} ETH` : ''}`,
      )
  }
  if (options.json) printJson({ minted })
}

async function closeFaucetAction(options: LedgerOptions & SignerOptions & { yes?: boolean; json?: boolean }) {
  if (!options.yes)
    throw new CliInvalidArgumentError({
      option: '--yes',
      reason: 'closing the faucet is irreversible: pass --yes to confirm',
    })
  const ledger = await openLedger(options, await resolveSigner(options, 'chain close-faucet', process.env))
  if (!(await isFaucetOpen(ledger))) {
    if (options.json) return printJson({ faucetOpen: false, closed: null })
    return console.log('the faucet is already closed')
  }
  const result = await closeFaucet(ledger)
  if (options.json) return printJson({ faucetOpen: false, closed: result })
  console.log(
    `closed the faucet for good (transaction ${result.transactionHash}, block ${result.blockNumber})`,
  )
}

async function statusAction(options: LedgerOptions & { json?: boolean }): Promise<void> {
  const ledger = await openLedger(options)
  const manifest = await readDeploymentManifest(resolveLedgerLocation(options).manifestPath)
  await verifyDeployment(ledger.clients, manifest)
  const [blockNumber, session] = await Promise.all([
    ledger.clients.publicClient.getBlockNumber(),
    readLedger(ledger, 'sessions', 'currentSession', []),
  ])
  const [timeline, { params }, faucetOpen] = await Promise.all([
    readLedger(ledger, 'sessions', 'timeline', [session]),
    getParams(ledger, { session }),
    isFaucetOpen(ledger),
  ])
  const [start, end, claimOpen, claimClose, proofOpen, proofClose, settlement] = timeline
  const status = {
    rpcUrl: ledger.clients.rpcUrl,
    chainId: manifest.chainId,
    blockNumber,
    session: { number: session, start, end, claimOpen, claimClose, proofOpen, proofClose, settlement },
    numBlocksPerSession: manifest.numBlocksPerSession,
    genesisHeight: manifest.genesisHeight,
    preset: manifest.preset,
    faucetOpen,
    contracts: manifest.contracts,
    params,
  }
  if (options.json) return printJson(status)
  printRows([
    ['rpc', status.rpcUrl],
    ['chain id', status.chainId],
    ['block', blockNumber],
    ['session', `${session} (blocks ${start}–${end}, ${manifest.numBlocksPerSession} per session)`],
    ['claims', `blocks ${claimOpen}–${claimClose}`],
    ['proofs', `blocks ${proofOpen}–${proofClose}`],
    ['settles from', `block ${settlement}`],
    ['preset', manifest.preset],
    [
      'faucet',
      faucetOpen ? 'open (governance can mint; close it with decai chain close-faucet)' : 'closed for good',
    ],
    ...Object.entries(manifest.contracts).map(([name, address]) => [`contract ${name}`, address] as const),
  ])
}

function collectAddresses(value: string, previous: Address[]): Address[] {
  return [...previous, parseAddress(value)]
}
