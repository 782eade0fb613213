import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createProgress } from './createProgress.ts'

function buffer(): { stream: Writable; lines: () => string[] } {
  let text = ''
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk)
      done()
    },
  })
  return { stream, lines: () => text.split('\n').filter((line) => line !== '') }
}

describe('createProgress', () => {
  it('behavior: each step prints its label before, then ✔ with its outcome and duration; notes indent', async () => {
    const { stream, lines } = buffer()
    const progress = createProgress({ stream })
    const result = await progress.step(
      'start the chain (anvil)',
      async () => 'http://127.0.0.1:8545',
      (url) => url,
    )
    progress.note('3 changes')
    expect(result).toBe('http://127.0.0.1:8545')
    const [before, after, note] = lines()
    expect(before).toBe('… start the chain (anvil)')
    expect(after).toMatch(/^✔ start the chain \(anvil\): http:\/\/127\.0\.0\.1:8545 \(\d+\.\d s\)$/)
    expect(note).toBe('  3 changes')
  })

  it('error: a failing step prints ✖ with its label and rethrows the error unchanged', async () => {
    const { stream, lines } = buffer()
    const failure = new Error('anvil did not start')
    await expect(
      createProgress({ stream }).step('start the chain (anvil)', () => Promise.reject(failure)),
    ).rejects.toBe(failure)
    expect(lines()).toEqual(['… start the chain (anvil)', '✖ start the chain (anvil)'])
  })

  it('default: no colour codes off a terminal; nothing at all when quiet', async () => {
    const plain = buffer()
    await createProgress({ stream: plain.stream }).step('deploy', async () => 1)
    expect(plain.lines().join('\n')).not.toContain('\u001b[')
    const quiet = buffer()
    await createProgress({ stream: quiet.stream, isQuiet: true }).step('deploy', async () => 1)
    expect(quiet.lines()).toEqual([])
  })
})
