// Validation errors of routes whose `limit` range differs from the lists' (PARAM_RULES.limit):
// such routes validate with attachValidation and turn the failure into our 400 here, so the
// message names their own range.
import { HttpError } from "../http/httpError.ts";
import { invalidParameter, validationErrorBody } from "./errors.ts";
import { limitRule } from "./schemas.ts";

export function validationErrorWithLimit(err: Error, maxLimit: number): HttpError {
  const validation = ((err as { validation?: unknown }).validation ?? []) as Parameters<
    typeof validationErrorBody
  >[0];
  const body = validationErrorBody(validation);
  if (body.parameter === "limit") return invalidParameter("limit", `limit must be ${limitRule(maxLimit)}`);
  return new HttpError("invalid-parameter", body.message, { parameter: body.parameter });
}
