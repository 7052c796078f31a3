// Validation errors of routes whose parameters follow other rules than the lists' (PARAM_RULES):
// a `limit` with another range, a `p` counted from 1. Such routes validate with attachValidation
// and turn the failure into our 400 here, so the message states their own rule.
import { HttpError } from "../http/httpError.ts";
import { invalidParameter, validationErrorBody } from "./errors.ts";
import { limitRule } from "./schemas.ts";

/** The first validation error, its message taken from `rules` when they name its parameter. */
export function validationErrorWithRules(err: Error, rules: Record<string, string>): HttpError {
  const validation = ((err as { validation?: unknown }).validation ?? []) as Parameters<
    typeof validationErrorBody
  >[0];
  const body = validationErrorBody(validation);
  const parameter = body.parameter;
  if (parameter !== undefined && Object.hasOwn(rules, parameter))
    return invalidParameter(parameter, `${parameter} must be ${rules[parameter]}`);
  return new HttpError("invalid-parameter", body.message, { parameter });
}

export function validationErrorWithLimit(err: Error, maxLimit: number): HttpError {
  return validationErrorWithRules(err, { limit: limitRule(maxLimit) });
}
