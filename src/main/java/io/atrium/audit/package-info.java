/**
 * The audit log of each account: who changed what, when, and from where (R-ORG-7). Features write entries in the
 * transaction of their change ({@link io.atrium.audit.AuditLog}); {@link io.atrium.audit.AuditEntries} reads them
 * filtered and paged for callers that have checked the reader is an admin of the account.
 */
@ApplicationModule(allowedDependencies = {"shared"})
package io.atrium.audit;

import org.springframework.modulith.ApplicationModule;
