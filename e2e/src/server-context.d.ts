// Specs that run the app in-process reuse the server's test helpers, which read these from the integration
// project's global setup; the e2e program needs their declaration to type-check those files (never provided here).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
    pgliteTemplate: string;
  }
}
