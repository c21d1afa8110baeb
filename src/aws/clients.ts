import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { WellArchitectedClient } from '@aws-sdk/client-wellarchitected';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountSettings } from '../config.js';

/** One account and region that Pillar reads. `account` is the name from the settings. */
export interface AwsTarget {
  account: string;
  region: string;
}

export interface AwsClientOptions {
  accounts: AccountSettings[];
  /** Explicit endpoint (tests, the demo); otherwise the SDK's own chain, incl. AWS_ENDPOINT_URL*. */
  endpoint?: string;
  /** Explicit base credentials (tests, the demo); otherwise the SDK's default provider chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK attempts per call, throttling retries included (the SDK's standard retry mode). */
  maxAttempts?: number;
}

export interface AwsClients {
  logs(target: AwsTarget): CloudWatchLogsClient;
  lambda(target: AwsTarget): LambdaClient;
  cloudwatch(target: AwsTarget): CloudWatchClient;
  sqs(target: AwsTarget): SQSClient;
  dynamodb(target: AwsTarget): DynamoDBClient;
  stepfunctions(target: AwsTarget): SFNClient;
  /** API Gateway REST APIs (v1). */
  apigateway(target: AwsTarget): APIGatewayClient;
  /** API Gateway HTTP and WebSocket APIs (v2). */
  apigatewayv2(target: AwsTarget): ApiGatewayV2Client;
  sns(target: AwsTarget): SNSClient;
  kinesis(target: AwsTarget): KinesisClient;
  eventbridge(target: AwsTarget): EventBridgeClient;
  /** The Well-Architected Tool, in the region a workload is defined in. */
  wellarchitected(target: AwsTarget): WellArchitectedClient;
  destroy(): void;
}

/**
 * SDK clients per account and region, built once and reused: the standard retry mode expects
 * clients to be pooled per throttled resource. Accounts with a role assume it through STS.
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const base = options.credentials ?? fromNodeProviderChain();
  const byName = new Map(options.accounts.map((a) => [a.name, a]));
  const cache = new Map<string, { destroy(): void }>();
  const credentialCache = new Map<string, AwsCredentialIdentity | AwsCredentialIdentityProvider>();

  function credentialsFor(target: AwsTarget) {
    const account = byName.get(target.account);
    if (!account?.roleArn) return base;
    const key = `${target.account}|${target.region}`;
    let provider = credentialCache.get(key);
    if (!provider) {
      provider = fromTemporaryCredentials({
        masterCredentials: base,
        params: {
          RoleArn: account.roleArn,
          RoleSessionName: 'pillar',
          DurationSeconds: 3600,
          ...(account.externalId ? { ExternalId: account.externalId } : {}),
        },
        clientConfig: {
          region: target.region,
          ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        },
      });
      credentialCache.set(key, provider);
    }
    return provider;
  }

  function config(target: AwsTarget) {
    return {
      region: target.region,
      credentials: credentialsFor(target),
      maxAttempts: options.maxAttempts ?? 3,
      retryMode: 'standard' as const,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    };
  }

  function get<T extends { destroy(): void }>(kind: string, target: AwsTarget, make: () => T): T {
    const key = `${kind}|${target.account}|${target.region}`;
    let client = cache.get(key) as T | undefined;
    if (!client) {
      client = make();
      cache.set(key, client);
    }
    return client;
  }

  return {
    logs: (t) => get('logs', t, () => new CloudWatchLogsClient(config(t))),
    lambda: (t) => get('lambda', t, () => new LambdaClient(config(t))),
    cloudwatch: (t) => get('cloudwatch', t, () => new CloudWatchClient(config(t))),
    // The regional endpoint, never the queue URL's host (the sim's URLs name the real one).
    sqs: (t) => get('sqs', t, () => new SQSClient({ ...config(t), useQueueUrlAsEndpoint: false })),
    dynamodb: (t) => get('dynamodb', t, () => new DynamoDBClient(config(t))),
    stepfunctions: (t) => get('stepfunctions', t, () => new SFNClient(config(t))),
    apigateway: (t) => get('apigateway', t, () => new APIGatewayClient(config(t))),
    apigatewayv2: (t) => get('apigatewayv2', t, () => new ApiGatewayV2Client(config(t))),
    sns: (t) => get('sns', t, () => new SNSClient(config(t))),
    // Kinesis defaults to HTTP/2 (for SubscribeToShard, which Pillar never calls); the control-plane
    // reads work over HTTP/1.1, which every endpoint (and the simulated account) speaks.
    kinesis: (t) =>
      get('kinesis', t, () => new KinesisClient({ ...config(t), requestHandler: new NodeHttpHandler() })),
    eventbridge: (t) => get('eventbridge', t, () => new EventBridgeClient(config(t))),
    wellarchitected: (t) => get('wellarchitected', t, () => new WellArchitectedClient(config(t))),
    destroy() {
      for (const c of cache.values()) c.destroy();
      cache.clear();
    },
  };
}
