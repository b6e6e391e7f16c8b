/**
 * Alarms: errors and throttles per function, 5xx on the API, failed scheduler invocations. All go
 * to one SNS topic (encrypted with a customer managed key, since CloudWatch cannot publish to a
 * topic encrypted with the AWS managed SNS key). Subscribe an address with the `alarmEmail`
 * context value.
 */
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  functions: Record<string, IFunction>;
  httpApi: IHttpApi;
  /** Where alarm notifications go. @default no subscription (topic only) */
  alarmEmail?: string;
}

export class Monitoring extends Construct {
  public readonly topic: Topic;
  public readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    const key = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'cop-review alarm topic',
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'Alarms', {
      masterKey: key,
      enforceSSL: true,
      displayName: 'cop-review alarms',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
    };

    const period = Duration.minutes(5);
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}-Errors`,
        fn.metricErrors({ period }),
        1,
        `${name}: invocation errors (unhandled exceptions, timeouts)`,
      );
      alarm(`${name}-Throttles`, fn.metricThrottles({ period }), 1, `${name}: throttled invocations`);
    }
    alarm(
      'Api-5xx',
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensionsMap: { ApiId: props.httpApi.apiId },
        statistic: 'Sum',
        period,
      }),
      5,
      'HTTP API: server errors (5xx) returned to clients',
    );
  }
}
