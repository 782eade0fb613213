import type { ChatMessage } from '../openai/requestSchemas.ts'

/**
 * The embedded backend's chat template: one `role: content` line per message, then `assistant:`, which
 * the model continues. `developer` is written as `system`. It is plain text on purpose: generated models
 * have no chat special tokens, and a fixed template lets a verifier rebuild the exact prompt from the
 * request alone.
 *
 * @param messages - the conversation.
 * @returns the prompt text (BOS is added at tokenisation).
 * @example
 * renderChatPrompt([{ role: 'user', content: 'hi' }]) // 'user: hi\nassistant:'
 */
export function renderChatPrompt(messages: readonly ChatMessage[]): string {
  const lines = messages.map((message) => `${roleLabel(message.role)}: ${messageText(message)}\n`)
  return `${lines.join('')}assistant:`
}

function roleLabel(role: ChatMessage['role']): string {
  return role === 'developer' ? 'system' : role
}

function messageText(message: ChatMessage): string {
  if (message.content === null) return ''
  if (typeof message.content === 'string') return message.content
  return message.content.map((part) => part.text).join('')
}
