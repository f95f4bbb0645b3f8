import { expect, it } from 'vitest'
import * as cluster from './index.js'

it('exports exactly the public API', () => {
  expect(Object.keys(cluster).sort()).toMatchInlineSnapshot(`
    [
      "ConfirmationTimeoutError",
      "InvalidClusterOptionError",
      "JsonRpcError",
      "confirmByPolling",
      "defaultMaxAirdropLamports",
      "jsonRpcErrorCode",
      "parseClusterArgs",
      "parseFundSpec",
      "parseSolAmount",
      "startCluster",
    ]
  `)
})
