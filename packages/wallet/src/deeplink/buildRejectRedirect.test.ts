import { expect, test } from 'vitest'
import { buildRejectRedirect } from './buildRejectRedirect.js'

test('appends errorCode and errorMessage, keeping the link query and fragment byte for byte', () => {
  const answer = buildRejectRedirect('https://dapp.example/cb?request=a%20b&x=1#frag')
  expect(answer).toBe(
    'https://dapp.example/cb?request=a%20b&x=1&errorCode=4001&errorMessage=User+rejected+the+request.#frag',
  )
  const params = new URL(answer).searchParams
  expect(params.get('request')).toBe('a b')
  expect(params.get('errorCode')).toBe('4001')
})

test('custom code and message, custom-scheme links', () => {
  const answer = buildRejectRedirect('myapp://callback', { code: -32601, message: 'No such method & more' })
  expect(answer).toBe('myapp://callback?errorCode=-32601&errorMessage=No+such+method+%26+more')
  expect(buildRejectRedirect('myapp:callback', { code: 4100 })).toMatch(
    /^myapp:callback\?errorCode=4100&errorMessage=/,
  )
})

test('default messages follow the code', () => {
  const params = new URL(buildRejectRedirect('https://d.example/', { code: -32000 })).searchParams
  expect(params.get('errorMessage')).toBe('Missing or invalid parameters.')
})
