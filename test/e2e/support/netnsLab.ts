import { execFileSync } from 'node:child_process'
import { randomBytes, randomInt } from 'node:crypto'

/** One host of the lab: a network namespace with one interface on the lab's private subnet. */
export type LabHost = {
  name: string
  namespace: string
  address: string
  /** Its cable's end on the switch, to cut it (a partition). */
  switchPort: string
  /** Prefix that runs a command on this host. */
  launcher: string[]
}

/** Hosts on one switch (a bridge in its own namespace); this process is the client host. */
export type NetnsLab = {
  clientAddress: string
  hosts: Record<string, LabHost>
  /** Unplugs a host's cable from the switch: nothing reaches it, it reaches nothing. */
  partition(host: LabHost): void
  /** Removes a host's namespace (its processes must be gone first): the host no longer exists. */
  removeHost(host: LabHost): void
  /** Removes every namespace and cable. Idempotent. */
  destroy(): void
}

/**
 * Fails loudly (never skips) when this machine cannot make network namespaces: the multi-host test needs
 * `ip` (iproute2), root, and the right to create namespaces (CAP_NET_ADMIN, CAP_SYS_ADMIN): it makes and
 * deletes one to be sure.
 *
 * @throws {Error} naming what is missing
 * @example
 * assertNetnsAvailable()
 */
export function assertNetnsAvailable(): void {
  if (process.getuid?.() !== 0)
    throw new Error(
      'the multi-host test needs root to create network namespaces (run the tests as root, e.g. in the CI container)',
    )
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' })
  } catch {
    throw new Error('the multi-host test needs iproute2 (`ip netns`); install it: apt-get install iproute2')
  }
  // Root is not enough in a container without CAP_NET_ADMIN (or CAP_SYS_ADMIN to mount /run/netns):
  // only creating a namespace, as the lab will, shows whether it can.
  const probe = `decai-probe-${randomBytes(3).toString('hex')}`
  try {
    execFileSync('ip', ['netns', 'add', probe], { stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (cause) {
    const reason = String((cause as { stderr?: unknown }).stderr ?? '').trim()
    throw new Error(
      `the multi-host test cannot create a network namespace (\`ip netns add\`: ${reason || 'failed'}); it needs root with CAP_NET_ADMIN and CAP_SYS_ADMIN, e.g. a container run with --cap-add NET_ADMIN --cap-add SYS_ADMIN (or --privileged)`,
      { cause },
    )
  }
  execFileSync('ip', ['netns', 'delete', probe], { stdio: 'ignore' })
}

/**
 * Builds the lab: a switch namespace with a bridge, one namespace per host with an address on a random
 * private /24, and a cable from this process's namespace so that the test can act as a client.
 *
 * @param hostNames - the hosts to create
 * @returns the lab
 * @example
 * const lab = createNetnsLab(['chain', 'supplier-1', 'gateway'])
 */
export function createNetnsLab(hostNames: readonly string[]): NetnsLab {
  const id = randomBytes(2).toString('hex')
  const prefix = `10.${100 + randomInt(150)}.${randomInt(250)}`
  const switchNs = `decai-${id}-switch`
  const namespaces: string[] = []
  const clientCable = `dk${id}0b`
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  const destroy = () => {
    for (const ns of [...namespaces, switchNs]) runQuietly(() => ip('netns', 'del', ns))
    runQuietly(() => ip('link', 'del', clientCable))
  }
  try {
    ip('netns', 'add', switchNs)
    ip('-n', switchNs, 'link', 'add', 'br0', 'type', 'bridge')
    ip('-n', switchNs, 'link', 'set', 'br0', 'up')
    const plug = (index: number, namespace: string | undefined, address: string) => {
      const [switchEnd, hostEnd] = [`dk${id}${index}a`, `dk${id}${index}b`]
      ip('link', 'add', switchEnd, 'type', 'veth', 'peer', 'name', hostEnd)
      ip('link', 'set', switchEnd, 'netns', switchNs)
      ip('-n', switchNs, 'link', 'set', switchEnd, 'master', 'br0')
      ip('-n', switchNs, 'link', 'set', switchEnd, 'up')
      const inHost = namespace ? ['-n', namespace] : []
      if (namespace) ip('link', 'set', hostEnd, 'netns', namespace)
      ip(...inHost, 'addr', 'add', `${address}/24`, 'dev', hostEnd)
      ip(...inHost, 'link', 'set', hostEnd, 'up')
      return switchEnd
    }
    plug(0, undefined, `${prefix}.1`)
    const hosts: Record<string, LabHost> = {}
    hostNames.forEach((name, i) => {
      const namespace = `decai-${id}-${name}`
      ip('netns', 'add', namespace)
      namespaces.push(namespace)
      ip('-n', namespace, 'link', 'set', 'lo', 'up')
      const address = `${prefix}.${10 + i}`
      const switchPort = plug(i + 1, namespace, address)
      hosts[name] = { name, namespace, address, switchPort, launcher: ['ip', 'netns', 'exec', namespace] }
    })
    return {
      clientAddress: `${prefix}.1`,
      hosts,
      partition: (host) => ip('-n', switchNs, 'link', 'set', host.switchPort, 'down'),
      removeHost: (host) => ip('netns', 'del', host.namespace),
      destroy,
    }
  } catch (error) {
    destroy()
    throw error
  }
}

function runQuietly(run: () => unknown): void {
  try {
    run()
  } catch {
    // Already gone.
  }
}
