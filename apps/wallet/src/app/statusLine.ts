import { h } from '../ui/h.js'
import type { StatusTone } from './walletContext.js'

/** The wallet's one status line and the function that sets it. */
export type StatusLine = {
  element: HTMLElement
  setStatus: (text: string, tone?: StatusTone) => void
}

/** Creates the status line (`data-testid="status"`, tone in `data-tone`), starting at "Ready.". */
export function createStatusLine(): StatusLine {
  const element = h('p', { class: 'status', testid: 'status', 'data-tone': 'info' }, 'Ready.')
  return {
    element,
    setStatus(text, tone = 'info') {
      element.textContent = text
      element.dataset['tone'] = tone
    },
  }
}
