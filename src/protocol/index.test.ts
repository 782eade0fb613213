import { describe, expect, it } from 'vitest'
import * as protocol from './index.ts'

describe('protocol entry point', () => {
  it('default: the public value exports are pinned (a change here is an API change)', () => {
    expect(Object.keys(protocol).sort()).toMatchSnapshot()
  })
})
