/**
 * The shape of the data `kubectl explain` reads (scripts/gen-explain.mjs writes it): the part of
 * the API server's OpenAPI v3 documents that explain's plaintext template looks at.
 */

/**
 * A field: its type code, description, whether it is required (1) and its enum values.
 * Type codes: `s` string, `b` boolean, `i` integer, `[X` a list of X, `{X` a map of X, `@key` the
 * named type `key` of {@link ExplainSchema.types}.
 */
export type ExplainField = readonly [
  type: string,
  description: string,
  required: 0 | 1,
  enumValues?: readonly string[],
];

/** A named schema (`#/components/schemas/…`). */
export interface ExplainType {
  /** The name explain prints for a reference to it (the last part of the schema's name). */
  n: string;
  /** Its OpenAPI `type` when it is not an object (`string` for Time); absent for objects. */
  t?: string;
  /** Its description. */
  d: string;
  /** Its properties, for an object. */
  f?: Readonly<Record<string, ExplainField>>;
}

export interface ExplainSchema {
  /** `group/version/Kind` (core group empty: `/v1/Pod`) → the key of its type. */
  kinds: Readonly<Record<string, string>>;
  types: Readonly<Record<string, ExplainType>>;
}
