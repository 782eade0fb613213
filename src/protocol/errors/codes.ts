/**
 * The catalogue of every stable error code in decai, namespaced per component (as poktroll's codespaces).
 * A code never changes meaning once released; `docs/errors.md` documents each one (a test checks it).
 */
export const errorCodes = {
  // --- encoding: canonical relay / session encodings and payload hashing
  ENCODING: {
    INVALID_HEX: 'ENCODING_INVALID_HEX',
    INVALID_FIELD: 'ENCODING_INVALID_FIELD',
    DECODE_FAILED: 'ENCODING_DECODE_FAILED',
    INVALID_SIGNATURE_LENGTH: 'ENCODING_INVALID_SIGNATURE_LENGTH',
    INTEGER_OUT_OF_RANGE: 'ENCODING_INTEGER_OUT_OF_RANGE',
    NON_CANONICAL: 'ENCODING_NON_CANONICAL',
    INVALID_JSON: 'ENCODING_INVALID_JSON',
  },
  // --- signature: EIP-712 signing and recovery
  SIGNATURE: {
    MALFORMED: 'SIGNATURE_MALFORMED',
    HIGH_S: 'SIGNATURE_HIGH_S',
    RECOVERY_FAILED: 'SIGNATURE_RECOVERY_FAILED',
    INVALID_PRIVATE_KEY: 'SIGNATURE_INVALID_PRIVATE_KEY',
    INVALID_V: 'SIGNATURE_INVALID_V',
    INVALID_SCALAR: 'SIGNATURE_INVALID_SCALAR',
  },
  // --- session: heights, windows, ids, membership
  SESSION: {
    INVALID_PARAMS: 'SESSION_INVALID_PARAMS',
    INVALID_HEIGHT: 'SESSION_INVALID_HEIGHT',
    INVALID_SEED: 'SESSION_INVALID_SEED',
    INVALID_SERVICE_ID: 'SESSION_INVALID_SERVICE_ID',
    INVALID_APPLICATION: 'SESSION_INVALID_APPLICATION',
    INVALID_SESSION_ID: 'SESSION_INVALID_SESSION_ID',
    INVALID_SUPPLIER: 'SESSION_INVALID_SUPPLIER',
  },
  // --- difficulty: relay mining targets and the control law
  DIFFICULTY: {
    INVALID_TARGET: 'DIFFICULTY_INVALID_TARGET',
    INVALID_PARAMS: 'DIFFICULTY_INVALID_PARAMS',
    INVALID_RELAY_HASH: 'DIFFICULTY_INVALID_RELAY_HASH',
  },
  // --- smst: sparse Merkle sum trie and its proofs
  SMST: {
    KEY_NOT_FOUND: 'SMST_KEY_NOT_FOUND',
    INVALID_PROOF: 'SMST_INVALID_PROOF',
    INVALID_PATH: 'SMST_INVALID_PATH',
    INVALID_WEIGHT: 'SMST_INVALID_WEIGHT',
    EMPTY_TRIE: 'SMST_EMPTY_TRIE',
    INVALID_ROOT: 'SMST_INVALID_ROOT',
  },
  // --- settlement: pricing, splits, caps, proof requirement
  SETTLEMENT: {
    INVALID_PARAMS: 'SETTLEMENT_INVALID_PARAMS',
    INVALID_SHARES: 'SETTLEMENT_INVALID_SHARES',
    USAGE_OUT_OF_BOUNDS: 'SETTLEMENT_USAGE_OUT_OF_BOUNDS',
  },
  // --- store: persistent session trees (relayminer)
  STORE: {
    CORRUPT_LOG: 'STORE_CORRUPT_LOG',
    CLOSED: 'STORE_CLOSED',
    IO_FAILED: 'STORE_IO_FAILED',
  },
  // --- chain: JSON-RPC client, transactions, deployment manifest, local chain, event indexer
  CHAIN: {
    RPC_UNAVAILABLE: 'CHAIN_RPC_UNAVAILABLE',
    RPC_ERROR: 'CHAIN_RPC_ERROR',
    CALL_REVERTED: 'CHAIN_CALL_REVERTED',
    TX_REVERTED: 'CHAIN_TX_REVERTED',
    TX_TIMEOUT: 'CHAIN_TX_TIMEOUT',
    NO_ACCOUNT: 'CHAIN_NO_ACCOUNT',
    NOT_DEPLOYED: 'CHAIN_NOT_DEPLOYED',
    WRONG_CHAIN: 'CHAIN_WRONG_CHAIN',
    MANIFEST_INVALID: 'CHAIN_MANIFEST_INVALID',
    DEPLOY_FAILED: 'CHAIN_DEPLOY_FAILED',
    LOCAL_CHAIN_FAILED: 'CHAIN_LOCAL_CHAIN_FAILED',
    INDEXER_FAILED: 'CHAIN_INDEXER_FAILED',
  },
  // --- inference: model generator, embedded llama.cpp and upstream OpenAI-compatible backends
  INFERENCE: {
    INVALID_REQUEST: 'INFERENCE_INVALID_REQUEST',
    CONTEXT_OVERFLOW: 'INFERENCE_CONTEXT_OVERFLOW',
    UNSUPPORTED: 'INFERENCE_UNSUPPORTED',
    ABORTED: 'INFERENCE_ABORTED',
    BACKEND_BUSY: 'INFERENCE_BACKEND_BUSY',
    BACKEND_CLOSED: 'INFERENCE_BACKEND_CLOSED',
    BACKEND_TIMEOUT: 'INFERENCE_BACKEND_TIMEOUT',
    UPSTREAM_ERROR: 'INFERENCE_UPSTREAM_ERROR',
    UPSTREAM_UNREACHABLE: 'INFERENCE_UPSTREAM_UNREACHABLE',
    MODEL_HASH_MISMATCH: 'INFERENCE_MODEL_HASH_MISMATCH',
    MODEL_LOAD_FAILED: 'INFERENCE_MODEL_LOAD_FAILED',
    INVALID_MODEL_OPTIONS: 'INFERENCE_INVALID_MODEL_OPTIONS',
    INVALID_GGUF: 'INFERENCE_INVALID_GGUF',
  },
} as const

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T]

/** Every error code decai can raise. */
export type ErrorCode = Leaves<typeof errorCodes>

/** Who is at fault for a failure; the gateway and watcher score suppliers on it. */
export type Fault = 'supplier' | 'gateway' | 'client' | 'unknown' | 'internal'
