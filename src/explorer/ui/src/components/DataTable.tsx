import type { ComponentChildren } from 'preact'
import { useLayoutEffect, useRef, useState } from 'preact/hooks'

/** A column: its header and how to render a row's cell. */
export type Column<T> = {
  header: string
  cell: (row: T) => ComponentChildren
  isNumeric?: boolean
  /** Free text that may wrap (cells otherwise stay on one line). */
  isProse?: boolean
}

/**
 * A table with a caption and column headers; numeric columns are right-aligned with tabular figures.
 * Wide tables scroll inside their own region instead of widening the page; only a table that does overflow
 * becomes a labelled, focusable region (so the keyboard can scroll it), the others add no tab stop.
 *
 * @example
 * <DataTable caption="Suppliers" rows={suppliers} rowKey={(s) => s.operator} columns={[…]} />
 */
export function DataTable<T>({
  caption,
  rows,
  columns,
  rowKey,
  empty = 'Nothing yet.',
}: {
  caption: string
  rows: T[]
  columns: Column<T>[]
  rowKey: (row: T) => string
  empty?: string
}) {
  const scroller = useRef<HTMLDivElement>(null)
  const isOverflowing = useOverflow(scroller)
  if (rows.length === 0) return <p class="empty">{empty}</p>
  const table = (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.header} class={c.isNumeric ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.header} class={c.isNumeric ? 'num' : c.isProse ? 'prose' : undefined}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
  return isOverflowing ? (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
    <section class="table-scroll" ref={scroller} aria-label={caption} tabIndex={0}>
      {table}
    </section>
  ) : (
    <div class="table-scroll" ref={scroller}>
      {table}
    </div>
  )
}

// Whether the element is wider inside than out, kept up to date as the window or the content resizes.
function useOverflow(ref: { current: HTMLElement | null }): boolean {
  const [isOverflowing, setOverflowing] = useState(false)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const check = () => setOverflowing(element.scrollWidth > element.clientWidth + 1)
    check()
    const observer = new ResizeObserver(check)
    observer.observe(element)
    if (element.firstElementChild) observer.observe(element.firstElementChild)
    return () => observer.disconnect()
  })
  return isOverflowing
}
