// Loads every CommonJS entry with require(esm) switched off, as on Node < 20.19 or in Jest's CommonJS
// runtime: a dependency that ships ESM only and is not inlined fails here (ERR_REQUIRE_ESM).
const { exports: entries } = require('../package.json')

for (const [subpath, conditions] of Object.entries(entries)) {
  if (typeof conditions === 'string') continue
  const loaded = require(`../${conditions.require.default}`)
  if (Object.keys(loaded).length === 0)
    throw new Error(`require('@dapplink/wallet${subpath.slice(1)}') exported nothing`)
}
console.log(`require() without ES module support: ${Object.keys(entries).length - 1} entries load`)
