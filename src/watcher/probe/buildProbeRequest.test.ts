import { describe, expect, it } from 'vitest'
import { corpusPrompts } from '../corpus/corpus.ts'
import { defaultTrafficProfile } from '../settings.ts'
import { buildProbeRequest } from './buildProbeRequest.ts'
import { createPromptDeck } from './createPromptDeck.ts'
import { createTrafficShapes } from './createTrafficShapes.ts'
import { type ProbeShape, sampleProbeShape, shapeOfRequest } from './probeShape.ts'

function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

const greedyStream: ProbeShape = {
  temperature: 0,
  topP: undefined,
  maxTokens: 64,
  maxTokensField: 'max_tokens',
  isStream: true,
  topLogprobs: undefined,
  hasSystemPrompt: false,
  turns: 1,
  frequencyPenalty: 0,
  presencePenalty: 0,
}

describe('corpus', () => {
  it('default: a few hundred distinct natural prompts', () => {
    expect(new Set(corpusPrompts).size).toBe(corpusPrompts.length)
    expect(corpusPrompts.length).toBeGreaterThanOrEqual(300)
  })
})

describe('createPromptDeck', () => {
  it('behavior: no prompt repeats before every prompt was drawn', () => {
    const deck = createPromptDeck(['a', 'b', 'c', 'd'], mulberry32(1))
    const first = Array.from({ length: 4 }, () => deck.draw())
    expect(new Set(first).size).toBe(4)
    expect(['a', 'b', 'c', 'd']).toContain(deck.draw())
  })
})

describe('buildProbeRequest', () => {
  it('behavior: the body a gateway sends for such a request, and nothing more', () => {
    const deck = createPromptDeck(['How do I fix a squeaky door?'], mulberry32(1))
    const request = buildProbeRequest({
      shape: greedyStream,
      serviceId: 'svc',
      deck,
      pastTurns: [],
      random: mulberry32(2),
    })
    expect(request).toEqual({
      model: 'svc',
      messages: [{ role: 'user', content: 'How do I fix a squeaky door?' }],
      temperature: 0,
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    })
  })

  it('behavior: a two-turn shape continues an earlier exchange; logprobs and penalties as shaped', () => {
    const deck = createPromptDeck(['unused'], mulberry32(1))
    const shape: ProbeShape = {
      ...greedyStream,
      turns: 2,
      hasSystemPrompt: true,
      isStream: false,
      topLogprobs: 5,
      frequencyPenalty: 0.5,
      maxTokensField: 'max_completion_tokens',
    }
    const pastTurns = [{ prompt: 'Why is the sky blue?', answer: 'light scatters' }]
    const request = buildProbeRequest({ shape, serviceId: 'svc', deck, pastTurns, random: mulberry32(3) })
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
    expect(request).toMatchObject({
      logprobs: true,
      top_logprobs: 5,
      frequency_penalty: 0.5,
      max_completion_tokens: 64,
    })
    expect(request.stream).toBeUndefined()
  })
})

describe('traffic shapes', () => {
  it('behavior: the profile is followed until real traffic is seen, then traffic is copied', () => {
    const random = mulberry32(5)
    const shapes = createTrafficShapes({
      profile: defaultTrafficProfile,
      capacity: 8,
      minObserved: 3,
      defaultMaxTokens: 256,
    })
    const sampled = Array.from({ length: 400 }, () => shapes.sample(random))
    const greedyShare = sampled.filter((shape) => shape.temperature === 0).length / sampled.length
    expect(greedyShare).toBeGreaterThan(0.7)
    expect(greedyShare).toBeLessThan(0.9)
    for (let i = 0; i < 20; i++)
      shapes.record({
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.9,
        max_tokens: 33,
        stream: true,
      })
    expect(shapes.size()).toBe(8)
    expect(shapes.sample(random)).toMatchObject({ temperature: 0.9, maxTokens: 33, isStream: true })
  })

  it('behavior: shapeOfRequest reads OpenAI defaults (temperature 1, no logprobs)', () => {
    const shape = shapeOfRequest({ messages: [{ role: 'user', content: 'x' }] }, 256)
    expect(shape).toMatchObject({ temperature: 1, maxTokens: 256, topLogprobs: undefined, turns: 1 })
    expect(sampleProbeShape({ ...defaultTrafficProfile, greedyShare: 1 }, mulberry32(9)).temperature).toBe(0)
  })
})
