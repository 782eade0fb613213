import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { getTestModel, removeTestModels } from '../../inference/embedded/testModel.ts'
import { loadVerifiedReferences } from './loadReferenceModels.ts'

afterAll(async () => {
  await removeTestModels()
})

const logger = pino({ level: 'silent' })
const serviceOf = (serviceId: string, referenceModelPath: string) => ({
  serviceId,
  referenceModelPath,
  threads: 1,
})

describe('loadVerifiedReferences', () => {
  it('behavior: a reference whose sha256 is the registered one is loaded', async () => {
    const model = await getTestModel({ seed: 42 })
    const references = await loadVerifiedReferences({
      services: [serviceOf('tiny-chat', model.path)],
      registeredSha256Of: async () => `0x${model.sha256}`,
      logger,
    })
    try {
      expect(references.get('tiny-chat')?.sha256).toBe(model.sha256)
    } finally {
      for (const reference of references.values()) await reference.close()
    }
  })

  it('error: a file that is not the registered artifact is WATCHER_REFERENCE_MISMATCH, naming both hashes', async () => {
    const [registered, other] = [await getTestModel({ seed: 42 }), await getTestModel({ seed: 43 })]
    const loading = loadVerifiedReferences({
      services: [serviceOf('tiny-chat', registered.path), serviceOf('other-chat', other.path)],
      registeredSha256Of: async () => `0x${registered.sha256}`,
      logger,
    })
    await expect(loading).rejects.toMatchObject({
      code: 'WATCHER_REFERENCE_MISMATCH',
      fault: 'internal',
      details: `registered sha256 0x${registered.sha256}, reference file ${other.sha256}`,
    })
  })
})
