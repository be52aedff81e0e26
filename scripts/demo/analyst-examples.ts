import { customerId } from './customers';
import { DEMO_LOCATIONS } from './network';

// What to paste next: questions an analyst would ask, against the ids the demo generated.

export function analystExamples(apiUrl: string, analystKey: string, now = new Date()): string[] {
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const [from, to] = [day(30), day(0)];
  const oslo = DEMO_LOCATIONS[0]!.locationId;
  const [ingrid, maya] = [customerId(1), customerId(2)];
  return [
    `A='Authorization: Bearer ${analystKey}'; API=${apiUrl}`,
    `curl -s "$API/v1/customers/${ingrid}/timeline?limit=10" -H "$A"     # Ingrid's timeline, newest first`,
    `curl -s "$API/v1/customers/${ingrid}/timeline?types=ComplaintOpened,ComplaintResolved,ComplaintReopened,RefundIssued" -H "$A"`,
    `curl -s "$API/v1/customers/${maya}/timeline?types=PurchaseRecorded,CallLogged&limit=5" -H "$A"     # Maya, New York`,
    `curl -s "$API/v1/customers/${ingrid}/profile" -H "$A"               # what the agent sees when she calls`,
    `curl -s "$API/v1/customers/${ingrid}/lifetime-value" -H "$A"`,
    `curl -s "$API/v1/locations/${oslo}/performance?from=${from}&to=${to}&granularity=week" -H "$A"`,
    `curl -s "$API/v1/locations/performance?from=${from}&to=${to}&orderBy=nps" -H "$A"     # the network ranking; or orderBy=purchases, firstContactResolutionRate, ...`,
    `curl -s "$API/v1/analytics/lifetime-value?currency=NOK&limit=5" -H "$A"     # the top customers in NOK`,
  ];
}
