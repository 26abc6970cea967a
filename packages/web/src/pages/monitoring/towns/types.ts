/**
 * The shapes of /api/monitoring/town-evaluations (P315-7), inferred from the response schemas the server declares
 * (packages/domain/src/monitoring/responses.ts); the request body is the form's own shape.
 */
import type {
  TownContributionResponse,
  TownEvaluationDetailResponse,
  TownEvaluationSummaryResponse,
  TownImportResultResponse,
  TownIndicatorResponse,
  TownScoreResponse,
  TownValuesResponse,
} from '@kechuang/domain';
import type { MonDirection, MonRowError } from '../../../api/types';

export type TownDirection = MonDirection;
export type TownIndicator = TownIndicatorResponse;
export type TownValues = TownValuesResponse;
export type TownContribution = TownContributionResponse;
export type TownScore = TownScoreResponse;
export type TownEvaluationSummary = TownEvaluationSummaryResponse;
export type TownEvaluationDetail = TownEvaluationDetailResponse;
export type TownRowError = MonRowError;
export type TownImportResult = TownImportResultResponse;

export interface TownEvaluationBody {
  title: string;
  year: number;
  indicators: TownIndicator[];
  towns: TownValues[];
}
