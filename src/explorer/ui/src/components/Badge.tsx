const tones: Record<string, string> = {
  settled: 'good',
  proven: 'info',
  pass: 'good',
  staked: 'good',
  ok: 'good',
  claimed: 'neutral',
  unbonding: 'warn',
  expired: 'bad',
  fail: 'bad',
  withdrawn: 'neutral',
  'not committed': 'warn',
}

/**
 * A status word in a coloured pill; the word itself carries the meaning, the colour only repeats it.
 *
 * @example
 * <Badge value="settled" />
 */
export function Badge({ value }: { value: string }) {
  return <span class={`badge badge-${tones[value.toLowerCase()] ?? 'neutral'}`}>{value}</span>
}
