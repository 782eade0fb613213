import { describe, expect, it } from 'vitest'
import { relayUrlOf } from './relayUrlOf.ts'

describe('relayUrlOf', () => {
  it.each([
    ['http://127.0.0.1:8081', 'http://127.0.0.1:8081/v1/relay'],
    ['https://supplier.example/v1/', 'https://supplier.example/v1/relay'],
    ['https://supplier.example/custom/relay', 'https://supplier.example/custom/relay'],
  ])('default: %s → %s', (endpoint, url) => {
    expect(relayUrlOf(endpoint)).toBe(url)
  })
})
