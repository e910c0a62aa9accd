/**
 * Routing of problems to departments: explicit rules, then a learned text model with category,
 * chain and town priors; triage below a confidence threshold. See docs/routing.md.
 */
export { routeProblem, DEFAULT_THRESHOLD, type RouteInput, type RouteOptions, type RouteDecision, type Suggestion } from './engine'
export {
  trainRouter,
  compileModel,
  parseModelJson,
  crossValidate,
  fitTemperature,
  fnv1a,
  DEFAULT_PARAMS,
  MODEL_FORMAT,
  type LabelledExample,
  type ModelParams,
  type RouterModel,
  type RouterModelJson
} from './model'
export { DEFAULT_RULES, matchRules, validateRule, type RoutingRule } from './rules'
export {
  DEPARTMENT_IDS,
  DISTRICT_DEPARTMENTS,
  TOWNS as ROUTING_TOWNS,
  CHAINS as ROUTING_CHAINS,
  DEFAULT_CHAIN_LEADS,
  ROUTING_CLASSES,
  isDepartmentId,
  classOfDepartment,
  departmentName
} from './departments'
export { exampleFromHistory, type RoutingHistory } from './history'
export { parseRouteLine, parseTrainingLine, decisionLine, evaluate, type RouteLine, type TrainingLine, type EvalCase, type EvalReport } from './io'
