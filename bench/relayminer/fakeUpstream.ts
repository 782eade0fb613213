/**
 * An instant OpenAI-compatible upstream for the overhead benchmark only: fixed answers, no model.
 * Run as its own process so it never competes with the load generator or the relayminer for a core.
 * Prints `{"url": …}` once listening.
 */
import { createServer } from 'node:http'
import { listenAndAnnounce } from './benchChild.ts'

const usage = { prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 }
const answer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'bench',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'ok ok ok ok' },
      logprobs: null,
      finish_reason: 'length',
    },
  ],
  usage,
})
const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] })}\n\n`
const stream = [
  chunk('ok '),
  chunk('ok '),
  chunk('ok '),
  chunk('ok'),
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [], usage })}\n\n`,
  'data: [DONE]\n\n',
].join('')

const server = createServer((request, response) => {
  let body = ''
  request.on('data', (part: Buffer) => {
    body += part.toString()
  })
  request.on('end', () => {
    if (body.includes('"stream":true')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.end(stream)
    } else {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(answer)
    }
  })
})
listenAndAnnounce(server)
