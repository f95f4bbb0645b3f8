import { expect, test } from 'vitest'
import { constantTimeEqual } from './constantTimeEqual.js'

test('equal only for the same bytes and length', () => {
  expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true)
  expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false)
  expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false)
  expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true)
})
