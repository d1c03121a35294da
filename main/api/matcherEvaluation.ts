/** The matcher's evaluation on labelled sets, for `crosscheck eval-matcher` (the shells reach matching only through main/api). */
export { evaluateSets, evaluationSetFiles, KIND_BUCKETS, loadEvaluationSet, UNLABELLED, type EvaluationResult } from '../matching/evaluation.ts';
