import uPlot from 'uplot'

/** One plotted series. `values` are what is drawn; `shown` (default `values`) is what the legend and table say. */
export type ChartSeries = {
  label: string
  values: (number | null)[]
  shown?: (number | null)[]
  color: string
  /** Which y scale: `y` (left axis) or `y2` (right axis). */
  scale?: 'y' | 'y2'
  kind?: 'line' | 'step' | 'bars' | 'points'
  format?: (value: number) => string
}

type Axis = { label: string; min?: number; format?: (value: number) => string }

export type ChartProps = {
  title: string
  /** One sentence for people who cannot see the chart; the data table below has every value. */
  summary: string
  x: { label: string; values: number[]; format?: (value: number) => string }
  y: Axis
  y2?: Axis & { max?: number }
  series: ChartSeries[]
  height?: number
}

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Orange and sky blue are
// darkened (same hues) so that every series reaches 3:1 against the white plot (WCAG 1.4.11); the
// originals, #E69F00 and #56B4E9, reach only 2.3:1.
export const chartColors = {
  blue: '#0072B2',
  orange: '#A86B00',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  sky: '#2E86C1',
}

/**
 * The chart's data in uPlot's column layout (x first).
 *
 * @example
 * new uPlot(toOptions(props, width), toData(props), target)
 */
export function toData(props: ChartProps): uPlot.AlignedData {
  return [props.x.values, ...props.series.map((s) => s.values)] as uPlot.AlignedData
}

// x values are sessions, blocks or settlement numbers: integers, so ticks never fall between them.
const integerSteps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 100_000, 1_000_000]
const axisFont = '13px system-ui, sans-serif'

/**
 * uPlot options for the chart: integer x ticks, left and optional right y axes, series styled by kind,
 * legend values from what each series shows.
 *
 * @example
 * new uPlot(toOptions(props, target.clientWidth), toData(props), target)
 */
export function toOptions(props: ChartProps, width: number): uPlot.Options {
  const hasBars = props.series.some((s) => s.kind === 'bars')
  return {
    width: Math.max(width, 280),
    height: props.height ?? 260,
    scales: {
      // Half a step of room on each side, so edge bars are whole and a single point is not on the frame.
      x: {
        time: false,
        range: (_u, min, max) => [
          min - (hasBars || min === max ? 0.5 : 0),
          max + (hasBars || min === max ? 0.5 : 0),
        ],
      },
      y: { range: (_u, min, max) => [props.y.min ?? Math.min(0, min), max > 0 ? max * 1.1 : 1] },
      ...(props.y2 ? { y2: { range: [props.y2.min ?? 0, props.y2.max ?? 1] as uPlot.Range.MinMax } } : {}),
    },
    axes: toAxes(props),
    series: [
      { label: props.x.label, value: (_u, v) => (v === null ? '—' : (props.x.format ?? String)(v)) },
      ...props.series.map((s) => toSeries(s)),
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  }
}

function toSeries(s: ChartSeries): uPlot.Series {
  const paths =
    s.kind === 'bars'
      ? uPlot.paths.bars?.({ size: [0.6, 48] })
      : s.kind === 'step'
        ? uPlot.paths.stepped?.({ align: 1 })
        : s.kind === 'points'
          ? () => null
          : undefined
  return {
    label: s.label,
    scale: s.scale ?? 'y',
    stroke: s.color,
    width: 2,
    fill: s.kind === 'bars' ? s.color : undefined,
    paths,
    points: {
      show: s.kind !== 'bars',
      size: s.kind === 'points' ? 9 : 6,
      fill: s.kind === 'points' ? s.color : '#fff',
    },
    value: (_u, _v, _si, i) => {
      const shown = i === null ? null : (s.shown ?? s.values)[i]
      return shown === null || shown === undefined ? '—' : (s.format ?? String)(shown)
    },
  }
}

function toAxes(props: ChartProps): uPlot.Axis[] {
  const ticks = (format: ((v: number) => string) | undefined) => (_u: uPlot, values: number[]) =>
    values.map((v) => (format ?? String)(v))
  return [
    {
      label: props.x.label,
      font: axisFont,
      labelFont: axisFont,
      incrs: integerSteps,
      values: ticks(props.x.format),
    },
    {
      label: props.y.label,
      font: axisFont,
      labelFont: axisFont,
      scale: 'y',
      size: 80,
      values: ticks(props.y.format),
    },
    ...(props.y2
      ? [
          {
            label: props.y2.label,
            font: axisFont,
            labelFont: axisFont,
            scale: 'y2',
            side: 1 as const,
            grid: { show: false },
            size: 80,
            values: ticks(props.y2.format),
          },
        ]
      : []),
  ]
}
