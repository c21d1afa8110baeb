import type { ServiceDefinition } from '../service.js';

/** PLACEHOLDER (being written this session): Kinesis Data Streams, JSON 1.1. */
export const kinesisService: ServiceDefinition = {
  id: 'kinesis',
  signingName: 'kinesis',
  iamPrefix: 'kinesis',
  protocol: 'awsJson1_1',
  targetPrefix: 'Kinesis_20131202',
  validationErrorCode: 'ValidationException',
  operations: [],
};
