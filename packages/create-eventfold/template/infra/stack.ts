import { join } from 'node:path';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Eventfold } from 'eventfold/cdk';
import { app } from '../src/app';

/** The app's stack: the event store, streams, projections, replays and the HTTP API, serving `src/app.ts`. */
export class AppStack extends Stack {
  readonly eventfold: Eventfold;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.eventfold = new Eventfold(this, 'Eventfold', {
      appModule: join(__dirname, '..', 'src', 'app.ts'),
      projections: app.projections,
    });
  }
}
