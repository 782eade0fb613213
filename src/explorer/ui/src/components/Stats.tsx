import type { ComponentChildren } from 'preact'

/** One figure of a stats grid. */
export type StatItem = { label: string; value: ComponentChildren; hint?: ComponentChildren }

/**
 * A grid of labelled figures, as a description list (label → value) so assistive tech reads the pairs.
 *
 * @example
 * <Stats label="Network" items={[{ label: 'Height', value: '101' }]} />
 */
export function Stats({ label, items }: { label: string; items: StatItem[] }) {
  return (
    <dl class="stats" aria-label={label}>
      {items.map((item) => (
        <div class="stat" key={item.label}>
          <dt>{item.label}</dt>
          <dd>
            <span class="stat-value">{item.value}</span>
            {item.hint ? <span class="stat-hint">{item.hint}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  )
}
