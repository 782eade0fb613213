import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { encodeAbiParameters, type Hex, hashTypedData, recoverTypedDataAddress } from 'viem'
import { privateKeyToAddress, signTypedData } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { buildRelayVectors, relayVectorsPath } from '../../scripts/gen-relay-vectors.ts'
import { relayAbiParameter, sessionHeaderAbiParameter } from '../../src/protocol/relay/relayAbi.ts'
import type { RelayRequest } from '../../src/protocol/relay/types.ts'
import { relayTypes } from '../../src/protocol/signature/typedData.ts'

type Json = Record<string, unknown>
const committed = JSON.parse(readFileSync(relayVectorsPath, 'utf8'))

/** Decimal strings back to bigints where the ABI has uint64. */
function request(json: Json) {
  const session = json.session as Json
  return {
    ...json,
    session: {
      ...session,
      sessionStartHeight: BigInt(session.sessionStartHeight as string),
      sessionEndHeight: BigInt(session.sessionEndHeight as string),
    },
    nonce: BigInt(json.nonce as string),
  } as RelayRequest
}

describe('test/vectors/relay.json', () => {
  it('default', () => {
    // the committed vectors are what the protocol code computes today; regenerate with
    // `node --import tsx scripts/gen-relay-vectors.ts` after an intended change
    expect(committed).toEqual(buildRelayVectors())
  })

  it('behavior: viem computes the same digests, signatures, bytes and addresses', async () => {
    const domain = committed.domain
    for (const [, key] of Object.entries(committed.keys as Record<string, { privateKey: Hex; address: Hex }>))
      expect(privateKeyToAddress(key.privateKey).toLowerCase()).toBe(key.address)
    for (const vector of committed.relays) {
      const req = request(vector.request)
      const signerKey = committed.keys[vector.requestSigner].privateKey
      const typedRequest = { domain, types: relayTypes, primaryType: 'RelayRequest', message: req } as const
      const typedResponse = {
        domain,
        types: relayTypes,
        primaryType: 'RelayResponse',
        message: vector.response,
      } as const
      expect(hashTypedData(typedRequest)).toBe(vector.requestDigest)
      expect(hashTypedData(typedResponse)).toBe(vector.responseDigest)
      expect(await signTypedData({ ...typedRequest, privateKey: signerKey })).toBe(vector.requestSignature)
      expect(await signTypedData({ ...typedResponse, privateKey: committed.keys.supplier.privateKey })).toBe(
        vector.responseSignature,
      )
      const requestSigner = await recoverTypedDataAddress({
        ...typedRequest,
        signature: vector.requestSignature,
      })
      expect(requestSigner.toLowerCase()).toBe(committed.keys[vector.requestSigner].address)
      expect(encodeAbiParameters([sessionHeaderAbiParameter], [req.session])).toBe(vector.sessionHeaderBytes)
      const relay = {
        request: req,
        requestSignature: vector.requestSignature,
        response: vector.response,
        responseSignature: vector.responseSignature,
      }
      expect(encodeAbiParameters([relayAbiParameter], [relay])).toBe(vector.relayBytes)
      const relayHash = createHash('sha256')
        .update(Buffer.from(vector.relayBytes.slice(2), 'hex'))
        .digest('hex')
      expect(`0x${relayHash}`).toBe(vector.relayHash)
    }
  })

  it('behavior: covers both signers, a stream, multi-word UTF-8 service ids and every rejection', () => {
    expect(new Set(committed.relays.map((v: Json) => v.requestSigner))).toEqual(
      new Set(['application', 'gateway']),
    )
    expect(committed.relays.some((v: { responsePayload: Json }) => 'stream' in v.responsePayload)).toBe(true)
    expect(committed.rejectedSignatures.map((v: Json) => v.error)).toEqual(
      expect.arrayContaining([
        'SIGNATURE_HIGH_S',
        'SIGNATURE_INVALID_V',
        'SIGNATURE_INVALID_SCALAR',
        'SIGNATURE_MALFORMED',
      ]),
    )
  })
})
