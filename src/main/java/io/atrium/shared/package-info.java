/**
 * Small building blocks every feature uses: identifiers, the clock, the public URL and input rules that
 * are the same everywhere (email addresses, display names).
 */
@ApplicationModule(allowedDependencies = {})
package io.atrium.shared;

import org.springframework.modulith.ApplicationModule;
