import { describe, expect, it } from 'vitest'
import { corpusPrompts } from '../corpus/corpus.ts'
import { defaultTrafficProfile } from '../settings.ts'
import { mulberry32 } from '../testing/mulberry32.ts'
import { buildProbeRequest } from './buildProbeRequest.ts'
import { createPromptDeck } from './createPromptDeck.ts'
import { createTrafficShapes } from './createTrafficShapes.ts'
import { type ProbeShape, sampleProbeShape, shapeOfRequest } from './probeShape.ts'

const greedyStream: ProbeShape = {
  temperature: 0,
  topP: undefined,
  maxTokens: 64,
  maxTokensField: 'max_tokens',
  stream: true,
  hasStreamOptions: true,
  logprobs: undefined,
  topLogprobs: undefined,
  hasSystemPrompt: false,
  turns: 1,
  frequencyPenalty: undefined,
  presencePenalty: undefined,
  promptChars: undefined,
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
      stream: undefined,
      logprobs: true,
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
    expect(shapes.sample(random)).toMatchObject({ temperature: 0.9, maxTokens: 33, stream: true })
  })

  it('behavior: a copied shape names only the fields the client sent, with no defaults filled in', () => {
    const deck = createPromptDeck(['How long do I boil an egg?'], mulberry32(1))
    const bare = shapeOfRequest({ messages: [{ role: 'user', content: 'x' }] })
    expect(bare).toMatchObject({ temperature: undefined, maxTokens: undefined, logprobs: undefined })
    const build = (shape: ProbeShape) =>
      buildProbeRequest({ shape, serviceId: 'svc', deck, pastTurns: [], random: mulberry32(2) })
    expect(Object.keys(build(bare))).toEqual(['model', 'messages'])
    const client = {
      messages: [{ role: 'user' as const, content: 'x' }],
      logprobs: true,
      stream: false,
      max_completion_tokens: 40,
      frequency_penalty: 0,
    }
    const probe = build(shapeOfRequest(client))
    expect(probe).toEqual({ ...client, model: 'svc', messages: probe.messages })
    expect(probe).not.toHaveProperty('top_logprobs')
    expect(sampleProbeShape({ ...defaultTrafficProfile, greedyShare: 1 }, mulberry32(9)).temperature).toBe(0)
  })

  it('behavior: a stream keeps stream_options only when the client named it', () => {
    const deck = createPromptDeck(['Any tips for a first marathon?'], mulberry32(1))
    const messages = [{ role: 'user' as const, content: 'x' }]
    const without = shapeOfRequest({ messages, stream: true })
    const named = shapeOfRequest({ messages, stream: true, stream_options: { include_usage: false } })
    const build = (shape: ProbeShape) =>
      buildProbeRequest({ shape, serviceId: 'svc', deck, pastTurns: [], random: mulberry32(2) })
    expect(build(without)).not.toHaveProperty('stream_options')
    expect(build(named).stream_options).toEqual({ include_usage: true })
  })
})

describe('prompt length', () => {
  const bucketOf = (chars: number) => Math.floor(2 * Math.log2(chars))
  const lengths = corpusPrompts.map((prompt) => prompt.length)

  it('behavior: a probe copies the text length of the request it imitates, within the corpus range', () => {
    const deck = createPromptDeck(corpusPrompts, mulberry32(4))
    for (const target of [20, 35, 50, 70, 100]) {
      const request = buildProbeRequest({
        shape: { ...greedyStream, promptChars: target },
        serviceId: 'svc',
        deck,
        pastTurns: [],
        random: mulberry32(target),
      })
      expect(bucketOf(String(request.messages[0]!.content).length)).toBe(bucketOf(target))
    }
  })

  it('behavior: past the corpus range, the longest (or shortest) prompts are used', () => {
    const deck = createPromptDeck(corpusPrompts, mulberry32(4))
    expect(bucketOf(deck.draw(5_000).length)).toBe(bucketOf(Math.max(...lengths)))
    expect(bucketOf(deck.draw(2).length)).toBe(bucketOf(Math.min(...lengths)))
  })

  it('behavior: a system prompt counts towards the length, the user prompt fills the rest', () => {
    const deck = createPromptDeck(corpusPrompts, mulberry32(4))
    const shape = { ...greedyStream, hasSystemPrompt: true, promptChars: 0 }
    const system = buildProbeRequest({ shape, serviceId: 'svc', deck, pastTurns: [], random: mulberry32(1) })
    const systemChars = String(system.messages[0]!.content).length
    const request = buildProbeRequest({
      shape: { ...shape, promptChars: systemChars + 60 },
      serviceId: 'svc',
      deck,
      pastTurns: [],
      random: mulberry32(1),
    })
    expect(request.messages[0]!.content).toBe(system.messages[0]!.content)
    expect(bucketOf(String(request.messages[1]!.content).length)).toBe(bucketOf(60))
  })
})

describe('prompt retirement', () => {
  it('behavior: each prompt is drawn at most maxUses times per round; a used-up pool starts a new round, announced', () => {
    const rounds: number[] = []
    const deck = createPromptDeck(['a', 'b', 'c'], mulberry32(1), 2, (round) => rounds.push(round))
    const drawn = Array.from({ length: 6 }, () => deck.draw())
    expect(new Set(drawn.slice(0, 3)).size).toBe(3)
    expect(drawn.toSorted()).toEqual(['a', 'a', 'b', 'b', 'c', 'c'])
    expect(deck.remaining()).toBe(0)
    expect(rounds).toEqual([])
    // The audit goes on: the next six draws are a second round with the same rule.
    const second = Array.from({ length: 6 }, () => deck.draw())
    expect(second.toSorted()).toEqual(['a', 'a', 'b', 'b', 'c', 'c'])
    expect(rounds).toEqual([2])
    expect(deck.round()).toBe(2)
  })

  it('behavior: a retired prompt gives way to the nearest length that is left', () => {
    const short = 'Is tea bad for me?'
    const long = 'What should I think about before I adopt a dog from a shelter, and how do I prepare?'
    const deck = createPromptDeck([short, long], mulberry32(1), 1)
    expect(deck.draw(short.length)).toBe(short)
    expect(deck.draw(short.length)).toBe(long)
  })
})
