import type { DevnetStatus } from './devnetStatus.ts'

/**
 * Prints what a newcomer needs once the devnet is up: the URLs, the demo API key and ready-to-paste
 * `curl` and `openai` SDK examples (docs/devnet.md explains each line).
 *
 * @param status - the running devnet
 * @param write - where to print (default stdout)
 * @example
 * printDevnetBanner(status)
 */
export function printDevnetBanner(
  status: DevnetStatus,
  write: (text: string) => void = (t) => process.stdout.write(t),
): void {
  const { gateway, service } = status
  const lines = [
    '',
    'decai devnet is running.',
    '',
    `  OpenAI-compatible API   ${gateway.url}`,
    `  API key (dev only)      ${gateway.apiKey}`,
    `  model                   ${service.id}  (sha256 ${service.modelSha256.slice(0, 16)}…)`,
    `  chain RPC               ${status.chain.rpcUrl}  (chain id ${status.chain.chainId}, 1 block / ${status.chain.blockTimeSec} s)`,
    ...status.suppliers.map(
      (s, i) => `  supplier ${i + 1}              ${s.endpoint}  operator ${s.operator}`,
    ),
    `  gateway metrics         ${gateway.metricsUrl}`,
    ...(status.explorer ? [`  explorer                ${status.explorer.url}`] : []),
    ...(status.watcher ? [`  watcher reports         ${status.watcher.reportsUrl}`] : []),
    `  logs                    ${status.logs}`,
    '',
    'Try it (streamed):',
    '',
    `  curl -N ${gateway.url}/chat/completions \\`,
    `    -H "Authorization: Bearer ${gateway.apiKey}" -H "Content-Type: application/json" \\`,
    `    -d '{"model":"${service.id}","stream":true,"max_tokens":48,"messages":[{"role":"user","content":"Hello!"}]}'`,
    '',
    'With the openai SDK (npm i openai), in an .mjs file:',
    '',
    "  import OpenAI from 'openai'",
    `  const client = new OpenAI({ baseURL: '${gateway.url}', apiKey: '${gateway.apiKey}' })`,
    `  const stream = await client.chat.completions.create({ model: '${service.id}', stream: true,`,
    "    max_tokens: 48, messages: [{ role: 'user', content: 'Hello!' }] })",
    '  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? "")',
    '',
    'Then watch the money move (claims, proofs and settlements arrive about 30 s after each session):',
    '',
    '  npx decai query settlements',
    '  npx decai query balances',
    '',
    'The model is a tiny random-weight model: its answers are gibberish, but every step is real.',
    'Ctrl-C stops everything; `npm start` again resumes the same network.',
    '',
  ]
  write(`${lines.join('\n')}\n`)
}
