/**
 * Time-driven work, run by EventBridge Scheduler against one function passed in through props:
 * a daily sweep for approaching and missed deadlines, and frequent outbox delivery. Each schedule
 * sends `{ task }` so one handler can serve both. A missed tick loses nothing: due reminders and
 * pending outbox messages stay in the table (gsi2) until a later run handles them.
 */
import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

/** The tasks the scheduled function receives as `event.task`. */
export const SCHEDULED_TASKS = ['deadline-reminders', 'outbox-delivery'] as const;
export type ScheduledTask = (typeof SCHEDULED_TASKS)[number];

export interface SchedulesProps {
  /** The function that runs the tasks (receives `{ task: ScheduledTask }`). */
  target: IFunction;
  /** @default every 5 minutes */
  outboxEvery?: Duration;
  /** Hour (UTC) of the daily deadline sweep. @default 6 */
  remindersHourUtc?: number;
}

export class Schedules extends Construct {
  public readonly schedules: Record<ScheduledTask, Schedule>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    // Our own role (not the shared per-stack default) so its one finding is acknowledged here.
    const role = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invoke the cop-review scheduled function',
    });
    const cfnTarget = props.target.node.defaultChild;
    const targetId = cfnTarget instanceof CfnResource ? Stack.of(this).getLogicalId(cfnTarget) : 'unknown';
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${targetId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on versions and aliases of the one scheduled function (grantInvoke adds `<arn>:*`).',
    });
    const invoke = (task: ScheduledTask, maxEventAge: Duration) =>
      new LambdaInvoke(props.target, {
        input: ScheduleTargetInput.fromObject({ task }),
        role,
        retryAttempts: 2,
        maxEventAge,
      });

    this.schedules = {
      'deadline-reminders': new Schedule(this, 'DeadlineReminders', {
        description: 'Daily: remind focal points and experts of approaching and missed deadlines',
        schedule: ScheduleExpression.cron({ minute: '0', hour: String(props.remindersHourUtc ?? 6) }),
        timeWindow: TimeWindow.flexible(Duration.minutes(15)),
        target: invoke('deadline-reminders', Duration.hours(6)),
      }),
      'outbox-delivery': new Schedule(this, 'OutboxDelivery', {
        description: 'Deliver pending outbox messages (notifications)',
        schedule: ScheduleExpression.rate(props.outboxEvery ?? Duration.minutes(5)),
        timeWindow: TimeWindow.off(),
        target: invoke('outbox-delivery', Duration.minutes(10)),
      }),
    };
  }
}
