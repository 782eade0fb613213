import type { ComponentChildren } from 'preact'

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
 * Wide tables scroll inside their own focusable region instead of widening the page.
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
  if (rows.length === 0) return <p class="empty">{empty}</p>
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="table-scroll" aria-label={caption} tabIndex={0}>
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
    </section>
  )
}
