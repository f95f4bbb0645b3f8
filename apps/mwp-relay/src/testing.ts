export {
  mwpRelayCliPath,
  type SpawnedMwpRelay,
  type SpawnMwpRelayOptions,
  spawnMwpRelay,
} from './testing/spawnMwpRelay.js'
