import { type ComponentChildren, createContext } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'
import type { ChainStatus, StreamMessage } from '../../../api/types.ts'

/** What the live stream has told the page so far. */
export type LiveState = {
  connection: 'connecting' | 'live' | 'reconnecting'
  indexedHeight: string | null
  /** Whether the explorer's indexer reaches the chain node; null until the stream said. */
  chain: ChainStatus | null
  /** Bumped on every batch of new ledger events: pages refetch their data. */
  eventsVersion: number
  /** Bumped when only the indexed height moved, or the chain was lost or regained: pages that show the head refetch. */
  headVersion: number
  /** Bumped when the stream reconnects (it may have missed messages): every page refetches. */
  reconnectVersion: number
  /** Event names of the last batch, for the screen-reader announcement. */
  lastEventNames: string[]
}

const initial: LiveState = {
  connection: 'connecting',
  indexedHeight: null,
  chain: null,
  eventsVersion: 0,
  headVersion: 0,
  reconnectVersion: 0,
  lastEventNames: [],
}
const LiveContext = createContext<LiveState>(initial)

/**
 * Subscribes once to `/api/stream` (Server-Sent Events; the browser reconnects by itself) and shares what
 * arrives with every page.
 *
 * @example
 * render(<LiveProvider><App /></LiveProvider>, root)
 */
export function LiveProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState(initial)
  useEffect(() => {
    const source = new EventSource('api/stream')
    const onMessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as StreamMessage
      setState((s) => ({ ...s, connection: 'live', ...applyMessage(s, message) }))
    }
    source.addEventListener('events', onMessage)
    source.addEventListener('head', onMessage)
    source.addEventListener('chain', onMessage)
    let hasOpened = false
    // Whatever happened while the stream was down went unannounced: a reconnection refetches every page.
    source.onopen = () => {
      const isReconnection = hasOpened
      hasOpened = true
      setState((s) => ({
        ...s,
        connection: 'live',
        reconnectVersion: isReconnection ? s.reconnectVersion + 1 : s.reconnectVersion,
      }))
    }
    source.onerror = () => setState((s) => ({ ...s, connection: 'reconnecting' }))
    return () => source.close()
  }, [])
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>
}

function applyMessage(s: LiveState, message: StreamMessage): Partial<LiveState> {
  if (message.type === 'chain') {
    // The node lost or back: pages that show the head refetch (a quiet chain would send no head message).
    const hasChanged = s.chain !== null && s.chain.state !== message.chain.state
    return {
      chain: message.chain,
      indexedHeight: message.indexedHeight,
      headVersion: hasChanged ? s.headVersion + 1 : s.headVersion,
    }
  }
  if (message.type === 'head') return { indexedHeight: message.indexedHeight, headVersion: s.headVersion + 1 }
  return {
    indexedHeight: message.indexedHeight,
    eventsVersion: s.eventsVersion + 1,
    lastEventNames: message.eventNames,
  }
}

/**
 * The live stream's state.
 *
 * @example
 * const { indexedHeight } = useLive()
 */
export function useLive(): LiveState {
  return useContext(LiveContext)
}
