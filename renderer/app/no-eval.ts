/**
 * Imported first by the entry: zod's validators otherwise probe for eval (`new Function`) when the
 * engine's document schema is built, which the page's Content-Security-Policy forbids and reports.
 */
import { config } from 'zod';

config({ jitless: true });
