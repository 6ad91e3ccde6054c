/**
 * The entry to reading one document, kept for the format readers that import it: the stages
 * themselves are listed in pipeline.ts and live in stages/.
 */
export { buildDocument } from './pipeline';
export type { RawDoc, RawPara } from './stages/rawDoc';
export { isAttributionTag } from './stages/attribution';
