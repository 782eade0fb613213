import type OpenAI from 'openai'

/**
 * Sends `count` chat requests through the gateway with the official `openai` SDK, alternating streamed
 * and plain answers, a few at a time. Every answer must complete (a failed request fails the test) unless
 * `onError` is given, which then counts failures.
 *
 * @returns how many answers arrived
 * @example
 * await sendChats(client, { model: 'decai-tiny', count: 12 })
 */
export async function sendChats(
  client: OpenAI,
  parameters: { model: string; count: number; concurrency?: number; onError?: (error: unknown) => void },
): Promise<number> {
  const { model, count, concurrency = 2 } = parameters
  let next = 0
  let answers = 0
  const worker = async () => {
    while (next < count) {
      const index = next++
      try {
        await sendOne(client, model, index)
        answers += 1
      } catch (error) {
        if (!parameters.onError) throw error
        parameters.onError(error)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return answers
}

async function sendOne(client: OpenAI, model: string, index: number): Promise<void> {
  const messages = [{ role: 'user' as const, content: `Request ${index}: say something.` }]
  if (index % 2 === 0) {
    const stream = await client.chat.completions.create({ model, messages, max_tokens: 12, stream: true })
    let finishReason: string | null | undefined
    for await (const chunk of stream) finishReason = chunk.choices[0]?.finish_reason ?? finishReason
    if (!finishReason) throw new Error(`stream ${index} ended without a finish reason`)
    return
  }
  const answer = await client.chat.completions.create({ model, messages, max_tokens: 12 })
  if (!answer.choices[0]?.finish_reason) throw new Error(`answer ${index} has no finish reason`)
}
