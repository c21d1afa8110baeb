import type { ServiceDefinition } from '../service.js';

/** PLACEHOLDER (being written this session): the Well-Architected Tool, REST-JSON. */
export const wellarchitectedService: ServiceDefinition = {
  id: 'wellarchitected',
  signingName: 'wellarchitected',
  iamPrefix: 'wellarchitected',
  protocol: 'restJson1',
  restPathPrefix: '/workloads',
  validationErrorCode: 'ValidationException',
  operations: [],
};
