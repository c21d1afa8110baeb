import type { ServiceDefinition } from '../service.js';

/** PLACEHOLDER (being written this session): EventBridge, JSON 1.1. */
export const eventbridgeService: ServiceDefinition = {
  id: 'eventbridge',
  signingName: 'events',
  iamPrefix: 'events',
  protocol: 'awsJson1_1',
  targetPrefix: 'AWSEvents',
  validationErrorCode: 'ValidationException',
  operations: [],
};
