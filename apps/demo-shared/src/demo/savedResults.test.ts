import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../testing/memoryStorage.js'
import { clearResults, loadResults, resultsStorageKey, saveResults } from './savedResults.js'

describe('savedResults', () => {
  const results = { message: { text: 'hi', signature: 'sig', verified: true } }

  it('gives the results back to the same account only', () => {
    const storage = memoryStorage()
    saveResults(storage, 'Alice', results)
    expect(loadResults(storage, 'Alice')).toEqual(results)
    expect(loadResults(storage, 'Bob')).toEqual({})
    clearResults(storage)
    expect(loadResults(storage, 'Alice')).toEqual({})
  })

  it('survives corrupt entries and missing storage', () => {
    const storage = memoryStorage()
    storage.items.set(resultsStorageKey, '{nope')
    expect(loadResults(storage, 'Alice')).toEqual({})
    expect(loadResults(undefined, 'Alice')).toEqual({})
    expect(() => saveResults(undefined, 'Alice', results)).not.toThrow()
  })
})
