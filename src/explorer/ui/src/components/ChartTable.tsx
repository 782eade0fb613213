import type { ChartProps, ChartSeries } from './chartOptions.ts'

/**
 * A chart's data as a table in a disclosure: the accessible (and exact) reading of the plot.
 *
 * @example
 * <ChartTable {...props} />
 */
export function ChartTable(props: ChartProps) {
  if (props.x.values.length === 0) return null
  const format = (s: ChartSeries, v: number | null | undefined) =>
    v === null || v === undefined ? '—' : (s.format ?? String)(v)
  return (
    <details class="chart-data">
      <summary>Data table: {props.title}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{props.x.label}</th>
            {props.series.map((s) => (
              <th scope="col" class="num" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.x.values.map((x, i) => (
            <tr key={i}>
              <th scope="row">{(props.x.format ?? String)(x)}</th>
              {props.series.map((s) => (
                <td class="num" key={s.label}>
                  {format(s, (s.shown ?? s.values)[i])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
