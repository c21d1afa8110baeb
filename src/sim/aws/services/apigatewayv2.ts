import type { ServiceDefinition } from '../service.js';

/** PLACEHOLDER (being written this session): API Gateway HTTP and WebSocket APIs (v2), REST-JSON. */
export const apigatewayv2Service: ServiceDefinition = {
  id: 'apigatewayv2',
  signingName: 'apigateway',
  iamPrefix: 'apigateway',
  protocol: 'restJson1',
  restPathPrefix: '/v2/',
  validationErrorCode: 'BadRequestException',
  operations: [],
};
