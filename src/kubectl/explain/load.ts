/**
 * The explain data is large (every field description of the kinds this console knows) and only
 * `kubectl explain` needs it, so it is a chunk of its own, loaded with `import()` the first time
 * a line may run explain. Commands run synchronously: whoever runs lines awaits
 * {@link loadExplainSchema} first (the lab session's `prepare`, the transcript runner, tests).
 */
import type { ExplainSchema } from './schema.ts';

let loaded: ExplainSchema | undefined;
let loading: Promise<ExplainSchema> | undefined;

/** Loads the explain data (once); resolves with it. */
export function loadExplainSchema(): Promise<ExplainSchema> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('./explainSchema.generated.ts').then(
    (mod) => {
      loaded = mod.default;
      return loaded;
    },
    (err: unknown) => {
      // A chunk that failed to load (offline) is tried again next time.
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** The explain data if it is loaded already. */
export function explainSchemaIfLoaded(): ExplainSchema | undefined {
  return loaded;
}
