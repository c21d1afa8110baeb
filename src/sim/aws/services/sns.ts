import type { ServiceDefinition } from '../service.js';

/** PLACEHOLDER (being written this session): SNS, Query protocol with XML answers. */
export const snsService: ServiceDefinition = {
  id: 'sns',
  signingName: 'sns',
  iamPrefix: 'sns',
  protocol: 'awsQuery',
  queryVersion: '2010-03-31',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  validationErrorCode: 'InvalidParameter',
  operations: [],
};
