import type { Clock } from '../../clock.js';

/** Protocols whose deliveries SNS can log (the `<Protocol>FailureFeedbackRoleArn` attribute family). */
export type SnsFeedbackProtocol = 'Application' | 'Firehose' | 'HTTP' | 'Lambda' | 'SQS';

export interface SnsFeedbackSpec {
  successRoleArn?: string;
  failureRoleArn?: string;
  /** Percentage of successful deliveries logged (0-100). */
  successSampleRate?: number;
}

export interface SnsTopicSpec {
  /** Topic name; FIFO topics end in `.fifo`. */
  name: string;
  displayName?: string;
  /** Key id, ARN or alias (`alias/aws/sns` for the AWS managed key); unset means no encryption at rest. */
  kmsMasterKeyId?: string;
  /**
   * The topic policy document. Unset gives SNS's default policy: the owner account only, through an
   * `AWS:SourceOwner` condition on a `*` principal.
   */
  policy?: { Version?: string; Id?: string; Statement: Record<string, unknown>[] };
  contentBasedDeduplication?: boolean;
  deliveryPolicy?: Record<string, unknown>;
  /** `Active` sends X-Ray segments; SNS's default is `PassThrough`. */
  tracing?: 'Active' | 'PassThrough';
  /** `1` (SHA1, the default) or `2` (SHA256). */
  signatureVersion?: '1' | '2';
  feedback?: Partial<Record<SnsFeedbackProtocol, SnsFeedbackSpec>>;
  tags?: Record<string, string>;
}

export type SnsProtocol =
  | 'http'
  | 'https'
  | 'email'
  | 'email-json'
  | 'sms'
  | 'sqs'
  | 'application'
  | 'lambda'
  | 'firehose';

export interface SnsSubscriptionSpec {
  protocol: SnsProtocol;
  /** Queue or function ARN, URL, address or phone number. */
  endpoint: string;
  /** Not confirmed yet: listed with the ARN `PendingConfirmation`. */
  pendingConfirmation?: boolean;
  /** The dead-letter queue ARN of the subscription's redrive policy. */
  deadLetterTargetArn?: string;
  filterPolicy?: Record<string, unknown>;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
  rawMessageDelivery?: boolean;
  /** Account that owns the subscription; the topic owner by default. */
  owner?: string;
}

export interface SimTopic {
  account: string;
  region: string;
  arn: string;
  spec: SnsTopicSpec;
  subscriptions: SimSubscription[];
  tags: Record<string, string>;
}

export interface SimSubscription {
  /** `arn:aws:sns:<region>:<account>:<topic>:<uuid>`, whether or not it is confirmed. */
  arn: string;
  topicArn: string;
  spec: SnsSubscriptionSpec;
  createdAt: number;
}

/** The simulated account's SNS topics and their subscriptions, per account and region. */
export class SimSnsStore {
  private readonly byArn = new Map<string, SimTopic>();
  private seq = 0;

  constructor(readonly clock: Clock) {}

  addTopic(account: string, region: string, spec: SnsTopicSpec): SimTopic {
    const arn = `arn:aws:sns:${region}:${account}:${spec.name}`;
    const topic: SimTopic = { account, region, arn, spec, subscriptions: [], tags: { ...(spec.tags ?? {}) } };
    this.byArn.set(arn, topic);
    return topic;
  }

  /** Subscribes an endpoint to a topic added before; throws when the topic is unknown (a setup bug). */
  subscribe(topicArn: string, spec: SnsSubscriptionSpec): SimSubscription {
    const topic = this.byArn.get(topicArn);
    if (!topic) throw new Error(`no SNS topic ${topicArn}`);
    this.seq++;
    // Deterministic UUID-shaped ids keep demo and test output stable.
    const hex = this.seq.toString(16).padStart(12, '0');
    const sub: SimSubscription = {
      arn: `${topicArn}:5b1a7c2e-3d4f-4a6b-8c9d-${hex}`,
      topicArn,
      spec,
      createdAt: this.clock.now(),
    };
    topic.subscriptions.push(sub);
    return sub;
  }

  /** Topics of one account and region, in ARN order (the order ListTopics pages through). */
  topics(account: string, region: string): SimTopic[] {
    return [...this.byArn.values()]
      .filter((t) => t.account === account && t.region === region)
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  }

  topic(account: string, region: string, arn: string): SimTopic | undefined {
    const t = this.byArn.get(arn);
    return t && t.account === account && t.region === region ? t : undefined;
  }

  subscription(account: string, region: string, arn: string): SimSubscription | undefined {
    const topicArn = arn.split(':').slice(0, 6).join(':');
    return this.topic(account, region, topicArn)?.subscriptions.find((s) => s.arn === arn);
  }
}
