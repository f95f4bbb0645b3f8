import { expect, it } from 'vitest'
import * as exports from './index.js'

it('exports exactly this list (an accidental API change fails here)', () => {
  expect(Object.keys(exports).sort()).toMatchInlineSnapshot(`
    [
      "createStandardWallet",
      "initialWalletMachineState",
      "registerDapplinkWallets",
      "walletMachine",
    ]
  `)
})
