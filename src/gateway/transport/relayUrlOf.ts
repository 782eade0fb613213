/**
 * The relay URL for a supplier's registered endpoint: the endpoint itself when it already names
 * `/relay`, `<endpoint>/relay` when it ends in `/v1`, else `<endpoint>/v1/relay`.
 *
 * @param endpoint - the endpoint registered on-chain
 * @returns the URL to POST relays to
 * @example
 * relayUrlOf('http://127.0.0.1:8081') // 'http://127.0.0.1:8081/v1/relay'
 */
export function relayUrlOf(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '')
  if (base.endsWith('/relay')) return base
  return base.endsWith('/v1') ? `${base}/relay` : `${base}/v1/relay`
}
