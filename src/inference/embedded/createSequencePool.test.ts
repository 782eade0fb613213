import { describe, expect, it } from 'vitest'
import { createSequencePool } from './createSequencePool.ts'

describe('createSequencePool', () => {
  it('behavior: hands out free items, then queues FIFO', async () => {
    const pool = createSequencePool(['a'], 10)
    const first = await pool.acquire()
    const order: string[] = []
    const second = pool.acquire().then((item) => order.push(`2:${item}`))
    const third = pool.acquire().then((item) => order.push(`3:${item}`))
    expect(pool.queued).toBe(2)
    pool.release(first)
    await second
    pool.release('a')
    await third
    expect(order).toEqual(['2:a', '3:a'])
  })

  it('behavior: an aborted waiter leaves the queue; whenIdle waits for every item', async () => {
    const pool = createSequencePool(['a'], 10)
    const item = await pool.acquire()
    const controller = new AbortController()
    const waiting = pool.acquire(controller.signal)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'INFERENCE_ABORTED' })
    expect(pool.queued).toBe(0)
    let isIdle = false
    const idle = pool.whenIdle().then(() => {
      isIdle = true
    })
    await Promise.resolve()
    expect(isIdle).toBe(false)
    pool.release(item)
    await idle
    expect(isIdle).toBe(true)
  })

  it('error: a full queue throws BACKEND_BUSY; a closed pool BACKEND_CLOSED', async () => {
    const pool = createSequencePool(['a'], 1)
    await pool.acquire()
    const waiting = pool.acquire()
    await expect(pool.acquire()).rejects.toMatchObject({ code: 'INFERENCE_BACKEND_BUSY' })
    pool.close()
    await expect(waiting).rejects.toMatchObject({ code: 'INFERENCE_BACKEND_CLOSED' })
    await expect(pool.acquire()).rejects.toMatchObject({ code: 'INFERENCE_BACKEND_CLOSED' })
  })
})
