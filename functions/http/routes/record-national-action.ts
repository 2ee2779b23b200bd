// POST /v1/national/recommendations/{regionId}/{id}/actions: the route record-national-action.ts serves, listed in ../routes.ts.
import { NationalAction, NationalActionBody, RecommendationParams } from '#domain/national.schema';
import type { Route } from '#lib/route';

export const route = {
  operationId: 'recordNationalAction', method: 'POST', path: '/v1/national/recommendations/{regionId}/{id}/actions', auth: true, national: true, successStatus: 201,
  summary: "What the body did about its recommendation (TEGURAN; BKN only BLOKIR_DATA, BUKA_BLOKIR): on the report's timeline, e-mailed to the PPK and agency, sent to Bawaslu's webhook.",
  params: RecommendationParams, body: NationalActionBody, response: NationalAction,
} as const satisfies Route;
