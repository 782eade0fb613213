import { describe, expect, it } from 'vitest'
import { createStopFilter } from './createStopFilter.ts'

describe('createStopFilter', () => {
  it('default: without stop sequences text passes straight through', () => {
    const filter = createStopFilter([])
    expect(filter.push('abc')).toEqual({ text: 'abc', isStopped: false })
    expect(filter.flush()).toBe('')
  })

  it('behavior: a stop sequence split across pushes is never released', () => {
    const filter = createStopFilter(['END'])
    expect(filter.push('hello E')).toEqual({ text: 'hello ', isStopped: false })
    expect(filter.push('N')).toEqual({ text: '', isStopped: false })
    expect(filter.push('D and more')).toEqual({ text: '', isStopped: true })
  })

  it('behavior: a held-back partial match is released when it turns out not to match', () => {
    const filter = createStopFilter(['END'])
    expect(filter.push('a E')).toEqual({ text: 'a ', isStopped: false })
    expect(filter.push('x')).toEqual({ text: 'Ex', isStopped: false })
    expect(filter.push('EN')).toEqual({ text: '', isStopped: false })
    expect(filter.flush()).toBe('EN')
  })

  it('behavior: the earliest of several stop sequences wins', () => {
    const filter = createStopFilter(['world', 'lo w', ''])
    expect(filter.push('hello world')).toEqual({ text: 'hel', isStopped: true })
  })
})
