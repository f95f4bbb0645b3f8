import { expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { validateRedirectLink } from './validateRedirectLink.js'

test.each([
  'https://dapp.example/callback',
  'http://localhost:5173/cb?request=1#top',
  'myapp://callback?x=1',
  'exp+myapp://expo-development-client/?url=a',
  'myapp:callback',
])('accepts %s unchanged', (link) => {
  expect(validateRedirectLink(link, 4096)).toBe(link)
})

test.each([
  ['', /is empty/],
  ['/callback', /not an absolute URL/],
  ['dapp.example/callback', /not an absolute URL/],
  ['javascript:alert(1)', /forbidden scheme "javascript:"/],
  ['JAVASCRIPT:alert(1)', /forbidden scheme/],
  ['data:text/html,hi', /forbidden scheme/],
  ['file:///etc/passwd', /forbidden scheme/],
  ['intent://scan/#Intent;scheme=zxing;package=com.evil;end', /forbidden scheme "intent:"/],
  ['content://com.android.contacts/data', /forbidden scheme/],
  ['tel:+15555550100', /forbidden scheme/],
  ['ws://dapp.example/socket', /forbidden scheme/],
  ['https://dapp.example/cb?data=1', /already has a "data" query parameter/],
  ['https://dapp.example/cb?errorCode=1', /already has a "errorCode"/],
  ['https://dapp.example/cb?phantom_encryption_public_key=1', /already has/],
  [`https://dapp.example/${'a'.repeat(5000)}`, /too long/],
])('refuses %j', (link, message) => {
  expect(() => validateRedirectLink(link, 4096)).toThrow(message)
  expect(() => validateRedirectLink(link, 4096)).toThrow(InvalidRequestError)
})
