import { describe, expect, it } from 'vitest'
import { renderChatPrompt } from './renderChatPrompt.ts'

describe('renderChatPrompt', () => {
  it('default: one role line per message, then the assistant cue', () => {
    expect(
      renderChatPrompt([
        { role: 'developer', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi ' },
            { type: 'text', text: 'there' },
          ],
        },
        { role: 'assistant', content: null },
      ]),
    ).toBe('system: be brief\nuser: hi there\nassistant: \nassistant:')
  })
})
