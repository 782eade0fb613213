import type { LeafView } from '../../../api/types.ts'
import { formatInt } from '../app/format.ts'
import { Hex } from './Hex.tsx'

/**
 * The revealed leaf of a proof: the relay the proof seed drew, with both signed headers. Only payload
 * hashes are on-chain, never prompts or completions.
 *
 * @example
 * <LeafDetails leaf={claim.proof.leaf} />
 */
export function LeafDetails({ leaf }: { leaf: LeafView }) {
  const { request, response } = leaf
  return (
    <details class="leaf">
      <summary>
        Revealed leaf: relay <Hex value={leaf.relayHash} />, {formatInt(leaf.weight)} compute units
      </summary>
      <dl class="pairs">
        <dt>Relay hash</dt>
        <dd>
          <Hex value={leaf.relayHash} full />
        </dd>
        <dt>Trie path (depth {leaf.depth})</dt>
        <dd>
          <Hex value={leaf.path} full />
        </dd>
        <dt>Request signed by</dt>
        <dd>{request.signer ? <Hex value={request.signer} full /> : 'unrecoverable'}</dd>
        <dt>Request payload hash</dt>
        <dd>
          <Hex value={request.payloadHash} full />
        </dd>
        <dt>Bounds (input / output tokens)</dt>
        <dd>
          {request.maxInputTokens} / {request.maxOutputTokens}, nonce {request.nonce}
        </dd>
        <dt>Response signed by</dt>
        <dd>{response.signer ? <Hex value={response.signer} full /> : 'unrecoverable'}</dd>
        <dt>Response payload hash</dt>
        <dd>
          <Hex value={response.payloadHash} full />
        </dd>
        <dt>Usage (input / output tokens)</dt>
        <dd>
          {response.inputTokens} / {response.outputTokens}, status {response.status}
        </dd>
      </dl>
    </details>
  )
}
