import { render } from 'preact'
import { App } from './app/App.tsx'
import { LiveProvider } from './app/live.tsx'
import './styles.css'

const root = document.getElementById('app')
if (root)
  render(
    <LiveProvider>
      <App />
    </LiveProvider>,
    root,
  )
