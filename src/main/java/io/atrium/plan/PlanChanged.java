package io.atrium.plan;

/** Published inside the transaction that changes an account's plan, so the cached plan is dropped once it commits. */
record PlanChanged(String accountId) {
}
