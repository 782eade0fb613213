import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { ChartTable } from './ChartTable.tsx'
import { type ChartProps, toData, toOptions } from './chartOptions.ts'

export { type ChartProps, type ChartSeries, chartColors } from './chartOptions.ts'

/**
 * A uPlot chart in a `<figure>` with a caption, a text summary as its accessible name, and the data as a
 * table in a disclosure, so the chart is never the only way to read the numbers.
 *
 * @example
 * <Chart title="Difficulty" summary="…" x={{ label: 'session', values }} y={{ label: 'relays' }} series={[…]} />
 */
export function Chart(props: ChartProps) {
  const holder = useRef<HTMLDivElement>(null)
  // Rebuild the plot only when the numbers change, not on every render of the page around it.
  const dataKey = JSON.stringify([props.x.values, props.series.map((s) => s.values)])
  useEffect(() => {
    const target = holder.current
    if (!target || props.x.values.length === 0) return
    const plot = new uPlot(toOptions(props, target.clientWidth), toData(props), target)
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: target.clientWidth, height: props.height ?? 260 }),
    )
    observer.observe(target)
    return () => {
      observer.disconnect()
      plot.destroy()
    }
  }, [dataKey])
  const id = `chart-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{props.title}</figcaption>
      {props.x.values.length === 0 ? (
        <p class="empty">No data yet.</p>
      ) : (
        <div ref={holder} class="chart-canvas" role="img" aria-label={`${props.title}. ${props.summary}`} />
      )}
      <ChartTable {...props} />
    </figure>
  )
}
