export { OcrEngine } from './ocr-engine';
export type { OcrEngineOptions, OcrModelPaths } from './config';
export { checksumsFromFile, defaultModelPaths } from './default-model-paths';
export { OcrError, type OcrErrorCode } from './errors';
export * from './result';
