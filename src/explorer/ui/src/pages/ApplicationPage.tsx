import type { ApplicationDetail } from '../../../api/types.ts'
import { formatTokenNumber, formatTokens, toTokenNumber } from '../app/format.ts'
import { href, readBefore, useRoute, withBefore } from '../app/router.ts'
import { useApi } from '../app/useApi.ts'
import { Badge } from '../components/Badge.tsx'
import { CapNote } from '../components/CapNote.tsx'
import { Chart, chartColors } from '../components/Chart.tsx'
import { ClaimTable } from '../components/ClaimTable.tsx'
import { Hex } from '../components/Hex.tsx'
import { Page, Section } from '../components/Page.tsx'
import { Pager } from '../components/Pager.tsx'
import { ResourceView } from '../components/ResourceView.tsx'
import { Stats } from '../components/Stats.tsx'

/** One application: stake, gateways, the stake spent over time, and the claims against it. */
export function ApplicationPage({ address }: { address: string }) {
  const before = readBefore(useRoute())
  const application = useApi<ApplicationDetail>(withBefore(`api/applications/${address}`, before))
  return (
    <Page title={`Application ${address.slice(0, 10)}…`}>
      <ResourceView resource={application}>
        {(view) => <Application view={view} isOlder={before !== undefined} />}
      </ResourceView>
    </Page>
  )
}

function Application({ view, isOlder }: { view: ApplicationDetail; isOlder: boolean }) {
  return (
    <>
      <StakeSection view={view} />
      <SpentSection view={view} />
      <Section id="claims" title="Claims against this application">
        <CapNote shown={view.claimList.length} total={view.claimTotal} noun="claims" isOlder={isOlder} />
        <ClaimTable
          caption={`${isOlder ? 'Older' : 'Latest'} claims against this application`}
          rows={view.claimList}
        />
        <Pager nextBefore={view.nextBefore} label="Older claims" />
      </Section>
    </>
  )
}

function StakeSection({ view }: { view: ApplicationDetail }) {
  return (
    <Section id="stake" title="Stake">
      <dl class="pairs">
        <dt>Application</dt>
        <dd>
          <Hex value={view.application} full />
        </dd>
      </dl>
      <Stats
        label="Stake"
        items={[
          { label: 'Service', value: <a href={href('services', view.serviceId)}>{view.serviceId}</a> },
          {
            label: 'Stake',
            value: `${formatTokens(view.stake, 6)} DECAI`,
            hint: <Badge value={view.status} />,
          },
          { label: 'Spent', value: `${formatTokens(view.burned, 6)} DECAI`, hint: 'burned at settlement' },
        ]}
      />
      <h3>Delegated gateways</h3>
      {view.gateways.length === 0 ? (
        <p class="empty">None: the application signs its own relays.</p>
      ) : (
        <ul class="uris">
          {view.gateways.map((g) => (
            <li key={g}>
              <Hex value={g} full />
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

function SpentSection({ view }: { view: ApplicationDetail }) {
  const tokens = (amount: string) => toTokenNumber(amount, 6)
  return (
    <Section id="spent" title="Stake spent over time">
      <Chart
        title="Stake and spending over time"
        summary={`The application has spent ${formatTokens(view.burned, 6)} DECAI; ${formatTokens(view.stake, 6)} DECAI remain staked.`}
        x={{ label: 'Block', values: view.series.map((p) => Number(p.blockNumber)) }}
        y={{ label: 'Spent (DECAI)', format: formatTokenNumber }}
        y2={{
          label: 'Stake (DECAI)',
          min: 0,
          max: Math.max(...view.series.map((p) => tokens(p.stake)), 1) * 1.1,
        }}
        series={[
          {
            label: 'Spent',
            kind: 'step',
            color: chartColors.vermillion,
            values: view.series.map((p) => tokens(p.burnedCumulative)),
            format: formatTokenNumber,
          },
          {
            label: 'Stake',
            kind: 'step',
            scale: 'y2',
            color: chartColors.blue,
            values: view.series.map((p) => tokens(p.stake)),
            format: formatTokenNumber,
          },
        ]}
      />
    </Section>
  )
}
