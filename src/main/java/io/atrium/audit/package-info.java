/** The audit log of each account: who changed what, when, and from where (R-ORG-7). */
package io.atrium.audit;
