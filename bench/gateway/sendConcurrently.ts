/**
 * Sends `count` requests from `clients` concurrent loops, each sending its next as soon as its last one
 * answered, and times each.
 *
 * @param count - requests in all
 * @param clients - concurrent loops
 * @param send - sends one request and resolves once its answer is read
 * @returns each request's latency (ms) and the wall time of the whole
 */
export async function sendConcurrently(
  count: number,
  clients: number,
  send: () => Promise<void>,
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = []
  let next = 0
  const startedAt = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < count) {
        const sentAt = performance.now()
        await send()
        latencies.push(performance.now() - sentAt)
      }
    }),
  )
  return { latencies, wallMs: performance.now() - startedAt }
}
