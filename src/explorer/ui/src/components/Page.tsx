import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

/**
 * A page: its `<h1>`, the document title, and focus moved to the heading when the page opens, so that
 * keyboard and screen-reader users land on the new content after following a link.
 *
 * @example
 * <Page title="Suppliers">…</Page>
 */
export function Page({
  title,
  lead,
  children,
}: {
  title: string
  lead?: ComponentChildren
  children: ComponentChildren
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} · decai explorer`
    heading.current?.focus({ preventScroll: true })
  }, [title])
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p class="lead">{lead}</p> : null}
      {children}
    </>
  )
}

/**
 * A titled section of a page (an `<h2>` and its content, labelled for landmarks navigation).
 *
 * @example
 * <Section id="claims" title="Claims">…</Section>
 */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-title`} class="section">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  )
}
