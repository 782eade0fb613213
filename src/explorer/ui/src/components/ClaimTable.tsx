import type { ClaimRow } from '../../../api/types.ts'
import { formatInt, formatTokens } from '../app/format.ts'
import { href } from '../app/router.ts'
import { Badge } from './Badge.tsx'
import { DataTable } from './DataTable.tsx'
import { Hex } from './Hex.tsx'

/**
 * Claims as a table: session, service, parties, claimed compute units and mined relays, status, tokens.
 *
 * @example
 * <ClaimTable caption="Claims" rows={supplier.claimList} />
 */
export function ClaimTable({ caption, rows }: { caption: string; rows: ClaimRow[] }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(c) => c.claimKey}
      empty="No claims yet."
      columns={[
        {
          header: 'Session',
          isNumeric: true,
          cell: (c) => <a href={href('sessions', c.session)}>{c.session}</a>,
        },
        { header: 'Service', cell: (c) => c.serviceId },
        { header: 'Supplier', cell: (c) => <Hex value={c.supplier} href={href('suppliers', c.supplier)} /> },
        {
          header: 'Application',
          cell: (c) => <Hex value={c.application} href={href('applications', c.application)} />,
        },
        { header: 'Compute units', isNumeric: true, cell: (c) => formatInt(c.computeUnits) },
        { header: 'Mined relays', isNumeric: true, cell: (c) => formatInt(c.relays) },
        { header: 'Status', cell: (c) => <Badge value={c.status} /> },
        {
          header: 'Burned (DECAI)',
          isNumeric: true,
          cell: (c) => (c.burned === null ? '—' : formatTokens(c.burned, 6)),
        },
      ]}
    />
  )
}
