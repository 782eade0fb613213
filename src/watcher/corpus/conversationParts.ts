/** System prompts that applications commonly set, to dress some probes as app traffic. */
export const systemPrompts: readonly string[] = [
  'You are a helpful assistant.',
  'You are a friendly assistant. Keep answers short and practical.',
  'You are a concise assistant for a cooking app. Answer in plain language.',
  'You help users write emails. Keep a warm, professional tone.',
  'You are a patient tutor. Explain step by step.',
  'Answer briefly. Use bullet points when it helps.',
  'You are a support assistant for a small online shop.',
  'You are a travel planning assistant.',
]

/** Follow-ups a user sends after a first answer, for multi-turn probes. */
export const followUps: readonly string[] = [
  'Can you make it shorter?',
  'Thanks! Can you give me one more example?',
  'ok and what if I only have 10 minutes?',
  'Could you put that in a list?',
  'That helps. What would you do first?',
  'Can you explain the second point a bit more?',
  'Is there a cheaper option?',
  'Make it a bit more casual please.',
  'what about for a beginner',
  'Great, and how long would that take?',
]
