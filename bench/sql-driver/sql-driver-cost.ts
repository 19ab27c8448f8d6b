/**
 * Dollars per million SQL statements on AWS for the two ways a Lambda function reaches Aurora PostgreSQL, from list
 * prices (us-east-1, on demand, as of writing). The database's own capacity (ACU-hours) and storage are the same
 * for both and left out.
 */
export const PRICES = {
  /** RDS Data API, per million requests, the first billion a month (each 32 KB of payload counts as one request). */
  dataApiPerMillion: 0.35,
  /** RDS Proxy on Aurora Serverless v2: per ACU-hour of the database, at least 8 ACUs billed. */
  proxyPerAcuHour: 0.015,
  proxyMinimumAcus: 8,
  /** A NAT gateway, per hour (one AZ), for a function in a VPC to reach Kinesis, SQS and Step Functions. */
  natGatewayPerHour: 0.045,
  /** Or an interface endpoint per AZ per hour: Kinesis, SQS and Step Functions in two AZs. */
  interfaceEndpointPerAzHour: 0.01,
  hoursPerMonth: 730,
} as const;

/** A way the projection runner uses statements: how many statements share one transaction. */
export interface StatementShape {
  readonly name: string;
  readonly statementsPerTransaction: number;
}

/** The shapes of the comparison: a lone statement (a query), a gate and its change, a batch of ten events. */
export const SHAPES: readonly StatementShape[] = [
  { name: 'one statement, no transaction (a query)', statementsPerTransaction: 0 },
  { name: 'gate + change in one transaction', statementsPerTransaction: 2 },
  { name: 'a batch: gate + 10 changes in one transaction', statementsPerTransaction: 11 },
];

/** Data API requests per statement: Begin and Commit are requests too. */
export const requestsPerStatement = (shape: StatementShape): number =>
  shape.statementsPerTransaction === 0
    ? 1
    : (shape.statementsPerTransaction + 2) / shape.statementsPerTransaction;

/** The Data API's dollars per million statements of a shape. */
export const dataApiPerMillionStatements = (shape: StatementShape): number =>
  PRICES.dataApiPerMillion * requestsPerStatement(shape);

/** What the pooled-driver path costs a month whatever the traffic: the proxy, and the way out of the VPC. */
export function proxyMonthlyFloor(): { proxy: number; nat: number; endpoints: number } {
  const { hoursPerMonth: h } = PRICES;
  return {
    proxy: PRICES.proxyPerAcuHour * PRICES.proxyMinimumAcus * h,
    nat: PRICES.natGatewayPerHour * h,
    endpoints: PRICES.interfaceEndpointPerAzHour * 3 * 2 * h,
  };
}

/** Statements a month above which the proxy path (with a NAT gateway) costs less than the Data API. */
export function breakEvenStatementsPerMonth(shape: StatementShape): number {
  const floor = proxyMonthlyFloor();
  return ((floor.proxy + floor.nat) / dataApiPerMillionStatements(shape)) * 1e6;
}

/** The cost table in Markdown. */
export function costMarkdown(): string {
  const floor = proxyMonthlyFloor();
  const rows = SHAPES.map((shape) => {
    const breakEven = breakEvenStatementsPerMonth(shape);
    return `| ${shape.name} | ${requestsPerStatement(shape).toFixed(2)} | $${dataApiPerMillionStatements(shape).toFixed(2)} | ~$0 | ${(breakEven / 1e6).toFixed(0)} M (${(breakEven / (PRICES.hoursPerMonth * 3600)).toFixed(0)}/s) |`;
  });
  return [
    `Fixed cost a month of the pooled driver: RDS Proxy $${floor.proxy.toFixed(2)} (8 ACU minimum), plus a NAT gateway $${floor.nat.toFixed(2)} or three interface endpoints in two AZs $${floor.endpoints.toFixed(2)}. The Data API: $0.`,
    '',
    '| statements | Data API requests per statement | Data API $ per M statements | proxy $ per M statements (beyond its floor) | break-even (statements a month, sustained rate) |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
