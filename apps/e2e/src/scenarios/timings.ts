/** Durations measured by the scenarios, printed at the end of each demo's run. */
export function createTimings(label: string) {
  const values: Record<string, number> = {}
  return {
    values,
    /** Runs `step` and records how long it took, in ms. */
    async measure<T>(name: string, step: () => Promise<T>): Promise<T> {
      const started = Date.now()
      const result = await step()
      values[name] = Date.now() - started
      return result
    },
    print() {
      process.stdout.write(`[e2e] ${label} timings (ms): ${JSON.stringify(values)}\n`)
    },
  }
}
