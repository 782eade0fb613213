import { describe, expect, it } from 'vitest'
import { createMemoryDataSource } from '../../testing/createMemoryDataSource.ts'
import { createMemoryViewContext } from '../../testing/createMemoryViewContext.ts'

function setup() {
  const data = createMemoryDataSource()
  return { data, ctx: createMemoryViewContext(data) }
}

describe('createViewContext', () => {
  it('behavior: memo computes once per indexed height', () => {
    const { data, ctx } = setup()
    let runs = 0
    const count = () => ctx.memo('k', () => ++runs)
    data.setIndexedHeight(5n)
    expect([count(), count()]).toEqual([1, 1])
    data.setIndexedHeight(6n)
    expect(count()).toBe(2)
  })

  it('behavior: remember keeps a value across heights', () => {
    const { data, ctx } = setup()
    let runs = 0
    data.setIndexedHeight(5n)
    ctx.remember('flow:5:0:0xab', () => ++runs)
    data.setIndexedHeight(9n)
    expect(ctx.remember('flow:5:0:0xab', () => ++runs)).toBe(1)
  })
})
