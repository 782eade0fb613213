import { creativePrompts } from './creativePrompts.ts'
import { everydayPrompts } from './everydayPrompts.ts'
import { learningPrompts } from './learningPrompts.ts'
import { personalPrompts } from './personalPrompts.ts'
import { techPrompts } from './techPrompts.ts'
import { workPrompts } from './workPrompts.ts'

export { followUps, systemPrompts } from './conversationParts.ts'

/**
 * The user prompts decai ships for probes: natural requests of the kind people send a chat assistant
 * (home, work, learning, tech, personal, creative), never benchmark items, which a supplier could
 * recognise and route to the real model. Operators should add their own private prompts
 * (`probes.extraPromptsFile`): a public list can be learnt by a supplier.
 */
export const corpusPrompts: readonly string[] = [
  ...everydayPrompts,
  ...workPrompts,
  ...learningPrompts,
  ...techPrompts,
  ...personalPrompts,
  ...creativePrompts,
]
