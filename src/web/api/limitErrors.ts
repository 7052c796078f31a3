// Validation errors of routes whose `limit` range differs from the lists' (PARAM_RULES.limit):
// such routes validate with attachValidation and turn the failure into our 400 here, so the
// message names their own range.
import { ApiError, invalidParameter, validationErrorBody } from "./errors.ts";
import { limitRule } from "./schemas.ts";

export function validationErrorWithLimit(err: Error, maxLimit: number): ApiError {
  const validation = ((err as { validation?: unknown }).validation ?? []) as Parameters<
    typeof validationErrorBody
  >[0];
  const body = validationErrorBody(validation);
  if (body.parameter === "limit") return invalidParameter("limit", `limit must be ${limitRule(maxLimit)}`);
  return new ApiError(400, body);
}
