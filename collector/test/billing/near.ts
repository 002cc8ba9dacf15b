// Float comparison for test assertions: the doc's expected numbers are printed with 2–4 decimals.
export interface Asserter {
  ok(value: boolean, message: string): unknown;
}

export function near(t: Asserter, actual: number, expected: number, eps: number, message: string): void {
  t.ok(Math.abs(actual - expected) <= eps, `${message}: ${actual} ≈ ${expected} (±${eps})`);
}
