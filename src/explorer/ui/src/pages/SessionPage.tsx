import type { SessionClaimView, SessionView } from '../../../api/types.ts'
import { formatInt } from '../app/format.ts'
import { href, readBefore, useRoute, withBefore } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Badge } from '../components/Badge.tsx'
import { CapNote } from '../components/CapNote.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { LeafDetails } from '../components/LeafDetails.tsx'
import { Page, Section } from '../components/Page.tsx'
import { Pager } from '../components/Pager.tsx'
import { ResourceView } from '../components/ResourceView.tsx'
import { Stats } from '../components/Stats.tsx'

const phaseText: Record<SessionView['phase'], string> = {
  future: 'not started',
  active: 'accepting relays',
  grace: 'grace period (last relays)',
  claiming: 'claim window open',
  proving: 'proof window open',
  settleable: 'settleable',
}

/** One session: timeline and phase, seeds, members of each application's session, claims and proof leaves. */
export function SessionPage({ session }: { session: string }) {
  const before = readBefore(useRoute())
  const view = useApi<SessionView>(withBefore(`api/sessions/${encodeURIComponent(session)}`, before), 'head')
  return (
    <Page title={`Session ${session}`}>
      <ResourceView resource={view}>
        {(s) => <Session view={s} isOlder={before !== undefined} />}
      </ResourceView>
    </Page>
  )
}

function Session({ view, isOlder }: { view: SessionView; isOlder: boolean }) {
  return (
    <>
      <TimelineSection view={view} />
      <MembersSection view={view} />
      <Section id="claims" title="Claims and proofs">
        <CapNote shown={view.claims.length} total={view.claimTotal} noun="claims" isOlder={isOlder} />
        {view.claims.length === 0 ? (
          <p class="empty">No claims in this session.</p>
        ) : (
          view.claims.map((c) => <ClaimCard key={c.claimKey} claim={c} />)
        )}
        <Pager nextBefore={view.nextBefore} label="Older claims" />
      </Section>
    </>
  )
}

function TimelineSection({ view }: { view: SessionView }) {
  const t = view.timeline
  return (
    <Section id="timeline" title="Timeline">
      <Stats
        label="Timeline"
        items={[
          { label: 'Phase', value: phaseText[view.phase] },
          { label: 'Blocks', value: `${t.startHeight}–${t.endHeight}` },
          { label: 'Claim window', value: `${t.claimWindowOpenHeight}–${t.claimWindowCloseHeight}` },
          { label: 'Proof window', value: `${t.proofWindowOpenHeight}–${t.proofWindowCloseHeight}` },
          { label: 'Settleable from', value: t.settlementHeight },
          { label: 'Session seed', value: view.seed ? <Hex value={view.seed} /> : 'not recorded' },
          { label: 'Proof seed', value: view.proofSeed ? <Hex value={view.proofSeed} /> : 'not recorded' },
        ]}
      />
      <p>
        {Number(view.number) > 1 ? (
          <a href={href('sessions', Number(view.number) - 1)}>← Session {Number(view.number) - 1}</a>
        ) : null}{' '}
        <a href={href('sessions', Number(view.number) + 1)}>Session {Number(view.number) + 1} →</a>
      </p>
    </Section>
  )
}

function MembersSection({ view }: { view: SessionView }) {
  return (
    <Section id="members" title="Members">
      <DataTable
        caption="Suppliers of each application's session"
        rows={view.pairs}
        rowKey={(p) => `${p.application}-${p.serviceId}`}
        empty="No application was active in this session."
        columns={[
          {
            header: 'Application',
            cell: (p) => <Hex value={p.application} href={href('applications', p.application)} />,
          },
          { header: 'Service', cell: (p) => <a href={href('services', p.serviceId)}>{p.serviceId}</a> },
          { header: 'Session id', cell: (p) => (p.sessionId ? <Hex value={p.sessionId} /> : '—') },
          { header: 'Staked suppliers', isNumeric: true, cell: (p) => p.numSuppliers ?? '—' },
          {
            header: 'Members',
            cell: (p) =>
              p.members === null ? (
                <span class="muted">{p.error ?? 'unknown'}</span>
              ) : p.members.length === 0 ? (
                'none'
              ) : (
                <ul class="members">
                  {p.members.map((m) => (
                    <li key={m.operator}>
                      <Hex value={m.operator} href={href('suppliers', m.operator)} />{' '}
                      <code>{m.endpoint}</code>
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </Section>
  )
}

function ClaimCard({ claim }: { claim: SessionClaimView }) {
  return (
    <article class="claim" aria-label={`Claim of supplier ${claim.supplier}`}>
      <h3>
        Claim of <Hex value={claim.supplier} href={href('suppliers', claim.supplier)} />{' '}
        <Badge value={claim.status} />
      </h3>
      <Stats
        label="Claim"
        items={[
          { label: 'Service', value: claim.serviceId },
          { label: 'Compute units', value: formatInt(claim.computeUnits) },
          { label: 'Mined relays', value: formatInt(claim.relays) },
          { label: 'Root', value: <Hex value={claim.root} /> },
          { label: 'Claim key', value: <Hex value={claim.claimKey} /> },
        ]}
      />
      {claim.proof ? (
        claim.proof.leaf ? (
          <LeafDetails leaf={claim.proof.leaf} />
        ) : (
          <p class="notice notice-warn">
            The proof was accepted, but its leaf cannot be shown: {claim.proof.leafError}
          </p>
        )
      ) : (
        <p class="muted">No proof submitted.</p>
      )}
    </article>
  )
}
