import type { Gateway } from '../createGateway.ts'

/** One request to a gateway app in-process; the body is JSON-encoded unless it is a string. */
export async function postJson(
  gateway: Gateway,
  path: string,
  body: unknown,
  options: { key?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return gateway.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** The `data:` payloads of an SSE body, in order (`[DONE]` kept as the string). */
export async function readSseData(response: Response): Promise<Array<Record<string, unknown> | '[DONE]'>> {
  const text = await response.text()
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => {
      const data = block.slice('data: '.length)
      return data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as Record<string, unknown>)
    })
}

/** The content an SSE chat stream carried, concatenated. */
export function chatText(events: Array<Record<string, unknown> | '[DONE]'>): string {
  return events
    .filter((event): event is Record<string, unknown> => event !== '[DONE]')
    .flatMap((event) => (event.choices as Array<{ delta?: { content?: string } }> | undefined) ?? [])
    .map((choice) => choice.delta?.content ?? '')
    .join('')
}
