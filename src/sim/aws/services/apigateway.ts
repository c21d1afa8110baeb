import type { ServiceDefinition } from '../service.js';

/** PLACEHOLDER (being written this session): API Gateway REST APIs (v1), REST-JSON. */
export const apigatewayService: ServiceDefinition = {
  id: 'apigateway',
  signingName: 'apigateway',
  iamPrefix: 'apigateway',
  protocol: 'restJson1',
  restPathPrefix: '/restapis',
  validationErrorCode: 'BadRequestException',
  operations: [],
};
