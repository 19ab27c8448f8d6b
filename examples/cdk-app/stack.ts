import { join } from 'node:path';
import { type App, Stack, type StackProps, aws_sns as sns } from 'aws-cdk-lib';
import { Eventfold, type EventfoldProps } from '../../src/infrastructure/cdk';
import { app } from './eventfold-app';

/** Options of the example stack. */
export interface ExamplesStackProps extends StackProps {
  /** An existing SNS topic the alarms notify. */
  readonly alarmTopicArn?: string;
  /** Overrides of the construct's settings. */
  readonly eventfold?: Partial<EventfoldProps>;
}

/** The stack of the example deployment: eventfold serving the orders, bank and prices domains. */
export class ExamplesStack extends Stack {
  readonly eventfold: Eventfold;

  constructor(scope: App, id: string, props: ExamplesStackProps = {}) {
    super(scope, id, props);
    const alarmTopic = props.alarmTopicArn
      ? sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn)
      : undefined;
    this.eventfold = new Eventfold(this, 'Eventfold', {
      appModule: join(__dirname, 'eventfold-app.ts'),
      projections: app.projections,
      alarmTopic,
      ...props.eventfold,
    });
  }
}
