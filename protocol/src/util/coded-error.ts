/**
 * The shape every coded error of the project shares: a catalogue of stable codes with a message each, and an
 * error that carries its code and the catalogue message plus an optional detail. Each layer keeps its own
 * catalogue and class (PkiError, StoreError, …) so callers can tell layers apart with instanceof.
 */
export class CodedError<C extends string> extends Error {
  readonly code: C;

  constructor(catalogue: Readonly<Record<C, string>>, code: C, detail?: string) {
    super(detail ? `${catalogue[code]}: ${detail}` : catalogue[code]);
    this.code = code;
  }
}
