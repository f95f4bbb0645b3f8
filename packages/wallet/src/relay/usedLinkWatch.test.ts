import { describe, expect, it } from 'vitest'
import { stepUsedLinkWatch, type UsedLinkWatchInput, type UsedLinkWatchState } from './usedLinkWatch.js'

const grace = 1_000
const run = (inputs: UsedLinkWatchInput[], from: UsedLinkWatchState = { step: 'waiting' }) => {
  let state = from
  const verdicts: string[] = []
  let deadline: number | undefined
  for (const input of inputs) {
    const step = stepUsedLinkWatch(state, input, grace)
    state = step.state
    deadline = step.deadline
    if (step.verdict) verdicts.push(step.verdict)
  }
  return { state, verdicts, deadline }
}

describe('stepUsedLinkWatch', () => {
  it.each<[string, UsedLinkWatchInput[], string, string[], number | undefined]>([
    [
      'a channel the relay keeps refusing past the grace is gone',
      [
        { type: 'joinRefused', code: 'unknown_channel', at: 0 },
        { type: 'joinRefused', code: 'unknown_channel', at: 400 },
        { type: 'tick', at: 1_000 },
      ],
      'used',
      ['channel-gone'],
      undefined,
    ],
    [
      'a refusal after the grace decides without a tick',
      [
        { type: 'joinRefused', code: 'unknown_channel', at: 100 },
        { type: 'joinRefused', code: 'unknown_channel', at: 1_150 },
      ],
      'used',
      ['channel-gone'],
      undefined,
    ],
    [
      'a channel the dapp creates within the grace is fine (the wallet scanned early)',
      [
        { type: 'joinRefused', code: 'unknown_channel', at: 0 },
        { type: 'joined', dappPresent: true, at: 600 },
        { type: 'dappAnswered' },
        { type: 'tick', at: 5_000 },
      ],
      'answered',
      [],
      undefined,
    ],
    [
      'a channel paired with another wallet (pairing_used) is busy at once, without the grace',
      [
        { type: 'joined', dappPresent: true, at: 0 },
        { type: 'joinRefused', code: 'pairing_used', at: 10, dappPresent: true },
      ],
      'used',
      ['dapp-busy'],
      undefined,
    ],
    [
      'a paired channel whose dapp is not there (pairing_used, no dapp) is gone at once',
      [{ type: 'joinRefused', code: 'pairing_used', at: 10, dappPresent: false }],
      'used',
      ['dapp-gone'],
      undefined,
    ],
    [
      'a present dapp that ignores HELLO past the grace is busy with another wallet',
      [
        { type: 'joined', dappPresent: true, at: 0 },
        { type: 'tick', at: 1_000 },
      ],
      'used',
      ['dapp-busy'],
      undefined,
    ],
    [
      'a dapp that joins its channel within the grace starts the HELLO clock then',
      [
        { type: 'joined', dappPresent: false, at: 0 },
        { type: 'dappPresence', present: true, at: 600 },
      ],
      'dappSilent',
      [],
      1_600,
    ],
    [
      'a channel whose dapp stays away past the grace: the dapp is gone (a lost leave)',
      [
        { type: 'joined', dappPresent: false, at: 0 },
        { type: 'tick', at: 1_000 },
      ],
      'used',
      ['dapp-gone'],
      undefined,
    ],
    [
      'a dapp that leaves starts the absence clock',
      [
        { type: 'joined', dappPresent: true, at: 0 },
        { type: 'dappPresence', present: false, at: 500 },
        { type: 'tick', at: 1_000 },
      ],
      'dappAbsent',
      [],
      1_500,
    ],
    [
      'a re-join keeps the earlier start of a silent dapp',
      [
        { type: 'joined', dappPresent: true, at: 0 },
        { type: 'joined', dappPresent: true, at: 800 },
      ],
      'dappSilent',
      [],
      1_000,
    ],
    [
      'other refusals (rate limits, outages) are no evidence',
      [
        { type: 'joinRefused', code: 'rate_limited', at: 0 },
        { type: 'joinRefused', code: 'unavailable', at: 5_000 },
      ],
      'waiting',
      [],
      undefined,
    ],
    [
      'nothing more happens once the dapp answered',
      [
        { type: 'dappAnswered' },
        { type: 'joinRefused', code: 'unknown_channel', at: 0 },
        { type: 'joinRefused', code: 'unknown_channel', at: 9_000 },
      ],
      'answered',
      [],
      undefined,
    ],
  ])('%s', (_name, inputs, step, verdicts, deadline) => {
    const result = run(inputs)
    expect(result.state.step).toBe(step)
    expect(result.verdicts).toEqual(verdicts)
    expect(result.deadline).toBe(deadline)
  })

  it('gives its verdict once', () => {
    const result = run([
      { type: 'joinRefused', code: 'unknown_channel', at: 0 },
      { type: 'tick', at: 1_000 },
      { type: 'tick', at: 2_000 },
      { type: 'joinRefused', code: 'unknown_channel', at: 3_000 },
    ])
    expect(result.verdicts).toEqual(['channel-gone'])
  })
})
