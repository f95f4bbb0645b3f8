/** A child of `h`: nodes, or text (never parsed as HTML). Falsy children are skipped. */
export type Child = Node | string | number | false | null | undefined

type Props = {
  /** Sets `data-testid`, the stable hook of the Playwright tests. */
  testid?: string | undefined
  class?: string | undefined
  onclick?: ((event: MouseEvent) => void) | undefined
  oninput?: ((event: Event) => void) | undefined
  onsubmit?: ((event: SubmitEvent) => void) | undefined
  [attribute: string]: string | number | boolean | undefined | ((event: never) => void)
}

/**
 * Creates an element. Strings become text nodes, so dapp-supplied text can never inject markup.
 *
 * @example
 * h('button', { testid: 'approve', onclick: approve }, 'Approve')
 */
export function h<tag extends keyof HTMLElementTagNameMap>(
  tag: tag,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[tag] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    if (typeof value === 'function') element.addEventListener(name.slice(2), value as EventListener)
    else if (name === 'testid') element.dataset['testid'] = String(value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  append(element, children)
  return element
}

/** Appends children (see `Child`). */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren()
  append(parent, children)
}
