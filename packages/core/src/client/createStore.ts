// The store primitive lives in ../store/ (the relay engine and the deeplink client use it too).
export { createStore, type Store, type StoreListener } from '../store/createStore.js'
