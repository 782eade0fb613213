import { shortHex } from '../app/format.ts'

/**
 * A hash or address: shortened, monospaced, the full value in its title and accessible name; a link
 * when `href` is given.
 *
 * @example
 * <Hex value={supplier.operator} href={href('suppliers', supplier.operator)} />
 */
export function Hex({ value, href, full = false }: { value: string; href?: string; full?: boolean }) {
  const text = full ? value : shortHex(value)
  if (href)
    return (
      <a class="hex" href={href} title={value} aria-label={value}>
        {text}
      </a>
    )
  return (
    <code class="hex" title={value}>
      {text}
    </code>
  )
}
